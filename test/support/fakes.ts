// Fakes of the ports, with the behaviour callers depend on: execution names are unique, status writes
// from older executions are not applied, a connection configured later wins, and every call is kept.
// One set for every test (the event starter, the status API, the CLI).
import type { Connection } from '../../lib/domain/verification/connection';
import type { ConnectionState, ConnectionStatus, RejectedEventNote, StatusRecord, StatusUpdate, VerificationSummary } from '../../lib/domain/status';
import type {
  ConnectionPage,
  ConnectionPageKey,
  DeadLetters,
  ExecutionDescription,
  ExecutionRecords,
  HistoryEvent,
  StartedExecution,
  StatusStore,
  WorkflowKind,
  WorkflowStarter,
} from '../../lib/ports';

export interface FakeStatusStoreOptions {
  /** For callers that must never write a status (the status API, the CLI): a write throws. */
  refuseStatusWrites?: boolean;
}

export class FakeStatusStore implements StatusStore {
  readonly records = new Map<string, StatusRecord>();
  /** The stored connections of each tenant, as storedConnections() returns them. */
  readonly stored = new Map<string, Connection[]>();
  /** What was stored, in order: a request that carries connections stores them before it starts anything. */
  readonly saved: { tenantId: string; connections: Connection[]; configuredAt: string }[] = [];
  readonly writes: StatusUpdate[] = [];
  readonly notes: { tenantId: string; note: RejectedEventNote }[] = [];
  /** The configuration time and event of each stored connection, to order them as the table does. */
  readonly configured = new Map<string, { at: string; by: string }>();
  failWith?: Error;

  constructor(private readonly options: FakeStatusStoreOptions = {}) {}

  async get(tenantId: string): Promise<StatusRecord | undefined> {
    if (this.failWith) throw this.failWith;
    const record = this.records.get(tenantId);
    return record ? structuredClone(record) : undefined;
  }

  async storedConnections(tenantId: string): Promise<Connection[]> {
    return structuredClone(this.stored.get(tenantId) ?? []);
  }

  async saveConnections(
    tenantId: string,
    connections: Connection[],
    configuredAt: string,
    configuredBy = '',
  ): Promise<{ applied: string[]; superseded: string[] }> {
    if (this.failWith) throw this.failWith;
    this.saved.push({ tenantId, connections: structuredClone(connections), configuredAt });
    const applied: Connection[] = [];
    const superseded: string[] = [];
    const at = new Date(configuredAt).toISOString();
    for (const c of connections) {
      const key = `${tenantId}/${c.connectionId}`;
      const stored = this.configured.get(key);
      const newer = stored !== undefined && (stored.at > at || (stored.at === at && stored.by > configuredBy));
      if (newer) superseded.push(c.connectionId);
      else {
        this.configured.set(key, { at, by: configuredBy });
        applied.push(c);
      }
    }
    const kept = (this.stored.get(tenantId) ?? []).filter((c) => !applied.some((n) => n.connectionId === c.connectionId));
    this.stored.set(tenantId, [...kept, ...structuredClone(applied)]);
    return { applied: applied.map((c) => c.connectionId), superseded };
  }

  async record(update: StatusUpdate): Promise<{ applied: boolean }> {
    if (this.options.refuseStatusWrites) throw new Error('this caller never writes a status');
    const existing = this.records.get(update.tenantId);
    if (existing && existing.execution.startTime > update.execution.startTime) return { applied: false };
    this.writes.push(update);
    const now = new Date().toISOString();
    this.records.set(update.tenantId, { ...update, createdAt: existing?.createdAt ?? now, updatedAt: now });
    return { applied: true };
  }

  async noteRejectedEvent(tenantId: string, note: RejectedEventNote): Promise<{ applied: boolean }> {
    if (this.options.refuseStatusWrites) throw new Error('this caller never notes rejected events');
    const existing = this.records.get(tenantId);
    if (!existing) return { applied: false };
    this.notes.push({ tenantId, note });
    this.records.set(tenantId, { ...existing, lastRejectedEvent: note });
    return { applied: true };
  }

