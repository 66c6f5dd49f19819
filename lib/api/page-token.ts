// Where a page of GET /connections ends, as the opaque nextToken clients pass back: the index position
// of its last item, base64url-encoded. A token is only accepted for the state it was given for.
import type { ConnectionState } from '../domain/status';
import type { ConnectionPageKey } from '../ports';

export function encodePageToken(position: ConnectionPageKey): string {
  return Buffer.from(JSON.stringify([position.key, position.state, position.updatedAt]), 'utf8').toString('base64url');
}

/** The position a token names, or undefined when it is not one we gave for this state. */
export function decodePageToken(token: string, state: ConnectionState): ConnectionPageKey | undefined {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parts) || parts.length !== 3 || !parts.every((p) => typeof p === 'string' && p.length > 0)) return undefined;
  const [key, tokenState, updatedAt] = parts as [string, string, string];
  if (tokenState !== state || !key.includes('#connection#')) return undefined;
  return { key, state: tokenState, updatedAt };
}
