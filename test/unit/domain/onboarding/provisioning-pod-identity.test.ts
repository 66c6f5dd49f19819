// EKS Pod Identity in the role's convergence: the ServiceAccount's association is created once and
// left alone afterwards, another role's is refused with nothing written, a mode switch needs the request
// to name it, and switching back to IRSA removes only our association.
import { validateOnboardingRequest } from '../../../../lib/schemas/onboarding-request';
import { ensureDataplaneRole, resolveCluster, type ResolvedCluster } from '../../../../lib/domain/onboarding/provisioning';
import type { PodIdentityAssociation, PodIdentityAssociations } from '../../../../lib/ports';
import { FakeIam } from '../../../support/fake-iam';

const ACCOUNT = '111111111111';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/acme-dataplane-role`;
const CLUSTER_ARN = `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/acme-prod`;
const OWNER = { stackName: 'tenant-dataplane-onboarding-prod', region: 'eu-west-1' };
const podCluster: ResolvedCluster = { clusterName: 'acme-prod', clusterArn: CLUSTER_ARN, identity: 'podIdentity', oidcProviderCreated: false };
const irsaCluster: ResolvedCluster = {
  clusterName: 'acme-prod',
  clusterArn: CLUSTER_ARN,
  identity: 'irsa',
  oidcIssuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF',
  oidcProviderArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF`,
  oidcProviderCreated: false,
};

/** One association per namespace and ServiceAccount, as EKS keeps them; every write recorded. */
class FakeAssociations implements PodIdentityAssociations {
  readonly byServiceAccount = new Map<string, PodIdentityAssociation>();
  readonly writes: string[] = [];
  agent: string | undefined = 'ACTIVE';
  async agentStatus() {
    return this.agent;
  }
  async find(_cluster: string, namespace: string, serviceAccount: string) {
    return this.byServiceAccount.get(`${namespace}/${serviceAccount}`);
  }
  async create(_cluster: string, namespace: string, serviceAccount: string, roleArn: string) {
    this.writes.push(`create ${namespace}/${serviceAccount} ${roleArn}`);
    const association = { associationId: `a-${this.byServiceAccount.size + 1}`, roleArn };
    this.byServiceAccount.set(`${namespace}/${serviceAccount}`, association);
    return association;
  }
  async delete(_cluster: string, associationId: string) {
    this.writes.push(`delete ${associationId}`);
    for (const [key, a] of this.byServiceAccount) if (a.associationId === associationId) this.byServiceAccount.delete(key);
  }
}

