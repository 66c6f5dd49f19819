// Fakes of the ports the status API uses, and API Gateway events derived from the fixture files.
import type { APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ApiLog } from '../../../lib/api/router';
import { type Connection } from '../../../lib/domain/verification/connection';
import type { ConnectionStatus, StatusRecord, StatusUpdate, VerificationSummary } from '../../../lib/domain/status';
import { readFixture } from '../../support/fixtures';
import type { ExecutionDescription, ExecutionRecords, HistoryEvent, StartedExecution, StatusStore, WorkflowKind, WorkflowStarter } from '../../../lib/ports';

export class FakeStatusStore implements StatusStore {
  readonly records = new Map<string, StatusRecord>();
  readonly stored = new Map<string, Connection[]>();
  failWith?: Error;

  async get(tenantId: string): Promise<StatusRecord | undefined> {
    if (this.failWith) throw this.failWith;
    const record = this.records.get(tenantId);
    return record ? structuredClone(record) : undefined;
  }

  async storedConnections(tenantId: string): Promise<Connection[]> {
    return structuredClone(this.stored.get(tenantId) ?? []);
  }

  async record(_update: StatusUpdate): Promise<{ applied: boolean }> {
    throw new Error('the status API never writes a status');
  }

  async recordConnection(_tenantId: string, _status: ConnectionStatus): Promise<{ applied: boolean }> {
    throw new Error('the status API never writes a connection status');
  }

  async connectionStatus(_tenantId: string, _connectionId: string): Promise<ConnectionStatus | undefined> {
    throw new Error('the status API reads connection statuses with the tenant\'s record');
  }

  async recordVerification(_tenantId: string, _summary: VerificationSummary): Promise<{ applied: boolean }> {
    throw new Error('the status API never writes a verification summary');
  }

  /** What was stored, in order: a request that carries connections stores them before it starts anything. */
  readonly saved: { tenantId: string; connections: Connection[]; configuredAt: string }[] = [];

  async saveConnections(tenantId: string, connections: Connection[], configuredAt: string): Promise<{ applied: string[]; superseded: string[] }> {
    if (this.failWith) throw this.failWith;
    this.saved.push({ tenantId, connections: structuredClone(connections), configuredAt });
    const kept = (this.stored.get(tenantId) ?? []).filter((c) => !connections.some((n) => n.connectionId === c.connectionId));
    this.stored.set(tenantId, [...kept, ...structuredClone(connections)]);
    return { applied: connections.map((c) => c.connectionId), superseded: [] };
  }

  async noteRejectedEvent(): Promise<{ applied: boolean }> {
    throw new Error('the status API never notes rejected events');
  }
}

/**
 * StartExecution as Step Functions answers it: a name used before starts nothing new. It also
 * describes what it started, with the input of the first start of each name, as DescribeExecution does.
 */
export class FakeStarter implements WorkflowStarter, ExecutionRecords {
  readonly calls: { kind: WorkflowKind; name: string; input: unknown }[] = [];
  failWith?: Error;

  private arnOf(kind: WorkflowKind, name: string): string {
    return `arn:aws:states:eu-west-1:111111111111:execution:tenant-dataplane-onboarding-prod-${kind}:${name}`;
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

  async start(kind: WorkflowKind, name: string, input: unknown): Promise<StartedExecution> {
    if (this.failWith) throw this.failWith;
    const alreadyStarted = this.calls.some((c) => c.kind === kind && c.name === name);
    this.calls.push({ kind, name, input });
    return { executionArn: this.arnOf(kind, name), alreadyStarted };
  }
}

export class RecordingLog implements ApiLog {
  readonly lines: { level: string; message: string; extra: Record<string, unknown> }[] = [];
  info(message: string, extra: Record<string, unknown> = {}) {
    this.lines.push({ level: 'info', message, extra });
  }
  warn(message: string, extra: Record<string, unknown> = {}) {
    this.lines.push({ level: 'warn', message, extra });
  }
  error(message: string, extra: Record<string, unknown> = {}) {
    this.lines.push({ level: 'error', message, extra });
  }
}

export type ApiEventV2 = APIGatewayProxyEventV2WithIAMAuthorizer;

/**
 * The fixture's GET event turned into another request, as API Gateway would send it: method, path
 * (still percent-encoded, as rawPath is), body and extra headers.
 */
export function apiEvent(
  method: string,
  rawPath: string,
  options: { body?: string; headers?: Record<string, string>; requestId?: string; base64?: boolean } = {},
): ApiEventV2 {
  const event = readFixture<ApiEventV2>('api', 'get-status');
  event.rawPath = rawPath;
  event.routeKey = '$default';
  event.requestContext.routeKey = '$default';
  event.requestContext.http.method = method;
  event.requestContext.http.path = rawPath;
  if (options.requestId) event.requestContext.requestId = options.requestId;
  delete event.pathParameters;
  if (options.body !== undefined) {
    event.body = options.base64 ? Buffer.from(options.body, 'utf8').toString('base64') : options.body;
    event.isBase64Encoded = options.base64 ?? false;
    event.headers['content-type'] = 'application/json';
  }
  Object.assign(event.headers, options.headers ?? {});
  return event;
}

export function bodyOf(response: APIGatewayProxyStructuredResultV2): any {
  return JSON.parse(response.body ?? 'null');
}
