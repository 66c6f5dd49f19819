// A customer connection as the inputs that carry one give it: { connectionId, roleArn, externalId }.
// Its shape and the connection id are checked here; whether the ARN and the External ID are usable is
// the pre-flight's job, which explains it to the customer (lib/domain/verification/connection.ts). Problems never
// contain the External ID.
import * as z from 'zod';
import { type Connection, CONNECTION_ID_MAX_LENGTH, CONNECTION_ID_PATTERN, connectionIdProblems } from '../domain/verification/connection';
import { describeType } from '../problem-text';
import { externalIdLengthProblems } from '../external-id';
import { ROLE_ARN_MAX_LENGTH, roleArnLengthProblems } from '../domain/role-arn';
import type { FieldProblem } from '../errors';
import { checkedString } from './fields';
import { connectionResourceSchema } from './connection-resource';
import { problemsOf } from './problems';

const nonEmpty =
  (more: (value: string) => string[]) =>
  (value: string): string[] =>
    value.length === 0 ? ['must not be empty'] : more(value);

export const connectionFields = {
  connectionId: checkedString('is required', nonEmpty(connectionIdProblems)).meta({
    description: `Names the connection within the tenant: 1-${CONNECTION_ID_MAX_LENGTH} characters from letters, digits and _.-`,
    pattern: CONNECTION_ID_PATTERN.source,
  }),
  roleArn: checkedString('is required', nonEmpty(roleArnLengthProblems)).meta({
    description: "The customer's target role, arn:<partition>:iam::<account>:role/<path><name>.",
    maxLength: ROLE_ARN_MAX_LENGTH,
  }),
  externalId: checkedString('is required', nonEmpty(externalIdLengthProblems)).meta({
    description:
      'Stored with the tenant; never returned, logged or put in an execution (shown as length and fingerprint). The API refuses one STS would refuse (2-1224 characters from letters, digits and _+=,.@:/-), saying where, never the value.',
  }),
  resource: connectionResourceSchema.optional(),
};

const NOT_AN_OBJECT = (value: unknown) => `must be an object with connectionId, roleArn and externalId, got ${describeType(value)}`;

/** One connection with its External ID. Other fields are left out, as a form may send more than these. */
export const connectionSchema = z.object(connectionFields, {
  // Stryker disable next-line ConditionalExpression: a non-strict object raises no issue of its own but invalid_type (unknown fields are dropped, not reported), so "always" is the same
  error: (issue) => (issue.code === 'invalid_type' ? NOT_AN_OBJECT(issue.input) : undefined),
});

export type ConnectionInput = z.input<typeof connectionSchema>;

/**
 * One connection checked alone: the connection, or every problem with it, each with its field
 * (`(connection)` for a value that is not an object at all).
 */
export function validateConnectionShape(input: unknown): { connection?: Connection; problems: FieldProblem[] } {
  const parsed = connectionSchema.safeParse(input);
  if (parsed.success) return { connection: parsed.data, problems: [] };
  // Stryker disable next-line ObjectLiteral,StringLiteral: the unknown-field wording is never used, as the schema drops unknown fields
  return { problems: problemsOf(parsed.error, connectionSchema, { unknown: { what: 'a connection' }, empty: '(connection)' }) };
}
