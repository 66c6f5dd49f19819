// Simulated Redshift and Redshift Serverless, for the permission probes of Redshift connections: the
// customers' provisioned clusters (DescribeClusters, GetClusterCredentials) and serverless workgroups
// (GetWorkgroup, GetCredentials), per account and region. Calls are decided as S3's and Athena's are
// (decideResourceAccess: SCPs, identity policies, permissions boundary, session policy); Redshift has
// no resource policies and RCPs do not cover it. Texts: the Redshift API references and real responses
// as public issue trackers show them.
import { randomBytes } from 'node:crypto';
import { decideResourceAccess, type AuthorizationWorld } from './authorization';
import { lowerAlnum, uuid } from './ids';
import { awsError, type SimulatedService } from './service-errors';
import { asString, Constraints, type CallContext, type Operation, type ServiceSimulator } from './simulation';
import { replaceContents } from './state-codec';

/** The port clusters and workgroups listen on unless told otherwise. */
const REDSHIFT_PORT = 5439;
/** GetClusterCredentials and GetCredentials: 900 seconds unless DurationSeconds says otherwise (900-3600). */
const DEFAULT_CREDENTIALS_SECONDS = 900;

export type RedshiftClusterStatus = 'available' | 'paused';

export interface StoredRedshiftCluster {
  identifier: string;
  accountId: string;
  region: string;
  databases: string[];
  /** Database users that exist in the cluster. */
  dbUsers: string[];
  endpoint: string;
  status: RedshiftClusterStatus;
  /** The namespace's UUID, as in ClusterNamespaceArn. */
  namespaceId: string;
  createdAt: Date;
}

export interface RedshiftClusterDefinition {
  identifier: string;
  accountId: string;
  region: string;
  /** Default ["dev"]; the first is the cluster's DBName. */
  databases?: string[];
  /** Existing database users; default none. */
  dbUsers?: string[];
  /** Default <identifier>.<12 lower-case letters and digits>.<region>.redshift.amazonaws.com. */
  endpoint?: string;
  status?: RedshiftClusterStatus;
}

export interface StoredServerlessWorkgroup {
  name: string;
  accountId: string;
  region: string;
  workgroupId: string;
  namespace: string;
  databases: string[];
  endpoint: string;
  createdAt: Date;
}

export interface RedshiftServerlessWorkgroupDefinition {
  name: string;
  accountId: string;
  region: string;
  /** A UUID; default derived from the account, region and name. */
  workgroupId?: string;
  /** Default <name>-ns. */
  namespace?: string;
  /** Default ["dev"]. */
  databases?: string[];
  /** Default <name>.<account>.<region>.redshift-serverless.amazonaws.com. */
  endpoint?: string;
}

export function redshiftClusterArn(accountId: string, region: string, identifier: string): string {
  return `arn:aws:redshift:${region}:${accountId}:cluster:${identifier}`;
}

export function redshiftDbUserArn(accountId: string, region: string, cluster: string, dbUser: string): string {
  return `arn:aws:redshift:${region}:${accountId}:dbuser:${cluster}/${dbUser}`;
}

export function redshiftDbNameArn(accountId: string, region: string, cluster: string, dbName: string): string {
  return `arn:aws:redshift:${region}:${accountId}:dbname:${cluster}/${dbName}`;
}

export function redshiftDbGroupArn(accountId: string, region: string, cluster: string, dbGroup: string): string {
  return `arn:aws:redshift:${region}:${accountId}:dbgroup:${cluster}/${dbGroup}`;
}

export function serverlessWorkgroupArn(accountId: string, region: string, workgroupId: string): string {
  return `arn:aws:redshift-serverless:${region}:${accountId}:workgroup/${workgroupId}`;
}

/** A cluster's endpoint as Redshift makes it: the identifier, a unique id of the cluster, the region. */
function defaultClusterEndpoint(accountId: string, region: string, identifier: string): string {
  return `${identifier}.${lowerAlnum(`${accountId}/${region}/redshift/${identifier}`, 12)}.${region}.redshift.amazonaws.com`;
}

