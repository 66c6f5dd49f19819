import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { RoleReadyMessage } from '../domain/onboarding/role-ready-message';
import type { AccountManagerQueue } from '../ports';
import { mapAwsError } from './aws-errors';
import type { AdapterFactory } from './adapter-factory';
import { sharedClient } from './aws-client-factory';

export class SqsAccountManagerQueue implements AccountManagerQueue {
  constructor(
    private readonly sqs: SQSClient,
    /** A FIFO queue: MessageGroupId and MessageDeduplicationId are required. */
    private readonly queueUrl: string,
  ) {}

  async publish(message: RoleReadyMessage, groupId: string, deduplicationId: string): Promise<{ messageId: string }> {
    let messageId: string | undefined;
    try {
      const output = await this.sqs.send(
        new SendMessageCommand({
          QueueUrl: this.queueUrl,
          MessageBody: JSON.stringify(message),
          MessageGroupId: groupId,
          MessageDeduplicationId: deduplicationId,
          // Lets consumers route or filter without parsing the body.
          MessageAttributes: {
            type: { DataType: 'String', StringValue: message.type },
            tenantId: { DataType: 'String', StringValue: message.tenantId },
          },
        }),
      );
      messageId = output.MessageId;
    } catch (error) {
      throw mapAwsError(error, {
        service: 'SQS',
        operation: 'SendMessage',
        resource: `${message.type} for tenant ${message.tenantId}`,
      });
    }
    if (!messageId) throw new Error(`SQS SendMessage to ${this.queueUrl} returned no message id`);
    return { messageId };
  }
}

export const accountManagerQueueAdapter: AdapterFactory<AccountManagerQueue> = (config) =>
  new SqsAccountManagerQueue(sharedClient('sqs', SQSClient, config.region), config.accountManagerQueueUrl);
