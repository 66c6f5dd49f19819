// Evaluation: each statement against the request (principal, action, resource, conditions), then the
// policy's decision, with reasons a support engineer can act on.
import { describeSecret } from '../external-id';
import { describeDifference, isSecretConditionKey } from './differences';
import { arnLike, type OperatorSpec, type ParsedCondition } from './operators';
import { type ParsedPolicy, type ParsedStatement, parsePolicy } from './parse';
import { arnMatch, type MatchContext, splitArn, wildcardMatch } from './patterns';
import { describePrincipalBlock, principalMatchesBlock } from './principals';
import type { ConditionEvaluation, Decision, PolicyEvaluation, PolicyKind, PrincipalType, RequestContext, StatementEvaluation } from './types';
/** Case-insensitive view of the request's condition keys, with the global keys IAM always sets. */
function requestKeys(request: RequestContext): (key: string) => string[] | undefined {
  const keys = new Map<string, string[] | undefined>();
  for (const [key, value] of Object.entries(request.conditionKeys)) {
    if (value === undefined) keys.set(key.toLowerCase(), undefined);
    else if (Array.isArray(value)) keys.set(key.toLowerCase(), value.map(String));
    else keys.set(key.toLowerCase(), [String(value)]);
  }
  const { principal } = request;
  const setDefault = (key: string, value: string | undefined) => {
    if (value !== undefined && !keys.has(key)) keys.set(key, [value]);
  };
  if (['AssumedRole', 'Role', 'IAMUser', 'Root'].includes(principal.type)) {
    // For a role session, aws:PrincipalArn is the role's ARN, not the session's.
    setDefault('aws:principalarn', principal.type === 'AssumedRole' ? (principal.roleArn ?? principal.arn) : principal.arn);
    setDefault('aws:principalaccount', principal.accountId);
    const types: Partial<Record<PrincipalType, string>> = { AssumedRole: 'AssumedRole', IAMUser: 'User', Root: 'Account' };
    setDefault('aws:principaltype', types[principal.type]);
  }
  return (key) => {
    const values = keys.get(key.toLowerCase());
    // An empty list is "no value", as IAM treats an empty multivalued key.
    return values && values.length > 0 ? values : undefined;
  };
}

function showValue(key: string, value: string): string {
  return isSecretConditionKey(key) ? `(${describeSecret(value)})` : JSON.stringify(value);
}

function shownValues(key: string, values: string[]): string[] {
  return isSecretConditionKey(key) ? values.map(describeSecret) : values;
}

function describeExpected(condition: ParsedCondition): string {
  const noun = condition.spec?.noun ?? 'value';
  const shown = condition.values.map((v) => showValue(condition.key, v));
  if (shown.length === 1) return `the expected ${noun} ${shown[0]}`;
  return `any of the ${shown.length} expected ${noun}s (${shown.join(', ')})`;
}

function describeActual(key: string, values: string[]): string {
  if (values.length === 1) return `${key} ${showValue(key, values[0] ?? '')}`;
  return `${key} [${values.map((v) => showValue(key, v)).join(', ')}]`;
}

/** The whitespace or case hint for the closest policy value, for string equality operators. */
function differenceHint(condition: ParsedCondition, actual: string): string {
  if (!condition.spec || !/^String/.test(condition.spec.name)) return '';
  for (const expected of condition.values) {
    const hint = describeDifference(actual, expected);
    if (hint) return `; ${hint}`;
  }
  return '';
}

interface ValueTest {
  /** True when the request value satisfies the operator (for negated operators: matches none of the policy values). */
  ok: boolean;
  /** The comparison could not be made (a value is not a number, a variable has no value, …). */
  incomparable: boolean;
}

function testValue(condition: ParsedCondition, spec: OperatorSpec, actual: string, ctx: MatchContext): ValueTest {
  const results = condition.values.map((expected) => spec.compare(actual, expected, ctx));
  const anyMatch = results.some((r) => r === true);
  const incomparable = results.every((r) => r === undefined);
  // IAM reads several values for one key as OR; a negated operator is the negation of that OR.
  if (spec.negated) return { ok: !anyMatch && !incomparable, incomparable };
  return { ok: anyMatch, incomparable };
}

function incomparableWhy(condition: ParsedCondition, spec: OperatorSpec, actual: string): string {
  if (spec.noun === 'range') return 'not an IP address';
  if (spec.compare === arnLike && !splitArn(actual)) return 'not an ARN, and ARN operators compare ARNs part by part';
  if (spec.compare === arnLike && condition.values.some((v) => !splitArn(v))) {
    return "the policy's value is not a whole ARN, and ARN operators compare ARNs part by part";
  }
  return 'the values cannot be compared';
}

