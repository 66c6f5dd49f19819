// `onboarding start` (npm start): starts a local stack, or continues the one saved in its state folder,
// onboards the demo tenant if the stack does not have it yet, and serves the status API and the CLI's
// local routes until Ctrl-C. A stack already running from the same folder is reused, not doubled.
import path from 'node:path';
import { startLocalApi, type LocalApi } from '../api/local-server';
import { localRoutes } from '../api/local-routes';
import { storeConnectionsFirst } from '../domain/verification/stored-connections';
import { LocalStack, StateDirError } from '../local/local-stack';
import { announceStack, defaultStateDir, runningStack, withdrawStack } from '../local/stack-file';
import { localBusName } from '../local/local-event-bus';
import { progressPrinter } from './progress';
import { checkPortFree, parsePort } from './port';
import { formatStatus } from './support';
import { UsageError } from './usage-error';

export interface StartOptions {
  stateDir?: string;
  port: string;
  scenario: string;
  tenant: string;
  cluster: string;
}

export interface StartIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Resolves when the stack is to stop: Ctrl-C (SIGINT) or SIGTERM by default. */
  stopped?: Promise<void>;
}

function signalled(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function startStack(options: StartOptions, io: StartIo): Promise<number> {
  const port = parsePort(options.port);
  const stateDir = path.resolve(options.stateDir ?? defaultStateDir());
  const relative = shown(stateDir);
  const running = runningStack(stateDir);
  if (running) {
    io.out(`A local stack is already running from ${relative} (pid ${running.pid}) at ${running.url}: the CLI uses it.`);
    usage(io.out, running.url, options.tenant, stateDir);
    return 0;
  }
  await checkPortFree(port);
  const stopped = io.stopped ?? signalled();
  let stack: LocalStack;
  try {
    stack = await LocalStack.open({ stateDir, scenarioFile: options.scenario });
  } catch (error) {
    if (error instanceof StateDirError) throw new UsageError(error.message);
    throw error;
  }
  let api: LocalApi | undefined;
  try {
    const { env } = stack;
    io.out(
      stack.resumed
        ? `Continuing the local stack saved in ${relative} (scenario ${stack.scenario.name}).`
        : `New local stack in ${relative} (scenario ${stack.scenario.name}); \`onboarding reset\` deletes it.`,
    );
    api = await startLocalApi(env, port, { announce: io.out, localRoutes: localRoutes(env, { stateDir }) });
    announceStack(stateDir, { pid: process.pid, url: api.url, startedAt: new Date().toISOString() });

    const known = await env.status(options.tenant);
    if (known) {
      io.out('');
      io.out(`Tenant ${options.tenant} is onboarded already; not onboarding it again.`);
      formatStatus(known).forEach((line) => io.out(line));
    } else {
      const onboarding = onboardDemoTenant(stack, options, io.out);
      onboarding.catch(() => undefined);
      await Promise.race([onboarding, stopped]);
    }
    stack.save();
    io.out('');
    usage(io.out, api.url, options.tenant, stateDir, localBusName(env));
    io.out('');
    io.out('The stack keeps running until Ctrl-C; `npm start` again continues where it stopped.');
    await stopped;
    io.out('Stopping the local stack (its state is saved).');
    return 0;
  } finally {
    withdrawStack(stateDir);
    await api?.close();
    await stack.close();
  }
}

async function onboardDemoTenant(stack: LocalStack, options: StartOptions, say: (line: string) => void): Promise<void> {
  const { env } = stack;
  const input: Record<string, unknown> = { tenantId: options.tenant, clusterName: options.cluster };
  // As `onboard` does: the scenario's connections are stored first and onboarding gets references.
  const connections = env.sandbox.connections;
  if (connections.length > 0) {
    const at = new Date(env.clock.now()).toISOString();
    const { references } = await storeConnectionsFirst(env.adapters().statusStore, options.tenant, connections, { at, by: 'onboarding-cli' });
    input.targetRoles = references;
  }
  say('');
  say(`Onboarding tenant "${options.tenant}" on EKS cluster "${options.cluster}"`);
  const progress = progressPrinter(say);
  const { executionArn } = await env.starter({ onEvent: progress }).start('onboarding', `onboard-${options.tenant}-local-${Date.now()}`, input);
  await env.finished(executionArn);
  const status = await env.status(options.tenant);
  say('');
  if (status) formatStatus(status, undefined, `Status ${status.status}: ${status.summary}`).forEach((line) => say(line));
  const messages = env.queueMessages();
  say(`Account-manager queue: ${messages.length} message(s).`);
}

/** A folder as a person would type it: relative when it is under the current one. */
function shown(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? dir : relative;
}

function usage(say: (line: string) => void, url: string, tenant: string, stateDir: string, bus = 'tenant-dataplane-onboarding-local'): void {
  const dir = path.resolve(stateDir) === defaultStateDir() ? '' : ` --state-dir ${shown(stateDir)}`;
  say(`Use it from another terminal (the CLI finds the running stack${dir ? ' with' + dir : ''}):`);
  say(`  npx onboarding status ${tenant}${dir}`);
  say(`  npx onboarding history ${tenant}${dir}`);
  say(`  npx onboarding verify ${tenant}${dir}`);
  say(`  npx onboarding events put docs/examples/target-role-configured.entries.json${dir}    # on bus ${bus}`);
  say(`  npx onboarding customer create-role --account 222222222222 --role NAME --trust-policy FILE${dir}`);
  say(`  curl -s ${url}/tenants/${encodeURIComponent(tenant)}/status`);
}
