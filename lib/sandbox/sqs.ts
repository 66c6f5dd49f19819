// Simulated SQS, per account and region: standard and FIFO queues, FIFO's required group id, its
// 5-minute deduplication window (a repeat is accepted, answered with the first message's id, and
// not enqueued), message groups held back while one of their messages is in flight, visibility
// timeouts and receipt handles. Time comes from the sandbox clock so tests can step over windows.
import { awsError } from './service-errors';
import { md5Hex, sha256Hex, uuid } from './ids';
import type { CallContext, Operation, ServiceSimulator } from './simulation';
import { replaceContents } from './state-codec';

export const DEDUPLICATION_WINDOW_MS = 5 * 60 * 1000;

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_QUEUE_NAME = /^[A-Za-z0-9_-]{1,75}\.fifo$/;
const QUEUE_URL = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com\/(\d{12})\/([A-Za-z0-9_.-]+)$/;
const ID_CHARS = /^[!-~]{1,128}$/;

const DEFAULT_ATTRIBUTES: Record<string, string> = {
  DelaySeconds: '0',
  MaximumMessageSize: '1048576',
  MessageRetentionPeriod: '345600',
  ReceiveMessageWaitTimeSeconds: '0',
  VisibilityTimeout: '30',
  SqsManagedSseEnabled: 'true',
};
const SETTABLE = new Set([
  ...Object.keys(DEFAULT_ATTRIBUTES),
  'Policy',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
]);
const FIFO_ONLY = new Set(['FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);

export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
}

export interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  groupId?: string;
  deduplicationId?: string;
  sequenceNumber?: string;
  senderId: string;
  sentAt: number;
  messageAttributes: Record<string, MessageAttributeValue>;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  receiptHandles: Set<string>;
}

export interface StoredQueue {
  name: string;
  url: string;
  arn: string;
  accountId: string;
  region: string;
  fifo: boolean;
  attributes: Record<string, string>;
  createdAt: number;
  messages: StoredMessage[];
  deduplication: Map<string, { messageId: string; sequenceNumber?: string; at: number }>;
  sent: number;
  received: number;
}

export function queueUrl(accountId: string, region: string, name: string): string {
  return `https://sqs.${region}.amazonaws.com/${accountId}/${name}`;
}

export class SqsSimulator implements ServiceSimulator {
  private readonly queues = new Map<string, StoredQueue>();

  exportState(): unknown {
    return { queues: this.queues };
  }

  importState(state: { queues: Map<string, StoredQueue> }): void {
    replaceContents(this.queues, state.queues);
  }
  readonly operations: Record<string, Operation>;

  constructor() {
    this.operations = {
      CreateQueue: (input, ctx) => ({ QueueUrl: this.createQueue(input.QueueName, input.Attributes ?? {}, ctx).url }),
      GetQueueUrl: (input, ctx) => this.getQueueUrl(input, ctx),
      GetQueueAttributes: (input, ctx) => this.getQueueAttributes(input, ctx),
      SendMessage: (input, ctx) => this.sendMessage(input, ctx),
      ReceiveMessage: (input, ctx) => this.receiveMessage(input, ctx),
      DeleteMessage: (input, ctx) => this.deleteMessage(input, ctx),
      PurgeQueue: (input, ctx) => {
        this.requireQueue(input.QueueUrl, ctx).messages = [];
        return {};
      },
    };
  }

