// An IAM policy evaluator: one policy type at a time, statement by statement, with reasons a support
// engineer can act on. The embedded sandbox's STS decides AssumeRole with it, and the trust-policy
// explanation builds its diagnosis on the per-statement results.
//
// Semantics follow the IAM policy reference (policy evaluation logic, Principal/NotPrincipal,
// Action/NotAction, Resource/NotResource, condition operators and set operators). Where AWS is
// ambiguous or underdocumented, the choice is stated next to the code that makes it.
//
// Secrets: the value of sts:ExternalId is never put in clear into a reason or a ConditionEvaluation;
// it is shown as its length and a short fingerprint (describeSecret), so diagnoses can be logged,
// stored in the status table and pasted to customers.
import { createHash } from 'node:crypto';
import { parsePolicyDocument } from '../domain/onboarding/policies';

export type ConditionValue = string | boolean | number | string[];
export type PrincipalType = 'AssumedRole' | 'Role' | 'IAMUser' | 'Root' | 'WebIdentity' | 'Service' | 'Anonymous';

export interface RequestPrincipal {
  /** e.g. arn:aws:sts::111111111111:assumed-role/acme-dataplane-role/verify-acme-c1-1, arn:aws:iam::111111111111:role/x */
  arn: string;
  accountId: string;
  type: PrincipalType;
  /** For assumed-role sessions: the role's ARN. The session ARN carries no path, so roles match by account + name. */
  roleArn?: string;
  /** For WebIdentity: the OIDC provider ARN. */
  federatedProvider?: string;
  /** For Service principals, e.g. ec2.amazonaws.com. */
  service?: string;
}

export interface RequestContext {
  principal: RequestPrincipal;
  /** e.g. 'sts:AssumeRole' */
  action: string;
  /** The ARN acted on. */
  resource: string;
  /** Condition keys are case-insensitive as in IAM; values are case-sensitive. An undefined value is a missing key. */
  conditionKeys: Record<string, ConditionValue | undefined>;
}

export type PolicyKind = 'trust' | 'identity' | 'permissionsBoundary' | 'scp' | 'rcp' | 'session';
export type Decision = 'allowed' | 'implicitDeny' | 'explicitDeny';

export interface ConditionEvaluation {
  /** The operator as written in the policy, e.g. 'ForAnyValue:StringLikeIfExists'. */
  operator: string;
  /** The condition key as written in the policy. */
  key: string;
  /** The policy's values, as strings (secrets described, never in clear). */
  expected: string[];
  /** The request's values, as strings (secrets described); undefined when the key is missing. */
  actual?: string[];
  met: boolean;
  reason: string;
}

export interface StatementEvaluation {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  principalMatches: boolean;
  actionMatches: boolean;
  resourceMatches: boolean;
  conditionsMet: boolean;
  /** principalMatches && actionMatches && resourceMatches && conditionsMet */
  applies: boolean;
  conditions: ConditionEvaluation[];
  /** Human sentences naming the statement, e.g. 'Statement[0] (Sid "Vendor"): Principal … does not match the caller …'. */
  reasons: string[];
}

export interface PolicyEvaluation {
  decision: Decision;
  statements: StatementEvaluation[];
}

/** A malformed policy document; the message says what is wrong and where (e.g. 'Statement[1].Effect: …'). */
export class PolicyDocumentError extends Error {
  override readonly name = 'PolicyDocumentError';
}

/** Not an IAM or STS principal ARN we can evaluate. */
export class InvalidPrincipalArnError extends Error {
  override readonly name = 'InvalidPrincipalArnError';
}

// ---------------------------------------------------------------------------------------------
// Secrets

/** Condition keys whose values are never shown in clear (compared in lower case). */
const SECRET_KEYS = new Set(['sts:externalid']);

export function isSecretConditionKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase());
}

/** First 8 hex characters of the value's SHA-256: enough to tell two values apart, useless to recover one. */
export function fingerprint(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 8);
}

/** '24 chars, fp 1a2b3c4d' — how a secret appears in reasons and logs. */
export function describeSecret(value: string): string {
  const length = [...value].length;
  return `${length} ${length === 1 ? 'char' : 'chars'}, fp ${fingerprint(value)}`;
}

// Characters that survive copy and paste from forms and documents and are invisible once pasted.
const EDGE_SPACE = /^[\s\u200b\u200c\u200d\u2060\ufeff]+|[\s\u200b\u200c\u200d\u2060\ufeff]+$/g;
const ANY_SPACE = /[\s\u200b\u200c\u200d\u2060\ufeff]/g;

/** The value without leading and trailing whitespace, including the invisible kinds pasting brings along. */
export function stripEdgeWhitespace(value: string): string {
  return value.replace(EDGE_SPACE, '');
}

