// Trust decisions the product's safety rests on: who a Principal names (the right name with the wrong
// type, account, partition, provider or service must not match), and condition operators that must
// not widen (StringEquals has no wildcards, StringLike is case-sensitive).
import { ConditionValue, evaluatePolicies, evaluatePolicy, principalFromArn, RequestContext, RequestPrincipal } from '../../../lib/iam-policy';

const VENDOR = '111111111111';
const CUSTOMER = '222222222222';
const TARGET_ROLE = `arn:aws:iam::${CUSTOMER}:role/qualytics-s3-access`;
const PROVIDER = `arn:aws:iam::${VENDOR}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/AAAA`;
const OTHER_PROVIDER = `arn:aws:iam::${VENDOR}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/BBBB`;

const p = (arn: string) => principalFromArn(arn);
const session = (role: string, name = 's1', account = VENDOR, partition = 'aws') =>
  p(`arn:${partition}:sts::${account}:assumed-role/${role}/${name}`);
const role = (name: string, account = VENDOR, partition = 'aws') => p(`arn:${partition}:iam::${account}:role/${name}`);
const user = (name: string, account = VENDOR) => p(`arn:aws:iam::${account}:user/${name}`);
const root = (account = VENDOR) => p(`arn:aws:iam::${account}:root`);
const service = (name: string): RequestPrincipal => ({ arn: name, accountId: '', type: 'Service', service: name });

function request(principal: RequestPrincipal, conditionKeys: Record<string, ConditionValue | undefined> = {}): RequestContext {
  return { principal, action: 'sts:AssumeRole', resource: TARGET_ROLE, conditionKeys };
}

function trustedBy(principal: unknown, caller: RequestPrincipal): boolean {
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: principal }] };
  const result = evaluatePolicy(policy, request(caller), 'trust');
  expect(result.decision).toBe(result.statements[0]!.principalMatches ? 'allowed' : 'implicitDeny');
  return result.statements[0]!.principalMatches;
}