function evaluateCondition(condition: ParsedCondition, ctx: MatchContext): ConditionEvaluation {
  const { operator, key } = condition;
  const actualValues = ctx.lookup(key);
  const base: Omit<ConditionEvaluation, 'met' | 'reason'> = {
    operator,
    key,
    expected: shownValues(key, condition.values),
    ...(actualValues ? { actual: shownValues(key, actualValues) } : {}),
  };
  const result = (met: boolean, reason: string): ConditionEvaluation => ({ ...base, met, reason });
  const missing = `${key} is missing from the request`;

  const { spec } = condition;
  if (!spec) {
    const wantsAbsent = condition.values.map((v) => v.toLowerCase() === 'true');
    const met = wantsAbsent.some((absent) => absent === (actualValues === undefined));
    const state = actualValues === undefined ? missing : `${key} is present in the request`;
    const wanted = wantsAbsent.every((a) => a) ? 'absent' : wantsAbsent.every((a) => !a) ? 'present' : 'absent or present';
    return result(met, `${state}, and Null requires it to be ${wanted}`);
  }

  if (actualValues === undefined) {
    // Missing keys, per the IAM condition-operator reference:
    //  - ForAllValues is true for an empty set (it is vacuously true), ForAnyValue is false; the set
    //    operator decides, whatever IfExists says.
    //  - ...IfExists is true: the condition is only checked when the key is there.
    //  - A negated operator (StringNotEquals, ArnNotLike, NotIpAddress, …) is true: "if the policy
    //    condition requires that the key is not matched … and the key is not present, the condition is true".
    //  - Any other operator is false.
    if (condition.setOperator === 'ForAllValues') return result(true, `${missing}, and ${operator} is true when the key has no values`);
    if (condition.setOperator === 'ForAnyValue') return result(false, `${missing}, and ${operator} is false when the key has no values`);
    if (condition.ifExists) return result(true, `${missing}, and ${operator} only checks the key when it is present`);
    if (spec.negated) return result(true, `${missing}, and a negated operator (${operator}) is true when the key is absent`);
    return result(false, `${missing} (key missing), so ${operator} against ${describeExpected(condition)} is false`);
  }

  const tests = actualValues.map((actual) => ({ actual, ...testValue(condition, spec, actual, ctx) }));
  const [affirmative, negative] = spec.verbs;
  const expected = describeExpected(condition);
  const incomparableNote = (actual: string) =>
    tests.find((t) => t.actual === actual)?.incomparable ? ` (${incomparableWhy(condition, spec, actual)})` : '';

  if (condition.setOperator === 'ForAllValues') {
    const failing = tests.filter((t) => !t.ok);
    if (failing.length === 0) return result(true, `every value of ${describeActual(key, actualValues)} satisfies ${operator} against ${expected}`);
    const first = failing[0]?.actual ?? '';
    return result(
      false,
      `${operator} needs every value of ${key} to ${spec.negated ? 'match none of' : 'match'} ${expected}, but ${showValue(key, first)} ${spec.negated ? affirmative : negative} it${incomparableNote(first)}`,
    );
  }
  if (condition.setOperator === 'ForAnyValue') {
    const passing = tests.find((t) => t.ok);
    if (passing) return result(true, `${showValue(key, passing.actual)} of ${key} satisfies ${operator} against ${expected}`);
    return result(false, `no value of ${describeActual(key, actualValues)} satisfies ${operator} against ${expected}`);
  }

  // A single-valued operator on a multivalued key (which AWS advises against) is read as "any
  // request value matches" for positive operators and "no request value matches" for negated ones.
  const single = actualValues.length === 1 ? (actualValues[0] ?? '') : undefined;
  const shownActual = describeActual(key, actualValues);
  if (!spec.negated) {
    const match = tests.find((t) => t.ok);
    if (match) return result(true, `${shownActual} ${affirmative} ${expected}`);
    const note = single !== undefined ? incomparableNote(single) + differenceHint(condition, single) : '';
    return result(false, `${shownActual} ${negative} ${expected}${note}`);
  }
  const allOk = tests.every((t) => t.ok);
  if (allOk) return result(true, `${shownActual} ${negative} ${expected}, as ${operator} requires`);
  const incomparable = tests.find((t) => t.incomparable);
  if (incomparable) return result(false, `${shownActual} cannot be compared with ${expected}${incomparableNote(incomparable.actual)}, so ${operator} is false`);
  return result(false, `${shownActual} ${affirmative} ${expected}, which ${operator} excludes`);
}

function listText(values: string[]): string {
  return values.length === 1 ? (values[0] ?? '') : `[${values.join(', ')}]`;
}

