// The status API on a local port, over the sandbox: each HTTP request becomes the API Gateway HTTP API
// event (payload format 2.0) the deployed Lambda would receive, with an IAM identity for the local
// caller, and goes through the same router. So while a local run is going, support's questions
// ("what does the API say about acme now?") can be asked with curl.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { LocalEnvironment } from '../local/local-environment';
import { ApiLog, handleApiRequest } from './router';
import { ApiError, errorResponse, internalErrorResponse } from './responses';
import { matchPath } from './routes';
import { LOCAL_PREFIX, type localRoutes } from './local-routes';

type LocalRoutes = ReturnType<typeof localRoutes>;

/** API Gateway refuses payloads over 10 MB; a local server needs far less to stay honest. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface LocalApi {
  /** e.g. http://127.0.0.1:53124 */
  url: string;
  close(): Promise<void>;
}

export interface LocalApiOptions {
  log?: ApiLog;
  /** Serves a local stack's own routes under /_local/ (lib/api/local-routes.ts) besides the status API. */
  localRoutes?: LocalRoutes;
  /** Told, once listening, where the server is and that it has no authentication. */
  announce?: (line: string) => void;
}

/**
 * The request target split into path and query without URL resolution: `new URL('//', base)` reads
 * `//` as a host and throws, and an absolute-form target would name another host. API Gateway hands
 * the path on as rawPath, unresolved, and so does this.
 */
function splitTarget(target: string): { path: string; query: string } {
  let rest = target;
  // Absolute form (RFC 9112 3.2.2), which proxies send: only its path counts.
  const absolute = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(rest);
  if (absolute) rest = rest.slice(absolute[0].length);
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  const path = q >= 0 ? rest.slice(0, q) : rest;
  return { path: path.startsWith('/') ? path : `/${path}`, query: q >= 0 ? rest.slice(q + 1) : '' };
}

function queryParameters(query: string): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(query)) parameters[name] = value;
  return parameters;
}

/** The request's body; `tooLarge` once it passed MAX_BODY_BYTES (the rest is read and dropped, so the client gets the answer). */
function readBody(request: http.IncomingMessage): Promise<{ body?: string; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(
        size > MAX_BODY_BYTES
          ? { tooLarge: true }
          : { tooLarge: false, ...(chunks.length > 0 ? { body: Buffer.concat(chunks).toString('utf8') } : {}) },
      ),
    );
    request.on('error', reject);
  });
}

function headersOf(request: http.IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    // API Gateway joins repeated headers with commas and lowercases names, as node:http does.
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

/** The event API Gateway would send for this request, with the local caller as the IAM identity. */
export function localApiEvent(
  request: { method: string; url: string; headers: Record<string, string>; body?: string; sourceIp?: string },
  context: { account: string; region: string; requestId?: string; now?: Date },
): APIGatewayProxyEventV2WithIAMAuthorizer {
  const url = splitTarget(request.url);
  const method = request.method.toUpperCase();
  const now = context.now ?? new Date();
  const requestId = context.requestId ?? randomUUID();
  let match: ReturnType<typeof matchPath>;
  try {
    match = matchPath(url.path);
  } catch {
    // A malformed path reaches the router, which answers it; API Gateway would send it on $default too.
    match = undefined;
  }
  const route = match?.routes.find((r) => r.method === method);
  const routeKey = route ? `${route.method} ${route.template}` : '$default';
  const query = queryParameters(url.query);
  const callerArn = `arn:aws:iam::${context.account}:user/local-support`;
  return {
    version: '2.0',
    routeKey,
    rawPath: url.path,
    rawQueryString: url.query,
    headers: request.headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(route && match ? { pathParameters: match.params } : {}),
    requestContext: {
      accountId: context.account,
      apiId: 'local',
      domainName: request.headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method,
        path: url.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp ?? '127.0.0.1',
        userAgent: request.headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      authorizer: {
        iam: {
          accessKey: 'ASIALOCALSUPPORT0000',
          accountId: context.account,
          callerId: 'AIDALOCALSUPPORT00000',
          cognitoIdentity: null,
          principalOrgId: '',
          userArn: callerArn,
          userId: 'AIDALOCALSUPPORT00000',
        },
      },
    },
    ...(request.body !== undefined ? { body: request.body } : {}),
    isBase64Encoded: false,
  };
}

function send(response: http.ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  const body = result.body === undefined ? '' : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(body);
}

/**
 * Serves the status API on 127.0.0.1 (never on other interfaces: it answers as an authorized caller)
 * over the environment's status table and its local StartExecution. `port` 0 picks a free port.
 */
export async function startLocalApi(env: LocalEnvironment, port = 0, options: LocalApiOptions = {}): Promise<LocalApi> {
  const deps = {
    statusStore: env.adapters().statusStore,
    starter: env.starter(),
    executions: env.executionRecords(),
    region: env.config.region,
    ...(options.log ? { log: options.log } : {}),
  };
  const answer = async (request: http.IncomingMessage, response: http.ServerResponse, requestId: string) => {
    let read: { body?: string; tooLarge: boolean };
    try {
      read = await readBody(request);
    } catch {
      // The client broke off its own request (a body shorter than its Content-Length): no one to answer.
      response.destroy();
      return;
    }
    if (read.tooLarge) {
      send(response, errorResponse(new ApiError('PayloadTooLarge', `The request body is over ${MAX_BODY_BYTES} bytes`), requestId));
      return;
    }
    const { body } = read;
    const target = splitTarget(request.url ?? '/');
    if (options.localRoutes && target.path.startsWith(LOCAL_PREFIX)) {
      const answered = await options.localRoutes(request.method ?? 'GET', target.path, body);
      send(response, { statusCode: answered.statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(answered.body) });
      return;
    }
    const event = localApiEvent(
      {
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        headers: headersOf(request),
        ...(body !== undefined ? { body } : {}),
        ...(request.socket.remoteAddress ? { sourceIp: request.socket.remoteAddress } : {}),
      },
      { account: env.account, region: env.config.region, requestId },
    );
    send(response, await handleApiRequest(event, deps));
  };
  const server = http.createServer((request, response) => {
    const requestId = randomUUID();
    // Whatever a request holds, it is answered or its connection dropped: nothing it sends may end the
    // process and with it the sandbox of a local run.
    answer(request, response, requestId).catch((error: unknown) => {
      options.log?.error('Local status API request failed', { requestId, errorName: (error as Error)?.name, errorMessage: (error as Error)?.message });
      if (response.headersSent) response.destroy();
      else send(response, internalErrorResponse(requestId));
    });
  });
  // Requests node:http cannot parse (bad request lines, oversized headers): a 400, then the connection closes.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${bound}`;
  options.announce?.(`Status API on ${url} (127.0.0.1 only)`);
  options.announce?.(
    'It has no authentication: every request is served as an authorized support caller, so anyone who can reach this port on this machine can read statuses and start verifications.',
  );
  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive connections (fetch keeps them) would hold close() open until they time out.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
