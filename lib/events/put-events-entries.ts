// The entries of `aws events put-events --entries`, as `onboarding events put` takes them: a JSON array
// of { Source, DetailType, Detail, EventBusName? } with Detail a JSON object written as a string, at
// most 10 (PutEvents' limit). Checked whole before anything is put, so a bad file puts nothing.

export interface PutEventsEntry {
  Source: string;
  DetailType: string;
  /** A JSON object, as a string. */
  Detail: string;
  EventBusName?: string;
  Resources?: string[];
  Time?: string;
}

/** PutEvents takes at most 10 entries a request. */
export const MAX_ENTRIES = 10;
const FIELDS = new Set(['Source', 'DetailType', 'Detail', 'EventBusName', 'Resources', 'Time', 'TraceHeader']);

export class InvalidEntries extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'InvalidEntries';
  }
}

/** The entries, or InvalidEntries naming every problem by entry and field (never a Detail's values). */
export function parseEntries(value: unknown): PutEventsEntry[] {
  if (!Array.isArray(value)) {
    throw new InvalidEntries(['expected a JSON array of entries [{ "Source", "DetailType", "Detail", "EventBusName"? }], as aws events put-events --entries takes']);
  }
  if (value.length === 0) throw new InvalidEntries(['the array holds no entry']);
  if (value.length > MAX_ENTRIES) throw new InvalidEntries([`${value.length} entries: PutEvents takes at most ${MAX_ENTRIES} at a time`]);
  const problems: string[] = [];
  value.forEach((entry, i) => {
    const at = `[${i}]`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push(`${at}: expected an object`);
      return;
    }
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e)) if (!FIELDS.has(key)) problems.push(`${at}.${key}: not a PutEvents entry field (${[...FIELDS].join(', ')})`);
    for (const key of ['Source', 'DetailType', 'Detail'] as const) {
      if (typeof e[key] !== 'string' || (e[key] as string).length === 0) problems.push(`${at}.${key}: required, a non-empty string`);
    }
    if (e.EventBusName !== undefined && (typeof e.EventBusName !== 'string' || e.EventBusName.length === 0)) {
      problems.push(`${at}.EventBusName: a bus name or ARN when given`);
    }
    if (e.Resources !== undefined && (!Array.isArray(e.Resources) || e.Resources.some((r) => typeof r !== 'string'))) {
      problems.push(`${at}.Resources: an array of ARNs when given`);
    }
    if (e.Time !== undefined && (typeof e.Time !== 'string' || Number.isNaN(Date.parse(e.Time)))) problems.push(`${at}.Time: an ISO 8601 time when given`);
    if (typeof e.Detail === 'string' && e.Detail.length > 0) {
      let detail: unknown;
      try {
        detail = JSON.parse(e.Detail);
      } catch {
        problems.push(`${at}.Detail: not valid JSON (it is the event's detail object, written as a JSON string)`);
        return;
      }
      if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) problems.push(`${at}.Detail: must be a JSON object written as a string`);
    }
  });
  if (problems.length > 0) throw new InvalidEntries(problems);
  return value as PutEventsEntry[];
}

/** A bus named by name or by ARN (arn:aws:events:<region>:<account>:event-bus/<name>). */
export function busNameOf(nameOrArn: string): string {
  const arn = /^arn:aws[a-z-]*:events:[^:]*:\d{12}:event-bus\/(.+)$/.exec(nameOrArn);
  return arn ? arn[1]! : nameOrArn;
}
