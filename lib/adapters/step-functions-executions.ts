import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  HistoryEvent as SfnHistoryEvent,
  ListExecutionsCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { executionNamePrefix } from '../domain/execution-names';
import type { ExecutionDescription, ExecutionRecords, HistoryEvent, StateMachineKind } from '../ports';
import { isAwsError, mapAwsError } from './aws-errors';
import { executionArnOf } from './step-functions-starter';
import type { AdapterFactory } from './adapter-factory';
import { sharedClient } from './aws-client-factory';

/** At most this many of a tenant's executions per state machine are described: each costs a call. */
const MAX_CANDIDATES = 100;

function parseInput(input: string | undefined): unknown {
  if (input === undefined) return undefined;
  try {
    return JSON.parse(input);
  } catch {
    return undefined;
  }
}

function tenantOf(input: unknown): unknown {
  return typeof input === 'object' && input !== null ? (input as { tenantId?: unknown }).tenantId : undefined;
}

/** GetExecutionHistory's event with its Date made an ISO string, as the CLI and its JSON print it. */
export function historyEventOf(event: SfnHistoryEvent): HistoryEvent {
  const { timestamp, id, previousEventId, type, ...details } = event;
  return {
    id: id ?? 0,
    previousEventId: previousEventId ?? 0,
    type: type ?? 'Unknown',
    timestamp: timestamp instanceof Date ? timestamp.toISOString() : String(timestamp),
    ...Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined)),
  };
}

/**
 * DescribeExecution, ListExecutions and GetExecutionHistory on the stack's state machines. An
 * execution's input is read to tell one tenant's executions from another's whose id it starts with.
 */
export class SfnExecutionRecords implements ExecutionRecords {
  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachines: Partial<Record<StateMachineKind, string>>,
  ) {}

  async describe(kind: StateMachineKind, name: string): Promise<ExecutionDescription | undefined> {
    const stateMachineArn = this.stateMachines[kind];
    if (!stateMachineArn) return undefined;
    return this.describeArn(kind, executionArnOf(stateMachineArn, name));
  }

  async listForTenant(tenantId: string): Promise<ExecutionDescription[]> {
    const found: ExecutionDescription[] = [];
    for (const [kind, stateMachineArn] of Object.entries(this.stateMachines) as [StateMachineKind, string | undefined][]) {
      if (!stateMachineArn) continue;
      const prefix = executionNamePrefix(kind, tenantId);
      const candidates: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await this.call('ListExecutions', stateMachineArn, () =>
          this.sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000, nextToken })),
        );
        for (const execution of page.executions ?? []) {
          if (execution.name?.startsWith(prefix) && execution.executionArn) candidates.push(execution.executionArn);
        }
        nextToken = page.nextToken;
      } while (nextToken && candidates.length < MAX_CANDIDATES);
      for (const executionArn of candidates.slice(0, MAX_CANDIDATES)) {
        const described = await this.describeArn(kind, executionArn);
        if (described && tenantOf(described.input) === tenantId) found.push(described);
      }
    }
    return found.sort((a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? ''));
  }

  async history(executionArn: string): Promise<HistoryEvent[] | undefined> {
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    try {
      do {
        const page = await this.sfn.send(
          new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, includeExecutionData: true, nextToken }),
        );
        events.push(...(page.events ?? []).map(historyEventOf));
        nextToken = page.nextToken;
      } while (nextToken);
    } catch (error) {
      if (isAwsError(error, 'ExecutionDoesNotExist', 'InvalidArn')) return undefined;
      throw mapAwsError(error, { service: 'Step Functions', operation: 'GetExecutionHistory', resource: executionArn });
    }
    return events;
  }

  private async describeArn(kind: StateMachineKind, executionArn: string): Promise<ExecutionDescription | undefined> {
    try {
      const out = await this.sfn.send(new DescribeExecutionCommand({ executionArn }));
      return {
        executionArn,
        name: out.name ?? executionArn.split(':').pop() ?? executionArn,
        kind,
        status: out.status ?? 'UNKNOWN',
        ...(out.startDate ? { startDate: out.startDate.toISOString() } : {}),
        ...(out.stopDate ? { stopDate: out.stopDate.toISOString() } : {}),
        input: parseInput(out.input),
      };
    } catch (error) {
      if (isAwsError(error, 'ExecutionDoesNotExist')) return undefined;
      throw mapAwsError(error, { service: 'Step Functions', operation: 'DescribeExecution', resource: executionArn });
    }
  }

  private async call<T>(operation: string, resource: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw mapAwsError(error, { service: 'Step Functions', operation, resource });
    }
  }
}

export const executionRecordsAdapter: AdapterFactory<ExecutionRecords> = (config) =>
  new SfnExecutionRecords(sharedClient('sfn', SFNClient, config.region), {
    onboarding: config.onboardingStateMachineArn,
    verification: config.verificationStateMachineArn,
  });
