// Support staff paste what they have: a CloudTrail record cut down by a log tool, an SDK error without a
// message, a validation error in words STS has not used before. Each case says what is missing in the
// answer, in words, instead of "undefined" or a crash; and refusals name the record they refuse.
import { describeFingerprint, externalIdFingerprint } from '../../../../lib/external-id';
import { diagnoseCloudTrailEvent, diagnoseStsError, formatDiagnosis, propagationPending, scrubExternalIds } from '../../../../lib/domain/diagnosis';
import { readFixture } from '../../../support/fixtures';

const DATAPLANE_CALL = readFixture('cloudtrail', 'assume-role-denied-dataplane-different-external-id');
const TARGET = 'arn:aws:iam::222222222222:role/DataQualityReader';
const NO_EXTERNAL_ID_CONFIGURED = "The tenant's Spark dataplane sent no External ID at all: the connection in the product has none configured.";

describe('records that cannot be diagnosed are refused by what they are', () => {
  it.each([
    ['null', null, 'Not a CloudTrail record: expected the parsed CloudTrailEvent object, got null'],
    ['a string', 'AccessDenied', 'Not a CloudTrail record: expected the parsed CloudTrailEvent object, got string'],
    [
      'a record of another call, by its id',
      { eventID: 'e-1', eventSource: 's3.amazonaws.com', eventName: 'GetObject' },
      'CloudTrail event e-1 is s3.amazonaws.com GetObject, not sts:AssumeRole or sts:AssumeRoleWithWebIdentity: there is no role assumption to diagnose',
    ],
    [
      'a record with no source and no name',
      {},
      'CloudTrail record is (no eventSource) (no eventName), not sts:AssumeRole or sts:AssumeRoleWithWebIdentity: there is no role assumption to diagnose',
    ],
    [
      'a success without a time',
      { eventSource: 'sts.amazonaws.com', eventName: 'AssumeRole' },
      'CloudTrail record is a successful AssumeRole at (no time): it has no errorCode, so there is no denial to diagnose',
    ],
  ])('%s', (_label, record, message) => {
    // Act
    const diagnose = () => diagnoseCloudTrailEvent(record);

    // Assess
    expect(diagnose).toThrow(new Error(message));
  });
});

describe('a denial with parts of the record missing', () => {
  it('takes the role from the resources when the request parameters were dropped', () => {
    // Act
    const d = diagnoseCloudTrailEvent({ ...DATAPLANE_CALL, requestParameters: null });

    // Assess
    expect(d.evidence[0]!.summary).toContain(` on ${TARGET} denied: AccessDenied`);
    expect(d.summary).toContain(`on ${TARGET} with no External ID`);
  });

  it('says which parts it does not know instead of guessing them', () => {
    // Prepare
    const { requestParameters: _params, resources: _resources, eventTime: _time, recipientAccountId: _account, userIdentity: _who, ...bare } =
      DATAPLANE_CALL;

    // Act
    const d = diagnoseCloudTrailEvent(bare);

    // Assess
    expect(d.code).toBe('TRUST_POLICY_DENIED');
    expect(d.summary).toBe(
      'AWS denied our dataplane role when it called sts:AssumeRole on the target role with no External ID. Cross-account, AWS ' +
        "does not say why: the target role's trust policy does not allow this call, or the role does not exist. " +
        NO_EXTERNAL_ID_CONFIGURED,
    );
    expect(d.evidence[0]!.summary.startsWith('(no time) AssumeRole by the tenant\'s Spark dataplane on (no role in the record) denied: AccessDenied: User: ')).toBe(true);
    expect(d.evidence[0]).not.toHaveProperty('at');
    expect(d.evidence[0]).not.toHaveProperty('principalArn');
  });

  it("tells the tenant's dataplane calling without an External ID from the verifier's deliberate call", () => {
    // Prepare
    const withoutId = { ...DATAPLANE_CALL, requestParameters: { ...DATAPLANE_CALL.requestParameters, externalId: undefined } };

    // Act
    const d = diagnoseCloudTrailEvent(withoutId);

    // Assess
    expect(d.summary.endsWith(NO_EXTERNAL_ID_CONFIGURED)).toBe(true);
  });
});

