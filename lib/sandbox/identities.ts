// Access keys and the identities behind them. A client signs with an access key; the sandbox knows
// the caller only through it, as AWS does, so a session's permissions follow its credentials.
import { createHash } from 'node:crypto';
import type { AwsCredentialIdentity } from '@smithy/types';
import { uniqueId } from './ids';
import type { Principal } from './simulation';
import { replaceContents } from './state-codec';

export interface Identity {
  principal: Principal;
  credentials: AwsCredentialIdentity;
}

export class Identities {
  private readonly byAccessKey = new Map<string, Identity>();
  private issued = 0;

  exportState(): unknown {
    return { byAccessKey: this.byAccessKey, issued: this.issued };
  }

  importState(state: { byAccessKey: Map<string, Identity>; issued: number }): void {
    replaceContents(this.byAccessKey, state.byAccessKey);
    this.issued = state.issued;
  }

  /** The same keys every time for the same principal ARN, so that runs can be compared. */
  add(principal: Principal): AwsCredentialIdentity {
    const credentials: AwsCredentialIdentity = {
      accessKeyId: uniqueId('ASIA', `access-key/${principal.arn}`, 16),
      secretAccessKey: `sandbox-secret-${uniqueId('', principal.arn, 24)}`,
      sessionToken: `sandbox-session-${uniqueId('', `token/${principal.arn}`, 32)}`,
    };
    this.byAccessKey.set(credentials.accessKeyId, { principal, credentials });
    return { ...credentials };
  }

  /** New keys for a session STS issues: two sessions of the same name still get different keys. */
  issue(principal: Principal): Required<Pick<AwsCredentialIdentity, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>> {
    this.issued += 1;
    const seed = `session/${this.issued}/${principal.arn}`;
    const credentials = {
      accessKeyId: uniqueId('ASIA', seed, 16),
      secretAccessKey: base64Digest(`secret/${seed}`, 40),
      // Session tokens of STS's regional endpoints start with the same bytes (an encoded "origin").
      sessionToken: `IQoJb3JpZ2luX2VjE${base64Digest(`token/${seed}`, 340)}`,
    };
    this.byAccessKey.set(credentials.accessKeyId, { principal, credentials });
    return credentials;
  }

  get(accessKeyId: string): Identity | undefined {
    return this.byAccessKey.get(accessKeyId);
  }
}

function base64Digest(seed: string, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i += 1) {
    out += createHash('sha256').update(`${seed}/${i}`).digest('base64').replace(/=+$/, '');
  }
  return out.slice(0, length);
}
