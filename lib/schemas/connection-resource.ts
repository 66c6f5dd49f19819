// What a connection is for, as every input that carries a connection gives it: `resource`, one of
// { kind: "s3", bucket, prefix?, writable?, region, host? }, { kind: "athena", workgroup, region,
// resultsBucket, resultsPrefix?, host? }, { kind: "redshift", clusterIdentifier, database, dbUser,
// region, host? } or { kind: "redshift-serverless", workgroup, database, region, host? }. The domain's types (lib/domain/probes/resource.ts) are checked
// against this schema at compile time (test/unit/schemas/inferred-types.test.ts). Whether a host is one
// our dataplane can reach is the pre-flight's finding (HOST_NOT_CANONICAL), explained to the customer.
import * as z from 'zod';
import {
  BUCKET_NAME_PATTERN,
  CLUSTER_IDENTIFIER_PATTERN,
  DATABASE_NAME_PATTERN,
  DB_USER_PATTERN,
  SERVERLESS_WORKGROUP_PATTERN,
  HOST_MAX_LENGTH,
  PREFIX_MAX_LENGTH,
  REGION_PATTERN,
  RESOURCE_KINDS,
  WORKGROUP_NAME_PATTERN,
} from '../domain/probes/resource';
import { describeType } from '../problem-text';
import { checkedString, tooLong } from './fields';

function bucketProblems(value: string): string[] {
  if (value.startsWith('s3://') || value.includes('/')) return ['must be the bucket name alone, without s3:// or a path (put the path in the prefix)'];
  return BUCKET_NAME_PATTERN.test(value) ? [] : ['is not an S3 bucket name: 3-63 characters from lowercase letters, digits, . and -, starting and ending with a letter or digit'];
}

function prefixProblems(value: string): string[] {
  if (value.length > PREFIX_MAX_LENGTH) return [tooLong(value, PREFIX_MAX_LENGTH)];
  if (value.startsWith('/')) return ['must not start with / (S3 keys have no leading slash)'];
  if (value !== '' && !value.endsWith('/')) return ['must end with / (a folder of keys, e.g. "raw/events/")'];
  return [];
}

const bucket = (what: string) => checkedString(`is required: the ${what} bucket's name`, bucketProblems).meta({ pattern: BUCKET_NAME_PATTERN.source });
const prefix = checkedString('', prefixProblems).meta({ maxLength: PREFIX_MAX_LENGTH, description: 'Keys under this prefix, ending with /; absent for the whole bucket.' });
const region = checkedString('is required: the AWS region, e.g. eu-west-1', (value) =>
  REGION_PATTERN.test(value) ? [] : [`is not an AWS region name (e.g. eu-west-1, us-gov-west-1)`],
).meta({ pattern: REGION_PATTERN.source, examples: ['eu-west-1'] });
const host = checkedString('', (value) =>
  value.length > HOST_MAX_LENGTH
    ? [tooLong(value, HOST_MAX_LENGTH)]
    : /^[A-Za-z0-9.-]+$/.test(value)
      ? []
      : ['must be a host name alone (letters, digits, . and -), without https:// or a path'],
).meta({ maxLength: HOST_MAX_LENGTH, description: "The endpoint host the product will use; absent for the SDK's default. Must be the service's public endpoint." });

const s3ResourceSchema = z
  .strictObject({
    kind: z.literal('s3'),
    bucket: bucket('data'),
    prefix: prefix.optional(),
    writable: z.boolean({ error: (issue) => `must be true or false, got ${describeType(issue.input)}` }).optional().meta({
      description: 'True when the product writes under the prefix: the probes then write and delete one 1-byte marker object.',
    }),
    region,
    host: host.optional(),
  })
  .meta({ description: 'An S3 bucket (and prefix) the product reads, or writes when writable.' });

const athenaResourceSchema = z
  .strictObject({
    kind: z.literal('athena'),
    workgroup: checkedString('is required: the Athena workgroup name', (value) =>
      WORKGROUP_NAME_PATTERN.test(value) ? [] : ['is not an Athena workgroup name: 1-128 characters from letters, digits, . _ and -'],
    ).meta({ pattern: WORKGROUP_NAME_PATTERN.source }),
    region,
    resultsBucket: bucket('query results'),
    resultsPrefix: prefix.optional(),
    host: host.optional(),
  })
  .meta({ description: 'An Athena workgroup the product queries in, and the S3 location its query results go to.' });

const database = checkedString('is required: the database name', (value) =>
  DATABASE_NAME_PATTERN.test(value) ? [] : ['is not a Redshift database name: 1-64 lowercase letters, digits, _ and $, starting with a letter or _'],
).meta({ pattern: DATABASE_NAME_PATTERN.source });

const redshiftResourceSchema = z
  .strictObject({
    kind: z.literal('redshift'),
    clusterIdentifier: checkedString('is required: the Redshift cluster identifier', (value) =>
      CLUSTER_IDENTIFIER_PATTERN.test(value)
        ? []
        : ['is not a Redshift cluster identifier: 1-63 lowercase letters, digits and hyphens, starting with a letter, without -- or a trailing -'],
    ).meta({ pattern: CLUSTER_IDENTIFIER_PATTERN.source }),
    database,
    dbUser: checkedString('is required: the database user the product logs in as', (value) =>
      DB_USER_PATTERN.test(value) ? [] : ['is not a Redshift database user name: 1-128 letters, digits and _.@$+-'],
    ).meta({ pattern: DB_USER_PATTERN.source }),
    region,
    host: host.optional(),
  })
  .meta({ description: 'A provisioned Redshift cluster the product queries with temporary credentials (redshift:GetClusterCredentials).' });

const redshiftServerlessResourceSchema = z
  .strictObject({
    kind: z.literal('redshift-serverless'),
    workgroup: checkedString('is required: the Redshift Serverless workgroup name', (value) =>
      SERVERLESS_WORKGROUP_PATTERN.test(value) ? [] : ['is not a Redshift Serverless workgroup name: 3-64 lowercase letters, digits and hyphens'],
    ).meta({ pattern: SERVERLESS_WORKGROUP_PATTERN.source }),
    database,
    region,
    host: host.optional(),
  })
  .meta({ description: 'A Redshift Serverless workgroup the product queries with temporary credentials (redshift-serverless:GetCredentials).' });

const KINDS = `${RESOURCE_KINDS.slice(0, -1).map((k) => JSON.stringify(k)).join(', ')} or ${JSON.stringify(RESOURCE_KINDS.at(-1))}`;

export const connectionResourceSchema = z
  .discriminatedUnion('kind', [s3ResourceSchema, athenaResourceSchema, redshiftResourceSchema, redshiftServerlessResourceSchema], {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `has an unknown kind${typeof (issue.input as { kind?: unknown } | undefined)?.kind === 'string' ? ` "${String((issue.input as { kind: string }).kind).slice(0, 40)}"` : ''}; kind must be ${KINDS}`
        : issue.code === 'invalid_type'
          ? `must be an object with a kind (${KINDS}), got ${describeType(issue.input)}`
          : undefined,
  })
  .meta({
    description:
      'What the connection is for: the data the product reaches through the target role. Once the trust is verified, the ' +
      "verifier probes it with the smallest calls that exercise the role's real permissions (docs/diagnosis-codes.md). " +
      'Absent: the connection is verified on its trust alone.',
  });
