// @ts-nocheck
// Prints what the polling schedule costs: attempts, waiting, state transitions, history events and
// dollars for a connection that is never fixed (the worst case), for the default schedule and a few
// alternatives. Run: `npm run bench`.
import {
  DEFAULT_SCHEDULE,
  HISTORY_EVENT_BUDGET,
  HISTORY_EVENTS_PER_ATTEMPT,
  maxAttempts,
  PollingSchedule,
  TRANSITIONS_PER_ATTEMPT,
} from '../lib/domain/verification';

const PRICE_PER_TRANSITION = 0.025 / 1000;

const schedules: [string, PollingSchedule][] = [
  ['default (1 min doubling to 1 h, 7 days)', DEFAULT_SCHEDULE],
  ['1 min doubling to 15 min, 7 days', { ...DEFAULT_SCHEDULE, maxIntervalSeconds: 900 }],
  ['1 min doubling to 6 h, 7 days', { ...DEFAULT_SCHEDULE, maxIntervalSeconds: 6 * 3600 }],
  ['1 min doubling to 1 h, 1 day', { ...DEFAULT_SCHEDULE, deadlineSeconds: 86_400 }],
  ['1 min doubling to 1 h, 21 days (the longest allowed)', { ...DEFAULT_SCHEDULE, deadlineSeconds: 21 * 86_400 }],
];

const rows = schedules.map(([name, schedule]) => {
  const attempts = maxAttempts(schedule);
  const transitions = attempts * TRANSITIONS_PER_ATTEMPT;
  const events = attempts * HISTORY_EVENTS_PER_ATTEMPT;
  return {
    schedule: name,
    attempts,
    transitions,
    'cost per connection ($)': (transitions * PRICE_PER_TRANSITION).toFixed(4),
    'history events': events,
    'connections per run': Math.floor(HISTORY_EVENT_BUDGET / events),
  };
});
console.log('Worst case per customer connection (never fixed until the deadline):');
console.table(rows);
console.log(`History budget per execution: ${HISTORY_EVENT_BUDGET} of Step Functions' 25,000 events.`);