describe('Principal: the right name is not enough', () => {
  it.each<[string, unknown, RequestPrincipal, boolean]>([
    // Federated: only web identities of exactly that provider.
    ['Federated provider A, web identity of A', { Federated: PROVIDER }, p(PROVIDER), true],
    ['Federated provider A, web identity of B', { Federated: PROVIDER }, p(OTHER_PROVIDER), false],
    ['Federated provider A, a role whose ARN is listed as Federated', { Federated: role('x').arn }, role('x'), false],
    ['Federated provider A, a service', { Federated: PROVIDER }, service('eks.amazonaws.com'), false],
    // AWS principals never name web identities or services, even by their own ARN or account.
    ['AWS naming the provider ARN, web identity of that provider', { AWS: PROVIDER }, p(PROVIDER), false],
    ['AWS account id, web identity of that account', { AWS: VENDOR }, p(PROVIDER), false],
    ['AWS account root, web identity of that account', { AWS: root().arn }, p(PROVIDER), false],
    ['AWS account root, root of another account', { AWS: root().arn }, root(CUSTOMER), false],
    ['AWS account root, the root itself', { AWS: root().arn }, root(), true],
    ['AWS account id, the root of that account', { AWS: VENDOR }, root(), true],
    ['AWS account id, a role of that account', { AWS: VENDOR }, role('x'), true],
    // Roles: a role principal covers the role and its sessions, nothing else of that name.
    ['role alice, user alice', { AWS: role('alice').arn }, user('alice'), false],
    ['role alice, session of role alice', { AWS: role('alice').arn }, session('alice'), true],
    ['role alice, session of role bob', { AWS: role('alice').arn }, session('bob'), false],
    ['role alice, role alice of another account', { AWS: role('alice').arn }, role('alice', CUSTOMER), false],
    ['role alice, role alice of another partition', { AWS: role('alice').arn }, role('alice', VENDOR, 'aws-cn'), false],
    ['role alice, session of alice in another partition', { AWS: role('alice').arn }, session('alice', 's1', VENDOR, 'aws-cn'), false],
    ['role alice, root of the account', { AWS: role('alice').arn }, root(), false],
    ['role alice, role alicex', { AWS: role('alice').arn }, role('alicex'), false],
    // Sessions: only that session of that role.
    ['session alice/s1, role alice itself', { AWS: session('alice').arn }, role('alice'), false],
    ['session alice/s1, session alice/s1', { AWS: session('alice').arn }, session('alice'), true],
    ['session alice/s1, session bob/s1', { AWS: session('alice').arn }, session('bob'), false],
    ['session alice/s1, session alice/s1 of another account', { AWS: session('alice').arn }, session('alice', 's1', CUSTOMER), false],
    ['session alice/s1, user alice', { AWS: session('alice').arn }, user('alice'), false],
    // Users: only that user.
    ['user alice, role alice', { AWS: user('alice').arn }, role('alice'), false],
    ['user alice, session of role alice', { AWS: user('alice').arn }, session('alice'), false],
    ['user alice, user alice of another account', { AWS: user('alice').arn }, user('alice', CUSTOMER), false],
    ['user alice, user bob', { AWS: user('alice').arn }, user('bob'), false],
    ['user alice, user alice', { AWS: user('alice').arn }, user('alice'), true],
    // Services: only a service principal of that name (case-insensitively, as IAM).
    ['Service ec2, service ec2 in capitals', { Service: 'EC2.amazonaws.com' }, service('ec2.amazonaws.com'), true],
    ['Service ec2, service lambda', { Service: 'ec2.amazonaws.com' }, service('lambda.amazonaws.com'), false],
    [
      'Service ec2, a role that claims service ec2',
      { Service: 'ec2.amazonaws.com' },
      { ...role('x'), service: 'ec2.amazonaws.com' },
      false,
    ],
    ['CanonicalUser never names an IAM caller', { CanonicalUser: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' }, root(), false],
    // Values that are not principals name no one.
    ['an S3 ARN as AWS principal', { AWS: 'arn:aws:s3:::bucket' }, role('x'), false],
    ['a federated-user ARN as AWS principal', { AWS: `arn:aws:sts::${VENDOR}:federated-user/bob` }, role('bob'), false],
    ['an OIDC provider ARN as AWS principal, role caller', { AWS: PROVIDER }, role('x'), false],
  ])('%s → %s', (_name, principal, caller, matches) => {
    expect(trustedBy(principal, caller)).toBe(matches);
  });

  it('a Principal list matches when any value does, of any type', () => {
    expect(trustedBy({ Federated: OTHER_PROVIDER, AWS: [user('alice').arn, role('x').arn] }, session('x'))).toBe(true);
    expect(trustedBy({ Federated: OTHER_PROVIDER, AWS: [user('alice').arn, role('y').arn] }, session('x'))).toBe(false);
  });

  it('says why a value that is not a principal names no one', () => {
    const result = evaluatePolicy(
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'arn:aws:s3:::bucket' } }] },
      request(role('x')),
      'trust',
    );
    expect(result.statements[0]!.reasons).toContain(
      'Statement[0]: "arn:aws:s3:::bucket" is neither "*", an account ID nor a principal ARN',
    );
  });

  it('lists every principal type in the reason, with its type', () => {
    const result = evaluatePolicy(
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: VENDOR, Federated: PROVIDER, Service: 'ec2.amazonaws.com' } }],
      },
      request(role('x', CUSTOMER)),
      'trust',
    );
    expect(result.statements[0]!.reasons[0]).toBe(
      `Statement[0]: Principal ${VENDOR}, Federated ${PROVIDER}, Service ec2.amazonaws.com does not match the caller ${role('x', CUSTOMER).arn}`,
    );
  });
});

