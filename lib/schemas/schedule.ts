// The polling schedule a verification may be given: each setting a whole number of seconds within the
// limits that keep one execution inside Step Functions' history (lib/domain/verification/verification.ts).
import * as z from 'zod';
import { DEFAULT_SCHEDULE, SCHEDULE_LIMITS } from '../domain/verification/verification';
import { acrossFields } from './fields';
import { addProblems } from './problems';

type Setting = keyof typeof SCHEDULE_LIMITS;

const DESCRIPTIONS: Record<Setting, string | undefined> = {
  firstRetrySeconds: undefined,
  maxIntervalSeconds: 'Not smaller than firstRetrySeconds.',
  deadlineSeconds: undefined,
};

function setting(key: Setting) {
  const { min, max } = SCHEDULE_LIMITS[key];
  const problem = `must be a whole number of seconds from ${min} to ${max}`;
  return z
    .number({ error: problem })
    .check((ctx) => addProblems(ctx, Number.isInteger(ctx.value) && ctx.value >= min && ctx.value <= max ? [] : [problem]))
    .optional()
    .meta({ type: 'integer', minimum: min, maximum: max, default: DEFAULT_SCHEDULE[key], ...(DESCRIPTIONS[key] ? { description: DESCRIPTIONS[key] } : {}) });
}

export const SCHEDULE_SETTINGS = Object.keys(SCHEDULE_LIMITS) as Setting[];

/** Unknown keys are said to be no schedule setting, wherever a schedule is. */
export function unknownScheduleSetting(path: readonly PropertyKey[]): string | undefined {
  return path[path.length - 1] === 'schedule' ? `is not a schedule setting (allowed: ${SCHEDULE_SETTINGS.join(', ')})` : undefined;
}

export const scheduleSchema = z
  .strictObject(
    {
      firstRetrySeconds: setting('firstRetrySeconds'),
      maxIntervalSeconds: setting('maxIntervalSeconds'),
      deadlineSeconds: setting('deadlineSeconds'),
    },
    { error: (issue) => (issue.code === 'invalid_type' ? `must be an object { ${SCHEDULE_SETTINGS.join(', ')} }` : undefined) },
  )
  .check(
    acrossFields<{ firstRetrySeconds?: unknown; maxIntervalSeconds?: unknown }>((ctx) => {
      const first = validSetting('firstRetrySeconds', ctx.value.firstRetrySeconds);
      const cap = validSetting('maxIntervalSeconds', ctx.value.maxIntervalSeconds);
      if (cap < first) addProblems(ctx, ['must not be smaller than firstRetrySeconds'], ['maxIntervalSeconds']);
    }),
  )
  .meta({
    description:
      "Polling of a denied connection: the first retry, doubling up to the interval cap, until the deadline. Defaults: 60 s, 1 h, 7 days. The worst case of the run must fit one execution's history (the message says how many connections fit).",
  });

/** A setting as the schedule will use it: the default when it is left out or not usable. */
function validSetting(key: Setting, value: unknown): number {
  const { min, max } = SCHEDULE_LIMITS[key];
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : DEFAULT_SCHEDULE[key];
}

export type ScheduleInput = z.input<typeof scheduleSchema>;

/** The schedule with its defaults filled in. */
export function withDefaults(schedule: ScheduleInput | null | undefined) {
  return { ...DEFAULT_SCHEDULE, ...(schedule ?? {}) };
}
