import { TokenBucket } from '../../../lib/sandbox/token-bucket';

const T0 = Date.parse('2026-03-01T09:00:00Z');

describe('token bucket', () => {
  it('starts full: a burst of exactly `burst` calls goes through, the next one is refused', () => {
    // Prepare
    const bucket = new TokenBucket({ perSecond: 2, burst: 5 }, T0);

    // Act
    const taken = Array.from({ length: 6 }, () => bucket.take(T0));

    // Assess
    expect(taken).toEqual([true, true, true, true, true, false]);
    expect(bucket.available(T0)).toBe(0);
  });

  it('refills at its rate: one token after 1/rate seconds, not before', () => {
    // Prepare
    const bucket = new TokenBucket({ perSecond: 4, burst: 1 }, T0);
    expect(bucket.take(T0)).toBe(true);

    // Act / Assess
    expect(bucket.take(T0 + 249)).toBe(false);
    expect(bucket.take(T0 + 250)).toBe(true);
    expect(bucket.take(T0 + 250)).toBe(false);
  });

  it('a refused call takes no token: refills are not eaten by throttled retries', () => {
    // Prepare
    const bucket = new TokenBucket({ perSecond: 1, burst: 1 }, T0);
    bucket.take(T0);

    // Act
    for (let ms = 100; ms < 1000; ms += 100) expect(bucket.take(T0 + ms)).toBe(false);

    // Assess
    expect(bucket.take(T0 + 1000)).toBe(true);
  });

  it('never saves up more than its burst, however long it stays idle', () => {
    // Prepare
    const bucket = new TokenBucket({ perSecond: 10, burst: 3 }, T0);

    // Act
    const afterAnHour = bucket.available(T0 + 3_600_000);

    // Assess
    expect(afterAnHour).toBe(3);
  });

  it('a clock that goes back neither refills nor breaks the bucket', () => {
    // Prepare
    const bucket = new TokenBucket({ perSecond: 1, burst: 1 }, T0);
    bucket.take(T0);

    // Act / Assess
    expect(bucket.take(T0 - 60_000)).toBe(false);
    expect(bucket.take(T0 + 1000)).toBe(true);
  });

  it('keeps its level across a save and a restore', () => {
    // Prepare
    const bucket = new TokenBucket({ perSecond: 1, burst: 10 }, T0);
    for (let i = 0; i < 8; i += 1) bucket.take(T0);

    // Act
    const restored = new TokenBucket({ perSecond: 1, burst: 10 }, T0 + 5000);
    restored.importState(bucket.exportState());

    // Assess
    expect(restored.available(T0)).toBe(2);
    expect(restored.available(T0 + 3000)).toBe(5);
  });

  it.each([
    [{ perSecond: 0, burst: 1 }, /perSecond must be a number greater than 0, got 0/],
    [{ perSecond: 1, burst: 0 }, /burst must be a whole number of at least 1, got 0/],
    [{ perSecond: 1, burst: 1.5 }, /burst must be a whole number of at least 1, got 1.5/],
  ])('refuses the limit %j', (limit, message) => {
    expect(() => new TokenBucket(limit, T0)).toThrow(message);
  });
});
