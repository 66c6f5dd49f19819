// Every STS error and CloudTrail record we keep as a fixture, through `onboarding diagnose` as support
// runs it: the message or record alone, no tenant context. The expected code and side are written here
// from AWS's semantics (who caused the failure, who must act), never computed by our code; a new
// fixture without an expected answer fails the test.
import path from 'node:path';
import { EXIT_FAILED, EXIT_OK, main } from '../../../lib/cli/main';
import { type DiagnosisCode, type DiagnosisSide } from '../../../lib/domain/diagnosis';
import { fixtureNames, fixturePath } from '../../support/fixtures';


type Expected = { code: DiagnosisCode; side: DiagnosisSide };

const STS_ERRORS: Record<string, Expected> = {
  // The verifier's own role (not a dataplane role) refused on the dataplane role: the first hop.
  'access-denied-dataplane-role': { code: 'DATAPLANE_ROLE_UNASSUMABLE', side: 'vendor' },
  'access-denied-explicit-deny-identity-policy': { code: 'EXPLICIT_DENY', side: 'vendor' },
  // An EKS node's instance role, not a dataplane role, on a customer's role: the Spark pods got no dataplane credentials.
  'access-denied-node-role': { code: 'DATAPLANE_IDENTITY_NOT_USED', side: 'vendor' },
  'access-denied-explicit-deny-permissions-boundary': { code: 'EXPLICIT_DENY', side: 'vendor' },
  'access-denied-explicit-deny-rcp': { code: 'EXPLICIT_DENY', side: 'customer' },
  'access-denied-explicit-deny-scp-with-policy-arn': { code: 'EXPLICIT_DENY', side: 'vendor' },
  'access-denied-explicit-deny-scp': { code: 'EXPLICIT_DENY', side: 'vendor' },
  'access-denied-explicit-deny-session-policy': { code: 'EXPLICIT_DENY', side: 'vendor' },
  // A role's resource-based policy is its trust policy: the customer's Deny.
  'access-denied-explicit-deny-trust-policy': { code: 'EXPLICIT_DENY', side: 'customer' },
  'access-denied-no-identity-policy': { code: 'IDENTITY_POLICY_DENIED', side: 'vendor' },
  'access-denied-no-permissions-boundary': { code: 'IDENTITY_POLICY_DENIED', side: 'vendor' },
  'access-denied-no-scp-allows': { code: 'EXPLICIT_DENY', side: 'vendor' },
  // The dataplane role's session calling AssumeRole on the dataplane role itself: the connection names our role.
  'access-denied-target-is-dataplane-role': { code: 'ROLE_ARN_IS_DATAPLANE_ROLE', side: 'customer' },
  'access-denied-trust-policy': { code: 'TRUST_POLICY_DENIED', side: 'customer' },
  'access-denied-web-identity': { code: 'IRSA_TRUST_MISMATCH', side: 'vendor' },
  // Our own credentials expired: not a failure we classify, and never the customer's.
  'expired-token': { code: 'UNKNOWN', side: 'vendor' },
  'invalid-identity-token-audience': { code: 'IRSA_TRUST_MISMATCH', side: 'vendor' },
  'invalid-identity-token-no-oidc-provider': { code: 'OIDC_PROVIDER_MISSING', side: 'vendor' },
  // The message names account 222222222222; with no context, nothing says it is ours.
  'region-disabled': { code: 'REGION_DISABLED', side: 'customer' },
  throttling: { code: 'THROTTLED', side: 'transient' },
  'validation-duration-max-session': { code: 'SESSION_DURATION_EXCEEDED', side: 'vendor' },
  'validation-duration-role-chaining': { code: 'SESSION_DURATION_EXCEEDED', side: 'vendor' },
  'validation-external-id-pattern': { code: 'EXTERNAL_ID_INVALID', side: 'customer' },
  'validation-external-id-too-short': { code: 'EXTERNAL_ID_INVALID', side: 'customer' },
  'validation-request-arn-invalid': { code: 'ROLE_ARN_INVALID', side: 'customer' },
  'validation-role-arn-too-short': { code: 'ROLE_ARN_INVALID', side: 'customer' },
};

/** null: not a failed role assumption, so there is nothing to diagnose (and diagnose says so). */
const CLOUDTRAIL_RECORDS: Record<string, Expected | null> = {
  'assume-role-denied-dataplane-different-external-id': { code: 'TRUST_POLICY_DENIED', side: 'customer' },
  'assume-role-denied-explicit-deny-scp': { code: 'EXPLICIT_DENY', side: 'vendor' },
  // A Spark pod's call made as the node's instance role (IMDS fallback): our pods lacked the dataplane role.
  'assume-role-denied-node-role': { code: 'DATAPLANE_IDENTITY_NOT_USED', side: 'vendor' },
  'assume-role-denied-target-is-dataplane-role': { code: 'ROLE_ARN_IS_DATAPLANE_ROLE', side: 'customer' },
  'assume-role-denied-verifier-dataplane-hop': { code: 'DATAPLANE_ROLE_UNASSUMABLE', side: 'vendor' },
  'assume-role-denied-verifier-without-external-id': { code: 'TRUST_POLICY_DENIED', side: 'customer' },
  'assume-role-denied-verifier': { code: 'TRUST_POLICY_DENIED', side: 'customer' },
  'assume-role-succeeded': null,
  'assume-role-validation-error-external-id': { code: 'EXTERNAL_ID_INVALID', side: 'customer' },
  'assume-role-with-web-identity-denied': { code: 'IRSA_TRUST_MISMATCH', side: 'vendor' },
  'assume-role-with-web-identity-no-oidc-provider': { code: 'OIDC_PROVIDER_MISSING', side: 'vendor' },
  'get-caller-identity': null,
};

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'onboarding', ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('onboarding diagnose gives every fixture its right code', () => {
  it('has an expected answer for every fixture, and no answer for a fixture that is gone', () => {
    expect(fixtureNames('sts-errors')).toEqual(Object.keys(STS_ERRORS).sort());
    expect(fixtureNames('cloudtrail')).toEqual(Object.keys(CLOUDTRAIL_RECORDS).sort());
  });

  it.each(Object.entries(STS_ERRORS))('--sts-error %s', async (name, expected) => {
    // Act
    const { code, out } = await cli('diagnose', '--sts-error', fixturePath('sts-errors', name), '--json');

    // Assess
    expect(code).toBe(EXIT_OK);
    const diagnosis = JSON.parse(out);
    expect({ code: diagnosis.code, side: diagnosis.side }).toEqual(expected);
    // A message that does not name a role leaves it unnamed: never a blank or invented ARN.
    // (a blank ARN shows as two spaces in a sentence, or as "" in a policy snippet).
    for (const text of [diagnosis.summary, diagnosis.fix]) expect(text).not.toMatch(/ {2}|""/);
  });

  it.each(Object.entries(CLOUDTRAIL_RECORDS))('--cloudtrail %s', async (name, expected) => {
    // Act
    const { code, out } = await cli('diagnose', '--cloudtrail', fixturePath('cloudtrail', name), '--json');

    // Assess
    if (expected === null) {
      expect(code).toBe(EXIT_FAILED);
      expect(JSON.parse(out)).toMatchObject({ diagnoses: [], skipped: [expect.objectContaining({ reason: expect.any(String) })] });
      return;
    }
    expect(code).toBe(EXIT_OK);
    const [first] = JSON.parse(out).diagnoses;
    expect({ code: first.diagnosis.code, side: first.diagnosis.side }).toEqual(expected);
  });
});
