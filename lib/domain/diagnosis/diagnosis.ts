// Diagnosis of a failed role assumption: which of the STS failures it is, which side must act, and
// what exactly to change. Written for a support engineer who pastes it to the customer.
//
// Two facts shape this module. Cross-account, AWS answers AccessDenied with no reason whenever the
// target role's trust policy does not allow the call — and also when the role does not exist — so the
// diagnosis lists the usual causes instead of pretending to know which one it is. And the customer's
// account logs nothing for a denied cross-account call: only our CloudTrail records it, for our
// verifier and for the tenant's real Spark dataplane alike, so those records are the evidence we have.
//
// External IDs never appear in clear: STS echoes an invalid one in its ValidationError message and
// CloudTrail records it in requestParameters; both are withheld here and described by a fingerprint.
import {
  dataplaneRoleMixup,
  describeFingerprint,
  externalIdFingerprint,
  type ExternalIdFingerprint,
  parseRoleArn,
  roleArnProblems,
} from '../verification/connection';
import { DATAPLANE_ROLE_SUFFIX } from '../names';
import { DATAPLANE_INLINE_POLICY_NAME } from '../onboarding/policies';

export type DiagnosisCode =
  | 'TRUST_POLICY_DENIED'
  | 'EXTERNAL_ID_NOT_ENFORCED'
  | 'EXTERNAL_ID_INVALID'
  | 'ROLE_ARN_INVALID'
  | 'ROLE_ARN_IS_DATAPLANE_ROLE'
  | 'EXPLICIT_DENY'
  | 'IDENTITY_POLICY_DENIED'
  | 'DATAPLANE_ROLE_UNASSUMABLE'
  | 'REGION_DISABLED'
  | 'SESSION_DURATION_EXCEEDED'
  | 'OIDC_PROVIDER_MISSING'
  | 'IRSA_TRUST_MISMATCH'
  | 'THROTTLED'
  | 'PROPAGATION_PENDING'
  | 'UNKNOWN';

/** Who must act: the customer, us (the vendor), or nobody (retrying is enough). */
export type DiagnosisSide = 'customer' | 'vendor' | 'transient';

export interface Evidence {
  source: 'preflight' | 'sts' | 'cloudtrail' | 'verifier';
  summary: string;
  at?: string;
  eventId?: string;
  principalArn?: string;
  sessionName?: string;
  errorCode?: string;
  errorMessage?: string;
  /** For CloudTrail records: our verifier's call, or a real Spark session of the dataplane role. */
  origin?: 'verifier' | 'dataplane';
}

export interface Diagnosis {
  code: DiagnosisCode;
  side: DiagnosisSide;
  summary: string;
  fix: string;
  evidence: Evidence[];
  /** UNKNOWN keeps the raw STS message (External ID values withheld). */
  rawMessage?: string;
  /** EXPLICIT_DENY: the policy type AWS named, e.g. "service control policy". */
  policyType?: string;
}

export interface DiagnosisContext {
  tenantId: string;
  dataplaneRoleArn: string;
  targetRoleArn: string;
  vendorAccountId: string;
  externalId?: ExternalIdFingerprint;
}

/**
 * What is known about a failed call when it is not our verifier's own: a pasted STS message names
 * the roles only when it says "User: ... on resource: ...". Each part is either known or absent — a
 * rule that needs a part (a role of ours named as the target, an account that is ours) cannot fire
 * without it, and texts describe an unknown part instead of printing it blank.
 */
export type KnownContext = Partial<DiagnosisContext>;

/**
 * Session names of the verifier start with this (the dataplane role's trust policy only lets the
 * verifier in with `sts:RoleSessionName` like `verify-*`), which is how CloudTrail tells its calls
 * from the tenant's real Spark sessions.
 */
export const DEFAULT_VERIFIER_SESSION_PREFIX = 'verify-';

