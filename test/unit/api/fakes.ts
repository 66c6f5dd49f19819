// What the status API's tests add to the fakes of test/support/fakes.ts: a log that keeps every line,
// and API Gateway events derived from the fixture files.
import type { APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ApiLog } from '../../../lib/api/router';
import { readFixture } from '../../support/fixtures';

export class RecordingLog implements ApiLog {
  readonly lines: { level: string; message: string; extra: Record<string, unknown> }[] = [];
  info(message: string, extra: Record<string, unknown> = {}) {
    this.lines.push({ level: 'info', message, extra });
  }
  warn(message: string, extra: Record<string, unknown> = {}) {
    this.lines.push({ level: 'warn', message, extra });
  }
  error(message: string, extra: Record<string, unknown> = {}) {
    this.lines.push({ level: 'error', message, extra });
  }
}

export type ApiEventV2 = APIGatewayProxyEventV2WithIAMAuthorizer;

/**
 * The fixture's GET event turned into another request, as API Gateway would send it: method, path
 * (still percent-encoded, as rawPath is), body and extra headers.
 */
export function apiEvent(
  method: string,
  rawPath: string,
  options: { body?: string; headers?: Record<string, string>; requestId?: string; base64?: boolean; query?: Record<string, string> } = {},
): ApiEventV2 {
  const event = readFixture<ApiEventV2>('api', 'get-status');
  event.rawPath = rawPath;
  event.routeKey = '$default';
  event.requestContext.routeKey = '$default';
  event.requestContext.http.method = method;
  event.requestContext.http.path = rawPath;
  if (options.requestId) event.requestContext.requestId = options.requestId;
  delete event.pathParameters;
  if (options.body !== undefined) {
    event.body = options.base64 ? Buffer.from(options.body, 'utf8').toString('base64') : options.body;
    event.isBase64Encoded = options.base64 ?? false;
    event.headers['content-type'] = 'application/json';
  }
  Object.assign(event.headers, options.headers ?? {});
  if (options.query) {
    // As API Gateway passes a query (payload format 2.0): decoded values, and the raw string.
    event.queryStringParameters = { ...options.query };
    event.rawQueryString = new URLSearchParams(options.query).toString();
  }
  return event;
}

export function bodyOf(response: APIGatewayProxyStructuredResultV2): any {
  return JSON.parse(response.body ?? 'null');
}
