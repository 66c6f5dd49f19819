// Redshift and Redshift Serverless as the permission probes of Redshift connections meet them: a session
// of the customer's target role describes a cluster or workgroup and asks for database credentials,
// decided by the role's identity policies and the session policy.
import {
  ClusterNotFoundFault,
  DescribeClustersCommand,
  GetClusterCredentialsCommand,
  RedshiftClient,
  RedshiftServiceException,
} from '@aws-sdk/client-redshift';
import {
  AccessDeniedException,
  GetCredentialsCommand,
  GetWorkgroupCommand,
  RedshiftServerlessClient,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-redshift-serverless';
import { newClient, useClientEnvironment } from '../../../lib/adapters/aws-client-factory';
import { AwsSandbox, decodeState, encodeState, parseScenario, ScenarioError, type SandboxState } from '../../../lib/sandbox';
import { dataCustomer, dataWorld, probeCredentials, SESSION_ARN } from './data-fixture';
import { CUSTOMER_ACCOUNT, type Fixture, REGION, rejectionOf, startSandbox, stopSandbox, VENDOR_ACCOUNT } from './sandbox-fixture';

let f: Fixture;
afterEach(stopSandbox);

const CLUSTER = 'acme-dw';
const WORKGROUP = 'acme-analytics';
const WORKGROUP_ID = '2b3c4d5e-1a2b-4c3d-8e4f-5a6b7c8d9e0f';
const WORKGROUP_ARN = `arn:aws:redshift-serverless:${REGION}:${CUSTOMER_ACCOUNT}:workgroup/${WORKGROUP_ID}`;
const DBUSER_ARN = `arn:aws:redshift:${REGION}:${CUSTOMER_ACCOUNT}:dbuser:${CLUSTER}/qualytics`;
const DBNAME_ARN = `arn:aws:redshift:${REGION}:${CUSTOMER_ACCOUNT}:dbname:${CLUSTER}/sales`;

/** What the verifier's Redshift probe session may do at most. */
const REDSHIFT_SESSION_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['redshift:DescribeClusters', 'redshift:GetClusterCredentials', 'redshift-serverless:GetWorkgroup', 'redshift-serverless:GetCredentials'],
      Resource: '*',
    },
  ],
};

/** The customer's grant to the target role: its cluster as user qualytics in database sales, and the workgroup. */
const REDSHIFT_POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 'redshift:DescribeClusters', Resource: `arn:aws:redshift:${REGION}:${CUSTOMER_ACCOUNT}:cluster:${CLUSTER}` },
    { Effect: 'Allow', Action: 'redshift:GetClusterCredentials', Resource: [DBUSER_ARN, DBNAME_ARN] },
    { Effect: 'Allow', Action: ['redshift-serverless:GetWorkgroup', 'redshift-serverless:GetCredentials'], Resource: WORKGROUP_ARN },
  ],
};

const REDSHIFT_DATA = {
  redshiftClusters: [{ identifier: CLUSTER, region: REGION, databases: ['sales', 'dev'], dbUsers: ['qualytics'] }],
  redshiftServerlessWorkgroups: [{ name: WORKGROUP, region: REGION, workgroupId: WORKGROUP_ID }],
};

function redshiftWorld(policies: Record<string, unknown> = { redshift: REDSHIFT_POLICY }, data: Record<string, unknown> = REDSHIFT_DATA) {
  return dataWorld(dataCustomer(data, policies));
}

async function clients(fixture: Fixture, options: { region?: string; sessionPolicy?: unknown } = {}) {
  const credentials = await probeCredentials(fixture, 'sessionPolicy' in options ? options.sessionPolicy : REDSHIFT_SESSION_POLICY);
  const region = options.region ?? REGION;
  return {
    redshift: newClient('redshift', RedshiftClient, { region, credentials }),
    serverless: newClient('redshift-serverless', RedshiftServerlessClient, { region, credentials }),
  };
}

const denied = (action: string, resource: string, reason: string) =>
  `User: ${SESSION_ARN} is not authorized to perform: ${action} on resource: ${resource} ${reason}`;

