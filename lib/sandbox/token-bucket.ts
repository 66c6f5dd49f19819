// AWS throttles IAM and STS with token buckets (AWS Security Blog, "How to monitor and query IAM
// resources at scale, part 2"): each call takes a token, the bucket refills at a steady rate up to its
// size, and a call that finds it empty is refused with "Rate exceeded". The sandbox models them on its
// own clock, so a test or a local run can move time forward instead of waiting.

/** A steady rate with room for a burst: `perSecond` tokens a second, at most `burst` saved up. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

export interface TokenBucketState {
  tokens: number;
  /** Milliseconds since the epoch, on the sandbox clock, when `tokens` was last brought up to date. */
  updatedAt: number;
}

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  /** Starts full: a quiet account has its whole burst available. */
  constructor(
    readonly limit: RateLimit,
    now: number,
  ) {
    if (!(limit.perSecond > 0) || !Number.isFinite(limit.perSecond)) {
      throw new RangeError(`a rate limit's perSecond must be a number greater than 0, got ${String(limit.perSecond)}`);
    }
    if (!Number.isInteger(limit.burst) || limit.burst < 1) {
      throw new RangeError(`a rate limit's burst must be a whole number of at least 1, got ${String(limit.burst)}`);
    }
    this.tokens = limit.burst;
    this.updatedAt = now;
  }

  /** Takes one token if there is one; false when the call is to be throttled. */
  take(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whole tokens available at `now`. */
  available(now: number): number {
    this.refill(now);
    return Math.floor(this.tokens);
  }

  exportState(): TokenBucketState {
    return { tokens: this.tokens, updatedAt: this.updatedAt };
  }

  importState(state: TokenBucketState): void {
    this.tokens = Math.min(this.limit.burst, state.tokens);
    this.updatedAt = state.updatedAt;
  }

  private refill(now: number): void {
    // A clock that went back (a restored sandbox on a fresh clock) refills nothing and takes nothing.
    if (now <= this.updatedAt) return;
    // Rounded so that refills in many small steps add up to whole tokens exactly as one step would.
    const refilled = Math.round((this.tokens + ((now - this.updatedAt) / 1000) * this.limit.perSecond) * 1e9) / 1e9;
    this.tokens = Math.min(this.limit.burst, refilled);
    this.updatedAt = now;
  }
}
