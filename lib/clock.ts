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

  private readonly origin = Date.now();

  /**
   * `initialOffsetMs`: where a clock of an earlier run stood (a local stack that starts again).
   * `rate`: how many times faster than the system clock it runs between skips (1 unless a run, such
   * as the burst benchmark, compresses time: its retries then wait their delays divided by the rate).
   */
  constructor(
    initialOffsetMs = 0,
    readonly rate = 1,
  ) {
    if (!(rate >= 1) || !Number.isFinite(rate)) throw new RangeError(`a clock's rate must be a number of at least 1, got ${String(rate)}`);
    this.offsets = [{ from: 0, offsetMs: initialOffsetMs }];
  }

  readonly now = (): number => {
    const real = Date.now();
    return this.running(real) + this.offsetAt(real, true);
  };

  /**
   * This clock's time at a past real time (when an event was emitted). A skip recorded in the same
   * millisecond is taken to come after the event: skips are applied as events are processed.
   */
  at(realMs: number): number {
    return this.running(realMs) + this.offsetAt(realMs, false);
  }

  /** The end of a wait of `seconds` that started at real time `startedAtRealMs`; never moves back. */
  skipWait(seconds: number, startedAtRealMs: number = Date.now()): void {
    const target = this.at(startedAtRealMs) + seconds * 1000;
    const real = Date.now();
    const offsetMs = Math.max(this.offsetAt(real, true), target - this.running(real));
    this.offsets.push({ from: real, offsetMs });
  }

  /** The time the clock has run to by itself at a real time, skips left out. */
  private running(realMs: number): number {
    return this.rate === 1 ? realMs : this.origin + (realMs - this.origin) * this.rate;
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