describe('STS errors with less than usual', () => {
  it('an SDK error without a message is diagnosed from its name, with an empty message as evidence', () => {
    // Act
    const d = diagnoseStsError({ name: 'AccessDenied' } as { name: string; message: string }, {});

    // Assess
    expect(d.code).toBe('TRUST_POLICY_DENIED');
    expect(d.evidence).toEqual([
      { source: 'sts', summary: 'sts:AssumeRole on the target role returned AccessDenied: ', errorCode: 'AccessDenied', errorMessage: '' },
    ]);
  });

  it('a first-hop denial without the dataplane role names it generically', () => {
    // Act
    const d = diagnoseStsError({ name: 'AccessDenied', message: 'denied' }, {}, 'dataplane');

    // Assess
    expect(d.summary.startsWith("Our verifier could not assume the tenant's dataplane role (AccessDenied with no reason")).toBe(true);
    expect(d.summary).toContain("so the customer's role has not been tested yet.");
  });

  it.each([
    [
      'too long',
      "1 validation error detected: Value at 'externalId' failed to satisfy constraint: Member must have length less than or equal to 1224",
      'it is longer than the 1224 characters AWS allows',
    ],
    [
      'too short',
      "1 validation error detected: Value at 'externalId' failed to satisfy constraint: Member must have length greater than or equal to 2",
      'it is shorter than the 2 characters AWS requires',
    ],
    ['in words STS has not used before', 'Invalid externalId', "it does not satisfy AWS's rules for External IDs"],
  ])('an External ID rejected as %s', (_label, message, why) => {
    // Act
    const d = diagnoseStsError({ name: 'ValidationError', message }, {});

    // Assess
    expect(d.code).toBe('EXTERNAL_ID_INVALID');
    expect(d.summary).toBe(
      `STS rejected the External ID of the connection for the target role: ${why}. The call never reached the customer's account.`,
    );
  });
});

describe('a denial recorded without an error message', () => {
  it('is diagnosed from its error code, and its evidence ends with the code', () => {
    // Prepare
    const { errorMessage: _message, ...withoutMessage } = DATAPLANE_CALL;

    // Act
    const d = diagnoseCloudTrailEvent(withoutMessage);

    // Assess
    expect(d.code).toBe('TRUST_POLICY_DENIED');
    expect(d.evidence[0]!.summary).toContain(`on ${TARGET} denied: AccessDenied; External ID sent: `);
    expect(d.evidence[0]).not.toHaveProperty('errorMessage');
  });
});

describe('context that is not what it should be', () => {
  const DENIED = {
    name: 'AccessDenied',
    message:
      'User: arn:aws:sts::111111111111:assumed-role/acme-dataplane-role/verify-acme-c1-1 is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:user/bob',
  };

  it('parts that are only whitespace count as unknown', () => {
    // Act
    const blank = diagnoseStsError(DENIED, { targetRoleArn: '  ', tenantId: ' ', dataplaneRoleArn: '\n', vendorAccountId: '\t' });
    const unknown = diagnoseStsError(DENIED, {});

    // Assess
    expect(blank).toEqual(unknown);
  });

  it('a target that is not a role ARN still gives its account, read from the ARN', () => {
    // Act
    const d = diagnoseStsError(DENIED, { targetRoleArn: 'arn:aws:iam::222222222222:user/bob' });

    // Assess
    expect(d.fix.startsWith('The customer checks the role arn:aws:iam::222222222222:user/bob in account 222222222222 (IAM > Roles > ')).toBe(true);
  });

  it('text that only contains an ARN is not read as one', () => {
    // Act
    const d = diagnoseStsError(DENIED, { targetRoleArn: 'x:arn:aws:iam::222222222222:user/bob' });

    // Assess
    expect(d.fix).not.toContain('in account');
  });

  it('without a target, the fix names no account', () => {
    // Act
    const d = diagnoseStsError(DENIED, {});

    // Assess
    expect(d.fix.startsWith('The customer checks the target role (IAM > Roles > <role> > Trust relationships): (1)')).toBe(true);
  });
});

