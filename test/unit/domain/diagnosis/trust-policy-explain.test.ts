import { readFileSync } from 'node:fs';
import { Decision, evaluatePolicy, InvalidPrincipalArnError, PolicyDocumentError, principalFromArn } from '../../../../lib/iam-policy';
import { CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER, ExplainDecision, explainTrustPolicy, TrustPolicyExplanation } from '../../../../lib/domain/diagnosis/trust-policy';
import { fixturePath } from '../../../support/fixtures';

const DATAPLANE_ROLE = 'arn:aws:iam::111111111111:role/acme-dataplane-role';
const SESSION = 'arn:aws:sts::111111111111:assumed-role/acme-dataplane-role/verify-acme-c1-1';
/** The External ID in the fixtures; the customer typed it in the connection form. */
const EXTERNAL_ID = 'acme-7Hq2x9Zt-2024';
const OPTIONS = { principalArn: DATAPLANE_ROLE, externalId: EXTERNAL_ID, sessionName: 'verify-acme-c1-1' };

function fixtureText(name: string): string {
  return readFileSync(fixturePath('trust-policies', name), 'utf8');
}

function fixture(name: string): unknown {
  return JSON.parse(fixtureText(name));
}

/** Every External ID value a fixture holds, so that tests can check none of them leaks. */
function externalIdsIn(name: string): string[] {
  return [...fixtureText(name).matchAll(/"sts:ExternalId": (?:\[\s*)?"([^"]*)"/gi)].map((m) => m[1] ?? '').filter((v) => v.length > 0);
}

interface Row {
  fixture: string;
  decision: ExplainDecision;
  externalIdRequired: boolean;
  summary: RegExp;
  /** undefined: no fix expected. */
  fix?: RegExp;
}

const ROWS: Row[] = [
  {
    fixture: 'correct',
    decision: 'allowed',
    externalIdRequired: true,
    summary: /^Allowed: Statement\[0\] \(Sid "AllowVendorDataplane"\) lets arn:aws:iam::111111111111:role\/acme-dataplane-role assume this role with the External ID \(18 chars, fp [0-9a-f]{8}\), and not without it\.$/,
  },
  {
    fixture: 'statement-object',
    decision: 'allowed',
    externalIdRequired: true,
    summary: /^Allowed: /,
  },
  {
    fixture: 'wrong-external-id',
    decision: 'implicitDeny',
    externalIdRequired: true,
    summary: /the closest statement, Statement\[0\] \(Sid "AllowVendorDataplane"\), does not apply: its StringEquals condition on sts:ExternalId is not met: sts:ExternalId \(18 chars, fp [0-9a-f]{8}\) does not equal the expected value \(18 chars, fp [0-9a-f]{8}\)\.$/,
    fix: /Set the sts:ExternalId value in Statement\[0\] .* to exactly the External ID entered in the connection form/,
  },
  {
    fixture: 'external-id-trailing-space',
    decision: 'implicitDeny',
    externalIdRequired: true,
    summary: /does not equal the expected value \(19 chars, fp [0-9a-f]{8}\); they differ only by trailing whitespace \(the policy's value ends with a space\)/,
    fix: /^Remove the whitespace around the sts:ExternalId value in Statement\[0\] \(Sid "AllowVendorDataplane"\)/,
  },
  {
    fixture: 'external-id-wrong-case',
    decision: 'implicitDeny',
    externalIdRequired: true,
    summary: /they differ only in letter case/,
    fix: /External IDs are case-sensitive/,
  },
  {
    fixture: 'no-external-id-condition',
    decision: 'allowed',
    externalIdRequired: false,
    summary: /^Allowed, but the External ID is not enforced: Statement\[0\] .* also lets .* assume this role without an External ID, which leaves the role open to the confused-deputy problem\.$/,
    fix: /^Add "Condition": \{"StringEquals": \{"sts:ExternalId": "<YOUR_EXTERNAL_ID>"\}\} to Statement\[0\]/,
  },
  {
    fixture: 'account-root-principal',
    decision: 'allowed',
    externalIdRequired: true,
    summary:
      /Warning: Statement\[0\] .* trusts the whole account 111111111111, not only the dataplane role .*: the IAM policies of that account then decide which of its roles may assume this one, so any of them that learns the External ID could \(verification reports TRUST_NOT_PINNED\)\./,
    fix: /^Set the Principal of Statement\[0\] .* to \{"AWS": "arn:aws:iam::111111111111:role\/acme-dataplane-role"\}\.$/,
  },
  {
    fixture: 'bare-account-principal',
    decision: 'allowed',
    externalIdRequired: true,
    summary: /Warning: Statement\[0\] .* trusts the whole account 111111111111/,
    fix: /^Set the Principal of Statement\[0\] .* to \{"AWS": "arn:aws:iam::111111111111:role\/acme-dataplane-role"\}\.$/,
  },
  {
    fixture: 'different-role-principal',
    decision: 'implicitDeny',
    externalIdRequired: true,
    summary: /does not apply: it trusts arn:aws:iam::111111111111:role\/globex-dataplane-role, not the dataplane role arn:aws:iam::111111111111:role\/acme-dataplane-role\.$/,
    fix: /^In Statement\[0\] .*, set the Principal to \{"AWS": "arn:aws:iam::111111111111:role\/acme-dataplane-role"\}\.$/,
  },
  {
    fixture: 'unique-id-principal',
    decision: 'implicitDeny',
    externalIdRequired: true,
    summary: /it trusts AROAEXAMPLEID1234567X, a unique ID IAM shows in place of a role that was deleted/,
    fix: /set the Principal to \{"AWS": "arn:aws:iam::111111111111:role\/acme-dataplane-role"\}/,
  },
  {
    fixture: 'wildcard-principal-with-external-id',
    decision: 'allowed',
    externalIdRequired: true,
    summary: /^Allowed: .* Warning: Statement\[0\] .* trusts every AWS principal \("\*"\), so anyone who learns the External ID can assume this role/,
    fix: /^Set the Principal of Statement\[0\] .* to \{"AWS": "arn:aws:iam::111111111111:role\/acme-dataplane-role"\}\.$/,
  },
  {
    fixture: 'string-like-external-id',
    decision: 'allowed',
    externalIdRequired: true,
    summary: /Warning: Statement\[0\] .* matches the External ID with a wildcard pattern \(StringLike\)/,
    fix: /use StringEquals with the exact External ID instead of StringLike/,
  },
  {
    fixture: 'explicit-deny',
    decision: 'explicitDeny',
    externalIdRequired: true,
    summary: /^Denied: Statement\[1\] \(Sid "NoVendorAccess"\) explicitly denies sts:AssumeRole to arn:aws:iam::111111111111:role\/acme-dataplane-role\. An explicit Deny overrides every Allow\.$/,
    fix: /^Remove Statement\[1\] \(Sid "NoVendorAccess"\), or narrow it/,
  },
  {
    fixture: 'deny-unless-external-id',
    decision: 'allowed',
    externalIdRequired: true,
    summary: /^Allowed: Statement\[0\]/,
  },
  {
    fixture: 'not-principal-deny',
    decision: 'allowed',
    externalIdRequired: true,
    summary: /Warning: Statement\[1\] \(Sid "DenyEveryoneElse"\) uses NotPrincipal, which AWS does not support in role trust policies/,
  },
  {
    fixture: 'not-principal-allow',
    decision: 'allowed',
    externalIdRequired: true,
    summary: /Warning: Statement\[0\] .* uses NotPrincipal/,
    fix: /replace NotPrincipal with "Principal": \{"AWS": "arn:aws:iam::111111111111:role\/acme-dataplane-role"\}/,
  },
  {
    fixture: 'action-sts-wildcard',
    decision: 'allowed',
    externalIdRequired: true,
    summary: /^Allowed: /,
  },
  {
    fixture: 'not-action-tag-session',
    decision: 'allowed',
    externalIdRequired: true,
    summary: /^Allowed: /,
  },
  {
    fixture: 'not-action-assume',
    decision: 'implicitDeny',
    externalIdRequired: true,
    summary: /does not apply: its NotAction excludes sts:AssumeRole\.$/,
    fix: /set the Action to "sts:AssumeRole"/,
  },
  {
    fixture: 'condition-key-case',
    decision: 'allowed',
    externalIdRequired: true,
    summary: /^Allowed: /,
  },
  {
    fixture: 'several-external-ids',
    decision: 'allowed',
    externalIdRequired: true,
    summary: /^Allowed: /,
  },
  {
    fixture: 'for-any-value',
    decision: 'allowed',
    externalIdRequired: true,
    summary: /^Allowed: /,
  },
  {
    // ForAllValues is true when the key is absent: the role does not require the External ID.
    fixture: 'for-all-values',
    decision: 'allowed',
    externalIdRequired: false,
    summary: /^Allowed, but the External ID is not enforced/,
    fix: /StringEquals/,
  },
  {
    // ...IfExists passes when the key is absent: same trap.
    fixture: 'if-exists',
    decision: 'allowed',
    externalIdRequired: false,
    summary: /^Allowed, but the External ID is not enforced/,
    fix: /StringEquals/,
  },
  {
    // Null "false" only demands that some External ID is present.
    fixture: 'null-external-id',
    decision: 'allowed',
    externalIdRequired: true,
    summary: /Warning: Statement\[0\] .* also accepts other External IDs/,
    fix: /require the exact External ID with StringEquals on sts:ExternalId/,
  },
  {
    // MFA is a key explain cannot know for the real call: the decision says so.
    fixture: 'bool-mfa',
    decision: 'dependsOnUnknownKeys',
    externalIdRequired: true,
    summary: /its Bool condition on aws:MultiFactorAuthPresent is not met \(aws:MultiFactorAuthPresent is missing from the request \(key missing\)/,
    fix: /remove the Bool condition on aws:MultiFactorAuthPresent \(a session reached by role chaining never carries MFA\)/,
  },
  {
    fixture: 'arn-like-principal-arn',
    decision: 'allowed',
    externalIdRequired: true,
    summary: /^Allowed: /,
  },
  {
    fixture: 'arn-like-other-role',
    decision: 'implicitDeny',
    externalIdRequired: true,
    summary: /its ArnLike condition on aws:PrincipalArn is not met \(aws:PrincipalArn "arn:aws:iam::111111111111:role\/acme-dataplane-role" does not match the expected pattern "arn:aws:iam::111111111111:role\/spark-\*"\)/,
    fix: /remove the ArnLike condition on aws:PrincipalArn, or make it match arn:aws:iam::111111111111:role\/acme-dataplane-role/,
  },
  {
    fixture: 'ec2-service-only',
    decision: 'implicitDeny',
    externalIdRequired: true,
    summary: /none of its Allow statements \(Statement\[0\] \(Sid "Ec2Instances"\)\) is meant for an AWS role calling sts:AssumeRole/,
    fix: /^Add a statement that allows sts:AssumeRole to \{"AWS": "arn:aws:iam::111111111111:role\/acme-dataplane-role"\}/,
  },
];

/** Whether a corrected policy does what it promises, checked by the evaluator itself. */
function assessCorrection(corrected: unknown): { withPlaceholder: Decision; without: Decision } {
  const principal = principalFromArn(SESSION);
  const request = (externalId?: string) => ({
    principal,
    action: 'sts:AssumeRole',
    resource: 'arn:aws:iam::222222222222:role/qualytics-s3-access',
    conditionKeys: externalId === undefined ? {} : { 'sts:ExternalId': externalId },
  });
  return {
    withPlaceholder: evaluatePolicy(corrected, request(CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER), 'trust').decision,
    without: evaluatePolicy(corrected, request(), 'trust').decision,
  };
}

describe('explainTrustPolicy on customer trust policies', () => {
  it.each(ROWS)('$fixture: $decision', (row) => {
    // Act
    const explanation = explainTrustPolicy(fixture(row.fixture), OPTIONS);

    // Assess
    expect(explanation.decision).toBe(row.decision);
    expect(explanation.externalIdRequired).toBe(row.externalIdRequired);
    expect(explanation.summary).toMatch(row.summary);
    if (row.fix) expect(explanation.fix).toMatch(row.fix);
    else expect(explanation.fix).toBeUndefined();
    // A fix comes with a corrected policy, and only then.
    expect(explanation.correctedPolicy !== undefined).toBe(row.fix !== undefined);
  });

  it.each(ROWS.filter((row) => row.fix))('$fixture: the corrected policy allows with the External ID and denies without it', (row) => {
    const { correctedPolicy } = explainTrustPolicy(fixture(row.fixture), OPTIONS);
    expect(assessCorrection(correctedPolicy)).toEqual({ withPlaceholder: 'allowed', without: 'implicitDeny' });
  });

  it.each(ROWS)('$fixture: no External ID appears in clear anywhere in the explanation', (row) => {
    // Prepare
    const secrets = [EXTERNAL_ID, ...externalIdsIn(row.fixture)];

    // Act
    const text = JSON.stringify(explainTrustPolicy(fixture(row.fixture), OPTIONS));

    // Assess
    for (const secret of secrets) expect(text).not.toContain(secret.trim());
  });

  it('reads the policy as IAM returns it: a JSON string', () => {
    const explanation = explainTrustPolicy(fixtureText('correct'), OPTIONS);
    expect(explanation.decision).toBe('allowed');
  });

  it('evaluates the call as a session of the dataplane role, with its session name', () => {
    // Prepare
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: SESSION },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': EXTERNAL_ID, 'sts:RoleSessionName': 'verify-acme-c1-1' } },
        },
      ],
    };

    // Act
    const asRole = explainTrustPolicy(policy, OPTIONS);
    const asSession = explainTrustPolicy(policy, { principalArn: SESSION, externalId: EXTERNAL_ID, sessionName: 'verify-acme-c1-1' });
    const otherSession = explainTrustPolicy(policy, { ...OPTIONS, sessionName: 'spark-job-7' });

    // Assess
    expect(asRole.decision).toBe('allowed');
    expect(asSession.decision).toBe('allowed');
    expect(otherSession.decision).toBe('implicitDeny');
  });

  it('given a session ARN and no session name, the requested session name is that session\'s', () => {
    // Prepare
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: DATAPLANE_ROLE },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': EXTERNAL_ID }, StringLike: { 'sts:RoleSessionName': 'verify-*' } },
        },
      ],
    };

    // Act
    const explanation = explainTrustPolicy(policy, { principalArn: SESSION, externalId: EXTERNAL_ID });

    // Assess
    expect(explanation.decision).toBe('allowed');
  });
});

