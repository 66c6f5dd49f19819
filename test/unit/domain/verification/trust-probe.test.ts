// The pinned-principal check: once a connection verifies, the target is assumed again with the External
// ID from the stack's trust probe role. Only a session means the trust is not pinned; only an
// AccessDenied means it is; anything else proves nothing and warns of nothing.
import { attemptVerification } from '../../../../lib/domain/verification/verification';
import type { AssumeRoleInput, AssumeRoleOutcome, RoleAssumer, SessionCredentials } from '../../../../lib/ports';

const DATAPLANE = 'arn:aws:iam::111111111111:role/acme-dataplane-role';
const PROBE = 'arn:aws:iam::111111111111:role/tenant-dataplane-onboarding/prod/trust-probe/TrustProbeRole-1A2B3C';
const TARGET = 'arn:aws:iam::222222222222:role/qualytics-s3-read';
const EXTERNAL_ID = 'acme-7Hq2vX9pLm';
const input = { tenantId: 'acme', dataplaneRoleArn: DATAPLANE, connection: { connectionId: 's3', roleArn: TARGET, externalId: EXTERNAL_ID }, attempt: 3 };

const session = (name: string): AssumeRoleOutcome => ({
  ok: true,
  credentials: { accessKeyId: `ASIA-${name}`, secretAccessKey: 's', sessionToken: 't' },
  assumedRoleArn: name,
});
const refused = (name = 'AccessDenied', httpStatusCode = 403): AssumeRoleOutcome => ({ ok: false, error: { name, message: 'no', httpStatusCode } });

type Answer = (input: AssumeRoleInput, as?: SessionCredentials) => AssumeRoleOutcome;

/** STS as the customer's trust policy decides: the dataplane role's session always gets in with the External ID. */
class Sts implements RoleAssumer {
  calls: { input: AssumeRoleInput; as?: SessionCredentials }[] = [];
  constructor(private readonly probe: { role?: Answer; target: Answer }) {}
  async assumeRole(i: AssumeRoleInput, as?: SessionCredentials): Promise<AssumeRoleOutcome> {
    this.calls.push({ input: i, as });
    if (i.roleArn === DATAPLANE) return session('dp');
    if (i.roleArn === PROBE) return this.probe.role ? this.probe.role(i, as) : session('probe');
    if (as?.accessKeyId === 'ASIA-probe') return this.probe.target(i, as);
    return i.externalId === undefined ? refused() : session('target');
  }
}

const deps = (sts: RoleAssumer, trustProbeRoleArn: string | null = PROBE) => ({
  sts,
  vendorAccountId: '111111111111',
  now: () => new Date('2026-11-23T12:00:00Z'),
  ...(trustProbeRoleArn ? { trustProbeRoleArn } : {}),
});

describe('the pinned-principal check', () => {
  it('a target that lets the probe role in too: VERIFIED with TRUST_NOT_PINNED, naming the Principal to set', async () => {
    // Prepare
    const sts = new Sts({ target: () => session('target-again') });

    // Act
    const result = await attemptVerification(input, deps(sts));

    // Assess
    expect(result).toMatchObject({ outcome: 'VERIFIED', transient: false, trustProbe: { outcome: 'assumed' } });
    expect(result.diagnosis).toBeUndefined();
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings![0]).toMatchObject({ code: 'TRUST_NOT_PINNED', side: 'customer' });
    expect(result.warnings![0]!.fix).toContain(`"Principal": {"AWS": "${DATAPLANE}"}`);
    expect(result.warnings![0]!.summary).toContain(PROBE);
    expect(JSON.stringify(result)).not.toContain(EXTERNAL_ID);
  });

  it('asks as the function for the probe role (may only assume roles), then as the probe session for the target, with the External ID and deny-all', async () => {
    // Prepare
    const sts = new Sts({ target: () => refused() });

    // Act
    await attemptVerification(input, deps(sts));

    // Assess
    const [, , , toProbe, fromProbe] = sts.calls;
    expect(sts.calls).toHaveLength(5);
    expect(toProbe!.as).toBeUndefined();
    expect(toProbe!.input).toEqual({
      roleArn: PROBE,
      sessionName: 'verify-acme-s3-3-pr',
      durationSeconds: 900,
      sessionPolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'SecondHopOnly', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }),
    });
    expect(fromProbe!.as).toEqual(expect.objectContaining({ accessKeyId: 'ASIA-probe' }));
    expect(fromProbe!.input).toEqual({
      roleArn: TARGET,
      sessionName: 'verify-acme-s3-3-px',
      externalId: EXTERNAL_ID,
      durationSeconds: 900,
      sessionPolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'VerificationOnly', Effect: 'Deny', Action: '*', Resource: '*' }] }),
    });
  });

  it('a target that refuses the probe role: VERIFIED, pinned, no warning', async () => {
    const result = await attemptVerification(input, deps(new Sts({ target: () => refused() })));
    expect(result).toMatchObject({ outcome: 'VERIFIED', trustProbe: { outcome: 'refused' } });
    expect(result.warnings).toBeUndefined();
  });

  it.each([
    ['the probe role refuses the verifier', { role: () => refused(), target: () => session('x') }, 'AccessDenied'],
    ['the probe role is throttled', { role: () => refused('Throttling', 400), target: () => session('x') }, 'Throttling'],
    ['the target throttles the probe', { target: () => refused('Throttling', 400) }, 'Throttling'],
    ['STS fails on its side', { target: () => refused('InternalFailure', 500) }, 'InternalFailure'],
    [
      'the call never reaches STS',
      {
        target: () => {
          throw Object.assign(new Error('socket hang up'), { name: 'TransientAwsError' });
        },
      },
      'TransientAwsError',
    ],
  ])('%s: inconclusive, VERIFIED all the same, no warning', async (_, probe, error) => {
    // Act
    const result = await attemptVerification(input, deps(new Sts(probe)));

    // Assess
    expect(result).toMatchObject({ outcome: 'VERIFIED', transient: false, trustProbe: { outcome: 'inconclusive', error } });
    expect(result.warnings).toBeUndefined();
    expect(result.diagnosis).toBeUndefined();
  });

  it('is not made without a trust probe role, nor for a connection that did not verify', async () => {
    // Prepare
    const unconfigured = new Sts({ target: () => session('x') });
    const notEnforced = new Sts({ target: () => session('x') });
    const openWithoutId = { ...notEnforced, assumeRole: async (i: AssumeRoleInput, as?: SessionCredentials) => {
      notEnforced.calls.push({ input: i, as });
      return i.roleArn === DATAPLANE ? session('dp') : session('target');
    } };

    // Act
    const withoutProbe = await attemptVerification(input, deps(unconfigured, null));
    const denied = await attemptVerification(input, deps(openWithoutId));

    // Assess
    expect(withoutProbe).toMatchObject({ outcome: 'VERIFIED' });
    expect(withoutProbe.trustProbe).toBeUndefined();
    expect(unconfigured.calls.map((c) => c.input.roleArn)).toEqual([DATAPLANE, TARGET, TARGET]);
    expect(denied).toMatchObject({ outcome: 'DENIED', diagnosis: { code: 'EXTERNAL_ID_NOT_ENFORCED' } });
    expect(denied.trustProbe).toBeUndefined();
    expect(notEnforced.calls.map((c) => c.input.roleArn)).toEqual([DATAPLANE, TARGET, TARGET]);
  });
});