describe('explicit denials as AWS words them', () => {
  it('a policy ARN after a colon without a space, with the sentence\'s full stop left out of it', () => {
    // Act
    const d = diagnoseStsError(
      {
        name: 'AccessDenied',
        message:
          'User: arn:aws:sts::111111111111:assumed-role/acme-dataplane-role/verify-acme-c1-1 is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/r with an explicit deny in an identity-based policy:arn:aws:iam::111111111111:policy/team.deny.',
      },
      {},
    );

    // Assess
    expect(d.code).toBe('EXPLICIT_DENY');
    expect(d.summary.startsWith(
      'AWS refused sts:AssumeRole on the target role for our dataplane role: an identity-based policy (arn:aws:iam::111111111111:policy/team.deny) explicitly denies it.',
    )).toBe(true);
  });

  it('a ValidationError that quotes the value without "Value" before it is withheld from its start', () => {
    // Act
    const scrubbed = scrubExternalIds("1 validation error detected: 'sekret-value' at 'externalId' failed to satisfy constraint");

    // Assess
    expect(scrubbed).toBe("[External ID withheld] at 'externalId' failed to satisfy constraint");
  });
});

describe('answers that depend on one word of the message', () => {
  const VENDOR = '111111111111';
  const DATAPLANE = `arn:aws:iam::${VENDOR}:role/acme-dataplane-role`;
  const TARGET_ROLE = 'arn:aws:iam::222222222222:role/DataQualityReader';
  const CTX = { tenantId: 'acme', dataplaneRoleArn: DATAPLANE, targetRoleArn: TARGET_ROLE, vendorAccountId: VENDOR };

  it('a policy type AWS names that we do not know: support looks in our account first', () => {
    // Act
    const d = diagnoseStsError(
      { name: 'AccessDenied', message: `User: x is not authorized to perform: sts:AssumeRole on resource: ${TARGET_ROLE} with an explicit deny in a mystery policy` },
      CTX,
    );

    // Assess
    expect(d.fix).toBe(`Support finds the mystery policy named by AWS in our account ${VENDOR} first, then asks the customer.`);
  });

  it.each([
    [
      'an explicit deny, with the policy',
      `User: x is not authorized to perform: sts:AssumeRole on resource: ${DATAPLANE} with an explicit deny in an identity-based policy: arn:aws:iam::${VENDOR}:policy/deny-all`,
      `(an explicit deny in an identity-based policy (arn:aws:iam::${VENDOR}:policy/deny-all))`,
    ],
    [
      'no policy allowing it',
      `User: x is not authorized to perform: sts:AssumeRole on resource: ${DATAPLANE} because no identity-based policy allows the sts:AssumeRole action`,
      '(no identity-based policy of the caller allows sts:AssumeRole)',
    ],
    ['another error', 'The security token included in the request is expired', '(ExpiredToken: The security token included in the request is expired)'],
  ])('the first hop failing with %s says why in its own words', (_label, message, cause) => {
    // Act
    const d = diagnoseStsError({ name: message.startsWith('User') ? 'AccessDenied' : 'ExpiredToken', message }, CTX, 'dataplane');

    // Assess
    expect(d.code).toBe('DATAPLANE_ROLE_UNASSUMABLE');
    expect(d.summary).toContain(`Our verifier could not assume the dataplane role ${DATAPLANE} of tenant acme ${cause}, so `);
  });

  it('the first hop is never taken for a connection that names our role, even when the target is our role', () => {
    // Act
    const d = diagnoseStsError({ name: 'AccessDenied', message: 'denied' }, { ...CTX, targetRoleArn: DATAPLANE }, 'dataplane');

    // Assess
    expect(d.code).toBe('DATAPLANE_ROLE_UNASSUMABLE');
  });

  it.each([
    ['"account 333333333333", without a colon', 'STS is not activated in this region for account 333333333333.', CTX, '333333333333', 'customer'],
    ['no account, and none known', 'STS is not activated in this region.', {}, '(unknown)', 'customer'],
    ['no account: the target\'s', 'STS is not activated in this region.', CTX, '222222222222', 'customer'],
  ])('REGION_DISABLED with %s', (_label, message, ctx, account, side) => {
    // Act
    const d = diagnoseStsError({ name: 'RegionDisabledException', message }, ctx);

    // Assess
    expect(d.side).toBe(side);
    expect(d.summary).toContain(`STS is deactivated in the region we called for account ${account}`);
  });

  it('a role ARN STS rejected for a reason we cannot see in it is quoted from STS', () => {
    // Act
    const d = diagnoseStsError({ name: 'ValidationError', message: 'Invalid roleArn: mystery' }, CTX);

    // Assess
    expect(d.code).toBe('ROLE_ARN_INVALID');
    expect(d.summary).toBe(`STS rejected the target role ARN ${JSON.stringify(TARGET_ROLE)}: "Invalid roleArn: mystery".`);
  });

  it('a web identity token refused for another reason than provider or audience is not guessed at', () => {
    // Act
    const d = diagnoseStsError({ name: 'InvalidIdentityToken', message: "Couldn't retrieve verification key from your identity provider" }, CTX);

    // Assess
    expect(d.code).toBe('UNKNOWN');
  });
});

