// @ts-nocheck
// An event may carry customer External IDs (TargetRoleConfigured's externalId, TenantCreated's
// targetRoles). They must never reach a log line, a status record or a dead-letter reason in clear:
// they are described by length and fingerprint (lib/domain/connection.ts) instead. Problems are built
// not to repeat any field's value (a customer may type their External ID into another field), and
// every text leaving the starter is scrubbed of the External IDs the event carries as well.
import { describeExternalId, ExternalIdFingerprint, externalIdFingerprint } from '../domain/connection';

export interface ExternalIdSeen extends ExternalIdFingerprint {
  /** Where in the event it was, e.g. `detail.targetRoles[0].externalId`. */
  field: string;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Every string External ID in an event, whatever else is wrong with it. */
function externalIdsOf(event: unknown): { field: string; value: string }[] {
  const detail = asObject(asObject(event)?.detail);
  if (!detail) return [];
  const found: { field: string; value: string }[] = [];
  if (typeof detail.externalId === 'string') found.push({ field: 'detail.externalId', value: detail.externalId });
  if (Array.isArray(detail.targetRoles)) {
    detail.targetRoles.forEach((role, i) => {
      const value = asObject(role)?.externalId;
      if (typeof value === 'string') found.push({ field: `detail.targetRoles[${i}].externalId`, value });
    });
  }
  return found;
}

/** What a log line may say about the event's External IDs: where each was, its length and fingerprint. */
export function externalIdsSeen(event: unknown): ExternalIdSeen[] {
  return externalIdsOf(event).map(({ field, value }) => ({ field, ...externalIdFingerprint(value) }));
}

/**
 * A scrubber for texts about this event: each External ID it carries, quoted as problems quote values
 * (or, from 8 characters on, anywhere), becomes "[External ID: 14 characters, fingerprint …]". Shorter
 * values are replaced only when quoted, so that a 2-character ID does not shred every word it occurs in.
 */
export function externalIdScrubber(event: unknown): (text: string) => string {
  const values = [...new Set(externalIdsOf(event).map((e) => e.value))]
    .filter((v) => v.length >= 2)
    .sort((a, b) => b.length - a.length);
  if (values.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const value of values) {
      const replacement = `[External ID: ${describeExternalId(value)}]`;
      for (const form of [JSON.stringify(value), `"${value}"`, ...(value.length >= 8 ? [value] : [])]) {
        out = out.split(form).join(replacement);
      }
    }
    return out;
  };
}
