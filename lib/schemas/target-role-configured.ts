// TargetRoleConfigured: a customer has filled in (or changed) a connection's target role and External
// ID; the platform asks for its verification. Strict, as TenantCreated's detail is.
import * as z from 'zod';
import { firstDisallowedCharacter } from '../problem-text';
import { TENANT_ID_CHARACTER, TENANT_ID_CHARACTERS_TEXT, TENANT_ID_MAX_LENGTH, TENANT_ID_PATTERN } from '../domain/names';
import { envelopeShape, TARGET_ROLE_CONFIGURED } from './event-envelope';
import { eventConnectionFields } from './event-connection';
import { checkedString, tooLong } from './fields';

const TENANT_REQUIRED = 'is required: the id of an onboarded tenant';

/** The tenant id as onboarding accepts it: a record is only ever keyed by such an id. */
function tenantIdProblems(value: string): string[] {
  if (value.length === 0) return [TENANT_REQUIRED];
  if (value.length > TENANT_ID_MAX_LENGTH) return [tooLong(value, TENANT_ID_MAX_LENGTH)];
  if (!TENANT_ID_PATTERN.test(value)) {
    const rule = `allowed: 1-${TENANT_ID_MAX_LENGTH} characters from ${TENANT_ID_CHARACTERS_TEXT}`;
    return [`has a character that is not allowed (${firstDisallowedCharacter(value, TENANT_ID_CHARACTER)}); ${rule}`];
  }
  return [];
}

export const targetRoleConfiguredDetailSchema = z.strictObject({
  tenantId: checkedString(TENANT_REQUIRED, tenantIdProblems).meta({ description: 'An onboarded tenant', examples: ['acme'] }),
  ...eventConnectionFields,
});

export const targetRoleConfiguredEventSchema = z.looseObject({
  ...envelopeShape,
  'detail-type': z.literal(TARGET_ROLE_CONFIGURED),
  detail: targetRoleConfiguredDetailSchema,
});

export type TargetRoleConfiguredDetail = z.infer<typeof targetRoleConfiguredDetailSchema>;
export type TargetRoleConfiguredEvent = z.infer<typeof targetRoleConfiguredEventSchema>;
