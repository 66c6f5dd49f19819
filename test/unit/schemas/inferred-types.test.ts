// The types of the inputs are inferred from their schemas: what a handler reads is what the schema
// checked. A mismatch fails type checking (npx tsc --noEmit) as well as this test.
import type { z } from 'zod';
import { type Connection } from '../../../lib/domain/verification/connection';
import type { OnboardingRequest } from '../../../lib/domain/onboarding/onboarding-request';
import type { PollingSchedule } from '../../../lib/domain/verification/verification';
import type { OnboardingInput, VerificationInput } from '../../../lib/events/event-request';
import { readEvent } from '../../../lib/events/event-request';
import { onboardingRequestSchema, validateOnboardingRequest } from '../../../lib/schemas/onboarding-request';
import type { TargetRoleConfiguredDetail } from '../../../lib/schemas/target-role-configured';
import type { tenantCreatedDetailSchema } from '../../../lib/schemas/tenant-created';
import { validateVerificationRequest } from '../../../lib/schemas/verification-request';
import { eventFixture } from '../events/fixtures';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(equal: Equals<A, B>) => equal;

describe('types inferred from the schemas', () => {
  it('Validate Request returns the onboarding request its schema outputs', () => {
    // Assess (compile time)
    same<z.output<typeof onboardingRequestSchema>, OnboardingRequest>(true);
    same<ReturnType<typeof validateOnboardingRequest>, OnboardingRequest>(true);

    // Act
    const request = validateOnboardingRequest(eventFixture('tenant-created-with-target-roles').detail);

    // Assess: target roles go on as references, the External ID as length and fingerprint.
    expect(request.targetRoles[0]?.externalId).toEqual({ length: 15, fingerprint: expect.stringMatching(/^[0-9a-f]{8}$/) });
    expect(request.schedule).not.toBeNull();
  });

  it('a TenantCreated detail is an onboarding input, and a TargetRoleConfigured one carries a connection', () => {
    // Assess (compile time)
    same<z.infer<typeof tenantCreatedDetailSchema> extends OnboardingInput ? true : false, true>(true);
    same<Omit<TargetRoleConfiguredDetail, 'tenantId'>, Connection>(true);

    // Act
    const reading = readEvent(eventFixture('target-role-configured'));

    // Assess
    const input = reading.ok ? (reading.request.input as VerificationInput) : undefined;
    expect(Object.keys(input?.connections[0] ?? {}).sort()).toEqual(['connectionId', 'externalId', 'roleArn']);
  });

  it('Plan Verification reads connections and a schedule with its defaults', () => {
    // Assess (compile time)
    same<ReturnType<typeof validateVerificationRequest>['connections'], Connection[]>(true);
    same<ReturnType<typeof validateVerificationRequest>['schedule'], PollingSchedule>(true);

    // Act
    const request = validateVerificationRequest({ tenantId: 'acme', connections: [eventFixture('target-role-configured').detail] });

    // Assess
    expect(request.schedule).toEqual({ firstRetrySeconds: 60, maxIntervalSeconds: 3600, deadlineSeconds: 604800 });
  });
});
