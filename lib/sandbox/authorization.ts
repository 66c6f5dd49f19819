// Who may do what in the sandbox. sts:AssumeRole is decided as AWS decides it across accounts: the
// caller's organization (SCPs), the caller's own policies (identity, permissions boundary, session),
// the target's organization (RCPs) and the role's trust policy, each through the shared policy
// evaluator. Calls on data (S3, Athena, and the KMS calls S3 makes for the caller) are decided in full
// the same way, with the resource's own policy (bucket policy, key policy): decideResourceAccess.
// Every other call is only checked against a session policy, so that a verification session with a
// deny-all policy can do nothing, while the rest of the sandbox stays permissive.
import { type ConditionValue, type Decision, evaluatePolicies, evaluatePolicy, principalFromArn, type RequestContext, type RequestPrincipal } from '../iam-policy';
import { type IamSimulator } from './iam';
import { type StoredRole } from './iam-types';
import type { Principal } from './simulation';

/** Organizations policies by account id; FullAWSAccess is attached everywhere, so only a Deny matters. */
export interface OrganizationPolicies {
  scps: Record<string, unknown[]>;
  rcps: Record<string, unknown[]>;
}

export interface AuthorizationWorld {
  iam: IamSimulator;
  organizations: OrganizationPolicies;
  /** How long IAM changes take to reach STS. */
  propagationMs: number;
}

export interface AssumeRoleRequest {
  caller: Principal;
  roleArn: string;
  roleAccountId: string;
  roleName: string;
  sessionName: string;
  externalId?: string;
  sourceIdentity?: string;
  tags: Record<string, string>;
  region: string;
  now: number;
}

export type AssumeRoleDecision =
  | { allowed: true; role: StoredRole }
  /** `action` is what the message names (sts:TagSession when only tagging is refused); `reason` is absent when AWS gives none. */
  | { allowed: false; action: string; reason?: string };

type ConditionKeys = Record<string, ConditionValue | undefined>;

const ACCOUNT_PRINCIPAL = /^(\d{12}|arn:aws[a-z-]*:iam::\d{12}:root)$/;

/** The caller as the policy evaluator sees it. */
export function requestPrincipal(caller: Principal): RequestPrincipal {
  if (caller.session) {
    return { arn: caller.arn, accountId: caller.accountId, type: 'AssumedRole', roleArn: caller.session.roleArn };
  }
  try {
    return principalFromArn(caller.arn);
  } catch {
    return { arn: caller.arn, accountId: caller.accountId, type: 'Anonymous' };
  }
}

/** Keys every request carries, whoever evaluates it. */
export function globalConditionKeys(caller: Principal, region: string, now: number): ConditionKeys {
  const keys: ConditionKeys = {
    'aws:CurrentTime': new Date(now).toISOString(),
    'aws:EpochTime': Math.floor(now / 1000),
    'aws:SecureTransport': true,
    'aws:RequestedRegion': region,
    'aws:userid': caller.userId,
    'aws:PrincipalIsAWSService': false,
    'aws:ViaAWSService': false,
  };
  if (caller.session?.sourceIdentity !== undefined) keys['aws:SourceIdentity'] = caller.session.sourceIdentity;
  for (const [key, value] of Object.entries(caller.session?.tags ?? {})) keys[`aws:PrincipalTag/${key}`] = value;
  return keys;
}

interface CallerPolicies {
  /** 'all' for an account's root user, whose permissions no identity policy has to grant. */
  identity: string[] | 'all';
  boundary?: string;
  session?: string;
}

/**
 * The caller's own policies as STS sees them now: a role's inline policies after IAM propagation,
 * its permissions boundary when the sandbox knows that policy, and the session policy.
 */