  /** Creates the queue, or returns the existing one when its attributes agree (as CreateQueue does). */
  createQueue(name: unknown, attributes: Record<string, string>, ctx: CallContext): StoredQueue {
    if (typeof name !== 'string' || name.length === 0) {
      throw awsError('sqs', 'MissingParameter', 'The request must contain the parameter QueueName.');
    }
    for (const attribute of Object.keys(attributes)) {
      if (!SETTABLE.has(attribute)) throw awsError('sqs', 'InvalidAttributeName', `Unknown Attribute ${attribute}.`);
    }
    const fifo = attributes.FifoQueue === 'true';
    if (fifo && !FIFO_QUEUE_NAME.test(name)) {
      throw awsError(
        'sqs',
        'InvalidParameterValue',
        'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.',
      );
    }
    if (!fifo && !QUEUE_NAME.test(name)) {
      throw awsError('sqs', 'InvalidParameterValue', 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
    }
    if (!fifo) {
      const fifoOnly = Object.keys(attributes).find((a) => FIFO_ONLY.has(a));
      if (fifoOnly) {
        throw awsError('sqs', 'InvalidParameterValue', `Invalid value for the parameter ${fifoOnly}. Reason: Only FIFO queues support this attribute.`);
      }
    }
    const key = queueKey(ctx.accountId, ctx.region, name);
    const existing = this.queues.get(key);
    if (existing) {
      for (const [attribute, value] of Object.entries(attributes)) {
        if (existing.attributes[attribute] !== value) {
          throw awsError('sqs', 'QueueNameExists', `A queue already exists with the same name and a different value for attribute ${attribute}`);
        }
      }
      return existing;
    }
    const queue: StoredQueue = {
      name,
      url: queueUrl(ctx.accountId, ctx.region, name),
      arn: `arn:aws:sqs:${ctx.region}:${ctx.accountId}:${name}`,
      accountId: ctx.accountId,
      region: ctx.region,
      fifo,
      attributes: {
        ...DEFAULT_ATTRIBUTES,
        ...(fifo ? { FifoQueue: 'true', ContentBasedDeduplication: 'false', DeduplicationScope: 'queue', FifoThroughputLimit: 'perQueue' } : {}),
        ...attributes,
      },
      createdAt: ctx.now,
      messages: [],
      deduplication: new Map(),
      sent: 0,
      received: 0,
    };
    this.queues.set(key, queue);
    return queue;
  }

  /** The queue behind a URL, for inspection; undefined when there is none. */
  queueByUrl(url: string): StoredQueue | undefined {
    const m = QUEUE_URL.exec(url);
    return m ? this.queues.get(queueKey(m[2]!, m[1]!, m[3]!)) : undefined;
  }

  queue(accountId: string, region: string, name: string): StoredQueue | undefined {
    return this.queues.get(queueKey(accountId, region, name));
  }

  /** Messages not yet deleted, oldest first, in flight or not. */
  liveMessages(queue: StoredQueue, now: number): StoredMessage[] {
    const retention = Number(queue.attributes.MessageRetentionPeriod) * 1000;
    queue.messages = queue.messages.filter((m) => now - m.sentAt < retention);
    return queue.messages;
  }

  private getQueueUrl(input: any, ctx: CallContext) {
    const owner: string = input.QueueOwnerAWSAccountId ?? ctx.accountId;
    const queue = typeof input.QueueName === 'string' ? this.queue(owner, ctx.region, input.QueueName) : undefined;
    if (!queue) throw awsError('sqs', 'QueueDoesNotExist');
    this.checkAccess(queue, ctx);
    return { QueueUrl: queue.url };
  }

  private getQueueAttributes(input: any, ctx: CallContext) {
    const queue = this.requireQueue(input.QueueUrl, ctx);
    const messages = this.liveMessages(queue, ctx.now);
    const all: Record<string, string> = {
      ...queue.attributes,
      QueueArn: queue.arn,
      CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
      LastModifiedTimestamp: String(Math.floor(queue.createdAt / 1000)),
      ApproximateNumberOfMessages: String(messages.filter((m) => m.visibleAt <= ctx.now).length),
      ApproximateNumberOfMessagesNotVisible: String(messages.filter((m) => m.visibleAt > ctx.now && m.receiveCount > 0).length),
      ApproximateNumberOfMessagesDelayed: String(messages.filter((m) => m.visibleAt > ctx.now && m.receiveCount === 0).length),
    };
    const names: string[] = input.AttributeNames ?? [];
    const wanted = names.includes('All') ? Object.keys(all) : names;
    const attributes = Object.fromEntries(wanted.filter((n) => all[n] !== undefined).map((n) => [n, all[n]!]));
    return Object.keys(attributes).length > 0 ? { Attributes: attributes } : {};
  }

  private sendMessage(input: any, ctx: CallContext) {
    const queue = this.requireQueue(input.QueueUrl, ctx);
    const body = input.MessageBody;
    if (typeof body !== 'string' || body.length === 0) {
      throw awsError('sqs', 'MissingParameter', 'The request must contain the parameter MessageBody.');
    }
    const maxSize = Number(queue.attributes.MaximumMessageSize);
    if (Buffer.byteLength(body) > maxSize) {
      throw awsError('sqs', 'InvalidParameterValue', `One or more parameters are invalid. Reason: Message must be shorter than ${maxSize} bytes.`);
    }
    const attributes: Record<string, MessageAttributeValue> = input.MessageAttributes ?? {};
    let delaySeconds = Number(queue.attributes.DelaySeconds);
    let groupId: string | undefined = input.MessageGroupId;
    let deduplicationId: string | undefined = input.MessageDeduplicationId;

    if (groupId !== undefined && !ID_CHARS.test(groupId)) {
      throw invalidValue(groupId, 'MessageGroupId', 'MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.');
    }
    if (deduplicationId !== undefined && !ID_CHARS.test(deduplicationId)) {
      throw invalidValue(
        deduplicationId,
        'MessageDeduplicationId',
        'MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in length.',
      );
    }
    if (queue.fifo) {
      if (input.DelaySeconds !== undefined) {
        throw invalidValue(input.DelaySeconds, 'DelaySeconds', 'The request include parameter that is not valid for this queue type.');
      }
      if (groupId === undefined) {
        throw awsError('sqs', 'MissingParameter', 'The request must contain the parameter MessageGroupId.');
      }
      if (deduplicationId === undefined) {
        if (queue.attributes.ContentBasedDeduplication !== 'true') {
          throw awsError(
            'sqs',
            'InvalidParameterValue',
            'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
          );
        }
        deduplicationId = sha256Hex(body);
      }
    } else {
      if (deduplicationId !== undefined) {
        throw invalidValue(deduplicationId, 'MessageDeduplicationId', 'The request include parameter that is not valid for this queue type.');
      }
      if (input.DelaySeconds !== undefined) delaySeconds = input.DelaySeconds;
    }

    const md5OfBody = md5Hex(body);
    const md5OfAttributes = Object.keys(attributes).length > 0 ? md5OfMessageAttributes(attributes) : undefined;
    const answer = (messageId: string, sequenceNumber?: string) => ({
      MessageId: messageId,
      MD5OfMessageBody: md5OfBody,
      ...(md5OfAttributes ? { MD5OfMessageAttributes: md5OfAttributes } : {}),
      ...(sequenceNumber ? { SequenceNumber: sequenceNumber } : {}),
    });

    if (queue.fifo) {
      for (const [k, seen] of queue.deduplication) {
        if (ctx.now - seen.at >= DEDUPLICATION_WINDOW_MS) queue.deduplication.delete(k);
      }
      const dedupKey = queue.attributes.DeduplicationScope === 'messageGroup' ? `${groupId}\n${deduplicationId}` : deduplicationId!;
      const seen = queue.deduplication.get(dedupKey);
      if (seen) return answer(seen.messageId, seen.sequenceNumber);
      queue.sent += 1;
      const messageId = uuid(`${queue.arn}/message/${queue.sent}`);
      const sequenceNumber = (18_000_000_000_000_000_000n + BigInt(queue.sent) * 65_536n).toString();
      queue.deduplication.set(dedupKey, { messageId, sequenceNumber, at: ctx.now });
      this.enqueue(queue, { messageId, body, md5OfBody, groupId, deduplicationId, sequenceNumber, attributes, delaySeconds: 0, ctx });
      return answer(messageId, sequenceNumber);
    }
    queue.sent += 1;
    const messageId = uuid(`${queue.arn}/message/${queue.sent}`);
    this.enqueue(queue, { messageId, body, md5OfBody, groupId, attributes, delaySeconds, ctx });
    return answer(messageId);
  }

  private enqueue(
    queue: StoredQueue,
    m: {
      messageId: string;
      body: string;
      md5OfBody: string;
      groupId?: string | undefined;
      deduplicationId?: string | undefined;
      sequenceNumber?: string;
      attributes: Record<string, MessageAttributeValue>;
      delaySeconds: number;
      ctx: CallContext;
    },
  ): void {
    queue.messages.push({
      messageId: m.messageId,
      body: m.body,
      md5OfBody: m.md5OfBody,
      ...(m.groupId !== undefined ? { groupId: m.groupId } : {}),
      ...(m.deduplicationId !== undefined ? { deduplicationId: m.deduplicationId } : {}),
      ...(m.sequenceNumber !== undefined ? { sequenceNumber: m.sequenceNumber } : {}),
      senderId: m.ctx.principal.userId,
      sentAt: m.ctx.now,
      messageAttributes: m.attributes,
      visibleAt: m.ctx.now + m.delaySeconds * 1000,
      receiveCount: 0,
      receiptHandles: new Set(),
    });
  }

  private receiveMessage(input: any, ctx: CallContext) {
    const queue = this.requireQueue(input.QueueUrl, ctx);
    const max: number = input.MaxNumberOfMessages ?? 1;
    if (!Number.isInteger(max) || max < 1 || max > 10) {
      throw invalidValue(max, 'MaxNumberOfMessages', 'Must be between 1 and 10, if provided.');
    }
    const visibility: number = input.VisibilityTimeout ?? Number(queue.attributes.VisibilityTimeout);
    if (!Number.isInteger(visibility) || visibility < 0 || visibility > 43200) {
      throw invalidValue(visibility, 'VisibilityTimeout', 'Must be between 0 and 43200, if provided.');
    }
    const wantedSystem = new Set<string>([...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])]);
    const wantedCustom: string[] = input.MessageAttributeNames ?? [];

