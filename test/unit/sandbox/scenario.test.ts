import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AwsSandbox, loadScenario, parseScenario, ScenarioError } from '../../../lib/sandbox';
import { EC2_TRUST } from './sandbox-fixture';

const SCENARIOS = path.resolve(__dirname, '../../../scenarios');
const CUSTOMER = '222222222222';
const TARGET = { name: 'target', trustPolicy: EC2_TRUST };
const VALID = {
  name: 'valid',
  description: 'a valid scenario',
  vendor: { accountId: '111111111111', region: 'eu-west-1' },
  clusters: [{ name: 'acme-prod' }],
};

function problemsOf(json: unknown): ScenarioError['problems'] {
  try {
    parseScenario(json, 'test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as ScenarioError).problems;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('sandbox scenarios', () => {
  it.each(readdirSync(SCENARIOS).filter((f) => f.endsWith('.json')))('ships %s as a valid scenario', (file) => {
    // Act
    const scenario = loadScenario(path.join(SCENARIOS, file));
    const sandbox = AwsSandbox.fromScenario(scenario);

    // Assess
    expect(`${scenario.name}.json`).toBe(file);
    expect(scenario.vendor).toEqual({ accountId: '111111111111', region: 'eu-west-1' });
    expect(sandbox.scenarioName).toBe(scenario.name);
  });

  it('applies defaults: ACTIVE clusters, no OIDC provider, no roles, quotas or faults', () => {
    // Act
    const scenario = parseScenario(VALID);

    // Assess
    expect(scenario.clusters).toEqual([{ name: 'acme-prod', status: 'ACTIVE', oidcProviderExists: false }]);
    expect(scenario).toMatchObject({ roles: [], quotas: {}, faults: [] });
  });

  it('applies defaults: no customers, Spark attempts or connections; IAM and CloudTrail without delay', () => {
    // Act
    const scenario = parseScenario({ ...VALID, customers: [{ accountId: CUSTOMER }] });

    // Assess
    expect(scenario).toMatchObject({ sparkAttempts: [], connections: [], iamPropagationSeconds: 0, cloudTrailDelaySeconds: 0 });
    expect(scenario.customers).toEqual([
      { accountId: CUSTOMER, roles: [], stsDisabledRegions: [], changes: [], buckets: [], kmsKeys: [], athenaWorkgroups: [], redshiftClusters: [], redshiftServerlessWorkgroups: [] },
    ]);
    expect(scenario.organizations).toBeUndefined();
  });

  it.each(readdirSync(SCENARIOS).filter((f) => f.startsWith('verify-')))('gives %s a description and the connection(s) to verify', (file) => {
    // Act
    const scenario = loadScenario(path.join(SCENARIOS, file));

    // Assess
    expect(scenario.description.length).toBeGreaterThan(80);
    expect(scenario.connections.length).toBeGreaterThan(0);
    expect(scenario.customers.map((c) => c.accountId)).toEqual([CUSTOMER]);
    expect(scenario.clusters).toContainEqual({ name: 'acme-prod', status: 'ACTIVE', oidcProviderExists: true });
  });

  it('refuses a role named like the execution role the sandbox creates, and an RCP the policy evaluator cannot read', () => {
    // Prepare
    const shadowing = parseScenario({ ...VALID, roles: [{ name: 'tenant-dataplane-onboarding-lambda', trustPolicy: EC2_TRUST }] });
    const rcpWithoutPrincipal = parseScenario({
      ...VALID,
      organizations: { rcps: { [CUSTOMER]: [{ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sts:*', Resource: '*' }] }] } },
    });

    // Act
    const shadow = () => AwsSandbox.fromScenario(shadowing);
    const rcp = () => AwsSandbox.fromScenario(rcpWithoutPrincipal);

    // Assess
    expect(shadow).toThrow("roles[0].name: is the functions' execution role, which the sandbox creates itself; change its policies with executionRole");
    expect(rcp).toThrow(ScenarioError);
    expect(rcp).toThrow(`organizations.rcps.${CUSTOMER}: PolicyDocumentError: `);
  });

  it('rejects a customer role IAM would refuse, naming the customer and the role', () => {
    // Prepare
    const scenario = parseScenario({
      ...VALID,
      customers: [{ accountId: CUSTOMER, roles: [{ name: 'target', trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Principal: '*' }] } }] }],
    });

    // Act
    const act = () => AwsSandbox.fromScenario(scenario);

    // Assess
    expect(act).toThrow('customers[0].roles[0]: MalformedPolicyDocumentException: AssumeRole policy may only specify STS AssumeRole actions.');
  });

  it('seeds the roles of role-already-ours.json with our tags and a drifted trust policy', () => {
    // Act
    const sandbox = AwsSandbox.fromScenario(loadScenario(path.join(SCENARIOS, 'role-already-ours.json')));
    const role = sandbox.getRole('acme-dataplane-role');

    // Assess
    expect(role?.tags).toEqual({
      'managed-by': 'tenant-dataplane-onboarding',
      'owner-stack': 'tenant-dataplane-onboarding-local',
      'owner-region': 'eu-west-1',
      'tenant-id': 'acme',
      'eks-cluster': 'acme-prod',
    });
    expect(JSON.stringify(role?.trustPolicy)).toContain('system:serviceaccount:default:qualytics-spark');
    expect(role?.inlinePolicies).toEqual({});
    expect(sandbox.calls).toEqual([]);
  });

  it.each([
    ['a missing field', { ...VALID, vendor: { region: 'eu-west-1' } }, 'vendor.accountId', 'is required'],
    ['a bad account id', { ...VALID, vendor: { accountId: '1234', region: 'eu-west-1' } }, 'vendor.accountId', 'must be a 12-digit AWS account id'],
    ['a wrong type', { ...VALID, clusters: [{ name: 'acme-prod', oidcProviderExists: 'yes' }] }, 'clusters[0].oidcProviderExists', 'must be a boolean, got string'],
    ['an unknown field', { ...VALID, clusters: [{ name: 'acme-prod', oidcProvider: true }] }, 'clusters[0]', 'has unknown field "oidcProvider"'],
    ['an unknown status', { ...VALID, clusters: [{ name: 'acme-prod', status: 'RUNNING' }] }, 'clusters[0].status', 'must be one of CREATING, ACTIVE, DELETING, FAILED, UPDATING, PENDING, got "RUNNING"'],
    ['an http issuer', { ...VALID, clusters: [{ name: 'acme-prod', oidcIssuer: 'http://x.example' }] }, 'clusters[0].oidcIssuer', 'must start with https://'],
    ['a provider for a cluster without issuer', { ...VALID, clusters: [{ name: 'acme-prod', oidcIssuer: null, oidcProviderExists: true }] }, 'clusters[0].oidcProviderExists', 'cannot be true for a cluster without an OIDC issuer (oidcIssuer: null)'],
    ['a duplicate cluster', { ...VALID, clusters: [{ name: 'acme-prod' }, { name: 'acme-prod' }] }, 'clusters[1].name', 'duplicates clusters[0] (acme-prod)'],
    ['a role name too long', { ...VALID, roles: [{ name: 'r'.repeat(65), trustPolicy: EC2_TRUST }] }, 'roles[0].name', 'must be at most 64 characters (IAM role names)'],
    ['role names differing in case', { ...VALID, roles: [{ name: 'Acme', trustPolicy: EC2_TRUST }, { name: 'acme', trustPolicy: EC2_TRUST }] }, 'roles[1].name', 'duplicates roles[0] (IAM role names are unique regardless of case)'],
    ['a trust policy that is a string', { ...VALID, roles: [{ name: 'acme', trustPolicy: '{}' }] }, 'roles[0].trustPolicy', 'must be a policy document object ({"Version": ..., "Statement": [...]})'],
    ['a zero quota', { ...VALID, quotas: { rolesPerAccount: 0 } }, 'quotas.rolesPerAccount', 'must be greater than 0'],
    ['a fault with an SDK command name', { ...VALID, faults: [{ service: 'iam', operation: 'CreateRoleCommand', error: 'Throttling' }] }, 'faults[0].operation', 'name the API operation (CreateRole), not the SDK command (CreateRoleCommand)'],
    ['a fault on an unknown service', { ...VALID, faults: [{ service: 'kms', operation: 'Decrypt', error: 'AccessDeniedException' }] }, 'faults[0].service', 'must be one of iam, sts, eks, sqs, cloudtrail, sfn, events, s3, athena, redshift, redshift-serverless, got "kms"'],
    ['a customer in the vendor account', { ...VALID, customers: [{ accountId: '111111111111' }] }, 'customers[0].accountId', 'is the vendor account; a customer has an account of its own'],
    ['two customers in one account', { ...VALID, customers: [{ accountId: CUSTOMER }, { accountId: CUSTOMER }] }, 'customers[1].accountId', 'duplicates customers[0]'],
    ['a change doing two things', { ...VALID, customers: [{ accountId: CUSTOMER, roles: [TARGET], changes: [{ afterAttempts: 1, role: 'target', delete: true, trustPolicy: EC2_TRUST }] }] }, 'customers[0].changes[0]', 'must say exactly one of trustPolicy, delete or create (got trustPolicy and delete)'],
    ['a change after zero attempts', { ...VALID, customers: [{ accountId: CUSTOMER, roles: [TARGET], changes: [{ afterAttempts: 0, role: 'target', delete: true }] }] }, 'customers[0].changes[0].afterAttempts', 'must be greater than 0'],
    ['a change to a role that is gone by then', { ...VALID, customers: [{ accountId: CUSTOMER, roles: [TARGET], changes: [{ afterAttempts: 1, role: 'target', delete: true }, { afterAttempts: 2, role: 'target', trustPolicy: EC2_TRUST }] }] }, 'customers[0].changes[1].role', "names target, which does not exist at that point (the customer's roles then: none)"],
    ['a change creating a role that exists', { ...VALID, customers: [{ accountId: CUSTOMER, roles: [TARGET], changes: [{ afterAttempts: 1, role: 'target', create: { trustPolicy: EC2_TRUST } }] }] }, 'customers[0].changes[0].create', 'creates target, which exists at that point'],
    ['STS off in a region that is not one', { ...VALID, customers: [{ accountId: CUSTOMER, stsDisabledRegions: ['europe'] }] }, 'customers[0].stsDisabledRegions[0]', 'must be an AWS region such as eu-west-1, us-gov-west-1 or eusc-de-east-1'],
    ['an SCP keyed by something else than an account', { ...VALID, organizations: { scps: { acme: [EC2_TRUST] } } }, 'organizations.scps.acme', 'must be a 12-digit AWS account id'],
    ['a negative propagation delay', { ...VALID, iamPropagationSeconds: -1 }, 'iamPropagationSeconds', 'must not be negative'],
    ['a Spark attempt of an unknown kind', { ...VALID, sparkAttempts: [{ action: 'GetSessionToken', tenant: 'acme' }] }, 'sparkAttempts[0].action', 'must be one of AssumeRole, AssumeRoleWithWebIdentity'],
    ['a web identity attempt without an issuer', { ...VALID, sparkAttempts: [{ action: 'AssumeRoleWithWebIdentity', tenant: 'acme', subject: 'system:serviceaccount:qualytics:qualytics-spark' }] }, 'sparkAttempts[0]', 'needs cluster or issuer: whose OIDC issuer the token comes from'],
    ['a web identity attempt from an unknown cluster', { ...VALID, sparkAttempts: [{ action: 'AssumeRoleWithWebIdentity', tenant: 'acme', cluster: 'globex-prod', subject: 's' }] }, 'sparkAttempts[0].cluster', 'names no cluster of this scenario in eu-west-1'],
    ['a connection without an External ID', { ...VALID, connections: [{ connectionId: 'c1', roleArn: 'arn:aws:iam::222222222222:role/target' }] }, 'connections[0].externalId', 'is required'],
    ['two connections with one id', { ...VALID, connections: [{ connectionId: 'c1', roleArn: 'r', externalId: 'e' }, { connectionId: 'c1', roleArn: 'r', externalId: 'e' }] }, 'connections[1].connectionId', 'duplicates connections[0]'],
    ['an execution role override with unknown fields', { ...VALID, executionRole: { trustPolicy: EC2_TRUST } }, 'executionRole', 'has unknown field "trustPolicy"'],
  ])('names the path and the problem for %s', (_case, json, problemPath, message) => {
    // Act
    const problems = problemsOf(json);

    // Assess
    expect(problems).toContainEqual({ path: problemPath, message });
  });

  it.each(['eu-west-1', 'us-gov-west-1', 'cn-northwest-1', 'us-isob-east-1', 'eusc-de-east-1', 'ap-southeast-5'])(
    'accepts the region %s, as the functions\' configuration does',
    (region) => {
      // Act
      const scenario = parseScenario({
        ...VALID,
        vendor: { accountId: '111111111111', region },
        clusters: [{ name: 'acme-prod', region }],
        customers: [{ accountId: CUSTOMER, region, stsDisabledRegions: [region] }],
      });

      // Assess
      expect(scenario.vendor.region).toBe(region);
      expect(scenario.customers[0]?.stsDisabledRegions).toEqual([region]);
    },
  );

  it.each(['europe', 'eu_west_1', 'EU-WEST-1', 'eu-west'])('refuses %s as a region, saying what a region looks like', (region) => {
    expect(problemsOf({ ...VALID, vendor: { accountId: '111111111111', region } })).toContainEqual({
      path: 'vendor.region',
      message: 'must be an AWS region such as eu-west-1, us-gov-west-1 or eusc-de-east-1',
    });
  });

  it('lists the errors a service knows when a fault names another', () => {
    // Act
    const problems = problemsOf({ ...VALID, faults: [{ service: 'iam', operation: 'CreateRole', error: 'SlowDown' }] });

    // Assess
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe('faults[0].error');
    expect(problems[0]?.message).toMatch(/^is not an IAM error the sandbox knows; use one of EntityAlreadyExists, .*Throttling/);
  });

  it('reports every problem at once, in a message that names the source', () => {
    // Act
    let error: unknown;
    try {
      parseScenario({ name: '', vendor: { accountId: 'x', region: 'eu-west-1' }, clusters: [] }, 'broken.json');
    } catch (e) {
      error = e;
    }

    // Assess
    expect((error as Error).message).toBe(
      'scenario broken.json: name: must not be empty\n' +
        'scenario broken.json: description: is required\n' +
        'scenario broken.json: vendor.accountId: must be a 12-digit AWS account id',
    );
  });

  it('rejects a pre-existing role IAM itself would refuse, naming the role', () => {
    // Prepare
    const scenario = parseScenario({
      ...VALID,
      roles: [{ name: 'acme', trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] } }],
    });

    // Act
    const act = () => AwsSandbox.fromScenario(scenario);

    // Assess
    expect(act).toThrow(ScenarioError);
    expect(act).toThrow('roles[0]: MalformedPolicyDocumentException: Missing required field Principal');
  });

  it('names the file when it is missing or not JSON', () => {
    // Prepare
    const dir = mkdtempSync(path.join(tmpdir(), 'scenario-'));
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{ "name": ');

    // Act
    const notJson = () => loadScenario(broken);
    const missing = () => loadScenario(path.join(dir, 'missing.json'));

    // Assess
    expect(notJson).toThrow(`scenario ${broken}: is not valid JSON`);
    expect(missing).toThrow(`scenario ${path.join(dir, 'missing.json')}: cannot be read`);
  });
});
