// @ts-nocheck
// The status API end to end on the sandbox: a tenant onboarded with three customer connections (one
// verifies, one stays denied, one does not require its External ID), then queried over HTTP through
// the local server — the same router the Lambda runs — and a support re-run started through it.
import path from 'node:path';
import { startLocalApi, LocalApi } from '../../lib/api/local-server';
import { LocalEnvironment } from '../../lib/local/local-environment';
import { loadScenario } from '../../lib/sandbox';

/** A short deadline keeps never-fixed connections quick: 60 + 120 + 240 s of scheduled waiting. */
const SHORT = { firstRetrySeconds: 60, maxIntervalSeconds: 3600, deadlineSeconds: 600 };

let env: LocalEnvironment;
let api: LocalApi;
let externalIds: string[];

beforeAll(async () => {
  env = await LocalEnvironment.start(loadScenario(path.resolve(__dirname, '../../scenarios/verify-mixed.json')));
  externalIds = env.sandbox.connections.map((c) => c.externalId);
  const onboarded = await env.onboard({ tenantId: 'acme', clusterName: 'acme-prod', targetRoles: env.sandbox.connections, schedule: SHORT });
  expect(onboarded.status).toBe('SUCCEEDED');
  // A tenant whose onboarding failed before its role existed: nothing to verify with.
  await env.onboard({ tenantId: 'globex', clusterName: 'globex-prod' });
  api = await startLocalApi(env);
});

afterAll(async () => {
  await api?.close();
  await env?.close();
});

