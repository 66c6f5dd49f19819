import { readFileSync } from 'node:fs';
import path from 'node:path';
import { externalIdFingerprint } from '../../../../lib/external-id';
import { preflightConnection } from '../../../../lib/domain/verification/preflight';
import { validateConnectionShape } from '../../../../lib/schemas/connection';
import { cloudTrailEvidence, diagnoseCloudTrailEvent, diagnoseExternalIdNotEnforced, diagnoseStsError, Diagnosis, DIAGNOSIS_CODES, DiagnosisCode, DiagnosisContext, formatDiagnosis, isDenial, propagationPending } from '../../../../lib/domain/diagnosis';
import { fixtureNames, readFixture } from '../../../support/fixtures';

const VENDOR_ACCOUNT = '111111111111';
const DATAPLANE_ROLE = `arn:aws:iam::${VENDOR_ACCOUNT}:role/acme-dataplane-role`;
const TARGET_ROLE = 'arn:aws:iam::222222222222:role/DataQualityReader';
/** The External ID in the fixtures; the Spark dataplane fixture sends OTHER_EXTERNAL_ID. */
const EXTERNAL_ID = 'acme-7Hq2-Zp9x-2024';
const OTHER_EXTERNAL_ID = 'acme-7Hq2-Zp9x-2023';

const CTX: DiagnosisContext = {
  tenantId: 'acme',
  dataplaneRoleArn: DATAPLANE_ROLE,
  targetRoleArn: TARGET_ROLE,
  vendorAccountId: VENDOR_ACCOUNT,
  externalId: externalIdFingerprint(EXTERNAL_ID),
};

function stsError(name: string): { name: string; message: string } {
  return readFixture('sts-errors', name);
}

function trail(name: string): Record<string, unknown> {
  return readFixture('cloudtrail', name);
}

