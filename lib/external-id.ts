// A customer's External ID: how it is checked, described and compared, never shown.
//
// The value is never printed, logged or returned: it is described by its length and a short
// fingerprint, which is enough for support and the customer to compare two values without exposing
// them. Whitespace and disallowed characters are described by kind and position, never by the text
// around them: even one character of an External ID is part of the value.
import { createHash } from 'node:crypto';
import { joinList } from './problem-text';

export interface ExternalIdFingerprint {
  length: number;
  /** The first 8 hex characters of the SHA-256 of the value. */
  fingerprint: string;
}

/** sts:AssumeRole's ExternalId: 2-1224 characters from [\w+=,.@:/-]. */
export const EXTERNAL_ID_MIN_LENGTH = 2;
export const EXTERNAL_ID_MAX_LENGTH = 1224;
const EXTERNAL_ID_CHAR = /[\w+=,.@:/-]/;

/** First 8 hex characters of the value's SHA-256: enough to tell two values apart, useless to recover one. */
export function fingerprint(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 8);
}

/** '24 chars, fp 1a2b3c4d' — how a secret appears in policy evaluation reasons and logs. */
export function describeSecret(value: string): string {
  const length = [...value].length;
  return `${length} ${length === 1 ? 'char' : 'chars'}, fp ${fingerprint(value)}`;
}

export function externalIdFingerprint(externalId: string): ExternalIdFingerprint {
  return {
    length: externalId.length,
    fingerprint: fingerprint(externalId),
  };
}

/** "24 characters, fingerprint 1a2b3c4d": what support may show instead of the value. */
export function describeFingerprint(id: ExternalIdFingerprint): string {
  return `${id.length} character${id.length === 1 ? '' : 's'}, fingerprint ${id.fingerprint}`;
}

export function describeExternalId(externalId: string): string {
  return describeFingerprint(externalIdFingerprint(externalId));
}

// ---------------------------------------------------------------------------------------------------
// Whitespace, described by where it is, never by the text around it.

const WHITESPACE_NAMES: ReadonlyMap<string, string> = new Map([
  [' ', 'space'],
  ['\t', 'tab'],
  ['\n', 'newline'],
  ['\r', 'carriage return'],
  ['\u00a0', 'non-breaking space'],
  ['\u200b', 'zero-width space'],
  ['\u200c', 'zero-width space'],
  ['\u200d', 'zero-width space'],
  ['\u2060', 'zero-width space'],
  ['\ufeff', 'byte-order mark'],
]);

/** "space", "newline", "zero-width space"; undefined for a whitespace character without a common name. */
export function whitespaceName(ch: string): string | undefined {
  return WHITESPACE_NAMES.get(ch);
}

function namedWhitespace(ch: string): string {
  return whitespaceName(ch) ?? `whitespace character U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function describeRun(run: string, where: 'leading' | 'trailing'): string {
  if (run === '\r\n') return `a ${where} carriage return and newline (a Windows line ending)`;
  if (run.length === 1) return `a ${where} ${namedWhitespace(run)}`;
  const names = [...run].map(namedWhitespace);
  return `${run.length} ${where} whitespace characters (${names.join(', ')})`;
}

/** Where the whitespace in a value is: "a trailing newline", "a space at position 7". Empty when none. */
export function describeWhitespace(value: string): string[] {
  if (value.length > 0 && value.trim().length === 0) {
    return [`consists only of whitespace (${value.length} character${value.length === 1 ? '' : 's'})`];
  }
  // Positions count characters as a person does (code points), like the other checks.
  const chars = Array.from(value);
  const leading = /^\s+/.exec(value)?.[0] ?? '';
  const trailing = /\s+$/.exec(value)?.[0] ?? '';
  const found: string[] = [];
  if (leading) found.push(describeRun(leading, 'leading'));
  const inner: string[] = [];
  for (let i = leading.length; i < chars.length - trailing.length; i++) {
    const ch = chars[i]!;
    if (/\s/.test(ch)) inner.push(`a ${namedWhitespace(ch)} at position ${i + 1}`);
  }
  if (inner.length > 3) found.push(`${inner.slice(0, 3).join(', ')} and ${inner.length - 3} more whitespace characters inside`);
  else found.push(...inner);
  if (trailing) found.push(describeRun(trailing, 'trailing'));
  return found;
}

// ---------------------------------------------------------------------------------------------------
// External ID

/**
 * A class of character, never the character itself: even one character of an External ID is part of
 * the value. The class is what tells the customer where it came from (a word processor, a PDF).
 */
function describeDisallowed(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code === 0x200b || code === 0x200c || code === 0x200d || code === 0x2060) {
    return 'an invisible character (a zero-width space or joiner, usually copied from a document)';
  }
  if ('\u2018\u2019\u201c\u201d'.includes(ch)) return 'a typographic quotation mark (often added by a word processor)';
  if ('\u2010\u2011\u2012\u2013\u2014\u2212'.includes(ch)) return 'a typographic dash (often added by a word processor)';
  if (`"'\``.includes(ch)) return 'a quotation mark (copied together with the value?)';
  // Stryker disable next-line EqualityOperator: U+0020 is a space, which is whitespace and never reaches here
  if (code < 0x20 || code === 0x7f) return 'a control character';
  if (code > 0x7e) return 'a non-ASCII character';
  return 'a punctuation character AWS does not allow';
}

/** Every problem with an External ID, without its value. Empty when STS will accept it. */
export function externalIdProblems(externalId: string): string[] {
  if (externalId.length === 0) {
    return [`is empty; AWS requires ${EXTERNAL_ID_MIN_LENGTH} to ${EXTERNAL_ID_MAX_LENGTH} characters`];
  }
  const problems: string[] = [];
  const whitespace = describeWhitespace(externalId);
  if (whitespace.length > 0) {
    const rest = externalId.replace(/\s/g, '');
    const cleanOtherwise =
      rest.length >= EXTERNAL_ID_MIN_LENGTH && rest.length <= EXTERNAL_ID_MAX_LENGTH && [...rest].every((c) => EXTERNAL_ID_CHAR.test(c));
    problems.push(
      `contains whitespace: ${joinList(whitespace)}` +
        (cleanOtherwise ? ' (without the whitespace it is a valid External ID)' : ''),
    );
  }
  const disallowed: string[] = [];
  let position = 0;
  for (const ch of externalId) {
    position += 1;
    if (/\s/.test(ch) || EXTERNAL_ID_CHAR.test(ch)) continue;
    disallowed.push(`${describeDisallowed(ch)} at position ${position}`);
  }
  if (disallowed.length > 0) {
    const shown = disallowed.length > 3 ? `${disallowed.slice(0, 3).join(', ')} and ${disallowed.length - 3} more` : joinList(disallowed);
    problems.push(`contains ${shown}; allowed are letters, digits and _+=,.@:/-`);
  }
  if (externalId.length < EXTERNAL_ID_MIN_LENGTH) {
    problems.push(`is ${externalId.length} character long; AWS requires at least ${EXTERNAL_ID_MIN_LENGTH}`);
  } else if (externalId.length > EXTERNAL_ID_MAX_LENGTH) {
    problems.push(`is ${externalId.length} characters long; AWS allows at most ${EXTERNAL_ID_MAX_LENGTH}`);
  }
  return problems;
}

/** Only the length is judged here: the characters are the pre-flight's to explain to the customer. */
export function externalIdLengthProblems(externalId: string): string[] {
  return externalId.length > EXTERNAL_ID_MAX_LENGTH ? [`is ${externalId.length} characters long; AWS allows at most ${EXTERNAL_ID_MAX_LENGTH}`] : [];
}
