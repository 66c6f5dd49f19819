// The two events the tenant platform puts on the EventBridge bus, as EventBridge delivers them to a
// Lambda function: the envelope EventBridge adds, and the platform's `detail`. These schemas check
// shape (which fields, of which JSON type), the envelope's time, the tenant id and every length (below);
// whether the other values are usable — a tenant id that makes
// a valid IAM role name, a Kubernetes namespace, a schedule that fits an execution's history — is for
// the state machines' own validation, which event-request.ts runs on top of these.
import { z } from 'zod';
import { EXTERNAL_ID_MAX_LENGTH, EXTERNAL_ID_MIN_LENGTH, firstDisallowedCharacter, quotePrefix, ROLE_ARN_MAX_LENGTH } from '../domain/connection';
import { CLUSTER_NAME_MAX_LENGTH, NAMESPACE_MAX_LENGTH, SERVICE_ACCOUNT_MAX_LENGTH } from '../domain/onboarding-request';
import { TENANT_ID_CHARACTER, TENANT_ID_CHARACTERS_TEXT, TENANT_ID_MAX_LENGTH, TENANT_ID_PATTERN } from '../domain/names';
import { MAX_CONNECTIONS_PER_RUN } from '../domain/verification-plan';
import type { FieldProblem } from '../errors';

// Every string and array is capped here, before anything else reads the event: a value quoted in a
// problem, kept in a status note or in a dead letter must never grow a DynamoDB item past 400 KB or an
// SQS message past its limit (a 200 KB External ID once made every status write fail, and the event
// was retried and dead-lettered three times).

function tooLong(value: string, max: number): string {
  return `is ${value.length} characters long; at most ${max} are allowed`;
}

/** A string of at most `max` characters; the problem says how long it was, never what it was. */
function cappedString(max: number) {
  return z.string().superRefine((value, ctx) => {
    if (value.length > max) ctx.addIssue({ code: 'custom', message: tooLong(value, max) });
  });
}

/** An array of at most `max` entries. */
function cappedArray<T extends z.ZodType>(element: T, max: number) {
  return z.array(element).superRefine((value, ctx) => {
    if (value.length > max) ctx.addIssue({ code: 'custom', message: `has ${value.length} entries; at most ${max} are allowed` });
  });
}

/** sts:AssumeRole's ExternalId length; its characters are the pre-flight's to explain to the customer. */
const externalIdSchema = z.string().superRefine((value, ctx) => {
  if (value.length < EXTERNAL_ID_MIN_LENGTH || value.length > EXTERNAL_ID_MAX_LENGTH) {
    ctx.addIssue({
      code: 'custom',
      message: `is ${value.length} character${value.length === 1 ? '' : 's'} long; AWS allows ${EXTERNAL_ID_MIN_LENGTH}-${EXTERNAL_ID_MAX_LENGTH}`,
    });
  }
});

/** The tenant id as onboarding accepts it (both events): a record is only ever keyed by such an id. */
const tenantIdSchema = z.string().superRefine((value, ctx) => {
  if (value.length === 0) return;
  const rule = `allowed: 1-${TENANT_ID_MAX_LENGTH} characters from ${TENANT_ID_CHARACTERS_TEXT}`;
  if (value.length > TENANT_ID_MAX_LENGTH) ctx.addIssue({ code: 'custom', message: tooLong(value, TENANT_ID_MAX_LENGTH) });
  else if (!TENANT_ID_PATTERN.test(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `has a character that is not allowed (${firstDisallowedCharacter(value, TENANT_ID_CHARACTER)}); ${rule}`,
    });
  }
});

const CONNECTION_ID_MAX_LENGTH = 64;
/** Enough for any id, version, account or region EventBridge writes. */
const ENVELOPE_FIELD_MAX_LENGTH = 256;
const RESOURCES_MAX = 20;
/** At most this many problems are listed; a sender with more has a systematic error, and the rest adds nothing. */
export const MAX_PROBLEMS = 20;

export const EVENT_SOURCE = 'tenant-platform';
export const TENANT_CREATED = 'TenantCreated';
export const TARGET_ROLE_CONFIGURED = 'TargetRoleConfigured';
export const DETAIL_TYPES = [TENANT_CREATED, TARGET_ROLE_CONFIGURED] as const;
export type DetailType = (typeof DETAIL_TYPES)[number];

