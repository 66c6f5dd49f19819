// @ts-nocheck
import { executionName } from '../../../lib/domain/execution-names';
import { ConfigurationError, TransientAwsError } from '../../../lib/errors';
import { COMPLAINT_START_TIME, handleEvent } from '../../../lib/events/handle-event';
import { eventFixture, EXTERNAL_ID } from './fixtures';
import { CapturingLog, FakeDeadLetters, FakeStarter, FakeStatusStore, onboardedTenant } from './fakes';

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
        executionArn: `arn:aws:states:eu-west-1:111111111111:execution:onboarding:${name}`,
      });
      expect(deadLetters.sent).toEqual([]);
      expect(statusStore.writes).toEqual([]);
    });

    it('passes target roles and schedule on, so onboarding verifies them', async () => {
      // Prepare
      const event = eventFixture('tenant-created-with-target-roles');

      // Act
      await handleEvent(event, deps());

      // Assess
      expect(starter.calls[0]?.input).toEqual(event.detail);
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
      expect(deadLetters.sent[0]!.event).toBe(event);
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
        { tenantId: 'acme', connections: [{ connectionId: 'acme-data-lake', roleArn: TARGET, externalId: EXTERNAL_ID }] },
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

    it('throws when the dead-letter queue cannot take an invalid event, and records no status before it has', async () => {
      // Prepare
      deadLetters.failWith = new TransientAwsError('SQS SendMessage was throttled');

      // Act
      const handling = handleEvent(eventFixture('tenant-created-invalid-content'), deps());

      // Assess
      await expect(handling).rejects.toThrow(TransientAwsError);
      expect(statusStore.writes).toEqual([]);
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
