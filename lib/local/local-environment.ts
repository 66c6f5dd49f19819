// Everything a local run needs, in process: the embedded AWS sandbox for a scenario, the status table
// on dynalite, the account-manager queue, and the functions' configuration pointing at them. The real
// handlers then run the real ASL unchanged.
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { EventLog } from './local-state-machine';
import { createAwsClients, useClientEnvironment } from '../adapters/aws-clients';
import { productionAdapters } from '../adapters';
import { STATUS_TABLE_ATTRIBUTE_DEFINITIONS, STATUS_TABLE_GLOBAL_SECONDARY_INDEXES, STATUS_TABLE_KEY_SCHEMA } from '../adapters/status-store';
import { Config, useConfig } from '../config';
import { SkippingClock, useClock } from '../clock';
import type { StatusRecord } from '../domain/status';
import { AwsSandbox, Scenario, SandboxState, startDynalite } from '../sandbox';
import { loadDefinition, LocalFunction, LocalRunResult, runLocalStateMachine, taskPlaceholders } from './local-state-machine';
import type { ExecutionDescription, ExecutionRecords, StateMachineKind, WorkflowStarter } from '../ports';
import { executionHistory } from './execution-history';
import { currentFunction } from './current-function';
import { FUNCTIONS, functionsInvokedBy, placeholderOf, STATE_MACHINE_NAMES } from '../../functions';
import { lambdaContext } from './lambda-context';
import { SERVICE_NAME } from '../service-name';

export const LOCAL_STAGE = 'local';
/** The functions the state machines run, by the ASL substitution that names them. */
const STATE_FUNCTIONS = STATE_MACHINE_NAMES.flatMap(functionsInvokedBy).map((name) => [placeholderOf(name), name, FUNCTIONS[name].run] as const);

export interface LocalEnvironmentOptions {
  /** Overrides the scenario's createOidcProvider setting. */
  createOidcProvider?: boolean;
  /** Keeps the status table on disk in this folder (LevelDB) instead of in memory. */
  dynamoPath?: string;
  /** Where a previous environment on the same scenario (and dynamoPath) stopped: see exportState(). */
  restore?: LocalEnvironmentState;
  /**
   * Runs the local clock this many times faster than the system clock, and makes every retry wait the
   * ASL's own delay (backoff with full jitter) divided by it, instead of a fixed short interval: the
   * retries then spread out as in AWS, on the clock the sandbox's rate limits refill on. For a burst.
   */
  timeScale?: number;
}

/** What a local stack keeps between runs besides its status table: exportState()'s answer. */
export interface LocalEnvironmentState {
  sandbox: SandboxState;
  /** How far the local clock ran ahead of the system clock: the polling waits it skipped. */
  clockOffsetMs: number;
  executionCount: number;
  sparkStarted: boolean;
  executions: LocalExecution[];
}

export interface OnboardingRunOptions {
  /** Every event of the execution and of the executions it starts, with the execution it belongs to. */
  onEvent?: (event: EventLog, from: EventSource) => void;
  /** Milliseconds before each retry (the ASL's backoff is seconds to a minute; locally it is shortened). */
  retryIntervalMs?: number;
  /** Milliseconds each Wait state waits (the polling schedule's minutes and hours; locally shortened). */
  waitMs?: number;
  /** The execution's name (StartExecution's); generated from the tenant when absent. */
  executionName?: string;
  /**
   * Functions (by name, e.g. recordAttempt) whose every invocation is delivered twice, as when a Lambda
   * response is lost and the state machine invokes again with the same input: the second answer counts.
   */
  deliverTwice?: string[];
}

/** The execution an event belongs to. */
export interface EventSource {
  kind: StateMachineKind;
  name: string;
}

/** An execution of this environment, kept after it ends as Step Functions keeps it. */
export interface LocalExecution {
  description: ExecutionDescription;
  events: EventLog[];
}

