// @ts-nocheck
import { FieldProblem, InvalidOnboardingRequest, InvalidVerificationRequest } from '../errors';
import type { Connection } from './connection';
import type { PollingSchedule } from './verification';
import { validateVerificationRequest } from './verification-plan';

/** Chart defaults of the dataplane's Spark ServiceAccount. */
export const DEFAULT_NAMESPACE = 'qualytics';
export const DEFAULT_SERVICE_ACCOUNT = 'qualytics-spark';

import { DATAPLANE_ROLE_SUFFIX, dataplaneRoleName, ROLE_NAME_MAX_LENGTH, TENANT_ID_MAX_LENGTH } from './names';

export { DATAPLANE_ROLE_SUFFIX, dataplaneRoleName, ROLE_NAME_MAX_LENGTH, TENANT_ID_MAX_LENGTH };

const TENANT_ID_CHARS = /^[A-Za-z0-9_+=,.@-]+$/;
/** EKS cluster names: 1-100 characters, a letter or digit first, then letters, digits, - and _. */
const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]*$/;
const CLUSTER_NAME_MAX_LENGTH = 100;
/** Kubernetes namespaces are DNS-1123 labels. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const NAMESPACE_MAX_LENGTH = 63;
/** Kubernetes ServiceAccount names are DNS-1123 subdomains. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SERVICE_ACCOUNT_MAX_LENGTH = 253;

/** A validated onboarding request, defaults applied. */
export interface OnboardingRequest {
  tenantId: string;
  clusterName: string;
  namespace: string;
  serviceAccount: string;
  roleName: string;
  /** The customer's target roles when already known; verified right after the role is ready. */
  targetRoles: Connection[];
  /** The polling schedule for that verification; null for the defaults. */
  schedule: PollingSchedule | null;
}

export const KNOWN_FIELDS = ['tenantId', 'clusterName', 'namespace', 'serviceAccount', 'targetRoles', 'schedule'] as const;

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function checkString(
  problems: FieldProblem[],
  field: string,
  value: unknown,
  rule: { maxLength: number; pattern: RegExp; allowed: string },
): boolean {
  if (value === undefined) {
    problems.push({ field, problem: `is required (${rule.allowed})` });
    return false;
  }
  if (typeof value !== 'string') {
    problems.push({ field, problem: `must be a string, got ${describeType(value)}` });
    return false;
  }
  if (value.length === 0) {
    problems.push({ field, problem: `must not be empty (${rule.allowed})` });
    return false;
  }
  const before = problems.length;
  if (/\s/.test(value)) {
    const at = value.search(/\s/);
    const where = at === 0 ? 'at the start' : at === value.length - 1 ? 'at the end' : `at position ${at + 1}`;
    problems.push({ field, problem: `contains whitespace ${where}; ${rule.allowed}` });
  } else if (!rule.pattern.test(value)) {
    problems.push({ field, problem: `"${value}" has characters or a shape that is not allowed; ${rule.allowed}` });
  }
  if (value.length > rule.maxLength) {
    problems.push({ field, problem: `is ${value.length} characters long; at most ${rule.maxLength} are allowed` });
  }
  return problems.length === before;
}

/**
 * Checks every field and reports every problem at once, so one round trip fixes the request.
 * Throws InvalidOnboardingRequest (nothing is created for an invalid request).
 */
export function validateOnboardingRequest(input: unknown): OnboardingRequest {
  const problems: FieldProblem[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidOnboardingRequest([
      { field: '(request)', problem: `must be a JSON object with tenantId and clusterName, got ${describeType(input)}` },
    ]);
  }
  const raw = input as Record<string, unknown>;

  checkString(problems, 'tenantId', raw.tenantId, {
    maxLength: TENANT_ID_MAX_LENGTH,
    pattern: TENANT_ID_CHARS,
    allowed: `allowed: 1-${TENANT_ID_MAX_LENGTH} characters from letters, digits and _+=,.@- (the role name "<tenantId>${DATAPLANE_ROLE_SUFFIX}" must be a valid IAM role name of at most ${ROLE_NAME_MAX_LENGTH} characters)`,
  });
  checkString(problems, 'clusterName', raw.clusterName, {
    maxLength: CLUSTER_NAME_MAX_LENGTH,
    pattern: CLUSTER_NAME,
    allowed: `allowed: an EKS cluster name, 1-${CLUSTER_NAME_MAX_LENGTH} characters, a letter or digit first, then letters, digits, - and _`,
  });
  if (raw.namespace !== undefined) {
    checkString(problems, 'namespace', raw.namespace, {
      maxLength: NAMESPACE_MAX_LENGTH,
      pattern: DNS_LABEL,
      allowed: `allowed: a Kubernetes namespace (lowercase letters, digits and -, starting and ending with a letter or digit, at most ${NAMESPACE_MAX_LENGTH} characters)`,
    });
  }
  if (raw.serviceAccount !== undefined) {
    checkString(problems, 'serviceAccount', raw.serviceAccount, {
      maxLength: SERVICE_ACCOUNT_MAX_LENGTH,
      pattern: DNS_SUBDOMAIN,
      allowed: `allowed: a Kubernetes ServiceAccount name (lowercase letters, digits, - and ., at most ${SERVICE_ACCOUNT_MAX_LENGTH} characters)`,
    });
  }
  const verification = checkTargetRoles(raw, problems);
  if (problems.length > 0) throw new InvalidOnboardingRequest(problems);

  const tenantId = raw.tenantId as string;
  return {
    tenantId,
    clusterName: raw.clusterName as string,
    namespace: (raw.namespace as string | undefined) ?? DEFAULT_NAMESPACE,
    serviceAccount: (raw.serviceAccount as string | undefined) ?? DEFAULT_SERVICE_ACCOUNT,
    roleName: dataplaneRoleName(tenantId),
    targetRoles: verification?.connections ?? [],
    schedule: verification && raw.schedule !== undefined ? verification.schedule : null,
  };
}

/**
 * Target roles given with the tenant are checked for shape here (so a malformed request creates
 * nothing); what is wrong with their content (an External ID with a trailing space, our own ARN) is a
 * verification finding with its own diagnosis, not a reason to refuse the tenant.
 */
function checkTargetRoles(raw: Record<string, unknown>, problems: FieldProblem[]) {
  if (raw.targetRoles === undefined && raw.schedule === undefined) return undefined;
  if (raw.targetRoles === undefined || (Array.isArray(raw.targetRoles) && raw.targetRoles.length === 0)) {
    if (raw.schedule !== undefined) problems.push({ field: 'schedule', problem: 'is only used with targetRoles' });
    return undefined;
  }
  try {
    return validateVerificationRequest({ tenantId: 'x', connections: raw.targetRoles, schedule: raw.schedule });
  } catch (error) {
    if (!(error instanceof InvalidVerificationRequest)) throw error;
    for (const p of error.problems) {
      problems.push({ field: p.field.replace(/^connections/, 'targetRoles'), problem: p.problem });
    }
    return undefined;
  }
}

/**
 * The tenant id under which a status can be recorded for a request that failed validation: the raw
 * value when it is a usable key, so that "what was wrong" is readable by tenant; otherwise undefined.
 */
export function recordableTenantId(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const value = (input as Record<string, unknown>).tenantId;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > 256) return undefined;
  return value;
}
