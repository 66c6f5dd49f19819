// The ports the domain needs from AWS. Adapters in lib/adapters implement them over SDK v3 clients
// and translate AWS errors into the domain errors of lib/errors.ts; the domain knows no SDK.
import { type PolicyDocument } from './domain/onboarding/policies';
import type { ConnectionState, ConnectionStatus, RejectedEventNote, StatusUpdate, StatusRecord, VerificationSummary } from './domain/status';
import type { RoleReadyMessage } from './domain/onboarding/role-ready-message';
import type { OutboundEvent } from './domain/outbound-events/outbound-events';
import { type Connection } from './domain/verification/connection';

export interface ClusterDescription {
  name: string;
  arn: string;
  status: string;
  /** The IRSA issuer URL, e.g. https://oidc.eks.eu-west-1.amazonaws.com/id/ABC; absent when the cluster has none. */
  oidcIssuer?: string;
}

export interface EksClusters {
  /** Throws ClusterNotFound when EKS has no such cluster. */
  describeCluster(name: string): Promise<ClusterDescription>;
}

/** A cluster's EKS Pod Identity association of one namespace and ServiceAccount. */
export interface PodIdentityAssociation {
  associationId: string;
  roleArn: string;
}

export interface PodIdentityAssociations {
  /** The EKS Pod Identity Agent add-on's status on the cluster (ACTIVE, DEGRADED...); undefined when it is not installed. */
  agentStatus(clusterName: string): Promise<string | undefined>;
  /** The association of this namespace and ServiceAccount (EKS allows one), if any. */
  find(clusterName: string, namespace: string, serviceAccount: string): Promise<PodIdentityAssociation | undefined>;
  create(clusterName: string, namespace: string, serviceAccount: string, roleArn: string): Promise<PodIdentityAssociation>;
  delete(clusterName: string, associationId: string): Promise<void>;
}

export interface CallerIdentity {
  /** The AWS account the functions run in (the dataplane account). */
  accountId(): Promise<string>;
}

export interface OidcProviders {
  /** True when the IAM OIDC provider with this ARN exists. */
  exists(providerArn: string): Promise<boolean>;
  /** Creates the provider for an issuer with audience sts.amazonaws.com; returns its ARN. Converges on EntityAlreadyExists. */
  create(issuerUrl: string, tags: Record<string, string>): Promise<string>;
}

export interface RoleInfo {
  name: string;
  arn: string;
  roleId: string;
  trustPolicy: unknown;
  permissionsBoundaryArn?: string;
  tags: Record<string, string>;
}

export interface NewRole {
  name: string;
  trustPolicy: PolicyDocument;
  permissionsBoundaryArn: string;
  tags: Record<string, string>;
  description: string;
}

export interface IamRoles {
  /** Creates the role; returns undefined when a role of that name already exists (EntityAlreadyExists). */
  createRole(role: NewRole): Promise<RoleInfo | undefined>;
  /** Undefined when there is no such role. */
  getRole(name: string): Promise<RoleInfo | undefined>;
  updateTrustPolicy(name: string, policy: PolicyDocument): Promise<void>;
  /** Undefined when the role has no inline policy of that name. */
  getInlinePolicy(roleName: string, policyName: string): Promise<unknown | undefined>;
  putInlinePolicy(roleName: string, policyName: string, policy: PolicyDocument): Promise<void>;
}

export interface AccountManagerQueue {
  /** Sends one FIFO message; SQS drops a repeat with the same deduplication id within 5 minutes. */
  publish(message: RoleReadyMessage, groupId: string, deduplicationId: string): Promise<{ messageId: string }>;
}

