import { ClusterNotReady, DataplaneRoleNotOwned, OidcProviderMissing, TransientAwsError } from '../../errors';
import type { CallerIdentity, EksClusters, IamRoles, OidcProviders, RoleInfo } from '../../ports';
import type { OnboardingRequest } from './onboarding-request';
import { DATAPLANE_INLINE_POLICY_NAME, dataplaneInlinePolicy, dataplaneTrustPolicy, oidcProviderArn, samePolicy } from './policies';

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
  oidcIssuer: string;
  oidcProviderArn: string;
  oidcProviderCreated: boolean;
}

export interface ResolveClusterDeps {
  eks: EksClusters;
  identity: CallerIdentity;
  oidcProviders: OidcProviders;
  createOidcProvider: boolean;
}

/** EKS DescribeCluster gives the issuer; IRSA needs the account's IAM OIDC provider for it. */
export async function resolveCluster(request: OnboardingRequest, deps: ResolveClusterDeps): Promise<ResolvedCluster> {
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
      oidcIssuer: cluster.oidcIssuer!,
      oidcProviderArn: providerArn,
      oidcProviderCreated: createdProvider,
    };
  }
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
  /** What convergence changed on an existing role, in words. */
  changes: string[];
  /** When this step created or changed the role (IAM needs up to ~2 minutes to propagate it). */
  changedAt?: string;
}

export interface EnsureRoleDeps {
  iam: IamRoles;
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
  const trustPolicy = dataplaneTrustPolicy(
    {
      oidcProviderArn: cluster.oidcProviderArn,
      issuerUrl: cluster.oidcIssuer,
      namespace: request.namespace,
      serviceAccount: request.serviceAccount,
    },
    deps.verifierRoleArn,
  );
  const partition = partitionOf(cluster.clusterArn);
  const tags = ownershipTags(request, cluster.clusterName, deps.owner);

  const created = await deps.iam.createRole({
    name: request.roleName,
    trustPolicy,
    permissionsBoundaryArn: deps.permissionsBoundaryArn,
    tags,
    description: `Dataplane role of tenant ${request.tenantId} (IRSA from EKS cluster ${cluster.clusterName})`,
  });
  if (created) {
    const inlinePolicy = dataplaneInlinePolicy(accountOf(created.arn), partition);
    await deps.iam.putInlinePolicy(created.name, DATAPLANE_INLINE_POLICY_NAME, inlinePolicy);
    const changedAt = (deps.now ?? (() => new Date()))().toISOString();
    return { roleName: created.name, roleArn: created.arn, roleId: created.roleId, outcome: 'created', changes: [], changedAt };
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
  };
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
