// Outbound events on EventBridge, each id sent once. EventBridge has no deduplication of its own, so
// the publisher keeps a marker per event id in the status table (key "<tenant>#event#<id>", expiring
// after the longest an execution can still be re-driven): an id already marked is not sent again. The
// marker is written after PutEvents succeeds, so an event is never lost; a step that dies between the
// two sends it again on its retry, and the consumer drops the repeat by `detail.eventId`.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { OUTBOUND_EVENT_SOURCE, type OutboundEvent } from '../domain/outbound-events/outbound-events';
import type { EventPublisher } from '../ports';
import { ConfigurationError, TransientAwsError } from '../errors';
import { mapAwsError } from './aws-errors';
import type { AdapterFactory } from './adapter-factory';
import { sharedClient } from './aws-client-factory';
import { documentClient, STATUS_TABLE_PARTITION_KEY } from './status-store';
import { now as clockNow } from '../clock';

/** Step Functions re-drives an execution up to 14 days after it ended; a standard execution runs up to a year, but a step's retries end within days. */
const MARKER_DAYS = 35;

export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly events: EventBridgeClient,
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly busName: string | undefined,
    private readonly now: () => Date = clockNow,
  ) {}

  async publish(event: OutboundEvent): Promise<{ sent: boolean }> {
    if (!this.busName) {
      throw new ConfigurationError('OUTBOUND_EVENT_BUS_NAME is not set: the function does not know where to send its events', {
        variable: 'OUTBOUND_EVENT_BUS_NAME',
      });
    }
    const key = `${event.detail.tenantId}#event#${event.detail.eventId}`;
    const resource = `${this.tableName} event ${event.detail.eventId}`;
    try {
      const marked = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: { [STATUS_TABLE_PARTITION_KEY]: key }, ConsistentRead: true }));
      if (marked.Item) return { sent: false };
    } catch (error) {
      throw mapAwsError(error, { service: 'DynamoDB', operation: 'GetItem', resource });
    }
    let output;
    try {
      output = await this.events.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: this.busName,
              Source: OUTBOUND_EVENT_SOURCE,
              DetailType: event.detailType,
              Detail: JSON.stringify(event.detail),
              Time: new Date(event.detail.occurredAt),
            },
          ],
        }),
      );
    } catch (error) {
      throw mapAwsError(error, { service: 'EventBridge', operation: 'PutEvents', resource: this.busName });
    }
    const failed = output.Entries?.find((e) => e.ErrorCode);
    if ((output.FailedEntryCount ?? 0) > 0 || failed) {
      // EventBridge refuses an entry with a code (ThrottlingException, InternalFailure...): try the step again.
      throw new TransientAwsError(`EventBridge did not take ${event.detailType} ${event.detail.eventId} on ${this.busName}: ${failed?.ErrorCode ?? 'failed'} ${failed?.ErrorMessage ?? ''}`.trim(), {
        errorCode: failed?.ErrorCode,
      });
    }
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            [STATUS_TABLE_PARTITION_KEY]: key,
            detailType: event.detailType,
            eventBridgeId: output.Entries?.[0]?.EventId,
            sentAt: this.now().toISOString(),
            expiresAt: Math.floor(this.now().getTime() / 1000) + MARKER_DAYS * 24 * 3600,
          },
        }),
      );
    } catch (error) {
      throw mapAwsError(error, { service: 'DynamoDB', operation: 'PutItem', resource });
    }
    return { sent: true };
  }
}

export const eventPublisherAdapter: AdapterFactory<EventPublisher> = (config) =>
  new EventBridgePublisher(
    sharedClient('events', EventBridgeClient, config.region),
    documentClient(sharedClient('dynamodb', DynamoDBClient, config.region)),
    config.statusTableName,
    config.outboundEventBusName,
  );