function setup() {
  const iam = new FakeIam();
  const associations = new FakeAssociations();
  const deps = { iam, associations, permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/b`, verifierRoleArn: `arn:aws:iam::${ACCOUNT}:role/v`, owner: OWNER, now: () => new Date('2026-11-23T12:00:00Z') };
  return { iam, associations, deps };
}

const request = (identity?: 'irsa' | 'podIdentity') => validateOnboardingRequest({ tenantId: 'acme', clusterName: 'acme-prod', ...(identity ? { identity } : {}) });

describe('EKS Pod Identity in ensureDataplaneRole', () => {
  it('creates the association once; a second run leaves it and the role unchanged', async () => {
    const { associations, deps } = setup();
    const first = await ensureDataplaneRole(request('podIdentity'), podCluster, deps);
    const second = await ensureDataplaneRole(request('podIdentity'), podCluster, deps);
    expect(first).toMatchObject({ outcome: 'created', association: { associationId: 'a-1', outcome: 'created' } });
    expect(second).toMatchObject({ outcome: 'unchanged', association: { associationId: 'a-1', outcome: 'unchanged' } });
    expect(associations.writes).toEqual([`create qualytics/qualytics-spark ${ROLE_ARN}`]);
  });

  it("refuses another role's association of the ServiceAccount, and writes nothing to it", async () => {
    const { associations, deps } = setup();
    associations.byServiceAccount.set('qualytics/qualytics-spark', { associationId: 'a-theirs', roleArn: `arn:aws:iam::${ACCOUNT}:role/someone` });
    const error = await ensureDataplaneRole(request('podIdentity'), podCluster, deps).catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'PodIdentityAssociationNotOwned', details: { associationId: 'a-theirs' } });
    expect((error as Error).message).toContain('aws eks delete-pod-identity-association --cluster-name acme-prod --association-id a-theirs');
    expect(associations.writes).toEqual([]);
  });

  it('switches a role only when the request names the mode, and back to IRSA removes our association', async () => {
    // Prepare: an IRSA tenant.
    const { iam, associations, deps } = setup();
    await ensureDataplaneRole(request('irsa'), irsaCluster, deps);
    const writesBefore = iam.writes.length;

    // Act
    const implicit = await ensureDataplaneRole(request(), podCluster, deps).catch((e: Error) => e);
    const writesAfterRefusal = iam.writes.length;
    const toPods = await ensureDataplaneRole(request('podIdentity'), podCluster, deps);
    const back = await ensureDataplaneRole(request('irsa'), irsaCluster, deps);

    // Assess
    expect(implicit).toMatchObject({ name: 'IdentityModeChangeNotRequested', details: { current: 'irsa', requested: 'podIdentity' } });
    expect(writesAfterRefusal).toBe(writesBefore);
    expect(toPods).toMatchObject({ outcome: 'converged', changes: ['trust policy updated', 'pod identity association created'] });
    expect(back).toMatchObject({ outcome: 'converged', changes: ['trust policy updated', 'pod identity association removed'] });
    expect(back.association).toBeUndefined();
    expect(associations.writes).toEqual([`create qualytics/qualytics-spark ${ROLE_ARN}`, 'delete a-1']);
  });

  it("back to IRSA leaves another role's association alone", async () => {
    const { associations, deps } = setup();
    await ensureDataplaneRole(request('podIdentity'), podCluster, deps);
    associations.byServiceAccount.set('qualytics/qualytics-spark', { associationId: 'a-theirs', roleArn: `arn:aws:iam::${ACCOUNT}:role/someone` });
    const back = await ensureDataplaneRole(request('irsa'), irsaCluster, deps);
    expect(back.changes).toEqual(['trust policy updated']);
    expect(associations.writes).not.toContain('delete a-theirs');
  });
});

describe('EKS Pod Identity in resolveCluster', () => {
  const eks = { describeCluster: async () => ({ name: 'acme-prod', arn: CLUSTER_ARN, status: 'ACTIVE' }) };
  const base = { eks, identity: { accountId: async () => ACCOUNT }, oidcProviders: { exists: async () => false, create: async () => '' }, createOidcProvider: false };

  it('needs no OIDC provider or issuer, only a working agent add-on; the default mode applies to a request that names none', async () => {
    const associations = new FakeAssociations();
    await expect(resolveCluster(request(), { ...base, defaultIdentity: 'podIdentity', podIdentity: associations })).resolves.toEqual({
      clusterName: 'acme-prod',
      clusterArn: CLUSTER_ARN,
      identity: 'podIdentity',
      oidcProviderCreated: false,
    });
    for (const agent of [undefined, 'DEGRADED', 'CREATE_FAILED']) {
      associations.agent = agent;
      await expect(resolveCluster(request('podIdentity'), { ...base, podIdentity: associations })).rejects.toMatchObject({
        name: 'PodIdentityAgentMissing',
        details: { addonStatus: agent ?? 'NOT_INSTALLED' },
      });
    }
  });

  it('a request naming IRSA uses IRSA whatever the default', async () => {
    await expect(resolveCluster(request('irsa'), { ...base, defaultIdentity: 'podIdentity', podIdentity: new FakeAssociations() })).rejects.toMatchObject({
      name: 'ClusterNotReady',
    });
  });
});
