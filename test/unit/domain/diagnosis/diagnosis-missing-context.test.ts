// A diagnosis made from less than our verifier knows — a pasted STS message names the roles only in an
// AccessDenied — must not reach a finding that needs what is missing. One case per rule that needs
// context, each on both sides: without the part (or with it blank) the rule cannot fire; with it, it does.
import { diagnoseStsError, type KnownContext } from '../../../../lib/domain/diagnosis';
import { fixtureNames, readFixture } from '../../../support/fixtures';

const VENDOR = '111111111111';
const DATAPLANE_ROLE = `arn:aws:iam::${VENDOR}:role/acme-dataplane-role`;

function stsError(name: string): { name: string; message: string } {
  return readFixture('sts-errors', name);
}

const allErrors = fixtureNames('sts-errors');

describe('ROLE_ARN_IS_DATAPLANE_ROLE needs the target role ARN', () => {
  const blank: KnownContext = { tenantId: '', dataplaneRoleArn: '', targetRoleArn: '', vendorAccountId: '' };

  it.each(allErrors)('is never the answer for %s when the target is unknown or blank', (name) => {
    // Act
    const unknown = diagnoseStsError(stsError(name), {});
    const blanks = diagnoseStsError(stsError(name), blank);

    // Assess
    expect(unknown.code).not.toBe('ROLE_ARN_IS_DATAPLANE_ROLE');
    expect(blanks.code).not.toBe('ROLE_ARN_IS_DATAPLANE_ROLE');
    expect(blanks).toEqual(unknown);
  });

  it('is the answer, whatever STS said, once the target is known to be our dataplane role', () => {
    // Act
    const d = diagnoseStsError(stsError('throttling'), { dataplaneRoleArn: DATAPLANE_ROLE, targetRoleArn: DATAPLANE_ROLE });

    // Assess
    expect(d).toMatchObject({ code: 'ROLE_ARN_IS_DATAPLANE_ROLE', side: 'customer' });
  });

  it('is the answer for a target in our account only when our account is known', () => {
    // Prepare
    const target = `arn:aws:iam::${VENDOR}:role/SomeReader`;

    // Act
    const withoutAccount = diagnoseStsError(stsError('access-denied-trust-policy'), { targetRoleArn: target });
    const withAccount = diagnoseStsError(stsError('access-denied-trust-policy'), { targetRoleArn: target, vendorAccountId: VENDOR });

    // Assess
    expect(withoutAccount.code).toBe('TRUST_POLICY_DENIED');
    expect(withAccount.code).toBe('ROLE_ARN_IS_DATAPLANE_ROLE');
  });
});

describe('REGION_DISABLED is ours only when our account is known to be the one AWS named', () => {
  it.each([
    [{}, 'customer'],
    [{ vendorAccountId: '' }, 'customer'],
    [{ vendorAccountId: VENDOR }, 'customer'],
    [{ vendorAccountId: '222222222222' }, 'vendor'],
  ] as [KnownContext, string][])('context %j: %s side', (ctx, side) => {
    // Act (the fixture names account 222222222222)
    const d = diagnoseStsError(stsError('region-disabled'), ctx);

    // Assess
    expect(d).toMatchObject({ code: 'REGION_DISABLED', side });
  });
});

describe('ROLE_ARN_INVALID names what is wrong with the ARN only when the ARN is known', () => {
  it('without it, quotes STS and prints no blank ARN', () => {
    // Act
    const d = diagnoseStsError(stsError('validation-request-arn-invalid'), {});

    // Assess
    expect(d.code).toBe('ROLE_ARN_INVALID');
    expect(d.summary).toBe('STS rejected the target role ARN: "Request ARN is invalid".');
  });

  it('with it, says what is wrong with it', () => {
    // Act
    const d = diagnoseStsError(stsError('validation-request-arn-invalid'), { targetRoleArn: 'arn:aws:s3:::customer-data' });

    // Assess
    expect(d.code).toBe('ROLE_ARN_INVALID');
    expect(d.summary).toMatch(/^STS rejected the target role ARN "arn:aws:s3:::customer-data": it /);
  });
});

describe('texts describe an unknown role or account instead of printing it blank', () => {
  it.each(allErrors)('%s', (name) => {
    // Act
    const d = diagnoseStsError(stsError(name), {});

    // Assess
    for (const text of [d.summary, d.fix, ...d.evidence.map((e) => e.summary)]) {
      expect(text).not.toMatch(/ {2}|""|undefined| \.(\s|$)|account the |role the /);
    }
  });
});
