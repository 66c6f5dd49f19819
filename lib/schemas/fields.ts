// Building blocks of the input schemas: strings whose problems are the domain's rules, worded as the
// domain words them, and caps on every string and array an event can carry.
import * as z from 'zod';
import { describeType } from '../problem-text';
import { type StringRule, stringRuleProblems } from '../domain/onboarding/onboarding-request';
import { addProblems } from './problems';

/** A string checked by `problems`; `required` is said when it is missing, the JSON type when it is not a string. */
export function checkedString(required: string, problems: (value: string) => string[] = () => []) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? required : `must be a string, got ${describeType(issue.input)}`) })
    .check((ctx) => addProblems(ctx, problems(ctx.value)));
}

/** A string under one of the onboarding request's rules (tenant id, cluster name, namespace, ServiceAccount). */
export function ruledString(rule: StringRule) {
  // The rule's own words are its problems; JSON Schema says it with its keywords.
  return checkedString(`is required (${rule.allowed})`, (value) => stringRuleProblems(value, rule)).meta({
    minLength: 1,
    maxLength: rule.maxLength,
    pattern: rule.pattern.source,
  });
}

/** Said of a value too long to be kept: how long it was, never what it was. */
export function tooLong(value: string, max: number): string {
  return `is ${value.length} characters long; at most ${max} are allowed`;
}

// Every string and array of an event is capped, before anything else reads it: a value quoted in a
// problem, kept in a status note or in a dead letter must never grow a DynamoDB item past 400 KB or an
// SQS message past its limit (a 200 KB External ID once made every status write fail, and the event
// was retried and dead-lettered three times).

/** A string of at most `max` characters; the problem says how long it was, never what it was. */
export function cappedString(max: number) {
  return z
    .string()
    .check((ctx) => addProblems(ctx, ctx.value.length > max ? [tooLong(ctx.value, max)] : []))
    .meta({ maxLength: max });
}

/** An array of at most `max` entries, `tooMany` said of one with more; `notAnArray` of a value that is none. */
export function cappedArray<T extends z.ZodType>(
  element: T,
  max: number,
  { tooMany = (length: number) => `has ${length} entries; at most ${max} are allowed`, notAnArray }: { tooMany?: (length: number) => string; notAnArray?: string } = {},
) {
  return z
    .array(element, { error: (issue) => (issue.code === 'invalid_type' ? notAnArray : undefined) })
    .check(acrossFields<unknown[]>((ctx) => addProblems(ctx, Array.isArray(ctx.value) && ctx.value.length > max ? [tooMany(ctx.value.length)] : [])))
    .meta({ maxItems: max });
}

/**
 * A check of an object across its fields that runs even when one of them has a problem, so that every
 * problem is reported at once; it reads the fields as sent, so it must not trust their types.
 */
export function acrossFields<T>(check: (ctx: z.core.ParsePayload<T>) => void) {
  return z.superRefine<T>((_value, ctx) => check(ctx), { when: () => true });
}
