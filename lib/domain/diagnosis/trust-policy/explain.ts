// Explains a customer's target-role trust policy the way a support engineer would: would the tenant's
// dataplane role be allowed to assume the role with the customer's External ID, which statement and
// condition decide, what to change, and the customer's own policy with that change made.
//
// A successful AssumeRole with an External ID does not prove the role requires one, so the policy is
// evaluated twice: with the External ID, and without it (which must be denied).
//
// The External ID is a shared secret: it never appears in clear in the explanation, and the corrected
// policy carries a placeholder instead.
import { describeDifference, evaluatePolicy, isSecretConditionKey, principalFromArn, readPolicyDocument, RequestPrincipal, stripEdgeWhitespace } from '../../../iam-policy';
import { describeSecret, fingerprint } from '../../../external-id';
import { checkedCorrection, withoutExternalIds } from './corrections';
import { explainAllowed, explainDenied } from './findings';
import { externalIdFormatProblems, isRecord, normalized } from './raw-policy';
import { assumeRoleRequest, callerPrincipal, type Context, type RawPolicy, type TrustPolicyExplainOptions, type TrustPolicyExplanation } from './request';

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
