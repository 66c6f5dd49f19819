// TenantCreated: the platform asks for a tenant's onboarding. Its detail is the onboarding request
// (onboarding-request.ts) with the target roles' External IDs in clear, and strict: an unknown field
// is far more likely a misspelt optional one (a "namesapce" would silently onboard with the chart's
// default namespace, and the IRSA trust would name the wrong ServiceAccount) than a field the platform
// added on purpose. A new field is added here first.
import * as z from 'zod';
import { envelopeShape, TENANT_CREATED } from './event-envelope';
import { eventConnectionFields } from './event-connection';
import { acrossFields } from './fields';
import { checkTargetRoles, onboardingFields, onboardingSchedule } from './onboarding-request';
import { connectionList } from './target-roles';
import { MAX_CONNECTIONS_PER_RUN } from '../domain/verification/verification-plan';

export const targetRoleSchema = z.strictObject(eventConnectionFields).meta({ description: 'A customer target role to verify once the dataplane role is ready' });

export const tenantCreatedDetailSchema = z
  .strictObject({
    ...onboardingFields,
    targetRoles: connectionList(targetRoleSchema)
      .optional()
      .meta({ description: `The customer target roles to verify once the dataplane role is ready (at most ${MAX_CONNECTIONS_PER_RUN})` }),
    schedule: onboardingSchedule,
  })
  .check(acrossFields(checkTargetRoles));

export const tenantCreatedEventSchema = z.looseObject({
  ...envelopeShape,
  'detail-type': z.literal(TENANT_CREATED),
  detail: tenantCreatedDetailSchema,
});

export type TenantCreatedDetail = z.infer<typeof tenantCreatedDetailSchema>;
export type TenantCreatedEvent = z.infer<typeof tenantCreatedEventSchema>;
