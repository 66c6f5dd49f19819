// The publisher sends an event id once: a marker per sent id, written only after EventBridge took the
// event; an entry EventBridge refuses is a transient failure of the step, and nothing is marked.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { EventBridgePublisher } from '../../../lib/adapters/event-publisher';
import { tenantStatusEvent } from '../../../lib/domain/outbound-events/outbound-events';
import { ConfigurationError, TransientAwsError } from '../../../lib/errors';

const eventsMock = mockClient(EventBridgeClient);
const documentsMock = mockClient(DynamoDBDocumentClient);
const NOW = new Date('2026-11-23T12:00:00.000Z');
const event = tenantStatusEvent(
  {
    tenantId: 'acme',
    status: 'ROLE_READY',
    summary: 's',
    roleArn: 'arn:aws:iam::111111111111:role/acme-dataplane-role',
    execution: { id: 'arn:aws:states:eu-west-1:111111111111:execution:onboarding:onboard-acme-1', startTime: '2026-11-23T11:59:00.000Z' },
  },
  NOW.toISOString(),
)!;
const MARKER = { tenantId: `acme#event#${event.detail.eventId}` };

function publisher(bus: string | undefined = 'tenant-dataplane-onboarding-prod') {
  return new EventBridgePublisher(new EventBridgeClient({ region: 'eu-west-1' }), DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' })), 'status', bus, () => NOW);
}

beforeEach(() => {
  eventsMock.reset();
  documentsMock.reset();
});

describe('EventBridgePublisher', () => {
  it('sends a new event on the bus, then marks its id, to expire in 35 days', async () => {
    // Prepare
    documentsMock.on(GetCommand).resolves({});
    eventsMock.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'eb-1' }] });

    // Act
    const result = await publisher().publish(event);

    // Assess
    expect(result).toEqual({ sent: true });
    expect(eventsMock).toHaveReceivedCommandWith(PutEventsCommand, {
      Entries: [
        {
          EventBusName: 'tenant-dataplane-onboarding-prod',
          Source: 'tenant-dataplane-onboarding',
          DetailType: 'DataplaneRoleReady',
          Detail: JSON.stringify(event.detail),
          Time: NOW,
        },
      ],
    });
    expect(documentsMock).toHaveReceivedCommandWith(GetCommand, { TableName: 'status', Key: MARKER, ConsistentRead: true });
    expect(documentsMock).toHaveReceivedCommandWith(PutCommand, {
      TableName: 'status',
      Item: { ...MARKER, detailType: 'DataplaneRoleReady', eventBridgeId: 'eb-1', sentAt: NOW.toISOString(), expiresAt: NOW.getTime() / 1000 + 35 * 24 * 3600 },
    });
  });

  it('does not send an id already marked', async () => {
    documentsMock.on(GetCommand).resolves({ Item: { ...MARKER } });
    expect(await publisher().publish(event)).toEqual({ sent: false });
    expect(eventsMock).not.toHaveReceivedCommand(PutEventsCommand);
    expect(documentsMock).not.toHaveReceivedCommand(PutCommand);
  });

  it('an entry EventBridge refuses fails the step as transient, and marks nothing', async () => {
    // Prepare
    documentsMock.on(GetCommand).resolves({});
    eventsMock.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' }] });

    // Act
    const publishing = publisher().publish(event);

    // Assess
    await expect(publishing).rejects.toThrow(TransientAwsError);
    await expect(publishing).rejects.toThrow(`EventBridge did not take DataplaneRoleReady ${event.detail.eventId} on tenant-dataplane-onboarding-prod: ThrottlingException Rate exceeded`);
    expect(documentsMock).not.toHaveReceivedCommand(PutCommand);
  });

  it('without a bus to send to, a ConfigurationError naming the variable, before any call', async () => {
    await expect(publisher('').publish(event)).rejects.toThrow(ConfigurationError);
    await expect(publisher('').publish(event)).rejects.toThrow('OUTBOUND_EVENT_BUS_NAME is not set');
    expect(documentsMock).not.toHaveReceivedCommand(GetCommand);
  });
});
