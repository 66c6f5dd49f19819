import {
  AccessDenied,
  DeleteObjectCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  PutObjectCommand,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { AwsSandbox, decodeState, encodeState, parseScenario, type SandboxState } from '../../../lib/sandbox';
import { BUCKET, dataCustomer, dataWorld, KEY_ARN, KEY_ID, probeS3, s3Denied, US_BUCKET } from './data-fixture';
import { CUSTOMER_ACCOUNT, type Fixture, REGION, rejectionOf, startSandbox, stopSandbox, VENDOR_ACCOUNT } from './sandbox-fixture';

let f: Fixture;

afterEach(stopSandbox);

describe('sandbox S3: reading and writing a customer bucket', () => {
  beforeEach(() => {
    f = startSandbox(dataWorld());
  });

  it('lists objects with a prefix and MaxKeys, as ListObjectsV2 returns them', async () => {
    // Prepare
    const s3 = await probeS3(f);

    // Act
    const page = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'sales/', MaxKeys: 1 }));
    const next = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'sales/', ContinuationToken: page.NextContinuationToken }));
    const after = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, StartAfter: 'sales/2026/part-1.parquet' }));

    // Assess
    expect(page).toMatchObject({ Name: BUCKET, Prefix: 'sales/', MaxKeys: 1, KeyCount: 1, IsTruncated: true });
    expect(page.Contents).toEqual([
      { Key: 'sales/2026/part-0.parquet', Size: 2048, LastModified: expect.any(Date), ETag: expect.stringMatching(/^"[0-9a-f]{32}"$/), StorageClass: 'STANDARD' },
    ]);
    expect(next.Contents?.map((o) => o.Key)).toEqual(['sales/2026/part-1.parquet', 'sales/readme.txt']);
    expect(next).toMatchObject({ KeyCount: 2, IsTruncated: false });
    expect(after.Contents?.map((o) => o.Key)).toEqual(['sales/readme.txt', 'secret/closed.parquet']);
    expect(page.$metadata.httpStatusCode).toBe(200);
  });

  it('reads one byte of an SSE-KMS object with a Range, and says which key encrypts it', async () => {
    // Prepare
    const s3 = await probeS3(f);

    // Act
    const output = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'sales/2026/part-0.parquet', Range: 'bytes=0-0' }));
    const bytes = await output.Body!.transformToByteArray();

    // Assess
    expect(bytes).toHaveLength(1);
    expect(output).toMatchObject({
      ContentLength: 1,
      ContentRange: 'bytes 0-0/2048',
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: KEY_ARN,
      $metadata: { httpStatusCode: 206 },
    });
  });

  it('reads an SSE-S3 object whole', async () => {
    // Prepare
    const s3 = await probeS3(f);

    // Act
    const output = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'sales/readme.txt' }));

    // Assess
    expect(await output.Body!.transformToString()).toHaveLength(10);
    expect(output).toMatchObject({ ContentLength: 10, ServerSideEncryption: 'AES256', $metadata: { httpStatusCode: 200 } });
    expect(output.SSEKMSKeyId).toBeUndefined();
  });

  it('puts an object encrypted with the bucket default key and deletes it, and the calls are recorded', async () => {
    // Prepare
    const s3 = await probeS3(f);
    const key = '_qualytics_probe/verify-acme-lake-3.txt';

    // Act
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'probe' }));
    const held = f.sandbox.bucketObjects(BUCKET).find((o) => o.key === key);
    const read = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    const deleted = await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
    const again = await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));

    // Assess
    expect(put).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: KEY_ARN, ETag: expect.stringMatching(/^"[0-9a-f]{32}"$/) });
    expect(held).toEqual({ key, size: 5, kmsKeyId: KEY_ID });
    expect(await read.Body!.transformToString()).toBe('probe');
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect(again.$metadata.httpStatusCode).toBe(204);
    expect(f.sandbox.bucketObjects(BUCKET).map((o) => o.key)).not.toContain(key);
    expect(f.sandbox.callsTo('s3', 'PutObject').map((c) => (c.input as { Key: string }).Key)).toEqual([key]);
    expect(f.sandbox.callsTo('s3', 'DeleteObject')).toHaveLength(2);
  });

  it('answers a missing key with NoSuchKey when the caller may list the bucket', async () => {
    // Prepare
    const s3 = await probeS3(f);

    // Act
    const error = await rejectionOf(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'sales/missing.parquet' })));

    // Assess
    expect(error).toBeInstanceOf(NoSuchKey);
    expect(error).toMatchObject({ name: 'NoSuchKey', message: 'The specified key does not exist.', Key: 'sales/missing.parquet', $metadata: { httpStatusCode: 404 } });
  });

  it('answers a missing key with AccessDenied naming s3:ListBucket when the caller may not list the bucket', async () => {
    // Prepare
    const s3 = await probeS3(f, { sessionPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } });

    // Act
    const error = await rejectionOf(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'sales/missing.parquet' })));

    // Assess
    expect(error).toBeInstanceOf(AccessDenied);
    expect(error.message).toBe(s3Denied('s3:ListBucket', `arn:aws:s3:::${BUCKET}`, 'because no session policy allows the s3:ListBucket action'));
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it('answers a bucket that does not exist with NoSuchBucket, naming it', async () => {
    // Prepare
    const s3 = await probeS3(f);

    // Act
    const error = await rejectionOf(s3.send(new ListObjectsV2Command({ Bucket: 'acme-nowhere' })));

    // Assess
    expect(error).toBeInstanceOf(NoSuchBucket);
    expect(error).toMatchObject({
      name: 'NoSuchBucket',
      message: 'The specified bucket does not exist',
      BucketName: 'acme-nowhere',
      Code: 'NoSuchBucket',
      $metadata: { httpStatusCode: 404 },
    });
  });
});

