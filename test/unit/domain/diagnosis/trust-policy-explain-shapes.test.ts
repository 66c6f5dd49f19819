// Trust policy shapes support meets less often — NotPrincipal naming our role, a bare "*" principal,
// principals of other types, a value off by case and whitespace at once, a Deny whose value differs only
// by whitespace — each with the exact advice explain gives for it.
import { explainTrustPolicy } from '../../../../lib/domain/diagnosis/trust-policy';

const ROLE = 'arn:aws:iam::111111111111:role/acme-dataplane-role';
const ID = 'acme-ext-1234';
const OPTIONS = { principalArn: ROLE, externalId: ID, sessionName: 'verify-acme-c1-1' };
const withId = (value: string) => ({ StringEquals: { 'sts:ExternalId': value } });

function allow(sid: string, principal: unknown, condition?: Record<string, unknown>) {
  return { Sid: sid, Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) };
}

const explain = (...statements: unknown[]) => explainTrustPolicy({ Version: '2012-10-17', Statement: statements }, OPTIONS);

describe('principal shapes', () => {
  it('NotPrincipal naming our role: it does not apply to us, and it is not supported in trust policies', () => {
    // Act
    const e = explain({ Sid: 'NP', Effect: 'Allow', NotPrincipal: { AWS: ROLE }, Action: 'sts:AssumeRole', Condition: withId(ID) });

    // Assess
    expect(e.decision).toBe('implicitDeny');
    expect(e.summary).toContain('does not apply: it lists the dataplane role in NotPrincipal.');
    expect(e.summary).toContain(
      'Warning: Statement[0] (Sid "NP") uses NotPrincipal, which AWS does not support in role trust policies; use a Deny with an ArnNotEquals condition on aws:PrincipalArn instead.',
    );
    expect(e.fix).toBe(`In Statement[0] (Sid "NP"), replace NotPrincipal with "Principal": {"AWS": "${ROLE}"}.`);
  });

  it('a bare "*" principal applies to us, so only its External ID is at fault', () => {
    // Act
    const e = explain(allow('Star', '*', withId('other-1234')));

    // Assess
    expect(e.decision).toBe('implicitDeny');
    expect(e.summary).toContain('the closest statement, Statement[0] (Sid "Star"), does not apply: its StringEquals condition on sts:ExternalId is not met');
    expect(e.fix).toBe(
      'Set the sts:ExternalId value in Statement[0] (Sid "Star") to exactly the External ID entered in the connection form (13 chars, fp cd861e2f), or enter the policy\'s value there.',
    );
  });

  it('principals of other types are not meant for a role: a statement for it is added', () => {
    // Act
    const e = explain(allow('Svc', { Service: 'ec2.amazonaws.com', Federated: 'cognito-identity.amazonaws.com' }));

    // Assess
    expect(e.decision).toBe('implicitDeny');
    expect(e.summary).toContain('none of its Allow statements (Statement[0] (Sid "Svc")) is meant for an AWS role calling sts:AssumeRole.');
    expect(e.fix).toBe(
      `Add a statement that allows sts:AssumeRole to {"AWS": "${ROLE}"} with a StringEquals condition on sts:ExternalId, as in the corrected policy.`,
    );
  });
});

describe('External ID values that are almost right', () => {
  it('off by letter case and surrounding whitespace at once: both are named in the fix', () => {
    // Act
    const e = explain(allow('WsCase', { AWS: ROLE }, withId(' ACME-EXT-1234')));

    // Assess
    expect(e.summary).toContain("they differ in letter case and by surrounding whitespace (the policy's value starts with a space).");
    expect(e.fix).toBe(
      'Make the sts:ExternalId value in Statement[0] (Sid "WsCase") exactly the External ID from the connection form: remove the surrounding whitespace and match its letter case.',
    );
  });

  it('a Deny unless the value matches, whose value differs only by whitespace: the hint says where', () => {
    // Act
    const e = explain(allow('Ok', { AWS: ROLE }, withId(ID)), {
      Sid: 'D',
      Effect: 'Deny',
      Principal: { AWS: ROLE },
      Action: 'sts:AssumeRole',
      Condition: { StringNotEquals: { 'sts:ExternalId': `${ID} ` } },
    });

    // Assess
    expect(e.decision).toBe('explicitDeny');
    expect(e.summary).toContain(
      "as StringNotEquals requires; they differ only by trailing whitespace (the policy's value ends with a space). An explicit Deny overrides every Allow.",
    );
    expect(e.fix).toBe(
      'Remove the whitespace around the sts:ExternalId value in Statement[1] (Sid "D"); IAM compares External IDs exactly, and no valid External ID contains whitespace.',
    );
  });
});

describe('documents that are not policies', () => {
  it('are refused with the reason, without a path prefix', () => {
    // Act
    const explainList = () => explainTrustPolicy([], OPTIONS);

    // Assess
    expect(explainList).toThrow(new Error('policy document must be a JSON object, got array'));
  });
});
