import { RecordStatusEvent, statusUpdateFor } from '../../lib/domain/onboarding/status-updates';
import { onboardingRequestProblems } from '../../lib/schemas/onboarding-request';
import { stepHandler } from '../../lib/lambda-handler';
import { logger } from '../../lib/logger';
import { count } from '../../lib/observability';
import { runtime } from '../../lib/runtime';
import { statusStoreAdapter } from '../../lib/adapters/status-store';

export interface RecordStatusResult {
  recorded: boolean;
  /** Why nothing was written: no usable tenant id, or a newer execution owns the status. */
  reason?: string;
}

/** Record Status: a conditional write, so a stale step never overwrites a newer execution's status. */
export const handler = stepHandler(async (event: RecordStatusEvent): Promise<RecordStatusResult> => {
  const update = statusUpdateFor(event, onboardingRequestProblems);
  if (!update) {
    logger.warn('No status recorded: the request has no usable tenant id', { status: event.status });
    return { recorded: false, reason: 'the request has no usable tenant id' };
  }
  const { applied } = await runtime().use(statusStoreAdapter).record(update);
  if (!applied) {
    logger.warn('Status not recorded: a newer execution already wrote this tenant', { status: update.status });
    return { recorded: false, reason: 'a newer execution has already recorded a status for this tenant' };
  }
  logger.info('Status recorded', { status: update.status });
  if (update.status === 'ROLE_READY') count('TenantsOnboarded');
  if (update.status === 'FAILED' || update.status === 'INVALID_REQUEST') count('OnboardingFailures', { name: 'status', value: update.status });
  return { recorded: true };
});
