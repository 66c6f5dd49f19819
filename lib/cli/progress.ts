// Prints an execution's states as they start and end, so a person sees where a run is and why it
// stopped. Events come from the local state machine runner.
import type { EventLog } from '../local/local-state-machine';
import type { EventSource } from '../local/local-environment';
import { isPolling, type StatusRecord } from '../domain/status';
import { failureMessage } from '../domain/onboarding/status-updates';

/** Events of a connection's polling loop: each attempt is a line, not each state. */
const polling = (from: EventSource | undefined) => from?.kind === 'connection-verification';

export function progressPrinter(write: (line: string) => void): (event: EventLog, from?: EventSource) => void {
  const entered = new Map<string, number>();
  const failed = new Set<string>();
  const seen = new Map<string, Map<string, number | string>>();
  return (event, from) => {
    // Inside a connection's polling loop only the outcome of each attempt is worth a line, with each
    // distinct diagnosis in full once; the Map that starts the loops says nothing either.
    if (polling(from) || ('index' in event && event.index !== undefined)) {
      if (event.type === 'StateExited' && event.state.name === 'Record Attempt') write(attemptLine(event.state.output, seen));
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
    warnings?: { code?: string; side?: string; summary?: string; fix?: string }[];
    probes?: { action?: string; outcome?: string }[];
  };
  progress?: { state?: string; waitSeconds?: number; continue?: boolean };
}

/**
 * One connection attempt, as support would say it: outcome, diagnosis, what to fix, what happens next.
 * A diagnosis is printed in full once per connection; an attempt that gets the same one again is one
 * line naming the attempt that first had it.
 */
function attemptLine(output: unknown, seen: Map<string, Map<string, number | string>>): string {
  const state = (output ?? {}) as AttemptState;
  const id = state.connection?.connectionId ?? '?';
  const n = state.attempt?.attempt ?? '?';
  const d = state.attempt?.diagnosis;
  if (state.attempt?.outcome === 'VERIFIED') {
    const probed = (state.attempt.probes ?? []).filter((p) => p.outcome === 'passed').map((p) => p.action);
    const reached = probed.length > 0 ? `; probes passed: ${probed.join(', ')}` : '';
    const lines = [`    [${id}] attempt ${n}: VERIFIED (External ID required and accepted${reached})`];
    for (const w of state.attempt.warnings ?? []) {
      lines.push(`        warning ${w.code ?? '?'} (${w.side ?? '?'} side): ${w.summary ?? ''}`);
      if (w.fix) lines.push(`        fix: ${w.fix}`);
    }
    return lines.join('\n');
  }
  const next = state.progress?.continue
    ? `next attempt in ${state.progress.waitSeconds} s`
    : `polling stops: ${state.progress?.state ?? 'done'}`;
  const code = d?.code ?? state.attempt?.outcome ?? 'DENIED';
  // CloudTrail evidence grows with every attempt (its count of denied calls); the diagnosis does not.
  const key = JSON.stringify([code, d?.side, d?.summary, d?.fix]);
  const earlier = seen.get(id) ?? new Map<string, number | string>();
  seen.set(id, earlier);
  const first = earlier.get(key);
  if (first !== undefined) return `    [${id}] attempt ${n}: same as attempt ${first} — ${next}`;
  earlier.set(key, n);
  const lines = [`    [${id}] attempt ${n}: ${code} (${d?.side ?? '?'} side) — ${next}`];
  if (d?.summary) lines.push(`        ${d.summary}`);
  if (d?.fix) lines.push(`        fix: ${d.fix}`);
  const trail = d?.evidence?.find((e) => e.source === 'cloudtrail' || e.source === 'probe');
  if (trail?.summary) lines.push(`        evidence: ${trail.summary}`);
  return lines.join('\n');
}

/** "2 h 10 min", "5 min 3 s", "12 s": how long a run has been verifying, on its own clock. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s} s`;
  return `${s} s`;
}

/** "verifying acme-athena: attempt 12, acme-redshift: attempt 9, simulated 2 h 10 min". */
export function verifyingLine(attempts: ReadonlyMap<string, number>, elapsedMs: number, simulated: boolean): string {
  const each = [...attempts].map(([id, attempt]) => `${id}: attempt ${attempt}`).join(', ');
  return `verifying ${each}, ${simulated ? 'simulated' : 'elapsed'} ${formatDuration(elapsedMs)}`;
}

export interface Ticker {
  onEvent: (event: EventLog, from?: EventSource) => void;
  stop: () => void;
}

/**
 * A line every `everyMs` of real time while connections are being verified, so a long local run —
 * whose clock skips the polling waits — is never silent: which connections, their attempt, and how
 * much time the run has simulated so far.
 */
export function verificationTicker(write: (line: string) => void, options: { clock: () => number; everyMs?: number }): Ticker {
  const attempts = new Map<string, number>();
  const startedAt = options.clock();
  const timer = setInterval(() => {
    if (attempts.size > 0) write(verifyingLine(attempts, options.clock() - startedAt, true));
  }, options.everyMs ?? 3000);
  timer.unref?.();
  return {
    onEvent: (event, from) => {
      if (!polling(from) || event.type !== 'StateExited') return;
      if (event.state.name !== 'Record Attempt') return;
      const state = (event.state.output ?? {}) as AttemptState;
      const id = state.connection?.connectionId;
      if (!id) return;
      if (state.progress?.continue) attempts.set(id, (state.attempt?.attempt ?? 0) + 1);
      else attempts.delete(id);
    },
    stop: () => clearInterval(timer),
  };
}

/**
 * The same line for a run the CLI only started (a re-run on any target): every `everyMs` it reads the
 * tenant's status and names the run's connections still polling. `simulated` when the target's clock
 * skips the polling waits (the sandbox).
 */
export function statusTicker(
  read: () => Promise<StatusRecord | undefined>,
  executionArn: string,
  write: (line: string) => void,
  options: { clock: () => number; everyMs?: number; simulated: boolean },
): { stop: () => void } {
  const startedAt = options.clock();
  let reading = false;
  const timer = setInterval(() => {
    if (reading) return;
    reading = true;
    read()
      .then((record) => {
        const polling = Object.values(record?.connections ?? {})
          .filter((c) => isPolling(c.state) && c.execution.id === executionArn)
          .sort((a, b) => a.connectionId.localeCompare(b.connectionId));
        // The attempt under way or next: one more than those recorded.
        const attempts = new Map(polling.map((c) => [c.connectionId, c.attempts + 1]));
        if (attempts.size > 0) write(verifyingLine(attempts, options.clock() - startedAt, options.simulated));
      })
      // A failed read is no reason to stop a run; the next tick reads again.
      .catch(() => undefined)
      .finally(() => {
        reading = false;
      });
  }, options.everyMs ?? 3000);
  timer.unref?.();
  return { stop: () => clearInterval(timer) };
}
