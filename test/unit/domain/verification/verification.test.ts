import { InvalidVerificationRequest, TenantNotOnboarded } from '../../../../lib/errors';
import {
  attemptVerification,
  DEFAULT_SCHEDULE,
  maxAttempts,
  planNextAttempt,
  verifierSessionName,
} from '../../../../lib/domain/verification/verification';
import {
  plannedConnection,
  connectionAfterAttempt,
  planVerification,
  summarizeVerification,
  verifiedElsewhere,
} from '../../../../lib/domain/verification/verification-plan';
import { validateVerificationRequest } from '../../../../lib/schemas/verification-request';
import type { AssumeRoleInput, AssumeRoleOutcome, RoleAssumer, SessionCredentials } from '../../../../lib/ports';

const DATAPLANE = 'arn:aws:iam::111111111111:role/acme-dataplane-role';
const TARGET = 'arn:aws:iam::222222222222:role/qualytics-s3-read';
const EXTERNAL_ID = 'acme-7Hq2vX9pLm';
const connection = { connectionId: 's3', roleArn: TARGET, externalId: EXTERNAL_ID };
const denied = (message = `User: arn:aws:sts::111111111111:assumed-role/acme-dataplane-role/x is not authorized to perform: sts:AssumeRole on resource: ${TARGET}`) =>
  ({ ok: false, error: { name: 'AccessDenied', message, httpStatusCode: 403 } }) as const;
const granted = (arn: string): AssumeRoleOutcome => ({
  ok: true,
  credentials: { accessKeyId: `AKIA${arn.length}`, secretAccessKey: 's', sessionToken: 't' },
  assumedRoleArn: arn,
});

/** Answers each call from a script and records what was asked, and as whom. */
class ScriptedSts implements RoleAssumer {
  calls: { input: AssumeRoleInput; as?: SessionCredentials }[] = [];
  constructor(private readonly answer: (input: AssumeRoleInput, as?: SessionCredentials) => AssumeRoleOutcome) {}
  async assumeRole(input: AssumeRoleInput, as?: SessionCredentials) {
    this.calls.push({ input, as });
    return this.answer(input, as);
  }
}

const deps = (sts: RoleAssumer, now = new Date('2026-11-23T12:00:00Z')) => ({ sts, vendorAccountId: '111111111111', now: () => now });
const input = { tenantId: 'acme', dataplaneRoleArn: DATAPLANE, connection, attempt: 1 };

