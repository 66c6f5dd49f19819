// Converge and ownership: a role is adopted only when every ownership tag says it is ours and this
// tenant's; convergence says what it changed and when; a role that vanishes between CreateRole and
// GetRole is a retryable error, not a crash.
import { validateOnboardingRequest } from '../../../../lib/schemas/onboarding-request';
import { DATAPLANE_INLINE_POLICY_NAME, dataplaneInlinePolicy } from '../../../../lib/domain/onboarding/policies';
import { ensureDataplaneRole, ownershipTags, resolveCluster, ResolvedCluster } from '../../../../lib/domain/onboarding/provisioning';
import type { IamRoles, NewRole } from '../../../../lib/ports';
import { FakeIam, type StoredRole } from '../../../support/fake-iam';

const ACCOUNT = '111111111111';
const ISSUER = 'https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF';
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF`;
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/dataplane-boundary`;
const VERIFIER = `arn:aws:iam::${ACCOUNT}:role/onboarding-verifier`;
const NOW = new Date('2026-11-23T12:00:00.000Z');
const request = validateOnboardingRequest({ tenantId: 'acme', clusterName: 'acme-prod' });
const cluster: ResolvedCluster = {
  clusterName: 'acme-prod',
  clusterArn: `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/acme-prod`,
  oidcIssuer: ISSUER,
  oidcProviderArn: PROVIDER_ARN,
  oidcProviderCreated: false,
};


const OWNER = { stackName: 'tenant-dataplane-onboarding-prod', region: 'eu-west-1' };
const deps = (iam: IamRoles) => ({ iam, permissionsBoundaryArn: BOUNDARY, verifierRoleArn: VERIFIER, owner: OWNER, now: () => NOW });

/** The role as a first run created it: every later run finds it in this state. */
async function ourRole(iam = new FakeIam()): Promise<{ iam: FakeIam; role: StoredRole }> {
  await ensureDataplaneRole(request, cluster, deps(iam));
  iam.writes = [];
  return { iam, role: iam.roles.get('acme-dataplane-role')! };
}

