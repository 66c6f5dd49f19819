import { ClusterNotFound, ClusterNotReady, DataplaneRoleNotOwned, OidcProviderMissing } from '../../../../lib/errors';
import { validateOnboardingRequest } from '../../../../lib/schemas/onboarding-request';
import { DATAPLANE_INLINE_POLICY_NAME, dataplaneInlinePolicy, dataplaneTrustPolicy, PolicyDocument } from '../../../../lib/domain/onboarding/policies';
import { ensureDataplaneRole, resolveCluster, ResolvedCluster } from '../../../../lib/domain/onboarding/provisioning';
import { evaluatePolicy, principalFromArn } from '../../../../lib/iam-policy';
import type { ClusterDescription, IamRoles } from '../../../../lib/ports';
import { FakeIam } from '../../../support/fake-iam';

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
      identity: 'irsa',
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


const cluster: ResolvedCluster = {
  clusterName: 'acme-prod',
  clusterArn: activeCluster.arn,
  oidcIssuer: ISSUER,
  oidcProviderArn: PROVIDER_ARN,
  oidcProviderCreated: false,
};
const OWNER = { stackName: 'tenant-dataplane-onboarding-prod', region: 'eu-west-1' };
const deps = (iam: IamRoles) => ({ iam, permissionsBoundaryArn: BOUNDARY, verifierRoleArn: VERIFIER, owner: OWNER });
const ownership = {
  'managed-by': 'tenant-dataplane-onboarding',
  'owner-stack': 'tenant-dataplane-onboarding-prod',
  'owner-region': 'eu-west-1',
  'tenant-id': 'acme',
};
const ourTags = { ...ownership, 'eks-cluster': 'acme-prod' };
const CUSTOMER_ROLE = 'arn:aws:iam::222222222222:role/qualytics-s3-read';

/** May a session of the dataplane role, holding this inline policy, assume `target`? (our evaluator) */
function inlinePolicyDecision(policy: unknown, target: string) {
  return evaluatePolicy(
    policy,
    {
      principal: principalFromArn(`arn:aws:sts::${ACCOUNT}:assumed-role/acme-dataplane-role/spark`),
      action: 'sts:AssumeRole',
      resource: target,
      conditionKeys: {},
    },
    'identity',
  ).decision;
}

