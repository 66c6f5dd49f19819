// The body of POST /tenants/{tenantId}/verifications: which stored connections to re-verify, or new
// connections (role ARN, External ID) to store and verify, and the polling schedule. The connections
// and the schedule are the verification request's (verification-request.ts), judged once the tenant
// is known to have a dataplane role: a request for an unknown tenant is a 404 whatever it carries.
import * as z from 'zod';
import { CONNECTION_ID_PATTERN } from '../domain/verification/connection';
import { describeType } from '../problem-text';
import { MAX_CONNECTIONS_PER_RUN } from '../domain/verification/verification-plan';
import type { FieldProblem } from '../errors';
import { connectionIdProblem, quote } from './api-path';
import { connectionSchema } from './connection';
import { acrossFields } from './fields';
import { addProblems, fieldPath } from './problems';
import { scheduleSchema } from './schedule';
import { connectionList } from './target-roles';

const CONNECTION_IDS_SHAPE = 'must be a non-empty array of connection ids';

const connectionIds = z
  .array(z.string({ error: (issue) => `must be a string, got ${describeType(issue.input)}` }).meta({ pattern: CONNECTION_ID_PATTERN.source }), {
    error: (issue) => (issue.code === 'invalid_type' ? `${CONNECTION_IDS_SHAPE}, got ${describeType(issue.input)}` : undefined),
  })
  .check(
    acrossFields<unknown>((ctx) => {
      const ids = ctx.value;
      if (!Array.isArray(ids)) return;
      if (ids.length === 0) addProblems(ctx, [`${CONNECTION_IDS_SHAPE}, got an empty array`]);
      else if (ids.length > MAX_CONNECTIONS_PER_RUN) addProblems(ctx, [`has ${ids.length} entries; at most ${MAX_CONNECTIONS_PER_RUN} per verification run`]);
      else {
        const seen = new Set<string>();
        ids.forEach((id: unknown, i) => {
          if (typeof id !== 'string') return;
          const problem = connectionIdProblem(id, '');
          if (problem) addProblems(ctx, [problem.trimStart()], [i]);
          else if (seen.has(id)) addProblems(ctx, [`${quote(id)} appears more than once`], [i]);
          seen.add(id);
        });
      }
    }),
  )
  .meta({ description: 'Stored connections to verify; all of them when absent.', minItems: 1, maxItems: MAX_CONNECTIONS_PER_RUN, uniqueItems: true });

export const verificationBodySchema = z
  .strictObject({
    connectionIds: connectionIds.optional(),
    connections: connectionList(connectionSchema)
      .optional()
      .meta({ description: 'New or changed connections to store and verify (not with connectionIds).', minItems: 1, maxItems: MAX_CONNECTIONS_PER_RUN }),
    schedule: scheduleSchema.nullable().optional(),
  });

export type VerificationBodyInput = z.input<typeof verificationBodySchema>;

export const BODY_FIELDS = Object.keys(verificationBodySchema.shape);

const FIELD_ADVICE: Record<string, string> = {
  targetRoles: 'is not accepted here: target roles are configured with onboarding or a TargetRoleConfigured event',
  tenantId: 'is not accepted in the body: the tenant is the one in the path',
};

/**
 * The problems of a body (a JSON object) the API answers at once. Those of `connections` and `schedule`
 * are left to the verification request's check, which the API runs once the tenant is known.
 */
export function verificationBodyProblems(body: Record<string, unknown>): FieldProblem[] {
  const parsed = verificationBodySchema.safeParse(body);
  if (parsed.success) return [];
  const unknown: FieldProblem[] = [];
  const others: FieldProblem[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
      for (const key of issue.keys) {
        unknown.push({ field: quote(key), problem: FIELD_ADVICE[key] ?? `is not a field of this request (allowed: ${BODY_FIELDS.join(', ')})` });
      }
    } else if (issue.path[0] === 'connectionIds') {
      others.push({ field: fieldPath(issue.path), problem: issue.message });
    }
  }
  return [...unknown, ...others];
}
