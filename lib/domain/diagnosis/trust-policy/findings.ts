// What the explanation says when the caller is allowed and when it is denied: which statement and
// condition decide, the problems of each statement that came close, and what to change.
import { ConditionEvaluation, describeDifference, evaluatePolicy, isSecretConditionKey, StatementEvaluation, stripEdgeWhitespace } from '../../../iam-policy';
import { describeSecret, fingerprint } from '../../../external-id';
import { correctStatement, freshStatement, setConditionValue } from './corrections';
import { applyingAllows, clone, describePrincipal, externalIdFormatProblems, isEveryone, isNegated, isRecord, label, labels, principalValues, rawStatement, rawValues, trustsWholeAccount, wildcardIn } from './raw-policy';
import { ACTION, assumeRoleRequest, type Context, CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER, type RawPolicy } from './request';

interface Diagnosis {
  summary: string;
  notes: string[];
  fixes: string[];
  corrected: RawPolicy;
  changed: boolean;
}

export function explainAllowed(ctx: Context, externalIdRequired: boolean): Diagnosis {
  const corrected = clone(ctx.raw);
  const fixes: string[] = [];
  const notes: string[] = [];
  let changed = false;
  const allowing = applyingAllows(ctx.withId);
  const role = ctx.dataplaneRoleArn;
  let summary: string;

  if (externalIdRequired && ctx.externalIdAssumed) {
    summary =
      `Allowed if the connection's External ID is the one the policy expects: ${labels(allowing)} lets ${role} assume this role ` +
      'with that External ID, and not without one. No External ID was given, so whether the connection holds that value is ' +
      'not checked here: compare fingerprints with the customer.';
  } else if (externalIdRequired) {
    summary = `Allowed: ${labels(allowing)} lets ${role} assume this role with the External ID (${describeSecret(ctx.externalId ?? '')}), and not without it.`;
  } else {
    const withoutId = applyingAllows(ctx.withoutId);
    summary =
      `Allowed, but the External ID is not enforced: ${labels(withoutId)} also lets ${role} assume this role without an External ID, ` +
      'which leaves the role open to the confused-deputy problem.';
    fixes.push(
      `Add "Condition": {"StringEquals": {"sts:ExternalId": "${CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER}"}} to ${labels(withoutId)}, ` +
        'with the External ID from the connection form in place of the placeholder.',
    );
    for (const s of withoutId) {
      corrected.Statement[s.index] = correctStatement(rawStatement(ctx, s), s, ctx);
      changed = true;
    }
  }

  notes.push(...notPrincipalNotes(ctx));
  for (const s of allowing) {
    const raw = rawStatement(ctx, s);
    const principal = raw.Principal;
    if (isEveryone(principal)) {
      notes.push(
        `Warning: ${label(s)} trusts every AWS principal ("*"), so anyone who learns the External ID can assume this role; ` +
          `trust only the dataplane role ${role}.`,
      );
      fixes.push(`Set the Principal of ${label(s)} to {"AWS": "${role}"}.`);
      corrected.Statement[s.index] = correctStatement(raw, s, ctx);
      changed = true;
    } else if (trustsWholeAccount(raw, s, ctx)) {
      notes.push(
        `Warning: ${label(s)} trusts the whole account ${ctx.caller.accountId}, not only the dataplane role ${role}: the IAM ` +
          'policies of that account then decide which of its roles may assume this one, so any of them that learns the ' +
          'External ID could (verification reports TRUST_NOT_PINNED).',
      );
      fixes.push(`Set the Principal of ${label(s)} to {"AWS": "${role}"}.`);
      corrected.Statement[s.index] = correctStatement(raw, s, ctx);
      changed = true;
    }
    if (raw.NotPrincipal !== undefined) {
      fixes.push(`In ${label(s)}, replace NotPrincipal with "Principal": {"AWS": "${role}"}.`);
      corrected.Statement[s.index] = correctStatement(raw, s, ctx);
      changed = true;
    }
    const externalIdConditions = s.conditions.filter((c) => isSecretConditionKey(c.key));
    const wildcard = externalIdConditions.find((c) => /Like/i.test(c.operator) && wildcardIn(rawValues(raw, c)));
    if (externalIdConditions.length > 0 && acceptsOtherExternalIds(ctx, s)) {
      notes.push(
        `Warning: ${label(s)} also accepts other External IDs (its conditions on sts:ExternalId hold for a different value), ` +
          'so it does not protect the role against the confused-deputy problem.',
      );
      fixes.push(`In ${label(s)}, require the exact External ID with StringEquals on sts:ExternalId.`);
      corrected.Statement[s.index] = correctStatement(raw, s, ctx);
      changed = true;
    } else if (wildcard) {
      notes.push(
        `Warning: ${label(s)} matches the External ID with a wildcard pattern (${wildcard.operator}); an External ID protects ` +
          'the role only when it is matched exactly.',
      );
      fixes.push(`In ${label(s)}, use StringEquals with the exact External ID instead of ${wildcard.operator}.`);
      corrected.Statement[s.index] = correctStatement(raw, s, ctx);
      changed = true;
    }
  }
  return { summary, notes, fixes, corrected, changed };
}

