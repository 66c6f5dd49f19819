// Idempotency-Key, as payment APIs and the IETF draft (draft-ietf-httpapi-idempotency-key-header) use
// it: the same key with the same request answers with the first request's result; the same key with a
// different request is a client bug, answered 422 Unprocessable Content, never silently ignored.
//
// The execution is the record: its name comes from the tenant and the key, and its input carries a
// digest of the request. So the check holds in AWS as long as Step Functions keeps the execution
// (90 days after it ends), with no table of keys beside it.
import { createHash } from 'node:crypto';
import { externalIdFingerprint } from '../external-id';
import type { ExecutionDescription } from '../ports';
import { quote } from './identifiers';
import { ApiError } from './responses';

/** JSON with object keys sorted, so the same request written in another key order has the same digest. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The digest of what a request asks for. It covers connections' External IDs by their length and
 * fingerprint (a retry with another External ID is another request), never by value: the digest is
 * in the execution input, and a digest over the value would let its readers confirm a guessed
 * External ID with certainty, where the fingerprint the status shows leaves that to chance.
 */
export function requestDigest(request: { tenantId: string; connectionIds?: unknown; connections?: unknown; schedule?: unknown }): string {
  const connections = Array.isArray(request.connections) ? request.connections.map(withFingerprint) : request.connections;
  return createHash('sha256').update(canonical({ ...request, connections })).digest('hex');
}

function withFingerprint(connection: unknown): unknown {
  const externalId = (connection as { externalId?: unknown } | null)?.externalId;
  return typeof externalId === 'string' ? { ...(connection as object), externalId: externalIdFingerprint(externalId) } : connection;
}

/** Throws the 422 when `existing` was started for a different request under the same key. */
export function checkSameRequest(existing: ExecutionDescription, key: string, digest: string): void {
  const recorded = (existing.input as { requestDigest?: unknown } | undefined)?.requestDigest;
  if (recorded === digest) return;
  throw new ApiError(
    'UnprocessableContent',
    `Idempotency-Key ${quote(key)} was already used for a different request to this tenant ` +
      `(execution ${existing.executionArn}${existing.startDate ? `, started ${existing.startDate}` : ''}); ` +
      'repeat that request unchanged to get its result, or send this one with a new key',
  );
}
