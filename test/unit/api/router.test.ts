import { handleApiRequest, ApiDependencies } from '../../../lib/api/router';
import { TransientAwsError } from '../../../lib/errors';
import { executionName } from '../../../lib/domain/execution-names';
import { type Connection } from '../../../lib/domain/verification/connection';
import type { StatusRecord } from '../../../lib/domain/status';
import { apiEvent, bodyOf, RecordingLog } from './fakes';
import { FakeStarter, FakeStatusStore } from '../../support/fakes';
import { readFixture } from '../../support/fixtures';

const REGION = 'eu-west-1';
const CALLER = 'arn:aws:sts::111111111111:assumed-role/SupportEngineer/jane.doe';
const MIXED = readFixture<StatusRecord>('api', 'status-record-mixed');
const PROVISIONING = readFixture<StatusRecord>('api', 'status-record-provisioning');
const STORED = readFixture<Connection[]>('api', 'stored-connections');
const ONBOARDING_ARN = MIXED.execution.id;
const VERIFICATION_ARN = MIXED.verification!.execution.id;

let store: FakeStatusStore;
let starter: FakeStarter;
let log: RecordingLog;
let deps: ApiDependencies;

beforeEach(() => {
  store = new FakeStatusStore({ refuseStatusWrites: true });
  store.records.set('acme', MIXED);
  store.records.set('globex', PROVISIONING);
  store.stored.set('acme', STORED);
  starter = new FakeStarter();
  log = new RecordingLog();
  deps = { statusStore: store, starter, executions: starter, region: REGION, log };
});

