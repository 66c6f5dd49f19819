// @ts-nocheck
// Every function is a thin handler wrapped the same way (lambdaHandler); the state machines' steps
// put the tenant id and execution id on every log line (stepHandler).
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

export interface HandlerOptions<E> {
  /** Keys put on every log line of the invocation (tenant id, execution id, event id...). */
  logKeys: (event: E) => Record<string, unknown>;
  /** Put before a failure's message in its log line. */
  failurePrefix?: string;
}

/**
 * The one wrapping of every function: X-Ray (without the response, which may carry External IDs),
 * the Lambda context and the handler's keys on every log line (never the event itself, which may too),
 * metrics published when the invocation added some, and failures logged with their details before
 * they reach the caller (the state machines match a domain error's name).
 */
export function lambdaHandler<E, R>(
  handler: (event: E, context: Context) => Promise<R>,
  options: HandlerOptions<E>,
): middy.MiddyfiedHandler<E, R, Error, Context> {
  const prefix = options.failurePrefix ?? '';
  const logKeys: middy.MiddlewareObj<E, R, Error, Context> = {
    before: ({ event }) => {
      logger.appendKeys(options.logKeys(event));
    },
    onError: ({ error }) => {
      if (error instanceof DomainError) {
        const log = error.transient ? logger.warn.bind(logger) : logger.error.bind(logger);
        log({ message: `${prefix}${error.message}`, errorName: error.name, details: error.details });
      } else {
        logger.error(`${prefix}${prefix ? 'unexpected error' : 'Unexpected error'}`, error as Error);
      }
    },
  };
  return middy<E, R, Error, Context>()
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
    .use(publishMetrics() as middy.MiddlewareObj<E, R, Error, Context>)
    .use(logKeys)
    .handler(handler);
}

/** A state machine step: tenant id and execution id on every log line. */
export function stepHandler<E extends StepEvent, R>(
  step: (event: E, context: Context) => Promise<R>,
): middy.MiddyfiedHandler<E, R, Error, Context> {
  return lambdaHandler(step, { logKeys: (event) => ({ tenantId: tenantIdOf(event), executionId: event.execution?.id }) });
}