describe('diagnoseStsError', () => {
  it('TRUST_POLICY_DENIED: a bare cross-account AccessDenied is the customer trust policy, or a missing role', () => {
    // Prepare
    const error = stsError('access-denied-trust-policy');

    // Act
    const d = diagnoseStsError(error, CTX);

    // Assess
    expect(d).toMatchObject({ code: 'TRUST_POLICY_DENIED', side: 'customer' });
    expect(d.summary).toContain(DATAPLANE_ROLE);
    expect(d.summary).toContain(TARGET_ROLE);
    expect(d.summary).toContain('or the role does not exist');
    expect(d.summary).toContain(`19 characters, fingerprint ${CTX.externalId!.fingerprint}`);
    // The usual causes, since AWS does not say which one it is.
    expect(d.fix).toContain(`"Principal": {"AWS": "${DATAPLANE_ROLE}"}`);
    expect(d.fix).toContain('sts:ExternalId');
    expect(d.fix).toContain('trailing space or newline');
    expect(d.fix).toContain('deleted or renamed role');
    expect(d.fix).toContain('AROA');
    expect(d.evidence).toEqual([
      expect.objectContaining({
        source: 'sts',
        errorCode: 'AccessDenied',
        principalArn: 'arn:aws:sts::111111111111:assumed-role/acme-dataplane-role/verify-acme-s3-prod-1',
        sessionName: 'verify-acme-s3-prod-1',
      }),
    ]);
  });

  it.each([
    ['access-denied-explicit-deny-scp', 'service control policy', 'vendor', 'SCP of OUR organization', 'a service control policy'],
    ['access-denied-explicit-deny-permissions-boundary', 'permissions boundary', 'vendor', 'permissions boundary on our dataplane role', 'a permissions boundary'],
    ['access-denied-explicit-deny-identity-policy', 'identity-based policy', 'vendor', 'policy attached to our dataplane role', 'an identity-based policy'],
    ['access-denied-explicit-deny-session-policy', 'session policy', 'vendor', 'our verifier passed', 'a session policy'],
    ['access-denied-explicit-deny-rcp', 'resource control policy', 'customer', "customer's AWS Organization", 'a resource control policy'],
    ['access-denied-explicit-deny-trust-policy', 'resource-based policy', 'customer', 'its trust policy', 'a resource-based policy'],
  ])('EXPLICIT_DENY: %s names the %s and who owns it', (fixture, policyType, side, owner, named) => {
    // Prepare
    const error = stsError(fixture);

    // Act
    const d = diagnoseStsError(error, CTX);

    // Assess
    expect(d).toMatchObject({ code: 'EXPLICIT_DENY', side, policyType });
    expect(d.summary).toContain(`${named} explicitly denies it`);
    expect(d.summary).toContain(owner);
  });

  it('EXPLICIT_DENY: names the SCP when AWS gives its ARN', () => {
    const d = diagnoseStsError(stsError('access-denied-explicit-deny-scp-with-policy-arn'), CTX);
    const policyArn = 'arn:aws:organizations::999999999999:policy/o-a1b2c3d4e5/service_control_policy/p-examplepolicyid111';
    expect(d).toMatchObject({ code: 'EXPLICIT_DENY', side: 'vendor', policyType: 'service control policy' });
    expect(d.summary).toContain(policyArn);
    expect(d.fix).toContain(policyArn);
  });

  it('EXPLICIT_DENY: an allow-list SCP that does not allow the call is ours too', () => {
    const d = diagnoseStsError(stsError('access-denied-no-scp-allows'), CTX);
    expect(d).toMatchObject({ code: 'EXPLICIT_DENY', side: 'vendor', policyType: 'service control policy' });
    expect(d.summary).toContain('no service control policy allows it');
  });

  it.each([
    ['access-denied-no-identity-policy', 'no identity-based policy of our dataplane role allows it'],
    ['access-denied-no-permissions-boundary', 'the permissions boundary of our dataplane role does not allow it'],
  ])('IDENTITY_POLICY_DENIED: %s is our side', (fixture, expected) => {
    const d = diagnoseStsError(stsError(fixture), CTX);
    expect(d).toMatchObject({ code: 'IDENTITY_POLICY_DENIED', side: 'vendor' });
    expect(d.summary).toContain(expected);
    expect(d.fix).toContain('assume-customer-target-roles');
    expect(d.fix).toContain('The customer has nothing to change');
  });

  it('DATAPLANE_ROLE_UNASSUMABLE: the verifier could not become the dataplane role, so the customer role was not tested', () => {
    // Prepare
    const error = stsError('access-denied-dataplane-role');

    // Act
    const d = diagnoseStsError(error, CTX, 'dataplane');

    // Assess
    expect(d).toMatchObject({ code: 'DATAPLANE_ROLE_UNASSUMABLE', side: 'vendor' });
    expect(d.summary).toContain(`could not assume the dataplane role ${DATAPLANE_ROLE}`);
    expect(d.summary).toContain(`so ${TARGET_ROLE} has not been tested yet`);
    expect(d.fix).toContain('OnboardingVerifier');
    expect(d.evidence[0]!.summary).toContain(`sts:AssumeRole on ${DATAPLANE_ROLE}`);
  });

  it('DATAPLANE_ROLE_UNASSUMABLE: an explicit deny on the first hop is still ours', () => {
    const d = diagnoseStsError(stsError('access-denied-explicit-deny-scp'), CTX, 'dataplane');
    expect(d).toMatchObject({ code: 'DATAPLANE_ROLE_UNASSUMABLE', side: 'vendor' });
    expect(d.summary).toContain('an explicit deny in a service control policy');
  });

  it('ROLE_ARN_IS_DATAPLANE_ROLE: a target that is our own dataplane role, whatever STS answered', () => {
    // Prepare
    const ctx = { ...CTX, targetRoleArn: DATAPLANE_ROLE };

    // Act
    const denied = diagnoseStsError(stsError('access-denied-target-is-dataplane-role'), ctx);
    const throttled = diagnoseStsError(stsError('throttling'), ctx);

    // Assess
    expect(denied).toMatchObject({ code: 'ROLE_ARN_IS_DATAPLANE_ROLE', side: 'customer' });
    expect(denied.summary).toContain("is the tenant's dataplane role");
    expect(throttled.code).toBe('ROLE_ARN_IS_DATAPLANE_ROLE');
  });

  it('ROLE_ARN_IS_DATAPLANE_ROLE: any role in our account', () => {
    const d = diagnoseStsError(stsError('access-denied-trust-policy'), {
      ...CTX,
      targetRoleArn: `arn:aws:iam::${VENDOR_ACCOUNT}:role/globex-dataplane-role`,
    });
    expect(d.code).toBe('ROLE_ARN_IS_DATAPLANE_ROLE');
    expect(d.summary).toContain(`is in account ${VENDOR_ACCOUNT}, which is our (the vendor's) account`);
  });

  it('REGION_DISABLED: STS is off in that region of the customer account', () => {
    const d = diagnoseStsError(stsError('region-disabled'), CTX);
    expect(d).toMatchObject({ code: 'REGION_DISABLED', side: 'customer' });
    expect(d.summary).toContain('account 222222222222');
    expect(d.fix).toContain('Security Token Service (STS)');
    expect(d.fix).toContain("another region's STS endpoint");
  });

  it.each(['validation-duration-role-chaining', 'validation-duration-max-session'])(
    'SESSION_DURATION_EXCEEDED: %s is a defect in our call',
    (fixture) => {
      const d = diagnoseStsError(stsError(fixture), CTX);
      expect(d).toMatchObject({ code: 'SESSION_DURATION_EXCEEDED', side: 'vendor' });
      expect(d.fix).toContain('at most 3600 seconds');
    },
  );

  it.each([
    ['validation-external-id-pattern', 'a space or line break is the usual culprit', EXTERNAL_ID],
    ['validation-external-id-too-short', 'shorter than the 2 characters', "Value 'a'"],
  ])('EXTERNAL_ID_INVALID: %s, with the value STS echoed withheld', (fixture, why, value) => {
    // Prepare
    const error = stsError(fixture);
    expect(error.message).toContain(value);

    // Act
    const d = diagnoseStsError(error, CTX);

    // Assess
    expect(d).toMatchObject({ code: 'EXTERNAL_ID_INVALID', side: 'customer' });
    expect(d.summary).toContain(why);
    expect(d.rawMessage).toContain("Value '[External ID withheld]' at 'externalId'");
    expect(JSON.stringify(d)).not.toContain(value);
  });

  it.each([
    ['validation-role-arn-too-short', 'DataQualityReader', 'looks like a role name, not an ARN'],
    ['validation-request-arn-invalid', 'arn:aws:iam::222222222222:user/reader', 'is an IAM user ARN'],
  ])('ROLE_ARN_INVALID: %s explains the ARN that STS rejected', (fixture, targetRoleArn, expected) => {
    const d = diagnoseStsError(stsError(fixture), { ...CTX, targetRoleArn });
    expect(d).toMatchObject({ code: 'ROLE_ARN_INVALID', side: 'customer' });
    expect(d.summary).toContain(expected);
  });

  it.each(['Throttling', 'ThrottlingException', 'RequestLimitExceeded'])('THROTTLED: %s is transient', (name) => {
    const d = diagnoseStsError({ name, message: 'Rate exceeded' }, CTX);
    expect(d).toMatchObject({ code: 'THROTTLED', side: 'transient' });
  });

  it('THROTTLED: on the first hop too', () => {
    expect(diagnoseStsError(stsError('throttling'), CTX, 'dataplane').code).toBe('THROTTLED');
  });

  it('OIDC_PROVIDER_MISSING: the cluster issuer has no IAM OIDC provider in our account', () => {
    const d = diagnoseStsError(stsError('invalid-identity-token-no-oidc-provider'), CTX);
    expect(d).toMatchObject({ code: 'OIDC_PROVIDER_MISSING', side: 'vendor' });
    expect(d.summary).toContain('https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF');
    expect(d.fix).toContain('--client-id-list sts.amazonaws.com');
  });

  it.each(['access-denied-web-identity', 'invalid-identity-token-audience'])('IRSA_TRUST_MISMATCH: %s', (fixture) => {
    const d = diagnoseStsError(stsError(fixture), CTX);
    expect(d).toMatchObject({ code: 'IRSA_TRUST_MISMATCH', side: 'vendor' });
    expect(d.fix).toContain('system:serviceaccount:qualytics:qualytics-spark');
  });

  it('UNKNOWN: keeps the raw message so support can escalate it', () => {
    const d = diagnoseStsError(stsError('expired-token'), CTX);
    expect(d).toMatchObject({
      code: 'UNKNOWN',
      side: 'vendor',
      rawMessage: 'The security token included in the request is expired',
    });
    expect(d.summary).toContain('ExpiredTokenException');
  });

  it('UNKNOWN: withholds anything that looks like an External ID value from a validation message', () => {
    // Prepare
    const error = { name: 'ValidationException', message: `Value '${EXTERNAL_ID}' at 'externalId' is not supported here` };

    // Act
    const d = diagnoseStsError({ ...error, name: 'SomethingNew' }, CTX);

    // Assess
    expect(d.code).toBe('UNKNOWN');
    expect(d.rawMessage).toBe("Value '[External ID withheld]' at 'externalId' is not supported here");
  });
});

