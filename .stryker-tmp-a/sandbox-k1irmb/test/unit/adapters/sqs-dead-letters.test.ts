// @ts-nocheck
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { REASON_ATTRIBUTE_MAX_LENGTH, SqsDeadLetters } from '../../../lib/adapters/sqs-dead-letters';
import { ConfigurationError, TransientAwsError } from '../../../lib/errors';
import { eventFixture } from '../events/fixtures';
import { awsError } from './sdk-errors';

const sqsMock = mockClient(SQSClient);

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/111122223333/tenant-dataplane-onboarding-prod-invalid-events';

function sentInput() {
  return sqsMock.commandCalls(SendMessageCommand)[0]!.args[0].input;
}

describe('SqsDeadLetters', () => {
  beforeEach(() => {
    sqsMock.reset();
    sqsMock.on(SendMessageCommand).resolves({ MessageId: 'msg-1' });
  });

  it('sends the event as it came, with the reason, event id and detail-type as message attributes', async () => {
    // Prepare
    const event = eventFixture('tenant-created-invalid-content');
    const letters = new SqsDeadLetters(new SQSClient({}), QUEUE_URL);

    // Act
    await letters.send(event, 'Invalid TenantCreated event: detail.clusterName: contains whitespace');

    // Assess
    expect(sqsMock).toHaveReceivedCommandWith(SendMessageCommand, {
      QueueUrl: QUEUE_URL,
      MessageAttributes: {
        reason: { DataType: 'String', StringValue: 'Invalid TenantCreated event: detail.clusterName: contains whitespace' },
        eventId: { DataType: 'String', StringValue: event.id },
        detailType: { DataType: 'String', StringValue: 'TenantCreated' },
      },
    });
    expect(JSON.parse(sentInput().MessageBody!)).toEqual(event);
  });

  it('sends what is not an event at all, with only the reason', async () => {
    // Prepare
    const letters = new SqsDeadLetters(new SQSClient({}), QUEUE_URL);

    // Act
    await letters.send(undefined, 'Invalid event: (event): must be an object');

    // Assess
    expect(sentInput().MessageBody).toBe('null');
    expect(Object.keys(sentInput().MessageAttributes ?? {})).toEqual(['reason']);
  });

  it('keeps characters SQS refuses out of the message, and the event the same', async () => {
    // Prepare
    const event = { ...eventFixture('tenant-created'), id: 'evt\u0001\uFFFE', detail: { tenantId: 'a\uFFFFb\u0000' } };
    const letters = new SqsDeadLetters(new SQSClient({}), QUEUE_URL);

    // Act
    await letters.send(event, 'bad \u0007 value');

    // Assess
    const input = sentInput();
    const allowed = /^[\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
    expect(input.MessageBody).toMatch(allowed);
    expect(JSON.parse(input.MessageBody!)).toEqual(event);
    for (const attribute of Object.values(input.MessageAttributes ?? {})) expect(attribute.StringValue).toMatch(allowed);
    expect(input.MessageAttributes?.reason?.StringValue).toBe('bad \uFFFD value');
  });

  it('shortens a very long reason (the log has all of it)', async () => {
    // Prepare
    const letters = new SqsDeadLetters(new SQSClient({}), QUEUE_URL);

    // Act
    await letters.send({}, 'x'.repeat(10_000));

    // Assess
    const reason = sentInput().MessageAttributes?.reason?.StringValue ?? '';
    expect(reason.length).toBeLessThanOrEqual(REASON_ATTRIBUTE_MAX_LENGTH);
    expect(reason).toMatch(/… \(truncated\)$/);
  });

  it('throws TransientAwsError when SQS throttles, so the event is retried rather than lost', async () => {
    // Prepare
    sqsMock.on(SendMessageCommand).rejects(awsError('RequestThrottled', 'Request is throttled.', { httpStatusCode: 403 }));
    const letters = new SqsDeadLetters(new SQSClient({}), QUEUE_URL);

    // Act
    const sending = letters.send(eventFixture('wrong-source'), 'Invalid event');

    // Assess
    await expect(sending).rejects.toThrow(TransientAwsError);
    await expect(sending).rejects.toThrow('SQS SendMessage invalid event 1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e was throttled');
  });

  it('rethrows an unmapped error unchanged', async () => {
    // Prepare
    const missing = awsError('AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
    sqsMock.on(SendMessageCommand).rejects(missing);
    const letters = new SqsDeadLetters(new SQSClient({}), QUEUE_URL);

    // Act
    const sending = letters.send({}, 'Invalid event');

    // Assess
    await expect(sending).rejects.toBe(missing);
  });

  it('throws ConfigurationError naming INVALID_EVENTS_QUEUE_URL when there is no queue, sending nothing', async () => {
    // Prepare
    const letters = new SqsDeadLetters(new SQSClient({}), undefined);

    // Act
    const sending = letters.send({}, 'Invalid event');

    // Assess
    await expect(sending).rejects.toThrow(ConfigurationError);
    await expect(sending).rejects.toThrow(/^INVALID_EVENTS_QUEUE_URL is not set/);
    expect(sqsMock).not.toHaveReceivedCommand(SendMessageCommand);
  });
});
