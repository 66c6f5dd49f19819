// The onboarding state machine's input, as Validate Request checks it: a tenant, its cluster, the
// Spark ServiceAccount, and the target roles to verify once the role is ready — each with its External
// ID, or (once the event starter has stored it) as a reference whose External ID is `{ length,
// fingerprint }`. Unknown fields are left out. A TenantCreated event's detail is the same request
// (tenant-created.ts), stricter.
import * as z from 'zod';
import { describeType } from '../problem-text';
import { type ExternalIdFingerprint, externalIdLengthProblems } from '../external-id';
import {
  CLUSTER_NAME_RULE,
  dataplaneRoleName,
  DEFAULT_NAMESPACE,
  DEFAULT_SERVICE_ACCOUNT,
  IDENTITY_MODES,
  isReference,
  NAMESPACE_RULE,
  type OnboardingRequest,
  referenceProblem,
  SERVICE_ACCOUNT_RULE,
  TENANT_ID_RULE,
} from '../domain/onboarding/onboarding-request';
import { plannedConnection } from '../domain/verification/verification-plan';
import { FieldProblem, InvalidOnboardingRequest } from '../errors';
import { connectionFields } from './connection';
import { acrossFields, ruledString } from './fields';
import { addProblems, problemsOf } from './problems';
import { scheduleSchema, unknownScheduleSetting, withDefaults } from './schedule';
import { checkConnectionList, connectionList } from './target-roles';

/** The fields both the request and the TenantCreated detail have, with the rules they share. */
export const onboardingFields = {
  tenantId: ruledString(TENANT_ID_RULE).meta({
    description: 'The tenant: names its dataplane role <tenantId>-dataplane-role and keys its status',
    examples: ['acme'],
  }),
  clusterName: ruledString(CLUSTER_NAME_RULE).meta({ description: "The tenant's EKS cluster, in the vendor account and region", examples: ['acme-prod'] }),
  namespace: ruledString(NAMESPACE_RULE)
    .optional()
    .meta({ description: `The Kubernetes namespace of the Spark ServiceAccount (default ${DEFAULT_NAMESPACE})` }),
  serviceAccount: ruledString(SERVICE_ACCOUNT_RULE)
    .optional()
    .meta({ description: `The Spark ServiceAccount the dataplane role trusts (default ${DEFAULT_SERVICE_ACCOUNT})` }),
  identity: z
    .enum(IDENTITY_MODES, { error: (issue) => `must be ${IDENTITY_MODES.join(' or ')}, got ${JSON.stringify(issue.input)}` })
    .optional()
    .meta({
      description:
        "How the Spark pods get the role: irsa (the cluster's IAM OIDC provider) or podIdentity (an EKS Pod Identity association). " +
        "Default: the stack's (defaultIdentity). Naming the other mode than an onboarded tenant's switches it; without it, it is never switched.",
    }),
};

/** The polling schedule of the verification of the target roles. */
export const onboardingSchedule = scheduleSchema.optional();

/** Checks across the fields of a request or detail: a schedule only with target roles, then the list's rules. */
export function checkTargetRoles(ctx: z.core.ParsePayload<unknown>): void {
  const value = (ctx.value ?? {}) as { targetRoles?: unknown; schedule?: unknown };
  const { targetRoles, schedule } = value;
  if (targetRoles === undefined || (Array.isArray(targetRoles) && targetRoles.length === 0)) {
    if (schedule !== undefined) addProblems(ctx, ['is only used with targetRoles'], ['schedule']);
    return;
  }
  checkConnectionList(ctx, { list: targetRoles, schedule, field: 'targetRoles' });
}

/** A target role's External ID in clear, or a stored connection's `{ length, fingerprint }`. */
const externalIdOrReference = z.custom<string | ExternalIdFingerprint>().check((ctx) => {
  const value: unknown = ctx.value;
  if (value === undefined) addProblems(ctx, ['is required']);
  else if (typeof value === 'string') addProblems(ctx, value.length === 0 ? ['must not be empty'] : externalIdLengthProblems(value));
  else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const problem = referenceProblem(value as Record<string, unknown>);
    if (problem) addProblems(ctx, [problem]);
  } else addProblems(ctx, [`must be a string, got ${describeType(value)}`]);
});

const targetRoleSchema = z.object(
  { connectionId: connectionFields.connectionId, roleArn: connectionFields.roleArn, externalId: externalIdOrReference, resource: connectionFields.resource },
  {
    error: (issue) =>
      // Stryker disable next-line ConditionalExpression: a non-strict object raises no issue of its own but invalid_type, so "always" is the same
      issue.code === 'invalid_type' ? `must be an object with connectionId, roleArn and externalId, got ${describeType(issue.input)}` : undefined,
  },
);

/** The request as it arrives; its output is the request Validate Request returns, defaults applied. */
export const onboardingRequestSchema = z
  .object(
    { ...onboardingFields, targetRoles: connectionList(targetRoleSchema).optional(), schedule: onboardingSchedule },
    {
      error: (issue) =>
        // Stryker disable next-line ConditionalExpression: a non-strict object raises no issue of its own but invalid_type, so "always" is the same
        issue.code === 'invalid_type' ? `must be a JSON object with tenantId and clusterName, got ${describeType(issue.input)}` : undefined,
    },
  )
  .check(acrossFields(checkTargetRoles))
  .transform(
    (raw): OnboardingRequest => ({
      tenantId: raw.tenantId,
      clusterName: raw.clusterName,
      namespace: raw.namespace ?? DEFAULT_NAMESPACE,
      serviceAccount: raw.serviceAccount ?? DEFAULT_SERVICE_ACCOUNT,
      roleName: dataplaneRoleName(raw.tenantId),
      ...(raw.identity !== undefined ? { identity: raw.identity } : {}),
      // Target roles go on as references only (External IDs as fingerprints): this is in the execution's history.
      targetRoles: (raw.targetRoles ?? []).map((entry) =>
        isReference(entry)
          ? { connectionId: entry.connectionId as string, roleArn: entry.roleArn as string, externalId: entry.externalId as unknown as ExternalIdFingerprint }
          : plannedConnection(entry as { connectionId: string; roleArn: string; externalId: string }),
      ),
      schedule: raw.targetRoles?.length && raw.schedule !== undefined ? withDefaults(raw.schedule) : null,
    }),
  );

export type OnboardingRequestInput = z.input<typeof onboardingRequestSchema>;

const PROBLEMS = { unknown: { what: 'an onboarding request', at: unknownScheduleSetting }, empty: '(request)' };

/** Every problem of an onboarding request, each with its field; none for a valid one. */
export function onboardingRequestProblems(input: unknown): FieldProblem[] {
  const parsed = onboardingRequestSchema.safeParse(input);
  return parsed.success ? [] : problemsOf(parsed.error, onboardingRequestSchema, PROBLEMS);
}

/**
 * Checks every field and reports every problem at once, so one round trip fixes the request.
 * Throws InvalidOnboardingRequest (nothing is created for an invalid request).
 */
export function validateOnboardingRequest(input: unknown): OnboardingRequest {
  const parsed = onboardingRequestSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new InvalidOnboardingRequest(problemsOf(parsed.error, onboardingRequestSchema, PROBLEMS));
}
