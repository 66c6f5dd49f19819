// @ts-nocheck
import { ClusterNotReady, DataplaneRoleNotOwned, OidcProviderMissing, TransientAwsError } from '../errors';
import type { CallerIdentity, EksClusters, IamRoles, OidcProviders, RoleInfo } from '../ports';
import type { OnboardingRequest } from './onboarding-request';
import {
  dataplaneInlinePolicy,
  DATAPLANE_INLINE_POLICY_NAME,
  dataplaneTrustPolicy,
  oidcProviderArn,
  samePolicy,
} from './policies';

/** Tag keys that mark what this product created and for whom. */
export const MANAGED_BY_TAG = 'managed-by';
export const MANAGED_BY_VALUE = 'tenant-dataplane-onboarding';
export const TENANT_TAG = 'tenant-id';
export const CLUSTER_TAG = 'eks-cluster';

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
  now?: () => Date;
}

export function ownershipTags(request: OnboardingRequest, clusterName: string): Record<string, string> {
  return { [MANAGED_BY_TAG]: MANAGED_BY_VALUE, [TENANT_TAG]: request.tenantId, [CLUSTER_TAG]: clusterName };
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
  const inlinePolicy = dataplaneInlinePolicy(partitionOf(cluster.clusterArn));
  const tags = ownershipTags(request, cluster.clusterName);

  const created = await deps.iam.createRole({
    name: request.roleName,
    trustPolicy,
    permissionsBoundaryArn: deps.permissionsBoundaryArn,
    tags,
    description: `Dataplane role of tenant ${request.tenantId} (IRSA from EKS cluster ${cluster.clusterName})`,
  });
  if (created) {
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
  assertOwned(existing, request);

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
  const currentBoundary = existing.permissionsBoundaryArn;
  if (currentBoundary !== deps.permissionsBoundaryArn) {
    await deps.iam.putPermissionsBoundary(existing.name, deps.permissionsBoundaryArn);
    changes.push(currentBoundary ? `permissions boundary replaced (was ${currentBoundary})` : 'permissions boundary added');
  }
  const missingTags = Object.entries(tags).filter(([k, v]) => existing.tags[k] !== v);
  if (missingTags.length > 0) {
    await deps.iam.tagRole(existing.name, Object.fromEntries(missingTags));
    changes.push(`tags set: ${missingTags.map(([k]) => k).join(', ')}`);
  }
  return {
    roleName: existing.name,
    roleArn: existing.arn,
    roleId: existing.roleId,
    outcome: changes.length > 0 ? 'converged' : 'unchanged',
    changes,
    ...(changes.length > 0 ? { changedAt: (deps.now ?? (() => new Date()))().toISOString() } : {}),
  };
}

function assertOwned(role: RoleInfo, request: OnboardingRequest): void {
  const managedBy = role.tags[MANAGED_BY_TAG];
  const tenant = role.tags[TENANT_TAG];
  if (managedBy === MANAGED_BY_VALUE && tenant === request.tenantId) return;
  const why =
    managedBy !== MANAGED_BY_VALUE
      ? `it has no ${MANAGED_BY_TAG}=${MANAGED_BY_VALUE} tag, so it was not created by tenant onboarding`
      : `it belongs to tenant "${tenant ?? '(none)'}" (IAM role names are case-insensitive)`;
  throw new DataplaneRoleNotOwned(
    `Role ${role.name} (${role.arn}) already exists and ${why}; nothing was changed. ` +
      `IAM roles cannot be renamed: delete that role by hand if nothing uses it, or onboard the tenant under another id.`,
    { roleName: role.name, roleArn: role.arn, tags: role.tags },
  );
}
