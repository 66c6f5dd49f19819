import {
  checkEventShape,
  fieldPath,
  targetRoleConfiguredEventSchema,
  tenantCreatedEventSchema,
  tenantPlatformEventSchema,
} from '../../../lib/events/schemas';
import { eventFixture } from './fixtures';
import { fixtureNames } from '../../support/fixtures';

const VALID = ['tenant-created', 'tenant-created-with-target-roles', 'target-role-configured'];

describe('event schemas', () => {
  it.each(VALID)('accept the %s fixture as EventBridge delivers it', (name) => {
    // Prepare
    const event = eventFixture(name);

    // Act
    const parsed = tenantPlatformEventSchema.safeParse(event);

    // Assess
    expect(parsed.success).toBe(true);
    expect(checkEventShape(event)).toEqual({ ok: true, event });
  });

  it('has a fixture file for every case it is tested with', () => {
    // Assess
    const files = fixtureNames('events');
    expect(files).toEqual(
      expect.arrayContaining([
        ...VALID,
        'tenant-created-invalid-content',
        'tenant-created-wrong-shape',
        'target-role-configured-missing-external-id',
        'unknown-detail-type',
        'wrong-source',
      ]),
    );
  });

  it('tell the two events apart by detail-type', () => {
    // Prepare
    const created = eventFixture('tenant-created');
    const configured = eventFixture('target-role-configured');

    // Assess
    expect(tenantCreatedEventSchema.safeParse(created).success).toBe(true);
    expect(tenantCreatedEventSchema.safeParse(configured).success).toBe(false);
    expect(targetRoleConfiguredEventSchema.safeParse(configured).success).toBe(true);
    expect(targetRoleConfiguredEventSchema.safeParse(created).success).toBe(false);
  });

  it('keep fields EventBridge adds to the envelope (a replay names itself)', () => {
    // Prepare
    const event = { ...eventFixture('tenant-created'), 'replay-name': 'onboarding-replay-1' };

    // Act
    const check = checkEventShape(event);

    // Assess
    expect(check.ok).toBe(true);
    expect(check.ok && check.event).toMatchObject({ 'replay-name': 'onboarding-replay-1' });
  });

  it('report every shape problem of the detail at once, each with its path in the event', () => {
    // Prepare
    const event = eventFixture('tenant-created-wrong-shape');

    // Act
    const check = checkEventShape(event);

    // Assess
    expect(check.ok).toBe(false);
    expect(!check.ok && check.problems).toEqual([
      {
        field: 'detail.namesapce',
        problem: "is not a field of a TenantCreated event's detail (allowed: tenantId, clusterName, namespace, serviceAccount, identity, targetRoles, schedule)",
      },
      { field: 'detail.clusterName', problem: 'must be a string, got a number' },
      { field: 'detail.targetRoles[0].externalId', problem: 'is required' },
    ]);
  });

  it('name the allowed fields of a nested object with an unknown field', () => {
    // Prepare
    const event = eventFixture('tenant-created-with-target-roles');
    event.detail.targetRoles[0].externalID = 'x';
    event.detail.schedule.deadline = 60;

    // Act
    const check = checkEventShape(event);

    // Assess
    expect(!check.ok && check.problems).toEqual([
      {
        field: 'detail.targetRoles[0].externalID',
        problem: "is not a field of detail.targetRoles[0] of a TenantCreated event's detail (allowed: connectionId, roleArn, externalId, resource)",
      },
      {
        field: 'detail.schedule.deadline',
        problem: 'is not a schedule setting (allowed: firstRetrySeconds, maxIntervalSeconds, deadlineSeconds)',
      },
    ]);
  });

  it('reject another source, saying which one came', () => {
    // Act
    const check = checkEventShape(eventFixture('wrong-source'));

    // Assess
    expect(!check.ok && check.problems).toEqual([{ field: 'source', problem: 'must be "tenant-platform", got "billing-platform"' }]);
  });

  it('reject a detail-type it does not handle without reading its detail', () => {
    // Act
    const check = checkEventShape(eventFixture('unknown-detail-type'));

    // Assess
    expect(!check.ok && check.problems).toEqual([
      { field: 'detail-type', problem: '"TenantDeleted" is not an event this function handles; expected TenantCreated or TargetRoleConfigured' },
    ]);
  });

  it('report a missing envelope with every field it lacks', () => {
    // Act
    const check = checkEventShape({ tenantId: 'acme', clusterName: 'acme-prod' });

    // Assess
    expect(check.ok).toBe(false);
    const fields = !check.ok ? check.problems.map((p) => p.field) : [];
    expect(fields).toEqual(['version', 'id', 'source', 'account', 'time', 'region', 'resources', 'detail-type']);
  });

  it('reject an event that is not an object', () => {
    // Act
    const check = checkEventShape('TenantCreated');

    // Assess
    expect(!check.ok && check.problems).toEqual([{ field: '(event)', problem: 'must be an object, got a string' }]);
  });

  it('reject an empty event id: it names the execution', () => {
    // Prepare
    const event = { ...eventFixture('tenant-created'), id: '' };

    // Act
    const check = checkEventShape(event);

    // Assess
    expect(!check.ok && check.problems[0]).toMatchObject({ field: 'id', problem: expect.stringMatching(/^must not be empty/) });
  });

  it.each([
    [['detail', 'targetRoles', 0, 'roleArn'], 'detail.targetRoles[0].roleArn'],
    [['detail-type'], 'detail-type'],
    [[], '(event)'],
  ])('write the path %j as %s', (segments, expected) => {
    // Assess
    expect(fieldPath(segments as (string | number)[])).toBe(expected);
  });

  describe('caps every field, so that no event can grow a record past what DynamoDB and SQS accept', () => {
    const problemsOf = (event: unknown) => {
      const checked = checkEventShape(event);
      return checked.ok ? [] : checked.problems;
    };

    it.each([
      ['detail.externalId', 'target-role-configured', (e: any) => (e.detail.externalId = 'x'.repeat(200_000)), 'is 200000 characters long; AWS allows 2-1224'],
      ['detail.externalId', 'target-role-configured', (e: any) => (e.detail.externalId = 'x'), 'is 1 character long; AWS allows 2-1224'],
      ['detail.roleArn', 'target-role-configured', (e: any) => (e.detail.roleArn = 'a'.repeat(3000)), 'is 3000 characters long; an IAM role ARN has at most 2048'],
      ['detail.tenantId', 'tenant-created', (e: any) => (e.detail.tenantId = 't'.repeat(300)), 'is 300 characters long; at most 49 are allowed'],
      ['detail.clusterName', 'tenant-created', (e: any) => (e.detail.clusterName = 'c'.repeat(300_000)), 'is 300000 characters long; at most 100 are allowed'],
      ['detail.targetRoles', 'tenant-created-with-target-roles', (e: any) => (e.detail.targetRoles = Array(51).fill(e.detail.targetRoles[0])), 'has 51 entries; at most 50 per verification run'],
      ['id', 'tenant-created', (e: any) => (e.id = 'i'.repeat(5000)), 'is 5000 characters long; at most 256 are allowed'],
      ['resources', 'tenant-created', (e: any) => (e.resources = Array(1000).fill('arn:aws:x')), 'has 1000 entries; at most 20 are allowed'],
    ])('%s', (field, fixture, change, problem) => {
      // Prepare
      const event = eventFixture(fixture);
      change(event);

      // Act
      const problems = problemsOf(event);

      // Assess
      expect(problems).toContainEqual({ field, problem });
      expect(JSON.stringify(problems).length).toBeLessThan(2000);
    });

    it('quotes at most a short prefix of an unknown field, and lists at most 20 problems', () => {
      // Prepare
      const event = eventFixture('tenant-created');
      event.detail[`x${'y'.repeat(100_000)}`] = 1;
      for (let i = 0; i < 500; i++) event.detail[`extra${i}`] = i;

      // Act
      const problems = problemsOf(event);

      // Assess
      expect(problems).toHaveLength(20);
      expect(problems[0]!.field.length).toBeLessThan(100);
      expect(problems.at(-1)).toEqual({ field: '(event)', problem: 'has 482 more problems, not listed' });
      expect(JSON.stringify(problems).length).toBeLessThan(8000);
    });

    it('quotes at most a short prefix of an unknown detail-type', () => {
      // Prepare
      const event = { ...eventFixture('tenant-created'), 'detail-type': 'T'.repeat(100_000) };

      // Act
      const problems = problemsOf(event);

      // Assess
      expect(JSON.stringify(problems).length).toBeLessThan(1000);
    });
  });
});
