// The event fixtures of test/fixtures/events, as EventBridge delivers them to the function.
import { readFixture } from '../../support/fixtures';

/** A fresh copy each time, so a test may change it. */
export function eventFixture(name: string): Record<string, any> {
  return readFixture('events', name);
}

/** The External ID of the fixtures' connection (verify-correct-setup's). */
export const EXTERNAL_ID = 'acme-7Hq2vX9pLm';
