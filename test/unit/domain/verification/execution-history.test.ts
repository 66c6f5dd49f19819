// The history budget of a connection's polling follows the real connection-verification.asl.json:
// every retry a Retry block allows is history events the execution may use.
import connectionDefinition from '../../../../statemachines/connection-verification.asl.json';
import verificationDefinition from '../../../../statemachines/verification.asl.json';
import { loopHistoryEvents, taskHistoryEvents } from '../../../../lib/domain/verification/execution-history';
import { HISTORY_EVENTS_PER_ATTEMPT, MAX_CONNECTIONS_PER_RUN } from '../../../../lib/domain/verification/verification-plan';
import { validateVerificationRequest } from '../../../../lib/schemas/verification-request';
import { DEFAULT_SCHEDULE, HISTORY_EVENT_BUDGET, maxAttempts } from '../../../../lib/domain/verification/verification';
import { InvalidVerificationRequest } from '../../../../lib/errors';

type State = { Type: string; Retry?: { ErrorEquals: string[]; MaxAttempts?: number }[] };
const loop = connectionDefinition.States as unknown as Record<string, State>;

/** Read straight from the file: tries of a task are its first try plus what each retrier allows. */
const triesOf = (name: string) => 1 + (loop[name]!.Retry ?? []).reduce((sum, r) => sum + (r.MaxAttempts ?? 3), 0);

