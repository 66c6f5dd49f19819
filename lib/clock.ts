// The functions' notion of "now". In AWS it is the system clock. A local run skips the polling
// schedule's waits (minutes to hours) and moves this clock forward by the same amount instead, so
// time-based behaviour — the IAM propagation window, CloudTrail's delivery delay, nextAttemptAt — plays
// out as it would in AWS, in seconds.
let source: () => number = () => Date.now();

export function now(): Date {
  return new Date(source());
}

export function useClock(clock: (() => number) | undefined): void {
  source = clock ?? (() => Date.now());
}

/** A clock that runs with the system clock plus the time skipped so far. */
export class SkippingClock {
  private skippedMs = 0;

  readonly now = (): number => Date.now() + this.skippedMs;

  skip(seconds: number): void {
    this.skippedMs += seconds * 1000;
  }
}
