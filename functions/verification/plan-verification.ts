import { planVerification, VerificationPlan } from '../../lib/domain/verification/verification-plan';
import { validateVerificationRequest } from '../../lib/schemas/verification-request';
import { stepHandler, StepEvent } from '../../lib/lambda-handler';
import { now } from '../../lib/clock';
import type { ExecutionRef } from '../../lib/domain/status';
import { runtime } from '../../lib/runtime';
import { statusStoreAdapter } from '../../lib/adapters/status-store';

export interface PlanVerificationEvent extends StepEvent {
  input: unknown;
  /** This execution: the run each connection's status names, and what its executions are named from. */
  execution: ExecutionRef;
}

/** Plan Verification: check the request with its schema and find the tenant's dataplane role. */
export const handler = stepHandler(async (event: PlanVerificationEvent): Promise<VerificationPlan> => {
  const statusStore = runtime().use(statusStoreAdapter);
  const input = event.input as { tenantId?: unknown; connections?: unknown } | undefined;
  const tenantId = input?.tenantId;
  const known = typeof tenantId === 'string' && tenantId.length > 0;
  const tenant = known ? await statusStore.get(tenantId) : undefined;
  // The stored connections are read only for a re-run that names none.
  const stored = known && tenant && input?.connections === undefined ? await statusStore.storedConnections(tenantId) : [];
  const request = validateVerificationRequest(event.input, stored);
  const { store, ...plan } = planVerification(request, tenant, event.execution);
  if (store.length > 0) await statusStore.saveConnections(plan.tenantId, store, now().toISOString());
  return plan;
});
