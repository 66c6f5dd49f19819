// Verification's own safety: what the verifier's sessions may do, and the edges of its limits (STS's
// 64-character session names, the 120 s IAM propagation window, the polling deadline), each tested on
// both sides.
import { createHash } from 'node:crypto';
import {
  attemptVerification,
  DENY_ALL_SESSION_POLICY,
  maxAttempts,
  NO_PROGRESS,
  planNextAttempt,
  verifierSessionName,
} from '../../../../lib/domain/verification/verification';
import { evaluatePolicy, principalFromArn } from '../../../../lib/iam-policy';
import { externalIdFingerprint } from '../../../../lib/external-id';
import type { AssumeRoleInput, AssumeRoleOutcome, RoleAssumer, SessionCredentials } from '../../../../lib/ports';

const DATAPLANE = 'arn:aws:iam::111111111111:role/acme-dataplane-role';
const TARGET = 'arn:aws:iam::222222222222:role/qualytics-s3-read';
const EXTERNAL_ID = 'acme-7Hq2vX9pLm';
const connection = { connectionId: 's3', roleArn: TARGET, externalId: EXTERNAL_ID };
const input = { tenantId: 'acme', dataplaneRoleArn: DATAPLANE, connection, attempt: 1 };
const NOW = new Date('2026-11-23T12:00:00.000Z');

const granted = (arn: string): AssumeRoleOutcome => ({
  ok: true,
  credentials: { accessKeyId: `AKIA-${arn}`, secretAccessKey: 's', sessionToken: 't' },
  assumedRoleArn: arn,
});
const accessDenied = (resource: string): AssumeRoleOutcome => ({
  ok: false,
  error: {
    name: 'AccessDenied',
    message: `User: arn:aws:sts::111111111111:assumed-role/acme-dataplane-role/x is not authorized to perform: sts:AssumeRole on resource: ${resource}`,
    httpStatusCode: 403,
  },
});

class ScriptedSts implements RoleAssumer {
  calls: { input: AssumeRoleInput; as?: SessionCredentials }[] = [];
  constructor(private readonly answer: (input: AssumeRoleInput) => AssumeRoleOutcome) {}
  async assumeRole(input: AssumeRoleInput, as?: SessionCredentials) {
    this.calls.push({ input, as });
    return this.answer(input);
  }
}

const deps = (sts: RoleAssumer, now = NOW) => ({ sts, vendorAccountId: '111111111111', now: () => now });
const verifiedSts = () => new ScriptedSts((i) => (i.roleArn === DATAPLANE ? granted('dp') : i.externalId === undefined ? accessDenied(TARGET) : granted('target')));

/** What a session policy lets the session do, decided by the same evaluator STS uses in the sandbox. */
function sessionAllows(policy: string, action: string, resource: string): boolean {
  const request = { principal: principalFromArn(DATAPLANE), action, resource, conditionKeys: {} };
  return evaluatePolicy(policy, request, 'session').decision === 'allowed';
}

