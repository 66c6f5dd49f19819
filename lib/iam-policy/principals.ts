// Principals: the caller as IAM sees it (from its ARN), and whether a Principal or NotPrincipal block
// names it.
import { InvalidPrincipalArnError, type RequestPrincipal } from './types';
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


export type PrincipalBlock = '*' | Partial<Record<PrincipalKey, string[]>>;
export type PrincipalKey = 'AWS' | 'Federated' | 'Service' | 'CanonicalUser';
export const PRINCIPAL_KEYS: readonly PrincipalKey[] = ['AWS', 'Federated', 'Service', 'CanonicalUser'];

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

export function principalMatchesBlock(block: PrincipalBlock, principal: RequestPrincipal): { matches: boolean; notes: string[] } {
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

export function describePrincipalBlock(block: PrincipalBlock): string {
  if (block === '*') return '"*"';
  const values = PRINCIPAL_KEYS.flatMap((type) => (block[type] ?? []).map((v) => (type === 'AWS' ? v : `${type} ${v}`)));
  return values.join(', ');
}
