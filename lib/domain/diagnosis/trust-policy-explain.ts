// Explains a customer's target-role trust policy the way a support engineer would: would the tenant's
// dataplane role be allowed to assume the role with the customer's External ID, which statement and
// condition decide, what to change, and the customer's own policy with that change made.
//
// A successful AssumeRole with an External ID does not prove the role requires one, so the policy is
// evaluated twice: with the External ID, and without it (which must be denied).
//
// The External ID is a shared secret: it never appears in clear in the explanation, and the corrected
// policy carries a placeholder instead.
import { customerTargetRoleTrustPolicy } from '../onboarding/policies';
import { ConditionEvaluation, Decision, describeDifference, evaluatePolicy, isSecretConditionKey, PolicyEvaluation, principalFromArn, readPolicyDocument, RequestContext, RequestPrincipal, StatementEvaluation, stripEdgeWhitespace } from '../../iam-policy';
import { describeSecret, fingerprint } from '../../external-id';

/**
 * What explain concludes. Beyond the evaluator's three decisions:
 * - `allowedIfExternalIdMatches`: no External ID was given (a policy shared with its value redacted),
 *   and the policy allows the dataplane role with the value its condition expects, not without one;
 * - `externalIdRejected`: the External ID given is one STS refuses with a ValidationError before it
 *   reads any trust policy, so no policy can allow it;
 * - `dependsOnUnknownKeys`: the outcome changes with condition keys this tool does not know for the
 *   real call (`unknownKeys`: tags, source identity, MFA, session name, ...).
 */
export type ExplainDecision = Decision | 'allowedIfExternalIdMatches' | 'externalIdRejected' | 'dependsOnUnknownKeys';

export interface TrustPolicyExplanation {
  decision: ExplainDecision;
  /** The policy's decision for the request as evaluated: the keys this tool does not know left absent. */
  evaluatedDecision: Decision;
  /** For dependsOnUnknownKeys: the condition keys, as written in the policy, that change the outcome. */
  unknownKeys?: string[];
  statements: StatementEvaluation[];
  /** One or two sentences a support engineer can paste to a customer. */
  summary: string;
  /** What to change, when not allowed, or when allowed without requiring an External ID (or too widely). */
  fix?: string;
  /** The customer's policy with the failing statement corrected, or a fresh minimal policy when none fits. */
  correctedPolicy?: unknown;
  /** False when the policy also allows the call without an External ID (the confused-deputy risk). */
  externalIdRequired: boolean;
}

export interface TrustPolicyExplainOptions {
  /** The dataplane role (treated as a session of it) or the exact session that calls AssumeRole. */
  principalArn: string;
  externalId?: string;
  /** Session name of the caller and of the requested session (sts:RoleSessionName). */
  sessionName?: string;
  /** The target role's ARN; a trust policy never looks at it, so it only fills in the request. */
  targetRoleArn?: string;
}

/** What the corrected policy carries in place of the customer's External ID. */
export const CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER = '<YOUR_EXTERNAL_ID>';

const DEFAULT_SESSION_NAME = 'trust-policy-explain';
const ACTION = 'sts:AssumeRole';
// STS's rule for External IDs: 2–1224 characters from this set (no whitespace).
const EXTERNAL_ID_FORMAT = /^[\w+=,.@:/-]*$/;

type RawStatement = Record<string, unknown>;
type RawPolicy = Record<string, unknown> & { Statement: RawStatement[] };

interface Context {
  options: TrustPolicyExplainOptions;
  caller: RequestPrincipal;
  dataplaneRoleArn: string;
  externalId?: string;
  /** True when no External ID was given and `externalId` is the value the policy expects. */
  externalIdAssumed: boolean;
  raw: RawPolicy;
  withId: PolicyEvaluation;
  withoutId: PolicyEvaluation;
}

/**
 * Evaluates `sts:AssumeRole` by `principalArn` against the trust policy and explains the outcome.
 * Throws PolicyDocumentError for a malformed document and InvalidPrincipalArnError for a bad ARN.
 */
