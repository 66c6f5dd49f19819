// The policies we write, judged by what they let through (with the same evaluator the sandbox's STS
// uses), and the comparison that decides whether a role needs converging.
import { canonicalJson, customerTargetRoleTrustPolicy, dataplaneInlinePolicy, dataplaneTrustPolicy, EXTERNAL_ID_PLACEHOLDER, issuerHostPath, oidcProviderArn, samePolicy } from '../../../../lib/domain/onboarding/policies';
import { parsePolicyDocument } from '../../../../lib/iam-policy';
import { evaluatePolicy, principalFromArn, RequestContext } from '../../../../lib/iam-policy';

const ACCOUNT = '111111111111';
const ISSUER = 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC';
const HOST = 'oidc.eks.eu-west-1.amazonaws.com/id/ABC';
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/${HOST}`;
const VERIFIER = `arn:aws:iam::${ACCOUNT}:role/onboarding-verifier`;
const DATAPLANE = `arn:aws:iam::${ACCOUNT}:role/acme-dataplane-role`;
const trust = dataplaneTrustPolicy({ oidcProviderArn: PROVIDER, issuerUrl: ISSUER, namespace: 'qualytics', serviceAccount: 'qualytics-spark' }, VERIFIER);

function webIdentity(provider: string, sub: string, aud = 'sts.amazonaws.com'): RequestContext {
  return {
    principal: principalFromArn(provider),
    action: 'sts:AssumeRoleWithWebIdentity',
    resource: DATAPLANE,
    conditionKeys: { [`${HOST}:sub`]: sub, [`${HOST}:aud`]: aud },
  };
}

function verifierSession(session: string, action = 'sts:AssumeRole'): RequestContext {
  return {
    principal: principalFromArn(`arn:aws:sts::${ACCOUNT}:assumed-role/onboarding-verifier/${session}`),
    action,
    resource: DATAPLANE,
    conditionKeys: { 'sts:RoleSessionName': session },
  };
}

describe("the dataplane role's trust policy", () => {
  it.each<[string, RequestContext, boolean]>([
    ["the tenant's Spark ServiceAccount", webIdentity(PROVIDER, 'system:serviceaccount:qualytics:qualytics-spark'), true],
    ['another ServiceAccount of the namespace', webIdentity(PROVIDER, 'system:serviceaccount:qualytics:default'), false],
    ['the same ServiceAccount name in another namespace', webIdentity(PROVIDER, 'system:serviceaccount:other:qualytics-spark'), false],
    ['a token for another audience', webIdentity(PROVIDER, 'system:serviceaccount:qualytics:qualytics-spark', 'vault'), false],
    ["another cluster's provider", webIdentity(`arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/XYZ`, 'system:serviceaccount:qualytics:qualytics-spark'), false],
    ['the verifier with a verify- session', verifierSession('verify-acme-s3-1-dp'), true],
    ['the verifier with another session name', verifierSession('debug-session'), false],
    ['the verifier asking for web identity', verifierSession('verify-x', 'sts:AssumeRoleWithWebIdentity'), false],
  ])('%s: allowed = %s', (_name, request, allowed) => {
    expect(evaluatePolicy(trust, request, 'trust').decision).toBe(allowed ? 'allowed' : 'implicitDeny');
  });

  it('pins sub and aud with StringEquals and the verifier with StringLike on the session name only', () => {
    expect(trust.Statement.map((s) => s.Condition)).toEqual([
      { StringEquals: { [`${HOST}:sub`]: 'system:serviceaccount:qualytics:qualytics-spark', [`${HOST}:aud`]: 'sts.amazonaws.com' } },
      { StringLike: { 'sts:RoleSessionName': 'verify-*' } },
    ]);
  });
});

describe('the inline policy and the customer trust policy', () => {
  it('the dataplane role may only assume roles of other accounts, in its own partition', () => {
    const request = (action: string, resource: string): RequestContext => ({ principal: principalFromArn(DATAPLANE), action, resource, conditionKeys: {} });
    const aws = dataplaneInlinePolicy('111111111111');
    expect(evaluatePolicy(aws, request('sts:AssumeRole', 'arn:aws:iam::222222222222:role/DataQualityReader'), 'identity').decision).toBe('allowed');
    expect(evaluatePolicy(aws, request('s3:GetObject', 'arn:aws:iam::222222222222:role/DataQualityReader'), 'identity').decision).toBe('implicitDeny');
    expect(evaluatePolicy(aws, request('sts:AssumeRole', 'arn:aws-cn:iam::222222222222:role/x'), 'identity').decision).toBe('implicitDeny');
    expect(evaluatePolicy(dataplaneInlinePolicy('111111111111', 'aws-cn'), request('sts:AssumeRole', 'arn:aws-cn:iam::222222222222:role/x'), 'identity').decision).toBe('allowed');
  });

  it("names its statements, as explain and the evaluator's reasons quote them", () => {
    const request: RequestContext = { principal: principalFromArn(DATAPLANE), action: 'sts:AssumeRole', resource: 'arn:aws:iam::111111111111:role/x', conditionKeys: {} };
    const ours = evaluatePolicy(dataplaneInlinePolicy('111111111111'), request, 'identity');
    expect(dataplaneInlinePolicy('111111111111').Statement.map((s) => s.Sid)).toEqual(['AssumeCustomerTargetRoles', 'NoRoleOfOurOwnAccount']);
    expect(ours.decision).toBe('explicitDeny');
    expect(ours.statements.flatMap((s) => s.reasons).join('\n')).toContain('Sid "NoRoleOfOurOwnAccount"');
  });

  it('the customer trusts exactly our dataplane role, and only with the External ID', () => {
    const policy = customerTargetRoleTrustPolicy(DATAPLANE);
    const request = (externalId?: string): RequestContext => ({
      principal: principalFromArn(`arn:aws:sts::${ACCOUNT}:assumed-role/acme-dataplane-role/s`),
      action: 'sts:AssumeRole',
      resource: 'arn:aws:iam::222222222222:role/DataQualityReader',
      conditionKeys: externalId === undefined ? {} : { 'sts:ExternalId': externalId },
    });
    expect(evaluatePolicy(policy, request(EXTERNAL_ID_PLACEHOLDER), 'trust').decision).toBe('allowed');
    expect(evaluatePolicy(policy, request(), 'trust').decision).toBe('implicitDeny');
    expect(evaluatePolicy(policy, request('something-else'), 'trust').decision).toBe('implicitDeny');
    expect(policy.Statement[0]).toMatchObject({ Sid: 'AllowVendorDataplaneWithExternalId', Principal: { AWS: DATAPLANE } });
  });
});

describe('names', () => {
  it.each([
    ['https://oidc.eks.eu-west-1.amazonaws.com/id/ABC', HOST],
    ['https://oidc.eks.eu-west-1.amazonaws.com/id/ABC/', HOST],
    ['https://oidc.eks.eu-west-1.amazonaws.com/id/ABC///', HOST],
    ['oidc.eks.eu-west-1.amazonaws.com/id/ABC', HOST],
    ['http://oidc.example/https://x', 'http://oidc.example/https://x'],
  ])('the issuer %s is %s to IAM', (url, host) => {
    expect(issuerHostPath(url)).toBe(host);
  });

  it('the OIDC provider ARN is in the given partition, aws by default', () => {
    expect(oidcProviderArn(ACCOUNT, ISSUER)).toBe(PROVIDER);
    expect(oidcProviderArn(ACCOUNT, ISSUER, 'aws-cn')).toBe(`arn:aws-cn:iam::${ACCOUNT}:oidc-provider/${HOST}`);
  });
});

describe('comparing policies', () => {
  it('key order and undefined members do not matter; values, array order and types do', () => {
    expect(samePolicy({ b: 1, a: [1, { y: 2, x: 1 }] }, { a: [1, { x: 1, y: 2 }], b: 1, c: undefined })).toBe(true);
    expect(samePolicy({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(samePolicy({ a: '1' }, { a: 1 })).toBe(false);
    expect(samePolicy({ a: null }, { a: 'null' })).toBe(false);
    expect(samePolicy(undefined, {})).toBe(false);
    expect(canonicalJson({ b: [true, null], a: 'x', aa: 1, B: 2 })).toBe('{"B":2,"a":"x","aa":1,"b":[true,null]}');
    expect(canonicalJson({ a: 1, b: 2, c: 3 })).toBe('{"a":1,"b":2,"c":3}');
    expect(canonicalJson({ c: 3, b: 2, a: 1 })).toBe('{"a":1,"b":2,"c":3}');
  });

  it('reads IAM\'s URL-encoded documents and plain JSON, leading whitespace included', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/a%b' }] };
    expect(parsePolicyDocument(encodeURIComponent(JSON.stringify(doc)))).toEqual(doc);
    expect(parsePolicyDocument(`  \n${JSON.stringify(doc)}`)).toEqual(doc);
    expect(() => parsePolicyDocument('%7Bnot json')).toThrow(SyntaxError);
  });
});
