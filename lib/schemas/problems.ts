// A schema's issues as the problems every input reports (`{ field, problem }`), all at once: each
// says what was wrong and what is allowed, with the field it is about (`detail.targetRoles[0].roleArn`).
// Messages of the content rules are set on the schemas; zod's own issues (a missing field, a wrong
// JSON type, a literal, an unknown field) are worded here.
import * as z from 'zod';
import { quotePrefix } from '../problem-text';
import type { FieldProblem } from '../errors';

/** At most this many problems are listed; a sender with more has a systematic error, and the rest adds nothing. */
export const MAX_PROBLEMS = 20;

/** At most MAX_PROBLEMS, the last one saying how many more there were. */
export function capProblems(problems: FieldProblem[]): FieldProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const listed = problems.slice(0, MAX_PROBLEMS - 1);
  return [...listed, { field: '(event)', problem: `has ${problems.length - listed.length} more problems, not listed` }];
}

/** A field name as a path shows it: an unknown one can be any length, so only its start is kept. */
function segmentName(segment: string): string {
  const chars = Array.from(segment);
  return chars.length <= 40 ? segment : `${chars.slice(0, 40).join('')}…`;
}

/** `['detail', 'targetRoles', 0, 'roleArn']` as `detail.targetRoles[0].roleArn`; `empty` for the input itself. */
export function fieldPath(path: readonly PropertyKey[], empty = '(event)'): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segmentName(String(segment)) : `.${segmentName(String(segment))}`;
  }
  return out === '' ? empty : out;
}

const JSON_TYPE: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
  undefined: 'missing',
};

function describeJsonType(type: string): string {
  return JSON_TYPE[type] ?? type;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * How zod's own issues read (a message set on a schema outranks it): the JSON types as people name
 * them, and the literal a field must be. Only envelope fields are literals (source), so what was sent
 * is safe to repeat.
 */
export const wording: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined
      ? `is required (${describeJsonType(issue.expected)})`
      : `must be ${describeJsonType(issue.expected)}, got ${describeJsonType(jsonTypeOf(issue.input))}`;
  }
  if (issue.code === 'invalid_value' && issue.values.length === 1) {
    const got = typeof issue.input === 'string' ? `, got ${quotePrefix(issue.input)}` : '';
    return `must be ${JSON.stringify(issue.values[0])}${got}`;
  }
  return undefined;
};

/** Adds a content rule's problems (plain texts) as issues of the value being checked. */
export function addProblems(ctx: z.core.ParsePayload<unknown>, problems: readonly string[], path: PropertyKey[] = []): void {
  for (const message of problems) ctx.issues.push({ code: 'custom', message, input: ctx.value, path });
}

/** A schema with the words unknown fields are reported in: what the object is, or how its fields are named. */
export interface UnknownFieldWording {
  /** The whole input, in "is not a field of <what>" ("a TenantCreated event's detail"). */
  what: string;
  /** A problem for unknown keys of the object at this path, instead of "is not a field of ...". */
  at?: (path: readonly PropertyKey[], allowed: string[]) => string | undefined;
}

/** The object schema found by following a path into a schema, to name the fields it allows. */
function objectShapeAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] | undefined {
  const unwrap = (inner: z.ZodType): z.ZodType => {
    if (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable || inner instanceof z.ZodDefault) return unwrap(inner.unwrap() as z.ZodType);
    if (inner instanceof z.ZodPipe) return unwrap(inner.in as z.ZodType);
    return inner;
  };
  let current: z.ZodType = schema;
  for (const segment of path) {
    current = unwrap(current);
    if (current instanceof z.ZodArray && typeof segment === 'number') current = current.element as z.ZodType;
    else if (current instanceof z.ZodObject && typeof segment === 'string') {
      const next = (current.shape as Record<string, z.ZodType>)[segment];
      if (!next) return undefined;
      current = next;
    } else return undefined;
  }
  current = unwrap(current);
  if (current instanceof z.ZodDiscriminatedUnion) return [discriminatedFields(current)];
  return current instanceof z.ZodObject ? Object.keys(current.shape as object) : undefined;
}

/** The fields of each option of a discriminated union: `kind, and for "s3": bucket, region; for "athena": ...`. */
function discriminatedFields(union: z.ZodDiscriminatedUnion): string {
  const discriminator = union._zod.def.discriminator;
  const options = (union.options as z.ZodType[]).flatMap((option) => {
    if (!(option instanceof z.ZodObject)) return [];
    const shape = option.shape as Record<string, z.ZodType>;
    const tag = shape[discriminator];
    const value = tag instanceof z.ZodLiteral ? JSON.stringify(tag.value) : '?';
    return [`for ${value}: ${Object.keys(shape).filter((k) => k !== discriminator).join(', ')}`];
  });
  return `${discriminator}, and ${options.join('; ')}`;
}

/**
 * A failed parse as problems. Unknown fields come first: a misspelt field name ("namesapce") explains
 * the problems that follow it (a namespace that then defaults).
 */
export function problemsOf(
  error: z.ZodError,
  schema: z.ZodType,
  options: { prefix?: (string | number)[]; unknown: UnknownFieldWording; empty?: string },
): FieldProblem[] {
  const prefix = options.prefix ?? [];
  const unknownFields: FieldProblem[] = [];
  const others: FieldProblem[] = [];
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      const allowed = objectShapeAt(schema, issue.path) ?? [];
      const where = issue.path.length === 0 ? options.unknown.what : `${fieldPath(path)} of ${options.unknown.what}`;
      const problem = options.unknown.at?.(issue.path, allowed) ?? `is not a field of ${where} (allowed: ${allowed.join(', ')})`;
      unknownFields.push(...issue.keys.map((key) => ({ field: fieldPath([...path, key], options.empty), problem })));
    } else {
      others.push({ field: fieldPath(path, options.empty), problem: issue.message });
    }
  }
  return [...unknownFields, ...others];
}
