// The customers' data in a scenario: buckets, KMS keys and Athena workgroups, checked up front.
import { AwsSandbox, parseScenario, ScenarioError } from '../../../lib/sandbox';
import { dataCustomer, KEY_ID } from './data-fixture';

const VALID = {
  name: 'valid',
  description: 'a valid scenario',
  vendor: { accountId: '111111111111', region: 'eu-west-1' },
  clusters: [],
};
const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';

function problemsOf(json: unknown): ScenarioError['problems'] {
  try {
    const scenario = parseScenario(json, 'test.json');
    AwsSandbox.fromScenario(scenario);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as ScenarioError).problems;
  }
  throw new Error('expected the scenario to be rejected');
}

const customer = (accountId: string, data: Record<string, unknown>) => ({ accountId, ...data });

describe('sandbox scenarios: customers\' buckets, keys and workgroups', () => {
  it('reads a customer\'s data with its defaults, and keeps a connection\'s resource as given', () => {
    // Act
    const scenario = parseScenario({
      ...VALID,
      customers: [dataCustomer()],
      connections: [{ connectionId: 'acme-lake', roleArn: 'arn:aws:iam::222222222222:role/qualytics-s3-read', externalId: 'e', resource: { kind: 's3', bucket: 'acme-lake', prefix: 'sales/', region: 'eu-west-1' } }],
    });
    const sandbox = AwsSandbox.fromScenario(scenario);

    // Assess
    expect(scenario.customers[0]!.buckets[0]!.objects[1]).toEqual({ key: 'sales/2026/part-1.parquet', size: 1024, kmsKeyId: KEY_ID });
    expect(scenario.customers[0]!.athenaWorkgroups[0]!.state).toBe('ENABLED');
    expect(sandbox.connections[0]!.resource).toEqual({ kind: 's3', bucket: 'acme-lake', prefix: 'sales/', region: 'eu-west-1' });
    expect(sandbox.bucketObjects('acme-lake').map((o) => o.key)).toEqual([
      'sales/2026/part-0.parquet',
      'sales/2026/part-1.parquet',
      'sales/readme.txt',
      'secret/closed.parquet',
    ]);
  });

  it.each([
    [
      'a bucket name used by two customers',
      [customer('222222222222', { buckets: [{ name: 'acme-lake', region: 'eu-west-1' }] }), customer('333333333333', { buckets: [{ name: 'acme-lake', region: 'us-east-1' }] })],
      'customers[1].buckets[0].name',
      'duplicates customers[0].buckets[0] (S3 bucket names are global)',
    ],
    [
      'a default key the customer does not have',
      [customer('222222222222', { buckets: [{ name: 'acme-lake', region: 'eu-west-1', defaultKmsKeyId: KEY }] })],
      'customers[0].buckets[0].defaultKmsKeyId',
      `names no KMS key of this customer (222222222222) in eu-west-1, the bucket's region (its keys there: none)`,
    ],
    [
      'an object key in another region than the bucket',
      [customer('222222222222', { kmsKeys: [{ id: KEY, region: 'us-east-1' }], buckets: [{ name: 'acme-lake', region: 'eu-west-1', objects: [{ key: 'a', kmsKeyId: KEY }] }] })],
      'customers[0].buckets[0].objects[0].kmsKeyId',
      `names no KMS key of this customer (222222222222) in eu-west-1, the bucket's region (its keys there: none)`,
    ],
    [
      'a key ARN of another account',
      [customer('222222222222', { kmsKeys: [{ id: KEY, region: 'eu-west-1' }], buckets: [{ name: 'acme-lake', region: 'eu-west-1', defaultKmsKeyId: `arn:aws:kms:eu-west-1:333333333333:key/${KEY}` }] })],
      'customers[0].buckets[0].defaultKmsKeyId',
      `names no KMS key of this customer (222222222222) in eu-west-1, the bucket's region (its keys there: ${KEY})`,
    ],
    [
      'a key reference that is neither an id nor an ARN',
      [customer('222222222222', { buckets: [{ name: 'acme-lake', region: 'eu-west-1', defaultKmsKeyId: 'alias/aws/s3' }] })],
      'customers[0].buckets[0].defaultKmsKeyId',
      'must be a KMS key id (a UUID) or key ARN (arn:aws:kms:<region>:<account>:key/<id>)',
    ],
    [
      'a bucket name S3 refuses',
      [customer('222222222222', { buckets: [{ name: 'Acme_Lake', region: 'eu-west-1' }] })],
      'customers[0].buckets[0].name',
      'must be an S3 bucket name: 3-63 lower-case letters, digits, . and -, starting and ending with a letter or digit',
    ],
    [
      'two objects with one key',
      [customer('222222222222', { buckets: [{ name: 'acme-lake', region: 'eu-west-1', objects: [{ key: 'a' }, { key: 'a' }] }] })],
      'customers[0].buckets[0].objects[1].key',
      'duplicates objects[0]',
    ],
    [
      'a key id that is not a UUID',
      [customer('222222222222', { kmsKeys: [{ id: 'my-key', region: 'eu-west-1' }] })],
      'customers[0].kmsKeys[0].id',
      'must be a KMS key id: a UUID such as 1234abcd-12ab-34cd-56ef-1234567890ab',
    ],
    [
      'a workgroup output location that is not an S3 URI',
      [customer('222222222222', { athenaWorkgroups: [{ name: 'primary', region: 'eu-west-1', outputLocation: 'https://example.com/' }] })],
      'customers[0].athenaWorkgroups[0].outputLocation',
      'must be an S3 URI such as s3://bucket/prefix/',
    ],
    [
      'an unknown field on a bucket',
      [customer('222222222222', { buckets: [{ name: 'acme-lake', region: 'eu-west-1', versioning: true }] })],
      'customers[0].buckets[0]',
      'has unknown field "versioning"',
    ],
  ])('names the path and the problem for %s', (_case, customers, problemPath, message) => {
    // Act
    const problems = problemsOf({ ...VALID, customers });

    // Assess
    expect(problems).toContainEqual({ path: problemPath, message });
  });

  it('refuses a bucket policy the policy evaluator cannot read, naming the bucket', () => {
    // Act
    const problems = problemsOf({
      ...VALID,
      customers: [customer('222222222222', { buckets: [{ name: 'acme-lake', region: 'eu-west-1', policy: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } }] })],
    });

    // Assess
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('customers[0].buckets[0]');
    expect(problems[0]!.message).toMatch(/^PolicyDocumentError: Statement\[0\]: missing Principal/);
  });
});
