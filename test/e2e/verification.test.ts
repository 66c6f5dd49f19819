// Verification end to end on the sandbox: onboarding creates the dataplane role, then the nested
// verification run assumes each customer target role through it, exactly as in AWS (STS decides with
// the customers' trust policies; denials land in our CloudTrail). One case per shipped scenario.
import path from 'node:path';
import { LocalEnvironment } from '../../lib/local/local-environment';
import { loadScenario } from '../../lib/sandbox';

const TARGET = 'arn:aws:iam::222222222222:role/qualytics-s3-read';
/** A short deadline keeps never-fixed connections quick: 60 + 120 + 240 s of scheduled waiting. */
const SHORT = { firstRetrySeconds: 60, maxIntervalSeconds: 3600, deadlineSeconds: 600 };

let env: LocalEnvironment | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function onboardWith(scenarioName: string, schedule: object = SHORT) {
  const scenario = loadScenario(path.resolve(__dirname, '../../scenarios', `${scenarioName}.json`));
  env = await LocalEnvironment.start(scenario);
  const result = await env.onboard({ tenantId: 'acme', clusterName: 'acme-prod', targetRoles: env.sandbox.connections, schedule });
  const status = await env.status('acme');
  return { result, status: status!, sandbox: env.sandbox, connections: env.sandbox.connections };
}

const only = (status: { connections?: Record<string, any> }) => Object.values(status.connections ?? {})[0];