describe("the verifier's sessions", () => {
  it('the dataplane session may only assume roles: no data access, no IAM, no other STS action', async () => {
    // Prepare
    const sts = verifiedSts();

    // Act
    await attemptVerification(input, deps(sts));

    // Assess
    const policy = sts.calls[0]!.input.sessionPolicy!;
    expect(sts.calls[0]!.input.roleArn).toBe(DATAPLANE);
    expect(JSON.parse(policy)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'SecondHopOnly', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
    });
    expect(sessionAllows(policy, 'sts:AssumeRole', TARGET)).toBe(true);
    for (const action of ['s3:GetObject', 'iam:PassRole', 'sts:TagSession', 'sts:AssumeRoleWithWebIdentity', 'athena:StartQueryExecution']) {
      expect(sessionAllows(policy, action, '*')).toBe(false);
    }
  });

  it("the customer's role is assumed with a deny-all session policy, for 900 s, with no tags or source identity", async () => {
    const sts = verifiedSts();
    await attemptVerification(input, deps(sts));

    for (const { input: call, as } of sts.calls.slice(1)) {
      expect(call.sessionPolicy).toBe(DENY_ALL_SESSION_POLICY);
      expect(as).toEqual(expect.objectContaining({ accessKeyId: 'AKIA-dp' }));
      expect(call.durationSeconds).toBe(900);
    }
    for (const action of ['s3:GetObject', 'sts:AssumeRole', 'kms:Decrypt']) expect(sessionAllows(DENY_ALL_SESSION_POLICY, action, '*')).toBe(false);
  });

  it('names each hop: the dataplane hop -dp, the target hop with the External ID bare, the check without it -nx', async () => {
    const sts = verifiedSts();
    const result = await attemptVerification({ ...input, attempt: 7 }, deps(sts));
    expect(sts.calls.map((c) => c.input.sessionName)).toEqual(['verify-acme-s3-7-dp', 'verify-acme-s3-7', 'verify-acme-s3-7-nx']);
    expect(result).toMatchObject({ outcome: 'VERIFIED', attempt: 7, sessionName: 'verify-acme-s3-7', attemptedAt: NOW.toISOString() });
    expect(result.externalId).toEqual(externalIdFingerprint(EXTERNAL_ID));
  });

  it('a denied check without the External ID that is not AccessDenied proves nothing and is diagnosed as the target hop', async () => {
    const sts = new ScriptedSts((i) =>
      i.roleArn === DATAPLANE
        ? granted('dp')
        : i.externalId === undefined
          ? { ok: false, error: { name: 'RegionDisabledException', message: 'STS is not activated in this region for account:222222222222.', httpStatusCode: 403 } }
          : granted('target'),
    );
    const result = await attemptVerification(input, deps(sts));
    expect(result).toMatchObject({ outcome: 'DENIED', transient: false, diagnosis: { code: 'REGION_DISABLED', side: 'customer' } });
  });

  it('an STS failure on the dataplane hop is transient and diagnosed as the dataplane hop', async () => {
    const sts = new ScriptedSts(() => ({ ok: false, error: { name: 'InternalFailure', message: 'boom', httpStatusCode: 503 } }));
    const result = await attemptVerification(input, deps(sts));
    expect(result).toMatchObject({ outcome: 'DENIED', transient: true, diagnosis: { code: 'DATAPLANE_ROLE_UNASSUMABLE', side: 'transient' } });
    expect(result.diagnosis!.summary).toMatch(/^AWS STS failed on its side \(HTTP 503\); retried\. Our verifier could not assume/);
  });

  it.each([499, undefined])('an error with HTTP status %s is not treated as an STS failure', async (httpStatusCode) => {
    const sts = new ScriptedSts((i) => (i.roleArn === DATAPLANE ? granted('dp') : { ok: false, error: { name: 'AccessDenied', message: 'denied', httpStatusCode } }));
    const result = await attemptVerification(input, deps(sts));
    expect(result).toMatchObject({ transient: false, diagnosis: { code: 'TRUST_POLICY_DENIED', side: 'customer' } });
  });

  it('HTTP 500 exactly is an STS failure', async () => {
    const sts = new ScriptedSts((i) => (i.roleArn === DATAPLANE ? granted('dp') : { ok: false, error: { name: 'InternalFailure', message: 'x', httpStatusCode: 500 } }));
    const result = await attemptVerification(input, deps(sts));
    expect(result).toMatchObject({ transient: true, diagnosis: { side: 'transient' } });
  });
});

