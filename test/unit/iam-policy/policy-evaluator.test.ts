import { ConditionValue, describeDifference, evaluatePolicies, evaluatePolicy, InvalidPrincipalArnError, PolicyDocumentError, PolicyKind, principalFromArn, RequestContext, RequestPrincipal } from '../../../lib/iam-policy';
import { describeSecret, fingerprint } from '../../../lib/external-id';

const VENDOR = '111111111111';
const CUSTOMER = '222222222222';
const DATAPLANE_ROLE = `arn:aws:iam::${VENDOR}:role/acme-dataplane-role`;
const SESSION = `arn:aws:sts::${VENDOR}:assumed-role/acme-dataplane-role/verify-acme-c1-1`;
const TARGET_ROLE = `arn:aws:iam::${CUSTOMER}:role/qualytics-s3-access`;
const EXTERNAL_ID = 'acme-7Hq2x9Zt-2024';

const session = principalFromArn(SESSION);

function assumeRole(conditionKeys: Record<string, ConditionValue | undefined> = {}, principal: RequestPrincipal = session): RequestContext {
  return { principal, action: 'sts:AssumeRole', resource: TARGET_ROLE, conditionKeys };
}

function trust(statement: Record<string, unknown>): unknown {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }] };
}

function withCondition(condition: Record<string, unknown>): unknown {
  return trust({ Principal: { AWS: DATAPLANE_ROLE }, Condition: condition });
}

describe('principalFromArn', () => {
  it.each<[string, Partial<RequestPrincipal>]>([
    [SESSION, { type: 'AssumedRole', accountId: VENDOR, roleArn: DATAPLANE_ROLE }],
    [DATAPLANE_ROLE, { type: 'Role', accountId: VENDOR, roleArn: DATAPLANE_ROLE }],
    [`arn:aws:iam::${VENDOR}:role/service-role/with/path/etl`, { type: 'Role', roleArn: `arn:aws:iam::${VENDOR}:role/service-role/with/path/etl` }],
    [`arn:aws:iam::${VENDOR}:user/ops/alice`, { type: 'IAMUser', accountId: VENDOR }],
    [`arn:aws:iam::${VENDOR}:root`, { type: 'Root', accountId: VENDOR }],
    [
      `arn:aws:iam::${VENDOR}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC`,
      { type: 'WebIdentity', federatedProvider: `arn:aws:iam::${VENDOR}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC` },
    ],
    [`arn:aws-cn:sts::${VENDOR}:assumed-role/r/s`, { type: 'AssumedRole', roleArn: `arn:aws-cn:iam::${VENDOR}:role/r` }],
  ])('%s', (arn, expected) => {
    expect(principalFromArn(arn)).toMatchObject({ arn, ...expected });
  });

  it.each(['acme-dataplane-role', `arn:aws:s3:::bucket`, `arn:aws:iam::1234:role/x`, 'ec2.amazonaws.com', `arn:aws:sts::${VENDOR}:federated-user/bob`])(
    'rejects %s',
    (arn) => {
      expect(() => principalFromArn(arn)).toThrow(InvalidPrincipalArnError);
    },
  );
});

describe('fingerprint and describeSecret', () => {
  it('fingerprints with the first 8 hex characters of SHA-256, stably', () => {
    expect(fingerprint('abc')).toBe('ba7816bf');
    expect(fingerprint(EXTERNAL_ID)).toMatch(/^[0-9a-f]{8}$/);
    expect(fingerprint(`${EXTERNAL_ID} `)).not.toBe(fingerprint(EXTERNAL_ID));
  });

  it('describes a secret by length and fingerprint only', () => {
    expect(describeSecret(EXTERNAL_ID)).toBe(`18 chars, fp ${fingerprint(EXTERNAL_ID)}`);
    expect(describeSecret('x')).toMatch(/^1 char, fp /);
    expect(describeSecret(EXTERNAL_ID)).not.toContain(EXTERNAL_ID);
  });
});

