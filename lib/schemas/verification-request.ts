// The verification state machine's input, as Plan Verification checks it: a tenant and the connections
// to verify — given with the request, or (a support re-run, an event, the API) the tenant's stored
// connections, all of them or those named in connectionIds — and the polling schedule. Unknown fields
// (the API's requestDigest) are left out.
import * as z from 'zod';
import { describeType } from '../problem-text';
import { type Connection } from '../domain/verification/connection';
import type { PollingSchedule } from '../domain/verification/verification';
import { historyBudgetProblems, selectStoredConnections, type VerificationRequest } from '../domain/verification/verification-plan';
import { FieldProblem, InvalidVerificationRequest } from '../errors';
import { connectionSchema } from './connection';
import { acrossFields, checkedString } from './fields';
import { addProblems, problemsOf } from './problems';
import { scheduleSchema, unknownScheduleSetting, withDefaults } from './schedule';
import { checkConnectionList, connectionList, CONNECTIONS_SHAPE } from './target-roles';

const TENANT_REQUIRED = 'is required: the id of an onboarded tenant';
const CONNECTION_IDS_SHAPE = 'must be a non-empty array of connection ids';

export const verificationRequestSchema = z
  .object(
    {
      tenantId: checkedString(TENANT_REQUIRED, (value) => (value.length === 0 ? [TENANT_REQUIRED] : [])),
      connections: connectionList(connectionSchema).optional(),
      connectionIds: z
        .array(z.string({ error: CONNECTION_IDS_SHAPE }), { error: CONNECTION_IDS_SHAPE })
        .check((ctx) => addProblems(ctx, ctx.value.length === 0 ? [CONNECTION_IDS_SHAPE] : []))
        .optional(),
      schedule: scheduleSchema.nullable().optional(),
    },
    { error: (issue) => (issue.code === 'invalid_type' ? `must be a JSON object with tenantId and connections, got ${describeType(issue.input)}` : undefined) },
  )
  .check(
    acrossFields<{ connections?: unknown; connectionIds?: unknown; schedule?: unknown }>((ctx) => {
      const { connections, connectionIds, schedule } = ctx.value ?? {};
      if (connections === undefined) return;
      if (connectionIds !== undefined) {
        addProblems(ctx, ['selects stored connections; give either connections or connectionIds'], ['connectionIds']);
        return;
      }
      if (Array.isArray(connections) && connections.length === 0) addProblems(ctx, [CONNECTIONS_SHAPE], ['connections']);
      else checkConnectionList(ctx, { list: connections, schedule, field: 'connections' });
    }),
  );

export type VerificationRequestInput = z.input<typeof verificationRequestSchema>;

const UNKNOWN = { what: 'a verification request', at: unknownScheduleSetting };

/**
 * Checks a verification request: the tenant, 1-10 connections with unique ids, an optional schedule.
 * Without `connections` (a support re-run), the tenant's stored connections are verified — all of them,
 * or those named in `connectionIds`. Throws InvalidVerificationRequest with every problem.
 */
export function validateVerificationRequest(
  input: unknown,
  stored?: Connection[],
): Required<VerificationRequest> & { schedule: PollingSchedule } {
  const parsed = verificationRequestSchema.safeParse(input);
  const problems: FieldProblem[] = parsed.success ? [] : problemsOf(parsed.error, verificationRequestSchema, { unknown: UNKNOWN, empty: '(request)' });
  if (!parsed.success && problems.some((p) => p.field === '(request)')) throw new InvalidVerificationRequest(problems);
  const raw = (input ?? {}) as { tenantId: string; connections?: Connection[]; connectionIds?: string[]; schedule?: PollingSchedule | null };
  const schedule = withDefaults(raw.schedule);
  let connections: Connection[] = parsed.success ? (parsed.data.connections ?? []) : [];
  const given = raw.connections !== undefined || stored === undefined;
  if (!given && !problems.some((p) => p.field.startsWith('connectionIds'))) {
    const selection = selectStoredConnections(raw.connectionIds, stored ?? []);
    problems.push(...selection.problems);
    connections = selection.connections;
    if (problems.length === 0) problems.push(...historyBudgetProblems(schedule));
  } else if (raw.connections === undefined && given) {
    problems.push(
      raw.connectionIds !== undefined
        ? { field: 'connectionIds', problem: 'selects stored connections; give either connections or connectionIds' }
        : { field: 'connections', problem: CONNECTIONS_SHAPE },
    );
  }
  if (problems.length > 0) throw new InvalidVerificationRequest(problems);
  return { tenantId: raw.tenantId, connections, schedule, given };
}
