// @ts-nocheck
import { ClusterNotFound, ClusterNotReady, DataplaneRoleNotOwned, OidcProviderMissing } from '../../../lib/errors';
import { validateOnboardingRequest } from '../../../lib/domain/onboarding-request';
import {
  dataplaneInlinePolicy,
  DATAPLANE_INLINE_POLICY_NAME,
  dataplaneTrustPolicy,
  PolicyDocument,
} from '../../../lib/domain/policies';
import { ensureDataplaneRole, resolveCluster, ResolvedCluster } from '../../../lib/domain/provisioning';
import type { ClusterDescription, IamRoles, NewRole, RoleInfo } from '../../../lib/ports';

const ACCOUNT = '111111111111';
const ISSUER = 'https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF';
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF`;
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/dataplane-boundary`;
const VERIFIER = `arn:aws:iam::${ACCOUNT}:role/onboarding-verifier`;
const request = validateOnboardingRequest({ tenantId: 'acme', clusterName: 'acme-prod' });

const activeCluster: ClusterDescription = {
  name: 'acme-prod',
  arn: `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/acme-prod`,
  status: 'ACTIVE',
  oidcIssuer: ISSUER,
};

function clusterDeps(options: { cluster?: ClusterDescription | Error; providerExists?: boolean; create?: boolean }) {
  const created: string[] = [];
  return {
    created,
    deps: {
      eks: {
        describeCluster: async () => {
          if (options.cluster instanceof Error) throw options.cluster;
          return options.cluster ?? activeCluster;
        },
      },
      identity: { accountId: async () => ACCOUNT },
      oidcProviders: {
        exists: async (arn: string) => (options.providerExists ?? true) && arn === PROVIDER_ARN,
        create: async (issuerUrl: string) => {
          created.push(issuerUrl);
          return PROVIDER_ARN;
        },
      },
      createOidcProvider: options.create ?? false,
    },
  };
}

describe('resolveCluster', () => {
  it('resolves the issuer and the existing OIDC provider', async () => {
    const { deps, created } = clusterDeps({});
    await expect(resolveCluster(request, deps)).resolves.toEqual({
      clusterName: 'acme-prod',
      clusterArn: activeCluster.arn,
      oidcIssuer: ISSUER,
      oidcProviderArn: PROVIDER_ARN,
      oidcProviderCreated: false,
    });
    expect(created).toEqual([]);
  });

  it('fails naming the missing provider and how to create it, when creating is off', async () => {
    const { deps, created } = clusterDeps({ providerExists: false });
    const error = await resolveCluster(request, deps).catch((e) => e);
    expect(error).toBeInstanceOf(OidcProviderMissing);
    expect(error.message).toContain(PROVIDER_ARN);
    expect(error.message).toContain('CREATE_OIDC_PROVIDER=true');
    expect(created).toEqual([]);
  });

  it('creates the missing provider when configured to', async () => {
    const { deps, created } = clusterDeps({ providerExists: false, create: true });
    await expect(resolveCluster(request, deps)).resolves.toMatchObject({ oidcProviderCreated: true });
    expect(created).toEqual([ISSUER]);
  });

  it('refuses a cluster without an OIDC issuer or not ACTIVE', async () => {
    const noIssuer = clusterDeps({ cluster: { ...activeCluster, oidcIssuer: undefined } });
    await expect(resolveCluster(request, noIssuer.deps)).rejects.toBeInstanceOf(ClusterNotReady);
    const creating = clusterDeps({ cluster: { ...activeCluster, status: 'CREATING' } });
    await expect(resolveCluster(request, creating.deps)).rejects.toThrow('is CREATING; it must be ACTIVE');
  });

  it('passes ClusterNotFound through', async () => {
    const { deps } = clusterDeps({ cluster: new ClusterNotFound('No cluster acme-prod') });
    await expect(resolveCluster(request, deps)).rejects.toBeInstanceOf(ClusterNotFound);
  });
});

/** An in-memory IAM that behaves like the port's contract, recording each write. */
class FakeIam implements IamRoles {
  roles = new Map<string, RoleInfo & { inline: Record<string, unknown> }>();
  writes: string[] = [];

  async createRole(role: NewRole) {
    if (this.roles.has(role.name.toLowerCase())) return undefined;
    this.writes.push('createRole');
    const info = {
      name: role.name,
      arn: `arn:aws:iam::${ACCOUNT}:role/${role.name}`,
      roleId: 'AROANEWROLE',
      trustPolicy: role.trustPolicy,
      permissionsBoundaryArn: role.permissionsBoundaryArn,
      tags: { ...role.tags },
      inline: {},
    };
    this.roles.set(role.name.toLowerCase(), info);
    return info;
  }
  async getRole(name: string) {
    return this.roles.get(name.toLowerCase());
  }
  async updateTrustPolicy(name: string, policy: PolicyDocument) {
    this.writes.push('updateTrustPolicy');
    this.roles.get(name.toLowerCase())!.trustPolicy = policy;
  }
  async getInlinePolicy(roleName: string, policyName: string) {
    return this.roles.get(roleName.toLowerCase())!.inline[policyName];
  }
  async putInlinePolicy(roleName: string, policyName: string, policy: PolicyDocument) {
    this.writes.push('putInlinePolicy');
    this.roles.get(roleName.toLowerCase())!.inline[policyName] = policy;
  }
  async putPermissionsBoundary(roleName: string, arn: string) {
    this.writes.push('putPermissionsBoundary');
    this.roles.get(roleName.toLowerCase())!.permissionsBoundaryArn = arn;
  }
  async tagRole(roleName: string, tags: Record<string, string>) {
    this.writes.push('tagRole');
    Object.assign(this.roles.get(roleName.toLowerCase())!.tags, tags);
  }
}

