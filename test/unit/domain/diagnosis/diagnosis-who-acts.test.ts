// Who must act: a diagnosis that sends the customer to fix what is ours (or the reverse) costs a
// support round trip. Each rule is tested on both sides: our account and theirs, an explicit and an
// implicit deny, an ARN and a non-ARN validation error, the verifier's first hop and the target hop.
import { externalIdFingerprint } from '../../../../lib/external-id';
import { cloudTrailEvidence, diagnoseCloudTrailEvent, diagnoseStsError, DiagnosisContext, formatDiagnosis } from '../../../../lib/domain/diagnosis';

const VENDOR = '111111111111';
const CUSTOMER = '222222222222';
const DATAPLANE_ROLE = `arn:aws:iam::${VENDOR}:role/acme-dataplane-role`;
const TARGET_ROLE = `arn:aws:iam::${CUSTOMER}:role/DataQualityReader`;
const VERIFIER_SESSION = `arn:aws:sts::${VENDOR}:assumed-role/acme-dataplane-role/verify-acme-s3-1`;
const CTX: DiagnosisContext = {
  tenantId: 'acme',
  dataplaneRoleArn: DATAPLANE_ROLE,
  targetRoleArn: TARGET_ROLE,
  vendorAccountId: VENDOR,
  externalId: externalIdFingerprint('acme-7Hq2-Zp9x-2024'),
};

const regionDisabled = (account: string) => ({
  name: 'RegionDisabledException',
  message: `STS is not activated in this region for account:${account}. Your account administrator can activate STS in this region using the IAM Console.`,
});
const denied = (tail = '') => ({
  name: 'AccessDenied',
  message: `User: ${VERIFIER_SESSION} is not authorized to perform: sts:AssumeRole on resource: ${TARGET_ROLE}${tail}`,
});

describe('REGION_DISABLED: whose account is it', () => {
  it('in our own account, we act and nothing in the output asks the customer to', () => {
    // Act
    const d = diagnoseStsError(regionDisabled(VENDOR), CTX);
    const text = formatDiagnosis(d);

    // Assess
    expect(d).toMatchObject({ code: 'REGION_DISABLED', side: 'vendor' });
    expect(d.summary).toContain(`for account ${VENDOR} — our own account`);
    expect(d.fix).toBe(
      `We activate the region in IAM > Account settings > Security Token Service (STS) of account ${VENDOR}, or call another regional STS endpoint.`,
    );
    expect(text).toContain('Who acts: we (the vendor) must act');
    expect(text.replace('the customer has nothing to change', '')).not.toMatch(/customer/i);
  });

  it("in the customer's account, the customer acts", () => {
    const d = diagnoseStsError(regionDisabled(CUSTOMER), CTX);
    expect(d).toMatchObject({ code: 'REGION_DISABLED', side: 'customer' });
    expect(d.summary).toContain(`for account ${CUSTOMER}, the account of ${TARGET_ROLE}`);
    expect(d.fix).toMatch(new RegExp(`^The customer activates the region in the IAM console of account ${CUSTOMER}: `));
    expect(formatDiagnosis(d)).toContain('Who acts: the customer must act');
  });

  it("without an account in the message, the target role's account decides", () => {
    const noAccount = { name: 'RegionDisabledException', message: 'STS is not activated in this region.' };
    expect(diagnoseStsError(noAccount, CTX)).toMatchObject({ side: 'customer', summary: expect.stringContaining(`account ${CUSTOMER},`) });
    // A target role in our own account is a mix-up, whatever STS answered.
    const ourRole = { ...CTX, targetRoleArn: `arn:aws:iam::${VENDOR}:role/some-role` };
    expect(diagnoseStsError(noAccount, ourRole)).toMatchObject({ code: 'ROLE_ARN_IS_DATAPLANE_ROLE', side: 'customer' });
    const unknown = { ...CTX, targetRoleArn: 'not-an-arn' };
    expect(diagnoseStsError(noAccount, unknown)).toMatchObject({ side: 'customer', summary: expect.stringContaining('account (unknown)') });
    expect(diagnoseStsError(noAccount, unknown).fix).toContain('IAM console of account their account');
  });

  it('on the first hop it is our dataplane role that could not be assumed: ours', () => {
    expect(diagnoseStsError(regionDisabled(VENDOR), CTX, 'dataplane')).toMatchObject({ code: 'DATAPLANE_ROLE_UNASSUMABLE', side: 'vendor' });
  });
});

