// IAM role ARNs as customers enter them: every problem said exactly (a bare account id, a role name,
// a console URL, whitespace, the wrong partition), and the mix-up of our dataplane role for theirs.
import { joinList } from '../problem-text';
import { describeWhitespace } from '../external-id';
import { DATAPLANE_ROLE_SUFFIX, ROLE_NAME_MAX_LENGTH } from './names';

export interface ParsedRoleArn {
  partition: string;
  accountId: string;
  /** '/' for a role without a path, otherwise '/a/b/'. */
  path: string;
  roleName: string;
}

/** IAM ARNs are at most 2048 characters. */
export const ROLE_ARN_MAX_LENGTH = 2048;
const ROLE_NAME_CHARS = /^[\w+=,.@-]+$/;
/** IAM paths: printable ASCII between slashes, at most 512 characters. */
const ROLE_PATH_MAX_LENGTH = 512;
const ROLE_PATH_SEGMENT = /^[\x21-\x2E\x30-\x7E]+$/;
const KNOWN_PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);

/** How a role ARN looks, as problems show it. */
export const ROLE_ARN_SHAPE = 'arn:aws:iam::<12-digit account id>:role/<role name>';

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

/** Only the length is judged here, so that a value too long to ever be valid is not stored or carried on. */
export function roleArnLengthProblems(arn: string): string[] {
  return arn.length > ROLE_ARN_MAX_LENGTH ? [`is ${arn.length} characters long; an IAM role ARN has at most ${ROLE_ARN_MAX_LENGTH}`] : [];
}
