// An event may carry customer External IDs (TargetRoleConfigured's externalId, TenantCreated's
// targetRoles). They must never reach a log line, a status record or a dead-letter reason in clear:
// they are described by length and fingerprint (lib/domain/verification/connection.ts) instead. Problems are built
// not to repeat any field's value (a customer may type their External ID into another field), and
// every text leaving the starter is scrubbed of the External IDs the event carries as well.
import { describeExternalId, ExternalIdFingerprint, externalIdFingerprint } from '../external-id';

export interface ExternalIdSeen extends ExternalIdFingerprint {
  /** Where in the event it was, e.g. `detail.targetRoles[0].externalId`. */
  field: string;
}

/** `externalId`, `ExternalId`, `external_id`, `external-id`: however a sender spells it. */
const EXTERNAL_ID_KEY = /^external[-_]?id$/i;
/** Deeper than any event we take; a deeper value is dropped from copies rather than walked. */
const MAX_DEPTH = 32;

function pathOf(parent: string, key: string | number): string {
  return typeof key === 'number' ? `${parent}[${key}]` : parent === '' ? key : `${parent}.${key}`;
}

/**
 * Every External ID in an event, wherever it is and whatever else is wrong with it: each value under a
 * key named like externalId (a number counts by its digits; strings in an array or object under such
 * a key count too).
 */
function externalIdsOf(event: unknown): { field: string; value: string }[] {
  const found: { field: string; value: string }[] = [];
  const walk = (value: unknown, field: string, under: boolean, depth: number) => {
    // undefined matches none of the cases below; null would pass as an object.
    if (depth > MAX_DEPTH || value === null) return;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
      if (under) found.push({ field, value: String(value) });
      return;
    }
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, pathOf(field, i), under, depth + 1));
    // Stryker disable next-line ConditionalExpression: what is left (a function, a symbol) has no entries to walk
    else if (typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, pathOf(field, key), under || EXTERNAL_ID_KEY.test(key), depth + 1);
    }
  };
  walk(event, '', false, 0);
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
  // Stryker disable next-line ConditionalExpression: without values the scrubber below changes nothing either; this skips its loop
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

/**
 * The copy of an event that may be kept (the invalid-events queue): every External ID replaced by its
 * `{ length, fingerprint }`, and every other text scrubbed of them (a customer may type their External
 * ID into another field). The event itself is left as it is.
 */
export function scrubbedEvent(event: unknown): unknown {
  const scrub = externalIdScrubber(event);
  const copy = (value: unknown, under: boolean, depth: number): unknown => {
    if (depth > MAX_DEPTH) return '[nested too deeply: left out]';
    if (value === null || value === undefined || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'bigint') {
      return under && value !== null && value !== undefined ? externalIdFingerprint(String(value)) : value;
    }
    if (typeof value === 'string') return under ? externalIdFingerprint(value) : scrub(value);
    if (Array.isArray(value)) return value.map((item) => copy(item, under, depth + 1));
    if (typeof value === 'object') {
      // A map with a null prototype: a "__proto__" key is copied as a key, not as the copy's prototype.
      const out: Record<string, unknown> = Object.create(null);
      for (const [key, item] of Object.entries(value)) out[scrub(key)] = copy(item, under || EXTERNAL_ID_KEY.test(key), depth + 1);
      return { ...out };
    }
    return value;
  };
  return copy(event, false, 0);
}