async function call(method: string, pathname: string, init: { body?: unknown; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${api.url}${pathname}`, {
    method,
    headers: { accept: 'application/json', ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
    ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) as any };
}

function expectNoExternalId(text: string) {
  for (const externalId of externalIds) expect(text).not.toContain(externalId);
}

describe('status API on the sandbox', () => {
  it("GET status: the tenant's role, cluster, executions and every connection's state, with no External ID", async () => {
    // Act
    const { status, headers, text, body } = await call('GET', '/tenants/acme/status');

    // Assess
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(headers.get('cache-control')).toBe('no-store');
    const record = (await env.status('acme'))!;
    expect(body).toMatchObject({
      tenantId: 'acme',
      status: 'ROLE_READY',
      dataplaneRole: { name: 'acme-dataplane-role', arn: 'arn:aws:iam::111111111111:role/acme-dataplane-role', outcome: 'created' },
      cluster: { name: 'acme-prod', namespace: 'qualytics', serviceAccount: 'qualytics-spark', oidcIssuer: record.oidcIssuer },
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      execution: {
        id: record.execution.id,
        consoleUrl: `https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/v2/executions/details/${record.execution.id}`,
      },
      verification: { state: 'ACTION_REQUIRED', verified: ['acme-data-lake'] },
    });
    const codes = Object.fromEntries(body.connections.map((c: any) => [c.connectionId, c.diagnosis?.code ?? c.state]));
    expect(codes).toEqual({ 'acme-athena': 'TRUST_POLICY_DENIED', 'acme-data-lake': 'VERIFIED', 'acme-redshift': 'EXTERNAL_ID_NOT_ENFORCED' });
    for (const c of body.connections) expect(Object.keys(c.externalId).sort()).toEqual(['fingerprint', 'length']);
    expectNoExternalId(text);
  });

  it("GET a connection: its state and latest diagnosis with our CloudTrail's evidence", async () => {
    // Act
    const { status, text, body } = await call('GET', '/tenants/acme/connections/acme-athena');

    // Assess
    expect(status).toBe(200);
    expect(body).toMatchObject({
      connectionId: 'acme-athena',
      roleArn: 'arn:aws:iam::222222222222:role/qualytics-athena',
      state: 'ACTION_REQUIRED',
      diagnosis: { code: 'TRUST_POLICY_DENIED', side: 'customer' },
    });
    expect(body.diagnosis.summary).toMatch(/qualytics-athena/);
    expect(body.diagnosis.fix).toMatch(/Trust relationships/);
    expect(body.diagnosis.evidence.some((e: any) => e.source === 'cloudtrail' && e.origin === 'verifier')).toBe(true);
    expect(body.execution.consoleUrl).toContain('#/v2/executions/details/arn:aws:states:eu-west-1:111111111111:execution:');
    expectNoExternalId(text);
  });

  it.each([
    ['/tenants/umbrella/status', /Tenant "umbrella" is unknown/],
    ['/tenants/umbrella/connections/acme-athena', /Tenant "umbrella" is unknown/],
    ['/tenants/acme/connections/acme-snowflake', /Tenant "acme" has no connection "acme-snowflake" \(its connections: acme-athena, acme-data-lake, acme-redshift\)/],
    ['/tenants/acme', /There is no resource at "\/tenants\/acme"/],
  ])('404 for GET %s, saying what is unknown', async (pathname, message) => {
    // Act
    const { status, body } = await call('GET', pathname);

    // Assess
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 'NotFound', message: expect.stringMatching(message) });
  });

  it.each([
    [`/tenants/${'a'.repeat(50)}/status`, /allowed: 1-49 characters from letters, digits and _\+=,\.@-/],
    ['/tenants/ac%20me/status', /tenant id "ac me" has a character that is not allowed/],
    ['/tenants/acme/connections/acme%20athena', /connection id "acme athena" has a character that is not allowed .*allowed: 1-64 characters/],
  ])('400 for GET %s, saying what is allowed', async (pathname, message) => {
    // Act
    const { status, body } = await call('GET', pathname);

    // Assess
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'BadRequest', message: expect.stringMatching(message) });
  });

  it('405 for DELETE on the status, with Allow', async () => {
    // Act
    const { status, headers, body } = await call('DELETE', '/tenants/acme/status');

    // Assess
    expect(status).toBe(405);
    expect(headers.get('allow')).toBe('GET');
    expect(body.error.code).toBe('MethodNotAllowed');
  });

  it('POST verifications: 202, and the execution runs to its end on the sandbox and updates the status', async () => {
    // Act
    const { status, headers, body } = await call('POST', '/tenants/acme/verifications', {
      body: { connectionIds: ['acme-data-lake'], schedule: SHORT },
    });

    // Assess
    expect(status).toBe(202);
    expect(headers.get('location')).toBe('/tenants/acme/status');
    expect(body).toMatchObject({ alreadyStarted: false, executionArn: expect.stringMatching(/^arn:aws:states:eu-west-1:111111111111:execution:/) });
    expect(body.executionArn.endsWith(`:${body.executionId}`)).toBe(true);
    const run = await env.finished(body.executionArn);
    expect(run).toMatchObject({ status: 'SUCCEEDED', executionArn: body.executionArn });
    const after = await call('GET', '/tenants/acme/connections/acme-data-lake');
    expect(after.body).toMatchObject({ state: 'VERIFIED', execution: { id: body.executionArn } });
  });

  it('the same Idempotency-Key twice starts one execution', async () => {
    // Prepare
    const request = { body: { connectionIds: ['acme-data-lake'], schedule: SHORT }, headers: { 'Idempotency-Key': 'support-rerun-7f3a' } };

    // Act
    const first = await call('POST', '/tenants/acme/verifications', request);
    const retry = await call('POST', '/tenants/acme/verifications', request);

    // Assess
    expect([first.status, retry.status]).toEqual([202, 202]);
    expect(first.body.alreadyStarted).toBe(false);
    expect(retry.body).toMatchObject({ alreadyStarted: true, executionArn: first.body.executionArn });
    expect((await env.finished(first.body.executionArn))?.status).toBe('SUCCEEDED');
  });

  it('POST for an unknown tenant is 404, for a tenant without a dataplane role 409', async () => {
    // Act
    const unknown = await call('POST', '/tenants/umbrella/verifications');
    const noRole = await call('POST', '/tenants/globex/verifications');

    // Assess
    expect(unknown.status).toBe(404);
    expect(noRole.status).toBe(409);
    expect(noRole.body.error.message).toMatch(/Tenant "globex" has no dataplane role yet \(status FAILED: /);
  });

  it.each([
    ['not JSON', '{"connectionIds":'],
    ['a connection that is not stored', { connectionIds: ['acme-snowflake'] }],
    ['a schedule out of bounds', { schedule: { deadlineSeconds: -1 } }],
    ['connections with External IDs', { connections: [{ connectionId: 'x', roleArn: 'arn:aws:iam::222222222222:role/x', externalId: 'abc-123' }] }],
  ])('POST with %s is 400', async (_case, body) => {
    // Act
    const { status, text, body: answer } = await call('POST', '/tenants/acme/verifications', { body });

    // Assess
    expect(status).toBe(400);
    expect(answer.error.code).toBe('BadRequest');
    expect(text).not.toContain('abc-123');
  });
});
