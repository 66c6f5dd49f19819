// The events the workflow sends on its bus, end to end on the sandbox: the real state machines and
// handlers, EventBridge as the sandbox keeps what was put on it. Exactly one event per change of
// state, also when every recording step is delivered twice or dies between its write and its send;
// never an External ID.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { LocalEnvironment } from '../../lib/local/local-environment';
import { loadScenario } from '../../lib/sandbox';
import { deliveredEvent, type SentEvent } from '../../lib/sandbox/eventbridge';
import { SENT_EVENT_SCHEMA_FILES } from '../../lib/docs/event-schemas';

/** Room for the five attempts the fixed-later scenario takes; a never-fixed connection stops after six. */
const SHORT = { firstRetrySeconds: 60, maxIntervalSeconds: 3600, deadlineSeconds: 3600 };
const BUS = 'tenant-dataplane-onboarding-local';
const RECORDING_FUNCTIONS = ['recordStatus', 'recordAttempt'];

let env: LocalEnvironment | undefined;
afterEach(async () => {
  // Whatever a test checked, everything it sent must match the published schemas.
  if (env) expectPublishedShapes(env.sandbox.sentEvents());
  await env?.close();
  env = undefined;
});

// The published JSON Schemas (docs/events/sent), read by an independent validator: what consumers are promised.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validators = Object.fromEntries(
  Object.entries(SENT_EVENT_SCHEMA_FILES).map(([detailType, file]) => [
    detailType,
    ajv.compile(JSON.parse(readFileSync(path.resolve(__dirname, '../..', file), 'utf8'))),
  ]),
);

/** Every event sent is what its published schema says. */
function expectPublishedShapes(sent: SentEvent[]): void {
  for (const e of sent) {
    const validate = validators[e.detailType];
    expect(validate).toBeDefined();
    expect(validate!(deliveredEvent(e)) ? [] : validate!.errors).toEqual([]);
  }
}

async function onboardWith(scenarioName: string, options: { deliverTwice?: string[]; input?: Record<string, unknown> } = {}) {
  const scenario = loadScenario(path.resolve(__dirname, '../../scenarios', `${scenarioName}.json`));
  env = await LocalEnvironment.start(scenario);
  const input = options.input ?? { tenantId: 'acme', clusterName: 'acme-prod', targetRoles: env.sandbox.connections, schedule: SHORT };
  await env.onboard(input, options.deliverTwice ? { deliverTwice: options.deliverTwice } : {});
  return { sent: env.sandbox.sentEvents(BUS), sandbox: env.sandbox };
}

/** Onboards with the scenario's connections; once verification starts, the next `times` puts on EventBridge fail. */
async function onboardWithPutsFailingOnceVerifying(scenarioName: string, times: number) {
  const local = await LocalEnvironment.start(loadScenario(path.resolve(__dirname, '../../scenarios', `${scenarioName}.json`)));
  env = local;
  let injected = false;
  const onEvent = (e: any) => {
    if (!injected && e.type === 'StateEntered' && e.state?.name === 'Attempt Assume') {
      injected = true;
      local.sandbox.injectFault({ service: 'events', operation: 'PutEvents', error: 'ThrottlingException', times });
    }
  };
  const result = await local.onboard({ tenantId: 'acme', clusterName: 'acme-prod', targetRoles: local.sandbox.connections, schedule: SHORT }, { onEvent });
  return { result, local };
}

/** Each event as a line: detail type, connection and what it says. */
function summary(sent: SentEvent[]): string[] {
  return sent.map((e) => {
    const d = e.detail as Record<string, any>;
    const what = e.detailType === 'ConnectionActionRequired' ? ` ${d.state} ${d.code} (${d.side})` : e.detailType === 'OnboardingFailed' ? ` ${d.status}` : '';
    return `${e.detailType}${d.connectionId ? ` ${d.connectionId}` : ''}${what}`;
  });
}

