import net from 'node:net';
import { localApiEvent, startLocalApi, LocalApi } from '../../../lib/api/local-server';
import type { LocalEnvironment } from '../../../lib/local/local-environment';
import type { StatusRecord } from '../../../lib/domain/status';
import { FakeStarter, FakeStatusStore } from '../../support/fakes';
import { readFixture } from '../../support/fixtures';

describe('localApiEvent', () => {
  it('is the API Gateway v2 event of the request, with the route, path parameters and a local IAM caller', () => {
    // Act
    const event = localApiEvent(
      { method: 'get', url: '/tenants/acme/connections/acme-athena?verbose=1', headers: { host: '127.0.0.1:3000', 'user-agent': 'curl/8.5.0' } },
      { account: '111111111111', region: 'eu-west-1', requestId: 'local-1', now: new Date('2026-03-01T10:15:00.000Z') },
    );

    // Assess
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /tenants/{tenantId}/connections/{connectionId}',
      rawPath: '/tenants/acme/connections/acme-athena',
      rawQueryString: 'verbose=1',
      queryStringParameters: { verbose: '1' },
      pathParameters: { tenantId: 'acme', connectionId: 'acme-athena' },
      isBase64Encoded: false,
      requestContext: {
        requestId: 'local-1',
        routeKey: 'GET /tenants/{tenantId}/connections/{connectionId}',
        stage: '$default',
        http: { method: 'GET', path: '/tenants/acme/connections/acme-athena', userAgent: 'curl/8.5.0' },
        timeEpoch: Date.parse('2026-03-01T10:15:00.000Z'),
        authorizer: { iam: { accountId: '111111111111', userArn: 'arn:aws:iam::111111111111:user/local-support' } },
      },
    });
    expect(event).not.toHaveProperty('body');
  });

  it('sends an unknown route or method as $default, without path parameters, as API Gateway would', () => {
    // Act
    const unknown = localApiEvent({ method: 'GET', url: '/health', headers: {} }, { account: '111111111111', region: 'eu-west-1' });
    const wrongMethod = localApiEvent({ method: 'DELETE', url: '/tenants/acme/status', headers: {} }, { account: '111111111111', region: 'eu-west-1' });
    const malformed = localApiEvent({ method: 'GET', url: '/tenants/%E0%A4%A/status', headers: {} }, { account: '111111111111', region: 'eu-west-1' });

    // Assess
    for (const event of [unknown, wrongMethod, malformed]) {
      expect(event.routeKey).toBe('$default');
      expect(event).not.toHaveProperty('pathParameters');
    }
  });
});

