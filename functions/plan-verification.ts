import { planVerification, VerificationPlan } from '../lib/domain/verification-plan';
import { stepHandler, StepEvent } from '../lib/lambda-handler';
import { runtime } from '../lib/runtime';

export interface PlanVerificationEvent extends StepEvent {
  input: unknown;
}

/** Plan Verification: validate the request and find the tenant's dataplane role. */
export const handler = stepHandler(async (event: PlanVerificationEvent): Promise<VerificationPlan> => {
  const tenantId = (event.input as { tenantId?: unknown } | undefined)?.tenantId;
  const tenant = typeof tenantId === 'string' && tenantId ? await runtime().adapters.statusStore.get(tenantId) : undefined;
  return planVerification(event.input, tenant);
});
