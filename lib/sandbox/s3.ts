// Simulated S3, as much as the permission probes need: the customers' buckets (names global, each in
// one account and region, with a bucket policy and default encryption) and their objects, for
// GetBucketLocation, ListObjectsV2, GetObject, PutObject and DeleteObject. Each call is decided in the
// order S3 takes: the bucket must exist (NoSuchBucket), be addressed in its own region
// (PermanentRedirect, 301, with the x-amz-bucket-region header; GetBucketLocation answers anywhere),
// then the caller must be allowed (decideResourceAccess: SCPs, RCPs, identity, boundary, session and
// bucket policies), then the object and, for SSE-KMS, KMS for the caller. Error texts: the S3 error
// responses reference, the S3 guide's "Troubleshoot access denied (403 Forbidden) errors", and real
// responses as public issue trackers show them.
import { md5Hex } from './ids';
import { Readable } from 'node:stream';
import { sdkStreamMixin } from '@smithy/core/serde';
import { decideResourceAccess, type AuthorizationWorld, type ResourceAccessDecision } from './authorization';
import { type KmsKeys, type StoredKmsKey } from './kms';
import { awsError } from './service-errors';
import type { CallContext, Operation, Principal, ServiceSimulator } from './simulation';
import { replaceContents } from './state-codec';

export interface StoredObject {
  key: string;
  size: number;
  /** The id of the SSE-KMS key; absent for SSE-S3. */
  kmsKeyId?: string;
  lastModified: Date;
  etag: string;
  contentType: string;
  /** What a PutObject sent; absent for a scenario's object, whose content is filler. */
  body?: Uint8Array;
}

export interface StoredBucket {
  name: string;
  accountId: string;
  region: string;
  /** The id of the default SSE-KMS key; absent: SSE-S3 (S3's default encryption). */
  defaultKmsKeyId?: string;
  /** The bucket policy, JSON text. */
  policy?: string;
  createdAt: Date;
  objects: Map<string, StoredObject>;
}

export interface BucketDefinition {
  name: string;
  accountId: string;
  region: string;
  defaultKmsKeyId?: string;
  policy?: unknown;
  objects?: { key: string; size?: number; kmsKeyId?: string }[];
}

/** What bucketObjects() shows of an object. */
export interface SandboxObject {
  key: string;
  size: number;
  kmsKeyId?: string;
}

const DEFAULT_SIZE = 1024;
const MAX_KEYS = 1000;
const FILLER = Buffer.from('sandbox object data\n');

export function bucketArn(name: string): string {
  return `arn:aws:s3:::${name}`;
}

export function objectArn(bucket: string, key: string): string {
  return `arn:aws:s3:::${bucket}/${key}`;
}

/** The filler content of a scenario's object, from `start` for `length` bytes. */
function fillerBytes(start: number, length: number): Uint8Array {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i += 1) out[i] = FILLER[(start + i) % FILLER.length]!;
  return out;
}

/** A body as the SDK hands GetObject's to callers: a Readable with transformToByteArray/String. */
function sdkBody(bytes: Uint8Array): Readable {
  return sdkStreamMixin(Readable.from([Buffer.from(bytes)])) as unknown as Readable;
}

