// The rules a list of connections to verify follows wherever it comes (an onboarding request's
// targetRoles, a verification request's connections): at most MAX_CONNECTIONS_PER_RUN, unique ids,
// and a schedule whose worst case fits one connection execution's history.
import * as z from 'zod';
import { MAX_CONNECTIONS_PER_RUN, historyBudgetProblems } from '../domain/verification/verification-plan';
import { cappedArray } from './fields';
import { addProblems } from './problems';
import { withDefaults, type ScheduleInput } from './schedule';

export const CONNECTIONS_SHAPE = 'must be a non-empty array of { connectionId, roleArn, externalId }';

/** An array of connections: its problem when it is not one, or has too many for one run. */
export function connectionList<T extends z.ZodType>(entry: T) {
  return cappedArray(entry, MAX_CONNECTIONS_PER_RUN, {
    tooMany: (length) => `has ${length} entries; at most ${MAX_CONNECTIONS_PER_RUN} per verification run`,
    notAnArray: CONNECTIONS_SHAPE,
  });
}

interface ListedConnections {
  list: unknown;
  schedule: unknown;
  /** The field the list is in, as problems name it. */
  field: string;
}

/**
 * Duplicate connection ids, then the history budget: the budget is judged only for a list and a
 * schedule without any other problem, as its arithmetic means nothing otherwise.
 */
export function checkConnectionList(ctx: z.core.ParsePayload<unknown>, { list, schedule, field }: ListedConnections): void {
  if (!Array.isArray(list) || list.length > MAX_CONNECTIONS_PER_RUN) return;
  const seen = new Set<string>();
  list.forEach((entry: unknown, i) => {
    const id = (entry as { connectionId?: unknown } | null)?.connectionId;
    if (typeof id !== 'string' || id.length === 0) return;
    if (seen.has(id)) addProblems(ctx, [`"${id}" appears more than once`], [field, i, 'connectionId']);
    seen.add(id);
  });
  const troubled = ctx.issues.some((issue) => issue.path?.[0] === field || issue.path?.[0] === 'schedule');
  if (troubled || list.length === 0) return;
  for (const p of historyBudgetProblems(withDefaults(schedule as ScheduleInput))) addProblems(ctx, [p.problem], [p.field]);
}