describe('describeDifference', () => {
  it.each<[string, string, RegExp | undefined]>([
    ['abc', 'abc ', /only by trailing whitespace \(the policy's value ends with a space\)/],
    ['abc\n', 'abc', /only by trailing whitespace \(the request's value ends with a newline\)/],
    ['abc', '\tabc', /only by leading whitespace \(the policy's value starts with a tab\)/],
    ['abc', 'abc\u200b', /ends with a zero-width space/],
    [' abc', 'abc ', /leading and trailing whitespace/],
    ['abc', 'ABC', /only in letter case/],
    ['abc', 'ABC ', /letter case and by surrounding whitespace/],
    ['ab c', 'abc', /whitespace inside the value/],
    ['abc', 'xyz', undefined],
    ['abc', 'abc', undefined],
  ])('%j vs %j', (actual, expected, hint) => {
    const text = describeDifference(actual, expected);
    if (hint) expect(text).toMatch(hint);
    else expect(text).toBeUndefined();
  });
});

describe('evaluatePolicy: Principal', () => {
  const otherSession = principalFromArn(`arn:aws:sts::${VENDOR}:assumed-role/acme-dataplane-role/someone-else`);
  const user = principalFromArn(`arn:aws:iam::${VENDOR}:user/ops/alice`);
  const otherAccount = principalFromArn(`arn:aws:sts::333333333333:assumed-role/acme-dataplane-role/s`);
  const webIdentity = principalFromArn(`arn:aws:iam::${VENDOR}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC`);
  const ec2: RequestPrincipal = { arn: 'ec2.amazonaws.com', accountId: '', type: 'Service', service: 'ec2.amazonaws.com' };
  const anonymous: RequestPrincipal = { arn: '*', accountId: '', type: 'Anonymous' };

  it.each<[string, unknown, RequestPrincipal, boolean]>([
    ['"*" matches anyone', '*', anonymous, true],
    ['{"AWS": "*"} matches anyone', { AWS: '*' }, session, true],
    ['an account id matches a session of that account', { AWS: VENDOR }, session, true],
    ['an account id matches a user of that account', { AWS: VENDOR }, user, true],
    ['an account id does not match another account', { AWS: VENDOR }, otherAccount, false],
    ['an account id does not match a service', { AWS: VENDOR }, ec2, false],
    ['the account root matches a session of that account', { AWS: `arn:aws:iam::${VENDOR}:root` }, session, true],
    ['the account root in another partition does not match', { AWS: `arn:aws-cn:iam::${VENDOR}:root` }, session, false],
    ['a role matches every session of it', { AWS: DATAPLANE_ROLE }, otherSession, true],
    ['a role with a path matches its sessions (which carry no path)', { AWS: `arn:aws:iam::${VENDOR}:role/tenants/acme-dataplane-role` }, session, true],
    ['a role matches itself', { AWS: DATAPLANE_ROLE }, principalFromArn(DATAPLANE_ROLE), true],
    ['a role does not match the same name in another account', { AWS: DATAPLANE_ROLE }, otherAccount, false],
    ['a different role does not match', { AWS: `arn:aws:iam::${VENDOR}:role/globex-dataplane-role` }, session, false],
    ['a session ARN matches that session', { AWS: SESSION }, session, true],
    ['a session ARN does not match another session of the role', { AWS: SESSION }, otherSession, false],
    ['a user ARN matches that user (path ignored)', { AWS: `arn:aws:iam::${VENDOR}:user/alice` }, user, true],
    ['a user ARN does not match a role session', { AWS: `arn:aws:iam::${VENDOR}:user/acme-dataplane-role` }, session, false],
    ['a list matches when any value does', { AWS: [`arn:aws:iam::${VENDOR}:role/x`, DATAPLANE_ROLE] }, session, true],
    ['Federated matches web identities of that provider', { Federated: webIdentity.arn }, webIdentity, true],
    ['Federated does not match an AWS principal', { Federated: webIdentity.arn }, session, false],
    ['Service matches that service', { Service: ['lambda.amazonaws.com', 'ec2.amazonaws.com'] }, ec2, true],
    ['Service does not match a role session', { Service: 'ec2.amazonaws.com' }, session, false],
    ['a unique ID matches no one', { AWS: 'AROAEXAMPLEID1234567X' }, session, false],
  ])('%s', (_name, principal, caller, matches) => {
    const result = evaluatePolicy(trust({ Principal: principal }), assumeRole({}, caller), 'trust');
    expect(result.statements[0]?.principalMatches).toBe(matches);
    expect(result.decision).toBe(matches ? 'allowed' : 'implicitDeny');
  });

  it('names the Principal and the caller when they do not match', () => {
    const result = evaluatePolicy(trust({ Sid: 'Vendor', Principal: { AWS: `arn:aws:iam::${VENDOR}:role/other` } }), assumeRole(), 'trust');
    expect(result.statements[0]?.reasons).toContain(
      `Statement[0] (Sid "Vendor"): Principal arn:aws:iam::${VENDOR}:role/other does not match the caller ${SESSION}`,
    );
  });

  it('explains that a unique ID stands for a deleted role', () => {
    const result = evaluatePolicy(trust({ Principal: { AWS: 'AROAEXAMPLEID1234567X' } }), assumeRole(), 'trust');
    expect(result.statements[0]?.reasons.join('\n')).toMatch(/unique ID.*deleted/);
  });

  it('NotPrincipal applies to everyone except those listed', () => {
    // Prepare
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: VENDOR }, Action: 'sts:AssumeRole' },
        { Sid: 'OnlyDataplane', Effect: 'Deny', NotPrincipal: { AWS: DATAPLANE_ROLE }, Action: 'sts:AssumeRole' },
      ],
    };

    // Act
    const dataplane = evaluatePolicy(policy, assumeRole(), 'trust');
    const someoneElse = evaluatePolicy(policy, assumeRole({}, user), 'trust');

    // Assess
    expect(dataplane.decision).toBe('allowed');
    expect(dataplane.statements[1]).toMatchObject({ principalMatches: false, applies: false });
    expect(someoneElse.decision).toBe('explicitDeny');
    expect(someoneElse.statements[1]?.reasons.join('\n')).toMatch(/is not listed in NotPrincipal/);
    expect(someoneElse.statements[1]?.reasons.join('\n')).toMatch(/AWS supports NotPrincipal only with "Effect": "Deny"/);
  });
});

describe('evaluatePolicy: Action and Resource', () => {
  it.each<[unknown, boolean]>([
    ['sts:AssumeRole', true],
    ['STS:assumerole', true],
    ['sts:*', true],
    ['*', true],
    ['sts:Assume*', true],
    ['sts:AssumeRol?', true],
    ['sts:AssumeRoleWithWebIdentity', false],
    ['sts:Assume?', false],
    [['s3:GetObject', 'sts:AssumeRole'], true],
    ['iam:*', false],
  ])('Action %j matches sts:AssumeRole: %s', (action, matches) => {
    const result = evaluatePolicy(trust({ Principal: '*', Action: action }), assumeRole(), 'trust');
    expect(result.statements[0]?.actionMatches).toBe(matches);
  });

  it.each<[unknown, boolean]>([
    ['sts:TagSession', true],
    [['sts:Assume*'], false],
    ['*', false],
  ])('NotAction %j lets sts:AssumeRole through: %s', (notAction, matches) => {
    const policy = { Statement: { Effect: 'Allow', Principal: '*', NotAction: notAction } };
    const result = evaluatePolicy(policy, assumeRole(), 'trust');
    expect(result.statements[0]?.actionMatches).toBe(matches);
    if (!matches) expect(result.statements[0]?.reasons[0]).toMatch(/NotAction .* excludes sts:AssumeRole/);
  });

  const identity = (resource: Record<string, unknown>) => ({
    Version: '2012-10-17',
    Statement: [{ Sid: 'AssumeCustomerTargetRoles', Effect: 'Allow', Action: 'sts:AssumeRole', ...resource }],
  });

  it.each<[Record<string, unknown>, boolean]>([
    [{ Resource: '*' }, true],
    [{ Resource: 'arn:aws:iam::*:role/*' }, true],
    [{ Resource: `arn:aws:iam::${CUSTOMER}:role/qualytics-*` }, true],
    [{ Resource: `arn:aws:iam::${CUSTOMER}:role/qualytics-s3-acces?` }, true],
    [{ Resource: `arn:aws:iam::${CUSTOMER}:role/Qualytics-*` }, false],
    [{ Resource: 'arn:aws:iam::*:user/*' }, false],
    [{ Resource: 'arn:aws:iam::333333333333:role/*' }, false],
    // A wildcard in one part of an ARN does not reach into the next part.
    [{ Resource: 'arn:aws:iam::*' }, false],
    [{ Resource: [`arn:aws:iam::${VENDOR}:role/*`, `arn:aws:iam::${CUSTOMER}:role/*`] }, true],
    [{ NotResource: `arn:aws:iam::${VENDOR}:role/*` }, true],
    [{ NotResource: `arn:aws:iam::${CUSTOMER}:role/*` }, false],
  ])('identity policy %j', (resource, matches) => {
    const result = evaluatePolicy(identity(resource), assumeRole(), 'identity');
    expect(result.statements[0]?.resourceMatches).toBe(matches);
    expect(result.decision).toBe(matches ? 'allowed' : 'implicitDeny');
  });

  it('names the Resource that does not match', () => {
    const result = evaluatePolicy(identity({ Resource: `arn:aws:iam::${VENDOR}:role/*` }), assumeRole(), 'identity');
    expect(result.statements[0]?.reasons).toEqual([
      `Statement[0] (Sid "AssumeCustomerTargetRoles"): Resource arn:aws:iam::${VENDOR}:role/* does not match ${TARGET_ROLE}`,
    ]);
  });

  it('substitutes policy variables in Resource (2012-10-17 only)', () => {
    // Prepare
    const statement = { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/${aws:PrincipalTag/tenant}-*' };
    const request = assumeRole({ 'aws:PrincipalTag/tenant': 'qualytics' });

    // Act
    const current = evaluatePolicy({ Version: '2012-10-17', Statement: [statement] }, request, 'identity');
    const legacy = evaluatePolicy({ Version: '2008-10-17', Statement: [statement] }, request, 'identity');
    const untagged = evaluatePolicy({ Version: '2012-10-17', Statement: [statement] }, assumeRole(), 'identity');

    // Assess
    expect(current.decision).toBe('allowed');
    expect(legacy.decision).toBe('implicitDeny');
    expect(untagged.decision).toBe('implicitDeny');
  });
});

describe('evaluatePolicy: decisions', () => {
  it('an explicit Deny beats an Allow', () => {
    // Prepare
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Allow', Effect: 'Allow', Principal: { AWS: DATAPLANE_ROLE }, Action: 'sts:AssumeRole' },
        { Sid: 'DenyAll', Effect: 'Deny', Principal: '*', Action: 'sts:*' },
      ],
    };

    // Act
    const result = evaluatePolicy(policy, assumeRole(), 'trust');

    // Assess
    expect(result.decision).toBe('explicitDeny');
    expect(result.statements.map((s) => [s.sid, s.effect, s.applies])).toEqual([
      ['Allow', 'Allow', true],
      ['DenyAll', 'Deny', true],
    ]);
    expect(result.statements[1]?.reasons).toEqual([`Statement[1] (Sid "DenyAll"): applies — explicitly denies sts:AssumeRole for ${SESSION}`]);
  });

  it('a Deny whose condition does not hold leaves the Allow in force', () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: DATAPLANE_ROLE }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'sts:ExternalId': EXTERNAL_ID } } },
      ],
    };
    expect(evaluatePolicy(policy, assumeRole({ 'sts:ExternalId': EXTERNAL_ID }), 'trust').decision).toBe('allowed');
    expect(evaluatePolicy(policy, assumeRole({ 'sts:ExternalId': 'other-id' }), 'trust').decision).toBe('explicitDeny');
    // A negated operator is true when the key is absent, so the Deny applies without an External ID.
    expect(evaluatePolicy(policy, assumeRole(), 'trust').decision).toBe('explicitDeny');
  });

  it('no matching Allow is an implicit deny', () => {
    const result = evaluatePolicy(trust({ Principal: { Service: 'ec2.amazonaws.com' } }), assumeRole(), 'trust');
    expect(result.decision).toBe('implicitDeny');
  });

  it('reads a JSON string, IAM\'s URL-encoded JSON, and a single Statement object', () => {
    const policy = { Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: { AWS: DATAPLANE_ROLE }, Action: 'sts:AssumeRole' } };
    expect(evaluatePolicy(JSON.stringify(policy), assumeRole(), 'trust').decision).toBe('allowed');
    expect(evaluatePolicy(encodeURIComponent(JSON.stringify(policy)), assumeRole(), 'trust').decision).toBe('allowed');
    expect(evaluatePolicy(policy, assumeRole(), 'trust').statements).toHaveLength(1);
  });

  it('evaluatePolicies: an Allow in one policy and a Deny in another deny, and reasons name the policy', () => {
    // Prepare
    const allow = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] };
    const deny = { Version: '2012-10-17', Statement: [{ Sid: 'NoCustomerRoles', Effect: 'Deny', Action: 'sts:*', Resource: `arn:aws:iam::${CUSTOMER}:role/*` }] };

    // Act
    const both = evaluatePolicies([allow, deny], assumeRole(), 'identity');
    const allowOnly = evaluatePolicies([allow], assumeRole(), 'identity');
    const none = evaluatePolicies([], assumeRole(), 'identity');

    // Assess
    expect(both.decision).toBe('explicitDeny');
    expect(both.statements.map((s) => s.index)).toEqual([0, 0]);
    expect(both.statements[1]?.reasons[0]).toMatch(/^Policy\[1\]\.Statement\[0\] \(Sid "NoCustomerRoles"\): applies/);
    expect(allowOnly.decision).toBe('allowed');
    expect(none).toEqual({ decision: 'implicitDeny', statements: [] });
  });

  it('evaluatePolicies names the policy in a malformed-document error', () => {
    const good = { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    const bad = { Statement: [{ Effect: 'Allow', Action: '*' }] };
    expect(() => evaluatePolicies([good, bad], assumeRole(), 'identity')).toThrow('Policy[1].Statement[0]: missing Resource');
  });

  it('a permissions boundary needs no Principal and must not have one', () => {
    // Prepare
    const boundary = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: 'arn:aws:iam::*:role/*' }] };
    const withPrincipal = { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Resource: '*' }] };

    // Act
    const result = evaluatePolicy(boundary, assumeRole(), 'permissionsBoundary');

    // Assess
    expect(result.decision).toBe('allowed');
    expect(result.statements[0]).toMatchObject({ principalMatches: true, resourceMatches: true, applies: true });
    expect(() => evaluatePolicy(withPrincipal, assumeRole(), 'permissionsBoundary')).toThrow(
      'Statement[0]: a permissions boundary policy must not have Principal',
    );
  });

  it.each<PolicyKind>(['identity', 'scp', 'session'])('a %s policy needs Resource and no Principal', (kind) => {
    expect(() => evaluatePolicy({ Statement: [{ Effect: 'Allow', Action: '*' }] }, assumeRole(), kind)).toThrow(/missing Resource/);
    expect(() => evaluatePolicy({ Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }, assumeRole(), kind)).toThrow(
      /must not have Principal/,
    );
  });

  it('a deny-all session policy denies', () => {
    const denyAll = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] };
    expect(evaluatePolicy(denyAll, assumeRole(), 'session').decision).toBe('explicitDeny');
  });

  it('an RCP needs a Principal and a Resource', () => {
    const rcp = { Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sts:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': CUSTOMER } } }] };
    expect(evaluatePolicy(rcp, assumeRole(), 'rcp').decision).toBe('explicitDeny');
    expect(() => evaluatePolicy({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }, assumeRole(), 'rcp')).toThrow(/missing Principal/);
  });
});

