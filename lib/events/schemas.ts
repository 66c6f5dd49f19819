// The two events the tenant platform puts on the EventBridge bus, as EventBridge delivers them to a
// Lambda function: one schema each (lib/schemas/tenant-created.ts, target-role-configured.ts), with the
// content rules of the state machines' own validation inside, so that an event the state machine would
// reject starts nothing, and its sender learns every problem at once. Here: telling the two apart, and
// the envelope's time, which is judged against this function's clock.
import * as z from 'zod';
import { quotePrefix } from '../problem-text';
import type { FieldProblem } from '../errors';
import { DETAIL_TYPES, DetailType, envelopeSchema, isDetailType, TARGET_ROLE_CONFIGURED, TENANT_CREATED } from '../schemas/event-envelope';
import { capProblems, problemsOf, wording } from '../schemas/problems';
import { unknownScheduleSetting } from '../schemas/schedule';
import { targetRoleConfiguredDetailSchema, targetRoleConfiguredEventSchema } from '../schemas/target-role-configured';
import { tenantCreatedDetailSchema, tenantCreatedEventSchema } from '../schemas/tenant-created';

export * from '../schemas/event-envelope';
export * from '../schemas/tenant-created';
export * from '../schemas/target-role-configured';
export { capProblems, fieldPath, MAX_PROBLEMS } from '../schemas/problems';

export const tenantPlatformEventSchema = z.discriminatedUnion('detail-type', [tenantCreatedEventSchema, targetRoleConfiguredEventSchema]);
export type TenantPlatformEvent = z.infer<typeof tenantPlatformEventSchema>;

const DETAIL_SCHEMAS: Record<DetailType, z.ZodType> = {
  [TENANT_CREATED]: tenantCreatedDetailSchema,
  [TARGET_ROLE_CONFIGURED]: targetRoleConfiguredDetailSchema,
};

export type ShapeCheck = { ok: true; event: TenantPlatformEvent } | { ok: false; problems: FieldProblem[] };

/** How far ahead of this function's clock an event's `time` may be: clocks differ, by seconds. */
export const MAX_EVENT_TIME_AHEAD_MS = 5 * 60 * 1000;
const EVENT_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;

function describeAhead(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours >= 48) return `${Math.floor(hours / 24)} days`;
  if (hours >= 2) return `${Math.floor(hours)} hours`;
  const minutes = Math.ceil(ms / 60_000);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * An event's `time` orders the configurations of a connection: one that cannot be read, or that lies
 * in the future, would order wrongly for good (every later correction would look older). EventBridge
 * writes it in UTC, to the second.
 */
export function eventTimeProblem(time: string, now: Date): string | undefined {
  const match = EVENT_TIME.exec(time);
  const parsed = match ? new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!)) : undefined;
  const real =
    parsed !== undefined &&
    parsed.getUTCFullYear() === +match![1]! &&
    parsed.getUTCMonth() === +match![2]! - 1 &&
    parsed.getUTCDate() === +match![3]! &&
    parsed.getUTCHours() === +match![4]! &&
    parsed.getUTCMinutes() === +match![5]! &&
    parsed.getUTCSeconds() === +match![6]!;
  if (!real) {
    return `must be an ISO 8601 date-time in UTC such as 2026-11-23T10:05:00Z (EventBridge's format), got ${JSON.stringify(Array.from(time).slice(0, 40).join(''))}`;
  }
  const ahead = Date.parse(time) - now.getTime();
  if (ahead > MAX_EVENT_TIME_AHEAD_MS) {
    return (
      `is ${describeAhead(ahead)} ahead of this function's clock; at most 5 minutes ahead is accepted, because the time ` +
      `orders a connection's configurations (is the sender's clock wrong?)`
    );
  }
  return undefined;
}

/**
 * Checks an event and reports every problem at once — the envelope's and the detail's — with the field
 * each is about (`detail.targetRoles[0].roleArn`). The detail is only read when the detail-type is one
 * of ours: another type's detail means nothing here.
 */
export function checkEventShape(input: unknown, now: Date = new Date()): ShapeCheck {
  const envelope = envelopeSchema.safeParse(input, { error: wording });
  const problems: FieldProblem[] = envelope.success ? [] : problemsOf(envelope.error, envelopeSchema, { unknown: { what: 'the event' } });
  const raw = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  if (typeof raw.time === 'string') {
    const problem = eventTimeProblem(raw.time, now);
    if (problem) problems.push({ field: 'time', problem });
  }
  const detailType = raw['detail-type'];
  if (typeof detailType === 'string' && detailType.length > 0 && !isDetailType(detailType)) {
    problems.push({
      field: 'detail-type',
      problem: `${quotePrefix(detailType)} is not an event this function handles; expected ${DETAIL_TYPES.join(' or ')}`,
    });
  }
  if (isDetailType(detailType)) {
    const schema = DETAIL_SCHEMAS[detailType];
    const detail = schema.safeParse(raw.detail, { error: wording });
    if (!detail.success) {
      problems.push(
        ...problemsOf(detail.error, schema, { prefix: ['detail'], unknown: { what: `a ${detailType} event's detail`, at: unknownScheduleSetting } }),
      );
    }
  }
  if (problems.length > 0) return { ok: false, problems: capProblems(problems) };
  // Both parts are known good, so the full schema parses too; it gives the typed event.
  return { ok: true, event: tenantPlatformEventSchema.parse(input) };
}
