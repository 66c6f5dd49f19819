import { AttemptRecord, ConnectionProgress, connectionAfterAttempt, verifiedElsewhere } from '../../lib/domain/verification/verification-plan';
import { stepHandler, StepEvent } from '../../lib/lambda-handler';
import { logger } from '../../lib/logger';
import { count } from '../../lib/observability';
import { now } from '../../lib/clock';
import { runtime } from '../../lib/runtime';
import { statusStoreAdapter } from '../../lib/adapters/status-store';

/** What Record Attempt passes: the attempt to record, without the clock's reading. */
export type RecordAttemptEvent = StepEvent & Omit<AttemptRecord, 'now'>;

/** Record Attempt: the connection's status, and whether and when to try again. */
export const handler = stepHandler(async (event: RecordAttemptEvent): Promise<ConnectionProgress> => {
  const statusStore = runtime().use(statusStoreAdapter);
  const { status, progress } = connectionAfterAttempt({ ...event, now: now() });
  if (status.state !== 'VERIFIED') {
    const stored = await statusStore.connectionStatus(event.tenantId, event.connection.connectionId);
    if (verifiedElsewhere(stored, event.connection, event.execution)) {
      logger.info('Connection already verified by another execution; polling stops', { connectionId: status.connectionId });
      return { ...progress, waitSeconds: 0, continue: false, state: 'VERIFIED' };
    }
  }
  const { applied } = await statusStore.recordConnection(event.tenantId, status);
  if (!applied) {
    // A newer execution owns this connection now: it polls; this one stops.
    logger.warn('Connection status not recorded: a newer execution owns it; polling stops', { connectionId: status.connectionId });
    return { ...progress, waitSeconds: 0, continue: false };
  }
  count('VerificationAttempts', { name: 'outcome', value: event.attempt.outcome });
  if (status.diagnosis) count('Diagnoses', { name: 'code', value: status.diagnosis.code });
  for (const warning of status.warnings ?? []) count('Warnings', { name: 'code', value: warning.code });
  if (status.state !== 'VERIFYING') count('ConnectionsSettled', { name: 'state', value: status.state });
  logger.info('Connection status recorded', {
    connectionId: status.connectionId,
    state: status.state,
    code: status.diagnosis?.code,
    warnings: status.warnings?.map((w) => w.code),
  });
  return progress;
});
