// A customer connection: the target role the tenant's dataplane assumes, and the customer's External ID.
// Everything here runs before any STS call, so that a typo is reported as exactly that typo instead of
// as the generic cross-account AccessDenied that STS would return for it.
//
// The External ID is never printed, logged or returned: it is described by its length and a short
// fingerprint, which is enough for support and the customer to compare two values without exposing them.
import type { Diagnosis, Evidence } from '../diagnosis/diagnosis';
import { DATAPLANE_ROLE_SUFFIX, ROLE_NAME_MAX_LENGTH } from '../names';
import { fingerprint } from '../../iam-policy/policy-evaluator';

export interface Connection {
  connectionId: string;
  roleArn: string;
  externalId: string;
}

export interface ExternalIdFingerprint {
  length: number;
  /** The first 8 hex characters of the SHA-256 of the value. */
  fingerprint: string;
}

export interface ParsedRoleArn {
  partition: string;
  accountId: string;
  /** '/' for a role without a path, otherwise '/a/b/'. */
  path: string;
  roleName: string;
}

export interface PreflightContext {
  vendorAccountId: string;
  /** The partition our dataplane runs in: a role in another partition cannot trust it. */
  partition: string;
  dataplaneRoleArn: string;
}

export const CONNECTION_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
/** One character a connection id may hold. */
export const CONNECTION_ID_CHARACTER = /[A-Za-z0-9_.-]/;
/**
 * Connection ids key objects (a tenant's stored connections and connection statuses, in DynamoDB maps
 * and once read back in JavaScript): "__proto__" would be lost on read, "constructor" would find
 * Object.prototype's member. Names of every object's members are refused wherever an id comes in.
 */
const RESERVED_KEYS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
/** IAM ARNs are at most 2048 characters. */
export const ROLE_ARN_MAX_LENGTH = 2048;
/** sts:AssumeRole's ExternalId: 2-1224 characters from [\w+=,.@:/-]. */
export const EXTERNAL_ID_MIN_LENGTH = 2;
export const EXTERNAL_ID_MAX_LENGTH = 1224;
const EXTERNAL_ID_CHAR = /[\w+=,.@:/-]/;
const ROLE_NAME_CHARS = /^[\w+=,.@-]+$/;
/** IAM paths: printable ASCII between slashes, at most 512 characters. */
const ROLE_PATH_MAX_LENGTH = 512;
const ROLE_PATH_SEGMENT = /^[\x21-\x2E\x30-\x7E]+$/;
const KNOWN_PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);

