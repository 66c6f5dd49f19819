// The sandbox itself: state of every simulated service, the identities behind access keys, the
// middleware that answers SDK commands in-process, fault injection and the record of calls; the
// customers' side of a scenario (their accounts, and the changes they make after N attempts) and the
// tenants' Spark dataplanes, whose calls land in the same CloudTrail as ours.
//
// Why one file of this size: AwsSandbox is the one object the local runner and the tests hold, and
// its methods (set up from a scenario, inspect, inject faults, save and restore, answer SDK commands)
// share its private state. What each service does is in its own simulator (iam.ts, sts.ts, eks.ts,
// sqs.ts, cloudtrail.ts, s3.ts with kms.ts, athena.ts, redshift.ts); the customers' accounts and scheduled changes in customer-accounts.ts; the
// public shapes in types.ts; the resources calls act on in call-resources.ts.
import type { AwsCredentialIdentity } from '@smithy/types';
import type { AwsService, ClientEnvironment, ClientOptions } from '../adapters/aws-clients';
import type { SdkClient } from '../adapters/aws-client-factory';
import { AthenaSimulator, type WorkgroupDefinition } from './athena';
import { checkResourcePolicy, sessionPolicyRefusal, type AuthorizationWorld, type OrganizationPolicies } from './authorization';
import { CloudTrailSimulator } from './cloudtrail';
import type { StoredAssociation } from './eks';
import { EventBridgeSimulator, type SentEvent } from './eventbridge';
import { EksSimulator, type ClusterDefinition } from './eks';
import { DEFAULT_IAM_QUOTAS, type StoredRole } from './iam-types';
import { IamSimulator } from './iam';
import { Identities } from './identities';
import { KmsKeys, type KmsKeyDefinition } from './kms';
import {
  RedshiftServerlessSimulator,
  RedshiftSimulator,
  serverlessWorkgroupArn,
  type RedshiftClusterDefinition,
  type RedshiftServerlessWorkgroupDefinition,
} from './redshift';
import { readBody, S3Simulator, type BucketDefinition, type SandboxObject } from './s3';
import { uniqueId } from './ids';
import {
  formatPath,
  ScenarioError,
  type Scenario,
  type ScenarioChange,
  type ScenarioConnection,
} from './scenario';
import {
  AUTHORIZATION_ERRORS,
  awsError,
  findErrorSpec,
  nextRequestId,
  responseMetadata,
  s3RequestIdOf,
  SandboxUnsupportedOperation,
  SERVICE_ERRORS,
  type SimulatedService,
} from './service-errors';
import type { CallContext, Principal, ServiceSimulator } from './simulation';
import { SqsSimulator } from './sqs';
import { StsSimulator } from './sts';
import { makeWebIdentityToken } from './web-identity-tokens';
import { CustomerAccounts } from './customer-accounts';
import { AccountRateLimits, DEFAULT_RATE_LIMITS, type RateLimits, type RateLimitsState } from './rate-limits';
import { ANONYMOUS, checkOrganizationPolicies, copy, describeRole, resolve, resourceOf, roleAccountOf, tagRecord, userAgentOf } from './call-resources';
import type { NewCluster, NewRole, SandboxCall, SandboxFault, SandboxMessage, SandboxOidcProvider, SandboxOptions, SandboxRole, SandboxSession, SandboxState, SandboxVendor, SparkAttempt, SparkAttemptResult } from './types';

const DEFAULT_EXECUTION_ROLE = 'tenant-dataplane-onboarding-lambda';
/** Lambda names the execution role's session after the function. */
const EXECUTION_SESSION = 'tenant-dataplane-onboarding';
export const EXECUTION_POLICY_NAME = 'assume-dataplane-roles';
/** The stack's role for the pinned-principal check: ours, not a dataplane role, able only to assume customers' roles. */
const TRUST_PROBE_ROLE = 'tenant-dataplane-onboarding-trust-probe';
const LAMBDA_TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
// Spark on EKS reaches STS through a NAT gateway, with the AWS SDK for Java that hadoop-aws uses.
const SPARK_SOURCE_IP = '203.0.113.24';
const SPARK_USER_AGENT =
  'aws-sdk-java/2.25.53 Linux/5.10.219-208.866.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.11+9 Java/17.0.11 scala/2.12.18 vendor/Eclipse_Adoptium io/sync http/Apache cfg/retry-mode/legacy';
const LAMBDA_SOURCE_IP = '198.51.100.10';
/**
 * In AWS each Lambda instance has its own sockets; locally every function shares one DynamoDB client,
 * so its pool (the SDK's default is 50) is sized for a burst of a thousand executions at once.
 */
