// `onboarding events put` against a deployed stack: the entries go to the stack's own bus, named by
// its EventBusName output; a bad entries file puts nothing and says what is wrong where.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { putEvents, readEntries } from '../../../lib/cli/events-put';
import { UsageError } from '../../../lib/cli/usage-error';

const cloudformation = mockClient(CloudFormationClient);
const eventbridge = mockClient(EventBridgeClient);
const BUS = 'tenant-dataplane-onboarding-prod';
const deployed = { kind: 'deployed' as const, stackName: BUS, region: 'eu-west-1' };
const detail = JSON.stringify({ tenantId: 'acme', connectionId: 'lake', roleArn: 'arn:aws:iam::222222222222:role/r', externalId: 'secret-external-id' });

function file(content: unknown): string {
  const f = path.join(mkdtempSync(path.join(os.tmpdir(), 'entries-')), 'entries.json');
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
}

describe('events put on a deployed stack', () => {
  beforeEach(() => {
    cloudformation.reset();
    eventbridge.reset();
    cloudformation.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: BUS, CreationTime: new Date(), StackStatus: 'CREATE_COMPLETE', Outputs: [{ OutputKey: 'EventBusName', OutputValue: BUS }] }] });
  });

  it("puts entries without EventBusName on the stack's bus, read from its outputs, and prints each event id", async () => {
    // Prepare
    eventbridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ EventId: 'e-1' }, { ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }] });
    const out: string[] = [];
    const entries = [
      { Source: 'tenant-platform', DetailType: 'TargetRoleConfigured', Detail: detail },
      { Source: 'tenant-platform', DetailType: 'TargetRoleConfigured', Detail: detail, EventBusName: `arn:aws:events:eu-west-1:111111111111:event-bus/${BUS}` },
    ];

    // Act
    const code = await putEvents(file(entries), deployed, (line) => out.push(line));

    // Assess
    expect(cloudformation).toHaveReceivedCommandWith(DescribeStacksCommand, { StackName: BUS });
    expect(eventbridge).toHaveReceivedCommandWith(PutEventsCommand, { Entries: entries.map((e) => ({ ...e, EventBusName: BUS })) });
    expect(out).toEqual([`[0] event e-1: put on ${BUS}`, '[1] refused: InternalFailure: try again']);
    expect(code).toBe(1);
    expect(out.join('\n')).not.toContain('secret-external-id');
  });

  it("refuses an entry for another bus (the stack's rules would never see it) and sends the others", async () => {
    eventbridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-2' }] });
    const out: string[] = [];
    const code = await putEvents(
      file([
        { Source: 'tenant-platform', DetailType: 'TenantCreated', Detail: '{"tenantId":"acme","clusterName":"c"}', EventBusName: 'default' },
        { Source: 'tenant-platform', DetailType: 'TenantCreated', Detail: '{"tenantId":"acme","clusterName":"c"}' },
      ]),
      deployed,
      (line) => out.push(line),
    );
    expect(out).toEqual([`[0] refused: not sent: event bus default is not this stack's, whose rules are on ${BUS}`, `[1] event e-2: put on ${BUS}`]);
    expect(eventbridge.commandCalls(PutEventsCommand)[0]!.args[0].input.Entries).toHaveLength(1);
    expect(code).toBe(1);
  });
});

describe('entries files', () => {
  beforeEach(() => {
    eventbridge.reset();
    cloudformation.reset();
  });

  it.each([
    ['{"Source":"x"}', 'expected a JSON array of entries'],
    ['[]', 'the array holds no entry'],
    [JSON.stringify(Array.from({ length: 11 }, () => ({ Source: 's', DetailType: 'd', Detail: '{}' }))), '11 entries: PutEvents takes at most 10'],
    ['[{"DetailType":"TenantCreated","Detail":"{}"}]', '[0].Source: required, a non-empty string'],
    ['[{"Source":"s","DetailType":"d","Detail":{"tenantId":"acme"}}]', '[0].Detail: required, a non-empty string'],
    ['[{"Source":"s","DetailType":"d","Detail":"[1]"}]', '[0].Detail: must be a JSON object written as a string'],
    ['[{"Source":"s","DetailType":"d","Detail":"{}","Bus":"b"}]', '[0].Bus: not a PutEvents entry field'],
    ['not json', 'is not valid JSON'],
  ])('%s is refused: %s (nothing is put)', async (content, message) => {
    const error = await putEvents(file(content), deployed, () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(message);
    expect(eventbridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('reads standard input for -', () => {
    expect(readEntries('-', () => JSON.stringify([{ Source: 's', DetailType: 'd', Detail: '{}' }]))).toEqual([{ Source: 's', DetailType: 'd', Detail: '{}' }]);
  });
});
