// The history budget of a verification run follows the real verification.asl.json: every retry a
// Retry block allows is history events the run may use.
import verificationDefinition from '../../../statemachines/verification.asl.json';
import { loopHistoryEvents, taskHistoryEvents } from '../../../lib/domain/execution-history';
import { HISTORY_EVENTS_PER_ATTEMPT, MAX_CONNECTIONS_PER_RUN } from '../../../lib/domain/verification-plan';
import { validateVerificationRequest } from '../../../lib/schemas/verification-request';
import { DEFAULT_SCHEDULE, HISTORY_EVENT_BUDGET, maxAttempts } from '../../../lib/domain/verification';
import { InvalidVerificationRequest } from '../../../lib/errors';

type State = { Type: string; Retry?: { ErrorEquals: string[]; MaxAttempts?: number }[] };
const loop = (verificationDefinition.States['Verify Connections'] as any).ItemProcessor.States as Record<string, State>;

/** Read straight from the file: tries of a task are its first try plus what each retrier allows. */
const triesOf = (name: string) => 1 + (loop[name]!.Retry ?? []).reduce((sum, r) => sum + (r.MaxAttempts ?? 3), 0);

describe('history events of a verification run', () => {
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

  it('Plan Verification rejects a run whose worst case, retries included, passes the budget, with the arithmetic', () => {
    // Prepare
    const perConnection = maxAttempts(DEFAULT_SCHEDULE) * HISTORY_EVENTS_PER_ATTEMPT;
    const fit = Math.floor(HISTORY_EVENT_BUDGET / perConnection);
    const connections = Array.from({ length: fit + 1 }, (_, i) => ({
      connectionId: `c${i}`,
      roleArn: `arn:aws:iam::222222222222:role/r${i}`,
      externalId: 'acme-7Hq2vX9pLm',
    }));

    // Act
    const attempt = () => validateVerificationRequest({ tenantId: 'acme', connections });

    // Assess
    expect(fit + 1).toBeLessThanOrEqual(MAX_CONNECTIONS_PER_RUN);
    expect(attempt).toThrow(InvalidVerificationRequest);
    expect(attempt).toThrow(`could need ${(fit + 1) * perConnection} history events`);
    expect(attempt).toThrow(`verify at most ${fit} per run`);
    expect(validateVerificationRequest({ tenantId: 'acme', connections: connections.slice(0, fit) }).connections).toHaveLength(fit);
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
  it('fit the reserve the budget leaves under 25,000, retries of the real ASL included', () => {
    // Prepare: what a run adds besides its polling passes, each counted as Step Functions records it.
    const top = verificationDefinition.States as unknown as Record<string, State>;
    const execution = 2; // ExecutionStarted, ExecutionSucceeded (or Failed)
    const mapState = 4; // MapStateEntered, MapStateStarted, MapStateSucceeded, MapStateExited
    // Per connection: MapIterationStarted and Succeeded, and the last attempt's way out of the loop to
    // its Succeed state, which a pass back to the start does not count (a Task, a Choice, the Succeed).
    const perConnection = 2 + taskHistoryEvents(loop['Record Attempt']!) + 2 + 2;
    const outside =
      execution +
      taskHistoryEvents(top['Plan Verification']!) +
      mapState +
      MAX_CONNECTIONS_PER_RUN * perConnection +
      taskHistoryEvents(top['Summarize Verification']!) +
      2; // Verification Done

    // Act
    const reserve = 25_000 - HISTORY_EVENT_BUDGET;

    // Assess
    expect(taskHistoryEvents(top['Plan Verification']!)).toBeGreaterThan(5); // its retries are counted
    expect(outside).toBeLessThan(reserve);
  });
});