describe('ensureDataplaneRole', () => {
  it('creates the role with IRSA trust pinned to one ServiceAccount, the boundary, tags and the inline policy', async () => {
    // Prepare
    const iam = new FakeIam();

    // Act
    const role = await ensureDataplaneRole(request, cluster, deps(iam));

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
    expect(stored.inline[DATAPLANE_INLINE_POLICY_NAME]).toEqual(dataplaneInlinePolicy(ACCOUNT));
  });

  it("gives the dataplane role an inline policy that reaches customers' roles and no role of our own account", async () => {
    // Prepare
    const iam = new FakeIam();

    // Act
    await ensureDataplaneRole(request, cluster, deps(iam));

    // Assess: a vendor role or another tenant's role trusting our account root stays out of reach.
    const inline = iam.roles.get('acme-dataplane-role')!.inline[DATAPLANE_INLINE_POLICY_NAME];
    expect(inlinePolicyDecision(inline, CUSTOMER_ROLE)).toBe('allowed');
    expect(inlinePolicyDecision(inline, `arn:aws:iam::${ACCOUNT}:role/vendor-admin`)).toBe('explicitDeny');
    expect(inlinePolicyDecision(inline, `arn:aws:iam::${ACCOUNT}:role/globex-dataplane-role`)).toBe('explicitDeny');
    expect(inlinePolicyDecision(inline, `arn:aws:iam::${ACCOUNT}:role/service-role/with-a-path`)).toBe('explicitDeny');
  });

  it('tags the role with the stack and region that own it', async () => {
    // Prepare
    const iam = new FakeIam();

    // Act
    await ensureDataplaneRole(request, cluster, deps(iam));

    // Assess
    expect(iam.roles.get('acme-dataplane-role')!.tags).toMatchObject({
      'owner-stack': 'tenant-dataplane-onboarding-prod',
      'owner-region': 'eu-west-1',
    });
  });

  it('is idempotent: a second run changes nothing', async () => {
    const iam = new FakeIam();
    await ensureDataplaneRole(request, cluster, deps(iam));
    iam.writes = [];

    const again = await ensureDataplaneRole(request, cluster, deps(iam));

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
      permissionsBoundaryArn: BOUNDARY,
      tags: { ...ownership, 'eks-cluster': 'acme-old-cluster' },
      inline: {},
    });

    // Act
    const role = await ensureDataplaneRole(request, cluster, deps(iam));

    // Assess
    expect(role.outcome).toBe('converged');
    expect(role.roleId).toBe('AROAORIGINAL');
    expect(role.changes).toEqual([
      'trust policy updated',
      'inline policy added',
    ]);
    const stored = iam.roles.get('acme-dataplane-role')!;
    expect(stored.trustPolicy).toEqual(
      dataplaneTrustPolicy(
        { oidcProviderArn: PROVIDER_ARN, issuerUrl: ISSUER, namespace: 'qualytics', serviceAccount: 'qualytics-spark' },
        VERIFIER,
      ),
    );
    expect(stored.inline[DATAPLANE_INLINE_POLICY_NAME]).toEqual(dataplaneInlinePolicy(ACCOUNT));
    expect(iam.writes).not.toContain('createRole');
    // Tags are written only at creation: the role creator may not tag an existing role.
    expect(stored.tags['eks-cluster']).toBe('acme-old-cluster');
  });

  it('replaces the inline policy of an earlier version, which let the role assume roles of our own account', async () => {
    // Prepare
    const iam = new FakeIam();
    await ensureDataplaneRole(request, cluster, deps(iam));
    const earlier = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/*' }] };
    iam.roles.get('acme-dataplane-role')!.inline[DATAPLANE_INLINE_POLICY_NAME] = earlier as PolicyDocument;

    // Act
    const role = await ensureDataplaneRole(request, cluster, deps(iam));

    // Assess
    expect(role.changes).toEqual(['inline policy updated']);
    const inline = iam.roles.get('acme-dataplane-role')!.inline[DATAPLANE_INLINE_POLICY_NAME];
    expect(inlinePolicyDecision(inline, `arn:aws:iam::${ACCOUNT}:role/vendor-admin`)).toBe('explicitDeny');
  });

  it.each([
    ['another stack in this region', { 'owner-stack': 'tenant-dataplane-onboarding-dev' }, 'owned by stack tenant-dataplane-onboarding-dev in eu-west-1, not by this stack (tenant-dataplane-onboarding-prod in eu-west-1)'],
    ['the same stack name in another region', { 'owner-region': 'us-east-1' }, 'owned by stack tenant-dataplane-onboarding-prod in us-east-1, not by this stack'],
  ])('refuses a role owned by %s, naming the owner, and changes nothing', async (_, tags, expected) => {
    // Prepare
    const iam = new FakeIam();
    iam.roles.set('acme-dataplane-role', {
      name: 'acme-dataplane-role',
      arn: `arn:aws:iam::${ACCOUNT}:role/acme-dataplane-role`,
      roleId: 'AROAOTHERSTACK',
      trustPolicy: { Version: '2012-10-17', Statement: [] },
      permissionsBoundaryArn: BOUNDARY,
      tags: { ...ourTags, ...tags },
      inline: {},
    });

    // Act
    const error = await ensureDataplaneRole(request, cluster, deps(iam)).catch((e) => e);

    // Assess
    expect(error).toBeInstanceOf(DataplaneRoleNotOwned);
    expect(error.message).toContain(expected);
    expect(error.message).toContain('Onboard the tenant with that stack, or under another id with this one');
    expect(error.message).not.toContain('delete that role by hand');
    expect(iam.writes).toEqual([]);
  });

  it('refuses a role of the version before owner tags, says how to adopt it, and changes nothing', async () => {
    // Prepare: managed-by and tenant-id, no owner-stack/owner-region; any stack could have made it.
    const iam = new FakeIam();
    iam.roles.set('acme-dataplane-role', {
      name: 'acme-dataplane-role',
      arn: `arn:aws:iam::${ACCOUNT}:role/acme-dataplane-role`,
      roleId: 'AROAPREVIOUSVERSION',
      trustPolicy: { Version: '2012-10-17', Statement: [] },
      permissionsBoundaryArn: BOUNDARY,
      tags: { 'managed-by': 'tenant-dataplane-onboarding', 'tenant-id': 'acme', 'eks-cluster': 'acme-prod' },
      inline: {},
    });

    // Act
    const error = await ensureDataplaneRole(request, cluster, deps(iam)).catch((e) => e);

    // Assess
    expect(error).toBeInstanceOf(DataplaneRoleNotOwned);
    expect(error.message).toContain('has no owner-stack/owner-region tags');
    expect(error.message).toContain('owner-stack=tenant-dataplane-onboarding-prod and owner-region=eu-west-1');
    expect(error.message).toContain('do not delete it');
    expect(iam.writes).toEqual([]);
  });

  it.each([
    ['no permissions boundary', undefined, 'it has no permissions boundary'],
    ['another boundary', `arn:aws:iam::${ACCOUNT}:policy/admin-boundary`, `its permissions boundary is arn:aws:iam::${ACCOUNT}:policy/admin-boundary`],
  ])('refuses a role with our tags but %s, and changes nothing', async (_, boundary, expected) => {
    // Prepare
    const iam = new FakeIam();
    iam.roles.set('acme-dataplane-role', {
      name: 'acme-dataplane-role',
      arn: `arn:aws:iam::${ACCOUNT}:role/acme-dataplane-role`,
      roleId: 'AROAUNBOUNDED',
      trustPolicy: { Version: '2012-10-17', Statement: [] },
      ...(boundary ? { permissionsBoundaryArn: boundary } : {}),
      tags: ourTags,
      inline: {},
    });

    // Act
    const error = await ensureDataplaneRole(request, cluster, deps(iam)).catch((e) => e);

    // Assess
    expect(error).toBeInstanceOf(DataplaneRoleNotOwned);
    expect(error.message).toContain(expected);
    expect(iam.writes).toEqual([]);
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

    const error = await ensureDataplaneRole(request, cluster, deps(iam)).catch((e) => e);

    expect(error).toBeInstanceOf(DataplaneRoleNotOwned);
    expect(error.message).toContain('was not created by tenant onboarding');
    expect(iam.writes).toEqual([]);
  });

  it('refuses the role of another tenant whose id differs only in case', async () => {
    const iam = new FakeIam();
    await ensureDataplaneRole(request, cluster, deps(iam));
    iam.writes = [];
    const upper = validateOnboardingRequest({ tenantId: 'ACME', clusterName: 'acme-prod' });

    const error = await ensureDataplaneRole(upper, cluster, deps(iam)).catch((e) => e);

    expect(error).toBeInstanceOf(DataplaneRoleNotOwned);
    expect(error.message).toContain('belongs to tenant "acme"');
    expect(iam.writes).toEqual([]);
  });
});