describe('CloudTrail records, field by field', () => {
  const fixture = (name: string) => readFixture('cloudtrail', name);

  it.each([
    ['an empty errorCode', ''],
    ['an errorCode that is not a string', 403],
  ])('a record with %s is a success, not a denial', (_label, errorCode) => {
    // Act
    const diagnose = () => diagnoseCloudTrailEvent({ ...DATAPLANE_CALL, errorCode });

    // Assess
    expect(diagnose).toThrow(/ is a successful AssumeRole at 2024-05-02T08:47:31Z: it has no errorCode/);
  });

  it('an AssumeRole event of another service is not an STS role assumption', () => {
    // Act
    const diagnose = () => diagnoseCloudTrailEvent({ ...DATAPLANE_CALL, eventSource: 'iam.amazonaws.com' });

    // Assess
    expect(diagnose).toThrow(/ is iam\.amazonaws\.com AssumeRole, not sts:AssumeRole or sts:AssumeRoleWithWebIdentity/);
  });

  it('resources without an ARN and an identity without an issuer give "no role" and no caller, not a crash', () => {
    // Act
    const d = diagnoseCloudTrailEvent({
      ...DATAPLANE_CALL,
      requestParameters: null,
      resources: [{ accountId: '222222222222' }],
      userIdentity: { type: 'AssumedRole', sessionContext: {} },
    });

    // Assess
    expect(d.evidence[0]!.summary).toContain(' on (no role in the record) denied: AccessDenied');
    expect(d.evidence[0]).not.toHaveProperty('principalArn');
  });

  it('a role ARN that does not parse is never taken for our dataplane role', () => {
    // Act
    const d = diagnoseCloudTrailEvent({
      ...DATAPLANE_CALL,
      userIdentity: { type: 'AssumedRole', accountId: '111111111111' },
      requestParameters: { roleArn: 'arn:aws:iam::111111111111:role/acme dataplane-role', roleSessionName: 's' },
    });

    // Assess
    expect(d.code).toBe('TRUST_POLICY_DENIED');
  });

  it('a web identity denial carries no External ID note', () => {
    // Act
    const d = diagnoseCloudTrailEvent(fixture('assume-role-with-web-identity-denied'));

    // Assess
    expect(d.code).toBe('IRSA_TRUST_MISMATCH');
    expect(d.evidence[0]!.summary).not.toContain('External ID');
  });

  it("the verifier's call without an External ID is said to be the check it is", () => {
    // Act
    const d = diagnoseCloudTrailEvent(fixture('assume-role-denied-verifier-without-external-id'));

    // Assess
    expect(d.evidence[0]!.summary.endsWith(
      "; no External ID sent (the verifier's check that the role requires one: a denial is the expected result)",
    )).toBe(true);
  });

  it('our dataplane role as the target is recognised from its name alone, with nothing known beforehand', () => {
    // Act
    const d = diagnoseCloudTrailEvent(fixture('assume-role-denied-target-is-dataplane-role'));

    // Assess
    expect(d.code).toBe('ROLE_ARN_IS_DATAPLANE_ROLE');
  });

  it("a trust denial compares with the connection's External ID when it is known", () => {
    // Prepare
    const configured = externalIdFingerprint('acme-7Hq2-Zp9x-2024');

    // Act
    const d = diagnoseCloudTrailEvent(DATAPLANE_CALL, { externalId: configured });

    // Assess
    expect(d.fix).toContain(`(ours is ${describeFingerprint(configured)})`);
  });
});

