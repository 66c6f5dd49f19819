// The tenant platform's events this product takes, by source and detail type. Plain constants, without
// zod, so that what only names them (the status view, the CLI's output) loads no schema library.
export const EVENT_SOURCE = 'tenant-platform';
export const TENANT_CREATED = 'TenantCreated';
export const TARGET_ROLE_CONFIGURED = 'TargetRoleConfigured';
export const DETAIL_TYPES = [TENANT_CREATED, TARGET_ROLE_CONFIGURED] as const;
export type DetailType = (typeof DETAIL_TYPES)[number];

export function isDetailType(value: unknown): value is DetailType {
  return typeof value === 'string' && (DETAIL_TYPES as readonly string[]).includes(value);
}
