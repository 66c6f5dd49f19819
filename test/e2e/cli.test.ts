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
});