describe('verification end to end on the sandbox', () => {
  it('correct setup: VERIFIED at the first attempt, through the dataplane role, with a deny-all 900 s session', async () => {
    // Act
    const { result, status, sandbox } = await onboardWith('verify-correct-setup');

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(status.verification).toMatchObject({ state: 'VERIFIED' });
    expect(only(status)).toMatchObject({ state: 'VERIFIED', attempts: 1, roleArn: TARGET });
    const calls = sandbox.callsTo('sts', 'AssumeRole');
    const toTarget = calls.filter((c) => (c.input as any).RoleArn === TARGET && /dataplane-role/.test(c.principal));
    expect(toTarget).toHaveLength(2); // with the External ID, then without (which must be refused)
    for (const call of toTarget) {
      const input = call.input as Record<string, unknown>;
      expect(call.principal).toMatch(/^arn:aws:sts::111111111111:assumed-role\/acme-dataplane-role\/verify-acme-/);
      expect(input.DurationSeconds).toBe(900);
      expect(JSON.parse(input.Policy as string).Statement[0]).toMatchObject({ Effect: 'Deny', Action: '*', Resource: '*' });
      expect(input).not.toHaveProperty('Tags');
      expect(input).not.toHaveProperty('SourceIdentity');
    }
    expect((toTarget[0]!.input as any).ExternalId).toBeDefined();
    expect((toTarget[1]!.input as any).ExternalId).toBeUndefined();
    expect(toTarget[1]!.error).toBe('AccessDenied');
  });

  it('wrong External ID fixed later: propagation first, then TRUST_POLICY_DENIED with CloudTrail evidence, then VERIFIED', async () => {
    // Prepare
    const seen: string[] = [];

    // Act
    const scenario = loadScenario(path.resolve(__dirname, '../../scenarios/verify-wrong-external-id-fixed-later.json'));
    env = await LocalEnvironment.start(scenario);
    const result = await env.onboard(
      { tenantId: 'acme', clusterName: 'acme-prod', targetRoles: env.sandbox.connections },
      {
        onEvent: (e: any) => {
          if (e.type === 'StateExited' && e.state.name === 'Record Attempt') {
            const d = e.state.output.attempt.diagnosis;
            seen.push(d ? `${d.code}:${d.evidence.filter((x: any) => x.source === 'cloudtrail').length}` : 'VERIFIED');
          }
        },
      },
    );

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    // CloudTrail is 90 s late in this scenario: the first lookup finds nothing, later ones the earlier denials.
    expect(seen.map((s) => s.split(':')[0])).toEqual([
      'PROPAGATION_PENDING',
      'PROPAGATION_PENDING',
      'TRUST_POLICY_DENIED',
      'TRUST_POLICY_DENIED',
      'VERIFIED',
    ]);
    expect(Number(seen[0]!.split(':')[1])).toBe(0);
    expect(Number(seen[3]!.split(':')[1])).toBeGreaterThan(0);
    const status = (await env.status('acme'))!;
    expect(only(status)).toMatchObject({ state: 'VERIFIED', attempts: 5 });
    expect(only(status).diagnosis).toBeUndefined();
  });

  it('External ID with a trailing space: EXTERNAL_ID_INVALID at once, no call to the customer', async () => {
    const { status, sandbox } = await onboardWith('verify-external-id-trailing-space');

    expect(only(status)).toMatchObject({ state: 'ACTION_REQUIRED', attempts: 1, diagnosis: { code: 'EXTERNAL_ID_INVALID', side: 'customer' } });
    expect(only(status).diagnosis.summary).toMatch(/trailing space/);
    expect(sandbox.callsTo('sts', 'AssumeRole').filter((c) => (c.input as any).RoleArn === TARGET)).toEqual([]);
  });

  it('trust not pinned (our account root trusted): VERIFIED, with the TRUST_NOT_PINNED warning and the Principal to set', async () => {
    // Act
    const { status, sandbox } = await onboardWith('trust-not-pinned');

    // Assess
    expect(only(status)).toMatchObject({ state: 'VERIFIED', attempts: 1 });
    expect(only(status).diagnosis).toBeUndefined();
    expect(only(status).warnings).toEqual([expect.objectContaining({ code: 'TRUST_NOT_PINNED', side: 'customer' })]);
    const [warning] = only(status).warnings;
    expect(warning.fix).toContain('"Principal": {"AWS": "arn:aws:iam::111111111111:role/acme-dataplane-role"}');
    expect(only(status).summary).toMatch(/TRUST_NOT_PINNED/);
    expect(status.verification).toMatchObject({ state: 'VERIFIED' });
    expect(status.verification!.summary).toMatch(/1 with a warning/);
    // The probe: the stack's trust probe role, not the dataplane role, with the External ID and a deny-all session.
    const probe = sandbox.callsTo('sts', 'AssumeRole').filter((c) => (c.input as any).RoleArn === TARGET && /trust-probe/.test(c.principal ?? ''));
    expect(probe).toHaveLength(1);
    expect((probe[0]!.input as any).ExternalId).toBeDefined();
    expect(JSON.parse((probe[0]!.input as any).Policy).Statement).toEqual([{ Sid: 'VerificationOnly', Effect: 'Deny', Action: '*', Resource: '*' }]);
    expect(probe[0]!.error).toBeUndefined();
  });

  it('trust pinned to the dataplane role: the trust probe is refused, and no warning', async () => {
    // Act
    const { status, sandbox } = await onboardWith('verify-correct-setup');

    // Assess
    expect(only(status)).toMatchObject({ state: 'VERIFIED' });
    expect(only(status).warnings).toBeUndefined();
    const probe = sandbox.callsTo('sts', 'AssumeRole').filter((c) => (c.input as any).RoleArn === TARGET && /trust-probe/.test(c.principal ?? ''));
    expect(probe.map((c) => c.error)).toEqual(['AccessDenied']);
  });

  it('missing ExternalId condition: never VERIFIED (confused deputy), ACTION_REQUIRED at the deadline', async () => {
    const { status } = await onboardWith('verify-missing-external-id-condition');
    expect(status.verification).toMatchObject({ state: 'ACTION_REQUIRED' });
    expect(only(status)).toMatchObject({ state: 'ACTION_REQUIRED', diagnosis: { code: 'EXTERNAL_ID_NOT_ENFORCED', side: 'customer' } });
  });

  it('missing target role: TRUST_POLICY_DENIED (AWS says nothing more cross-account), ACTION_REQUIRED at the deadline', async () => {
    const { status } = await onboardWith('verify-missing-role');
    expect(only(status)).toMatchObject({ state: 'ACTION_REQUIRED', diagnosis: { code: 'TRUST_POLICY_DENIED', side: 'customer' } });
    expect(only(status).attempts).toBeGreaterThan(1);
  });

  it('our organization SCP denies: EXPLICIT_DENY on the vendor side, naming the policy type', async () => {
    const { status } = await onboardWith('verify-scp-deny');
    expect(only(status)).toMatchObject({ state: 'ACTION_REQUIRED', diagnosis: { code: 'EXPLICIT_DENY', side: 'vendor' } });
    expect(only(status).diagnosis.summary).toMatch(/service control policy/);
  });

  it('STS disabled in the customer region: REGION_DISABLED', async () => {
    const { status } = await onboardWith('verify-region-disabled');
    expect(only(status)).toMatchObject({ diagnosis: { code: 'REGION_DISABLED', side: 'customer' } });
  });

  it('our dataplane ARN pasted as the target: ROLE_ARN_IS_DATAPLANE_ROLE at once', async () => {
    const { status } = await onboardWith('verify-dataplane-arn-as-target');
    expect(only(status)).toMatchObject({ state: 'ACTION_REQUIRED', attempts: 1, diagnosis: { code: 'ROLE_ARN_IS_DATAPLANE_ROLE' } });
  });

  it('mixed connections: each its own state and diagnosis; the External ID never appears in the record', async () => {
    // Act
    const { status, connections } = await onboardWith('verify-mixed');

    // Assess
    const states = Object.fromEntries(Object.values(status.connections!).map((c: any) => [c.connectionId, c.diagnosis?.code ?? c.state]));
    expect(Object.values(states).sort()).toEqual(['EXTERNAL_ID_NOT_ENFORCED', 'TRUST_POLICY_DENIED', 'VERIFIED'].sort());
    expect(status.verification!.state).toBe('ACTION_REQUIRED');
    expect(status.verification!.verified).toHaveLength(1);
    const record = JSON.stringify(status);
    for (const c of connections) expect(record).not.toContain(c.externalId);
  });

  it("the real Spark dataplane's denials in our CloudTrail are attached to the diagnosis, apart from ours", async () => {
    // Prepare: a short deadline, and CloudTrail's last lookups must still see the Spark call (24 h window).
    const { status } = await onboardWith('spark-dataplane-denials', { firstRetrySeconds: 60, maxIntervalSeconds: 600, deadlineSeconds: 1200 });

    // Assess
    const diagnosis = only(status).diagnosis;
    expect(diagnosis.code).toBe('TRUST_POLICY_DENIED');
    const origins = diagnosis.evidence.filter((e: any) => e.source === 'cloudtrail' && e.origin).map((e: any) => e.origin);
    expect(origins).toContain('dataplane');
    expect(origins).toContain('verifier');
    const spark = diagnosis.evidence.find((e: any) => e.origin === 'dataplane');
    expect(spark.sessionName).toMatch(/^spark-/);
  });

  it('a support re-run of a verified connection (Verification state machine alone) verifies it again', async () => {
    // Prepare
    const { sandbox } = await onboardWith('verify-correct-setup');
    const connection = sandbox.connections[0]!;

    // Act
    const rerun = await env!.verify({ tenantId: 'acme', connections: [connection] });

    // Assess
    expect(rerun.status).toBe('SUCCEEDED');
    expect(rerun.output).toMatchObject({ state: 'VERIFIED' });
  });

  it('a support re-run without connections verifies the stored ones; the API-facing record never holds the External ID', async () => {
    // Prepare
    const { sandbox } = await onboardWith('verify-mixed');
    const ids = sandbox.connections.map((c) => c.connectionId);

    // Act
    const all = await env!.verify({ tenantId: 'acme', schedule: SHORT });
    const one = await env!.verify({ tenantId: 'acme', connectionIds: [ids[0]] });
    const unknown = await env!.verify({ tenantId: 'acme', connectionIds: ['nope'] });

    // Assess
    expect(all.status).toBe('SUCCEEDED');
    expect([...(all.output as any).verified, ...(all.output as any).actionRequired].sort()).toEqual([...ids].sort());
    expect(one.status).toBe('SUCCEEDED');
    expect(unknown).toMatchObject({ status: 'FAILED', error: 'InvalidVerificationRequest' });
    expect(unknown.cause).toContain('no stored connection \\"nope\\"');
    const record = JSON.stringify(await env!.status('acme'));
    for (const c of sandbox.connections) expect(record).not.toContain(c.externalId);
  });

  it('verifying an unknown tenant fails with TenantNotOnboarded and attempts nothing', async () => {
    const scenario = loadScenario(path.resolve(__dirname, '../../scenarios/verify-correct-setup.json'));
    env = await LocalEnvironment.start(scenario);
    env.sandbox.clearCalls();

    const result = await env.verify({ tenantId: 'ghost', connections: env.sandbox.connections });

    expect(result).toMatchObject({ status: 'FAILED', error: 'TenantNotOnboarded' });
    expect(env.sandbox.callsTo('sts', 'AssumeRole')).toEqual([]);
  });
});