describe('attemptVerification', () => {
  it('assumes the dataplane role, then the target with the External ID, then without it; VERIFIED when that fails', async () => {
    // Prepare
    const sts = new ScriptedSts((i, as) =>
      i.roleArn === DATAPLANE ? granted('dp') : i.externalId === undefined ? denied() : granted('target'),
    );

    // Act
    const result = await attemptVerification(input, deps(sts));

    // Assess
    expect(result).toMatchObject({ outcome: 'VERIFIED', attempt: 1, transient: false });
    expect(result.diagnosis).toBeUndefined();
    const [dp, withId, withoutId] = sts.calls;
    expect(dp!.as).toBeUndefined();
    expect(dp!.input).toMatchObject({ roleArn: DATAPLANE, durationSeconds: 900 });
    expect(dp!.input.sessionName).toMatch(/^verify-acme-s3-1/);
    for (const call of [withId!, withoutId!]) {
      expect(call.as).toEqual(expect.objectContaining({ accessKeyId: 'AKIA2' }));
      expect(call.input.durationSeconds).toBe(900);
      expect(JSON.parse(call.input.sessionPolicy!).Statement).toEqual([
        { Sid: 'VerificationOnly', Effect: 'Deny', Action: '*', Resource: '*' },
      ]);
      expect(Object.keys(call.input).sort()).toEqual(
        [...(call === withId ? ['externalId'] : []), 'durationSeconds', 'roleArn', 'sessionName', 'sessionPolicy'].sort(),
      );
    }
    expect(withId!.input.externalId).toBe(EXTERNAL_ID);
  });

  it('assumable without the External ID: not verified, EXTERNAL_ID_NOT_ENFORCED', async () => {
    const sts = new ScriptedSts((i) => granted(i.roleArn));
    const result = await attemptVerification(input, deps(sts));
    expect(result).toMatchObject({ outcome: 'DENIED', diagnosis: { code: 'EXTERNAL_ID_NOT_ENFORCED', side: 'customer' } });
  });

  it('a denied target is diagnosed from the STS error', async () => {
    const sts = new ScriptedSts((i) => (i.roleArn === DATAPLANE ? granted('dp') : denied()));
    const result = await attemptVerification(input, deps(sts));
    expect(result).toMatchObject({ outcome: 'DENIED', transient: false, diagnosis: { code: 'TRUST_POLICY_DENIED' } });
    expect(sts.calls).toHaveLength(2);
  });

  it('our own dataplane role refusing the verifier is a vendor-side DATAPLANE_ROLE_UNASSUMABLE', async () => {
    const sts = new ScriptedSts(() => denied(`User: arn:aws:sts::111111111111:assumed-role/onboarding-verifier/v is not authorized to perform: sts:AssumeRole on resource: ${DATAPLANE}`));
    const result = await attemptVerification(input, deps(sts));
    expect(result).toMatchObject({ outcome: 'DENIED', diagnosis: { code: 'DATAPLANE_ROLE_UNASSUMABLE', side: 'vendor' } });
    expect(sts.calls).toHaveLength(1);
  });

  it('a denial within 2 minutes of our role change is PROPAGATION_PENDING and transient, not reported as final', async () => {
    const sts = new ScriptedSts((i) => (i.roleArn === DATAPLANE ? granted('dp') : denied()));
    const result = await attemptVerification(
      { ...input, dataplaneRoleChangedAt: '2026-11-23T11:59:00Z' },
      deps(sts, new Date('2026-11-23T12:00:00Z')),
    );
    expect(result).toMatchObject({ outcome: 'DENIED', transient: true, diagnosis: { code: 'PROPAGATION_PENDING', side: 'transient' } });

    const later = await attemptVerification(
      { ...input, dataplaneRoleChangedAt: '2026-11-23T11:50:00Z' },
      deps(sts, new Date('2026-11-23T12:00:00Z')),
    );
    expect(later.diagnosis!.code).toBe('TRUST_POLICY_DENIED');
  });

  it('a throttled call without the External ID proves nothing: not VERIFIED, retried as THROTTLED', async () => {
    const sts = new ScriptedSts((i) =>
      i.roleArn === DATAPLANE
        ? granted('dp')
        : i.externalId === undefined
          ? { ok: false, error: { name: 'Throttling', message: 'Rate exceeded', httpStatusCode: 400 } }
          : granted('target'),
    );
    const result = await attemptVerification(input, deps(sts));
    expect(result).toMatchObject({ outcome: 'DENIED', transient: true, diagnosis: { code: 'THROTTLED' } });
  });

  it('an STS 5xx is transient, not anyone\'s configuration', async () => {
    const sts = new ScriptedSts((i) =>
      i.roleArn === DATAPLANE ? granted('dp') : { ok: false, error: { name: 'InternalFailure', message: 'internal', httpStatusCode: 500 } },
    );
    const result = await attemptVerification(input, deps(sts));
    expect(result).toMatchObject({ outcome: 'DENIED', transient: true, diagnosis: { side: 'transient' } });
  });

  it('throttling is transient', async () => {
    const sts = new ScriptedSts((i) =>
      i.roleArn === DATAPLANE ? granted('dp') : { ok: false, error: { name: 'Throttling', message: 'Rate exceeded' } },
    );
    const result = await attemptVerification(input, deps(sts));
    expect(result).toMatchObject({ transient: true, diagnosis: { code: 'THROTTLED' } });
  });

  it('a connection failing pre-flight is INVALID and makes no STS call', async () => {
    const sts = new ScriptedSts(() => granted('x'));
    const result = await attemptVerification({ ...input, connection: { ...connection, externalId: `${EXTERNAL_ID}\n` } }, deps(sts));
    expect(result).toMatchObject({ outcome: 'INVALID', diagnosis: { code: 'EXTERNAL_ID_INVALID' } });
    expect(sts.calls).toEqual([]);
    expect(JSON.stringify(result)).not.toContain(EXTERNAL_ID);
  });
});

describe('polling schedule', () => {
  it('waits 1 min, doubling to the 1 h cap', () => {
    let progress = { attempts: 0, denials: 0, elapsedSeconds: 0 };
    const waits: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      const next = planNextAttempt(progress, DEFAULT_SCHEDULE);
      waits.push(next.waitSeconds);
      progress = next.progress;
    }
    expect(waits).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
  });

  it('stops at the deadline, counted in scheduled waiting', () => {
    const next = planNextAttempt({ attempts: 5, denials: 5, elapsedSeconds: 590 }, { ...DEFAULT_SCHEDULE, deadlineSeconds: 600 });
    expect(next).toMatchObject({ continue: false, deadlineReached: true, waitSeconds: 0 });
  });

  it('a session name too long for STS keeps connections apart with a hash', () => {
    const a = verifierSessionName('t'.repeat(49), 'customer-a', 12, 'x');
    const b = verifierSessionName('t'.repeat(49), 'customer-b', 12, 'x');
    expect(a).not.toBe(b);
    expect(a.length).toBeLessThanOrEqual(64);
    expect(a).toMatch(/^verify-t+-[0-9a-f]{8}-12$/);
  });

  it('a never-fixed connection makes 173 attempts over the default 7 days', () => {
    expect(maxAttempts(DEFAULT_SCHEDULE)).toBe(173);
  });

  it('session names fit STS (2-64 of [\\w+=,.@-]) and say tenant, connection and attempt', () => {
    const name = verifierSessionName('a'.repeat(49), 'c'.repeat(64), 123, 'nx');
    expect(name).toMatch(/^verify-a+-[0-9a-f]{8}-123-nx$/);
    expect(name.length).toBeLessThanOrEqual(64);
    expect(verifierSessionName('acme', 'data lake/1', 2, 'x')).toBe('verify-acme-data_lake_1-2');
  });
});