export class LocalEnvironment {
  private executions = 0;
  /** Every execution run here (started, onboarded, nested), oldest first. */
  private readonly ran: LocalExecution[] = [];
  private sparkStarted = false;
  private readonly started = new Map<string, { executionArn: string; result: Promise<LocalRunResult> }>();
  /**
   * Stops every execution still running (a nested one outlives a parent that timed out) on close. One
   * controller per execution: a thousand listeners on one shared signal is a listener leak to Node.
   */
  private readonly running = new Set<AbortController>();
  private closed = false;
  /** Set: retries and fixed waits take their ASL time, divided by this (see LocalEnvironmentOptions). */
  private timeScale: number | undefined;

  /**
   * Told after each change: of the sandbox (every call it answers), or of the executions (one started
   * or ended). A local stack saves its state then.
   */
  onChange: ((what: 'sandbox' | 'executions') => void) | undefined;

  private constructor(
    readonly sandbox: AwsSandbox,
    readonly config: Config,
    readonly account: string,
    /** Runs with the system clock plus every polling wait skipped so far. */
    readonly clock: SkippingClock,
    private readonly closeDynalite: () => Promise<void>,
    restore?: LocalEnvironmentState,
  ) {
    if (restore) this.restoreExecutions(restore);
    sandbox.onChange = () => this.onChange?.('sandbox');
  }

  /**
   * Executions ended, or cut short by the stop, as Step Functions would show them; names stay taken.
   * An execution still running when the previous environment stopped did not go on: it is ABORTED.
   */
  private restoreExecutions(state: LocalEnvironmentState): void {
    this.executions = state.executionCount;
    this.sparkStarted = state.sparkStarted;
    for (const execution of state.executions) {
      if (execution.description.status === 'RUNNING') {
        execution.description.status = 'ABORTED';
        execution.description.stopDate = new Date(this.clock.now()).toISOString();
      }
      this.ran.push(execution);
      const { executionArn, name, status } = execution.description;
      const result: LocalRunResult =
        status === 'SUCCEEDED' ? { status: 'SUCCEEDED', executionArn, events: [] } : { status: 'FAILED', executionArn, error: status === 'ABORTED' ? 'States.Aborted' : 'States.Failed', events: [] };
      this.started.set(name, { executionArn, result: Promise.resolve(result) });
    }
  }

  /**
   * Everything needed to continue later from here (with the same scenario and status table). The
   * executions, whose event logs are most of it, can be left out (a save of the sandbox alone).
   */
  exportState(): LocalEnvironmentState {
    return { ...this.exportSandboxState(), executions: this.ran };
  }

  exportSandboxState(): Omit<LocalEnvironmentState, 'executions'> {
    return {
      sandbox: this.sandbox.exportState(),
      clockOffsetMs: this.clock.now() - Date.now(),
      executionCount: this.executions,
      sparkStarted: this.sparkStarted,
    };
  }

