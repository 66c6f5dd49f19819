import { isPolling } from '../../lib/domain/status';
import { AttemptRecord, ConnectionProgress, connectionAfterAttempt, verifiedElsewhere } from '../../lib/domain/verification/verification-plan';
import { connectionEvent, noticeBefore, withNotice, withNoticeDeferred } from '../../lib/domain/outbound-events/outbound-events';
import { stepHandler, StepEvent } from '../../lib/lambda-handler';
import { isTransientError } from '../../lib/errors';
import { logger } from '../../lib/logger';
import { count } from '../../lib/observability';
import { now } from '../../lib/clock';
import { runtime } from '../../lib/runtime';
import { statusStoreAdapter } from '../../lib/adapters/status-store';
import { eventPublisherAdapter } from '../../lib/adapters/event-publisher';

/** What Record Attempt passes: the attempt to record, without the clock's reading. */
export type RecordAttemptEvent = StepEvent & Omit<AttemptRecord, 'now'>;

/**
 * Record Attempt: the connection's status, and whether and when to try again; then, when the
 * connection's notice changed (verified, or someone must act), the event that says so. The status is
 * written first, so no event announces a status that was not recorded; a retried step computes the
 * same event from the notice the status was recorded over, and the publisher sends its id once. An
 * event EventBridge does not take while polling goes on is left to the next attempt.
 */
export const handler = stepHandler(async (event: RecordAttemptEvent): Promise<ConnectionProgress> => {
  const { use } = runtime();
  const statusStore = use(statusStoreAdapter);
  const at = now();
  const { status: computed, progress } = connectionAfterAttempt({ ...event, now: at });
  const stored = await statusStore.connectionStatus(event.tenantId, event.connection.connectionId);
  if (computed.state !== 'VERIFIED' && verifiedElsewhere(stored, event.connection, event.execution)) {
    logger.info('Connection already verified by another execution; polling stops', { connectionId: computed.connectionId });
    return { ...progress, waitSeconds: 0, continue: false, state: 'VERIFIED' };
  }
  const before = noticeBefore(stored, computed);
  const status = withNotice(computed, before);
  const { applied } = await statusStore.recordConnection(event.tenantId, status);
  if (!applied) {
    // A newer execution owns this connection now: it polls; this one stops.
    logger.warn('Connection status not recorded: a newer execution owns it; polling stops', { connectionId: status.connectionId });
    return { ...progress, waitSeconds: 0, continue: false };
  }
  count('VerificationAttempts', { name: 'outcome', value: event.attempt.outcome });
  if (status.diagnosis) count('Diagnoses', { name: 'code', value: status.diagnosis.code });
  for (const warning of status.warnings ?? []) count('Warnings', { name: 'code', value: warning.code });
  if (!isPolling(status.state)) count('ConnectionsSettled', { name: 'state', value: status.state });
  logger.info('Connection status recorded', {
    connectionId: status.connectionId,
    state: status.state,
    code: status.diagnosis?.code,
    warnings: status.warnings?.map((w) => w.code),
  });
  // While polling goes on, the deadline is the scheduled waiting that remains.
  const pollingEndsAt = progress.continue
    ? new Date(at.getTime() + (event.schedule.deadlineSeconds - progress.elapsedSeconds) * 1000).toISOString()
    : undefined;
  const announced = connectionEvent(event.tenantId, status, before, at.toISOString(), pollingEndsAt);
  if (announced) {
    try {
      const { sent } = await use(eventPublisherAdapter).publish(announced);
      logger.info(sent ? 'Event sent' : 'Event already sent; not sent again', { detailType: announced.detailType, eventId: announced.detail.eventId });
    } catch (error) {
      // EventBridge did not take it. While polling goes on, the connection must not stop for a
      // notification: the status goes back to the notice before, and the next attempt announces the
      // change. When polling stops here, the step fails and its retries send it.
      if (!progress.continue || !isTransientError(error)) throw error;
      await statusStore.recordConnection(event.tenantId, withNoticeDeferred(status, before));
      count('EventsDeferred', { name: 'detailType', value: announced.detailType });
      logger.error('Event not sent; the next attempt announces the change', {
        detailType: announced.detailType,
        eventId: announced.detail.eventId,
        errorName: (error as Error).name,
        errorMessage: (error as Error).message,
      });
    }
  }
  return progress;
});
