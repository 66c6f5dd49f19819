// The permission probes within an attempt: made only once the trust is verified and the External ID
// proven required, from a session of the target (chained from the dataplane role's) whose session policy
// allows the probes only; a failed probe makes the attempt DATA_ACCESS_DENIED, and the connection
// DATA_ACCESS_REQUIRED while polling goes on.
import { attemptVerification, DEFAULT_SCHEDULE } from '../../../../lib/domain/verification/verification';
import { connectionAfterAttempt } from '../../../../lib/domain/verification/verification-plan';
import { externalIdFingerprint } from '../../../../lib/external-id';
import { probeSessionPolicy } from '../../../../lib/domain/probes/session-policy';
import type { ConnectionResource } from '../../../../lib/domain/probes/resource';
import type { AssumeRoleInput, AssumeRoleOutcome, DataProbes, ProbeCall, RoleAssumer, SessionCredentials } from '../../../../lib/ports';

const DATAPLANE = 'arn:aws:iam::111111111111:role/acme-dataplane-role';
const TARGET = 'arn:aws:iam::222222222222:role/qualytics-s3-read';
const EXTERNAL_ID = 'acme-7Hq2vX9pLm';
const LAKE: ConnectionResource = { kind: 's3', bucket: 'acme-lake', prefix: 'raw/', region: 'eu-west-1' };
const NOW = new Date('2026-11-23T12:00:00Z');

const session = (name: string): AssumeRoleOutcome => ({ ok: true, credentials: { accessKeyId: `ASIA-${name}`, secretAccessKey: 's' }, assumedRoleArn: name });

class Sts implements RoleAssumer {
  calls: { input: AssumeRoleInput; as?: SessionCredentials }[] = [];
  constructor(private readonly target: (i: AssumeRoleInput) => AssumeRoleOutcome = (i) => (i.externalId === undefined ? refusedSts : session(i.sessionName))) {}
  async assumeRole(input: AssumeRoleInput, as?: SessionCredentials): Promise<AssumeRoleOutcome> {
    this.calls.push({ input, ...(as ? { as } : {}) });
    return input.roleArn === DATAPLANE ? session('dp') : this.target(input);
  }
}
const refusedSts: AssumeRoleOutcome = { ok: false, error: { name: 'AccessDenied', message: 'no', httpStatusCode: 403 } };

function probes(listed: ProbeCall<string | undefined> = { ok: true, value: 'raw/a.parquet' }) {
  const seen: string[] = [];
  const ok = <T>(value: T): ProbeCall<T> => ({ ok: true, value });
  const fake: DataProbes = {
    bucketRegion: async (as, region) => (seen.push(`location as ${as.accessKeyId}`), ok(region)),
    firstKey: async () => (seen.push('list'), listed),
    readFirstByte: async () => (seen.push('read'), ok({})),
    writeMarker: async () => (seen.push('write'), ok(undefined)),
    deleteMarker: async () => (seen.push('delete'), ok(undefined)),
    workgroup: async () => (seen.push('workgroup'), ok({ state: 'ENABLED' })),
    redshiftCluster: async () => (seen.push('cluster'), ok({})),
    redshiftCredentials: async () => (seen.push('credentials'), ok(undefined)),
    serverlessWorkgroup: async () => (seen.push('serverless workgroup'), ok({})),
    serverlessCredentials: async () => (seen.push('serverless credentials'), ok(undefined)),
  };
  return { fake, seen };
}

const input = (resource?: ConnectionResource) => ({
  tenantId: 'acme',
  dataplaneRoleArn: DATAPLANE,
  connection: { connectionId: 'lake', roleArn: TARGET, externalId: EXTERNAL_ID, ...(resource ? { resource } : {}) },
  attempt: 2,
});

