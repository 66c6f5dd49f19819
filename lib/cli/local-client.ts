// The CLI's side of a running local stack: its loopback endpoint's /_local/ routes
// (lib/api/local-routes.ts), and the support target the status, verify and history commands use.
import type { ExecutionRecords, StatusStore } from '../ports';
import type { LocalStackInfo } from '../api/local-routes';
import type { SupportTarget } from './support';

/** The stack refused the request (a bad argument, an unknown role...): its name and message. */
export class LocalStackRefusal extends Error {
  constructor(
    readonly statusCode: number,
    name: string,
    message: string,
  ) {
    super(message);
    this.name = name;
  }
}

export class LocalStackUnreachable extends Error {}

export class LocalStackClient {
  constructor(readonly url: string) {}

  async call<T = unknown>(operation: string, args: Record<string, unknown> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.url}/_local/${operation}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
    } catch (error) {
      throw new LocalStackUnreachable(`the local stack at ${this.url} does not answer (${((error as Error).cause as Error | undefined)?.message ?? (error as Error).message}): start it with npm start`);
    }
    const answer = (await response.json().catch(() => ({}))) as { result?: T; error?: { name: string; message: string } };
    if (!response.ok || answer.error) {
      throw new LocalStackRefusal(response.status, answer.error?.name ?? `HTTP ${response.status}`, answer.error?.message ?? 'no reason given');
    }
    return answer.result as T;
  }

  info(): Promise<LocalStackInfo> {
    return this.call<LocalStackInfo>('stack');
  }
}

/** A port whose every method is a call to the stack's own adapter of that port; null answers are undefined. */
function forwardedPort<T extends object>(client: LocalStackClient, operation: string): T {
  return new Proxy({} as T, {
    get: (_target, method) =>
      typeof method === 'string' && method !== 'then'
        ? async (...args: unknown[]) => (await client.call(operation, { method, args })) ?? undefined
        : undefined,
  });
}

/** The running local stack, as status, verify and history reach a deployed one. */
export async function localStackTarget(client: LocalStackClient): Promise<SupportTarget & { info: LocalStackInfo }> {
  const info = await client.info();
  // The stack's clock runs ahead of ours by the polling waits it skipped.
  const offsetMs = Date.parse(info.now) - Date.now();
  return {
    info,
    where: 'on the local stack',
    statusStore: forwardedPort<StatusStore>(client, 'status-store'),
    executions: forwardedPort<ExecutionRecords>(client, 'execution-records'),
    starter: {
      start: (kind, name, input) => client.call('executions/start', { kind, name, input }),
    },
    now: () => new Date(Date.now() + offsetMs),
    waitFor: async (executionArn, onStatus) => {
      onStatus('RUNNING');
      const { status } = await client.call<{ status: string }>('executions/wait', { executionArn });
      onStatus(status);
      return status;
    },
    close: async () => undefined,
  };
}
