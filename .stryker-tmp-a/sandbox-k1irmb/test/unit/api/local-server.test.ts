// @ts-nocheck
import { localApiEvent, startLocalApi, LocalApi } from '../../../lib/api/local-server';
import type { LocalEnvironment } from '../../../lib/local/local-environment';
import type { StatusRecord } from '../../../lib/domain/status';
import { fixture, FakeStarter, FakeStatusStore } from './fakes';

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

  beforeEach(async () => {
    store = new FakeStatusStore();
    store.records.set('acme', fixture<StatusRecord>('status-record-mixed.json'));
    starter = new FakeStarter();
    // Only what the server reads of a local environment.
    const env = {
      account: '111111111111',
      config: { region: 'eu-west-1' },
      adapters: () => ({ statusStore: store }),
      starter: () => starter,
    } as unknown as LocalEnvironment;
    api = await startLocalApi(env);
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
});