const DYNALITE_SOCKETS = 1024;
/** The SDK's base delay before retrying a throttled call (THROTTLING_RETRY_DELAY_BASE), doubled each time. */
const SDK_THROTTLING_BACKOFF_MS = 500;


export class AwsSandbox {
  readonly vendor: Required<SandboxVendor>;
  /** Every SDK command answered, in order. */
  readonly calls: SandboxCall[] = [];
  /** The functions' own identity: a session of the execution role in the vendor account. */
  readonly executionPrincipal: Principal;
  readonly scenarioName: string | undefined;

  /** Seconds before STS sees an IAM change. */
  readonly iamPropagationSeconds: number;
  /** Seconds before a CloudTrail record shows in LookupEvents. */
  readonly cloudTrailDelaySeconds: number;
  /** The scenario's connections to verify. */
  readonly connections: ScenarioConnection[] = [];
  /** The scenario's Spark attempts; simulateSparkAttempts() runs them. */
  readonly sparkAttempts: SparkAttempt[] = [];

  private readonly clock: () => number;
  private readonly dynamoEndpoint: string | undefined;
  private readonly identities = new Identities();
  private readonly defaultCredentials: AwsCredentialIdentity;
  private readonly faults: SandboxFault[] = [];
  private readonly iam: IamSimulator;
  private readonly eks = new EksSimulator();
  private readonly sqs = new SqsSimulator();
  private readonly cloudTrail: CloudTrailSimulator;
  private readonly eventBridge = new EventBridgeSimulator();
  private readonly kms = new KmsKeys(() => this.authorizationWorld());
  private readonly s3 = new S3Simulator(() => this.authorizationWorld(), this.kms);
  private readonly athena = new AthenaSimulator(() => this.authorizationWorld());
  private readonly redshift = new RedshiftSimulator(() => this.authorizationWorld());
  private readonly redshiftServerless = new RedshiftServerlessSimulator(() => this.authorizationWorld());
  private readonly organizations: OrganizationPolicies;
  private readonly customers = new CustomerAccounts((accountId, change) => this.applyChange(accountId, change));
  private readonly simulators: Partial<Record<SimulatedService, ServiceSimulator>>;
  private readonly rateLimits: AccountRateLimits;
  private readonly sdkRetries: SandboxOptions['sdkRetries'];
  /** Told after every call answered and every change made from outside: a persisting owner saves then. */
  onChange: (() => void) | undefined;

  constructor(options: SandboxOptions, scenarioName?: string) {
    this.vendor = { executionRoleName: DEFAULT_EXECUTION_ROLE, ...options.vendor };
    this.clock = options.now ?? Date.now;
    this.dynamoEndpoint = options.dynamoEndpoint;
    this.scenarioName = scenarioName;
    this.iamPropagationSeconds = options.iamPropagationSeconds ?? 0;
    this.cloudTrailDelaySeconds = options.cloudTrailDelaySeconds ?? 0;
    this.organizations = { scps: { ...options.organizations?.scps }, rcps: { ...options.organizations?.rcps } };
    this.iam = new IamSimulator({ ...DEFAULT_IAM_QUOTAS, ...options.quotas });
    this.rateLimits = new AccountRateLimits({ ...DEFAULT_RATE_LIMITS, ...options.rateLimits });
    this.sdkRetries = options.sdkRetries;
    this.cloudTrail = new CloudTrailSimulator(() => this.cloudTrailDelaySeconds * 1000);
    const sts = new StsSimulator({
      iam: this.iam,
      identities: this.identities,
      cloudTrail: this.cloudTrail,
      authorization: () => this.authorizationWorld(),
      stsDisabled: (accountId, region) => this.customers.stsDisabled(accountId, region),
      attempted: (accountId) => this.customers.attempted(accountId),
    });
    this.simulators = {
      iam: this.iam,
      sts,
      eks: this.eks,
      sqs: this.sqs,
      cloudtrail: this.cloudTrail,
      events: this.eventBridge,
      s3: this.s3,
      athena: this.athena,
      redshift: this.redshift,
      'redshift-serverless': this.redshiftServerless,
    };

    const { accountId, executionRoleName } = this.vendor;
    const role = this.createExecutionRole(options.executionRole);
    this.createTrustProbeRole();
    this.executionPrincipal = {
      accountId,
      arn: `arn:aws:sts::${accountId}:assumed-role/${executionRoleName}/${EXECUTION_SESSION}`,
      userId: `${role.roleId}:${EXECUTION_SESSION}`,
      session: {
        roleArn: role.arn,
        roleName: role.name,
        roleId: role.roleId,
        sessionName: EXECUTION_SESSION,
        chained: false,
        issuedAt: this.now(),
        tags: {},
      },
    };
    this.defaultCredentials = this.identities.add(this.executionPrincipal);
  }

