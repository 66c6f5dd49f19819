// Runs a real ASL file from statemachines/ locally on aws-local-stepfunctions: every Task whose
// Resource is a `${XFunctionArn}` placeholder runs the local function registered for X. The same
// file deploys unchanged (serverless.yml fills the placeholders through DefinitionSubstitutions).
import './polyfills';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { StateMachine } from 'aws-local-stepfunctions';
import { projectRoot } from '../project-root';

/** An execution event (state entered, exited, failed, retried, caught...); the package does not export the type. */
export type EventLog = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

export type LocalFunction = (event: any) => Promise<unknown>;

export const STATE_MACHINES_DIR = path.join(projectRoot(), 'statemachines');

interface AslState {
  Type: string;
  Resource?: string;
  [key: string]: unknown;
}
interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
  [key: string]: unknown;
}

export function loadDefinition(machine: string): AslDefinition {
  return JSON.parse(readFileSync(path.join(STATE_MACHINES_DIR, `${machine}.asl.json`), 'utf8')) as AslDefinition;
}

/** A definition read, checked and built once: what every execution of it in this process shares. */
interface PreparedMachine {
  definition: AslDefinition;
  tasks: Map<string, string>;
  waitStates: Map<string, AslState>;
  /** By time scale: 1 is the definition as written, others have their retry delays compressed. */
  runners: Map<number, StateMachine>;
}

const prepared = new Map<string, PreparedMachine>();

/**
 * Validating a definition (asl-validator) takes about 120 ms, which a burst of a thousand executions
 * would pay a thousand times: each definition is read, validated and built once per process. The
 * library's runs share nothing else between executions (each run has its own states and retry counts).
 */
function prepare(machine: string): PreparedMachine {
  let found = prepared.get(machine);
  if (!found) {
    const definition = loadDefinition(machine);
    const waitStates = new Map<string, AslState>();
    const collectWaits = (states: Record<string, AslState>) => {
      for (const [name, state] of Object.entries(states)) {
        if (state.Type === 'Wait') waitStates.set(name, state);
        const processor = (state.ItemProcessor ?? state.Iterator) as { States: Record<string, AslState> } | undefined;
        if (processor) collectWaits(processor.States);
      }
    };
    collectWaits(definition.States);
    const validated = new StateMachine(definition as any, { validationOptions: { checkPaths: true } } as any);
    found = { definition, tasks: taskPlaceholders(definition), waitStates, runners: new Map([[1, validated]]) };
    prepared.set(machine, found);
  }
  return found;
}

/** The machine whose retry delays and fixed waits pass `timeScale` times faster; the definition itself was validated once. */
function runnerFor(machine: PreparedMachine, timeScale: number): StateMachine {
  let runner = machine.runners.get(timeScale);
  if (!runner) {
    runner = new StateMachine(compressTime(machine.definition, timeScale) as any, { validationOptions: { noValidate: true } } as any);
    machine.runners.set(timeScale, runner);
  }
  return runner;
}

/**
 * The definition with every Retry's IntervalSeconds and MaxDelaySeconds, and every Wait's fixed Seconds,
 * divided by `timeScale`: each retry still waits its backoff with its jitter, and each wait its time,
 * only compressed, on a clock that runs as much faster. Nothing else changes.
 */
export function compressTime(definition: AslDefinition, timeScale: number): AslDefinition {
  // Through JSON, not structuredClone: the library treats only objects of its own realm as payload
  // templates, and structuredClone under jest's sandbox makes objects of another.
  const copy = JSON.parse(JSON.stringify(definition)) as AslDefinition;
  const visit = (states: Record<string, AslState>) => {
    for (const state of Object.values(states)) {
      for (const retrier of (state.Retry ?? []) as { IntervalSeconds?: number; MaxDelaySeconds?: number }[]) {
        retrier.IntervalSeconds = (retrier.IntervalSeconds ?? 1) / timeScale;
        if (retrier.MaxDelaySeconds !== undefined) retrier.MaxDelaySeconds /= timeScale;
      }
      if (state.Type === 'Wait' && typeof state.Seconds === 'number') state.Seconds /= timeScale;
      const processor = (state.ItemProcessor ?? state.Iterator) as { States: Record<string, AslState> } | undefined;
      if (processor) visit(processor.States);
      for (const branch of (state.Branches ?? []) as { States: Record<string, AslState> }[]) visit(branch.States);
    }
  };
  visit(copy.States);
  return copy;
}

const PLACEHOLDER = /^\$\{([A-Za-z0-9]+)\}$/;

/** The Task states of a definition and the substitution each one's Resource names. */
export function taskPlaceholders(definition: AslDefinition): Map<string, string> {
  const tasks = new Map<string, string>();
  const visit = (states: Record<string, AslState>) => {
    for (const [name, state] of Object.entries(states)) {
      if (state.Type === 'Map') {
        const processor = (state.ItemProcessor ?? state.Iterator) as { States: Record<string, AslState> } | undefined;
        if (processor) visit(processor.States);
      }
      if (state.Type !== 'Task' || !state.Resource) continue;
      // A Lambda task names its function; a nested execution names its state machine.
      const target = state.Resource.startsWith('arn:aws:states:::states:startExecution')
        ? (state.Parameters as { StateMachineArn?: string } | undefined)?.StateMachineArn
        : state.Resource;
      const match = target ? PLACEHOLDER.exec(target) : null;
      if (match) tasks.set(name, match[1]!);
    }
  };
  visit(definition.States);
  return tasks;
}

/**
 * A function's error as Step Functions sees it from Lambda: the error's name becomes `Error`, and
 * `Cause` is the JSON Lambda reports ({"errorType","errorMessage"}), nothing else of the error object.
 */
