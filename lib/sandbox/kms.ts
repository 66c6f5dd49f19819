// The customers' KMS keys, as S3 uses them for SSE-KMS: no KMS client is answered (the product calls
// none), but S3 asks KMS for the caller, with the caller's credentials, to decrypt an object's data key
// (kms:Decrypt, GetObject) or to make one (kms:GenerateDataKey, PutObject). KMS decides those as it
// decides any call: the key policy first, then IAM where the key policy lets it (decideResourceAccess).
import { decideResourceAccess, type AuthorizationWorld, type ResourceAccessDecision } from './authorization';
import type { Principal } from './simulation';
import { replaceContents } from './state-codec';

export interface StoredKmsKey {
  id: string;
  accountId: string;
  region: string;
  arn: string;
  /** The key policy, JSON text. */
  policy: string;
}

export interface KmsKeyDefinition {
  id: string;
  accountId: string;
  region: string;
  /** The key policy; absent: the default key policy. */
  policy?: unknown;
}

/**
 * The key policy KMS gives a key created without one: the account may do anything with the key, which
 * lets IAM policies of the account decide (AWS KMS Developer Guide, "Default key policy").
 */
function defaultKeyPolicy(accountId: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  };
}

export function kmsKeyArn(accountId: string, region: string, id: string): string {
  return `arn:aws:kms:${region}:${accountId}:key/${id}`;
}

/** What S3 tells KMS about the object a data key is for (encryption context aws:s3:arn). */
export interface KmsUse {
  caller: Principal;
  action: 'kms:Decrypt' | 'kms:GenerateDataKey';
  key: StoredKmsKey;
  /** The object's ARN (S3 puts it in the encryption context). */
  objectArn: string;
  /** The region of the S3 endpoint that calls KMS: the bucket's. */
  region: string;
  now: number;
}

export class KmsKeys {
  private readonly keys = new Map<string, StoredKmsKey>();

  constructor(private readonly world: () => AuthorizationWorld) {}

  add(definition: KmsKeyDefinition): StoredKmsKey {
    const { id, accountId, region } = definition;
    const key: StoredKmsKey = {
      id,
      accountId,
      region,
      arn: kmsKeyArn(accountId, region, id),
      policy: JSON.stringify(definition.policy ?? defaultKeyPolicy(accountId)),
    };
    this.keys.set(id, key);
    return key;
  }

  /** A key by id or key ARN, when it is a key of that account and region. */
  find(reference: string, accountId: string, region: string): StoredKmsKey | undefined {
    const arn = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):key\/(.+)$/.exec(reference);
    const key = this.keys.get(arn ? arn[3]! : reference);
    if (!key || key.accountId !== accountId || key.region !== region) return undefined;
    if (arn && (arn[1] !== region || arn[2] !== accountId)) return undefined;
    return key;
  }

  byId(id: string): StoredKmsKey | undefined {
    return this.keys.get(id);
  }

  /** Whether KMS lets the caller use the key for S3, with the condition keys KMS sets on such a request. */
  decide(use: KmsUse): ResourceAccessDecision {
    const { caller, key } = use;
    return decideResourceAccess(
      {
        caller,
        action: use.action,
        resource: key.arn,
        resourceAccountId: key.accountId,
        resourcePolicy: key.policy,
        keyPolicy: true,
        rcpApplies: true,
        region: use.region,
        now: use.now,
        conditionKeys: {
          'kms:ViaService': `s3.${use.region}.amazonaws.com`,
          'kms:CallerAccount': caller.accountId,
          'kms:EncryptionContext:aws:s3:arn': use.objectArn,
          'kms:EncryptionContextKeys': ['aws:s3:arn'],
          // S3 calls KMS with the caller's credentials (forward access sessions).
          'aws:ViaAWSService': true,
        },
      },
      this.world(),
    );
  }

  exportState(): unknown {
    return { keys: this.keys };
  }

  importState(state: { keys: Map<string, StoredKmsKey> } | undefined): void {
    if (state) replaceContents(this.keys, state.keys);
  }
}
