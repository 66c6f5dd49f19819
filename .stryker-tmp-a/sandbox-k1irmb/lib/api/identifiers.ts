// @ts-nocheck
// Tenant and connection ids as they arrive in a URL: checked before anything is read, so a malformed
// id is a 400 that says what is allowed, never a lookup of a key DynamoDB would reject (a 500).
import { CONNECTION_ID_PATTERN, firstDisallowedCharacter } from '../domain/connection';
import { DATAPLANE_ROLE_SUFFIX, TENANT_ID_MAX_LENGTH } from '../domain/names';
import { ApiError } from './responses';

// The same rule as validateOnboardingRequest's (test/unit/api/identifiers.test.ts keeps them in step):
// a tenant that could never have been onboarded is a malformed id, not an unknown tenant.
const TENANT_ID_CHARS = /^[A-Za-z0-9_+=,.@-]+$/;
const CONNECTION_ID_MAX_LENGTH = 64;
/** Bad input is quoted back, but never at any length: a URL can be kilobytes long. */
const QUOTE_MAX_LENGTH = 80;

export const TENANT_ID_RULE =
  `1-${TENANT_ID_MAX_LENGTH} characters from letters, digits and _+=,.@- ` +
  `(so that "<tenantId>${DATAPLANE_ROLE_SUFFIX}" is a valid IAM role name)`;
export const CONNECTION_ID_RULE = `1-${CONNECTION_ID_MAX_LENGTH} characters from letters, digits and _.-`;

export function quote(value: string): string {
  return JSON.stringify(value.length > QUOTE_MAX_LENGTH ? `${value.slice(0, QUOTE_MAX_LENGTH)}…` : value);
}

export function checkTenantId(tenantId: string): string {
  if (tenantId.length === 0) throw new ApiError('BadRequest', `The tenant id is empty; allowed: ${TENANT_ID_RULE}`);
  if (tenantId.length > TENANT_ID_MAX_LENGTH) {
    throw new ApiError(
      'BadRequest',
      `The tenant id ${quote(tenantId)} is ${tenantId.length} characters long; allowed: ${TENANT_ID_RULE}`,
    );
  }
  if (!TENANT_ID_CHARS.test(tenantId)) {
    const where = firstDisallowedCharacter(tenantId, /[A-Za-z0-9_+=,.@-]/);
    throw new ApiError('BadRequest', `The tenant id ${quote(tenantId)} has a character that is not allowed (${where}); allowed: ${TENANT_ID_RULE}`);
  }
  return tenantId;
}

/** Problems with one connection id, or undefined when it is well formed; `label` names where it came from. */
export function connectionIdProblem(connectionId: string, label: string): string | undefined {
  if (connectionId.length === 0) return `${label} is empty; allowed: ${CONNECTION_ID_RULE}`;
  if (connectionId.length > CONNECTION_ID_MAX_LENGTH) {
    return `${label} ${quote(connectionId)} is ${connectionId.length} characters long; allowed: ${CONNECTION_ID_RULE}`;
  }
  if (!CONNECTION_ID_PATTERN.test(connectionId)) {
    const where = firstDisallowedCharacter(connectionId, /[A-Za-z0-9_.-]/);
    return `${label} ${quote(connectionId)} has a character that is not allowed (${where}); allowed: ${CONNECTION_ID_RULE}`;
  }
  return undefined;
}

export function checkConnectionId(connectionId: string): string {
  const problem = connectionIdProblem(connectionId, 'The connection id');
  if (problem) throw new ApiError('BadRequest', problem);
  return connectionId;
}
