// How problems quote and describe the values they are about: never more of a value than needed, and
// never the value of a field that may hold a secret (only where in it the problem is).

/** "a", "a and b", "a, b and c". */
export function joinList(items: string[]): string {
  // Stryker disable next-line StringLiteral: one item or none is joined without a separator, whatever it is
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A value's JSON type as problems name it: "a number", "an array", "null". */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/**
 * Where the first character outside `allowed` is, without quoting the value: a customer who swapped
 * the form's fields would otherwise see their External ID echoed in logs, dead letters and statuses.
 */
export function firstDisallowedCharacter(value: string, allowed: RegExp): string {
  let position = 0;
  for (const ch of value) {
    position += 1;
    if (allowed.test(ch)) continue;
    const code = ch.codePointAt(0)!;
    const shown = code > 0x20 && code < 0x7f ? `"${ch}"` : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    return `${shown} at position ${position}`;
  }
  return 'none';
}

/** Bad values are quoted back only this far: a field can be kilobytes long, and its text ends up in records. */
export const QUOTE_MAX_LENGTH = 40;

/** A bad value as problems quote it: JSON-quoted, cut to its first characters (whole code points). */
export function quotePrefix(value: string, max = QUOTE_MAX_LENGTH): string {
  const chars = Array.from(value);
  return chars.length <= max ? JSON.stringify(value) : `${JSON.stringify(chars.slice(0, max).join(''))}… (${chars.length} characters)`;
}