describe('startLocalApi', () => {
  let api: LocalApi | undefined;
  let store: FakeStatusStore;
  let starter: FakeStarter;
  let announced: string[];

  beforeEach(async () => {
    store = new FakeStatusStore({ refuseStatusWrites: true });
    store.records.set('acme', readFixture<StatusRecord>('api', 'status-record-mixed'));
    starter = new FakeStarter();
    // Only what the server reads of a local environment.
    const env = {
      account: '111111111111',
      config: { region: 'eu-west-1' },
      adapters: () => ({ statusStore: store }),
      starter: () => starter,
      executionRecords: () => starter,
    } as unknown as LocalEnvironment;
    announced = [];
    api = await startLocalApi(env, 0, { announce: (line) => announced.push(line) });
  });

  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('listens on 127.0.0.1 and answers with the router: JSON, no-store', async () => {
    // Act
    const response = await fetch(`${api!.url}/tenants/acme/status`);

    // Assess
    expect(api!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(((await response.json()) as any).tenantId).toBe('acme');
  });

  it('passes the method, headers and body through', async () => {
    // Act
    const response = await fetch(`${api!.url}/tenants/acme/verifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'Idempotency-Key': 'local-key-1' },
      body: JSON.stringify({ connectionIds: ['acme-athena'] }),
    });

    // Assess: the fake store has no stored connections, so the request is refused before any start.
    expect(response.status).toBe(409);
    expect(starter.calls).toEqual([]);
  });

  it('405 with Allow for another method', async () => {
    // Act
    const response = await fetch(`${api!.url}/tenants/acme/status`, { method: 'PATCH', body: '{}' });

    // Assess
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });

  it('413 for a body over 1 MiB', async () => {
    // Act
    const response = await fetch(`${api!.url}/tenants/acme/verifications`, { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1) });

    // Assess
    expect(response.status).toBe(413);
    expect(((await response.json()) as any).error.code).toBe('PayloadTooLarge');
  });

  it('says on start where it listens and that it has no authentication', () => {
    // Assess
    const text = announced.join('\n');
    expect(text).toContain(api!.url);
    expect(text).toMatch(/no authentication/i);
    expect(text).toMatch(/127\.0\.0\.1 only/);
  });

  /** Sends raw bytes, returns whatever came back before the server closed or `ms` passed. */
  function raw(bytes: string | Buffer, ms = 600): Promise<string> {
    const { port } = new URL(api!.url);
    return new Promise((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1');
      const chunks: Buffer[] = [];
      const done = () => {
        clearTimeout(timer);
        socket.destroy();
        resolve(Buffer.concat(chunks).toString('latin1'));
      };
      const timer = setTimeout(done, ms);
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('error', done);
      socket.on('close', done);
      socket.on('connect', () => socket.write(bytes));
    });
  }

  const MALFORMED: [string, string | Buffer][] = [
    ['GET //', 'GET // HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['GET //evil.example/tenants/acme/status', 'GET //evil.example/tenants/acme/status HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['GET ///', 'GET /// HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['GET /%', 'GET /% HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['GET /tenants/%/status', 'GET /tenants/%/status HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['GET /tenants/%00/status', 'GET /tenants/%00/status HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['GET /tenants/%C0%AF/status', 'GET /tenants/%C0%AF/status HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['an absolute URL', 'GET http://127.0.0.1/tenants/acme/status HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['an absolute URL of another scheme', 'GET file:///etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['GET *', 'GET * HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['OPTIONS *', 'OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a query only', 'GET ?a=b HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['CONNECT', 'CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\n\r\n'],
    ['an unknown method', 'BREW /tenants/acme/status HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a lowercase method', 'get /tenants/acme/status HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a garbage request line', 'this is not http\r\n\r\n'],
    ['binary garbage', Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x00, 0x0d, 0x0a, 0x0d, 0x0a])],
    ['HTTP/9.9', 'GET /tenants/acme/status HTTP/9.9\r\nHost: x\r\n\r\n'],
    ['HTTP/1.0 without Host', 'GET /tenants/acme/status HTTP/1.0\r\n\r\n'],
    ['a header without a colon', 'GET /tenants/acme/status HTTP/1.1\r\nHost x\r\n\r\n'],
    ['a 100 KB header', `GET /tenants/acme/status HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`],
    ['a 10,000 character path', `GET /tenants/${'a'.repeat(10_000)}/status HTTP/1.1\r\nHost: x\r\n\r\n`],
    ['a body shorter than its Content-Length', 'POST /tenants/acme/verifications HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"a":1}'],
    ['a body longer than its Content-Length', 'POST /tenants/acme/verifications HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{"connectionIds":["x"]}'],
    ['a negative Content-Length', 'POST /tenants/acme/verifications HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n{}'],
    ['two Content-Lengths', 'POST /tenants/acme/verifications HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}'],
    ['Content-Length and chunked', 'POST /tenants/acme/verifications HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n'],
    ['a bad chunk size', 'POST /tenants/acme/verifications HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n'],
    ['a body that is not UTF-8', Buffer.concat([Buffer.from('POST /tenants/acme/verifications HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n'), Buffer.from([0xff, 0xfe, 0x00, 0x01])])],
    ['a request cut off in its headers', 'GET /tenants/acme/status HTTP/1.1\r\nHost: x\r\nX-Half'],
  ];

  it.each(MALFORMED)('survives %s: answers it (or drops that connection) and keeps serving', async (_case, bytes) => {
    // Act
    const answer = await raw(bytes);
    const after = await fetch(`${api!.url}/tenants/acme/status`);

    // Assess: an answer, when there is one, is an HTTP response; never a 500 or a stack trace.
    if (answer.length > 0) {
      expect(answer).toMatch(/^HTTP\/1\.[01] [1-5]\d\d /);
      expect(answer).not.toMatch(/^HTTP\/1\.[01] 500 /);
      expect(answer).not.toMatch(/\bat [\w.]+ \(.*:\d+:\d+\)/);
    }
    expect(after.status).toBe(200);
  });

  it('answers GET // as an unknown path (404 listing the routes), not by dying', async () => {
    // Act
    const answer = await raw('GET // HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');

    // Assess
    expect(answer).toMatch(/^HTTP\/1\.1 404 /);
    expect(answer).toContain('"NotFound"');
  });

  it('answers a bad path as a 400 that says what was wrong', async () => {
    // Act
    const answer = await raw('GET /tenants/%/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');

    // Assess
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('not valid percent-encoding');
  });
});