  /** A sandbox holding the scenario's world; throws ScenarioError when IAM would refuse part of it. */
  static fromScenario(scenario: Scenario, options: Pick<SandboxOptions, 'dynamoEndpoint' | 'now' | 'sdkRetries'> = {}): AwsSandbox {
    const seed = (path: (string | number)[], action: () => void) => {
      try {
        action();
      } catch (error) {
        const e = error as Error;
        throw new ScenarioError(scenario.name, [{ path: formatPath(path), message: `${e.name}: ${e.message}` }]);
      }
    };
    const executionRoleName = scenario.vendor.executionRoleName ?? DEFAULT_EXECUTION_ROLE;
    scenario.roles.forEach((role, i) => {
      if (role.name.toLowerCase() === executionRoleName.toLowerCase()) {
        throw new ScenarioError(scenario.name, [
          { path: formatPath(['roles', i, 'name']), message: "is the functions' execution role, which the sandbox creates itself; change its policies with executionRole" },
        ]);
      }
      if (role.name.toLowerCase() === TRUST_PROBE_ROLE) {
        throw new ScenarioError(scenario.name, [
          { path: formatPath(['roles', i, 'name']), message: "is the stack's trust probe role, which the sandbox creates itself" },
        ]);
      }
    });
    let sandbox: AwsSandbox | undefined;
    seed(['executionRole'], () => {
      sandbox = new AwsSandbox(
        {
          vendor: scenario.vendor,
          quotas: scenario.quotas,
          iamPropagationSeconds: scenario.iamPropagationSeconds ?? 0,
          cloudTrailDelaySeconds: scenario.cloudTrailDelaySeconds ?? 0,
          ...(scenario.rateLimits ? { rateLimits: scenario.rateLimits } : {}),
          ...(scenario.organizations ? { organizations: scenario.organizations } : {}),
          ...(scenario.executionRole ? { executionRole: scenario.executionRole } : {}),
          ...options,
        },
        scenario.name,
      );
    });
    const world = sandbox!;
    for (const [arn, document] of Object.entries(scenario.managedPolicies ?? {})) {
      seed(['managedPolicies', arn], () => world.putManagedPolicy(arn, document));
    }
    scenario.clusters.forEach((cluster, i) => seed(['clusters', i], () => world.addCluster(cluster)));
    scenario.roles.forEach((role, i) => seed(['roles', i], () => world.addRole(role)));
    (scenario.customers ?? []).forEach((customer, i) => {
      customer.roles.forEach((role, j) => seed(['customers', i, 'roles', j], () => world.addRole(role, customer.accountId)));
      world.customers.add(customer, i);
      customer.kmsKeys.forEach((key, j) => seed(['customers', i, 'kmsKeys', j], () => world.addKmsKey(key, customer.accountId)));
      customer.buckets.forEach((bucket, j) => seed(['customers', i, 'buckets', j], () => world.addBucket(bucket, customer.accountId)));
      customer.athenaWorkgroups.forEach((workgroup, j) =>
        seed(['customers', i, 'athenaWorkgroups', j], () => world.addAthenaWorkgroup(workgroup, customer.accountId)),
      );
      customer.redshiftClusters.forEach((cluster, j) =>
        seed(['customers', i, 'redshiftClusters', j], () => world.addRedshiftCluster(cluster, customer.accountId)),
      );
      customer.redshiftServerlessWorkgroups.forEach((workgroup, j) =>
        seed(['customers', i, 'redshiftServerlessWorkgroups', j], () => world.addRedshiftServerlessWorkgroup(workgroup, customer.accountId)),
      );
    });
    for (const kind of ['scps', 'rcps'] as const) {
      for (const [accountId, documents] of Object.entries(scenario.organizations?.[kind] ?? {})) {
        seed(['organizations', kind, accountId], () => checkOrganizationPolicies(documents, kind === 'scps' ? 'scp' : 'rcp', accountId));
      }
    }
    for (const fault of scenario.faults) world.injectFault(fault);
    world.connections.push(...(scenario.connections ?? []).map((c) => structuredClone(c)));
    world.sparkAttempts.push(...(scenario.sparkAttempts ?? []).map((a) => structuredClone(a)));
    // The world a scenario describes exists already: none of it is still propagating.
    world.iam.settle();
    return world;
  }

  /** The sandbox clock, in milliseconds since the epoch. */
  now(): number {
    return this.clock();
  }

  /** ARN of the role the functions run as (not the session). */
  get executionRoleArn(): string {
    return `arn:aws:iam::${this.vendor.accountId}:role/${this.vendor.executionRoleName}`;
  }