export function explainTrustPolicy(document: unknown, options: TrustPolicyExplainOptions): TrustPolicyExplanation {
  const policy = readPolicyDocument(document);
  const caller = callerPrincipal(options);
  if (options.externalId !== undefined && externalIdFormatProblems(options.externalId).length > 0) {
    return rejectedExternalId(policy, caller, options, options.externalId);
  }
  // Without an External ID (a policy shared with its value redacted), evaluate with the value the
  // policy expects: the question is then whether anything else stands in the way.
  const assumed = options.externalId ?? expectedExternalId(policy, caller, options);
  const explanation = explainWith(policy, caller, options, assumed, options.externalId === undefined && assumed !== undefined);
  const unknownKeys = keysTheDecisionDependsOn(policy, caller, options, assumed);
  if (unknownKeys.length > 0) {
    return {
      ...explanation,
      decision: 'dependsOnUnknownKeys',
      unknownKeys,
      summary:
        `Depends on ${unknownKeys.join(', ')}, which this tool cannot know for the real call: the outcome changes with ` +
        `${unknownKeys.length === 1 ? 'its value' : 'their values'}. With ${unknownKeys.length === 1 ? 'it' : 'them'} absent: ${explanation.summary}`,
    };
  }
  if (options.externalId === undefined && assumed !== undefined && explanation.decision === 'allowed' && explanation.externalIdRequired) {
    return { ...explanation, decision: 'allowedIfExternalIdMatches' };
  }
  return explanation;
}

function explainWith(
  policy: Record<string, unknown>,
  caller: RequestPrincipal,
  options: TrustPolicyExplainOptions,
  externalId: string | undefined,
  externalIdAssumed: boolean,
): TrustPolicyExplanation {
  const dataplaneRoleArn = caller.roleArn ?? caller.arn;
  const withId = evaluatePolicy(policy, assumeRoleRequest(caller, options, externalId), 'trust');
  const withoutId = externalId === undefined ? withId : evaluatePolicy(policy, assumeRoleRequest(caller, options, undefined), 'trust');
  const ctx: Context = {
    options,
    caller,
    dataplaneRoleArn,
    ...(externalId !== undefined ? { externalId } : {}),
    externalIdAssumed,
    raw: normalized(policy),
    withId,
    withoutId,
  };
  const externalIdRequired = withoutId.decision !== 'allowed';

  const diagnosis = withId.decision === 'allowed' ? explainAllowed(ctx, externalIdRequired) : explainDenied(ctx);
  const summary = [diagnosis.summary, ...diagnosis.notes].join(' ');
  const corrected = diagnosis.changed ? checkedCorrection(withoutExternalIds(diagnosis.corrected), ctx) : undefined;

  return {
    decision: withId.decision,
    evaluatedDecision: withId.decision,
    statements: withId.statements,
    summary,
    ...(diagnosis.fixes.length > 0 ? { fix: diagnosis.fixes.join(' ') } : {}),
    ...(corrected !== undefined ? { correctedPolicy: corrected } : {}),
    externalIdRequired,
  };
}

/** STS refuses such an External ID before it reads the trust policy: no statement can allow it. */
function rejectedExternalId(
  policy: Record<string, unknown>,
  caller: RequestPrincipal,
  options: TrustPolicyExplainOptions,
  externalId: string,
): TrustPolicyExplanation {
  const evaluation = evaluatePolicy(policy, assumeRoleRequest(caller, options, externalId), 'trust');
  const withoutId = evaluatePolicy(policy, assumeRoleRequest(caller, options, undefined), 'trust');
  return {
    decision: 'externalIdRejected',
    evaluatedDecision: evaluation.decision,
    statements: evaluation.statements,
    summary:
      `Rejected by STS: the External ID given (${describeSecret(externalId)}) is not one STS accepts ` +
      `(${externalIdFormatProblems(externalId).join(', ')}), so STS answers AssumeRole with a ValidationError before it reads ` +
      'this trust policy, whatever the policy says.' +
      (stripEdgeWhitespace(externalId) !== externalId && externalIdFormatProblems(stripEdgeWhitespace(externalId)).length === 0
        ? ` Without its ${describeDifference(externalId, stripEdgeWhitespace(externalId))?.replace(/^they differ only by /, '') ?? 'surrounding whitespace'}, it is a valid External ID.`
        : ''),
    fix:
      'Re-enter the External ID in the connection form: 2-1224 characters from letters, digits and _+=,.@:/-, with no spaces ' +
      'or line breaks, and use exactly the same value for "sts:ExternalId" in the trust policy.',
    externalIdRequired: withoutId.decision !== 'allowed',
  };
}

