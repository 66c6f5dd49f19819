import { formatHistory, HistoryNotFound, tenantHistory } from '../../../lib/cli/history';
import type { StatusRecord } from '../../../lib/domain/status';
import type { ExecutionDescription, ExecutionRecords, HistoryEvent } from '../../../lib/ports';
import { FakeStatusStore } from '../../support/fakes';
import { readFixture } from '../../support/fixtures';

const MIXED = readFixture<StatusRecord>('api', 'status-record-mixed');

/** Executions as Step Functions would list and describe them, with a two-event history each. */
function records(executions: ExecutionDescription[]): ExecutionRecords {
  const events = (arn: string): HistoryEvent[] => [
    { id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: '2026-03-01T10:00:00.000Z', executionStartedEventDetails: { input: '{}', roleArn: arn } },
    { id: 2, previousEventId: 1, type: 'TaskStateEntered', timestamp: '2026-03-01T10:00:00.100Z', stateEnteredEventDetails: { name: 'Validate Request', input: '{}' } },
    { id: 3, previousEventId: 2, type: 'LambdaFunctionScheduled', timestamp: '2026-03-01T10:00:00.101Z', lambdaFunctionScheduledEventDetails: { resource: 'arn:aws:lambda:eu-west-1:111111111111:function:x' } },
  ];
  return {
    describe: async (kind, name) => executions.find((e) => e.kind === kind && e.name === name),
    listForTenant: async (tenantId) => executions.filter((e) => (e.input as { tenantId?: string }).tenantId === tenantId),
    history: async (arn) => (executions.some((e) => e.executionArn === arn) ? events(arn) : undefined),
  };
}

const arn = (machine: string, name: string) => `arn:aws:states:eu-west-1:111111111111:execution:tenant-dataplane-onboarding-prod-${machine}:${name}`;

describe('tenantHistory', () => {
  it('exits with a clear error for a tenant with no executions and no status', async () => {
    // Act
    const found = tenantHistory('umbrella', records([]), new FakeStatusStore({ refuseStatusWrites: true }));

    // Assess
    await expect(found).rejects.toThrow(HistoryNotFound);
    await expect(found).rejects.toThrow('tenant "umbrella" has no executions and no status here');
  });

  it("adds the executions the tenant's status names to those listed for it", async () => {
    // Prepare: the status names its onboarding and verification executions; only one of them is listed.
    const store = new FakeStatusStore({ refuseStatusWrites: true });
    store.records.set('acme', MIXED);
    const onboardingName = MIXED.execution.id.split(':').pop()!;
    const verificationName = MIXED.verification!.execution.id.split(':').pop()!;
    const all: ExecutionDescription[] = [
      { executionArn: MIXED.execution.id, name: onboardingName, kind: 'onboarding', status: 'SUCCEEDED', startDate: '2026-03-01T10:00:00.000Z', input: { tenantId: 'acme' } },
      { executionArn: MIXED.verification!.execution.id, name: verificationName, kind: 'verification', status: 'SUCCEEDED', startDate: '2026-03-01T10:00:05.000Z', input: { tenantId: 'someone-else' } },
    ];

    // Act
    const found = await tenantHistory('acme', records(all), store);

    // Assess
    expect(found.executions.map((e) => e.name)).toEqual([verificationName, onboardingName]);
    expect(found.executions[0]).not.toHaveProperty('input');
    expect(found.executions[0]!.events).toHaveLength(3);
  });

  it('an unknown --execution is an error that names the known ones', async () => {
    // Prepare
    const one: ExecutionDescription = { executionArn: arn('onboarding', 'onboard-acme-1'), name: 'onboard-acme-1', kind: 'onboarding', status: 'RUNNING', input: { tenantId: 'acme' } };

    // Act
    const found = tenantHistory('acme', records([one]), new FakeStatusStore({ refuseStatusWrites: true }), 'onboard-acme-2');

    // Assess
    await expect(found).rejects.toThrow('tenant "acme" has no execution "onboard-acme-2"; its executions: onboard-acme-1');
  });
});

describe('formatHistory', () => {
  it('prints one line per event: id, time, type, and the state it belongs to', () => {
    // Prepare
    const history = {
      tenantId: 'acme',
      executions: [
        {
          executionArn: arn('onboarding', 'onboard-acme-1'),
          name: 'onboard-acme-1',
          kind: 'onboarding' as const,
          status: 'SUCCEEDED',
          startDate: '2026-03-01T10:00:00.000Z',
          events: [
            { id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: '2026-03-01T10:00:00.000Z', executionStartedEventDetails: { input: '{}' } },
            { id: 2, previousEventId: 1, type: 'TaskStateEntered', timestamp: '2026-03-01T10:00:00.100Z', stateEnteredEventDetails: { name: 'Validate Request' } },
            { id: 3, previousEventId: 2, type: 'LambdaFunctionScheduled', timestamp: '2026-03-01T10:00:00.101Z', lambdaFunctionScheduledEventDetails: {} },
          ],
        },
      ],
    };

    // Act
    const lines = formatHistory(history);

    // Assess
    expect(lines).toEqual([
      `onboarding execution ${arn('onboarding', 'onboard-acme-1')} SUCCEEDED (started 2026-03-01T10:00:00.000Z)`,
      '  1 2026-03-01T10:00:00.000Z ExecutionStarted',
      '  2 2026-03-01T10:00:00.100Z TaskStateEntered         Validate Request',
      '  3 2026-03-01T10:00:00.101Z LambdaFunctionScheduled  Validate Request',
    ]);
  });
});
