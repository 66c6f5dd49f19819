// @ts-nocheck
// The two events the tenant platform puts on the EventBridge bus, as EventBridge delivers them to a
// Lambda function: the envelope EventBridge adds, and the platform's `detail`. These schemas check
// shape only (which fields, of which JSON type); whether the values are usable — a tenant id that makes
// a valid IAM role name, a Kubernetes namespace, a schedule that fits an execution's history — is for
// the state machines' own validation, which event-request.ts runs on top of these.
import { z } from 'zod';
import type { FieldProblem } from '../errors';

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
    connectionId: z.string(),
    roleArn: z.string(),
    externalId: z.string(),
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
    tenantId: z.string(),
    clusterName: z.string(),
    namespace: z.string().optional(),
    serviceAccount: z.string().optional(),
    targetRoles: z.array(targetRoleSchema).optional(),
    schedule: scheduleSchema.optional(),
  })
  .strict();

export const targetRoleConfiguredDetailSchema = z
  .object({
    tenantId: z.string(),
    connectionId: z.string(),
    roleArn: z.string(),
    externalId: z.string(),
  })
  .strict();

// The envelope is not strict: EventBridge adds fields of its own (e.g. `replay-name` when an archive
// is replayed), and none of them changes what the event asks for.
const envelopeShape = {
  version: z.string(),
  id: z.string().min(1, 'must not be empty: it names the execution, so that a redelivered event starts nothing new'),
  source: z.literal(EVENT_SOURCE),
  account: z.string(),
  time: z.string(),
  region: z.string(),
  resources: z.array(z.string()),
};

/** The envelope alone, with any detail-type and detail: what every event must have before its detail is read. */
export const envelopeSchema = z.object({ ...envelopeShape, 'detail-type': z.string().min(1), detail: z.unknown() }).passthrough();

export const tenantCreatedEventSchema = z
  .object({ ...envelopeShape, 'detail-type': z.literal(TENANT_CREATED), detail: tenantCreatedDetailSchema })
  .passthrough();

export const targetRoleConfiguredEventSchema = z
  .object({ ...envelopeShape, 'detail-type': z.literal(TARGET_ROLE_CONFIGURED), detail: targetRoleConfiguredDetailSchema })
  .passthrough();

export const tenantPlatformEventSchema = z.discriminatedUnion('detail-type', [
  tenantCreatedEventSchema,
  targetRoleConfiguredEventSchema,
]);

export type TenantCreatedDetail = z.infer<typeof tenantCreatedDetailSchema>;
export type TargetRoleConfiguredDetail = z.infer<typeof targetRoleConfiguredDetailSchema>;
export type TenantCreatedEvent = z.infer<typeof tenantCreatedEventSchema>;
export type TargetRoleConfiguredEvent = z.infer<typeof targetRoleConfiguredEventSchema>;
export type TenantPlatformEvent = z.infer<typeof tenantPlatformEventSchema>;

const DETAIL_SCHEMAS: Record<DetailType, z.ZodTypeAny> = {
  [TENANT_CREATED]: tenantCreatedDetailSchema,
  [TARGET_ROLE_CONFIGURED]: targetRoleConfiguredDetailSchema,
};

export function isDetailType(value: unknown): value is DetailType {
  return typeof value === 'string' && (DETAIL_TYPES as readonly string[]).includes(value);
}

export type ShapeCheck = { ok: true; event: TenantPlatformEvent } | { ok: false; problems: FieldProblem[] };

/**
 * Checks an event's shape and reports every problem at once — the envelope's and the detail's — with
 * the field each is about (`detail.targetRoles[0].roleArn`). The detail is only read when the
 * detail-type is one of ours: another type's detail means nothing here.
 */
export function checkEventShape(input: unknown): ShapeCheck {
  const envelope = envelopeSchema.safeParse(input);
  const problems: FieldProblem[] = envelope.success ? [] : problemsOf(envelope.error, envelopeSchema);
  const raw = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const detailType = raw['detail-type'];
  if (typeof detailType === 'string' && detailType.length > 0 && !isDetailType(detailType)) {
    problems.push({
      field: 'detail-type',
      problem: `${JSON.stringify(detailType)} is not an event this function handles; expected ${DETAIL_TYPES.join(' or ')}`,
    });
  }
  if (isDetailType(detailType)) {
    const schema = DETAIL_SCHEMAS[detailType];
    const detail = schema.safeParse(raw.detail);
    if (!detail.success) {
      problems.push(...problemsOf(detail.error, schema, ['detail'], `a ${detailType} event's detail`));
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  // Both parts are known good, so the full schema parses too; it gives the typed event.
  return { ok: true, event: tenantPlatformEventSchema.parse(input) };
}

// ---------------------------------------------------------------------------------------------------
// Problems as people read them

/** `['detail', 'targetRoles', 0, 'roleArn']` as `detail.targetRoles[0].roleArn`. */
export function fieldPath(path: (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
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

/** The object schema found by following a path into a schema, to name the fields it allows. */
function objectShapeAt(schema: z.ZodTypeAny, path: (string | number)[]): string[] | undefined {
  let current: z.ZodTypeAny = schema;
  for (const segment of path) {
    while (current instanceof z.ZodOptional) current = current.unwrap();
    if (current instanceof z.ZodArray && typeof segment === 'number') current = current.element;
    else if (current instanceof z.ZodObject && typeof segment === 'string') {
      const next = (current.shape as Record<string, z.ZodTypeAny>)[segment];
      if (!next) return undefined;
      current = next;
    } else return undefined;
  }
  while (current instanceof z.ZodOptional) current = current.unwrap();
  return current instanceof z.ZodObject ? Object.keys(current.shape as object) : undefined;
}

function problemsOf(error: z.ZodError, schema: z.ZodTypeAny, prefix: (string | number)[] = [], what = 'the event'): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    const path = [...prefix, ...issue.path];
    switch (issue.code) {
      case 'invalid_type':
        return [
          {
            field: fieldPath(path),
            problem:
              issue.received === 'undefined'
                ? `is required (${describeJsonType(issue.expected)})`
                : `must be ${describeJsonType(issue.expected)}, got ${describeJsonType(issue.received)}`,
          },
        ];
      case 'unrecognized_keys': {
        const allowed = objectShapeAt(schema, issue.path) ?? [];
        const where = issue.path.length === 0 ? what : `${fieldPath(path)} of ${what}`;
        return issue.keys.map((key) => ({
          field: fieldPath([...path, key]),
          problem: `is not a field of ${where} (allowed: ${allowed.join(', ')})`,
        }));
      }
      case 'invalid_literal': {
        // Only envelope fields are literals (source), so what was sent is safe to repeat.
        const got = typeof issue.received === 'string' ? `, got ${JSON.stringify(issue.received.slice(0, 100))}` : '';
        return [{ field: fieldPath(path), problem: `must be ${JSON.stringify(issue.expected)}${got}` }];
      }
      default:
        return [{ field: fieldPath(path), problem: issue.message }];
    }
  });
}