export const DIAGNOSIS_CODES: Record<DiagnosisCode, { side: DiagnosisSide; title: string; meaning: string; whatToDo: string }> = {
  TRUST_POLICY_DENIED: {
    side: 'customer',
    title: "The target role's trust policy does not allow our dataplane role",
    meaning:
      'sts:AssumeRole as the tenant\'s dataplane role, with the configured External ID, was denied with no reason given. ' +
      'Cross-account, AWS gives this same answer when the trust policy does not allow the call and when the role does not exist.',
    whatToDo:
      'Customer: in the target role\'s trust policy, Principal.AWS must be exactly the dataplane role ARN; the condition must be ' +
      'StringEquals "sts:ExternalId" with the External ID of the connection, byte for byte (no trailing space or newline); the ' +
      'role must exist under exactly the name and path in the connection. A Principal shown as an ID starting with AROA means ' +
      'the trusted role was deleted and recreated after the policy was saved: enter the ARN again.',
  },
  EXTERNAL_ID_NOT_ENFORCED: {
    side: 'customer',
    title: 'The target role does not require the External ID',
    meaning:
      'Assuming the role WITHOUT an External ID also succeeded, so the role is open to the confused-deputy problem: anyone who ' +
      'can act as the dataplane role could reach it. The connection is not verified.',
    whatToDo:
      'Customer: add "Condition": {"StringEquals": {"sts:ExternalId": "<the External ID of the connection>"}} to the trust ' +
      'policy statement that allows the dataplane role.',
  },
  EXTERNAL_ID_INVALID: {
    side: 'customer',
    title: 'The External ID is not one AWS accepts',
    meaning:
      'The External ID is not 2-1224 characters from letters, digits and _+=,.@:/- — found before calling AWS, or rejected ' +
      'by STS with a ValidationError. A trailing space or newline pasted with the value is the most common cause.',
    whatToDo:
      'Customer: re-enter the External ID in the connection without whitespace, and use exactly the same value for ' +
      '"sts:ExternalId" in the trust policy.',
  },
  ROLE_ARN_INVALID: {
    side: 'customer',
    title: 'The target role ARN is not a valid IAM role ARN',
    meaning:
      'The role ARN in the connection is not of the form arn:<partition>:iam::<12-digit account id>:role/<path/><name> — for ' +
      'example an S3 bucket ARN, an instance profile or user ARN, a missing colon, whitespace, or another partition than ours.',
    whatToDo: 'Customer: copy the role\'s ARN from IAM > Roles > <role> in their account and enter it in the connection.',
  },
  ROLE_ARN_IS_DATAPLANE_ROLE: {
    side: 'customer',
    title: "The connection names our dataplane role instead of the customer's role",
    meaning:
      'The target role ARN is the tenant\'s dataplane role, a role in our account, or a role named like our dataplane roles: ' +
      'the customer entered the ARN we gave them for the trust policy\'s Principal.',
    whatToDo:
      'Customer: keep the dataplane role ARN as the Principal of the trust policy, and enter their own target role\'s ARN in ' +
      'the connection.',
  },
  EXPLICIT_DENY: {
    side: 'vendor',
    title: 'A policy explicitly denies the call',
    meaning:
      'AWS named the policy type that denies sts:AssumeRole (or, for service control policies, that none allows it). Service ' +
      'control policies, permissions boundaries, identity-based and session policies govern the caller, so they are ours; a ' +
      'resource control policy or a Deny in the trust policy is the customer\'s.',
    whatToDo:
      'Whoever owns the named policy type amends it to let the dataplane role assume the target role; the diagnosis says who ' +
      '(side) and, when AWS gives it, which policy.',
  },
  IDENTITY_POLICY_DENIED: {
    side: 'vendor',
    title: 'Our dataplane role is not allowed to call sts:AssumeRole',
    meaning:
      'None of the policies that govern our dataplane role (its identity-based policies, its permissions boundary or the ' +
      'session policy) allows sts:AssumeRole on the target role. This is our side\'s fault, not the customer\'s.',
    whatToDo:
      `Vendor: re-run onboarding so the dataplane role's inline policy ${DATAPLANE_INLINE_POLICY_NAME} is converged, and check the ` +
      'permissions boundary allows sts:AssumeRole on customer roles.',
  },
  DATAPLANE_ROLE_UNASSUMABLE: {
    side: 'vendor',
    title: "Our verifier could not assume the tenant's dataplane role",
    meaning:
      'The first hop failed: the verification function could not become the dataplane role, so the customer\'s role was not ' +
      'tested at all.',
    whatToDo:
      'Vendor: re-run onboarding to converge the dataplane role and its trust policy (the verifier statement), and check the ' +
      'verification function\'s execution role allows sts:AssumeRole on it. The customer has nothing to do.',
  },
  REGION_DISABLED: {
    side: 'customer',
    title: "STS is deactivated in that region of the role's account",
    meaning:
      'STS refused to issue credentials for the target role because the regional STS endpoint we called is deactivated in ' +
      'the role\'s account (RegionDisabledException).',
    whatToDo:
      'Customer: activate the region in IAM > Account settings > Security Token Service (STS). Or we verify through another ' +
      'region\'s STS endpoint.',
  },
  SESSION_DURATION_EXCEEDED: {
    side: 'vendor',
    title: 'We asked for a session longer than allowed',
    meaning:
      'Our AssumeRole call asked for a DurationSeconds above the 1-hour cap of role chaining (or the role\'s maximum session ' +
      'duration). A defect in our call, not in the customer\'s role.',
    whatToDo: 'Vendor: request at most 3600 seconds for chained sessions (the verifier uses 900). The customer has nothing to do.',
  },
  OIDC_PROVIDER_MISSING: {
    side: 'vendor',
    title: "The cluster's IAM OIDC provider is missing in our account",
    meaning:
      'The tenant\'s Spark pods cannot get credentials for the dataplane role through IRSA: IAM in our account has no OpenID ' +
      'Connect provider for the cluster\'s issuer.',
    whatToDo:
      'Vendor: re-run onboarding so the provider is created for the cluster\'s issuer (client id sts.amazonaws.com). The customer ' +
      'has nothing to do.',
  },
  IRSA_TRUST_MISMATCH: {
    side: 'vendor',
    title: "The Spark pods' token does not match the dataplane role's IRSA trust",
    meaning:
      'sts:AssumeRoleWithWebIdentity on the dataplane role was refused: the namespace, ServiceAccount or audience in its trust ' +
      'policy does not match the pod\'s token, or it trusts another cluster\'s OIDC provider.',
    whatToDo:
      'Vendor: re-run onboarding with the Spark pods\' namespace and ServiceAccount (chart defaults qualytics / qualytics-spark) so ' +
      'the trust policy converges, then restart the Spark drivers. The customer has nothing to do.',
  },
  THROTTLED: {
    side: 'transient',
    title: 'STS throttled the call',
    meaning: 'STS rate-limited our call. It says nothing about the role; the attempt is retried with backoff.',
    whatToDo: 'Nothing: we retry. If it persists, look for other callers of STS in our account and region.',
  },
  PROPAGATION_PENDING: {
    side: 'transient',
    title: 'A recent IAM change may not have reached STS yet',
    meaning:
      'The denial came within the IAM propagation window (up to about 2 minutes after a role or trust policy change), so it ' +
      'is not reported as final; the underlying diagnosis is kept in case it persists.',
    whatToDo: 'Nothing yet: we try again after the window. If it persists, the underlying diagnosis applies.',
  },
  UNKNOWN: {
    side: 'vendor',
    title: 'A failure we do not recognise',
    meaning: 'STS failed in a way this product does not classify. The raw message is kept (External ID values withheld).',
    whatToDo: 'Support: look the call up in our CloudTrail and escalate to engineering with the diagnosis.',
  },
};

// ---------------------------------------------------------------------------------------------------
// Message parsing

const THROTTLING = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException']);
const INVALID_IDENTITY_TOKEN = new Set(['InvalidIdentityToken', 'InvalidIdentityTokenException']);
const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException']);
const WITHHELD = '[External ID withheld]';

/**
 * An STS or CloudTrail message with every External ID value withheld: the `Value '...' at 'externalId'`
 * of a ValidationError (from its first quoted value to the last one reported for externalId, so a
 * value containing quotes cannot leak), and every occurrence of a value we know. Values under 4
 * characters are not searched for: they would blank out ordinary words.
 */
export function scrubExternalIds(message: string, knownValue?: unknown): string {
  let text = message;
  const marker = "' at 'externalId'";
  const end = text.lastIndexOf(marker);
  if (end !== -1) {
    const start = text.indexOf("Value '");
    // Stryker disable next-line EqualityOperator: "Value '" and the marker cannot start at the same index
    text = start !== -1 && start < end ? `${text.slice(0, start + 7)}${WITHHELD}${text.slice(end)}` : `${WITHHELD}${text.slice(end + 1)}`;
  }
  if (typeof knownValue === 'string') {
    for (const value of new Set([knownValue, knownValue.trim()])) {
      if (value.length >= 4) text = text.split(value).join(WITHHELD);
    }
  }
  return text;
}