/**
 * The External ID the policy's conditions expect, for a policy shared without one: the first value of
 * an sts:ExternalId condition (a Deny "unless it equals" included) that STS would accept and that lets
 * the dataplane role in; else the first acceptable value (the denial then has another cause); for a
 * policy that only asks for some External ID (Null "false"), any acceptable value; undefined when the
 * policy names none STS would accept.
 */
function expectedExternalId(policy: Record<string, unknown>, caller: RequestPrincipal, options: TrustPolicyExplainOptions): string | undefined {
  const raw = normalized(policy);
  const named = conditionValues(raw, (key, operator) => isSecretConditionKey(key) && !/^Null$/i.test(operator));
  // A condition that only asks for some External ID (Null "false") names no value: any valid one does.
  const any = named.length === 0 && conditionValues(raw, (key) => isSecretConditionKey(key)).length > 0 ? [`probe-${fingerprint(JSON.stringify(raw))}`] : [];
  const candidates = [...named.map((value) => value.replace(/[*?]/g, 'x')), ...any].filter((value) => externalIdFormatProblems(value).length === 0);
  const allowing = candidates.find(
    (candidate) => evaluatePolicy(policy, assumeRoleRequest(caller, options, candidate), 'trust').decision === 'allowed',
  );
  return allowing ?? candidates[0];
}

/** Values of the conditions whose key and operator pass `select`, in policy order. */
function conditionValues(policy: RawPolicy, select: (key: string, operator: string) => boolean): string[] {
  const values: string[] = [];
  for (const statement of policy.Statement) {
    if (!isRecord(statement.Condition)) continue;
    for (const [operator, block] of Object.entries(statement.Condition)) {
      if (!isRecord(block)) continue;
      for (const [key, value] of Object.entries(block)) {
        if (select(key, operator)) values.push(...(Array.isArray(value) ? value : [value]).map(String));
      }
    }
  }
  return values;
}

/** Keys explain knows for the dataplane role's call; any other key's value is unknown to it. */
function knownKeys(options: TrustPolicyExplainOptions): Set<string> {
  const known = ['aws:principalarn', 'aws:principalaccount', 'aws:principaltype', 'sts:externalid'];
  // The session name is known when given, or when the caller is a session ARN (which carries it).
  if (options.sessionName !== undefined || principalFromArn(options.principalArn).type === 'AssumedRole') known.push('sts:rolesessionname');
  return new Set(known);
}

/**
 * The condition keys, unknown to this tool, whose value changes the decision: each is tried absent
 * (the base), with each value the policy compares it with (wildcards filled in), and with values no
 * policy expects. A key that never changes the outcome is left out.
 */