// The detail objects are strict: an unknown field is far more likely a misspelt optional one (a
// "namesapce" would silently onboard with the chart's default namespace, and the IRSA trust would name
// the wrong ServiceAccount) than a field the platform added on purpose. A new field is added here first.

export const targetRoleSchema = z
  .object({
    connectionId: cappedString(CONNECTION_ID_MAX_LENGTH),
    roleArn: cappedString(ROLE_ARN_MAX_LENGTH),
    externalId: externalIdSchema,
  })
  .strict();

export const scheduleSchema = z
  .object({
    firstRetrySeconds: z.number().optional(),
    maxIntervalSeconds: z.number().optional(),
    deadlineSeconds: z.number().optional(),
  })
  .strict();

export const tenantCreatedDetailSchema = z
  .object({
    tenantId: tenantIdSchema,
    clusterName: cappedString(CLUSTER_NAME_MAX_LENGTH),
    namespace: cappedString(NAMESPACE_MAX_LENGTH).optional(),
    serviceAccount: cappedString(SERVICE_ACCOUNT_MAX_LENGTH).optional(),
    targetRoles: cappedArray(targetRoleSchema, MAX_CONNECTIONS_PER_RUN).optional(),
    schedule: scheduleSchema.optional(),
  })
  .strict();

export const targetRoleConfiguredDetailSchema = z
  .object({
    tenantId: tenantIdSchema,
    connectionId: cappedString(CONNECTION_ID_MAX_LENGTH),
    roleArn: cappedString(ROLE_ARN_MAX_LENGTH),
    externalId: externalIdSchema,
  })
  .strict();

// The envelope is not strict: EventBridge adds fields of its own (e.g. `replay-name` when an archive
// is replayed), and none of them changes what the event asks for.
const envelopeShape = {
  version: cappedString(ENVELOPE_FIELD_MAX_LENGTH),
  id: cappedString(ENVELOPE_FIELD_MAX_LENGTH).refine((id) => id.length > 0, {
    message: 'must not be empty: it names the execution, so that a redelivered event starts nothing new',
  }),
  source: z.literal(EVENT_SOURCE),
  account: cappedString(ENVELOPE_FIELD_MAX_LENGTH),
  // Its content is checked by eventTimeProblem, which quotes only a prefix.
  time: z.string(),
  region: cappedString(ENVELOPE_FIELD_MAX_LENGTH),
  resources: cappedArray(cappedString(ROLE_ARN_MAX_LENGTH), RESOURCES_MAX),
};

/** The envelope alone, with any detail-type and detail: what every event must have before its detail is read. */
export const envelopeSchema = z.looseObject({ ...envelopeShape, 'detail-type': z.string().min(1), detail: z.unknown().optional() });

export const tenantCreatedEventSchema = z.looseObject({
  ...envelopeShape,
  'detail-type': z.literal(TENANT_CREATED),
  detail: tenantCreatedDetailSchema,
});

export const targetRoleConfiguredEventSchema = z.looseObject({
  ...envelopeShape,
  'detail-type': z.literal(TARGET_ROLE_CONFIGURED),
  detail: targetRoleConfiguredDetailSchema,
});

export const tenantPlatformEventSchema = z.discriminatedUnion('detail-type', [
  tenantCreatedEventSchema,
  targetRoleConfiguredEventSchema,
]);

export type TenantCreatedDetail = z.infer<typeof tenantCreatedDetailSchema>;
export type TargetRoleConfiguredDetail = z.infer<typeof targetRoleConfiguredDetailSchema>;
export type TenantCreatedEvent = z.infer<typeof tenantCreatedEventSchema>;
export type TargetRoleConfiguredEvent = z.infer<typeof targetRoleConfiguredEventSchema>;
export type TenantPlatformEvent = z.infer<typeof tenantPlatformEventSchema>;

const DETAIL_SCHEMAS: Record<DetailType, z.ZodType> = {
  [TENANT_CREATED]: tenantCreatedDetailSchema,
  [TARGET_ROLE_CONFIGURED]: targetRoleConfiguredDetailSchema,
};

