// @ts-nocheck
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The checkout's root (where statemachines/ and scenarios/ live), found from this file's location
 * whether it runs from source (tests) or from the CLI's bundle under node_modules/.cache.
 */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'tenant-dataplane-onboarding') {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the tenant-dataplane-onboarding checkout above ${from}`);
    dir = parent;
  }
}
