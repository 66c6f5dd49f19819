// Every Lambda function of the stack, by what invokes it: the one list that serverless.yml's
// `functions` section is checked against (test/template), that the local runner runs the state
// machines with, and that the tests load. A function run by a state machine is named after its state
// ("Record Attempt" runs recordAttempt), and its ASL substitution after the function
// (${RecordAttemptFunctionArn}). Each file is bundled on its own; this list is never deployed.
import { handler as startFromEvent } from './events/start-from-event';
import { handler as statusApi } from './api/status-api';
import { handler as ensureDataplaneRole } from './onboarding/ensure-dataplane-role';
import { handler as publishRoleArn } from './onboarding/publish-role-arn';
import { handler as recordStatus } from './onboarding/record-status';
import { handler as resolveCluster } from './onboarding/resolve-cluster';
import { handler as validateRequest } from './onboarding/validate-request';
import { handler as attemptAssume } from './connection-verification/attempt-assume';
import { handler as diagnoseDenial } from './connection-verification/diagnose-denial';
import { handler as recordAttempt } from './connection-verification/record-attempt';
import { handler as planVerification } from './verification/plan-verification';
import { handler as summarizeVerification } from './verification/summarize-verification';

export const STATE_MACHINE_NAMES = ['onboarding', 'verification', 'connection-verification'] as const;
export type StateMachineName = (typeof STATE_MACHINE_NAMES)[number];
export type Invoker = StateMachineName | 'EventBridge' | 'API Gateway';
export type Handler = (event: any, context: any) => Promise<unknown>;

export interface StackFunction {
  invokedBy: Invoker;
  /** As serverless.yml names it: `functions/<folder>/<file>.handler`. */
  handler: string;
  run: Handler;
}

function fn(invokedBy: Invoker, file: string, run: unknown): StackFunction {
  return { invokedBy, handler: `functions/${file}.handler`, run: run as Handler };
}

export const FUNCTIONS = {
  validateRequest: fn('onboarding', 'onboarding/validate-request', validateRequest),
  recordStatus: fn('onboarding', 'onboarding/record-status', recordStatus),
  resolveCluster: fn('onboarding', 'onboarding/resolve-cluster', resolveCluster),
  ensureDataplaneRole: fn('onboarding', 'onboarding/ensure-dataplane-role', ensureDataplaneRole),
  publishRoleArn: fn('onboarding', 'onboarding/publish-role-arn', publishRoleArn),
  planVerification: fn('verification', 'verification/plan-verification', planVerification),
  summarizeVerification: fn('verification', 'verification/summarize-verification', summarizeVerification),
  attemptAssume: fn('connection-verification', 'connection-verification/attempt-assume', attemptAssume),
  diagnoseDenial: fn('connection-verification', 'connection-verification/diagnose-denial', diagnoseDenial),
  recordAttempt: fn('connection-verification', 'connection-verification/record-attempt', recordAttempt),
  startFromEvent: fn('EventBridge', 'events/start-from-event', startFromEvent),
  statusApi: fn('API Gateway', 'api/status-api', statusApi),
} as const satisfies Record<string, StackFunction>;

export type FunctionName = keyof typeof FUNCTIONS;

function pascal(name: string): string {
  return `${name[0]!.toUpperCase()}${name.slice(1)}`;
}

/** The CloudFormation logical id osls gives a function: recordAttempt → RecordAttemptLambdaFunction. */
export function logicalIdOf(name: string): string {
  return `${pascal(name)}LambdaFunction`;
}

/** The ASL substitution that names a state machine's function: recordAttempt → RecordAttemptFunctionArn. */
export function placeholderOf(name: string): string {
  return `${pascal(name)}FunctionArn`;
}

/** The names of the functions one invoker runs, in the order above. */
export function functionsInvokedBy(invoker: Invoker): FunctionName[] {
  return (Object.keys(FUNCTIONS) as FunctionName[]).filter((name) => FUNCTIONS[name].invokedBy === invoker);
}