function callerPolicies(caller: Principal, world: AuthorizationWorld, now: number): CallerPolicies {
  if (caller.session) {
    const role = world.iam.roleSeenBySts(caller.accountId, caller.session.roleName, now, world.propagationMs);
    // A session outlives neither its role nor the role's replacement under the same name.
    const current = role && role.roleId === caller.session.roleId ? role : undefined;
    const boundary = current?.permissionsBoundaryArn ? world.iam.managedPolicy(current.permissionsBoundaryArn) : undefined;
    return {
      identity: current ? [...current.inlinePolicies.values()] : [],
      ...(boundary !== undefined ? { boundary } : {}),
      ...(caller.session.policy !== undefined ? { session: caller.session.policy } : {}),
    };
  }
  if (/:root$/.test(caller.arn)) return { identity: 'all' };
  return { identity: [] };
}

function decisionOf(documents: string[] | 'all', request: RequestContext, kind: 'identity'): Decision {
  if (documents === 'all') return 'allowed';
  if (documents.length === 0) return 'implicitDeny';
  return evaluatePolicies(documents, request, kind).decision;
}

function orgDecision(documents: unknown[] | undefined, request: RequestContext, kind: 'scp' | 'rcp'): Decision {
  if (!documents || documents.length === 0) return 'allowed';
  return evaluatePolicies(documents, request, kind).decision;
}

/** The caller's own decisions for a request, once no explicit Deny was found anywhere. */
interface CallerDecisions {
  identity: Decision;
  boundary: Decision;
  session: Decision;
}

/**
 * Explicit denies first, as AWS evaluates them: an SCP of the caller's account, an RCP of the resource's
 * account (when `rcpAccount` is given), the caller's identity policies, permissions boundary and session
 * policy. Any one ends the evaluation: its reason as AWS words it. Otherwise the caller's decisions.
 */
function callerSide(
  caller: Principal,
  req: RequestContext,
  world: AuthorizationWorld,
  now: number,
  rcpAccount: string | undefined,
): { refused: string } | CallerDecisions {
  if (orgDecision(world.organizations.scps[caller.accountId], req, 'scp') === 'explicitDeny') {
    return { refused: 'with an explicit deny in a service control policy' };
  }
  if (rcpAccount !== undefined && orgDecision(world.organizations.rcps[rcpAccount], req, 'rcp') === 'explicitDeny') {
    return { refused: 'with an explicit deny in a resource control policy' };
  }
  const policies = callerPolicies(caller, world, now);
  const identity = decisionOf(policies.identity, req, 'identity');
  if (identity === 'explicitDeny') return { refused: 'with an explicit deny in an identity-based policy' };
  const boundary = policies.boundary !== undefined ? evaluatePolicy(policies.boundary, req, 'permissionsBoundary').decision : 'allowed';
  if (boundary === 'explicitDeny') return { refused: 'with an explicit deny in a permissions boundary' };
  const session = policies.session !== undefined ? evaluatePolicy(policies.session, req, 'session').decision : 'allowed';
  if (session === 'explicitDeny') return { refused: 'with an explicit deny in a session policy' };
  return { identity, boundary, session };
}

/**
 * The trust policy as it now reads for this caller. IAM keeps a role principal as the role's unique
 * id; the ARN stands for a role id only while that role exists. Where the role was deleted, or the
 * caller is a session of a different role of the same name, the principal is given as the old id,
 * which matches nobody, as IAM shows it.
 */
function trustAsStored(role: StoredRole, caller: Principal, iam: IamSimulator): unknown {
  const policy = JSON.parse(role.trustPolicy) as { Statement: unknown };
  const statements = (Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]) as Record<string, any>[];
  const rewrite = (value: unknown) => {
    if (typeof value !== 'string') return value;
    const bound = role.trustBindings.get(value);
    if (bound === undefined || bound === null) return value;
    const gone = iam.roleIdOf(value) !== bound;
    const otherIncarnation =
      caller.session !== undefined && sameRoleName(value, caller.session.roleArn) && caller.session.roleId !== bound;
    return gone || otherIncarnation ? bound : value;
  };
  const rewritten = statements.map((s) => {
    const aws = s?.Principal?.AWS;
    if (aws === undefined) return s;
    return { ...s, Principal: { ...s.Principal, AWS: Array.isArray(aws) ? aws.map(rewrite) : rewrite(aws) } };
  });
  return { ...policy, Statement: rewritten };
}

