// Prints an execution's states as they start and end, so a person sees where a run is and why it
// stopped. Events come from the local state machine runner.
import type { EventLog } from '../local/local-state-machine';
import { failureMessage } from '../domain/status-updates';

export function progressPrinter(write: (line: string) => void): (event: EventLog) => void {
  const entered = new Map<string, number>();
  const failed = new Set<string>();
  return (event) => {
    switch (event.type) {
      case 'StateEntered':
        entered.set(event.state.name, event.timestamp);
        failed.delete(event.state.name);
        if (event.state.type === 'Task') write(`  → ${event.state.name}`);
        break;
      case 'StateExited': {
        const started = entered.get(event.state.name) ?? event.timestamp;
        if (event.state.type === 'Task' && !failed.has(event.state.name)) {
          write(`  ✓ ${event.state.name} (${event.timestamp - started} ms)`);
        }
        break;
      }
      case 'StateFailed':
        failed.add(event.state.name);
        if (event.state.type === 'Fail') write(`  ■ ${event.state.name}: the execution fails with ${event.Error}`);
        else write(`  ✗ ${event.state.name}: ${event.Error}: ${failureMessage({ Error: event.Error, Cause: causeText(event.Cause) })}`);
        break;
      case 'StateRetried':
        failed.delete(event.state.name);
        write(`  ↻ ${event.state.name}: retry ${event.retry.attempt} after ${event.retry.retrier.ErrorEquals.join(', ')}`);
        break;
      case 'StateCaught':
        write(`    caught: going to "${event.catch.catcher.Next}"`);
        break;
      default:
        break;
    }
  };
}

function causeText(cause: unknown): string {
  return typeof cause === 'string' ? cause : JSON.stringify(cause);
}
