// @ts-nocheck
import { readEvent } from '../../../lib/events/event-request';
import { eventFixture, EXTERNAL_ID } from './fixtures';

describe('readEvent', () => {
  it('turns TenantCreated into the onboarding input, as the platform sent it', () => {
    // Prepare
    const event = eventFixture('tenant-created-with-target-roles');

    // Act
    const reading = readEvent(event);

    // Assess
    expect(reading).toEqual({
      ok: true,
      request: { kind: 'onboarding', eventId: event.id, time: event.time, detailType: 'TenantCreated', tenantId: 'acme', input: event.detail },
    });
  });

  it('leaves optional fields out of the onboarding input, so the state machine applies its defaults', () => {
    // Act
    const reading = readEvent(eventFixture('tenant-created'));

    // Assess
    expect(reading.ok && reading.request.input).toEqual({ tenantId: 'acme', clusterName: 'acme-prod' });
  });

  it('turns TargetRoleConfigured into a verification of that one connection', () => {
    // Prepare
    const event = eventFixture('target-role-configured');

    // Act
    const reading = readEvent(event);

    // Assess
    expect(reading).toEqual({
      ok: true,
      request: {
        kind: 'verification',
        eventId: event.id,
        time: event.time,
        detailType: 'TargetRoleConfigured',
        tenantId: 'acme',
        input: {
          tenantId: 'acme',
          connections: [{ connectionId: 'acme-data-lake', roleArn: 'arn:aws:iam::222222222222:role/qualytics-s3-read', externalId: EXTERNAL_ID }],
        },
      },
    });
  });

  it("rejects content the onboarding state machine's Validate Request would reject, with every problem", () => {
    // Act
    const reading = readEvent(eventFixture('tenant-created-invalid-content'));

    // Assess
    expect(reading.ok).toBe(false);
    const rejected = !reading.ok ? reading.rejected : undefined;
    expect(rejected).toMatchObject({ name: 'InvalidOnboardingRequest', tenantId: 'globex', detailType: 'TenantCreated' });
    expect(rejected?.problems.map((p) => p.field)).toEqual(['detail.clusterName', 'detail.namespace']);
    expect(rejected?.problems[0]?.problem).toMatch(/contains whitespace at position 7/);
  });

  it('reports shape and content problems together, once per field, preferring the state machine\'s wording', () => {
    // Act
    const reading = readEvent(eventFixture('tenant-created-wrong-shape'));

    // Assess
    const problems = !reading.ok ? reading.rejected.problems : [];
    expect(problems).toEqual([
      {
        field: 'detail.namesapce',
        problem: expect.stringContaining("is not a field of a TenantCreated event's detail"),
      },
      { field: 'detail.clusterName', problem: 'must be a string, got a number' },
      { field: 'detail.targetRoles[0].externalId', problem: 'is required' },
    ]);
  });

  it('checks a schedule with the verification limits, not just its type', () => {
    // Prepare
    const event = eventFixture('tenant-created-with-target-roles');
    event.detail.schedule.firstRetrySeconds = 0;

    // Act
    const reading = readEvent(event);

    // Assess
    expect(!reading.ok && reading.rejected.problems).toEqual([
      { field: 'detail.schedule.firstRetrySeconds', problem: 'must be a whole number of seconds from 1 to 86400' },
    ]);
  });

  it('rejects a TargetRoleConfigured without an External ID and with a bad connection id', () => {
    // Act
    const reading = readEvent(eventFixture('target-role-configured-missing-external-id'));

    // Assess
    expect(!reading.ok && reading.rejected).toMatchObject({
      name: 'InvalidVerificationRequest',
      tenantId: 'acme',
      problems: [
        { field: 'detail.connectionId', problem: expect.stringContaining('has a character that is not allowed (U+0020 at position') },
        { field: 'detail.externalId', problem: 'is required' },
      ],
    });
  });

  it('leaves a customer mistake in the External ID to verification, which diagnoses it', () => {
    // Prepare: a trailing space is EXTERNAL_ID_INVALID, explained to the customer by the verification run.
    const event = eventFixture('target-role-configured');
    event.detail.externalId = `${EXTERNAL_ID} `;

    // Act
    const reading = readEvent(event);

    // Assess
    expect(reading.ok).toBe(true);
  });

  it('records no tenant for an event that is not ours', () => {
    // Act
    const foreign = readEvent(eventFixture('wrong-source'));
    const unknownType = readEvent(eventFixture('unknown-detail-type'));

    // Assess
    expect(!foreign.ok && foreign.rejected).toMatchObject({ name: 'InvalidEvent', detailType: 'TenantCreated' });
    expect(!foreign.ok && foreign.rejected.tenantId).toBeUndefined();
    expect(!unknownType.ok && unknownType.rejected).toMatchObject({ name: 'InvalidEvent', detailType: 'TenantDeleted' });
    expect(!unknownType.ok && unknownType.rejected.tenantId).toBeUndefined();
  });

  it('reads no event id from an event without one', () => {
    // Act
    const reading = readEvent({ detail: {} });

    // Assess
    expect(!reading.ok && reading.rejected.eventId).toBeUndefined();
    expect(!reading.ok && reading.rejected.name).toBe('InvalidEvent');
  });
});
