// docs/events/*.schema.json: the JSON Schema of each event as EventBridge delivers it, drawn from the
// zod schema the event starter parses it with (lib/schemas/tenant-created.ts, target-role-configured.ts).
// Rules JSON Schema cannot say (duplicate connection ids, a schedule only with target roles, one that
// fits an execution's history, the time against the function's clock) are the starter's alone.
import * as z from 'zod';
import { TARGET_ROLE_CONFIGURED, TENANT_CREATED } from '../schemas/event-envelope';
import { targetRoleConfiguredEventSchema } from '../schemas/target-role-configured';
import { tenantCreatedEventSchema } from '../schemas/tenant-created';

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
