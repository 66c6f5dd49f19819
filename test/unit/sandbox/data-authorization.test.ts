// S3 calls and the KMS calls S3 makes for the caller, decided as AWS decides them: explicit denies
// anywhere, then an Allow from the caller's identity policies or the bucket policy (the key policy
// first, for KMS), within the permissions boundary and the session policy.
import { AccessDenied, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { newClient } from '../../../lib/adapters/aws-client-factory';
import {
  BUCKET,
  CLOSED_KEY_ARN,
  dataCustomer,
  dataWorld,
  KEY_ARN,
  PROBE_SESSION_POLICY,
  probeS3,
  READ_LAKE_POLICY,
  s3Denied,
  SESSION_ARN,
} from './data-fixture';
import { CUSTOMER_ACCOUNT, type Fixture, REGION, rejectionOf, startSandbox, stopSandbox, VENDOR_ACCOUNT } from './sandbox-fixture';

let f: Fixture;
const LAKE_ARN = `arn:aws:s3:::${BUCKET}`;
const OBJECT = 'sales/2026/part-0.parquet';
const ROLE_ARN = `arn:aws:iam::${CUSTOMER_ACCOUNT}:role/qualytics-s3-read`;

afterEach(stopSandbox);

const list = (s3: S3Client) => s3.send(new ListObjectsV2Command({ Bucket: BUCKET, MaxKeys: 1 }));
const readByte = (s3: S3Client, Key = OBJECT) => s3.send(new GetObjectCommand({ Bucket: BUCKET, Key, Range: 'bytes=0-0' }));

describe('sandbox S3 authorization', () => {
  it('refuses a role no policy grants, naming s3:ListBucket and the quoted bucket ARN', async () => {
    // Prepare
    f = startSandbox(dataWorld(dataCustomer({}, {})));
    const s3 = await probeS3(f);

    // Act
    const error = await rejectionOf(list(s3));

    // Assess
    expect(error).toBeInstanceOf(AccessDenied);
    expect(error).toMatchObject({ name: 'AccessDenied', Code: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    expect(error.message).toBe(s3Denied('s3:ListBucket', LAKE_ARN, 'because no identity-based policy allows the s3:ListBucket action'));
    expect(f.sandbox.callsTo('s3', 'ListObjectsV2')[0]).toMatchObject({ principal: SESSION_ARN, error: 'AccessDenied' });
  });

  it('lets a bucket policy naming the role grant what no identity policy does, in the bucket owner\'s account', async () => {
    // Prepare
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ROLE_ARN }, Action: 's3:ListBucket', Resource: LAKE_ARN }] };
    f = startSandbox(dataWorld(dataCustomer({ buckets: [{ name: BUCKET, region: REGION, policy }] }, {})));
    const s3 = await probeS3(f);

    // Act
    const output = await list(s3);

    // Assess
    expect(output.KeyCount).toBe(0);
  });

  it('does not let a bucket policy naming only the account grant on its own: it delegates to IAM', async () => {
    // Prepare
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${CUSTOMER_ACCOUNT}:root` }, Action: 's3:*', Resource: [LAKE_ARN, `${LAKE_ARN}/*`] }] };
    f = startSandbox(dataWorld(dataCustomer({ buckets: [{ name: BUCKET, region: REGION, policy }] }, {})));
    const s3 = await probeS3(f);

    // Act
    const error = await rejectionOf(list(s3));

    // Assess
    expect(error.message).toBe(s3Denied('s3:ListBucket', LAKE_ARN, 'because no identity-based policy allows the s3:ListBucket action'));
  });

  it.each([
    [
      'a session policy that does not allow it',
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] },
      'because no session policy allows the s3:ListBucket action',
    ],
    [
      'a session policy that denies it',
      { Version: '2012-10-17', Statement: [...PROBE_SESSION_POLICY.Statement, { Effect: 'Deny', Action: 's3:ListBucket', Resource: '*' }] },
      'with an explicit deny in a session policy',
    ],
  ])('refuses ListBucket under %s', async (_case, sessionPolicy, reason) => {
    // Prepare
    f = startSandbox(dataWorld());
    const s3 = await probeS3(f, { sessionPolicy });

    // Act
    const error = await rejectionOf(list(s3));

    // Assess
    expect(error).toBeInstanceOf(AccessDenied);
    expect(error.message).toBe(s3Denied('s3:ListBucket', LAKE_ARN, reason));
  });

  it('names the bucket policy when it denies, and the SCP or RCP when an organization policy does', async () => {
    // Prepare
    const deny = (principal: unknown) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: principal, Action: 's3:ListBucket', Resource: LAKE_ARN }] });
    f = startSandbox(dataWorld(dataCustomer({ buckets: [{ name: BUCKET, region: REGION, policy: deny('*') }] })));
    const byBucketPolicy = await rejectionOf(list(await probeS3(f)));
    stopSandbox();
    f = startSandbox(
      dataWorld(dataCustomer(), {
        organizations: {
          scps: { [CUSTOMER_ACCOUNT]: [{ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:ListBucket', Resource: '*' }] }] },
        },
      }),
    );
    const byScp = await rejectionOf(list(await probeS3(f)));
    stopSandbox();
    f = startSandbox(
      dataWorld(dataCustomer(), {
        organizations: {
          rcps: {
            [CUSTOMER_ACCOUNT]: [
              {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': VENDOR_ACCOUNT } } }],
              },
            ],
          },
        },
      }),
    );
    const byRcp = await rejectionOf(list(await probeS3(f)));

    // Assess
    expect(byBucketPolicy.message).toBe(s3Denied('s3:ListBucket', LAKE_ARN, 'with an explicit deny in a resource-based policy'));
    expect(byScp.message).toBe(s3Denied('s3:ListBucket', LAKE_ARN, 'with an explicit deny in a service control policy'));
    expect(byRcp.message).toBe(s3Denied('s3:ListBucket', LAKE_ARN, 'with an explicit deny in a resource control policy'));
  });

  it('gives the generic Access Denied to a caller of another account', async () => {
    // Prepare
    f = startSandbox(dataWorld());
    const s3 = newClient('s3', S3Client, { region: REGION });

    // Act
    const error = await rejectionOf(list(s3));

    // Assess
    expect(error).toBeInstanceOf(AccessDenied);
    expect(error.message).toBe('Access Denied');
  });

  it('sets s3:prefix for a policy that limits listing to a prefix', async () => {
    // Prepare
    const prefixOnly = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: LAKE_ARN, Condition: { StringLike: { 's3:prefix': 'sales/*' } } }],
    };
    f = startSandbox(dataWorld(dataCustomer({}, { 'list-sales': prefixOnly })));
    const s3 = await probeS3(f);

    // Act
    const allowed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'sales/2026/' }));
    const refused = await rejectionOf(s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'secret/' })));

    // Assess
    expect(allowed.KeyCount).toBe(2);
    expect(refused).toBeInstanceOf(AccessDenied);
  });
});

describe('sandbox S3 with SSE-KMS: the KMS calls S3 makes for the caller', () => {
  it('reads an SSE-KMS object when the role may decrypt with the key', async () => {
    // Prepare
    f = startSandbox(dataWorld());
    const s3 = await probeS3(f);

    // Act
    const output = await readByte(s3);

    // Assess
    expect(await output.Body!.transformToByteArray()).toHaveLength(1);
  });

  it('refuses an SSE-KMS object without kms:Decrypt: S3\'s AccessDenied with KMS\'s text, naming the key ARN', async () => {
    // Prepare
    const noKms = { ...READ_LAKE_POLICY, Statement: READ_LAKE_POLICY.Statement.filter((s) => !String(s.Action).includes('kms')) };
    f = startSandbox(dataWorld(dataCustomer({}, { 'read-lake': noKms })));
    const s3 = await probeS3(f);

    // Act
    const error = await rejectionOf(readByte(s3));
    const sseS3 = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'sales/readme.txt' }));

    // Assess
    expect(error).toBeInstanceOf(AccessDenied);
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(error.message).toBe(
      `User: ${SESSION_ARN} is not authorized to perform: kms:Decrypt on resource: ${KEY_ARN} because no identity-based policy allows the kms:Decrypt action`,
    );
    expect(sseS3.ContentLength).toBe(10);
  });

  it('refuses when the session policy leaves out kms:Decrypt, naming the session policy', async () => {
    // Prepare
    f = startSandbox(dataWorld());
    const sessionPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }] };
    const s3 = await probeS3(f, { sessionPolicy });

    // Act
    const error = await rejectionOf(readByte(s3));

    // Assess
    expect(error.message).toBe(
      `User: ${SESSION_ARN} is not authorized to perform: kms:Decrypt on resource: ${KEY_ARN} because no session policy allows the kms:Decrypt action`,
    );
  });

  it('refuses a key whose key policy does not let IAM decide, whatever the role\'s policies say', async () => {
    // Prepare
    f = startSandbox(dataWorld());
    const s3 = await probeS3(f);

    // Act
    const error = await rejectionOf(readByte(s3, 'secret/closed.parquet'));

    // Assess
    expect(error).toBeInstanceOf(AccessDenied);
    expect(error.message).toBe(
      `User: ${SESSION_ARN} is not authorized to perform: kms:Decrypt on resource: ${CLOSED_KEY_ARN} because no resource-based policy allows the kms:Decrypt action`,
    );
  });

  it('lets a key policy naming the role grant kms:Decrypt on its own', async () => {
    // Prepare
    const keyPolicy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: ROLE_ARN },
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: { StringEquals: { 'kms:ViaService': `s3.${REGION}.amazonaws.com`, 'kms:CallerAccount': CUSTOMER_ACCOUNT } },
        },
      ],
    };
    const customer = dataCustomer();
    const noKms = { ...READ_LAKE_POLICY, Statement: READ_LAKE_POLICY.Statement.filter((s) => !String(s.Action).includes('kms')) };
    f = startSandbox(
      dataWorld({
        ...customer,
        roles: [{ ...customer.roles[0]!, inlinePolicies: { 'read-lake': noKms } }],
        kmsKeys: [customer.kmsKeys[0], { ...customer.kmsKeys[1]!, policy: keyPolicy }],
      }),
    );
    const s3 = await probeS3(f);

    // Act
    const output = await readByte(s3, 'secret/closed.parquet');

    // Assess
    expect(output.SSEKMSKeyId).toBe(CLOSED_KEY_ARN);
  });

  it('checks kms:EncryptionContext:aws:s3:arn against the object\'s ARN', async () => {
    // Prepare
    const keyed = {
      ...READ_LAKE_POLICY,
      Statement: [
        ...READ_LAKE_POLICY.Statement.filter((s) => !String(s.Action).includes('kms')),
        { Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY_ARN, Condition: { StringLike: { 'kms:EncryptionContext:aws:s3:arn': `${LAKE_ARN}/sales/2026/part-1*` } } },
      ],
    };
    f = startSandbox(dataWorld(dataCustomer({}, { 'read-lake': keyed })));
    const s3 = await probeS3(f);

    // Act
    const allowed = await readByte(s3, 'sales/2026/part-1.parquet');
    const refused = await rejectionOf(readByte(s3, OBJECT));

    // Assess
    expect(allowed.ContentLength).toBe(1);
    expect(refused.message).toContain('kms:Decrypt');
  });

  it('refuses a PutObject into an SSE-KMS bucket without kms:GenerateDataKey; an SSE-S3 put goes through', async () => {
    // Prepare
    const decryptOnly = {
      ...READ_LAKE_POLICY,
      Statement: [...READ_LAKE_POLICY.Statement.filter((s) => !String(s.Action).includes('kms')), { Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY_ARN }],
    };
    f = startSandbox(dataWorld(dataCustomer({}, { 'read-lake': decryptOnly })));
    const s3 = await probeS3(f);
    const key = '_qualytics_probe/verify.txt';

    // Act
    const error = await rejectionOf(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'probe' })));
    const sseS3 = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'probe', ServerSideEncryption: 'AES256' }));

    // Assess
    expect(error).toBeInstanceOf(AccessDenied);
    expect(error.message).toBe(
      `User: ${SESSION_ARN} is not authorized to perform: kms:GenerateDataKey on resource: ${KEY_ARN} because no identity-based policy allows the kms:GenerateDataKey action`,
    );
    expect(sseS3.ServerSideEncryption).toBe('AES256');
    expect(f.sandbox.bucketObjects(BUCKET).find((o) => o.key === key)).toEqual({ key, size: 5 });
  });

  it('refuses a PutObject outside the prefix the role may write, naming s3:PutObject and the object', async () => {
    // Prepare
    f = startSandbox(dataWorld());
    const s3 = await probeS3(f);

    // Act
    const error = await rejectionOf(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'sales/x', Body: 'x' })));

    // Assess
    expect(error.message).toBe(s3Denied('s3:PutObject', `${LAKE_ARN}/sales/x`, 'because no identity-based policy allows the s3:PutObject action'));
  });
});
