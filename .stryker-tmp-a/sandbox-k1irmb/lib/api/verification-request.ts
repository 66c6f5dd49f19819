// @ts-nocheck
// The body of POST /tenants/{tenantId}/verifications: which stored connections to re-verify, and the
// polling schedule. Connections themselves (role ARN, External ID) never come through this API: they
// arrive with onboarding or a TargetRoleConfigured event, so no External ID ever travels over it.
import { Buffer } from 'node:buffer';
import type { FieldProblem } from '../errors';
import { MAX_CONNECTIONS_PER_RUN } from '../domain/verification-plan';
import { connectionIdProblem, quote } from './identifiers';
import { ApiError } from './responses';

export interface VerificationBody {
  connectionIds?: string[];
  /** Checked with the stored connections by validateVerificationRequest (bounds, history budget). */
  schedule?: unknown;
}

export const BODY_SHAPE =
  'send no body (verify every stored connection) or a JSON object { "connectionIds": ["<connection id>", ...], ' +
  '"schedule": { "firstRetrySeconds", "maxIntervalSeconds", "deadlineSeconds" } }, both optional';

const FIELD_ADVICE: Record<string, string> = {
  connections:
    'is not accepted here: the API re-verifies connections already configured for the tenant; new or changed ' +
    'connections (role ARN and External ID) come with onboarding or a TargetRoleConfigured event. Select stored ones with connectionIds',
  targetRoles: 'is not accepted here: target roles are configured with onboarding or a TargetRoleConfigured event',
  tenantId: 'is not accepted in the body: the tenant is the one in the path',
};

export function problemsMessage(problems: FieldProblem[]): string {
  return `The request body is not valid: ${problems.map((p) => `${p.field} ${p.problem}`).join('; ')}`;
}

function decodeBody(body: string | undefined, isBase64Encoded: boolean | undefined): string {
  if (body === undefined || body === null) return '';
  return isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

export function parseVerificationBody(body: string | undefined, isBase64Encoded?: boolean): VerificationBody {
  const text = decodeBody(body, isBase64Encoded);
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The parser's own message quotes the body, which may hold what a client should not have sent.
    throw new ApiError('BadRequest', `The request body is not valid JSON; ${BODY_SHAPE}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ApiError('BadRequest', `The request body is ${describeType(parsed)}, not a JSON object; ${BODY_SHAPE}`);
  }
  const raw = parsed as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(raw)) {
    if (key === 'connectionIds' || key === 'schedule') continue;
    problems.push({ field: quote(key), problem: FIELD_ADVICE[key] ?? 'is not a field of this request (allowed: connectionIds, schedule)' });
  }
  const result: VerificationBody = {};
  if (raw.connectionIds !== undefined) {
    const ids = raw.connectionIds;
    if (!Array.isArray(ids) || ids.length === 0) {
      problems.push({ field: 'connectionIds', problem: `must be a non-empty array of connection ids, got ${Array.isArray(ids) ? 'an empty array' : describeType(ids)}` });
    } else if (ids.length > MAX_CONNECTIONS_PER_RUN) {
      problems.push({ field: 'connectionIds', problem: `has ${ids.length} entries; at most ${MAX_CONNECTIONS_PER_RUN} per verification run` });
    } else {
      const seen = new Set<string>();
      ids.forEach((id: unknown, i) => {
        const field = `connectionIds[${i}]`;
        if (typeof id !== 'string') {
          problems.push({ field, problem: `must be a string, got ${describeType(id)}` });
          return;
        }
        const problem = connectionIdProblem(id, '');
        if (problem) problems.push({ field, problem: problem.trimStart() });
        else if (seen.has(id)) problems.push({ field, problem: `${quote(id)} appears more than once` });
        seen.add(id);
      });
      result.connectionIds = ids as string[];
    }
  }
  if (raw.schedule !== undefined && raw.schedule !== null) result.schedule = raw.schedule;
  if (problems.length > 0) throw new ApiError('BadRequest', problemsMessage(problems));
  return result;
}
