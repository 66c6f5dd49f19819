// The dataplane role's EKS Pod Identity trust, decided by an independent IAM policy simulator
// (@cloud-copilot/iam-simulate) with the session tags EKS Pod Identity sets: exactly the tenant's
// ServiceAccount of the tenant's cluster gets in, and nothing else.
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { dataplaneTrustPolicy } from '../../../../lib/domain/onboarding/policies';

const CLUSTER = 'arn:aws:eks:eu-west-1:111111111111:cluster/acme-prod';
const ROLE = 'arn:aws:iam::111111111111:role/acme-dataplane-role';
const trust = dataplaneTrustPolicy({ clusterArn: CLUSTER, namespace: 'qualytics', serviceAccount: 'qualytics-spark' }, 'arn:aws:iam::111111111111:role/verifier');

/** What EKS Pod Identity asks STS, as the pods of `cluster`'s `namespace/serviceAccount`. */
async function podIdentity(action: string, tags: { cluster?: string; namespace?: string; serviceAccount?: string } = {}, principal = 'pods.eks.amazonaws.com') {
  const sessionTags = {
    'eks-cluster-arn': tags.cluster ?? CLUSTER,
    'eks-cluster-name': 'acme-prod',
    'kubernetes-namespace': tags.namespace ?? 'qualytics',
    'kubernetes-service-account': tags.serviceAccount ?? 'qualytics-spark',
    'kubernetes-pod-name': 'spark-driver-0',
  };
  const result = await runSimulation(
    {
      request: {
        principal,
        action,
        resource: { resource: ROLE, accountId: '111111111111' },
        contextVariables: {
          ...Object.fromEntries(Object.entries(sessionTags).map(([k, v]) => [`aws:RequestTag/${k}`, v])),
          'aws:TagKeys': Object.keys(sessionTags),
        },
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: trust,
    },
    {},
  );
  if (result.resultType !== 'single') throw new Error(`The simulator refused the request: ${JSON.stringify(result)}`);
  return result.overallResult;
}

describe("the dataplane role's EKS Pod Identity trust", () => {
  it.each(['sts:AssumeRole', 'sts:TagSession'])("lets EKS Pod Identity %s for the tenant's ServiceAccount of its cluster", async (action) => {
    expect(await podIdentity(action)).toBe('Allowed');
  });

  it.each([
    ['another namespace', { namespace: 'default' }],
    ['another ServiceAccount of the namespace', { serviceAccount: 'qualytics-web' }],
    ["another tenant's cluster", { cluster: 'arn:aws:eks:eu-west-1:111111111111:cluster/globex-prod' }],
    ["a cluster of another account with the same name", { cluster: 'arn:aws:eks:eu-west-1:999999999999:cluster/acme-prod' }],
  ])('refuses %s', async (_, tags) => {
    expect(await podIdentity('sts:AssumeRole', tags)).toBe('ImplicitlyDenied');
  });

  it('refuses any other service with the same session tags', async () => {
    expect(await podIdentity('sts:AssumeRole', {}, 'ec2.amazonaws.com')).toBe('ImplicitlyDenied');
  });
});
