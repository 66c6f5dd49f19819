import { ConditionalCheckFailedException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import {
  DynamoDbStatusStore,
  normalizeStartTime,
  STATUS_TABLE_ATTRIBUTE_DEFINITIONS,
  STATUS_TABLE_GLOBAL_SECONDARY_INDEXES,
  STATUS_TABLE_KEY_SCHEMA,
} from '../../../lib/adapters/status-store';
import type { StatusUpdate } from '../../../lib/domain/status';
import { TransientAwsError } from '../../../lib/errors';
import { awsError } from './sdk-errors';

const documentsMock = mockClient(DynamoDBDocumentClient);

const TABLE = 'tenant-status';
const NOW = new Date('2026-03-01T10:00:05.000Z');
const EXECUTION = { id: 'arn:aws:states:eu-west-1:111122223333:execution:onboarding:acme-1', startTime: '2026-03-01T10:00:00.000Z' };

function store(): DynamoDbStatusStore {
  return new DynamoDbStatusStore(DynamoDBDocumentClient.from(new DynamoDBClient({})), TABLE, () => NOW);
}

function sentUpdate() {
  const input = documentsMock.commandCalls(UpdateCommand)[0]?.args[0].input;
  if (!input) throw new Error('no UpdateCommand was sent');
  return input;
}

describe('DynamoDbStatusStore', () => {
  beforeEach(() => {
    documentsMock.reset();
  });

  it('keys the table on tenantId alone, and indexes connection statuses by state and time of their last update', () => {
    // Assess
    expect(STATUS_TABLE_KEY_SCHEMA).toEqual([{ AttributeName: 'tenantId', KeyType: 'HASH' }]);
    expect(STATUS_TABLE_ATTRIBUTE_DEFINITIONS).toEqual([
      { AttributeName: 'tenantId', AttributeType: 'S' },
      { AttributeName: 'state', AttributeType: 'S' },
      { AttributeName: 'updatedAt', AttributeType: 'S' },
    ]);
    expect(STATUS_TABLE_GLOBAL_SECONDARY_INDEXES).toEqual([
      {
        IndexName: 'connections-by-state',
        KeySchema: [
          { AttributeName: 'state', KeyType: 'HASH' },
          { AttributeName: 'updatedAt', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
  });

  describe('record', () => {
    it('sets every defined field, the execution and the timestamps, and removes a stale error', async () => {
      // Prepare
      documentsMock.on(UpdateCommand).resolves({});
      const update: StatusUpdate = {
        tenantId: 'acme',
        status: 'ROLE_READY',
        summary: 'Role created and published',
        execution: EXECUTION,
        clusterName: 'acme-prod',
        roleName: 'acme-dataplane-role',
        roleArn: 'arn:aws:iam::111122223333:role/acme-dataplane-role',
        roleOutcome: 'created',
      };

      // Act
      const result = await store().record(update);

      // Assess
      expect(result).toEqual({ applied: true });
      expect(documentsMock).toHaveReceivedCommandWith(UpdateCommand, {
        TableName: TABLE,
        Key: { tenantId: 'acme' },
        ConditionExpression: expect.stringContaining('attribute_not_exists(#tenantId) OR'),
      });
      const input = sentUpdate();
      // A request that named no identity mode leaves none for a retry to ask for.
      expect(input.UpdateExpression).toMatch(/ REMOVE #error, #requestedIdentity$/);
      expect(input.UpdateExpression).toContain('#createdAt = if_not_exists(#createdAt, :now)');
      expect(input.ConditionExpression).toContain('#executionStartTime <= :startTime');
      expect(input.ExpressionAttributeValues).toEqual({
        ':now': '2026-03-01T10:00:05.000Z',
        ':executionId': EXECUTION.id,
        ':startTime': EXECUTION.startTime,
        ':status': 'ROLE_READY',
        ':summary': 'Role created and published',
        ':clusterName': 'acme-prod',
        ':roleName': 'acme-dataplane-role',
        ':roleArn': 'arn:aws:iam::111122223333:role/acme-dataplane-role',
        ':roleOutcome': 'created',
      });
      // Every placeholder used resolves to the attribute of the same name; none is left unused.
      for (const [placeholder, attribute] of Object.entries(input.ExpressionAttributeNames ?? {})) {
        expect(placeholder).toBe(`#${attribute}`);
        expect(`${input.UpdateExpression} ${input.ConditionExpression}`).toContain(placeholder);
      }
      for (const placeholder of Object.keys(input.ExpressionAttributeValues ?? {})) {
        expect(`${input.UpdateExpression} ${input.ConditionExpression}`).toContain(placeholder);
      }
      expect(input.ExpressionAttributeNames).not.toHaveProperty('#namespace');
    });

    it('sets the error when the update has one, and removes nothing', async () => {
      // Prepare
      documentsMock.on(UpdateCommand).resolves({});
      const update: StatusUpdate = {
        tenantId: 'acme',
        status: 'FAILED',
        summary: 'The cluster has no IAM OIDC provider',
        execution: EXECUTION,
        error: { name: 'OidcProviderMissing', message: 'IAM OIDC provider ... does not exist' },
      };

      // Act
      await store().record(update);

      // Assess
      const input = sentUpdate();
      expect(input.UpdateExpression).toContain('#error = :error');
      expect(input.UpdateExpression).not.toContain('REMOVE');
      expect(input.ExpressionAttributeValues?.[':error']).toEqual({
        name: 'OidcProviderMissing',
        message: 'IAM OIDC provider ... does not exist',
      });
    });

    it('normalizes the execution start time so string comparison orders executions', async () => {
      // Prepare
      documentsMock.on(UpdateCommand).resolves({});

      // Act
      await store().record({
        tenantId: 'acme',
        status: 'PROVISIONING',
        summary: 'Started',
        execution: { id: 'x', startTime: '2026-03-01T10:00:00Z' },
      });

      // Assess
      expect(sentUpdate().ExpressionAttributeValues?.[':startTime']).toBe('2026-03-01T10:00:00.000Z');
      expect(normalizeStartTime('not a time')).toBe('not a time');
    });

    it('returns applied=false when a newer execution already wrote the status', async () => {
      // Prepare
      documentsMock
        .on(UpdateCommand)
        .rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));

      // Act
      const result = await store().record({ tenantId: 'acme', status: 'PROVISIONING', summary: 'Started', execution: EXECUTION });

      // Assess
      expect(result).toEqual({ applied: false });
    });

    it('throws TransientAwsError when DynamoDB throttles', async () => {
      // Prepare
      documentsMock
        .on(UpdateCommand)
        .rejects(new ProvisionedThroughputExceededException({ message: 'Throughput exceeded', $metadata: {} }));

      // Act
      const recording = store().record({ tenantId: 'acme', status: 'PROVISIONING', summary: 'Started', execution: EXECUTION });

      // Assess
      await expect(recording).rejects.toThrow(TransientAwsError);
      await expect(recording).rejects.toThrow('DynamoDB UpdateItem tenant-status tenant acme was throttled: Throughput exceeded');
    });

    it('rethrows an unmapped error unchanged', async () => {
      // Prepare
      const missing = awsError('ResourceNotFoundException', 'Requested resource not found');
      documentsMock.on(UpdateCommand).rejects(missing);

      // Act
      const recording = store().record({ tenantId: 'acme', status: 'PROVISIONING', summary: 'Started', execution: EXECUTION });

      // Assess
      await expect(recording).rejects.toBe(missing);
    });
  });

  describe('get', () => {
    it('reads strongly consistently and maps the item back to a status record', async () => {
      // Prepare
      documentsMock.on(GetCommand).resolves({
        Item: {
          tenantId: 'acme',
          status: 'FAILED',
          summary: 'No OIDC provider',
          executionId: EXECUTION.id,
          executionStartTime: EXECUTION.startTime,
          clusterName: 'acme-prod',
          error: { name: 'OidcProviderMissing', message: 'missing' },
          createdAt: '2026-03-01T10:00:01.000Z',
          updatedAt: '2026-03-01T10:00:05.000Z',
        },
      });

      // Act
      const record = await store().get('acme');

      // Assess
      expect(documentsMock).toHaveReceivedCommandWith(GetCommand, {
        TableName: TABLE,
        Key: { tenantId: 'acme' },
        ConsistentRead: true,
      });
      expect(record).toEqual({
        tenantId: 'acme',
        status: 'FAILED',
        summary: 'No OIDC provider',
        execution: EXECUTION,
        clusterName: 'acme-prod',
        error: { name: 'OidcProviderMissing', message: 'missing' },
        createdAt: '2026-03-01T10:00:01.000Z',
        updatedAt: '2026-03-01T10:00:05.000Z',
      });
    });

    it('returns undefined for an unknown tenant', async () => {
      // Prepare
      documentsMock.on(GetCommand).resolves({});

      // Act
      const record = await store().get('nobody');

      // Assess
      expect(record).toBeUndefined();
    });

    it('throws TransientAwsError when DynamoDB fails on its side', async () => {
      // Prepare
      documentsMock.on(GetCommand).rejects(awsError('InternalServerError', 'Internal server error', { httpStatusCode: 500, fault: 'server' }));

      // Act
      const reading = store().get('acme');

      // Assess
      await expect(reading).rejects.toThrow(TransientAwsError);
    });
  });
});