function evaluateStatement(statement: ParsedStatement, request: RequestContext, kind: PolicyKind, ctx: MatchContext): StatementEvaluation {
  const { label } = statement;
  const reasons: string[] = [];
  const caller = request.principal.arn;

  let principalMatches = true;
  if (statement.principal) {
    const { matches, notes } = principalMatchesBlock(statement.principal, request.principal);
    principalMatches = matches;
    if (!matches) reasons.push(`${label}: Principal ${describePrincipalBlock(statement.principal)} does not match the caller ${caller}`);
    reasons.push(...notes.map((note) => `${label}: ${note}`));
  } else if (statement.notPrincipal) {
    const { matches, notes } = principalMatchesBlock(statement.notPrincipal, request.principal);
    // NotPrincipal matches with the same rules as Principal (a role ARN covers its sessions). AWS only
    // supports it with Deny in resource-based policies, and is stricter for sessions (it wants the
    // account ARN listed too); the reasons say so rather than guess at that service-specific order.
    principalMatches = !matches;
    reasons.push(
      matches
        ? `${label}: the caller ${caller} is listed in NotPrincipal (${describePrincipalBlock(statement.notPrincipal)}), so the statement does not apply to it`
        : `${label}: the caller ${caller} is not listed in NotPrincipal (${describePrincipalBlock(statement.notPrincipal)}), so the statement applies to it`,
    );
    reasons.push(...notes.map((note) => `${label}: ${note}`));
    if (kind === 'trust' || statement.effect === 'Allow') {
      reasons.push(`${label}: AWS supports NotPrincipal only with "Effect": "Deny" in resource-based policies, not in role trust policies; use a Deny with an ArnNotEquals condition on aws:PrincipalArn instead`);
    }
  }

  const actionMatch = (patterns: string[]) => patterns.some((p) => wildcardMatch(p, request.action, true, { ...ctx, variables: false }) === true);
  let actionMatches: boolean;
  if (statement.actions) {
    actionMatches = actionMatch(statement.actions);
    if (!actionMatches) reasons.push(`${label}: Action ${listText(statement.actions)} does not include ${request.action}`);
  } else {
    const excluded = actionMatch(statement.notActions ?? []);
    actionMatches = !excluded;
    if (excluded) reasons.push(`${label}: NotAction ${listText(statement.notActions ?? [])} excludes ${request.action}`);
  }

  let resourceMatches = true;
  if (statement.resources) {
    resourceMatches = statement.resources.some((p) => arnMatch(p, request.resource, ctx) === true);
    if (!resourceMatches) reasons.push(`${label}: Resource ${listText(statement.resources)} does not match ${request.resource}`);
  } else if (statement.notResources) {
    const excluded = statement.notResources.some((p) => arnMatch(p, request.resource, ctx) === true);
    resourceMatches = !excluded;
    if (excluded) reasons.push(`${label}: NotResource ${listText(statement.notResources)} excludes ${request.resource}`);
  }

  const conditions = statement.conditions.map((c) => evaluateCondition(c, ctx));
  const conditionsMet = conditions.every((c) => c.met);
  for (const c of conditions) {
    if (!c.met) reasons.push(`${label}: condition ${c.operator} on ${c.key} is not met: ${c.reason}`);
  }

  const applies = principalMatches && actionMatches && resourceMatches && conditionsMet;
  if (applies) {
    const who = statement.principal || statement.notPrincipal ? ` for ${caller}` : '';
    reasons.push(`${label}: applies — ${statement.effect === 'Allow' ? 'allows' : 'explicitly denies'} ${request.action}${who}`);
  }
  return {
    index: statement.index,
    ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
    effect: statement.effect,
    principalMatches,
    actionMatches,
    resourceMatches,
    conditionsMet,
    applies,
    conditions,
    reasons,
  };
}

function decide(statements: StatementEvaluation[]): Decision {
  // An explicit Deny wins over any Allow; without an applicable Allow the request is implicitly denied.
  if (statements.some((s) => s.applies && s.effect === 'Deny')) return 'explicitDeny';
  if (statements.some((s) => s.applies && s.effect === 'Allow')) return 'allowed';
  return 'implicitDeny';
}

function evaluateParsed(policy: ParsedPolicy, request: RequestContext, kind: PolicyKind): StatementEvaluation[] {
  const lookup = requestKeys(request);
  const ctx: MatchContext = { variables: policy.variables, lookup };
  return policy.statements.map((s) => evaluateStatement(s, request, kind, ctx));
}

/**
 * Evaluates one policy of the given kind for one request. Throws PolicyDocumentError when the
 * document is malformed (anywhere, not only in the statements that would decide).
 */
export function evaluatePolicy(document: unknown, request: RequestContext, kind: PolicyKind): PolicyEvaluation {
  const statements = evaluateParsed(parsePolicy(document, kind), request, kind);
  return { decision: decide(statements), statements };
}

/**
 * Evaluates several policies of one kind as one (e.g. a role's inline and managed identity
 * policies): a Deny in any denies, an Allow in any allows. Statement indexes stay those of their own
 * document; reasons and errors name the policy as Policy[i].
 */
export function evaluatePolicies(documents: unknown[], request: RequestContext, kind: PolicyKind): PolicyEvaluation {
  const parsed = documents.map((d, i) => parsePolicy(d, kind, documents.length > 1 ? `Policy[${i}].` : ''));
  const statements = parsed.flatMap((p) => evaluateParsed(p, request, kind));
  return { decision: decide(statements), statements };
}
