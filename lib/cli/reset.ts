// `onboarding reset`: deletes a local stack's state folder, so the next start begins afresh. Refused
// while a stack runs from it (stop that first), and for a folder that is not a stack's.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { defaultStateDir, runningStack, STACK_FILE } from '../local/stack-file';
import { UsageError } from './usage-error';

const STACK_ENTRIES = new Set(['scenario.json', 'sandbox-state.json', 'executions.json', 'dynamodb', STACK_FILE]);

export function resetStack(options: { stateDir?: string }, out: (line: string) => void): number {
  const stateDir = path.resolve(options.stateDir ?? defaultStateDir());
  if (!existsSync(stateDir)) {
    out(`Nothing to reset: ${stateDir} does not exist.`);
    return 0;
  }
  const running = runningStack(stateDir);
  if (running) {
    throw new UsageError(`a local stack is running from ${stateDir} (pid ${running.pid}, ${running.url}): stop it first (Ctrl-C in its terminal, or kill ${running.pid}), then reset`);
  }
  const strangers = readdirSync(stateDir).filter((entry) => !STACK_ENTRIES.has(entry) && !entry.endsWith('.tmp'));
  if (strangers.length > 0) {
    throw new UsageError(`${stateDir} is not only a local stack's state (it holds ${strangers.slice(0, 3).join(', ')}): not deleting it`);
  }
  rmSync(stateDir, { recursive: true, force: true });
  out(`Deleted the local stack's state in ${stateDir}: the next \`npm start\` begins afresh.`);
  return 0;
}
