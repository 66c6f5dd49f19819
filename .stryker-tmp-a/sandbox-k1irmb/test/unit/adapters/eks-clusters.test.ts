// @ts-nocheck
import { DescribeClusterCommand, EKSClient, ResourceNotFoundException, ServerException } from '@aws-sdk/client-eks';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { EksClustersAdapter } from '../../../lib/adapters/eks-clusters';
import { ClusterNotFound, TransientAwsError } from '../../../lib/errors';
import type { CallerIdentity } from '../../../lib/ports';
import { awsError } from './sdk-errors';

const eksMock = mockClient(EKSClient);

const ISSUER = 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789';
const CLUSTER_ARN = 'arn:aws:eks:eu-west-1:111122223333:cluster/acme-prod';
const identity: CallerIdentity = { accountId: async () => '111122223333' };

describe('EksClustersAdapter', () => {
  beforeEach(() => {
    eksMock.reset();
  });

  it('describes the cluster with its OIDC issuer', async () => {
    // Prepare
    eksMock.on(DescribeClusterCommand).resolves({
      cluster: { name: 'acme-prod', arn: CLUSTER_ARN, status: 'ACTIVE', identity: { oidc: { issuer: ISSUER } } },
    });
    const clusters = new EksClustersAdapter(new EKSClient({}), identity, 'eu-west-1');

    // Act
    const cluster = await clusters.describeCluster('acme-prod');

    // Assess
    expect(eksMock).toHaveReceivedCommandWith(DescribeClusterCommand, { name: 'acme-prod' });
    expect(cluster).toEqual({ name: 'acme-prod', arn: CLUSTER_ARN, status: 'ACTIVE', oidcIssuer: ISSUER });
  });

  it('leaves oidcIssuer out when the cluster has none', async () => {
    // Prepare
    eksMock.on(DescribeClusterCommand).resolves({ cluster: { name: 'acme-prod', arn: CLUSTER_ARN, status: 'CREATING' } });
    const clusters = new EksClustersAdapter(new EKSClient({}), identity, 'eu-west-1');

    // Act
    const cluster = await clusters.describeCluster('acme-prod');

    // Assess
    expect(cluster).toEqual({ name: 'acme-prod', arn: CLUSTER_ARN, status: 'CREATING' });
  });

  it('throws ClusterNotFound naming the cluster, account, region and what to check', async () => {
    // Prepare
    eksMock
      .on(DescribeClusterCommand)
      .rejects(new ResourceNotFoundException({ message: 'No cluster found for name: acme-prd.', $metadata: {} }));
    const clusters = new EksClustersAdapter(new EKSClient({}), identity, 'eu-west-1');

    // Act
    const describing = clusters.describeCluster('acme-prd');

    // Assess
    await expect(describing).rejects.toThrow(ClusterNotFound);
    await expect(describing).rejects.toMatchObject({
      name: 'ClusterNotFound',
      message: expect.stringMatching(/"acme-prd".*account 111122223333 region eu-west-1.*check the cluster name/),
      details: { clusterName: 'acme-prd', accountId: '111122223333', region: 'eu-west-1' },
    });
  });

  it('still reports ClusterNotFound when the account id cannot be read', async () => {
    // Prepare
    eksMock.on(DescribeClusterCommand).rejects(new ResourceNotFoundException({ message: 'No cluster found', $metadata: {} }));
    const failingIdentity: CallerIdentity = { accountId: () => Promise.reject(new Error('no credentials')) };
    const clusters = new EksClustersAdapter(new EKSClient({}), failingIdentity, 'eu-west-1');

    // Act
    const describing = clusters.describeCluster('acme-prd');

    // Assess
    await expect(describing).rejects.toThrow(/"acme-prd" was not found in account \(unknown\) region eu-west-1/);
  });

  it('throws TransientAwsError when EKS fails on its side', async () => {
    // Prepare
    eksMock.on(DescribeClusterCommand).rejects(new ServerException({ message: 'Internal error', $metadata: { httpStatusCode: 500 } }));
    const clusters = new EksClustersAdapter(new EKSClient({}), identity, 'eu-west-1');

    // Act
    const describing = clusters.describeCluster('acme-prod');

    // Assess
    await expect(describing).rejects.toThrow(TransientAwsError);
    await expect(describing).rejects.toThrow('EKS DescribeCluster acme-prod failed on the AWS side: Internal error');
  });

  it('throws TransientAwsError when throttled', async () => {
    // Prepare
    eksMock.on(DescribeClusterCommand).rejects(awsError('ThrottlingException', 'Rate exceeded', { httpStatusCode: 429 }));
    const clusters = new EksClustersAdapter(new EKSClient({}), identity, 'eu-west-1');

    // Act
    const describing = clusters.describeCluster('acme-prod');

    // Assess
    await expect(describing).rejects.toThrow(TransientAwsError);
  });
});