  /** ARN of the stack's trust probe role (the pinned-principal check assumes customers' roles from it). */
  get trustProbeRoleArn(): string {
    return `arn:aws:iam::${this.vendor.accountId}:role/${TRUST_PROBE_ROLE}`;
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
        if (service === 'dynamodb' && this.dynamoEndpoint) {
          config.endpoint = this.dynamoEndpoint;
          config.requestHandler = { httpAgent: { keepAlive: true, maxSockets: DYNALITE_SOCKETS } };
        }
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
    if (assumed) return this.identities.add(this.sessionPrincipal(accountId, assumed[1]!, assumed[2]!));
    const userId = resource === 'root' ? accountId : uniqueId('AIDA', `${accountId}/${resource}`, 17);
    return this.identities.add({ accountId, arn, userId });
  }

  /** The session behind credentials STS issued (or addPrincipal made); undefined for other keys. */
  sessionFor(accessKeyId: string): SandboxSession | undefined {
    const principal = this.identities.get(accessKeyId)?.principal;
    const session = principal?.session;
    if (!principal || !session) return undefined;
    return {
      arn: principal.arn,
      accountId: principal.accountId,
      roleArn: session.roleArn,
      roleId: session.roleId,
      sessionName: session.sessionName,
      chained: session.chained,
      ...(session.policy !== undefined ? { sessionPolicy: JSON.parse(session.policy) } : {}),
      ...(session.sourceIdentity !== undefined ? { sourceIdentity: session.sourceIdentity } : {}),
      tags: { ...session.tags },
      issuedAt: new Date(session.issuedAt),
      ...(session.expiresAt !== undefined ? { expiration: new Date(session.expiresAt) } : {}),
    };
  }

  /** Registers a customer-managed policy, e.g. the document a permissions boundary ARN points at. */
  putManagedPolicy(arn: string, document: unknown): void {
    this.iam.putManagedPolicy(arn, JSON.stringify(document));
  }

  /** Switches STS off in a region of an account: AssumeRole into its roles there is RegionDisabledException. */
  disableSts(accountId: string, region: string): void {
    this.customers.disableSts(accountId, region);
  }

  /** How many AssumeRole calls targeted a role in the account so far (what a scenario's changes count). */
  assumeRoleAttempts(accountId: string): number {
    return this.customers.attempts(accountId);
  }

  /**
   * CloudTrail records of an account (the vendor's unless told), in one region or all, oldest first,
   * whether or not LookupEvents shows them yet. Each is the CloudTrailEvent JSON, parsed.
   */
  cloudTrailRecords(accountId = this.vendor.accountId, region?: string): Record<string, any>[] {
    return this.cloudTrail.records(accountId, region);
  }

  /** A web identity token as EKS projects it into a pod of the cluster (IRSA), valid for 24 hours. */
  webIdentityToken(token: { cluster?: string; issuer?: string; subject: string; audience?: string }): string {
    return makeWebIdentityToken({
      issuer: this.issuerOf(token),
      subject: token.subject,
      ...(token.audience !== undefined ? { audience: token.audience } : {}),
      issuedAt: Math.floor(this.now() / 1000),
    });
  }

  /**
   * Runs calls of the tenants' real Spark sessions (the scenario's sparkAttempts unless others are
   * given): AssumeRole as a session of <tenant>-dataplane-role, or AssumeRoleWithWebIdentity into it
   * with a pod's token. They reach STS as ours do, land in CloudTrail and count as attempts against
   * the customer's account, but are not SDK calls of this process, so they are not in `calls`.
   */
  simulateSparkAttempts(attempts: SparkAttempt[] = this.sparkAttempts): SparkAttemptResult[] {
    const sts = this.simulators.sts!;
    return attempts.map((attempt) => {
      const now = this.now();
      const sessionName = attempt.sessionName ?? `spark-${Math.floor(now / 1000)}`;
      const roleName = `${attempt.tenant}-dataplane-role`;
      const { accountId, region } = this.vendor;
      const base = { accountId, region, now, requestId: nextRequestId(), userAgent: SPARK_USER_AGENT, sourceIpAddress: SPARK_SOURCE_IP };
      let caller: string;
      let run: () => Record<string, unknown>;
      if (attempt.action === 'AssumeRole') {
        const principal = this.sessionPrincipal(accountId, roleName, sessionName);
        const credentials = this.identities.add(principal);
        caller = principal.arn;
        const input = {
          RoleArn: attempt.roleArn,
          RoleSessionName: sessionName,
          ...(attempt.externalId !== undefined ? { ExternalId: attempt.externalId } : {}),
          ...(attempt.durationSeconds !== undefined ? { DurationSeconds: attempt.durationSeconds } : {}),
        };
        run = () => sts.operations.AssumeRole!(input, { ...base, principal, accessKeyId: credentials.accessKeyId });
      } else {
        const issuer = this.issuerOf(attempt);
        caller = `arn:aws:iam::${accountId}:oidc-provider/${issuer.replace(/^https:\/\//, '')}`;
        const input = {
          RoleArn: this.iam.role(accountId, roleName)?.arn ?? `arn:aws:iam::${accountId}:role/${roleName}`,
          RoleSessionName: sessionName,
          WebIdentityToken: makeWebIdentityToken({
            issuer,
            subject: attempt.subject,
            ...(attempt.audience !== undefined ? { audience: attempt.audience } : {}),
            issuedAt: Math.floor(now / 1000),
          }),
        };
        run = () => sts.operations.AssumeRoleWithWebIdentity!(input, { ...base, principal: ANONYMOUS });
      }
      try {
        const output = run() as { AssumedRoleUser?: { Arn?: string } };
        return { attempt, caller, ok: true, ...(output.AssumedRoleUser?.Arn ? { assumedRoleArn: output.AssumedRoleUser.Arn } : {}) };
      } catch (error) {
        const e = error as Error;
        if (!('$metadata' in e)) throw error;
        return { attempt, caller, ok: false, error: { name: e.name, message: e.message } };
      }
    });
  }

