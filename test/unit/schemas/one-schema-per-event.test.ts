// Each event has one schema, holding the content rules of the state machine it starts: what the
// event starter reports for an event is what its schema finds, and a TenantCreated detail is refused
// for exactly what Validate Request would refuse in the same request.
import { readEvent } from '../../../lib/events/event-request';
import { checkEventShape } from '../../../lib/events/schemas';
import { validateOnboardingRequest } from '../../../lib/schemas/onboarding-request';
import { InvalidOnboardingRequest } from '../../../lib/errors';
import { eventFixture } from '../events/fixtures';

function validateRequestProblems(request: unknown): { field: string; problem: string }[] {
  try {
    validateOnboardingRequest(request);
    return [];
  } catch (error) {
    if (!(error instanceof InvalidOnboardingRequest)) throw error;
    return error.problems;
  }
}

describe('one schema per event', () => {
  it.each(['tenant-created-invalid-content', 'tenant-created-wrong-shape', 'target-role-configured-missing-external-id'])(
    'the starter rejects %s with exactly the problems the event schema finds',
    (fixture) => {
      // Prepare
      const event = eventFixture(fixture);

      // Act
      const shape = checkEventShape(event);
      const reading = readEvent(event);

      // Assess
      expect(shape.ok).toBe(false);
      expect(!reading.ok && reading.rejected.problems).toEqual(!shape.ok && shape.problems);
    },
  );

  it("reports every problem of a TenantCreated at once: the envelope's, the detail's fields', its target roles' and its schedule's", () => {
    // Prepare
    const event = eventFixture('tenant-created-with-target-roles');
    event.source = 'billing-platform';
    event.detail.tenantId = 'acme,eu';
    event.detail.clusterName = 'acme prod';
    event.detail.namesapce = 'qualytics';
    event.detail.targetRoles = [event.detail.targetRoles[0], { ...event.detail.targetRoles[0], externalId: undefined }];
    event.detail.schedule = { firstRetrySeconds: 0 };

    // Act
    const reading = readEvent(event);

    // Assess
    expect(!reading.ok && reading.rejected.problems.map((p) => p.field)).toEqual([
      'source',
      'detail.namesapce',
      'detail.tenantId',
      'detail.clusterName',
      'detail.targetRoles[1].externalId',
      'detail.schedule.firstRetrySeconds',
      'detail.targetRoles[1].connectionId',
    ]);
    expect(!reading.ok && reading.rejected.problems.at(-1)?.problem).toMatch(/appears more than once/);
  });

  it.each([
    ['a tenant id with a comma', { tenantId: 'acme,eu', clusterName: 'acme-prod' }],
    ['a cluster name with a space and a bad namespace', { tenantId: 'globex', clusterName: 'globex prod', namespace: 'Qualytics' }],
    ['a schedule without target roles', { tenantId: 'acme', clusterName: 'acme-prod', schedule: { firstRetrySeconds: 30 } }],
    ['a ServiceAccount too long', { tenantId: 'acme', clusterName: 'acme-prod', serviceAccount: 's'.repeat(254) }],
  ])('refuses a TenantCreated detail with %s for what Validate Request refuses in it, named in the event', (_case, detail) => {
    // Prepare
    const event = { ...eventFixture('tenant-created'), detail };

    // Act
    const shape = checkEventShape(event);

    // Assess
    const expected = validateRequestProblems(detail).map((p) => ({ field: `detail.${p.field}`, problem: p.problem }));
    expect(expected.length).toBeGreaterThan(0);
    expect(!shape.ok && shape.problems).toEqual(expected);
  });
});
