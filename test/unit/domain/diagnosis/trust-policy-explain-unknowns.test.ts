// What explain cannot see, it says in the decision: an External ID left out (a policy shared with its
// value redacted), an External ID STS would refuse before reading any policy, and condition keys whose
// value in the real call this tool does not know (tags, source identity, MFA, session name).
import { explainTrustPolicy } from '../../../../lib/domain/diagnosis/trust-policy';

const DATAPLANE_ROLE = 'arn:aws:iam::111111111111:role/acme-dataplane-role';
const SESSION = 'arn:aws:sts::111111111111:assumed-role/acme-dataplane-role/verify-acme-c1-1';

function policy(condition: Record<string, unknown>, principal: unknown = { AWS: DATAPLANE_ROLE }, extra: unknown[] = []) {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'Vendor', Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', Condition: condition }, ...extra],
  };
}

const requiresId = (value: string) => policy({ StringEquals: { 'sts:ExternalId': value } });

describe('an External ID STS would reject is never allowed', () => {
  it.each([
    ['a trailing space', 'acme-ext-1234 '],
    ['a newline', 'acme-ext-1234\n'],
    ['a space inside', 'acme ext-1234'],
    ['a character outside [\\w+=,.@:/-]', 'acme-ext#1234'],
    ['a non-ASCII letter', 'acmé-ext-1234'],
    ['1 character', 'a'],
    ['1225 characters', 'a'.repeat(1225)],
  ])('%s, even when the policy holds exactly that value', (_, externalId) => {
    // Act
    const explanation = explainTrustPolicy(requiresId(externalId), { principalArn: DATAPLANE_ROLE, externalId });

    // Assess
    expect(explanation.decision).toBe('externalIdRejected');
    expect(explanation.summary).toMatch(/^Rejected by STS: the External ID given \(\d+ chars?, fp [0-9a-f]{8}\) is not one STS accepts/);
    expect(explanation.fix).toMatch(/^Re-enter the External ID in the connection form: 2-1224 characters/);
    expect(JSON.stringify(explanation)).not.toContain(externalId.length > 1 ? externalId : '"a"');
  });

  it.each([
    ['2 characters', 'ab'],
    ['1224 characters', 'a'.repeat(1224)],
    ['every allowed character', 'aZ09_+=,.@:/-'],
  ])('%s, the bounds STS accepts, are allowed', (_, externalId) => {
    // Act
    const explanation = explainTrustPolicy(requiresId(externalId), { principalArn: DATAPLANE_ROLE, externalId });

    // Assess
    expect(explanation.decision).toBe('allowed');
  });
});

describe('without an External ID (the runbook: a policy shared with its value redacted)', () => {
  it('a correct policy is allowed if the External ID matches; no fix', () => {
    // Act
    const explanation = explainTrustPolicy(requiresId('REDACTED'), { principalArn: DATAPLANE_ROLE });

    // Assess
    expect(explanation).toMatchObject({ decision: 'allowedIfExternalIdMatches', externalIdRequired: true });
    expect(explanation.fix).toBeUndefined();
  });

  it('a policy wrong elsewhere is denied for that reason, and the fix is about that, not the External ID', () => {
    // Prepare
    const wrongRole = policy({ StringEquals: { 'sts:ExternalId': 'REDACTED' } }, { AWS: 'arn:aws:iam::111111111111:role/globex-dataplane-role' });

    // Act
    const explanation = explainTrustPolicy(wrongRole, { principalArn: DATAPLANE_ROLE });

    // Assess
    expect(explanation.decision).toBe('implicitDeny');
    expect(explanation.summary).toMatch(/does not apply: it trusts arn:aws:iam::111111111111:role\/globex-dataplane-role, not the dataplane role/);
    expect(explanation.fix).toBe('In Statement[0] (Sid "Vendor"), set the Principal to {"AWS": "arn:aws:iam::111111111111:role/acme-dataplane-role"}.');
  });

  it('a policy whose External ID STS could never accept is denied, and the fix says to remove the whitespace', () => {
    // Act
    const explanation = explainTrustPolicy(requiresId('REDACTED '), { principalArn: DATAPLANE_ROLE });

    // Assess
    expect(explanation.decision).toBe('implicitDeny');
    expect(explanation.summary).toMatch(/its StringEquals condition on sts:ExternalId expects a value STS never accepts \(it contains whitespace\), so no call can match it/);
    expect(explanation.fix).toMatch(/^Set the sts:ExternalId value in Statement\[0\] \(Sid "Vendor"\) to exactly the External ID from the connection form, without whitespace/);
  });

  it('a policy that only asks for some External ID (Null "false") is allowed if one is sent, with the confused-deputy warning', () => {
    // Act
    const explanation = explainTrustPolicy(policy({ Null: { 'sts:ExternalId': 'false' } }), { principalArn: DATAPLANE_ROLE });

    // Assess
    expect(explanation.decision).toBe('allowedIfExternalIdMatches');
    expect(explanation.summary).toMatch(/also accepts other External IDs/);
  });

  it('a policy that does not require an External ID is still "allowed, not enforced"', () => {
    // Act
    const explanation = explainTrustPolicy(policy({}), { principalArn: DATAPLANE_ROLE });

    // Assess
    expect(explanation).toMatchObject({ decision: 'allowed', externalIdRequired: false });
  });
});

