// @ts-nocheck
// Names this product gives AWS resources; a leaf module so every other domain module can use it.

export const DATAPLANE_ROLE_SUFFIX = '-dataplane-role';
/** IAM role names: at most 64 characters from [\w+=,.@-]. */
export const ROLE_NAME_MAX_LENGTH = 64;
export const TENANT_ID_MAX_LENGTH = ROLE_NAME_MAX_LENGTH - DATAPLANE_ROLE_SUFFIX.length; // 49

export function dataplaneRoleName(tenantId: string): string {
  return `${tenantId}${DATAPLANE_ROLE_SUFFIX}`;
}
