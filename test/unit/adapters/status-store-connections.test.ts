// The stored connections against dynalite (a real DynamoDB API): the conditions that order
// configurations and the item a connection creates are DynamoDB's to evaluate, not a mock's.
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbStatusStore } from '../../../lib/adapters/status-store';
import { type Connection } from '../../../lib/domain/verification/connection';
import type { ConnectionStatus } from '../../../lib/domain/status';
import { startStatusTable } from '../../support/status-table';

const TABLE = 'tenant-status';
const ROLE = 'arn:aws:iam::222222222222:role/qualytics-s3-read';
const connection = (externalId: string, connectionId = 'lake'): Connection => ({ connectionId, roleArn: ROLE, externalId });

let table: Awaited<ReturnType<typeof startStatusTable>>;
let store: DynamoDbStatusStore;

beforeAll(async () => {
  table = await startStatusTable(TABLE);

  store = new DynamoDbStatusStore(DynamoDBDocumentClient.from(table.client), TABLE, () => new Date('2026-11-23T12:00:00.000Z'));
});

afterAll(async () => {
  await table.close();
});

let tenant = 0;
const nextTenant = () => `tenant-${++tenant}`;

describe('DynamoDbStatusStore stored connections', () => {
  it('stores the connections of a tenant that has no record yet, and the tenant stays unknown to status reads', async () => {
    // Prepare
    const tenantId = nextTenant();

    // Act
    const saved = await store.saveConnections(tenantId, [connection('first-id')], '2026-11-23T10:00:00Z', 'event-1');

    // Assess
    expect(saved).toEqual({ applied: ['lake'], superseded: [] });
    expect(await store.storedConnections(tenantId)).toEqual([connection('first-id')]);
    expect(await store.get(tenantId)).toBeUndefined();
  });

  it('keeps the connections when the tenant is onboarded afterwards', async () => {
    // Prepare
    const tenantId = nextTenant();
    await store.saveConnections(tenantId, [connection('first-id')], '2026-11-23T10:00:00Z', 'event-1');

    // Act
    await store.record({ tenantId, status: 'PROVISIONING', summary: 's', execution: { id: 'x', startTime: '2026-11-23T10:00:01Z' } });

    // Assess
    expect(await store.storedConnections(tenantId)).toEqual([connection('first-id')]);
    expect(await store.get(tenantId)).toMatchObject({ status: 'PROVISIONING' });
  });

  it('orders configurations of a connection by time, then event id: an older one never replaces a newer one', async () => {
    // Prepare
    const tenantId = nextTenant();
    await store.saveConnections(tenantId, [connection('newer-id')], '2026-11-23T10:00:00Z', 'event-b');

    // Act
    const older = await store.saveConnections(tenantId, [connection('older-id')], '2026-11-23T09:59:59Z', 'event-z');
    const sameTimeLowerId = await store.saveConnections(tenantId, [connection('lower-id')], '2026-11-23T10:00:00Z', 'event-a');
    const sameTimeHigherId = await store.saveConnections(tenantId, [connection('higher-id')], '2026-11-23T10:00:00.000Z', 'event-c');

    // Assess
    expect(older).toEqual({ applied: [], superseded: ['lake'] });
    expect(sameTimeLowerId).toEqual({ applied: [], superseded: ['lake'] });
    expect(sameTimeHigherId).toEqual({ applied: ['lake'], superseded: [] });
    expect(await store.storedConnections(tenantId)).toEqual([connection('higher-id')]);
  });

  it('refuses a reserved connection id before writing anything', async () => {
    // Prepare
    const tenantId = nextTenant();

    // Act
    const saving = store.saveConnections(tenantId, [connection('id', 'ok'), connection('id', '__proto__')], '2026-11-23T10:00:00Z', 'e');

    // Assess
    await expect(saving).rejects.toThrow(/connection id "__proto__" is reserved/);
    expect(await store.storedConnections(tenantId)).toEqual([]);
  });

  it('refuses to record the status of a connection with a reserved id, which would be lost on read', async () => {
    // Prepare
    const tenantId = nextTenant();
    await store.record({ tenantId, status: 'ROLE_READY', summary: 's', execution: { id: 'x', startTime: '2026-11-23T10:00:01Z' } });
    const status = {
      connectionId: 'constructor',
      roleArn: ROLE,
      externalId: { length: 2, fingerprint: '00000000' },
      state: 'VERIFYING' as const,
      summary: 's',
      attempts: 1,
      execution: { id: 'x', startTime: '2026-11-23T10:00:01Z' },
    };

    // Act
    const recording = store.recordConnection(tenantId, status);

    // Assess
    await expect(recording).rejects.toThrow(/connection id "constructor" is reserved/);
    expect((await store.get(tenantId))?.connections).toBeUndefined();
  });
});

