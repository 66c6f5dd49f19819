// The status API's path parameters, as they arrive in a URL: checked before anything is read, so a
// malformed id is a 400 that says what is allowed, never a lookup of a key DynamoDB would reject (a
// 500). Each problem is a sentence that names the parameter, as the API answers it.
import * as z from 'zod';
import { CONNECTION_ID_CHARACTER, CONNECTION_ID_MAX_LENGTH, CONNECTION_ID_PATTERN, reservedKeyProblem } from '../domain/verification/connection';
import { firstDisallowedCharacter } from '../problem-text';
import { DATAPLANE_ROLE_SUFFIX, TENANT_ID_CHARACTER, TENANT_ID_MAX_LENGTH, TENANT_ID_PATTERN } from '../domain/names';
import { addProblems } from './problems';

/** Bad input is quoted back, but never at any length: a URL can be kilobytes long. */
const QUOTE_MAX_LENGTH = 80;

export function quote(value: string): string {
  return JSON.stringify(value.length > QUOTE_MAX_LENGTH ? `${value.slice(0, QUOTE_MAX_LENGTH)}…` : value);
}

// The same rule as the onboarding request's (test/unit/api/identifiers.test.ts keeps them in step): a
// tenant that could never have been onboarded is a malformed id, not an unknown tenant.
export const TENANT_ID_RULE =
  `1-${TENANT_ID_MAX_LENGTH} characters from letters, digits and _+=.@- ` +
  `(so that "<tenantId>${DATAPLANE_ROLE_SUFFIX}" is a valid IAM role name)`;
export const CONNECTION_ID_RULE = `1-${CONNECTION_ID_MAX_LENGTH} characters from letters, digits and _.-`;

function tenantIdProblem(tenantId: string): string | undefined {
  if (tenantId.length === 0) return `The tenant id is empty; allowed: ${TENANT_ID_RULE}`;
  if (tenantId.length > TENANT_ID_MAX_LENGTH) {
    return `The tenant id ${quote(tenantId)} is ${tenantId.length} characters long; allowed: ${TENANT_ID_RULE}`;
  }
  if (!TENANT_ID_PATTERN.test(tenantId)) {
    const where = firstDisallowedCharacter(tenantId, TENANT_ID_CHARACTER);
    return `The tenant id ${quote(tenantId)} has a character that is not allowed (${where}); allowed: ${TENANT_ID_RULE}`;
  }
  return undefined;
}

/** Problems with one connection id, or undefined when it is well formed; `label` names where it came from. */
export function connectionIdProblem(connectionId: string, label: string): string | undefined {
  if (connectionId.length === 0) return `${label} is empty; allowed: ${CONNECTION_ID_RULE}`;
  if (connectionId.length > CONNECTION_ID_MAX_LENGTH) {
    return `${label} ${quote(connectionId)} is ${connectionId.length} characters long; allowed: ${CONNECTION_ID_RULE}`;
  }
  if (!CONNECTION_ID_PATTERN.test(connectionId)) {
    const where = firstDisallowedCharacter(connectionId, CONNECTION_ID_CHARACTER);
    return `${label} ${quote(connectionId)} has a character that is not allowed (${where}); allowed: ${CONNECTION_ID_RULE}`;
  }
  const reserved = reservedKeyProblem(connectionId);
  if (reserved) return `${label} ${quote(connectionId)} ${reserved}`;
  return undefined;
}

const problems = (problem: string | undefined) => (problem === undefined ? [] : [problem]);

export const tenantIdParamSchema = z
  .string()
  .check((ctx) => addProblems(ctx, problems(tenantIdProblem(ctx.value))))
  .meta({
    description: `The tenant: ${TENANT_ID_RULE}.`,
    minLength: 1,
    maxLength: TENANT_ID_MAX_LENGTH,
    pattern: `^${TENANT_ID_PATTERN.source.slice(1, -2)}{1,${TENANT_ID_MAX_LENGTH}}$`,
    examples: ['acme'],
  });

export const connectionIdParamSchema = z
  .string()
  .check((ctx) => addProblems(ctx, problems(connectionIdProblem(ctx.value, 'The connection id'))))
  .meta({
    description: `The customer connection: ${CONNECTION_ID_RULE}.`,
    minLength: 1,
    maxLength: CONNECTION_ID_MAX_LENGTH,
    pattern: CONNECTION_ID_PATTERN.source,
    examples: ['acme-athena'],
  });

/** The one problem of a path parameter, or undefined when it is well formed. */
export function paramProblem(schema: z.ZodType<string>, value: string): string | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
}