    const messages = this.liveMessages(queue, ctx.now);
    // FIFO: while a message of a group is in flight, later messages of that group wait, keeping order.
    const blockedGroups = new Set<string>();
    const picked: StoredMessage[] = [];
    for (const m of messages) {
      if (picked.length >= max) break;
      const inFlight = m.visibleAt > ctx.now;
      if (queue.fifo && m.groupId !== undefined) {
        if (blockedGroups.has(m.groupId)) continue;
        if (inFlight && m.receiveCount > 0) {
          blockedGroups.add(m.groupId);
          continue;
        }
      }
      if (inFlight) continue;
      picked.push(m);
    }
    if (picked.length === 0) return {};
    return {
      Messages: picked.map((m) => {
        queue.received += 1;
        m.receiveCount += 1;
        m.firstReceivedAt ??= ctx.now;
        m.visibleAt = ctx.now + visibility * 1000;
        const handle = Buffer.from(`${queue.url}\n${m.messageId}\n${queue.received}`).toString('base64');
        m.receiptHandles.add(handle);
        const system = systemAttributes(m, queue.fifo);
        const attributes = wantedSystem.has('All')
          ? system
          : Object.fromEntries(Object.entries(system).filter(([k]) => wantedSystem.has(k)));
        const custom = Object.fromEntries(
          Object.entries(m.messageAttributes).filter(
            ([k]) => wantedCustom.includes('All') || wantedCustom.includes('.*') || wantedCustom.includes(k),
          ),
        );
        return {
          MessageId: m.messageId,
          ReceiptHandle: handle,
          MD5OfBody: m.md5OfBody,
          Body: m.body,
          ...(Object.keys(attributes).length > 0 ? { Attributes: attributes } : {}),
          ...(Object.keys(custom).length > 0
            ? { MessageAttributes: custom, MD5OfMessageAttributes: md5OfMessageAttributes(custom) }
            : {}),
        };
      }),
    };
  }

  private deleteMessage(input: any, ctx: CallContext) {
    const queue = this.requireQueue(input.QueueUrl, ctx);
    const handle: unknown = input.ReceiptHandle;
    if (typeof handle !== 'string' || handle.length === 0) {
      throw awsError('sqs', 'MissingParameter', 'The request must contain the parameter ReceiptHandle.');
    }
    const decoded = Buffer.from(handle, 'base64').toString('utf8').split('\n');
    if (decoded.length !== 3 || decoded[0] !== queue.url) {
      throw awsError('sqs', 'ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`);
    }
    // A handle of a message already deleted is accepted silently, as SQS does.
    queue.messages = queue.messages.filter((m) => !m.receiptHandles.has(handle));
    return {};
  }

  private requireQueue(url: unknown, ctx: CallContext): StoredQueue {
    if (typeof url !== 'string' || url.length === 0) {
      throw awsError('sqs', 'MissingParameter', 'The request must contain the parameter QueueUrl.');
    }
    const queue = this.queueByUrl(url);
    if (!queue) throw awsError('sqs', 'QueueDoesNotExist');
    this.checkAccess(queue, ctx);
    return queue;
  }

  /** The sandbox has no queue policies, so only the owning account may use a queue. */
  private checkAccess(queue: StoredQueue, ctx: CallContext): void {
    if (queue.accountId !== ctx.accountId) {
      throw awsError('sqs', 'AccessDenied', `Access to the resource ${queue.url} is denied.`);
    }
  }
}

