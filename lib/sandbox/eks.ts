// Simulated EKS: the clusters a scenario declares, per account and region, as DescribeCluster and
// ListClusters report them. Clusters are read-only; the sandbox never creates one through the API.
import { awsError } from './service-errors';
import { lowerHex, upperHex } from './ids';
import type { CallContext, Operation, ServiceSimulator } from './simulation';
import { replaceContents } from './state-codec';

export type ClusterStatus = 'CREATING' | 'ACTIVE' | 'DELETING' | 'FAILED' | 'UPDATING' | 'PENDING';

export interface ClusterDefinition {
  name: string;
  accountId: string;
  region: string;
  status?: ClusterStatus;
  /** The IRSA issuer URL; null for a cluster without one; absent to derive one from the name. */
  oidcIssuer?: string | null;
  version?: string;
}

export interface StoredCluster {
  name: string;
  arn: string;
  accountId: string;
  region: string;
  status: ClusterStatus;
  oidcIssuer?: string;
  version: string;
  createdAt: Date;
}

/** The issuer EKS gives a cluster: a per-cluster id of 32 upper-case hex digits. */
export function defaultOidcIssuer(accountId: string, region: string, name: string): string {
  return `https://oidc.eks.${region}.amazonaws.com/id/${upperHex(`eks/${accountId}/${region}/${name}`, 32)}`;
}

export class EksSimulator implements ServiceSimulator {
  private readonly clusters = new Map<string, StoredCluster>();

  exportState(): unknown {
    return { clusters: this.clusters };
  }

  importState(state: { clusters: Map<string, StoredCluster> }): void {
    replaceContents(this.clusters, state.clusters);
  }
  readonly operations: Record<string, Operation>;

  constructor() {
    this.operations = {
      DescribeCluster: (input, ctx) => ({ cluster: clusterOutput(this.requireCluster(input.name, ctx)) }),
      ListClusters: (_input, ctx) => ({
        clusters: [...this.clusters.values()]
          .filter((c) => c.accountId === ctx.accountId && c.region === ctx.region)
          .map((c) => c.name),
      }),
    };
  }

  addCluster(definition: ClusterDefinition, now: number): StoredCluster {
    const { name, accountId, region } = definition;
    const cluster: StoredCluster = {
      name,
      accountId,
      region,
      arn: `arn:aws:eks:${region}:${accountId}:cluster/${name}`,
      status: definition.status ?? 'ACTIVE',
      version: definition.version ?? '1.31',
      createdAt: new Date(now),
    };
    const issuer = definition.oidcIssuer === undefined ? defaultOidcIssuer(accountId, region, name) : definition.oidcIssuer;
    if (issuer !== null) cluster.oidcIssuer = issuer;
    this.clusters.set(key(accountId, region, name), cluster);
    return cluster;
  }

  cluster(accountId: string, region: string, name: string): StoredCluster | undefined {
    return this.clusters.get(key(accountId, region, name));
  }

  private requireCluster(name: unknown, ctx: CallContext): StoredCluster {
    if (typeof name !== 'string' || name.length === 0) {
      throw awsError('eks', 'InvalidParameterException', 'The cluster name must not be empty.');
    }
    const cluster = this.cluster(ctx.accountId, ctx.region, name);
    if (!cluster) throw awsError('eks', 'ResourceNotFoundException', `No cluster found for name: ${name}.`, { clusterName: name });
    return cluster;
  }
}

function key(accountId: string, region: string, name: string): string {
  return `${accountId}/${region}/${name}`;
}

function clusterOutput(c: StoredCluster): Record<string, unknown> {
  const endpointId = upperHex(`endpoint/${c.arn}`, 32);
  return {
    name: c.name,
    arn: c.arn,
    createdAt: new Date(c.createdAt),
    version: c.version,
    endpoint: `https://${endpointId}.gr7.${c.region}.eks.amazonaws.com`,
    roleArn: `arn:aws:iam::${c.accountId}:role/${c.name}-cluster-role`,
    ...(c.oidcIssuer !== undefined ? { identity: { oidc: { issuer: c.oidcIssuer } } } : {}),
    status: c.status,
    certificateAuthority: { data: Buffer.from(`sandbox-ca-${lowerHex(c.arn, 16)}`).toString('base64') },
    platformVersion: 'eks.8',
    tags: {},
  };
}
