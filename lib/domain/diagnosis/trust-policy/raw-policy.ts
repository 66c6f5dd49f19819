// Reading the customer's document as written: its statements, principals and condition values, and
// the External ID's own format.
import { ConditionEvaluation, PolicyEvaluation, StatementEvaluation } from '../../../iam-policy';
import { type Context, EXTERNAL_ID_FORMAT, type RawPolicy, type RawStatement } from './request';

/** Why STS would refuse this External ID (empty when it accepts it). */
export function externalIdFormatProblems(externalId: string): string[] {
  const problems: string[] = [];
  if (/\s/.test(externalId)) problems.push('it contains whitespace');
  else if (!EXTERNAL_ID_FORMAT.test(externalId)) problems.push('it contains characters other than letters, digits and _+=,.@:/-');
  if (externalId.length < 2) problems.push('it is shorter than 2 characters');
  if (externalId.length > 1224) problems.push('it is longer than 1224 characters');
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Small helpers over the raw document

export function normalized(policy: Record<string, unknown>): RawPolicy {
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  return { ...clone(policy), Statement: clone(statements) as RawStatement[] };
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function rawStatement(ctx: Context, s: StatementEvaluation): RawStatement {
  return ctx.raw.Statement[s.index] ?? {};
}

export function rawValues(raw: RawStatement, c: ConditionEvaluation): string[] {
  const block = isRecord(raw.Condition) ? raw.Condition[c.operator] : undefined;
  const value = isRecord(block) ? block[c.key] : undefined;
  return (Array.isArray(value) ? value : [value]).filter((v) => v !== undefined).map(String);
}

export function principalValues(principal: unknown): string[] {
  if (principal === '*') return ['*'];
  if (!isRecord(principal)) return [];
  return Object.values(principal).flatMap((v) => (Array.isArray(v) ? v : [v])).map(String);
}

export function describePrincipal(principal: unknown): string {
  if (principal === '*') return 'every principal ("*")';
  if (!isRecord(principal)) return JSON.stringify(principal);
  return Object.entries(principal)
    .map(([type, v]) => (Array.isArray(v) ? v : [v]).map((x) => (type === 'AWS' ? String(x) : `${type} ${String(x)}`)).join(', '))
    .join(', ');
}

export function isEveryone(principal: unknown): boolean {
  return principal === '*' || (isRecord(principal) && principalValues({ AWS: principal.AWS ?? [] }).includes('*'));
}

export function trustsAccount(principal: unknown, accountId: string): boolean {
  return isRecord(principal) && principalValues({ AWS: principal.AWS ?? [] }).some((v) => v === accountId || new RegExp(`^arn:[^:]+:iam::${accountId}:root$`).test(v));
}

export function trustsRole(principal: unknown, roleArn: string): boolean {
  const name = roleArn.slice(roleArn.lastIndexOf('/') + 1);
  return isRecord(principal) && principalValues({ AWS: principal.AWS ?? [] }).some((v) => v.endsWith(`/${name}`));
}

/**
 * The statement lets in the dataplane role's whole account, not the role itself: its Principal is the
 * account (root or id) without the role, and no condition names the calling principal (aws:PrincipalArn,
 * aws:userid, a principal tag...), which would pin it as well.
 */
export function trustsWholeAccount(raw: RawStatement, s: StatementEvaluation, ctx: Context): boolean {
  return (
    trustsAccount(raw.Principal, ctx.caller.accountId) &&
    !trustsRole(raw.Principal, ctx.dataplaneRoleArn) &&
    !s.conditions.some((c) => /^aws:(principal|userid$|username$)/i.test(c.key))
  );
}

export function wildcardIn(values: string[]): boolean {
  return values.some((v) => v.includes('*') || v.includes('?'));
}

export function isNegated(operator: string): boolean {
  return /(^|:)(StringNot|ArnNot|NumericNot|DateNot|NotIpAddress)/i.test(operator);
}

export function applyingAllows(evaluation: PolicyEvaluation): StatementEvaluation[] {
  return evaluation.statements.filter((s) => s.applies && s.effect === 'Allow');
}

export function label(s: StatementEvaluation): string {
  return s.sid ? `Statement[${s.index}] (Sid "${s.sid}")` : `Statement[${s.index}]`;
}

export function labels(statements: StatementEvaluation[]): string {
  return statements.map(label).join(' and ');
}
