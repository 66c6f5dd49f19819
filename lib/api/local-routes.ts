// Routes only a local stack serves, under /_local/ (the deployed API has no such path): what the CLI
// needs of a running local stack beyond the status API — its status table, StartExecution and
// executions' histories, its event bus, and the customers' side of the sandbox. Each is a POST of a
// JSON body answered with JSON: { result } or { error: { name, message } }.
import type { LocalEnvironment } from '../local/local-environment';
import { putLocalEvents, localBusName } from '../local/local-event-bus';
import { InvalidEntries, parseEntries } from '../events/put-events-entries';
import type { WorkflowKind } from '../ports';

export const LOCAL_PREFIX = '/_local/';

export interface LocalStackInfo {
  scenario: string;
  account: string;
  region: string;
  busName: string;
  /** The stack's clock (it runs ahead by the polling waits it skipped). */
  now: string;
  stateDir?: string;
}

export interface LocalAnswer {
  statusCode: number;
  body: { result: unknown } | { error: { name: string; message: string } };
}

/** A client's mistake: 400 unless told, with a message that says what was wrong. */
export class LocalRequestError extends Error {
  constructor(
    readonly statusCode: number,
    name: string,
    message: string,
  ) {
    super(message);
    this.name = name;
  }
}

type Args = Record<string, unknown>;

function text(args: Args, key: string): string {
  const value = args[key];
  if (typeof value !== 'string' || value.length === 0) throw new LocalRequestError(400, 'BadRequest', `${key}: required, a non-empty string`);
  return value;
}

function policy(args: Args, key: string): Record<string, unknown> {
  const value = args[key];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new LocalRequestError(400, 'BadRequest', `${key}: required, a JSON policy document (an object)`);
  return value as Record<string, unknown>;
}

function kind(args: Args): WorkflowKind {
  const value = args.kind;
  if (value !== 'onboarding' && value !== 'verification') throw new LocalRequestError(400, 'BadRequest', 'kind: onboarding or verification');
  return value;
}

/** IAM's own refusals (NoSuchEntity, EntityAlreadyExists, MalformedPolicyDocument...) keep their name and message. */
function iamStatus(error: Error): number {
  if (error.name === 'NoSuchEntityException' || error.name === 'NoSuchEntity') return 404;
  if (error.name === 'EntityAlreadyExistsException' || error.name === 'EntityAlreadyExists') return 409;
  return 400;
}

function customerSide<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    const e = error as Error & { $metadata?: unknown };
    if (!e.$metadata) throw error;
    throw new LocalRequestError(iamStatus(e), e.name, e.message);
  }
}

/** Calls a port's method by name with JSON arguments; undefined comes back as null. */
async function forward(port: object, args: Args): Promise<unknown> {
  const method = text(args, 'method');
  const fn = Object.hasOwn(Object.getPrototypeOf(port) ?? {}, method) || Object.hasOwn(port, method) ? (port as Record<string, unknown>)[method] : undefined;
  if (typeof fn !== 'function' || method === 'constructor') throw new LocalRequestError(400, 'BadRequest', `method: ${method} is not an operation of this port`);
  if (!Array.isArray(args.args)) throw new LocalRequestError(400, 'BadRequest', 'args: required, an array');
  return ((await (fn as (...a: unknown[]) => Promise<unknown>).apply(port, args.args)) ?? null) as unknown;
}

export function localRoutes(env: LocalEnvironment, info: { stateDir?: string } = {}) {
  const store = env.adapters().statusStore;
  const executions = env.executionRecords();
  const starter = env.starter();
  const operations: Record<string, (args: Args) => Promise<unknown>> = {
    stack: async (): Promise<LocalStackInfo> => ({
      scenario: env.sandbox.scenarioName ?? '(none)',
      account: env.account,
      region: env.config.region,
      busName: localBusName(env),
      now: new Date(env.clock.now()).toISOString(),
      ...(info.stateDir ? { stateDir: info.stateDir } : {}),
    }),
    // The CLI's support commands run against a local stack as against a deployed one: through the
    // status store and execution records ports, each call forwarded here.
    'status-store': async (args) => forward(store, args),
    'executions/start': async (args) => starter.start(kind(args), text(args, 'name'), args.input),
    'executions/wait': async (args) => {
      const result = await env.finished(text(args, 'executionArn'));
      if (!result) throw new LocalRequestError(404, 'ExecutionDoesNotExist', `no execution ${String(args.executionArn)} was started on this stack`);
      return { status: result.status === 'SUCCEEDED' ? 'SUCCEEDED' : result.error === 'States.Aborted' ? 'ABORTED' : 'FAILED' };
    },
    'execution-records': async (args) => forward(executions, args),
    'events/sent': async () => env.sandbox.sentEvents(env.config.outboundEventBusName),
    'events/put': async (args) => {
      try {
        return await putLocalEvents(env, parseEntries(args.entries));
      } catch (error) {
        if (error instanceof InvalidEntries) throw new LocalRequestError(400, error.name, error.message);
        throw error;
      }
    },
    'customer/create-role': async (args) =>
      customerSide(() =>
        env.sandbox.addRole(
          { name: text(args, 'roleName'), trustPolicy: policy(args, 'trustPolicy'), ...(typeof args.description === 'string' ? { description: args.description } : {}) },
          text(args, 'accountId'),
        ),
      ),
    'customer/set-trust-policy': async (args) =>
      customerSide(() => env.sandbox.updateTrustPolicy(text(args, 'roleName'), policy(args, 'trustPolicy'), text(args, 'accountId'))),
    'customer/delete-role': async (args) =>
      customerSide(() => {
        env.sandbox.deleteRole(text(args, 'roleName'), text(args, 'accountId'));
        return null;
      }),
    // What the account manager has been sent and not yet received (role ARNs and trust-policy templates, no secrets).
    'account-manager-queue': async () => env.queueMessages().map((m) => ({ messageId: m.messageId, groupId: m.groupId, sentAt: m.sentAt.toISOString(), body: m.body })),
    'customer/get-role': async (args) => env.sandbox.getRole(text(args, 'roleName'), text(args, 'accountId')) ?? null,
  };

  return async (method: string, path: string, body: string | undefined): Promise<LocalAnswer> => {
    const name = path.slice(LOCAL_PREFIX.length);
    const operation = Object.hasOwn(operations, name) ? operations[name] : undefined;
    if (!operation) return { statusCode: 404, body: { error: { name: 'NotFound', message: `no local route ${path}; local routes: ${Object.keys(operations).map((o) => LOCAL_PREFIX + o).join(', ')}` } } };
    if (method !== 'POST') return { statusCode: 405, body: { error: { name: 'MethodNotAllowed', message: `${path} takes POST with a JSON body` } } };
    let args: Args;
    try {
      const parsed: unknown = body === undefined || body === '' ? {} : JSON.parse(body);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      args = parsed as Args;
    } catch {
      return { statusCode: 400, body: { error: { name: 'BadRequest', message: 'the body must be a JSON object' } } };
    }
    try {
      return { statusCode: 200, body: { result: await operation(args) } };
    } catch (error) {
      if (error instanceof LocalRequestError) return { statusCode: error.statusCode, body: { error: { name: error.name, message: error.message } } };
      throw error;
    }
  };
}