export interface StatusStore {
  /** Conditional write: returns applied=false when a newer execution already wrote this tenant's status. */
  record(update: StatusUpdate): Promise<{ applied: boolean }>;
  get(tenantId: string): Promise<StatusRecord | undefined>;
  /**
   * Writes one connection's status, which get() returns with the tenant's record once the connection
   * is stored (saveConnections). Not applied when a newer execution already wrote that connection.
   */
  recordConnection(tenantId: string, status: ConnectionStatus): Promise<{ applied: boolean }>;
  /** One connection's status, without the rest of the tenant's record. */
  connectionStatus(tenantId: string, connectionId: string): Promise<ConnectionStatus | undefined>;
  /** Writes the tenant-wide verification summary; not applied over a newer execution's. */
  recordVerification(tenantId: string, summary: VerificationSummary): Promise<{ applied: boolean }>;
  /**
   * Keeps a tenant's connections for verification and support re-runs (also before the tenant has a
   * status), each replacing a stored one of the same id unless that was configured later — by time,
   * then by `configuredBy` (the event id). Says which were written and which a newer one superseded.
   * Never returned by get().
   */
  saveConnections(
    tenantId: string,
    connections: Connection[],
    configuredAt: string,
    configuredBy?: string,
  ): Promise<{ applied: string[]; superseded: string[] }>;
  /** The connections stored for a tenant, External IDs included: for verification only. */
  storedConnections(tenantId: string): Promise<Connection[]>;
  /** Notes on an existing tenant's record that an event about it was rejected; its status is left alone. */
  noteRejectedEvent(tenantId: string, note: RejectedEventNote): Promise<{ applied: boolean }>;
  /**
   * Connections of every tenant in one state, most recently updated first, a page at a time (from a
   * secondary index, never a scan); `next` is where the following page starts, absent on the last.
   */
  connectionsInState(state: ConnectionState, page: { limit: number; startAfter?: ConnectionPageKey }): Promise<ConnectionPage>;
}

/** Where a page of connections in a state ends: the index position of its last item. */
export interface ConnectionPageKey {
  key: string;
  state: string;
  updatedAt: string;
}

export interface ConnectionPage {
  connections: { tenantId: string; status: ConnectionStatus }[];
  next?: ConnectionPageKey;
}

/** An STS error as verification sees it: the finding to diagnose, not a failure of the step. */
export interface StsErrorInfo {
  name: string;
  message: string;
  httpStatusCode?: number;
  requestId?: string;
}

export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export interface AssumeRoleInput {
  roleArn: string;
  sessionName: string;
  externalId?: string;
  durationSeconds: number;
  /** An inline session policy (JSON), e.g. deny-all so a verification session can do nothing. */
  sessionPolicy?: string;
}

export type AssumeRoleOutcome =
  | { ok: true; credentials: SessionCredentials; assumedRoleArn: string }
  | { ok: false; error: StsErrorInfo };

export interface RoleAssumer {
  /**
   * sts:AssumeRole as `as` (a session's credentials), or as the function's own identity when absent.
   * Every STS error comes back as data — AccessDenied, ValidationError, RegionDisabledException and
   * throttling are what verification diagnoses; only non-STS failures (network) throw.
   */
  assumeRole(input: AssumeRoleInput, as?: SessionCredentials): Promise<AssumeRoleOutcome>;
}

/** An S3, Athena or Redshift error a probe met: the finding to diagnose, not a failure of the step. */
export interface ProbeErrorInfo {
  name: string;
  message: string;
  httpStatusCode?: number;
  /** S3: the bucket's region, when the answer names it (a request sent to another region). */
  bucketRegion?: string;
}

export type ProbeCall<T> = { ok: true; value: T } | { ok: false; error: ProbeErrorInfo };

/**
 * The smallest S3, Athena and Redshift calls that exercise a session's real permissions, each as `as` in a region.
 * Every error the service answers with comes back as data; only failures that never reached it throw.
 */
