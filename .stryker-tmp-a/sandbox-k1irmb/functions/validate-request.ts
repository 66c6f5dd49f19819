// @ts-nocheck
import { validateOnboardingRequest, OnboardingRequest } from '../lib/domain/onboarding-request';
import { stepHandler, StepEvent } from '../lib/lambda-handler';

export interface ValidateRequestEvent extends StepEvent {
  input: unknown;
}

/** Validate Request: every field checked, chart defaults applied; throws InvalidOnboardingRequest. */
export const handler = stepHandler(async (event: ValidateRequestEvent): Promise<OnboardingRequest> =>
  validateOnboardingRequest(event.input),
);
