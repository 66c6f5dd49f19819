// The sandbox itself: state of every simulated service, the identities behind access keys, the
// middleware that answers SDK commands in-process, fault injection and the record of calls.
import type { AwsCredentialIdentity, MiddlewareStack } from '@smithy/types';
import type { AwsService, ClientEnvironment, ClientOptions } from '../adapters/aws-clients';
import { EksSimulator, type ClusterDefinition, type ClusterStatus } from './eks';
import { DEFAULT_IAM_QUOTAS, IamSimulator, type IamQuotas, type StoredRole } from './iam';
import { uniqueId } from './ids';
import { formatPath, ScenarioError, type Scenario } from './scenario';
import {
  awsError,
  findErrorSpec,
  nextRequestId,
  responseMetadata,
  SandboxUnsupportedOperation,
  SERVICE_ERRORS,
  type SimulatedService,
} from './service-errors';
import type { CallContext, Principal, ServiceSimulator } from './simulation';
import { SqsSimulator, type MessageAttributeValue } from './sqs';
import { StsSimulator } from './sts';

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

interface Identity {
  principal: Principal;
  credentials: AwsCredentialIdentity;
}

type SdkClient = { middlewareStack: MiddlewareStack<any, any>; config: any };

const DEFAULT_EXECUTION_ROLE = 'tenant-dataplane-onboarding-lambda';
/** Lambda names the execution role's session after the function. */
const EXECUTION_SESSION = 'tenant-dataplane-onboarding';

export class AwsSandbox {
  readonly vendor: Required<SandboxVendor>;
  /** Every SDK command answered, in order. */
  readonly calls: SandboxCall[] = [];
  /** The functions' own identity: a session of the execution role in the vendor account. */
  readonly executionPrincipal: Principal;
  readonly scenarioName: string | undefined;

  private readonly clock: () => number;
  private readonly dynamoEndpoint: string | undefined;
  private readonly identities = new Map<string, Identity>();
  private readonly defaultCredentials: AwsCredentialIdentity;
  private readonly faults: SandboxFault[] = [];
  private readonly iam: IamSimulator;
  private readonly eks = new EksSimulator();
  private readonly sqs = new SqsSimulator();
  private readonly simulators: Partial<Record<SimulatedService, ServiceSimulator>>;

  constructor(options: SandboxOptions, scenarioName?: string) {
    this.vendor = { executionRoleName: DEFAULT_EXECUTION_ROLE, ...options.vendor };
    this.clock = options.now ?? Date.now;
    this.dynamoEndpoint = options.dynamoEndpoint;
    this.scenarioName = scenarioName;
    this.iam = new IamSimulator({ ...DEFAULT_IAM_QUOTAS, ...options.quotas });
    this.simulators = { iam: this.iam, sts: new StsSimulator(), eks: this.eks, sqs: this.sqs };

    const { accountId, executionRoleName } = this.vendor;
    const roleId = uniqueId('AROA', `${accountId}/role/${executionRoleName}/execution`, 17);
    this.executionPrincipal = {
      accountId,
      arn: `arn:aws:sts::${accountId}:assumed-role/${executionRoleName}/${EXECUTION_SESSION}`,
      userId: `${roleId}:${EXECUTION_SESSION}`,
    };
    this.defaultCredentials = this.addIdentity(this.executionPrincipal);
  }

  /** A sandbox holding the scenario's world; throws ScenarioError when IAM would refuse part of it. */
  static fromScenario(scenario: Scenario, options: { dynamoEndpoint?: string; now?: () => number } = {}): AwsSandbox {
    const sandbox = new AwsSandbox({ vendor: scenario.vendor, quotas: scenario.quotas, ...options }, scenario.name);
    const seed = (path: (string | number)[], action: () => void) => {
      try {
        action();
      } catch (error) {
        const e = error as Error;
        throw new ScenarioError(scenario.name, [{ path: formatPath(path), message: `${e.name}: ${e.message}` }]);
      }
    };
    scenario.clusters.forEach((cluster, i) => seed(['clusters', i], () => sandbox.addCluster(cluster)));
    scenario.roles.forEach((role, i) => seed(['roles', i], () => sandbox.addRole(role)));
    for (const fault of scenario.faults) sandbox.injectFault(fault);
    return sandbox;
  }