describe('sandbox S3: regions', () => {
  beforeEach(() => {
    f = startSandbox(dataWorld());
  });

  it('answers a call in another region than the bucket\'s with 301 PermanentRedirect and the bucket region header', async () => {
    // Prepare
    const s3 = await probeS3(f, { region: 'us-west-2' });

    // Act
    const error = await rejectionOf(s3.send(new ListObjectsV2Command({ Bucket: BUCKET })));

    // Assess
    expect(error).toBeInstanceOf(S3ServiceException);
    expect(error).toMatchObject({
      name: 'PermanentRedirect',
      message: 'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
      Endpoint: `${BUCKET}.s3.${REGION}.amazonaws.com`,
      Bucket: BUCKET,
      $metadata: { httpStatusCode: 301 },
    });
    expect(error.$response.headers['x-amz-bucket-region']).toBe(REGION);
  });

  it('follows the redirect for a client with followRegionRedirects, as the SDK does', async () => {
    // Prepare
    const s3 = await probeS3(f, { region: 'us-west-2', followRegionRedirects: true });

    // Act
    const output = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'sales/2026/' }));

    // Assess
    expect(output.KeyCount).toBe(2);
    expect(f.sandbox.callsTo('s3', 'ListObjectsV2').map((c) => [c.region, c.error])).toEqual([
      ['us-west-2', 'PermanentRedirect'],
      [REGION, undefined],
    ]);
  });

  it('tells a bucket\'s region from any region: the region, or no LocationConstraint for us-east-1', async () => {
    // Prepare
    const s3 = await probeS3(f, { region: 'us-west-2' });

    // Act
    const eu = await s3.send(new GetBucketLocationCommand({ Bucket: BUCKET }));
    const us = await s3.send(new GetBucketLocationCommand({ Bucket: US_BUCKET }));

    // Assess
    expect(eu.LocationConstraint).toBe(REGION);
    expect(us.LocationConstraint).toBeUndefined();
    expect('LocationConstraint' in us).toBe(false);
  });
});

describe('sandbox S3: saved state', () => {
  it('keeps objects put and deleted across an export and import through JSON', async () => {
    // Prepare
    const scenario = parseScenario({
      name: 'unit',
      description: 'unit test world',
      vendor: { accountId: VENDOR_ACCOUNT, region: REGION },
      clusters: [],
      ...dataWorld(),
    });
    f = startSandbox(dataWorld());
    const s3 = await probeS3(f);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: '_qualytics_probe/kept.txt', Body: new Uint8Array([1, 2, 3]) }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: '_qualytics_probe/gone.txt', Body: 'x' }));
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: '_qualytics_probe/gone.txt' }));

    // Act
    const state = decodeState<SandboxState>(JSON.parse(JSON.stringify(encodeState(f.sandbox.exportState()))));
    const restored = AwsSandbox.fromScenario(scenario);
    restored.importState(state);

    // Assess
    expect(restored.bucketObjects(BUCKET)).toEqual(f.sandbox.bucketObjects(BUCKET));
    expect(restored.bucketObjects(BUCKET)).toContainEqual({ key: '_qualytics_probe/kept.txt', size: 3, kmsKeyId: KEY_ID });
    expect(restored.bucketObjects(BUCKET).map((o) => o.key)).not.toContain('_qualytics_probe/gone.txt');
    expect(restored.bucketObjects(BUCKET)).toHaveLength(5);
  });

  it('keeps the scenario\'s buckets when the state was saved before S3 was simulated', () => {
    // Prepare
    f = startSandbox(dataWorld());
    const { s3: _s3, kms: _kms, athena: _athena, ...older } = f.sandbox.exportState();

    // Act
    f.sandbox.importState(older);

    // Assess
    expect(f.sandbox.bucketObjects(BUCKET)).toHaveLength(4);
  });
});

describe('sandbox S3: buckets added by hand', () => {
  it('adds a bucket with a key of its account and region, and refuses a key of another region', () => {
    // Prepare
    f = startSandbox(dataWorld(dataCustomer({ buckets: [] })));

    // Act
    f.sandbox.addBucket({ name: 'acme-extra', region: REGION, defaultKmsKeyId: KEY_ARN, objects: [{ key: 'a' }] }, CUSTOMER_ACCOUNT);
    const act = () => f.sandbox.addBucket({ name: 'acme-elsewhere', region: 'us-east-1', defaultKmsKeyId: KEY_ID }, CUSTOMER_ACCOUNT);

    // Assess
    expect(f.sandbox.bucketObjects('acme-extra')).toEqual([{ key: 'a', size: 1024 }]);
    expect(act).toThrow(`defaultKmsKeyId ${KEY_ID} is not a KMS key of account ${CUSTOMER_ACCOUNT} in us-east-1`);
  });
});
