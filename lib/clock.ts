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

/**
 * A clock that runs with the system clock plus the time skipped so far. Skipping moves it to the end
 * of a wait that started at a given moment, so waits that run side by side (one polling loop per
 * connection) move it once, not once each.
 */
export class SkippingClock {
  /** Offsets from the system clock, each from the real time it took effect. */
  private readonly offsets: { from: number; offsetMs: number }[];

  /** `initialOffsetMs`: where a clock of an earlier run stood (a local stack that starts again). */
  constructor(initialOffsetMs = 0) {
    this.offsets = [{ from: 0, offsetMs: initialOffsetMs }];
  }

  readonly now = (): number => Date.now() + this.offsetAt(Date.now(), true);

  /**
   * This clock's time at a past real time (when an event was emitted). A skip recorded in the same
   * millisecond is taken to come after the event: skips are applied as events are processed.
   */
  at(realMs: number): number {
    return realMs + this.offsetAt(realMs, false);
  }

  /** The end of a wait of `seconds` that started at real time `startedAtRealMs`; never moves back. */
  skipWait(seconds: number, startedAtRealMs: number = Date.now()): void {
    const target = this.at(startedAtRealMs) + seconds * 1000;
    const real = Date.now();
    const offsetMs = Math.max(this.offsetAt(real, true), target - real);
    this.offsets.push({ from: real, offsetMs });
  }

  private offsetAt(realMs: number, inclusive: boolean): number {
    let offset = 0;
    for (const entry of this.offsets) {
      if (entry.from < realMs || (inclusive && entry.from === realMs)) offset = entry.offsetMs;
      else break;
    }
    return offset;
  }
}