export function explainDenied(ctx: Context): Diagnosis {
  const corrected = clone(ctx.raw);
  const fixes: string[] = [];
  const notes: string[] = [];
  const because: string[] = [];
  const role = ctx.dataplaneRoleArn;
  const removed = new Set<number>();
  let changed = false;

  // Explicit denies first: they win whatever the Allow statements say.
  const denies = ctx.withId.statements.filter((s) => s.applies && s.effect === 'Deny');
  for (const s of denies) {
    const externalIdConditions = s.conditions.filter((c) => isSecretConditionKey(c.key) && isNegated(c.operator));
    if (externalIdConditions.length > 0) {
      // A Deny "unless the External ID is X" is an External ID check written the other way round:
      // correct its value rather than drop it.
      for (const c of externalIdConditions) {
        const problem = externalIdProblem(ctx, s, c);
        because.push(`${label(s)} denies the call because ${problem.because}`);
        fixes.push(problem.fix);
        setConditionValue(corrected.Statement[s.index] ?? {}, c, CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER);
      }
    } else {
      because.push(`${label(s)} explicitly denies ${ACTION} to ${role}${conditionSummary(s)}`);
      fixes.push(`Remove ${label(s)}, or narrow it so that it no longer matches the dataplane role ${role}.`);
      removed.add(s.index);
    }
    changed = true;
  }

  notes.push(...notPrincipalNotes(ctx));
  let summary: string;
  const allowing = applyingAllows(ctx.withId);
  if (allowing.length === 0) {
    const candidate = closestAllow(ctx);
    if (candidate) {
      const problems = statementProblems(ctx, candidate);
      because.push(`the closest statement, ${label(candidate)}, does not apply: ${problems.because.join('; ')}`);
      fixes.push(...problems.fixes);
      corrected.Statement[candidate.index] = correctStatement(rawStatement(ctx, candidate), candidate, ctx);
    } else {
      const allows = ctx.withId.statements.filter((s) => s.effect === 'Allow');
      because.push(
        allows.length === 0
          ? 'the trust policy has no Allow statement'
          : `none of its Allow statements (${labels(allows)}) is meant for an AWS role calling ${ACTION}`,
      );
      fixes.push(
        `Add a statement that allows ${ACTION} to {"AWS": "${role}"} with a StringEquals condition on sts:ExternalId, as in the corrected policy.`,
      );
      corrected.Statement.push(freshStatement(role, corrected.Statement));
    }
    changed = true;
  }

  if (ctx.withId.decision === 'explicitDeny') {
    summary = `Denied: ${because.join('; and ')}. An explicit Deny overrides every Allow.`;
  } else {
    summary = `Denied: no statement lets ${role} assume this role; ${because.join('; and ')}.`;
  }
  corrected.Statement = corrected.Statement.filter((_, index) => !removed.has(index));
  return { summary, notes, fixes, corrected, changed };
}

