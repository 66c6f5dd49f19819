// Path tests of the real statemachines/verification.asl.json and connection-verification.asl.json, run
// locally: the run starts one connection verification execution per connection and waits for them.
// Attempts are scripted per connection; Record Attempt runs the real (pure) status and schedule logic
// over an in-memory store.
import { TransientAwsError, TenantNotOnboarded } from '../../lib/errors';
import { type Diagnosis } from '../../lib/domain/diagnosis';
import type { ConnectionStatus } from '../../lib/domain/status';
import {
  connectionAfterAttempt,
  plannedConnection,
  summarizeVerification,
} from '../../lib/domain/verification/verification-plan';
import { validateVerificationRequest } from '../../lib/schemas/verification-request';
import type { AttemptResult } from '../../lib/domain/verification/verification';
import { connectionExecutionName } from '../../lib/domain/execution-names';
import { LocalFunction, LocalRunResult, runLocalStateMachine } from '../../lib/local/local-state-machine';

const DATAPLANE = 'arn:aws:iam::111111111111:role/acme-dataplane-role';
const connection = (id: string) => ({ connectionId: id, roleArn: `arn:aws:iam::222222222222:role/${id}`, externalId: 'acme-7Hq2vX9pLm' });
const denied = (code: Diagnosis['code'], side: Diagnosis['side'] = 'customer'): Diagnosis => ({
  code,
  side,
  summary: `${code} summary`,
  fix: `${code} fix`,
  evidence: [],
});

type Script = (attempt: number) => Pick<AttemptResult, 'outcome'> & Partial<Pick<AttemptResult, 'diagnosis' | 'transient'>>;

function machine(scripts: Record<string, Script>, overrides: Partial<Record<string, LocalFunction>> = {}) {
  const store: Record<string, ConnectionStatus> = {};
  const calls: Record<string, any[]> = {};
  const base: Record<string, LocalFunction> = {
    PlanVerificationFunctionArn: async (event) => {
      const request = validateVerificationRequest(event.input);
      return {
        tenantId: request.tenantId,
        dataplaneRoleArn: DATAPLANE,
        roleChangedAt: null,
        schedule: request.schedule,
        connections: request.connections.map((c) => ({
          ...plannedConnection(c),
          executionName: connectionExecutionName(request.tenantId, c.connectionId, event.execution.id),
        })),
        run: event.execution,
      };
    },
    AttemptAssumeFunctionArn: async (event) => {
      const attempt = event.progress.attempts + 1;
      const scripted = scripts[event.connection.connectionId]!(attempt);
      return { attempt, attemptedAt: new Date().toISOString(), sessionName: 's', transient: false, ...scripted };
    },
    DiagnoseDenialFunctionArn: async (event) => ({
      ...event.attempt.diagnosis,
      evidence: [{ source: 'cloudtrail', summary: 'a denied call in CloudTrail' }],
    }),
    RecordAttemptFunctionArn: async (event) => {
      const { status, progress } = connectionAfterAttempt({ ...event, now: new Date() });
      store[status.connectionId] = status;
      return progress;
    },
    SummarizeVerificationFunctionArn: async (event) =>
      summarizeVerification(event.tenantId, event.connections.map((c: any) => c.connectionId), store, event.execution),
  };
  const functions = Object.fromEntries(
    Object.entries({ ...base, ...overrides }).map(([name, fn]) => [
      name,
      async (event: any) => {
        (calls[name] ??= []).push(event);
        return fn!(event);
      },
    ]),
  );
  const options = { functions, account: '111111111111', region: 'eu-west-1', retryIntervalMs: 0, waitMs: 0 };
  /** Each connection's execution, in the order they were started. */
  const executions: { name: string; input: any; result: LocalRunResult }[] = [];
  // startExecution.sync:2 of the connection verification: runs it to its end, as Step Functions answers.
  functions.ConnectionVerificationStateMachineArn ??= async (task: { Name: string; Input: unknown }) => {
    const result = await runLocalStateMachine('connection-verification', task.Input, { ...options, executionName: task.Name });
    executions.push({ name: task.Name, input: task.Input, result });
    if (result.status !== 'SUCCEEDED') throw Object.assign(new Error(result.cause ?? 'failed'), { name: result.error ?? 'States.TaskFailed' });
    return { ExecutionArn: result.executionArn, Status: 'SUCCEEDED', Output: result.output };
  };
  /** The run's result, with `events` holding its own and then every connection execution's events. */
  const run = async (input: unknown) => {
    executions.length = 0;
    const result = await runLocalStateMachine('verification', input, { ...options, executionName: 'verify-test' });
    return { ...result, runEvents: result.events, events: [...result.events, ...executions.flatMap((e) => e.result.events)] };
  };
  return { run, store, calls, executions };
}