interface AccessDeniedParts {
  principal?: string;
  action?: string;
  resource?: string;
  explicitDenyIn?: string;
  policyArn?: string;
  noAllowIn?: string;
}

/** "User: <principal> is not authorized to perform: <action> on resource: <arn> [with an explicit deny in a <type>[: <policy arn>] | because no <type> allows the <action> action]" */
function parseAccessDenied(message: string): AccessDeniedParts {
  const parts: AccessDeniedParts = {};
  const head = /User: (\S+) is not authorized to perform: (\S+) on resource: (\S+)/.exec(message);
  if (head) {
    parts.principal = head[1];
    parts.action = head[2];
    parts.resource = head[3];
  }
  const explicit = /with an explicit deny in an? ([a-z][a-z -]*[a-z])(?::\s*(arn:[^\s,;]+))?/i.exec(message);
  if (explicit) {
    parts.explicitDenyIn = explicit[1]!.toLowerCase();
    if (explicit[2]) parts.policyArn = explicit[2].replace(/\.$/, '');
  }
  const noAllow = /because no ([a-z][a-z -]*[a-z]) allows the \S+ action/i.exec(message);
  if (noAllow) parts.noAllowIn = noAllow[1]!.toLowerCase();
  return parts;
}

/** The session name of an assumed-role ARN: arn:aws:sts::<acct>:assumed-role/<role>/<session>. */
function sessionOf(principalArn: string | undefined): string | undefined {
  const match = principalArn ? /:assumed-role\/[^/]+\/(.+)/.exec(principalArn) : null;
  return match?.[1];
}

function accountOf(arn: string): string | undefined {
  return parseRoleArn(arn)?.accountId ?? /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1];
}

function roleNameOf(arn: string): string {
  return parseRoleArn(arn)?.roleName ?? arn;
}

function dataplaneNameOf(ctx: KnownContext): string {
  return ctx.dataplaneRoleArn ? roleNameOf(ctx.dataplaneRoleArn) : "the tenant's dataplane role";
}

/**
 * What classification knows beyond the caller's context: from a CloudTrail record, the External ID
 * that was actually sent (null: none), which is not necessarily the configured one.
 */
interface ClassifyContext extends KnownContext {
  externalIdSent?: ExternalIdFingerprint | null;
}

