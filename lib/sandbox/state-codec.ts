// The sandbox's state as JSON, so a local stack can stop and start again where it was. The simulators
// keep Maps, Sets, Dates, bytes and infinite times, which JSON has no words for: each becomes a tagged object here.
// Shared references are not kept (each occurrence becomes its own copy); no simulator relies on them.

type Tagged = { $map: [unknown, unknown][] } | { $set: unknown[] } | { $date: string } | { $bytes: string } | { $number: string };

export function encodeState(value: unknown): unknown {
  if (value instanceof Map) return { $map: [...value].map(([k, v]) => [encodeState(k), encodeState(v)]) };
  if (value instanceof Set) return { $set: [...value].map(encodeState) };
  if (value instanceof Date) return { $date: value.toISOString() };
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (typeof value === 'number' && !Number.isFinite(value)) return { $number: String(value) };
  if (Array.isArray(value)) return value.map(encodeState);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && typeof v !== 'function') out[k] = encodeState(v);
    return out;
  }
  return value;
}

export function decodeState<T = unknown>(value: unknown): T {
  return decode(value) as T;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value === null || typeof value !== 'object') return value;
  const tagged = value as Partial<Record<keyof UnionKeys<Tagged>, unknown>>;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    if (Array.isArray(tagged.$map)) return new Map((tagged.$map as [unknown, unknown][]).map(([k, v]) => [decode(k), decode(v)]));
    if (Array.isArray(tagged.$set)) return new Set((tagged.$set as unknown[]).map(decode));
    if (typeof tagged.$date === 'string') return new Date(tagged.$date);
    if (typeof tagged.$bytes === 'string') return new Uint8Array(Buffer.from(tagged.$bytes, 'base64'));
    // IAM settles a scenario's starting state at -Infinity ("long ago"), which JSON cannot hold.
    if (typeof tagged.$number === 'string') return Number(tagged.$number);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
}

type UnionKeys<T> = { [K in T extends unknown ? keyof T : never]: unknown };

/** Replaces a Map's or an array's contents in place: simulators hold them in readonly fields. */
export function replaceContents<K, V>(target: Map<K, V>, source: Map<K, V>): void;
export function replaceContents<T>(target: T[], source: T[]): void;
export function replaceContents(target: Map<unknown, unknown> | unknown[], source: Map<unknown, unknown> | unknown[]): void {
  if (target instanceof Map && source instanceof Map) {
    target.clear();
    for (const [k, v] of source) target.set(k, v);
  } else if (Array.isArray(target) && Array.isArray(source)) {
    target.splice(0, target.length, ...source);
  } else {
    throw new Error('sandbox state does not have the expected shape');
  }
}
