import { storeConnectionsFirst } from '../../lib/domain/verification/stored-connections';
import { OnboardingRequest, targetRolesInClear } from '../../lib/domain/onboarding/onboarding-request';
import { validateOnboardingRequest } from '../../lib/schemas/onboarding-request';
import { stepHandler, StepEvent } from '../../lib/lambda-handler';
import { runtime } from '../../lib/runtime';
import { statusStoreAdapter } from '../../lib/adapters/status-store';

export interface ValidateRequestEvent extends StepEvent {
  input: unknown;
  /** The execution (the state machine passes it): stored target roles are ordered by its start. */
  execution: { id: string; startTime: string };
}

/**
 * Validate Request: every field checked, chart defaults applied; throws InvalidOnboardingRequest.
 * Target roles given with their External IDs (a request started directly rather than by the event
 * starter) are stored here, as of the execution's start, and go on as references only.
 */
export const handler = stepHandler(async (event: ValidateRequestEvent): Promise<OnboardingRequest> => {
  const request = validateOnboardingRequest(event.input);
  const inClear = targetRolesInClear(event.input);
  if (inClear.length > 0) {
    await storeConnectionsFirst(runtime().use(statusStoreAdapter), request.tenantId, inClear, {
      at: event.execution.startTime,
      by: event.execution.id,
    });
  }
  return request;
});
