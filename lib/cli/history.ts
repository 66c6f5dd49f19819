// `onboarding history`: a tenant's executions (onboarding, verification and each connection's) and each one's events as
// GetExecutionHistory returns them, so support can see what happened, step by step, without the console.
import type { ExecutionDescription, ExecutionRecords, HistoryEvent, StateMachineKind, StatusStore } from '../ports';

export interface ExecutionHistory extends Omit<ExecutionDescription, 'input'> {
  events: HistoryEvent[];
}

export interface TenantHistory {
  tenantId: string;
  executions: ExecutionHistory[];
}

/** The tenant, or the execution asked for, is not there; the message says what is. */
export class HistoryNotFound extends Error {}

/** The kind and name of an execution ARN (arn:aws:states:<region>:<account>:execution:<machine>:<name>). */
function fromArn(arn: string): { kind: StateMachineKind; name: string } | undefined {
  const parts = arn.split(':');
  if (parts.length < 8 || parts[5] !== 'execution') return undefined;
  const machine = parts[6]!;
  const kind = machine.endsWith('connection-verification') ? 'connection-verification' : machine.endsWith('verification') ? 'verification' : 'onboarding';
  return { kind, name: parts[7]! };
}

/**
 * The tenant's executions, newest first: those whose names and inputs say they are the tenant's, and
 * the ones its status record names (an execution started under another name, e.g. by hand).
 */
async function executionsOf(tenantId: string, records: ExecutionRecords, statusStore: Pick<StatusStore, 'get'>): Promise<ExecutionDescription[]> {
  const [listed, status] = await Promise.all([records.listForTenant(tenantId), statusStore.get(tenantId)]);
  const found = new Map(listed.map((e) => [e.executionArn, e]));
  const named = [status?.execution?.id, status?.verification?.execution?.id, ...Object.values(status?.connections ?? {}).map((c) => c.execution?.id)];
  for (const arn of named) {
    if (!arn || found.has(arn)) continue;
    const ref = fromArn(arn);
    const described = ref ? await records.describe(ref.kind, ref.name) : undefined;
    if (described) found.set(described.executionArn, described);
  }
  if (found.size === 0 && !status) {
    throw new HistoryNotFound(`tenant "${tenantId}" has no executions and no status here (check the id, stage and region)`);
  }
  return [...found.values()].sort((a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? ''));
}

/** The tenant's executions with their events; `execution` (a name or an ARN) picks one of them. */
export async function tenantHistory(
  tenantId: string,
  records: ExecutionRecords,
  statusStore: Pick<StatusStore, 'get'>,
  execution?: string,
): Promise<TenantHistory> {
  let executions = await executionsOf(tenantId, records, statusStore);
  if (execution !== undefined) {
    executions = executions.filter((e) => e.executionArn === execution || e.name === execution);
    if (executions.length === 0) {
      const known = (await executionsOf(tenantId, records, statusStore)).map((e) => e.name);
      throw new HistoryNotFound(
        `tenant "${tenantId}" has no execution "${execution}"; its executions: ${known.length > 0 ? known.join(', ') : 'none'}`,
      );
    }
  }
  const withEvents: ExecutionHistory[] = [];
  for (const { input: _input, ...description } of executions) {
    withEvents.push({ ...description, events: (await records.history(description.executionArn)) ?? [] });
  }
  return { tenantId, executions: withEvents };
}

/** The state an event belongs to: its own details name it, or it follows that state's entry. */
function stateNameOf(event: HistoryEvent): string | undefined {
  for (const [key, value] of Object.entries(event)) {
    if (!key.endsWith('EventDetails') || typeof value !== 'object' || value === null) continue;
    const name = (value as { name?: unknown }).name;
    if (typeof name === 'string' && !key.startsWith('execution')) return name;
  }
  return undefined;
}

/** One line per event: id, time, type, state name; a heading per execution. */
export function formatHistory(history: TenantHistory): string[] {
  const lines: string[] = [];
  for (const execution of history.executions) {
    if (lines.length > 0) lines.push('');
    const dates = [execution.startDate && `started ${execution.startDate}`, execution.stopDate && `stopped ${execution.stopDate}`].filter(Boolean);
    lines.push(`${execution.kind} execution ${execution.executionArn} ${execution.status}${dates.length > 0 ? ` (${dates.join(', ')})` : ''}`);
    const width = String(execution.events.length).length;
    let state: string | undefined;
    for (const event of execution.events) {
      const own = stateNameOf(event);
      if (event.type.endsWith('StateEntered')) state = own;
      // Lambda and task events name no state: they belong to the task state entered last.
      const name = own ?? (/^(LambdaFunction|Task)[A-Z]/.test(event.type) && !event.type.startsWith('TaskState') ? state : undefined);
      lines.push(`  ${String(event.id).padStart(width)} ${event.timestamp} ${event.type.padEnd(24)}${name ? ` ${name}` : ''}`.trimEnd());
    }
  }
  return lines;
}
