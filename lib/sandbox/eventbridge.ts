// Simulated EventBridge, for the workflow's outbound events: buses per account and region, and
// PutEvents as EventBridge takes entries (1-10 a call, a Detail that is a JSON object, at most 256 KB),
// each accepted entry kept with the id and time EventBridge gives it, so a test or `onboarding events
// list` sees exactly what was sent. Delivery to rules is not simulated.
import { randomUUID } from 'node:crypto';
import { awsError } from './service-errors';
import type { CallContext, Operation, ServiceSimulator } from './simulation';
import { replaceContents } from './state-codec';

export interface SentEvent {
  id: string;
  /** ISO 8601, as EventBridge puts it on the event. */
  time: string;
  account: string;
  region: string;
  busName: string;
  source: string;
  detailType: string;
  detail: unknown;
}

/** An event as EventBridge delivers it to a rule's target. */
export function deliveredEvent(e: SentEvent): Record<string, unknown> {
  return { version: '0', id: e.id, 'detail-type': e.detailType, source: e.source, account: e.account, time: e.time, region: e.region, resources: [], detail: e.detail };
}

const MAX_ENTRIES = 10;
const MAX_ENTRY_BYTES = 256 * 1024;

function busKey(accountId: string, region: string, name: string): string {
  return `${accountId}/${region}/${name}`;
}

/** A bus named by name or ARN, as PutEvents accepts it. */
function busName(value: string): string {
  const arn = /^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/(.+)$/.exec(value);
  return arn ? arn[1]! : value;
}

export class EventBridgeSimulator implements ServiceSimulator {
  private readonly buses = new Set<string>();
  private readonly sent: SentEvent[] = [];

  createBus(accountId: string, region: string, name: string): void {
    this.buses.add(busKey(accountId, region, name));
  }

  /** What was put on a bus (or on any), in order. */
  sentEvents(busNameFilter?: string): SentEvent[] {
    return this.sent.filter((e) => busNameFilter === undefined || e.busName === busNameFilter).map((e) => structuredClone(e));
  }

  readonly operations: Record<string, Operation> = {
    PutEvents: (input: { Entries?: Record<string, unknown>[] }, ctx: CallContext) => {
      const entries = input.Entries ?? [];
      if (entries.length < 1 || entries.length > MAX_ENTRIES) {
        throw awsError('events', 'ValidationException', `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES}`);
      }
      const results = entries.map((entry) => this.put(entry, ctx));
      const failed = results.filter((r) => 'ErrorCode' in r).length;
      return { FailedEntryCount: failed, Entries: results };
    },
  };

  private put(entry: Record<string, unknown>, ctx: CallContext): Record<string, string> {
    const name = busName(typeof entry.EventBusName === 'string' && entry.EventBusName !== '' ? entry.EventBusName : 'default');
    if (!this.buses.has(busKey(ctx.accountId, ctx.region, name))) {
      throw awsError('events', 'ResourceNotFoundException', `Event bus ${name} does not exist.`);
    }
    const { Source: source, DetailType: detailType, Detail: detailText } = entry;
    if (typeof source !== 'string' || source === '') return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' };
    if (typeof detailType !== 'string' || detailType === '') {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.' };
    }
    let detail: unknown;
    try {
      detail = JSON.parse(String(detailText));
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    if (Buffer.byteLength(JSON.stringify(entry), 'utf8') > MAX_ENTRY_BYTES) return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Total size of the entries in the request is over the limit.' };
    const time = entry.Time instanceof Date ? entry.Time : new Date(ctx.now);
    const event: SentEvent = {
      id: randomUUID(),
      time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      account: ctx.accountId,
      region: ctx.region,
      busName: name,
      source,
      detailType,
      detail,
    };
    this.sent.push(event);
    return { EventId: event.id };
  }

  exportState(): unknown {
    return { buses: [...this.buses], sent: this.sent };
  }

  importState(state: { buses: string[]; sent: SentEvent[] } | undefined): void {
    if (!state) return;
    for (const bus of state.buses) this.buses.add(bus);
    replaceContents(this.sent, state.sent);
  }
}