describe('DynamoDbStatusStore connection statuses', () => {
  // A tenant onboarded with these connections stored, as Plan Verification stores them before any attempt.
  const onboard = async (tenantId: string, ids: string[] = ['lake']) => {
    await store.record({ tenantId, status: 'ROLE_READY', summary: 'ready', execution: { id: 'onboard-1', startTime: '2026-11-23T11:00:00.000Z' } });
    await store.saveConnections(tenantId, ids.map((id) => connection('acme-7Hq2vX9pLm', id)), '2026-11-23T11:30:00.000Z', 'run-1');
  };
  const run = (startTime: string) => ({ id: `verify-${startTime}`, startTime });
  const status = (connectionId: string, execution: { id: string; startTime: string }, summary = 'Not verified yet'): ConnectionStatus => ({
    connectionId,
    roleArn: `arn:aws:iam::222222222222:role/${connectionId}`,
    externalId: { length: 15, fingerprint: '573761e6' },
    state: 'VERIFYING',
    summary,
    attempts: 1,
    execution,
  });

  it('keeps fifty statuses of 10 KB each, more than one item holds, and reads them all back with the tenant', async () => {
    // Prepare: about what a denial with its STS and CloudTrail evidence weighs with long names.
    const tenantId = nextTenant();
    const ids = Array.from({ length: 50 }, (_, i) => `bucket-${i}`);
    await onboard(tenantId, ids);

    // Act
    const results = await Promise.all(ids.map((id) => store.recordConnection(tenantId, status(id, run('2026-11-23T12:00:00.000Z'), 'x'.repeat(10_000)))));
    const read = await store.get(tenantId);

    // Assess
    expect(results.every((r) => r.applied)).toBe(true);
    expect(Object.keys(read!.connections!).sort()).toEqual([...ids].sort());
    expect(read!.connections!['bucket-7']).toMatchObject({ connectionId: 'bucket-7', summary: 'x'.repeat(10_000), updatedAt: '2026-11-23T12:00:00.000Z' });
    expect(JSON.stringify(read!.connections).length).toBeGreaterThan(400 * 1024);
    expect(await store.connectionStatus(tenantId, 'bucket-7')).toEqual(read!.connections!['bucket-7']);
    expect(JSON.stringify(read)).not.toContain('acme-7Hq2vX9pLm');
  });

  it('an older run never replaces a newer run\'s status; a newer or the same run does', async () => {
    // Prepare
    const tenantId = nextTenant();
    await onboard(tenantId);
    const newer = run('2026-11-23T12:30:00.000Z');

    // Act
    const first = await store.recordConnection(tenantId, status('lake', newer, 'from the newer run'));
    const older = await store.recordConnection(tenantId, status('lake', run('2026-11-23T12:00:00.000Z'), 'from the older run'));
    const again = await store.recordConnection(tenantId, status('lake', newer, 'the newer run again'));

    // Assess
    expect([first.applied, older.applied, again.applied]).toEqual([true, false, true]);
    expect((await store.get(tenantId))!.connections!.lake!.summary).toBe('the newer run again');
  });

  it('lists only the statuses of stored connections: a tenant never onboarded stays unknown', async () => {
    // Prepare
    const tenantId = nextTenant();

    // Act
    await store.recordConnection(tenantId, status('lake', run('2026-11-23T12:00:00.000Z')));

    // Assess
    expect(await store.get(tenantId)).toBeUndefined();
    expect(await store.get(`${tenantId}#connection#lake`)).toBeUndefined();
    expect(await store.connectionStatus(tenantId, 'other')).toBeUndefined();
  });

  it('a tenant and a connection whose names could run together stay apart', async () => {
    // Prepare: "acme" with connection "eu-x", and "acme-eu" with connection "x"
    const [a, b] = [nextTenant(), nextTenant()];
    const aId = `${a}-eu`;
    await Promise.all([onboard(a, ['eu-x']), onboard(aId, ['x']), onboard(b, [])]);

    // Act
    await store.recordConnection(a, status('eu-x', run('2026-11-23T12:00:00.000Z'), 'of a'));
    await store.recordConnection(aId, status('x', run('2026-11-23T12:00:00.000Z'), 'of a-eu'));

    // Assess
    expect(Object.keys((await store.get(a))!.connections!)).toEqual(['eu-x']);
    expect(Object.keys((await store.get(aId))!.connections!)).toEqual(['x']);
    expect((await store.get(b))!.connections).toBeUndefined();
  });
});