  /**
   * Everything the simulated services hold (IAM, STS's issued sessions, EKS, SQS, CloudTrail) and the
   * customers' progress through their scheduled changes, as plain data for state-codec's encodeState.
   * The record of calls is left out: it is for tests, and grows with every call.
   */
  exportState(): SandboxState {
    return {
      iam: this.iam.exportState(),
      eks: this.eks.exportState(),
      sqs: this.sqs.exportState(),
      cloudTrail: this.cloudTrail.exportState(),
      identities: this.identities.exportState(),
      faults: this.faults,
      ...this.customers.exportState(),
      rateLimits: this.rateLimits.exportState(),
      eventBridge: this.eventBridge.exportState(),
      s3: this.s3.exportState(),
      kms: this.kms.exportState(),
      athena: this.athena.exportState(),
      redshift: this.redshift.exportState(),
      redshiftServerless: this.redshiftServerless.exportState(),
    };
  }

  /** Puts back what exportState() gave (decoded), over a sandbox made from the same scenario. */
  importState(state: SandboxState): void {
    this.iam.importState(state.iam as Parameters<IamSimulator['importState']>[0]);
    this.eks.importState(state.eks as Parameters<EksSimulator['importState']>[0]);
    this.sqs.importState(state.sqs as Parameters<SqsSimulator['importState']>[0]);
    this.cloudTrail.importState(state.cloudTrail as Parameters<CloudTrailSimulator['importState']>[0]);
    this.identities.importState(state.identities as Parameters<Identities['importState']>[0]);
    this.faults.splice(0, this.faults.length, ...(state.faults as SandboxFault[]));
    this.customers.importState(state);
    this.rateLimits.importState(state.rateLimits as RateLimitsState | undefined);
    this.eventBridge.importState(state.eventBridge as Parameters<EventBridgeSimulator['importState']>[0]);
    this.s3.importState(state.s3 as Parameters<S3Simulator['importState']>[0]);
    this.kms.importState(state.kms as Parameters<KmsKeys['importState']>[0]);
    this.athena.importState(state.athena as Parameters<AthenaSimulator['importState']>[0]);
    this.redshift.importState(state.redshift as Parameters<RedshiftSimulator['importState']>[0]);
    this.redshiftServerless.importState(state.redshiftServerless as Parameters<RedshiftServerlessSimulator['importState']>[0]);
  }

  /**
   * Creates a KMS key in an account (the vendor's unless told), with the default key policy unless one
   * is given; `id` is the key id (a UUID). Returns the key ARN.
   */
  addKmsKey(key: Omit<KmsKeyDefinition, 'accountId'>, accountId = this.vendor.accountId): string {
    if (key.policy !== undefined) checkResourcePolicy(key.policy, accountId);
    const stored = this.kms.add({ ...key, accountId });
    this.onChange?.();
    return stored.arn;
  }

  /**
   * Creates an S3 bucket in an account (the vendor's unless told) with its objects, bucket policy and
   * default SSE-KMS key (a key id or ARN of that account and region, see addKmsKey).
   */
  addBucket(bucket: Omit<BucketDefinition, 'accountId'>, accountId = this.vendor.accountId): void {
    if (bucket.policy !== undefined) checkResourcePolicy(bucket.policy, accountId);
    this.s3.addBucket({ ...bucket, accountId }, this.now());
    this.onChange?.();
  }

  /** Creates an Athena workgroup in an account (the vendor's unless told). */
  addAthenaWorkgroup(workgroup: Omit<WorkgroupDefinition, 'accountId'>, accountId = this.vendor.accountId): void {
    this.athena.addWorkgroup({ ...workgroup, accountId }, this.now());
    this.onChange?.();
  }