function sameRoleName(principalArn: string, roleArn: string): boolean {
  const account = (arn: string) => arn.split(':')[4];
  const name = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
  return account(principalArn) === account(roleArn) && name(principalArn) === name(roleArn);
}

/**
 * The trust policy without its account principals. In the role's own account, a trust policy that
 * names the caller's role or session (or "*") grants on its own; one that names only the account
 * delegates the decision to the caller's identity policies.
 */
function withoutAccountPrincipals(trust: any): unknown | undefined {
  const statements = (Array.isArray(trust.Statement) ? trust.Statement : [trust.Statement]) as Record<string, any>[];
  const kept = statements.flatMap((s) => {
    if (s.Principal === '*') return [s];
    const aws = s.Principal?.AWS;
    if (aws === undefined) return [];
    const values = (Array.isArray(aws) ? aws : [aws]).filter((v: unknown) => typeof v === 'string' && !ACCOUNT_PRINCIPAL.test(v));
    return values.length > 0 ? [{ ...s, Principal: { AWS: values } }] : [];
  });
  return kept.length > 0 ? { ...trust, Statement: kept } : undefined;
}

export function decideAssumeRole(request: AssumeRoleRequest, world: AuthorizationWorld): AssumeRoleDecision {
  const { caller, roleArn, roleAccountId, now } = request;
  const action = 'sts:AssumeRole';
  const principal = requestPrincipal(caller);
  const role = world.iam.roleSeenBySts(roleAccountId, request.roleName, now, world.propagationMs);
  // STS names roles by their full ARN, path included.
  const target = role && role.arn === roleArn ? role : undefined;

  const keys: ConditionKeys = {
    ...globalConditionKeys(caller, request.region, now),
    'aws:ResourceAccount': roleAccountId,
    'sts:RoleSessionName': request.sessionName,
    'sts:ExternalId': request.externalId,
    'sts:SourceIdentity': request.sourceIdentity,
    ...(request.sourceIdentity !== undefined ? { 'aws:SourceIdentity': request.sourceIdentity } : {}),
    ...Object.fromEntries(Object.entries(request.tags).map(([k, v]) => [`aws:RequestTag/${k}`, v])),
    ...(Object.keys(request.tags).length > 0 ? { 'aws:TagKeys': Object.keys(request.tags) } : {}),
    ...Object.fromEntries((target?.tags ?? []).map((t) => [`aws:ResourceTag/${t.Key}`, t.Value])),
  };
  const ask = (act: string): RequestContext => ({ principal, action: act, resource: roleArn, conditionKeys: keys });
  const denied = (reason?: string, act = action): AssumeRoleDecision => ({ allowed: false, action: act, ...(reason ? { reason } : {}) });
  const req = ask(action);

  // Explicit denies first: any one of them ends the evaluation, wherever it is.
  const side = callerSide(caller, req, world, now, roleAccountId);
  if ('refused' in side) return denied(side.refused);
  const { identity, boundary, session } = side;

  const trust = target ? trustAsStored(target, caller, world.iam) : undefined;
  const trusted = trust !== undefined && evaluatePolicy(trust, req, 'trust').decision === 'allowed';
  const sameAccount = caller.accountId === roleAccountId;
  const namedDirectly = (() => {
    if (!sameAccount || !trusted) return false;
    const direct = withoutAccountPrincipals(trust);
    return direct !== undefined && evaluatePolicy(direct, req, 'trust').decision === 'allowed';
  })();

  // The caller's side is the caller's to know: AWS says which of its own policies is missing.
  if (!namedDirectly && identity !== 'allowed') return denied('because no identity-based policy allows the sts:AssumeRole action');
  if (boundary !== 'allowed') return denied('because no permissions boundary allows the sts:AssumeRole action');
  if (session !== 'allowed') return denied('because no session policy allows the sts:AssumeRole action');
  // The target's side is not: a missing role and an unmet trust policy read the same, with no reason.
  if (!target || !trusted) return denied();
  if (Object.keys(request.tags).length > 0 && evaluatePolicy(trust, ask('sts:TagSession'), 'trust').decision !== 'allowed') {
    return denied(undefined, 'sts:TagSession');
  }
  if (request.sourceIdentity !== undefined && evaluatePolicy(trust, ask('sts:SetSourceIdentity'), 'trust').decision !== 'allowed') {
    return denied(undefined, 'sts:SetSourceIdentity');
  }
  return { allowed: true, role: target };
}