describe('explicit and implicit denials', () => {
  it.each<[string, string, string]>([
    ['permissions boundary', 'IDENTITY_POLICY_DENIED', 'the permissions boundary of our dataplane role does not allow it'],
    ['session policy', 'IDENTITY_POLICY_DENIED', 'the session policy our verifier passed when it assumed the dataplane role does not allow it'],
    ['identity-based policy', 'IDENTITY_POLICY_DENIED', 'no identity-based policy of our dataplane role allows it'],
  ])('"because no %s allows" is an implicit deny on our side, never EXPLICIT_DENY', (policyType, code, why) => {
    const d = diagnoseStsError(denied(` because no ${policyType} allows the sts:AssumeRole action`), CTX);
    expect(d).toMatchObject({ code, side: 'vendor' });
    expect(d.policyType).toBeUndefined();
    expect(d.summary).toContain(`: ${why}. The call never reached the customer's trust policy; this is our side.`);
  });

  it('"because no service control policy allows" is our organization\'s SCP, said as not allowing, not as denying', () => {
    const d = diagnoseStsError(denied(' because no service control policy allows the sts:AssumeRole action'), CTX);
    expect(d).toMatchObject({ code: 'EXPLICIT_DENY', side: 'vendor', policyType: 'service control policy' });
    expect(d.summary).toContain(': no service control policy allows it.');
    expect(d.summary).not.toContain('explicitly denies');
    expect(d.fix).toContain('that does not allow sts:AssumeRole');
  });

  it('an implicit deny from a policy type we do not know is the trust policy, as AWS gives no reason cross-account', () => {
    const d = diagnoseStsError(denied(' because no resource control policy allows the sts:AssumeRole action'), CTX);
    expect(d).toMatchObject({ code: 'TRUST_POLICY_DENIED', side: 'customer' });
  });

  it.each<[string, 'customer' | 'vendor', RegExp]>([
    ['service control policy', 'vendor', /SCP of OUR organization applying to account 111111111111/],
    ['permissions boundary', 'vendor', /The permissions boundary on our dataplane role is ours/],
    ['identity-based policy', 'vendor', /A policy attached to our dataplane role contains a Deny/],
    ['session policy', 'vendor', /a defect on our side/],
    ['resource control policy', 'customer', /keeps principals outside it, such as our account 111111111111/],
    ['resource-based policy', 'customer', /its trust policy, in account 222222222222/],
    ['mystery policy', 'vendor', /We do not know who owns a "mystery policy"/],
  ])('"with an explicit deny in a %s": %s acts', (policyType, side, summary) => {
    const d = diagnoseStsError(denied(` with an explicit deny in a ${policyType}`), CTX);
    expect(d).toMatchObject({ code: 'EXPLICIT_DENY', side, policyType });
    // The article follows the policy type: "an identity-based policy", "a session policy".
    expect(d.summary).toContain(`${policyType === 'identity-based policy' ? 'an' : 'a'} ${policyType} explicitly denies it.`);
    expect(d.summary).toMatch(summary);
    expect(formatDiagnosis(d)).toContain(`Policy type: ${policyType}`);
  });

  it('names the denying policy when AWS gives its ARN, without the sentence\'s full stop', () => {
    const scp = `arn:aws:organizations::${VENDOR}:policy/o-abc/service_control_policy/p-deny`;
    const d = diagnoseStsError(denied(` with an explicit deny in a service control policy: ${scp}.`), CTX);
    expect(d.summary).toContain(`a service control policy (${scp}) explicitly denies it.`);
    expect(d.fix).toContain(`Our platform team finds the SCP ${scp} that denies sts:AssumeRole`);
  });
});

describe('ValidationError: only an ARN problem is ROLE_ARN_INVALID', () => {
  it.each<[string, string]>([
    ['a session name', "1 validation error detected: Value 'verify acme' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"],
    ['a session policy', "1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048"],
    ['the session tags', 'Cannot specify more than 50 tags'],
  ])('%s problem is UNKNOWN and ours, with the message kept', (_what, message) => {
    const d = diagnoseStsError({ name: 'ValidationError', message }, CTX);
    expect(d).toMatchObject({ code: 'UNKNOWN', side: 'vendor', rawMessage: message });
  });

  it.each<[string, string]>([
    ['Request ARN is invalid', 'ValidationError'],
    ["1 validation error detected: Value 'arn:aws:iam::2222:role/x' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20", 'ValidationException'],
  ])('"%s" is ROLE_ARN_INVALID, the customer\'s to fix', (message, name) => {
    const d = diagnoseStsError({ name, message }, { ...CTX, targetRoleArn: 'arn:aws:iam::2222:role/x' });
    expect(d).toMatchObject({ code: 'ROLE_ARN_INVALID', side: 'customer' });
    expect(d.summary).toMatch(/^STS rejected the target role ARN "arn:aws:iam::2222:role\/x": it /);
  });

  it('an ARN STS rejects for no reason we can see is quoted with what STS said', () => {
    const d = diagnoseStsError({ name: 'ValidationError', message: 'Request ARN is invalid' }, CTX);
    expect(d.summary).toBe(`STS rejected the target role ARN "${TARGET_ROLE}": "Request ARN is invalid".`);
  });
});