const cluster: ResolvedCluster = {
  clusterName: 'acme-prod',
  clusterArn: activeCluster.arn,
  oidcIssuer: ISSUER,
  oidcProviderArn: PROVIDER_ARN,
  oidcProviderCreated: false,
};
const ourTags = { 'managed-by': 'tenant-dataplane-onboarding', 'tenant-id': 'acme', 'eks-cluster': 'acme-prod' };

describe('ensureDataplaneRole', () => {
  it('creates the role with IRSA trust pinned to one ServiceAccount, the boundary, tags and the inline policy', async () => {
    // Prepare
    const iam = new FakeIam();

    // Act
    const role = await ensureDataplaneRole(request, cluster, { iam, permissionsBoundaryArn: BOUNDARY, verifierRoleArn: VERIFIER });

    // Assess
    expect(role).toMatchObject({ roleName: 'acme-dataplane-role', outcome: 'created' });
    const stored = iam.roles.get('acme-dataplane-role')!;
    expect(stored.trustPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TenantSparkServiceAccountViaIrsa',
          Effect: 'Allow',
          Principal: { Federated: PROVIDER_ARN },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:sub':
                'system:serviceaccount:qualytics:qualytics-spark',
              'oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:aud': 'sts.amazonaws.com',
            },
          },
        },
        {
          Sid: 'OnboardingVerifier',
          Effect: 'Allow',
          Principal: { AWS: VERIFIER },
          Action: 'sts:AssumeRole',
          Condition: { StringLike: { 'sts:RoleSessionName': 'verify-*' } },
        },
      ],
    });
    expect(stored.permissionsBoundaryArn).toBe(BOUNDARY);
    expect(stored.tags).toEqual(ourTags);
    expect(stored.inline[DATAPLANE_INLINE_POLICY_NAME]).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'AssumeCustomerTargetRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/*' },
      ],
    });
  });

  it('is idempotent: a second run changes nothing', async () => {
    const iam = new FakeIam();
    await ensureDataplaneRole(request, cluster, { iam, permissionsBoundaryArn: BOUNDARY, verifierRoleArn: VERIFIER });
    iam.writes = [];

    const again = await ensureDataplaneRole(request, cluster, { iam, permissionsBoundaryArn: BOUNDARY, verifierRoleArn: VERIFIER });

    expect(again).toMatchObject({ outcome: 'unchanged', changes: [], roleId: 'AROANEWROLE' });
    expect(iam.writes).toEqual([]);
  });

  it('converges a drifted role of ours in place, keeping its unique id', async () => {
    // Prepare
    const iam = new FakeIam();
    iam.roles.set('acme-dataplane-role', {
      name: 'acme-dataplane-role',
      arn: `arn:aws:iam::${ACCOUNT}:role/acme-dataplane-role`,
      roleId: 'AROAORIGINAL',
      trustPolicy: { Version: '2012-10-17', Statement: [] },
      tags: { 'managed-by': 'tenant-dataplane-onboarding', 'tenant-id': 'acme' },
      inline: {},
    });

    // Act
    const role = await ensureDataplaneRole(request, cluster, { iam, permissionsBoundaryArn: BOUNDARY, verifierRoleArn: VERIFIER });

    // Assess
    expect(role.outcome).toBe('converged');
    expect(role.roleId).toBe('AROAORIGINAL');
    expect(role.changes).toEqual([
      'trust policy updated',
      'inline policy added',
      'permissions boundary added',
      'tags set: eks-cluster',
    ]);
    const stored = iam.roles.get('acme-dataplane-role')!;
    expect(stored.trustPolicy).toEqual(
      dataplaneTrustPolicy(
        { oidcProviderArn: PROVIDER_ARN, issuerUrl: ISSUER, namespace: 'qualytics', serviceAccount: 'qualytics-spark' },
        VERIFIER,
      ),
    );
    expect(stored.inline[DATAPLANE_INLINE_POLICY_NAME]).toEqual(dataplaneInlinePolicy());
    expect(iam.writes).not.toContain('createRole');
  });

  it('refuses a same-named role it does not own and changes nothing', async () => {
    const iam = new FakeIam();
    iam.roles.set('acme-dataplane-role', {
      name: 'acme-dataplane-role',
      arn: `arn:aws:iam::${ACCOUNT}:role/acme-dataplane-role`,
      roleId: 'AROASOMEONEELSE',
      trustPolicy: { Version: '2012-10-17', Statement: [] },
      tags: { team: 'data' },
      inline: {},
    });

    const error = await ensureDataplaneRole(request, cluster, { iam, permissionsBoundaryArn: BOUNDARY, verifierRoleArn: VERIFIER }).catch((e) => e);

    expect(error).toBeInstanceOf(DataplaneRoleNotOwned);
    expect(error.message).toContain('was not created by tenant onboarding');
    expect(iam.writes).toEqual([]);
  });

  it('refuses the role of another tenant whose id differs only in case', async () => {
    const iam = new FakeIam();
    await ensureDataplaneRole(request, cluster, { iam, permissionsBoundaryArn: BOUNDARY, verifierRoleArn: VERIFIER });
    iam.writes = [];
    const upper = validateOnboardingRequest({ tenantId: 'ACME', clusterName: 'acme-prod' });

    const error = await ensureDataplaneRole(upper, cluster, { iam, permissionsBoundaryArn: BOUNDARY, verifierRoleArn: VERIFIER }).catch((e) => e);

    expect(error).toBeInstanceOf(DataplaneRoleNotOwned);
    expect(error.message).toContain('belongs to tenant "acme"');
    expect(iam.writes).toEqual([]);
  });
});
