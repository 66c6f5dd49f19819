// A customer connection as the inputs that carry one give it: { connectionId, roleArn, externalId }.
// Its shape and the connection id are checked here; whether the ARN and the External ID are usable is
// the pre-flight's job, which explains it to the customer (lib/domain/connection.ts). Problems never
// contain the External ID.
import { z } from 'zod';
import { connectionIdProblems, describeType, externalIdLengthProblems, roleArnLengthProblems, type Connection } from '../domain/connection';
import type { FieldProblem } from '../errors';
import { checkedString } from './fields';
import { problemsOf } from './problems';

const nonEmpty =
  (more: (value: string) => string[]) =>
  (value: string): string[] =>
    value.length === 0 ? ['must not be empty'] : more(value);

export const connectionFields = {
  connectionId: checkedString('is required', nonEmpty(connectionIdProblems)).meta({
    description: 'Names the connection within the tenant: 1-64 characters from letters, digits and _.-',
    examples: ['acme-data-lake'],
  }),
  roleArn: checkedString('is required', nonEmpty(roleArnLengthProblems)).meta({
    description: "The customer's target role, which trusts the tenant's dataplane role",
    examples: ['arn:aws:iam::222222222222:role/qualytics-s3-read'],
  }),
  externalId: checkedString('is required', nonEmpty(externalIdLengthProblems)).meta({
    description:
      'The External ID the target role requires (sts:ExternalId); never returned, logged or recorded, only its length and fingerprint',
  }),
};

const NOT_AN_OBJECT = (value: unknown) => `must be an object with connectionId, roleArn and externalId, got ${describeType(value)}`;

/** One connection with its External ID. Other fields are left out, as a form may send more than these. */
export const connectionSchema = z.object(connectionFields, {
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
  return { problems: problemsOf(parsed.error, connectionSchema, { unknown: { what: 'a connection' }, empty: '(connection)' }) };
}