function expectJsonNoStore(response: { headers?: Record<string, unknown> }) {
  expect(response.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
}

function expectError(response: any, statusCode: number, code: string, message?: RegExp) {
  expect(response.statusCode).toBe(statusCode);
  expectJsonNoStore(response);
  const body = bodyOf(response);
  expect(body.error.code).toBe(code);
  if (message) expect(body.error.message).toMatch(message);
  return body.error as { code: string; message: string; requestId?: string };
}

describe('GET /tenants/{tenantId}/status', () => {
  it("returns the tenant's status, role, cluster, execution with its console link, verification and connections", async () => {
    // Prepare
    const event = readFixture<any>('api', 'get-status');

    // Act
    const response = await handleApiRequest(event, deps);

    // Assess
    expect(response.statusCode).toBe(200);
    expectJsonNoStore(response);
    const body = bodyOf(response);
    expect(body).toMatchObject({
      tenantId: 'acme',
      status: 'ROLE_READY',
      summary: MIXED.summary,
      dataplaneRole: {
        name: 'acme-dataplane-role',
        arn: 'arn:aws:iam::111111111111:role/acme-dataplane-role',
        outcome: 'created',
        changedAt: '2026-03-01T10:00:02.950Z',
      },
      cluster: {
        name: 'acme-prod',
        namespace: 'qualytics',
        serviceAccount: 'qualytics-spark',
        oidcIssuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/B9CCC0C8A26E71F63F331314148D8F58',
      },
      createdAt: '2026-03-01T10:00:00.412Z',
      updatedAt: '2026-03-01T10:00:03.871Z',
      execution: {
        id: ONBOARDING_ARN,
        startTime: '2026-03-01T10:00:00.000Z',
        consoleUrl: `https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/v2/executions/details/${ONBOARDING_ARN}`,
      },
      verification: {
        state: 'ACTION_REQUIRED',
        verified: ['acme-data-lake'],
        actionRequired: ['acme-athena'],
        verifying: ['acme-redshift'],
        execution: { id: VERIFICATION_ARN },
      },
    });
    expect(body.verification.execution.consoleUrl).toContain(`#/v2/executions/details/${VERIFICATION_ARN}`);
    expect(body.connections.map((c: any) => [c.connectionId, c.state])).toEqual([
      ['acme-athena', 'ACTION_REQUIRED'],
      ['acme-data-lake', 'VERIFIED'],
      ['acme-redshift', 'VERIFYING'],
    ]);
    expect(body.connections[0].diagnosis).toEqual(MIXED.connections!['acme-athena']!.diagnosis);
    expect(body.connections[1]).not.toHaveProperty('diagnosis');
  });

  it('never returns an External ID: only its length and fingerprint, even when the record carries more', async () => {
    // Prepare: a record with an attribute that must never be served (the stored connections' values).
    store.records.set('acme', { ...MIXED, connectionConfigs: STORED } as StatusRecord);

    // Act
    const response = await handleApiRequest(apiEvent('GET', '/tenants/acme/status'), deps);

    // Assess
    const body = bodyOf(response);
    for (const c of STORED) expect(response.body).not.toContain(c.externalId);
    expect(body).not.toHaveProperty('connectionConfigs');
    expect(body).not.toHaveProperty('queueMessageId');
    for (const c of body.connections) {
      expect(Object.keys(c.externalId).sort()).toEqual(['fingerprint', 'length']);
    }
    expect(body.connections[1].externalId).toEqual({ length: 15, fingerprint: '573761e6' });
  });

  it('returns the error of a failed onboarding and leaves out what the record does not have', async () => {
    // Prepare
    store.records.set('initech', {
      tenantId: 'initech',
      status: 'FAILED',
      summary: 'Onboarding failed: OidcProviderMissing',
      execution: { id: 'arn:aws:states:eu-west-1:111111111111:execution:tenant-dataplane-onboarding-prod-onboarding:onboard-initech-x', startTime: '2026-03-01T09:00:00.000Z' },
      createdAt: '2026-03-01T09:00:00.100Z',
      updatedAt: '2026-03-01T09:00:01.100Z',
      clusterName: 'initech-prod',
      error: { name: 'OidcProviderMissing', message: 'The IAM OIDC provider of cluster initech-prod does not exist' },
    });

    // Act
    const body = bodyOf(await handleApiRequest(apiEvent('GET', '/tenants/initech/status'), deps));

    // Assess
    expect(body).toMatchObject({ status: 'FAILED', error: { name: 'OidcProviderMissing' }, cluster: { name: 'initech-prod' }, connections: [] });
    expect(body).not.toHaveProperty('dataplaneRole');
    expect(body).not.toHaveProperty('verification');
  });

  it('gives no console link for an execution id that is not an execution ARN', async () => {
    // Prepare
    store.records.set('acme', { ...MIXED, execution: { id: 'manual-fix', startTime: '2026-03-01T10:00:00.000Z' } });

    // Act
    const body = bodyOf(await handleApiRequest(apiEvent('GET', '/tenants/acme/status'), deps));

    // Assess
    expect(body.execution).toEqual({ id: 'manual-fix', startTime: '2026-03-01T10:00:00.000Z' });
  });

  it('answers on a named stage, whose name API Gateway puts in front of the path', async () => {
    // Prepare
    const event = apiEvent('GET', '/prod/tenants/acme/status');
    event.requestContext.stage = 'prod';

    // Act
    const response = await handleApiRequest(event, deps);

    // Assess
    expect(response.statusCode).toBe(200);
  });

  it('404 names the unknown tenant', async () => {
    // Act
    const response = await handleApiRequest(apiEvent('GET', '/tenants/umbrella/status'), deps);

    // Assess
    expectError(response, 404, 'NotFound', /Tenant "umbrella" is unknown/);
  });

  it.each([
    ['too long', `/tenants/${'a'.repeat(50)}/status`, /is 50 characters long; allowed: 1-49 characters from letters, digits and _\+=\.@-/],
    ['a space', '/tenants/ac%20me/status', /has a character that is not allowed \(U\+0020 at position 3\); allowed: 1-49/],
    ['a slash', '/tenants/acme%2Fprod/status', /\("\/" at position 5\)/],
    ['empty', '/tenants//status', /The tenant id is empty; allowed: 1-49/],
    ['not percent-encoding', '/tenants/%E0%A4%A/status', /not valid percent-encoding/],
  ])('400 for a tenant id that is %s, saying what is allowed', async (_case, path, message) => {
    // Act
    const response = await handleApiRequest(apiEvent('GET', path), deps);

    // Assess
    expectError(response, 400, 'BadRequest', message);
  });

  it('405 for another method, with the allowed ones in Allow', async () => {
    // Act
    const response = await handleApiRequest(apiEvent('DELETE', '/tenants/acme/status'), deps);

    // Assess
    expectError(response, 405, 'MethodNotAllowed', /DELETE is not allowed on \/tenants\/\{tenantId\}\/status; allowed: GET/);
    expect(response.headers).toMatchObject({ allow: 'GET' });
  });
});

describe('GET /tenants/{tenantId}/connections/{connectionId}', () => {
  it("returns the connection's state and latest diagnosis (code, side, summary, fix, evidence)", async () => {
    // Prepare
    const event = readFixture<any>('api', 'get-connection');

    // Act
    const response = await handleApiRequest(event, deps);

    // Assess
    expect(response.statusCode).toBe(200);
    expectJsonNoStore(response);
    const body = bodyOf(response);
    const stored = MIXED.connections!['acme-athena']!;
    expect(body).toMatchObject({
      connectionId: 'acme-athena',
      roleArn: 'arn:aws:iam::222222222222:role/qualytics-athena',
      externalId: { length: 16, fingerprint: '611dd505' },
      state: 'ACTION_REQUIRED',
      attempts: 6,
      lastAttemptAt: '2026-03-01T10:09:05.330Z',
      execution: { id: VERIFICATION_ARN },
    });
    expect(body.execution.consoleUrl).toContain('https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/v2/executions/details/');
    expect(body.diagnosis).toEqual({
      code: 'TRUST_POLICY_DENIED',
      side: 'customer',
      summary: stored.diagnosis!.summary,
      fix: stored.diagnosis!.fix,
      evidence: stored.diagnosis!.evidence,
    });
    for (const c of STORED) expect(response.body).not.toContain(c.externalId);
  });

  it('404 says when the tenant is unknown', async () => {
    // Act
    const response = await handleApiRequest(apiEvent('GET', '/tenants/umbrella/connections/acme-athena'), deps);

    // Assess
    expectError(response, 404, 'NotFound', /Tenant "umbrella" is unknown/);
  });

  it('404 says when the connection is unknown, and which the tenant has', async () => {
    // Act
    const response = await handleApiRequest(apiEvent('GET', '/tenants/acme/connections/acme-snowflake'), deps);

    // Assess
    expectError(
      response,
      404,
      'NotFound',
      /Tenant "acme" has no connection "acme-snowflake" \(its connections: acme-athena, acme-data-lake, acme-redshift\)/,
    );
  });

  it('404 for a tenant none of whose connections has a status yet', async () => {
    // Act
    const response = await handleApiRequest(apiEvent('GET', '/tenants/globex/connections/globex-s3'), deps);

    // Assess
    expectError(response, 404, 'NotFound', /no connection of this tenant has been verified yet/);
  });

  it.each([
    ['too long', `/tenants/acme/connections/${'c'.repeat(65)}`, /is 65 characters long; allowed: 1-64 characters from letters, digits and _\.-/],
    ['a character outside _.-', '/tenants/acme/connections/acme%40athena', /\("@" at position 5\); allowed: 1-64/],
    ['__proto__, a member of every object', '/tenants/acme/connections/__proto__', /"__proto__" is reserved/],
    ['constructor, a member of every object', '/tenants/acme/connections/constructor', /"constructor" is reserved/],
  ])('400 for a connection id that is %s', async (_case, path, message) => {
    // Act
    const response = await handleApiRequest(apiEvent('GET', path), deps);

    // Assess
    expectError(response, 400, 'BadRequest', message);
  });

  it('400 for a malformed connection id even when the tenant is unknown (nothing is looked up)', async () => {
    // Act
    const response = await handleApiRequest(apiEvent('GET', '/tenants/umbrella/connections/a%20b'), deps);

    // Assess
    expectError(response, 400, 'BadRequest', /connection id/);
  });

  it('405 for another method', async () => {
    // Act
    const response = await handleApiRequest(apiEvent('PUT', '/tenants/acme/connections/acme-athena', { body: '{}' }), deps);

    // Assess
    expectError(response, 405, 'MethodNotAllowed', /allowed: GET/);
  });
});

describe('POST /tenants/{tenantId}/verifications', () => {
  it('starts a verification named after the tenant and the Idempotency-Key: 202 with the execution and a Location', async () => {
    // Prepare
    const event = readFixture<any>('api', 'post-verification');
    const key = event.headers['idempotency-key'];

    // Act
    const response = await handleApiRequest(event, deps);

    // Assess
    expect(response.statusCode).toBe(202);
    expectJsonNoStore(response);
    const name = executionName('verification', 'acme', key);
    expect(starter.calls).toEqual([
      {
        kind: 'verification',
        name,
        input: {
          tenantId: 'acme',
          connectionIds: ['acme-athena'],
          schedule: { firstRetrySeconds: 60, maxIntervalSeconds: 3600, deadlineSeconds: 86400 },
          // What makes the key's reuse with another body detectable in AWS: a digest, not the body.
          requestDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
      },
    ]);
    const executionArn = `arn:aws:states:eu-west-1:111111111111:execution:tenant-dataplane-onboarding-prod-verification:${name}`;
    expect(bodyOf(response)).toEqual({
      executionArn,
      executionId: name,
      alreadyStarted: false,
      consoleUrl: `https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/v2/executions/details/${executionArn}`,
      statusUrl: '/tenants/acme/status',
    });
    expect(response.headers).toMatchObject({ location: '/tenants/acme/status' });
  });

  it('the same Idempotency-Key twice starts one execution; the retry is told it already started', async () => {
    // Prepare
    const headers = { 'idempotency-key': 'a3c1f0e2-retry' };

    // Act
    const first = await handleApiRequest(apiEvent('POST', '/tenants/acme/verifications', { headers, requestId: 'req-1' }), deps);
    const retry = await handleApiRequest(apiEvent('POST', '/tenants/acme/verifications', { headers, requestId: 'req-2' }), deps);

    // Assess
    expect(new Set(starter.calls.map((c) => c.name)).size).toBe(1);
    expect(bodyOf(first).alreadyStarted).toBe(false);
    expect(bodyOf(retry)).toMatchObject({ executionArn: bodyOf(first).executionArn, alreadyStarted: true });
    expect(retry.statusCode).toBe(202);
  });

  it('without an Idempotency-Key, the API Gateway request id names the execution', async () => {
    // Act
    await handleApiRequest(apiEvent('POST', '/tenants/acme/verifications', { requestId: 'UZuAbCdEfGhIjKl=' }), deps);
    await handleApiRequest(apiEvent('POST', '/tenants/acme/verifications', { requestId: 'UZuAbCdEfGhIjKm=' }), deps);

    // Assess
    expect(starter.calls.map((c) => c.name)).toEqual([
      executionName('verification', 'acme', 'UZuAbCdEfGhIjKl='),
      executionName('verification', 'acme', 'UZuAbCdEfGhIjKm='),
    ]);
  });

  it.each([
    ['no body', undefined],
    ['an empty body', ''],
    ['whitespace', ' \n'],
    ['an empty object', '{}'],
    ['a null schedule', '{"schedule":null}'],
  ])('with %s, verifies every stored connection: the input is the tenant alone', async (_case, body) => {
    // Act
    const response = await handleApiRequest(apiEvent('POST', '/tenants/acme/verifications', body === undefined ? {} : { body }), deps);

    // Assess
    expect(response.statusCode).toBe(202);
    expect(starter.calls[0]!.input).toEqual({ tenantId: 'acme' });
  });

  it('reads a base64-encoded body', async () => {
    // Act
    const response = await handleApiRequest(
      apiEvent('POST', '/tenants/acme/verifications', { body: '{"connectionIds":["acme-redshift"]}', base64: true }),
      deps,
    );

    // Assess
    expect(response.statusCode).toBe(202);
    expect(starter.calls[0]!.input).toEqual({ tenantId: 'acme', connectionIds: ['acme-redshift'] });
  });

  it('never puts a stored connection (and its External ID) into the execution input', async () => {
    // Act
    await handleApiRequest(apiEvent('POST', '/tenants/acme/verifications', { body: '{"connectionIds":["acme-athena","acme-data-lake"]}' }), deps);

    // Assess
    const input = JSON.stringify(starter.calls[0]!.input);
    for (const c of STORED) expect(input).not.toContain(c.externalId);
  });

  it('404 for an unknown tenant; nothing is started', async () => {
    // Act
    const response = await handleApiRequest(apiEvent('POST', '/tenants/umbrella/verifications'), deps);

    // Assess
    expectError(response, 404, 'NotFound', /Tenant "umbrella" is unknown/);
    expect(starter.calls).toEqual([]);
  });

  it('409 while the tenant has no dataplane role yet', async () => {
    // Act
    const response = await handleApiRequest(apiEvent('POST', '/tenants/globex/verifications'), deps);

    // Assess
    expectError(response, 409, 'Conflict', /Tenant "globex" has no dataplane role yet \(status PROVISIONING: .*\); verification can run once onboarding has reached ROLE_READY/);
    expect(starter.calls).toEqual([]);
  });

  it('409 when the tenant has a role but no connections configured', async () => {
    // Prepare
    store.stored.delete('acme');

    // Act
    const response = await handleApiRequest(apiEvent('POST', '/tenants/acme/verifications'), deps);

    // Assess
    expectError(response, 409, 'Conflict', /no connections configured to verify/);
    expect(starter.calls).toEqual([]);
  });

  it.each([
    ['not JSON', '{"connectionIds": [', /not valid JSON; send no body .* or a JSON object/],
    ['an array', '["acme-athena"]', /is an array, not a JSON object/],
    ['a string', '"acme-athena"', /is a string, not a JSON object/],
    ['an unknown field', '{"connectionId":"acme-athena"}', /"connectionId" is not a field of this request \(allowed: connectionIds, connections, schedule\)/],
    ['tenantId in the body', '{"tenantId":"globex"}', /"tenantId" is not accepted in the body: the tenant is the one in the path/],
    ['connectionIds not an array', '{"connectionIds":"acme-athena"}', /connectionIds must be a non-empty array of connection ids, got a string/],
    ['connectionIds empty', '{"connectionIds":[]}', /connectionIds must be a non-empty array of connection ids, got an empty array/],
    ['a connection id that is not a string', '{"connectionIds":[7]}', /connectionIds\[0\] must be a string, got a number/],
    ['a malformed connection id', '{"connectionIds":["acme athena"]}', /connectionIds\[0\] "acme athena" has a character that is not allowed \(U\+0020 at position 5\); allowed: 1-64/],
    ['a repeated connection id', '{"connectionIds":["acme-athena","acme-athena"]}', /connectionIds\[1\] "acme-athena" appears more than once/],
    ['a connection that is not stored', '{"connectionIds":["acme-snowflake"]}', /connectionIds\[0\] no stored connection "acme-snowflake" \(stored: acme-data-lake, acme-athena, acme-redshift\)/],
    ['a schedule out of bounds', '{"schedule":{"firstRetrySeconds":0}}', /schedule\.firstRetrySeconds must be a whole number of seconds from \d+ to \d+/],
    ['an unknown schedule setting', '{"schedule":{"everySeconds":60}}', /schedule\.everySeconds is not a schedule setting/],
  ])('400 for a body with %s; nothing is started', async (_case, body, message) => {
    // Act
    const response = await handleApiRequest(apiEvent('POST', '/tenants/acme/verifications', { body }), deps);

    // Assess
    expectError(response, 400, 'BadRequest', message);
    expect(starter.calls).toEqual([]);
  });

  it('stores connections given with External IDs first, then starts the verification with their ids only', async () => {
    // Prepare
    const connections = [
      { connectionId: 'acme-snowflake', roleArn: 'arn:aws:iam::222222222222:role/qualytics-snowflake', externalId: 'secret-ext-id-42' },
      { connectionId: 'acme-athena', roleArn: 'arn:aws:iam::222222222222:role/qualytics-athena', externalId: 'acme-athena-2025' },
    ];

    // Act
    const response = await handleApiRequest(
      apiEvent('POST', '/tenants/acme/verifications', { body: JSON.stringify({ connections }), headers: { 'idempotency-key': 'new-conn-1' } }),
      deps,
    );

    // Assess
    expect(response.statusCode).toBe(202);
    expect(store.saved).toEqual([{ tenantId: 'acme', connections, configuredAt: expect.any(String) }]);
    expect(starter.calls).toHaveLength(1);
    expect(starter.calls[0]!.input).toMatchObject({ tenantId: 'acme', connectionIds: ['acme-snowflake', 'acme-athena'] });
    expect(starter.calls[0]!.input).not.toHaveProperty('connections');
    for (const text of [JSON.stringify(starter.calls), response.body, JSON.stringify(log.lines)]) {
      expect(text).not.toContain('secret-ext-id-42');
      expect(text).not.toContain('acme-athena-2025');
    }
  });

  it.each([
    ['an External ID with a trailing space', [{ connectionId: 'x', roleArn: 'arn:aws:iam::222222222222:role/x', externalId: 'secret-ext-id-42 ' }], /connections\[0\]\.externalId/],
    ['a connection without a role ARN', [{ connectionId: 'x', externalId: 'secret-ext-id-42' }], /connections\[0\]\.roleArn/],
    ['both connections and connectionIds', undefined, /give either connections or connectionIds/],
  ])('400 for connections with %s: nothing stored or started, the External ID never repeated', async (_case, connections, message) => {
    // Prepare
    const body = JSON.stringify(
      connections
        ? { connections }
        : { connections: [{ connectionId: 'x', roleArn: 'arn:aws:iam::222222222222:role/x', externalId: 'secret-ext-id-42' }], connectionIds: ['acme-athena'] },
    );

    // Act
    const response = await handleApiRequest(apiEvent('POST', '/tenants/acme/verifications', { body }), deps);

    // Assess
    expectError(response, 400, 'BadRequest', message);
    expect(response.body).not.toContain('secret-ext-id-42');
    expect(JSON.stringify(log.lines)).not.toContain('secret-ext-id-42');
    expect(store.saved).toEqual([]);
    expect(starter.calls).toEqual([]);
  });

  it.each([
    ['characters outside the base64 alphabet', '{"connectionIds":["acme-athena"]}'],
    ['a length that is not a multiple of 4', 'eyJjb25uZWN0aW9uSWRzIjpbXX0'],
    ['bytes that are not UTF-8', Buffer.from([0xff, 0xfe, 0x7b, 0x7d]).toString('base64')],
  ])('400 for a base64-encoded body with %s; nothing is started', async (_case, raw) => {
    // Prepare
    const event = apiEvent('POST', '/tenants/acme/verifications', { body: '{}' });
    event.body = raw;
    event.isBase64Encoded = true;

    // Act
    const response = await handleApiRequest(event, deps);

    // Assess
    expectError(response, 400, 'BadRequest', /The request body is marked base64-encoded but is not (valid base64|UTF-8 text)/);
    expect(starter.calls).toEqual([]);
  });

  it.each([
    ['other connectionIds', '{"connectionIds":["acme-athena"]}', '{"connectionIds":["acme-redshift"]}'],
    ['another schedule', '{"schedule":{"firstRetrySeconds":60}}', '{"schedule":{"firstRetrySeconds":120}}'],
    ['a body where there was none', '', '{"connectionIds":["acme-athena"]}'],
    [
      'another External ID for the same connection',
      '{"connections":[{"connectionId":"acme-athena","roleArn":"arn:aws:iam::222222222222:role/qualytics-athena","externalId":"first-ext-id"}]}',
      '{"connections":[{"connectionId":"acme-athena","roleArn":"arn:aws:iam::222222222222:role/qualytics-athena","externalId":"other-ext-id"}]}',
    ],
  ])('422 for the same Idempotency-Key with %s: nothing new is stored or started', async (_case, firstBody, secondBody) => {
    // Prepare
    const headers = { 'idempotency-key': 'reused-key-7' };
    const first = await handleApiRequest(apiEvent('POST', '/tenants/acme/verifications', { headers, body: firstBody, requestId: 'req-1' }), deps);
    expect(first.statusCode).toBe(202);
    const savedBefore = store.saved.length;

    // Act
    const second = await handleApiRequest(apiEvent('POST', '/tenants/acme/verifications', { headers, body: secondBody, requestId: 'req-2' }), deps);

    // Assess
    const error = expectError(second, 422, 'UnprocessableContent', /Idempotency-Key "reused-key-7" was already used for a different request/);
    expect(error.message).toContain(bodyOf(first).executionArn);
    expect(second.body).not.toContain('other-ext-id');
    expect(starter.calls).toHaveLength(1);
    expect(store.saved).toHaveLength(savedBefore);
  });

  it('the same Idempotency-Key with the same body written differently is the same request (202, already started)', async () => {
    // Prepare
    const headers = { 'idempotency-key': 'same-key-8' };
    await handleApiRequest(apiEvent('POST', '/tenants/acme/verifications', { headers, body: '{"connectionIds":["acme-athena"],"schedule":{"firstRetrySeconds":60,"deadlineSeconds":86400}}' }), deps);

    // Act
    const retry = await handleApiRequest(
      apiEvent('POST', '/tenants/acme/verifications', { headers, body: '{ "schedule": {"deadlineSeconds":86400, "firstRetrySeconds":60}, "connectionIds":["acme-athena"] }' }),
      deps,
    );

    // Assess
    expect(retry.statusCode).toBe(202);
    expect(bodyOf(retry).alreadyStarted).toBe(true);
  });

  it('400 for malformed JSON without quoting the body back', async () => {
    // Act
    const response = await handleApiRequest(apiEvent('POST', '/tenants/acme/verifications', { body: '{"x": secret-ext-id-42}' }), deps);

    // Assess
    expectError(response, 400, 'BadRequest', /not valid JSON/);
    expect(response.body).not.toContain('secret-ext-id-42');
  });

  it('400 for an Idempotency-Key with spaces or over 255 characters', async () => {
    // Act
    const spaced = await handleApiRequest(apiEvent('POST', '/tenants/acme/verifications', { headers: { 'idempotency-key': 'a b' } }), deps);
    const long = await handleApiRequest(apiEvent('POST', '/tenants/acme/verifications', { headers: { 'idempotency-key': 'k'.repeat(256) } }), deps);

    // Assess
    expectError(spaced, 400, 'BadRequest', /Idempotency-Key header is not valid; allowed: 1-255 printable ASCII characters without spaces/);
    expectError(long, 400, 'BadRequest', /Idempotency-Key/);
    expect(starter.calls).toEqual([]);
  });

  it('400 for a malformed tenant id', async () => {
    // Act
    const response = await handleApiRequest(apiEvent('POST', '/tenants/acme!/verifications'), deps);

    // Assess
    expectError(response, 400, 'BadRequest', /The tenant id "acme!" has a character that is not allowed \("!" at position 5\)/);
  });

  it('405 for GET', async () => {
    // Act
    const response = await handleApiRequest(apiEvent('GET', '/tenants/acme/verifications'), deps);

    // Assess
    expectError(response, 405, 'MethodNotAllowed', /GET is not allowed on \/tenants\/\{tenantId\}\/verifications; allowed: POST/);
    expect(response.headers).toMatchObject({ allow: 'POST' });
  });

  it('prefixes Location with a named stage', async () => {
    // Prepare
    const event = apiEvent('POST', '/prod/tenants/acme/verifications');
    event.requestContext.stage = 'prod';

    // Act
    const response = await handleApiRequest(event, deps);

    // Assess
    expect(response.headers).toMatchObject({ location: '/prod/tenants/acme/status' });
  });
});

describe('every request', () => {
  it('404 for an unknown path, listing the routes', async () => {
    // Act
    const response = await handleApiRequest(apiEvent('GET', '/tenants/acme'), deps);

    // Assess
    expectError(
      response,
      404,
      'NotFound',
      /There is no resource at "\/tenants\/acme"; the API has GET \/tenants\/\{tenantId\}\/status, GET \/tenants\/\{tenantId\}\/connections\/\{connectionId\}, POST \/tenants\/\{tenantId\}\/verifications and GET \/connections$/,
    );
  });

  it('logs the caller ARN and the outcome of each request', async () => {
    // Act
    await handleApiRequest(apiEvent('GET', '/tenants/acme/status', { requestId: 'req-ok' }), deps);
    await handleApiRequest(apiEvent('GET', '/tenants/umbrella/status', { requestId: 'req-404' }), deps);

    // Assess
    expect(log.lines).toEqual([
      expect.objectContaining({ level: 'info', extra: expect.objectContaining({ requestId: 'req-ok', callerArn: CALLER, route: 'getStatus', statusCode: 200 }) }),
      expect.objectContaining({ level: 'info', extra: expect.objectContaining({ requestId: 'req-404', callerArn: CALLER, statusCode: 404 }) }),
    ]);
  });

  it('403 when API Gateway passed no IAM identity (a route deployed without IAM authorization)', async () => {
    // Prepare
    const event: any = apiEvent('GET', '/tenants/acme/status');
    delete event.requestContext.authorizer;

    // Act
    const response = await handleApiRequest(event, deps);

    // Assess
    expectError(response, 403, 'Forbidden', /requires IAM authorization/);
    expect(log.lines[0]).toMatchObject({ level: 'warn' });
  });

  it('500 for an unexpected failure: the request id, nothing of the failure; the details are logged', async () => {
    // Prepare
    store.failWith = Object.assign(new Error('Requested resource not found: Table: tenant-dataplane-onboarding-prod-status not found'), {
      name: 'ResourceNotFoundException',
    });

    // Act
    const response = await handleApiRequest(apiEvent('GET', '/tenants/acme/status', { requestId: 'UZuFaIlEdReQ1d=' }), deps);

    // Assess
    const error = expectError(response, 500, 'InternalError', /quote request id UZuFaIlEdReQ1d= to support/);
    expect(error.requestId).toBe('UZuFaIlEdReQ1d=');
    expect(response.body).not.toMatch(/Table|ResourceNotFound|tenant-dataplane/);
    expect(log.lines[0]).toMatchObject({
      level: 'error',
      extra: expect.objectContaining({ callerArn: CALLER, errorName: 'ResourceNotFoundException', statusCode: 500 }),
    });
  });

  it('500 when StartExecution fails unexpectedly', async () => {
    // Prepare
    starter.failWith = new Error('StateMachineDoesNotExist: arn:aws:states:eu-west-1:111111111111:stateMachine:x');

    // Act
    const response = await handleApiRequest(apiEvent('POST', '/tenants/acme/verifications'), deps);

    // Assess
    expectError(response, 500, 'InternalError');
    expect(response.body).not.toContain('StateMachineDoesNotExist');
  });

  it('503 with Retry-After when AWS throttles the status table or StartExecution', async () => {
    // Prepare
    store.failWith = new TransientAwsError('DynamoDB GetItem throttled: ProvisionedThroughputExceededException');
    starter.failWith = new TransientAwsError('Step Functions StartExecution hit the open executions quota');

    // Act
    const read = await handleApiRequest(apiEvent('GET', '/tenants/acme/status'), deps);
    store.failWith = undefined;
    const start = await handleApiRequest(apiEvent('POST', '/tenants/acme/verifications', { headers: { 'idempotency-key': 'k-503' } }), deps);

    // Assess
    for (const response of [read, start]) {
      expectError(response, 503, 'ServiceUnavailable', /retry in 5 seconds \(with the same Idempotency-Key, if any\)/);
      expect(response.headers).toMatchObject({ 'retry-after': '5' });
      expect(response.body).not.toMatch(/DynamoDB|Step Functions/);
    }
    expect(log.lines.map((l) => l.level)).toEqual(['warn', 'warn']);
  });

  it('error bodies carry the request id', async () => {
    // Act
    const response = await handleApiRequest(apiEvent('GET', '/tenants/umbrella/status', { requestId: 'UZuNoTfOuNd0Q=' }), deps);

    // Assess
    expect(bodyOf(response).error.requestId).toBe('UZuNoTfOuNd0Q=');
  });
});