/** A Range header, bytes=a-b, bytes=a- or bytes=-n, as S3 reads it; undefined when S3 would ignore it. */
function parseRange(range: string, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

function denied(caller: Principal, action: string, resource: string, decision: ResourceAccessDecision & { allowed: false }): Error {
  // Only requests from the bucket owner's account (or organization) get the reason; others read "Access Denied".
  const message = decision.sameAccount
    ? `User: ${caller.arn} is not authorized to perform: ${action} on resource: "${resource}" ${decision.reason}`
    : 'Access Denied';
  return awsError('s3', 'AccessDenied', message);
}

export class S3Simulator implements ServiceSimulator {
  private readonly buckets = new Map<string, StoredBucket>();
  readonly operations: Record<string, Operation>;

  constructor(
    private readonly world: () => AuthorizationWorld,
    private readonly kms: KmsKeys,
  ) {
    this.operations = {
      GetBucketLocation: (input, ctx) => {
        // Any regional endpoint answers it: the way to learn a bucket's region.
        const bucket = this.requireBucket(input.Bucket);
        this.authorize(ctx, 's3:GetBucketLocation', bucketArn(bucket.name), bucket);
        // us-east-1 answers <LocationConstraint/>, which the SDK leaves out (undefined).
        return bucket.region === 'us-east-1' ? {} : { LocationConstraint: bucket.region };
      },
      ListObjectsV2: (input, ctx) => {
        const bucket = this.bucketIn(input.Bucket, ctx);
        const conditionKeys: Record<string, string | number> = {};
        if (typeof input.Prefix === 'string') conditionKeys['s3:prefix'] = input.Prefix;
        if (typeof input.MaxKeys === 'number') conditionKeys['s3:max-keys'] = input.MaxKeys;
        if (typeof input.Delimiter === 'string') conditionKeys['s3:delimiter'] = input.Delimiter;
        this.authorize(ctx, 's3:ListBucket', bucketArn(bucket.name), bucket, conditionKeys);
        return this.list(bucket, input);
      },
      GetObject: (input, ctx) => {
        const bucket = this.bucketIn(input.Bucket, ctx);
        const key = String(input.Key ?? '');
        this.authorize(ctx, 's3:GetObject', objectArn(bucket.name, key), bucket);
        const object = bucket.objects.get(key);
        if (!object) {
          // Without s3:ListBucket the caller may not learn that the key is missing: AccessDenied, naming ListBucket.
          const list = this.decide(ctx, 's3:ListBucket', bucketArn(bucket.name), bucket);
          if (!list.allowed) throw denied(ctx.principal, 's3:ListBucket', bucketArn(bucket.name), list);
          throw awsError('s3', 'NoSuchKey', undefined, { Key: key });
        }
        const key_ = object.kmsKeyId !== undefined ? this.useKey(ctx, 'kms:Decrypt', object.kmsKeyId, bucket, key) : undefined;
        const range = typeof input.Range === 'string' ? parseRange(input.Range, object.size) : undefined;
        if (range === 'unsatisfiable') {
          throw awsError('s3', 'InvalidRange', undefined, { RangeRequested: input.Range, ActualObjectSize: String(object.size) });
        }
        const start = range?.start ?? 0;
        const length = range ? range.end - range.start + 1 : object.size;
        const bytes = object.body ? object.body.subarray(start, start + length) : fillerBytes(start, length);
        return {
          $httpStatusCode: range ? 206 : 200,
          Body: sdkBody(bytes),
          AcceptRanges: 'bytes',
          LastModified: new Date(object.lastModified),
          ContentLength: length,
          ...(range ? { ContentRange: `bytes ${range.start}-${range.end}/${object.size}` } : {}),
          ETag: object.etag,
          ContentType: object.contentType,
          ...encryptionOutput(key_),
          Metadata: {},
        };
      },
      PutObject: (input, ctx) => {
        const bucket = this.bucketIn(input.Bucket, ctx);
        const key = String(input.Key ?? '');
        const conditionKeys: Record<string, string> = {};
        if (typeof input.ServerSideEncryption === 'string') conditionKeys['s3:x-amz-server-side-encryption'] = input.ServerSideEncryption;
        if (typeof input.SSEKMSKeyId === 'string') conditionKeys['s3:x-amz-server-side-encryption-aws-kms-key-id'] = input.SSEKMSKeyId;
        this.authorize(ctx, 's3:PutObject', objectArn(bucket.name, key), bucket, conditionKeys);
        const kmsKeyId = this.encryptionKeyFor(bucket, input);
        const key_ = kmsKeyId !== undefined ? this.useKey(ctx, 'kms:GenerateDataKey', kmsKeyId, bucket, key) : undefined;
        const body = bodyBytes(input.Body);
        const object: StoredObject = {
          key,
          size: body.length,
          lastModified: new Date(Math.floor(ctx.now / 1000) * 1000),
          etag: `"${md5Hex(body)}"`,
          contentType: typeof input.ContentType === 'string' ? input.ContentType : 'binary/octet-stream',
          body,
          ...(kmsKeyId !== undefined ? { kmsKeyId } : {}),
        };
        bucket.objects.set(key, object);
        return { ETag: object.etag, ...encryptionOutput(key_) };
      },
      DeleteObject: (input, ctx) => {
        const bucket = this.bucketIn(input.Bucket, ctx);
        const key = String(input.Key ?? '');
        this.authorize(ctx, 's3:DeleteObject', objectArn(bucket.name, key), bucket);
        // Deleting a key that is not there succeeds too (unversioned bucket): 204 No Content.
        bucket.objects.delete(key);
        return { $httpStatusCode: 204 };
      },
    };
  }

  addBucket(definition: BucketDefinition, now: number): StoredBucket {
    const { name, accountId, region } = definition;
    if (this.buckets.has(name)) throw new Error(`The AWS sandbox has a bucket named ${name} already (bucket names are global)`);
    const keyId = (reference: string | undefined, what: string) => {
      if (reference === undefined) return undefined;
      const key = this.kms.find(reference, accountId, region);
      if (!key) throw new Error(`${what} ${reference} is not a KMS key of account ${accountId} in ${region}`);
      return key.id;
    };
    const defaultKmsKeyId = keyId(definition.defaultKmsKeyId, 'defaultKmsKeyId');
    const bucket: StoredBucket = {
      name,
      accountId,
      region,
      createdAt: new Date(now),
      objects: new Map(),
      ...(defaultKmsKeyId !== undefined ? { defaultKmsKeyId } : {}),
      ...(definition.policy !== undefined ? { policy: JSON.stringify(definition.policy) } : {}),
    };
    for (const o of definition.objects ?? []) {
      const size = o.size ?? DEFAULT_SIZE;
      const kmsKeyId = keyId(o.kmsKeyId, `Object ${o.key}: kmsKeyId`);
      bucket.objects.set(o.key, {
        key: o.key,
        size,
        lastModified: new Date(Math.floor(now / 1000) * 1000),
        etag: `"${md5Hex(`${name}/${o.key}/${size}`)}"`,
        contentType: 'binary/octet-stream',
        ...(kmsKeyId !== undefined ? { kmsKeyId } : {}),
      });
    }
    this.buckets.set(name, bucket);
    return bucket;
  }

  objects(name: string): SandboxObject[] {
    const bucket = this.buckets.get(name);
    if (!bucket) throw new Error(`The AWS sandbox has no bucket ${name}`);
    return [...bucket.objects.values()]
      .sort((a, b) => compareKeys(a.key, b.key))
      .map((o) => ({ key: o.key, size: o.size, ...(o.kmsKeyId !== undefined ? { kmsKeyId: o.kmsKeyId } : {}) }));
  }

  exportState(): unknown {
    return { buckets: this.buckets };
  }

  importState(state: { buckets: Map<string, StoredBucket> } | undefined): void {
    if (state) replaceContents(this.buckets, state.buckets);
  }

  private requireBucket(name: unknown): StoredBucket {
    const bucket = typeof name === 'string' ? this.buckets.get(name) : undefined;
    if (!bucket) throw awsError('s3', 'NoSuchBucket', undefined, { BucketName: name });
    return bucket;
  }

  /** The bucket, addressed in its own region: elsewhere S3 answers 301 PermanentRedirect. */
  private bucketIn(name: unknown, ctx: CallContext): StoredBucket {
    const bucket = this.requireBucket(name);
    if (bucket.region !== ctx.region) {
      const endpoint = bucket.region === 'us-east-1' ? `${bucket.name}.s3.amazonaws.com` : `${bucket.name}.s3.${bucket.region}.amazonaws.com`;
      throw awsError('s3', 'PermanentRedirect', undefined, { Endpoint: endpoint, Bucket: bucket.name }, { 'x-amz-bucket-region': bucket.region });
    }
    return bucket;
  }

  private decide(ctx: CallContext, action: string, resource: string, bucket: StoredBucket, conditionKeys: Record<string, string | number> = {}): ResourceAccessDecision {
    return decideResourceAccess(
      {
        caller: ctx.principal,
        action,
        resource,
        resourceAccountId: bucket.accountId,
        ...(bucket.policy !== undefined ? { resourcePolicy: bucket.policy } : {}),
        rcpApplies: true,
        region: ctx.region,
        now: ctx.now,
        conditionKeys: {
          's3:ResourceAccount': bucket.accountId,
          's3:authType': 'REST-HEADER',
          's3:signatureversion': 'AWS4-HMAC-SHA256',
          ...conditionKeys,
        },
      },
      this.world(),
    );
  }

  private authorize(ctx: CallContext, action: string, resource: string, bucket: StoredBucket, conditionKeys: Record<string, string | number> = {}): void {
    const decision = this.decide(ctx, action, resource, bucket, conditionKeys);
    if (!decision.allowed) throw denied(ctx.principal, action, resource, decision);
  }

  /** S3 asks KMS for the caller; a refusal reaches the caller as S3's AccessDenied with KMS's text. */
  private useKey(ctx: CallContext, action: 'kms:Decrypt' | 'kms:GenerateDataKey', keyId: string, bucket: StoredBucket, key: string): StoredKmsKey {
    const stored = this.kms.byId(keyId);
    if (!stored) throw awsError('s3', 'AccessDenied', 'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.');
    const decision = this.kms.decide({ caller: ctx.principal, action, key: stored, objectArn: objectArn(bucket.name, key), region: bucket.region, now: ctx.now });
    if (!decision.allowed) {
      throw awsError(
        's3',
        'AccessDenied',
        decision.sameAccount
          ? `User: ${ctx.principal.arn} is not authorized to perform: ${action} on resource: ${stored.arn} ${decision.reason}`
          : 'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.',
      );
    }
    return stored;
  }

  /** The key a PutObject encrypts with: the one it names, AES256 if it asks for SSE-S3, else the bucket's default. */
  private encryptionKeyFor(bucket: StoredBucket, input: { ServerSideEncryption?: unknown; SSEKMSKeyId?: unknown }): string | undefined {
    if (input.ServerSideEncryption === 'AES256') return undefined;
    if (typeof input.SSEKMSKeyId === 'string') {
      const key = this.kms.find(input.SSEKMSKeyId, bucket.accountId, bucket.region);
      // S3 passes KMS's NotFoundException on (text as seen in real responses; not in the notes).
      if (!key) throw awsError('s3', 'KMS.NotFoundException', `Invalid arn ${bucket.region}`);
      return key.id;
    }
    return bucket.defaultKmsKeyId;
  }

  private list(bucket: StoredBucket, input: Record<string, any>): Record<string, unknown> {
    const prefix = typeof input.Prefix === 'string' ? input.Prefix : '';
    const delimiter = typeof input.Delimiter === 'string' && input.Delimiter !== '' ? input.Delimiter : undefined;
    const maxKeys = typeof input.MaxKeys === 'number' ? Math.max(0, Math.min(input.MaxKeys, MAX_KEYS)) : MAX_KEYS;
    const continuation = typeof input.ContinuationToken === 'string' ? Buffer.from(input.ContinuationToken, 'base64').toString('utf8') : undefined;
    const after = [input.StartAfter, continuation].filter((k): k is string => typeof k === 'string').sort(compareKeys).pop();
    const keys = [...bucket.objects.keys()].filter((k) => k.startsWith(prefix) && (after === undefined || compareKeys(k, after) > 0)).sort(compareKeys);
    const contents: StoredObject[] = [];
    const commonPrefixes: string[] = [];
    let last: string | undefined;
    let truncated = false;
    for (const k of keys) {
      const cut = delimiter !== undefined ? k.indexOf(delimiter, prefix.length) : -1;
      const common = cut >= 0 ? k.slice(0, cut + delimiter!.length) : undefined;
      if (common !== undefined && commonPrefixes.includes(common)) continue;
      if (contents.length + commonPrefixes.length >= maxKeys) {
        truncated = true;
        break;
      }
      if (common !== undefined) commonPrefixes.push(common);
      else contents.push(bucket.objects.get(k)!);
      last = common ?? k;
    }
    return {
      IsTruncated: truncated,
      ...(contents.length > 0
        ? {
            Contents: contents.map((o) => ({
              Key: o.key,
              LastModified: new Date(o.lastModified),
              ETag: o.etag,
              Size: o.size,
              StorageClass: 'STANDARD',
            })),
          }
        : {}),
      Name: bucket.name,
      Prefix: prefix,
      ...(delimiter !== undefined ? { Delimiter: delimiter } : {}),
      MaxKeys: maxKeys,
      ...(commonPrefixes.length > 0 ? { CommonPrefixes: commonPrefixes.map((p) => ({ Prefix: p })) } : {}),
      KeyCount: contents.length + commonPrefixes.length,
      ...(typeof input.ContinuationToken === 'string' ? { ContinuationToken: input.ContinuationToken } : {}),
      ...(truncated && last !== undefined ? { NextContinuationToken: Buffer.from(last, 'utf8').toString('base64') } : {}),
      ...(typeof input.StartAfter === 'string' ? { StartAfter: input.StartAfter } : {}),
    };
  }
}

function encryptionOutput(key: StoredKmsKey | undefined): Record<string, string> {
  return key ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.arn } : { ServerSideEncryption: 'AES256' };
}

/** S3 lists keys in UTF-8 binary order. */
function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** A PutObject body the sandbox has read into bytes (see readBody); a string or bytes as given. */
function bodyBytes(body: unknown): Uint8Array {
  if (body === undefined || body === null) return new Uint8Array();
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return body;
  throw new Error('The AWS sandbox could not read this PutObject Body; pass a string, bytes or a stream');
}

/** Reads a PutObject body the way the SDK would send it: a string, bytes, a Blob or a stream. */
export async function readBody(body: unknown): Promise<unknown> {
  if (body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array) return body;
  if (typeof Blob !== 'undefined' && body instanceof Blob) return new Uint8Array(await body.arrayBuffer());
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<unknown>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
    return new Uint8Array(Buffer.concat(chunks));
  }
  return body;
}
