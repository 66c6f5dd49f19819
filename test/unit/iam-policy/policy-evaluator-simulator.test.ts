// Our trust-policy evaluation (what the sandbox's STS and `explain` decide with) against an
// independent IAM policy simulator, @cloud-copilot/iam-simulate, on trust policies customers write.
// The packaged template's policies are compared in test/template/iam-simulation.test.ts.
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { evaluatePolicy, principalFromArn } from '../../../lib/iam-policy';

const ACCOUNT = '111111111111';
const CUSTOMER_ACCOUNT = '222222222222';
const DATAPLANE_ROLE = `arn:aws:iam::${ACCOUNT}:role/acme-dataplane-role`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/acme-dataplane-role/spark-1772355600`;
const TARGET = `arn:aws:iam::${CUSTOMER_ACCOUNT}:role/qualytics-s3-read`;
const assumeAnything = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] };

/**
 * Keys AWS puts in every signed request's context, which the simulator leaves to its caller (its
 * README: automatic population of context keys is not there yet). For a role session,
 * aws:PrincipalArn is the role's ARN, not the session's (AWS global condition keys). Our evaluator
 * derives both from the caller, as AWS does; the simulator is given them explicitly.
 */
const SIGNED_REQUEST_KEYS = { 'aws:PrincipalArn': DATAPLANE_ROLE, 'aws:PrincipalAccount': ACCOUNT, 'aws:PrincipalType': 'AssumedRole' };

const trust = (condition: Record<string, unknown> | undefined, principal: unknown = { AWS: DATAPLANE_ROLE }) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }],
});

async function simulatorTrustDecision(policy: unknown, request: Record<string, string>) {
  const response = await runSimulation(
    {
      request: {
        principal: SESSION,
        action: 'sts:AssumeRole',
        resource: { resource: TARGET, accountId: CUSTOMER_ACCOUNT },
        contextVariables: { ...SIGNED_REQUEST_KEYS, ...request },
      },
      identityPolicies: [{ name: 'assume-customer-target-roles', policy: assumeAnything }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: policy,
    },
    {},
  );
  if (response.resultType !== 'single') throw new Error(`The simulator refused the request: ${JSON.stringify(response)}`);
  // Cross-account: the trust policy decides once the identity policy allows.
  return response.overallResult === 'Allowed' ? 'allowed' : response.overallResult === 'ExplicitlyDenied' ? 'explicitDeny' : 'implicitDeny';
}

function ourTrustDecision(policy: unknown, request: Record<string, string>) {
  return evaluatePolicy(policy, { principal: principalFromArn(SESSION), action: 'sts:AssumeRole', resource: TARGET, conditionKeys: request }, 'trust')
    .decision;
}

const EXTERNAL_ID = { StringEquals: { 'sts:ExternalId': 'acme-ext-1234' } };
const CASES: [string, unknown, Record<string, string>][] = [
  ['the dataplane role with its External ID', trust(EXTERNAL_ID), { 'sts:ExternalId': 'acme-ext-1234' }],
  ['the dataplane role with a wrong External ID', trust(EXTERNAL_ID), { 'sts:ExternalId': 'acme-ext-9999' }],
  ['the dataplane role without an External ID', trust(EXTERNAL_ID), {}],
  ['the condition key spelled in another case', trust({ StringEquals: { 'STS:EXTERNALID': 'acme-ext-1234' } }), { 'sts:ExternalId': 'acme-ext-1234' }],
  ['our account root with the External ID', trust(EXTERNAL_ID, { AWS: `arn:aws:iam::${ACCOUNT}:root` }), { 'sts:ExternalId': 'acme-ext-1234' }],
  ['our bare account id', trust(undefined, { AWS: ACCOUNT }), {}],
  ['the session ARN as principal', trust(undefined, { AWS: SESSION }), {}],
  ['another role of our account', trust(undefined, { AWS: `arn:aws:iam::${ACCOUNT}:role/globex-dataplane-role` }), {}],
  ['"*" limited by aws:PrincipalArn', trust({ ArnEquals: { 'aws:PrincipalArn': DATAPLANE_ROLE } }, { AWS: '*' }), {}],
  ['"*" limited by aws:PrincipalAccount', trust({ StringEquals: { 'aws:PrincipalAccount': ACCOUNT } }, { AWS: '*' }), {}],
  ['"*" limited to another account', trust({ StringEquals: { 'aws:PrincipalAccount': '333333333333' } }, { AWS: '*' }), {}],
  ['a StringLike External ID pattern', trust({ StringLike: { 'sts:ExternalId': 'acme-*' } }), { 'sts:ExternalId': 'acme-ext-1234' }],
  ['Null sts:ExternalId true (no External ID given)', trust({ Null: { 'sts:ExternalId': 'true' } }), {}],
  ['StringNotEquals on a missing External ID', trust({ StringNotEquals: { 'sts:ExternalId': 'acme-ext-1234' } }), {}],
  [
    'a Deny unless the External ID matches, without one',
    {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: DATAPLANE_ROLE }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'sts:ExternalId': 'acme-ext-1234' } } },
      ],
    },
    {},
  ],
];

describe('our trust-policy evaluation agrees with an independent IAM simulator', () => {
  it.each(CASES)('%s', async (_, policy, request) => {
    // Act
    const simulator = await simulatorTrustDecision(policy, request);
    const ours = ourTrustDecision(policy, request);

    // Assess
    expect(ours).toBe(simulator);
  });
});
