// `onboard`: the onboarding state machine run with the real handlers on the embedded sandbox, state by
// state, then the status record and the account manager's message (and, asked, verification and the
// local status API).
import type { LocalEnvironment } from '../local/local-environment';
import { progressPrinter, verificationTicker } from './progress';
import { formatStatus } from './support';
import { Io, output, statusJson } from './output';
import { storeConnectionsFirst } from '../domain/verification/stored-connections';
import { isValidTenantId } from '../domain/onboarding/onboarding-request';
import { EXIT_FAILED, EXIT_OK } from './exit-codes';
import { readScenario } from './scenario-file';

export interface OnboardOptions {
  tenant: string;
  cluster: string;
  namespace?: string;
  serviceAccount?: string;
  identity?: string;
  scenario: string;
  createOidcProvider?: boolean;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  verify?: boolean;
  serve?: boolean;
  port?: string;
}

export async function onboard(options: OnboardOptions, io: Io): Promise<number> {
  const scenario = await readScenario(options.scenario);
  const say = options.json ? io.err : io.out;
  const show = output(io, options);

  const input: Record<string, unknown> = { tenantId: options.tenant, clusterName: options.cluster };
  if (options.namespace !== undefined) input.namespace = options.namespace;
  if (options.serviceAccount !== undefined) input.serviceAccount = options.serviceAccount;
  if (options.identity !== undefined) input.identity = options.identity;
  const { LocalEnvironment } = await import('../local/local-environment');
  const env = await LocalEnvironment.start(scenario, { createOidcProvider: options.createOidcProvider });
  try {
    // The scenario's customer connections are the tenant's target roles, verified once the role is
    // ready. As the event starter does, they are stored first and the execution gets references only,
    // so no execution input or history holds their External IDs. Nothing is stored under a tenant id
    // onboarding would refuse (Validate Request then says why).
    const connections = options.verify === false || !isValidTenantId(options.tenant) ? [] : env.sandbox.connections;
    if (connections.length > 0) {
      const at = new Date(env.clock.now()).toISOString();
      const { references } = await storeConnectionsFirst(env.adapters().statusStore, options.tenant, connections, { at, by: 'onboarding-cli' });
      input.targetRoles = references;
    }
    show.progress(`Onboarding tenant "${options.tenant}" on EKS cluster "${options.cluster}" (scenario: ${scenario.name})`);
    const progress = progressPrinter(show.progress);
    // A long verification runs for seconds of real time with nothing new to print: say it is alive.
    const ticker = options.quiet ? undefined : verificationTicker(io.err, { clock: env.clock.now });
    // The account manager's message as sent: a long local verification skips days, past SQS retention.
    let published: ReturnType<LocalEnvironment['queueMessages']> = [];
    let result: Awaited<ReturnType<LocalEnvironment['onboard']>>;
    try {
      result = await env.onboard(input, {
        onEvent: (event, from) => {
          if (event.type === 'StateExited' && event.state.name === 'Publish Role Arn') published = env.queueMessages();
          progress(event, from);
          ticker?.onEvent(event, from);
        },
      });
    } finally {
      ticker?.stop();
    }
    const status = await env.status(options.tenant).catch(() => undefined);

    show.json(status ? statusJson(status) : { tenantId: options.tenant, status: 'NOT_RECORDED', error: { name: result.error, message: result.cause } });
    show.progress('');
    if (status) formatStatus(status, undefined, `Status ${status.status}: ${status.summary}`).forEach(show.text);
    else show.text(`No status was recorded (${result.error}: ${result.cause})`);
    const message = published.at(-1);
    if (message && !options.json) {
      show.progress('');
      show.progress(`Account-manager queue: ${published.length} message(s); the latest, as the account manager received it:`);
      show.progress(JSON.stringify(JSON.parse(message.body), null, 2));
    }
    if (options.serve) await serve(env, Number(options.port ?? '0'), options.tenant, say);
    if (result.status !== 'SUCCEEDED') {
      io.err(`onboarding failed: ${result.error}: ${status?.error?.message ?? result.cause}`);
      return EXIT_FAILED;
    }
    if (status?.verification && status.verification.state !== 'VERIFIED') {
      io.err(`the dataplane role is ready, but verification ended ${status.verification.state}: ${status.verification.summary}`);
      return EXIT_FAILED;
    }
    return EXIT_OK;
  } finally {
    await env.close();
  }
}

/** Keeps the sandbox and the status API up until the process is interrupted. */
export async function serve(env: LocalEnvironment, port: number, tenant: string, say: (line: string) => void): Promise<void> {
  say('');
  const { startLocalApi } = await import('../api/local-server');
  const api = await startLocalApi(env, port, { announce: say });
  say(`The sandbox stays up until Ctrl-C. Try:`);
  say(`  curl -s ${api.url}/tenants/${encodeURIComponent(tenant)}/status`);
  say(`  curl -s -X POST ${api.url}/tenants/${encodeURIComponent(tenant)}/verifications`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await api.close();
}