  // Written and read only by the verification state machines' functions, whose tests use the real
  // store on dynalite.
  async recordConnection(_tenantId: string, _status: ConnectionStatus): Promise<{ applied: boolean }> {
    throw new Error('connection statuses are written by Record Attempt only');
  }

  async connectionStatus(_tenantId: string, _connectionId: string): Promise<ConnectionStatus | undefined> {
    throw new Error("connection statuses are read with the tenant's record");
  }

  async recordVerification(_tenantId: string, _summary: VerificationSummary): Promise<{ applied: boolean }> {
    throw new Error('verification summaries are written by Summarize only');
  }

  /** As the index orders them: by updatedAt, newest first, then by item key (descending too). */
  async connectionsInState(state: ConnectionState, page: { limit: number; startAfter?: ConnectionPageKey }): Promise<ConnectionPage> {
    if (this.failWith) throw this.failWith;
    const position = (tenantId: string, c: ConnectionStatus) => ({ key: `${tenantId}#connection#${c.connectionId}`, state: c.state, updatedAt: c.updatedAt ?? '' });
    const before = (a: ConnectionPageKey, b: ConnectionPageKey) => (a.updatedAt !== b.updatedAt ? a.updatedAt > b.updatedAt : a.key > b.key);
    const all = [...this.records.entries()]
      .flatMap(([tenantId, record]) => Object.values(record.connections ?? {}).map((status) => ({ tenantId, status })))
      .filter(({ status }) => status.state === state && status.updatedAt !== undefined)
      .sort((a, b) => (before(position(a.tenantId, a.status), position(b.tenantId, b.status)) ? -1 : 1));
    const start = page.startAfter;
    const rest = start ? all.filter((c) => before(start, position(c.tenantId, c.status))) : all;
    const connections = structuredClone(rest.slice(0, page.limit));
    const last = connections.at(-1);
    return { connections, ...(rest.length > page.limit && last ? { next: position(last.tenantId, last.status) } : {}) };
  }
}

/**
 * StartExecution as Step Functions answers it: a name used before starts nothing new. It also
 * describes what it started, with the input of the first start of each name, as DescribeExecution does.
 */
export class FakeStarter implements WorkflowStarter, ExecutionRecords {
  readonly calls: { kind: WorkflowKind; name: string; input: unknown }[] = [];
  failWith?: Error;

  arnOf(kind: WorkflowKind, name: string): string {
    return `arn:aws:states:eu-west-1:111111111111:execution:tenant-dataplane-onboarding-prod-${kind}:${name}`;
  }

  async start(kind: WorkflowKind, name: string, input: unknown): Promise<StartedExecution> {
    if (this.failWith) throw this.failWith;
    const alreadyStarted = this.calls.some((c) => c.kind === kind && c.name === name);
    this.calls.push({ kind, name, input });
    return { executionArn: this.arnOf(kind, name), alreadyStarted };
  }

  async describe(kind: WorkflowKind, name: string): Promise<ExecutionDescription | undefined> {
    const first = this.calls.find((c) => c.kind === kind && c.name === name);
    if (!first) return undefined;
    return { executionArn: this.arnOf(kind, name), name, kind, status: 'RUNNING', startDate: '2026-03-01T10:00:00.000Z', input: structuredClone(first.input) };
  }

  async listForTenant(tenantId: string): Promise<ExecutionDescription[]> {
    const names = [...new Set(this.calls.filter((c) => (c.input as { tenantId?: string }).tenantId === tenantId).map((c) => `${c.kind}:${c.name}`))];
    const found = await Promise.all(names.map((n) => this.describe(n.split(':')[0] as WorkflowKind, n.split(':')[1]!)));
    return found.filter((d): d is ExecutionDescription => d !== undefined);
  }

  async history(_executionArn: string): Promise<HistoryEvent[] | undefined> {
    return undefined;
  }
}

export class FakeDeadLetters implements DeadLetters {
  readonly sent: { event: unknown; reason: string }[] = [];
  failWith?: Error;

  async send(event: unknown, reason: string): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.sent.push({ event, reason });
  }
}
