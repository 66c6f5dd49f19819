// @ts-nocheck
import { createHash } from 'node:crypto';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  QueueNameExists,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSServiceException,
} from '@aws-sdk/client-sqs';
import { DEDUPLICATION_WINDOW_MS } from '../../../lib/sandbox';
import { Fixture, REGION, rejectionOf, startSandbox, stopSandbox, VENDOR_ACCOUNT } from './sandbox-fixture';

const QUEUE = 'account-manager.fifo';

describe('sandbox SQS', () => {
  let f: Fixture;
  let queueUrl: string;

  beforeEach(() => {
    f = startSandbox();
    queueUrl = f.sandbox.createQueue(QUEUE);
  });
  afterEach(stopSandbox);

  const send = (body: string, groupId: string | undefined, deduplicationId: string | undefined, url = queueUrl) =>
    f.clients.sqs.send(
      new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageGroupId: groupId, MessageDeduplicationId: deduplicationId }),
    );

  it('creates queues with AWS\'s URL format, idempotently, and finds them by name', async () => {
    // Act
    const { QueueUrl } = await f.clients.sqs.send(
      new CreateQueueCommand({ QueueName: 'other.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } }),
    );
    const again = await f.clients.sqs.send(new CreateQueueCommand({ QueueName: 'other.fifo', Attributes: { FifoQueue: 'true' } }));
    const found = await f.clients.sqs.send(new GetQueueUrlCommand({ QueueName: QUEUE }));
    const conflict = await rejectionOf(
      f.clients.sqs.send(new CreateQueueCommand({ QueueName: 'other.fifo', Attributes: { FifoQueue: 'true', VisibilityTimeout: '5' } })),
    );
    const attributes = await f.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));

    // Assess
    expect(queueUrl).toBe(`https://sqs.${REGION}.amazonaws.com/${VENDOR_ACCOUNT}/${QUEUE}`);
    expect(again.QueueUrl).toBe(QueueUrl);
    expect(found.QueueUrl).toBe(queueUrl);
    expect(conflict).toBeInstanceOf(QueueNameExists);
    expect(attributes.Attributes).toMatchObject({
      FifoQueue: 'true',
      ContentBasedDeduplication: 'true',
      QueueArn: `arn:aws:sqs:${REGION}:${VENDOR_ACCOUNT}:other.fifo`,
      ApproximateNumberOfMessages: '0',
    });
  });

  it('reports an unknown queue as QueueDoesNotExist (400), with the query-compatible code', async () => {
    // Act
    const byName = await rejectionOf(f.clients.sqs.send(new GetQueueUrlCommand({ QueueName: 'nope.fifo' })));
    const byUrl = await rejectionOf(send('{}', 'g', 'd', `https://sqs.${REGION}.amazonaws.com/${VENDOR_ACCOUNT}/nope.fifo`));

    // Assess
    for (const error of [byName, byUrl]) {
      expect(error).toBeInstanceOf(QueueDoesNotExist);
      expect(error.message).toBe('The specified queue does not exist.');
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.Code).toBe('AWS.SimpleQueueService.NonExistentQueue');
    }
  });

  it('answers SendMessage with a MessageId, the body\'s MD5 and a sequence number', async () => {
    // Act
    const sent = await send('{"tenantId":"acme"}', 'acme', 'dedup-1');

    // Assess
    expect(sent.MessageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(sent.MD5OfMessageBody).toBe(createHash('md5').update('{"tenantId":"acme"}').digest('hex'));
    expect(sent.SequenceNumber).toMatch(/^\d{20}$/);
  });

  it('requires a MessageGroupId on a FIFO queue (MissingParameter)', async () => {
    // Act
    const error = await rejectionOf(send('{}', undefined, 'dedup-1'));

    // Assess
    expect(error).toBeInstanceOf(SQSServiceException);
    expect(error.name).toBe('MissingParameter');
    expect(error.message).toBe('The request must contain the parameter MessageGroupId.');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(f.sandbox.peekMessages(queueUrl)).toEqual([]);
  });

  it('requires a MessageDeduplicationId unless the queue deduplicates on content', async () => {
    // Prepare
    const contentBased = f.sandbox.createQueue('content.fifo', { ContentBasedDeduplication: 'true' });

    // Act
    const error = await rejectionOf(send('{}', 'acme', undefined));
    const first = await send('same body', 'acme', undefined, contentBased);
    const repeat = await send('same body', 'acme', undefined, contentBased);

    // Assess
    expect(error.name).toBe('InvalidParameterValue');
    expect(error.message).toBe(
      'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    );
    expect(repeat.MessageId).toBe(first.MessageId);
    expect(f.sandbox.peekMessages(contentBased)).toHaveLength(1);
  });

  it('drops a repeat within 5 minutes, answering with the first MessageId, and accepts it after the window', async () => {
    // Prepare
    const first = await send('{"n":1}', 'acme', 'acme-role');

    // Act
    f.clock.advance(DEDUPLICATION_WINDOW_MS - 1);
    const repeat = await send('{"n":2}', 'acme', 'acme-role');
    f.clock.advance(1);
    const afterWindow = await send('{"n":3}', 'acme', 'acme-role');

    // Assess
    expect(repeat.MessageId).toBe(first.MessageId);
    expect(repeat.SequenceNumber).toBe(first.SequenceNumber);
    expect(afterWindow.MessageId).not.toBe(first.MessageId);
    expect(f.sandbox.peekMessages(queueUrl).map((m) => m.body)).toEqual(['{"n":1}', '{"n":3}']);
  });

  it('peeks without consuming, receives up to 10 with the requested attributes, and deletes by receipt handle', async () => {
    // Prepare
    await send('{"tenant":"acme"}', 'acme', 'a-1');
    await send('{"tenant":"globex"}', 'globex', 'g-1');

    // Act
    const peeked = f.sandbox.peekMessages(QUEUE);
    const received = await f.clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ['MessageGroupId', 'MessageDeduplicationId'],
      }),
    );
    const whileInFlight = await f.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
    for (const m of received.Messages ?? []) {
      await f.clients.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
    }

    // Assess
    expect(peeked).toMatchObject([
      { body: '{"tenant":"acme"}', groupId: 'acme', deduplicationId: 'a-1', receiveCount: 0, inFlight: false },
      { body: '{"tenant":"globex"}', groupId: 'globex', deduplicationId: 'g-1' },
    ]);
    expect(received.Messages).toHaveLength(2);
    expect(received.Messages?.[0]).toMatchObject({
      Body: '{"tenant":"acme"}',
      MessageId: peeked[0]!.messageId,
      Attributes: { MessageGroupId: 'acme', MessageDeduplicationId: 'a-1' },
    });
    expect(received.Messages?.[0]?.ReceiptHandle).toEqual(expect.any(String));
    expect(whileInFlight.Messages).toBeUndefined();
    expect(f.sandbox.peekMessages(queueUrl)).toEqual([]);
  });

  it('holds back a FIFO group while one of its messages is in flight, and redelivers after the visibility timeout', async () => {
    // Prepare
    await send('first', 'acme', '1');
    await send('second', 'acme', '2');

    // Act
    const first = await f.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1 }));
    const blocked = await f.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1 }));
    f.clock.advance(30_000);
    const redelivered = await f.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1, MessageSystemAttributeNames: ['All'] }),
    );

    // Assess
    expect(first.Messages?.[0]?.Body).toBe('first');
    expect(blocked.Messages).toBeUndefined();
    expect(redelivered.Messages?.[0]).toMatchObject({ Body: 'first', Attributes: { ApproximateReceiveCount: '2' } });
  });

  it('rejects MaxNumberOfMessages over 10 and a receipt handle it never issued', async () => {
    // Act
    const tooMany = await rejectionOf(f.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 11 })));
    const badHandle = await rejectionOf(f.clients.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: 'nope' })));

    // Assess
    expect(tooMany.name).toBe('InvalidParameterValue');
    expect(tooMany.message).toBe('Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.');
    expect(badHandle).toBeInstanceOf(ReceiptHandleIsInvalid);
  });
});