/** AWS does not support NotPrincipal in role trust policies; say so wherever it appears. */
function notPrincipalNotes(ctx: Context): string[] {
  const using = ctx.withId.statements.filter((s) => rawStatement(ctx, s).NotPrincipal !== undefined);
  if (using.length === 0) return [];
  return [
    `Warning: ${labels(using)} ${using.length === 1 ? 'uses' : 'use'} NotPrincipal, which AWS does not support in role trust policies; ` +
      'use a Deny with an ArnNotEquals condition on aws:PrincipalArn instead.',
  ];
}

/**
 * Whether the statement would also let the dataplane role in with some other External ID (a pattern
 * such as "*", a Null check, a negated operator): a probe value derived from the real one stands in
 * for "some other customer's External ID".
 */
function acceptsOtherExternalIds(ctx: Context, s: StatementEvaluation): boolean {
  if (ctx.externalId === undefined) return false;
  const probe = `probe-${fingerprint(ctx.externalId)}-${fingerprint(ctx.externalId + '-probe')}`;
  const document = { Version: '2012-10-17', Statement: [rawStatement(ctx, s)] };
  return evaluatePolicy(document, assumeRoleRequest(ctx.caller, ctx.options, probe), 'trust').decision === 'allowed';
}

interface Problems {
  because: string[];
  fixes: string[];
}

/** Why an Allow statement does not apply to the dataplane role's call, and what would make it apply. */
function statementProblems(ctx: Context, s: StatementEvaluation): Problems {
  const raw = rawStatement(ctx, s);
  const role = ctx.dataplaneRoleArn;
  const because: string[] = [];
  const fixes: string[] = [];

  if (!s.principalMatches) {
    if (raw.NotPrincipal !== undefined) {
      because.push('it lists the dataplane role in NotPrincipal');
      fixes.push(`In ${label(s)}, replace NotPrincipal with "Principal": {"AWS": "${role}"}.`);
    } else {
      const uniqueIds = principalValues(raw.Principal).filter((v) => /^A(ROA|IDA)[A-Z0-9]{12,}$/.test(v));
      because.push(
        uniqueIds.length > 0
          ? `it trusts ${uniqueIds.join(', ')}, a unique ID IAM shows in place of a role that was deleted (a recreated role is not trusted)`
          : `it trusts ${describePrincipal(raw.Principal)}, not the dataplane role ${role}`,
      );
      fixes.push(`In ${label(s)}, set the Principal to {"AWS": "${role}"}.`);
    }
  }
  if (!s.actionMatches) {
    because.push(
      raw.Action !== undefined
        ? `its Action ${JSON.stringify(raw.Action)} does not include ${ACTION}`
        : `its NotAction excludes ${ACTION}`,
    );
    fixes.push(`In ${label(s)}, set the Action to "${ACTION}".`);
  }
  for (const c of s.conditions.filter((c) => !c.met)) {
    if (isSecretConditionKey(c.key)) {
      const problem = externalIdProblem(ctx, s, c);
      because.push(problem.because);
      fixes.push(problem.fix);
    } else {
      because.push(`its ${c.operator} condition on ${c.key} is not met (${c.reason})`);
      fixes.push(`In ${label(s)}, remove the ${c.operator} condition on ${c.key}${conditionAdvice(c.key, role)}.`);
    }
  }
  if (!s.conditions.some((c) => isSecretConditionKey(c.key))) {
    fixes.push(`Also add "StringEquals": {"sts:ExternalId": "${CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER}"} to its Condition, so that the role requires the External ID.`);
  }
  return { because, fixes };
}

/** Advice for condition keys whose value the dataplane's call is known to have (or lack). */
function conditionAdvice(key: string, role: string): string {
  const lower = key.toLowerCase();
  if (lower === 'aws:multifactorauthpresent') return ' (a session reached by role chaining never carries MFA)';
  if (lower === 'aws:sourceidentity') return ' (the dataplane sets no source identity)';
  if (lower.startsWith('aws:principaltag/') || lower.startsWith('aws:requesttag/')) return ' (the dataplane passes no session tags)';
  if (lower === 'aws:principalarn') return `, or make it match ${role}`;
  if (lower === 'sts:rolesessionname') return ', or make it match the session names the dataplane uses';
  return ', or change it so that it matches the dataplane role\'s call';
}