describe('history events of a connection verification', () => {
  it('one polling attempt counts every retry the real ASL allows its tasks', () => {
    // Prepare: the longest way round the loop is Attempt Assume, Attempt Outcome (Choice), Diagnose
    // Denial, Record Attempt, Keep Polling (Choice), Wait. A Lambda task: entered and exited, and
    // scheduled, started, succeeded or failed per try.
    const expected =
      2 + 3 * triesOf('Attempt Assume') + 2 + (2 + 3 * triesOf('Diagnose Denial')) + (2 + 3 * triesOf('Record Attempt')) + 2 + 2;

    // Act
    const counted = HISTORY_EVENTS_PER_ATTEMPT;

    // Assess
    expect(triesOf('Attempt Assume')).toBeGreaterThan(1); // the loop's tasks do retry
    expect(counted).toBe(expected);
    expect(counted).toBeGreaterThan(5 + 2 + 5 + 5 + 2 + 2); // more than the retry-free count
  });

  it('a task with an extra retrier costs three more events per allowed retry; MaxAttempts defaults to 3, 0 never retries', () => {
    const task = (retry: State['Retry']) => ({ Type: 'Task', Retry: retry });
    expect(taskHistoryEvents(task(undefined))).toBe(5);
    expect(taskHistoryEvents(task([{ ErrorEquals: ['Lambda.Unknown'], MaxAttempts: 0 }]))).toBe(5);
    expect(taskHistoryEvents(task([{ ErrorEquals: ['Lambda.Unknown'] }]))).toBe(5 + 9);
    expect(taskHistoryEvents(task([{ ErrorEquals: ['A'], MaxAttempts: 2 }, { ErrorEquals: ['B'], MaxAttempts: 4 }]))).toBe(5 + 18);
  });

  it('the loop count takes the costliest way back to the loop start, whichever branch it is', () => {
    const states = {
      Try: { Type: 'Task', Retry: [{ ErrorEquals: ['X'], MaxAttempts: 1 }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Costly' }], Next: 'Again' },
      Costly: { Type: 'Task', Retry: [{ ErrorEquals: ['X'], MaxAttempts: 5 }], Next: 'Again' },
      Again: { Type: 'Choice', Choices: [{ Variable: '$.go', BooleanEquals: true, Next: 'Pause' }], Default: 'Done' },
      Pause: { Type: 'Wait', Seconds: 1, Next: 'Try' },
      Done: { Type: 'Succeed' },
    };
    expect(loopHistoryEvents(states, 'Try')).toBe(8 + (5 + 15) + 2 + 2);
  });

  it('a never-fixed connection under the default schedule fits one execution, retries included, however many connections the run has', () => {
    // Prepare: the arithmetic Plan Verification checks, from the schedule and the real ASL.
    const worst = maxAttempts(DEFAULT_SCHEDULE) * HISTORY_EVENTS_PER_ATTEMPT;
    const connections = Array.from({ length: MAX_CONNECTIONS_PER_RUN }, (_, i) => ({
      connectionId: `c${i}`,
      roleArn: `arn:aws:iam::222222222222:role/r${i}`,
      externalId: 'acme-7Hq2vX9pLm',
    }));

    // Act
    const request = validateVerificationRequest({ tenantId: 'acme', connections });

    // Assess: 173 attempts of at most 45 events each (7,785), under a third of the budget; every
    // connection accepted, where one execution for all of them held six.
    expect(worst).toBeLessThan(HISTORY_EVENT_BUDGET / 3);
    expect(request.connections).toHaveLength(MAX_CONNECTIONS_PER_RUN);
  });

  it('a schedule whose worst case is just over the budget is rejected, and one just under it accepted', () => {
    // Prepare: one-second polling with no backoff makes one attempt per second of deadline.
    const perAttempt = HISTORY_EVENTS_PER_ATTEMPT;
    const fitting = Math.floor(HISTORY_EVENT_BUDGET / perAttempt);
    const schedule = (attempts: number) => ({ firstRetrySeconds: 1, maxIntervalSeconds: 1, deadlineSeconds: attempts - 1 });
    const connections = [{ connectionId: 'c1', roleArn: 'arn:aws:iam::222222222222:role/r', externalId: 'acme-7Hq2vX9pLm' }];

    // Act
    const under = () => validateVerificationRequest({ tenantId: 'acme', connections, schedule: schedule(fitting) });
    const over = () => validateVerificationRequest({ tenantId: 'acme', connections, schedule: schedule(fitting + 1) });

    // Assess
    expect(maxAttempts(schedule(fitting))).toBe(fitting);
    expect(under).not.toThrow();
    expect(over).toThrow(InvalidVerificationRequest);
    expect(over).toThrow(`schedule: one connection polled until the deadline could need ${(fitting + 1) * perAttempt} history events`);
  });

  it('a schedule that fits not even one connection is rejected as a schedule problem, not as "at most 0"', () => {
    const attempt = () =>
      validateVerificationRequest({
        tenantId: 'acme',
        connections: [{ connectionId: 'c1', roleArn: 'arn:aws:iam::222222222222:role/r', externalId: 'acme-7Hq2vX9pLm' }],
        // An hour of polling every second is thousands of attempts: far past the budget, yet quick to count.
        schedule: { firstRetrySeconds: 1, maxIntervalSeconds: 1, deadlineSeconds: 3600 },
      });
    expect(attempt).toThrow(/schedule: one connection polled until the deadline could need \d+ history events/);
    expect(attempt).not.toThrow(/at most 0/);
  });
});

describe('history events outside the polling loops', () => {
  it('a connection\'s execution: what it adds besides its polling passes fits the reserve under 25,000', () => {
    // Prepare: ExecutionStarted and Succeeded, and the last attempt's way out of the loop to its
    // Succeed state, which a pass back to the start does not count (a Task, a Choice, the Succeed).
    const outside = 2 + taskHistoryEvents(loop['Record Attempt']!) + 2 + 2;

    // Act
    const reserve = 25_000 - HISTORY_EVENT_BUDGET;

    // Assess
    expect(taskHistoryEvents(loop['Record Attempt']!)).toBeGreaterThan(5); // its retries are counted
    expect(outside).toBeLessThan(reserve);
  });

  it('a verification run: a Distributed Map, so its history holds the Map Run, not the connections\' polling', () => {
    // Prepare
    const top = verificationDefinition.States as unknown as Record<string, State & { ItemProcessor?: any }>;
    const map = top['Verify Connections']!;
    const child = map.ItemProcessor.States as Record<string, State & { Resource?: string }>;

    // Act: the run's own events, whatever the number of connections: the execution, Plan Verification,
    // the Map state with its Map Run (entered, started, Map Run started and succeeded, succeeded,
    // exited), Summarize Verification and Verification Done.
    const run = 2 + taskHistoryEvents(top['Plan Verification']!) + 6 + taskHistoryEvents(top['Summarize Verification']!) + 2;

    // Assess
    expect(map.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
    expect(Object.values(child).filter((s) => s.Type === 'Task').map((s) => s.Resource)).toEqual(['arn:aws:states:::states:startExecution.sync:2']);
    expect(run).toBeLessThan(25_000 - HISTORY_EVENT_BUDGET);
  });
});
