import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { SfnExecutionRecords } from '../../../lib/adapters/step-functions-executions';
import { executionArnOf } from '../../../lib/adapters/step-functions-starter';
import { executionName } from '../../../lib/domain/execution-names';
import { awsError } from './sdk-errors';

const sfnMock = mockClient(SFNClient);

const ONBOARDING = 'arn:aws:states:eu-west-1:111122223333:stateMachine:tenant-dataplane-onboarding-prod-onboarding';
const VERIFICATION = 'arn:aws:states:eu-west-1:111122223333:stateMachine:tenant-dataplane-onboarding-prod-verification';

function records() {
  return new SfnExecutionRecords(new SFNClient({}), { onboarding: ONBOARDING, verification: VERIFICATION });
}

describe('SfnExecutionRecords', () => {
  beforeEach(() => {
    sfnMock.reset();
  });

  it('describes an execution by kind and name, with its input parsed; undefined when there is none', async () => {
    // Prepare
    const name = executionName('verification', 'acme', 'key-1');
    const arn = executionArnOf(VERIFICATION, name);
    sfnMock
      .on(DescribeExecutionCommand, { executionArn: arn })
      .resolves({ executionArn: arn, name, status: 'RUNNING', startDate: new Date('2026-03-01T10:00:00Z'), input: '{"tenantId":"acme","requestDigest":"ab"}' });
    sfnMock.on(DescribeExecutionCommand, { executionArn: executionArnOf(VERIFICATION, 'other') }).rejects(awsError('ExecutionDoesNotExist', 'Execution Does Not Exist'));

    // Act
    const found = await records().describe('verification', name);
    const missing = await records().describe('verification', 'other');

    // Assess
    expect(found).toEqual({ executionArn: arn, name, kind: 'verification', status: 'RUNNING', startDate: '2026-03-01T10:00:00.000Z', input: { tenantId: 'acme', requestDigest: 'ab' } });
    expect(missing).toBeUndefined();
  });

  it("lists a tenant's executions by name prefix on both machines, and keeps only those whose input names the tenant", async () => {
    // Prepare: "acme-eu" shares the prefix of "acme".
    const ours = executionName('onboarding', 'acme', 'e-1');
    const theirs = executionName('onboarding', 'acme-eu', 'e-2');
    const rerun = executionName('verification', 'acme', 'k-1');
    const arn = (machine: string, name: string) => executionArnOf(machine, name);
    sfnMock.on(ListExecutionsCommand, { stateMachineArn: ONBOARDING }).resolvesOnce({
      executions: [{ executionArn: arn(ONBOARDING, theirs), name: theirs }, { executionArn: arn(ONBOARDING, 'onboard-globex-x'), name: 'onboard-globex-x' }] as any,
      nextToken: 'page-2',
    }).resolvesOnce({ executions: [{ executionArn: arn(ONBOARDING, ours), name: ours }] as any });
    sfnMock.on(ListExecutionsCommand, { stateMachineArn: VERIFICATION }).resolves({ executions: [{ executionArn: arn(VERIFICATION, rerun), name: rerun }] as any });
    const describe = (machine: string, name: string, tenantId: string, start: string) =>
      sfnMock.on(DescribeExecutionCommand, { executionArn: arn(machine, name) }).resolves({ name, status: 'SUCCEEDED', startDate: new Date(start), input: JSON.stringify({ tenantId }) });
    describe(ONBOARDING, ours, 'acme', '2026-03-01T10:00:00Z');
    describe(ONBOARDING, theirs, 'acme-eu', '2026-03-01T11:00:00Z');
    describe(VERIFICATION, rerun, 'acme', '2026-03-02T10:00:00Z');

    // Act
    const listed = await records().listForTenant('acme');

    // Assess
    expect(listed.map((e) => [e.kind, e.name])).toEqual([['verification', rerun], ['onboarding', ours]]);
    expect(sfnMock).toHaveReceivedCommandWith(ListExecutionsCommand, { stateMachineArn: ONBOARDING, nextToken: 'page-2' });
    expect(sfnMock).not.toHaveReceivedCommandWith(DescribeExecutionCommand, { executionArn: arn(ONBOARDING, 'onboard-globex-x') });
  });

  it('reads every page of an execution history, with the execution data, as ISO timestamps', async () => {
    // Prepare
    const arn = executionArnOf(ONBOARDING, 'onboard-acme-1');
    sfnMock
      .on(GetExecutionHistoryCommand)
      .resolvesOnce({
        events: [{ id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: new Date('2026-03-01T10:00:00Z'), executionStartedEventDetails: { input: '{}' } }],
        nextToken: 't',
      })
      .resolvesOnce({ events: [{ id: 2, previousEventId: 1, type: 'TaskStateEntered', timestamp: new Date('2026-03-01T10:00:01Z'), stateEnteredEventDetails: { name: 'Validate Request' } }] });

    // Act
    const history = await records().history(arn);

    // Assess
    expect(history).toEqual([
      { id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: '2026-03-01T10:00:00.000Z', executionStartedEventDetails: { input: '{}' } },
      { id: 2, previousEventId: 1, type: 'TaskStateEntered', timestamp: '2026-03-01T10:00:01.000Z', stateEnteredEventDetails: { name: 'Validate Request' } },
    ]);
    expect(sfnMock).toHaveReceivedCommandWith(GetExecutionHistoryCommand, { executionArn: arn, includeExecutionData: true, nextToken: 't' });
  });

  it('an unknown execution has no history', async () => {
    // Prepare
    sfnMock.on(GetExecutionHistoryCommand).rejects(awsError('ExecutionDoesNotExist', 'Execution Does Not Exist'));

    // Act
    const history = await records().history(executionArnOf(ONBOARDING, 'nope'));

    // Assess
    expect(history).toBeUndefined();
  });
});
