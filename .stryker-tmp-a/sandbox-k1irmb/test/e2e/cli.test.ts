// @ts-nocheck
// The CLI end to end on the sandbox: what a developer sees and the exit codes scripts rely on.
import path from 'node:path';
import { main, EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../../lib/cli/main';

const scenarios = path.resolve(__dirname, '../../scenarios');

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'onboarding', ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('onboarding CLI', () => {
  it('onboards the demo tenant, printing each state, the status and the queue message', async () => {
    // Act
    const { code, out } = await cli('onboard', '--tenant', 'acme', '--cluster', 'acme-prod');

    // Assess
    expect(code).toBe(EXIT_OK);
    expect(out).toContain('→ Ensure Dataplane Role');
    expect(out).toContain('✓ Publish Role Arn');
    expect(out).toContain('Status ROLE_READY');
    expect(out).toContain('arn:aws:iam::111111111111:role/acme-dataplane-role');
    expect(out).toContain('"sts:ExternalId": "<EXTERNAL_ID_YOU_CHOOSE>"');
  });

  it('--json prints the status record alone on stdout', async () => {
    const { code, out, err } = await cli('onboard', '--tenant', 'acme', '--cluster', 'acme-prod', '--json');

    expect(code).toBe(EXIT_OK);
    const status = JSON.parse(out);
    expect(status).toMatchObject({ tenantId: 'acme', status: 'ROLE_READY', roleOutcome: 'created' });
    expect(err).toContain('→ Validate Request');
  });

  it('exits 1 with the reason when the request is invalid, and records why', async () => {
    const { code, out, err } = await cli('onboard', '--tenant', 'acme corp', '--cluster', 'acme-prod', '--json');

    expect(code).toBe(EXIT_FAILED);
    expect(JSON.parse(out)).toMatchObject({ status: 'INVALID_REQUEST', error: { problems: [{ field: 'tenantId' }] } });
    expect(err).toContain('onboarding failed: InvalidOnboardingRequest');
  });

  it('exits 1 naming the missing OIDC provider', async () => {
    const { code, err } = await cli(
      'onboard', '--tenant', 'acme', '--cluster', 'acme-prod', '--scenario', path.join(scenarios, 'missing-oidc-provider.json'),
    );

    expect(code).toBe(EXIT_FAILED);
    expect(err).toMatch(/onboarding failed: OidcProviderMissing: IAM OIDC provider arn:aws:iam::\d{12}:oidc-provider\//);
  });

  it('exits 2 for a missing option or an unreadable scenario', async () => {
    const missing = await cli('onboard', '--tenant', 'acme');
    expect(missing.code).toBe(EXIT_USAGE);
    expect(missing.err).toContain("required option '--cluster <name>' not specified");

    const noFile = await cli('onboard', '--tenant', 'acme', '--cluster', 'c', '--scenario', '/nonexistent.json');
    expect(noFile.code).toBe(EXIT_USAGE);
    expect(noFile.err).toContain('cannot use scenario /nonexistent.json');
  });

  describe('diagnose', () => {
    const fixtures = path.resolve(__dirname, '../fixtures');

    it('explains a pasted STS AccessDenied: code, side, summary and fix', async () => {
      const { code, out } = await cli('diagnose', '--sts-error', path.join(fixtures, 'sts-errors/access-denied-trust-policy.json'));

      expect(code).toBe(EXIT_OK);
      expect(out).toMatch(/^TRUST_POLICY_DENIED/);
      expect(out).toContain('arn:aws:iam::222222222222:role/DataQualityReader');
      expect(out).toContain('Fix: ');
    });

    it('--json prints one object with code, side, summary and fix for a CloudTrail record', async () => {
      const { code, out } = await cli('diagnose', '--cloudtrail-event', path.join(fixtures, 'cloudtrail/assume-role-denied-explicit-deny-scp.json'), '--json');

      expect(code).toBe(EXIT_OK);
      const diagnosis = JSON.parse(out);
      expect(diagnosis).toMatchObject({ code: 'EXPLICIT_DENY', side: 'vendor' });
      expect(typeof diagnosis.summary).toBe('string');
      expect(typeof diagnosis.fix).toBe('string');
    });

    it('exits 2 for a file that is not an STS error, or for both options at once', async () => {
      const wrong = await cli('diagnose', '--sts-error', path.join(fixtures, 'trust-policies/correct.json'));
      expect(wrong.code).toBe(EXIT_USAGE);
      expect(wrong.err).toContain('must be a JSON object { "name": string, "message": string }');

      const both = await cli('diagnose', '--sts-error', 'a.json', '--cloudtrail-event', 'b.json');
      expect(both.code).toBe(EXIT_USAGE);
      expect(both.err).toContain('exactly one of');
    });
  });

  describe('explain', () => {
    const policies = path.resolve(__dirname, '../fixtures/trust-policies');
    const principal = 'arn:aws:iam::111111111111:role/acme-dataplane-role';

    it('names the failing condition and prints the corrected policy; exit 1 when not allowed', async () => {
      const { code, out } = await cli('explain', '--trust-policy', path.join(policies, 'wrong-external-id.json'), '--principal', principal, '--external-id', 'acme-7Hq2vX9pLm');

      expect(code).toBe(EXIT_FAILED);
      expect(out).toContain('Decision: implicitDeny');
      expect(out).toContain('StringEquals on sts:ExternalId is not met');
      expect(out).toContain('<YOUR_EXTERNAL_ID>');
      expect(out).not.toContain('acme-7Hq2vX9pLm');
    });

    it('--json gives the decision and per-statement reasons; a correct policy exits 0', async () => {
      const { code, out } = await cli('explain', '--trust-policy', path.join(policies, 'correct.json'), '--principal', principal, '--external-id', externalIdOf(path.join(policies, 'correct.json')), '--json');

      const explanation = JSON.parse(out);
      expect(explanation.decision).toBe('allowed');
      expect(explanation.externalIdRequired).toBe(true);
      expect(Array.isArray(explanation.statements)).toBe(true);
      expect(code).toBe(EXIT_OK);
    });
  });
});

describe('support commands', () => {
  const scenarios = path.resolve(__dirname, '../../scenarios');

  it('status on the sandbox: per-connection state and diagnosis, External ID only as a fingerprint', async () => {
    const { code, out } = await cli('status', 'acme', '--scenario', path.join(scenarios, 'verify-missing-external-id-condition.json'));

    expect(code).toBe(EXIT_OK);
    expect(out).toContain('Tenant acme: ROLE_READY');
    expect(out).toMatch(/EXTERNAL_ID_NOT_ENFORCED \(customer side\)/);
    expect(out).toMatch(/External ID 15 chars, fingerprint [0-9a-f]{8}/);
    expect(out).not.toContain('acme-7Hq2vX9pLm');
  }, 60_000);

  it('verify on the sandbox re-runs the stored connections and exits 0 when verified', async () => {
    const { code, out } = await cli('verify', 'acme', '--scenario', path.join(scenarios, 'verify-correct-setup.json'));

    expect(code).toBe(EXIT_OK);
    expect(out).toMatch(/Started verification: arn:aws:states:eu-west-1:111111111111:execution:[^:]+:verify-acme-support-/);
    expect(out).toContain('Verification VERIFIED');
  });

  it('against a deployed stack without a region: exit 2 with what to do', async () => {
    const { code, err } = await cli('status', 'acme', '--region', '');
    expect(code).toBe(EXIT_USAGE);
    expect(err).toContain('no AWS region');
  });
});

function externalIdOf(file: string): string {
  const policy = JSON.parse(require('node:fs').readFileSync(file, 'utf8'));
  return policy.Statement[0].Condition.StringEquals['sts:ExternalId'];
}
