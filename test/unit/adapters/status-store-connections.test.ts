// The stored connections against dynalite (a real DynamoDB API): the conditions that order
// configurations and the item a connection creates are DynamoDB's to evaluate, not a mock's.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbStatusStore, STATUS_TABLE_ATTRIBUTE_DEFINITIONS, STATUS_TABLE_KEY_SCHEMA } from '../../../lib/adapters/status-store';
import type { Connection } from '../../../lib/domain/connection';
import { startDynalite } from '../../../lib/sandbox';

const TABLE = 'tenant-status';
const ROLE = 'arn:aws:iam::222222222222:role/qualytics-s3-read';
const connection = (externalId: string, connectionId = 'lake'): Connection => ({ connectionId, roleArn: ROLE, externalId });

let server: { endpoint: string; close: () => Promise<void> };
let client: DynamoDBClient;
let store: DynamoDbStatusStore;

beforeAll(async () => {
  server = await startDynalite();
  client = new DynamoDBClient({ endpoint: server.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  await client.send(
    new CreateTableCommand({ TableName: TABLE, KeySchema: STATUS_TABLE_KEY_SCHEMA, AttributeDefinitions: STATUS_TABLE_ATTRIBUTE_DEFINITIONS, BillingMode: 'PAY_PER_REQUEST' }),
  );
  store = new DynamoDbStatusStore(DynamoDBDocumentClient.from(client), TABLE, () => new Date('2026-11-23T12:00:00.000Z'));
});

afterAll(async () => {
  client.destroy();
  await server.close();
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
