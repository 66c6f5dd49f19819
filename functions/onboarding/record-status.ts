import { RecordStatusEvent, statusUpdateFor } from '../../lib/domain/onboarding/status-updates';
import { onboardingRequestProblems } from '../../lib/schemas/onboarding-request';
import { stepHandler } from '../../lib/lambda-handler';
import { logger } from '../../lib/logger';
import { count } from '../../lib/observability';
import { runtime } from '../../lib/runtime';
import { statusStoreAdapter } from '../../lib/adapters/status-store';
import { eventPublisherAdapter } from '../../lib/adapters/event-publisher';
import { tenantStatusEvent } from '../../lib/domain/outbound-events/outbound-events';
import { now } from '../../lib/clock';

export interface RecordStatusResult {
  recorded: boolean;
  /** Why nothing was written: no usable tenant id, or a newer execution owns the status. */
  reason?: string;
}

/**
 * Record Status: a conditional write, so a stale step never overwrites a newer execution's status;
 * then, for ROLE_READY, FAILED and INVALID_REQUEST, the event that says so (once per execution: a
 * retried step computes the same event id, and the publisher sends an id once).
 */
export const handler = stepHandler(async (event: RecordStatusEvent): Promise<RecordStatusResult> => {
  const update = statusUpdateFor(event, onboardingRequestProblems);
  if (!update) {
    logger.warn('No status recorded: the request has no usable tenant id', { status: event.status });
    return { recorded: false, reason: 'the request has no usable tenant id' };
  }
  const { use } = runtime();
  const { applied } = await use(statusStoreAdapter).record(update);
  if (!applied) {
    logger.warn('Status not recorded: a newer execution already wrote this tenant', { status: update.status });
    return { recorded: false, reason: 'a newer execution has already recorded a status for this tenant' };
  }
  logger.info('Status recorded', { status: update.status });
  if (update.status === 'ROLE_READY') count('TenantsOnboarded');
  if (update.status === 'FAILED' || update.status === 'INVALID_REQUEST') count('OnboardingFailures', { name: 'status', value: update.status });
  const announced = tenantStatusEvent(update, now().toISOString());
  if (announced) {
    const { sent } = await use(eventPublisherAdapter).publish(announced);
    logger.info(sent ? 'Event sent' : 'Event already sent; not sent again', { detailType: announced.detailType, eventId: announced.detail.eventId });
  }
  return { recorded: true };
});
