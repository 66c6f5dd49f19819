// The sandbox's public shapes: its options, what it shows of roles, OIDC providers, messages and calls,
// the faults it injects, the sessions behind access keys, and its saved state.
import { type ClusterStatus } from './eks';
import { type IamQuotas } from './iam-types';
import { type ScenarioSparkAttempt } from './scenario';
import { type SimulatedService } from './service-errors';
import { type MessageAttributeValue } from './sqs';
import { type RateLimits } from './rate-limits';

export interface SandboxVendor {
  accountId: string;
  region: string;
  /** The role the functions run as; defaults to tenant-dataplane-onboarding-lambda. */
  executionRoleName?: string;
}

export interface SandboxOptions {
  vendor: SandboxVendor;
  quotas?: Partial<IamQuotas>;
  /** Where DynamoDB clients are sent (a dynalite server, see startDynalite); DynamoDB is not simulated. */
  dynamoEndpoint?: string;
  /** Milliseconds since the epoch; inject a controllable clock to step over SQS's deduplication window. */
  now?: () => number;
  /** Seconds before STS sees an IAM change (a new role, a trust or inline policy); 0 by default. */
  iamPropagationSeconds?: number;
  /** Seconds before a CloudTrail record shows in LookupEvents; 0 by default. */
  cloudTrailDelaySeconds?: number;
  /** SCPs and RCPs by account id. */
  organizations?: { scps?: Record<string, unknown[]>; rcps?: Record<string, unknown[]> };
  /** Replaces the execution role's default inline policy (sts:AssumeRole on the vendor's *-dataplane-role). */
  executionRole?: { inlinePolicies?: Record<string, unknown>; permissionsBoundaryArn?: string };
  /** Token buckets per account for IAM writes and STS AssumeRole calls; DEFAULT_RATE_LIMITS for any left out. */
  rateLimits?: Partial<RateLimits>;
  /**
   * Plays the SDK's own retries of a call its token bucket throttled (the sandbox answers before the
   * SDK's retry step, so they never run otherwise): up to `attempts` in all, after the SDK's jittered
   * backoff for throttling (up to 500 ms, then 1 s, ... on the sandbox clock), waited with `sleep`.
   * Off unless given: then a throttled call fails at once, as an injected fault does.
   */
  sdkRetries?: { attempts: number; sleep: (ms: number) => Promise<void> };
}

/** What a role session is, as STS issued it; see sessionFor(). */
export interface SandboxSession {
  arn: string;
  accountId: string;
  roleArn: string;
  roleId: string;
  sessionName: string;
  /** Issued to a caller that was itself a role session: limited to one hour. */
  chained: boolean;
  /** The session policy, decoded. */
  sessionPolicy?: unknown;
  sourceIdentity?: string;
  tags: Record<string, string>;
  issuedAt: Date;
  expiration?: Date;
}

/** A call by a tenant's Spark session, as a scenario lists it. */
export type SparkAttempt = ScenarioSparkAttempt;

export interface SparkAttemptResult {
  attempt: SparkAttempt;
  /** The calling principal: the Spark session's ARN, or the OIDC provider's for a web identity. */
  caller: string;
  ok: boolean;
  /** The session STS issued, on success. */
  assumedRoleArn?: string;
  /** What STS answered, on failure (the SDK's error name, e.g. AccessDenied, InvalidIdentityTokenException). */
  error?: { name: string; message: string };
}

export interface SandboxFault {
  service: SimulatedService;
  /** The API operation, e.g. CreateRole. */
  operation: string;
  /** The AWS error code (Throttling, ConcurrentModification, ...) or the SDK's exception name. */
  error: string;
  /** How many of the next calls fail; later calls go through. */
  times: number;
  /** Overrides AWS's usual message for this error. */
  message?: string;
}

/** One SDK command the sandbox answered. */
export interface SandboxCall {
  service: SimulatedService;
  /** The API operation, e.g. CreateRole. */
  operation: string;
  accountId: string;
  region: string;
  /** ARN of the identity behind the client's access key ("unknown" for a key the sandbox never issued). */
  principal: string;
  /** A copy of the command's input as the SDK passed it. */
  input: unknown;
  /** The AWS error name (as the SDK names it) when the call failed. */
  error?: string;
  at: number;
}

export interface SandboxRole {
  name: string;
  arn: string;
  roleId: string;
  path: string;
  createDate: Date;
  description?: string;
  maxSessionDuration: number;
  /** The trust policy, decoded. */
  trustPolicy: unknown;
  /** Inline policies by name, decoded. */
  inlinePolicies: Record<string, unknown>;
  tags: Record<string, string>;
  permissionsBoundaryArn?: string;
}

export interface SandboxOidcProvider {
  arn: string;
  /** https://... as EKS reports the issuer. */
  issuerUrl: string;
  clientIds: string[];
  thumbprints: string[];
  tags: Record<string, string>;
  createDate: Date;
}

export interface SandboxMessage {
  messageId: string;
  body: string;
  groupId?: string;
  deduplicationId?: string;
  sequenceNumber?: string;
  sentAt: Date;
  receiveCount: number;
  /** Received and not yet visible again. */
  inFlight: boolean;
  messageAttributes: Record<string, MessageAttributeValue>;
}

export interface NewCluster {
  name: string;
  status?: ClusterStatus;
  /** null: a cluster without an OIDC issuer; absent: an issuer derived from the name. */
  oidcIssuer?: string | null;
  /** Creates the cluster's IAM OIDC provider too, as `eksctl utils associate-iam-oidc-provider` does. */
  oidcProviderExists?: boolean;
  /** The EKS Pod Identity Agent add-on is installed (EKS Pod Identity needs it). */
  podIdentityAgent?: boolean;
  version?: string;
  region?: string;
  accountId?: string;
}

export interface NewRole {
  name: string;
  trustPolicy: unknown;
  path?: string;
  description?: string;
  tags?: Record<string, string>;
  permissionsBoundaryArn?: string;
  inlinePolicies?: Record<string, unknown>;
  maxSessionDuration?: number;
}

/** What exportState() returns: plain data but for Maps, Sets and Dates (see state-codec). */
export interface SandboxState {
  iam: unknown;
  eks: unknown;
  sqs: unknown;
  cloudTrail: unknown;
  identities: unknown;
  faults: unknown[];
  customerAttempts: Record<string, number>;
  otherAttempts: unknown;
  stsDisabledRegions: unknown;
  /** Absent in a state saved before rate limits were modelled: the buckets then start full. */
  rateLimits?: unknown;
  /** Absent in a state saved before outbound events: no bus, nothing sent. */
  eventBridge?: unknown;
  /** Absent in a state saved before S3, KMS and Athena were simulated: the scenario's buckets, keys and workgroups stay. */
  s3?: unknown;
  kms?: unknown;
  athena?: unknown;
  /** Absent in a state saved before Redshift was simulated: the scenario's clusters and workgroups stay. */
  redshift?: unknown;
  redshiftServerless?: unknown;
}
