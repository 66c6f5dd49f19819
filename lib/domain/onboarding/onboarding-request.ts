// What an onboarding request is and the rules of its fields; lib/schemas/onboarding-request.ts is its
// schema, which checks a request with these rules.
import { EXTERNAL_ID_MAX_LENGTH, EXTERNAL_ID_MIN_LENGTH } from '../../external-id';
import { firstDisallowedCharacter, quotePrefix } from '../../problem-text';
import { type Connection } from '../verification/connection';
import type { PollingSchedule } from '../verification/verification';
import type { PlannedConnection } from '../verification/verification-plan';

/** Chart defaults of the dataplane's Spark ServiceAccount. */
export const DEFAULT_NAMESPACE = 'qualytics';
export const DEFAULT_SERVICE_ACCOUNT = 'qualytics-spark';

import {
  DATAPLANE_ROLE_SUFFIX,
  dataplaneRoleName,
  ROLE_NAME_MAX_LENGTH,
  TENANT_ID_CHARACTER,
  TENANT_ID_CHARACTERS_TEXT,
  TENANT_ID_MAX_LENGTH,
  TENANT_ID_PATTERN,
} from '../names';

export { DATAPLANE_ROLE_SUFFIX, dataplaneRoleName, ROLE_NAME_MAX_LENGTH, TENANT_ID_MAX_LENGTH };

/** EKS cluster names: 1-100 characters, a letter or digit first, then letters, digits, - and _. */
const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]*$/;
export const CLUSTER_NAME_MAX_LENGTH = 100;
/** Kubernetes namespaces are DNS-1123 labels. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const NAMESPACE_MAX_LENGTH = 63;
/** Kubernetes ServiceAccount names are DNS-1123 subdomains. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const SERVICE_ACCOUNT_MAX_LENGTH = 253;

import { IDENTITY_MODES, type IdentityMode } from '../identity-modes';

export { IDENTITY_MODES, type IdentityMode };

/** A validated onboarding request, defaults applied. */
export interface OnboardingRequest {
  tenantId: string;
  clusterName: string;
  namespace: string;
  serviceAccount: string;
  roleName: string;
  /** The identity mode the request names; absent: the stack's default (and no switch of an existing tenant). */
  identity?: IdentityMode;
  /**
   * The customer's target roles when already known, verified right after the role is ready: as
   * references only (External IDs as fingerprints), because this is in the execution's history.
   */
  targetRoles: PlannedConnection[];
  /** The polling schedule for that verification; null for the defaults. */
  schedule: PollingSchedule | null;
}

/** What a string field of an onboarding request must be; `allowed` is said with each of its problems. */
export interface StringRule {
  maxLength: number;
  pattern: RegExp;
  allowed: string;
  /** One allowed character, to name the first one that is not; without it the shape is what is wrong. */
  character?: RegExp;
}

export const TENANT_ID_RULE: StringRule = {
  maxLength: TENANT_ID_MAX_LENGTH,
  pattern: TENANT_ID_PATTERN,
  character: TENANT_ID_CHARACTER,
  allowed: `allowed: 1-${TENANT_ID_MAX_LENGTH} characters from ${TENANT_ID_CHARACTERS_TEXT} (the role name "<tenantId>${DATAPLANE_ROLE_SUFFIX}" must be a valid IAM role name of at most ${ROLE_NAME_MAX_LENGTH} characters, and the tenant id a valid IAM tag value)`,
};

export const CLUSTER_NAME_RULE: StringRule = {
  maxLength: CLUSTER_NAME_MAX_LENGTH,
  pattern: CLUSTER_NAME,
  allowed: `allowed: an EKS cluster name, 1-${CLUSTER_NAME_MAX_LENGTH} characters, a letter or digit first, then letters, digits, - and _`,
};

export const NAMESPACE_RULE: StringRule = {
  maxLength: NAMESPACE_MAX_LENGTH,
  pattern: DNS_LABEL,
  allowed: `allowed: a Kubernetes namespace (lowercase letters, digits and -, starting and ending with a letter or digit, at most ${NAMESPACE_MAX_LENGTH} characters)`,
};