describe('evaluatePolicy: conditions', () => {
  type Row = [string, Record<string, unknown>, Record<string, ConditionValue | undefined>, boolean];

  const rows: Row[] = [
    // String operators; several values for one key are OR-ed.
    ['StringEquals', { StringEquals: { 'sts:ExternalId': EXTERNAL_ID } }, { 'sts:ExternalId': EXTERNAL_ID }, true],
    ['StringEquals is case-sensitive', { StringEquals: { 'sts:ExternalId': EXTERNAL_ID.toUpperCase() } }, { 'sts:ExternalId': EXTERNAL_ID }, false],
    ['StringEquals with several values', { StringEquals: { 'sts:ExternalId': ['old', EXTERNAL_ID] } }, { 'sts:ExternalId': EXTERNAL_ID }, true],
    ['StringEquals, key missing', { StringEquals: { 'sts:ExternalId': EXTERNAL_ID } }, {}, false],
    ['condition keys are case-insensitive', { StringEquals: { 'STS:EXTERNALID': EXTERNAL_ID } }, { 'sts:externalid': EXTERNAL_ID }, true],
    ['StringNotEquals', { StringNotEquals: { 'sts:ExternalId': ['a', 'b'] } }, { 'sts:ExternalId': 'c' }, true],
    ['StringNotEquals matching one value', { StringNotEquals: { 'sts:ExternalId': ['a', 'b'] } }, { 'sts:ExternalId': 'b' }, false],
    ['StringNotEquals, key missing', { StringNotEquals: { 'sts:ExternalId': 'a' } }, {}, true],
    ['StringEqualsIgnoreCase', { StringEqualsIgnoreCase: { 'sts:RoleSessionName': 'VERIFY-ACME' } }, { 'sts:RoleSessionName': 'verify-acme' }, true],
    ['StringNotEqualsIgnoreCase', { StringNotEqualsIgnoreCase: { 'sts:RoleSessionName': 'VERIFY-ACME' } }, { 'sts:RoleSessionName': 'verify-acme' }, false],
    ['StringLike *', { StringLike: { 'sts:RoleSessionName': 'verify-*' } }, { 'sts:RoleSessionName': 'verify-acme-c1-1' }, true],
    ['StringLike ?', { StringLike: { 'sts:RoleSessionName': 'verify-acme-c?-1' } }, { 'sts:RoleSessionName': 'verify-acme-c1-1' }, true],
    ['StringLike no match', { StringLike: { 'sts:RoleSessionName': 'spark-*' } }, { 'sts:RoleSessionName': 'verify-acme' }, false],
    ['StringLike treats regex characters literally', { StringLike: { 'sts:RoleSessionName': 'a.b+(c)*' } }, { 'sts:RoleSessionName': 'axb+(c)' }, false],
    ['StringNotLike', { StringNotLike: { 'sts:RoleSessionName': 'spark-*' } }, { 'sts:RoleSessionName': 'verify-acme' }, true],
    ['StringNotLike, key missing', { StringNotLike: { 'sts:RoleSessionName': 'spark-*' } }, {}, true],
    ['StringEquals with a policy variable', { StringEquals: { 'sts:RoleSessionName': '${aws:PrincipalAccount}-session' } }, { 'sts:RoleSessionName': `${VENDOR}-session` }, true],
    ['StringLike with ${*} matches a literal star', { StringLike: { 'sts:RoleSessionName': 'a${*}' } }, { 'sts:RoleSessionName': 'ab' }, false],
    // IfExists: a missing key passes, a present key is checked.
    ['StringEqualsIfExists, key missing', { StringEqualsIfExists: { 'sts:ExternalId': EXTERNAL_ID } }, {}, true],
    ['StringEqualsIfExists, wrong value', { StringEqualsIfExists: { 'sts:ExternalId': EXTERNAL_ID } }, { 'sts:ExternalId': 'x' }, false],
    ['an undefined value is a missing key', { StringEqualsIfExists: { 'sts:ExternalId': EXTERNAL_ID } }, { 'sts:ExternalId': undefined }, true],
    // ARN operators, part by part.
    ['ArnLike on aws:PrincipalArn', { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${VENDOR}:role/*-dataplane-role` } }, {}, true],
    ['ArnEquals with a wildcard', { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/acme-dataplane-role' } }, {}, true],
    ['ArnLike, other role', { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${VENDOR}:role/spark-*` } }, {}, false],
    ['ArnLike, a non-ARN value', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } }, { 'aws:SourceArn': 'not-an-arn' }, false],
    ['ArnNotEquals', { ArnNotEquals: { 'aws:PrincipalArn': `arn:aws:iam::${VENDOR}:role/other` } }, {}, true],
    ['ArnNotLike', { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${VENDOR}:role/*` } }, {}, false],
    ['ArnLike, key missing', { ArnLike: { 'aws:SourceArn': '*' } }, {}, false],
    // Bool and Null.
    ['Bool true, key missing', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, {}, false],
    ['Bool with a boolean request value', { Bool: { 'aws:MultiFactorAuthPresent': true } }, { 'aws:MultiFactorAuthPresent': true }, true],
    ['Bool false', { Bool: { 'aws:SecureTransport': 'false' } }, { 'aws:SecureTransport': 'true' }, false],
    ['BoolIfExists, key missing', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }, {}, true],
    ['Null true: key must be absent', { Null: { 'sts:ExternalId': 'true' } }, {}, true],
    ['Null true, key present', { Null: { 'sts:ExternalId': 'true' } }, { 'sts:ExternalId': 'x' }, false],
    ['Null false: key must be present', { Null: { 'sts:ExternalId': false } }, { 'sts:ExternalId': 'x' }, true],
    ['Null false, key missing', { Null: { 'sts:ExternalId': 'false' } }, {}, false],
    ['Null false, empty list', { Null: { 'aws:TagKeys': 'false' } }, { 'aws:TagKeys': [] }, false],
    // Numeric and Date (values compared as numbers and instants, not strings).
    ['NumericLessThanEquals', { NumericLessThanEquals: { 'sts:DurationSeconds': 3600 } }, { 'sts:DurationSeconds': 900 }, true],
    ['NumericLessThan compares numbers', { NumericLessThan: { 'sts:DurationSeconds': '1000' } }, { 'sts:DurationSeconds': '900' }, true],
    ['NumericGreaterThan', { NumericGreaterThan: { 'sts:DurationSeconds': 3600 } }, { 'sts:DurationSeconds': 900 }, false],
    ['NumericEquals, not a number', { NumericEquals: { 'sts:DurationSeconds': 900 } }, { 'sts:DurationSeconds': 'soon' }, false],
    ['NumericNotEquals, not a number', { NumericNotEquals: { 'sts:DurationSeconds': 900 } }, { 'sts:DurationSeconds': 'soon' }, false],
    ['DateLessThan', { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-11-23T10:00:00Z' }, true],
    ['DateGreaterThan with epoch seconds', { DateGreaterThan: { 'aws:EpochTime': '1700000000' } }, { 'aws:EpochTime': 1800000000 }, true],
    ['DateEquals', { DateEquals: { 'aws:CurrentTime': '2026-11-23T10:00:00Z' } }, { 'aws:CurrentTime': '2026-11-23T10:00:00.000Z' }, true],
    // IP addresses.
    ['IpAddress v4', { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } }, { 'aws:SourceIp': '203.0.113.7' }, true],
    ['IpAddress v4 outside', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '198.51.100.7' }, false],
    ['IpAddress v6', { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { 'aws:SourceIp': '2001:db8:0:1::5' }, true],
    ['NotIpAddress', { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '198.51.100.7' }, true],
    // Set operators on multivalued keys.
    ['ForAnyValue: one value matches', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team', 'cost'] } }, { 'aws:TagKeys': ['env', 'team'] }, true],
    ['ForAnyValue: none matches', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } }, { 'aws:TagKeys': ['env'] }, false],
    ['ForAnyValue: key missing', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } }, {}, false],
    ['ForAnyValue ignores IfExists on a missing key', { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': ['team'] } }, {}, false],
    ['ForAnyValue:StringNotEquals: one value outside', { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['team'] } }, { 'aws:TagKeys': ['team', 'env'] }, true],
    ['ForAllValues: every value allowed', { 'ForAllValues:StringLike': { 'aws:TagKeys': ['team', 'cost-*'] } }, { 'aws:TagKeys': ['team', 'cost-center'] }, true],
    ['ForAllValues: one value not allowed', { 'ForAllValues:StringLike': { 'aws:TagKeys': ['team'] } }, { 'aws:TagKeys': ['team', 'env'] }, false],
    ['ForAllValues: key missing', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } }, {}, true],
    ['ForAllValues: empty list', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } }, { 'aws:TagKeys': [] }, true],
    ['ForAllValues:StringNotEquals', { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['secret'] } }, { 'aws:TagKeys': ['team', 'env'] }, true],
    // A single-valued operator on a multivalued key: any value matches.
    ['StringEquals on a list', { StringEquals: { 'aws:TagKeys': 'team' } }, { 'aws:TagKeys': ['env', 'team'] }, true],
    ['StringNotEquals on a list', { StringNotEquals: { 'aws:TagKeys': 'team' } }, { 'aws:TagKeys': ['env', 'team'] }, false],
    // Operators are AND-ed, and so are keys within one operator.
    [
      'two keys in one operator, one fails',
      { StringEquals: { 'sts:ExternalId': EXTERNAL_ID, 'aws:PrincipalAccount': '999999999999' } },
      { 'sts:ExternalId': EXTERNAL_ID },
      false,
    ],
    [
      'two operators, both hold',
      { StringEquals: { 'sts:ExternalId': EXTERNAL_ID }, ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/acme-*' } },
      { 'sts:ExternalId': EXTERNAL_ID },
      true,
    ],
  ];

  it.each(rows)('%s', (_name, condition, keys, met) => {
    const result = evaluatePolicy(withCondition(condition), assumeRole(keys), 'trust');
    expect(result.statements[0]?.conditionsMet).toBe(met);
    expect(result.decision).toBe(met ? 'allowed' : 'implicitDeny');
  });

  it('derives aws:PrincipalArn (the role, for a session), aws:PrincipalAccount and aws:PrincipalType when not given', () => {
    const condition = {
      StringEquals: { 'aws:PrincipalArn': DATAPLANE_ROLE, 'aws:PrincipalAccount': VENDOR, 'aws:PrincipalType': 'AssumedRole' },
    };
    expect(evaluatePolicy(withCondition(condition), assumeRole(), 'trust').decision).toBe('allowed');
    // A given value wins over the derived one.
    expect(evaluatePolicy(withCondition(condition), assumeRole({ 'aws:PrincipalArn': 'arn:aws:iam::1:role/x' }), 'trust').decision).toBe(
      'implicitDeny',
    );
  });

  it('reports each condition with operator, key, expected values and the request values', () => {
    // Prepare
    const condition = { StringLike: { 'sts:RoleSessionName': ['spark-*', 'etl-*'] }, 'ForAllValues:StringEquals': { 'aws:TagKeys': 'team' } };

    // Act
    const [statement] = evaluatePolicy(withCondition(condition), assumeRole({ 'sts:RoleSessionName': 'verify-acme' }), 'trust').statements;

    // Assess
    expect(statement?.conditions).toEqual([
      {
        operator: 'StringLike',
        key: 'sts:RoleSessionName',
        expected: ['spark-*', 'etl-*'],
        actual: ['verify-acme'],
        met: false,
        reason: 'sts:RoleSessionName "verify-acme" does not match any of the 2 expected patterns ("spark-*", "etl-*")',
      },
      {
        operator: 'ForAllValues:StringEquals',
        key: 'aws:TagKeys',
        expected: ['team'],
        met: true,
        reason: 'aws:TagKeys is missing from the request, and ForAllValues:StringEquals is true when the key has no values',
      },
    ]);
    expect(statement?.reasons).toEqual([
      'Statement[0]: condition StringLike on sts:RoleSessionName is not met: sts:RoleSessionName "verify-acme" does not match any of the 2 expected patterns ("spark-*", "etl-*")',
    ]);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a missing key', { StringEquals: { 'sts:ExternalId': EXTERNAL_ID } }, /sts:ExternalId is missing from the request \(key missing\), so StringEquals against the expected value \(18 chars, fp [0-9a-f]{8}\) is false/],
    ['a negated operator on a missing key', { StringNotLike: { 'sts:RoleSessionName': 'x*' } }, /a negated operator \(StringNotLike\) is true when the key is absent/],
    ['IfExists on a missing key', { ArnLikeIfExists: { 'aws:SourceArn': '*' } }, /ArnLikeIfExists only checks the key when it is present/],
    ['ForAnyValue on a missing key', { 'ForAnyValue:StringLike': { 'aws:TagKeys': '*' } }, /ForAnyValue:StringLike is false when the key has no values/],
    ['Null', { Null: { 'aws:SourceIdentity': 'false' } }, /aws:SourceIdentity is missing from the request, and Null requires it to be present/],
  ])('explains %s', (_name, condition, reason) => {
    const [statement] = evaluatePolicy(withCondition(condition), assumeRole(), 'trust').statements;
    expect(statement?.conditions[0]?.reason).toMatch(reason);
  });

  it('never shows an External ID in clear, from the request or the policy, and says how they differ', () => {
    // Prepare
    const policyValue = `${EXTERNAL_ID} `;
    const condition = { StringEquals: { 'sts:ExternalId': policyValue } };

    // Act
    const result = evaluatePolicy(withCondition(condition), assumeRole({ 'sts:ExternalId': EXTERNAL_ID }), 'trust');

    // Assess
    const text = JSON.stringify(result);
    expect(text).not.toContain(EXTERNAL_ID);
    expect(result.statements[0]?.conditions[0]).toMatchObject({
      expected: [describeSecret(policyValue)],
      actual: [describeSecret(EXTERNAL_ID)],
      met: false,
      reason:
        `sts:ExternalId (18 chars, fp ${fingerprint(EXTERNAL_ID)}) does not equal the expected value (19 chars, fp ${fingerprint(policyValue)}); ` +
        "they differ only by trailing whitespace (the policy's value ends with a space)",
    });
  });

  it('hides the External ID even when the policy spells the key in another case', () => {
    const result = evaluatePolicy(withCondition({ StringNotEquals: { 'STS:EXTERNALID': ['first-secret', 'second-secret'] } }), assumeRole({ 'sts:ExternalId': 'first-secret' }), 'trust');
    expect(JSON.stringify(result)).not.toMatch(/first-secret|second-secret/);
    expect(result.statements[0]?.conditions[0]?.reason).toMatch(/^STS:EXTERNALID \(12 chars, fp [0-9a-f]{8}\) equals any of the 2 expected values .*which StringNotEquals excludes$/);
  });
});

describe('evaluatePolicy: malformed documents', () => {
  const statement = { Effect: 'Allow', Principal: { AWS: DATAPLANE_ROLE }, Action: 'sts:AssumeRole' };
  const policy = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });

  it.each<[string, unknown, string]>([
    ['invalid JSON', '{"Statement": [', 'policy document is not valid JSON'],
    ['not an object', '[1, 2]', 'policy document must be a JSON object, got array'],
    ['no Statement', { Version: '2012-10-17' }, 'policy document has no Statement'],
    ['an unknown top-level element', { Statement: [statement], Statements: [] }, 'unknown top-level element "Statements"'],
    ['an unknown Version', { Version: '2012-10-18', Statement: [statement] }, 'Version: must be "2012-10-17"'],
    ['Statement a string', { Statement: 'Allow' }, 'Statement: must be an object or an array of objects, got string'],
    ['a statement that is not an object', policy(statement, 'x'), 'Statement[1]: must be an object, got string'],
    ['missing Effect', policy({ ...statement, Effect: undefined }), 'Statement[0]: missing Effect (must be "Allow" or "Deny")'],
    ['Effect in lower case', policy({ ...statement, Effect: 'allow' }), 'Statement[0].Effect: must be "Allow" or "Deny", got "allow"'],
    ['an unknown element', policy({ ...statement, Resorce: '*' }), 'Statement[0]: unknown element "Resorce"'],
    ['Principal as a number', policy({ ...statement, Principal: 111111111111 }), 'Statement[0].Principal: must be "*" or an object such as {"AWS": "<role ARN>"}, got number'],
    ['Principal as an ARN string', policy({ ...statement, Principal: DATAPLANE_ROLE }), `Statement[0].Principal: a Principal given as a string must be "*"; name principals as {"AWS": "${DATAPLANE_ROLE}"}`],
    ['an account id as a number', policy({ ...statement, Principal: { AWS: 111111111111 } }), 'Statement[0].Principal.AWS: principals must be strings, got number'],
    ['an unknown principal type', policy({ ...statement, Principal: { Aws: DATAPLANE_ROLE } }), 'Statement[0].Principal: unknown principal type "Aws"'],
    ['no Principal in a trust policy', policy({ ...statement, Principal: undefined }), 'Statement[0]: missing Principal'],
    ['Principal and NotPrincipal', policy({ ...statement, NotPrincipal: { AWS: VENDOR } }), 'Statement[0]: has both Principal and NotPrincipal'],
    ['Resource in a trust policy', policy({ ...statement, Resource: '*' }), 'Statement[0]: a trust policy must not have Resource'],
    ['no Action', policy({ ...statement, Action: undefined }), 'Statement[0]: missing Action (or NotAction)'],
    ['Action and NotAction', policy({ ...statement, NotAction: 'iam:*' }), 'Statement[0]: has both Action and NotAction'],
    ['an Action without a service', policy({ ...statement, Action: 'AssumeRole' }), 'Statement[0].Action: "AssumeRole" is not an action'],
    ['an empty Action list', policy({ ...statement, Action: [] }), 'Statement[0].Action: must list at least one action'],
    ['an unknown operator', policy({ ...statement, Condition: { StringEqual: { 'sts:ExternalId': 'x' } } }), 'Statement[0].Condition: unknown condition operator "StringEqual"'],
    ['an unknown set operator', policy({ ...statement, Condition: { 'ForSomeValues:StringEquals': { k: 'x' } } }), 'unknown condition operator "ForSomeValues:StringEquals"'],
    ['NullIfExists', policy({ ...statement, Condition: { NullIfExists: { k: 'true' } } }), 'Statement[0].Condition: "NullIfExists": Null tests whether a key is present'],
    ['a Null value other than true/false', policy({ ...statement, Condition: { Null: { k: 'yes' } } }), 'Statement[0].Condition.Null.k: Null takes "true" or "false", got "yes"'],
    ['an operator block that is not an object', policy({ ...statement, Condition: { StringEquals: 'x' } }), 'Statement[0].Condition.StringEquals: must be an object mapping condition keys to values, got string'],
    ['a condition value that is an object', policy(statement, { ...statement, Condition: { StringEquals: { 'sts:ExternalId': { v: 1 } } } }), 'Statement[1].Condition.StringEquals.sts:ExternalId: values must be strings, numbers or booleans, got object'],
    ['a condition value that is null', policy({ ...statement, Condition: { StringEquals: { 'sts:ExternalId': [null] } } }), 'values must be strings, numbers or booleans, got null'],
    ['an empty condition value list', policy({ ...statement, Condition: { StringEquals: { 'sts:ExternalId': [] } } }), 'Statement[0].Condition.StringEquals.sts:ExternalId: must list at least one value'],
    ['Condition as an array', policy({ ...statement, Condition: [] }), 'Statement[0].Condition: must be an object mapping operators to keys, got array'],
  ])('%s', (_name, document, message) => {
    let error: unknown;
    try {
      evaluatePolicy(document, assumeRole(), 'trust');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyDocumentError);
    expect((error as Error).name).toBe('PolicyDocumentError');
    expect((error as Error).message).toContain(message);
  });

  it('rejects a malformed statement even when an earlier statement already decides', () => {
    const document = policy({ ...statement, Effect: 'Deny' }, { ...statement, Condition: { StringEqualz: { k: 'v' } } });
    expect(() => evaluatePolicy(document, assumeRole(), 'trust')).toThrow('Statement[1].Condition: unknown condition operator "StringEqualz"');
  });

  it('never puts an External ID in a malformed-document message', () => {
    const document = policy({ ...statement, Condition: { StringEqualsX: { 'sts:ExternalId': EXTERNAL_ID } } });
    expect(() => evaluatePolicy(document, assumeRole(), 'trust')).toThrow(expect.objectContaining({ message: expect.not.stringContaining(EXTERNAL_ID) }));
  });
});