/** Why a connection id cannot be used as an object key, or undefined when it can. */
export function reservedKeyProblem(connectionId: string): string | undefined {
  return RESERVED_KEYS.has(connectionId)
    ? 'is reserved (it names a member of every JavaScript object); choose another id of letters, digits and _.-'
    : undefined;
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

function whitespaceName(ch: string): string {
  switch (ch) {
    case ' ':
      return 'space';
    case '\n':
      return 'newline';
    case '\r':
      return 'carriage return';
    case '\t':
      return 'tab';
    case '\u00a0':
      return 'non-breaking space';
    case '\ufeff':
      return 'byte-order mark';
    default:
      return `whitespace character U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  }
}

function describeRun(run: string, where: 'leading' | 'trailing'): string {
  if (run === '\r\n') return `a ${where} carriage return and newline (a Windows line ending)`;
  if (run.length === 1) return `a ${where} ${whitespaceName(run)}`;
  const names = [...run].map(whitespaceName);
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
    if (/\s/.test(ch)) inner.push(`a ${whitespaceName(ch)} at position ${i + 1}`);
  }
  if (inner.length > 3) found.push(`${inner.slice(0, 3).join(', ')} and ${inner.length - 3} more whitespace characters inside`);
  else found.push(...inner);
  if (trailing) found.push(describeRun(trailing, 'trailing'));
  return found;
}

function joinList(items: string[]): string {
  // Stryker disable next-line StringLiteral: one item or none is joined without a separator, whatever it is
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
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

// ---------------------------------------------------------------------------------------------------
// Role ARN

const ROLE_ARN_SHAPE = 'arn:aws:iam::<12-digit account id>:role/<role name>';

interface ArnAnalysis {
  parsed?: ParsedRoleArn;
  problems: string[];
}

function analyzeTrimmedRoleArn(arn: string): ArnAnalysis {
  if (/^\d{12}$/.test(arn)) {
    return { problems: [`is a 12-digit AWS account ID, not a role ARN; enter the role's full ARN, ${ROLE_ARN_SHAPE}`] };
  }
  if (!arn.startsWith('arn:')) {
    if (ROLE_NAME_CHARS.test(arn) && arn.length <= ROLE_NAME_MAX_LENGTH) {
      return { problems: [`"${arn}" looks like a role name, not an ARN; enter the role's full ARN, ${ROLE_ARN_SHAPE}`] };
    }
    return { problems: [`"${arn}" is not an ARN; a role ARN looks like ${ROLE_ARN_SHAPE}`] };
  }
  const fields = arn.split(':');
  if (fields.length < 6) {
    return {
      problems: [
        `"${arn}" has ${fields.length} colon-separated fields where an ARN has 6 (${ROLE_ARN_SHAPE}); ` +
          `a ':' is missing — an IAM ARN has no region, so "iam::" has two colons before the account id`,
      ],
    };
  }
  // Stryker disable next-line StringLiteral: there are at least 6 fields here, so no default is ever used
  const [, partition = '', service = '', region = '', accountId = ''] = fields;
  const resource = fields.slice(5).join(':');

  if (service !== 'iam') {
    if (service === 's3') {
      return {
        problems: [
          `"${arn}" is an S3 bucket or object ARN, not a role ARN; enter the ARN of the IAM role that can read the bucket, ${ROLE_ARN_SHAPE}`,
        ],
      };
    }
    if (service === 'sts' && resource.startsWith('assumed-role/')) {
      // Stryker disable next-line StringLiteral: "assumed-role/..." always has a second segment; the default is for the type checker
      const roleName = resource.split('/')[1] ?? '<role name>';
      return {
        problems: [
          `"${arn}" is the ARN of an STS session of a role, not of the role itself; the role's ARN is ` +
            `arn:${partition}:iam::${accountId}:role/${roleName} (add its path, if it has one)`,
        ],
      };
    }
    return { problems: [`"${arn}" is an ARN of the "${service}" service, not an IAM role ARN (${ROLE_ARN_SHAPE})`] };
  }

  const problems: string[] = [];
  if (!KNOWN_PARTITIONS.has(partition)) {
    problems.push(`partition "${partition}" is not an AWS partition (aws, aws-cn, aws-us-gov, ...)`);
  }
  if (region !== '') {
    problems.push(`has the region "${region}" where an IAM ARN has none (iam::<account id>)`);
  }
  if (accountId === '') {
    problems.push('has no account id');
  } else if (!/^\d{12}$/.test(accountId)) {
    problems.push(
      /^\d+$/.test(accountId)
        ? `account id "${accountId}" has ${accountId.length} digits; AWS account ids have exactly 12 (leading zeros included)`
        : `account id "${accountId}" is not 12 digits`,
    );
  }

  const slash = resource.indexOf('/');
  const type = slash === -1 ? resource : resource.slice(0, slash);
  if (type !== 'role' || slash === -1) {
    if (type === 'instance-profile') {
      problems.push(
        'is an instance profile ARN (instance-profile/...), not a role ARN; an instance profile wraps a role for EC2 — ' +
          'use the ARN of the role itself, with role/ where this one has instance-profile/',
      );
    } else if (type === 'user') {
      problems.push('is an IAM user ARN (user/...), not a role ARN; the dataplane can only assume a role');
    } else if (slash === -1) {
      problems.push(`resource "${resource}" is not of the form role/<role name>`);
    } else {
      problems.push(`is an IAM ${type} ARN (${type}/...), not a role ARN (role/<role name>)`);
    }
    return { problems };
  }

  const segments = resource.slice(slash + 1).split('/');
  // Stryker disable next-line StringLiteral: split always returns at least one segment; the default is for the type checker
  const roleName = segments.pop() ?? '';
  const path = segments.length === 0 ? '/' : `/${segments.join('/')}/`;
  if (roleName === '') {
    problems.push('ends with "/": the role name is missing');
  } else {
    if (roleName.length > ROLE_NAME_MAX_LENGTH) {
      problems.push(`role name is ${roleName.length} characters long; IAM allows at most ${ROLE_NAME_MAX_LENGTH}`);
    }
    if (!ROLE_NAME_CHARS.test(roleName)) {
      problems.push(`role name "${roleName}" has characters IAM does not allow in role names (letters, digits and _+=,.@-)`);
    }
  }
  if (path.length > ROLE_PATH_MAX_LENGTH) problems.push(`role path is ${path.length} characters long; IAM allows at most ${ROLE_PATH_MAX_LENGTH}`);
  if (!segments.every((s) => ROLE_PATH_SEGMENT.test(s))) {
    problems.push(`role path "${path}" has an empty segment ("//") or characters outside printable ASCII`);
  }
  if (problems.length > 0) return { problems };
  return { parsed: { partition, accountId, path, roleName }, problems };
}

/**
 * Every problem with a role ARN, each saying exactly what is wrong. Empty when it is a syntactically
 * valid IAM role ARN in `expectedPartition` (when given).
 */
export function roleArnProblems(arn: string, expectedPartition?: string): string[] {
  if (arn.length === 0) return [`is empty; a role ARN looks like ${ROLE_ARN_SHAPE}`];
  const whitespace = describeWhitespace(arn);
  const trimmed = arn.trim();
  if (/\s/.test(trimmed)) {
    return [`contains whitespace: ${joinList(whitespace)}; an ARN has none`];
  }
  const analysis: ArnAnalysis = trimmed.length > 0 ? analyzeTrimmedRoleArn(trimmed) : { problems: [] };
  const found = [...analysis.problems];
  const partition = analysis.parsed?.partition;
  if (partition !== undefined && expectedPartition !== undefined && partition !== expectedPartition) {
    found.push(
      `is in the "${partition}" partition, but our dataplane runs in "${expectedPartition}"; a role cannot trust a principal in another partition`,
    );
  }
  if (whitespace.length === 0) return found;
  return [
    `has ${joinList(whitespace)}` + (found.length === 0 ? ' (the ARN is otherwise valid: remove the whitespace)' : ''),
    ...found,
  ];
}

/** The parts of a syntactically valid IAM role ARN; undefined for anything else (including whitespace). */
export function parseRoleArn(arn: string): ParsedRoleArn | undefined {
  // Whitespace anywhere, the edges included: a path segment may hold a space, a role ARN may not.
  if (/\s/.test(arn)) return undefined;
  return analyzeTrimmedRoleArn(arn).parsed;
}

/**
 * Why a target role ARN is in fact our dataplane role (or another role of ours), or undefined.
 * Customers often paste the ARN we gave them for their trust policy's Principal into the connection.
 */
export function dataplaneRoleMixup(
  targetRoleArn: string,
  ctx: { vendorAccountId?: string; dataplaneRoleArn?: string },
): string | undefined {
  const target = targetRoleArn.trim();
  if (ctx.dataplaneRoleArn !== undefined && target === ctx.dataplaneRoleArn) {
    return `is the tenant's dataplane role ${ctx.dataplaneRoleArn}: the ARN to put in the target role's trust policy as Principal, not the target role`;
  }
  const parsed = parseRoleArn(target);
  if (!parsed) return undefined;
  if (ctx.vendorAccountId !== undefined && parsed.accountId === ctx.vendorAccountId) {
    return `is in account ${parsed.accountId}, which is our (the vendor's) account where the dataplane runs, not the customer's account`;
  }
  if (parsed.roleName.endsWith(DATAPLANE_ROLE_SUFFIX)) {
    return `names a role ending in "${DATAPLANE_ROLE_SUFFIX}", the name of the dataplane roles we create: it looks like the ARN we gave for the trust policy's Principal, not the customer's own role`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Pre-flight

function preflightEvidence(field: string, problems: string[]): Evidence[] {
  return problems.map((problem) => ({ source: 'preflight', summary: `${field} ${problem}` }));
}

/**
 * Checks a connection before any STS call. Returns the first finding (role ARN syntax, then a role of
 * ours in place of the customer's, then the External ID) with every problem found as evidence, or
 * undefined when nothing is wrong that can be seen without calling AWS.
 */
export function preflightConnection(connection: Connection, ctx: PreflightContext): Diagnosis | undefined {
  const arnProblems = roleArnProblems(connection.roleArn, ctx.partition);
  // Only an ARN without problems, whitespace included, is compared with ours.
  const mixup = arnProblems.length === 0 ? dataplaneRoleMixup(connection.roleArn, ctx) : undefined;
  const idProblems = externalIdProblems(connection.externalId);
  const evidence = [
    ...preflightEvidence('The role ARN', arnProblems),
    ...(mixup ? preflightEvidence('The role ARN', [mixup]) : []),
    ...preflightEvidence(`The External ID (${describeExternalId(connection.externalId)})`, idProblems),
  ];
  const connectionName = `connection "${connection.connectionId}"`;

  if (arnProblems.length > 0) {
    return {
      code: 'ROLE_ARN_INVALID',
      side: 'customer',
      summary: `The role ARN of ${connectionName} is not a valid IAM role ARN: it ${joinList(arnProblems)}. Nothing was sent to AWS.`,
      fix:
        `In the connection, enter the ARN of the target role in your own AWS account exactly as the IAM console shows it ` +
        `(IAM > Roles > <role> > ARN), ${ROLE_ARN_SHAPE}, with no spaces or line breaks.`,
      evidence,
    };
  }
  if (mixup) {
    return {
      code: 'ROLE_ARN_IS_DATAPLANE_ROLE',
      side: 'customer',
      summary:
        `The role ARN of ${connectionName}, ${connection.roleArn}, ${mixup}. ` +
        `The connection needs the ARN of the customer's own target role — the role with access to their data.`,
      fix:
        `Keep ${ctx.dataplaneRoleArn} as the Principal in the target role's trust policy, and enter the target role's own ARN ` +
        `(arn:aws:iam::<your account id>:role/<your role name>) in the connection.`,
      evidence,
    };
  }
  if (idProblems.length > 0) {
    return {
      code: 'EXTERNAL_ID_INVALID',
      side: 'customer',
      summary:
        `The External ID of ${connectionName} (${describeExternalId(connection.externalId)}) ${joinList(idProblems)}. ` +
        `AWS would reject it, so nothing was sent.`,
      fix:
        `Re-enter the External ID in the connection: ${EXTERNAL_ID_MIN_LENGTH}-${EXTERNAL_ID_MAX_LENGTH} characters from letters, ` +
        `digits and _+=,.@:/-, with no spaces or line breaks (type it rather than pasting it from a document or email). Use ` +
        `exactly the same value for "sts:ExternalId" in the target role's trust policy.`,
      evidence,
    };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Structural rules of a connection's fields, for the schemas of every input that carries one
// (lib/schemas/connection.ts): whether the ARN and External ID are usable is the pre-flight's job,
// which explains it to the customer. Problems never contain the External ID.

/** A value's JSON type as problems name it: "a number", "an array", "null". */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

export const CONNECTION_ID_MAX_LENGTH = 64;

/** What is wrong with a (non-empty) connection id: its characters, its length, a reserved name. */
export function connectionIdProblems(id: string): string[] {
  const problems: string[] = [];
  if (!CONNECTION_ID_PATTERN.test(id)) {
    problems.push(
      id.length > CONNECTION_ID_MAX_LENGTH
        ? `is ${id.length} characters long; at most ${CONNECTION_ID_MAX_LENGTH} are allowed`
        : `has a character that is not allowed (${firstDisallowedCharacter(id, CONNECTION_ID_CHARACTER)}); allowed: 1-${CONNECTION_ID_MAX_LENGTH} characters from letters, digits and _.-`,
    );
  }
  const reserved = reservedKeyProblem(id);
  if (reserved) problems.push(reserved);
  return problems;
}

/** Only the length is judged here, so that a value too long to ever be valid is not stored or carried on. */
export function roleArnLengthProblems(arn: string): string[] {
  return arn.length > ROLE_ARN_MAX_LENGTH ? [`is ${arn.length} characters long; an IAM role ARN has at most ${ROLE_ARN_MAX_LENGTH}`] : [];
}

/** Only the length is judged here: the characters are the pre-flight's to explain to the customer. */
export function externalIdLengthProblems(externalId: string): string[] {
  return externalId.length > EXTERNAL_ID_MAX_LENGTH ? [`is ${externalId.length} characters long; AWS allows at most ${EXTERNAL_ID_MAX_LENGTH}`] : [];
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