function queueKey(accountId: string, region: string, name: string): string {
  return `${accountId}/${region}/${name}`;
}

function invalidValue(value: unknown, parameter: string, reason: string): Error {
  return awsError('sqs', 'InvalidParameterValue', `Value ${String(value)} for parameter ${parameter} is invalid. Reason: ${reason}`);
}

function systemAttributes(m: StoredMessage, fifo: boolean): Record<string, string> {
  return {
    SenderId: m.senderId,
    SentTimestamp: String(m.sentAt),
    ApproximateReceiveCount: String(m.receiveCount),
    ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt ?? m.sentAt),
    ...(fifo && m.sequenceNumber !== undefined ? { SequenceNumber: m.sequenceNumber } : {}),
    ...(fifo && m.deduplicationId !== undefined ? { MessageDeduplicationId: m.deduplicationId } : {}),
    ...(m.groupId !== undefined ? { MessageGroupId: m.groupId } : {}),
  };
}

/** SQS's digest of message attributes: names sorted, each field length-prefixed, then MD5. */
export function md5OfMessageAttributes(attributes: Record<string, MessageAttributeValue>): string {
  const parts: Buffer[] = [];
  const lengthPrefixed = (data: Buffer) => {
    const size = Buffer.alloc(4);
    size.writeUInt32BE(data.length);
    parts.push(size, data);
  };
  for (const name of Object.keys(attributes).sort()) {
    const value = attributes[name]!;
    lengthPrefixed(Buffer.from(name, 'utf8'));
    lengthPrefixed(Buffer.from(value.DataType, 'utf8'));
    if (value.BinaryValue !== undefined) {
      parts.push(Buffer.from([2]));
      lengthPrefixed(Buffer.from(value.BinaryValue));
    } else {
      parts.push(Buffer.from([1]));
      lengthPrefixed(Buffer.from(value.StringValue ?? '', 'utf8'));
    }
  }
  return md5Hex(Buffer.concat(parts));
}