function whitespaceName(char: string): string {
  switch (char) {
    case ' ':
      return 'a space';
    case '\t':
      return 'a tab';
    case '\n':
      return 'a newline';
    case '\r':
      return 'a carriage return';
    case '\u00a0':
      return 'a non-breaking space';
    case '\u200b':
    case '\u200c':
    case '\u200d':
    case '\u2060':
      return 'a zero-width space';
    case '\ufeff':
      return 'a byte-order mark';
    default:
      return 'a whitespace character';
  }
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
  if (leading) parts.push(`${side} starts with ${whitespaceName(leading[0] ?? ' ')}`);
  if (trailing) parts.push(`${side} ends with ${whitespaceName(trailing[trailing.length - 1] ?? ' ')}`);
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

// ---------------------------------------------------------------------------------------------
// Principals

const PRINCIPAL_ARN = /^arn:(aws[a-z-]*):(iam|sts)::(\d{12}):(.+)$/;

interface ParsedPrincipalArn {
  partition: string;
  service: 'iam' | 'sts';
  accountId: string;
  kind: 'root' | 'role' | 'user' | 'assumed-role' | 'oidc-provider' | 'saml-provider' | 'other';
  /** Role or user name without its path; for sessions, the role name. */
  name?: string;
  sessionName?: string;
}

function parsePrincipalArn(arn: string): ParsedPrincipalArn | undefined {
  const match = PRINCIPAL_ARN.exec(arn);
  if (!match) return undefined;
  const [partition, service, accountId, resource] = match.slice(1) as [string, 'iam' | 'sts', string, string];
  const base = { partition, service, accountId };
  const parts = resource.split('/');
  const [type] = parts;
  if (service === 'iam') {
    if (resource === 'root') return { ...base, kind: 'root' };
    // role/<path/>name and user/<path/>name: the name is the last part; paths do not name the entity.
    const name = parts[parts.length - 1];
    if (parts.length > 1 && name && (type === 'role' || type === 'user')) return { ...base, kind: type, name };
    if (parts.length > 1 && (type === 'oidc-provider' || type === 'saml-provider')) return { ...base, kind: type };
    // Stryker disable next-line ObjectLiteral,StringLiteral: a principal of another kind matches nothing and is refused as a caller, whatever its fields
    return { ...base, kind: 'other' };
  }
  // Federated-user sessions (sts:GetFederationToken) are not principals this evaluator supports.
  if (type === 'assumed-role' && parts.length === 3 && parts[1] && parts[2]) {
    return { ...base, kind: 'assumed-role', name: parts[1], sessionName: parts[2] };
  }
  // Stryker disable next-line ObjectLiteral,StringLiteral: as above
  return { ...base, kind: 'other' };
}

/**
 * The request principal behind an IAM or STS ARN: account root, IAM user, IAM role, assumed-role
 * session, or an OIDC/SAML provider (a web-identity caller). Throws InvalidPrincipalArnError otherwise.
 */
export function principalFromArn(arn: string): RequestPrincipal {
  const parsed = parsePrincipalArn(arn);
  if (!parsed) {
    throw new InvalidPrincipalArnError(
      `"${arn}" is not an IAM or STS principal ARN (expected e.g. arn:aws:iam::111111111111:role/name or arn:aws:sts::111111111111:assumed-role/name/session)`,
    );
  }
  const { partition, accountId } = parsed;
  switch (parsed.kind) {
    case 'root':
      return { arn, accountId, type: 'Root' };
    case 'user':
      return { arn, accountId, type: 'IAMUser' };
    case 'role':
      return { arn, accountId, type: 'Role', roleArn: arn };
    case 'assumed-role':
      return { arn, accountId, type: 'AssumedRole', roleArn: `arn:${partition}:iam::${accountId}:role/${parsed.name}` };
    case 'oidc-provider':
    case 'saml-provider':
      return { arn, accountId, type: 'WebIdentity', federatedProvider: arn };
    default:
      throw new InvalidPrincipalArnError(`"${arn}" is not a principal this evaluator supports (root, user, role, assumed-role session, OIDC or SAML provider)`);
  }
}


type PrincipalBlock = '*' | Partial<Record<PrincipalKey, string[]>>;
type PrincipalKey = 'AWS' | 'Federated' | 'Service' | 'CanonicalUser';
const PRINCIPAL_KEYS: readonly PrincipalKey[] = ['AWS', 'Federated', 'Service', 'CanonicalUser'];

/** Why one Principal value does or does not name the caller. */
interface PrincipalValueMatch {
  matches: boolean;
  note?: string;
}

function matchAwsPrincipal(value: string, principal: RequestPrincipal): PrincipalValueMatch {
  // {"AWS": "*"} is documented as equivalent to "Principal": "*".
  if (value === '*') return { matches: true };
  const isIamIdentity = ['AssumedRole', 'Role', 'IAMUser', 'Root'].includes(principal.type);
  if (/^\d{12}$/.test(value)) {
    // A bare account id is shorthand for arn:aws:iam::<id>:root: every IAM identity of the account.
    return { matches: isIamIdentity && principal.accountId === value };
  }
  if (/^A(ROA|IDA|IPA)[A-Z0-9]{12,}$/.test(value)) {
    // IAM rewrites a principal to its unique ID when the role or user it named is deleted; a
    // recreated role with the same name gets a new ID and is not trusted.
    return {
      matches: false,
      note: `${value} is a unique ID, which IAM shows in place of an ARN when the role or user it named was deleted; it matches no current principal (re-enter the role ARN)`,
    };
  }
  const listed = parsePrincipalArn(value);
  if (!listed) return { matches: false, note: `"${value}" is neither "*", an account ID nor a principal ARN` };
  // A session ARN names its role (without the role's path), so a session matches by account and name.
  const caller = parsePrincipalArn(principal.arn);
  if (!caller || !isIamIdentity) return { matches: false };
  const samePlace = listed.partition === caller.partition && listed.accountId === principal.accountId;
  // IAM role and user names are unique regardless of case, and IAM resolves a named principal to the
  // entity when the policy is saved: "role/ACME-Role" is the role acme-role. Session names are not
  // IAM names and compare exactly.
  // Stryker disable next-line StringLiteral: only a root has no name, and a root listed is matched without it; a named one never equals a nameless one
  const sameName = (caller.name ?? '').toLowerCase() === (listed.name ?? '').toLowerCase();
  switch (listed.kind) {
    case 'root':
      return { matches: samePlace };
    case 'role':
      // A role principal covers the role and every session of it; role names are unique in an account
      // whatever their path, and a session ARN does not carry the path.
      return { matches: samePlace && (principal.type === 'Role' || principal.type === 'AssumedRole') && sameName };
    case 'assumed-role':
      return {
        // Only a session has a session name, so the session-name test implies the type test (a mutant
        // dropping the type test survives, equivalent); the type test states the rule.
        matches: samePlace && principal.type === 'AssumedRole' && sameName && caller.sessionName === listed.sessionName,
      };
    case 'user':
      return { matches: samePlace && principal.type === 'IAMUser' && sameName };
    default:
      return { matches: false };
  }
}

function matchPrincipalValue(type: PrincipalKey, value: string, principal: RequestPrincipal): PrincipalValueMatch {
  switch (type) {
    case 'AWS':
      return matchAwsPrincipal(value, principal);
    case 'Federated':
      // Only a web identity has a federatedProvider, so the provider test implies the type test (a mutant
      // dropping the type test survives, equivalent); the type test states the rule.
      return { matches: principal.type === 'WebIdentity' && principal.federatedProvider === value };
    case 'Service':
      return { matches: principal.type === 'Service' && principal.service?.toLowerCase() === value.toLowerCase() };
    case 'CanonicalUser':
      return { matches: false };
  }
}

function principalMatchesBlock(block: PrincipalBlock, principal: RequestPrincipal): { matches: boolean; notes: string[] } {
  if (block === '*') return { matches: true, notes: [] };
  const notes: string[] = [];
  let matches = false;
  for (const type of PRINCIPAL_KEYS) {
    for (const value of block[type] ?? []) {
      const result = matchPrincipalValue(type, value, principal);
      matches ||= result.matches;
      if (result.note) notes.push(result.note);
    }
  }
  return { matches, notes };
}

function describePrincipalBlock(block: PrincipalBlock): string {
  if (block === '*') return '"*"';
  const values = PRINCIPAL_KEYS.flatMap((type) => (block[type] ?? []).map((v) => (type === 'AWS' ? v : `${type} ${v}`)));
  return values.join(', ');
}

// ---------------------------------------------------------------------------------------------
// Wildcards, policy variables and ARNs

interface MatchContext {
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
function compilePattern(pattern: string, wildcards: boolean, ignoreCase: boolean, ctx: MatchContext): RegExp | undefined {
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

function wildcardMatch(pattern: string, value: string, ignoreCase: boolean, ctx: MatchContext): boolean | undefined {
  const regex = compilePattern(pattern, true, ignoreCase, ctx);
  return regex ? regex.test(value) : undefined;
}

/** Splits an ARN (or ARN pattern) into its six colon-separated parts; colons inside ${…} do not count. */
function splitArn(text: string): string[] | undefined {
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
function arnMatch(pattern: string, value: string, ctx: MatchContext): boolean | undefined {
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

// ---------------------------------------------------------------------------------------------
// Condition operators

/** Compares one request value with one policy value; undefined when they cannot be compared (not a number, …). */
type Compare = (actual: string, expected: string, ctx: MatchContext) => boolean | undefined;

interface OperatorSpec {
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
const arnLike: Compare = (actual, expected, ctx) => (splitArn(actual) && splitArn(expected) ? arnMatch(expected, actual, ctx) : undefined);
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

const OPERATORS: Record<string, OperatorSpec> = Object.fromEntries(
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

type SetOperator = 'ForAnyValue' | 'ForAllValues';

interface ParsedCondition {
  /** As written, e.g. 'ForAllValues:StringLikeIfExists'. */
  operator: string;
  key: string;
  values: string[];
  /** undefined for Null, which tests presence only. */
  spec?: OperatorSpec;
  setOperator?: SetOperator;
  ifExists: boolean;
}

// ---------------------------------------------------------------------------------------------
// Parsing and validating documents

interface ParsedStatement {
  index: number;
  label: string;
  sid?: string;
  effect: 'Allow' | 'Deny';
  principal?: PrincipalBlock;
  notPrincipal?: PrincipalBlock;
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  conditions: ParsedCondition[];
}

interface ParsedPolicy {
  variables: boolean;
  statements: ParsedStatement[];
}

const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const PRINCIPAL_KINDS: ReadonlySet<PolicyKind> = new Set(['trust', 'rcp']);

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(path: string, message: string): never {
  throw new PolicyDocumentError(path ? `${path}: ${message}` : message);
}

/** A policy document as an object: parsed from JSON (or IAM's URL-encoded JSON) when given as a string. */
export function readPolicyDocument(document: unknown, path = ''): Record<string, unknown> {
  let value = document;
  if (typeof document === 'string') {
    try {
      value = parsePolicyDocument(document);
    } catch (error) {
      fail(path, `policy document is not valid JSON (${(error as Error).message})`);
    }
  }
  if (!isObject(value)) fail(path, `policy document must be a JSON object, got ${typeName(value)}`);
  return value;
}

function stringList(value: unknown, path: string, what: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) fail(path, `must list at least one ${what}`);
  list.forEach((item, i) => {
    if (typeof item !== 'string') fail(Array.isArray(value) ? `${path}[${i}]` : path, `${what}s must be strings, got ${typeName(item)}`);
    if (item.length === 0) fail(Array.isArray(value) ? `${path}[${i}]` : path, `${what} must not be empty`);
  });
  return list as string[];
}

function parsePrincipal(value: unknown, path: string): PrincipalBlock {
  if (value === '*') return '*';
  if (typeof value === 'string') fail(path, `a Principal given as a string must be "*"; name principals as {"AWS": "${value}"}`);
  if (!isObject(value)) fail(path, `must be "*" or an object such as {"AWS": "<role ARN>"}, got ${typeName(value)}`);
  const block: Partial<Record<PrincipalKey, string[]>> = {};
  const entries = Object.entries(value);
  if (entries.length === 0) fail(path, 'names no principal');
  for (const [type, values] of entries) {
    if (!(PRINCIPAL_KEYS as readonly string[]).includes(type)) {
      fail(path, `unknown principal type "${type}" (expected one of ${PRINCIPAL_KEYS.join(', ')})`);
    }
    block[type as PrincipalKey] = stringList(values, `${path}.${type}`, 'principal');
  }
  return block;
}

function parseActions(value: unknown, path: string): string[] {
  const actions = stringList(value, path, 'action');
  for (const action of actions) {
    if (action !== '*' && !/^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]*$/.test(action)) {
      fail(path, `"${action}" is not an action; actions are "*" or "<service>:<name>", e.g. "sts:AssumeRole"`);
    }
  }
  return actions;
}

function parseOperator(raw: string, path: string): Pick<ParsedCondition, 'spec' | 'setOperator' | 'ifExists'> {
  let name = raw;
  let setOperator: SetOperator | undefined;
  const prefix = /^(ForAnyValue|ForAllValues):(.*)$/i.exec(name);
  if (prefix) {
    setOperator = prefix[1]!.toLowerCase() === 'foranyvalue' ? 'ForAnyValue' : 'ForAllValues';
    name = prefix[2] ?? '';
  }
  const ifExists = /IfExists$/i.test(name) && name.length > 'IfExists'.length;
  if (ifExists) name = name.slice(0, -'IfExists'.length);
  if (name.toLowerCase() === 'null') {
    if (setOperator || ifExists) fail(path, `"${raw}": Null tests whether a key is present and takes no ForAnyValue/ForAllValues prefix or IfExists suffix`);
    // Stryker disable next-line ObjectLiteral: a missing ifExists reads as false
    return { ifExists: false };
  }
  const spec = OPERATORS[name.toLowerCase()];
  if (!spec) fail(path, `unknown condition operator "${raw}"`);
  return { spec, setOperator, ifExists };
}

function parseCondition(value: unknown, path: string): ParsedCondition[] {
  if (!isObject(value)) fail(path, `must be an object mapping operators to keys, got ${typeName(value)}`);
  const conditions: ParsedCondition[] = [];
  for (const [operator, block] of Object.entries(value)) {
    const opPath = `${path}.${operator}`;
    const parsed = parseOperator(operator, path);
    if (!isObject(block)) fail(opPath, `must be an object mapping condition keys to values, got ${typeName(block)}`);
    for (const [key, raw] of Object.entries(block)) {
      const keyPath = `${opPath}.${key}`;
      const list = Array.isArray(raw) ? raw : [raw];
      if (list.length === 0) fail(keyPath, 'must list at least one value');
      const values = list.map((item) => {
        // IAM compares condition values as strings whatever their JSON type.
        if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') return String(item);
        return fail(keyPath, `values must be strings, numbers or booleans, got ${typeName(item)}`);
      });
      if (!parsed.spec) {
        // Null's value says whether the key must be absent ("true") or present ("false").
        for (const v of values) {
          if (v.toLowerCase() !== 'true' && v.toLowerCase() !== 'false') fail(keyPath, `Null takes "true" or "false", got "${v}"`);
        }
      }
      conditions.push({ operator, key, values, ...parsed });
    }
  }
  return conditions;
}

function statementLabel(path: string, sid: string | undefined): string {
  return sid ? `${path} (Sid "${sid}")` : path;
}

function parseStatement(raw: unknown, index: number, kind: PolicyKind, prefix: string): ParsedStatement {
  const path = `${prefix}Statement[${index}]`;
  if (!isObject(raw)) fail(path, `must be an object, got ${typeName(raw)}`);
  for (const key of Object.keys(raw)) {
    if (!STATEMENT_KEYS.has(key)) fail(path, `unknown element "${key}" (expected ${[...STATEMENT_KEYS].join(', ')})`);
  }
  if (raw.Sid !== undefined && typeof raw.Sid !== 'string') fail(`${path}.Sid`, `must be a string, got ${typeName(raw.Sid)}`);
  const sid = raw.Sid as string | undefined;
  if (raw.Effect === undefined) fail(path, 'missing Effect (must be "Allow" or "Deny")');
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') {
    fail(`${path}.Effect`, `must be "Allow" or "Deny", got ${JSON.stringify(raw.Effect)}`);
  }

  const statement: ParsedStatement = { index, label: statementLabel(path, sid), sid, effect: raw.Effect, conditions: [] };

  if (raw.Action !== undefined && raw.NotAction !== undefined) fail(path, 'has both Action and NotAction; use one');
  if (raw.Action === undefined && raw.NotAction === undefined) fail(path, 'missing Action (or NotAction)');
  if (raw.Action !== undefined) statement.actions = parseActions(raw.Action, `${path}.Action`);
  else statement.notActions = parseActions(raw.NotAction, `${path}.NotAction`);

  const hasPrincipal = raw.Principal !== undefined || raw.NotPrincipal !== undefined;
  const hasResource = raw.Resource !== undefined || raw.NotResource !== undefined;
  if (PRINCIPAL_KINDS.has(kind)) {
    if (raw.Principal !== undefined && raw.NotPrincipal !== undefined) fail(path, 'has both Principal and NotPrincipal; use one');
    if (!hasPrincipal) fail(path, `missing Principal: a ${kind === 'trust' ? 'trust' : 'resource control'} policy must say whom it applies to`);
    if (raw.Principal !== undefined) statement.principal = parsePrincipal(raw.Principal, `${path}.Principal`);
    else statement.notPrincipal = parsePrincipal(raw.NotPrincipal, `${path}.NotPrincipal`);
  } else if (hasPrincipal) {
    fail(path, `a${kind === 'identity' ? 'n identity' : ` ${KIND_NAMES[kind]}`} policy must not have ${raw.Principal !== undefined ? 'Principal' : 'NotPrincipal'}: it applies to the identity it is attached to`);
  }

  if (kind === 'trust') {
    // A trust policy is attached to the role, which is its only resource.
    if (hasResource) fail(path, `a trust policy must not have ${raw.Resource !== undefined ? 'Resource' : 'NotResource'}: it always applies to the role it is attached to`);
  } else {
    if (raw.Resource !== undefined && raw.NotResource !== undefined) fail(path, 'has both Resource and NotResource; use one');
    if (!hasResource) fail(path, `missing Resource (or NotResource): a${kind === 'identity' ? 'n identity' : ` ${KIND_NAMES[kind]}`} policy statement must say what it applies to`);
    if (raw.Resource !== undefined) statement.resources = stringList(raw.Resource, `${path}.Resource`, 'resource');
    else statement.notResources = stringList(raw.NotResource, `${path}.NotResource`, 'resource');
  }

  if (raw.Condition !== undefined) statement.conditions = parseCondition(raw.Condition, `${path}.Condition`);
  return statement;
}

const KIND_NAMES: Record<PolicyKind, string> = {
  trust: 'trust',
  identity: 'identity',
  permissionsBoundary: 'permissions boundary',
  scp: 'service control',
  rcp: 'resource control',
  session: 'session',
};

function parsePolicy(document: unknown, kind: PolicyKind, prefix = ''): ParsedPolicy {
  const path = prefix.replace(/\.$/, '');
  const policy = readPolicyDocument(document, path);
  for (const key of Object.keys(policy)) {
    if (key !== 'Version' && key !== 'Id' && key !== 'Statement') fail(path, `unknown top-level element "${key}" (expected Version, Id, Statement)`);
  }
  const version = policy.Version;
  if (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17') {
    fail(`${prefix}Version`, `must be "2012-10-17" (or the legacy "2008-10-17"), got ${JSON.stringify(version)}`);
  }
  if (policy.Statement === undefined) fail(path, 'policy document has no Statement');
  const raw = policy.Statement;
  if (!Array.isArray(raw) && !isObject(raw)) fail(`${prefix}Statement`, `must be an object or an array of objects, got ${typeName(raw)}`);
  const statements = (Array.isArray(raw) ? raw : [raw]).map((s, i) => parseStatement(s, i, kind, prefix));
  // Without "Version": "2012-10-17", IAM reads ${…} literally.
  return { variables: version === '2012-10-17', statements };
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** Case-insensitive view of the request's condition keys, with the global keys IAM always sets. */
function requestKeys(request: RequestContext): (key: string) => string[] | undefined {
  const keys = new Map<string, string[] | undefined>();
  for (const [key, value] of Object.entries(request.conditionKeys)) {
    if (value === undefined) keys.set(key.toLowerCase(), undefined);
    else if (Array.isArray(value)) keys.set(key.toLowerCase(), value.map(String));
    else keys.set(key.toLowerCase(), [String(value)]);
  }
  const { principal } = request;
  const setDefault = (key: string, value: string | undefined) => {
    if (value !== undefined && !keys.has(key)) keys.set(key, [value]);
  };
  if (['AssumedRole', 'Role', 'IAMUser', 'Root'].includes(principal.type)) {
    // For a role session, aws:PrincipalArn is the role's ARN, not the session's.
    setDefault('aws:principalarn', principal.type === 'AssumedRole' ? (principal.roleArn ?? principal.arn) : principal.arn);
    setDefault('aws:principalaccount', principal.accountId);
    const types: Partial<Record<PrincipalType, string>> = { AssumedRole: 'AssumedRole', IAMUser: 'User', Root: 'Account' };
    setDefault('aws:principaltype', types[principal.type]);
  }
  return (key) => {
    const values = keys.get(key.toLowerCase());
    // An empty list is "no value", as IAM treats an empty multivalued key.
    return values && values.length > 0 ? values : undefined;
  };
}

function showValue(key: string, value: string): string {
  return isSecretConditionKey(key) ? `(${describeSecret(value)})` : JSON.stringify(value);
}

function shownValues(key: string, values: string[]): string[] {
  return isSecretConditionKey(key) ? values.map(describeSecret) : values;
}

function describeExpected(condition: ParsedCondition): string {
  const noun = condition.spec?.noun ?? 'value';
  const shown = condition.values.map((v) => showValue(condition.key, v));
  if (shown.length === 1) return `the expected ${noun} ${shown[0]}`;
  return `any of the ${shown.length} expected ${noun}s (${shown.join(', ')})`;
}

function describeActual(key: string, values: string[]): string {
  if (values.length === 1) return `${key} ${showValue(key, values[0] ?? '')}`;
  return `${key} [${values.map((v) => showValue(key, v)).join(', ')}]`;
}

/** The whitespace or case hint for the closest policy value, for string equality operators. */
function differenceHint(condition: ParsedCondition, actual: string): string {
  if (!condition.spec || !/^String/.test(condition.spec.name)) return '';
  for (const expected of condition.values) {
    const hint = describeDifference(actual, expected);
    if (hint) return `; ${hint}`;
  }
  return '';
}

interface ValueTest {
  /** True when the request value satisfies the operator (for negated operators: matches none of the policy values). */
  ok: boolean;
  /** The comparison could not be made (a value is not a number, a variable has no value, …). */
  incomparable: boolean;
}

function testValue(condition: ParsedCondition, spec: OperatorSpec, actual: string, ctx: MatchContext): ValueTest {
  const results = condition.values.map((expected) => spec.compare(actual, expected, ctx));
  const anyMatch = results.some((r) => r === true);
  const incomparable = results.every((r) => r === undefined);
  // IAM reads several values for one key as OR; a negated operator is the negation of that OR.
  if (spec.negated) return { ok: !anyMatch && !incomparable, incomparable };
  return { ok: anyMatch, incomparable };
}

function incomparableWhy(condition: ParsedCondition, spec: OperatorSpec, actual: string): string {
  if (spec.noun === 'range') return 'not an IP address';
  if (spec.compare === arnLike && !splitArn(actual)) return 'not an ARN, and ARN operators compare ARNs part by part';
  if (spec.compare === arnLike && condition.values.some((v) => !splitArn(v))) {
    return "the policy's value is not a whole ARN, and ARN operators compare ARNs part by part";
  }
  return 'the values cannot be compared';
}

function evaluateCondition(condition: ParsedCondition, ctx: MatchContext): ConditionEvaluation {
  const { operator, key } = condition;
  const actualValues = ctx.lookup(key);
  const base: Omit<ConditionEvaluation, 'met' | 'reason'> = {
    operator,
    key,
    expected: shownValues(key, condition.values),
    ...(actualValues ? { actual: shownValues(key, actualValues) } : {}),
  };
  const result = (met: boolean, reason: string): ConditionEvaluation => ({ ...base, met, reason });
  const missing = `${key} is missing from the request`;

  const { spec } = condition;
  if (!spec) {
    const wantsAbsent = condition.values.map((v) => v.toLowerCase() === 'true');
    const met = wantsAbsent.some((absent) => absent === (actualValues === undefined));
    const state = actualValues === undefined ? missing : `${key} is present in the request`;
    const wanted = wantsAbsent.every((a) => a) ? 'absent' : wantsAbsent.every((a) => !a) ? 'present' : 'absent or present';
    return result(met, `${state}, and Null requires it to be ${wanted}`);
  }

  if (actualValues === undefined) {
    // Missing keys, per the IAM condition-operator reference:
    //  - ForAllValues is true for an empty set (it is vacuously true), ForAnyValue is false; the set
    //    operator decides, whatever IfExists says.
    //  - ...IfExists is true: the condition is only checked when the key is there.
    //  - A negated operator (StringNotEquals, ArnNotLike, NotIpAddress, …) is true: "if the policy
    //    condition requires that the key is not matched … and the key is not present, the condition is true".
    //  - Any other operator is false.
    if (condition.setOperator === 'ForAllValues') return result(true, `${missing}, and ${operator} is true when the key has no values`);
    if (condition.setOperator === 'ForAnyValue') return result(false, `${missing}, and ${operator} is false when the key has no values`);
    if (condition.ifExists) return result(true, `${missing}, and ${operator} only checks the key when it is present`);
    if (spec.negated) return result(true, `${missing}, and a negated operator (${operator}) is true when the key is absent`);
    return result(false, `${missing} (key missing), so ${operator} against ${describeExpected(condition)} is false`);
  }

  const tests = actualValues.map((actual) => ({ actual, ...testValue(condition, spec, actual, ctx) }));
  const [affirmative, negative] = spec.verbs;
  const expected = describeExpected(condition);
  const incomparableNote = (actual: string) =>
    tests.find((t) => t.actual === actual)?.incomparable ? ` (${incomparableWhy(condition, spec, actual)})` : '';

  if (condition.setOperator === 'ForAllValues') {
    const failing = tests.filter((t) => !t.ok);
    if (failing.length === 0) return result(true, `every value of ${describeActual(key, actualValues)} satisfies ${operator} against ${expected}`);
    const first = failing[0]?.actual ?? '';
    return result(
      false,
      `${operator} needs every value of ${key} to ${spec.negated ? 'match none of' : 'match'} ${expected}, but ${showValue(key, first)} ${spec.negated ? affirmative : negative} it${incomparableNote(first)}`,
    );
  }
  if (condition.setOperator === 'ForAnyValue') {
    const passing = tests.find((t) => t.ok);
    if (passing) return result(true, `${showValue(key, passing.actual)} of ${key} satisfies ${operator} against ${expected}`);
    return result(false, `no value of ${describeActual(key, actualValues)} satisfies ${operator} against ${expected}`);
  }

  // A single-valued operator on a multivalued key (which AWS advises against) is read as "any
  // request value matches" for positive operators and "no request value matches" for negated ones.
  const single = actualValues.length === 1 ? (actualValues[0] ?? '') : undefined;
  const shownActual = describeActual(key, actualValues);
  if (!spec.negated) {
    const match = tests.find((t) => t.ok);
    if (match) return result(true, `${shownActual} ${affirmative} ${expected}`);
    const note = single !== undefined ? incomparableNote(single) + differenceHint(condition, single) : '';
    return result(false, `${shownActual} ${negative} ${expected}${note}`);
  }
  const allOk = tests.every((t) => t.ok);
  if (allOk) return result(true, `${shownActual} ${negative} ${expected}, as ${operator} requires`);
  const incomparable = tests.find((t) => t.incomparable);
  if (incomparable) return result(false, `${shownActual} cannot be compared with ${expected}${incomparableNote(incomparable.actual)}, so ${operator} is false`);
  return result(false, `${shownActual} ${affirmative} ${expected}, which ${operator} excludes`);
}

function listText(values: string[]): string {
  return values.length === 1 ? (values[0] ?? '') : `[${values.join(', ')}]`;
}

function evaluateStatement(statement: ParsedStatement, request: RequestContext, kind: PolicyKind, ctx: MatchContext): StatementEvaluation {
  const { label } = statement;
  const reasons: string[] = [];
  const caller = request.principal.arn;

  let principalMatches = true;
  if (statement.principal) {
    const { matches, notes } = principalMatchesBlock(statement.principal, request.principal);
    principalMatches = matches;
    if (!matches) reasons.push(`${label}: Principal ${describePrincipalBlock(statement.principal)} does not match the caller ${caller}`);
    reasons.push(...notes.map((note) => `${label}: ${note}`));
  } else if (statement.notPrincipal) {
    const { matches, notes } = principalMatchesBlock(statement.notPrincipal, request.principal);
    // NotPrincipal matches with the same rules as Principal (a role ARN covers its sessions). AWS only
    // supports it with Deny in resource-based policies, and is stricter for sessions (it wants the
    // account ARN listed too); the reasons say so rather than guess at that service-specific order.
    principalMatches = !matches;
    reasons.push(
      matches
        ? `${label}: the caller ${caller} is listed in NotPrincipal (${describePrincipalBlock(statement.notPrincipal)}), so the statement does not apply to it`
        : `${label}: the caller ${caller} is not listed in NotPrincipal (${describePrincipalBlock(statement.notPrincipal)}), so the statement applies to it`,
    );
    reasons.push(...notes.map((note) => `${label}: ${note}`));
    if (kind === 'trust' || statement.effect === 'Allow') {
      reasons.push(`${label}: AWS supports NotPrincipal only with "Effect": "Deny" in resource-based policies, not in role trust policies; use a Deny with an ArnNotEquals condition on aws:PrincipalArn instead`);
    }
  }

  const actionMatch = (patterns: string[]) => patterns.some((p) => wildcardMatch(p, request.action, true, { ...ctx, variables: false }) === true);
  let actionMatches: boolean;
  if (statement.actions) {
    actionMatches = actionMatch(statement.actions);
    if (!actionMatches) reasons.push(`${label}: Action ${listText(statement.actions)} does not include ${request.action}`);
  } else {
    const excluded = actionMatch(statement.notActions ?? []);
    actionMatches = !excluded;
    if (excluded) reasons.push(`${label}: NotAction ${listText(statement.notActions ?? [])} excludes ${request.action}`);
  }

  let resourceMatches = true;
  if (statement.resources) {
    resourceMatches = statement.resources.some((p) => arnMatch(p, request.resource, ctx) === true);
    if (!resourceMatches) reasons.push(`${label}: Resource ${listText(statement.resources)} does not match ${request.resource}`);
  } else if (statement.notResources) {
    const excluded = statement.notResources.some((p) => arnMatch(p, request.resource, ctx) === true);
    resourceMatches = !excluded;
    if (excluded) reasons.push(`${label}: NotResource ${listText(statement.notResources)} excludes ${request.resource}`);
  }

  const conditions = statement.conditions.map((c) => evaluateCondition(c, ctx));
  const conditionsMet = conditions.every((c) => c.met);
  for (const c of conditions) {
    if (!c.met) reasons.push(`${label}: condition ${c.operator} on ${c.key} is not met: ${c.reason}`);
  }

  const applies = principalMatches && actionMatches && resourceMatches && conditionsMet;
  if (applies) {
    const who = statement.principal || statement.notPrincipal ? ` for ${caller}` : '';
    reasons.push(`${label}: applies — ${statement.effect === 'Allow' ? 'allows' : 'explicitly denies'} ${request.action}${who}`);
  }
  return {
    index: statement.index,
    ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
    effect: statement.effect,
    principalMatches,
    actionMatches,
    resourceMatches,
    conditionsMet,
    applies,
    conditions,
    reasons,
  };
}

function decide(statements: StatementEvaluation[]): Decision {
  // An explicit Deny wins over any Allow; without an applicable Allow the request is implicitly denied.
  if (statements.some((s) => s.applies && s.effect === 'Deny')) return 'explicitDeny';
  if (statements.some((s) => s.applies && s.effect === 'Allow')) return 'allowed';
  return 'implicitDeny';
}

function evaluateParsed(policy: ParsedPolicy, request: RequestContext, kind: PolicyKind): StatementEvaluation[] {
  const lookup = requestKeys(request);
  const ctx: MatchContext = { variables: policy.variables, lookup };
  return policy.statements.map((s) => evaluateStatement(s, request, kind, ctx));
}

/**
 * Evaluates one policy of the given kind for one request. Throws PolicyDocumentError when the
 * document is malformed (anywhere, not only in the statements that would decide).
 */
export function evaluatePolicy(document: unknown, request: RequestContext, kind: PolicyKind): PolicyEvaluation {
  const statements = evaluateParsed(parsePolicy(document, kind), request, kind);
  return { decision: decide(statements), statements };
}

/**
 * Evaluates several policies of one kind as one (e.g. a role's inline and managed identity
 * policies): a Deny in any denies, an Allow in any allows. Statement indexes stay those of their own
 * document; reasons and errors name the policy as Policy[i].
 */
export function evaluatePolicies(documents: unknown[], request: RequestContext, kind: PolicyKind): PolicyEvaluation {
  const parsed = documents.map((d, i) => parsePolicy(d, kind, documents.length > 1 ? `Policy[${i}].` : ''));
  const statements = parsed.flatMap((p) => evaluateParsed(p, request, kind));
  return { decision: decide(statements), statements };
}
