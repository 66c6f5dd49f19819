// Which calls draw from which of an account's token buckets, and how full those are. IAM's write APIs
// share one bucket per account (IAM is global), STS's AssumeRole calls another; reads are not limited
// here (our workflow's reads are few, and AWS gives them buckets of their own).
import type { SimulatedService } from './service-errors';
import { TokenBucket, type RateLimit, type TokenBucketState } from './token-bucket';

export type RateLimitedApi = 'iamWrites' | 'sts';

export type RateLimits = Record<RateLimitedApi, RateLimit>;

/**
 * AWS publishes no IAM figures and raises none: these are assumptions, chosen low so that a burst of
 * onboardings meets them. IAM writes: 10 a second with 20 saved up, about what teams report before
 * CreateRole and PutRolePolicy start answering "Rate exceeded". STS: 100 AssumeRole calls a second
 * with 200 saved up. A scenario's `rateLimits` replaces either.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  iamWrites: { perSecond: 10, burst: 20 },
  sts: { perSecond: 100, burst: 200 },
};

const IAM_READ = /^(Get|List|Simulate|Generate)/;
const STS_ASSUME = /^AssumeRole/;

/** The bucket a call draws from, or undefined when it is not rate limited. */
export function rateLimitedApi(service: SimulatedService, operation: string): RateLimitedApi | undefined {
  if (service === 'iam' && !IAM_READ.test(operation)) return 'iamWrites';
  if (service === 'sts' && STS_ASSUME.test(operation)) return 'sts';
  return undefined;
}

export type RateLimitsState = { key: string; bucket: TokenBucketState }[];

/** The token buckets of every account that called, made (full) at its first call. */
export class AccountRateLimits {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(readonly limits: RateLimits) {}

  /** False when the call is to be throttled; a call that is not rate limited always goes through. */
  take(service: SimulatedService, operation: string, accountId: string, now: number): boolean {
    const api = rateLimitedApi(service, operation);
    if (!api) return true;
    return this.bucket(api, accountId, now).take(now);
  }

  /** Whole tokens an account has for an API at `now`. */
  available(api: RateLimitedApi, accountId: string, now: number): number {
    return this.bucket(api, accountId, now).available(now);
  }

  exportState(): RateLimitsState {
    return [...this.buckets].map(([key, bucket]) => ({ key, bucket: bucket.exportState() }));
  }

  importState(state: RateLimitsState | undefined): void {
    this.buckets.clear();
    for (const { key, bucket } of state ?? []) {
      const api = key.split(' ')[0] as RateLimitedApi;
      if (!(api in this.limits)) continue;
      const restored = new TokenBucket(this.limits[api], bucket.updatedAt);
      restored.importState(bucket);
      this.buckets.set(key, restored);
    }
  }

  private bucket(api: RateLimitedApi, accountId: string, now: number): TokenBucket {
    const key = `${api} ${accountId}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.limits[api], now);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}
