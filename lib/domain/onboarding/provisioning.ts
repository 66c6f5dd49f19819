import {
  ClusterNotReady,
  DataplaneRoleNotOwned,
  IdentityModeChangeNotRequested,
  OidcProviderMissing,
  PodIdentityAgentMissing,
  PodIdentityAssociationNotOwned,
  TransientAwsError,
} from '../../errors';
import type { CallerIdentity, EksClusters, IamRoles, OidcProviders, PodIdentityAssociations, RoleInfo } from '../../ports';
import type { IdentityMode, OnboardingRequest } from './onboarding-request';
import { DATAPLANE_INLINE_POLICY_NAME, dataplaneInlinePolicy, dataplaneTrustPolicy, oidcProviderArn, samePolicy, trustedIdentityMode } from './policies';

/** Tag keys that mark what this product created and for whom. */
export const MANAGED_BY_TAG = 'managed-by';
export const MANAGED_BY_VALUE = 'tenant-dataplane-onboarding';
export const TENANT_TAG = 'tenant-id';
export const CLUSTER_TAG = 'eks-cluster';
/**
 * The stack (name and region) that owns a dataplane role. Several stacks may share one account (a
 * stage per team, a region per deployment); each converges only the roles it created, and its role
 * creator's policy lets it write no other.
 */
export const OWNER_STACK_TAG = 'owner-stack';
export const OWNER_REGION_TAG = 'owner-region';

/** The deployment that runs this code: the stack name and the region it is deployed in. */
export interface OwnerStack {
  stackName: string;
  region: string;
}

export interface ResolvedCluster {
  clusterName: string;
  clusterArn: string;
  /** The identity mode of this onboarding: the request's, or the stack's default; absent: irsa (as before modes). */
  identity?: IdentityMode;
  /** IRSA only (EKS Pod Identity needs no OIDC provider). */
  oidcIssuer?: string;
  oidcProviderArn?: string;
  oidcProviderCreated: boolean;
}

export interface ResolveClusterDeps {
  eks: EksClusters;
  identity: CallerIdentity;
  oidcProviders: OidcProviders;
  createOidcProvider: boolean;
  /** The mode of a request that names none. */
  defaultIdentity?: IdentityMode;
  /** For EKS Pod Identity: the cluster's agent add-on. */
  podIdentity?: Pick<PodIdentityAssociations, 'agentStatus'>;
}

/** The identity mode an onboarding uses: the request's, or the stack's default. */
export function identityModeOf(request: OnboardingRequest, defaultIdentity: IdentityMode = 'irsa'): IdentityMode {
  return request.identity ?? defaultIdentity;
}

/**
 * IRSA: EKS DescribeCluster gives the issuer, and the account's IAM OIDC provider for it must exist.
 * EKS Pod Identity: the cluster must run the Pod Identity Agent add-on; no OIDC provider is needed.
 */
export async function resolveCluster(request: OnboardingRequest, deps: ResolveClusterDeps): Promise<ResolvedCluster> {
  const mode = identityModeOf(request, deps.defaultIdentity);
  if (mode === 'podIdentity') return resolvePodIdentityCluster(request, deps);
  const cluster = await deps.eks.describeCluster(request.clusterName);
  if (!cluster.oidcIssuer) {
    throw new ClusterNotReady(`EKS cluster ${cluster.name} has no OIDC issuer, so IRSA cannot be used with it`, {
      clusterName: cluster.name,
      clusterStatus: cluster.status,
    });
  }
  if (cluster.status !== 'ACTIVE' && cluster.status !== 'UPDATING') {
    throw new ClusterNotReady(`EKS cluster ${cluster.name} is ${cluster.status}; it must be ACTIVE`, {
      clusterName: cluster.name,
      clusterStatus: cluster.status,
    });
  }
  const accountId = await deps.identity.accountId();
  const providerArn = oidcProviderArn(accountId, cluster.oidcIssuer, partitionOf(cluster.arn));
  if (await deps.oidcProviders.exists(providerArn)) {
    return result(false);
  }
  if (!deps.createOidcProvider) {
    throw new OidcProviderMissing(
      `IAM OIDC provider ${providerArn} for EKS cluster ${cluster.name} does not exist; create it ` +
        `(eksctl utils associate-iam-oidc-provider --cluster ${cluster.name} --approve) or deploy with CREATE_OIDC_PROVIDER=true`,
      { clusterName: cluster.name, oidcIssuer: cluster.oidcIssuer, oidcProviderArn: providerArn },
    );
  }
  const created = await deps.oidcProviders.create(cluster.oidcIssuer, {
    [MANAGED_BY_TAG]: MANAGED_BY_VALUE,
    [CLUSTER_TAG]: cluster.name,
  });
  return { ...result(true), oidcProviderArn: created };

  function result(createdProvider: boolean): ResolvedCluster {
    return {
      clusterName: cluster.name,
      clusterArn: cluster.arn,
      identity: 'irsa',
      oidcIssuer: cluster.oidcIssuer!,
      oidcProviderArn: providerArn,
      oidcProviderCreated: createdProvider,
    };
  }
}

