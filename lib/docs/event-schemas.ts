// docs/events/*.schema.json: the JSON Schema of each event as EventBridge delivers it, drawn from the
// zod schema the event starter parses it with (lib/schemas/tenant-created.ts, target-role-configured.ts).
// Rules JSON Schema cannot say (duplicate connection ids, a schedule only with target roles, one that
// fits an execution's history, the time against the function's clock) are the starter's alone.
import * as z from 'zod';
import { TARGET_ROLE_CONFIGURED, TENANT_CREATED } from '../schemas/event-envelope';
import { targetRoleConfiguredEventSchema } from '../schemas/target-role-configured';
import { tenantCreatedEventSchema } from '../schemas/tenant-created';
import { OUTBOUND_EVENT_SCHEMAS } from '../schemas/outbound-events';
import { OUTBOUND_EVENT_SOURCE, type OutboundDetailType } from '../domain/outbound-events/outbound-events';

export const EVENT_SCHEMA_FILES = {
  [TENANT_CREATED]: 'docs/events/tenant-created.schema.json',
  [TARGET_ROLE_CONFIGURED]: 'docs/events/target-role-configured.schema.json',
} as const;

const SCHEMAS = { [TENANT_CREATED]: tenantCreatedEventSchema, [TARGET_ROLE_CONFIGURED]: targetRoleConfiguredEventSchema };

export function eventJsonSchema(detailType: keyof typeof EVENT_SCHEMA_FILES): Record<string, unknown> {
  const { $schema, ...schema } = z.toJSONSchema(SCHEMAS[detailType], { target: 'draft-07', io: 'input', reused: 'inline' });
  return {
    $schema,
    title: `${detailType} event`,
    description:
      `A ${detailType} event as EventBridge delivers it to the event starter (docs/events.md). Generated from lib/schemas by ` +
      'npm run docs:schemas; the starter also checks what this schema cannot say (duplicate connection ids, a schedule only with ' +
      "target roles and within one execution's history, a time at most 5 minutes ahead).",
    ...schema,
  };
}

export function renderEventSchema(detailType: keyof typeof EVENT_SCHEMA_FILES): string {
  return `${JSON.stringify(eventJsonSchema(detailType), null, 2)}\n`;
}

/** docs/events/sent/<DetailType>.schema.json: the events the workflow sends, as a rule's target receives them. */
export const SENT_EVENT_SCHEMA_FILES: Record<OutboundDetailType, string> = {
  DataplaneRoleReady: 'docs/events/sent/dataplane-role-ready.schema.json',
  OnboardingFailed: 'docs/events/sent/onboarding-failed.schema.json',
  ConnectionVerified: 'docs/events/sent/connection-verified.schema.json',
  ConnectionActionRequired: 'docs/events/sent/connection-action-required.schema.json',
};

export function sentEventJsonSchema(detailType: OutboundDetailType): Record<string, unknown> {
  const envelope = z.object({
    version: z.literal('0'),
    id: z.string().describe("EventBridge's own id: another on each send. Deduplicate by detail.eventId."),
    'detail-type': z.literal(detailType),
    source: z.literal(OUTBOUND_EVENT_SOURCE),
    account: z.string(),
    time: z.string().meta({ format: 'date-time' }),
    region: z.string(),
    resources: z.array(z.string()),
    detail: OUTBOUND_EVENT_SCHEMAS[detailType],
  });
  const { $schema, ...schema } = z.toJSONSchema(envelope, { target: 'draft-07', io: 'output', reused: 'inline' });
  return {
    $schema,
    title: `${detailType} event`,
    description:
      `A ${detailType} event the workflow sends on its bus, as EventBridge delivers it to a rule's target (docs/events.md). ` +
      'Generated from lib/schemas/outbound-events.ts by npm run docs:schemas.',
    ...schema,
  };
}

export function renderSentEventSchema(detailType: OutboundDetailType): string {
  return `${JSON.stringify(sentEventJsonSchema(detailType), null, 2)}\n`;
}