function keysTheDecisionDependsOn(
  policy: Record<string, unknown>,
  caller: RequestPrincipal,
  options: TrustPolicyExplainOptions,
  externalId: string | undefined,
): string[] {
  const raw = normalized(policy);
  const known = knownKeys(options);
  const keys = new Map<string, string>();
  conditionValues(raw, (key) => {
    if (!known.has(key.toLowerCase()) && !keys.has(key.toLowerCase())) keys.set(key.toLowerCase(), key);
    return false;
  });
  const evaluateWith = (values: [string, string][]) => {
    const request = assumeRoleRequest(caller, options, externalId);
    for (const [key, value] of values) request.conditionKeys[key] = value;
    return evaluatePolicy(policy, request, 'trust');
  };
  const base = evaluateWith([]);
  const policyValues = (lower: string) => conditionValues(raw, (k) => k.toLowerCase() === lower).map((v) => v.replace(/[*?]/g, 'x'));
  const dependsOn = new Set<string>();
  for (const [lower, key] of keys) {
    const probes = [...policyValues(lower), 'true', 'false', '0', 'explain-probe-value'];
    if (probes.some((value) => evaluateWith([[key, value]]).decision !== base.decision)) dependsOn.add(lower);
  }
  // Keys a statement needs together (a tag and a source identity) change nothing one at a time:
  // with every one of them at the value the policy expects, the statements whose outcome changes
  // depend on all the unknown keys they test.
  // Every key here comes from a condition, and a condition has at least one value.
  const together = evaluateWith([...keys].map(([lower, key]): [string, string] => [key, policyValues(lower)[0]!]));
  if (together.decision !== base.decision) {
    together.statements.forEach((statement, index) => {
      if (statement.applies === base.statements[index]?.applies) return;
      for (const c of statement.conditions) if (keys.has(c.key.toLowerCase())) dependsOn.add(c.key.toLowerCase());
    });
  }
  return [...keys].filter(([lower]) => dependsOn.has(lower)).map(([, key]) => key);
}

// ---------------------------------------------------------------------------------------------
// The request

function callerPrincipal(options: TrustPolicyExplainOptions): RequestPrincipal {
  const principal = principalFromArn(options.principalArn);
  if (principal.type !== 'Role') return principal;
  // Roles do not call APIs; their sessions do. The verifier and the Spark jobs call as a session.
  const [, partition = 'aws'] = options.principalArn.split(':');
  const name = options.principalArn.slice(options.principalArn.lastIndexOf('/') + 1);
  const session = options.sessionName ?? DEFAULT_SESSION_NAME;
  return {
    arn: `arn:${partition}:sts::${principal.accountId}:assumed-role/${name}/${session}`,
    accountId: principal.accountId,
    type: 'AssumedRole',
    roleArn: options.principalArn,
  };
}

function assumeRoleRequest(caller: RequestPrincipal, options: TrustPolicyExplainOptions, externalId: string | undefined): RequestContext {
  return {
    principal: caller,
    action: ACTION,
    resource: options.targetRoleArn ?? '',
    conditionKeys: {
      // For a session, aws:PrincipalArn is the role's ARN (with its path), not the session's.
      'aws:PrincipalArn': caller.roleArn ?? caller.arn,
      'aws:PrincipalAccount': caller.accountId,
      'sts:RoleSessionName': options.sessionName ?? sessionNameOf(caller) ?? DEFAULT_SESSION_NAME,
      ...(externalId !== undefined ? { 'sts:ExternalId': externalId } : {}),
    },
  };
}

