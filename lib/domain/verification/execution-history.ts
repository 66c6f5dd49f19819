// How many history events states add to a Step Functions execution, read from their ASL definition.
// An execution ends at 25,000 events, and every retry a Retry block allows is events too, so a budget
// counted from the definition itself stays right when its Retry blocks change.

export interface AslRetrier {
  ErrorEquals: string[];
  MaxAttempts?: number;
}

export interface AslState {
  Type: string;
  Next?: string;
  Default?: string;
  Choices?: { Next: string }[];
  Catch?: { Next: string }[];
  Retry?: AslRetrier[];
}

/** The ASL default when a retrier gives no MaxAttempts. */
const DEFAULT_MAX_ATTEMPTS = 3;
/** Every state: entered and exited. */
const EVENTS_PER_STATE = 2;
/** Every try of a Lambda task: scheduled, started, and succeeded, failed or timed out. */
const EVENTS_PER_TRY = 3;

/**
 * The most events one run of a Task state can add: each retrier counts its own retries, so errors
 * that alternate between retriers can use up all of them before the task ends (succeeded or caught).
 */
export function taskHistoryEvents(state: AslState): number {
  const retries = (state.Retry ?? []).reduce((sum, r) => sum + (r.MaxAttempts ?? DEFAULT_MAX_ATTEMPTS), 0);
  return EVENTS_PER_STATE + EVENTS_PER_TRY * (1 + retries);
}

function stateHistoryEvents(state: AslState): number {
  return state.Type === 'Task' ? taskHistoryEvents(state) : EVENTS_PER_STATE;
}

function successors(state: AslState): string[] {
  return [
    ...(state.Next ? [state.Next] : []),
    ...(state.Default ? [state.Default] : []),
    ...(state.Choices ?? []).map((c) => c.Next),
    ...(state.Catch ?? []).map((c) => c.Next),
  ];
}

/**
 * The most events one pass round a loop can add: the costliest way from `start` back to it, retries
 * included. Ways that end the loop (a terminal state) are not passes; the loop's states are few, so
 * every simple way round is tried.
 */
export function loopHistoryEvents(states: Record<string, AslState>, start: string): number {
  let worst = -1;
  const walk = (name: string, seen: Set<string>, events: number) => {
    const state = states[name];
    if (!state) throw new Error(`The loop names a state "${name}" that does not exist`);
    const total = events + stateHistoryEvents(state);
    for (const next of successors(state)) {
      if (next === start) worst = Math.max(worst, total);
      else if (!seen.has(next)) walk(next, new Set(seen).add(next), total);
    }
  };
  walk(start, new Set([start]), 0);
  if (worst < 0) throw new Error(`No way leads from "${start}" back to itself: it is not a loop`);
  return worst;
}
