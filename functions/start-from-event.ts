import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { DomainError } from '../lib/errors';
import { EventOutcome, handleEvent } from '../lib/events/handle-event';
import { logger } from '../lib/logger';
import { count, metrics, tracer } from '../lib/observability';
import { runtime } from '../lib/runtime';

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function stringField(value: unknown, key: string): string | undefined {
  const found = field(value, key);
  return typeof found === 'string' ? found : undefined;
}

// Not stepHandler: an EventBridge event has no execution, its tenant id is inside `detail`, and the
// event itself may carry a customer's External ID, so it is never logged — whatever
// POWERTOOLS_LOGGER_LOG_EVENT says — and no response goes to the trace either.
const eventLogKeys = (): middy.MiddlewareObj<unknown, EventOutcome, Error, Context> => ({
  before: ({ event }) => {
    logger.appendKeys({
      eventId: stringField(event, 'id'),
      detailType: stringField(event, 'detail-type'),
      tenantId: stringField(field(event, 'detail'), 'tenantId'),
    });
  },
  onError: ({ error }) => {
    if (error instanceof DomainError) {
      const log = error.transient ? logger.warn.bind(logger) : logger.error.bind(logger);
      log({ message: `Event not handled, to be retried: ${error.message}`, errorName: error.name, details: error.details });
    } else {
      logger.error('Event not handled, to be retried: unexpected error', error as Error);
    }
  },
});

/**
 * Starts onboarding for a TenantCreated event and verification for a TargetRoleConfigured event
 * (lib/events/handle-event.ts). Returns normally for an invalid event, which is in the dead-letter
 * queue by then; throws only what a later attempt can get past.
 */
export const handler = middy<unknown, EventOutcome, Error, Context>()
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
  .use(logMetrics(metrics))
  .use(eventLogKeys())
  .handler(async (event: unknown): Promise<EventOutcome> => {
    const { workflowStarter, deadLetters, statusStore } = runtime().adapters;
    const outcome = await handleEvent(event, { starter: workflowStarter, deadLetters, statusStore, log: logger });
    if (outcome.started) count('ExecutionsStartedFromEvents', { name: 'workflow', value: outcome.kind });
    else if (outcome.reason === 'already started') count('RedeliveredEvents');
    else count('InvalidEvents', { name: 'error', value: outcome.name });
    return outcome;
  });