function sessionNameOf(principal: RequestPrincipal): string | undefined {
  return principal.type === 'AssumedRole' ? principal.arn.split('/')[2] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Diagnoses

interface Diagnosis {
  summary: string;
  notes: string[];
  fixes: string[];
  corrected: RawPolicy;
  changed: boolean;
}

function explainAllowed(ctx: Context, externalIdRequired: boolean): Diagnosis {
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
    } else if (trustsAccount(principal, ctx.caller.accountId) && !trustsRole(principal, role)) {
      notes.push(
        `${label(s)} trusts the whole account ${ctx.caller.accountId}, a correct and common setup: the IAM policies of that ` +
          'account then decide which of its roles may assume this one.',
      );
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

function explainDenied(ctx: Context): Diagnosis {
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

// ---------------------------------------------------------------------------------------------
// Corrections

/**
 * The statement as it should be for the dataplane role: Allow, Principal the dataplane role when it
 * did not match (or trusted everyone), Action sts:AssumeRole when it did not match, failing conditions
 * dropped, passing ones kept, and StringEquals on sts:ExternalId with the placeholder.
 */
function correctStatement(raw: RawStatement, s: StatementEvaluation, ctx: Context): RawStatement {
  const statement = clone(raw);
  statement.Effect = 'Allow';
  if (!s.principalMatches || isEveryone(raw.Principal) || raw.NotPrincipal !== undefined) {
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
function withoutExternalIds(policy: RawPolicy): RawPolicy {
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

function setConditionValue(statement: RawStatement, c: ConditionEvaluation, value: string): void {
  const block = isRecord(statement.Condition) ? statement.Condition[c.operator] : undefined;
  if (isRecord(block)) block[c.key] = value;
}

function freshStatement(role: string, existing: RawStatement[]): RawStatement {
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
function checkedCorrection(corrected: RawPolicy, ctx: Context): unknown {
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

// ---------------------------------------------------------------------------------------------
// Notes on the External ID itself

/** Why STS would refuse this External ID (empty when it accepts it). */
function externalIdFormatProblems(externalId: string): string[] {
  const problems: string[] = [];
  if (/\s/.test(externalId)) problems.push('it contains whitespace');
  else if (!EXTERNAL_ID_FORMAT.test(externalId)) problems.push('it contains characters other than letters, digits and _+=,.@:/-');
  if (externalId.length < 2) problems.push('it is shorter than 2 characters');
  if (externalId.length > 1224) problems.push('it is longer than 1224 characters');
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Small helpers over the raw document

function normalized(policy: Record<string, unknown>): RawPolicy {
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  return { ...clone(policy), Statement: clone(statements) as RawStatement[] };
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rawStatement(ctx: Context, s: StatementEvaluation): RawStatement {
  return ctx.raw.Statement[s.index] ?? {};
}

function rawValues(raw: RawStatement, c: ConditionEvaluation): string[] {
  const block = isRecord(raw.Condition) ? raw.Condition[c.operator] : undefined;
  const value = isRecord(block) ? block[c.key] : undefined;
  return (Array.isArray(value) ? value : [value]).filter((v) => v !== undefined).map(String);
}

function principalValues(principal: unknown): string[] {
  if (principal === '*') return ['*'];
  if (!isRecord(principal)) return [];
  return Object.values(principal).flatMap((v) => (Array.isArray(v) ? v : [v])).map(String);
}

function describePrincipal(principal: unknown): string {
  if (principal === '*') return 'every principal ("*")';
  if (!isRecord(principal)) return JSON.stringify(principal);
  return Object.entries(principal)
    .map(([type, v]) => (Array.isArray(v) ? v : [v]).map((x) => (type === 'AWS' ? String(x) : `${type} ${String(x)}`)).join(', '))
    .join(', ');
}

function isEveryone(principal: unknown): boolean {
  return principal === '*' || (isRecord(principal) && principalValues({ AWS: principal.AWS ?? [] }).includes('*'));
}

function trustsAccount(principal: unknown, accountId: string): boolean {
  return isRecord(principal) && principalValues({ AWS: principal.AWS ?? [] }).some((v) => v === accountId || new RegExp(`^arn:[^:]+:iam::${accountId}:root$`).test(v));
}

function trustsRole(principal: unknown, roleArn: string): boolean {
  const name = roleArn.slice(roleArn.lastIndexOf('/') + 1);
  return isRecord(principal) && principalValues({ AWS: principal.AWS ?? [] }).some((v) => v.endsWith(`/${name}`));
}

function wildcardIn(values: string[]): boolean {
  return values.some((v) => v.includes('*') || v.includes('?'));
}

function isNegated(operator: string): boolean {
  return /(^|:)(StringNot|ArnNot|NumericNot|DateNot|NotIpAddress)/i.test(operator);
}

function applyingAllows(evaluation: PolicyEvaluation): StatementEvaluation[] {
  return evaluation.statements.filter((s) => s.applies && s.effect === 'Allow');
}

function label(s: StatementEvaluation): string {
  return s.sid ? `Statement[${s.index}] (Sid "${s.sid}")` : `Statement[${s.index}]`;
}

function labels(statements: StatementEvaluation[]): string {
  return statements.map(label).join(' and ');
}
