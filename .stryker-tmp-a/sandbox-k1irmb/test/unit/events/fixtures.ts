// @ts-nocheck
// The event fixtures of test/fixtures/events, as EventBridge delivers them to the function.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const EVENT_FIXTURES = path.resolve(__dirname, '../../fixtures/events');

/** A fresh copy each time, so a test may change it. */
export function eventFixture(name: string): Record<string, any> {
  return JSON.parse(readFileSync(path.join(EVENT_FIXTURES, `${name}.json`), 'utf8'));
}

/** The External ID of the fixtures' connection (verify-correct-setup's). */
export const EXTERNAL_ID = 'acme-7Hq2vX9pLm';
