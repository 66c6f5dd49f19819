// The condition operators (StringEquals, ArnLike, NumericLessThan, IpAddress, …), their set and
// IfExists forms, and how each one compares and words its result.
import { arnMatch, compilePattern, type MatchContext, splitArn, wildcardMatch } from './patterns';
/** Compares one request value with one policy value; undefined when they cannot be compared (not a number, …). */
type Compare = (actual: string, expected: string, ctx: MatchContext) => boolean | undefined;

export interface OperatorSpec {
  name: string;
  negated: boolean;
  compare: Compare;
  /** [affirmative, negative] verb phrases: 'equals' / 'does not equal'. */
  verbs: [string, string];
  /** What a policy value is called in reasons. */
  noun: 'value' | 'pattern' | 'range';
}

function parseNumber(text: string): number | undefined {
  if (!/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(text)) return undefined;
  return Number(text);
}

function parseDate(text: string): number | undefined {
  // IAM accepts ISO 8601 dates and epoch seconds.
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}

function numeric(test: (a: number, b: number) => boolean): Compare {
  return (actual, expected) => {
    const a = parseNumber(actual);
    const b = parseNumber(expected);
    return a === undefined || b === undefined ? undefined : test(a, b);
  };
}

function dated(test: (a: number, b: number) => boolean): Compare {
  return (actual, expected) => {
    const a = parseDate(actual);
    const b = parseDate(expected);
    return a === undefined || b === undefined ? undefined : test(a, b);
  };
}

function parseIp(text: string): { bits: bigint; width: number } | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const octets = v4.slice(1).map(Number);
    if (octets.some((o) => o > 255)) return undefined;
    return { bits: octets.reduce((acc, o) => (acc << 8n) | BigInt(o), 0n), width: 32 };
  }
  // Without a colon there is one group, which fails the group count below.
  if (!/^[0-9a-fA-F:]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  // Without "::", missing is 0 (checked above).
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  if (groups.some((g) => g.length === 0 || g.length > 4)) return undefined;
  return { bits: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n), width: 128 };
}

const ipInRange: Compare = (actual, expected) => {
  const [base, prefixText] = expected.split('/') as [string, string | undefined];
  const address = parseIp(actual.trim());
  const network = parseIp(base.trim());
  if (!address || !network) return undefined;
  if (address.width !== network.width) return false;
  const prefix = prefixText === undefined ? network.width : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > network.width) return undefined;
  const shift = BigInt(network.width - prefix);
  return address.bits >> shift === network.bits >> shift;
};

const stringEquals: Compare = (actual, expected, ctx) => compilePattern(expected, false, false, ctx)?.test(actual);
const stringEqualsIgnoreCase: Compare = (actual, expected, ctx) => compilePattern(expected, false, true, ctx)?.test(actual);
const stringLike: Compare = (actual, expected, ctx) => wildcardMatch(expected, actual, false, ctx);
// ARN operators compare the six parts of two ARNs: when either side is not an ARN there is nothing
// to compare, so neither ArnLike nor ArnNotLike holds (unlike Resource, where "*" is a pattern).
export const arnLike: Compare = (actual, expected, ctx) => (splitArn(actual) && splitArn(expected) ? arnMatch(expected, actual, ctx) : undefined);
const boolEquals: Compare = (actual, expected) => {
  const want = expected.toLowerCase();
  if (want !== 'true' && want !== 'false') return undefined;
  return actual.toLowerCase() === want;
};
const binaryEquals: Compare = (actual, expected) => actual === expected;

function spec(name: string, negated: boolean, compare: Compare, verbs: [string, string], noun: OperatorSpec['noun'] = 'value'): OperatorSpec {
  return { name, negated, compare, verbs, noun };
}

const EQUALS: [string, string] = ['equals', 'does not equal'];
const EQUALS_IC: [string, string] = ['equals (ignoring case)', 'does not equal (ignoring case)'];
const MATCHES: [string, string] = ['matches', 'does not match'];

export const OPERATORS: Record<string, OperatorSpec> = Object.fromEntries(
  [
    spec('StringEquals', false, stringEquals, EQUALS),
    spec('StringNotEquals', true, stringEquals, EQUALS),
    spec('StringEqualsIgnoreCase', false, stringEqualsIgnoreCase, EQUALS_IC),
    spec('StringNotEqualsIgnoreCase', true, stringEqualsIgnoreCase, EQUALS_IC),
    spec('StringLike', false, stringLike, MATCHES, 'pattern'),
    spec('StringNotLike', true, stringLike, MATCHES, 'pattern'),
    // ArnEquals and ArnLike behave the same in IAM: both match part by part with wildcards.
    spec('ArnEquals', false, arnLike, MATCHES, 'pattern'),
    spec('ArnLike', false, arnLike, MATCHES, 'pattern'),
    spec('ArnNotEquals', true, arnLike, MATCHES, 'pattern'),
    spec('ArnNotLike', true, arnLike, MATCHES, 'pattern'),
    spec('NumericEquals', false, numeric((a, b) => a === b), EQUALS),
    spec('NumericNotEquals', true, numeric((a, b) => a === b), EQUALS),
    spec('NumericLessThan', false, numeric((a, b) => a < b), ['is less than', 'is not less than']),
    spec('NumericLessThanEquals', false, numeric((a, b) => a <= b), ['is at most', 'is not at most']),
    spec('NumericGreaterThan', false, numeric((a, b) => a > b), ['is greater than', 'is not greater than']),
    spec('NumericGreaterThanEquals', false, numeric((a, b) => a >= b), ['is at least', 'is not at least']),
    spec('DateEquals', false, dated((a, b) => a === b), EQUALS),
    spec('DateNotEquals', true, dated((a, b) => a === b), EQUALS),
    spec('DateLessThan', false, dated((a, b) => a < b), ['is before', 'is not before']),
    spec('DateLessThanEquals', false, dated((a, b) => a <= b), ['is at or before', 'is not at or before']),
    spec('DateGreaterThan', false, dated((a, b) => a > b), ['is after', 'is not after']),
    spec('DateGreaterThanEquals', false, dated((a, b) => a >= b), ['is at or after', 'is not at or after']),
    spec('Bool', false, boolEquals, EQUALS),
    spec('BinaryEquals', false, binaryEquals, EQUALS),
    spec('IpAddress', false, ipInRange, ['is in', 'is not in'], 'range'),
    spec('NotIpAddress', true, ipInRange, ['is in', 'is not in'], 'range'),
  ].map((s) => [s.name.toLowerCase(), s]),
);

export type SetOperator = 'ForAnyValue' | 'ForAllValues';

export interface ParsedCondition {
  /** As written, e.g. 'ForAllValues:StringLikeIfExists'. */
  operator: string;
  key: string;
  values: string[];
  /** undefined for Null, which tests presence only. */
  spec?: OperatorSpec;
  setOperator?: SetOperator;
  ifExists: boolean;
}
