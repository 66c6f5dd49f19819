// What every status API response looks like: JSON, never cached (a status changes between two polls
// of the same URL and may name a customer's role ARNs), and errors in one shape a client can branch on.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export const API_ERROR_CODES = [
  'BadRequest',
  'Forbidden',
  'NotFound',
  'MethodNotAllowed',
  'Conflict',
  'PayloadTooLarge',
  'UnprocessableContent',
  'InternalError',
  'ServiceUnavailable',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; requestId?: string };
}

const STATUS_OF: Record<ApiErrorCode, number> = {
  BadRequest: 400,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  Conflict: 409,
  PayloadTooLarge: 413,
  UnprocessableContent: 422,
  InternalError: 500,
  ServiceUnavailable: 503,
};

/**
 * A request the API refuses, with a message that says what was wrong and what is allowed. Thrown
 * anywhere below the router and turned into its response there, so no bad input can become a 500.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  get statusCode(): number {
    return STATUS_OF[this.code];
  }
}

export const BASE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
};

export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { ...BASE_HEADERS, ...headers }, body: JSON.stringify(body) };
}

export function errorResponse(error: ApiError, requestId?: string): APIGatewayProxyStructuredResultV2 {
  const body: ApiErrorBody = { error: { code: error.code, message: error.message, ...(requestId ? { requestId } : {}) } };
  return jsonResponse(error.statusCode, body, error.headers);
}

/**
 * An unexpected failure: the request id lets support find the log line, and nothing of the failure
 * itself (an SDK message can name tables, roles or accounts) reaches the caller.
 */
export function internalErrorResponse(requestId: string): APIGatewayProxyStructuredResultV2 {
  const body: ApiErrorBody = {
    error: {
      code: 'InternalError',
      message: `The request could not be completed because of an unexpected error; quote request id ${requestId} to support`,
      requestId,
    },
  };
  return jsonResponse(500, body);
}

/** Seconds a client waits before retrying a throttled request; DynamoDB and Step Functions throttling clears in seconds. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * AWS throttled us (DynamoDB, Step Functions) or its open-executions quota is full: nothing is wrong
 * with the request, and the same request later succeeds. With an Idempotency-Key, a retry still
 * starts at most one execution.
 */
export function throttledResponse(requestId: string): APIGatewayProxyStructuredResultV2 {
  const body: ApiErrorBody = {
    error: {
      code: 'ServiceUnavailable',
      message: `The service is busy; retry in ${RETRY_AFTER_SECONDS} seconds (with the same Idempotency-Key, if any)`,
      requestId,
    },
  };
  return jsonResponse(503, body, { 'retry-after': String(RETRY_AFTER_SECONDS) });
}
