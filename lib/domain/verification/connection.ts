// A customer connection: the target role the tenant's dataplane assumes, and the customer's External
// ID, under an id the tenant chose. The role ARN's rules are in ../role-arn.ts, the External ID's in
// lib/external-id.ts, and what is checked before any STS call in ./preflight.ts.
import { firstDisallowedCharacter } from '../../problem-text';
import type { ConnectionResource } from '../probes/resource';

export interface Connection {
  connectionId: string;
  roleArn: string;
  externalId: string;
  /** What the connection is for; absent for a connection verified on its trust alone. */
  resource?: ConnectionResource;
}

export const CONNECTION_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
/** One character a connection id may hold. */
export const CONNECTION_ID_CHARACTER = /[A-Za-z0-9_.-]/;
/**
 * Connection ids key objects (a tenant's stored connections and connection statuses, in DynamoDB maps
 * and once read back in JavaScript): "__proto__" would be lost on read, "constructor" would find
 * Object.prototype's member. Names of every object's members are refused wherever an id comes in.
 */
const RESERVED_KEYS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** Why a connection id cannot be used as an object key, or undefined when it can. */
export function reservedKeyProblem(connectionId: string): string | undefined {
  return RESERVED_KEYS.has(connectionId)
    ? 'is reserved (it names a member of every JavaScript object); choose another id of letters, digits and _.-'
    : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Structural rules of a connection's id, for the schemas of every input that carries one
// (lib/schemas/connection.ts).

export const CONNECTION_ID_MAX_LENGTH = 64;

/** What is wrong with a (non-empty) connection id: its characters, its length, a reserved name. */
export function connectionIdProblems(id: string): string[] {
  const problems: string[] = [];
  if (!CONNECTION_ID_PATTERN.test(id)) {
    problems.push(
      id.length > CONNECTION_ID_MAX_LENGTH
        ? `is ${id.length} characters long; at most ${CONNECTION_ID_MAX_LENGTH} are allowed`
        : `has a character that is not allowed (${firstDisallowedCharacter(id, CONNECTION_ID_CHARACTER)}); allowed: 1-${CONNECTION_ID_MAX_LENGTH} characters from letters, digits and _.-`,
    );
  }
  const reserved = reservedKeyProblem(id);
  if (reserved) problems.push(reserved);
  return problems;
}

/** Only the length is judged here, so that a value too long to ever be valid is not stored or carried on. */
