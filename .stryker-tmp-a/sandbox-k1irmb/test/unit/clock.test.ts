// @ts-nocheck
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