describe('sandbox Redshift DescribeClusters', () => {
  it('describes a cluster of the caller\'s account and region, with its endpoint on port 5439', async () => {
    // Prepare
    f = startSandbox(redshiftWorld());
    const { redshift } = await clients(f);

    // Act
    const output = await redshift.send(new DescribeClustersCommand({ ClusterIdentifier: CLUSTER }));

    // Assess
    expect(output.Clusters).toHaveLength(1);
    expect(output.Clusters![0]).toMatchObject({
      ClusterIdentifier: CLUSTER,
      ClusterStatus: 'available',
      DBName: 'sales',
      Endpoint: { Address: expect.stringMatching(new RegExp(`^${CLUSTER}\\.[a-z0-9]{12}\\.${REGION}\\.redshift\\.amazonaws\\.com$`)), Port: 5439 },
      ClusterNamespaceArn: expect.stringMatching(new RegExp(`^arn:aws:redshift:${REGION}:${CUSTOMER_ACCOUNT}:namespace:[0-9a-f-]{36}$`)),
      ClusterCreateTime: expect.any(Date),
    });
  });

  it('shows a paused cluster and an endpoint given in the scenario as they are', async () => {
    // Prepare
    const data = { redshiftClusters: [{ identifier: CLUSTER, region: REGION, status: 'paused', endpoint: 'dw.internal.example.com' }] };
    f = startSandbox(redshiftWorld(undefined, data));
    const { redshift } = await clients(f);

    // Act
    const output = await redshift.send(new DescribeClustersCommand({ ClusterIdentifier: CLUSTER }));

    // Assess
    expect(output.Clusters![0]).toMatchObject({ ClusterStatus: 'paused', DBName: 'dev', Endpoint: { Address: 'dw.internal.example.com', Port: 5439 } });
  });

  it('answers a cluster that is not there, or not in this region, with ClusterNotFoundFault (ClusterNotFound, 404)', async () => {
    // Prepare
    const anyCluster = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'redshift:DescribeClusters', Resource: '*' }] };
    f = startSandbox(redshiftWorld({ any: anyCluster }));
    const { redshift } = await clients(f);
    const elsewhere = (await clients(f, { region: 'us-east-1' })).redshift;

    // Act
    const missing = await rejectionOf(redshift.send(new DescribeClustersCommand({ ClusterIdentifier: 'nope' })));
    const otherRegion = await rejectionOf(elsewhere.send(new DescribeClustersCommand({ ClusterIdentifier: CLUSTER })));

    // Assess
    expect(missing).toBeInstanceOf(ClusterNotFoundFault);
    expect(missing).toMatchObject({
      name: 'ClusterNotFoundFault',
      message: 'Cluster nope not found.',
      Code: 'ClusterNotFound',
      $fault: 'client',
      $metadata: { httpStatusCode: 404 },
    });
    expect(otherRegion.message).toBe(`Cluster ${CLUSTER} not found.`);
  });

  it('refuses a role no policy grants, as AccessDenied naming the cluster ARN', async () => {
    // Prepare
    f = startSandbox(redshiftWorld({}));
    const { redshift } = await clients(f);

    // Act
    const error = await rejectionOf(redshift.send(new DescribeClustersCommand({ ClusterIdentifier: CLUSTER })));

    // Assess
    expect(error).toBeInstanceOf(RedshiftServiceException);
    expect(error).toMatchObject({ name: 'AccessDenied', Code: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    expect(error.message).toBe(
      denied(
        'redshift:DescribeClusters',
        `arn:aws:redshift:${REGION}:${CUSTOMER_ACCOUNT}:cluster:${CLUSTER}`,
        'because no identity-based policy allows the redshift:DescribeClusters action',
      ),
    );
    expect(f.sandbox.callsTo('redshift', 'DescribeClusters')[0]).toMatchObject({ accountId: CUSTOMER_ACCOUNT, error: 'AccessDenied' });
  });
});

