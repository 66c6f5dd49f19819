// Where a running local stack can be reached: a small file in its state folder, written once the stack
// listens and removed when it stops. A file whose process is gone (the stack was killed) is stale.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../project-root';

export const STACK_FILE = 'stack.json';

export interface RunningStack {
  pid: number;
  /** The stack's loopback endpoint, e.g. http://127.0.0.1:53124 */
  url: string;
  startedAt: string;
}

/** The state folder of `npm start`: in the checkout, ignored by git. */
export function defaultStateDir(): string {
  return path.join(projectRoot(), '.onboarding');
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The stack running from this state folder; undefined when none is, or the file is stale or unreadable. */
export function runningStack(stateDir: string): RunningStack | undefined {
  let found: Partial<RunningStack>;
  try {
    found = JSON.parse(readFileSync(path.join(stateDir, STACK_FILE), 'utf8')) as Partial<RunningStack>;
  } catch {
    return undefined;
  }
  if (typeof found.pid !== 'number' || typeof found.url !== 'string' || typeof found.startedAt !== 'string') return undefined;
  return isAlive(found.pid) ? (found as RunningStack) : undefined;
}

/** Written whole (a reader never sees half a file). */
export function writeJsonAtomically(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(value));
  renameSync(temporary, file);
}

export function announceStack(stateDir: string, stack: RunningStack): void {
  writeJsonAtomically(path.join(stateDir, STACK_FILE), stack);
}

/** Removes the file if it still names this process (a newer stack may have replaced a stale one). */
export function withdrawStack(stateDir: string, pid = process.pid): void {
  const file = path.join(stateDir, STACK_FILE);
  try {
    if ((JSON.parse(readFileSync(file, 'utf8')) as RunningStack).pid !== pid) return;
  } catch {
    return;
  }
  rmSync(file, { force: true });
}
