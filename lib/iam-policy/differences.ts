// Condition values that must not be shown (sts:ExternalId), and how two values that should have been
// equal differ when the difference is of the kind people make by hand: surrounding whitespace, letter
// case. Neither value is ever printed.
import { whitespaceName } from '../external-id';


/** Condition keys whose values are never shown in clear (compared in lower case). */
const SECRET_KEYS = new Set(['sts:externalid']);

export function isSecretConditionKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase());
}


// Characters that survive copy and paste from forms and documents and are invisible once pasted.
const EDGE_SPACE = /^[\s\u200b\u200c\u200d\u2060\ufeff]+|[\s\u200b\u200c\u200d\u2060\ufeff]+$/g;
const ANY_SPACE = /[\s\u200b\u200c\u200d\u2060\ufeff]/g;

/** The value without leading and trailing whitespace, including the invisible kinds pasting brings along. */
export function stripEdgeWhitespace(value: string): string {
  return value.replace(EDGE_SPACE, '');
}

function nameOf(char: string): string {
  return `a ${whitespaceName(char) ?? 'whitespace character'}`;
}

// Both patterns match every string (the run may be empty), hence no fallback. The leading pattern
// without its ^ is an equivalent mutant: a * pattern matches at index 0 anyway.
function edgeWhitespace(value: string): { leading: string; trailing: string } {
  const leading = /^[\s\u200b\u200c\u200d\u2060\ufeff]*/.exec(value)![0];
  const trailing = leading.length === value.length ? '' : /[\s\u200b\u200c\u200d\u2060\ufeff]*$/.exec(value)![0];
  return { leading, trailing };
}

function describeEdge(side: string, value: string): string[] {
  const { leading, trailing } = edgeWhitespace(value);
  const parts: string[] = [];
  if (leading) parts.push(`${side} starts with ${nameOf(leading[0] ?? ' ')}`);
  if (trailing) parts.push(`${side} ends with ${nameOf(trailing[trailing.length - 1] ?? ' ')}`);
  return parts;
}

/**
 * How two strings that are not equal differ, when the difference is of the kind people make by hand
 * (surrounding whitespace, letter case), without printing either. Undefined for any other difference.
 * `actual` is the request's value and `expected` the policy's.
 */
export function describeDifference(actual: string, expected: string): string | undefined {
  if (actual === expected) return undefined;
  const trimmedEqual = stripEdgeWhitespace(actual) === stripEdgeWhitespace(expected);
  if (trimmedEqual) {
    const edges = [...describeEdge("the request's value", actual), ...describeEdge("the policy's value", expected)];
    const { leading: la, trailing: ta } = edgeWhitespace(actual);
    const { leading: le, trailing: te } = edgeWhitespace(expected);
    const where = la !== le && ta !== te ? 'leading and trailing' : la !== le ? 'leading' : 'trailing';
    return `they differ only by ${where} whitespace (${edges.join(', ')})`;
  }
  if (actual.toLowerCase() === expected.toLowerCase()) return 'they differ only in letter case';
  if (stripEdgeWhitespace(actual).toLowerCase() === stripEdgeWhitespace(expected).toLowerCase()) {
    const edges = [...describeEdge("the request's value", actual), ...describeEdge("the policy's value", expected)];
    return `they differ in letter case and by surrounding whitespace (${edges.join(', ')})`;
  }
  if (actual.replace(ANY_SPACE, '') === expected.replace(ANY_SPACE, '')) return 'they differ only by whitespace inside the value';
  return undefined;
}
