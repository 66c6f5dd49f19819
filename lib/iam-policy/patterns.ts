// Matching policy values with request values: wildcards, policy variables and ARNs.
export interface MatchContext {
  /** Policy variables (${aws:username}) are substituted only in 2012-10-17 documents, as in IAM. */
  variables: boolean;
  lookup(key: string): string[] | undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Compiles a policy string into an anchored RegExp: `*` and `?` are wildcards when `wildcards` is set,
 * `${key}` and `${key, 'default'}` are replaced by the request's value (literally), and `${*}`, `${?}`,
 * `${$}` stand for the characters themselves. Undefined when a variable has no value: IAM then treats
 * the string as not matching.
 */
export function compilePattern(pattern: string, wildcards: boolean, ignoreCase: boolean, ctx: MatchContext): RegExp | undefined {
  let source = '';
  let i = 0;
  // i moves by one character or to just past a variable's "}", so it reaches the length exactly.
  while (i !== pattern.length) {
    const char = pattern.charAt(i);
    if (ctx.variables && char === '$' && pattern[i + 1] === '{') {
      const end = pattern.indexOf('}', i + 2);
      if (end !== -1) {
        const inner = pattern.slice(i + 2, end).trim();
        i = end + 1;
        if (inner === '*' || inner === '?' || inner === '$') {
          source += escapeRegExp(inner);
          continue;
        }
        const withDefault = /^([^,]+?)\s*,\s*'([^']*)'$/.exec(inner);
        // The lazy group stops before the spaces ahead of the comma, and `inner` is trimmed: no trim needed.
        const key = withDefault?.[1] ?? inner;
        const values = ctx.lookup(key);
        // Variables stand for single values; a multivalued key cannot be substituted.
        const value = values && values.length === 1 ? values[0] : withDefault?.[2];
        if (value === undefined) return undefined;
        source += escapeRegExp(value);
        continue;
      }
    }
    if (wildcards && char === '*') source += '.*';
    else if (wildcards && char === '?') source += '.';
    else source += escapeRegExp(char);
    i += 1;
  }
  return new RegExp(`^${source}$`, ignoreCase ? 'isu' : 'su');
}

export function wildcardMatch(pattern: string, value: string, ignoreCase: boolean, ctx: MatchContext): boolean | undefined {
  const regex = compilePattern(pattern, true, ignoreCase, ctx);
  return regex ? regex.test(value) : undefined;
}

/** Splits an ARN (or ARN pattern) into its six colon-separated parts; colons inside ${…} do not count. */
export function splitArn(text: string): string[] | undefined {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  for (const char of text) {
    if (char === '{' && current.endsWith('$')) depth += 1;
    if (char === '}' && depth > 0) depth -= 1;
    if (char === ':' && depth === 0 && parts.length < 5) {
      parts.push(current);
      // Stryker disable next-line StringLiteral: a pattern's and a value's parts would all carry the same prefix, so part-by-part comparisons would not change.
      current = '';
      continue;
    }
    current += char;
  }
  parts.push(current);
  return parts.length === 6 && parts[0] === 'arn' ? parts : undefined;
}

/**
 * ARN matching as in ArnLike and Resource: each of the six parts is matched on its own, so a wildcard
 * never spans a colon outside the resource part. A pattern that starts like an ARN but lacks parts
 * ("arn:aws:iam::*") matches nothing; other patterns ("*") match the whole value.
 */
export function arnMatch(pattern: string, value: string, ctx: MatchContext): boolean | undefined {
  const patternParts = splitArn(pattern);
  if (!patternParts) return pattern.startsWith('arn:') ? false : wildcardMatch(pattern, value, false, ctx);
  const valueParts = splitArn(value);
  if (!valueParts) return false;
  let result: boolean | undefined = true;
  patternParts.forEach((part, index) => {
    // A part that does not match decides (false && … stays false), even when a later part cannot be
    // compared; undefined (cannot be compared) stays undefined otherwise.
    result = result && wildcardMatch(part, valueParts[index]!, false, ctx);
  });
  return result;
}
