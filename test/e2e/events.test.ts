// Automatic onboarding end to end on the sandbox: an EventBridge event, as Lambda receives it, goes
// through the starter (lib/events/handle-event.ts) into the real state machines with the real handlers
// (the local StartExecution of LocalEnvironment), and the tenant's status says what happened.
import path from 'node:path';
import { executionName } from '../../lib/domain/execution-names';
import { COMPLAINT_START_TIME, EventOutcome, handleEvent } from '../../lib/events/handle-event';
import { LocalEnvironment } from '../../lib/local/local-environment';
import type { EventLog } from '../../lib/local/local-state-machine';
import type { DeadLetters, StartedExecution, WorkflowStarter } from '../../lib/ports';
import { loadScenario } from '../../lib/sandbox';
import { readFixture } from '../support/fixtures';

const event = (name: string): Record<string, any> => readFixture('events', name);
const TARGET = 'arn:aws:iam::222222222222:role/qualytics-s3-read';

let env: LocalEnvironment | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

/** The sandbox for verify-correct-setup, a starter that remembers what it answered, and a dead-letter queue in memory. */
async function setUp() {
  const local = await LocalEnvironment.start(loadScenario(path.resolve(__dirname, '../../scenarios/verify-correct-setup.json')));
  env = local;
  // Every state event of every execution, nested verifications included: the whole history.
  const history: EventLog[] = [];
  const localStarter = local.starter({ onEvent: (e) => history.push(e) });
  const answers: StartedExecution[] = [];
  const starter: WorkflowStarter = {
    start: async (kind, name, input) => {
      const started = await localStarter.start(kind, name, input);
      answers.push(started);
      return started;
    },
  };
  const deadLetters = { sent: [] as { event: unknown; reason: string }[] } as DeadLetters & { sent: { event: unknown; reason: string }[] };
  deadLetters.send = async (e, reason) => {
    deadLetters.sent.push({ event: e, reason });
  };
  const deps = { starter, deadLetters, statusStore: local.adapters().statusStore };
  const handle = (e: unknown) => handleEvent(e, deps);
  /** Handles the event and waits for the execution it started to end. */
  const handleAndFinish = async (e: unknown) => {
    const outcome = await handle(e);
    if (!outcome.started) throw new Error(`Nothing was started: ${JSON.stringify(outcome)}`);
    const result = await local.finished(outcome.executionArn);
    return { outcome, result: result! };
  };
  return { local, answers, deadLetters, handle, handleAndFinish, history };
}