describe('ownership: a same-named role is adopted only when every ownership tag says it is ours', () => {
  it.each<[string, (tags: Record<string, string>) => Record<string, string>, RegExp]>([
    ['tagged with the tenant but without managed-by', ({ 'managed-by': _, ...rest }) => rest, /has no managed-by=tenant-dataplane-onboarding tag/],
    ['managed-by another tool, tenant tag ours', (tags) => ({ ...tags, 'managed-by': 'terraform' }), /has no managed-by=tenant-dataplane-onboarding tag/],
    ['managed-by with different case', (tags) => ({ ...tags, 'managed-by': 'Tenant-Dataplane-Onboarding' }), /has no managed-by=tenant-dataplane-onboarding tag/],
    ['managed-by ours, no tenant tag', ({ 'tenant-id': _, ...rest }) => rest, /belongs to tenant "\(none\)"/],
    ['managed-by ours, another tenant', (tags) => ({ ...tags, 'tenant-id': 'globex' }), /belongs to tenant "globex"/],
    ['owned by another stack', (tags) => ({ ...tags, 'owner-stack': 'tenant-dataplane-onboarding-dev' }), /is owned by stack tenant-dataplane-onboarding-dev in eu-west-1, not by this stack/],
    ['owned by this stack name in another region', (tags) => ({ ...tags, 'owner-region': 'us-east-1' }), /is owned by stack tenant-dataplane-onboarding-prod in us-east-1, not by this stack/],
    ['without owner tags (an earlier version\'s role)', ({ 'owner-stack': _, ...rest }) => rest, /has no owner-stack\/owner-region tags/],
  ])('%s: refused with DataplaneRoleNotOwned, nothing written', async (_name, retag, why) => {
    // Prepare
    const { iam, role } = await ourRole();
    role.tags = retag(role.tags);
    role.trustPolicy = { Version: '2012-10-17', Statement: [] };

    // Act
    const error = await ensureDataplaneRole(request, cluster, deps(iam)).catch((e: Error) => e);

    // Assess
    expect(error).toMatchObject({ name: 'DataplaneRoleNotOwned', message: expect.stringMatching(why) });
    expect((error as Error).message).toContain(`Role acme-dataplane-role (${role.arn}) already exists and`);
    expect((error as Error).message).toContain('; nothing was changed. ');
    // The status record and the logs name the role and show the tags that decided.
    expect(error).toMatchObject({ details: { roleName: 'acme-dataplane-role', roleArn: role.arn, tags: role.tags } });
    expect(iam.writes).toEqual([]);
  });

  it.each<[string, (role: StoredRole) => void, RegExp]>([
    ['another permissions boundary', (r) => (r.permissionsBoundaryArn = `arn:aws:iam::${ACCOUNT}:policy/other`), /its permissions boundary is arn:aws:iam::111111111111:policy\/other, not this stack's/],
    ['no permissions boundary', (r) => delete r.permissionsBoundaryArn, /it has no permissions boundary/],
  ])('a role of ours with %s: refused, never re-bounded, nothing written', async (_name, drift, why) => {
    // Prepare
    const { iam, role } = await ourRole();
    drift(role);

    // Act
    const error = await ensureDataplaneRole(request, cluster, deps(iam)).catch((e: Error) => e);

    // Assess
    expect(error).toMatchObject({ name: 'DataplaneRoleNotOwned', message: expect.stringMatching(why) });
    expect(iam.writes).toEqual([]);
  });

  it('ownership tags name the product, the owning stack and region, the tenant and the cluster', () => {
    expect(ownershipTags(request, 'acme-prod', OWNER)).toEqual({
      'managed-by': 'tenant-dataplane-onboarding',
      'owner-stack': 'tenant-dataplane-onboarding-prod',
      'owner-region': 'eu-west-1',
      'tenant-id': 'acme',
      'eks-cluster': 'acme-prod',
    });
  });
});

describe('convergence says what it changed, and when', () => {
  it('a created role is changed now, and described as the tenant\'s dataplane role', async () => {
    const iam = new FakeIam();
    const described: string[] = [];
    const createRole = iam.createRole.bind(iam);
    iam.createRole = async (role: NewRole) => {
      described.push(role.description);
      return createRole(role);
    };
    const created = await ensureDataplaneRole(request, cluster, deps(iam));
    expect(described).toEqual(['Dataplane role of tenant acme (IRSA from EKS cluster acme-prod)']);
    expect(created).toMatchObject({ outcome: 'created', changes: [], changedAt: NOW.toISOString() });
    expect(iam.writes).toEqual(['createRole', `putInlinePolicy ${DATAPLANE_INLINE_POLICY_NAME}`]);
  });

  it('an unchanged role has no changedAt: the propagation window is not reopened', async () => {
    const { iam } = await ourRole();
    const again = await ensureDataplaneRole(request, cluster, deps(iam));
    expect(again).toEqual({ roleName: 'acme-dataplane-role', roleArn: `arn:aws:iam::${ACCOUNT}:role/acme-dataplane-role`, roleId: 'AROANEWROLE', outcome: 'unchanged', changes: [] });
  });

  it.each<[string, (role: StoredRole) => void, string[], string[]]>([
    ['a changed trust policy', (r) => (r.trustPolicy = { Version: '2012-10-17', Statement: [] }), ['trust policy updated'], ['updateTrustPolicy']],
    [
      'a changed inline policy',
      (r) => (r.inline[DATAPLANE_INLINE_POLICY_NAME] = { Version: '2012-10-17', Statement: [] }),
      ['inline policy updated'],
      [`putInlinePolicy ${DATAPLANE_INLINE_POLICY_NAME}`],
    ],
    ['a missing inline policy', (r) => delete r.inline[DATAPLANE_INLINE_POLICY_NAME], ['inline policy added'], [`putInlinePolicy ${DATAPLANE_INLINE_POLICY_NAME}`]],
    [
      'a changed trust and inline policy',
      (r) => {
        r.trustPolicy = { Version: '2012-10-17', Statement: [] };
        r.inline[DATAPLANE_INLINE_POLICY_NAME] = { Version: '2012-10-17', Statement: [] };
      },
      ['trust policy updated', 'inline policy updated'],
      ['updateTrustPolicy', `putInlinePolicy ${DATAPLANE_INLINE_POLICY_NAME}`],
    ],
  ])('%s: converged in place, changedAt now, only that written', async (_name, drift, changes, writes) => {
    // Prepare
    const { iam, role } = await ourRole();
    drift(role);

    // Act
    const converged = await ensureDataplaneRole(request, cluster, deps(iam));

    // Assess
    expect(converged).toEqual({
      roleName: 'acme-dataplane-role',
      roleArn: `arn:aws:iam::${ACCOUNT}:role/acme-dataplane-role`,
      roleId: 'AROANEWROLE',
      outcome: 'converged',
      changes,
      changedAt: NOW.toISOString(),
    });
    expect(iam.writes).toEqual(writes);
    expect(role.permissionsBoundaryArn).toBe(BOUNDARY);
    expect(role.inline[DATAPLANE_INLINE_POLICY_NAME]).toEqual(dataplaneInlinePolicy(ACCOUNT));
  });

  it('a wrong cluster tag is left as created: tags are never rewritten, the trust policy follows the cluster', async () => {
    // Prepare
    const { iam, role } = await ourRole();
    role.tags['eks-cluster'] = 'old-cluster';

    // Act
    const again = await ensureDataplaneRole(request, cluster, deps(iam));

    // Assess
    expect(again).toMatchObject({ outcome: 'unchanged', changes: [] });
    expect(again.changedAt).toBeUndefined();
    expect(iam.writes).toEqual([]);
  });

  it('the inline policy follows the cluster\'s partition', async () => {
    const iam = new FakeIam();
    await ensureDataplaneRole(request, { ...cluster, clusterArn: `arn:aws-cn:eks:cn-north-1:${ACCOUNT}:cluster/acme-prod` }, deps(iam));
    expect(iam.roles.get('acme-dataplane-role')!.inline[DATAPLANE_INLINE_POLICY_NAME]).toEqual(dataplaneInlinePolicy(ACCOUNT, 'aws-cn'));
    expect(dataplaneInlinePolicy(ACCOUNT, 'aws-cn')).not.toEqual(dataplaneInlinePolicy(ACCOUNT, 'aws'));
  });

  it('without a clock it stamps the current time', async () => {
    const iam = new FakeIam();
    const before = Date.now();
    const created = await ensureDataplaneRole(request, cluster, { iam, permissionsBoundaryArn: BOUNDARY, verifierRoleArn: VERIFIER, owner: OWNER });
    expect(Date.parse(created.changedAt!)).toBeGreaterThanOrEqual(before);
    iam.roles.get('acme-dataplane-role')!.trustPolicy = { Version: '2012-10-17', Statement: [] };
    const converged = await ensureDataplaneRole(request, cluster, { iam, permissionsBoundaryArn: BOUNDARY, verifierRoleArn: VERIFIER, owner: OWNER });
    expect(Date.parse(converged.changedAt!)).toBeGreaterThanOrEqual(before);
  });
});

describe('a role that vanishes between CreateRole and GetRole', () => {
  it('is a retryable TransientAwsError naming the role, not a TypeError, and nothing is written', async () => {
    // Prepare
    const { iam } = await ourRole();
    iam.vanishBeforeRead = true;

    // Act
    const error = await ensureDataplaneRole(request, cluster, deps(iam)).catch((e: Error) => e);

    // Assess
    expect(error).toMatchObject({ name: 'TransientAwsError', transient: true, details: { roleName: 'acme-dataplane-role' } });
    expect((error as Error).message).toBe(
      'Role acme-dataplane-role was reported to exist but could not be read; retrying will create or converge it',
    );
    expect(iam.writes).toEqual([]);
  });
});

describe('resolveCluster edges', () => {
  const eks = (status: string, arn = cluster.clusterArn) => ({
    describeCluster: async () => ({ name: 'acme-prod', arn, status, oidcIssuer: ISSUER }),
  });
  const providers = (exists: boolean, created: Record<string, string>[] = []) => ({
    exists: async () => exists,
    create: async (_issuer: string, tags: Record<string, string>) => {
      created.push(tags);
      return 'arn:aws:iam::111111111111:oidc-provider/created';
    },
  });
  const identity = { accountId: async () => ACCOUNT };

  it.each(['ACTIVE', 'UPDATING'])('a %s cluster is usable', async (status) => {
    await expect(resolveCluster(request, { eks: eks(status), identity, oidcProviders: providers(true), createOidcProvider: false })).resolves.toMatchObject({
      clusterName: 'acme-prod',
    });
  });

  it.each(['CREATING', 'DELETING', 'FAILED', 'PENDING'])('a %s cluster is ClusterNotReady, saying it must be ACTIVE', async (status) => {
    const error = await resolveCluster(request, { eks: eks(status), identity, oidcProviders: providers(true), createOidcProvider: true }).catch((e: Error) => e);
    expect(error).toMatchObject({
      name: 'ClusterNotReady',
      message: `EKS cluster acme-prod is ${status}; it must be ACTIVE`,
      details: { clusterName: 'acme-prod', clusterStatus: status },
    });
  });

  it('the provider ARN is in the cluster\'s partition; a created provider is tagged as ours and returned', async () => {
    const created: Record<string, string>[] = [];
    const resolved = await resolveCluster(request, {
      eks: eks('ACTIVE', `arn:aws-us-gov:eks:us-gov-west-1:${ACCOUNT}:cluster/acme-prod`),
      identity,
      oidcProviders: providers(false, created),
      createOidcProvider: true,
    });
    expect(resolved).toMatchObject({ oidcProviderArn: 'arn:aws:iam::111111111111:oidc-provider/created', oidcProviderCreated: true });
    expect(created).toEqual([{ 'managed-by': 'tenant-dataplane-onboarding', 'eks-cluster': 'acme-prod' }]);

    const existing = await resolveCluster(request, {
      eks: eks('ACTIVE', `arn:aws-us-gov:eks:us-gov-west-1:${ACCOUNT}:cluster/acme-prod`),
      identity,
      oidcProviders: providers(true),
      createOidcProvider: false,
    });
    expect(existing.oidcProviderArn).toBe(PROVIDER_ARN.replace('arn:aws:', 'arn:aws-us-gov:'));
  });

  it('a cluster without an OIDC issuer cannot use IRSA', async () => {
    const noIssuer = { describeCluster: async () => ({ name: 'acme-prod', arn: cluster.clusterArn, status: 'ACTIVE' }) };
    const error = await resolveCluster(request, { eks: noIssuer, identity, oidcProviders: providers(true), createOidcProvider: true }).catch((e: Error) => e);
    expect(error).toMatchObject({
      name: 'ClusterNotReady',
      message: 'EKS cluster acme-prod has no OIDC issuer, so IRSA cannot be used with it',
      details: { clusterName: 'acme-prod', clusterStatus: 'ACTIVE' },
    });
  });

  it('a cluster ARN without a partition is read as aws', async () => {
    const resolved = await resolveCluster(request, { eks: eks('ACTIVE', 'cluster/acme-prod'), identity, oidcProviders: providers(true), createOidcProvider: false });
    expect(resolved.oidcProviderArn).toBe(PROVIDER_ARN);
  });

  it('a missing provider with creation off is OidcProviderMissing naming the eksctl command', async () => {
    const error = await resolveCluster(request, { eks: eks('ACTIVE'), identity, oidcProviders: providers(false), createOidcProvider: false }).catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'OidcProviderMissing', details: { clusterName: 'acme-prod', oidcIssuer: ISSUER, oidcProviderArn: PROVIDER_ARN } });
    expect((error as Error).message).toBe(
      `IAM OIDC provider ${PROVIDER_ARN} for EKS cluster acme-prod does not exist; create it ` +
        '(eksctl utils associate-iam-oidc-provider --cluster acme-prod --approve) or deploy with CREATE_OIDC_PROVIDER=true',
    );
  });
});