function defaultWorkgroupEndpoint(accountId: string, region: string, name: string): string {
  return `${name}.${accountId}.${region}.redshift-serverless.amazonaws.com`;
}

function defaultWorkgroupId(accountId: string, region: string, name: string): string {
  return uuid(`${accountId}/${region}/redshift-serverless/workgroup/${name}`);
}

function key(accountId: string, region: string, name: string): string {
  return `${accountId}/${region}/${name}`;
}

/** A temporary database password (Redshift's are long random strings). */
function temporaryPassword(): string {
  return randomBytes(48).toString('base64');
}

/**
 * Refuses the call unless the caller may do `action` on every resource, in order; the message names the
 * first one refused, worded as IAM words it (the resource ARN unquoted, as the real GetClusterCredentials
 * and GetWorkgroup denials show it).
 */
function authorize(service: SimulatedService, ctx: CallContext, world: AuthorizationWorld, checks: { action: string; resource: string }[]): void {
  for (const { action, resource } of checks) {
    const decision = decideResourceAccess(
      { caller: ctx.principal, action, resource, resourceAccountId: ctx.accountId, rcpApplies: false, region: ctx.region, now: ctx.now },
      world,
    );
    if (!decision.allowed) {
      const code = service === 'redshift' ? 'AccessDenied' : 'AccessDeniedException';
      throw awsError(service, code, `User: ${ctx.principal.arn} is not authorized to perform: ${action} on resource: ${resource} ${decision.reason}`);
    }
  }
}

function durationOf(input: unknown): number {
  return typeof input === 'number' ? input : DEFAULT_CREDENTIALS_SECONDS;
}

export class RedshiftSimulator implements ServiceSimulator {
  private readonly clusters = new Map<string, StoredRedshiftCluster>();
  readonly operations: Record<string, Operation>;

  constructor(private readonly world: () => AuthorizationWorld) {
    this.operations = {
      DescribeClusters: (input, ctx) => {
        const identifier = asString(input.ClusterIdentifier);
        // Without an identifier the call lists the account's clusters in the region [resource unverified].
        const resource = redshiftClusterArn(ctx.accountId, ctx.region, identifier ?? '*');
        authorize('redshift', ctx, this.world(), [{ action: 'redshift:DescribeClusters', resource }]);
        if (identifier === undefined) {
          const all = [...this.clusters.values()].filter((c) => c.accountId === ctx.accountId && c.region === ctx.region);
          return { Clusters: all.map(clusterOutput) };
        }
        const cluster = this.find(ctx, identifier);
        return { Clusters: [clusterOutput(cluster)] };
      },
      GetClusterCredentials: (input, ctx) => {
        const identifier = asString(input.ClusterIdentifier) ?? '';
        const dbUser = asString(input.DbUser) ?? '';
        const dbName = asString(input.DbName);
        const autoCreate = input.AutoCreate === true;
        const groups: string[] = Array.isArray(input.DbGroups) ? input.DbGroups.filter((g: unknown): g is string => typeof g === 'string') : [];
        const { accountId, region } = ctx;
        // The dbuser resource, the dbname one when DbName is given; AutoCreate needs
        // redshift:CreateClusterUser and DbGroups redshift:JoinGroup (GetClusterCredentials API reference).
        authorize('redshift', ctx, this.world(), [
          { action: 'redshift:GetClusterCredentials', resource: redshiftDbUserArn(accountId, region, identifier, dbUser) },
          ...(dbName !== undefined ? [{ action: 'redshift:GetClusterCredentials', resource: redshiftDbNameArn(accountId, region, identifier, dbName) }] : []),
          ...(autoCreate ? [{ action: 'redshift:CreateClusterUser', resource: redshiftDbUserArn(accountId, region, identifier, dbUser) }] : []),
          ...groups.map((group) => ({ action: 'redshift:JoinGroup', resource: redshiftDbGroupArn(accountId, region, identifier, group) })),
        ]);
        this.find(ctx, identifier);
        // A DbUser the database does not have, without AutoCreate, still gets credentials: "the command
        // succeeds but the connection attempt will fail because the user doesn't exist in the database"
        // (GetClusterCredentials API reference, DbUser). An unknown DbName and a paused cluster are taken
        // to be answered the same way, the login failing later [unverified].
        return {
          // "The action returns the database user name prefixed with IAM: if AutoCreate is False or IAMA:
          // if AutoCreate is True" (GetClusterCredentials API reference).
          DbUser: `${autoCreate ? 'IAMA' : 'IAM'}:${dbUser}`,
          DbPassword: temporaryPassword(),
          Expiration: new Date(ctx.now + durationOf(input.DurationSeconds) * 1000),
        };
      },
    };
  }

