// A status table on dynalite (a real DynamoDB API), created with the keys and index the store, the
// local runner and the template share: for the store's tests, whose conditions DynamoDB evaluates.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { STATUS_TABLE_ATTRIBUTE_DEFINITIONS, STATUS_TABLE_GLOBAL_SECONDARY_INDEXES, STATUS_TABLE_KEY_SCHEMA } from '../../lib/adapters/status-store';
import { startDynalite } from '../../lib/sandbox';

export async function startStatusTable(tableName: string): Promise<{ client: DynamoDBClient; close: () => Promise<void> }> {
  const server = await startDynalite();
  const client = new DynamoDBClient({ endpoint: server.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: STATUS_TABLE_KEY_SCHEMA,
      AttributeDefinitions: STATUS_TABLE_ATTRIBUTE_DEFINITIONS,
      GlobalSecondaryIndexes: STATUS_TABLE_GLOBAL_SECONDARY_INDEXES,
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  return {
    client,
    close: async () => {
      client.destroy();
      await server.close();
    },
  };
}
