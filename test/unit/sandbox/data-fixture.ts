// A customer account with data for the permission probes: an SSE-KMS bucket with objects, a bucket in
// us-east-1, KMS keys (one with the default key policy, one whose key policy names only an admin role),
// an Athena workgroup, and a target role whose session reaches them.
import { AthenaClient } from '@aws-sdk/client-athena';
import { S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { newClient } from '../../../lib/adapters/aws-client-factory';
import type { ScenarioInput } from '../../../lib/sandbox';
import {
  ASSUME_ROLE_ONLY,
  CUSTOMER_ACCOUNT,
  customerTrust,
  dataplaneRole,
  DATAPLANE_ROLE_ARN,
  EXTERNAL_ID,
  type Fixture,
  REGION,
  TARGET_ROLE_ARN,
  clientsAs,
} from './sandbox-fixture';

export const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
export const KEY_ARN = `arn:aws:kms:${REGION}:${CUSTOMER_ACCOUNT}:key/${KEY_ID}`;
/** A key whose policy names only an admin role: it does not let IAM policies decide. */
export const CLOSED_KEY_ID = '0000aaaa-11bb-22cc-33dd-444444444444';
export const CLOSED_KEY_ARN = `arn:aws:kms:${REGION}:${CUSTOMER_ACCOUNT}:key/${CLOSED_KEY_ID}`;
export const BUCKET = 'acme-lake';
export const US_BUCKET = 'acme-archive';
export const SESSION_NAME = 'verify-acme-lake-3-pb';
export const SESSION_ARN = `arn:aws:sts::${CUSTOMER_ACCOUNT}:assumed-role/qualytics-s3-read/${SESSION_NAME}`;

/** What the verifier's probe session may do at most. */
export const PROBE_SESSION_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['s3:ListBucket', 's3:GetBucketLocation', 's3:GetObject', 's3:PutObject', 's3:DeleteObject', 'kms:Decrypt', 'kms:GenerateDataKey', 'athena:GetWorkGroup'],
      Resource: '*',
    },
  ],
};

/** The customer's grant to the target role: read the lake, write probes under _qualytics_probe/, use the key, see the workgroup. */
export const READ_LAKE_POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${US_BUCKET}`] },
    { Effect: 'Allow', Action: 's3:GetObject', Resource: [`arn:aws:s3:::${BUCKET}/*`, `arn:aws:s3:::${US_BUCKET}/*`] },
    { Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: `arn:aws:s3:::${BUCKET}/_qualytics_probe/*` },
    { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: [KEY_ARN, CLOSED_KEY_ARN] },
    { Effect: 'Allow', Action: 'athena:GetWorkGroup', Resource: `arn:aws:athena:${REGION}:${CUSTOMER_ACCOUNT}:workgroup/*` },
  ],
};

export function dataCustomer(overrides: Record<string, unknown> = {}, inlinePolicies: Record<string, unknown> = { 'read-lake': READ_LAKE_POLICY }) {
  return {
    accountId: CUSTOMER_ACCOUNT,
    roles: [{ name: 'qualytics-s3-read', trustPolicy: customerTrust(), inlinePolicies }],
    kmsKeys: [
      { id: KEY_ID, region: REGION },
      {
        id: CLOSED_KEY_ID,
        region: REGION,
        policy: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${CUSTOMER_ACCOUNT}:role/key-admin` }, Action: 'kms:*', Resource: '*' }],
        },
      },
    ],
    buckets: [
      {
        name: BUCKET,
        region: REGION,
        defaultKmsKeyId: KEY_ID,
        objects: [
          { key: 'sales/2026/part-0.parquet', size: 2048, kmsKeyId: KEY_ARN },
          { key: 'sales/2026/part-1.parquet', kmsKeyId: KEY_ID },
          { key: 'sales/readme.txt', size: 10 },
          { key: 'secret/closed.parquet', size: 64, kmsKeyId: CLOSED_KEY_ID },
        ],
      },
      { name: US_BUCKET, region: 'us-east-1', objects: [{ key: 'old.csv', size: 5 }] },
    ],
    athenaWorkgroups: [{ name: 'analytics', region: REGION, outputLocation: `s3://${BUCKET}/athena-results/` }],
    ...overrides,
  };
}

export function dataWorld(customer: Record<string, unknown> = dataCustomer(), extra: Partial<ScenarioInput> = {}): Partial<ScenarioInput> {
  return { roles: [dataplaneRole()] as ScenarioInput['roles'], customers: [customer as any], ...extra };
}

/** Credentials of a session of the customer's target role, as the verifier gets them (dataplane role first). */
export async function probeCredentials(f: Fixture, sessionPolicy: unknown = PROBE_SESSION_POLICY) {
  const dataplane = await f.clients.sts.send(
    new AssumeRoleCommand({ RoleArn: DATAPLANE_ROLE_ARN, RoleSessionName: 'verify-acme-lake-3-dp', DurationSeconds: 900, Policy: ASSUME_ROLE_ONLY }),
  );
  const target = await clientsAs(dataplane.Credentials).sts.send(
    new AssumeRoleCommand({
      RoleArn: TARGET_ROLE_ARN,
      RoleSessionName: SESSION_NAME,
      ExternalId: EXTERNAL_ID,
      DurationSeconds: 900,
      ...(sessionPolicy !== undefined ? { Policy: JSON.stringify(sessionPolicy) } : {}),
    }),
  );
  const c = target.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

export async function probeS3(f: Fixture, options: { region?: string; sessionPolicy?: unknown; followRegionRedirects?: boolean } = {}): Promise<S3Client> {
  const credentials = await probeCredentials(f, 'sessionPolicy' in options ? options.sessionPolicy : PROBE_SESSION_POLICY);
  const client = newClient('s3', S3Client, { region: options.region ?? REGION, credentials });
  if (options.followRegionRedirects) client.config.followRegionRedirects = true;
  return client;
}

export async function probeAthena(f: Fixture, options: { region?: string; sessionPolicy?: unknown } = {}): Promise<AthenaClient> {
  const credentials = await probeCredentials(f, 'sessionPolicy' in options ? options.sessionPolicy : PROBE_SESSION_POLICY);
  return newClient('athena', AthenaClient, { region: options.region ?? REGION, credentials });
}

/** The S3 denial text, as S3 words it for a caller of the bucket owner's account. */
export function s3Denied(action: string, resource: string, reason: string, who = SESSION_ARN): string {
  return `User: ${who} is not authorized to perform: ${action} on resource: "${resource}" ${reason}`;
}