  addCluster(definition: RedshiftClusterDefinition, now: number): StoredRedshiftCluster {
    const { identifier, accountId, region } = definition;
    const cluster: StoredRedshiftCluster = {
      identifier,
      accountId,
      region,
      databases: [...(definition.databases ?? ['dev'])],
      dbUsers: [...(definition.dbUsers ?? [])],
      endpoint: definition.endpoint ?? defaultClusterEndpoint(accountId, region, identifier),
      status: definition.status ?? 'available',
      namespaceId: uuid(`${accountId}/${region}/redshift/namespace/${identifier}`),
      createdAt: new Date(now),
    };
    this.clusters.set(key(accountId, region, identifier), cluster);
    return cluster;
  }

  exportState(): unknown {
    return { clusters: this.clusters };
  }

  importState(state: { clusters: Map<string, StoredRedshiftCluster> } | undefined): void {
    if (state) replaceContents(this.clusters, state.clusters);
  }

  private find(ctx: CallContext, identifier: string): StoredRedshiftCluster {
    const cluster = this.clusters.get(key(ctx.accountId, ctx.region, identifier));
    // Real: "Cluster dwhcluster not found." (ClusterNotFound, 404).
    if (!cluster) throw awsError('redshift', 'ClusterNotFound', `Cluster ${identifier} not found.`);
    return cluster;
  }
}

function clusterOutput(c: StoredRedshiftCluster): Record<string, unknown> {
  return {
    ClusterIdentifier: c.identifier,
    NodeType: 'ra3.xlplus',
    ClusterStatus: c.status,
    ClusterAvailabilityStatus: c.status === 'available' ? 'Available' : 'Unavailable',
    MasterUsername: 'awsuser',
    DBName: c.databases[0] ?? 'dev',
    Endpoint: { Address: c.endpoint, Port: REDSHIFT_PORT },
    ClusterCreateTime: new Date(c.createdAt),
    NumberOfNodes: 2,
    PubliclyAccessible: false,
    Encrypted: true,
    ClusterNamespaceArn: `arn:aws:redshift:${c.region}:${c.accountId}:namespace:${c.namespaceId}`,
    Tags: [],
  };
}

export class RedshiftServerlessSimulator implements ServiceSimulator {
  private readonly workgroups = new Map<string, StoredServerlessWorkgroup>();
  readonly operations: Record<string, Operation>;