async function invokeLikeLambda(fn: LocalFunction, event: unknown): Promise<any> {
  try {
    return await fn(event);
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    const message = error instanceof Error ? error.message : String(error);
    const lambdaError = new Error(JSON.stringify({ errorType: name, errorMessage: message }));
    lambdaError.name = name;
    throw lambdaError;
  }
}

export interface LocalRunOptions {
  /** Local functions by substitution name, e.g. { ValidateRequestFunctionArn: fn }. */
  functions: Record<string, LocalFunction>;
  /** Execution name (unique per run; StartExecution's name in AWS). */
  executionName: string;
  account: string;
  region: string;
  /** Called with every execution event as it happens (state entered/exited/failed/retried...). */
  onEvent?: (event: EventLog) => void;
  /** Milliseconds to wait before each retry instead of the ASL's intervals (tests and demos). */
  retryIntervalMs?: number;
  /**
   * For a run whose clock runs this many times faster than the system clock (1: as fast; see SkippingClock): each
   * retry waits the ASL's delay (backoff, full jitter) divided by this, unless retryIntervalMs is given,
   * and so does each Wait state of fixed Seconds instead of being shortened to waitMs and skipped.
   */
  timeScale?: number;
  /** Milliseconds each Wait state waits instead of its ASL duration. */
  waitMs?: number;
  /**
   * Told the seconds each Wait state would have waited in AWS, as it starts (before the shortened wait
   * ends and the next state runs), so a local clock can move forward by them.
   */
  onWait?: (seconds: number, startedAtMs: number) => void;
  /** The clock for the execution's start time. */
  now?: () => number;
  /** Aborts the execution (and stops its work) when signalled. */
  signal?: AbortSignal;
}

export interface LocalRunResult {
  status: 'SUCCEEDED' | 'FAILED';
  executionArn: string;
  output?: unknown;
  error?: string;
  cause?: string;
  events: EventLog[];
}

/** What a Wait state waits in AWS: Seconds, or SecondsPath read from its input (a plain $.a.b path). */
function waitSeconds(state: AslState, input: unknown): number {
  if (typeof state.Seconds === 'number') return state.Seconds;
  if (typeof state.SecondsPath === 'string') {
    let value: unknown = input;
    for (const key of state.SecondsPath.replace(/^\$\.?/, '').split('.').filter(Boolean)) {
      value = (value as Record<string, unknown> | undefined)?.[key];
    }
    return typeof value === 'number' ? value : 0;
  }
  return 0;
}

export async function runLocalStateMachine(machine: string, input: unknown, options: LocalRunOptions): Promise<LocalRunResult> {
  const { tasks, waitStates, ...machineParts } = prepare(machine);
  const stateMachineName = `tenant-dataplane-onboarding-local-${machine}`;
  const executionArn = `arn:aws:states:${options.region}:${options.account}:execution:${stateMachineName}:${options.executionName}`;

  const taskResourceLocalHandlers: Record<string, (input: any) => Promise<any>> = {};
  const retryIntervalOverrides: Record<string, number> = {};
  for (const [stateName, placeholder] of tasks) {
    const fn = options.functions[placeholder];
    if (!fn) throw new Error(`No local function for ${placeholder} (state "${stateName}" of ${machine}.asl.json)`);
    taskResourceLocalHandlers[stateName] = (event) => invokeLikeLambda(fn, event);
    if (options.retryIntervalMs !== undefined) retryIntervalOverrides[stateName] = options.retryIntervalMs;
  }
  // Under a time scale a fixed wait passes in (compressed) time; the others are shortened and skipped.
  const skipped = (state: AslState) => options.timeScale === undefined || typeof state.Seconds !== 'number';
  const waitTimeOverrides: Record<string, number> = {};
  if (options.waitMs !== undefined) {
    for (const [name, state] of waitStates) if (skipped(state)) waitTimeOverrides[name] = options.waitMs;
  }

  const stateMachine = runnerFor({ tasks, waitStates, ...machineParts }, options.timeScale ?? 1);
  const execution = stateMachine.run(input as any, {
    overrides: { taskResourceLocalHandlers, retryIntervalOverrides, waitTimeOverrides },
    context: {
      Execution: {
        Id: executionArn,
        Name: options.executionName,
        Input: input,
        StartTime: new Date(options.now ? options.now() : Date.now()).toISOString(),
        RoleArn: `arn:aws:iam::${options.account}:role/${stateMachineName}`,
      },
      StateMachine: {
        Id: `arn:aws:states:${options.region}:${options.account}:stateMachine:${stateMachineName}`,
        Name: stateMachineName,
      },
    },
  } as any);

  const abort = () => execution.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  const events: EventLog[] = [];
  for await (const event of execution.eventLogs) {
    events.push(event);
    // The event first, then the clock moves: a Wait state is entered before its wait, not after.
    options.onEvent?.(event);
    if (event.type === 'StateEntered' && event.state.type === 'Wait' && options.onWait) {
      const state = waitStates.get(event.state.name);
      if (state && skipped(state)) options.onWait(waitSeconds(state, event.state.input), event.timestamp);
    }
  }
  try {
    const output = await execution.result;
    return { status: 'SUCCEEDED', executionArn, output, events };
  } catch (error) {
    if (options.signal?.aborted) {
      return { status: 'FAILED', executionArn, error: 'States.Aborted', cause: 'The local run was stopped', events };
    }
    void error;
    const failed = [...events].reverse().find((e) => e.type === 'ExecutionFailed') as
      | { Error: string; Cause: unknown }
      | undefined;
    return {
      status: 'FAILED',
      executionArn,
      error: failed?.Error ?? 'States.Runtime',
      cause: typeof failed?.Cause === 'string' ? failed.Cause : JSON.stringify(failed?.Cause ?? ''),
      events,
    };
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
}