export const SERVICE_ACCOUNT_RULE: StringRule = {
  maxLength: SERVICE_ACCOUNT_MAX_LENGTH,
  pattern: DNS_SUBDOMAIN,
  allowed: `allowed: a Kubernetes ServiceAccount name (lowercase letters, digits, - and ., at most ${SERVICE_ACCOUNT_MAX_LENGTH} characters)`,
};

/** Every problem of a string under a rule: empty, whitespace (said where), characters or shape, length. */
export function stringRuleProblems(value: string, rule: StringRule): string[] {
  if (value.length === 0) return [`must not be empty (${rule.allowed})`];
  const problems: string[] = [];
  if (/\s/.test(value)) {
    const at = value.search(/\s/);
    const where = at === 0 ? 'at the start' : at === value.length - 1 ? 'at the end' : `at position ${at + 1}`;
    problems.push(`contains whitespace ${where}; ${rule.allowed}`);
  } else if (!rule.pattern.test(value)) {
    const where = rule.character ? firstDisallowedCharacter(value, rule.character) : 'none';
    problems.push(
      where === 'none'
        ? `${quotePrefix(value)} has characters or a shape that is not allowed; ${rule.allowed}`
        : `${quotePrefix(value)} has a character that is not allowed (${where}); ${rule.allowed}`,
    );
  }
  if (value.length > rule.maxLength) {
    problems.push(`is ${value.length} characters long; at most ${rule.maxLength} are allowed`);
  }
  return problems;
}

/**
 * A target role given as a reference to a stored connection: its External ID as `{ length, fingerprint }`
 * (what the event starter passes once it has stored the connection), not the value.
 */
export function isReference(entry: unknown): entry is { connectionId: unknown; roleArn: unknown; externalId: Record<string, unknown> } {
  if (typeof entry !== 'object' || entry === null) return false;
  const externalId = (entry as Record<string, unknown>).externalId;
  return typeof externalId === 'object' && externalId !== null && !Array.isArray(externalId);
}

/** Why a stored connection's `{ length, fingerprint }` is not one, or undefined when it is. */
export function referenceProblem(externalId: Record<string, unknown>): string | undefined {
  const { length, fingerprint } = externalId;
  const keys = Object.keys(externalId).sort().join(',');
  const lengthOk = typeof length === 'number' && Number.isInteger(length) && length >= EXTERNAL_ID_MIN_LENGTH && length <= EXTERNAL_ID_MAX_LENGTH;
  const fingerprintOk = typeof fingerprint === 'string' && /^[0-9a-f]{8}$/.test(fingerprint);
  if (keys === 'fingerprint,length' && lengthOk && fingerprintOk) return undefined;
  return (
    `must be the External ID (a string) or, for a stored connection, { length, fingerprint }: a length of ` +
    `${EXTERNAL_ID_MIN_LENGTH}-${EXTERNAL_ID_MAX_LENGTH} and 8 lowercase hex characters`
  );
}

/**
 * The target roles of a valid onboarding request that carry their External IDs (a request started
 * directly, not through the event starter): Validate Request stores them before anything goes on.
 */
export function targetRolesInClear(input: unknown): Connection[] {
  const entries = (input as { targetRoles?: unknown } | null)?.targetRoles;
  if (!Array.isArray(entries)) return [];
  return entries
    .filter((entry): entry is Connection => !isReference(entry))
    .map(({ connectionId, roleArn, externalId, resource }) => ({ connectionId, roleArn, externalId, ...(resource ? { resource } : {}) }));
}

/** A tenant id onboarding accepts: what names a dataplane role and keys a status record. */
export function isValidTenantId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= TENANT_ID_MAX_LENGTH && TENANT_ID_PATTERN.test(value);
}

/**
 * The tenant id under which a status can be recorded for a request that failed validation, so that
 * "what was wrong" is readable by tenant: only a tenant id onboarding would accept. Any other value
 * could never name a tenant, and a record under it would only be litter that no one can look up.
 */
export function recordableTenantId(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const value = (input as Record<string, unknown>).tenantId;
  return isValidTenantId(value) ? value : undefined;
}
