// Prints what polling costs. First, per schedule, a connection that is never fixed (the worst case):
// attempts, state transitions, history events and dollars until the deadline. Then, for a fleet, what a
// tenant costs a month against a naive poll every minute: Step Functions, Lambda, DynamoDB and
// CloudTrail, from the real ASL and the prices and durations stated below.
// Run: `npm run bench [-- --connections C --tenants T]`.
import { DEFAULT_SCHEDULE, HISTORY_EVENT_BUDGET, maxAttempts, planNextAttempt, PollingSchedule, TRANSITIONS_PER_ATTEMPT } from '../lib/domain/verification/verification';
import { HISTORY_EVENTS_PER_ATTEMPT, MAX_CONNECTIONS_PER_RUN } from '../lib/domain/verification/verification-plan';
import { countOption } from './options';

const connectionsPerTenant = countOption('--connections', 10, MAX_CONNECTIONS_PER_RUN, "a verification run's most");
const tenants = countOption('--tenants', 1000, 1_000_000);

// Prices: us-east-1 list prices (Step Functions Standard, Lambda on arm64, DynamoDB on demand).
const PRICE_PER_TRANSITION = 0.025 / 1000;
const PRICE_PER_GB_SECOND = 0.0000133334;
const PRICE_PER_REQUEST = 0.2 / 1_000_000;
const PRICE_PER_WRITE_UNIT = 0.625 / 1_000_000;
const PRICE_PER_READ_UNIT = 0.125 / 1_000_000;
/** Every function has 256 MB (serverless.yml, provider.memorySize). */
const MEMORY_GB = 0.25;
/**
 * Billed duration per attempt, estimated: Attempt Assume makes three STS calls (~100 ms each),
 * Diagnose Denial one or two CloudTrail lookups (~400 ms each), Record Attempt two DynamoDB calls.
 */
const SECONDS = { attemptAssume: 0.3, diagnoseDenial: 0.6, recordAttempt: 0.05 };
/**
 * DynamoDB units per attempt: Attempt Assume reads the tenant's stored connections (about 2 KB each,
 * strongly consistent: one read unit per 4 KB); Record Attempt reads and writes the connection's status
 * (about 3 KB with a diagnosis: one read unit, three write units).
 */
const readUnits = (connections: number) => Math.ceil((connections * 2) / 4) + 1;
const WRITE_UNITS = 3;
/** CloudTrail LookupEvents: free, but 2 requests a second per account and region, for the whole fleet. */
const LOOKUPS_PER_SECOND = 2;
/** What a verification run adds besides its connections' polling (Plan, Map, Summarize), and per connection (its Map child, its execution's start and end). */
const RUN_TRANSITIONS = 5;
const CONNECTION_TRANSITIONS = 4;

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
    'fits one execution': events <= HISTORY_EVENT_BUDGET ? 'yes' : 'no',
  };
});
console.log('Worst case per customer connection (never fixed until the deadline):');
console.table(rows);
console.log(`History budget per execution: ${HISTORY_EVENT_BUDGET} of Step Functions' 25,000 events; each connection polls in an execution of its own.`);

/** Attempts the schedule makes before `seconds` of waiting have passed (a fix that lands then verifies at the next). */
function attemptsUntil(seconds: number, schedule: PollingSchedule): number {
  let progress = { attempts: 0, denials: 0, elapsedSeconds: 0 };
  for (let attempts = 1; ; attempts += 1) {
    if (progress.elapsedSeconds >= seconds) return attempts;
    const next = planNextAttempt({ ...progress, attempts }, schedule);
    if (!next.continue) return attempts;
    progress = next.progress;
  }
}

interface Case {
  name: string;
  /** Attempts per connection per month; denied ones are diagnosed. */
  attempts: number;
  denied: number;
}

function monthlyCost({ attempts, denied }: Case) {
  const perTenant = connectionsPerTenant;
  const transitions = RUN_TRANSITIONS + perTenant * (CONNECTION_TRANSITIONS + attempts * TRANSITIONS_PER_ATTEMPT);
  const invocations = 2 + perTenant * (attempts * 2 + denied);
  const gbSeconds = MEMORY_GB * perTenant * (attempts * (SECONDS.attemptAssume + SECONDS.recordAttempt) + denied * SECONDS.diagnoseDenial);
  const reads = perTenant * attempts * (readUnits(perTenant) + 1);
  const writes = perTenant * attempts * WRITE_UNITS;
  const lookups = perTenant * denied;
  const dollars =
    transitions * PRICE_PER_TRANSITION + gbSeconds * PRICE_PER_GB_SECOND + invocations * PRICE_PER_REQUEST + reads * PRICE_PER_READ_UNIT + writes * PRICE_PER_WRITE_UNIT;
  return { transitions, invocations, gbSeconds: Math.round(gbSeconds * 10) / 10, reads, writes, lookups, dollars };
}

// A month of one tenant: each connection is verified once (configured or changed once a month).
const hour = 3600;
const week = 7 * 24 * hour;
const naive: PollingSchedule = { firstRetrySeconds: 60, maxIntervalSeconds: 60, deadlineSeconds: week };
const cases: Case[] = [
  { name: 'fixed within the hour, backoff (ours)', attempts: attemptsUntil(hour, DEFAULT_SCHEDULE), denied: attemptsUntil(hour, DEFAULT_SCHEDULE) - 1 },
  { name: 'fixed within the hour, every minute', attempts: attemptsUntil(hour, naive), denied: attemptsUntil(hour, naive) - 1 },
  { name: 'never fixed (7 days), backoff (ours)', attempts: maxAttempts(DEFAULT_SCHEDULE), denied: maxAttempts(DEFAULT_SCHEDULE) },
  { name: 'never fixed (7 days), every minute', attempts: maxAttempts(naive), denied: maxAttempts(naive) },
];
console.log('');
console.log(`A tenant a month, ${connectionsPerTenant} connections each verified once (its customer fixes it within the hour, or never):`);
console.table(
  cases.map((c) => {
    const cost = monthlyCost(c);
    return {
      case: c.name,
      'attempts per connection': c.attempts,
      transitions: cost.transitions,
      'Lambda GB-s': cost.gbSeconds,
      'DynamoDB RRU / WRU': `${cost.reads} / ${cost.writes}`,
      'CloudTrail lookups': cost.lookups,
      'history events per connection': c.attempts * HISTORY_EVENTS_PER_ATTEMPT,
      '$ per tenant-month': cost.dollars.toFixed(4),
    };
  }),
);
const [oursFixed, naiveFixed, oursNever, naiveNever] = cases.map(monthlyCost);
console.log(
  `Per tenant-month the 1-minute poll costs ${(naiveFixed!.dollars / oursFixed!.dollars).toFixed(1)}x ours when the customer fixes within the hour, ` +
    `${(naiveNever!.dollars / oursNever!.dollars).toFixed(1)}x when never; and a never-fixed connection polled every minute needs ` +
    `${(maxAttempts(naive) * HISTORY_EVENTS_PER_ATTEMPT).toLocaleString('en-US')} history events: no single execution can hold it.`,
);
const fleetLookups = (tenants * oursNever!.lookups) / week;
console.log(
  `A fleet of ${tenants} such tenants with every connection never fixed: $${(tenants * oursNever!.dollars).toFixed(2)} a month, and ` +
    `${fleetLookups.toFixed(2)} CloudTrail lookups a second on average against the ${LOOKUPS_PER_SECOND} a second one account may make ` +
    `(above it, Diagnose Denial is throttled and the STS diagnosis stands alone).`,
);