describe('explainTrustPolicy: the External ID side', () => {
  it('without an External ID (a policy shared redacted), a correct policy is allowed if the External ID matches, with no fix', () => {
    // Act
    const explanation = explainTrustPolicy(fixture('correct'), { principalArn: DATAPLANE_ROLE });

    // Assess
    expect(explanation).toMatchObject({ decision: 'allowedIfExternalIdMatches', evaluatedDecision: 'allowed', externalIdRequired: true });
    expect(explanation.summary).toMatch(/^Allowed if the connection's External ID is the one the policy expects: Statement\[0\] \(Sid "AllowVendorDataplane"\) lets arn:aws:iam::111111111111:role\/acme-dataplane-role assume this role with that External ID, and not without one\./);
    expect(explanation.fix).toBeUndefined();
    expect(explanation.correctedPolicy).toBeUndefined();
  });

  it('an External ID on file with a trailing space is one STS rejects before reading the policy', () => {
    // Act
    const explanation = explainTrustPolicy(fixture('correct'), { ...OPTIONS, externalId: `${EXTERNAL_ID} ` });

    // Assess
    expect(explanation.decision).toBe('externalIdRejected');
    expect(explanation.summary).toMatch(/^Rejected by STS: the External ID given \(19 chars, fp [0-9a-f]{8}\) is not one STS accepts \(it contains whitespace\), so STS answers AssumeRole with a ValidationError before it reads this trust policy, whatever the policy says\. Without its trailing whitespace \(the request's value ends with a space\), it is a valid External ID\.$/);
    expect(explanation.fix).toMatch(/^Re-enter the External ID in the connection form: 2-1224 characters/);
    expect(JSON.stringify(explanation)).not.toContain(EXTERNAL_ID);
  });

  it('a Deny unless the External ID matches: the wrong External ID is an explicit deny, and the fix corrects the value', () => {
    // Act
    const explanation = explainTrustPolicy(fixture('deny-unless-external-id'), { ...OPTIONS, externalId: 'acme-Zt9x2qH7-2023' });

    // Assess
    expect(explanation.decision).toBe('explicitDeny');
    expect(explanation.summary).toMatch(
      /^Denied: Statement\[1\] \(Sid "RequireExternalId"\) denies the call because its StringNotEquals condition on sts:ExternalId is met: .*An explicit Deny overrides every Allow\.$/,
    );
    expect(explanation.fix).toMatch(/Set the sts:ExternalId value in Statement\[1\] \(Sid "RequireExternalId"\) to exactly the External ID/);
    expect(explanation.correctedPolicy).toMatchObject({
      Statement: [
        { Sid: 'AllowVendorDataplane' },
        { Sid: 'RequireExternalId', Effect: 'Deny', Condition: { StringNotEquals: { 'sts:ExternalId': CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER } } },
      ],
    });
    expect(assessCorrection(explanation.correctedPolicy)).toEqual({ withPlaceholder: 'allowed', without: 'explicitDeny' });
  });

  it('a Deny unless the External ID matches, given no External ID: allowed if the External ID matches, and not without one', () => {
    const explanation = explainTrustPolicy(fixture('deny-unless-external-id'), { principalArn: DATAPLANE_ROLE });
    expect(explanation).toMatchObject({ decision: 'allowedIfExternalIdMatches', externalIdRequired: true });
  });
});

describe('explainTrustPolicy: corrected policies', () => {
  it('corrects the failing statement in place and keeps the rest of the customer\'s policy', () => {
    // Prepare
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Ec2', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
        {
          Sid: 'Vendor',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111111111111:role/acme-dataplane' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': `${EXTERNAL_ID} ` }, StringLike: { 'sts:RoleSessionName': 'verify-*' } },
        },
      ],
    };

    // Act
    const explanation = explainTrustPolicy(policy, OPTIONS);

    // Assess
    expect(explanation.decision).toBe('implicitDeny');
    expect(explanation.summary).toMatch(/the closest statement, Statement\[1\] \(Sid "Vendor"\), does not apply: it trusts arn:aws:iam::111111111111:role\/acme-dataplane, not the dataplane role .*; its StringEquals condition on sts:ExternalId is not met: .*trailing whitespace/);
    expect(explanation.correctedPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [
        policy.Statement[0],
        {
          Sid: 'Vendor',
          Effect: 'Allow',
          Principal: { AWS: DATAPLANE_ROLE },
          Action: 'sts:AssumeRole',
          // The passing session-name condition stays; the External ID becomes the placeholder.
          Condition: { StringLike: { 'sts:RoleSessionName': 'verify-*' }, StringEquals: { 'sts:ExternalId': CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER } },
        },
      ],
    });
  });

  it('appends a minimal statement when no statement is meant for the dataplane role, keeping the others', () => {
    const explanation = explainTrustPolicy(fixture('ec2-service-only'), OPTIONS);
    expect(explanation.correctedPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Ec2Instances', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
        {
          Sid: 'AllowVendorDataplaneWithExternalId',
          Effect: 'Allow',
          Principal: { AWS: DATAPLANE_ROLE },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER } },
        },
      ],
    });
  });

  it('removes an explicit Deny that blocks the dataplane role and keeps the Allow, with the placeholder', () => {
    const explanation = explainTrustPolicy(fixture('explicit-deny'), OPTIONS);
    expect(explanation.correctedPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowVendorDataplane',
          Effect: 'Allow',
          Principal: { AWS: DATAPLANE_ROLE },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER } },
        },
      ],
    });
  });

  it('falls back to a fresh minimal policy when correcting in place would not work', () => {
    // Prepare: a second Deny on a condition the correction cannot see through.
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:role/other' }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringLike: { 'sts:ExternalId': '<*' } } },
      ],
    };

    // Act
    const explanation: TrustPolicyExplanation = explainTrustPolicy(policy, OPTIONS);

    // Assess
    expect(explanation.decision).toBe('implicitDeny');
    expect(explanation.correctedPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowVendorDataplaneWithExternalId',
          Effect: 'Allow',
          Principal: { AWS: DATAPLANE_ROLE },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER } },
        },
      ],
    });
  });

  it('leaves the customer\'s document untouched', () => {
    const policy = fixture('different-role-principal');
    const before = JSON.stringify(policy);
    explainTrustPolicy(policy, OPTIONS);
    expect(JSON.stringify(policy)).toBe(before);
  });
});

describe('explainTrustPolicy: bad input', () => {
  it.each<[string, string]>([
    ['malformed-missing-effect', 'Statement[0]: missing Effect (must be "Allow" or "Deny")'],
    ['malformed-principal-number', 'Statement[0].Principal: must be "*" or an object such as {"AWS": "<role ARN>"}, got number'],
    ['malformed-unknown-operator', 'Statement[0].Condition: unknown condition operator "StringEqual"'],
    ['malformed-condition-value-object', 'Statement[1].Condition.StringEquals.sts:ExternalId: values must be strings, numbers or booleans, got object'],
  ])('%s is a PolicyDocumentError that says what and where', (name, message) => {
    expect(() => explainTrustPolicy(fixture(name), OPTIONS)).toThrow(new PolicyDocumentError(message));
  });

  it('a policy that is not JSON is a PolicyDocumentError', () => {
    expect(() => explainTrustPolicy('{"Version": "2012-10-17", "Statement": [', OPTIONS)).toThrow(PolicyDocumentError);
  });

  it('a principal that is not an ARN is an InvalidPrincipalArnError', () => {
    expect(() => explainTrustPolicy(fixture('correct'), { principalArn: 'acme-dataplane-role' })).toThrow(InvalidPrincipalArnError);
  });
});
