// Who may do what in the sandbox. sts:AssumeRole is decided as AWS decides it across accounts: the
// caller's organization (SCPs), the caller's own policies (identity, permissions boundary, session),
// the target's organization (RCPs) and the role's trust policy, each through the shared policy
// evaluator. Every other call is only checked against a session policy, so that a verification
// session with a deny-all policy can do nothing, while the rest of the sandbox stays permissive.
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
  if (orgDecision(world.organizations.scps[caller.accountId], req, 'scp') === 'explicitDeny') {
    return denied('with an explicit deny in a service control policy');
  }
  if (orgDecision(world.organizations.rcps[roleAccountId], req, 'rcp') === 'explicitDeny') {
    return denied('with an explicit deny in a resource control policy');
  }
  const policies = callerPolicies(caller, world, now);
  const identity = decisionOf(policies.identity, req, 'identity');
  if (identity === 'explicitDeny') return denied('with an explicit deny in an identity-based policy');
  const boundary = policies.boundary !== undefined ? evaluatePolicy(policies.boundary, req, 'permissionsBoundary').decision : 'allowed';
  if (boundary === 'explicitDeny') return denied('with an explicit deny in a permissions boundary');
  const session = policies.session !== undefined ? evaluatePolicy(policies.session, req, 'session').decision : 'allowed';
  if (session === 'explicitDeny') return denied('with an explicit deny in a session policy');

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
