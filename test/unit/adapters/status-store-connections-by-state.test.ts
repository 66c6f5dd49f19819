// "Which connections are broken right now, and since when?" across tenants, against dynalite (a real
// DynamoDB API): the index, its order and its pages are DynamoDB's, not a mock's. Every read is a
// Query on the index; the store has no scan.
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CONNECTIONS_BY_STATE_INDEX, DynamoDbStatusStore } from '../../../lib/adapters/status-store';
import type { ConnectionState, ConnectionStatus } from '../../../lib/domain/status';
import { startStatusTable } from '../../support/status-table';

const TABLE = 'tenant-status';

let table: Awaited<ReturnType<typeof startStatusTable>>;
let store: DynamoDbStatusStore;
let clock = new Date('2026-11-23T12:00:00.000Z');
const sent: { name: string; input: Record<string, unknown> }[] = [];

const status = (connectionId: string, state: ConnectionState): ConnectionStatus => ({
  connectionId,
  roleArn: `arn:aws:iam::222222222222:role/${connectionId}`,
  externalId: { length: 15, fingerprint: '573761e6' },
  state,
  summary: `${state} ${connectionId}`,
  attempts: 3,
  execution: { id: `run-${connectionId}`, startTime: '2026-11-23T11:00:00.000Z' },
  ...(state === 'ACTION_REQUIRED' ? { diagnosis: { code: 'TRUST_POLICY_DENIED', side: 'customer', summary: 'denied', fix: 'fix it', evidence: [] } } : {}),
});

/** Records a status at a given minute past noon. */
async function recordAt(minute: number, tenantId: string, connectionId: string, state: ConnectionState) {
  clock = new Date(Date.UTC(2026, 10, 23, 12, minute));
  await store.recordConnection(tenantId, status(connectionId, state));
}

beforeAll(async () => {
  table = await startStatusTable(TABLE);

  const documents = DynamoDBDocumentClient.from(table.client);
  documents.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push({ name: String(context.commandName), input: args.input as Record<string, unknown> });
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  store = new DynamoDbStatusStore(documents, TABLE, () => clock);
  // Three tenants; a tenant's own record is not a connection and is never listed.
  await store.record({ tenantId: 'acme', status: 'ROLE_READY', summary: 's', execution: { id: 'o', startTime: '2026-11-23T10:00:00Z' } });
  await recordAt(1, 'acme', 'lake', 'ACTION_REQUIRED');
  await recordAt(2, 'globex', 'athena', 'VERIFIED');
  await recordAt(3, 'globex', 'redshift', 'ACTION_REQUIRED');
  await recordAt(4, 'initech', 'lake', 'VERIFYING');
  await recordAt(5, 'initech', 's3', 'ACTION_REQUIRED');
  // Fixed later: no longer listed as needing action.
  await recordAt(6, 'acme', 'warehouse', 'ACTION_REQUIRED');
  await recordAt(7, 'acme', 'warehouse', 'VERIFIED');
});

afterAll(async () => {
  await table.close();
});

beforeEach(() => {
  sent.length = 0;
});

describe('DynamoDbStatusStore connections by state', () => {
  it('lists the connections of every tenant needing action, newest first, with their tenant and diagnosis', async () => {
    // Act
    const page = await store.connectionsInState('ACTION_REQUIRED', { limit: 10 });

    // Assess
    expect(page.connections.map((c) => [c.tenantId, c.status.connectionId, c.status.updatedAt])).toEqual([
      ['initech', 's3', '2026-11-23T12:05:00.000Z'],
      ['globex', 'redshift', '2026-11-23T12:03:00.000Z'],
      ['acme', 'lake', '2026-11-23T12:01:00.000Z'],
    ]);
    expect(page.connections[0]!.status).toMatchObject({ state: 'ACTION_REQUIRED', diagnosis: { code: 'TRUST_POLICY_DENIED' }, attempts: 3 });
    expect(page.connections[0]!.status).not.toHaveProperty('tenantId');
    expect(page.next).toBeUndefined();
  });

  it('pages through them: each page starts after the last, none is repeated or skipped', async () => {
    // Act
    const first = await store.connectionsInState('ACTION_REQUIRED', { limit: 2 });
    const second = await store.connectionsInState('ACTION_REQUIRED', { limit: 2, startAfter: first.next! });

    // Assess
    expect(first.connections.map((c) => c.status.connectionId)).toEqual(['s3', 'redshift']);
    expect(first.next).toEqual({ key: 'globex#connection#redshift', state: 'ACTION_REQUIRED', updatedAt: '2026-11-23T12:03:00.000Z' });
    expect(second.connections.map((c) => `${c.tenantId}/${c.status.connectionId}`)).toEqual(['acme/lake']);
  });

  it('lists the other states the same way', async () => {
    expect((await store.connectionsInState('VERIFIED', { limit: 10 })).connections.map((c) => `${c.tenantId}/${c.status.connectionId}`)).toEqual([
      'acme/warehouse',
      'globex/athena',
    ]);
    expect((await store.connectionsInState('VERIFYING', { limit: 10 })).connections.map((c) => c.tenantId)).toEqual(['initech']);
  });

  it('reads with a Query on the index, never a Scan', async () => {
    // Act
    await store.connectionsInState('ACTION_REQUIRED', { limit: 2 });

    // Assess
    expect(sent).toEqual([
      {
        name: 'QueryCommand',
        input: expect.objectContaining({ TableName: TABLE, IndexName: CONNECTIONS_BY_STATE_INDEX, ScanIndexForward: false, Limit: 2 }),
      },
    ]);
  });
});
