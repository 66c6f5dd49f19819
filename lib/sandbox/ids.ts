// Identifiers shaped like AWS's but derived from a seed, so that two runs of a scenario produce the
// same role ids, issuers and message ids and their output can be compared line by line.
import { createHash } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function digest(seed: string): Buffer {
  return createHash('sha256').update(seed).digest();
}

/** `prefix` followed by `length` characters of IAM's unique-id alphabet (uppercase letters and 2-7). */
export function uniqueId(prefix: string, seed: string, length: number): string {
  const bytes = digest(seed);
  let out = prefix;
  for (let i = 0; out.length < prefix.length + length; i += 1) {
    out += BASE32[bytes[i % bytes.length]! % 32];
  }
  return out;
}

export function upperHex(seed: string, length: number): string {
  return digest(seed).toString('hex').toUpperCase().slice(0, length);
}

export function lowerHex(seed: string, length: number): string {
  return digest(seed).toString('hex').slice(0, length);
}

/** A version-4-shaped UUID, as SQS message ids and request ids are. */
export function uuid(seed: string): string {
  const h = digest(seed).toString('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function md5Hex(data: string | Uint8Array): string {
  return createHash('md5').update(data).digest('hex');
}

export function sha256Hex(data: string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `length` lower-case letters and digits, as a Redshift cluster's unique id in its endpoint (cq7hpqttbcoc). */
export function lowerAlnum(seed: string, length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = digest(seed);
  let out = '';
  for (let i = 0; out.length < length; i += 1) out += alphabet[bytes[i % bytes.length]! % alphabet.length];
  return out;
}
