// A Lambda function's timeout or out-of-memory error reaches Step Functions as Lambda.Unknown, and a
// client-side invoke timeout as Lambda.ClientExecutionTimeoutException: wherever a task retries the
// sandbox's timeout, it must retry these, the errors AWS raises for the same failures.
import { loadDefinition } from '../../lib/local/local-state-machine';

type Retrier = { ErrorEquals: string[]; MaxAttempts?: number };
type State = { Type: string; Retry?: Retrier[]; ItemProcessor?: { States: Record<string, State> } };

function retriers(states: Record<string, State>, machine: string): [string, Retrier][] {
  return Object.entries(states).flatMap(([name, state]) => [
    ...(state.Retry ?? []).map((r): [string, Retrier] => [`${machine}: ${name}`, r]),
    ...(state.ItemProcessor ? retriers(state.ItemProcessor.States, machine) : []),
  ]);
}

describe.each(['onboarding', 'verification'])('%s.asl.json', (machine) => {
  const all = retriers(loadDefinition(machine).States as Record<string, State>, machine);
  const timeouts = all.filter(([, r]) => r.ErrorEquals.includes('Sandbox.Timedout'));

  it('retries Lambda timeouts where it retries the sandbox timeout', () => {
    expect(timeouts.length).toBeGreaterThan(0);
    for (const [where, retrier] of timeouts) {
      expect({ where, errors: retrier.ErrorEquals }).toEqual({
        where,
        errors: expect.arrayContaining(['Lambda.Unknown', 'Lambda.ClientExecutionTimeoutException']),
      });
      expect(retrier.MaxAttempts ?? 3).toBeGreaterThan(0);
    }
  });

  it('retries Lambda.Unknown nowhere else', () => {
    const elsewhere = all.filter(([, r]) => r.ErrorEquals.includes('Lambda.Unknown') && !r.ErrorEquals.includes('Sandbox.Timedout'));
    expect(elsewhere).toEqual([]);
  });
});
