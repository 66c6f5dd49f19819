// The CLI's version is the package's: one number in package.json, for `onboarding --version`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../project-root';

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}