export function isDetailType(value: unknown): value is DetailType {
  return typeof value === 'string' && (DETAIL_TYPES as readonly string[]).includes(value);
}

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
 * Checks an event's shape and reports every problem at once — the envelope's and the detail's — with
 * the field each is about (`detail.targetRoles[0].roleArn`). The detail is only read when the
 * detail-type is one of ours: another type's detail means nothing here.
 */
export function checkEventShape(input: unknown, now: Date = new Date()): ShapeCheck {
  const envelope = envelopeSchema.safeParse(input, { error: wording });
  const problems: FieldProblem[] = envelope.success ? [] : problemsOf(envelope.error, envelopeSchema);
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
      problems.push(...problemsOf(detail.error, schema, ['detail'], `a ${detailType} event's detail`));
    }
  }
  if (problems.length > 0) return { ok: false, problems: capProblems(problems) };
  // Both parts are known good, so the full schema parses too; it gives the typed event.
  return { ok: true, event: tenantPlatformEventSchema.parse(input) };
}

// ---------------------------------------------------------------------------------------------------
// Problems as people read them

/** At most MAX_PROBLEMS, the last one saying how many more there were. */
export function capProblems(problems: FieldProblem[]): FieldProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const listed = problems.slice(0, MAX_PROBLEMS - 1);
  return [...listed, { field: '(event)', problem: `has ${problems.length - listed.length} more problems, not listed` }];
}

/** A field name as a path shows it: an unknown one can be any length, so only its start is kept. */
function segmentName(segment: string): string {
  const chars = Array.from(segment);
  return chars.length <= 40 ? segment : `${chars.slice(0, 40).join('')}…`;
}

/** `['detail', 'targetRoles', 0, 'roleArn']` as `detail.targetRoles[0].roleArn`. */
export function fieldPath(path: (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segmentName(segment) : `.${segmentName(segment)}`;
  }
  return out === '' ? '(event)' : out;
}

const JSON_TYPE: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
  undefined: 'missing',
};

function describeJsonType(type: string): string {
  return JSON_TYPE[type] ?? type;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * How zod's own issues read here (a message set on a schema outranks it): the JSON types as people
 * name them, and the literal a field must be. Only envelope fields are literals (source), so what was
 * sent is safe to repeat.
 */
const wording: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined
      ? `is required (${describeJsonType(issue.expected)})`
      : `must be ${describeJsonType(issue.expected)}, got ${describeJsonType(jsonTypeOf(issue.input))}`;
  }
  if (issue.code === 'invalid_value' && issue.values.length === 1) {
    const got = typeof issue.input === 'string' ? `, got ${quotePrefix(issue.input)}` : '';
    return `must be ${JSON.stringify(issue.values[0])}${got}`;
  }
  return undefined;
};

/** The object schema found by following a path into a schema, to name the fields it allows. */
function objectShapeAt(schema: z.ZodType, path: PropertyKey[]): string[] | undefined {
  const unwrap = (schema: z.ZodType): z.ZodType => (schema instanceof z.ZodOptional ? unwrap(schema.unwrap() as z.ZodType) : schema);
  let current: z.ZodType = schema;
  for (const segment of path) {
    current = unwrap(current);
    if (current instanceof z.ZodArray && typeof segment === 'number') current = current.element as z.ZodType;
    else if (current instanceof z.ZodObject && typeof segment === 'string') {
      const next = (current.shape as Record<string, z.ZodType>)[segment];
      if (!next) return undefined;
      current = next;
    } else return undefined;
  }
  current = unwrap(current);
  return current instanceof z.ZodObject ? Object.keys(current.shape as object) : undefined;
}

function problemsOf(error: z.ZodError, schema: z.ZodType, prefix: (string | number)[] = [], what = 'the event'): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    const path = [...prefix, ...(issue.path as (string | number)[])];
    if (issue.code === 'unrecognized_keys') {
      const allowed = objectShapeAt(schema, issue.path) ?? [];
      const where = issue.path.length === 0 ? what : `${fieldPath(path)} of ${what}`;
      return issue.keys.map((key) => ({
        field: fieldPath([...path, key]),
        problem: `is not a field of ${where} (allowed: ${allowed.join(', ')})`,
      }));
    }
    return [{ field: fieldPath(path), problem: issue.message }];
  });
}
