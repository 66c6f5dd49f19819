// Every function is a thin handler wrapped the same way: Lambda context and the tenant id and
// execution id on every log line, and domain errors logged with their details before they reach the
// state machine (whose Retry/Catch match the error's name).
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { metrics, tracer } from './observability';
import { DomainError } from './errors';
import { logger } from './logger';

/** What every state passes to its function besides its own data. */
export interface StepEvent {
  execution?: { id?: string; startTime?: string };
  tenantId?: unknown;
  request?: { tenantId?: unknown };
  input?: { tenantId?: unknown } | unknown;
}

function tenantIdOf(event: StepEvent): string | undefined {
  if (typeof event.tenantId === 'string') return event.tenantId;
  const fromRequest = event.request?.tenantId;
  if (typeof fromRequest === 'string') return fromRequest;
  const input = event.input as { tenantId?: unknown } | undefined;
  return typeof input?.tenantId === 'string' ? input.tenantId : undefined;
}

const stepLogKeys = (): middy.MiddlewareObj<StepEvent, unknown> => ({
  before: ({ event }) => {
    logger.appendKeys({ tenantId: tenantIdOf(event), executionId: event.execution?.id });
  },
  onError: ({ error }) => {
    if (error instanceof DomainError) {
      const log = error.transient ? logger.warn.bind(logger) : logger.error.bind(logger);
      log({ message: error.message, errorName: error.name, details: error.details });
    } else {
      logger.error('Unexpected error', error as Error);
    }
  },
});

/**
 * Publishes the invocation's metrics, if it added any: most steps add none, and Powertools' own
 * middleware would log a warning for each of those invocations.
 */
const publishMetrics = (): middy.MiddlewareObj<unknown, unknown> => {
  const publish = async () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: publish, onError: publish };
};

export function stepHandler<E extends StepEvent, R>(
  step: (event: E, context: Context) => Promise<R>,
): middy.MiddyfiedHandler<E, R, Error, Context> {
  return middy<E, R, Error, Context>()
    .use(captureLambdaHandler(tracer, { captureResponse: false })) // responses may carry External IDs
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics() as middy.MiddlewareObj<E, R, Error, Context>)
    .use(stepLogKeys() as middy.MiddlewareObj<E, R, Error, Context>)
    .handler(step);
}