describe('diagnoseCloudTrailEvent', () => {
  it('TRUST_POLICY_DENIED from a verifier record that sent the configured External ID', () => {
    // Prepare
    const record = trail('assume-role-denied-verifier');

    // Act
    const d = diagnoseCloudTrailEvent(record, CTX);

    // Assess
    expect(d).toMatchObject({ code: 'TRUST_POLICY_DENIED', side: 'customer' });
    expect(d.summary).toContain('Our verifier sent the configured External ID');
    expect(d.evidence).toEqual([
      expect.objectContaining({
        source: 'cloudtrail',
        origin: 'verifier',
        at: '2024-05-02T09:15:02Z',
        eventId: '5d3b7a1e-0c44-4f8e-9b1a-2f7c9d0e1a21',
        sessionName: 'verify-acme-s3-prod-1',
        errorCode: 'AccessDenied',
        principalArn: 'arn:aws:sts::111111111111:assumed-role/acme-dataplane-role/verify-acme-s3-prod-1-dp',
      }),
    ]);
  });

  it('reads the tenant, our account and both roles from the record when no context is given', () => {
    const d = diagnoseCloudTrailEvent(trail('assume-role-denied-verifier'));
    expect(d.code).toBe('TRUST_POLICY_DENIED');
    expect(d.summary).toContain(`our dataplane role ${DATAPLANE_ROLE} of tenant acme`);
    expect(d.summary).toContain(TARGET_ROLE);
  });

  it('says the real dataplane sent a different External ID than the one configured', () => {
    // Prepare
    const record = trail('assume-role-denied-dataplane-different-external-id');

    // Act
    const d = diagnoseCloudTrailEvent(record, CTX);

    // Assess
    expect(d.code).toBe('TRUST_POLICY_DENIED');
    expect(d.summary).toContain("The tenant's Spark dataplane sent a different External ID");
    expect(d.summary).toContain(`(${externalIdFingerprint(OTHER_EXTERNAL_ID).fingerprint}`.slice(1));
    expect(d.evidence[0]).toMatchObject({ origin: 'dataplane', sessionName: 'qualytics-s3-prod' });
  });

  it("recognises the verifier's call without an External ID, whose denial is expected", () => {
    const d = diagnoseCloudTrailEvent(trail('assume-role-denied-verifier-without-external-id'), CTX);
    expect(d.summary).toContain('a denial is the expected result');
  });

  it('EXPLICIT_DENY from a record', () => {
    const d = diagnoseCloudTrailEvent(trail('assume-role-denied-explicit-deny-scp'), CTX);
    expect(d).toMatchObject({ code: 'EXPLICIT_DENY', side: 'vendor', policyType: 'service control policy' });
  });

  it("DATAPLANE_ROLE_UNASSUMABLE from the verifier's first hop", () => {
    const d = diagnoseCloudTrailEvent(trail('assume-role-denied-verifier-dataplane-hop'));
    expect(d).toMatchObject({ code: 'DATAPLANE_ROLE_UNASSUMABLE', side: 'vendor' });
    expect(d.summary).toContain(DATAPLANE_ROLE);
  });

  it('ROLE_ARN_IS_DATAPLANE_ROLE when the dataplane tried to assume itself', () => {
    const d = diagnoseCloudTrailEvent(trail('assume-role-denied-target-is-dataplane-role'));
    expect(d).toMatchObject({ code: 'ROLE_ARN_IS_DATAPLANE_ROLE', side: 'customer' });
  });

  it('EXTERNAL_ID_INVALID from a recorded ValidationError, without the value CloudTrail recorded', () => {
    const d = diagnoseCloudTrailEvent(trail('assume-role-validation-error-external-id'), CTX);
    expect(d).toMatchObject({ code: 'EXTERNAL_ID_INVALID', side: 'customer' });
    expect(JSON.stringify(d)).not.toContain(EXTERNAL_ID);
  });

  it('OIDC_PROVIDER_MISSING from a failed AssumeRoleWithWebIdentity of the Spark pods', () => {
    const d = diagnoseCloudTrailEvent(trail('assume-role-with-web-identity-no-oidc-provider'));
    expect(d).toMatchObject({ code: 'OIDC_PROVIDER_MISSING', side: 'vendor' });
    expect(d.summary).toContain(DATAPLANE_ROLE);
    expect(d.evidence[0]).toMatchObject({ origin: 'dataplane', errorCode: 'InvalidIdentityTokenException' });
  });

  it("IRSA_TRUST_MISMATCH names the ServiceAccount of the pod's token", () => {
    const d = diagnoseCloudTrailEvent(trail('assume-role-with-web-identity-denied'));
    expect(d).toMatchObject({ code: 'IRSA_TRUST_MISMATCH', side: 'vendor' });
    expect(d.summary).toContain('with a token for system:serviceaccount:dataplane:spark');
  });

  it('throws for a success, with the reason', () => {
    expect(() => diagnoseCloudTrailEvent(trail('assume-role-succeeded'))).toThrow(
      /5d6e7f80-91a2-4b34-8e5f-6a7b8c9d0e98 is a successful AssumeRole .* no errorCode/,
    );
  });

  it('throws for a record that is not a role assumption, or not a record', () => {
    expect(() => diagnoseCloudTrailEvent(trail('get-caller-identity'))).toThrow(
      /sts\.amazonaws\.com GetCallerIdentity, not sts:AssumeRole/,
    );
    expect(() => diagnoseCloudTrailEvent('{"eventName":"AssumeRole"}')).toThrow(/parsed CloudTrailEvent object, got string/);
  });
});