describe('the pre-flight before any call', () => {
  it('a target role in our own account is refused before STS is asked', async () => {
    const sts = verifiedSts();
    const result = await attemptVerification({ ...input, connection: { ...connection, roleArn: 'arn:aws:iam::111111111111:role/some-role' } }, deps(sts));
    expect(result).toMatchObject({ outcome: 'INVALID', transient: false, diagnosis: { code: 'ROLE_ARN_IS_DATAPLANE_ROLE' } });
    expect(sts.calls).toEqual([]);
  });

  it("a target role in another partition than our dataplane role's is refused", async () => {
    const sts = verifiedSts();
    const cn = { ...input, dataplaneRoleArn: 'arn:aws-cn:iam::111111111111:role/acme-dataplane-role' };
    const result = await attemptVerification(cn, deps(sts));
    expect(result).toMatchObject({ outcome: 'INVALID', diagnosis: { code: 'ROLE_ARN_INVALID' } });
    expect(result.diagnosis!.summary).toContain('"aws-cn"');
    expect(sts.calls).toEqual([]);
  });

  it('a dataplane role ARN we cannot parse is taken as in the aws partition', async () => {
    const sts = new ScriptedSts((i) => (i.roleArn === 'acme-dataplane-role' ? granted('dp') : i.externalId === undefined ? accessDenied(TARGET) : granted('target')));
    const result = await attemptVerification({ ...input, dataplaneRoleArn: 'acme-dataplane-role' }, deps(sts));
    expect(result.outcome).toBe('VERIFIED');
  });
});

describe('the 120 s IAM propagation window', () => {
  const deniedTarget = () => new ScriptedSts((i) => (i.roleArn === DATAPLANE ? granted('dp') : accessDenied(TARGET)));
  const changedSecondsAgo = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();

  it.each<[number, boolean]>([
    [0, true],
    [119.999, true],
    [120, false],
    [120.001, false],
  ])('a denial %s s after our role changed: pending propagation = %s', async (seconds, pending) => {
    const result = await attemptVerification({ ...input, dataplaneRoleChangedAt: changedSecondsAgo(seconds) }, deps(deniedTarget()));
    expect(result.transient).toBe(pending);
    expect(result.diagnosis!.code).toBe(pending ? 'PROPAGATION_PENDING' : 'TRUST_POLICY_DENIED');
  });

  it('no known change time: a denial is final at once', async () => {
    const result = await attemptVerification(input, deps(deniedTarget()));
    expect(result).toMatchObject({ transient: false, diagnosis: { code: 'TRUST_POLICY_DENIED' } });
  });

  it.each<[string, AssumeRoleOutcome, string, boolean]>([
    ['our dataplane role refusing the verifier', accessDenied(DATAPLANE), 'DATAPLANE_ROLE_UNASSUMABLE', true],
    [
      'no identity-based policy allowing the call',
      { ok: false, error: { name: 'AccessDenied', message: `User: x is not authorized to perform: sts:AssumeRole on resource: ${TARGET} because no identity-based policy allows the sts:AssumeRole action`, httpStatusCode: 403 } },
      'IDENTITY_POLICY_DENIED',
      true,
    ],
    [
      'an explicit deny in an SCP',
      { ok: false, error: { name: 'AccessDenied', message: `User: x is not authorized to perform: sts:AssumeRole on resource: ${TARGET} with an explicit deny in a service control policy`, httpStatusCode: 403 } },
      'EXPLICIT_DENY',
      false,
    ],
    [
      'a malformed role ARN',
      { ok: false, error: { name: 'ValidationError', message: '1 validation error detected: Value at roleArn failed to satisfy constraint', httpStatusCode: 400 } },
      'ROLE_ARN_INVALID',
      false,
    ],
  ])('within the window, %s is pending propagation only when our change can explain it', async (_name, answer, code, pending) => {
    const stage = code === 'DATAPLANE_ROLE_UNASSUMABLE' ? 'dataplane' : 'target';
    const sts = new ScriptedSts((i) => (stage === 'target' && i.roleArn === DATAPLANE ? granted('dp') : answer));
    const result = await attemptVerification({ ...input, dataplaneRoleChangedAt: changedSecondsAgo(10) }, deps(sts));
    expect(result.transient).toBe(pending);
    expect(result.diagnosis!.code).toBe(pending ? 'PROPAGATION_PENDING' : code);
  });
});

