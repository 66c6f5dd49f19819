import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ConfigurationError, TransientAwsError } from '../errors';
import type { StartedExecution, WorkflowKind, WorkflowStarter } from '../ports';
import { awsErrorName, isAwsError, mapAwsError } from './aws-errors';
import type { AdapterFactory } from './adapter-factory';
import { sharedClient } from './aws-client-factory';

/** The environment variable (lib/config.ts) that names each state machine. */
export const STATE_MACHINE_VARIABLES: Record<WorkflowKind, string> = {
  onboarding: 'ONBOARDING_STATE_MACHINE_ARN',
  verification: 'VERIFICATION_STATE_MACHINE_ARN',
};

/**
 * The ARN Step Functions gives an execution of a state machine:
 * `arn:aws:states:<region>:<account>:stateMachine:<machine>` + name ->
 * `arn:aws:states:<region>:<account>:execution:<machine>:<name>`.
 */
export function executionArnOf(stateMachineArn: string, name: string): string {
  const parts = stateMachineArn.split(':');
  if (parts.length !== 7 || parts[5] !== 'stateMachine') {
    throw new ConfigurationError(`${stateMachineArn} is not the ARN of a state machine (arn:<partition>:states:<region>:<account>:stateMachine:<name>)`);
  }
  parts[5] = 'execution';
  return [...parts, name].join(':');
}

/**
 * StartExecution of the onboarding or verification state machine. The execution name makes it
 * idempotent: Step Functions answers a repeated name with ExecutionAlreadyExists (or, for a running
 * execution started with the same input, with that execution), and either means the work is under way.
 */
export class SfnWorkflowStarter implements WorkflowStarter {
  constructor(
    private readonly sfn: SFNClient,
    /** Absent for a function deployed without that state machine: starting one is then a ConfigurationError. */
    private readonly stateMachines: Partial<Record<WorkflowKind, string>>,
  ) {}

  async start(kind: WorkflowKind, name: string, input: unknown): Promise<StartedExecution> {
    const stateMachineArn = this.stateMachines[kind];
    if (!stateMachineArn) {
      throw new ConfigurationError(
        `${STATE_MACHINE_VARIABLES[kind]} is not set: the function does not know which ${kind} state machine to start`,
        { variable: STATE_MACHINE_VARIABLES[kind] },
      );
    }
    let executionArn: string | undefined;
    let startDate: Date | undefined;
    const calledAt = Date.now();
    try {
      const output = await this.sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
      executionArn = output.executionArn;
      startDate = output.startDate;
    } catch (error) {
      if (isAwsError(error, 'ExecutionAlreadyExists')) {
        return { executionArn: executionArnOf(stateMachineArn, name), alreadyStarted: true };
      }
      throw this.translate(error, kind, stateMachineArn, name);
    }
    if (!executionArn) throw new Error(`Step Functions StartExecution of ${stateMachineArn} returned no execution ARN`);
    // Same name and input while that execution still runs: Step Functions answers with it, no error.
    // It started before this call, then (a minute of clock skew allowed).
    const alreadyStarted = startDate !== undefined && startDate.getTime() < calledAt - 60_000;
    return { executionArn, alreadyStarted };
  }

  private translate(error: unknown, kind: WorkflowKind, stateMachineArn: string, name: string): unknown {
    const details = { stateMachineArn, executionName: name, awsErrorName: awsErrorName(error) };
    const message = error instanceof Error ? error.message : String(error);
    // Executions end, so the open-executions quota frees up by itself: worth retrying later.
    if (isAwsError(error, 'ExecutionLimitExceeded')) {
      return Object.assign(new TransientAwsError(`Step Functions StartExecution ${name} hit the open executions quota: ${message}`, details), { cause: error });
    }
    // The deployment names a machine that is not there: no retry will fix that, but the event must not be
    // dropped either, so it is thrown and ends in the function's failure destination.
    if (isAwsError(error, 'StateMachineDoesNotExist', 'StateMachineDeleting', 'InvalidArn')) {
      return Object.assign(
        new ConfigurationError(`${STATE_MACHINE_VARIABLES[kind]}=${stateMachineArn} cannot be started: ${message}`, details),
        { cause: error },
      );
    }
    return mapAwsError(error, { service: 'Step Functions', operation: 'StartExecution', resource: `${kind} execution ${name}` });
  }
}

// Built even when unconfigured, so that only the functions that start executions need the variables,
// and those fail naming the one that is missing.
export const workflowStarterAdapter: AdapterFactory<WorkflowStarter> = (config) =>
  new SfnWorkflowStarter(sharedClient('sfn', SFNClient, config.region), {
    onboarding: config.onboardingStateMachineArn,
    verification: config.verificationStateMachineArn,
  });
