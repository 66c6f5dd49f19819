import { MessageAttributeValue, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ConfigurationError } from '../errors';
import type { DeadLetters } from '../ports';
import { mapAwsError } from './aws-errors';
import type { AdapterFactory } from './adapter-factory';
import { sharedClient } from './aws-client-factory';

export const INVALID_EVENTS_QUEUE_VARIABLE = 'INVALID_EVENTS_QUEUE_URL';

/** Message attribute values are kept short; the full reason is also in the function's log. */
export const REASON_ATTRIBUTE_MAX_LENGTH = 4096;

// SQS accepts only these characters in bodies and attribute values (#x9 #xA #xD #x20-#xD7FF
// #xE000-#xFFFD #x10000-#x10FFFF); anything else fails the whole SendMessage.
const NOT_ALLOWED_IN_SQS = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * JSON.stringify already escapes control characters and lone surrogates; U+FFFE and U+FFFF can only
 * occur inside JSON strings, where their \u escape is the same value, so the body stays the event.
 */
function sqsSafeJson(value: unknown): string {
  const json = JSON.stringify(value ?? null) ?? 'null';
  return json.replace(/[\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

function attributeText(value: string, max: number): string {
  const clean = value.replace(NOT_ALLOWED_IN_SQS, '\uFFFD');
  if (clean.length <= max) return clean;
  // Cut by code points: half a surrogate pair would make SendMessage fail.
  let cut = '';
  for (const ch of clean) {
    if (cut.length + ch.length > max - 14) break;
    cut += ch;
  }
  return `${cut} … (truncated)`;
}

function readableString(event: unknown, key: string): string | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const value = (event as Record<string, unknown>)[key];
  return typeof value === 'string' && value.length > 0 ? attributeText(value, 256) : undefined;
}

/**
 * Events that cannot be processed, on an SQS queue. The body is the event as the caller gives it — the
 * event starter gives a copy with every External ID replaced by its length and fingerprint, so a
 * corrected event comes from the sender, not from a replay of the body; the reason, and the event's id
 * and detail-type when it has them, are message attributes, so the queue can be read and filtered
 * without parsing bodies.
 */
export class SqsDeadLetters implements DeadLetters {
  constructor(
    private readonly sqs: SQSClient,
    /** A standard queue. Absent when the function is deployed without one: sending is then a ConfigurationError. */
    private readonly queueUrl: string | undefined,
  ) {}

  async send(event: unknown, reason: string): Promise<void> {
    if (!this.queueUrl) {
      throw new ConfigurationError(`${INVALID_EVENTS_QUEUE_VARIABLE} is not set: there is no queue to keep an invalid event in`, {
        variable: INVALID_EVENTS_QUEUE_VARIABLE,
      });
    }
    const attributes: Record<string, MessageAttributeValue> = {
      reason: { DataType: 'String', StringValue: attributeText(reason || 'no reason given', REASON_ATTRIBUTE_MAX_LENGTH) },
    };
    const eventId = readableString(event, 'id');
    const detailType = readableString(event, 'detail-type');
    if (eventId) attributes.eventId = { DataType: 'String', StringValue: eventId };
    if (detailType) attributes.detailType = { DataType: 'String', StringValue: detailType };
    try {
      await this.sqs.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: sqsSafeJson(event), MessageAttributes: attributes }));
    } catch (error) {
      throw mapAwsError(error, { service: 'SQS', operation: 'SendMessage', resource: `invalid event ${eventId ?? '(no id)'}` });
    }
  }
}

export const deadLettersAdapter: AdapterFactory<DeadLetters> = (config) =>
  new SqsDeadLetters(sharedClient('sqs', SQSClient, config.region), config.invalidEventsQueueUrl);
