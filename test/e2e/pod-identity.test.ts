// EKS Pod Identity as the second identity mode, end to end on the sandbox: a cluster with no IAM OIDC
// provider onboards, its role trusts EKS Pod Identity for exactly its ServiceAccount, the association
// exists, the customer's role verifies; the mode switches only when a request names it, and every
// refusal changes nothing.
import path from 'node:path';
import { CreatePodIdentityAssociationCommand } from '@aws-sdk/client-eks';
import { createAwsClients } from '../../lib/adapters/aws-clients';
import { LocalEnvironment } from '../../lib/local/local-environment';
import { loadScenario, type Scenario } from '../../lib/sandbox';

const ROLE_ARN = 'arn:aws:iam::111111111111:role/acme-dataplane-role';
const CLUSTER_ARN = 'arn:aws:eks:eu-west-1:111111111111:cluster/acme-prod';

let env: LocalEnvironment | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function start(change: (scenario: Scenario) => void = () => undefined) {
  const scenario = loadScenario(path.resolve(__dirname, '../../scenarios/pod-identity.json'));
  change(scenario);
  env = await LocalEnvironment.start(scenario);
  return env;
}

describe('EKS Pod Identity', () => {
  it('onboards a cluster without an OIDC provider: trust for its ServiceAccount, the association, VERIFIED; the status says so', async () => {
    // Prepare
    const local = await start();

    // Act
    const result = await local.onboard({ tenantId: 'acme', clusterName: 'acme-prod', targetRoles: local.sandbox.connections });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const status = await local.status('acme');
    expect(status).toMatchObject({ status: 'ROLE_READY', identity: 'podIdentity', roleOutcome: 'created', verification: { state: 'VERIFIED' } });
    expect(status).not.toHaveProperty('oidcIssuer');
    expect(local.sandbox.listOidcProviders()).toEqual([]);
    const [association] = local.sandbox.podIdentityAssociations('acme-prod');
    expect(association).toMatchObject({ namespace: 'qualytics', serviceAccount: 'qualytics-spark', roleArn: ROLE_ARN });
    expect(status!.podIdentityAssociationId).toBe(association!.associationId);
    const trust = local.sandbox.getRole('acme-dataplane-role')!.trustPolicy as { Statement: Record<string, any>[] };
    expect(trust.Statement[0]).toEqual({
      Sid: 'TenantSparkServiceAccountViaPodIdentity',
      Effect: 'Allow',
      Principal: { Service: 'pods.eks.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      Condition: {
        StringEquals: {
          'aws:RequestTag/eks-cluster-arn': CLUSTER_ARN,
          'aws:RequestTag/kubernetes-namespace': 'qualytics',
          'aws:RequestTag/kubernetes-service-account': 'qualytics-spark',
        },
      },
    });
    expect(trust.Statement[1]).toMatchObject({ Sid: 'OnboardingVerifier' });
    // The association passed the role to EKS: our call, as the role creator.
    expect(local.sandbox.callsTo('eks', 'CreatePodIdentityAssociation')).toHaveLength(1);
    // The platform is told which mode the role is for.
    expect(local.sandbox.sentEvents().find((e) => e.detailType === 'DataplaneRoleReady')?.detail).toMatchObject({ identity: 'podIdentity', roleArn: ROLE_ARN });
  });

  it('a second onboarding finds everything in place: unchanged, no second association', async () => {
    const local = await start();
    await local.onboard({ tenantId: 'acme', clusterName: 'acme-prod' });
    await local.onboard({ tenantId: 'acme', clusterName: 'acme-prod' });
    expect(await local.status('acme')).toMatchObject({ status: 'ROLE_READY', roleOutcome: 'unchanged', identity: 'podIdentity' });
    expect(local.sandbox.podIdentityAssociations('acme-prod')).toHaveLength(1);
  });

  it('a cluster without the Pod Identity Agent add-on: PodIdentityAgentMissing with the command that installs it; no role made', async () => {
    const local = await start((s) => {
      s.clusters[0]!.podIdentityAgent = false;
    });
    const result = await local.onboard({ tenantId: 'acme', clusterName: 'acme-prod' });
    expect(result).toMatchObject({ status: 'FAILED' });
    const status = await local.status('acme');
    expect(status).toMatchObject({ status: 'FAILED', error: { name: 'PodIdentityAgentMissing' } });
    expect(status!.error!.message).toContain('aws eks create-addon --cluster-name acme-prod --addon-name eks-pod-identity-agent');
    expect(local.sandbox.getRole('acme-dataplane-role')).toBeUndefined();
  });

  it("another role's association on the ServiceAccount is refused, and left alone", async () => {
    // Prepare: someone associated the ServiceAccount with another role by hand.
    const local = await start();
    const podTrust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] };
    const other = local.sandbox.addRole({ name: 'hand-made', trustPolicy: podTrust });
    await createAwsClients({ region: 'eu-west-1' }).eks.send(
      new CreatePodIdentityAssociationCommand({ clusterName: 'acme-prod', namespace: 'qualytics', serviceAccount: 'qualytics-spark', roleArn: other.arn }),
    );

    // Act
    const result = await local.onboard({ tenantId: 'acme', clusterName: 'acme-prod' });

    // Assess
    expect(result.status).toBe('FAILED');
    const status = await local.status('acme');
    expect(status).toMatchObject({ error: { name: 'PodIdentityAssociationNotOwned' } });
    expect(status!.error!.message).toContain(`with role ${other.arn}, not ${ROLE_ARN}; nothing was changed`);
    expect(local.sandbox.podIdentityAssociations('acme-prod').map((a) => a.roleArn)).toEqual([other.arn]);
  });

  it('switches modes only when the request names one, and converges both ways', async () => {
    // Prepare: onboarded with IRSA (the cluster gets its OIDC provider), the stack's default Pod Identity.
    const local = await start();
    local.sandbox.addOidcProvider(local.sandbox.clusterIssuer('acme-prod')!);
    await local.onboard({ tenantId: 'acme', clusterName: 'acme-prod', identity: 'irsa' });
    expect(await local.status('acme')).toMatchObject({ identity: 'irsa', status: 'ROLE_READY' });

    // Act: the default alone does not switch it...
    const implicit = await local.onboard({ tenantId: 'acme', clusterName: 'acme-prod' });
    const refused = await local.status('acme');
    const trustAfterRefusal = local.sandbox.getRole('acme-dataplane-role')!.trustPolicy as { Statement: { Principal: unknown }[] };
    // ...naming it does, and naming IRSA again switches back.
    await local.onboard({ tenantId: 'acme', clusterName: 'acme-prod', identity: 'podIdentity' });
    const switched = await local.status('acme');
    const associationsWhileSwitched = local.sandbox.podIdentityAssociations('acme-prod');
    await local.onboard({ tenantId: 'acme', clusterName: 'acme-prod', identity: 'irsa' });
    const back = await local.status('acme');

    // Assess
    expect(implicit.status).toBe('FAILED');
    expect(refused).toMatchObject({ status: 'FAILED', error: { name: 'IdentityModeChangeNotRequested' } });
    expect(refused!.error!.message).toContain('uses IRSA, and this onboarding names no identity mode');
    expect(trustAfterRefusal.Statement[0]!.Principal).toHaveProperty('Federated');
    expect(switched).toMatchObject({ status: 'ROLE_READY', identity: 'podIdentity', roleOutcome: 'converged' });
    expect(switched).not.toHaveProperty('oidcIssuer');
    expect(associationsWhileSwitched).toHaveLength(1);
    expect(back).toMatchObject({ status: 'ROLE_READY', identity: 'irsa', roleOutcome: 'converged', oidcIssuer: expect.any(String) });
    expect(back).not.toHaveProperty('podIdentityAssociationId');
    expect(local.sandbox.podIdentityAssociations('acme-prod')).toEqual([]);
  });

  it('an identity mode that is neither is an invalid request: nothing created', async () => {
    const local = await start();
    const result = await local.onboard({ tenantId: 'acme', clusterName: 'acme-prod', identity: 'kiam' });
    expect(result.error).toBe('InvalidOnboardingRequest');
    expect((await local.status('acme'))!.error!.problems).toEqual([{ field: 'identity', problem: 'must be irsa or podIdentity, got "kiam"' }]);
    expect(local.sandbox.getRole('acme-dataplane-role')).toBeUndefined();
  });
});