describe('permission probes in an attempt', () => {
  it('run from a target session chained from the dataplane role, with the External ID and the probe session policy', async () => {
    const sts = new Sts();
    const { fake, seen } = probes();

    const result = await attemptVerification(input(LAKE), { sts, vendorAccountId: '111111111111', now: () => NOW, probes: fake });

    expect(result).toMatchObject({ outcome: 'VERIFIED', resource: LAKE });
    expect(result.probes?.map((p) => p.outcome)).toEqual(['passed', 'passed', 'passed']);
    const probeCall = sts.calls.at(-1)!;
    expect(probeCall.as?.accessKeyId).toBe('ASIA-dp');
    expect(probeCall.input).toEqual({
      roleArn: TARGET,
      sessionName: 'verify-acme-lake-2-pb',
      externalId: EXTERNAL_ID,
      durationSeconds: 900,
      sessionPolicy: probeSessionPolicy(LAKE, { partition: 'aws', accountId: '222222222222' }),
    });
    expect(seen[0]).toBe('location as ASIA-verify-acme-lake-2-pb');
  });

  it('are not made for a connection that names no resource, nor before the trust is verified', async () => {
    const { fake, seen } = probes();

    const trustOnly = await attemptVerification(input(), { sts: new Sts(), vendorAccountId: '111111111111', now: () => NOW, probes: fake });
    const denied = await attemptVerification(input(LAKE), { sts: new Sts(() => refusedSts), vendorAccountId: '111111111111', now: () => NOW, probes: fake });
    const notEnforced = await attemptVerification(input(LAKE), { sts: new Sts((i) => session(i.sessionName)), vendorAccountId: '111111111111', now: () => NOW, probes: fake });

    expect(seen).toEqual([]);
    expect(trustOnly.outcome).toBe('VERIFIED');
    expect(trustOnly.probes).toBeUndefined();
    expect(denied.outcome).toBe('DENIED');
    expect(notEnforced.diagnosis?.code).toBe('EXTERNAL_ID_NOT_ENFORCED');
  });

  it('a refused probe: DATA_ACCESS_DENIED with the diagnosis, then DATA_ACCESS_REQUIRED, polled again like a denial', async () => {
    const { fake } = probes({
      ok: false,
      error: {
        name: 'AccessDenied',
        httpStatusCode: 403,
        message: 'User: arn:aws:sts::222222222222:assumed-role/qualytics-s3-read/verify-acme-lake-2-pb is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::acme-lake" because no identity-based policy allows the s3:ListBucket action',
      },
    });

    const attempt = await attemptVerification(input(LAKE), { sts: new Sts(), vendorAccountId: '111111111111', now: () => NOW, probes: fake });
    const after = connectionAfterAttempt({
      tenantId: 'acme',
      schedule: DEFAULT_SCHEDULE,
      connection: { connectionId: 'lake', roleArn: TARGET, externalId: externalIdFingerprint(EXTERNAL_ID) },
      attempt,
      progress: { attempts: 1, denials: 1, elapsedSeconds: 60 },
      execution: { id: 'arn:aws:states:eu-west-1:111111111111:execution:v:run', startTime: NOW.toISOString() },
      now: NOW,
    });

    expect(attempt).toMatchObject({ outcome: 'DATA_ACCESS_DENIED', transient: false, diagnosis: { code: 'DATA_ACCESS_DENIED', side: 'customer' } });
    expect(attempt.diagnosis?.missingPermission).toEqual({
      action: 's3:ListBucket',
      resource: 'arn:aws:s3:::acme-lake',
      statement: { Sid: 'QualyticsListBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::acme-lake', Condition: { StringLike: { 's3:prefix': ['raw/*'] } } },
    });
    expect(after.status).toMatchObject({ state: 'DATA_ACCESS_REQUIRED', resource: LAKE, diagnosis: { code: 'DATA_ACCESS_DENIED' } });
    expect(after.status.summary).toMatch(/^Trust verified; data not reached \(DATA_ACCESS_DENIED\); next attempt in 2 min/);
    expect(after.progress).toMatchObject({ continue: true, waitSeconds: 120, state: 'DATA_ACCESS_REQUIRED' });
    expect(JSON.stringify(after)).not.toContain(EXTERNAL_ID);
  });

  it('a throttled probe is transient: polled again, with no finding about anyone', async () => {
    const { fake } = probes({ ok: false, error: { name: 'SlowDown', httpStatusCode: 503, message: 'Please reduce your request rate.' } });

    const attempt = await attemptVerification(input(LAKE), { sts: new Sts(), vendorAccountId: '111111111111', now: () => NOW, probes: fake });

    expect(attempt).toMatchObject({ outcome: 'DENIED', transient: true, diagnosis: { code: 'THROTTLED', side: 'transient' } });
  });

  it('a VPC endpoint host is found before any call: INVALID, nothing sent', async () => {
    const sts = new Sts();
    const { fake, seen } = probes();

    const attempt = await attemptVerification(input({ ...LAKE, host: 'bucket.vpce-0a1b2c3d-4e5f.s3.eu-west-1.vpce.amazonaws.com' }), {
      sts,
      vendorAccountId: '111111111111',
      now: () => NOW,
      probes: fake,
    });

    expect(attempt).toMatchObject({ outcome: 'INVALID', diagnosis: { code: 'HOST_NOT_CANONICAL', side: 'customer' } });
    expect(sts.calls).toEqual([]);
    expect(seen).toEqual([]);
  });
});

describe('a probe error of a kind the connection cannot have', () => {
  it('ResourceNotFoundException from an S3 connection is not read as a missing workgroup', async () => {
    const { fake } = probes({ ok: false, error: { name: 'ResourceNotFoundException', httpStatusCode: 404, message: 'Not found' } });

    const attempt = await attemptVerification(input(LAKE), { sts: new Sts(), vendorAccountId: '111111111111', now: () => NOW, probes: fake });

    expect(attempt).toMatchObject({ outcome: 'DATA_ACCESS_DENIED', diagnosis: { code: 'UNKNOWN', rawMessage: 'Not found' } });
  });
});
