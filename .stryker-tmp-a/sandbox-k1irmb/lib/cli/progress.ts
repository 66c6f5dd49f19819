// @ts-nocheck
// Prints an execution's states as they start and end, so a person sees where a run is and why it
// stopped. Events come from the local state machine runner.
import type { EventLog } from '../local/local-state-machine';
import { failureMessage } from '../domain/status-updates';

export function progressPrinter(write: (line: string) => void): (event: EventLog) => void {
  const entered = new Map<string, number>();
  const failed = new Set<string>();
  const lastCode = new Map<string, string>();
  return (event) => {
    // Inside a Map (one polling loop per connection) only the outcome of each attempt is worth a line,
    // with the diagnosis in full only when it changes.
    if ('index' in event && event.index !== undefined) {
      if (event.type === 'StateExited' && event.state.name === 'Record Attempt') write(attemptLine(event.state.output, lastCode));
      if (event.type === 'StateRetried') write(`    ↻ ${event.state.name}: retry ${event.retry.attempt}`);
      return;
    }
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

interface AttemptState {
  connection?: { connectionId?: string };
  attempt?: {
    attempt?: number;
    outcome?: string;
    diagnosis?: { code?: string; side?: string; summary?: string; fix?: string; evidence?: { source?: string; summary?: string }[] };
  };
  progress?: { state?: string; waitSeconds?: number; continue?: boolean };
}

/** One connection attempt, as support would say it: outcome, diagnosis, what to fix, what happens next. */
function attemptLine(output: unknown, lastCode: Map<string, string>): string {
  const state = (output ?? {}) as AttemptState;
  const id = state.connection?.connectionId ?? '?';
  const code = state.attempt?.diagnosis?.code ?? state.attempt?.outcome ?? '';
  const repeated = lastCode.get(id) === code;
  lastCode.set(id, code);
  const n = state.attempt?.attempt ?? '?';
  const d = state.attempt?.diagnosis;
  if (state.attempt?.outcome === 'VERIFIED') return `    [${id}] attempt ${n}: VERIFIED (External ID required and accepted)`;
  const next = state.progress?.continue
    ? `next attempt in ${state.progress.waitSeconds} s`
    : `polling stops: ${state.progress?.state ?? 'done'}`;
  const lines = [`    [${id}] attempt ${n}: ${d?.code ?? state.attempt?.outcome ?? 'DENIED'} (${d?.side ?? '?'} side) — ${next}`];
  if (repeated) return lines[0]!;
  if (d?.summary) lines.push(`        ${d.summary}`);
  if (d?.fix) lines.push(`        fix: ${d.fix}`);
  const trail = d?.evidence?.find((e) => e.source === 'cloudtrail');
  if (trail?.summary) lines.push(`        evidence: ${trail.summary}`);
  return lines.join('\n');
}
