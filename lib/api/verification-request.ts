// The body of POST /tenants/{tenantId}/verifications: which stored connections to re-verify, or new
// connections (role ARN, External ID) to store and verify, and the polling schedule. A connection's
// External ID is stored with the tenant before anything starts, so the execution's input and history
// carry connection ids only.
import { Buffer } from 'node:buffer';
import { FieldProblem, InvalidVerificationRequest } from '../errors';
import { Connection } from '../domain/verification/connection';
import { describeType } from '../problem-text';
import { externalIdProblems } from '../external-id';
import { roleArnProblems } from '../domain/role-arn';
import type { StatusRecord } from '../domain/status';
import type { StatusStore } from '../ports';
import { verificationBodyProblems } from '../schemas/verification-body';
import { validateVerificationRequest } from '../schemas/verification-request';
import { checkTenantId, quote } from './identifiers';
import { ApiError, ApiErrorCode } from './responses';

export interface VerificationBody {
  connectionIds?: string[];
  /** As sent; checked by validateVerificationRequest once the tenant is known (shape, role ARN, External ID). */
  connections?: unknown;
  /** Checked with the stored connections by validateVerificationRequest (bounds, history budget). */
  schedule?: unknown;
}

export const BODY_SHAPE =
  'send no body (verify every stored connection) or a JSON object { "connectionIds": ["<connection id>", ...] } ' +
  'or { "connections": [{ "connectionId", "roleArn", "externalId" }, ...] }, with an optional ' +
  '"schedule": { "firstRetrySeconds", "maxIntervalSeconds", "deadlineSeconds" }';

export function problemsMessage(problems: FieldProblem[]): string {
  return `The request body is not valid: ${problems.map((p) => `${p.field} ${p.problem}`).join('; ')}`;
}

/** RFC 4648 base64 as API Gateway writes it: no whitespace, padded to a multiple of 4. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decodeBody(body: string | undefined, isBase64Encoded: boolean | undefined): string {
  if (body === undefined || body === null) return '';
  if (!isBase64Encoded) return body;
  // Buffer.from(..., 'base64') skips what it cannot read, so a mangled body would decode to a shorter,
  // often empty one: a re-run of every connection that nobody asked for.
  if (!BASE64.test(body)) {
    throw new ApiError('BadRequest', 'The request body is marked base64-encoded but is not valid base64 (RFC 4648, padded, no whitespace)');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(body, 'base64'));
  } catch {
    throw new ApiError('BadRequest', 'The request body is marked base64-encoded but is not UTF-8 text once decoded; send JSON');
  }
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
  const problems = verificationBodyProblems(raw);
  const result: VerificationBody = {};
  if (raw.connectionIds !== undefined) result.connectionIds = raw.connectionIds as string[];
  if (raw.connections !== undefined) result.connections = raw.connections;
  if (raw.schedule !== undefined && raw.schedule !== null) result.schedule = raw.schedule;
  if (problems.length > 0) throw new ApiError('BadRequest', problemsMessage(problems));
  return result;
}

/**
 * What STS would refuse in connections given with a request (their shape already checked), refused
 * before they are stored: each problem says where, never the value.
 */
export function givenConnectionProblems(connections: Connection[]): FieldProblem[] {
  return connections.flatMap((c, i) => [
    ...roleArnProblems(c.roleArn).map((problem) => ({ field: `connections[${i}].roleArn`, problem })),
    ...externalIdProblems(c.externalId).map((problem) => ({ field: `connections[${i}].externalId`, problem })),
  ]);
}

/**
 * A verification request refused before anything is stored or started. The API answers `message`;
 * `reason` says the same without the API's framing ("The request body..."), for the CLI.
 */
export class VerificationRefused extends ApiError {
  constructor(
    code: Extract<ApiErrorCode, 'BadRequest' | 'NotFound' | 'Conflict'>,
    message: string,
    readonly reason: string = message,
  ) {
    super(code, message);
  }
}

function refusedFor(problems: FieldProblem[]): VerificationRefused {
  return new VerificationRefused('BadRequest', problemsMessage(problems), problems.map((p) => `${p.field} ${p.problem}`).join('; '));
}

export function unknownTenant(tenantId: string): VerificationRefused {
  return new VerificationRefused('NotFound', `Tenant ${quote(tenantId)} is unknown: it has no onboarding status (it has not been onboarded)`);
}

export interface CheckedVerification {
  record: StatusRecord;
  /** The connections to verify: those given with the request, or the stored ones selected. */
  connections: Connection[];
  given: boolean;
  /** The request as checked, which an Idempotency-Key's digest covers. */
  request: { tenantId: string; connectionIds?: string[]; connections?: unknown; schedule?: unknown };
}

/**
 * Everything a verification request must pass before anything is stored or started — the tenant is
 * known and has a dataplane role, there are connections to verify, the ones named exist, the schedule
 * fits, given connections are ones STS would accept — for the status API and the CLI alike, so both
 * refuse the same requests for the same reason. Plan Verification makes the same checks again.
 */
export async function checkVerificationRequest(
  statusStore: Pick<StatusStore, 'get' | 'storedConnections'>,
  tenantId: string,
  body: VerificationBody,
): Promise<CheckedVerification> {
  checkTenantId(tenantId);
  const record = await statusStore.get(tenantId);
  if (!record) throw unknownTenant(tenantId);
  // Verification assumes customer roles *as the dataplane role*: until one is recorded there is
  // nothing to verify with, and the execution would only fail with TenantNotOnboarded.
  if (!record.roleArn) {
    throw new VerificationRefused(
      'Conflict',
      `Tenant ${quote(tenantId)} has no dataplane role yet (status ${record.status}: ${record.summary}); ` +
        'verification can run once onboarding has reached ROLE_READY',
    );
  }
  // Connections given with the request replace stored ones of the same id; otherwise the stored ones
  // (all, or those named) are verified.
  const given = body.connections !== undefined;
  const stored = given ? [] : await statusStore.storedConnections(tenantId);
  if (!given && stored.length === 0) {
    throw new VerificationRefused(
      'Conflict',
      `Tenant ${quote(tenantId)} has no connections configured to verify; send them as connections, or they come with onboarding (targetRoles) or a TargetRoleConfigured event`,
    );
  }
  const request = {
    tenantId,
    ...(body.connectionIds ? { connectionIds: body.connectionIds } : {}),
    ...(given ? { connections: body.connections } : {}),
    ...(body.schedule !== undefined ? { schedule: body.schedule } : {}),
  };
  let connections: Connection[];
  try {
    ({ connections } = validateVerificationRequest(request, given ? undefined : stored));
  } catch (error) {
    if (error instanceof InvalidVerificationRequest) throw refusedFor(error.problems);
    throw error;
  }
  if (given) {
    const problems = givenConnectionProblems(connections);
    if (problems.length > 0) throw refusedFor(problems);
  }
  return { record, connections, given, request };
}
