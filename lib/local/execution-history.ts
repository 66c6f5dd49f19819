// A local execution's event log (aws-local-stepfunctions) in the shape GetExecutionHistory returns:
// id, previousEventId, type, timestamp and one `<type>EventDetails` object, with AWS's event types
// (TaskStateEntered, LambdaFunctionScheduled, LambdaFunctionSucceeded, MapIterationStarted, ...). So
// `onboarding history` prints a local run as it prints a deployed one, and the leak test reads the
// same fields support would read in AWS.
import type { HistoryEvent } from '../ports';
import type { EventLog } from './local-state-machine';

export interface HistoryContext {
  /** Task state name -> the ASL substitution its Resource names (e.g. AttemptAssumeFunctionArn). */
  tasks: Map<string, string>;
  /** The execution's role, as ExecutionStarted reports it. */
  roleArn: string;
  region: string;
  account: string;
}

type Details = Record<string, unknown>;

const data = (value: unknown) => (value === undefined ? undefined : JSON.stringify(value));
const truncated = { truncated: false };

function errorCause(cause: unknown): string {
  return typeof cause === 'string' ? cause : JSON.stringify(cause ?? '');
}

/** What a Task state runs: a Lambda function, or (startExecution.sync) the verification state machine. */
function taskTarget(state: string, ctx: HistoryContext): { lambda: boolean; resource: string } {
  const placeholder = ctx.tasks.get(state) ?? '';
  if (placeholder.endsWith('FunctionArn')) {
    const fn = placeholder.replace(/FunctionArn$/, '');
    const name = fn.charAt(0).toLowerCase() + fn.slice(1);
    return { lambda: true, resource: `arn:aws:lambda:${ctx.region}:${ctx.account}:function:tenant-dataplane-onboarding-local-${name}` };
  }
  return { lambda: false, resource: 'startExecution.sync:2' };
}

function scheduled(state: string, input: unknown, ctx: HistoryContext): [string, Details][] {
  const target = taskTarget(state, ctx);
  return target.lambda
    ? [
        ['LambdaFunctionScheduled', { lambdaFunctionScheduledEventDetails: { resource: target.resource, input: data(input), inputDetails: truncated } }],
        ['LambdaFunctionStarted', {}],
      ]
    : [
        ['TaskScheduled', { taskScheduledEventDetails: { resourceType: 'states', resource: target.resource, region: ctx.region, parameters: data(input) } }],
        ['TaskStarted', { taskStartedEventDetails: { resourceType: 'states', resource: target.resource } }],
      ];
}

/** The AWS events one local event stands for (a Task's entry is also its function's scheduling, ...). */
function awsEvents(event: EventLog, ctx: HistoryContext): [string, Details][] {
  switch (event.type) {
    case 'ExecutionStarted':
      return [['ExecutionStarted', { executionStartedEventDetails: { input: data(event.input), inputDetails: truncated, roleArn: ctx.roleArn } }]];
    case 'ExecutionSucceeded':
      return [['ExecutionSucceeded', { executionSucceededEventDetails: { output: data(event.output), outputDetails: truncated } }]];
    case 'ExecutionFailed':
      return [['ExecutionFailed', { executionFailedEventDetails: { error: event.Error, cause: errorCause(event.Cause) } }]];
    case 'ExecutionAborted':
      return [['ExecutionAborted', { executionAbortedEventDetails: {} }]];
    case 'ExecutionTimeout':
      return [['ExecutionTimedOut', { executionTimedOutEventDetails: {} }]];
    case 'MapIterationStarted':
    case 'MapIterationSucceeded':
    case 'MapIterationFailed': {
      const key = `${event.type.charAt(0).toLowerCase()}${event.type.slice(1)}EventDetails`;
      return [[event.type, { [key]: { name: event.parentState.name, index: event.index } }]];
    }
    case 'ParallelBranchStarted':
      return [['ParallelStateStarted', {}]];
    case 'ParallelBranchSucceeded':
    case 'ParallelBranchFailed':
      return [];
    case 'StateEntered': {
      const entered: [string, Details] = [
        `${event.state.type}StateEntered`,
        { stateEnteredEventDetails: { name: event.state.name, input: data(event.state.input), inputDetails: truncated } },
      ];
      if (event.state.type === 'Task') return [entered, ...scheduled(event.state.name, event.state.input, ctx)];
      if (event.state.type === 'Map') return [entered, ['MapStateStarted', { mapStateStartedEventDetails: { length: lengthOf(event.state.input) } }]];
      return [entered];
    }
    case 'StateExited': {
      const exited: [string, Details] = [
        `${event.state.type}StateExited`,
        { stateExitedEventDetails: { name: event.state.name, output: data(event.state.output), outputDetails: truncated } },
      ];
      if (event.state.type === 'Task') {
        const target = taskTarget(event.state.name, ctx);
        const succeeded: [string, Details] = target.lambda
          ? ['LambdaFunctionSucceeded', { lambdaFunctionSucceededEventDetails: { output: data(event.state.output), outputDetails: truncated } }]
          : ['TaskSucceeded', { taskSucceededEventDetails: { resourceType: 'states', resource: target.resource, output: data(event.state.output), outputDetails: truncated } }];
        return [succeeded, exited];
      }
      if (event.state.type === 'Map') return [['MapStateSucceeded', {}], exited];
      return [exited];
    }
    case 'StateFailed': {
      const failure = { error: event.Error, cause: errorCause(event.Cause) };
      if (event.state.type === 'Task') {
        const target = taskTarget(event.state.name, ctx);
        return target.lambda
          ? [['LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: failure }]]
          : [['TaskFailed', { taskFailedEventDetails: { resourceType: 'states', resource: target.resource, ...failure } }]];
      }
      if (event.state.type === 'Map' || event.state.type === 'Parallel') return [[`${event.state.type}StateFailed`, {}]];
      return [];
    }
    case 'StateRetried':
      // Step Functions records no retry event: the next attempt is scheduled again.
      return event.state.type === 'Task' ? scheduled(event.state.name, event.state.input, ctx) : [];
    case 'StateCaught':
      // A caught error ends the state; its output is the error merged into the input (ResultPath).
      return [[`${event.state.type}StateExited`, { stateExitedEventDetails: { name: event.state.name, output: data(event.state.output), outputDetails: truncated } }]];
    default:
      return [];
  }
}

function lengthOf(input: unknown): number {
  return Array.isArray(input) ? input.length : 0;
}

/** Numbered from 1, each event's previousEventId the one logged before it (0 for the first). */
export function executionHistory(events: readonly EventLog[], ctx: HistoryContext): HistoryEvent[] {
  const history: HistoryEvent[] = [];
  for (const event of events) {
    for (const [type, details] of awsEvents(event, ctx)) {
      const id = history.length + 1;
      history.push({ id, previousEventId: id - 1, type, timestamp: new Date(event.timestamp).toISOString(), ...details });
    }
  }
  return history;
}
