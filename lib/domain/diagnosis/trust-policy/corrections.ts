// The customer's own policy with the change made: the closest statement corrected (or one added), the
// External ID replaced by a placeholder, and the result evaluated again to prove it allows the caller.
import { customerTargetRoleTrustPolicy } from '../../onboarding/policies';
import { ConditionEvaluation, evaluatePolicy, isSecretConditionKey, StatementEvaluation } from '../../../iam-policy';
import { clone, isEveryone, isRecord, trustsWholeAccount } from './raw-policy';
import { ACTION, assumeRoleRequest, type Context, CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER, type RawPolicy, type RawStatement } from './request';

/**
 * The statement as it should be for the dataplane role: Allow, Principal the dataplane role when it
 * did not match (or trusted everyone, or the dataplane role's whole account: TRUST_NOT_PINNED), Action sts:AssumeRole when it did not match, failing conditions
 * dropped, passing ones kept, and StringEquals on sts:ExternalId with the placeholder.
 */
export function correctStatement(raw: RawStatement, s: StatementEvaluation, ctx: Context): RawStatement {
  const statement = clone(raw);
  statement.Effect = 'Allow';
  if (!s.principalMatches || isEveryone(raw.Principal) || trustsWholeAccount(raw, s, ctx) || raw.NotPrincipal !== undefined) {
    delete statement.NotPrincipal;
    statement.Principal = { AWS: ctx.dataplaneRoleArn };
  }
  if (!s.actionMatches) {
    delete statement.NotAction;
    statement.Action = ACTION;
  }
  const conditions: Record<string, Record<string, unknown>> = {};
  if (isRecord(raw.Condition)) {
    for (const [operator, block] of Object.entries(raw.Condition)) {
      if (!isRecord(block)) continue;
      for (const [key, value] of Object.entries(block)) {
        const evaluation = s.conditions.find((c) => c.operator === operator && c.key === key);
        if (isSecretConditionKey(key) || !evaluation?.met) continue;
        (conditions[operator] ??= {})[key] = value;
      }
    }
  }
  (conditions.StringEquals ??= {})['sts:ExternalId'] = CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER;
  statement.Condition = conditions;
  return inStatementOrder(statement);
}

const STATEMENT_ORDER = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];

/** Keys in the order IAM's console and AWS's examples use, so the customer can diff old and new. */
function inStatementOrder(statement: RawStatement): RawStatement {
  const ordered: RawStatement = {};
  for (const key of STATEMENT_ORDER) if (key in statement) ordered[key] = statement[key];
  return { ...ordered, ...statement };
}

/** The policy with every sts:ExternalId value replaced by the placeholder: a correction never carries the secret. */
export function withoutExternalIds(policy: RawPolicy): RawPolicy {
  const scrubbed = clone(policy);
  for (const statement of scrubbed.Statement) {
    if (!isRecord(statement.Condition)) continue;
    for (const block of Object.values(statement.Condition)) {
      if (!isRecord(block)) continue;
      for (const key of Object.keys(block)) {
        if (isSecretConditionKey(key)) block[key] = CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER;
      }
    }
  }
  return scrubbed;
}

export function setConditionValue(statement: RawStatement, c: ConditionEvaluation, value: string): void {
  const block = isRecord(statement.Condition) ? statement.Condition[c.operator] : undefined;
  if (isRecord(block)) block[c.key] = value;
}

export function freshStatement(role: string, existing: RawStatement[]): RawStatement {
  const [statement] = customerTargetRoleTrustPolicy(role).Statement;
  const fresh: RawStatement = {
    ...statement,
    Condition: { StringEquals: { 'sts:ExternalId': CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER } },
  };
  // Statement ids must be unique within a policy.
  if (existing.some((s) => s.Sid === fresh.Sid)) delete fresh.Sid;
  return fresh;
}

/**
 * The correction, if it does what it promises: allows the dataplane role with the placeholder External
 * ID and denies it without one. Otherwise (another statement interferes) a fresh minimal policy.
 */
export function checkedCorrection(corrected: RawPolicy, ctx: Context): unknown {
  const document = { Version: '2012-10-17', ...corrected };
  const request = (externalId?: string) => assumeRoleRequest(ctx.caller, ctx.options, externalId);
  try {
    const withId = evaluatePolicy(document, request(CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER), 'trust');
    const withoutId = evaluatePolicy(document, request(undefined), 'trust');
    if (withId.decision === 'allowed' && withoutId.decision !== 'allowed') return document;
  } catch {
    // A correction the evaluator rejects is no correction; fall through to the minimal policy.
  }
  return { Version: '2012-10-17', Statement: [freshStatement(ctx.dataplaneRoleArn, [])] };
}