export interface WebIdentityRequest {
  providerArn: string;
  /** The issuer without https://, the prefix of the provider's condition keys. */
  issuerHostPath: string;
  subject: string;
  audience: string;
  roleArn: string;
  roleAccountId: string;
  roleName: string;
  sessionName: string;
  region: string;
  now: number;
}

/** The role when its trust policy lets this token's subject in; undefined otherwise. */
export function decideAssumeRoleWithWebIdentity(request: WebIdentityRequest, world: AuthorizationWorld): StoredRole | undefined {
  const role = world.iam.roleSeenBySts(request.roleAccountId, request.roleName, request.now, world.propagationMs);
  if (!role || role.arn !== request.roleArn) return undefined;
  const principal: RequestPrincipal = {
    arn: request.providerArn,
    accountId: request.roleAccountId,
    type: 'WebIdentity',
    federatedProvider: request.providerArn,
  };
  const req: RequestContext = {
    principal,
    action: 'sts:AssumeRoleWithWebIdentity',
    resource: request.roleArn,
    conditionKeys: {
      'aws:CurrentTime': new Date(request.now).toISOString(),
      'aws:EpochTime': Math.floor(request.now / 1000),
      'aws:SecureTransport': true,
      'aws:RequestedRegion': request.region,
      'aws:FederatedProvider': request.providerArn,
      'sts:RoleSessionName': request.sessionName,
      [`${request.issuerHostPath}:sub`]: request.subject,
      [`${request.issuerHostPath}:aud`]: request.audience,
    },
  };
  if (orgDecision(world.organizations.rcps[request.roleAccountId], req, 'rcp') === 'explicitDeny') return undefined;
  return evaluatePolicy(JSON.parse(role.trustPolicy), req, 'trust').decision === 'allowed' ? role : undefined;
}

/**
 * Why a session policy refuses a call, worded as the service words it after "is not authorized to
 * perform: <action> on resource: <resource>"; undefined when the caller has no session policy or it allows.
 */
export function sessionPolicyRefusal(caller: Principal, action: string, resource: string, region: string, now: number): string | undefined {
  const policy = caller.session?.policy;
  if (policy === undefined) return undefined;
  const decision = evaluatePolicy(
    policy,
    { principal: requestPrincipal(caller), action, resource, conditionKeys: globalConditionKeys(caller, region, now) },
    'session',
  ).decision;
  if (decision === 'explicitDeny') return 'with an explicit deny in a session policy';
  if (decision === 'implicitDeny') return `because no session policy allows the ${action} action`;
  return undefined;
}

export interface ResourceAccessRequest {
  caller: Principal;
  /** e.g. s3:GetObject, kms:Decrypt */
  action: string;
  /** The ARN acted on. */
  resource: string;
  /** The account that owns the resource (aws:ResourceAccount). */
  resourceAccountId: string;
  /** The resource's own policy as JSON text: a bucket policy, a key policy; absent when it has none. */
  resourcePolicy?: string;
  /**
   * A KMS key policy: the key's first authority. It grants on its own where it names the caller (or
   * "*"); the caller's identity policies count only where it allows the account itself
   * (arn:aws:iam::<account>:root), as the default key policy does.
   */
  keyPolicy?: boolean;
  /** Whether the resource account's RCPs apply (they do for S3 and KMS, not for Athena). */
  rcpApplies: boolean;
  region: string;
  now: number;
  /** The service's own condition keys (s3:prefix, kms:ViaService...) and any global key to override. */
  conditionKeys?: ConditionKeys;
}