async function resolvePodIdentityCluster(request: OnboardingRequest, deps: ResolveClusterDeps): Promise<ResolvedCluster> {
  const cluster = await deps.eks.describeCluster(request.clusterName);
  if (cluster.status !== 'ACTIVE' && cluster.status !== 'UPDATING') {
    throw new ClusterNotReady(`EKS cluster ${cluster.name} is ${cluster.status}; it must be ACTIVE`, { clusterName: cluster.name, clusterStatus: cluster.status });
  }
  if (!deps.podIdentity) throw new Error('resolveCluster needs the Pod Identity adapter for a podIdentity onboarding');
  const agent = await deps.podIdentity.agentStatus(cluster.name);
  if (agent !== 'ACTIVE' && agent !== 'UPDATING') {
    throw new PodIdentityAgentMissing(
      `EKS cluster ${cluster.name} ${agent === undefined ? 'does not run the EKS Pod Identity Agent add-on' : `has the EKS Pod Identity Agent add-on ${agent}`}, ` +
        `so its pods cannot get the dataplane role through EKS Pod Identity; install it ` +
        `(aws eks create-addon --cluster-name ${cluster.name} --addon-name eks-pod-identity-agent) and onboard again, or onboard with identity irsa`,
      { clusterName: cluster.name, addonStatus: agent ?? 'NOT_INSTALLED' },
    );
  }
  return { clusterName: cluster.name, clusterArn: cluster.arn, identity: 'podIdentity', oidcProviderCreated: false };
}

function partitionOf(arn: string): string {
  return arn.split(':')[1] || 'aws';
}

export type RoleOutcome = 'created' | 'converged' | 'unchanged';

export interface EnsuredRole {
  roleName: string;
  roleArn: string;
  roleId: string;
  outcome: RoleOutcome;
  /** EKS Pod Identity: the association of the Spark ServiceAccount, and whether this step created it. */
  association?: { associationId: string; outcome: 'created' | 'unchanged' };
  /** What convergence changed on an existing role, in words. */
  changes: string[];
  /** When this step created or changed the role (IAM needs up to ~2 minutes to propagate it). */
  changedAt?: string;
}

export interface EnsureRoleDeps {
  iam: IamRoles;
  /** EKS Pod Identity associations (both modes: switching back to IRSA removes ours). */
  associations?: PodIdentityAssociations;
  permissionsBoundaryArn: string;
  /** The verification function's execution role, trusted to assume the dataplane role. */
  verifierRoleArn: string;
  owner: OwnerStack;
  now?: () => Date;
}

export function ownershipTags(request: OnboardingRequest, clusterName: string, owner: OwnerStack): Record<string, string> {
  return {
    [MANAGED_BY_TAG]: MANAGED_BY_VALUE,
    [OWNER_STACK_TAG]: owner.stackName,
    [OWNER_REGION_TAG]: owner.region,
    [TENANT_TAG]: request.tenantId,
    [CLUSTER_TAG]: clusterName,
  };
}

/**
 * Create `<tenant>-dataplane-role`, or converge the one we created earlier. Never deletes and recreates:
 * customers' trust policies hold the role's unique id, and a new role would silently break them all.
 */
