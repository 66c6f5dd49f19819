// A burst of tenants created at once (a migration, a replay of the event archive), run locally: N
// TenantCreated events go through the event starter (lib/events/handle-event.ts), at most as many at a
// time as its reserved concurrency allows, into the real onboarding state machine with the real
// handlers, on a sandbox whose IAM throttles writes with its token bucket. What it reports is what
// support would ask afterwards: did every tenant get its role, one message and a final status?
import { randomUUID } from 'node:crypto';
import { handleEvent } from '../events/handle-event';
import { DETAIL_TYPES, EVENT_SOURCE } from '../events/schemas';
import { parseScenario, rateLimitedApi, type RateLimit, type Scenario } from '../sandbox';
import { LocalEnvironment } from './local-environment';
import type { LocalRunResult } from './local-state-machine';

/** The event starter's reserved concurrency in serverless.yml (functions.startFromEvent). */
export const STARTER_RESERVED_CONCURRENCY = 5;

export interface BurstOptions {
  tenants: number;
  /** The vendor account's IAM write bucket; the sandbox's default when absent. */
  iamWrites?: RateLimit;
  /** How many times faster than the system clock the run's clock goes (retries wait their delays divided by it). */
  timeScale?: number;
  /** The starter's concurrency: events handled at once. */
  starterConcurrency?: number;
  /** Told as tenants reach a final state (for progress on long runs). */
  onProgress?: (done: number, total: number) => void;
  /** Faults to inject, as a scenario lists them (e.g. the next N CreateRole calls throttled). */
  faults?: Scenario['faults'];
}

export interface BurstResult {
  tenants: number;
  roleReady: number;
  failed: number;
  /** Tenants without a role, a queue message or a final status. */
  lost: number;
  /** On the sandbox clock, from the first event to the last execution's end. */
  seconds: number;
  iamWriteRateLimit: number;
  /** IAM writes IAM carried (throttled calls excluded) per simulated second. */
  achievedIamWriteRate: number;
  iamWrites: number;
  iamThrottled: number;
  /** Executions that ended SUCCEEDED / FAILED, and the errors the failed ones ended with (name: count). */
  executions: { succeeded: number; failed: number; errors: Record<string, number> };
  /** Tenants with more than one message on the account-manager queue. */
  duplicateMessages: number;
  /** Final status by tenant, for the ones not ROLE_READY. */
  notReady: Record<string, string>;
}

export const burstTenantId = (i: number) => `burst-${String(i + 1).padStart(4, '0')}`;

/** The vendor's world for a burst: one cluster (with its OIDC provider) per tenant, quotas at AWS's maxima. */
export function burstScenario(options: Pick<BurstOptions, 'tenants' | 'iamWrites' | 'faults'>): Scenario {
  return parseScenario(
    {
      name: 'burst',
      description: `${options.tenants} tenants created at once`,
      vendor: { accountId: '111111111111', region: 'eu-west-1' },
      clusters: Array.from({ length: options.tenants }, (_, i) => ({ name: `${burstTenantId(i)}-prod`, oidcProviderExists: true })),
      quotas: { rolesPerAccount: 5000, oidcProvidersPerAccount: Math.max(100, options.tenants) },
      ...(options.iamWrites ? { rateLimits: { iamWrites: options.iamWrites } } : {}),
      ...(options.faults ? { faults: options.faults } : {}),
    },
    'burst',
  );
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** Runs at most `limit` of the tasks at once, in order. */
async function withConcurrency<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export async function runBurst(options: BurstOptions): Promise<BurstResult> {
  const scenario = burstScenario(options);
  const env = await LocalEnvironment.start(scenario, options.timeScale !== undefined ? { timeScale: options.timeScale } : {});
  try {
    const { sandbox } = env;
    const deps = {
      starter: env.starter(),
      deadLetters: env.adapters().deadLetters,
      statusStore: env.adapters().statusStore,
      now: () => new Date(env.clock.now()),
    };
    const tenantIds = Array.from({ length: options.tenants }, (_, i) => burstTenantId(i));
    const startedAt = env.clock.now();
    const callsBefore = sandbox.calls.length;
    const executions: Promise<LocalRunResult | undefined>[] = [];
    let done = 0;
    await withConcurrency(tenantIds, options.starterConcurrency ?? STARTER_RESERVED_CONCURRENCY, async (tenantId) => {
      const event = {
        version: '0',
        id: randomUUID(),
        'detail-type': DETAIL_TYPES[0],
        source: EVENT_SOURCE,
        account: env.account,
        time: new Date(env.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: env.config.region,
        resources: [],
        detail: { tenantId, clusterName: `${tenantId}-prod` },
      };
      const outcome = await handleEvent(event, deps);
      if (!outcome.started) throw new Error(`the event for ${tenantId} started nothing: ${JSON.stringify(outcome)}`);
      executions.push(
        env.finished(outcome.executionArn).then((result) => {
          done += 1;
          options.onProgress?.(done, tenantIds.length);
          return result;
        }),
      );
    });
    const results = await Promise.all(executions);
    const seconds = (env.clock.now() - startedAt) / 1000;

    const statuses = await Promise.all(tenantIds.map((id) => env.status(id)));
    const messages = env.queueMessages();
    const messagesByTenant = new Map<string, number>();
    for (const m of messages) messagesByTenant.set(m.groupId ?? '', (messagesByTenant.get(m.groupId ?? '') ?? 0) + 1);
    const notReady: Record<string, string> = {};
    let roleReady = 0;
    let failed = 0;
    let lost = 0;
    tenantIds.forEach((id, i) => {
      const status = statuses[i]?.status;
      if (status === 'ROLE_READY') roleReady += 1;
      else notReady[id] = status ?? '(none)';
      if (status === 'FAILED') failed += 1;
      const final = status === 'ROLE_READY' || status === 'FAILED' || status === 'INVALID_REQUEST';
      if (!sandbox.getRole(`${id}-dataplane-role`) || !messagesByTenant.has(id) || !final) lost += 1;
    });
    const writes = sandbox.calls.slice(callsBefore).filter((c) => c.service === 'iam' && rateLimitedApi('iam', c.operation) === 'iamWrites');
    const iamThrottled = writes.filter((c) => c.error === 'Throttling').length;
    const carried = writes.length - iamThrottled;
    const limit = sandbox.rateLimitsInForce.iamWrites;
    return {
      tenants: options.tenants,
      roleReady,
      failed,
      lost,
      seconds: Math.round(seconds * 10) / 10,
      iamWriteRateLimit: limit.perSecond,
      achievedIamWriteRate: seconds > 0 ? Math.round((carried / seconds) * 100) / 100 : 0,
      iamWrites: carried,
      iamThrottled,
      executions: {
        succeeded: results.filter((r) => r?.status === 'SUCCEEDED').length,
        failed: results.filter((r) => r?.status !== 'SUCCEEDED').length,
        errors: countBy(results.filter((r) => r?.status !== 'SUCCEEDED').map((r) => `${r?.error ?? 'unknown'}: ${(r?.cause ?? '').slice(0, 300)}`)),
      },
      duplicateMessages: [...messagesByTenant.values()].filter((n) => n > 1).length,
      notReady,
    };
  } finally {
    await env.close();
  }
}