describe('verification requests and statuses', () => {
  const execution = { id: 'arn:aws:states:eu-west-1:111111111111:execution:verification:e1', startTime: '2026-11-23T12:00:00.000Z' };

  it('rejects duplicates, more connections than a run holds, and bad schedules, naming each field', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...connection, connectionId: `c${i}` }));
    const problems = (request: unknown) => {
      try {
        validateVerificationRequest(request);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidVerificationRequest);
        return (error as InvalidVerificationRequest).problems;
      }
      throw new Error('expected a rejection');
    };
    expect(problems({ tenantId: 'acme', connections: [connection, connection] })).toEqual([
      { field: 'connections[1].connectionId', problem: '"s3" appears more than once' },
    ]);
    expect(problems({ tenantId: 'acme', connections: many(51) })).toEqual([
      { field: 'connections', problem: 'has 51 entries; at most 50 per verification run' },
    ]);
    expect(problems({ tenantId: 'acme', connections: [connection], schedule: { firstRetrySeconds: 0, every: 1 } })).toEqual([
      { field: 'schedule.every', problem: expect.stringContaining('is not a schedule setting') },
      { field: 'schedule.firstRetrySeconds', problem: expect.stringContaining('whole number of seconds from 1') },
    ]);
    // Each connection polls in its own execution: the default schedule holds 50 as well as one.
    expect(validateVerificationRequest({ tenantId: 'acme', connections: many(50) }).connections).toHaveLength(50);
  });

  it('needs an onboarded tenant with a dataplane role', () => {
    expect(() => planVerification({ tenantId: 'ghost', connections: [connection] }, undefined, execution)).toThrow(TenantNotOnboarded);
    const tenant = {
      tenantId: 'acme', status: 'ROLE_READY' as const, summary: '', execution, createdAt: '', updatedAt: '', roleArn: DATAPLANE, roleChangedAt: '2026-11-23T11:00:00Z',
    };
    expect(() => planVerification({ tenantId: 'acme', connections: [connection] }, { ...tenant, roleArn: undefined }, execution)).toThrow(
      'Tenant acme has no dataplane role yet (status ROLE_READY: ); onboard it first',
    );
    const plan = planVerification({ tenantId: 'acme', connections: [connection] }, tenant, execution);
    expect(plan).toMatchObject({ dataplaneRoleArn: DATAPLANE, roleChangedAt: '2026-11-23T11:00:00Z', schedule: DEFAULT_SCHEDULE, run: execution });
  });

  it('names each connection\'s execution from the tenant, the connection and the run: the same three, the same name', () => {
    const tenant = { tenantId: 'acme', status: 'ROLE_READY' as const, summary: '', execution, createdAt: '', updatedAt: '', roleArn: DATAPLANE };
    const two = [connection, { ...connection, connectionId: 'athena' }];
    const names = (run: typeof execution) => planVerification({ tenantId: 'acme', connections: two }, tenant, run).connections.map((c) => c.executionName);
    const first = names(execution);
    expect(first[0]).toMatch(/^poll-acme-s3-[0-9a-f]{16}$/);
    expect(first[1]).toMatch(/^poll-acme-athena-[0-9a-f]{16}$/);
    expect(names({ ...execution })).toEqual(first);
    const later = names({ id: `${execution.id}-2`, startTime: '2026-11-23T13:00:00.000Z' });
    expect(later[0]).not.toBe(first[0]);
    expect(later[1]).not.toBe(first[1]);
  });

  it('records a denial as VERIFYING with the next attempt time, and keeps only a fingerprint of the External ID', () => {
    const { status, progress } = connectionAfterAttempt({
      tenantId: 'acme',
      schedule: DEFAULT_SCHEDULE,
      connection: plannedConnection(connection),
      attempt: { outcome: 'DENIED', attempt: 1, attemptedAt: '2026-11-23T12:00:00.000Z', transient: false, sessionName: 's',
        diagnosis: { code: 'TRUST_POLICY_DENIED', side: 'customer', summary: 'denied', fix: 'fix it', evidence: [] } },
      progress: { attempts: 0, denials: 0, elapsedSeconds: 0 },
      execution,
      now: new Date('2026-11-23T12:00:00.000Z'),
    });
    expect(status).toMatchObject({ state: 'VERIFYING', attempts: 1, nextAttemptAt: '2026-11-23T12:01:00.000Z', externalId: { length: 15 } });
    expect(progress).toMatchObject({ continue: true, waitSeconds: 60 });
    expect(JSON.stringify(status)).not.toContain(EXTERNAL_ID);
  });

  it('stops polling when another execution verified the same role and External ID', () => {
    const stored = {
      connectionId: 's3', roleArn: TARGET, externalId: { length: 15, fingerprint: '573761e6' }, state: 'VERIFIED' as const,
      summary: '', attempts: 1, execution: { id: 'other', startTime: '2026-11-23T12:05:00.000Z' },
    };
    expect(verifiedElsewhere({ ...stored, verifiedAt: '2026-11-23T12:05:00.000Z' }, plannedConnection(connection), execution)).toBe(true);
    // A verification from before this run started says nothing about the role today.
    expect(verifiedElsewhere({ ...stored, verifiedAt: '2026-01-10T00:00:00.000Z' }, plannedConnection(connection), execution)).toBe(false);
    expect(verifiedElsewhere({ ...stored, verifiedAt: '2026-11-23T12:05:00.000Z' }, plannedConnection({ ...connection, externalId: 'another-id' }), execution)).toBe(false);
    expect(verifiedElsewhere({ ...stored, execution }, plannedConnection(connection), execution)).toBe(false);
  });

  it('records a verification with a warning as VERIFIED, the warning kept and named in the summaries', () => {
    const warning = { code: 'TRUST_NOT_PINNED' as const, side: 'customer' as const, summary: 'trusts our account', fix: 'pin it', evidence: [] };
    const record = (warnings?: (typeof warning)[]) =>
      connectionAfterAttempt({
        tenantId: 'acme',
        schedule: DEFAULT_SCHEDULE,
        connection: plannedConnection(connection),
        attempt: { outcome: 'VERIFIED', attempt: 2, attemptedAt: '2026-11-23T12:00:00.000Z', transient: false, sessionName: 's', ...(warnings ? { warnings } : {}) },
        progress: { attempts: 1, denials: 1, elapsedSeconds: 60 },
        execution,
        now: new Date('2026-11-23T12:00:00.000Z'),
      });

    const warned = record([warning]);
    const clean = record();

    expect(warned.status).toMatchObject({ state: 'VERIFIED', warnings: [warning], verifiedAt: '2026-11-23T12:00:00.000Z' });
    expect(warned.status.summary).toMatch(/^Verified: .*; warning \(TRUST_NOT_PINNED\): trusts our account$/);
    expect(warned.progress).toMatchObject({ continue: false, state: 'VERIFIED' });
    expect(clean.status.warnings).toBeUndefined();
    expect(clean.status.summary).not.toContain('warning');
    expect(summarizeVerification('acme', ['s3', 'b'], { s3: warned.status, b: clean.status }, execution).summary).toBe(
      'All 2 connection(s) of acme verified; 1 with a warning (s3)',
    );
    expect(summarizeVerification('acme', ['s3', 'b'], { s3: warned.status, b: { state: 'ACTION_REQUIRED' } as any }, execution).summary).toBe(
      'Action required on b; verified: s3; 1 with a warning (s3)',
    );
    expect(summarizeVerification('acme', ['b'], { b: clean.status }, execution).summary).toBe('All 1 connection(s) of acme verified');
  });

  it('says which connections still polling have their trust verified and only the data left', () => {
    const summary = summarizeVerification('acme', ['lake', 'dw', 'new'], {
      lake: { state: 'DATA_ACCESS_REQUIRED' } as any,
      dw: { state: 'VERIFYING' } as any,
    }, execution);
    expect(summary).toMatchObject({ state: 'VERIFYING', verifying: ['lake', 'dw', 'new'] });
    expect(summary.summary).toBe('Still verifying lake, dw, new (trust verified, data not reached yet: lake)');
    expect(summarizeVerification('acme', ['dw'], { dw: { state: 'VERIFYING' } as any }, execution).summary).toBe('Still verifying dw');
  });

  it('summarizes the run over its connections', () => {
    const summary = summarizeVerification('acme', ['a', 'b', 'c'], {
      a: { state: 'VERIFIED' } as any,
      b: { state: 'ACTION_REQUIRED' } as any,
    }, execution);
    expect(summary).toMatchObject({ state: 'ACTION_REQUIRED', verified: ['a'], actionRequired: ['b'], verifying: ['c'] });
  });
});
