import { DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { ClusterNotFound } from '../errors';
import type { CallerIdentity, ClusterDescription, EksClusters } from '../ports';
import { isAwsError, mapAwsError } from './aws-errors';
import type { AdapterFactory } from './adapter-factory';
import { sharedClient } from './aws-client-factory';
import { callerIdentityAdapter } from './caller-identity';

export class EksClustersAdapter implements EksClusters {
  constructor(
    private readonly eks: EKSClient,
    /** Only used to name the account in a ClusterNotFound message. */
    private readonly identity: CallerIdentity,
    private readonly region: string,
  ) {}

  async describeCluster(name: string): Promise<ClusterDescription> {
    let cluster;
    try {
      cluster = (await this.eks.send(new DescribeClusterCommand({ name }))).cluster;
    } catch (error) {
      if (isAwsError(error, 'ResourceNotFoundException')) throw await this.notFound(name, error);
      throw mapAwsError(error, { service: 'EKS', operation: 'DescribeCluster', resource: name });
    }
    if (!cluster?.name || !cluster.arn || !cluster.status) {
      throw new Error(`EKS DescribeCluster ${name} returned no cluster name, ARN or status`);
    }
    const issuer = cluster.identity?.oidc?.issuer;
    return { name: cluster.name, arn: cluster.arn, status: cluster.status, ...(issuer ? { oidcIssuer: issuer } : {}) };
  }

  private async notFound(name: string, cause: unknown): Promise<ClusterNotFound> {
    // The not-found answer matters more than the account id: never let a failed look-up replace it.
    const account = await this.identity.accountId().catch(() => undefined);
    const where = `account ${account ?? '(unknown)'} region ${this.region}`;
    const error = new ClusterNotFound(
      `EKS cluster "${name}" was not found in ${where}; check the cluster name (it is case-sensitive) ` +
        `and that onboarding is deployed to the account and region the tenant's cluster runs in`,
      { clusterName: name, accountId: account, region: this.region },
    );
    error.cause = cause;
    return error;
  }
}

export const eksClustersAdapter: AdapterFactory<EksClusters> = (config, use) =>
  new EksClustersAdapter(sharedClient('eks', EKSClient, config.region), use(callerIdentityAdapter), config.region);