describe('isDenial', () => {
  it.each([
    ['assume-role-denied-verifier', true],
    ['assume-role-with-web-identity-denied', true],
    ['assume-role-succeeded', false],
    ['get-caller-identity', false],
  ])('%s -> %s', (fixture, expected) => {
    expect(isDenial(trail(fixture))).toBe(expected);
  });

  it('is false for anything that is not a record', () => {
    expect(isDenial(null)).toBe(false);
    expect(isDenial([])).toBe(false);
  });
});

describe('cloudTrailEvidence', () => {
  it("marks the verifier's calls by their session name prefix", () => {
    const e = cloudTrailEvidence(trail('assume-role-denied-verifier'), 'verify-');
    expect(e).toMatchObject({ source: 'cloudtrail', origin: 'verifier', sessionName: 'verify-acme-s3-prod-1' });
    expect(e!.summary).toContain('AssumeRole by our verifier');
    expect(e!.summary).toContain(`External ID sent: 19 characters, fingerprint ${CTX.externalId!.fingerprint}`);
  });

  it('marks every other session of the dataplane role as the real Spark dataplane', () => {
    const e = cloudTrailEvidence(trail('assume-role-denied-dataplane-different-external-id'), 'verify-');
    expect(e).toMatchObject({ origin: 'dataplane', principalArn: 'arn:aws:sts::111111111111:assumed-role/acme-dataplane-role/aws-sdk-java-1714641295123' });
    expect(e!.summary).toContain("by the tenant's Spark dataplane");
  });

  it('ignores successes: evidence backs a denial', () => {
    expect(cloudTrailEvidence(trail('assume-role-succeeded'), 'verify-')).toBeUndefined();
  });

  it('covers the Spark pods\' failed AssumeRoleWithWebIdentity', () => {
    const e = cloudTrailEvidence(trail('assume-role-with-web-identity-denied'), 'verify-');
    expect(e).toMatchObject({ origin: 'dataplane', errorCode: 'AccessDenied', sessionName: 'aws-sdk-java-1714641311456' });
  });

  it('ignores records that are not role assumptions', () => {
    expect(cloudTrailEvidence(trail('get-caller-identity'), 'verify-')).toBeUndefined();
    expect(cloudTrailEvidence(42, 'verify-')).toBeUndefined();
  });
});