describe('outbound events', () => {
  it('a customer who fixes a wrong External ID: role ready, action required once (not at each denial), then verified', async () => {
    // Act
    const { sent, sandbox } = await onboardWith('verify-wrong-external-id-fixed-later');

    // Assess
    expect(summary(sent)).toEqual([
      'DataplaneRoleReady',
      'ConnectionActionRequired acme-data-lake VERIFYING TRUST_POLICY_DENIED (customer)',
      'ConnectionVerified acme-data-lake',
    ]);
    for (const e of sent) expect(e).toMatchObject({ source: 'tenant-dataplane-onboarding', busName: BUS, account: '111111111111' });
    const [ready, action, verified] = sent.map((e) => e.detail as Record<string, any>);
    expect(ready).toMatchObject({ tenantId: 'acme', roleArn: 'arn:aws:iam::111111111111:role/acme-dataplane-role', externalIdPlaceholder: '<EXTERNAL_ID_YOU_CHOOSE>' });
    expect(ready!.customerTrustPolicy.Statement[0].Principal).toEqual({ AWS: 'arn:aws:iam::111111111111:role/acme-dataplane-role' });
    expect(action).toMatchObject({ attempt: 3, fix: expect.any(String), nextAttemptAt: expect.any(String), pollingEndsAt: expect.any(String) });
    expect(Date.parse(action!.pollingEndsAt)).toBeGreaterThan(Date.parse(action!.nextAttemptAt));
    expect(verified).toMatchObject({ attempt: 5, externalId: { length: 15, fingerprint: '573761e6' }, verifiedAt: expect.any(String) });
    for (const d of [ready, action, verified]) expect(d!.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // The External ID itself never: only its length and fingerprint.
    const externalId = sandbox.connections[0]!.externalId;
    expect(JSON.stringify(sent)).not.toContain(externalId);
    // The published schema says so too: it refuses an event that carries one.
    const leaking = deliveredEvent({ ...sent[2]!, detail: { ...(sent[2]!.detail as object), externalId } });
    expect(validators.ConnectionVerified!(leaking)).toBe(false);
  });

  it('the same events when every recording step is delivered twice', async () => {
    // Act
    const once = summary((await onboardWith('verify-wrong-external-id-fixed-later')).sent);
    await env!.close();
    env = undefined;
    const twice = await onboardWith('verify-wrong-external-id-fixed-later', { deliverTwice: RECORDING_FUNCTIONS });

    // Assess
    expect(summary(twice.sent)).toEqual(once);
    expect(twice.sandbox.callsTo('events', 'PutEvents')).toHaveLength(3);
  });

  it('EventBridge failing while polling goes on: the connection keeps polling, and the next attempt announces the change', async () => {
    // Act: once verification starts, the next put fails (locally the SDK does not retry it; in AWS its
    // own three tries come first).
    const { result, local } = await onboardWithPutsFailingOnceVerifying('verify-wrong-external-id-fixed-later', 1);

    // Assess: the denial of attempt 3 is announced by attempt 4; the verification goes on to the end.
    expect(result.status).toBe('SUCCEEDED');
    const sent = local.sandbox.sentEvents(BUS);
    expect(summary(sent)).toEqual([
      'DataplaneRoleReady',
      'ConnectionActionRequired acme-data-lake VERIFYING TRUST_POLICY_DENIED (customer)',
      'ConnectionVerified acme-data-lake',
    ]);
    expect((sent[1]!.detail as Record<string, unknown>).attempt).toBe(4);
    expect(local.sandbox.callsTo('events', 'PutEvents').filter((c) => c.error === 'ThrottlingException')).toHaveLength(1);
  });

  it('EventBridge failing when polling stops: the step is retried, finds the change it recorded, and sends it once', async () => {
    // Act: the connection verifies at its first attempt, so polling stops there; its first two sends
    // fail (the step's two retries get past them).
    const { result, local } = await onboardWithPutsFailingOnceVerifying('trust-not-pinned', 2);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(summary(local.sandbox.sentEvents(BUS))).toEqual(['DataplaneRoleReady', 'ConnectionVerified acme-data-lake']);
    expect(local.sandbox.callsTo('events', 'PutEvents').filter((c) => c.error === 'ThrottlingException')).toHaveLength(2);
    expect(await local.status('acme')).toMatchObject({ verification: { state: 'VERIFIED' } });
  });

  it('a connection never fixed: action required while polling, then again when polling stops', async () => {
    const { sent } = await onboardWith('verify-missing-role');
    expect(summary(sent)).toEqual([
      'DataplaneRoleReady',
      'ConnectionActionRequired acme-data-lake VERIFYING TRUST_POLICY_DENIED (customer)',
      'ConnectionActionRequired acme-data-lake ACTION_REQUIRED TRUST_POLICY_DENIED (customer)',
    ]);
    const stopped = sent[2]!.detail as Record<string, unknown>;
    expect(stopped).not.toHaveProperty('nextAttemptAt');
    expect(stopped).not.toHaveProperty('pollingEndsAt');
  });

  it('a trust not pinned: verified, the warning carried on the event', async () => {
    const { sent } = await onboardWith('trust-not-pinned');
    expect(summary(sent)).toEqual(['DataplaneRoleReady', 'ConnectionVerified acme-data-lake']);
    expect((sent[1]!.detail as Record<string, any>).warnings).toEqual([expect.objectContaining({ code: 'TRUST_NOT_PINNED', side: 'customer' })]);
  });

  it('onboarding that fails, and a request that is refused: OnboardingFailed once, with why', async () => {
    // Act
    const failed = await onboardWith('missing-oidc-provider', { input: { tenantId: 'acme', clusterName: 'acme-prod' } });
    const failedEvents = summary(failed.sent);
    const failedDetail = failed.sent[0]?.detail as Record<string, any>;
    await env!.close();
    env = undefined;
    const refused = await onboardWith('demo', { input: { tenantId: 'acme', clusterName: 'not a cluster name' }, deliverTwice: RECORDING_FUNCTIONS });

    // Assess
    expect(failedEvents).toEqual(['OnboardingFailed FAILED']);
    expect(failedDetail).toMatchObject({ tenantId: 'acme', status: 'FAILED', error: { name: 'OidcProviderMissing' } });
    expect(summary(refused.sent)).toEqual(['OnboardingFailed INVALID_REQUEST']);
    expect((refused.sent[0]!.detail as Record<string, any>).error.problems).toEqual([expect.objectContaining({ field: 'clusterName' })]);
  });
});
