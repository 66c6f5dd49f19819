// Every Lambda function of the stack, by what invokes it: the one list that serverless.yml's
// `functions` section is checked against (test/template), that the local runner runs the state
// machines with, and that the tests load. A function run by a state machine is named after its state
// ("Record Attempt" runs recordAttempt), and its ASL substitution after the function
// (${RecordAttemptFunctionArn}). Each file is bundled on its own; this list is never deployed, and
// loads a handler only when it runs one, so reading the list loads no handler.
export const STATE_MACHINE_NAMES = ['onboarding', 'verification', 'connection-verification'] as const;
export type StateMachineName = (typeof STATE_MACHINE_NAMES)[number];
export type Invoker = StateMachineName | 'EventBridge' | 'API Gateway';
export type Handler = (event: any, context: any) => Promise<unknown>;

export interface StackFunction {
  invokedBy: Invoker;
  /** As serverless.yml names it: `functions/<folder>/<file>.handler`. */
  handler: string;
  /** The handler, its module loaded on first use. */
  load: () => Promise<Handler>;
}

function fn(invokedBy: Invoker, file: string, load: () => Promise<{ handler: unknown }>): StackFunction {
  return { invokedBy, handler: `functions/${file}.handler`, load: async () => (await load()).handler as Handler };
}

export const FUNCTIONS = {
  validateRequest: fn('onboarding', 'onboarding/validate-request', () => import('./onboarding/validate-request')),
  recordStatus: fn('onboarding', 'onboarding/record-status', () => import('./onboarding/record-status')),
  resolveCluster: fn('onboarding', 'onboarding/resolve-cluster', () => import('./onboarding/resolve-cluster')),
  ensureDataplaneRole: fn('onboarding', 'onboarding/ensure-dataplane-role', () => import('./onboarding/ensure-dataplane-role')),
  publishRoleArn: fn('onboarding', 'onboarding/publish-role-arn', () => import('./onboarding/publish-role-arn')),
  planVerification: fn('verification', 'verification/plan-verification', () => import('./verification/plan-verification')),
  summarizeVerification: fn('verification', 'verification/summarize-verification', () => import('./verification/summarize-verification')),
  attemptAssume: fn('connection-verification', 'connection-verification/attempt-assume', () => import('./connection-verification/attempt-assume')),
  diagnoseDenial: fn('connection-verification', 'connection-verification/diagnose-denial', () => import('./connection-verification/diagnose-denial')),
  recordAttempt: fn('connection-verification', 'connection-verification/record-attempt', () => import('./connection-verification/record-attempt')),
  startFromEvent: fn('EventBridge', 'events/start-from-event', () => import('./events/start-from-event')),
  statusApi: fn('API Gateway', 'api/status-api', () => import('./api/status-api')),
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