describe('automatic onboarding through events, end to end on the sandbox', () => {
  it('TenantCreated onboards the tenant: ROLE_READY, under the execution name of the tenant and event', async () => {
    // Prepare
    const { local, handleAndFinish } = await setUp();
    const created = event('tenant-created');

    // Act
    const { outcome, result } = await handleAndFinish(created);

    // Assess
    expect(outcome).toMatchObject({ kind: 'onboarding', executionName: executionName('onboarding', 'acme', created.id) });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.executionArn).toBe(outcome.started && outcome.executionArn);
    const status = await local.status('acme');
    expect(status).toMatchObject({
      status: 'ROLE_READY',
      roleArn: 'arn:aws:iam::111111111111:role/acme-dataplane-role',
      execution: { id: outcome.started ? outcome.executionArn : '' },
    });
    expect(local.queueMessages()).toHaveLength(1);
  });

  it('a redelivered TenantCreated starts nothing new: one execution, one role, one message', async () => {
    // Prepare
    const { local, answers, handle, handleAndFinish } = await setUp();
    const { outcome: first } = await handleAndFinish(event('tenant-created'));

    // Act
    const again = await handle(event('tenant-created'));

    // Assess
    expect(again).toEqual({ ...first, started: false, reason: 'already started' });
    expect(answers.map((a) => a.alreadyStarted)).toEqual([false, true]);
    expect(local.sandbox.callsTo('iam', 'CreateRole')).toHaveLength(1);
    expect(local.queueMessages()).toHaveLength(1);
  });

  it('a TenantCreated with target roles onboards and verifies them', async () => {
    // Prepare
    const { local, handleAndFinish } = await setUp();

    // Act
    const { result } = await handleAndFinish(event('tenant-created-with-target-roles'));

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const status = await local.status('acme');
    expect(status).toMatchObject({ status: 'ROLE_READY', verification: { state: 'VERIFIED' } });
    expect(status?.connections?.['acme-data-lake']).toMatchObject({ state: 'VERIFIED', roleArn: TARGET });
  });

  it("a TenantCreated with target roles keeps their External IDs out of every execution's input, history and output", async () => {
    // Prepare
    const { local, handleAndFinish, history } = await setUp();
    const created = event('tenant-created-with-target-roles');
    const externalId = created.detail.targetRoles[0].externalId as string;

    // Act
    const { result } = await handleAndFinish(created);

    // Assess: verified with the stored External ID...
    expect(result.status).toBe('SUCCEEDED');
    expect((await local.status('acme'))?.connections?.['acme-data-lake']).toMatchObject({ state: 'VERIFIED' });
    // ...which no execution input, state event (nested verification included) or output contains.
    const entered = history.filter((e) => e.type === 'StateEntered').map((e) => (e as { state: { name: string } }).state.name);
    expect(entered).toEqual(expect.arrayContaining(['Validate Request', 'Verify Target Roles', 'Plan Verification', 'Attempt Assume']));
    expect(history.some((e) => e.type === 'ExecutionStarted')).toBe(true);
    expect(JSON.stringify(history)).not.toContain(externalId);
    expect(JSON.stringify(result.output)).not.toContain(externalId);
    expect(JSON.stringify(history)).toContain('acme-data-lake');
  });

  it('a late, older TenantCreated naming another cluster is refused: trust, queue, connection and External ID stay as they are', async () => {
    // Prepare: onboarded and verified by the newer event.
    const { local, deadLetters, handle, handleAndFinish } = await setUp();
    await handleAndFinish(event('tenant-created-with-target-roles'));
    const trustBefore = local.sandbox.getRole('acme-dataplane-role')!.trustPolicy;
    const late = event('tenant-created-with-target-roles');
    Object.assign(late, { id: 'older-event', time: '2026-11-23T09:00:00Z' });
    late.detail.clusterName = 'acme-old';
    late.detail.targetRoles[0].externalId = 'old-external-id';

    // Act
    const outcome = await handle(late);

    // Assess
    expect(outcome).toMatchObject({ started: false, name: 'TenantAlreadyOnboarded' });
    expect(local.sandbox.getRole('acme-dataplane-role')!.trustPolicy).toEqual(trustBefore);
    expect(local.queueMessages()).toHaveLength(1);
    const status = await local.status('acme');
    expect(status).toMatchObject({ status: 'ROLE_READY', clusterName: 'acme-prod', lastRejectedEvent: { eventId: 'older-event' } });
    expect(status?.lastRejectedEvent?.reason).toMatch(/detail.clusterName: names EKS cluster "acme-old", but tenant acme is onboarded/);
    expect(status?.connections?.['acme-data-lake']).toMatchObject({ state: 'VERIFIED' });
    expect(await local.adapters().statusStore.storedConnections('acme')).toEqual([
      { connectionId: 'acme-data-lake', roleArn: TARGET, externalId: 'acme-7Hq2vX9pLm' },
    ]);
    expect(deadLetters.sent).toHaveLength(1);
  });

  it('a late, older TenantCreated for the same cluster never replaces the newer External ID: the connection stays VERIFIED', async () => {
    // Prepare
    const { local, handleAndFinish } = await setUp();
    await handleAndFinish(event('tenant-created-with-target-roles'));
    const late = event('tenant-created-with-target-roles');
    Object.assign(late, { id: 'older-event', time: '2026-11-23T09:00:00Z' });
    late.detail.targetRoles[0].externalId = 'old-external-id';

    // Act
    const { result } = await handleAndFinish(late);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(await local.adapters().statusStore.storedConnections('acme')).toEqual([
      { connectionId: 'acme-data-lake', roleArn: TARGET, externalId: 'acme-7Hq2vX9pLm' },
    ]);
    expect((await local.status('acme'))?.connections?.['acme-data-lake']).toMatchObject({ state: 'VERIFIED' });
  });

  it('TargetRoleConfigured after onboarding verifies the customer\'s role: VERIFIED, the tenant still ROLE_READY', async () => {
    // Prepare
    const { local, handleAndFinish } = await setUp();
    await handleAndFinish(event('tenant-created'));

    // Act
    const { outcome, result } = await handleAndFinish(event('target-role-configured'));

    // Assess
    expect(outcome).toMatchObject({ kind: 'verification', tenantId: 'acme' });
    expect(result.status).toBe('SUCCEEDED');
    const status = await local.status('acme');
    expect(status).toMatchObject({ status: 'ROLE_READY', verification: { state: 'VERIFIED', verified: ['acme-data-lake'] } });
    expect(status?.connections?.['acme-data-lake']).toMatchObject({ state: 'VERIFIED', attempts: 1, roleArn: TARGET });
    // The verification went through the dataplane role to the customer's role, with and without the External ID.
    const toTarget = local.sandbox
      .callsTo('sts', 'AssumeRole')
      .filter((c) => (c.input as { RoleArn?: string }).RoleArn === TARGET && c.principal.includes('/acme-dataplane-role/'));
    expect(toTarget).toHaveLength(2);
  });

  it('an invalid TenantCreated for a new tenant starts nothing, goes to the dead-letter queue, and the status says why', async () => {
    // Prepare
    const { local, answers, deadLetters, handle } = await setUp();
    const invalid = event('tenant-created-invalid-content');

    // Act
    const outcome = await handle(invalid);

    // Assess
    expect(outcome).toMatchObject({ started: false, reason: 'invalid event', name: 'InvalidOnboardingRequest', statusRecorded: true });
    expect(answers).toEqual([]);
    expect(local.sandbox.callsTo('iam', 'CreateRole')).toEqual([]);
    expect(deadLetters.sent).toEqual([{ event: invalid, reason: expect.stringMatching(/^Invalid TenantCreated event .*detail\.clusterName: contains whitespace/) }]);
    const status = await local.status('globex');
    expect(status).toMatchObject({
      status: 'INVALID_REQUEST',
      execution: { startTime: COMPLAINT_START_TIME },
      error: {
        name: 'InvalidOnboardingRequest',
        problems: [
          { field: 'detail.clusterName', problem: expect.stringMatching(/contains whitespace/) },
          { field: 'detail.namespace', problem: expect.stringMatching(/not allowed/) },
        ],
      },
    });
  });

  it('a corrected TenantCreated after an invalid one onboards the tenant over the complaint', async () => {
    // Prepare
    const { local, handle, handleAndFinish } = await setUp();
    await handle(event('tenant-created-invalid-content'));
    const corrected = event('tenant-created-invalid-content');
    corrected.id = 'corrected-event';
    corrected.detail = { tenantId: 'globex', clusterName: 'acme-prod' };

    // Act
    const { result } = await handleAndFinish(corrected);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const status = await local.status('globex');
    expect(status).toMatchObject({ status: 'ROLE_READY' });
    expect(status?.error).toBeUndefined();
  });

  it("an invalid event for an onboarded tenant leaves the tenant's status as it was, with a note of why", async () => {
    // Prepare
    const { local, answers, deadLetters, handle, handleAndFinish } = await setUp();
    await handleAndFinish(event('tenant-created'));
    const before = await local.status('acme');
    const invalid = event('tenant-created-invalid-content');
    invalid.detail.tenantId = 'acme';
    const badRole = event('target-role-configured-missing-external-id');

    // Act
    const outcomes: EventOutcome[] = [await handle(invalid), await handle(badRole)];

    // Assess
    expect(outcomes).toMatchObject([
      { reason: 'invalid event', name: 'InvalidOnboardingRequest', statusRecorded: true },
      { reason: 'invalid event', name: 'InvalidVerificationRequest', statusRecorded: true },
    ]);
    expect(answers).toHaveLength(1);
    expect(deadLetters.sent.map((d) => d.event)).toEqual([invalid, badRole]);
    // The status is what its executions recorded; beside it, a note of the last rejected event.
    const { lastRejectedEvent, ...after } = (await local.status('acme'))!;
    expect(after).toEqual(before);
    expect(lastRejectedEvent).toMatchObject({ detailType: 'TargetRoleConfigured', reason: expect.stringContaining('externalId') });
  });

  it('an event too large for a status record is dead-lettered once and never thrown: the note and the complaint stay small', async () => {
    // Prepare: an onboarded tenant, and a new one whose first event is bad.
    const { local, answers, deadLetters, handle, handleAndFinish } = await setUp();
    await handleAndFinish(event('tenant-created'));
    const hugeExternalId = event('target-role-configured');
    hugeExternalId.detail.externalId = 'x'.repeat(200_000);
    const longField = event('tenant-created-invalid-content');
    longField.detail.clusterName = `a ${'b'.repeat(300_000)}`;

    // Act
    const outcomes = [await handle(hugeExternalId), await handle(longField)];

    // Assess
    expect(outcomes).toMatchObject([
      { reason: 'invalid event', name: 'InvalidVerificationRequest', statusRecorded: true },
      { reason: 'invalid event', name: 'InvalidOnboardingRequest', statusRecorded: true },
    ]);
    expect(answers).toHaveLength(1);
    expect(deadLetters.sent).toHaveLength(2);
    expect(JSON.stringify(await local.status('acme')).length).toBeLessThan(20_000);
    const complaint = await local.status('globex');
    expect(complaint).toMatchObject({ status: 'INVALID_REQUEST', error: { problems: expect.arrayContaining([expect.objectContaining({ field: 'detail.clusterName' })]) } });
    expect(JSON.stringify(complaint).length).toBeLessThan(20_000);
  });

  it('a TargetRoleConfigured for a tenant that was never onboarded is kept in the dead-letter queue, not started', async () => {
    // Prepare
    const { local, answers, deadLetters, handle } = await setUp();

    // Act
    const outcome = await handle(event('target-role-configured'));

    // Assess
    expect(outcome).toMatchObject({ reason: 'invalid event', name: 'TenantNotOnboarded' });
    expect(answers).toEqual([]);
    expect(deadLetters.sent[0]?.reason).toMatch(/Tenant acme is unknown: onboard it before verifying its connections/);
    expect(deadLetters.sent[0]?.reason).not.toContain('acme-7Hq2vX9pLm');
    expect(await local.status('acme')).toMatchObject({ status: 'INVALID_REQUEST', error: { name: 'TenantNotOnboarded' } });
  });
});
