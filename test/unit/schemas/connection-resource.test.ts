// What a connection is for, as every input carries it: one schema, every problem at once, each saying
// what is allowed; a connection without a resource is accepted as before.
import { validateConnectionShape } from '../../../lib/schemas/connection';
import { targetRoleConfiguredDetailSchema } from '../../../lib/schemas/target-role-configured';
import { validateOnboardingRequest } from '../../../lib/schemas/onboarding-request';
import { InvalidOnboardingRequest } from '../../../lib/errors';

const BASE = { connectionId: 'lake', roleArn: 'arn:aws:iam::222222222222:role/qualytics-s3-read', externalId: 'acme-7Hq2vX9pLm' };
const problems = (resource: unknown) => validateConnectionShape({ ...BASE, resource }).problems;

describe('a connection resource', () => {
  it.each([
    [{ kind: 's3', bucket: 'acme-lake', region: 'eu-west-1' }],
    [{ kind: 's3', bucket: 'acme.lake.2026', prefix: 'raw/events/', writable: true, region: 'us-gov-west-1', host: 's3.us-gov-west-1.amazonaws.com' }],
    [{ kind: 'athena', workgroup: 'analytics_v2', region: 'eu-west-1', resultsBucket: 'acme-athena-results', resultsPrefix: 'qualytics/' }],
    [{ kind: 'redshift', clusterIdentifier: 'acme-dw', database: 'analytics', dbUser: 'qualytics', region: 'eu-west-1', host: 'acme-dw.c1a2b3.eu-west-1.redshift.amazonaws.com' }],
    [{ kind: 'redshift-serverless', workgroup: 'acme-wg', database: 'dev', region: 'eu-west-1' }],
  ])('is accepted and kept as given: %j', (resource) => {
    const checked = validateConnectionShape({ ...BASE, resource });
    expect(checked.problems).toEqual([]);
    expect(checked.connection?.resource).toEqual(resource);
  });

  it('is optional: a connection without one is verified on its trust alone', () => {
    expect(validateConnectionShape(BASE)).toEqual({ connection: BASE, problems: [] });
  });

  it('of an unknown kind says which kinds there are', () => {
    expect(problems({ kind: 'gcs', bucket: 'dw' })).toEqual([{ field: 'resource.kind', problem: 'has an unknown kind "gcs"; kind must be "s3", "athena", "redshift" or "redshift-serverless"' }]);
    expect(problems('acme-lake')).toEqual([{ field: 'resource', problem: 'must be an object with a kind ("s3", "athena", "redshift" or "redshift-serverless"), got a string' }]);
  });

  it('reports every problem at once, each with what is allowed, unknown fields first', () => {
    expect(problems({ kind: 's3', bucket: 's3://acme-lake/raw', prefix: '/raw', writable: 'yes', region: 'Ireland', bukcet: 'x' })).toEqual([
      {
        field: 'resource.bukcet',
        problem:
          'is not a field of resource of a connection (allowed: kind, and for "s3": bucket, prefix, writable, region, host; for "athena": workgroup, region, resultsBucket, resultsPrefix, host; for "redshift": clusterIdentifier, database, dbUser, region, host; for "redshift-serverless": workgroup, database, region, host)',
      },
      { field: 'resource.bucket', problem: 'must be the bucket name alone, without s3:// or a path (put the path in the prefix)' },
      { field: 'resource.prefix', problem: 'must not start with / (S3 keys have no leading slash)' },
      { field: 'resource.writable', problem: 'must be true or false, got a string' },
      { field: 'resource.region', problem: 'is not an AWS region name (e.g. eu-west-1, us-gov-west-1)' },
    ]);
  });

  it.each([
    [{ kind: 's3', region: 'eu-west-1' }, 'resource.bucket', "is required: the data bucket's name"],
    [{ kind: 's3', bucket: 'Acme_Lake', region: 'eu-west-1' }, 'resource.bucket', 'is not an S3 bucket name: 3-63 characters from lowercase letters, digits, . and -, starting and ending with a letter or digit'],
    [{ kind: 's3', bucket: 'acme-lake', region: 'eu-west-1', prefix: 'raw' }, 'resource.prefix', 'must end with / (a folder of keys, e.g. "raw/events/")'],
    [{ kind: 's3', bucket: 'acme-lake', region: 'eu-west-1', prefix: `${'p'.repeat(200)}/` }, 'resource.prefix', 'is 201 characters long; at most 200 are allowed'],
    [{ kind: 's3', bucket: 'acme-lake', region: 'eu-west-1', host: 'https://s3.eu-west-1.amazonaws.com/' }, 'resource.host', 'must be a host name alone (letters, digits, . and -), without https:// or a path'],
    [{ kind: 'athena', workgroup: 'my workgroup', region: 'eu-west-1', resultsBucket: 'r-1' }, 'resource.workgroup', 'is not an Athena workgroup name: 1-128 characters from letters, digits, . _ and -'],
    [{ kind: 'athena', workgroup: 'wg', region: 'eu-west-1' }, 'resource.resultsBucket', "is required: the query results bucket's name"],
    [{ kind: 'redshift', clusterIdentifier: 'Acme--DW', database: 'analytics', dbUser: 'q', region: 'eu-west-1' }, 'resource.clusterIdentifier', 'is not a Redshift cluster identifier: 1-63 lowercase letters, digits and hyphens, starting with a letter, without -- or a trailing -'],
    [{ kind: 'redshift', clusterIdentifier: 'acme-dw', database: 'Analytics DB', dbUser: 'q', region: 'eu-west-1' }, 'resource.database', 'is not a Redshift database name: 1-64 lowercase letters, digits, _ and $, starting with a letter or _'],
    [{ kind: 'redshift', clusterIdentifier: 'acme-dw', database: 'dev', region: 'eu-west-1' }, 'resource.dbUser', 'is required: the database user the product logs in as'],
    [{ kind: 'redshift-serverless', workgroup: 'wg', database: 'dev', region: 'eu-west-1' }, 'resource.workgroup', 'is not a Redshift Serverless workgroup name: 3-64 lowercase letters, digits and hyphens'],
  ])('%j: %s %s', (resource, field, problem) => {
    expect(problems(resource)).toEqual([{ field, problem }]);
  });

  it('is carried by a TargetRoleConfigured event and an onboarding request alike', () => {
    const resource = { kind: 's3', bucket: 'acme-lake', region: 'eu-west-1' };
    expect(targetRoleConfiguredDetailSchema.safeParse({ tenantId: 'acme', ...BASE, resource }).success).toBe(true);
    expect(targetRoleConfiguredDetailSchema.safeParse({ tenantId: 'acme', ...BASE, resource: { ...resource, kind: 'gcs' } }).success).toBe(false);
    expect(() => validateOnboardingRequest({ tenantId: 'acme', clusterName: 'acme-prod', targetRoles: [{ ...BASE, resource: { kind: 's3' } }] })).toThrow(
      InvalidOnboardingRequest,
    );
  });
});
