// The status API: one pure function from an API Gateway HTTP API event (payload format 2.0) to its
// response, with the ports it reads and starts through passed in. The Lambda handler and the local
// server both call it, so what is tested here is what runs behind API Gateway.
//
// Authentication is API Gateway's (IAM authorization, SigV4): a request only arrives here signed by a
// principal the API's resource policy and the caller's IAM policies allow, and API Gateway puts that
// principal in requestContext.authorizer.iam. The caller ARN is logged with every request, so support
// can tell who re-ran what.
import { ownEntry } from '../domain/status';
import { randomUUID } from 'node:crypto';
import { isTransientError } from '../errors';
import type {
  APIGatewayEventRequestContextIAMAuthorizer,
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithIAMAuthorizer,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { executionName } from '../domain/execution-names';
import type { ExecutionRecords, StatusStore, WorkflowStarter } from '../ports';
import { now } from '../clock';
import { checkSameRequest, requestDigest } from './idempotency';
import { checkConnectionId, checkTenantId, quote } from './identifiers';
import { ApiError, errorResponse, internalErrorResponse, jsonResponse, throttledResponse } from './responses';
import { apiPath, describeRoutes, matchPath, Route } from './routes';
import { connectionListView, connectionView, executionConsoleUrl, tenantStatusView } from './status-view';
import { decodePageToken, encodePageToken } from './page-token';
import { readConnectionListQuery } from '../schemas/connection-list-query';
import { checkVerificationRequest, parseVerificationBody, unknownTenant } from './verification-request';

/** What the API logs to; the Powertools logger in Lambda. */
export interface ApiLog {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

export interface ApiDependencies {
  statusStore: StatusStore;
  starter: WorkflowStarter;
  /** Finds the execution an Idempotency-Key already started, to tell a retry from a different request. */
  executions: Pick<ExecutionRecords, 'describe'>;
  /** The region the API and its state machines run in (console links name the region of each execution ARN). */
  region: string;
  log?: ApiLog;
}

export type ApiEvent = APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithIAMAuthorizer;

/** Idempotency-Key values: printable ASCII, as the IETF draft and common APIs use (UUIDs, ULIDs, hashes). */
const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/;

const SILENT: ApiLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

type IamIdentity = APIGatewayEventRequestContextIAMAuthorizer['iam'];

function callerOf(event: ApiEvent): IamIdentity | undefined {
  const authorizer = (event.requestContext as { authorizer?: Partial<APIGatewayEventRequestContextIAMAuthorizer> }).authorizer;
  const iam = authorizer?.iam;
  return iam && typeof iam.userArn === 'string' && iam.userArn.length > 0 ? iam : undefined;
}

function header(event: ApiEvent, name: string): string | undefined {
  // Payload format 2.0 lowercases header names; a hand-built event may not.
  const headers = event.headers ?? {};
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

interface RequestContext {
  event: ApiEvent;
  deps: ApiDependencies;
  params: Record<string, string>;
  requestId: string;
  /** Prefix of every path this API returns: the named stage, when there is one. */
  basePath: string;
}

export async function handleApiRequest(event: ApiEvent, deps: ApiDependencies): Promise<APIGatewayProxyStructuredResultV2> {
  const log = deps.log ?? SILENT;
  const requestId = event.requestContext?.requestId || randomUUID();
  const method = (event.requestContext?.http?.method ?? 'GET').toUpperCase();
  const rawPath = event.rawPath ?? event.requestContext?.http?.path ?? '/';
  const caller = callerOf(event);
  const logged = { requestId, method, path: rawPath, callerArn: caller?.userArn, callerAccount: caller?.accountId };
  try {
    if (!caller) {
      // Only a route deployed without IAM authorization gets here: refuse rather than serve tenants'
      // statuses to anyone on the internet.
      throw new ApiError('Forbidden', 'The request carries no IAM identity: this API requires IAM authorization (SigV4-signed requests)');
    }
    const stage = event.requestContext?.stage;
    const path = apiPath(rawPath, stage);
    const match = matchPath(path);
    if (!match) throw new ApiError('NotFound', `There is no resource at ${quote(path)}; the API has ${describeRoutes()}`);
    const route = match.routes.find((r) => r.method === method);
    if (!route) {
      const allowed = match.routes.map((r) => r.method).join(', ');
      throw new ApiError('MethodNotAllowed', `${method} is not allowed on ${match.template}; allowed: ${allowed}`, { allow: allowed });
    }
    const basePath = path === rawPath ? '' : `/${stage}`;
    const response = await runRoute(route, { event, deps, params: match.params, requestId, basePath });
    log.info('Status API request', { ...logged, route: route.name, statusCode: response.statusCode });
    return response;
  } catch (error) {
    if (error instanceof ApiError) {
      const level = error.code === 'Forbidden' ? log.warn : log.info;
      level.call(log, 'Status API request refused', { ...logged, statusCode: error.statusCode, errorCode: error.code, reason: error.message });
      return errorResponse(error, requestId);
    }
    if (isTransientError(error)) {
      log.warn('Status API request throttled', { ...logged, statusCode: 503, errorName: (error as Error).name, errorMessage: (error as Error).message });
      return throttledResponse(requestId);
    }
    log.error('Status API request failed', {
      ...logged,
      statusCode: 500,
      errorName: (error as Error)?.name,
      errorMessage: (error as Error)?.message,
      stack: (error as Error)?.stack,
    });
    return internalErrorResponse(requestId);
  }
}

function runRoute(route: Route, ctx: RequestContext): Promise<APIGatewayProxyStructuredResultV2> {
  switch (route.name) {
    case 'getStatus':
      return getStatus(ctx);
    case 'getConnection':
      return getConnection(ctx);
    case 'startVerification':
      return startVerification(ctx);
    case 'listConnections':
      return listConnections(ctx);
  }
}

async function knownTenant(ctx: RequestContext) {
  const tenantId = checkTenantId(ctx.params.tenantId ?? '');
  const record = await ctx.deps.statusStore.get(tenantId);
  if (!record) throw unknownTenant(tenantId);
  return record;
}

async function getStatus(ctx: RequestContext) {
  const record = await knownTenant(ctx);
  return jsonResponse(200, tenantStatusView(record));
}

async function getConnection(ctx: RequestContext) {
  // Both ids are checked before the lookup, so a malformed connection id is a 400 even for an unknown tenant.
  checkTenantId(ctx.params.tenantId ?? '');
  const connectionId = checkConnectionId(ctx.params.connectionId ?? '');
  const record = await knownTenant(ctx);
  // Own keys only: "constructor" is a well-formed connection id, and must not find Object.prototype's.
  const connection = ownEntry(record.connections, connectionId);
  if (!connection) {
    const known = Object.keys(record.connections ?? {}).sort();
    throw new ApiError(
      'NotFound',
      `Tenant ${quote(record.tenantId)} has no connection ${quote(connectionId)} ` +
        (known.length > 0 ? `(its connections: ${known.join(', ')})` : '(no connection of this tenant has been verified yet)'),
    );
  }
  return jsonResponse(200, connectionView(connection));
}

/** Connections of every tenant in one state, newest first, a page at a time: support's "what is broken now". */
async function listConnections(ctx: RequestContext) {
  const { query, problems } = readConnectionListQuery(ctx.event.queryStringParameters ?? {});
  if (!query) throw new ApiError('BadRequest', problems.join('; '));
  const startAfter = query.nextToken === undefined ? undefined : decodePageToken(query.nextToken, query.state);
  if (query.nextToken !== undefined && !startAfter) {
    throw new ApiError('BadRequest', `The nextToken is not one this API returned for status=${query.state} (it may have been cut or altered, or be another status's); list again without it`);
  }
  const page = await ctx.deps.statusStore.connectionsInState(query.state, { limit: query.limit, ...(startAfter ? { startAfter } : {}) });
  return jsonResponse(200, connectionListView(query.state, page.connections, page.next ? encodePageToken(page.next) : undefined));
}

async function startVerification(ctx: RequestContext) {
  const tenantId = checkTenantId(ctx.params.tenantId ?? '');
  const body = parseVerificationBody(ctx.event.body, ctx.event.isBase64Encoded);
  const idempotencyKey = header(ctx.event, 'idempotency-key');
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new ApiError(
      'BadRequest',
      'The Idempotency-Key header is not valid; allowed: 1-255 printable ASCII characters without spaces (a UUID, for example)',
    );
  }
  // The same checks Plan Verification makes (connection ids exist, schedule bounds, history budget),
  // here so that a bad request is a 400 now rather than a failed execution later.
  const { connections, given, request } = await checkVerificationRequest(ctx.deps.statusStore, tenantId, body);
  // The execution input names connections by id and never carries them: an execution's input is
  // readable in the console and its history, and the stored ones hold External IDs.
  const digest = idempotencyKey !== undefined ? requestDigest(request) : undefined;
  const input = {
    tenantId,
    ...(given ? { connectionIds: connections.map((c) => c.connectionId) } : body.connectionIds ? { connectionIds: body.connectionIds } : {}),
    ...(body.schedule !== undefined ? { schedule: body.schedule } : {}),
    ...(digest ? { requestDigest: digest } : {}),
  };
  const key = idempotencyKey ?? ctx.requestId;
  const name = executionName('verification', tenantId, key);
  // A retry is answered from the execution it started, before anything is stored: a different request
  // under the same key must change nothing.
  const existing = digest ? await ctx.deps.executions.describe('verification', name) : undefined;
  if (existing && digest) checkSameRequest(existing, key, digest);
  if (given && !existing) await ctx.deps.statusStore.saveConnections(tenantId, connections, now().toISOString());
  const started = existing ? { executionArn: existing.executionArn, alreadyStarted: true } : await ctx.deps.starter.start('verification', name, input);
  if (started.alreadyStarted && digest && !existing) {
    // Another request with this key started it between our look and our start.
    const raced = await ctx.deps.executions.describe('verification', name);
    if (raced) checkSameRequest(raced, key, digest);
  }
  ctx.deps.log?.info('Verification started', {
    requestId: ctx.requestId,
    tenantId,
    executionArn: started.executionArn,
    alreadyStarted: started.alreadyStarted,
    idempotencyKey: idempotencyKey !== undefined,
  });
  const executionId = started.executionArn.split(':').pop() ?? name;
  const consoleUrl = executionConsoleUrl(started.executionArn);
  const statusPath = `${ctx.basePath}/tenants/${encodeURIComponent(tenantId)}/status`;
  return jsonResponse(
    202,
    {
      executionArn: started.executionArn,
      executionId,
      alreadyStarted: started.alreadyStarted,
      ...(consoleUrl ? { consoleUrl } : {}),
      statusUrl: statusPath,
    },
    // The run's outcome is written to the tenant's status, which is where the client polls.
    { location: statusPath },
  );
}
