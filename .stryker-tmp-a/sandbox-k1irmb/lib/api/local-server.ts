// @ts-nocheck
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
import { ApiError, errorResponse } from './responses';
import { matchPath } from './routes';

/** API Gateway refuses payloads over 10 MB; a local server needs far less to stay honest. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface LocalApi {
  /** e.g. http://127.0.0.1:53124 */
  url: string;
  close(): Promise<void>;
}

export interface LocalApiOptions {
  log?: ApiLog;
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
  const url = new URL(request.url, 'http://127.0.0.1');
  const method = request.method.toUpperCase();
  const now = context.now ?? new Date();
  const requestId = context.requestId ?? randomUUID();
  let match: ReturnType<typeof matchPath>;
  try {
    match = matchPath(url.pathname);
  } catch {
    // A malformed path reaches the router, which answers it; API Gateway would send it on $default too.
    match = undefined;
  }
  const route = match?.routes.find((r) => r.method === method);
  const routeKey = route ? `${route.method} ${route.template}` : '$default';
  const query = Object.fromEntries(url.searchParams.entries());
  const callerArn = `arn:aws:iam::${context.account}:user/local-support`;
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
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
        path: url.pathname,
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
    region: env.config.region,
    ...(options.log ? { log: options.log } : {}),
  };
  const server = http.createServer((request, response) => {
    void (async () => {
      const requestId = randomUUID();
      let read: { body?: string; tooLarge: boolean };
      try {
        read = await readBody(request);
      } catch {
        response.destroy();
        return;
      }
      if (read.tooLarge) {
        send(response, errorResponse(new ApiError('PayloadTooLarge', `The request body is over ${MAX_BODY_BYTES} bytes`), requestId));
        return;
      }
      const { body } = read;
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
      // handleApiRequest never throws: every failure is already a response.
      send(response, await handleApiRequest(event, deps));
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive connections (fetch keeps them) would hold close() open until they time out.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