export interface DataProbes {
  /** GetBucketLocation: the bucket's region. */
  bucketRegion(as: SessionCredentials, region: string, bucket: string): Promise<ProbeCall<string>>;
  /** ListObjectsV2 of at most one key under the prefix: that key, if any. */
  firstKey(as: SessionCredentials, region: string, bucket: string, prefix: string): Promise<ProbeCall<string | undefined>>;
  /** GetObject of the first byte only: how the object is encrypted. */
  readFirstByte(as: SessionCredentials, region: string, bucket: string, key: string): Promise<ProbeCall<{ kmsKeyArn?: string }>>;
  /** PutObject of a one-byte marker. */
  writeMarker(as: SessionCredentials, region: string, bucket: string, key: string): Promise<ProbeCall<void>>;
  deleteMarker(as: SessionCredentials, region: string, bucket: string, key: string): Promise<ProbeCall<void>>;
  /** Athena GetWorkGroup: its state. */
  workgroup(as: SessionCredentials, region: string, name: string): Promise<ProbeCall<{ state?: string }>>;
  /** Redshift DescribeClusters of one cluster: its endpoint host. */
  redshiftCluster(as: SessionCredentials, region: string, identifier: string): Promise<ProbeCall<{ endpoint?: string }>>;
  /** Redshift GetClusterCredentials (never auto-creating the user); the credentials are dropped unused. */
  redshiftCredentials(as: SessionCredentials, region: string, identifier: string, dbUser: string, database: string): Promise<ProbeCall<void>>;
  /** Redshift Serverless GetWorkgroup: its endpoint host and ARN. */
  serverlessWorkgroup(as: SessionCredentials, region: string, name: string): Promise<ProbeCall<{ endpoint?: string; arn?: string }>>;
  /** Redshift Serverless GetCredentials; the credentials are dropped unused. */
  serverlessCredentials(as: SessionCredentials, region: string, workgroup: string, database: string): Promise<ProbeCall<void>>;
}

export interface CloudTrailRecord {
  eventId: string;
  eventTime: string;
  eventName: string;
  /** The parsed CloudTrailEvent JSON, as AWS writes it. */
  record: Record<string, unknown>;
}

export interface AssumeRoleEvents {
  /**
   * AssumeRole events recorded in our account whose resource is this role, newest first, within the
   * window: LookupEvents by resource name, 50 a page, at most 2 requests per second, throttling retried.
   */
  lookup(roleArn: string, window: { start: Date; end: Date; maxEvents?: number }): Promise<CloudTrailRecord[]>;
}

/** The state machines an event, the API or the CLI starts. */
export type WorkflowKind = 'onboarding' | 'verification';
/** Every state machine of the stack: a verification run starts one connection verification per connection. */
export type StateMachineKind = WorkflowKind | 'connection-verification';

export interface StartedExecution {
  executionArn: string;
  /** True when an execution of that name already existed (a redelivered event): nothing new started. */
  alreadyStarted: boolean;
}

export interface WorkflowStarter {
  /**
   * StartExecution with a name derived from the tenant and the event (lib/domain/execution-names.ts),
   * so a redelivered event never starts a second execution.
   */
  start(kind: WorkflowKind, name: string, input: unknown): Promise<StartedExecution>;
}

/** Where events that cannot be processed go, with the reason, so nothing is lost. */
export interface DeadLetters {
  send(event: unknown, reason: string): Promise<void>;
}

/** An execution as Step Functions describes it (DescribeExecution / ListExecutions). */
export interface ExecutionDescription {
  executionArn: string;
  name: string;
  kind: StateMachineKind;
  status: string;
  startDate?: string;
  stopDate?: string;
  /** The execution's input, parsed; undefined when only listed. */
  input?: unknown;
}

/**
 * One event of an execution's history as GetExecutionHistory returns it: id, previousEventId, type,
 * timestamp and one `<type>EventDetails` object.
 */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  type: string;
  timestamp: string;
  [details: string]: unknown;
}

/** Reads what Step Functions keeps of executions: for idempotency checks and support's history. */
export interface ExecutionRecords {
  /** The execution of this name, or undefined when there is none. */
  describe(kind: StateMachineKind, name: string): Promise<ExecutionDescription | undefined>;
  /** The executions of every state machine whose input names this tenant, newest first. */
  listForTenant(tenantId: string): Promise<ExecutionDescription[]>;
  /** Every event of one execution, oldest first; undefined for an unknown execution. */
  history(executionArn: string): Promise<HistoryEvent[] | undefined>;
}

/** Sends the workflow's outbound events; an event id already sent is not sent again. */
export interface EventPublisher {
  publish(event: OutboundEvent): Promise<{ sent: boolean }>;
}