describe('the External ID a denied call sent, against the one configured', () => {
  const sent = externalIdFingerprint(DATAPLANE_CALL.requestParameters.externalId);

  it('the same value: the trust policy side is what differs', () => {
    // Act
    const d = diagnoseCloudTrailEvent(DATAPLANE_CALL, { externalId: sent });

    // Assess
    expect(d.summary.endsWith(
      `The tenant's Spark dataplane sent the configured External ID (${describeFingerprint(sent)}), so the trust policy side is what differs.`,
    )).toBe(true);
  });

  it('a fingerprint that matches with another length is another value', () => {
    // Prepare
    const configured = { ...sent, length: sent.length + 1 };

    // Act
    const d = diagnoseCloudTrailEvent(DATAPLANE_CALL, { externalId: configured });

    // Assess
    expect(d.summary.endsWith(
      `The tenant's Spark dataplane sent a different External ID (${describeFingerprint(sent)}) than the one configured for this connection ` +
        `(${describeFingerprint(configured)}): the value entered in the product and the one being verified are not the same.`,
    )).toBe(true);
  });
});

describe('wrappers', () => {
  const base = diagnoseStsError(
    { name: 'AccessDenied', message: 'User: x is not authorized to perform: sts:AssumeRole on resource: y with an explicit deny in a service control policy' },
    {},
  );

  it('a denial within the propagation window keeps the policy type and the message of what it would mean', () => {
    // Prepare
    const withMessage = { ...base, rawMessage: 'AWS said so' };

    // Act
    const pending = propagationPending(withMessage);

    // Assess
    expect(pending).toMatchObject({ code: 'PROPAGATION_PENDING', side: 'transient', policyType: 'service control policy', rawMessage: 'AWS said so' });
  });

  it('and adds neither when the diagnosis had none', () => {
    // Prepare
    const { policyType: _type, rawMessage: _message, ...plain } = base;

    // Act
    const pending = propagationPending(plain);

    // Assess
    expect(Object.keys(pending)).not.toContain('policyType');
    expect(Object.keys(pending)).not.toContain('rawMessage');
  });

  it('a diagnosis without evidence is printed without an evidence section', () => {
    // Act
    const text = formatDiagnosis({ ...base, evidence: [] });

    // Assess
    expect(text).not.toContain('Evidence');
    expect(text.split('\n').at(-1)).toBe('Policy type: service control policy');
  });
});