export async function ensureDataplaneRole(
  request: OnboardingRequest,
  cluster: ResolvedCluster,
  deps: EnsureRoleDeps,
): Promise<EnsuredRole> {
  const mode = cluster.identity ?? 'irsa';
  const trustPolicy = dataplaneTrustPolicy(
    mode === 'podIdentity'
      ? { clusterArn: cluster.clusterArn, namespace: request.namespace, serviceAccount: request.serviceAccount }
      : { oidcProviderArn: cluster.oidcProviderArn!, issuerUrl: cluster.oidcIssuer!, namespace: request.namespace, serviceAccount: request.serviceAccount },
    deps.verifierRoleArn,
  );
  const partition = partitionOf(cluster.clusterArn);
  const tags = ownershipTags(request, cluster.clusterName, deps.owner);

  const created = await deps.iam.createRole({
    name: request.roleName,
    trustPolicy,
    permissionsBoundaryArn: deps.permissionsBoundaryArn,
    tags,
    description: `Dataplane role of tenant ${request.tenantId} (${modeName(mode)} from EKS cluster ${cluster.clusterName})`,
  });
  if (created) {
    const inlinePolicy = dataplaneInlinePolicy(accountOf(created.arn), partition);
    await deps.iam.putInlinePolicy(created.name, DATAPLANE_INLINE_POLICY_NAME, inlinePolicy);
    const association = await ensureAssociation(request, cluster, created.arn, deps);
    const changedAt = (deps.now ?? (() => new Date()))().toISOString();
    return { roleName: created.name, roleArn: created.arn, roleId: created.roleId, outcome: 'created', changes: [], changedAt, ...(association ? { association } : {}) };
  }

  // EntityAlreadyExists: ours from an earlier or timed-out run (converge), or someone else's (refuse).
  const existing = await deps.iam.getRole(request.roleName);
  if (!existing) {
    // Deleted between our two calls: nothing to converge, and retrying the step will create it.
    throw new TransientAwsError(
      `Role ${request.roleName} was reported to exist but could not be read; retrying will create or converge it`,
      { roleName: request.roleName },
    );
  }
  assertOwned(existing, request, deps);
  const current = trustedIdentityMode(existing.trustPolicy);
  if (current !== undefined && current !== mode && request.identity === undefined) {
    throw new IdentityModeChangeNotRequested(
      `Tenant ${request.tenantId}'s role ${existing.name} uses ${modeName(current)}, and this onboarding names no identity mode, so the ` +
        `stack's default (${modeName(mode)}) would switch it; nothing was changed. To switch, onboard with "identity": ` +
        `"${mode}"; to keep it, with "identity": "${current}".`,
      { roleName: existing.name, current, requested: mode },
    );
  }

  const inlinePolicy = dataplaneInlinePolicy(accountOf(existing.arn), partition);
  const changes: string[] = [];
  if (!samePolicy(existing.trustPolicy, trustPolicy)) {
    await deps.iam.updateTrustPolicy(existing.name, trustPolicy);
    changes.push('trust policy updated');
  }
  const currentInline = await deps.iam.getInlinePolicy(existing.name, DATAPLANE_INLINE_POLICY_NAME);
  if (!samePolicy(currentInline, inlinePolicy)) {
    await deps.iam.putInlinePolicy(existing.name, DATAPLANE_INLINE_POLICY_NAME, inlinePolicy);
    changes.push(currentInline === undefined ? 'inline policy added' : 'inline policy updated');
  }
  const association = await ensureAssociation(request, cluster, existing.arn, deps);
  if (association?.outcome === 'created') changes.push('pod identity association created');
  if (current === 'podIdentity' && mode === 'irsa' && (await removeAssociation(request, cluster, existing.arn, deps))) {
    changes.push('pod identity association removed');
  }
  // Tags are set only when the role is created: the role creator's policy lets no TagRole reach an
  // existing role (TagRole cannot test a role's boundary), so a moved cluster shows in the trust
  // policy, not in the eks-cluster tag.
  return {
    roleName: existing.name,
    roleArn: existing.arn,
    roleId: existing.roleId,
    outcome: changes.length > 0 ? 'converged' : 'unchanged',
    changes,
    ...(changes.length > 0 ? { changedAt: (deps.now ?? (() => new Date()))().toISOString() } : {}),
    ...(association ? { association } : {}),
  };
}

function modeName(mode: IdentityMode): string {
  return mode === 'podIdentity' ? 'EKS Pod Identity' : 'IRSA';
}

/**
 * EKS Pod Identity: the Spark ServiceAccount's association names the dataplane role. One that names
 * another role is someone else's: refused, nothing changed.
 */
async function ensureAssociation(
  request: OnboardingRequest,
  cluster: ResolvedCluster,
  roleArn: string,
  deps: EnsureRoleDeps,
): Promise<EnsuredRole['association']> {
  if ((cluster.identity ?? 'irsa') !== 'podIdentity') return undefined;
  if (!deps.associations) throw new Error('ensureDataplaneRole needs the Pod Identity adapter for a podIdentity onboarding');
  const found = await deps.associations.find(cluster.clusterName, request.namespace, request.serviceAccount);
  if (found && found.roleArn === roleArn) return { associationId: found.associationId, outcome: 'unchanged' };
  if (found) {
    throw new PodIdentityAssociationNotOwned(
      `ServiceAccount ${request.namespace}/${request.serviceAccount} of EKS cluster ${cluster.clusterName} already has a pod identity ` +
        `association (${found.associationId}) with role ${found.roleArn}, not ${roleArn}; nothing was changed. EKS allows one per ` +
        `ServiceAccount: if nothing uses it, delete it (aws eks delete-pod-identity-association --cluster-name ${cluster.clusterName} ` +
        `--association-id ${found.associationId}) and onboard again, or give the tenant's Spark pods another ServiceAccount.`,
      { clusterName: cluster.clusterName, associationId: found.associationId, roleArn: found.roleArn },
    );
  }
  const created = await deps.associations.create(cluster.clusterName, request.namespace, request.serviceAccount, roleArn);
  return { associationId: created.associationId, outcome: 'created' };
}