  /** The sandbox clock, in milliseconds since the epoch. */
  now(): number {
    return this.clock();
  }

  /** ARN of the role the functions run as (not the session). */
  get executionRoleArn(): string {
    return `arn:aws:iam::${this.vendor.accountId}:role/${this.vendor.executionRoleName}`;
  }

  /** The credentials clients get when they are created without any. */
  get credentials(): AwsCredentialIdentity {
    return { ...this.defaultCredentials };
  }

  /** Pass to useClientEnvironment(): clients then talk to this sandbox (and DynamoDB to dynalite). */
  clientEnvironment(): ClientEnvironment {
    return {
      configFor: (service: AwsService, options: ClientOptions) => {
        const config: Record<string, unknown> = {};
        // Credentials a caller passes explicitly (e.g. from an assumed role) are left alone.
        if (!options.credentials) config.credentials = { ...this.defaultCredentials };
        if (service === 'dynamodb' && this.dynamoEndpoint) config.endpoint = this.dynamoEndpoint;
        return config;
      },
      install: (service: AwsService, client: SdkClient) => {
        if (service === 'dynamodb') {
          if (!this.dynamoEndpoint) {
            client.middlewareStack.add(
              () => async () => {
                throw new Error(
                  'DynamoDB is not simulated by the AWS sandbox: start dynalite (startDynalite()) and pass its endpoint as dynamoEndpoint',
                );
              },
              { step: 'initialize', priority: 'high', name: 'awsSandboxNoDynamo', override: true },
            );
          }
          return;
        }
        client.middlewareStack.add(
          (_next: unknown, context: { commandName?: string }) => async (args: { input: unknown }) =>
            this.handle(service, client, context.commandName ?? 'UnknownCommand', args.input),
          { step: 'initialize', priority: 'high', name: 'awsSandbox', override: true },
        );
      },
    };
  }

  /**
   * Credentials for another identity, e.g. `arn:aws:sts::<acct>:assumed-role/<role>/<session>` or
   * `arn:aws:iam::<acct>:user/<name>`: pass them to createAwsClients to call as that identity.
   */
  addPrincipal(arn: string): AwsCredentialIdentity {
    const match = /^arn:aws[a-z-]*:(iam|sts)::(\d{12}):(.+)$/.exec(arn);
    if (!match) throw new Error(`Not an IAM or STS principal ARN: ${arn}`);
    const [, , accountId, resource] = match as unknown as [string, string, string, string];
    const assumed = /^assumed-role\/([^/]+)\/(.+)$/.exec(resource);
    const userId = assumed
      ? `${uniqueId('AROA', `${accountId}/role/${assumed[1]}/principal`, 17)}:${assumed[2]}`
      : resource === 'root'
        ? accountId
        : uniqueId('AIDA', `${accountId}/${resource}`, 17);
    return this.addIdentity({ accountId, arn, userId });
  }

  /** The next `times` calls of the operation fail with that AWS error. */
  injectFault(fault: SandboxFault): void {
    if (!findErrorSpec(fault.service, fault.error)) {
      throw new Error(`The AWS sandbox has no ${SERVICE_ERRORS[fault.service].displayName} error named ${fault.error}`);
    }
    this.faults.push({ ...fault });
  }

  /** Adds an EKS cluster (in the vendor account and region unless told otherwise). */
  addCluster(cluster: NewCluster): void {
    const definition: ClusterDefinition = {
      name: cluster.name,
      accountId: cluster.accountId ?? this.vendor.accountId,
      region: cluster.region ?? this.vendor.region,
      ...(cluster.status !== undefined ? { status: cluster.status } : {}),
      ...(cluster.oidcIssuer !== undefined ? { oidcIssuer: cluster.oidcIssuer } : {}),
      ...(cluster.version !== undefined ? { version: cluster.version } : {}),
    };
    const stored = this.eks.addCluster(definition, this.now());
    if (cluster.oidcProviderExists && stored.oidcIssuer) {
      this.addOidcProvider(stored.oidcIssuer, definition.accountId);
    }
  }