function externalIdProblem(ctx: Context, s: StatementEvaluation, c: ConditionEvaluation): { because: string; fix: string } {
  const where = `the sts:ExternalId value in ${label(s)}`;
  const negated = isNegated(c.operator);
  if (ctx.externalId === undefined) {
    const values = rawValues(rawStatement(ctx, s), c);
    const problems = values.map(externalIdFormatProblems);
    if (!negated && values.length > 0 && problems.every((p) => p.length > 0)) {
      return {
        because: `its ${c.operator} condition on sts:ExternalId expects a value STS never accepts (${problems[0]!.join(', ')}), so no call can match it`,
        fix:
          `Set ${where} to exactly the External ID from the connection form, without whitespace: 2-1224 characters from ` +
          'letters, digits and _+=,.@:/-.',
      };
    }
    return {
      because: negated
        ? `its ${c.operator} condition on sts:ExternalId is met: the call carried no External ID`
        : `it requires an External ID (${c.operator} on sts:ExternalId), but the call carried none`,
      fix: `Enter the External ID that ${label(s)} expects in the connection form.`,
    };
  }
  const sent = ctx.externalId;
  const expected = rawValues(rawStatement(ctx, s), c);
  // The evaluator's reason already names the whitespace or case difference for positive operators.
  const because = `its ${c.operator} condition on sts:ExternalId is ${negated ? 'met' : 'not met'}: ${c.reason}${
    negated ? differenceNote(sent, expected) : ''
  }`;
  const close = expected.find((v) => stripEdgeWhitespace(v).toLowerCase() === stripEdgeWhitespace(sent).toLowerCase());
  let fix: string;
  if (close === undefined) {
    fix = `Set ${where} to exactly the External ID entered in the connection form (${describeSecret(sent)}), or enter the policy's value there.`;
  } else if (stripEdgeWhitespace(close) !== stripEdgeWhitespace(sent)) {
    fix = close.toLowerCase() === sent.toLowerCase()
      ? `Make the letter case of ${where} match the External ID exactly; External IDs are case-sensitive.`
      : `Make ${where} exactly the External ID from the connection form: remove the surrounding whitespace and match its letter case.`;
  } else if (close !== stripEdgeWhitespace(close)) {
    fix = `Remove the whitespace around ${where}; IAM compares External IDs exactly, and no valid External ID contains whitespace.`;
  } else {
    fix = 'Re-enter the External ID in the connection form without the surrounding whitespace.';
  }
  return { because, fix };
}

function differenceNote(sent: string, expected: string[]): string {
  for (const value of expected) {
    const hint = describeDifference(sent, value);
    if (hint) return `; ${hint}`;
  }
  return '';
}

function conditionSummary(s: StatementEvaluation): string {
  if (s.conditions.length === 0) return '';
  return ` (its conditions hold: ${s.conditions.map((c) => `${c.operator} on ${c.key}`).join(', ')})`;
}

/**
 * The Allow statement the customer most likely meant for the dataplane role: one for an AWS principal
 * and an action that can be AssumeRole, with the fewest failures. Statements for services or web
 * identities are someone else's trust and are never rewritten.
 */
function closestAllow(ctx: Context): StatementEvaluation | undefined {
  const candidates = ctx.withId.statements.filter((s) => {
    if (s.effect !== 'Allow') return false;
    const raw = rawStatement(ctx, s);
    const awsPrincipal = raw.NotPrincipal !== undefined || isEveryone(raw.Principal) || (isRecord(raw.Principal) && 'AWS' in raw.Principal);
    return awsPrincipal && (s.actionMatches || s.principalMatches);
  });
  const score = (s: StatementEvaluation) =>
    (s.principalMatches ? 0 : 2) +
    (s.actionMatches ? 0 : 2) +
    s.conditions.filter((c) => !c.met).length -
    (s.conditions.some((c) => isSecretConditionKey(c.key)) ? 3 : 0);
  return [...candidates].sort((a, b) => score(a) - score(b) || a.index - b.index)[0];
}