describe('propagationPending', () => {
  it('PROPAGATION_PENDING: transient, keeping the underlying diagnosis', () => {
    // Prepare
    const base = diagnoseStsError(stsError('access-denied-trust-policy'), CTX);

    // Act
    const d = propagationPending(base);

    // Assess
    expect(d).toMatchObject({ code: 'PROPAGATION_PENDING', side: 'transient' });
    expect(d.summary).toContain(`it means TRUST_POLICY_DENIED (customer side): ${base.summary}`);
    expect(d.fix).toContain(base.fix);
    expect(d.evidence).toEqual([
      { source: 'verifier', summary: 'Underlying diagnosis: TRUST_POLICY_DENIED (customer side)' },
      ...base.evidence,
    ]);
  });

  it('does not wrap twice', () => {
    const once = propagationPending(diagnoseStsError(stsError('access-denied-trust-policy'), CTX));
    expect(propagationPending(once)).toBe(once);
  });
});

describe('diagnoseExternalIdNotEnforced', () => {
  it('EXTERNAL_ID_NOT_ENFORCED: the role was assumable without an External ID', () => {
    const d = diagnoseExternalIdNotEnforced(CTX);
    expect(d).toMatchObject({ code: 'EXTERNAL_ID_NOT_ENFORCED', side: 'customer' });
    expect(d.summary).toContain('WITHOUT an External ID');
    expect(d.fix).toContain('"sts:ExternalId"');
  });
});

