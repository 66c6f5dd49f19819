// @ts-nocheck
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createAwsClients, useClientEnvironment } from '../../../lib/adapters/aws-clients';
import { AwsSandbox, parseScenario, startDynalite, type DynaliteServer } from '../../../lib/sandbox';
import { REGION, VENDOR_ACCOUNT } from './sandbox-fixture';

describe('sandbox with dynalite', () => {
  let dynalite: DynaliteServer;

  beforeAll(async () => {
    dynalite = await startDynalite();
  });
  afterAll(async () => {
    await dynalite.close();
  });
  afterEach(() => useClientEnvironment(undefined));

  it('sends DynamoDB clients to dynalite while the other services stay in the sandbox', async () => {
    // Prepare
    const scenario = parseScenario({
      name: 'dynamo',
      description: 'status table on dynalite',
      vendor: { accountId: VENDOR_ACCOUNT, region: REGION },
      clusters: [],
    });
    const sandbox = AwsSandbox.fromScenario(scenario, { dynamoEndpoint: dynalite.endpoint });
    useClientEnvironment(sandbox.clientEnvironment());
    const clients = createAwsClients({ region: REGION });
    const raw = clients.dynamodb as unknown as DynamoDBClient;

    // Act
    await raw.send(
      new CreateTableCommand({
        TableName: 'status',
        KeySchema: [{ AttributeName: 'tenantId', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'tenantId', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await clients.dynamodb.send(new PutCommand({ TableName: 'status', Item: { tenantId: 'acme', status: 'ROLE_READY' } }));
    const { Item } = await clients.dynamodb.send(new GetCommand({ TableName: 'status', Key: { tenantId: 'acme' } }));

    // Assess
    expect(dynalite.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Item).toEqual({ tenantId: 'acme', status: 'ROLE_READY' });
    expect(sandbox.calls).toEqual([]);
  });
});