describe('a decision that depends on keys explain cannot know says so in the decision', () => {
  const id = { 'sts:ExternalId': 'acme-ext-1234' };
  it.each([
    ['a principal tag', { StringEquals: { ...id, 'aws:PrincipalTag/team': 'data' } }, ['aws:PrincipalTag/team']],
    ['a request tag', { StringEquals: id, StringLike: { 'aws:RequestTag/project': 'dq-*' } }, ['aws:RequestTag/project']],
    ['a source identity', { StringEquals: { ...id, 'aws:SourceIdentity': 'alice' } }, ['aws:SourceIdentity']],
    ['MFA', { StringEquals: id, Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, ['aws:MultiFactorAuthPresent']],
    ['a session name, for a role ARN with no session name', { StringEquals: id, StringLike: { 'sts:RoleSessionName': 'verify-*' } }, ['sts:RoleSessionName']],
    ['two keys', { StringEquals: { ...id, 'aws:PrincipalTag/team': 'data', 'aws:SourceIdentity': 'alice' } }, ['aws:PrincipalTag/team', 'aws:SourceIdentity']],
  ])('%s', (_, condition, keys) => {
    // Act
    const explanation = explainTrustPolicy(policy(condition), { principalArn: DATAPLANE_ROLE, externalId: 'acme-ext-1234' });

    // Assess
    expect(explanation).toMatchObject({ decision: 'dependsOnUnknownKeys', unknownKeys: keys, evaluatedDecision: 'implicitDeny' });
    expect(explanation.summary).toMatch(new RegExp(`^Depends on ${keys.join(', ')}, which this tool cannot know for the real call: .* absent: Denied: `));
  });

  it('a Deny on an unknown key is a dependency too: with the key absent the call is allowed', () => {
    // Prepare
    const denyTagged = { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalTag/blocked': 'yes' } } };

    // Act
    const explanation = explainTrustPolicy(policy({ StringEquals: id }, undefined, [denyTagged]), { principalArn: DATAPLANE_ROLE, externalId: 'acme-ext-1234' });

    // Assess
    expect(explanation).toMatchObject({ decision: 'dependsOnUnknownKeys', unknownKeys: ['aws:PrincipalTag/blocked'], evaluatedDecision: 'allowed' });
  });

  it('a session name is known when given, or when the caller is a session ARN', () => {
    // Prepare
    const condition = { StringEquals: id, StringLike: { 'sts:RoleSessionName': 'verify-*' } };

    // Act
    const named = explainTrustPolicy(policy(condition), { principalArn: DATAPLANE_ROLE, externalId: 'acme-ext-1234', sessionName: 'verify-acme-c1-1' });
    const session = explainTrustPolicy(policy(condition), { principalArn: SESSION, externalId: 'acme-ext-1234' });

    // Assess
    expect(named.decision).toBe('allowed');
    expect(session.decision).toBe('allowed');
  });

  it('an unknown key that cannot change the outcome is not a dependency', () => {
    // Prepare: the tagged statement trusts another account, so it never applies to the dataplane role.
    const other = { Effect: 'Allow', Principal: { AWS: '333333333333' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'x' } } };

    // Act
    const explanation = explainTrustPolicy(policy({ StringEquals: id }, undefined, [other]), { principalArn: DATAPLANE_ROLE, externalId: 'acme-ext-1234' });

    // Assess
    expect(explanation.decision).toBe('allowed');
    expect(explanation.unknownKeys).toBeUndefined();
  });
});

describe('the texts of these decisions, pinned', () => {
  const id = { 'sts:ExternalId': 'acme-ext-1234' };
  const options = { principalArn: DATAPLANE_ROLE, externalId: 'acme-ext-1234' };

  it('one unknown key: "its value", "it absent"', () => {
    const explanation = explainTrustPolicy(policy({ StringEquals: { ...id, 'aws:SourceIdentity': 'alice' } }), options);
    expect(explanation.summary).toMatch(
      /^Depends on aws:SourceIdentity, which this tool cannot know for the real call: the outcome changes with its value\. With it absent: Denied: no statement lets /,
    );
  });

  it('two unknown keys: "their values", "them absent"', () => {
    const explanation = explainTrustPolicy(policy({ StringEquals: { ...id, 'aws:SourceIdentity': 'alice', 'aws:PrincipalTag/team': 'data' } }), options);
    expect(explanation.summary).toMatch(
      /^Depends on aws:SourceIdentity, aws:PrincipalTag\/team, which this tool cannot know for the real call: the outcome changes with their values\. With them absent: Denied: /,
    );
  });

  it('a number no policy value satisfies is tried too (NumericLessThan on an MFA age)', () => {
    const explanation = explainTrustPolicy(policy({ StringEquals: id, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }), options);
    expect(explanation).toMatchObject({ decision: 'dependsOnUnknownKeys', unknownKeys: ['aws:MultiFactorAuthAge'] });
  });

  it('a Deny unless a tag has a value: with the tag absent it denies, with the value it allows', () => {
    const deny = { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'data' } } };
    const explanation = explainTrustPolicy(policy({ StringEquals: id }, undefined, [deny]), options);
    expect(explanation).toMatchObject({ decision: 'dependsOnUnknownKeys', unknownKeys: ['aws:PrincipalTag/team'], evaluatedDecision: 'explicitDeny' });
  });

  it('an External ID STS rejects: whether the policy requires one is still told, and what the policy alone would decide', () => {
    const requires = explainTrustPolicy(requiresId('acme ext'), { principalArn: DATAPLANE_ROLE, externalId: 'acme ext' });
    const open = explainTrustPolicy(policy({}), { principalArn: DATAPLANE_ROLE, externalId: 'acme ext' });
    expect(requires).toMatchObject({ decision: 'externalIdRejected', evaluatedDecision: 'allowed', externalIdRequired: true });
    expect(open).toMatchObject({ decision: 'externalIdRejected', evaluatedDecision: 'allowed', externalIdRequired: false });
    expect(requires.correctedPolicy).toBeUndefined();
  });

  it.each([
    ['surrounding whitespace only', ' acme-ext-1234\n', / Without its leading and trailing whitespace \(.*\), it is a valid External ID\.$/],
    ['whitespace inside', 'acme ext-1234', /whatever the policy says\.$/],
    ['whitespace around a value that is invalid anyway', ' acme#ext ', /whatever the policy says\.$/],
  ])('the rejection says whether removing whitespace is enough: %s', (_, externalId, ending) => {
    const explanation = explainTrustPolicy(requiresId('acme-ext-1234'), { principalArn: DATAPLANE_ROLE, externalId });
    expect(explanation.summary).toMatch(ending);
  });

  it('a Deny unless the External ID matches, with a value STS never accepts, is explained as the Deny, not as an unmatchable value', () => {
    const deny = { Sid: 'Require', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'sts:ExternalId': 'bad value' } } };
    const explanation = explainTrustPolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: DATAPLANE_ROLE }, Action: 'sts:AssumeRole' }, deny] }, { principalArn: DATAPLANE_ROLE });
    expect(explanation.decision).toBe('explicitDeny');
    expect(explanation.summary).toBe(
      'Denied: Statement[1] (Sid "Require") denies the call because its StringNotEquals condition on sts:ExternalId is met: the call carried no External ID. An explicit Deny overrides every Allow.',
    );
    expect(explanation.fix).toBe('Enter the External ID that Statement[1] (Sid "Require") expects in the connection form.');
  });

  it('a condition with one acceptable value among unacceptable ones is checked with the acceptable one', () => {
    const explanation = explainTrustPolicy(requiresIdValues(['bad value', 'acme-ext-1234']), { principalArn: DATAPLANE_ROLE });
    expect(explanation.decision).toBe('allowedIfExternalIdMatches');
  });
});

function requiresIdValues(values: string[]) {
  return policy({ StringEquals: { 'sts:ExternalId': values } });
}