const schedule = { firstRetrySeconds: 60, maxIntervalSeconds: 3600, deadlineSeconds: 7 * 24 * 3600 };

describe('verification state machine', () => {
  it('verified on the first try: one attempt, no diagnosis, VERIFIED; no External ID anywhere in the run', async () => {
    // Prepare
    const { run, store, calls } = machine({ c1: () => ({ outcome: 'VERIFIED' }) });

    // Act
    const result = await run({ tenantId: 'acme', connections: [connection('c1')] });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toMatchObject({ state: 'VERIFIED', verified: ['c1'] });
    expect(calls.AttemptAssumeFunctionArn).toHaveLength(1);
    expect(calls.DiagnoseDenialFunctionArn).toBeUndefined();
    expect(store.c1).toMatchObject({ state: 'VERIFIED', attempts: 1 });
    // Inputs and outputs of every state are what Step Functions keeps in the execution's history. A
    // request that carries connections has them in its own input; past Plan Verification, nothing does.
    const planned = result.events.findIndex((e: any) => e.type === 'StateExited' && e.state.name === 'Plan Verification');
    expect(JSON.stringify((result.events[planned] as any).state.output)).not.toContain('acme-7Hq2vX9pLm');
    expect(JSON.stringify(result.events.slice(planned + 1))).not.toContain('acme-7Hq2vX9pLm');
  });

  it('verified after the customer fixes their trust policy: diagnosed denials, growing waits, then VERIFIED', async () => {
    // Prepare
    const { run, store, calls } = machine({
      c1: (n) => (n < 3 ? { outcome: 'DENIED', diagnosis: denied('TRUST_POLICY_DENIED') } : { outcome: 'VERIFIED' }),
    });

    // Act
    const result = await run({ tenantId: 'acme', connections: [connection('c1')], schedule });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(calls.AttemptAssumeFunctionArn).toHaveLength(3);
    expect(calls.DiagnoseDenialFunctionArn).toHaveLength(2);
    const waits = calls.RecordAttemptFunctionArn!.map((e) => e.attempt.outcome);
    expect(waits).toEqual(['DENIED', 'DENIED', 'VERIFIED']);
    const entered = result.events.filter((e: any) => e.type === 'StateEntered' && e.state.name === 'Wait Before Next Attempt');
    expect(entered.map((e: any) => e.state.input.progress.waitSeconds)).toEqual([60, 120]);
    expect(store.c1).toMatchObject({ state: 'VERIFIED', attempts: 3 });
  });

  it('confused deputy: assumable without the External ID is never VERIFIED; at the deadline ACTION_REQUIRED', async () => {
    // Prepare
    const { run, store } = machine({ c1: () => ({ outcome: 'DENIED', diagnosis: denied('EXTERNAL_ID_NOT_ENFORCED') }) });

    // Act
    const result = await run({ tenantId: 'acme', connections: [connection('c1')], schedule: { ...schedule, deadlineSeconds: 200 } });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toMatchObject({ state: 'ACTION_REQUIRED', actionRequired: ['c1'] });
    expect(store.c1).toMatchObject({ state: 'ACTION_REQUIRED', diagnosis: { code: 'EXTERNAL_ID_NOT_ENFORCED' } });
  });

  it('deadline reached: polls 60, 120 (= 180 s of waiting), then ACTION_REQUIRED with the last diagnosis', async () => {
    // Prepare
    const { run, store, calls } = machine({ c1: () => ({ outcome: 'DENIED', diagnosis: denied('TRUST_POLICY_DENIED') }) });

    // Act
    const result = await run({ tenantId: 'acme', connections: [connection('c1')], schedule: { ...schedule, deadlineSeconds: 300 } });

    // Assess
    expect(calls.AttemptAssumeFunctionArn).toHaveLength(3); // waits 60 + 120 = 180; the next 240 passes 300
    expect(store.c1).toMatchObject({
      state: 'ACTION_REQUIRED',
      attempts: 3,
      diagnosis: { code: 'TRUST_POLICY_DENIED', evidence: [{ source: 'cloudtrail' }] },
    });
    expect(result.output).toMatchObject({ state: 'ACTION_REQUIRED' });
  });

  it('an invalid connection (pre-flight) is ACTION_REQUIRED at once, without polling', async () => {
    // Prepare
    const { run, store, calls } = machine({ c1: () => ({ outcome: 'INVALID', diagnosis: denied('EXTERNAL_ID_INVALID') }) });

    // Act
    await run({ tenantId: 'acme', connections: [connection('c1')] });

    // Assess
    expect(calls.AttemptAssumeFunctionArn).toHaveLength(1);
    expect(calls.DiagnoseDenialFunctionArn).toBeUndefined();
    expect(store.c1).toMatchObject({ state: 'ACTION_REQUIRED', diagnosis: { code: 'EXTERNAL_ID_INVALID' } });
  });

  it('throttled CloudTrail: the lookup is retried, then the STS diagnosis is recorded without evidence', async () => {
    // Prepare
    const { run, store, calls } = machine(
      { c1: (n) => (n < 2 ? { outcome: 'DENIED', diagnosis: denied('TRUST_POLICY_DENIED') } : { outcome: 'VERIFIED' }) },
      {
        DiagnoseDenialFunctionArn: async () => {
          throw new TransientAwsError('CloudTrail LookupEvents was throttled: Rate exceeded');
        },
      },
    );

    // Act
    const result = await run({ tenantId: 'acme', connections: [connection('c1')] });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(calls.DiagnoseDenialFunctionArn).toHaveLength(2); // first try + 1 retry (the adapter retries throttling itself)
    const recorded = calls.RecordAttemptFunctionArn![0];
    expect(recorded.attempt.diagnosis).toMatchObject({ code: 'TRUST_POLICY_DENIED', evidence: [] });
    expect(store.c1!.state).toBe('VERIFIED');
  });

  it('throttled STS is transient: not diagnosed from CloudTrail, retried with the same backoff', async () => {
    // Prepare
    const { run, calls } = machine({
      c1: (n) => (n < 3 ? { outcome: 'DENIED', diagnosis: denied('THROTTLED', 'transient'), transient: true } : { outcome: 'VERIFIED' }),
    });

    // Act
    const result = await run({ tenantId: 'acme', connections: [connection('c1')], schedule });

    // Assess
    const waits = result.events
      .filter((e: any) => e.type === 'StateEntered' && e.state.name === 'Wait Before Next Attempt')
      .map((e: any) => e.state.input.progress.waitSeconds);
    expect(waits).toEqual([60, 120]);
    expect(calls.AttemptAssumeFunctionArn).toHaveLength(3);
    expect(calls.DiagnoseDenialFunctionArn).toBeUndefined();
  });

  it('an attempt that cannot run (retries exhausted) is recorded as transient; polling goes on, other connections too', async () => {
    // Prepare
    let failures = 0;
    const { run, store, calls } = machine(
      { c1: () => ({ outcome: 'VERIFIED' }), c2: () => ({ outcome: 'VERIFIED' }) },
      {
        AttemptAssumeFunctionArn: async (event) => {
          if (event.connection.connectionId === 'c2' && failures < 2) {
            failures += 1; // first try + 1 retry of TransientAwsError: the next attempt is the real retry
            throw new TransientAwsError('STS call timed out');
          }
          return { attempt: event.progress.attempts + 1, attemptedAt: new Date().toISOString(), sessionName: 's', transient: false, outcome: 'VERIFIED' };
        },
      },
    );

    // Act
    const result = await run({ tenantId: 'acme', connections: [connection('c1'), connection('c2')], schedule });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const c2Records = calls.RecordAttemptFunctionArn!.filter((e) => e.connection.connectionId === 'c2');
    expect(c2Records[0].attempt).toMatchObject({ outcome: 'DENIED', transient: true, attempt: 1, diagnosis: { code: 'UNKNOWN', side: 'transient' } });
    expect(c2Records[0].attempt.diagnosis.summary).toContain('TransientAwsError');
    expect(store.c1!.state).toBe('VERIFIED');
    expect(store.c2).toMatchObject({ state: 'VERIFIED', attempts: 2 });
  });

  it('a Lambda timeout in Attempt Assume (Lambda.Unknown) is retried, then caught as an attempt not made; polling goes on', async () => {
    // Prepare
    let calls = 0;
    const { run, store } = machine(
      { c1: () => ({ outcome: 'VERIFIED' }) },
      {
        AttemptAssumeFunctionArn: async (event) => {
          calls += 1;
          if (event.progress.attempts === 0) {
            throw Object.assign(new Error('Task timed out after 60.00 seconds'), { name: 'Lambda.Unknown' });
          }
          return { attempt: event.progress.attempts + 1, attemptedAt: new Date().toISOString(), sessionName: 's', transient: false, outcome: 'VERIFIED' };
        },
      },
    );

    // Act
    const result = await run({ tenantId: 'acme', connections: [connection('c1')], schedule });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const retried = result.events.filter((e: any) => e.type === 'StateRetried' && e.state.name === 'Attempt Assume');
    expect(retried.length).toBeGreaterThan(0);
    expect(calls).toBe(retried.length + 2); // the first attempt and its retries, then the next attempt
    expect(store.c1).toMatchObject({ state: 'VERIFIED', attempts: 2 });
  });

  it('a Lambda timeout in Record Attempt (Lambda.Unknown) is retried, then caught: the connection stops, the run ends', async () => {
    // Prepare
    let calls = 0;
    const { run } = machine(
      { c1: () => ({ outcome: 'VERIFIED' }) },
      {
        RecordAttemptFunctionArn: async () => {
          calls += 1;
          throw Object.assign(new Error('Runtime exited with error: signal: killed'), { name: 'Lambda.Unknown' });
        },
      },
    );

    // Act
    const result = await run({ tenantId: 'acme', connections: [connection('c1')], schedule });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(calls).toBeGreaterThan(1);
    const caught = result.events.filter((e: any) => e.type === 'StateEntered' && e.state.name === 'Connection Not Recorded');
    expect(caught).toHaveLength(1);
  });

  it('several connections with mixed results: each its own status, the summary names them', async () => {
    // Prepare
    const { run, store } = machine({
      good: () => ({ outcome: 'VERIFIED' }),
      fixed: (n) => (n === 1 ? { outcome: 'DENIED', diagnosis: denied('TRUST_POLICY_DENIED') } : { outcome: 'VERIFIED' }),
      open: () => ({ outcome: 'DENIED', diagnosis: denied('EXTERNAL_ID_NOT_ENFORCED') }),
      typo: () => ({ outcome: 'INVALID', diagnosis: denied('ROLE_ARN_INVALID') }),
    });

    // Act
    const result = await run({
      tenantId: 'acme',
      connections: ['good', 'fixed', 'open', 'typo'].map(connection),
      schedule: { ...schedule, deadlineSeconds: 100 },
    });

    // Assess
    expect(result.output).toEqual({
      state: 'ACTION_REQUIRED',
      summary: expect.any(String),
      verified: ['good', 'fixed'],
      actionRequired: ['open', 'typo'],
      verifying: [],
    });
    expect(store.open!.diagnosis!.code).toBe('EXTERNAL_ID_NOT_ENFORCED');
    expect(store.typo!.diagnosis!.code).toBe('ROLE_ARN_INVALID');
  });

  it('each connection polls in its own execution, named from tenant, connection and run; the run itself only waits', async () => {
    // Prepare
    const { run, executions } = machine({
      s3: () => ({ outcome: 'VERIFIED' }),
      athena: (n) => (n < 3 ? { outcome: 'DENIED', diagnosis: denied('TRUST_POLICY_DENIED') } : { outcome: 'VERIFIED' }),
    });

    // Act
    const result = await run({ tenantId: 'acme', connections: [connection('s3'), connection('athena')], schedule });

    // Assess
    expect(result.output).toMatchObject({ state: 'VERIFIED', verified: ['s3', 'athena'] });
    expect(executions.map((e) => e.name).sort()).toEqual([
      connectionExecutionName('acme', 'athena', result.executionArn),
      connectionExecutionName('acme', 's3', result.executionArn),
    ]);
    const athena = executions.find((e) => e.input.connection.connectionId === 'athena')!;
    expect(athena.input).toMatchObject({ tenantId: 'acme', dataplaneRoleArn: DATAPLANE, progress: { attempts: 0 }, execution: { id: result.executionArn } });
    const attempts = (events: any[]) => events.filter((e) => e.type === 'StateEntered' && e.state.name === 'Attempt Assume').length;
    expect(attempts(athena.result.events)).toBe(3);
    expect(attempts(result.runEvents)).toBe(0);
    // Every status names the run: a newer run's statuses replace an older run's, whichever started its connections first.
    const recorded = executions.flatMap((e) => e.result.events).filter((e: any) => e.type === 'StateEntered' && e.state.name === 'Record Attempt');
    expect(recorded.map((e: any) => e.state.input.execution.id)).toEqual(recorded.map(() => result.executionArn));
  });

  it('a connection whose execution fails, or has ended before (a redriven run), is left to its status; the others go on', async () => {
    // Prepare
    const failing = machine(
      { good: () => ({ outcome: 'VERIFIED' }) },
      {
        ConnectionVerificationStateMachineArn: async (task: { Name: string }) => {
          if (task.Name.startsWith('poll-acme-gone-')) {
            throw Object.assign(new Error('Execution Already Exists'), { name: 'StepFunctions.ExecutionAlreadyExistsException' });
          }
          if (task.Name.startsWith('poll-acme-broken-')) throw Object.assign(new Error('a child failure'), { name: 'States.Runtime' });
          return { Status: 'SUCCEEDED' };
        },
      },
    );

    // Act
    const result = await failing.run({ tenantId: 'acme', connections: ['gone', 'broken', 'good'].map(connection) });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const caught = result.runEvents.filter((e: any) => e.type === 'StateEntered' && e.state.name === 'Connection Not Verified');
    expect(caught).toHaveLength(2);
    expect(failing.calls.SummarizeVerificationFunctionArn).toHaveLength(1);
    expect(result.output).toMatchObject({ verifying: ['gone', 'broken', 'good'] });
  });

  it('fifty connections: fifty executions, each far below the history limit, all verified', async () => {
    // Prepare
    const ids = Array.from({ length: 50 }, (_, i) => `bucket-${i}`);
    const { run, executions } = machine(
      Object.fromEntries(ids.map((id, i) => [id, (n: number) => (n <= i % 4 ? { outcome: 'DENIED', diagnosis: denied('TRUST_POLICY_DENIED') } : { outcome: 'VERIFIED' })])) as Record<string, Script>,
    );

    // Act
    const result = await run({ tenantId: 'acme', connections: ids.map(connection), schedule });

    // Assess
    expect(result.output).toMatchObject({ state: 'VERIFIED', verified: ids });
    expect(new Set(executions.map((e) => e.name)).size).toBe(50);
    expect(Math.max(...executions.map((e) => e.result.events.length))).toBeLessThan(200);
  });

  it('an unknown tenant or an invalid request is rejected with a named error before any attempt', async () => {
    // Prepare
    const { run, calls } = machine(
      {},
      {
        PlanVerificationFunctionArn: async () => {
          throw new TenantNotOnboarded('Tenant ghost is unknown: onboard it before verifying its connections');
        },
      },
    );
    const invalid = machine({});

    // Act
    const unknown = await run({ tenantId: 'ghost', connections: [connection('c1')] });
    const malformed = await invalid.run({ tenantId: 'acme', connections: [] });

    // Assess
    expect(unknown).toMatchObject({ status: 'FAILED', error: 'TenantNotOnboarded' });
    expect(calls.AttemptAssumeFunctionArn).toBeUndefined();
    expect(malformed).toMatchObject({ status: 'FAILED', error: 'InvalidVerificationRequest' });
    expect(malformed.cause).toContain('connections: must be a non-empty array');
  });
});
