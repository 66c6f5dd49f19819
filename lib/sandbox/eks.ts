// Simulated EKS: the clusters a scenario declares, per account and region, as DescribeCluster and
// ListClusters report them, with the EKS Pod Identity Agent add-on where the scenario installs it
// (DescribeAddon), and their pod identity associations (one per namespace and ServiceAccount, as EKS
// allows). Clusters are read-only; the sandbox never creates one through the API.
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
  /** The EKS Pod Identity Agent add-on is installed (and ACTIVE). */
  podIdentityAgent?: boolean;
}

export const POD_IDENTITY_AGENT_ADDON = 'eks-pod-identity-agent';

export interface StoredAssociation {
  associationId: string;
  associationArn: string;
  clusterName: string;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
  createdAt: Date;
  modifiedAt: Date;
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
  podIdentityAgent?: boolean;
  associations?: StoredAssociation[];
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
      DescribeAddon: (input, ctx) => {
        const cluster = this.requireCluster(input.clusterName, ctx);
        if (input.addonName !== POD_IDENTITY_AGENT_ADDON || !cluster.podIdentityAgent) {
          throw awsError('eks', 'ResourceNotFoundException', `No addon: ${String(input.addonName)} found in cluster: ${cluster.name}`, {
            clusterName: cluster.name,
            addonName: input.addonName,
          });
        }
        return {
          addon: {
            addonName: POD_IDENTITY_AGENT_ADDON,
            clusterName: cluster.name,
            status: 'ACTIVE',
            addonVersion: 'v1.3.4-eksbuild.1',
            addonArn: `arn:aws:eks:${cluster.region}:${cluster.accountId}:addon/${cluster.name}/${POD_IDENTITY_AGENT_ADDON}/${lowerHex(`${cluster.arn}/addon`, 8)}`,
          },
        };
      },
      ListPodIdentityAssociations: (input, ctx) => {
        const cluster = this.requireCluster(input.clusterName, ctx);
        const found = (cluster.associations ?? []).filter(
          (a) => (input.namespace === undefined || a.namespace === input.namespace) && (input.serviceAccount === undefined || a.serviceAccount === input.serviceAccount),
        );
        return { associations: found.map((a) => ({ clusterName: a.clusterName, namespace: a.namespace, serviceAccount: a.serviceAccount, associationArn: a.associationArn, associationId: a.associationId })) };
      },
      DescribePodIdentityAssociation: (input, ctx) => ({ association: associationOutput(this.requireAssociation(input, ctx)) }),
      CreatePodIdentityAssociation: (input, ctx) => {
        const cluster = this.requireCluster(input.clusterName, ctx);
        for (const field of ['namespace', 'serviceAccount', 'roleArn']) {
          if (typeof input[field] !== 'string' || input[field] === '') throw awsError('eks', 'InvalidParameterException', `${field} must not be empty.`);
        }
        const associations = (cluster.associations ??= []);
        if (associations.some((a) => a.namespace === input.namespace && a.serviceAccount === input.serviceAccount)) {
          throw awsError('eks', 'ResourceInUseException', 'Association already exists for this service account.');
        }
        const associationId = `a-${lowerHex(`${cluster.arn}/${input.namespace}/${input.serviceAccount}/${ctx.now}`, 17)}`;
        const association: StoredAssociation = {
          associationId,
          associationArn: `arn:aws:eks:${cluster.region}:${cluster.accountId}:podidentityassociation/${cluster.name}/${associationId}`,
          clusterName: cluster.name,
          namespace: input.namespace,
          serviceAccount: input.serviceAccount,
          roleArn: input.roleArn,
          createdAt: new Date(ctx.now),
          modifiedAt: new Date(ctx.now),
        };
        associations.push(association);
        return { association: associationOutput(association) };
      },
      UpdatePodIdentityAssociation: (input, ctx) => {
        const association = this.requireAssociation(input, ctx);
        if (typeof input.roleArn === 'string' && input.roleArn !== '') association.roleArn = input.roleArn;
        association.modifiedAt = new Date(ctx.now);
        return { association: associationOutput(association) };
      },
      DeletePodIdentityAssociation: (input, ctx) => {
        const association = this.requireAssociation(input, ctx);
        const cluster = this.requireCluster(input.clusterName, ctx);
        cluster.associations = (cluster.associations ?? []).filter((a) => a !== association);
        return { association: associationOutput(association) };
      },
    };
  }

  private requireAssociation(input: { clusterName?: unknown; associationId?: unknown }, ctx: CallContext): StoredAssociation {
    const cluster = this.requireCluster(input.clusterName, ctx);
    const found = (cluster.associations ?? []).find((a) => a.associationId === input.associationId);
    if (!found) throw awsError('eks', 'ResourceNotFoundException', `No Pod Identity Association found for id: ${String(input.associationId)}.`);
    return found;
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
    if (definition.podIdentityAgent) cluster.podIdentityAgent = true;
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

function associationOutput(a: StoredAssociation): Record<string, unknown> {
  return {
    clusterName: a.clusterName,
    namespace: a.namespace,
    serviceAccount: a.serviceAccount,
    roleArn: a.roleArn,
    associationArn: a.associationArn,
    associationId: a.associationId,
    tags: {},
    createdAt: new Date(a.createdAt),
    modifiedAt: new Date(a.modifiedAt),
  };
}
