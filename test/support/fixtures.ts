// The files under test/fixtures, read one way by every test: by folder and name, a fresh copy each time.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', 'fixtures');

export type FixtureFolder = 'api' | 'cloudtrail' | 'events' | 'onboarding' | 'sts-errors' | 'trust-policies';

/** The path of a fixture folder, or of a file in it (`name` without `.json`). */
export function fixturePath(folder: FixtureFolder, name?: string): string {
  return name === undefined ? path.join(ROOT, folder) : path.join(ROOT, folder, `${name}.json`);
}

/** A fixture's parsed JSON; a fresh copy each time, so a test may change it. */
export function readFixture<T = any>(folder: FixtureFolder, name: string): T {
  return JSON.parse(readFileSync(fixturePath(folder, name), 'utf8')) as T;
}

/** The names (without `.json`) of a folder's fixtures, sorted. */
export function fixtureNames(folder: FixtureFolder): string[] {
  return readdirSync(fixturePath(folder))
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}
