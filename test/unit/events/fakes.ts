// Fakes of the ports the event starter uses, with the behaviour that matters to it: execution names
// are unique, status writes from older executions are not applied, and every log line is kept.
import { type Connection } from '../../../lib/domain/verification/connection';
import type { RejectedEventNote, StatusRecord, StatusUpdate } from '../../../lib/domain/status';
import type { EventLog } from '../../../lib/events/handle-event';
import type { DeadLetters, StartedExecution, StatusStore, WorkflowKind, WorkflowStarter } from '../../../lib/ports';

export class FakeStarter implements WorkflowStarter {
  readonly calls: { kind: WorkflowKind; name: string; input: unknown }[] = [];
  private readonly names = new Set<string>();
  failWith?: Error;

  async start(kind: WorkflowKind, name: string, input: unknown): Promise<StartedExecution> {
    this.calls.push({ kind, name, input });
    if (this.failWith) throw this.failWith;
    const executionArn = `arn:aws:states:eu-west-1:111111111111:execution:${kind}:${name}`;
    if (this.names.has(name)) return { executionArn, alreadyStarted: true };
    this.names.add(name);
    return { executionArn, alreadyStarted: false };
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

export class FakeStatusStore implements Pick<StatusStore, 'get' | 'record' | 'noteRejectedEvent' | 'saveConnections'> {
  readonly saved: { tenantId: string; connections: Connection[] }[] = [];
  /** The configuration time and event of each stored connection, to order them as the table does. */
  readonly configured = new Map<string, { at: string; by: string }>();

  async saveConnections(
    tenantId: string,
    connections: Connection[],
    configuredAt: string,
    configuredBy = '',
  ): Promise<{ applied: string[]; superseded: string[] }> {
    this.saved.push({ tenantId, connections });
    const applied: string[] = [];
    const superseded: string[] = [];
    const at = new Date(configuredAt).toISOString();
    for (const c of connections) {
      const key = `${tenantId}/${c.connectionId}`;
      const stored = this.configured.get(key);
      const newer = stored !== undefined && (stored.at > at || (stored.at === at && stored.by > configuredBy));
      if (newer) superseded.push(c.connectionId);
      else {
        this.configured.set(key, { at, by: configuredBy });
        applied.push(c.connectionId);
      }
    }
    return { applied, superseded };
  }

  readonly records = new Map<string, StatusRecord>();
  readonly writes: StatusUpdate[] = [];
  readonly notes: { tenantId: string; note: RejectedEventNote }[] = [];

  async noteRejectedEvent(tenantId: string, note: RejectedEventNote): Promise<{ applied: boolean }> {
    const existing = this.records.get(tenantId);
    if (!existing) return { applied: false };
    this.notes.push({ tenantId, note });
    this.records.set(tenantId, { ...existing, lastRejectedEvent: note });
    return { applied: true };
  }

  async record(update: StatusUpdate): Promise<{ applied: boolean }> {
    const existing = this.records.get(update.tenantId);
    if (existing && existing.execution.startTime > update.execution.startTime) return { applied: false };
    this.writes.push(update);
    const now = new Date().toISOString();
    this.records.set(update.tenantId, { ...update, createdAt: existing?.createdAt ?? now, updatedAt: now });
    return { applied: true };
  }

  async get(tenantId: string): Promise<StatusRecord | undefined> {
    return this.records.get(tenantId);
  }
}

export class CapturingLog implements EventLog {
  readonly lines: { level: 'info' | 'warn'; message: string; attributes: Record<string, unknown> }[] = [];

  info(message: string, attributes: Record<string, unknown>): void {
    this.lines.push({ level: 'info', message, attributes });
  }

  warn(message: string, attributes: Record<string, unknown>): void {
    this.lines.push({ level: 'warn', message, attributes });
  }

  text(): string {
    return JSON.stringify(this.lines);
  }
}

/** A tenant onboarded by a real execution. */
export function onboardedTenant(tenantId: string): StatusRecord {
  return {
    tenantId,
    status: 'ROLE_READY',
    summary: `Dataplane role arn:aws:iam::111111111111:role/${tenantId}-dataplane-role created`,
    execution: { id: `arn:aws:states:eu-west-1:111111111111:execution:onboarding:${tenantId}-1`, startTime: '2026-11-23T09:00:00.000Z' },
    roleArn: `arn:aws:iam::111111111111:role/${tenantId}-dataplane-role`,
    roleChangedAt: '2026-11-23T09:00:05.000Z',
    createdAt: '2026-11-23T09:00:01.000Z',
    updatedAt: '2026-11-23T09:00:10.000Z',
  };
}