describe('sandbox Redshift GetClusterCredentials', () => {
  it('issues a temporary password for IAM:<user>, expiring after DurationSeconds (900 unless told)', async () => {
    // Prepare
    f = startSandbox(redshiftWorld());
    const { redshift } = await clients(f);

    // Act
    const output = await redshift.send(new GetClusterCredentialsCommand({ ClusterIdentifier: CLUSTER, DbUser: 'qualytics', DbName: 'sales' }));
    const longer = await redshift.send(new GetClusterCredentialsCommand({ ClusterIdentifier: CLUSTER, DbUser: 'qualytics', DurationSeconds: 3600 }));

    // Assess
    expect(output.DbUser).toBe('IAM:qualytics');
    expect(output.DbPassword).toMatch(/^[A-Za-z0-9+/=]{40,}$/);
    expect(output.Expiration).toEqual(new Date(f.clock.now + 900_000));
    expect(longer.Expiration).toEqual(new Date(f.clock.now + 3_600_000));
    expect(longer.DbPassword).not.toBe(output.DbPassword);
  });

  it('issues credentials for a database user the cluster does not have, as AWS does (the login fails later)', async () => {
    // Prepare
    const anyUser = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'redshift:GetClusterCredentials', Resource: '*' }] };
    f = startSandbox(redshiftWorld({ any: anyUser }));
    const { redshift } = await clients(f);

    // Act
    const output = await redshift.send(new GetClusterCredentialsCommand({ ClusterIdentifier: CLUSTER, DbUser: 'someone' }));

    // Assess
    expect(output.DbUser).toBe('IAM:someone');
  });

  it('prefixes IAMA: with AutoCreate, which needs redshift:CreateClusterUser too', async () => {
    // Prepare
    const createUser = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'redshift:CreateClusterUser', Resource: DBUSER_ARN }] };
    f = startSandbox(redshiftWorld({ redshift: REDSHIFT_POLICY, create: createUser }));
    const allRedshift = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'redshift:*', Resource: '*' }] };
    const { redshift } = await clients(f, { sessionPolicy: allRedshift });
    const narrow = (await clients(f)).redshift;

    // Act
    const output = await redshift.send(new GetClusterCredentialsCommand({ ClusterIdentifier: CLUSTER, DbUser: 'qualytics', AutoCreate: true }));
    const error = await rejectionOf(narrow.send(new GetClusterCredentialsCommand({ ClusterIdentifier: CLUSTER, DbUser: 'qualytics', AutoCreate: true })));

    // Assess
    expect(output.DbUser).toBe('IAMA:qualytics');
    expect(error.message).toBe(denied('redshift:CreateClusterUser', DBUSER_ARN, 'because no session policy allows the redshift:CreateClusterUser action'));
  });

  it.each([
    ['no identity policy allows it', {}, REDSHIFT_SESSION_POLICY, 'because no identity-based policy allows the redshift:GetClusterCredentials action'],
    [
      'the session policy leaves it out',
      { redshift: REDSHIFT_POLICY },
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'redshift:DescribeClusters', Resource: '*' }] },
      'because no session policy allows the redshift:GetClusterCredentials action',
    ],
    [
      'the session policy denies it',
      { redshift: REDSHIFT_POLICY },
      { Version: '2012-10-17', Statement: [...REDSHIFT_SESSION_POLICY.Statement, { Effect: 'Deny', Action: 'redshift:GetClusterCredentials', Resource: '*' }] },
      'with an explicit deny in a session policy',
    ],
  ])('refuses when %s, as AccessDenied (403) naming the dbuser ARN unquoted', async (_case, policies, sessionPolicy, reason) => {
    // Prepare
    f = startSandbox(redshiftWorld(policies));
    const { redshift } = await clients(f, { sessionPolicy });

    // Act
    const error = await rejectionOf(redshift.send(new GetClusterCredentialsCommand({ ClusterIdentifier: CLUSTER, DbUser: 'qualytics', DbName: 'sales' })));

    // Assess
    expect(error).toBeInstanceOf(RedshiftServiceException);
    expect(error).not.toBeInstanceOf(ClusterNotFoundFault);
    expect(error).toMatchObject({
      name: 'AccessDenied',
      Code: 'AccessDenied',
      Error: { Type: 'Sender', Code: 'AccessDenied' },
      $fault: 'client',
      $metadata: { httpStatusCode: 403 },
    });
    expect(error.message).toBe(denied('redshift:GetClusterCredentials', DBUSER_ARN, reason));
  });

  it('refuses a database the policy does not name, naming the dbname ARN', async () => {
    // Prepare
    const userOnly = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'redshift:GetClusterCredentials', Resource: DBUSER_ARN }] };
    f = startSandbox(redshiftWorld({ user: userOnly }));
    const { redshift } = await clients(f);

    // Act
    const withoutDb = await redshift.send(new GetClusterCredentialsCommand({ ClusterIdentifier: CLUSTER, DbUser: 'qualytics' }));
    const error = await rejectionOf(redshift.send(new GetClusterCredentialsCommand({ ClusterIdentifier: CLUSTER, DbUser: 'qualytics', DbName: 'sales' })));

    // Assess
    expect(withoutDb.DbUser).toBe('IAM:qualytics');
    expect(error).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    expect(error.message).toBe(denied('redshift:GetClusterCredentials', DBNAME_ARN, 'because no identity-based policy allows the redshift:GetClusterCredentials action'));
  });

  it('answers an unknown cluster with ClusterNotFoundFault once the caller is allowed', async () => {
    // Prepare
    const anyUser = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'redshift:GetClusterCredentials', Resource: '*' }] };
    f = startSandbox(redshiftWorld({ any: anyUser }));
    const { redshift } = await clients(f);

    // Act
    const error = await rejectionOf(redshift.send(new GetClusterCredentialsCommand({ ClusterIdentifier: 'nope', DbUser: 'qualytics' })));

    // Assess
    expect(error).toBeInstanceOf(ClusterNotFoundFault);
    expect(error).toMatchObject({ message: 'Cluster nope not found.', Code: 'ClusterNotFound', $metadata: { httpStatusCode: 404 } });
  });
});

