import { describeExternalId, externalIdFingerprint } from '../../../lib/external-id';
import { executionName } from '../../../lib/domain/execution-names';
import { ConfigurationError, IamRequestRejected, TransientAwsError } from '../../../lib/errors';
import { COMPLAINT_START_TIME, handleEvent } from '../../../lib/events/handle-event';
import { eventFixture, EXTERNAL_ID } from './fixtures';
import { CapturingLog, onboardedTenant } from './fakes';
import { FakeDeadLetters, FakeStarter, FakeStatusStore } from '../../support/fakes';

const TARGET = 'arn:aws:iam::222222222222:role/qualytics-s3-read';

describe('handleEvent', () => {
  let starter: FakeStarter;
  let deadLetters: FakeDeadLetters;
  let statusStore: FakeStatusStore;
  let log: CapturingLog;
  const deps = () => ({ starter, deadLetters, statusStore, log });

  beforeEach(() => {
    starter = new FakeStarter();
    deadLetters = new FakeDeadLetters();
    statusStore = new FakeStatusStore();
    log = new CapturingLog();
  });

  describe('TenantCreated', () => {
    it('starts the onboarding state machine with the detail, named after the tenant and the event', async () => {
      // Prepare
      const event = eventFixture('tenant-created');
      const name = executionName('onboarding', 'acme', event.id);

      // Act
      const outcome = await handleEvent(event, deps());

      // Assess
      expect(starter.calls).toEqual([{ kind: 'onboarding', name, input: { tenantId: 'acme', clusterName: 'acme-prod' } }]);
      expect(outcome).toEqual({
        started: true,
        kind: 'onboarding',
        tenantId: 'acme',
        executionName: name,
        executionArn: `arn:aws:states:eu-west-1:111111111111:execution:tenant-dataplane-onboarding-prod-onboarding:${name}`,
      });
      expect(deadLetters.sent).toEqual([]);
      expect(statusStore.writes).toEqual([]);
    });

    it('stores the target roles first and starts onboarding with references to them, never their External IDs', async () => {
      // Prepare: a tenant that has no status yet.
      const event = eventFixture('tenant-created-with-target-roles');
      const { targetRoles, ...rest } = event.detail;

      // Act
      await handleEvent(event, deps());

      // Assess
      // Stored as configured at the event's time, so that a later event's configuration wins.
      expect(statusStore.saved).toEqual([{ tenantId: 'acme', connections: targetRoles, configuredAt: event.time }]);
      expect(starter.calls[0]?.input).toEqual({
        ...rest,
        targetRoles: [{ connectionId: 'acme-data-lake', roleArn: TARGET, externalId: externalIdFingerprint(EXTERNAL_ID) }],
      });
      expect(JSON.stringify(starter.calls)).not.toContain(EXTERNAL_ID);
    });

    it('treats a redelivered event as already started: one execution, the same ARN', async () => {
      // Prepare
      const event = eventFixture('tenant-created');
      const first = await handleEvent(event, deps());

      // Act
      const again = await handleEvent(eventFixture('tenant-created'), deps());

      // Assess
      expect(again).toEqual({
        started: false,
        reason: 'already started',
        kind: 'onboarding',
        tenantId: 'acme',
        executionName: first.started ? first.executionName : '',
        executionArn: first.started ? first.executionArn : '',
      });
      expect(log.lines.at(-1)).toMatchObject({ level: 'info', message: expect.stringMatching(/already handled/) });
    });

    it('starts a second execution for a second event of the same tenant', async () => {
      // Prepare
      await handleEvent(eventFixture('tenant-created'), deps());
      const second = { ...eventFixture('tenant-created'), id: 'another-event' };

      // Act
      const outcome = await handleEvent(second, deps());

      // Assess
      expect(outcome.started).toBe(true);
      expect(new Set(starter.calls.map((c) => c.name)).size).toBe(2);
    });

    it('starts nothing for invalid content, dead-letters it with every problem, and records INVALID_REQUEST for a new tenant', async () => {
      // Prepare
      const event = eventFixture('tenant-created-invalid-content');

      // Act
      const outcome = await handleEvent(event, deps());

      // Assess
      expect(starter.calls).toEqual([]);
      expect(outcome).toMatchObject({
        started: false,
        reason: 'invalid event',
        name: 'InvalidOnboardingRequest',
        deadLettered: true,
        statusRecorded: true,
        tenantId: 'globex',
      });
      expect(deadLetters.sent).toHaveLength(1);
      expect(deadLetters.sent[0]!.event).toEqual(event);
      expect(deadLetters.sent[0]!.reason).toMatch(new RegExp(`^Invalid TenantCreated event ${event.id}: detail.clusterName: .*; detail.namespace: `));
      const status = await statusStore.get('globex');
      expect(status).toMatchObject({
        status: 'INVALID_REQUEST',
        summary: expect.stringMatching(/^The TenantCreated event .* was rejected and nothing was created: detail.clusterName/),
        execution: { id: `event:${event.id}`, startTime: COMPLAINT_START_TIME },
        error: { name: 'InvalidOnboardingRequest', problems: [{ field: 'detail.clusterName' }, { field: 'detail.namespace' }] },
      });
    });

    it("never touches an existing tenant's status with a bad event's complaint", async () => {
      // Prepare
      statusStore.records.set('globex', onboardedTenant('globex'));
      const before = structuredClone(statusStore.records.get('globex'));

      // Act
      const outcome = await handleEvent(eventFixture('tenant-created-invalid-content'), deps());

      // Assess: the status stays; a note beside it says which event was rejected and why.
      expect(outcome).toMatchObject({ reason: 'invalid event', statusRecorded: true, deadLettered: true });
      expect(statusStore.writes).toEqual([]);
      const after = statusStore.records.get('globex')!;
      const { lastRejectedEvent, ...rest } = after;
      expect(rest).toEqual(before);
      expect(lastRejectedEvent).toMatchObject({ detailType: 'TenantCreated', reason: expect.stringContaining('Invalid TenantCreated event') });
      expect(lastRejectedEvent!.problems.length).toBeGreaterThan(0);
      expect(log.lines.map((l) => l.message)).toContain(
        'The tenant already has a status; it is left unchanged, with a note of the rejected event',
      );
    });

    it("refuses to re-point an onboarded tenant's role to another cluster: nothing started or stored, a note says why", async () => {
      // Prepare
      statusStore.records.set('acme', { ...onboardedTenant('acme'), clusterName: 'acme-prod', namespace: 'qualytics', serviceAccount: 'qualytics-spark' });
      const event = eventFixture('tenant-created-with-target-roles');
      event.detail.clusterName = 'acme-old';

      // Act
      const outcome = await handleEvent(event, deps());

      // Assess
      expect(outcome).toMatchObject({
        started: false,
        reason: 'invalid event',
        name: 'TenantAlreadyOnboarded',
        problems: [
          {
            field: 'detail.clusterName',
            problem: expect.stringMatching(/^names EKS cluster "acme-old", but tenant acme is onboarded: its dataplane role trusts EKS cluster "acme-prod"/),
          },
        ],
      });
      expect(starter.calls).toEqual([]);
      expect(statusStore.saved).toEqual([]);
      expect(deadLetters.sent).toHaveLength(1);
      expect(statusStore.records.get('acme')).toMatchObject({ status: 'ROLE_READY', clusterName: 'acme-prod', lastRejectedEvent: { detailType: 'TenantCreated' } });
    });

    it('refuses another namespace or ServiceAccount for an onboarded tenant, the chart defaults counting as named', async () => {
      // Prepare
      statusStore.records.set('acme', { ...onboardedTenant('acme'), clusterName: 'acme-prod', namespace: 'dataplane', serviceAccount: 'qualytics-spark' });

      // Act: the event names neither, so it means the chart's namespace.
      const outcome = await handleEvent(eventFixture('tenant-created'), deps());

      // Assess
      expect(outcome).toMatchObject({ name: 'TenantAlreadyOnboarded', problems: [{ field: 'detail.namespace' }] });
    });

    it('onboards an onboarded tenant again when the event names the same cluster (converges, publishes again)', async () => {
      // Prepare
      statusStore.records.set('acme', { ...onboardedTenant('acme'), clusterName: 'acme-prod', namespace: 'qualytics', serviceAccount: 'qualytics-spark' });

      // Act
      const outcome = await handleEvent(eventFixture('tenant-created'), deps());

      // Assess
      expect(outcome.started).toBe(true);
    });

    it('lets a corrected TenantCreated name another cluster when the first onboarding created no role', async () => {
      // Prepare
      statusStore.records.set('acme', { ...onboardedTenant('acme'), status: 'FAILED', roleArn: undefined, clusterName: 'acme-typo' });

      // Act
      const outcome = await handleEvent(eventFixture('tenant-created'), deps());

      // Assess
      expect(outcome.started).toBe(true);
    });

    it('does not re-verify target roles that a later event has configured since', async () => {
      // Prepare: the connection was configured again, later, by a TargetRoleConfigured.
      statusStore.records.set('acme', { ...onboardedTenant('acme'), clusterName: 'acme-prod', namespace: 'qualytics', serviceAccount: 'qualytics-spark' });
      await handleEvent({ ...eventFixture('target-role-configured'), time: '2026-11-23T11:30:00Z' }, deps());
      const late = eventFixture('tenant-created-with-target-roles');
      late.time = '2026-11-23T10:05:00Z';

      // Act
      const outcome = await handleEvent(late, deps());

      // Assess: onboarding runs (same cluster) without the stale target role (nor its schedule, which goes with target roles only).
      expect(outcome.started).toBe(true);
      const { targetRoles, schedule, ...rest } = late.detail;
      expect([targetRoles, schedule]).toEqual([expect.any(Array), expect.any(Object)]);
      expect(starter.calls.at(-1)?.input).toEqual(rest);
    });

    it('records its complaint so that any real execution of the tenant replaces it', async () => {
      // Prepare
      await handleEvent(eventFixture('tenant-created-invalid-content'), deps());

      // Act: the tenant's first real execution, whatever its start time, writes its status.
      const { applied } = await statusStore.record({
        ...onboardedTenant('globex'),
        execution: { id: 'arn:aws:states:eu-west-1:111111111111:execution:onboarding:globex-1', startTime: '2000-01-01T00:00:00.000Z' },
      });

      // Assess
      expect(applied).toBe(true);
      expect((await statusStore.get('globex'))?.status).toBe('ROLE_READY');
    });
  });

  describe('TargetRoleConfigured', () => {
    it('starts verification of the one connection for an onboarded tenant', async () => {
      // Prepare
      statusStore.records.set('acme', onboardedTenant('acme'));
      const event = eventFixture('target-role-configured');

      // Act
      const outcome = await handleEvent(event, deps());

      // Assess
      expect(starter.calls).toEqual([
        {
          kind: 'verification',
          name: executionName('verification', 'acme', event.id),
          // The connection is stored first; the execution input names it by id, never with its External ID.
          input: { tenantId: 'acme', connectionIds: ['acme-data-lake'] },
        },
      ]);
      expect(statusStore.saved).toEqual([
        { tenantId: 'acme', connections: [{ connectionId: 'acme-data-lake', roleArn: TARGET, externalId: EXTERNAL_ID }], configuredAt: event.time },
      ]);
      expect(outcome).toMatchObject({ started: true, kind: 'verification', tenantId: 'acme' });
    });

    it('logs the External ID by length and fingerprint, never in clear', async () => {
      // Prepare
      statusStore.records.set('acme', onboardedTenant('acme'));

      // Act
      await handleEvent(eventFixture('target-role-configured'), deps());

      // Assess
      expect(log.lines[0]?.attributes.externalIds).toEqual([{ field: 'detail.externalId', length: 15, fingerprint: expect.stringMatching(/^[0-9a-f]{8}$/) }]);
      expect(log.text()).not.toContain(EXTERNAL_ID);
    });

    it('keeps the event of a tenant that is not onboarded in the dead-letter queue and leaves its status alone', async () => {
      // Prepare: onboarding failed, so there is no dataplane role to verify through.
      statusStore.records.set('acme', { ...onboardedTenant('acme'), status: 'FAILED', roleArn: undefined, summary: 'Onboarding failed' });

      // Act
      const outcome = await handleEvent(eventFixture('target-role-configured'), deps());

      // Assess
      expect(starter.calls).toEqual([]);
      expect(outcome).toMatchObject({ reason: 'invalid event', name: 'TenantNotOnboarded', statusRecorded: true });
      expect(deadLetters.sent[0]?.reason).toMatch(/detail.tenantId: Tenant acme has no dataplane role yet \(status FAILED/);
      expect(statusStore.writes).toEqual([]);
      expect(statusStore.records.get('acme')).toMatchObject({ status: 'FAILED', lastRejectedEvent: { detailType: 'TargetRoleConfigured' } });
    });

    it('records INVALID_REQUEST for an unknown tenant, saying it must be onboarded first', async () => {
      // Act
      const outcome = await handleEvent(eventFixture('target-role-configured'), deps());

      // Assess
      expect(outcome).toMatchObject({ name: 'TenantNotOnboarded', statusRecorded: true });
      expect(await statusStore.get('acme')).toMatchObject({
        status: 'INVALID_REQUEST',
        summary: expect.stringMatching(/was rejected and nothing was verified: detail.tenantId: Tenant acme is unknown/),
        error: { name: 'TenantNotOnboarded' },
      });
    });

    it("does not overwrite a known tenant's status with an invalid event, and keeps the External ID out of every text", async () => {
      // Prepare: fields swapped — the External ID typed as the connection id, which problems quote.
      statusStore.records.set('acme', onboardedTenant('acme'));
      const event = eventFixture('target-role-configured');
      event.detail.connectionId = 'acme 7Hq2vX9pLm';
      event.detail.externalId = 'acme 7Hq2vX9pLm';

      // Act
      const outcome = await handleEvent(event, deps());

      // Assess
      expect(outcome).toMatchObject({ reason: 'invalid event', name: 'InvalidVerificationRequest', statusRecorded: true });
      expect(statusStore.writes).toEqual([]);
      const texts = [log.text(), deadLetters.sent[0]!.reason, JSON.stringify(outcome), JSON.stringify(statusStore.notes)];
      for (const text of texts) {
        expect(text).not.toContain('7Hq2vX9pLm');
      }
    });

    it('an older configuration arriving late starts nothing and says a newer one is stored', async () => {
      // Prepare: the correction (a later event) was handled first.
      statusStore.records.set('acme', onboardedTenant('acme'));
      const correction = { ...eventFixture('target-role-configured'), id: 'correction', time: '2026-11-23T11:45:00Z' };
      await handleEvent(correction, deps());
      const late = { ...eventFixture('target-role-configured'), id: 'late', time: '2026-11-23T11:30:00Z' };

      // Act
      const outcome = await handleEvent(late, deps());

      // Assess
      expect(outcome).toEqual({ started: false, reason: 'superseded', kind: 'verification', tenantId: 'acme', superseded: ['acme-data-lake'] });
      expect(starter.calls.map((c) => c.name)).toEqual([executionName('verification', 'acme', 'correction')]);
      expect(log.lines.at(-1)).toMatchObject({ level: 'info', message: expect.stringMatching(/newer configuration/) });
    });

    it('orders two configurations of the same second by event id', async () => {
      // Prepare
      statusStore.records.set('acme', onboardedTenant('acme'));
      await handleEvent({ ...eventFixture('target-role-configured'), id: 'event-b' }, deps());

      // Act
      const lower = await handleEvent({ ...eventFixture('target-role-configured'), id: 'event-a' }, deps());
      const higher = await handleEvent({ ...eventFixture('target-role-configured'), id: 'event-c' }, deps());

      // Assess
      expect(lower).toMatchObject({ started: false, reason: 'superseded' });
      expect(higher).toMatchObject({ started: true });
    });

    it('reports the missing External ID and the bad connection id together', async () => {
      // Act
      const outcome = await handleEvent(eventFixture('target-role-configured-missing-external-id'), deps());

      // Assess
      expect(outcome).toMatchObject({
        name: 'InvalidVerificationRequest',
        problems: [{ field: 'detail.connectionId' }, { field: 'detail.externalId', problem: 'is required' }],
      });
    });
  });

  describe('the dead-letter copy', () => {
    const fingerprintOf = (value: string) => externalIdFingerprint(value);

    it('replaces the External ID by its length and fingerprint, and keeps the reason', async () => {
      // Prepare: a tenant that was never onboarded.
      const event = eventFixture('target-role-configured');

      // Act
      await handleEvent(event, deps());

      // Assess
      expect(deadLetters.sent).toHaveLength(1);
      expect(deadLetters.sent[0]!.event).toEqual({ ...event, detail: { ...event.detail, externalId: fingerprintOf(EXTERNAL_ID) } });
      expect(deadLetters.sent[0]!.reason).toMatch(/Tenant acme is unknown/);
    });

    it('scrubs External IDs wherever a malformed event has them, and where they were typed into another field', async () => {
      // Prepare
      const event = eventFixture('tenant-created-with-target-roles');
      event.detail.targetRoles = { first: { externalId: 'secret-one-123' }, list: [{ ExternalId: 'secret-two-456' }] };
      event.detail.external_id = 42424242;
      event.detail.namespace = 'secret-one-123';
      event.detail.extra = { nested: { deeper: [{ externalId: ['secret-three-789'] }] } };

      // Act
      const outcome = await handleEvent(event, deps());

      // Assess
      expect(outcome).toMatchObject({ reason: 'invalid event' });
      const copy = deadLetters.sent[0]!.event as Record<string, any>;
      const text = JSON.stringify(deadLetters.sent);
      for (const secret of ['secret-one-123', 'secret-two-456', '42424242', 'secret-three-789']) expect(text).not.toContain(secret);
      expect(copy.detail.targetRoles.first.externalId).toEqual(fingerprintOf('secret-one-123'));
      expect(copy.detail.targetRoles.list[0].ExternalId).toEqual(fingerprintOf('secret-two-456'));
      expect(copy.detail.external_id).toEqual(fingerprintOf('42424242'));
      expect(copy.detail.extra.nested.deeper[0].externalId).toEqual([fingerprintOf('secret-three-789')]);
      expect(copy.detail.namespace).toBe(`[External ID: ${describeExternalId('secret-one-123')}]`);
      expect(copy.detail.clusterName).toBe('acme-prod');
      expect(event.detail.namespace).toBe('secret-one-123');
    });
  });

  describe('tenant ids that name no tenant', () => {
    it.each([
      ['with a space', 'acme corp'],
      ['with a comma', 'acme,eu'],
      ['too long for a role name', 't'.repeat(60)],
    ])('an invalid event whose tenant id is %s records no status under it', async (_case, tenantId) => {
      // Prepare
      const event = eventFixture('tenant-created-invalid-content');
      event.detail.tenantId = tenantId;

      // Act
      const outcome = await handleEvent(event, deps());

      // Assess
      expect(outcome).toMatchObject({ reason: 'invalid event', statusRecorded: false, problems: expect.arrayContaining([expect.objectContaining({ field: 'detail.tenantId' })]) });
      expect(outcome).not.toHaveProperty('tenantId');
      expect(statusStore.writes).toEqual([]);
      expect(deadLetters.sent).toHaveLength(1);
    });
  });

  describe('events that are not ours', () => {
    it.each(['unknown-detail-type', 'wrong-source'])('dead-letters %s and records no status', async (name) => {
      // Act
      const outcome = await handleEvent(eventFixture(name), deps());

      // Assess
      expect(outcome).toMatchObject({ reason: 'invalid event', name: 'InvalidEvent', statusRecorded: false });
      expect(outcome).not.toHaveProperty('tenantId');
      expect(starter.calls).toEqual([]);
      expect(deadLetters.sent).toHaveLength(1);
      expect(statusStore.writes).toEqual([]);
    });

    it('dead-letters something that is not an event at all', async () => {
      // Act
      const outcome = await handleEvent(null, deps());

      // Assess
      expect(outcome).toMatchObject({ reason: 'invalid event', problems: [{ field: '(event)', problem: 'must be an object, got null' }] });
      expect(deadLetters.sent[0]).toEqual({ event: null, reason: 'Invalid event: (event): must be an object, got null' });
    });
  });

  describe('failures a later attempt can get past', () => {
    it('throws when StartExecution is throttled, so Lambda retries the event', async () => {
      // Prepare
      starter.failWith = new TransientAwsError('Step Functions StartExecution was throttled');

      // Act
      const handling = handleEvent(eventFixture('tenant-created'), deps());

      // Assess
      await expect(handling).rejects.toThrow(TransientAwsError);
      expect(deadLetters.sent).toEqual([]);
    });

    it('throws when the state machine is not configured, rather than dropping the event', async () => {
      // Prepare
      starter.failWith = new ConfigurationError('ONBOARDING_STATE_MACHINE_ARN is not set');

      // Act
      const handling = handleEvent(eventFixture('tenant-created'), deps());

      // Assess
      await expect(handling).rejects.toThrow('ONBOARDING_STATE_MACHINE_ARN is not set');
    });

    it('throws when the dead-letter queue cannot take an invalid event, so that Lambda retries it (its status write repeats harmlessly)', async () => {
      // Prepare
      deadLetters.failWith = new TransientAwsError('SQS SendMessage was throttled');

      // Act
      const handling = handleEvent(eventFixture('tenant-created-invalid-content'), deps());

      // Assess
      await expect(handling).rejects.toThrow(TransientAwsError);
      expect(deadLetters.sent).toEqual([]);
    });

    it('throws before dead-lettering when the status write is throttled: a retry dead-letters the event once', async () => {
      // Prepare
      statusStore.record = async () => {
        throw new TransientAwsError('DynamoDB UpdateItem was throttled');
      };

      // Act
      const handling = handleEvent(eventFixture('tenant-created-invalid-content'), deps());

      // Assess
      await expect(handling).rejects.toThrow(TransientAwsError);
      expect(deadLetters.sent).toEqual([]);
    });

    it('never throws for bad input: a status write the table rejects is logged, and the event dead-lettered once', async () => {
      // Prepare
      statusStore.record = async () => {
        throw new IamRequestRejected('DynamoDB UpdateItem was rejected as invalid: Item size has exceeded the maximum allowed size');
      };

      // Act
      const outcome = await handleEvent(eventFixture('tenant-created-invalid-content'), deps());

      // Assess
      expect(outcome).toMatchObject({ reason: 'invalid event', deadLettered: true, statusRecorded: false });
      expect(deadLetters.sent).toHaveLength(1);
      expect(log.lines.map((l) => l.message)).toContain('The rejected event could not be recorded in the tenant\'s status; it is in the dead-letter queue');
    });

    it('throws when the status store cannot be read for a TargetRoleConfigured', async () => {
      // Prepare
      statusStore.get = async () => {
        throw new TransientAwsError('DynamoDB GetItem was throttled');
      };

      // Act
      const handling = handleEvent(eventFixture('target-role-configured'), deps());

      // Assess
      await expect(handling).rejects.toThrow(TransientAwsError);
      expect(starter.calls).toEqual([]);
    });
  });

  it('works without a log', async () => {
    // Act
    const outcome = await handleEvent(eventFixture('tenant-created'), { starter, deadLetters, statusStore });

    // Assess
    expect(outcome.started).toBe(true);
  });
});