describe("CloudTrail: the verifier's first hop and the target hop", () => {
  const record = (over: { caller: string; issuer: string; roleArn: string; session: string; externalId?: string; message?: string }) => ({
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRole',
    eventTime: '2026-11-23T12:00:00Z',
    eventID: 'e-1',
    errorCode: 'AccessDenied',
    errorMessage: over.message ?? `User: ${over.caller} is not authorized to perform: sts:AssumeRole on resource: ${over.roleArn}`,
    recipientAccountId: VENDOR,
    userIdentity: { type: 'AssumedRole', arn: over.caller, accountId: VENDOR, sessionContext: { sessionIssuer: { arn: over.issuer } } },
    requestParameters: { roleArn: over.roleArn, roleSessionName: over.session, ...(over.externalId ? { externalId: over.externalId } : {}) },
  });
  const verifierRole = `arn:aws:iam::${VENDOR}:role/tenant-onboarding-verifier`;
  const firstHop = record({
    caller: `arn:aws:sts::${VENDOR}:assumed-role/tenant-onboarding-verifier/fn`,
    issuer: verifierRole,
    roleArn: DATAPLANE_ROLE,
    session: 'verify-acme-s3-1-dp',
  });
  const targetHop = record({ caller: VERIFIER_SESSION, issuer: DATAPLANE_ROLE, roleArn: TARGET_ROLE, session: 'verify-acme-s3-1', externalId: 'acme-7Hq2-Zp9x-2024' });

  it('the verifier assuming our dataplane role is the first hop: ours, and the customer role is untested', () => {
    const d = diagnoseCloudTrailEvent(firstHop, { vendorAccountId: VENDOR });
    expect(d).toMatchObject({ code: 'DATAPLANE_ROLE_UNASSUMABLE', side: 'vendor' });
    expect(d.summary).toContain(`Our verifier could not assume the dataplane role ${DATAPLANE_ROLE} of tenant acme`);
    expect(d.summary).toContain("so the customer's role has not been tested yet");
    expect(d.evidence[0]).toMatchObject({ origin: 'verifier', sessionName: 'verify-acme-s3-1-dp' });
  });

  it('the dataplane session assuming the customer role is the target hop: the trust policy', () => {
    const d = diagnoseCloudTrailEvent(targetHop, { vendorAccountId: VENDOR, externalId: CTX.externalId });
    expect(d).toMatchObject({ code: 'TRUST_POLICY_DENIED', side: 'customer' });
    expect(d.summary).toContain(`AWS denied our dataplane role ${DATAPLANE_ROLE} of tenant acme when it called sts:AssumeRole on ${TARGET_ROLE}`);
    expect(d.summary).toMatch(/Our verifier sent the configured External ID \(19 characters, fingerprint [0-9a-f]{8}\), so the trust policy side is what differs\.$/);
  });

  // Not a first hop: a connection that names another tenant's dataplane role, or a role named like ours in another account.
  it('with the dataplane role known, only that role is a first hop', () => {
    const other = { ...firstHop, requestParameters: { ...firstHop.requestParameters, roleArn: `arn:aws:iam::${VENDOR}:role/globex-dataplane-role` } };
    expect(diagnoseCloudTrailEvent(firstHop, { ...CTX }).code).toBe('DATAPLANE_ROLE_UNASSUMABLE');
    expect(diagnoseCloudTrailEvent(other, { ...CTX }).code).toBe('ROLE_ARN_IS_DATAPLANE_ROLE');
  });

  it('a dataplane-suffixed role in another account is not our dataplane role', () => {
    const foreign = { ...firstHop, requestParameters: { ...firstHop.requestParameters, roleArn: `arn:aws:iam::${CUSTOMER}:role/acme-dataplane-role` } };
    const d = diagnoseCloudTrailEvent(foreign, { vendorAccountId: VENDOR });
    expect(d).toMatchObject({ code: 'ROLE_ARN_IS_DATAPLANE_ROLE', side: 'customer' });
    expect(d.summary).toContain(`The connection's target role arn:aws:iam::${CUSTOMER}:role/acme-dataplane-role names a role ending in`);
  });

  it('a dataplane role assuming a dataplane role is a connection that names our role as its target', () => {
    const mixup = record({ caller: VERIFIER_SESSION, issuer: DATAPLANE_ROLE, roleArn: DATAPLANE_ROLE, session: 'verify-acme-s3-1' });
    expect(diagnoseCloudTrailEvent(mixup, { vendorAccountId: VENDOR })).toMatchObject({ code: 'ROLE_ARN_IS_DATAPLANE_ROLE', side: 'customer' });
  });

  it.each<[string, string]>([
    ['verify-acme-s3-1', 'verifier'],
    ['verify-', 'verifier'],
    ['Verify-acme', 'dataplane'],
    ['spark-verify-acme', 'dataplane'],
    ['qualytics-s3-prod', 'dataplane'],
  ])('session %s is the %s', (session, origin) => {
    expect(cloudTrailEvidence({ ...targetHop, requestParameters: { ...targetHop.requestParameters, roleSessionName: session } }, 'verify-')).toMatchObject({ origin });
  });

  it('a web-identity denial is always the Spark dataplane, whatever its session name', () => {
    const web = { ...targetHop, eventName: 'AssumeRoleWithWebIdentity', requestParameters: { roleArn: DATAPLANE_ROLE, roleSessionName: 'verify-x' } };
    expect(cloudTrailEvidence(web, 'verify-')).toMatchObject({ origin: 'dataplane' });
    expect(diagnoseCloudTrailEvent(web, { vendorAccountId: VENDOR })).toMatchObject({ code: 'IRSA_TRUST_MISMATCH', side: 'vendor' });
  });
});
