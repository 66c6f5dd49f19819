import { SkippingClock } from '../../lib/clock';

describe('SkippingClock', () => {
  it('moves to the end of a skipped wait, once for waits that run side by side', () => {
    // Prepare
    const clock = new SkippingClock();
    const start = Date.now();

    // Act: two polling loops each wait 60 s from the same moment.
    clock.skipWait(60, start);
    clock.skipWait(60, start);

    // Assess
    const skipped = clock.now() - Date.now();
    expect(skipped).toBeGreaterThanOrEqual(59_000);
    expect(skipped).toBeLessThanOrEqual(60_100);
  });

  it('adds waits that follow each other, and never moves back', () => {
    const clock = new SkippingClock();
    clock.skipWait(60);
    clock.skipWait(120, Date.now() + 1); // the next wait starts after the first was skipped
    clock.skipWait(10, 0); // a wait long past cannot move the clock back
    expect(clock.now() - Date.now()).toBeGreaterThanOrEqual(179_000);
  });
});

describe('SkippingClock with a rate', () => {
  it('runs `rate` times faster than the system clock, and skips on top of that', async () => {
    // Prepare
    const clock = new SkippingClock(0, 50);
    const beforeStart = Date.now();
    const simulatedStart = clock.now();
    const afterStart = Date.now();

    // Act
    await new Promise((resolve) => setTimeout(resolve, 40));
    const beforeRead = Date.now();
    const ran = clock.now() - simulatedStart;
    const afterRead = Date.now();
    clock.skipWait(600);
    const afterSkip = clock.now() - simulatedStart;

    // Assess: 50 times the real time between the two readings (bracketed by the system clock), then 600 s more.
    expect(ran).toBeGreaterThanOrEqual(50 * (beforeRead - afterStart));
    expect(ran).toBeLessThanOrEqual(50 * (afterRead - beforeStart));
    expect(afterSkip).toBeGreaterThanOrEqual(ran + 600_000);
  });

  it('refuses a rate below 1', () => {
    expect(() => new SkippingClock(0, 0.5)).toThrow("a clock's rate must be a number of at least 1, got 0.5");
  });
});
