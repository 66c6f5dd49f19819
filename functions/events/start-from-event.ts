import { EventOutcome, handleEvent } from '../../lib/events/handle-event';
import { logger } from '../../lib/logger';
import { lambdaHandler } from '../../lib/lambda-handler';
import { count } from '../../lib/observability';
import { runtime } from '../../lib/runtime';
import { deadLettersAdapter } from '../../lib/adapters/sqs-dead-letters';
import { statusStoreAdapter } from '../../lib/adapters/status-store';
import { workflowStarterAdapter } from '../../lib/adapters/step-functions-starter';
import { now } from '../../lib/clock';

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function stringField(value: unknown, key: string): string | undefined {
  const found = field(value, key);
  return typeof found === 'string' ? found : undefined;
}

// Not stepHandler: an EventBridge event has no execution and its tenant id is inside `detail`.
const eventLogKeys = (event: unknown) => ({
  eventId: stringField(event, 'id'),
  detailType: stringField(event, 'detail-type'),
  tenantId: stringField(field(event, 'detail'), 'tenantId'),
});

/**
 * Starts onboarding for a TenantCreated event and verification for a TargetRoleConfigured event
 * (lib/events/handle-event.ts). Returns normally for an invalid event, which is in the dead-letter
 * queue by then; throws only what a later attempt can get past.
 */
export const handler = lambdaHandler(
  async (event: unknown): Promise<EventOutcome> => {
    const { use } = runtime();
    const [workflowStarter, deadLetters, statusStore] = [use(workflowStarterAdapter), use(deadLettersAdapter), use(statusStoreAdapter)];
    const outcome = await handleEvent(event, { starter: workflowStarter, deadLetters, statusStore, log: logger, now });
    if (outcome.started) count('ExecutionsStartedFromEvents', { name: 'workflow', value: outcome.kind });
    else if (outcome.reason === 'already started') count('RedeliveredEvents');
    else if (outcome.reason === 'superseded') count('SupersededEvents');
    else count('InvalidEvents', { name: 'error', value: outcome.name });
    return outcome;
  },
  { logKeys: eventLogKeys, failurePrefix: 'Event not handled, to be retried: ' },
);
