import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AwsSandbox, loadScenario, parseScenario, ScenarioError } from '../../../lib/sandbox';
import { EC2_TRUST } from './sandbox-fixture';

const SCENARIOS = path.resolve(__dirname, '../../../scenarios');
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

  it('seeds the roles of role-already-ours.json with our tags and a drifted trust policy', () => {
    // Act
    const sandbox = AwsSandbox.fromScenario(loadScenario(path.join(SCENARIOS, 'role-already-ours.json')));
    const role = sandbox.getRole('acme-dataplane-role');

    // Assess
    expect(role?.tags).toEqual({ 'managed-by': 'tenant-dataplane-onboarding', 'tenant-id': 'acme', 'eks-cluster': 'acme-prod' });
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
    ['a fault on an unknown service', { ...VALID, faults: [{ service: 's3', operation: 'GetObject', error: 'SlowDown' }] }, 'faults[0].service', 'must be one of iam, sts, eks, sqs, cloudtrail, sfn, got "s3"'],
  ])('names the path and the problem for %s', (_case, json, problemPath, message) => {
    // Act
    const problems = problemsOf(json);

    // Assess
    expect(problems).toContainEqual({ path: problemPath, message });
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
      'Scenario broken.json is invalid:\n' +
        '  - name: must not be empty\n' +
        '  - description: is required\n' +
        '  - vendor.accountId: must be a 12-digit AWS account id',
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
    expect(notJson).toThrow(`Scenario ${broken} is invalid:\n  - (file): is not valid JSON`);
    expect(missing).toThrow('(file): cannot be read');
  });
});