export type ResourceAccessDecision =
  | { allowed: true }
  /** `reason` as AWS words it after "is not authorized to perform: <action> on resource: <resource>". */
  | { allowed: false; reason: string; sameAccount: boolean };

/**
 * A call on a resource, decided as AWS decides it: an explicit Deny in an SCP of the caller's account,
 * an RCP of the resource's account, the caller's identity policies, permissions boundary or session
 * policy, or the resource's policy refuses it. Otherwise, in the resource's own account, an Allow in
 * the caller's identity policies or in the resource policy (naming the caller, its role or "*": one
 * that names only the account delegates to IAM) is needed; from another account, both. The
 * permissions boundary and the session policy must allow too.
 */
export function decideResourceAccess(request: ResourceAccessRequest, world: AuthorizationWorld): ResourceAccessDecision {
  const { caller, action, resourceAccountId, now } = request;
  const sameAccount = caller.accountId === resourceAccountId;
  const req: RequestContext = {
    principal: requestPrincipal(caller),
    action,
    resource: request.resource,
    conditionKeys: { ...globalConditionKeys(caller, request.region, now), 'aws:ResourceAccount': resourceAccountId, ...request.conditionKeys },
  };
  const denied = (reason: string): ResourceAccessDecision => ({ allowed: false, reason, sameAccount });

  const side = callerSide(caller, req, world, now, request.rcpApplies ? resourceAccountId : undefined);
  if ('refused' in side) return denied(side.refused);
  const { identity, boundary, session } = side;
  // Resource policies have a Principal and a Resource, as RCPs do: the evaluator reads them alike.
  const resource = request.resourcePolicy !== undefined ? evaluatePolicy(request.resourcePolicy, req, 'rcp').decision : 'implicitDeny';
  if (resource === 'explicitDeny') return denied('with an explicit deny in a resource-based policy');
  const direct = (() => {
    if (resource !== 'allowed') return false;
    const named = withoutAccountPrincipals(JSON.parse(request.resourcePolicy!));
    return named !== undefined && evaluatePolicy(named, req, 'rcp').decision === 'allowed';
  })();

  const noResourcePolicy = `because no resource-based policy allows the ${action} action`;
  const noIdentityPolicy = `because no identity-based policy allows the ${action} action`;
  if (request.keyPolicy) {
    // The key policy first: without it allowing the caller or the account, nothing else can.
    if (resource !== 'allowed') return denied(noResourcePolicy);
    if (!(sameAccount && direct) && identity !== 'allowed') return denied(noIdentityPolicy);
  } else if (sameAccount) {
    if (identity !== 'allowed' && !direct) return denied(noIdentityPolicy);
  } else {
    if (identity !== 'allowed') return denied(noIdentityPolicy);
    if (resource !== 'allowed') return denied(noResourcePolicy);
  }
  if (boundary !== 'allowed') return denied(`because no permissions boundary allows the ${action} action`);
  if (session !== 'allowed') return denied(`because no session policy allows the ${action} action`);
  return { allowed: true };
}

/** Checks a resource policy as the evaluator will read it; throws PolicyDocumentError naming the problem. */
export function checkResourcePolicy(document: unknown, accountId: string): void {
  const principal = requestPrincipal({ accountId, arn: `arn:aws:iam::${accountId}:root`, userId: accountId });
  evaluatePolicy(document, { principal, action: 's3:ListBucket', resource: '*', conditionKeys: {} }, 'rcp');
}