describe('principalFromArn: the type comes from the ARN', () => {
  it.each<[string, Partial<RequestPrincipal>]>([
    [`arn:aws:iam::${VENDOR}:saml-provider/okta`, { type: 'WebIdentity', federatedProvider: `arn:aws:iam::${VENDOR}:saml-provider/okta` }],
    [`arn:aws:iam::${VENDOR}:user/alice`, { type: 'IAMUser', accountId: VENDOR }],
    [`arn:aws:iam::${VENDOR}:root`, { type: 'Root', accountId: VENDOR }],
  ])('%s', (arn, expected) => {
    const principal = principalFromArn(arn);
    expect(principal).toMatchObject({ arn, ...expected });
    expect(principal.roleArn).toBeUndefined();
  });

  it.each([
    `arn:aws:iam::${VENDOR}:role/`,
    `arn:aws:iam::${VENDOR}:role`,
    `arn:aws:iam::${VENDOR}:group/admins`,
    `arn:aws:sts::${VENDOR}:assumed-role/only-role`,
    `arn:aws:sts::${VENDOR}:assumed-role/role/session/extra`,
    `arn:aws:sts::${VENDOR}:assumed-role//session`,
    `arn:aws:sts::${VENDOR}:assumed-role/role/`,
    `arn:aws:iam::${VENDOR}:oidc-provider`,
    `xarn:aws:iam::${VENDOR}:root`,
    `arn:aws:iam::${VENDOR}:rootx`,
    `arn:aws:iam::${VENDOR}:root `,
    `arn:aws:ec2::${VENDOR}:root`,
    `arn:azure:iam::${VENDOR}:root`,
  ])('rejects %s with a message that quotes it', (arn) => {
    expect(() => principalFromArn(arn)).toThrow(expect.objectContaining({ name: 'InvalidPrincipalArnError', message: expect.stringContaining(`"${arn}"`) }));
  });
});

describe('conditions that must not widen', () => {
  const policy = (condition: Record<string, unknown>) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: role('acme-dataplane-role').arn }, Condition: condition }],
  });
  const met = (condition: Record<string, unknown>, keys: Record<string, ConditionValue | undefined>) =>
    evaluatePolicy(policy(condition), request(session('acme-dataplane-role'), keys), 'trust').decision === 'allowed';

  it.each<[string, string, boolean]>([
    ['*', 'any-value-at-all', false],
    ['*', '*', true],
    ['a?c', 'abc', false],
    ['a?c', 'a?c', true],
    ['ab*', 'abc', false],
    ['a.c', 'abc', false],
  ])('StringEquals "sts:ExternalId": %j against %j → %s (no wildcards)', (expected, actual, allowed) => {
    expect(met({ StringEquals: { 'sts:ExternalId': expected } }, { 'sts:ExternalId': actual })).toBe(allowed);
  });

  it.each<[string, string, boolean]>([
    ['*', 'anything', false],
    ['*', '*', true],
    ['A?C', 'abc', false],
    ['A?C', 'a?c', true],
  ])('StringEqualsIgnoreCase %j against %j → %s (no wildcards either)', (expected, actual, allowed) => {
    expect(met({ StringEqualsIgnoreCase: { 'sts:RoleSessionName': expected } }, { 'sts:RoleSessionName': actual })).toBe(allowed);
  });

  it.each<[string, string, boolean]>([
    ['Verify-*', 'verify-acme', false],
    ['verify-*', 'VERIFY-acme', false],
    ['verify-*', 'verify-acme', true],
    ['verify-?', 'verify-ab', false],
    ['*-role', 'x-role\nsuffix', false],
  ])('StringLike %j against %j → %s (case-sensitive, anchored)', (pattern, actual, allowed) => {
    expect(met({ StringLike: { 'sts:RoleSessionName': pattern } }, { 'sts:RoleSessionName': actual })).toBe(allowed);
  });

  it('StringEquals with a policy variable compares the variable literally, never as a pattern', () => {
    expect(met({ StringEquals: { 'sts:RoleSessionName': '${aws:username}' } }, { 'sts:RoleSessionName': 'anything', 'aws:username': '*' })).toBe(false);
    expect(met({ StringEquals: { 'sts:RoleSessionName': '${aws:username}' } }, { 'sts:RoleSessionName': '*', 'aws:username': '*' })).toBe(true);
  });

  it('an Allow in one trust document and a Deny in another deny together', () => {
    const allow = policy({});
    const deny = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sts:*', Principal: '*' }] };
    expect(evaluatePolicies([allow, deny], request(session('acme-dataplane-role')), 'trust').decision).toBe('explicitDeny');
    expect(evaluatePolicies([allow], request(session('acme-dataplane-role')), 'trust').decision).toBe('allowed');
  });
});