  /**
   * Creates a Redshift provisioned cluster in an account (the vendor's unless told): databases ["dev"],
   * no database users, status available and an endpoint derived from the identifier unless given.
   * Returns its endpoint address.
   */
  addRedshiftCluster(cluster: Omit<RedshiftClusterDefinition, 'accountId'>, accountId = this.vendor.accountId): string {
    const stored = this.redshift.addCluster({ ...cluster, accountId }, this.now());
    this.onChange?.();
    return stored.endpoint;
  }

  /**
   * Creates a Redshift Serverless workgroup in an account (the vendor's unless told): its id derived from
   * the name, namespace <name>-ns, databases ["dev"] and the usual endpoint unless given. Returns its ARN.
   */
  addRedshiftServerlessWorkgroup(workgroup: Omit<RedshiftServerlessWorkgroupDefinition, 'accountId'>, accountId = this.vendor.accountId): string {
    const stored = this.redshiftServerless.addWorkgroup({ ...workgroup, accountId }, this.now());
    this.onChange?.();
    return serverlessWorkgroupArn(stored.accountId, stored.region, stored.workgroupId);
  }

  /** The objects a bucket holds now, in key order (kmsKeyId: the id of the SSE-KMS key; absent for SSE-S3). */
  bucketObjects(bucketName: string): SandboxObject[] {
    return this.s3.objects(bucketName);
  }

  /** Creates an EventBridge bus in the vendor account (the region is the caller's). */
  createEventBus(name: string, region: string, accountId = this.vendor.accountId): void {
    this.eventBridge.createBus(accountId, region, name);
  }

  /** What was put on an EventBridge bus (or on any), in order, with the ids and times EventBridge gave. */
  sentEvents(busName?: string): SentEvent[] {
    return this.eventBridge.sentEvents(busName);
  }

  /**
   * The customer changes their role's trust policy, as UpdateAssumeRolePolicy in their account does
   * (same validation and errors; not one of our calls, so not recorded).
   */
  updateTrustPolicy(roleName: string, trustPolicy: Record<string, unknown>, accountId: string): SandboxRole {
    this.applyChange(accountId, { afterAttempts: 0, role: roleName, trustPolicy });
    this.onChange?.();
    return this.getRole(roleName, accountId)!;
  }