describe('formatDiagnosis', () => {
  it('prints code, title, who acts, summary, fix and one line per evidence', () => {
    // Prepare
    const d = diagnoseCloudTrailEvent(trail('assume-role-denied-explicit-deny-scp'), CTX);

    // Act
    const text = formatDiagnosis(d);

    // Assess
    const lines = text.split('\n');
    expect(lines[0]).toBe('EXPLICIT_DENY: A policy explicitly denies the call');
    expect(lines[1]).toBe('Who acts: we (the vendor) must act; the customer has nothing to change (vendor)');
    expect(lines[2]).toBe(`What happened: ${d.summary}`);
    expect(lines[3]).toBe(`Fix: ${d.fix}`);
    expect(lines).toContain('Policy type: service control policy');
    expect(lines).toContain('Evidence:');
    expect(lines[lines.length - 1]).toMatch(
      /^ {2}- \[cloudtrail, 2024-05-02T10:02:44Z, event 1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a54, verifier\] 2024-05-02T10:02:44Z AssumeRole by our verifier/,
    );
  });

  it('prints the raw message of an unknown failure', () => {
    expect(formatDiagnosis(diagnoseStsError(stsError('expired-token'), CTX))).toContain(
      'AWS message: The security token included in the request is expired',
    );
  });
});

describe('the External ID is never output in clear', () => {
  const values = [EXTERNAL_ID, OTHER_EXTERNAL_ID];

  function outputs(d: Diagnosis): string[] {
    return [JSON.stringify(d), formatDiagnosis(d)];
  }

  it('in any diagnosis, evidence or text built from the fixtures and pre-flight inputs', () => {
    // Prepare
    const produced: string[] = [];
    const ctx = { ...CTX, verifierSessionPrefix: 'verify-' };

    // Act
    for (const name of fixtureNames('sts-errors')) {
      for (const stage of ['target', 'dataplane'] as const) produced.push(...outputs(diagnoseStsError(stsError(name), CTX, stage)));
    }
    for (const name of fixtureNames('cloudtrail')) {
      const record = trail(name);
      produced.push(JSON.stringify(cloudTrailEvidence(record, 'verify-') ?? null));
      if (isDenial(record)) {
        const d = diagnoseCloudTrailEvent(record, ctx);
        produced.push(...outputs(d), ...outputs(propagationPending(d)));
      }
    }
    for (const externalId of [`${EXTERNAL_ID} `, `${EXTERNAL_ID}\n`, ` ${EXTERNAL_ID}`, `${EXTERNAL_ID}#`, EXTERNAL_ID]) {
      const connection = { connectionId: 's3-prod', roleArn: 'arn:aws:s3:::customer-data', externalId };
      const d = preflightConnection(connection, { vendorAccountId: VENDOR_ACCOUNT, partition: 'aws', dataplaneRoleArn: DATAPLANE_ROLE });
      produced.push(...outputs(d!), JSON.stringify(validateConnectionShape({ ...connection, connectionId: 'bad id' })));
    }

    // Assess
    expect(produced.length).toBeGreaterThan(60);
    for (const text of produced) {
      for (const value of values) expect(text).not.toContain(value);
    }
  });
});

describe('DIAGNOSIS_CODES and docs/diagnosis-codes.md', () => {
  const codes = Object.keys(DIAGNOSIS_CODES) as DiagnosisCode[];

  it('covers all 24 codes with a title, a meaning and what to do', () => {
    expect(codes).toHaveLength(24);
    for (const code of codes) {
      expect(DIAGNOSIS_CODES[code].title.length).toBeGreaterThan(10);
      expect(DIAGNOSIS_CODES[code].meaning.length).toBeGreaterThan(40);
      expect(DIAGNOSIS_CODES[code].whatToDo.length).toBeGreaterThan(20);
    }
  });

  it('documents every code in a table row with its side', () => {
    const doc = readFileSync(path.join(__dirname, '..', '..', '..', '..', 'docs', 'diagnosis-codes.md'), 'utf8');
    for (const code of codes) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${code}\``));
      expect(row).toBeDefined();
      expect(row).toContain(`| ${DIAGNOSIS_CODES[code].side} |`);
    }
  });
});
