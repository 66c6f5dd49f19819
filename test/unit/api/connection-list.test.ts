// GET /connections: support's "which connections are broken right now, and since when?", across
// tenants, a page at a time; every bad query is a 400 that says what is allowed.
import { handleApiRequest, ApiDependencies } from '../../../lib/api/router';
import type { ConnectionStatus, StatusRecord } from '../../../lib/domain/status';
import { apiEvent, bodyOf } from './fakes';
import { FakeStarter, FakeStatusStore } from '../../support/fakes';
import { readFixture } from '../../support/fixtures';

const MIXED = readFixture<StatusRecord>('api', 'status-record-mixed');

/** A tenant whose only connection needs action since `updatedAt`. */
function brokenTenant(tenantId: string, updatedAt: string): StatusRecord {
  const athena = MIXED.connections!['acme-athena'] as ConnectionStatus;
  return { ...MIXED, tenantId, connections: { [`${tenantId}-athena`]: { ...athena, connectionId: `${tenantId}-athena`, updatedAt } } };
}

let store: FakeStatusStore;
let deps: ApiDependencies;

beforeEach(() => {
  store = new FakeStatusStore({ refuseStatusWrites: true });
  store.records.set('acme', MIXED); // acme-athena ACTION_REQUIRED since 10:09:05.402Z
  store.records.set('globex', brokenTenant('globex', '2026-03-02T08:00:00.000Z'));
  store.records.set('initech', brokenTenant('initech', '2026-02-27T16:30:00.000Z'));
  const starter = new FakeStarter();
  deps = { statusStore: store, starter, executions: starter, region: 'eu-west-1' };
});

const list = (query: Record<string, string>) => handleApiRequest(apiEvent('GET', '/connections', { query }), deps);

describe('GET /connections', () => {
  it('lists the connections of every tenant that need action, newest first, each with its tenant and diagnosis', async () => {
    // Act
    const response = await list({ status: 'ACTION_REQUIRED' });

    // Assess
    expect(response.statusCode).toBe(200);
    const body = bodyOf(response);
    expect(body.status).toBe('ACTION_REQUIRED');
    expect(body.connections.map((c: any) => [c.tenantId, c.connectionId, c.updatedAt])).toEqual([
      ['globex', 'globex-athena', '2026-03-02T08:00:00.000Z'],
      ['acme', 'acme-athena', '2026-03-01T10:09:05.402Z'],
      ['initech', 'initech-athena', '2026-02-27T16:30:00.000Z'],
    ]);
    expect(body.connections[0]).toMatchObject({ state: 'ACTION_REQUIRED', diagnosis: { code: 'TRUST_POLICY_DENIED', side: 'customer' } });
    expect(body.connections[0].externalId).toEqual({ length: 16, fingerprint: '611dd505' });
    expect(body.nextToken).toBeUndefined();
  });

  it('pages: limit per page, nextToken to the next one, and the last page without one', async () => {
    // Act
    const first = bodyOf(await list({ status: 'ACTION_REQUIRED', limit: '2' }));
    const second = bodyOf(await list({ status: 'ACTION_REQUIRED', limit: '2', nextToken: first.nextToken }));

    // Assess
    expect(first.connections.map((c: any) => c.tenantId)).toEqual(['globex', 'acme']);
    expect(first.nextToken).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(second.connections.map((c: any) => c.tenantId)).toEqual(['initech']);
    expect(second.nextToken).toBeUndefined();
  });

  it('lists verified connections the same way', async () => {
    const body = bodyOf(await list({ status: 'VERIFIED' }));
    expect(body.connections.map((c: any) => `${c.tenantId}/${c.connectionId}`)).toEqual(['acme/acme-data-lake']);
  });

  it.each([
    ['no status', {}, 'The query parameter status is required; allowed: VERIFYING, DATA_ACCESS_REQUIRED, VERIFIED, ACTION_REQUIRED'],
    ['a status that is not a state', { status: 'BROKEN' }, 'The status "BROKEN" is not a connection state; allowed: VERIFYING, DATA_ACCESS_REQUIRED, VERIFIED, ACTION_REQUIRED'],
    ['a status in lower case', { status: 'action_required' }, 'The status "action_required" is not a connection state'],
    ['a limit of 0', { status: 'VERIFIED', limit: '0' }, 'The limit "0" is not a whole number from 1 to 100'],
    ['a limit over 100', { status: 'VERIFIED', limit: '101' }, 'The limit "101" is not a whole number from 1 to 100'],
    ['a limit that is not a number', { status: 'VERIFIED', limit: '10abc' }, 'The limit "10abc" is not a whole number from 1 to 100'],
    ['an unknown parameter', { state: 'VERIFIED' }, 'The query parameter "state" is not one this route takes; allowed: status, limit, nextToken'],
    ['a token that is not ours', { status: 'VERIFIED', nextToken: 'abc' }, 'The nextToken is not one this API returned for status=VERIFIED'],
    ['a token with characters no token has', { status: 'VERIFIED', nextToken: 'a b' }, 'The nextToken is not one this API returned (it may have been cut or altered)'],
  ])('refuses %s with a 400 that says what is allowed', async (_, query, message) => {
    // Act
    const response = await list(query as Record<string, string>);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error).toMatchObject({ code: 'BadRequest', message: expect.stringContaining(message) });
  });

  it("refuses another status's token: a page of one list never continues another", async () => {
    // Prepare
    const { nextToken } = bodyOf(await list({ status: 'ACTION_REQUIRED', limit: '1' }));

    // Act
    const response = await list({ status: 'VERIFIED', nextToken });

    // Assess
    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.message).toContain("or be another status's");
  });

  it('says every problem of the query at once', async () => {
    const response = await list({ status: 'BROKEN', limit: '0' });
    expect(bodyOf(response).error.message).toBe(
      'The status "BROKEN" is not a connection state; allowed: VERIFYING, DATA_ACCESS_REQUIRED, VERIFIED, ACTION_REQUIRED; The limit "0" is not a whole number from 1 to 100',
    );
  });

  it('answers only GET', async () => {
    const response = await handleApiRequest(apiEvent('POST', '/connections', { body: '{}' }), deps);
    expect(response.statusCode).toBe(405);
    expect(response.headers).toMatchObject({ allow: 'GET' });
  });
});
