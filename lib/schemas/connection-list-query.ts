// The query of GET /connections (and `onboarding list`): which state to list, how many a page, and
// where the page starts. Each problem is a sentence that names the parameter and what is allowed.
import * as z from 'zod';
import { CONNECTION_STATES, type ConnectionState } from '../domain/status';
import { quote } from './api-path';
import { addProblems } from './problems';

export const CONNECTION_LIST_DEFAULT_LIMIT = 25;
export const CONNECTION_LIST_MAX_LIMIT = 100;
/** Page tokens are ours (base64url of the index position); anything longer was not given by us. */
const PAGE_TOKEN_MAX_LENGTH = 1024;

const STATES = CONNECTION_STATES.join(', ');

export const connectionStateParamSchema = z
  .string()
  .check((ctx) => {
    if (!(CONNECTION_STATES as readonly string[]).includes(ctx.value)) {
      addProblems(ctx, [`The status ${quote(ctx.value)} is not a connection state; allowed: ${STATES}`]);
    }
  })
  .meta({ description: `The connections' state: ${STATES}.`, enum: [...CONNECTION_STATES], examples: ['ACTION_REQUIRED'] });

export const limitParamSchema = z
  .string()
  .check((ctx) => {
    const n = /^\d{1,4}$/.test(ctx.value) ? Number(ctx.value) : NaN;
    if (!(n >= 1 && n <= CONNECTION_LIST_MAX_LIMIT)) {
      addProblems(ctx, [`The limit ${quote(ctx.value)} is not a whole number from 1 to ${CONNECTION_LIST_MAX_LIMIT}`]);
    }
  })
  .meta({
    description: `Connections per page: 1-${CONNECTION_LIST_MAX_LIMIT}, default ${CONNECTION_LIST_DEFAULT_LIMIT}.`,
    // A query parameter arrives as text; the document says what the text must be.
    type: 'integer',
    minimum: 1,
    maximum: CONNECTION_LIST_MAX_LIMIT,
    default: CONNECTION_LIST_DEFAULT_LIMIT,
  });

export const pageTokenParamSchema = z
  .string()
  .check((ctx) => {
    if (ctx.value.length === 0 || ctx.value.length > PAGE_TOKEN_MAX_LENGTH || !/^[A-Za-z0-9_-]+$/.test(ctx.value)) {
      addProblems(ctx, ['The nextToken is not one this API returned (it may have been cut or altered); list again without it']);
    }
  })
  .meta({ description: 'The nextToken of the previous page, as returned; absent for the first page.', maxLength: PAGE_TOKEN_MAX_LENGTH });

export const CONNECTION_LIST_PARAMETERS = ['status', 'limit', 'nextToken'] as const;

export interface ConnectionListQuery {
  state: ConnectionState;
  limit: number;
  nextToken?: string;
}

/** The query's problems (every one), or the query read. Unknown parameters are problems too: a typo must not list everything. */
export function readConnectionListQuery(params: Record<string, string | undefined>): { query?: ConnectionListQuery; problems: string[] } {
  const problems: string[] = [];
  const first = (schema: z.ZodType<string>, value: string) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) problems.push(parsed.error.issues[0]?.message ?? 'is not valid');
  };
  for (const name of Object.keys(params)) {
    if (!(CONNECTION_LIST_PARAMETERS as readonly string[]).includes(name)) {
      problems.push(`The query parameter ${quote(name)} is not one this route takes; allowed: ${CONNECTION_LIST_PARAMETERS.join(', ')}`);
    }
  }
  const { status, limit, nextToken } = params;
  if (status === undefined) problems.push(`The query parameter status is required; allowed: ${STATES}`);
  else first(connectionStateParamSchema, status);
  if (limit !== undefined) first(limitParamSchema, limit);
  if (nextToken !== undefined) first(pageTokenParamSchema, nextToken);
  if (problems.length > 0) return { problems };
  return {
    query: {
      state: status as ConnectionState,
      limit: limit === undefined ? CONNECTION_LIST_DEFAULT_LIMIT : Number(limit),
      ...(nextToken !== undefined ? { nextToken } : {}),
    },
    problems,
  };
}
