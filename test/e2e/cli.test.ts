// The CLI end to end on the sandbox: what a developer sees and the exit codes scripts rely on.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../../lib/cli/main';
import { LocalEnvironment } from '../../lib/local/local-environment';
import { fixturePath } from '../support/fixtures';

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

  it('--json prints the status alone on stdout, as the status API shows it', async () => {
    const { code, out, err } = await cli('onboard', '--tenant', 'acme', '--cluster', 'acme-prod', '--json');

    expect(code).toBe(EXIT_OK);
    const status = JSON.parse(out);
    expect(status).toMatchObject({ tenantId: 'acme', status: 'ROLE_READY', dataplaneRole: { outcome: 'created' }, connections: [] });
    expect(err).toContain('→ Validate Request');
  });

  it('every time in the status is on the one local clock, which skips the polling waits', async () => {
    // Act: the customer fixes their trust policy after several attempts, minutes of polling later.
    const { code, out } = await cli(
      'onboard', '--tenant', 'acme', '--cluster', 'acme-prod', '--json', '--scenario', path.join(scenarios, 'verify-wrong-external-id-fixed-later.json'),
    );

    // Assess: nothing was written before the attempts it records.
    expect(code).toBe(EXIT_OK);
    const status = JSON.parse(out);
    const [connection] = status.connections;
    expect(connection.attempts).toBeGreaterThan(2);
    expect(Date.parse(connection.lastAttemptAt) - Date.parse(status.createdAt)).toBeGreaterThan(5 * 60 * 1000);
    expect(connection.updatedAt >= connection.lastAttemptAt).toBe(true);
    expect(status.verification.updatedAt >= connection.lastAttemptAt).toBe(true);
  }, 60_000);

  it('--version prints the package version, exit 0', async () => {
    const { code, out } = await cli('--version');

    expect(code).toBe(EXIT_OK);
    expect(out).toBe(require('../../package.json').version);
  });

  it('--quiet prints the final status alone: no states, no attempts, no queue message', async () => {
    const { code, out, err } = await cli(
      'onboard', '--tenant', 'acme', '--cluster', 'acme-prod', '--quiet', '--scenario', path.join(scenarios, 'verify-wrong-external-id-fixed-later.json'),
    );

    expect(code).toBe(EXIT_OK);
    expect(out).toMatch(/^Status ROLE_READY: /);
    expect(out).toContain('acme-data-lake: VERIFIED');
    expect(out).not.toContain('→ Validate Request');
    expect(out).not.toContain('attempt 1:');
    expect(out).not.toContain('Account-manager queue');
    expect(err).toBe('');
  }, 60_000);

  it('a connection that is never fixed prints its diagnosis once; each later attempt is one line', async () => {
    const { out } = await cli('onboard', '--tenant', 'acme', '--cluster', 'acme-prod', '--scenario', path.join(scenarios, 'verify-missing-external-id-condition.json'));

    const attempts = out.split('\n').filter((l) => /\[acme-data-lake\] attempt \d+:/.test(l));
    expect(attempts.length).toBeGreaterThan(100);
    expect(out.split('\n').filter((l) => l.startsWith('        fix: The customer adds'))).toHaveLength(1);
    expect(attempts.at(-1)).toMatch(/attempt \d+: same as attempt 1 — polling stops: ACTION_REQUIRED/);
  }, 60_000);

  it('exits 1 with the reason when the request is invalid, and records why', async () => {
    const { code, out, err } = await cli('onboard', '--tenant', 'acme', '--cluster', 'acme prod', '--json');

    expect(code).toBe(EXIT_FAILED);
    expect(JSON.parse(out)).toMatchObject({ status: 'INVALID_REQUEST', error: { problems: [{ field: 'clusterName' }] } });
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
    expect(noFile.err).toContain('scenario /nonexistent.json: cannot be read');
  });

  it('exits 2 for a scenario with a bad field, one line per problem naming the file and the field', async () => {
    // Prepare
    const scenario = JSON.parse(require('node:fs').readFileSync(path.join(scenarios, 'verify-correct-setup.json'), 'utf8'));
    scenario.customers[0].roles[0].trustPolicy = 'allow everyone';
    scenario.vendor.region = 'europe';
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'scenario-')), 'bad.json');
    writeFileSync(file, JSON.stringify(scenario));

    // Act
    const { code, err } = await cli('onboard', '--tenant', 'acme', '--cluster', 'acme-prod', '--scenario', file);

    // Assess
    expect(code).toBe(EXIT_USAGE);
    expect(err.split('\n')).toEqual([
      `error: scenario ${file}: vendor.region: must be an AWS region such as eu-west-1, us-gov-west-1 or eusc-de-east-1`,
      `scenario ${file}: customers[0].roles[0].trustPolicy: must be a policy document object ({"Version": ..., "Statement": [...]})`,
    ]);
  });

  describe('diagnose', () => {

    it('explains a pasted STS AccessDenied: code, side, summary and fix', async () => {
      const { code, out } = await cli('diagnose', '--sts-error', fixturePath('sts-errors', 'access-denied-trust-policy'));

      expect(code).toBe(EXIT_OK);
      expect(out).toMatch(/^TRUST_POLICY_DENIED/);
      expect(out).toContain('arn:aws:iam::222222222222:role/DataQualityReader');
      expect(out).toContain('Fix: ');
    });

    it('--json prints, for a CloudTrail record, which record it explains with code, side, summary and fix', async () => {
      const { code, out } = await cli('diagnose', '--cloudtrail', fixturePath('cloudtrail', 'assume-role-denied-explicit-deny-scp'), '--json');

      expect(code).toBe(EXIT_OK);
      const [{ record, diagnosis }] = JSON.parse(out).diagnoses;
      expect(record).toMatchObject({ index: 0, eventName: 'AssumeRole', eventId: expect.any(String), eventTime: expect.any(String) });
      expect(diagnosis).toMatchObject({ code: 'EXPLICIT_DENY', side: 'vendor' });
      expect(typeof diagnosis.summary).toBe('string');
      expect(typeof diagnosis.fix).toBe('string');
    });

    it('exits 2 for a file that is not an STS error, or for both options at once', async () => {
      const wrong = await cli('diagnose', '--sts-error', fixturePath('trust-policies', 'correct'));
      expect(wrong.code).toBe(EXIT_USAGE);
      expect(wrong.err).toContain('must be a JSON object { "name": string, "message": string }');

      const both = await cli('diagnose', '--sts-error', 'a.json', '--cloudtrail', 'b.json');
      expect(both.code).toBe(EXIT_USAGE);
      expect(both.err).toContain('exactly one of');
    });
  });

  describe('explain', () => {
    const principal = 'arn:aws:iam::111111111111:role/acme-dataplane-role';

    it('names the failing condition and prints the corrected policy; exit 1 when not allowed', async () => {
      const { code, out } = await cli('explain', '--trust-policy', fixturePath('trust-policies', 'wrong-external-id'), '--principal', principal, '--external-id', 'acme-7Hq2vX9pLm');

      expect(code).toBe(EXIT_FAILED);
      expect(out).toContain('Decision: implicitDeny');
      expect(out).toContain('StringEquals on sts:ExternalId is not met');
      expect(out).toContain('<YOUR_EXTERNAL_ID>');
      expect(out).not.toContain('acme-7Hq2vX9pLm');
    });

    it('--json gives the decision and per-statement reasons; a correct policy exits 0', async () => {
      const { code, out } = await cli('explain', '--trust-policy', fixturePath('trust-policies', 'correct'), '--principal', principal, '--external-id', externalIdOf(fixturePath('trust-policies', 'correct')), '--json');

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
  }, 60_000);

  it('verify --connections FILE stores the connections, then starts verification with their ids only', async () => {
    // Prepare: the customer's role trusts External ID acme-7Hq2vX9pLm; a support engineer enters it again.
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'connections-')), 'connections.json');
    writeFileSync(file, JSON.stringify([{ connectionId: 'acme-lake-2', roleArn: 'arn:aws:iam::222222222222:role/qualytics-s3-read', externalId: 'acme-7Hq2vX9pLm' }]));
    const inputs: unknown[] = [];
    const starter = LocalEnvironment.prototype.starter;
    const spy = jest.spyOn(LocalEnvironment.prototype, 'starter').mockImplementation(function (this: LocalEnvironment) {
      const real = starter.call(this);
      return { start: (kind, name, input) => (inputs.push(input), real.start(kind, name, input)) };
    });

    // Act
    const { code, out, err } = await cli('verify', 'acme', '--connections', file, '--scenario', path.join(scenarios, 'verify-correct-setup.json'));
    spy.mockRestore();

    // Assess
    expect(code).toBe(EXIT_OK);
    // The last start is the command's; the one before it verified the scenario's own connection.
    expect(inputs.at(-1)).toEqual({ tenantId: 'acme', connectionIds: ['acme-lake-2'] });
    expect(JSON.stringify(inputs)).not.toContain('externalId');
    expect(out).toMatch(/acme-lake-2: VERIFIED/);
    expect(`${out}\n${err}`).not.toContain('acme-7Hq2vX9pLm');
  }, 60_000);

  it('verify --connections refuses a file with a bad External ID (exit 2), naming where, never the value', async () => {
    // Prepare
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'connections-')), 'connections.json');
    writeFileSync(file, JSON.stringify([{ connectionId: 'acme-lake-2', roleArn: 'arn:aws:iam::222222222222:role/qualytics-s3-read', externalId: 'acme-7Hq2vX9pLm\n' }]));

    // Act
    const { code, out, err } = await cli('verify', 'acme', '--connections', file, '--scenario', path.join(scenarios, 'verify-correct-setup.json'));

    // Assess
    expect(code).toBe(EXIT_USAGE);
    expect(err).toMatch(/connections\[0\]\.externalId contains whitespace: a trailing newline/);
    expect(`${out}\n${err}`).not.toContain('acme-7Hq2vX9pLm');
  }, 60_000);

  describe('verify refuses what the status API refuses, says why, and starts nothing', () => {
    /** The names of the executions started while `run` runs. */
    async function startsDuring(run: () => Promise<unknown>): Promise<string[]> {
      const names: string[] = [];
      const starter = LocalEnvironment.prototype.starter;
      const spy = jest.spyOn(LocalEnvironment.prototype, 'starter').mockImplementation(function (this: LocalEnvironment) {
        const real = starter.call(this);
        return { start: (kind, name, input) => (names.push(name), real.start(kind, name, input)) };
      });
      try {
        await run();
      } finally {
        spy.mockRestore();
      }
      return names;
    }

    it('an unknown connection: exit 1 naming the stored ones, as the API\'s 400 does', async () => {
      let result!: Awaited<ReturnType<typeof cli>>;
      const names = await startsDuring(async () => {
        result = await cli('verify', 'acme', '--connection', 'acme-nope', '--scenario', path.join(scenarios, 'verify-correct-setup.json'));
      });

      expect(result.code).toBe(EXIT_FAILED);
      expect(result.err).toContain('connectionIds[0] no stored connection "acme-nope" (stored: acme-data-lake)');
      expect(result.out).not.toContain('Started verification');
      expect(names.filter((n) => n.includes('-support-'))).toEqual([]);
    }, 60_000);

    it('a tenant with no connections: exit 1 with the API\'s 409 reason', async () => {
      let result!: Awaited<ReturnType<typeof cli>>;
      const names = await startsDuring(async () => {
        result = await cli('verify', 'acme', '--scenario', path.join(scenarios, 'demo.json'));
      });

      expect(result.code).toBe(EXIT_FAILED);
      expect(result.err).toContain('Tenant "acme" has no connections configured to verify');
      expect(result.out).not.toContain('Started verification');
      expect(names.filter((n) => n.includes('-support-'))).toEqual([]);
    }, 60_000);

    it('a malformed connection id is a usage error (exit 2) before any sandbox starts', async () => {
      const names = await startsDuring(async () => {
        const { code, err } = await cli('verify', 'acme', '--connection', 'acme lake', '--scenario', path.join(scenarios, 'verify-correct-setup.json'));
        expect(code).toBe(EXIT_USAGE);
        expect(err).toContain('--connection "acme lake" has a character that is not allowed');
      });

      expect(names).toEqual([]);
    }, 60_000);

    it('--json prints the final status as the status API shows it on stdout, progress on stderr', async () => {
      const { code, out, err } = await cli('verify', 'acme', '--json', '--scenario', path.join(scenarios, 'verify-correct-setup.json'));

      expect(code).toBe(EXIT_OK);
      const status = JSON.parse(out);
      expect(status).toMatchObject({ tenantId: 'acme', verification: { state: 'VERIFIED' }, connections: [{ connectionId: 'acme-data-lake', state: 'VERIFIED' }] });
      expect(err).toMatch(/Started verification: arn:aws:states:/);
    }, 60_000);

    it('--json --no-wait prints only the started execution, as JSON', async () => {
      const { code, out } = await cli('verify', 'acme', '--json', '--no-wait', '--scenario', path.join(scenarios, 'verify-correct-setup.json'));

      expect(code).toBe(EXIT_OK);
      expect(JSON.parse(out)).toEqual({ executionArn: expect.stringMatching(/^arn:aws:states:eu-west-1:111111111111:execution:[^:]+:verify-acme-support-/) });
    }, 60_000);
  });

  it('status --json is exactly what GET /tenants/{id}/status answers for the same tenant', async () => {
    // Prepare: keep the command's sandbox open after it, to ask its status API the same question.
    let kept: LocalEnvironment | undefined;
    const close = LocalEnvironment.prototype.close;
    const spy = jest.spyOn(LocalEnvironment.prototype, 'close').mockImplementation(async function (this: LocalEnvironment) {
      kept = this;
    });
    try {
      // Act
      const { code, out } = await cli('status', 'acme', '--json', '--scenario', path.join(scenarios, 'verify-external-id-trailing-space.json'));
      const { handleApiRequest } = await import('../../lib/api/router');
      const { localApiEvent } = await import('../../lib/api/local-server');
      const env = kept!;
      const response = await handleApiRequest(
        localApiEvent({ method: 'GET', url: '/tenants/acme/status', headers: {} }, { account: env.account, region: env.config.region }),
        { statusStore: env.adapters().statusStore, starter: env.starter(), executions: env.executionRecords(), region: env.config.region },
      );

      // Assess
      expect(code).toBe(EXIT_OK);
      expect(response.statusCode).toBe(200);
      const api = JSON.parse(response.body as string);
      expect(api.connections).toMatchObject([{ state: 'ACTION_REQUIRED', diagnosis: { code: 'EXTERNAL_ID_INVALID' } }]);
      expect(JSON.parse(out)).toEqual(api);
    } finally {
      spy.mockRestore();
      if (kept) await close.call(kept);
    }
  }, 60_000);

  it('history on the sandbox: the tenant\'s executions, each event with id, time, type and state', async () => {
    // Act
    const { code, out } = await cli('history', 'acme', '--scenario', path.join(scenarios, 'verify-correct-setup.json'));

    // Assess
    expect(code).toBe(EXIT_OK);
    expect(out).toMatch(/^onboarding execution arn:aws:states:eu-west-1:111111111111:execution:[^\s]+ SUCCEEDED/m);
    expect(out).toMatch(/^verification execution arn:aws:states:eu-west-1:111111111111:execution:[^\s]+ SUCCEEDED/m);
    expect(out).toMatch(/^\s+1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ExecutionStarted\s*$/m);
    expect(out).toMatch(/^\s+2 \S+ TaskStateEntered\s+Validate Request$/m);
    expect(out).toMatch(/^\s+\d+ \S+ LambdaFunctionSucceeded\s+Attempt Assume$/m);
    expect(out).toMatch(/^\s+\d+ \S+ ExecutionSucceeded\s*$/m);
    expect(out).not.toContain('acme-7Hq2vX9pLm');
  }, 60_000);

  it('history --json: the executions and their events as GetExecutionHistory returns them', async () => {
    // Act
    const { code, out } = await cli('history', 'acme', '--json', '--scenario', path.join(scenarios, 'verify-correct-setup.json'));

    // Assess
    expect(code).toBe(EXIT_OK);
    const history = JSON.parse(out);
    expect(history.tenantId).toBe('acme');
    expect(history.executions.map((e: any) => e.kind).sort()).toEqual(['connection-verification', 'onboarding', 'verification']);
    const polling = history.executions.find((e: any) => e.kind === 'connection-verification');
    expect(polling.name).toMatch(/^poll-acme-acme-data-lake-[0-9a-f]{16}$/);
    expect(polling.events.filter((e: any) => e.stateEnteredEventDetails?.name === 'Attempt Assume')).toHaveLength(1);
    expect(JSON.stringify(polling.events)).not.toContain('acme-7Hq2vX9pLm');
    const onboarding = history.executions.find((e: any) => e.kind === 'onboarding');
    expect(onboarding.events[0]).toEqual({
      id: 1,
      previousEventId: 0,
      type: 'ExecutionStarted',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      executionStartedEventDetails: { input: expect.any(String), inputDetails: { truncated: false }, roleArn: expect.stringMatching(/^arn:aws:iam::111111111111:role\//) },
    });
    expect(JSON.parse(onboarding.events[0].executionStartedEventDetails.input)).toMatchObject({ tenantId: 'acme', clusterName: 'acme-prod' });
    expect(onboarding.events[1]).toMatchObject({ id: 2, previousEventId: 1, type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'Validate Request' } });
    expect(onboarding.events.map((e: any) => e.id)).toEqual(onboarding.events.map((_: unknown, i: number) => i + 1));
    expect(onboarding.events.at(-1).type).toBe('ExecutionSucceeded');
  }, 60_000);

  it('history --execution NAME prints that execution alone; an unknown one exits 1 naming the known ones', async () => {
    // Prepare
    const scenario = path.join(scenarios, 'verify-correct-setup.json');
    const all = JSON.parse((await cli('history', 'acme', '--json', '--scenario', scenario)).out);
    const verification = all.executions.find((e: any) => e.kind === 'verification');

    // Act
    const one = await cli('history', 'acme', '--execution', verification.name, '--json', '--scenario', scenario);
    const unknown = await cli('history', 'acme', '--execution', 'verify-acme-nope', '--scenario', scenario);

    // Assess
    expect(one.code).toBe(EXIT_OK);
    expect(JSON.parse(one.out).executions.map((e: any) => e.name)).toEqual([verification.name]);
    expect(unknown.code).toBe(EXIT_FAILED);
    expect(unknown.err).toContain('tenant "acme" has no execution "verify-acme-nope"');
    expect(unknown.err).toContain(verification.name);
  }, 60_000);

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