  /** The customer deletes their role (its inline policies first, as IAM requires). */
  deleteRole(roleName: string, accountId: string): void {
    this.applyChange(accountId, { afterAttempts: 0, role: roleName, delete: true });
    this.onChange?.();
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
      ...(cluster.podIdentityAgent ? { podIdentityAgent: true } : {}),
    };
    const stored = this.eks.addCluster(definition, this.now());
    if (cluster.oidcProviderExists && stored.oidcIssuer) {
      this.addOidcProvider(stored.oidcIssuer, definition.accountId);
    }
  }

  /** A cluster's OIDC issuer URL, as DescribeCluster gives it (undefined for a cluster without one). */
  clusterIssuer(clusterName: string, accountId = this.vendor.accountId, region = this.vendor.region): string | undefined {
    return this.eks.cluster(accountId, region, clusterName)?.oidcIssuer;
  }

  /** A cluster's pod identity associations, as EKS holds them. */
  podIdentityAssociations(clusterName: string, accountId = this.vendor.accountId, region = this.vendor.region): StoredAssociation[] {
    return structuredClone(this.eks.cluster(accountId, region, clusterName)?.associations ?? []);
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
    this.onChange?.();
    return this.getRole(role.name, accountId)!;
  }

  /** The role as IAM holds it, policies decoded; undefined when there is none (names compare without case). */
  getRole(name: string, accountId = this.vendor.accountId): SandboxRole | undefined {
    const role = this.iam.role(accountId, name);
    return role ? describeRole(role, this.iam.trustPolicyAsShown(role)) : undefined;
  }

  listRoles(accountId = this.vendor.accountId): SandboxRole[] {
    return this.iam.roles(accountId).map((role) => describeRole(role, this.iam.trustPolicyAsShown(role)));
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

  /** The rate limits in force (the scenario's, or the defaults for those it leaves out). */
  get rateLimitsInForce(): RateLimits {
    return structuredClone(this.rateLimits.limits);
  }

  /** Calls of one service, optionally of one operation. */
  callsTo(service: SimulatedService, operation?: string): SandboxCall[] {
    return this.calls.filter((c) => c.service === service && (operation === undefined || c.operation === operation));
  }

  clearCalls(): void {
    this.calls.length = 0;
  }

  /** A session of a role, tied to the role's current id when the role exists. */
  private sessionPrincipal(accountId: string, roleName: string, sessionName: string): Principal {
    const role = this.iam.role(accountId, roleName);
    const roleId = role?.roleId ?? uniqueId('AROA', `${accountId}/role/${roleName}/principal`, 17);
    return {
      accountId,
      arn: `arn:aws:sts::${accountId}:assumed-role/${role?.name ?? roleName}/${sessionName}`,
      userId: `${roleId}:${sessionName}`,
      session: {
        roleArn: role?.arn ?? `arn:aws:iam::${accountId}:role/${roleName}`,
        roleName: role?.name ?? roleName,
        roleId,
        sessionName,
        chained: false,
        issuedAt: this.now(),
        tags: {},
      },
    };
  }

  private createExecutionRole(override: SandboxOptions['executionRole']): StoredRole {
    const { accountId, executionRoleName } = this.vendor;
    const inlinePolicies = override?.inlinePolicies ?? {
      [EXECUTION_POLICY_NAME]: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AssumeTenantDataplaneRoles',
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Resource: `arn:aws:iam::${accountId}:role/*-dataplane-role`,
          },
          { Sid: 'AssumeTheTrustProbeRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: this.trustProbeRoleArn },
        ],
      },
    };
    this.addRole({
      name: executionRoleName,
      trustPolicy: LAMBDA_TRUST,
      description: 'Execution role of the tenant dataplane onboarding functions',
      inlinePolicies,
      ...(override?.permissionsBoundaryArn ? { permissionsBoundaryArn: override.permissionsBoundaryArn } : {}),
    });
    const role = this.iam.role(accountId, executionRoleName)!;
    role.quotaExempt = true;
    this.iam.settle();
    return role;
  }

  /**
   * As the stack's TrustProbeRole: trusts the execution role (the verifier), and may assume roles of
   * other accounts only — the dataplane roles' own limits.
   */
  private createTrustProbeRole(): void {
    const { accountId } = this.vendor;
    this.addRole({
      name: TRUST_PROBE_ROLE,
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: this.executionRoleArn }, Action: 'sts:AssumeRole' }],
      },
      description: "Pinned-principal check: a role of ours that is not a tenant's dataplane role",
      inlinePolicies: {
        'assume-customer-roles-only': {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'AssumeCustomerTargetRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/*' },
            { Sid: 'NoRoleOfThisAccount', Effect: 'Deny', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${accountId}:role/*` },
          ],
        },
      },
    });
    const role = this.iam.role(accountId, TRUST_PROBE_ROLE)!;
    role.quotaExempt = true;
    this.iam.settle();
  }

  private applyChange(accountId: string, change: ScenarioChange): void {
    if (change.trustPolicy !== undefined) {
      this.invoke('iam', 'UpdateAssumeRolePolicy', { RoleName: change.role, PolicyDocument: JSON.stringify(change.trustPolicy) }, accountId);
    } else if (change.delete) {
      const role = this.iam.role(accountId, change.role);
      for (const policyName of role?.inlinePolicies.keys() ?? []) {
        this.invoke('iam', 'DeleteRolePolicy', { RoleName: change.role, PolicyName: policyName }, accountId);
      }
      this.invoke('iam', 'DeleteRole', { RoleName: change.role }, accountId);
    } else if (change.create !== undefined) {
      this.addRole({ ...change.create, name: change.role }, accountId);
    }
  }

  private authorizationWorld(): AuthorizationWorld {
    return { iam: this.iam, organizations: this.organizations, propagationMs: this.iamPropagationSeconds * 1000 };
  }

  private issuerOf(source: { cluster?: string; issuer?: string }): string {
    if (source.issuer !== undefined) return source.issuer;
    const cluster = source.cluster !== undefined ? this.eks.cluster(this.vendor.accountId, this.vendor.region, source.cluster) : undefined;
    if (!cluster?.oidcIssuer) {
      throw new Error(`The AWS sandbox has no cluster ${String(source.cluster)} with an OIDC issuer in ${this.vendor.region} to issue a web identity token`);
    }
    return cluster.oidcIssuer;
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
    // A web identity token is the credential of AssumeRoleWithWebIdentity: the request is not signed.
    const unsigned = service === 'sts' && operation === 'AssumeRoleWithWebIdentity';
    const credentials: AwsCredentialIdentity | undefined = unsigned ? undefined : await resolve(client.config.credentials);
    const identity = credentials ? this.identities.get(credentials.accessKeyId) : undefined;
    const now = this.now();
    let call: SandboxCall = {
      service,
      operation,
      accountId: identity?.principal.accountId ?? (unsigned ? roleAccountOf(input) : 'unknown'),
      region,
      principal: identity?.principal.arn ?? (unsigned ? 'anonymous' : 'unknown'),
      input: copy(input),
      at: now,
    };
    this.calls.push(call);
    try {
      if (!identity && !unsigned) throw awsError(service, AUTHORIZATION_ERRORS[service].invalidToken);
      const principal = identity?.principal ?? ANONYMOUS;
      if (identity) this.authorizeCall(service, operation, input, principal, region, now);
      const fault = this.faults.find((f) => f.service === service && f.operation === operation && f.times > 0);
      if (fault) {
        fault.times -= 1;
        throw awsError(service, fault.error, fault.message);
      }
      // A throttled call takes no token: only calls AWS answers count against the rate.
      for (let attempt = 1; !this.rateLimits.take(service, operation, call.accountId, this.now()); attempt += 1) {
        if (attempt >= (this.sdkRetries?.attempts ?? 1)) throw awsError(service, 'Throttling');
        // Each attempt is a request AWS answered: this one throttled, the next one recorded as it goes out.
        call.error = 'Throttling';
        await this.sdkRetries!.sleep(Math.random() * SDK_THROTTLING_BACKOFF_MS * 2 ** (attempt - 1));
        call = { service: call.service, operation, accountId: call.accountId, region, principal: call.principal, input: copy(input), at: this.now() };
        this.calls.push(call);
      }
      const handler = this.simulators[service]?.operations[operation];
      if (!handler) throw new SandboxUnsupportedOperation(SERVICE_ERRORS[service].displayName, operation);
      const requestId = nextRequestId();
      const ctx: CallContext = {
        accountId: principal.accountId,
        region,
        principal,
        now: this.now(),
        requestId,
        userAgent: await userAgentOf(client),
        sourceIpAddress: LAMBDA_SOURCE_IP,
        ...(credentials && identity ? { accessKeyId: credentials.accessKeyId } : {}),
      };
      // S3 reads a PutObject body from the stream the caller gave, before the request goes out.
      const given = service === 's3' && operation === 'PutObject' ? { ...(input as object), Body: await readBody((input as { Body?: unknown }).Body) } : input;
      let output: Record<string, unknown>;
      try {
        output = handler(copy(given), ctx);
      } catch (error) {
        // A client with followRegionRedirects asks again in the bucket's region (x-amz-bucket-region of the 301).
        const redirect = (error as { $response?: { headers?: Record<string, string> } }).$response?.headers?.['x-amz-bucket-region'];
        if (service !== 's3' || !client.config.followRegionRedirects || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 301 || !redirect) {
          throw error;
        }
        call.error = (error as Error).name;
        call = { service, operation, accountId: call.accountId, region: redirect, principal: call.principal, input: copy(input), at: this.now() };
        this.calls.push(call);
        output = handler(copy(given), { ...ctx, region: redirect });
      }
      const { $httpStatusCode, ...rest } = output;
      const $metadata = responseMetadata(typeof $httpStatusCode === 'number' ? $httpStatusCode : 200, requestId);
      if (service === 's3') Object.assign($metadata, { requestId: s3RequestIdOf(requestId), extendedRequestId: Buffer.from(`host/${requestId}`).toString('base64') });
      return { output: { ...rest, $metadata }, response: {} };
    } catch (error) {
      call.error = (error as Error).name;
      throw error;
    } finally {
      this.onChange?.();
    }
  }

  /**
   * Expired session credentials are refused by every service; a session policy narrows every call.
   * (Identity policies are evaluated for sts:AssumeRole only; STS decides that call in full itself, and
   * S3, Athena, Redshift and Redshift Serverless decide theirs in full, with their resources' policies
   * where they have any, in their simulators.)
   */
  private authorizeCall(service: SimulatedService, operation: string, input: any, principal: Principal, region: string, now: number): void {
    const expiresAt = principal.session?.expiresAt;
    if (expiresAt !== undefined && expiresAt <= now) throw awsError(service, AUTHORIZATION_ERRORS[service].expiredToken);
    // GetCallerIdentity needs no permission: even a deny-all policy cannot stop it.
    if (service === 'sts' && (operation === 'GetCallerIdentity' || operation === 'AssumeRole')) return;
    if (service === 's3' || service === 'athena' || service === 'redshift' || service === 'redshift-serverless') return;
    const action = `${service === 'sfn' ? 'states' : service}:${operation}`;
    const resource = resourceOf(service, input ?? {}, principal.accountId, region);
    const refusal = sessionPolicyRefusal(principal, action, resource, region, now);
    if (refusal) {
      throw awsError(
        service,
        AUTHORIZATION_ERRORS[service].accessDenied,
        `User: ${principal.arn} is not authorized to perform: ${action} on resource: ${resource} ${refusal}`,
      );
    }
  }
}

/** Stands in for the caller of an unsigned request. */