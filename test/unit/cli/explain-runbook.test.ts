// `onboarding explain` as the runbook has support run it: the customer's trust policy shared with its
// External ID replaced by REDACTED, and no --external-id.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXIT_FAILED, EXIT_OK, main } from '../../../lib/cli/main';
import { fixturePath } from '../../support/fixtures';

const DATAPLANE_ROLE = 'arn:aws:iam::111111111111:role/acme-dataplane-role';
const dir = mkdtempSync(path.join(tmpdir(), 'explain-'));

/** The fixture as a customer shares it: every sts:ExternalId value replaced by REDACTED. */
function redacted(name: string): string {
  const text = readFileSync(fixturePath('trust-policies', name), 'utf8').replace(/("sts:ExternalId":\s*)"[^"]*"/g, '$1"REDACTED"');
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, text);
  return file;
}

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await main(['node', 'onboarding', ...args], { out: (t) => out.push(t), err: (t) => out.push(t) });
  return { code, out: out.join('\n') };
}

describe('explain with the External ID redacted and no --external-id', () => {
  it('a correct policy: allowed if the External ID matches, exit 0, no fix', async () => {
    // Act
    const { code, out } = await cli('explain', '--trust-policy', redacted('correct'), '--principal', DATAPLANE_ROLE);

    // Assess
    expect(code).toBe(EXIT_OK);
    expect(out).toMatch(/^Decision: allowedIfExternalIdMatches\nAllowed if the connection's External ID is the one the policy expects: /);
    expect(out).not.toContain('Fix:');
  });

  it('a policy that trusts another role: denied for that, exit 1, and the fix is the principal', async () => {
    // Act
    const { code, out } = await cli('explain', '--trust-policy', redacted('different-role-principal'), '--principal', DATAPLANE_ROLE);

    // Assess
    expect(code).toBe(EXIT_FAILED);
    expect(out).toMatch(/^Decision: implicitDeny\n/);
    expect(out).toContain('Fix: In Statement[0] (Sid "AllowVendorDataplane"), set the Principal to {"AWS": "arn:aws:iam::111111111111:role/acme-dataplane-role"}.');
    expect(out).not.toContain('Enter the External ID');
  });

  it('a policy that depends on MFA: the decision says so, exit 1', async () => {
    // Act
    const { code, out } = await cli('explain', '--trust-policy', redacted('bool-mfa'), '--principal', DATAPLANE_ROLE);

    // Assess
    expect(code).toBe(EXIT_FAILED);
    expect(out).toMatch(/^Decision: dependsOnUnknownKeys \(aws:MultiFactorAuthPresent\)\nDepends on aws:MultiFactorAuthPresent, /);
  });
});