/** Back to IRSA: our association (the one naming the dataplane role) goes; another role's is left alone. */
async function removeAssociation(request: OnboardingRequest, cluster: ResolvedCluster, roleArn: string, deps: EnsureRoleDeps): Promise<boolean> {
  if (!deps.associations) return false;
  const found = await deps.associations.find(cluster.clusterName, request.namespace, request.serviceAccount);
  if (!found || found.roleArn !== roleArn) return false;
  await deps.associations.delete(cluster.clusterName, found.associationId);
  return true;
}

function accountOf(roleArn: string): string {
  return roleArn.split(':')[4] ?? '';
}

/**
 * Ours means: created by tenant onboarding, by this stack in this region, for this tenant, and still
 * bounded by this stack's boundary. The role creator's IAM policy allows writes on no other role, so
 * anything else is refused here, saying why and what to do, before any write.
 */
function assertOwned(role: RoleInfo, request: OnboardingRequest, deps: EnsureRoleDeps): void {
  const refusal = notOwned(role, request, deps);
  if (refusal === undefined) return;
  throw new DataplaneRoleNotOwned(
    `Role ${role.name} (${role.arn}) already exists and ${refusal.why}; nothing was changed. ${refusal.whatToDo}`,
    { roleName: role.name, roleArn: role.arn, tags: role.tags },
  );
}

const UNRELATED_ROLE = 'IAM roles cannot be renamed: delete that role by hand if nothing uses it, or onboard the tenant under another id.';

function notOwned(role: RoleInfo, request: OnboardingRequest, deps: EnsureRoleDeps): { why: string; whatToDo: string } | undefined {
  const tags = role.tags;
  const { stackName, region } = deps.owner;
  if (tags[MANAGED_BY_TAG] !== MANAGED_BY_VALUE) {
    return { why: `it has no ${MANAGED_BY_TAG}=${MANAGED_BY_VALUE} tag, so it was not created by tenant onboarding`, whatToDo: UNRELATED_ROLE };
  }
  const ownerStack = tags[OWNER_STACK_TAG];
  const ownerRegion = tags[OWNER_REGION_TAG];
  if (ownerStack === undefined || ownerRegion === undefined) {
    // Roles of the version before owner tags: any stack in the account may have created them, so none
    // adopts them on its own. An operator who knows the owner tags it (docs/security.md).
    return {
      why: `it has no ${OWNER_STACK_TAG}/${OWNER_REGION_TAG} tags (created before roles named their stack), so no stack can tell it is its own`,
      whatToDo:
        `If it belongs to stack ${stackName} in ${region}, tag it with ${OWNER_STACK_TAG}=${stackName} and ` +
        `${OWNER_REGION_TAG}=${region} and onboard again; customers may already trust it, so do not delete it.`,
    };
  }
  if (ownerStack !== stackName || ownerRegion !== region) {
    return {
      why: `it is owned by stack ${ownerStack} in ${ownerRegion}, not by this stack (${stackName} in ${region})`,
      whatToDo: `Onboard the tenant with that stack, or under another id with this one; do not delete a role another stack uses.`,
    };
  }
  if (tags[TENANT_TAG] !== request.tenantId) {
    return { why: `it belongs to tenant "${tags[TENANT_TAG] ?? '(none)'}" (IAM role names are case-insensitive)`, whatToDo: UNRELATED_ROLE };
  }
  if (role.permissionsBoundaryArn !== deps.permissionsBoundaryArn) {
    return {
      why: role.permissionsBoundaryArn
        ? `its permissions boundary is ${role.permissionsBoundaryArn}, not this stack's ${deps.permissionsBoundaryArn}`
        : `it has no permissions boundary, while every role this stack creates carries ${deps.permissionsBoundaryArn}`,
      whatToDo: `Find out who changed its boundary before anything else; this workflow never sets one on an existing role.`,
    };
  }
  return undefined;
}
