// `onboarding retry` end to end on a one-shot sandbox: the scenario's tenant is onboarded first and
// ends FAILED because IAM throttled CreateRole past every retry and redrive; the retry onboards it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, main } from '../../lib/cli/main';

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'onboarding', ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The demo world, with IAM throttling the first `times` CreateRole calls. */
function throttledScenario(times: number): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'retry-')), 'scenario.json');
  writeFileSync(
    file,
    JSON.stringify({
      name: 'iam-throttled-past-redrives',
      description: 'IAM throttles CreateRole through the first onboarding: its 11 tries, 3 times redriven',
      vendor: { accountId: '111111111111', region: 'eu-west-1' },
      clusters: [{ name: 'acme-prod', status: 'ACTIVE', oidcProviderExists: true }],
      faults: [{ service: 'iam', operation: 'CreateRole', error: 'Throttling', times }],
    }),
  );
  return file;
}

describe('onboarding retry', () => {
  jest.setTimeout(120_000);

  it('onboards again a tenant whose onboarding ended FAILED after throttling outlasted its retries: ROLE_READY, exit 0', async () => {
    // Act
    const { code, out, err } = await cli('retry', 'acme', '--scenario', throttledScenario(4 * 11));

    // Assess
    expect(err).toContain('(sandbox) onboarding failed: TransientAwsError');
    expect(code).toBe(EXIT_OK);
    expect(out).toContain('the last one ended FAILED: TransientAwsError');
    expect(out).toContain('Tenant acme: ROLE_READY');
  });

  it('refuses a tenant it does not know, and one whose onboarding succeeded, starting nothing', async () => {
    const unknown = await cli('retry', 'globex', '--scenario', throttledScenario(1));
    const ready = await cli('retry', 'acme', '--scenario', throttledScenario(1));

    expect(unknown.code).toBe(EXIT_FAILED);
    expect(unknown.err).toContain('cannot retry tenant "globex": it was never onboarded in this scenario\'s sandbox (check the tenant id); nothing was started');
    expect(ready.code).toBe(EXIT_FAILED);
    expect(ready.err).toContain('cannot retry tenant "acme": its onboarding succeeded (ROLE_READY)');
  });

  it('refuses a tenant id that cannot be one, as a usage error', async () => {
    const { code, err } = await cli('retry', 'acme corp', '--scenario', throttledScenario(1));

    expect(code).toBe(EXIT_USAGE);
    expect(err).toContain('The tenant id "acme corp" has a character that is not allowed');
  });
});
