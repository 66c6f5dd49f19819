import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { SqsAccountManagerQueue } from '../../../lib/adapters/account-manager-queue';
import { roleReadyDeduplicationId, roleReadyMessage } from '../../../lib/domain/onboarding/role-ready-message';
import { TransientAwsError } from '../../../lib/errors';
import { awsError } from './sdk-errors';

const sqsMock = mockClient(SQSClient);

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/111122223333/account-manager.fifo';
const ROLE_ARN = 'arn:aws:iam::111122223333:role/acme-dataplane-role';

describe('SqsAccountManagerQueue', () => {
  beforeEach(() => {
    sqsMock.reset();
  });

  it('sends the message as JSON with its group id, deduplication id and routing attributes', async () => {
    // Prepare
    sqsMock.on(SendMessageCommand).resolves({ MessageId: 'msg-1', SequenceNumber: '1' });
    const queue = new SqsAccountManagerQueue(new SQSClient({}), QUEUE_URL);
    const message = roleReadyMessage('acme', 'acme-prod', ROLE_ARN);
    const deduplicationId = roleReadyDeduplicationId('acme', ROLE_ARN);

    // Act
    const result = await queue.publish(message, 'acme', deduplicationId);

    // Assess
    expect(result).toEqual({ messageId: 'msg-1' });
    expect(sqsMock).toHaveReceivedCommandWith(SendMessageCommand, {
      QueueUrl: QUEUE_URL,
      MessageGroupId: 'acme',
      MessageDeduplicationId: deduplicationId,
      MessageAttributes: {
        type: { DataType: 'String', StringValue: 'DataplaneRoleReady' },
        tenantId: { DataType: 'String', StringValue: 'acme' },
      },
    });
    const body = sqsMock.commandCalls(SendMessageCommand)[0]?.args[0].input.MessageBody;
    expect(JSON.parse(body ?? '')).toEqual(message);
  });

  it('throws TransientAwsError when SQS throttles', async () => {
    // Prepare
    sqsMock.on(SendMessageCommand).rejects(awsError('RequestThrottled', 'Request is throttled.', { httpStatusCode: 403 }));
    const queue = new SqsAccountManagerQueue(new SQSClient({}), QUEUE_URL);

    // Act
    const publishing = queue.publish(roleReadyMessage('acme', 'acme-prod', ROLE_ARN), 'acme', 'dedup');

    // Assess
    await expect(publishing).rejects.toThrow(TransientAwsError);
    await expect(publishing).rejects.toThrow('SQS SendMessage DataplaneRoleReady for tenant acme was throttled');
  });

  it('rethrows an unmapped error unchanged', async () => {
    // Prepare
    const missing = awsError('AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
    sqsMock.on(SendMessageCommand).rejects(missing);
    const queue = new SqsAccountManagerQueue(new SQSClient({}), QUEUE_URL);

    // Act
    const publishing = queue.publish(roleReadyMessage('acme', 'acme-prod', ROLE_ARN), 'acme', 'dedup');

    // Assess
    await expect(publishing).rejects.toBe(missing);
  });
});