  /** Creates an IAM OIDC provider for an issuer, with audience sts.amazonaws.com; returns its ARN. */
  addOidcProvider(issuerUrl: string, accountId = this.vendor.accountId): string {
    const output = this.invoke('iam', 'CreateOpenIDConnectProvider', { Url: issuerUrl, ClientIDList: ['sts.amazonaws.com'] }, accountId);
    return output.OpenIDConnectProviderArn as string;
  }

  /** Creates a role as CreateRole and PutRolePolicy would (same validation), without recording calls. */
  addRole(role: NewRole, accountId = this.vendor.accountId): SandboxRole {
    this.invoke(
      'iam',
      'CreateRole',
      {
        RoleName: role.name,
        AssumeRolePolicyDocument: JSON.stringify(role.trustPolicy),
        ...(role.path !== undefined ? { Path: role.path } : {}),
        ...(role.description !== undefined ? { Description: role.description } : {}),
        ...(role.maxSessionDuration !== undefined ? { MaxSessionDuration: role.maxSessionDuration } : {}),
        ...(role.permissionsBoundaryArn !== undefined ? { PermissionsBoundary: role.permissionsBoundaryArn } : {}),
        Tags: Object.entries(role.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
      },
      accountId,
    );
    for (const [policyName, document] of Object.entries(role.inlinePolicies ?? {})) {
      this.invoke(
        'iam',
        'PutRolePolicy',
        { RoleName: role.name, PolicyName: policyName, PolicyDocument: JSON.stringify(document) },
        accountId,
      );
    }
    return this.getRole(role.name, accountId)!;
  }

  /** The role as IAM holds it, policies decoded; undefined when there is none (names compare without case). */
  getRole(name: string, accountId = this.vendor.accountId): SandboxRole | undefined {
    const role = this.iam.role(accountId, name);
    return role ? describeRole(role) : undefined;
  }

  listRoles(accountId = this.vendor.accountId): SandboxRole[] {
    return this.iam.roles(accountId).map(describeRole);
  }

  listOidcProviders(accountId = this.vendor.accountId): SandboxOidcProvider[] {
    return this.iam.oidcProviders(accountId).map((p) => ({
      arn: p.arn,
      issuerUrl: `https://${p.url}`,
      clientIds: [...p.clientIds],
      thumbprints: [...p.thumbprints],
      tags: tagRecord(p.tags),
      createDate: new Date(p.createDate),
    }));
  }

  /**
   * Creates a queue (FIFO when the name ends in .fifo) and returns its URL. Extra attributes are
   * SQS's, e.g. { ContentBasedDeduplication: 'true' }.
   */
  createQueue(
    name: string,
    attributes: Record<string, string> = {},
    where: { accountId?: string; region?: string } = {},
  ): string {
    const fifo: Record<string, string> = name.endsWith('.fifo') ? { FifoQueue: 'true' } : {};
    const ctx = this.context(where.accountId ?? this.vendor.accountId, where.region ?? this.vendor.region);
    return this.sqs.createQueue(name, { ...fifo, ...attributes }, ctx).url;
  }

  /** Every message still in the queue (a URL, or a name in the vendor account and region), without receiving it. */
  peekMessages(queue: string): SandboxMessage[] {
    const stored = queue.startsWith('https://')
      ? this.sqs.queueByUrl(queue)
      : this.sqs.queue(this.vendor.accountId, this.vendor.region, queue);
    if (!stored) throw new Error(`The AWS sandbox has no queue ${queue}`);
    const now = this.now();
    return this.sqs.liveMessages(stored, now).map((m) => ({
      messageId: m.messageId,
      body: m.body,
      ...(m.groupId !== undefined ? { groupId: m.groupId } : {}),
      ...(m.deduplicationId !== undefined ? { deduplicationId: m.deduplicationId } : {}),
      ...(m.sequenceNumber !== undefined ? { sequenceNumber: m.sequenceNumber } : {}),
      sentAt: new Date(m.sentAt),
      receiveCount: m.receiveCount,
      inFlight: m.receiveCount > 0 && m.visibleAt > now,
      messageAttributes: structuredClone(m.messageAttributes),
    }));
  }

  /** Calls of one service, optionally of one operation. */
  callsTo(service: SimulatedService, operation?: string): SandboxCall[] {
    return this.calls.filter((c) => c.service === service && (operation === undefined || c.operation === operation));
  }

  clearCalls(): void {
    this.calls.length = 0;
  }

  private addIdentity(principal: Principal): AwsCredentialIdentity {
    const credentials: AwsCredentialIdentity = {
      accessKeyId: uniqueId('ASIA', `access-key/${principal.arn}`, 16),
      secretAccessKey: `sandbox-secret-${uniqueId('', principal.arn, 24)}`,
      sessionToken: `sandbox-session-${uniqueId('', `token/${principal.arn}`, 32)}`,
    };
    this.identities.set(credentials.accessKeyId, { principal, credentials });
    return { ...credentials };
  }

  private context(accountId: string, region: string, principal: Principal = this.executionPrincipal): CallContext {
    return { accountId, region, principal, now: this.now() };
  }

  /** Seeding and inspection run operations directly: no principal check, no faults, no record. */
  private invoke(service: SimulatedService, operation: string, input: unknown, accountId: string): Record<string, unknown> {
    const handler = this.simulators[service]?.operations[operation];
    if (!handler) throw new SandboxUnsupportedOperation(SERVICE_ERRORS[service].displayName, operation);
    return handler(input, this.context(accountId, this.vendor.region));
  }

  private async handle(service: SimulatedService, client: SdkClient, commandName: string, input: unknown) {
    const operation = commandName.replace(/Command$/, '');
    const region: string = await resolve(client.config.region);
    const credentials: AwsCredentialIdentity | undefined = await resolve(client.config.credentials);
    const identity = credentials ? this.identities.get(credentials.accessKeyId) : undefined;
    const call: SandboxCall = {
      service,
      operation,
      accountId: identity?.principal.accountId ?? 'unknown',
      region,
      principal: identity?.principal.arn ?? 'unknown',
      input: copy(input),
      at: this.now(),
    };
    this.calls.push(call);
    try {
      if (!identity) {
        throw awsError(service, service === 'iam' || service === 'sts' || service === 'sqs' ? 'InvalidClientTokenId' : 'UnrecognizedClientException');
      }
      const fault = this.faults.find((f) => f.service === service && f.operation === operation && f.times > 0);
      if (fault) {
        fault.times -= 1;
        throw awsError(service, fault.error, fault.message);
      }
      const handler = this.simulators[service]?.operations[operation];
      if (!handler) throw new SandboxUnsupportedOperation(SERVICE_ERRORS[service].displayName, operation);
      const output = handler(copy(input), this.context(identity.principal.accountId, region, identity.principal));
      return { output: { ...output, $metadata: responseMetadata(200, nextRequestId()) }, response: {} };
    } catch (error) {
      call.error = (error as Error).name;
      throw error;
    }
  }
}

async function resolve<T>(value: T | (() => Promise<T> | T)): Promise<T> {
  return typeof value === 'function' ? await (value as () => Promise<T> | T)() : value;
}

function copy<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

function tagRecord(tags: { Key: string; Value: string }[]): Record<string, string> {
  return Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
}

function describeRole(role: StoredRole): SandboxRole {
  return {
    name: role.name,
    arn: role.arn,
    roleId: role.roleId,
    path: role.path,
    createDate: new Date(role.createDate),
    ...(role.description !== undefined ? { description: role.description } : {}),
    maxSessionDuration: role.maxSessionDuration,
    trustPolicy: JSON.parse(role.trustPolicy),
    inlinePolicies: Object.fromEntries([...role.inlinePolicies].map(([name, doc]) => [name, JSON.parse(doc)])),
    tags: tagRecord(role.tags),
    ...(role.permissionsBoundaryArn !== undefined ? { permissionsBoundaryArn: role.permissionsBoundaryArn } : {}),
  };
}