  static async start(scenario: Scenario, options: LocalEnvironmentOptions = {}): Promise<LocalEnvironment> {
    const dynalite = await startDynalite(options.dynamoPath !== undefined ? { path: options.dynamoPath } : {});
    try {
      const clock = new SkippingClock(options.restore?.clockOffsetMs ?? 0, options.timeScale ?? 1);
      const timeScale = options.timeScale;
      const sandbox = AwsSandbox.fromScenario(scenario, {
        dynamoEndpoint: dynalite.endpoint,
        now: clock.now,
        // Where retries take their real time, so do the SDK's own (3 attempts, as in production).
        ...(timeScale !== undefined ? { sdkRetries: { attempts: 3, sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms / timeScale)) } } : {}),
      });
      if (options.restore) sandbox.importState(options.restore.sandbox);
      useClock(clock.now);
      const { accountId, region } = scenario.vendor;
      useClientEnvironment(sandbox.clientEnvironment());
      // Restored queues are found again: CreateQueue with the same attributes answers the same URL.
      const queueUrl = sandbox.createQueue(`${SERVICE_NAME}-${LOCAL_STAGE}-account-manager.fifo`);
      const invalidEventsQueueUrl = sandbox.createQueue(`${SERVICE_NAME}-${LOCAL_STAGE}-invalid-events`);
      const statusTableName = `${SERVICE_NAME}-${LOCAL_STAGE}-status`;
      const dynamodb = createAwsClients({ region }).dynamodb as unknown as DynamoDBClient;
      const { TableNames } = await dynamodb.send(new ListTablesCommand({}));
      if (TableNames?.includes(statusTableName)) {
        // A state saved before the table had its index: DynamoDB Local cannot add one to the items it
        // already holds, so the state is not used rather than answering lists with half the truth.
        const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: statusTableName }));
        const indexes = (Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName);
        const missing = STATUS_TABLE_GLOBAL_SECONDARY_INDEXES.map((index) => index.IndexName).filter((name) => !indexes.includes(name));
        if (missing.length > 0) {
          throw new Error(
            `the local status table ${statusTableName} was saved by an earlier version, without its index ${missing.join(', ')}: ` +
              'run `npx onboarding reset` (it deletes the local stack\'s state) and start again',
          );
        }
      } else {
        await dynamodb.send(
          new CreateTableCommand({
            TableName: statusTableName,
            KeySchema: STATUS_TABLE_KEY_SCHEMA,
            AttributeDefinitions: STATUS_TABLE_ATTRIBUTE_DEFINITIONS,
            GlobalSecondaryIndexes: STATUS_TABLE_GLOBAL_SECONDARY_INDEXES,
            BillingMode: 'PAY_PER_REQUEST',
          }),
        );
      }
      // dynalite answers CreateTable with CREATING and, on disk, turns ACTIVE a moment later.
      for (let i = 0; ; i += 1) {
        const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: statusTableName }));
        if (Table?.TableStatus === 'ACTIVE') break;
        if (i >= 100) throw new Error(`the local status table ${statusTableName} did not become ACTIVE`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const config: Config = {
        region,
        statusTableName,
        accountManagerQueueUrl: queueUrl,
        dataplaneBoundaryArn: `arn:aws:iam::${accountId}:policy/${SERVICE_NAME}-${LOCAL_STAGE}-dataplane-boundary`,
        createOidcProvider: options.createOidcProvider ?? scenario.createOidcProvider ?? false,
        defaultIdentity: scenario.defaultIdentity ?? 'irsa',
        // Locally every function runs as the sandbox's one execution role, the verifier included.
        verifierRoleArn: sandbox.executionRoleArn,
        trustProbeRoleArn: sandbox.trustProbeRoleArn,
        stackName: `${SERVICE_NAME}-${LOCAL_STAGE}`,
        // The stack's own bus (as deployed by default): `onboarding events list` shows what was sent on it.
        outboundEventBusName: `${SERVICE_NAME}-${LOCAL_STAGE}`,
        invalidEventsQueueUrl,
      };
      sandbox.createEventBus(config.outboundEventBusName!, region);
      useConfig(config);
      const env = new LocalEnvironment(sandbox, config, accountId, clock, dynalite.close, options.restore);
      env.timeScale = options.timeScale;
      return env;
    } catch (error) {
      await dynalite.close();
      throw error;
    }
  }

  /** Runs statemachines/onboarding.asl.json with the real handlers (and verification, nested). */
  async onboard(input: unknown, options: OnboardingRunOptions = {}): Promise<LocalRunResult> {
    return this.run('onboarding', input, options);
  }

  /** Runs statemachines/verification.asl.json with the real handlers: what a support re-run starts. */
  async verify(input: unknown, options: OnboardingRunOptions = {}): Promise<LocalRunResult> {
    return this.run('verification', input, options);
  }

  private run(machine: StateMachineKind, input: unknown, options: OnboardingRunOptions): Promise<LocalRunResult> {
    const functions: Record<string, LocalFunction> = {};
    for (const [placeholder, name, handler] of STATE_FUNCTIONS) {
      const invoke = (event: unknown) =>
        currentFunction.run(name, () => handler(event, lambdaContext(name, { stage: LOCAL_STAGE, region: this.config.region, account: this.account })));
      functions[placeholder] = options.deliverTwice?.includes(name)
        ? async (event) => {
            await invoke(structuredClone(event));
            return invoke(event);
          }
        : invoke;
    }
    this.executions += 1;
    const tenant = typeof (input as { tenantId?: unknown })?.tenantId === 'string' ? (input as { tenantId: string }).tenantId : 'unknown';
    const executionName =
      // Numbered within the environment, so the same run gives the same names (support's history
      // command and its tests can name an execution).
      options.executionName ?? `${machine === 'onboarding' ? 'onboard' : 'verify'}-${tenant.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40)}-local-${this.executions}`;
    const nested = { ...options, executionName: undefined };
    // startExecution.sync runs the child machine locally and answers as Step Functions does.
    functions.VerificationStateMachineArn = async (task: { Input: unknown }) => this.runNested('verification', task.Input, nested);
    functions.ConnectionVerificationStateMachineArn = async (task: { Name: string; Input: unknown }) =>
      this.runNested('connection-verification', task.Input, { ...nested, executionName: task.Name });
    const record: LocalExecution = {
      description: {
        executionArn: `arn:aws:states:${this.config.region}:${this.account}:execution:${SERVICE_NAME}-${LOCAL_STAGE}-${machine}:${executionName}`,
        name: executionName,
        kind: machine,
        status: 'RUNNING',
        startDate: new Date(this.clock.now()).toISOString(),
        input: structuredClone(input),
      },
      events: [],
    };
    this.ran.push(record);
    this.onChange?.('executions');
    const abort = new AbortController();
    if (this.closed) abort.abort();
    this.running.add(abort);
    const run = runLocalStateMachine(machine, input, {
      functions,
      executionName,
      account: this.account,
      region: this.config.region,
      onEvent: (event) => {
        // On the local clock, which skips the polling waits: times line up with the status records'.
        record.events.push({ ...event, timestamp: event.timestamp + (this.clock.now() - Date.now()) });
        // Once the dataplane role exists the tenant's Spark jobs start using it: a scenario's Spark
        // attempts (and their CloudTrail records) happen then, as they would in the real dataplane.
        if (!this.sparkStarted && event.type === 'StateExited' && event.state.name === 'Record Role Ready') {
          this.sparkStarted = true;
          this.sandbox.simulateSparkAttempts();
        }
        options.onEvent?.(event, { kind: machine, name: executionName });
      },
      // With a time scale, retries wait the ASL's delays in compressed time; otherwise a short fixed interval.
      ...(options.retryIntervalMs !== undefined || this.timeScale === undefined ? { retryIntervalMs: options.retryIntervalMs ?? 50 } : {}),
      ...(this.timeScale !== undefined ? { timeScale: this.timeScale } : {}),
      waitMs: options.waitMs ?? 5,
      onWait: (seconds, startedAt) => this.clock.skipWait(seconds, startedAt),
      signal: abort.signal,
      now: this.clock.now,
    });
    return run.then((result) => {
      this.running.delete(abort);
      record.description.status = result.status === 'SUCCEEDED' ? 'SUCCEEDED' : result.error === 'States.Aborted' ? 'ABORTED' : 'FAILED';
      record.description.stopDate = new Date(this.clock.now()).toISOString();
      this.onChange?.('executions');
      return result;
    });
  }

  /**
   * startExecution.sync:2, locally: the child runs to its end and answers as Step Functions does. A
   * name given twice is, as in Step Functions, the same execution while it runs (the same input) and
   * ExecutionAlreadyExists once it has ended.
   */
  private async runNested(machine: StateMachineKind, input: unknown, options: OnboardingRunOptions): Promise<unknown> {
    const name = options.executionName;
    const existing = name !== undefined ? this.started.get(name) : undefined;
    const earlier = existing && this.ran.find((e) => e.description.executionArn === existing.executionArn)?.description;
    const same = earlier?.status === 'RUNNING' && JSON.stringify(earlier.input) === JSON.stringify(input);
    if (existing && !same) {
      throw Object.assign(new Error(`Execution ${name} already exists`), { name: 'StepFunctions.ExecutionAlreadyExistsException' });
    }
    const result = existing ? await existing.result : await this.track(machine, input, options);
    if (result.status !== 'SUCCEEDED') {
      throw Object.assign(new Error(result.cause ?? `The ${machine} execution failed`), { name: result.error ?? 'States.TaskFailed' });
    }
    return { ExecutionArn: result.executionArn, Status: 'SUCCEEDED', Output: result.output };
  }

  /** Runs an execution whose name, when given, stays taken as in Step Functions. */
  private track(machine: StateMachineKind, input: unknown, options: OnboardingRunOptions): Promise<LocalRunResult> {
    const result = this.run(machine, input, options);
    const name = options.executionName;
    if (name !== undefined) this.started.set(name, { executionArn: this.ran[this.ran.length - 1]!.description.executionArn, result });
    return result;
  }

  /**
   * DescribeExecution, the tenant's executions and GetExecutionHistory, locally: every execution this
   * environment ran, with its event log in the shape Step Functions returns.
   */
  executionRecords(): ExecutionRecords {
    const find = (arn: string) => this.ran.find((e) => e.description.executionArn === arn);
    const copy = (e: LocalExecution): ExecutionDescription => structuredClone(e.description);
    return {
      describe: async (kind, name) => {
        const found = this.ran.find((e) => e.description.kind === kind && e.description.name === name);
        return found ? copy(found) : undefined;
      },
      listForTenant: async (tenantId) =>
        this.ran
          .filter((e) => (e.description.input as { tenantId?: unknown } | undefined)?.tenantId === tenantId)
          .map(copy)
          .reverse(),
      history: async (executionArn) => {
        const found = find(executionArn);
        if (!found) return undefined;
        const { kind } = found.description;
        return executionHistory(found.events, {
          tasks: taskPlaceholders(loadDefinition(kind)),
          roleArn: `arn:aws:iam::${this.account}:role/${SERVICE_NAME}-${LOCAL_STAGE}-${kind}`,
          region: this.config.region,
          account: this.account,
        });
      },
    };
  }

  /**
   * StartExecution, locally: the execution runs on the sandbox in the background (its result is in
   * `finished(arn)`); a name used before is ExecutionAlreadyExists, as in Step Functions. `onEvent`
   * sees every event of the executions it starts and of their nested executions.
   */
  starter(options: Pick<OnboardingRunOptions, 'onEvent'> = {}): WorkflowStarter {
    return {
      start: async (kind, name, input) => {
        const existing = this.started.get(name);
        if (existing) return { executionArn: existing.executionArn, alreadyStarted: true };
        const machine = `tenant-dataplane-onboarding-local-${kind}`;
        const executionArn = `arn:aws:states:${this.config.region}:${this.account}:execution:${machine}:${name}`;
        const run = this.run(kind, input, { executionName: name, onEvent: options.onEvent });
        this.started.set(name, { executionArn, result: run });
        return { executionArn, alreadyStarted: false };
      },
    };
  }

  /** The outcome of an execution started through starter(). */
  async finished(executionArn: string): Promise<LocalRunResult | undefined> {
    const entry = [...this.started.values()].find((e) => e.executionArn === executionArn);
    return entry?.result;
  }

  /** The adapters the functions use, for reading what a run left behind. */
  adapters(): ReturnType<typeof productionAdapters> {
    this.ownAdapters ??= productionAdapters(this.config);
    return this.ownAdapters;
  }

  private ownAdapters: ReturnType<typeof productionAdapters> | undefined;

  async status(tenantId: string): Promise<StatusRecord | undefined> {
    return this.adapters().statusStore.get(tenantId);
  }

  /** Every message on the account-manager queue, without consuming them. */
  queueMessages() {
    return this.sandbox.peekMessages(this.config.accountManagerQueueUrl);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const abort of this.running) abort.abort();
    this.running.clear();
    useClientEnvironment(undefined);
    useConfig(undefined);
    useClock(undefined);
    await this.closeDynalite();
  }
}