/** A known context part: an empty string is no more an ARN or an account than a missing one. */
function known(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** The context with blank parts removed, so that two unknown ARNs can never compare equal. */
function knownParts(ctx: KnownContext): KnownContext {
  const parts: KnownContext = {};
  for (const key of ['tenantId', 'dataplaneRoleArn', 'targetRoleArn', 'vendorAccountId'] as const) {
    const value = known(ctx[key]);
    // Stryker disable next-line ConditionalExpression: a part set to undefined reads as a missing one wherever it is read
    if (value !== undefined) parts[key] = value;
  }
  return { ...parts, ...(ctx.externalId ? { externalId: ctx.externalId } : {}) };
}

function targetOf(ctx: KnownContext): string {
  return ctx.targetRoleArn ?? 'the target role';
}

function dataplaneOf(ctx: KnownContext): string {
  return ctx.dataplaneRoleArn ?? "the tenant's dataplane role";
}

/** For ARNs inside a policy snippet the customer or we paste. */
function dataplaneArnOf(ctx: KnownContext): string {
  return ctx.dataplaneRoleArn ?? '<the dataplane role ARN>';
}

function ourDataplaneRole(ctx: KnownContext): string {
  return ctx.dataplaneRoleArn ? `our dataplane role ${ctx.dataplaneRoleArn}` : 'our dataplane role';
}

/** "account 111111111111", or "our account" when the message did not say which. */
function vendorAccount(ctx: KnownContext): string {
  return ctx.vendorAccountId ? `account ${ctx.vendorAccountId}` : 'our account';
}

function ourAccount(ctx: KnownContext): string {
  return ctx.vendorAccountId ? `our account ${ctx.vendorAccountId}` : 'our account';
}

function externalIdPhrase(ctx: ClassifyContext): string {
  if (ctx.externalIdSent === null) return 'no External ID';
  if (ctx.externalIdSent) return `an External ID (${describeFingerprint(ctx.externalIdSent)})`;
  return ctx.externalId ? `the External ID configured for the connection (${describeFingerprint(ctx.externalId)})` : 'the External ID of the connection';
}

function tenantPhrase(ctx: KnownContext): string {
  return ctx.tenantId ? ` of tenant ${ctx.tenantId}` : '';
}

const SIDE_ACTOR: Record<DiagnosisSide, string> = {
  customer: 'the customer must act',
  vendor: 'we (the vendor) must act; the customer has nothing to change',
  transient: 'nobody needs to act; it is retried automatically',
};

// ---------------------------------------------------------------------------------------------------
// Classification

type Stage = 'dataplane' | 'target' | 'irsa';

interface Finding {
  code: DiagnosisCode;
  summary: string;
  fix: string;
  side?: DiagnosisSide;
  policyType?: string;
  rawMessage?: string;
}

function trustPolicyDenied(ctx: ClassifyContext, reason: string): Finding {
  const account = ctx.targetRoleArn ? accountOf(ctx.targetRoleArn) : undefined;
  const where = account ? ` in account ${account}` : '';
  const roleName = ctx.targetRoleArn ? roleNameOf(ctx.targetRoleArn) : undefined;
  return {
    code: 'TRUST_POLICY_DENIED',
    summary:
      `AWS denied ${ourDataplaneRole(ctx)}${tenantPhrase(ctx)} when it called sts:AssumeRole on ` +
      `${targetOf(ctx)} with ${externalIdPhrase(ctx)}. ${reason}`,
    fix:
      `The customer checks ${roleName ? `the role ${roleName}` : 'the target role'}${where} (IAM > Roles > ${roleName ?? '<role>'} > ` +
      `Trust relationships): (1) the role exists under exactly this name and path — a deleted or renamed role gives the same ` +
      `AccessDenied; (2) the statement's "Principal": {"AWS": "${dataplaneArnOf(ctx)}"} names exactly our dataplane role, ` +
      `not the account root or another tenant's role; a Principal that now shows an ID starting with AROA instead of the ARN ` +
      `means the trusted role was deleted and recreated after the policy was saved — enter the ARN again and save; (3) the ` +
      `Action is "sts:AssumeRole"; (4) the condition is "StringEquals": {"sts:ExternalId": ...} with exactly the External ID ` +
      `entered in the connection${ctx.externalId ? ` (ours is ${describeFingerprint(ctx.externalId)})` : ''}, with no leading or ` +
      `trailing space or newline; (5) no Deny statement matches the call. A saved change can take up to 2 minutes to apply.`,
  };
}

const CALLER_POLICY_TYPES = new Set(['service control policy', 'permissions boundary', 'identity-based policy', 'session policy']);
const CUSTOMER_POLICY_TYPES = new Set(['resource control policy', 'resource-based policy']);

/** "an identity-based policy", "a session policy": the policy types AWS names, with their article. */
function withArticle(policyType: string): string {
  return `${/^[aeiou]/i.test(policyType) ? 'an' : 'a'} ${policyType}`;
}

function explicitDeny(ctx: KnownContext, policyType: string, policyArn: string | undefined, implicit: boolean): Finding {
  const which = policyArn ? ` (${policyArn})` : '';
  const denies = implicit ? `no ${policyType}${which} allows` : `${withArticle(policyType)}${which} explicitly denies`;
  const head = `AWS refused sts:AssumeRole on ${targetOf(ctx)} for ${ourDataplaneRole(ctx)}: ${denies} it.`;
  const side: DiagnosisSide = CUSTOMER_POLICY_TYPES.has(policyType) ? 'customer' : 'vendor';
  const base = { code: 'EXPLICIT_DENY' as const, side, policyType };
  const targetAccount = ctx.targetRoleArn ? accountOf(ctx.targetRoleArn) : undefined;
  switch (policyType) {
    case 'service control policy':
      return {
        ...base,
        summary:
          `${head} Service control policies restrict the principals of their own organization's accounts, so this is an SCP ` +
          `of OUR organization applying to ${vendorAccount(ctx)}, not the customer's doing.`,
        fix:
          `Our platform team finds the SCP${policyArn ? ` ${policyArn}` : ` attached to ${vendorAccount(ctx)} or its OUs`} ` +
          `that ${implicit ? 'does not allow' : 'denies'} sts:AssumeRole and lets roles named *${DATAPLANE_ROLE_SUFFIX} assume roles in ` +
          `customer accounts (e.g. an exception on aws:PrincipalArn). Then re-run verification. The customer has nothing to change.`,
      };
    case 'permissions boundary':
      return {
        ...base,
        summary: `${head} The permissions boundary on our dataplane role is ours.`,
        fix:
          `We fix the permissions boundary attached to ${dataplaneOf(ctx)}: it must allow sts:AssumeRole on customer roles ` +
          `and have no Deny matching ${targetOf(ctx)}. Re-run onboarding to converge the role. The customer has nothing to change.`,
      };
    case 'identity-based policy':
      return {
        ...base,
        summary: `${head} A policy attached to our dataplane role contains a Deny that matches this call.`,
        fix:
          `We remove the Deny on sts:AssumeRole from the policies attached to ${dataplaneOf(ctx)}; only the inline policy ` +
          `${DATAPLANE_INLINE_POLICY_NAME} belongs there — re-run onboarding to converge it. The customer has nothing to change.`,
      };
    case 'session policy':
      return {
        ...base,
        summary: `${head} The session policy is the one our verifier passed when it assumed the dataplane role: a defect on our side.`,
        fix:
          'Engineering fixes the verifier: the session policy of its dataplane session must allow sts:AssumeRole. The customer has ' +
          'nothing to change.',
      };
    case 'resource control policy':
      return {
        ...base,
        summary:
          `${head} Resource control policies protect the customer's resources: a resource control policy of the customer's ` +
          `AWS Organization keeps principals outside it, such as ${ourAccount(ctx)}, from assuming the role.`,
        fix:
          `The customer's AWS Organization administrators add an exception to the resource control policy${which} for our ` +
          `dataplane role (e.g. "aws:PrincipalArn": "${dataplaneArnOf(ctx)}") on ${targetOf(ctx)}. Nothing changes on our side.`,
      };
    case 'resource-based policy':
      return {
        ...base,
        summary: `${head} The resource-based policy of a role is its trust policy, in ${targetAccount ? `account ${targetAccount}` : "the customer's account"}.`,
        fix:
          `The customer removes or narrows the Deny statement in the trust policy of ${targetOf(ctx)} that matches ` +
          `${ourDataplaneRole(ctx)}.`,
      };
    default:
      return {
        ...base,
        summary: `${head} We do not know who owns a "${policyType}", so we treat it as ours to investigate.`,
        fix: `Support finds the ${policyType} named by AWS in ${ourAccount(ctx)} first, then asks the customer.`,
      };
  }
}

function identityPolicyDenied(ctx: KnownContext, policyType: string): Finding {
  const what =
    policyType === 'permissions boundary'
      ? `the permissions boundary of our dataplane role does not allow it`
      : policyType === 'session policy'
        ? `the session policy our verifier passed when it assumed the dataplane role does not allow it`
        : `no identity-based policy of our dataplane role allows it`;
  return {
    code: 'IDENTITY_POLICY_DENIED',
    summary:
      `AWS refused sts:AssumeRole on ${targetOf(ctx)} for ${ourDataplaneRole(ctx)}${tenantPhrase(ctx)}: ` +
      `${what}. The call never reached the customer's trust policy; this is our side.`,
    fix:
      `We re-run onboarding for ${ctx.tenantId || 'the tenant'} so ${dataplaneNameOf(ctx)} gets back its inline policy ` +
      `${DATAPLANE_INLINE_POLICY_NAME} (sts:AssumeRole on arn:*:iam::*:role/*), and check its permissions boundary and the ` +
      `verifier's session policy allow sts:AssumeRole. The customer has nothing to change.`,
  };
}

function describeCause(error: { name: string; message: string }, scrubbed: string): string {
  if (ACCESS_DENIED.has(error.name)) {
    const parts = parseAccessDenied(error.message);
    if (parts.explicitDenyIn) return `an explicit deny in ${withArticle(parts.explicitDenyIn)}${parts.policyArn ? ` (${parts.policyArn})` : ''}`;
    if (parts.noAllowIn) return `no ${parts.noAllowIn} of the caller allows sts:AssumeRole`;
    return "AccessDenied with no reason: the dataplane role's trust policy does not allow the caller (its OnboardingVerifier statement, session names verify-*), or the role does not exist";
  }
  return `${error.name}: ${scrubbed}`;
}

function classify(
  error: { name: string; message: string },
  ctx: ClassifyContext,
  stage: Stage,
  knownExternalId?: string,
): Finding {
  const message = error.message ?? '';
  const scrubbed = scrubExternalIds(message, knownExternalId);

  // A role of ours in place of the customer's is the answer whatever STS said: retrying cannot fix it.
  const mixup = stage === 'target' && ctx.targetRoleArn ? dataplaneRoleMixup(ctx.targetRoleArn, ctx) : undefined;
  if (mixup && ctx.targetRoleArn) {
    return {
      code: 'ROLE_ARN_IS_DATAPLANE_ROLE',
      summary:
        `The connection's target role ${ctx.targetRoleArn} ${mixup}. Whatever STS answered (here ${error.name}), the ` +
        `connection points at our own role, not at the customer's target role — the role with access to their data.`,
      fix:
        `The customer keeps ${dataplaneOf(ctx)} as the Principal of their target role's trust policy, and enters their ` +
        `target role's own ARN (arn:aws:iam::<their account id>:role/<their role name>) in the connection.`,
    };
  }

  if (THROTTLING.has(error.name)) {
    return {
      code: 'THROTTLED',
      summary:
        `STS throttled our sts:AssumeRole call (${error.name}: ${scrubbed}) while verifying ${targetOf(ctx)}. This says ` +
        `nothing about the role; the attempt is retried with backoff.`,
      fix:
        `Nothing to do. If it lasts for hours, look for other callers of STS in ${ourAccount(ctx)} ` +
        `(STS request quotas are per account and region).`,
    };
  }

  if (stage === 'dataplane') {
    return {
      code: 'DATAPLANE_ROLE_UNASSUMABLE',
      summary:
        `Our verifier could not assume ${ctx.dataplaneRoleArn ? `the dataplane role ${ctx.dataplaneRoleArn}` : "the tenant's dataplane role"}${tenantPhrase(ctx)} (${describeCause(error, scrubbed)}), ` +
        `so ${ctx.targetRoleArn ?? "the customer's role"} has not been tested yet. ` +
        `Nothing points at the customer's side.`,
      fix:
        `We re-run onboarding for ${ctx.tenantId || 'the tenant'} so the dataplane role and its trust policy converge (the ` +
        `OnboardingVerifier statement trusts the verification function's execution role for session names starting ` +
        `"${DEFAULT_VERIFIER_SESSION_PREFIX}"), check that execution role allows sts:AssumeRole on ${dataplaneOf(ctx)}, and that ` +
        `no SCP or permissions boundary in ${vendorAccount(ctx)} denies it. The customer has nothing to change.`,
      rawMessage: scrubbed,
    };
  }

  if (error.name === 'RegionDisabledException') {
    const account = /account:?\s*(\d{12})/.exec(message)?.[1] ?? (ctx.targetRoleArn ? accountOf(ctx.targetRoleArn) : undefined);
    // Ours only when we know our account and it is the one AWS named.
    const ours = account !== undefined && ctx.vendorAccountId !== undefined && account === ctx.vendorAccountId;
    return {
      code: 'REGION_DISABLED',
      side: ours ? 'vendor' : 'customer',
      summary:
        `STS is deactivated in the region we called for account ${account ?? '(unknown)'}` +
        `${ours ? ' — our own account' : `, the account of ${targetOf(ctx)}`}, so AWS will not issue credentials for the ` +
        `role there. AWS said: "${scrubbed}"`,
      fix: ours
        ? `We activate the region in IAM > Account settings > Security Token Service (STS) of account ${account}, or call another regional STS endpoint.`
        : `The customer activates the region in the IAM console of account ${account ?? 'their account'}: Account settings > ` +
          `Security Token Service (STS) > Endpoints > Activate. Alternatively we verify through another region's STS endpoint.`,
    };
  }

  if (error.name === 'ValidationError' || error.name === 'ValidationException') {
    if (/DurationSeconds exceeds/i.test(message)) {
      const chaining = /role chaining/i.test(message);
      return {
        code: 'SESSION_DURATION_EXCEEDED',
        summary:
          `STS refused the session length we asked for when assuming ${targetOf(ctx)}: "${scrubbed}". ` +
          (chaining
            ? 'Verification sessions are chained through our dataplane role, which caps them at 1 hour. A defect in our call.'
            : "We asked for more than the role's maximum session duration. A defect in our call: the verifier needs 900 seconds."),
        fix: 'Engineering fixes the AssumeRole call to request at most 3600 seconds (the verifier uses 900). The customer has nothing to change.',
      };
    }
    if (/externalId/i.test(message)) {
      // Only the constraint is read, never the quoted value before it (it could hold any of these words).
      // Stryker disable next-line StringLiteral: with no constraint to read, any stand-in gives the default answer
      const constraint = /at 'externalId' failed to satisfy constraint: ([^;]+)/i.exec(message)?.[1] ?? '';
      const why = /pattern/i.test(constraint)
        ? 'it contains a character AWS does not allow — only letters, digits and _+=,.@:/- are; a space or line break is the usual culprit'
        : /greater than or equal/i.test(constraint)
          ? 'it is shorter than the 2 characters AWS requires'
          : /less than or equal/i.test(constraint)
            ? 'it is longer than the 1224 characters AWS allows'
            : 'it does not satisfy AWS\'s rules for External IDs';
      return {
        code: 'EXTERNAL_ID_INVALID',
        summary:
          `STS rejected ${externalIdPhrase(ctx)} for ${targetOf(ctx)}: ${why}. The call never reached the customer's account.`,
        fix:
          'The customer re-enters the External ID in the connection: 2-1224 characters from letters, digits and _+=,.@:/-, no ' +
          'spaces or line breaks, and uses exactly the same value for "sts:ExternalId" in the target role\'s trust policy.',
        rawMessage: scrubbed,
      };
    }
    if (/roleArn|ARN/.test(message)) {
      const problems = ctx.targetRoleArn ? roleArnProblems(ctx.targetRoleArn) : [];
      const why = problems.length > 0 ? `it ${problems.join('; it ')}` : `"${scrubbed}"`;
      return {
        code: 'ROLE_ARN_INVALID',
        summary: `STS rejected the target role ARN${ctx.targetRoleArn ? ` ${JSON.stringify(ctx.targetRoleArn)}` : ''}: ${why}.`,
        fix:
          "The customer copies the role's ARN from IAM > Roles > <role> in their account (arn:aws:iam::<12-digit account id>:role/<name>) " +
          'into the connection, with no spaces or line breaks.',
        rawMessage: scrubbed,
      };
    }
  }

  if (INVALID_IDENTITY_TOKEN.has(error.name)) {
    const issuer = /No OpenIDConnect provider found in your account for (\S+)/i.exec(message)?.[1];
    if (issuer) {
      return {
        code: 'OIDC_PROVIDER_MISSING',
        summary:
          `The tenant's Spark pods could not get credentials for ${dataplaneOf(ctx)}: IAM in ${ourAccount(ctx)} ` +
          `has no OpenID Connect provider for the cluster's issuer ${issuer}. Until it exists, IRSA ` +
          `cannot work and the dataplane cannot reach any customer role.`,
        fix:
          `We re-run onboarding for ${ctx.tenantId || 'the tenant'} so the provider is created, or create it: aws iam ` +
          `create-open-id-connect-provider --url ${issuer} --client-id-list sts.amazonaws.com. The customer has nothing to change.`,
      };
    }
    if (/audience/i.test(message)) return irsaTrustMismatch(ctx, scrubbed);
  }

  if (ACCESS_DENIED.has(error.name)) {
    if (stage === 'irsa' || /AssumeRoleWithWebIdentity/.test(message)) return irsaTrustMismatch(ctx, scrubbed);
    const parts = parseAccessDenied(message);
    if (parts.explicitDenyIn) return explicitDeny(ctx, parts.explicitDenyIn, parts.policyArn, false);
    // Stryker disable next-line ConditionalExpression: without a policy type neither test below can match; the guard is for the type checker
    if (parts.noAllowIn) {
      if (CALLER_POLICY_TYPES.has(parts.noAllowIn) && parts.noAllowIn !== 'service control policy') {
        return identityPolicyDenied(ctx, parts.noAllowIn);
      }
      if (parts.noAllowIn === 'service control policy') return explicitDeny(ctx, parts.noAllowIn, undefined, true);
    }
    return trustPolicyDenied(
      ctx,
      "Cross-account, AWS does not say why: the target role's trust policy does not allow this call, or the role does not exist.",
    );
  }

  return {
    code: 'UNKNOWN',
    summary:
      `sts:AssumeRole on ${targetOf(ctx)} as ${dataplaneOf(ctx)} failed with ${error.name}: ${scrubbed}. This is not a ` +
      `failure we recognise, so nobody has been asked to change anything yet.`,
    fix:
      `Support looks the call up in CloudTrail of ${ourAccount(ctx)} (event name AssumeRole, resource ` +
      `${targetOf(ctx)}) and escalates to engineering with this diagnosis.`,
    rawMessage: scrubbed,
  };
}

function irsaTrustMismatch(ctx: KnownContext, scrubbed: string, subject?: string): Finding {
  return {
    code: 'IRSA_TRUST_MISMATCH',
    summary:
      `The tenant's Spark pods were refused sts:AssumeRoleWithWebIdentity on ${ourDataplaneRole(ctx)}` +
      `${subject ? ` with a token for ${subject}` : ''}: the role's IRSA trust does not match the pod's token. AWS said: "${scrubbed}"`,
    fix:
      `We compare ${dataplaneNameOf(ctx)}'s trust policy with the pods: the Federated principal must be the OIDC ` +
      `provider of this tenant's cluster, "<issuer>:sub" must be system:serviceaccount:<namespace>:<serviceaccount> of the Spark ` +
      `pods (chart defaults system:serviceaccount:qualytics:qualytics-spark) and "<issuer>:aud" sts.amazonaws.com. Re-run ` +
      `onboarding with the right namespace and ServiceAccount, then restart the Spark drivers. The customer has nothing to change.`,
  };
}

function toDiagnosis(finding: Finding, evidence: Evidence[]): Diagnosis {
  return {
    code: finding.code,
    side: finding.side ?? DIAGNOSIS_CODES[finding.code].side,
    summary: finding.summary,
    fix: finding.fix,
    evidence,
    // Stryker disable next-line ConditionalExpression: a key holding undefined is left out of JSON answers and of the status table (removeUndefinedValues) all the same
    ...(finding.rawMessage !== undefined ? { rawMessage: finding.rawMessage } : {}),
    // Stryker disable next-line ConditionalExpression: as above
    ...(finding.policyType !== undefined ? { policyType: finding.policyType } : {}),
  };
}

/**
 * Diagnoses an STS error from our verifier. `stage` says which hop failed: 'dataplane' when the
 * verifier could not become the tenant's dataplane role, 'target' (default) for the customer's role.
 */
export function diagnoseStsError(
  error: { name: string; message: string },
  given: DiagnosisContext | KnownContext,
  stage: 'dataplane' | 'target' = 'target',
): Diagnosis {
  const ctx = knownParts(given);
  const message = scrubExternalIds(error.message ?? '');
  // Stryker disable next-line StringLiteral: no stand-in for a missing message names a principal
  const principal = parseAccessDenied(error.message ?? '').principal;
  const roleArn = stage === 'dataplane' ? dataplaneOf(ctx) : targetOf(ctx);
  const evidence: Evidence = {
    source: 'sts',
    summary: `sts:AssumeRole on ${roleArn} returned ${error.name}: ${message}`,
    errorCode: error.name,
    errorMessage: message,
    ...(principal ? { principalArn: principal } : {}),
    ...(sessionOf(principal) ? { sessionName: sessionOf(principal) } : {}),
  };
  return toDiagnosis(classify(error, ctx, stage), [evidence]);
}

// ---------------------------------------------------------------------------------------------------
// CloudTrail

const ASSUME_ROLE_EVENTS = new Set(['AssumeRole', 'AssumeRoleWithWebIdentity']);

interface TrailRecord {
  eventName?: string;
  eventSource?: string;
  eventTime?: string;
  eventID?: string;
  errorCode?: string;
  errorMessage?: string;
  recipientAccountId?: string;
  userIdentity?: {
    type?: string;
    arn?: string;
    accountId?: string;
    principalId?: string;
    userName?: string;
    identityProvider?: string;
    sessionContext?: { sessionIssuer?: { arn?: string } };
  };
  requestParameters?: { roleArn?: string; roleSessionName?: string; externalId?: string } | null;
  resources?: { ARN?: string }[];
}

function asRecord(record: unknown): TrailRecord | undefined {
  return typeof record === 'object' && record !== null && !Array.isArray(record) ? (record as TrailRecord) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function isAssumeRoleRecord(r: TrailRecord): boolean {
  // Stryker disable next-line StringLiteral: no event name is an assume-role event, whatever stands in for a missing one
  return r.eventSource === 'sts.amazonaws.com' && ASSUME_ROLE_EVENTS.has(r.eventName ?? '');
}

/** True for a failed sts:AssumeRole or AssumeRoleWithWebIdentity, as CloudTrail records it. */
export function isDenial(record: unknown): boolean {
  const r = asRecord(record);
  return r !== undefined && isAssumeRoleRecord(r) && str(r.errorCode) !== undefined;
}

function roleArnOf(r: TrailRecord): string | undefined {
  return str(r.requestParameters?.roleArn) ?? str(r.resources?.find((res) => str(res?.ARN))?.ARN);
}

function callerOf(r: TrailRecord): string | undefined {
  return str(r.userIdentity?.arn) ?? str(r.userIdentity?.sessionContext?.sessionIssuer?.arn) ?? str(r.userIdentity?.identityProvider);
}

function originOf(r: TrailRecord, prefix: string): 'verifier' | 'dataplane' {
  if (r.eventName === 'AssumeRoleWithWebIdentity') return 'dataplane';
  const session = str(r.requestParameters?.roleSessionName);
  return session !== undefined && session.startsWith(prefix) ? 'verifier' : 'dataplane';
}

function sentExternalId(r: TrailRecord): ExternalIdFingerprint | undefined {
  const value = r.requestParameters?.externalId;
  return typeof value === 'string' ? externalIdFingerprint(value) : undefined;
}

function evidenceOf(r: TrailRecord, prefix: string): Evidence {
  const origin = originOf(r, prefix);
  const caller = callerOf(r);
  const session = str(r.requestParameters?.roleSessionName);
  const roleArn = roleArnOf(r) ?? '(no role in the record)';
  const errorCode = str(r.errorCode);
  const errorMessage = str(r.errorMessage) !== undefined ? scrubExternalIds(r.errorMessage!, r.requestParameters?.externalId) : undefined;
  const who = origin === 'verifier' ? 'our verifier' : "the tenant's Spark dataplane";
  const sent = sentExternalId(r);
  // Our own dataplane role is assumed without an External ID; only calls to customers' roles carry one.
  const customerRole = roleArnOf(r) !== undefined && accountOf(roleArnOf(r)!) !== str(r.recipientAccountId);
  const idNote =
    r.eventName === 'AssumeRole' && customerRole
      ? sent
        ? `; External ID sent: ${describeFingerprint(sent)}`
        : `; no External ID sent${origin === 'verifier' ? " (the verifier's check that the role requires one: a denial is the expected result)" : ''}`
      : '';
  // Stryker disable next-line StringLiteral: evidence is only made of denials, which have an errorCode
  const outcome = `denied: ${errorCode ?? '(no errorCode)'}${errorMessage ? `: ${errorMessage}` : ''}`;
  return {
    source: 'cloudtrail',
    summary:
      `${r.eventTime ?? '(no time)'} ${r.eventName} by ${who}${caller ? ` as ${caller}` : ''}` +
      `${session ? ` (session ${session})` : ''} on ${roleArn} ${outcome}${idNote}`,
    ...(str(r.eventTime) ? { at: r.eventTime } : {}),
    ...(str(r.eventID) ? { eventId: r.eventID } : {}),
    ...(caller ? { principalArn: caller } : {}),
    ...(session ? { sessionName: session } : {}),
    ...(errorCode ? { errorCode } : {}),
    ...(errorMessage ? { errorMessage } : {}),
    origin,
  };
}

/**
 * Evidence from one CloudTrail record of our account, to attach to a diagnosis: a failed sts:AssumeRole
 * or AssumeRoleWithWebIdentity, by our verifier or by the tenant's real Spark dataplane. Undefined for
 * any other record, successes included: evidence backs a denial.
 */
export function cloudTrailEvidence(record: unknown, verifierSessionPrefix: string): Evidence | undefined {
  const r = asRecord(record);
  if (!r || !isDenial(r)) return undefined;
  return evidenceOf(r, verifierSessionPrefix);
}

function tenantFromRoleArn(arn: string | undefined): string | undefined {
  const name = arn ? parseRoleArn(arn)?.roleName : undefined;
  return name?.endsWith(DATAPLANE_ROLE_SUFFIX) ? name.slice(0, -DATAPLANE_ROLE_SUFFIX.length) : undefined;
}

function isOurDataplaneRole(arn: string | undefined, ctx: Partial<DiagnosisContext>, ourAccount: string | undefined): boolean {
  if (!arn) return false;
  if (ctx.dataplaneRoleArn) return arn === ctx.dataplaneRoleArn;
  const parsed = parseRoleArn(arn);
  return parsed !== undefined && parsed.accountId === ourAccount && parsed.roleName.endsWith(DATAPLANE_ROLE_SUFFIX);
}

/**
 * Diagnoses one failed AssumeRole / AssumeRoleWithWebIdentity record of our CloudTrail (the parsed
 * CloudTrailEvent JSON). What the record does not say is taken from `ctx`. Throws for any other
 * record — a success has nothing to diagnose.
 */
export function diagnoseCloudTrailEvent(
  record: unknown,
  ctx: Partial<DiagnosisContext> & { verifierSessionPrefix?: string } = {},
): Diagnosis {
  const r = asRecord(record);
  if (!r) throw new Error(`Not a CloudTrail record: expected the parsed CloudTrailEvent object, got ${record === null ? 'null' : typeof record}`);
  const id = r.eventID ? `CloudTrail event ${r.eventID}` : 'CloudTrail record';
  if (!isAssumeRoleRecord(r)) {
    throw new Error(
      `${id} is ${r.eventSource ?? '(no eventSource)'} ${r.eventName ?? '(no eventName)'}, not sts:AssumeRole or ` +
        `sts:AssumeRoleWithWebIdentity: there is no role assumption to diagnose`,
    );
  }
  const errorCode = str(r.errorCode);
  if (!errorCode) {
    throw new Error(`${id} is a successful ${r.eventName} at ${r.eventTime ?? '(no time)'}: it has no errorCode, so there is no denial to diagnose`);
  }

  const prefix = ctx.verifierSessionPrefix ?? DEFAULT_VERIFIER_SESSION_PREFIX;
  const evidence = evidenceOf(r, prefix);
  const ourAccount = ctx.vendorAccountId ?? str(r.recipientAccountId) ?? str(r.userIdentity?.accountId);
  const roleArn = roleArnOf(r);
  const caller = str(r.userIdentity?.sessionContext?.sessionIssuer?.arn);
  const webIdentity = r.eventName === 'AssumeRoleWithWebIdentity';
  // The verifier's first hop: another role of ours assuming the dataplane role. A dataplane role
  // assuming a dataplane role is the other case: a connection that names our role as its target.
  const callerIsDataplane = caller !== undefined && (caller === ctx.dataplaneRoleArn || roleNameOf(caller).endsWith(DATAPLANE_ROLE_SUFFIX));
  const firstHop = !webIdentity && isOurDataplaneRole(roleArn, ctx, ourAccount) && !callerIsDataplane;
  const stage: Stage = webIdentity ? 'irsa' : firstHop ? 'dataplane' : 'target';
  const dataplaneRoleArn = ctx.dataplaneRoleArn ?? (webIdentity || firstHop ? roleArn : caller);
  const targetRoleArn = (stage === 'target' ? roleArn : undefined) ?? ctx.targetRoleArn;
  const tenantId = ctx.tenantId ?? tenantFromRoleArn(dataplaneRoleArn);
  const full: ClassifyContext = {
    // knownParts leaves out what is undefined or blank.
    ...knownParts({ tenantId, dataplaneRoleArn, targetRoleArn, vendorAccountId: ourAccount }),
    ...(ctx.externalId ? { externalId: ctx.externalId } : {}),
    // Stryker disable next-line ConditionalExpression: only the target stage's findings say what was sent
    ...(stage === 'target' ? { externalIdSent: sentExternalId(r) ?? null } : {}),
  };

  const error = { name: errorCode, message: r.errorMessage ?? '' };
  const knownValue = typeof r.requestParameters?.externalId === 'string' ? r.requestParameters.externalId : undefined;
  let finding = classify(error, full, stage, knownValue);
  if (finding.code === 'IRSA_TRUST_MISMATCH' && str(r.userIdentity?.userName)) {
    finding = irsaTrustMismatch(full, scrubExternalIds(error.message, knownValue), r.userIdentity!.userName);
  }
  if (finding.code === 'TRUST_POLICY_DENIED' && !webIdentity) {
    finding = { ...finding, summary: `${finding.summary} ${externalIdComparison(r, ctx.externalId, evidence.origin!)}` };
  }
  return toDiagnosis(finding, [evidence]);
}

/** What the record says about the External ID that was sent, compared with the configured one. */
function externalIdComparison(r: TrailRecord, configured: ExternalIdFingerprint | undefined, origin: 'verifier' | 'dataplane'): string {
  const who = origin === 'verifier' ? 'Our verifier' : "The tenant's Spark dataplane";
  const sent = sentExternalId(r);
  if (!sent) {
    return origin === 'verifier'
      ? "This call carried no External ID: it is the verifier's check that the role requires one, and a denial is the expected result."
      : `${who} sent no External ID at all: the connection in the product has none configured.`;
  }
  if (!configured) return `${who} sent an External ID of ${describeFingerprint(sent)}.`;
  if (sent.fingerprint === configured.fingerprint && sent.length === configured.length) {
    return `${who} sent the configured External ID (${describeFingerprint(sent)}), so the trust policy side is what differs.`;
  }
  return (
    `${who} sent a different External ID (${describeFingerprint(sent)}) than the one configured for this connection ` +
    `(${describeFingerprint(configured)}): the value entered in the product and the one being verified are not the same.`
  );
}

// ---------------------------------------------------------------------------------------------------
// Wrappers and output

/**
 * A denial seen inside the IAM propagation window (a new role or a trust change can take up to ~2
 * minutes to reach STS) is not final: report it as transient, keeping what it would mean if it lasts.
 */
export function propagationPending(base: Diagnosis): Diagnosis {
  if (base.code === 'PROPAGATION_PENDING') return base;
  return {
    code: 'PROPAGATION_PENDING',
    side: 'transient',
    summary:
      `Denied within the IAM propagation window (up to about 2 minutes after a role or trust policy change), so this is not ` +
      `final yet and will be retried. If it persists, it means ${base.code} (${base.side} side): ${base.summary}`,
    fix: `Nothing yet: IAM changes take seconds to ~2 minutes to reach STS. If the denial persists: ${base.fix}`,
    evidence: [{ source: 'verifier', summary: `Underlying diagnosis: ${base.code} (${base.side} side)` }, ...base.evidence],
    ...(base.rawMessage !== undefined ? { rawMessage: base.rawMessage } : {}),
    ...(base.policyType !== undefined ? { policyType: base.policyType } : {}),
  };
}

/** The role has no External ID condition: the call without one succeeded too. */
export function diagnoseExternalIdNotEnforced(ctx: DiagnosisContext, evidence: Evidence[] = []): Diagnosis {
  return toDiagnosis(
    {
      code: 'EXTERNAL_ID_NOT_ENFORCED',
      summary:
        `${ctx.targetRoleArn} can be assumed by our dataplane role ${ctx.dataplaneRoleArn} WITHOUT an External ID, so it is ` +
        `open to the confused-deputy problem: anyone able to act as that role could reach it. The connection is not verified.`,
      fix:
        `The customer adds to the statement of ${roleNameOf(ctx.targetRoleArn)}'s trust policy that allows ${ctx.dataplaneRoleArn}: ` +
        `"Condition": {"StringEquals": {"sts:ExternalId": "<the External ID entered in the connection>"}}.`,
    },
    [
      {
        source: 'verifier',
        summary: 'sts:AssumeRole with the External ID succeeded, and sts:AssumeRole without any External ID succeeded too',
      },
      ...evidence,
    ],
  );
}

function evidenceLine(e: Evidence): string {
  const tags = [e.source, e.at, e.eventId ? `event ${e.eventId}` : undefined, e.origin].filter(Boolean).join(', ');
  return `  - [${tags}] ${e.summary}`;
}

/** Multi-line text for the CLI and for support to paste. */
export function formatDiagnosis(d: Diagnosis): string {
  const lines = [
    `${d.code}: ${DIAGNOSIS_CODES[d.code].title}`,
    `Who acts: ${SIDE_ACTOR[d.side]} (${d.side})`,
    `What happened: ${d.summary}`,
    `Fix: ${d.fix}`,
  ];
  if (d.policyType) lines.push(`Policy type: ${d.policyType}`);
  if (d.rawMessage) lines.push(`AWS message: ${d.rawMessage}`);
  if (d.evidence.length > 0) {
    lines.push('Evidence:');
    lines.push(...d.evidence.map(evidenceLine));
  }
  return lines.join('\n');
}