  constructor(private readonly world: () => AuthorizationWorld) {
    this.operations = {
      GetWorkgroup: (input, ctx) => {
        const workgroup = this.find(input.workgroupName, ctx);
        // The workgroup's ARN holds its id, so the workgroup is looked up first, then the caller
        // authorized on its ARN (as the real denial names it).
        this.authorize(ctx, 'redshift-serverless:GetWorkgroup', workgroup);
        return { workgroup: workgroupOutput(workgroup) };
      },
      GetCredentials: (input, ctx) => {
        const workgroup = this.find(input.workgroupName, ctx, (check) =>
          // AWS's range for durationSeconds (900-3600); the wording is the usual AWS validation text [unverified].
          check.range('durationSeconds', typeof input.durationSeconds === 'number' ? input.durationSeconds : undefined, 900, 3600),
        );
        this.authorize(ctx, 'redshift-serverless:GetCredentials', workgroup);
        const expiration = new Date(ctx.now + durationOf(input.durationSeconds) * 1000);
        return {
          // A role's session logs in as IAMR:<role name>, an IAM user as IAM:<user name> (the Redshift
          // Data API docs and GetCredentials responses seen in public code show "IAMR:<role>").
          dbUser: ctx.principal.session ? `IAMR:${ctx.principal.session.roleName}` : `IAM:${ctx.principal.arn.split('/').pop()}`,
          dbPassword: temporaryPassword(),
          expiration,
          // When the authorization refreshes; taken to be the expiration [unverified].
          nextRefreshTime: new Date(expiration),
        };
      },
    };
  }

  addWorkgroup(definition: RedshiftServerlessWorkgroupDefinition, now: number): StoredServerlessWorkgroup {
    const { name, accountId, region } = definition;
    const workgroup: StoredServerlessWorkgroup = {
      name,
      accountId,
      region,
      workgroupId: definition.workgroupId ?? defaultWorkgroupId(accountId, region, name),
      namespace: definition.namespace ?? `${name}-ns`,
      databases: [...(definition.databases ?? ['dev'])],
      endpoint: definition.endpoint ?? defaultWorkgroupEndpoint(accountId, region, name),
      createdAt: new Date(now),
    };
    this.workgroups.set(key(accountId, region, name), workgroup);
    return workgroup;
  }

  exportState(): unknown {
    return { workgroups: this.workgroups };
  }

  importState(state: { workgroups: Map<string, StoredServerlessWorkgroup> } | undefined): void {
    if (state) replaceContents(this.workgroups, state.workgroups);
  }

  /** The workgroup named, after the request's validation (`more` adds the operation's own checks). */
  private find(given: unknown, ctx: CallContext, more?: (check: Constraints) => void): StoredServerlessWorkgroup {
    const name = asString(given);
    const check = new Constraints('redshift-serverless', 'ValidationException');
    // The model's constraints on workgroupName; the wording is the usual AWS validation text [unverified].
    if (check.required('workgroupName', name)) {
      check.length('workgroupName', name, 3, 64);
      check.pattern('workgroupName', name, /^[a-z0-9-]+$/, '^[a-z0-9-]+$');
    }
    more?.(check);
    check.throwIfAny();
    const workgroup = this.workgroups.get(key(ctx.accountId, ctx.region, name!));
    // Real: "Serverless workgroup jobilla not found." (ResourceNotFoundException, 400).
    if (!workgroup) throw awsError('redshift-serverless', 'ResourceNotFoundException', `Serverless workgroup ${name} not found.`);
    return workgroup;
  }

  private authorize(ctx: CallContext, action: string, workgroup: StoredServerlessWorkgroup): void {
    // Same form as the real GetWorkgroup denial; the GetCredentials one is taken to read alike [unverified].
    authorize('redshift-serverless', ctx, this.world(), [
      { action, resource: serverlessWorkgroupArn(workgroup.accountId, workgroup.region, workgroup.workgroupId) },
    ]);
  }
}

function workgroupOutput(w: StoredServerlessWorkgroup): Record<string, unknown> {
  return {
    workgroupId: w.workgroupId,
    workgroupArn: serverlessWorkgroupArn(w.accountId, w.region, w.workgroupId),
    workgroupName: w.name,
    namespaceName: w.namespace,
    baseCapacity: 128,
    enhancedVpcRouting: false,
    configParameters: [],
    securityGroupIds: [],
    subnetIds: [],
    status: 'AVAILABLE',
    endpoint: { address: w.endpoint, port: REDSHIFT_PORT, vpcEndpoints: [] },
    publiclyAccessible: false,
    creationDate: new Date(w.createdAt),
    port: REDSHIFT_PORT,
  };
}