describe('sandbox Redshift Serverless GetWorkgroup and GetCredentials', () => {
  it('describes a workgroup with its id, ARN, namespace and endpoint', async () => {
    // Prepare
    f = startSandbox(redshiftWorld());
    const { serverless } = await clients(f);

    // Act
    const output = await serverless.send(new GetWorkgroupCommand({ workgroupName: WORKGROUP }));

    // Assess
    expect(output.workgroup).toMatchObject({
      workgroupName: WORKGROUP,
      workgroupId: WORKGROUP_ID,
      workgroupArn: WORKGROUP_ARN,
      namespaceName: `${WORKGROUP}-ns`,
      status: 'AVAILABLE',
      endpoint: { address: `${WORKGROUP}.${CUSTOMER_ACCOUNT}.${REGION}.redshift-serverless.amazonaws.com`, port: 5439 },
      creationDate: expect.any(Date),
    });
  });

  it('answers an unknown workgroup with ResourceNotFoundException, HTTP 400', async () => {
    // Prepare
    f = startSandbox(redshiftWorld());
    const { serverless } = await clients(f);

    // Act
    const missing = await rejectionOf(serverless.send(new GetWorkgroupCommand({ workgroupName: 'nope' })));
    const credentials = await rejectionOf(serverless.send(new GetCredentialsCommand({ workgroupName: 'nope' })));

    // Assess
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Serverless workgroup nope not found.',
      __type: 'ResourceNotFoundException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
    expect(credentials).toBeInstanceOf(ResourceNotFoundException);
  });

  it('issues credentials for IAMR:<role name> to a session of the role', async () => {
    // Prepare
    f = startSandbox(redshiftWorld());
    const { serverless } = await clients(f);

    // Act
    const output = await serverless.send(new GetCredentialsCommand({ workgroupName: WORKGROUP, dbName: 'dev', durationSeconds: 1800 }));

    // Assess
    expect(output.dbUser).toBe('IAMR:qualytics-s3-read');
    expect(output.dbPassword).toEqual(expect.any(String));
    expect(output.expiration).toEqual(new Date(f.clock.now + 1_800_000));
    expect(output.nextRefreshTime).toEqual(expect.any(Date));
  });

  it.each([
    ['GetWorkgroup', 'no identity policy allows it', {}, REDSHIFT_SESSION_POLICY, 'because no identity-based policy allows the redshift-serverless:GetWorkgroup action'],
    ['GetCredentials', 'no identity policy allows it', {}, REDSHIFT_SESSION_POLICY, 'because no identity-based policy allows the redshift-serverless:GetCredentials action'],
    [
      'GetCredentials',
      'the session policy leaves it out',
      { redshift: REDSHIFT_POLICY },
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'redshift-serverless:GetWorkgroup', Resource: '*' }] },
      'because no session policy allows the redshift-serverless:GetCredentials action',
    ],
  ])('refuses %s when %s, as AccessDeniedException (400) naming the workgroup ARN', async (operation, _case, policies, sessionPolicy, reason) => {
    // Prepare
    f = startSandbox(redshiftWorld(policies));
    const { serverless } = await clients(f, { sessionPolicy });
    const command = operation === 'GetWorkgroup' ? new GetWorkgroupCommand({ workgroupName: WORKGROUP }) : new GetCredentialsCommand({ workgroupName: WORKGROUP });

    // Act
    const error = await rejectionOf(serverless.send(command as GetWorkgroupCommand));

    // Assess
    expect(error).toBeInstanceOf(AccessDeniedException);
    expect(error).toMatchObject({ name: 'AccessDeniedException', __type: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
    expect(error.message).toBe(denied(`redshift-serverless:${operation}`, WORKGROUP_ARN, reason));
    expect(f.sandbox.callsTo('redshift-serverless', operation)[0]).toMatchObject({ accountId: CUSTOMER_ACCOUNT, error: 'AccessDeniedException' });
  });

  it('refuses a duration outside 900-3600 seconds and a workgroup name Redshift Serverless would not accept', async () => {
    // Prepare
    f = startSandbox(redshiftWorld());
    const { serverless } = await clients(f);

    // Act
    const error = await rejectionOf(serverless.send(new GetCredentialsCommand({ workgroupName: 'Bad_Name', durationSeconds: 60 })));

    // Assess
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(
      "2 validation errors detected: Value 'Bad_Name' at 'workgroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9-]+$; " +
        "Value '60' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    );
  });
});

describe('sandbox Redshift state and helpers', () => {
  it('keeps clusters and workgroups added by hand through a saved state', async () => {
    // Prepare: the probe session is issued before the state is saved, and calls the restored sandbox.
    f = startSandbox(redshiftWorld({ redshift: REDSHIFT_POLICY }, {}));
    const endpoint = f.sandbox.addRedshiftCluster({ identifier: CLUSTER, region: REGION, dbUsers: ['qualytics'] }, CUSTOMER_ACCOUNT);
    const arn = f.sandbox.addRedshiftServerlessWorkgroup({ name: WORKGROUP, region: REGION, workgroupId: WORKGROUP_ID }, CUSTOMER_ACCOUNT);
    const credentials = await probeCredentials(f, REDSHIFT_SESSION_POLICY);
    const state: SandboxState = decodeState(JSON.parse(JSON.stringify(encodeState(f.sandbox.exportState()))));

    // Act
    const restored = AwsSandbox.fromScenario(
      parseScenario({
        name: 'unit',
        description: 'unit test world',
        vendor: { accountId: VENDOR_ACCOUNT, region: REGION },
        clusters: [{ name: 'acme-prod', oidcProviderExists: true }],
        ...redshiftWorld({ redshift: REDSHIFT_POLICY }, {}),
      }),
      { now: () => f.clock.now },
    );
    restored.importState(state);
    useClientEnvironment(restored.clientEnvironment());
    const redshift = newClient('redshift', RedshiftClient, { region: REGION, credentials });
    const serverless = newClient('redshift-serverless', RedshiftServerlessClient, { region: REGION, credentials });
    const cluster = await redshift.send(new DescribeClustersCommand({ ClusterIdentifier: CLUSTER }));
    const workgroup = await serverless.send(new GetWorkgroupCommand({ workgroupName: WORKGROUP }));

    // Assess
    expect(arn).toBe(WORKGROUP_ARN);
    expect(cluster.Clusters![0]!.Endpoint).toEqual({ Address: endpoint, Port: 5439 });
    expect(cluster.Clusters![0]!.ClusterCreateTime).toBeInstanceOf(Date);
    expect(workgroup.workgroup?.workgroupArn).toBe(WORKGROUP_ARN);
  });
});

describe('sandbox scenarios: customers\' Redshift clusters and serverless workgroups', () => {
  const VALID = { name: 'valid', description: 'a valid scenario', vendor: { accountId: VENDOR_ACCOUNT, region: REGION }, clusters: [] };
  const customer = (data: Record<string, unknown>) => ({ accountId: CUSTOMER_ACCOUNT, ...data });

  function problemsOf(json: unknown): ScenarioError['problems'] {
    try {
      AwsSandbox.fromScenario(parseScenario(json, 'test.json'));
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      return (error as ScenarioError).problems;
    }
    throw new Error('expected the scenario to be rejected');
  }

  it('applies the defaults: database dev, no users, available; namespace <name>-ns and a derived workgroup id', () => {
    // Act
    const scenario = parseScenario({
      ...VALID,
      customers: [customer({ redshiftClusters: [{ identifier: CLUSTER, region: REGION }], redshiftServerlessWorkgroups: [{ name: WORKGROUP, region: REGION }] })],
    });
    const sandbox = AwsSandbox.fromScenario(scenario);
    const arn = sandbox.addRedshiftServerlessWorkgroup({ name: 'other', region: REGION }, CUSTOMER_ACCOUNT);

    // Assess
    expect(scenario.customers[0]!.redshiftClusters[0]).toEqual({ identifier: CLUSTER, region: REGION, databases: ['dev'], dbUsers: [], status: 'available' });
    expect(scenario.customers[0]!.redshiftServerlessWorkgroups[0]).toEqual({ name: WORKGROUP, region: REGION, databases: ['dev'] });
    expect(arn).toMatch(new RegExp(`^arn:aws:redshift-serverless:${REGION}:${CUSTOMER_ACCOUNT}:workgroup/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`));
    expect(sandbox.addRedshiftServerlessWorkgroup({ name: 'other', region: REGION }, CUSTOMER_ACCOUNT)).toBe(arn);
  });

  it.each([
    [
      'a cluster identifier with upper case',
      { redshiftClusters: [{ identifier: 'Acme-DW', region: REGION }] },
      'customers[0].redshiftClusters[0].identifier',
      'must be a Redshift cluster identifier: 1-63 lower-case letters, digits and -, starting with a letter',
    ],
    [
      'a cluster identifier ending in -',
      { redshiftClusters: [{ identifier: 'acme-', region: REGION }] },
      'customers[0].redshiftClusters[0].identifier',
      'must be a Redshift cluster identifier (no "--", no - at the end)',
    ],
    [
      'two clusters of one identifier in one region',
      { redshiftClusters: [{ identifier: CLUSTER, region: REGION }, { identifier: CLUSTER, region: REGION }] },
      'customers[0].redshiftClusters[1].identifier',
      `duplicates redshiftClusters[0] (in ${REGION})`,
    ],
    [
      'a database user PUBLIC',
      { redshiftClusters: [{ identifier: CLUSTER, region: REGION, dbUsers: ['public'] }] },
      'customers[0].redshiftClusters[0].dbUsers[0]',
      'cannot be PUBLIC (Redshift database user names)',
    ],
    [
      'a cluster status Redshift does not have here',
      { redshiftClusters: [{ identifier: CLUSTER, region: REGION, status: 'deleting' }] },
      'customers[0].redshiftClusters[0].status',
      'must be one of available, paused, got "deleting"',
    ],
    [
      'an endpoint that is not a host name',
      { redshiftClusters: [{ identifier: CLUSTER, region: REGION, endpoint: 'https://acme-dw.example.com:5439' }] },
      'customers[0].redshiftClusters[0].endpoint',
      'must be a lower-case host name such as acme-dw.abc123xyz789.eu-west-1.redshift.amazonaws.com',
    ],
    [
      'two workgroups of one name in one region',
      { redshiftServerlessWorkgroups: [{ name: WORKGROUP, region: REGION }, { name: WORKGROUP, region: REGION }] },
      'customers[0].redshiftServerlessWorkgroups[1].name',
      `duplicates redshiftServerlessWorkgroups[0] (in ${REGION})`,
    ],
    [
      'two workgroups with one id',
      { redshiftServerlessWorkgroups: [{ name: 'a-wg', region: REGION, workgroupId: WORKGROUP_ID }, { name: 'b-wg', region: 'us-east-1', workgroupId: WORKGROUP_ID }] },
      'customers[0].redshiftServerlessWorkgroups[1].workgroupId',
      'duplicates the workgroupId of redshiftServerlessWorkgroups[0]',
    ],
    [
      'a workgroup id that is not a UUID',
      { redshiftServerlessWorkgroups: [{ name: WORKGROUP, region: REGION, workgroupId: 'wg-1' }] },
      'customers[0].redshiftServerlessWorkgroups[0].workgroupId',
      'must be a UUID such as 2b3c4d5e-1a2b-4c3d-8e4f-5a6b7c8d9e0f',
    ],
    [
      'a workgroup name with upper case',
      { redshiftServerlessWorkgroups: [{ name: 'Analytics', region: REGION }] },
      'customers[0].redshiftServerlessWorkgroups[0].name',
      'must be a Redshift Serverless name: 3-64 lower-case letters, digits and -',
    ],
    [
      'an unknown field on a workgroup',
      { redshiftServerlessWorkgroups: [{ name: WORKGROUP, region: REGION, baseCapacity: 8 }] },
      'customers[0].redshiftServerlessWorkgroups[0]',
      'has unknown field "baseCapacity"',
    ],
  ])('names the path and the problem for %s', (_case, data, problemPath, message) => {
    // Act
    const problems = problemsOf({ ...VALID, customers: [customer(data)] });

    // Assess
    expect(problems).toContainEqual({ path: problemPath, message });
  });
});