describe('the polling deadline', () => {
  const schedule = { firstRetrySeconds: 60, maxIntervalSeconds: 3600, deadlineSeconds: 600 };

  it.each<[number, boolean]>([
    [539, true],
    [540, true],
    [541, false],
  ])('after %s s of waiting, a 60 s wait against a 600 s deadline continues = %s', (elapsedSeconds, goesOn) => {
    const next = planNextAttempt({ attempts: 1, denials: 0, elapsedSeconds }, schedule);
    expect(next).toEqual(
      goesOn
        ? { progress: { attempts: 1, denials: 1, elapsedSeconds: elapsedSeconds + 60 }, waitSeconds: 60, continue: true, deadlineReached: false }
        : { progress: { attempts: 1, denials: 1, elapsedSeconds }, waitSeconds: 0, continue: false, deadlineReached: true },
    );
  });

  it('a zero deadline stops after the first attempt', () => {
    expect(planNextAttempt(NO_PROGRESS, { ...schedule, deadlineSeconds: 0 })).toMatchObject({ continue: false, deadlineReached: true });
    expect(maxAttempts({ ...schedule, deadlineSeconds: 0 })).toBe(1);
    expect(maxAttempts({ ...schedule, deadlineSeconds: 60 })).toBe(2);
    expect(maxAttempts({ ...schedule, deadlineSeconds: 59 })).toBe(1);
  });

  it('the wait doubles per denial and stops doubling at the cap, exactly', () => {
    const waits = [0, 1, 2, 3].map((denials) => planNextAttempt({ attempts: denials, denials, elapsedSeconds: 0 }, { ...schedule, maxIntervalSeconds: 240, deadlineSeconds: 10_000 }).waitSeconds);
    expect(waits).toEqual([60, 120, 240, 240]);
    // After very many denials the exponent stays bounded: the cap, not Infinity or NaN.
    expect(planNextAttempt({ attempts: 5000, denials: 5000, elapsedSeconds: 0 }, { firstRetrySeconds: 1, maxIntervalSeconds: 2 ** 31, deadlineSeconds: 2 ** 40 }).waitSeconds).toBe(2 ** 30);
  });
});

describe('session names at the 64-character limit', () => {
  // "verify-" (7) + tenant + "-" + connection + "-<attempt>[-dp|-nx]"
  const tenantFor = (total: number, connectionId: string, suffix: string) => 't'.repeat(total - 7 - 1 - connectionId.length - suffix.length);

  it.each<['x' | 'dp' | 'nx', string]>([
    ['x', '-9'],
    ['dp', '-9-dp'],
    ['nx', '-9-nx'],
  ])('stage %s: exactly 64 characters stay readable; 65 are shortened to exactly 64 with a hash', (stage, suffix) => {
    const at64 = verifierSessionName(tenantFor(64, 'c1', suffix), 'c1', 9, stage);
    expect(at64).toBe(`verify-${tenantFor(64, 'c1', suffix)}-c1${suffix}`);
    expect(at64).toHaveLength(64);

    const at65 = verifierSessionName(tenantFor(65, 'c1', suffix), 'c1', 9, stage);
    expect(at65).toHaveLength(64);
    expect(at65).toMatch(new RegExp(`^verify-t+-[0-9a-f]{8}${suffix}$`));
    expect(at65).not.toContain('-c1-');
  });

  it('the hash is of the connection id, so two connections of one long tenant stay apart and a name is stable', () => {
    const tenant = 't'.repeat(60);
    const a = verifierSessionName(tenant, 'connection-a', 3, 'dp');
    expect(verifierSessionName(tenant, 'connection-a', 3, 'dp')).toBe(a);
    expect(verifierSessionName(tenant, 'connection-b', 3, 'dp')).not.toBe(a);
    const hash = createHash('sha256').update('connection-a').digest('hex').slice(0, 8);
    expect(a).toBe(`verify-${'t'.repeat(64 - 7 - 1 - 8 - 5)}-${hash}-3-dp`);
  });

  it('replaces every character STS does not allow, and only those', () => {
    expect(verifierSessionName('a+b=c,d.e@f-g_h', 'x y/z:w', 1, 'x')).toBe('verify-a+b=c,d.e@f-g_h-x_y_z_w-1');
  });
});
