// @ts-nocheck
// Explains a customer's target-role trust policy the way a support engineer would: would the tenant's
// dataplane role be allowed to assume the role with the customer's External ID, which statement and
// condition decide, what to change, and the customer's own policy with that change made.
//
// A successful AssumeRole with an External ID does not prove the role requires one, so the policy is
// evaluated twice: with the External ID, and without it (which must be denied).
//
// The External ID is a shared secret: it never appears in clear in the explanation, and the corrected
// policy carries a placeholder instead.
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
import { customerTargetRoleTrustPolicy } from './policies';
import { ConditionEvaluation, Decision, describeDifference, describeSecret, evaluatePolicy, fingerprint, isSecretConditionKey, PolicyEvaluation, principalFromArn, readPolicyDocument, RequestContext, RequestPrincipal, StatementEvaluation, stripEdgeWhitespace } from './policy-evaluator';
export interface TrustPolicyExplanation {
  decision: Decision;
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
export const CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER = stryMutAct_9fa48("1857") ? "" : (stryCov_9fa48("1857"), '<YOUR_EXTERNAL_ID>');
const DEFAULT_SESSION_NAME = stryMutAct_9fa48("1858") ? "" : (stryCov_9fa48("1858"), 'trust-policy-explain');
const ACTION = stryMutAct_9fa48("1859") ? "" : (stryCov_9fa48("1859"), 'sts:AssumeRole');
// STS's rule for External IDs: 2–1224 characters from this set (no whitespace).
const EXTERNAL_ID_FORMAT = stryMutAct_9fa48("1864") ? /^[\W+=,.@:/-]*$/ : stryMutAct_9fa48("1863") ? /^[^\w+=,.@:/-]*$/ : stryMutAct_9fa48("1862") ? /^[\w+=,.@:/-]$/ : stryMutAct_9fa48("1861") ? /^[\w+=,.@:/-]*/ : stryMutAct_9fa48("1860") ? /[\w+=,.@:/-]*$/ : (stryCov_9fa48("1860", "1861", "1862", "1863", "1864"), /^[\w+=,.@:/-]*$/);
type RawStatement = Record<string, unknown>;
type RawPolicy = Record<string, unknown> & {
  Statement: RawStatement[];
};
interface Context {
  options: TrustPolicyExplainOptions;
  caller: RequestPrincipal;
  dataplaneRoleArn: string;
  externalId?: string;
  raw: RawPolicy;
  withId: PolicyEvaluation;
  withoutId: PolicyEvaluation;
}

/**
 * Evaluates `sts:AssumeRole` by `principalArn` against the trust policy and explains the outcome.
 * Throws PolicyDocumentError for a malformed document and InvalidPrincipalArnError for a bad ARN.
 */
export function explainTrustPolicy(document: unknown, options: TrustPolicyExplainOptions): TrustPolicyExplanation {
  if (stryMutAct_9fa48("1865")) {
    {}
  } else {
    stryCov_9fa48("1865");
    const policy = readPolicyDocument(document);
    const caller = callerPrincipal(options);
    const dataplaneRoleArn = stryMutAct_9fa48("1866") ? caller.roleArn && caller.arn : (stryCov_9fa48("1866"), caller.roleArn ?? caller.arn);
    const withId = evaluatePolicy(policy, assumeRoleRequest(caller, options, options.externalId), stryMutAct_9fa48("1867") ? "" : (stryCov_9fa48("1867"), 'trust'));
    const withoutId = (stryMutAct_9fa48("1870") ? options.externalId !== undefined : stryMutAct_9fa48("1869") ? false : stryMutAct_9fa48("1868") ? true : (stryCov_9fa48("1868", "1869", "1870"), options.externalId === undefined)) ? withId : evaluatePolicy(policy, assumeRoleRequest(caller, options, undefined), stryMutAct_9fa48("1871") ? "" : (stryCov_9fa48("1871"), 'trust'));
    const ctx: Context = stryMutAct_9fa48("1872") ? {} : (stryCov_9fa48("1872"), {
      options,
      caller,
      dataplaneRoleArn,
      ...((stryMutAct_9fa48("1875") ? options.externalId === undefined : stryMutAct_9fa48("1874") ? false : stryMutAct_9fa48("1873") ? true : (stryCov_9fa48("1873", "1874", "1875"), options.externalId !== undefined)) ? stryMutAct_9fa48("1876") ? {} : (stryCov_9fa48("1876"), {
        externalId: options.externalId
      }) : {}),
      raw: normalized(policy),
      withId,
      withoutId
    });
    const externalIdRequired = stryMutAct_9fa48("1879") ? withoutId.decision === 'allowed' : stryMutAct_9fa48("1878") ? false : stryMutAct_9fa48("1877") ? true : (stryCov_9fa48("1877", "1878", "1879"), withoutId.decision !== (stryMutAct_9fa48("1880") ? "" : (stryCov_9fa48("1880"), 'allowed')));
    const diagnosis = (stryMutAct_9fa48("1883") ? withId.decision !== 'allowed' : stryMutAct_9fa48("1882") ? false : stryMutAct_9fa48("1881") ? true : (stryCov_9fa48("1881", "1882", "1883"), withId.decision === (stryMutAct_9fa48("1884") ? "" : (stryCov_9fa48("1884"), 'allowed')))) ? explainAllowed(ctx, externalIdRequired) : explainDenied(ctx);
    const notes = stryMutAct_9fa48("1885") ? [] : (stryCov_9fa48("1885"), [...diagnosis.notes, ...externalIdFormatNotes(options.externalId)]);
    const summary = (stryMutAct_9fa48("1886") ? [] : (stryCov_9fa48("1886"), [diagnosis.summary, ...notes])).join(stryMutAct_9fa48("1887") ? "" : (stryCov_9fa48("1887"), ' '));
    const corrected = diagnosis.changed ? checkedCorrection(withoutExternalIds(diagnosis.corrected), ctx) : undefined;
    return stryMutAct_9fa48("1888") ? {} : (stryCov_9fa48("1888"), {
      decision: withId.decision,
      statements: withId.statements,
      summary,
      ...((stryMutAct_9fa48("1892") ? diagnosis.fixes.length <= 0 : stryMutAct_9fa48("1891") ? diagnosis.fixes.length >= 0 : stryMutAct_9fa48("1890") ? false : stryMutAct_9fa48("1889") ? true : (stryCov_9fa48("1889", "1890", "1891", "1892"), diagnosis.fixes.length > 0)) ? stryMutAct_9fa48("1893") ? {} : (stryCov_9fa48("1893"), {
        fix: diagnosis.fixes.join(stryMutAct_9fa48("1894") ? "" : (stryCov_9fa48("1894"), ' '))
      }) : {}),
      ...((stryMutAct_9fa48("1897") ? corrected === undefined : stryMutAct_9fa48("1896") ? false : stryMutAct_9fa48("1895") ? true : (stryCov_9fa48("1895", "1896", "1897"), corrected !== undefined)) ? stryMutAct_9fa48("1898") ? {} : (stryCov_9fa48("1898"), {
        correctedPolicy: corrected
      }) : {}),
      externalIdRequired
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The request

function callerPrincipal(options: TrustPolicyExplainOptions): RequestPrincipal {
  if (stryMutAct_9fa48("1899")) {
    {}
  } else {
    stryCov_9fa48("1899");
    const principal = principalFromArn(options.principalArn);
    if (stryMutAct_9fa48("1902") ? principal.type === 'Role' : stryMutAct_9fa48("1901") ? false : stryMutAct_9fa48("1900") ? true : (stryCov_9fa48("1900", "1901", "1902"), principal.type !== (stryMutAct_9fa48("1903") ? "" : (stryCov_9fa48("1903"), 'Role')))) return principal;
    // Roles do not call APIs; their sessions do. The verifier and the Spark jobs call as a session.
    const [, partition = stryMutAct_9fa48("1904") ? "" : (stryCov_9fa48("1904"), 'aws')] = options.principalArn.split(stryMutAct_9fa48("1905") ? "" : (stryCov_9fa48("1905"), ':'));
    const name = stryMutAct_9fa48("1906") ? options.principalArn : (stryCov_9fa48("1906"), options.principalArn.slice(stryMutAct_9fa48("1907") ? options.principalArn.lastIndexOf('/') - 1 : (stryCov_9fa48("1907"), options.principalArn.lastIndexOf(stryMutAct_9fa48("1908") ? "" : (stryCov_9fa48("1908"), '/')) + 1)));
    const session = stryMutAct_9fa48("1909") ? options.sessionName && DEFAULT_SESSION_NAME : (stryCov_9fa48("1909"), options.sessionName ?? DEFAULT_SESSION_NAME);
    return stryMutAct_9fa48("1910") ? {} : (stryCov_9fa48("1910"), {
      arn: stryMutAct_9fa48("1911") ? `` : (stryCov_9fa48("1911"), `arn:${partition}:sts::${principal.accountId}:assumed-role/${name}/${session}`),
      accountId: principal.accountId,
      type: stryMutAct_9fa48("1912") ? "" : (stryCov_9fa48("1912"), 'AssumedRole'),
      roleArn: options.principalArn
    });
  }
}
function assumeRoleRequest(caller: RequestPrincipal, options: TrustPolicyExplainOptions, externalId: string | undefined): RequestContext {
  if (stryMutAct_9fa48("1913")) {
    {}
  } else {
    stryCov_9fa48("1913");
    return stryMutAct_9fa48("1914") ? {} : (stryCov_9fa48("1914"), {
      principal: caller,
      action: ACTION,
      resource: stryMutAct_9fa48("1915") ? options.targetRoleArn && '' : (stryCov_9fa48("1915"), options.targetRoleArn ?? (stryMutAct_9fa48("1916") ? "Stryker was here!" : (stryCov_9fa48("1916"), ''))),
      conditionKeys: stryMutAct_9fa48("1917") ? {} : (stryCov_9fa48("1917"), {
        // For a session, aws:PrincipalArn is the role's ARN (with its path), not the session's.
        'aws:PrincipalArn': stryMutAct_9fa48("1918") ? caller.roleArn && caller.arn : (stryCov_9fa48("1918"), caller.roleArn ?? caller.arn),
        'aws:PrincipalAccount': caller.accountId,
        'sts:RoleSessionName': stryMutAct_9fa48("1919") ? (options.sessionName ?? sessionNameOf(caller)) && DEFAULT_SESSION_NAME : (stryCov_9fa48("1919"), (stryMutAct_9fa48("1920") ? options.sessionName && sessionNameOf(caller) : (stryCov_9fa48("1920"), options.sessionName ?? sessionNameOf(caller))) ?? DEFAULT_SESSION_NAME),
        ...((stryMutAct_9fa48("1923") ? externalId === undefined : stryMutAct_9fa48("1922") ? false : stryMutAct_9fa48("1921") ? true : (stryCov_9fa48("1921", "1922", "1923"), externalId !== undefined)) ? stryMutAct_9fa48("1924") ? {} : (stryCov_9fa48("1924"), {
          'sts:ExternalId': externalId
        }) : {})
      })
    });
  }
}
function sessionNameOf(principal: RequestPrincipal): string | undefined {
  if (stryMutAct_9fa48("1925")) {
    {}
  } else {
    stryCov_9fa48("1925");
    return (stryMutAct_9fa48("1928") ? principal.type !== 'AssumedRole' : stryMutAct_9fa48("1927") ? false : stryMutAct_9fa48("1926") ? true : (stryCov_9fa48("1926", "1927", "1928"), principal.type === (stryMutAct_9fa48("1929") ? "" : (stryCov_9fa48("1929"), 'AssumedRole')))) ? principal.arn.split(stryMutAct_9fa48("1930") ? "" : (stryCov_9fa48("1930"), '/'))[2] : undefined;
  }
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
  if (stryMutAct_9fa48("1931")) {
    {}
  } else {
    stryCov_9fa48("1931");
    const corrected = clone(ctx.raw);
    const fixes: string[] = stryMutAct_9fa48("1932") ? ["Stryker was here"] : (stryCov_9fa48("1932"), []);
    const notes: string[] = stryMutAct_9fa48("1933") ? ["Stryker was here"] : (stryCov_9fa48("1933"), []);
    let changed = stryMutAct_9fa48("1934") ? true : (stryCov_9fa48("1934"), false);
    const allowing = applyingAllows(ctx.withId);
    const role = ctx.dataplaneRoleArn;
    let summary: string;
    if (stryMutAct_9fa48("1936") ? false : stryMutAct_9fa48("1935") ? true : (stryCov_9fa48("1935", "1936"), externalIdRequired)) {
      if (stryMutAct_9fa48("1937")) {
        {}
      } else {
        stryCov_9fa48("1937");
        summary = stryMutAct_9fa48("1938") ? `` : (stryCov_9fa48("1938"), `Allowed: ${labels(allowing)} lets ${role} assume this role with the External ID (${describeSecret(stryMutAct_9fa48("1939") ? ctx.externalId && '' : (stryCov_9fa48("1939"), ctx.externalId ?? (stryMutAct_9fa48("1940") ? "Stryker was here!" : (stryCov_9fa48("1940"), ''))))}), and not without it.`);
      }
    } else {
      if (stryMutAct_9fa48("1941")) {
        {}
      } else {
        stryCov_9fa48("1941");
        const withoutId = applyingAllows(ctx.withoutId);
        summary = (stryMutAct_9fa48("1942") ? `` : (stryCov_9fa48("1942"), `Allowed, but the External ID is not enforced: ${labels(withoutId)} also lets ${role} assume this role without an External ID, `)) + (stryMutAct_9fa48("1943") ? "" : (stryCov_9fa48("1943"), 'which leaves the role open to the confused-deputy problem.'));
        fixes.push((stryMutAct_9fa48("1944") ? `` : (stryCov_9fa48("1944"), `Add "Condition": {"StringEquals": {"sts:ExternalId": "${CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER}"}} to ${labels(withoutId)}, `)) + (stryMutAct_9fa48("1945") ? "" : (stryCov_9fa48("1945"), 'with the External ID from the connection form in place of the placeholder.')));
        for (const s of withoutId) {
          if (stryMutAct_9fa48("1946")) {
            {}
          } else {
            stryCov_9fa48("1946");
            corrected.Statement[s.index] = correctStatement(rawStatement(ctx, s), s, ctx);
            changed = stryMutAct_9fa48("1947") ? false : (stryCov_9fa48("1947"), true);
          }
        }
      }
    }
    notes.push(...notPrincipalNotes(ctx));
    for (const s of allowing) {
      if (stryMutAct_9fa48("1948")) {
        {}
      } else {
        stryCov_9fa48("1948");
        const raw = rawStatement(ctx, s);
        const principal = raw.Principal;
        if (stryMutAct_9fa48("1950") ? false : stryMutAct_9fa48("1949") ? true : (stryCov_9fa48("1949", "1950"), isEveryone(principal))) {
          if (stryMutAct_9fa48("1951")) {
            {}
          } else {
            stryCov_9fa48("1951");
            notes.push((stryMutAct_9fa48("1952") ? `` : (stryCov_9fa48("1952"), `Warning: ${label(s)} trusts every AWS principal ("*"), so anyone who learns the External ID can assume this role; `)) + (stryMutAct_9fa48("1953") ? `` : (stryCov_9fa48("1953"), `trust only the dataplane role ${role}.`)));
            fixes.push(stryMutAct_9fa48("1954") ? `` : (stryCov_9fa48("1954"), `Set the Principal of ${label(s)} to {"AWS": "${role}"}.`));
            corrected.Statement[s.index] = correctStatement(raw, s, ctx);
            changed = stryMutAct_9fa48("1955") ? false : (stryCov_9fa48("1955"), true);
          }
        } else if (stryMutAct_9fa48("1958") ? trustsAccount(principal, ctx.caller.accountId) || !trustsRole(principal, role) : stryMutAct_9fa48("1957") ? false : stryMutAct_9fa48("1956") ? true : (stryCov_9fa48("1956", "1957", "1958"), trustsAccount(principal, ctx.caller.accountId) && (stryMutAct_9fa48("1959") ? trustsRole(principal, role) : (stryCov_9fa48("1959"), !trustsRole(principal, role))))) {
          if (stryMutAct_9fa48("1960")) {
            {}
          } else {
            stryCov_9fa48("1960");
            notes.push((stryMutAct_9fa48("1961") ? `` : (stryCov_9fa48("1961"), `${label(s)} trusts the whole account ${ctx.caller.accountId}, a correct and common setup: the IAM policies of that `)) + (stryMutAct_9fa48("1962") ? "" : (stryCov_9fa48("1962"), 'account then decide which of its roles may assume this one.')));
          }
        }
        if (stryMutAct_9fa48("1965") ? raw.NotPrincipal === undefined : stryMutAct_9fa48("1964") ? false : stryMutAct_9fa48("1963") ? true : (stryCov_9fa48("1963", "1964", "1965"), raw.NotPrincipal !== undefined)) {
          if (stryMutAct_9fa48("1966")) {
            {}
          } else {
            stryCov_9fa48("1966");
            fixes.push(stryMutAct_9fa48("1967") ? `` : (stryCov_9fa48("1967"), `In ${label(s)}, replace NotPrincipal with "Principal": {"AWS": "${role}"}.`));
            corrected.Statement[s.index] = correctStatement(raw, s, ctx);
            changed = stryMutAct_9fa48("1968") ? false : (stryCov_9fa48("1968"), true);
          }
        }
        const externalIdConditions = stryMutAct_9fa48("1969") ? s.conditions : (stryCov_9fa48("1969"), s.conditions.filter(stryMutAct_9fa48("1970") ? () => undefined : (stryCov_9fa48("1970"), c => isSecretConditionKey(c.key))));
        const wildcard = externalIdConditions.find(stryMutAct_9fa48("1971") ? () => undefined : (stryCov_9fa48("1971"), c => stryMutAct_9fa48("1974") ? /Like/i.test(c.operator) || wildcardIn(rawValues(raw, c)) : stryMutAct_9fa48("1973") ? false : stryMutAct_9fa48("1972") ? true : (stryCov_9fa48("1972", "1973", "1974"), /Like/i.test(c.operator) && wildcardIn(rawValues(raw, c)))));
        if (stryMutAct_9fa48("1977") ? externalIdConditions.length > 0 || acceptsOtherExternalIds(ctx, s) : stryMutAct_9fa48("1976") ? false : stryMutAct_9fa48("1975") ? true : (stryCov_9fa48("1975", "1976", "1977"), (stryMutAct_9fa48("1980") ? externalIdConditions.length <= 0 : stryMutAct_9fa48("1979") ? externalIdConditions.length >= 0 : stryMutAct_9fa48("1978") ? true : (stryCov_9fa48("1978", "1979", "1980"), externalIdConditions.length > 0)) && acceptsOtherExternalIds(ctx, s))) {
          if (stryMutAct_9fa48("1981")) {
            {}
          } else {
            stryCov_9fa48("1981");
            notes.push((stryMutAct_9fa48("1982") ? `` : (stryCov_9fa48("1982"), `Warning: ${label(s)} also accepts other External IDs (its conditions on sts:ExternalId hold for a different value), `)) + (stryMutAct_9fa48("1983") ? "" : (stryCov_9fa48("1983"), 'so it does not protect the role against the confused-deputy problem.')));
            fixes.push(stryMutAct_9fa48("1984") ? `` : (stryCov_9fa48("1984"), `In ${label(s)}, require the exact External ID with StringEquals on sts:ExternalId.`));
            corrected.Statement[s.index] = correctStatement(raw, s, ctx);
            changed = stryMutAct_9fa48("1985") ? false : (stryCov_9fa48("1985"), true);
          }
        } else if (stryMutAct_9fa48("1987") ? false : stryMutAct_9fa48("1986") ? true : (stryCov_9fa48("1986", "1987"), wildcard)) {
          if (stryMutAct_9fa48("1988")) {
            {}
          } else {
            stryCov_9fa48("1988");
            notes.push((stryMutAct_9fa48("1989") ? `` : (stryCov_9fa48("1989"), `Warning: ${label(s)} matches the External ID with a wildcard pattern (${wildcard.operator}); an External ID protects `)) + (stryMutAct_9fa48("1990") ? "" : (stryCov_9fa48("1990"), 'the role only when it is matched exactly.')));
            fixes.push(stryMutAct_9fa48("1991") ? `` : (stryCov_9fa48("1991"), `In ${label(s)}, use StringEquals with the exact External ID instead of ${wildcard.operator}.`));
            corrected.Statement[s.index] = correctStatement(raw, s, ctx);
            changed = stryMutAct_9fa48("1992") ? false : (stryCov_9fa48("1992"), true);
          }
        }
      }
    }
    return stryMutAct_9fa48("1993") ? {} : (stryCov_9fa48("1993"), {
      summary,
      notes,
      fixes,
      corrected,
      changed
    });
  }
}
function explainDenied(ctx: Context): Diagnosis {
  if (stryMutAct_9fa48("1994")) {
    {}
  } else {
    stryCov_9fa48("1994");
    const corrected = clone(ctx.raw);
    const fixes: string[] = stryMutAct_9fa48("1995") ? ["Stryker was here"] : (stryCov_9fa48("1995"), []);
    const notes: string[] = stryMutAct_9fa48("1996") ? ["Stryker was here"] : (stryCov_9fa48("1996"), []);
    const because: string[] = stryMutAct_9fa48("1997") ? ["Stryker was here"] : (stryCov_9fa48("1997"), []);
    const role = ctx.dataplaneRoleArn;
    const removed = new Set<number>();
    let changed = stryMutAct_9fa48("1998") ? true : (stryCov_9fa48("1998"), false);

    // Explicit denies first: they win whatever the Allow statements say.
    const denies = stryMutAct_9fa48("1999") ? ctx.withId.statements : (stryCov_9fa48("1999"), ctx.withId.statements.filter(stryMutAct_9fa48("2000") ? () => undefined : (stryCov_9fa48("2000"), s => stryMutAct_9fa48("2003") ? s.applies || s.effect === 'Deny' : stryMutAct_9fa48("2002") ? false : stryMutAct_9fa48("2001") ? true : (stryCov_9fa48("2001", "2002", "2003"), s.applies && (stryMutAct_9fa48("2005") ? s.effect !== 'Deny' : stryMutAct_9fa48("2004") ? true : (stryCov_9fa48("2004", "2005"), s.effect === (stryMutAct_9fa48("2006") ? "" : (stryCov_9fa48("2006"), 'Deny'))))))));
    for (const s of denies) {
      if (stryMutAct_9fa48("2007")) {
        {}
      } else {
        stryCov_9fa48("2007");
        const externalIdConditions = stryMutAct_9fa48("2008") ? s.conditions : (stryCov_9fa48("2008"), s.conditions.filter(stryMutAct_9fa48("2009") ? () => undefined : (stryCov_9fa48("2009"), c => stryMutAct_9fa48("2012") ? isSecretConditionKey(c.key) || isNegated(c.operator) : stryMutAct_9fa48("2011") ? false : stryMutAct_9fa48("2010") ? true : (stryCov_9fa48("2010", "2011", "2012"), isSecretConditionKey(c.key) && isNegated(c.operator)))));
        if (stryMutAct_9fa48("2016") ? externalIdConditions.length <= 0 : stryMutAct_9fa48("2015") ? externalIdConditions.length >= 0 : stryMutAct_9fa48("2014") ? false : stryMutAct_9fa48("2013") ? true : (stryCov_9fa48("2013", "2014", "2015", "2016"), externalIdConditions.length > 0)) {
          if (stryMutAct_9fa48("2017")) {
            {}
          } else {
            stryCov_9fa48("2017");
            // A Deny "unless the External ID is X" is an External ID check written the other way round:
            // correct its value rather than drop it.
            for (const c of externalIdConditions) {
              if (stryMutAct_9fa48("2018")) {
                {}
              } else {
                stryCov_9fa48("2018");
                const problem = externalIdProblem(ctx, s, c);
                because.push(stryMutAct_9fa48("2019") ? `` : (stryCov_9fa48("2019"), `${label(s)} denies the call because ${problem.because}`));
                fixes.push(problem.fix);
                setConditionValue(stryMutAct_9fa48("2020") ? corrected.Statement[s.index] && {} : (stryCov_9fa48("2020"), corrected.Statement[s.index] ?? {}), c, CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER);
              }
            }
          }
        } else {
          if (stryMutAct_9fa48("2021")) {
            {}
          } else {
            stryCov_9fa48("2021");
            because.push(stryMutAct_9fa48("2022") ? `` : (stryCov_9fa48("2022"), `${label(s)} explicitly denies ${ACTION} to ${role}${conditionSummary(s)}`));
            fixes.push(stryMutAct_9fa48("2023") ? `` : (stryCov_9fa48("2023"), `Remove ${label(s)}, or narrow it so that it no longer matches the dataplane role ${role}.`));
            removed.add(s.index);
          }
        }
        changed = stryMutAct_9fa48("2024") ? false : (stryCov_9fa48("2024"), true);
      }
    }
    notes.push(...notPrincipalNotes(ctx));
    let summary: string;
    const allowing = applyingAllows(ctx.withId);
    if (stryMutAct_9fa48("2027") ? allowing.length !== 0 : stryMutAct_9fa48("2026") ? false : stryMutAct_9fa48("2025") ? true : (stryCov_9fa48("2025", "2026", "2027"), allowing.length === 0)) {
      if (stryMutAct_9fa48("2028")) {
        {}
      } else {
        stryCov_9fa48("2028");
        const candidate = closestAllow(ctx);
        if (stryMutAct_9fa48("2030") ? false : stryMutAct_9fa48("2029") ? true : (stryCov_9fa48("2029", "2030"), candidate)) {
          if (stryMutAct_9fa48("2031")) {
            {}
          } else {
            stryCov_9fa48("2031");
            const problems = statementProblems(ctx, candidate);
            because.push(stryMutAct_9fa48("2032") ? `` : (stryCov_9fa48("2032"), `the closest statement, ${label(candidate)}, does not apply: ${problems.because.join(stryMutAct_9fa48("2033") ? "" : (stryCov_9fa48("2033"), '; '))}`));
            fixes.push(...problems.fixes);
            corrected.Statement[candidate.index] = correctStatement(rawStatement(ctx, candidate), candidate, ctx);
          }
        } else {
          if (stryMutAct_9fa48("2034")) {
            {}
          } else {
            stryCov_9fa48("2034");
            const allows = stryMutAct_9fa48("2035") ? ctx.withId.statements : (stryCov_9fa48("2035"), ctx.withId.statements.filter(stryMutAct_9fa48("2036") ? () => undefined : (stryCov_9fa48("2036"), s => stryMutAct_9fa48("2039") ? s.effect !== 'Allow' : stryMutAct_9fa48("2038") ? false : stryMutAct_9fa48("2037") ? true : (stryCov_9fa48("2037", "2038", "2039"), s.effect === (stryMutAct_9fa48("2040") ? "" : (stryCov_9fa48("2040"), 'Allow'))))));
            because.push((stryMutAct_9fa48("2043") ? allows.length !== 0 : stryMutAct_9fa48("2042") ? false : stryMutAct_9fa48("2041") ? true : (stryCov_9fa48("2041", "2042", "2043"), allows.length === 0)) ? stryMutAct_9fa48("2044") ? "" : (stryCov_9fa48("2044"), 'the trust policy has no Allow statement') : stryMutAct_9fa48("2045") ? `` : (stryCov_9fa48("2045"), `none of its Allow statements (${labels(allows)}) is meant for an AWS role calling ${ACTION}`));
            fixes.push(stryMutAct_9fa48("2046") ? `` : (stryCov_9fa48("2046"), `Add a statement that allows ${ACTION} to {"AWS": "${role}"} with a StringEquals condition on sts:ExternalId, as in the corrected policy.`));
            corrected.Statement.push(freshStatement(role, corrected.Statement));
          }
        }
        changed = stryMutAct_9fa48("2047") ? false : (stryCov_9fa48("2047"), true);
      }
    }
    if (stryMutAct_9fa48("2050") ? ctx.withId.decision !== 'explicitDeny' : stryMutAct_9fa48("2049") ? false : stryMutAct_9fa48("2048") ? true : (stryCov_9fa48("2048", "2049", "2050"), ctx.withId.decision === (stryMutAct_9fa48("2051") ? "" : (stryCov_9fa48("2051"), 'explicitDeny')))) {
      if (stryMutAct_9fa48("2052")) {
        {}
      } else {
        stryCov_9fa48("2052");
        summary = stryMutAct_9fa48("2053") ? `` : (stryCov_9fa48("2053"), `Denied: ${because.join(stryMutAct_9fa48("2054") ? "" : (stryCov_9fa48("2054"), '; and '))}. An explicit Deny overrides every Allow.`);
      }
    } else {
      if (stryMutAct_9fa48("2055")) {
        {}
      } else {
        stryCov_9fa48("2055");
        summary = stryMutAct_9fa48("2056") ? `` : (stryCov_9fa48("2056"), `Denied: no statement lets ${role} assume this role; ${because.join(stryMutAct_9fa48("2057") ? "" : (stryCov_9fa48("2057"), '; and '))}.`);
      }
    }
    corrected.Statement = stryMutAct_9fa48("2058") ? corrected.Statement : (stryCov_9fa48("2058"), corrected.Statement.filter(stryMutAct_9fa48("2059") ? () => undefined : (stryCov_9fa48("2059"), (_, index) => stryMutAct_9fa48("2060") ? removed.has(index) : (stryCov_9fa48("2060"), !removed.has(index)))));
    return stryMutAct_9fa48("2061") ? {} : (stryCov_9fa48("2061"), {
      summary,
      notes,
      fixes,
      corrected,
      changed
    });
  }
}

/** AWS does not support NotPrincipal in role trust policies; say so wherever it appears. */
function notPrincipalNotes(ctx: Context): string[] {
  if (stryMutAct_9fa48("2062")) {
    {}
  } else {
    stryCov_9fa48("2062");
    const using = stryMutAct_9fa48("2063") ? ctx.withId.statements : (stryCov_9fa48("2063"), ctx.withId.statements.filter(stryMutAct_9fa48("2064") ? () => undefined : (stryCov_9fa48("2064"), s => stryMutAct_9fa48("2067") ? rawStatement(ctx, s).NotPrincipal === undefined : stryMutAct_9fa48("2066") ? false : stryMutAct_9fa48("2065") ? true : (stryCov_9fa48("2065", "2066", "2067"), rawStatement(ctx, s).NotPrincipal !== undefined))));
    if (stryMutAct_9fa48("2070") ? using.length !== 0 : stryMutAct_9fa48("2069") ? false : stryMutAct_9fa48("2068") ? true : (stryCov_9fa48("2068", "2069", "2070"), using.length === 0)) return stryMutAct_9fa48("2071") ? ["Stryker was here"] : (stryCov_9fa48("2071"), []);
    return stryMutAct_9fa48("2072") ? [] : (stryCov_9fa48("2072"), [(stryMutAct_9fa48("2073") ? `` : (stryCov_9fa48("2073"), `Warning: ${labels(using)} ${(stryMutAct_9fa48("2076") ? using.length !== 1 : stryMutAct_9fa48("2075") ? false : stryMutAct_9fa48("2074") ? true : (stryCov_9fa48("2074", "2075", "2076"), using.length === 1)) ? stryMutAct_9fa48("2077") ? "" : (stryCov_9fa48("2077"), 'uses') : stryMutAct_9fa48("2078") ? "" : (stryCov_9fa48("2078"), 'use')} NotPrincipal, which AWS does not support in role trust policies; `)) + (stryMutAct_9fa48("2079") ? "" : (stryCov_9fa48("2079"), 'use a Deny with an ArnNotEquals condition on aws:PrincipalArn instead.'))]);
  }
}

/**
 * Whether the statement would also let the dataplane role in with some other External ID (a pattern
 * such as "*", a Null check, a negated operator): a probe value derived from the real one stands in
 * for "some other customer's External ID".
 */
function acceptsOtherExternalIds(ctx: Context, s: StatementEvaluation): boolean {
  if (stryMutAct_9fa48("2080")) {
    {}
  } else {
    stryCov_9fa48("2080");
    if (stryMutAct_9fa48("2083") ? ctx.externalId !== undefined : stryMutAct_9fa48("2082") ? false : stryMutAct_9fa48("2081") ? true : (stryCov_9fa48("2081", "2082", "2083"), ctx.externalId === undefined)) return stryMutAct_9fa48("2084") ? true : (stryCov_9fa48("2084"), false);
    const probe = stryMutAct_9fa48("2085") ? `` : (stryCov_9fa48("2085"), `probe-${fingerprint(ctx.externalId)}-${fingerprint(ctx.externalId + (stryMutAct_9fa48("2086") ? "" : (stryCov_9fa48("2086"), '-probe')))}`);
    const document = stryMutAct_9fa48("2087") ? {} : (stryCov_9fa48("2087"), {
      Version: stryMutAct_9fa48("2088") ? "" : (stryCov_9fa48("2088"), '2012-10-17'),
      Statement: stryMutAct_9fa48("2089") ? [] : (stryCov_9fa48("2089"), [rawStatement(ctx, s)])
    });
    return stryMutAct_9fa48("2092") ? evaluatePolicy(document, assumeRoleRequest(ctx.caller, ctx.options, probe), 'trust').decision !== 'allowed' : stryMutAct_9fa48("2091") ? false : stryMutAct_9fa48("2090") ? true : (stryCov_9fa48("2090", "2091", "2092"), evaluatePolicy(document, assumeRoleRequest(ctx.caller, ctx.options, probe), stryMutAct_9fa48("2093") ? "" : (stryCov_9fa48("2093"), 'trust')).decision === (stryMutAct_9fa48("2094") ? "" : (stryCov_9fa48("2094"), 'allowed')));
  }
}
interface Problems {
  because: string[];
  fixes: string[];
}

/** Why an Allow statement does not apply to the dataplane role's call, and what would make it apply. */
function statementProblems(ctx: Context, s: StatementEvaluation): Problems {
  if (stryMutAct_9fa48("2095")) {
    {}
  } else {
    stryCov_9fa48("2095");
    const raw = rawStatement(ctx, s);
    const role = ctx.dataplaneRoleArn;
    const because: string[] = stryMutAct_9fa48("2096") ? ["Stryker was here"] : (stryCov_9fa48("2096"), []);
    const fixes: string[] = stryMutAct_9fa48("2097") ? ["Stryker was here"] : (stryCov_9fa48("2097"), []);
    if (stryMutAct_9fa48("2100") ? false : stryMutAct_9fa48("2099") ? true : stryMutAct_9fa48("2098") ? s.principalMatches : (stryCov_9fa48("2098", "2099", "2100"), !s.principalMatches)) {
      if (stryMutAct_9fa48("2101")) {
        {}
      } else {
        stryCov_9fa48("2101");
        if (stryMutAct_9fa48("2104") ? raw.NotPrincipal === undefined : stryMutAct_9fa48("2103") ? false : stryMutAct_9fa48("2102") ? true : (stryCov_9fa48("2102", "2103", "2104"), raw.NotPrincipal !== undefined)) {
          if (stryMutAct_9fa48("2105")) {
            {}
          } else {
            stryCov_9fa48("2105");
            because.push(stryMutAct_9fa48("2106") ? "" : (stryCov_9fa48("2106"), 'it lists the dataplane role in NotPrincipal'));
            fixes.push(stryMutAct_9fa48("2107") ? `` : (stryCov_9fa48("2107"), `In ${label(s)}, replace NotPrincipal with "Principal": {"AWS": "${role}"}.`));
          }
        } else {
          if (stryMutAct_9fa48("2108")) {
            {}
          } else {
            stryCov_9fa48("2108");
            const uniqueIds = stryMutAct_9fa48("2109") ? principalValues(raw.Principal) : (stryCov_9fa48("2109"), principalValues(raw.Principal).filter(stryMutAct_9fa48("2110") ? () => undefined : (stryCov_9fa48("2110"), v => (stryMutAct_9fa48("2114") ? /^A(ROA|IDA)[^A-Z0-9]{12,}$/ : stryMutAct_9fa48("2113") ? /^A(ROA|IDA)[A-Z0-9]$/ : stryMutAct_9fa48("2112") ? /^A(ROA|IDA)[A-Z0-9]{12,}/ : stryMutAct_9fa48("2111") ? /A(ROA|IDA)[A-Z0-9]{12,}$/ : (stryCov_9fa48("2111", "2112", "2113", "2114"), /^A(ROA|IDA)[A-Z0-9]{12,}$/)).test(v))));
            because.push((stryMutAct_9fa48("2118") ? uniqueIds.length <= 0 : stryMutAct_9fa48("2117") ? uniqueIds.length >= 0 : stryMutAct_9fa48("2116") ? false : stryMutAct_9fa48("2115") ? true : (stryCov_9fa48("2115", "2116", "2117", "2118"), uniqueIds.length > 0)) ? stryMutAct_9fa48("2119") ? `` : (stryCov_9fa48("2119"), `it trusts ${uniqueIds.join(stryMutAct_9fa48("2120") ? "" : (stryCov_9fa48("2120"), ', '))}, a unique ID IAM shows in place of a role that was deleted (a recreated role is not trusted)`) : stryMutAct_9fa48("2121") ? `` : (stryCov_9fa48("2121"), `it trusts ${describePrincipal(raw.Principal)}, not the dataplane role ${role}`));
            fixes.push(stryMutAct_9fa48("2122") ? `` : (stryCov_9fa48("2122"), `In ${label(s)}, set the Principal to {"AWS": "${role}"}.`));
          }
        }
      }
    }
    if (stryMutAct_9fa48("2125") ? false : stryMutAct_9fa48("2124") ? true : stryMutAct_9fa48("2123") ? s.actionMatches : (stryCov_9fa48("2123", "2124", "2125"), !s.actionMatches)) {
      if (stryMutAct_9fa48("2126")) {
        {}
      } else {
        stryCov_9fa48("2126");
        because.push((stryMutAct_9fa48("2129") ? raw.Action === undefined : stryMutAct_9fa48("2128") ? false : stryMutAct_9fa48("2127") ? true : (stryCov_9fa48("2127", "2128", "2129"), raw.Action !== undefined)) ? stryMutAct_9fa48("2130") ? `` : (stryCov_9fa48("2130"), `its Action ${JSON.stringify(raw.Action)} does not include ${ACTION}`) : stryMutAct_9fa48("2131") ? `` : (stryCov_9fa48("2131"), `its NotAction excludes ${ACTION}`));
        fixes.push(stryMutAct_9fa48("2132") ? `` : (stryCov_9fa48("2132"), `In ${label(s)}, set the Action to "${ACTION}".`));
      }
    }
    for (const c of stryMutAct_9fa48("2133") ? s.conditions : (stryCov_9fa48("2133"), s.conditions.filter(stryMutAct_9fa48("2134") ? () => undefined : (stryCov_9fa48("2134"), c => stryMutAct_9fa48("2135") ? c.met : (stryCov_9fa48("2135"), !c.met))))) {
      if (stryMutAct_9fa48("2136")) {
        {}
      } else {
        stryCov_9fa48("2136");
        if (stryMutAct_9fa48("2138") ? false : stryMutAct_9fa48("2137") ? true : (stryCov_9fa48("2137", "2138"), isSecretConditionKey(c.key))) {
          if (stryMutAct_9fa48("2139")) {
            {}
          } else {
            stryCov_9fa48("2139");
            const problem = externalIdProblem(ctx, s, c);
            because.push(problem.because);
            fixes.push(problem.fix);
          }
        } else {
          if (stryMutAct_9fa48("2140")) {
            {}
          } else {
            stryCov_9fa48("2140");
            because.push(stryMutAct_9fa48("2141") ? `` : (stryCov_9fa48("2141"), `its ${c.operator} condition on ${c.key} is not met (${c.reason})`));
            fixes.push(stryMutAct_9fa48("2142") ? `` : (stryCov_9fa48("2142"), `In ${label(s)}, remove the ${c.operator} condition on ${c.key}${conditionAdvice(c.key, role)}.`));
          }
        }
      }
    }
    if (stryMutAct_9fa48("2145") ? false : stryMutAct_9fa48("2144") ? true : stryMutAct_9fa48("2143") ? s.conditions.some(c => isSecretConditionKey(c.key)) : (stryCov_9fa48("2143", "2144", "2145"), !(stryMutAct_9fa48("2146") ? s.conditions.every(c => isSecretConditionKey(c.key)) : (stryCov_9fa48("2146"), s.conditions.some(stryMutAct_9fa48("2147") ? () => undefined : (stryCov_9fa48("2147"), c => isSecretConditionKey(c.key))))))) {
      if (stryMutAct_9fa48("2148")) {
        {}
      } else {
        stryCov_9fa48("2148");
        fixes.push(stryMutAct_9fa48("2149") ? `` : (stryCov_9fa48("2149"), `Also add "StringEquals": {"sts:ExternalId": "${CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER}"} to its Condition, so that the role requires the External ID.`));
      }
    }
    return stryMutAct_9fa48("2150") ? {} : (stryCov_9fa48("2150"), {
      because,
      fixes
    });
  }
}

/** Advice for condition keys whose value the dataplane's call is known to have (or lack). */
function conditionAdvice(key: string, role: string): string {
  if (stryMutAct_9fa48("2151")) {
    {}
  } else {
    stryCov_9fa48("2151");
    const lower = stryMutAct_9fa48("2152") ? key.toUpperCase() : (stryCov_9fa48("2152"), key.toLowerCase());
    if (stryMutAct_9fa48("2155") ? lower !== 'aws:multifactorauthpresent' : stryMutAct_9fa48("2154") ? false : stryMutAct_9fa48("2153") ? true : (stryCov_9fa48("2153", "2154", "2155"), lower === (stryMutAct_9fa48("2156") ? "" : (stryCov_9fa48("2156"), 'aws:multifactorauthpresent')))) return stryMutAct_9fa48("2157") ? "" : (stryCov_9fa48("2157"), ' (a session reached by role chaining never carries MFA)');
    if (stryMutAct_9fa48("2160") ? lower !== 'aws:sourceidentity' : stryMutAct_9fa48("2159") ? false : stryMutAct_9fa48("2158") ? true : (stryCov_9fa48("2158", "2159", "2160"), lower === (stryMutAct_9fa48("2161") ? "" : (stryCov_9fa48("2161"), 'aws:sourceidentity')))) return stryMutAct_9fa48("2162") ? "" : (stryCov_9fa48("2162"), ' (the dataplane sets no source identity)');
    if (stryMutAct_9fa48("2165") ? lower.startsWith('aws:principaltag/') && lower.startsWith('aws:requesttag/') : stryMutAct_9fa48("2164") ? false : stryMutAct_9fa48("2163") ? true : (stryCov_9fa48("2163", "2164", "2165"), (stryMutAct_9fa48("2166") ? lower.endsWith('aws:principaltag/') : (stryCov_9fa48("2166"), lower.startsWith(stryMutAct_9fa48("2167") ? "" : (stryCov_9fa48("2167"), 'aws:principaltag/')))) || (stryMutAct_9fa48("2168") ? lower.endsWith('aws:requesttag/') : (stryCov_9fa48("2168"), lower.startsWith(stryMutAct_9fa48("2169") ? "" : (stryCov_9fa48("2169"), 'aws:requesttag/')))))) return stryMutAct_9fa48("2170") ? "" : (stryCov_9fa48("2170"), ' (the dataplane passes no session tags)');
    if (stryMutAct_9fa48("2173") ? lower !== 'aws:principalarn' : stryMutAct_9fa48("2172") ? false : stryMutAct_9fa48("2171") ? true : (stryCov_9fa48("2171", "2172", "2173"), lower === (stryMutAct_9fa48("2174") ? "" : (stryCov_9fa48("2174"), 'aws:principalarn')))) return stryMutAct_9fa48("2175") ? `` : (stryCov_9fa48("2175"), `, or make it match ${role}`);
    if (stryMutAct_9fa48("2178") ? lower !== 'sts:rolesessionname' : stryMutAct_9fa48("2177") ? false : stryMutAct_9fa48("2176") ? true : (stryCov_9fa48("2176", "2177", "2178"), lower === (stryMutAct_9fa48("2179") ? "" : (stryCov_9fa48("2179"), 'sts:rolesessionname')))) return stryMutAct_9fa48("2180") ? "" : (stryCov_9fa48("2180"), ', or make it match the session names the dataplane uses');
    return stryMutAct_9fa48("2181") ? "" : (stryCov_9fa48("2181"), ', or change it so that it matches the dataplane role\'s call');
  }
}
function externalIdProblem(ctx: Context, s: StatementEvaluation, c: ConditionEvaluation): {
  because: string;
  fix: string;
} {
  if (stryMutAct_9fa48("2182")) {
    {}
  } else {
    stryCov_9fa48("2182");
    const where = stryMutAct_9fa48("2183") ? `` : (stryCov_9fa48("2183"), `the sts:ExternalId value in ${label(s)}`);
    const negated = isNegated(c.operator);
    if (stryMutAct_9fa48("2186") ? ctx.externalId !== undefined : stryMutAct_9fa48("2185") ? false : stryMutAct_9fa48("2184") ? true : (stryCov_9fa48("2184", "2185", "2186"), ctx.externalId === undefined)) {
      if (stryMutAct_9fa48("2187")) {
        {}
      } else {
        stryCov_9fa48("2187");
        return stryMutAct_9fa48("2188") ? {} : (stryCov_9fa48("2188"), {
          because: negated ? stryMutAct_9fa48("2189") ? `` : (stryCov_9fa48("2189"), `its ${c.operator} condition on sts:ExternalId is met: the call carried no External ID`) : stryMutAct_9fa48("2190") ? `` : (stryCov_9fa48("2190"), `it requires an External ID (${c.operator} on sts:ExternalId), but the call carried none`),
          fix: stryMutAct_9fa48("2191") ? `` : (stryCov_9fa48("2191"), `Enter the External ID that ${label(s)} expects in the connection form.`)
        });
      }
    }
    const sent = ctx.externalId;
    const expected = rawValues(rawStatement(ctx, s), c);
    // The evaluator's reason already names the whitespace or case difference for positive operators.
    const because = stryMutAct_9fa48("2192") ? `` : (stryCov_9fa48("2192"), `its ${c.operator} condition on sts:ExternalId is ${negated ? stryMutAct_9fa48("2193") ? "" : (stryCov_9fa48("2193"), 'met') : stryMutAct_9fa48("2194") ? "" : (stryCov_9fa48("2194"), 'not met')}: ${c.reason}${negated ? differenceNote(sent, expected) : stryMutAct_9fa48("2195") ? "Stryker was here!" : (stryCov_9fa48("2195"), '')}`);
    const close = expected.find(stryMutAct_9fa48("2196") ? () => undefined : (stryCov_9fa48("2196"), v => stryMutAct_9fa48("2199") ? stripEdgeWhitespace(v).toLowerCase() !== stripEdgeWhitespace(sent).toLowerCase() : stryMutAct_9fa48("2198") ? false : stryMutAct_9fa48("2197") ? true : (stryCov_9fa48("2197", "2198", "2199"), (stryMutAct_9fa48("2200") ? stripEdgeWhitespace(v).toUpperCase() : (stryCov_9fa48("2200"), stripEdgeWhitespace(v).toLowerCase())) === (stryMutAct_9fa48("2201") ? stripEdgeWhitespace(sent).toUpperCase() : (stryCov_9fa48("2201"), stripEdgeWhitespace(sent).toLowerCase())))));
    let fix: string;
    if (stryMutAct_9fa48("2204") ? close !== undefined : stryMutAct_9fa48("2203") ? false : stryMutAct_9fa48("2202") ? true : (stryCov_9fa48("2202", "2203", "2204"), close === undefined)) {
      if (stryMutAct_9fa48("2205")) {
        {}
      } else {
        stryCov_9fa48("2205");
        fix = stryMutAct_9fa48("2206") ? `` : (stryCov_9fa48("2206"), `Set ${where} to exactly the External ID entered in the connection form (${describeSecret(sent)}), or enter the policy's value there.`);
      }
    } else if (stryMutAct_9fa48("2209") ? stripEdgeWhitespace(close) === stripEdgeWhitespace(sent) : stryMutAct_9fa48("2208") ? false : stryMutAct_9fa48("2207") ? true : (stryCov_9fa48("2207", "2208", "2209"), stripEdgeWhitespace(close) !== stripEdgeWhitespace(sent))) {
      if (stryMutAct_9fa48("2210")) {
        {}
      } else {
        stryCov_9fa48("2210");
        fix = (stryMutAct_9fa48("2213") ? close.toLowerCase() !== sent.toLowerCase() : stryMutAct_9fa48("2212") ? false : stryMutAct_9fa48("2211") ? true : (stryCov_9fa48("2211", "2212", "2213"), (stryMutAct_9fa48("2214") ? close.toUpperCase() : (stryCov_9fa48("2214"), close.toLowerCase())) === (stryMutAct_9fa48("2215") ? sent.toUpperCase() : (stryCov_9fa48("2215"), sent.toLowerCase())))) ? stryMutAct_9fa48("2216") ? `` : (stryCov_9fa48("2216"), `Make the letter case of ${where} match the External ID exactly; External IDs are case-sensitive.`) : stryMutAct_9fa48("2217") ? `` : (stryCov_9fa48("2217"), `Make ${where} exactly the External ID from the connection form: remove the surrounding whitespace and match its letter case.`);
      }
    } else if (stryMutAct_9fa48("2220") ? close === stripEdgeWhitespace(close) : stryMutAct_9fa48("2219") ? false : stryMutAct_9fa48("2218") ? true : (stryCov_9fa48("2218", "2219", "2220"), close !== stripEdgeWhitespace(close))) {
      if (stryMutAct_9fa48("2221")) {
        {}
      } else {
        stryCov_9fa48("2221");
        fix = stryMutAct_9fa48("2222") ? `` : (stryCov_9fa48("2222"), `Remove the whitespace around ${where}; IAM compares External IDs exactly, and no valid External ID contains whitespace.`);
      }
    } else {
      if (stryMutAct_9fa48("2223")) {
        {}
      } else {
        stryCov_9fa48("2223");
        fix = stryMutAct_9fa48("2224") ? "" : (stryCov_9fa48("2224"), 'Re-enter the External ID in the connection form without the surrounding whitespace.');
      }
    }
    return stryMutAct_9fa48("2225") ? {} : (stryCov_9fa48("2225"), {
      because,
      fix
    });
  }
}
function differenceNote(sent: string, expected: string[]): string {
  if (stryMutAct_9fa48("2226")) {
    {}
  } else {
    stryCov_9fa48("2226");
    for (const value of expected) {
      if (stryMutAct_9fa48("2227")) {
        {}
      } else {
        stryCov_9fa48("2227");
        const hint = describeDifference(sent, value);
        if (stryMutAct_9fa48("2229") ? false : stryMutAct_9fa48("2228") ? true : (stryCov_9fa48("2228", "2229"), hint)) return stryMutAct_9fa48("2230") ? `` : (stryCov_9fa48("2230"), `; ${hint}`);
      }
    }
    return stryMutAct_9fa48("2231") ? "Stryker was here!" : (stryCov_9fa48("2231"), '');
  }
}
function conditionSummary(s: StatementEvaluation): string {
  if (stryMutAct_9fa48("2232")) {
    {}
  } else {
    stryCov_9fa48("2232");
    if (stryMutAct_9fa48("2235") ? s.conditions.length !== 0 : stryMutAct_9fa48("2234") ? false : stryMutAct_9fa48("2233") ? true : (stryCov_9fa48("2233", "2234", "2235"), s.conditions.length === 0)) return stryMutAct_9fa48("2236") ? "Stryker was here!" : (stryCov_9fa48("2236"), '');
    return stryMutAct_9fa48("2237") ? `` : (stryCov_9fa48("2237"), ` (its conditions hold: ${s.conditions.map(stryMutAct_9fa48("2238") ? () => undefined : (stryCov_9fa48("2238"), c => stryMutAct_9fa48("2239") ? `` : (stryCov_9fa48("2239"), `${c.operator} on ${c.key}`))).join(stryMutAct_9fa48("2240") ? "" : (stryCov_9fa48("2240"), ', '))})`);
  }
}

/**
 * The Allow statement the customer most likely meant for the dataplane role: one for an AWS principal
 * and an action that can be AssumeRole, with the fewest failures. Statements for services or web
 * identities are someone else's trust and are never rewritten.
 */
function closestAllow(ctx: Context): StatementEvaluation | undefined {
  if (stryMutAct_9fa48("2241")) {
    {}
  } else {
    stryCov_9fa48("2241");
    const candidates = stryMutAct_9fa48("2242") ? ctx.withId.statements : (stryCov_9fa48("2242"), ctx.withId.statements.filter(s => {
      if (stryMutAct_9fa48("2243")) {
        {}
      } else {
        stryCov_9fa48("2243");
        if (stryMutAct_9fa48("2246") ? s.effect === 'Allow' : stryMutAct_9fa48("2245") ? false : stryMutAct_9fa48("2244") ? true : (stryCov_9fa48("2244", "2245", "2246"), s.effect !== (stryMutAct_9fa48("2247") ? "" : (stryCov_9fa48("2247"), 'Allow')))) return stryMutAct_9fa48("2248") ? true : (stryCov_9fa48("2248"), false);
        const raw = rawStatement(ctx, s);
        const awsPrincipal = stryMutAct_9fa48("2251") ? (raw.NotPrincipal !== undefined || isEveryone(raw.Principal)) && isRecord(raw.Principal) && 'AWS' in raw.Principal : stryMutAct_9fa48("2250") ? false : stryMutAct_9fa48("2249") ? true : (stryCov_9fa48("2249", "2250", "2251"), (stryMutAct_9fa48("2253") ? raw.NotPrincipal !== undefined && isEveryone(raw.Principal) : stryMutAct_9fa48("2252") ? false : (stryCov_9fa48("2252", "2253"), (stryMutAct_9fa48("2255") ? raw.NotPrincipal === undefined : stryMutAct_9fa48("2254") ? false : (stryCov_9fa48("2254", "2255"), raw.NotPrincipal !== undefined)) || isEveryone(raw.Principal))) || (stryMutAct_9fa48("2257") ? isRecord(raw.Principal) || 'AWS' in raw.Principal : stryMutAct_9fa48("2256") ? false : (stryCov_9fa48("2256", "2257"), isRecord(raw.Principal) && (stryMutAct_9fa48("2258") ? "" : (stryCov_9fa48("2258"), 'AWS')) in raw.Principal)));
        return stryMutAct_9fa48("2261") ? awsPrincipal || s.actionMatches || s.principalMatches : stryMutAct_9fa48("2260") ? false : stryMutAct_9fa48("2259") ? true : (stryCov_9fa48("2259", "2260", "2261"), awsPrincipal && (stryMutAct_9fa48("2263") ? s.actionMatches && s.principalMatches : stryMutAct_9fa48("2262") ? true : (stryCov_9fa48("2262", "2263"), s.actionMatches || s.principalMatches)));
      }
    }));
    const score = stryMutAct_9fa48("2264") ? () => undefined : (stryCov_9fa48("2264"), (() => {
      const score = (s: StatementEvaluation) => stryMutAct_9fa48("2265") ? (s.principalMatches ? 0 : 2) + (s.actionMatches ? 0 : 2) + s.conditions.filter(c => !c.met).length + (s.conditions.some(c => isSecretConditionKey(c.key)) ? 3 : 0) : (stryCov_9fa48("2265"), (stryMutAct_9fa48("2266") ? (s.principalMatches ? 0 : 2) + (s.actionMatches ? 0 : 2) - s.conditions.filter(c => !c.met).length : (stryCov_9fa48("2266"), (stryMutAct_9fa48("2267") ? (s.principalMatches ? 0 : 2) - (s.actionMatches ? 0 : 2) : (stryCov_9fa48("2267"), (s.principalMatches ? 0 : 2) + (s.actionMatches ? 0 : 2))) + (stryMutAct_9fa48("2268") ? s.conditions.length : (stryCov_9fa48("2268"), s.conditions.filter(stryMutAct_9fa48("2269") ? () => undefined : (stryCov_9fa48("2269"), c => stryMutAct_9fa48("2270") ? c.met : (stryCov_9fa48("2270"), !c.met))).length)))) - ((stryMutAct_9fa48("2271") ? s.conditions.every(c => isSecretConditionKey(c.key)) : (stryCov_9fa48("2271"), s.conditions.some(stryMutAct_9fa48("2272") ? () => undefined : (stryCov_9fa48("2272"), c => isSecretConditionKey(c.key))))) ? 3 : 0));
      return score;
    })());
    return stryMutAct_9fa48("2273") ? [...candidates][0] : (stryCov_9fa48("2273"), (stryMutAct_9fa48("2274") ? [] : (stryCov_9fa48("2274"), [...candidates])).sort(stryMutAct_9fa48("2275") ? () => undefined : (stryCov_9fa48("2275"), (a, b) => stryMutAct_9fa48("2278") ? score(a) - score(b) && a.index - b.index : stryMutAct_9fa48("2277") ? false : stryMutAct_9fa48("2276") ? true : (stryCov_9fa48("2276", "2277", "2278"), (stryMutAct_9fa48("2279") ? score(a) + score(b) : (stryCov_9fa48("2279"), score(a) - score(b))) || (stryMutAct_9fa48("2280") ? a.index + b.index : (stryCov_9fa48("2280"), a.index - b.index)))))[0]);
  }
}

// ---------------------------------------------------------------------------------------------
// Corrections

/**
 * The statement as it should be for the dataplane role: Allow, Principal the dataplane role when it
 * did not match (or trusted everyone), Action sts:AssumeRole when it did not match, failing conditions
 * dropped, passing ones kept, and StringEquals on sts:ExternalId with the placeholder.
 */
function correctStatement(raw: RawStatement, s: StatementEvaluation, ctx: Context): RawStatement {
  if (stryMutAct_9fa48("2281")) {
    {}
  } else {
    stryCov_9fa48("2281");
    const statement = clone(raw);
    statement.Effect = stryMutAct_9fa48("2282") ? "" : (stryCov_9fa48("2282"), 'Allow');
    if (stryMutAct_9fa48("2285") ? (!s.principalMatches || isEveryone(raw.Principal)) && raw.NotPrincipal !== undefined : stryMutAct_9fa48("2284") ? false : stryMutAct_9fa48("2283") ? true : (stryCov_9fa48("2283", "2284", "2285"), (stryMutAct_9fa48("2287") ? !s.principalMatches && isEveryone(raw.Principal) : stryMutAct_9fa48("2286") ? false : (stryCov_9fa48("2286", "2287"), (stryMutAct_9fa48("2288") ? s.principalMatches : (stryCov_9fa48("2288"), !s.principalMatches)) || isEveryone(raw.Principal))) || (stryMutAct_9fa48("2290") ? raw.NotPrincipal === undefined : stryMutAct_9fa48("2289") ? false : (stryCov_9fa48("2289", "2290"), raw.NotPrincipal !== undefined)))) {
      if (stryMutAct_9fa48("2291")) {
        {}
      } else {
        stryCov_9fa48("2291");
        delete statement.NotPrincipal;
        statement.Principal = stryMutAct_9fa48("2292") ? {} : (stryCov_9fa48("2292"), {
          AWS: ctx.dataplaneRoleArn
        });
      }
    }
    if (stryMutAct_9fa48("2295") ? false : stryMutAct_9fa48("2294") ? true : stryMutAct_9fa48("2293") ? s.actionMatches : (stryCov_9fa48("2293", "2294", "2295"), !s.actionMatches)) {
      if (stryMutAct_9fa48("2296")) {
        {}
      } else {
        stryCov_9fa48("2296");
        delete statement.NotAction;
        statement.Action = ACTION;
      }
    }
    const conditions: Record<string, Record<string, unknown>> = {};
    if (stryMutAct_9fa48("2298") ? false : stryMutAct_9fa48("2297") ? true : (stryCov_9fa48("2297", "2298"), isRecord(raw.Condition))) {
      if (stryMutAct_9fa48("2299")) {
        {}
      } else {
        stryCov_9fa48("2299");
        for (const [operator, block] of Object.entries(raw.Condition)) {
          if (stryMutAct_9fa48("2300")) {
            {}
          } else {
            stryCov_9fa48("2300");
            if (stryMutAct_9fa48("2303") ? false : stryMutAct_9fa48("2302") ? true : stryMutAct_9fa48("2301") ? isRecord(block) : (stryCov_9fa48("2301", "2302", "2303"), !isRecord(block))) continue;
            for (const [key, value] of Object.entries(block)) {
              if (stryMutAct_9fa48("2304")) {
                {}
              } else {
                stryCov_9fa48("2304");
                const evaluation = s.conditions.find(stryMutAct_9fa48("2305") ? () => undefined : (stryCov_9fa48("2305"), c => stryMutAct_9fa48("2308") ? c.operator === operator || c.key === key : stryMutAct_9fa48("2307") ? false : stryMutAct_9fa48("2306") ? true : (stryCov_9fa48("2306", "2307", "2308"), (stryMutAct_9fa48("2310") ? c.operator !== operator : stryMutAct_9fa48("2309") ? true : (stryCov_9fa48("2309", "2310"), c.operator === operator)) && (stryMutAct_9fa48("2312") ? c.key !== key : stryMutAct_9fa48("2311") ? true : (stryCov_9fa48("2311", "2312"), c.key === key)))));
                if (stryMutAct_9fa48("2315") ? isSecretConditionKey(key) && !evaluation?.met : stryMutAct_9fa48("2314") ? false : stryMutAct_9fa48("2313") ? true : (stryCov_9fa48("2313", "2314", "2315"), isSecretConditionKey(key) || (stryMutAct_9fa48("2316") ? evaluation?.met : (stryCov_9fa48("2316"), !(stryMutAct_9fa48("2317") ? evaluation.met : (stryCov_9fa48("2317"), evaluation?.met)))))) continue;
                (stryMutAct_9fa48("2318") ? conditions[operator] &&= {} : (stryCov_9fa48("2318"), conditions[operator] ??= {}))[key] = value;
              }
            }
          }
        }
      }
    }
    (stryMutAct_9fa48("2319") ? conditions.StringEquals &&= {} : (stryCov_9fa48("2319"), conditions.StringEquals ??= {}))[stryMutAct_9fa48("2320") ? "" : (stryCov_9fa48("2320"), 'sts:ExternalId')] = CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER;
    statement.Condition = conditions;
    return inStatementOrder(statement);
  }
}
const STATEMENT_ORDER = stryMutAct_9fa48("2321") ? [] : (stryCov_9fa48("2321"), [stryMutAct_9fa48("2322") ? "" : (stryCov_9fa48("2322"), 'Sid'), stryMutAct_9fa48("2323") ? "" : (stryCov_9fa48("2323"), 'Effect'), stryMutAct_9fa48("2324") ? "" : (stryCov_9fa48("2324"), 'Principal'), stryMutAct_9fa48("2325") ? "" : (stryCov_9fa48("2325"), 'NotPrincipal'), stryMutAct_9fa48("2326") ? "" : (stryCov_9fa48("2326"), 'Action'), stryMutAct_9fa48("2327") ? "" : (stryCov_9fa48("2327"), 'NotAction'), stryMutAct_9fa48("2328") ? "" : (stryCov_9fa48("2328"), 'Resource'), stryMutAct_9fa48("2329") ? "" : (stryCov_9fa48("2329"), 'NotResource'), stryMutAct_9fa48("2330") ? "" : (stryCov_9fa48("2330"), 'Condition')]);

/** Keys in the order IAM's console and AWS's examples use, so the customer can diff old and new. */
function inStatementOrder(statement: RawStatement): RawStatement {
  if (stryMutAct_9fa48("2331")) {
    {}
  } else {
    stryCov_9fa48("2331");
    const ordered: RawStatement = {};
    for (const key of STATEMENT_ORDER) if (stryMutAct_9fa48("2333") ? false : stryMutAct_9fa48("2332") ? true : (stryCov_9fa48("2332", "2333"), key in statement)) ordered[key] = statement[key];
    return stryMutAct_9fa48("2334") ? {} : (stryCov_9fa48("2334"), {
      ...ordered,
      ...statement
    });
  }
}

/** The policy with every sts:ExternalId value replaced by the placeholder: a correction never carries the secret. */
function withoutExternalIds(policy: RawPolicy): RawPolicy {
  if (stryMutAct_9fa48("2335")) {
    {}
  } else {
    stryCov_9fa48("2335");
    const scrubbed = clone(policy);
    for (const statement of scrubbed.Statement) {
      if (stryMutAct_9fa48("2336")) {
        {}
      } else {
        stryCov_9fa48("2336");
        if (stryMutAct_9fa48("2339") ? false : stryMutAct_9fa48("2338") ? true : stryMutAct_9fa48("2337") ? isRecord(statement.Condition) : (stryCov_9fa48("2337", "2338", "2339"), !isRecord(statement.Condition))) continue;
        for (const block of Object.values(statement.Condition)) {
          if (stryMutAct_9fa48("2340")) {
            {}
          } else {
            stryCov_9fa48("2340");
            if (stryMutAct_9fa48("2343") ? false : stryMutAct_9fa48("2342") ? true : stryMutAct_9fa48("2341") ? isRecord(block) : (stryCov_9fa48("2341", "2342", "2343"), !isRecord(block))) continue;
            for (const key of Object.keys(block)) {
              if (stryMutAct_9fa48("2344")) {
                {}
              } else {
                stryCov_9fa48("2344");
                if (stryMutAct_9fa48("2346") ? false : stryMutAct_9fa48("2345") ? true : (stryCov_9fa48("2345", "2346"), isSecretConditionKey(key))) block[key] = CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER;
              }
            }
          }
        }
      }
    }
    return scrubbed;
  }
}
function setConditionValue(statement: RawStatement, c: ConditionEvaluation, value: string): void {
  if (stryMutAct_9fa48("2347")) {
    {}
  } else {
    stryCov_9fa48("2347");
    const block = isRecord(statement.Condition) ? statement.Condition[c.operator] : undefined;
    if (stryMutAct_9fa48("2349") ? false : stryMutAct_9fa48("2348") ? true : (stryCov_9fa48("2348", "2349"), isRecord(block))) block[c.key] = value;
  }
}
function freshStatement(role: string, existing: RawStatement[]): RawStatement {
  if (stryMutAct_9fa48("2350")) {
    {}
  } else {
    stryCov_9fa48("2350");
    const [statement] = customerTargetRoleTrustPolicy(role).Statement;
    const fresh: RawStatement = stryMutAct_9fa48("2351") ? {} : (stryCov_9fa48("2351"), {
      ...statement,
      Condition: stryMutAct_9fa48("2352") ? {} : (stryCov_9fa48("2352"), {
        StringEquals: stryMutAct_9fa48("2353") ? {} : (stryCov_9fa48("2353"), {
          'sts:ExternalId': CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER
        })
      })
    });
    // Statement ids must be unique within a policy.
    if (stryMutAct_9fa48("2356") ? existing.every(s => s.Sid === fresh.Sid) : stryMutAct_9fa48("2355") ? false : stryMutAct_9fa48("2354") ? true : (stryCov_9fa48("2354", "2355", "2356"), existing.some(stryMutAct_9fa48("2357") ? () => undefined : (stryCov_9fa48("2357"), s => stryMutAct_9fa48("2360") ? s.Sid !== fresh.Sid : stryMutAct_9fa48("2359") ? false : stryMutAct_9fa48("2358") ? true : (stryCov_9fa48("2358", "2359", "2360"), s.Sid === fresh.Sid))))) delete fresh.Sid;
    return fresh;
  }
}

/**
 * The correction, if it does what it promises: allows the dataplane role with the placeholder External
 * ID and denies it without one. Otherwise (another statement interferes) a fresh minimal policy.
 */
function checkedCorrection(corrected: RawPolicy, ctx: Context): unknown {
  if (stryMutAct_9fa48("2361")) {
    {}
  } else {
    stryCov_9fa48("2361");
    const document = stryMutAct_9fa48("2362") ? {} : (stryCov_9fa48("2362"), {
      Version: stryMutAct_9fa48("2363") ? "" : (stryCov_9fa48("2363"), '2012-10-17'),
      ...corrected
    });
    const request = stryMutAct_9fa48("2364") ? () => undefined : (stryCov_9fa48("2364"), (() => {
      const request = (externalId?: string) => assumeRoleRequest(ctx.caller, ctx.options, externalId);
      return request;
    })());
    try {
      if (stryMutAct_9fa48("2365")) {
        {}
      } else {
        stryCov_9fa48("2365");
        const withId = evaluatePolicy(document, request(CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER), stryMutAct_9fa48("2366") ? "" : (stryCov_9fa48("2366"), 'trust'));
        const withoutId = evaluatePolicy(document, request(undefined), stryMutAct_9fa48("2367") ? "" : (stryCov_9fa48("2367"), 'trust'));
        if (stryMutAct_9fa48("2370") ? withId.decision === 'allowed' || withoutId.decision !== 'allowed' : stryMutAct_9fa48("2369") ? false : stryMutAct_9fa48("2368") ? true : (stryCov_9fa48("2368", "2369", "2370"), (stryMutAct_9fa48("2372") ? withId.decision !== 'allowed' : stryMutAct_9fa48("2371") ? true : (stryCov_9fa48("2371", "2372"), withId.decision === (stryMutAct_9fa48("2373") ? "" : (stryCov_9fa48("2373"), 'allowed')))) && (stryMutAct_9fa48("2375") ? withoutId.decision === 'allowed' : stryMutAct_9fa48("2374") ? true : (stryCov_9fa48("2374", "2375"), withoutId.decision !== (stryMutAct_9fa48("2376") ? "" : (stryCov_9fa48("2376"), 'allowed')))))) return document;
      }
    } catch {
      // A correction the evaluator rejects is no correction; fall through to the minimal policy.
    }
    return stryMutAct_9fa48("2377") ? {} : (stryCov_9fa48("2377"), {
      Version: stryMutAct_9fa48("2378") ? "" : (stryCov_9fa48("2378"), '2012-10-17'),
      Statement: stryMutAct_9fa48("2379") ? [] : (stryCov_9fa48("2379"), [freshStatement(ctx.dataplaneRoleArn, stryMutAct_9fa48("2380") ? ["Stryker was here"] : (stryCov_9fa48("2380"), []))])
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Notes on the External ID itself

function externalIdFormatNotes(externalId: string | undefined): string[] {
  if (stryMutAct_9fa48("2381")) {
    {}
  } else {
    stryCov_9fa48("2381");
    if (stryMutAct_9fa48("2384") ? externalId !== undefined : stryMutAct_9fa48("2383") ? false : stryMutAct_9fa48("2382") ? true : (stryCov_9fa48("2382", "2383", "2384"), externalId === undefined)) return stryMutAct_9fa48("2385") ? ["Stryker was here"] : (stryCov_9fa48("2385"), []);
    const problems: string[] = stryMutAct_9fa48("2386") ? ["Stryker was here"] : (stryCov_9fa48("2386"), []);
    if (stryMutAct_9fa48("2388") ? false : stryMutAct_9fa48("2387") ? true : (stryCov_9fa48("2387", "2388"), (stryMutAct_9fa48("2389") ? /\S/ : (stryCov_9fa48("2389"), /\s/)).test(externalId))) problems.push(stryMutAct_9fa48("2390") ? "" : (stryCov_9fa48("2390"), 'it contains whitespace'));else if (stryMutAct_9fa48("2393") ? false : stryMutAct_9fa48("2392") ? true : stryMutAct_9fa48("2391") ? EXTERNAL_ID_FORMAT.test(externalId) : (stryCov_9fa48("2391", "2392", "2393"), !EXTERNAL_ID_FORMAT.test(externalId))) problems.push(stryMutAct_9fa48("2394") ? "" : (stryCov_9fa48("2394"), 'it contains characters other than letters, digits and _+=,.@:/-'));
    if (stryMutAct_9fa48("2398") ? externalId.length >= 2 : stryMutAct_9fa48("2397") ? externalId.length <= 2 : stryMutAct_9fa48("2396") ? false : stryMutAct_9fa48("2395") ? true : (stryCov_9fa48("2395", "2396", "2397", "2398"), externalId.length < 2)) problems.push(stryMutAct_9fa48("2399") ? "" : (stryCov_9fa48("2399"), 'it is shorter than 2 characters'));
    if (stryMutAct_9fa48("2403") ? externalId.length <= 1224 : stryMutAct_9fa48("2402") ? externalId.length >= 1224 : stryMutAct_9fa48("2401") ? false : stryMutAct_9fa48("2400") ? true : (stryCov_9fa48("2400", "2401", "2402", "2403"), externalId.length > 1224)) problems.push(stryMutAct_9fa48("2404") ? "" : (stryCov_9fa48("2404"), 'it is longer than 1224 characters'));
    if (stryMutAct_9fa48("2407") ? problems.length !== 0 : stryMutAct_9fa48("2406") ? false : stryMutAct_9fa48("2405") ? true : (stryCov_9fa48("2405", "2406", "2407"), problems.length === 0)) return stryMutAct_9fa48("2408") ? ["Stryker was here"] : (stryCov_9fa48("2408"), []);
    return stryMutAct_9fa48("2409") ? [] : (stryCov_9fa48("2409"), [(stryMutAct_9fa48("2410") ? `` : (stryCov_9fa48("2410"), `Note: the External ID on file (${describeSecret(externalId)}) is not one STS accepts (${problems.join(stryMutAct_9fa48("2411") ? "" : (stryCov_9fa48("2411"), ', '))}); `)) + (stryMutAct_9fa48("2412") ? "" : (stryCov_9fa48("2412"), 'STS rejects the call with a ValidationError before it reads the trust policy, so re-enter it in the connection form.'))]);
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers over the raw document

function normalized(policy: Record<string, unknown>): RawPolicy {
  if (stryMutAct_9fa48("2413")) {
    {}
  } else {
    stryCov_9fa48("2413");
    const statements = Array.isArray(policy.Statement) ? policy.Statement : stryMutAct_9fa48("2414") ? [] : (stryCov_9fa48("2414"), [policy.Statement]);
    return stryMutAct_9fa48("2415") ? {} : (stryCov_9fa48("2415"), {
      ...clone(policy),
      Statement: clone(statements) as RawStatement[]
    });
  }
}
function clone<T>(value: T): T {
  if (stryMutAct_9fa48("2416")) {
    {}
  } else {
    stryCov_9fa48("2416");
    return structuredClone(value);
  }
}
function isRecord(value: unknown): value is Record<string, unknown> {
  if (stryMutAct_9fa48("2417")) {
    {}
  } else {
    stryCov_9fa48("2417");
    return stryMutAct_9fa48("2420") ? typeof value === 'object' && value !== null || !Array.isArray(value) : stryMutAct_9fa48("2419") ? false : stryMutAct_9fa48("2418") ? true : (stryCov_9fa48("2418", "2419", "2420"), (stryMutAct_9fa48("2422") ? typeof value === 'object' || value !== null : stryMutAct_9fa48("2421") ? true : (stryCov_9fa48("2421", "2422"), (stryMutAct_9fa48("2424") ? typeof value !== 'object' : stryMutAct_9fa48("2423") ? true : (stryCov_9fa48("2423", "2424"), typeof value === (stryMutAct_9fa48("2425") ? "" : (stryCov_9fa48("2425"), 'object')))) && (stryMutAct_9fa48("2427") ? value === null : stryMutAct_9fa48("2426") ? true : (stryCov_9fa48("2426", "2427"), value !== null)))) && (stryMutAct_9fa48("2428") ? Array.isArray(value) : (stryCov_9fa48("2428"), !Array.isArray(value))));
  }
}
function rawStatement(ctx: Context, s: StatementEvaluation): RawStatement {
  if (stryMutAct_9fa48("2429")) {
    {}
  } else {
    stryCov_9fa48("2429");
    return stryMutAct_9fa48("2430") ? ctx.raw.Statement[s.index] && {} : (stryCov_9fa48("2430"), ctx.raw.Statement[s.index] ?? {});
  }
}
function rawValues(raw: RawStatement, c: ConditionEvaluation): string[] {
  if (stryMutAct_9fa48("2431")) {
    {}
  } else {
    stryCov_9fa48("2431");
    const block = isRecord(raw.Condition) ? raw.Condition[c.operator] : undefined;
    const value = isRecord(block) ? block[c.key] : undefined;
    return stryMutAct_9fa48("2432") ? (Array.isArray(value) ? value : [value]).map(String) : (stryCov_9fa48("2432"), (Array.isArray(value) ? value : stryMutAct_9fa48("2433") ? [] : (stryCov_9fa48("2433"), [value])).filter(stryMutAct_9fa48("2434") ? () => undefined : (stryCov_9fa48("2434"), v => stryMutAct_9fa48("2437") ? v === undefined : stryMutAct_9fa48("2436") ? false : stryMutAct_9fa48("2435") ? true : (stryCov_9fa48("2435", "2436", "2437"), v !== undefined))).map(String));
  }
}
function principalValues(principal: unknown): string[] {
  if (stryMutAct_9fa48("2438")) {
    {}
  } else {
    stryCov_9fa48("2438");
    if (stryMutAct_9fa48("2441") ? principal !== '*' : stryMutAct_9fa48("2440") ? false : stryMutAct_9fa48("2439") ? true : (stryCov_9fa48("2439", "2440", "2441"), principal === (stryMutAct_9fa48("2442") ? "" : (stryCov_9fa48("2442"), '*')))) return stryMutAct_9fa48("2443") ? [] : (stryCov_9fa48("2443"), [stryMutAct_9fa48("2444") ? "" : (stryCov_9fa48("2444"), '*')]);
    if (stryMutAct_9fa48("2447") ? false : stryMutAct_9fa48("2446") ? true : stryMutAct_9fa48("2445") ? isRecord(principal) : (stryCov_9fa48("2445", "2446", "2447"), !isRecord(principal))) return stryMutAct_9fa48("2448") ? ["Stryker was here"] : (stryCov_9fa48("2448"), []);
    return Object.values(principal).flatMap(stryMutAct_9fa48("2449") ? () => undefined : (stryCov_9fa48("2449"), v => Array.isArray(v) ? v : stryMutAct_9fa48("2450") ? [] : (stryCov_9fa48("2450"), [v]))).map(String);
  }
}
function describePrincipal(principal: unknown): string {
  if (stryMutAct_9fa48("2451")) {
    {}
  } else {
    stryCov_9fa48("2451");
    if (stryMutAct_9fa48("2454") ? principal !== '*' : stryMutAct_9fa48("2453") ? false : stryMutAct_9fa48("2452") ? true : (stryCov_9fa48("2452", "2453", "2454"), principal === (stryMutAct_9fa48("2455") ? "" : (stryCov_9fa48("2455"), '*')))) return stryMutAct_9fa48("2456") ? "" : (stryCov_9fa48("2456"), 'every principal ("*")');
    if (stryMutAct_9fa48("2459") ? false : stryMutAct_9fa48("2458") ? true : stryMutAct_9fa48("2457") ? isRecord(principal) : (stryCov_9fa48("2457", "2458", "2459"), !isRecord(principal))) return JSON.stringify(principal);
    return Object.entries(principal).map(stryMutAct_9fa48("2460") ? () => undefined : (stryCov_9fa48("2460"), ([type, v]) => (Array.isArray(v) ? v : stryMutAct_9fa48("2461") ? [] : (stryCov_9fa48("2461"), [v])).map(stryMutAct_9fa48("2462") ? () => undefined : (stryCov_9fa48("2462"), x => (stryMutAct_9fa48("2465") ? type !== 'AWS' : stryMutAct_9fa48("2464") ? false : stryMutAct_9fa48("2463") ? true : (stryCov_9fa48("2463", "2464", "2465"), type === (stryMutAct_9fa48("2466") ? "" : (stryCov_9fa48("2466"), 'AWS')))) ? String(x) : stryMutAct_9fa48("2467") ? `` : (stryCov_9fa48("2467"), `${type} ${String(x)}`))).join(stryMutAct_9fa48("2468") ? "" : (stryCov_9fa48("2468"), ', ')))).join(stryMutAct_9fa48("2469") ? "" : (stryCov_9fa48("2469"), ', '));
  }
}
function isEveryone(principal: unknown): boolean {
  if (stryMutAct_9fa48("2470")) {
    {}
  } else {
    stryCov_9fa48("2470");
    return stryMutAct_9fa48("2473") ? principal === '*' && isRecord(principal) && principalValues({
      AWS: principal.AWS ?? []
    }).includes('*') : stryMutAct_9fa48("2472") ? false : stryMutAct_9fa48("2471") ? true : (stryCov_9fa48("2471", "2472", "2473"), (stryMutAct_9fa48("2475") ? principal !== '*' : stryMutAct_9fa48("2474") ? false : (stryCov_9fa48("2474", "2475"), principal === (stryMutAct_9fa48("2476") ? "" : (stryCov_9fa48("2476"), '*')))) || (stryMutAct_9fa48("2478") ? isRecord(principal) || principalValues({
      AWS: principal.AWS ?? []
    }).includes('*') : stryMutAct_9fa48("2477") ? false : (stryCov_9fa48("2477", "2478"), isRecord(principal) && principalValues(stryMutAct_9fa48("2479") ? {} : (stryCov_9fa48("2479"), {
      AWS: stryMutAct_9fa48("2480") ? principal.AWS && [] : (stryCov_9fa48("2480"), principal.AWS ?? (stryMutAct_9fa48("2481") ? ["Stryker was here"] : (stryCov_9fa48("2481"), [])))
    })).includes(stryMutAct_9fa48("2482") ? "" : (stryCov_9fa48("2482"), '*')))));
  }
}
function trustsAccount(principal: unknown, accountId: string): boolean {
  if (stryMutAct_9fa48("2483")) {
    {}
  } else {
    stryCov_9fa48("2483");
    return stryMutAct_9fa48("2486") ? isRecord(principal) || principalValues({
      AWS: principal.AWS ?? []
    }).some(v => v === accountId || new RegExp(`^arn:[^:]+:iam::${accountId}:root$`).test(v)) : stryMutAct_9fa48("2485") ? false : stryMutAct_9fa48("2484") ? true : (stryCov_9fa48("2484", "2485", "2486"), isRecord(principal) && (stryMutAct_9fa48("2487") ? principalValues({
      AWS: principal.AWS ?? []
    }).every(v => v === accountId || new RegExp(`^arn:[^:]+:iam::${accountId}:root$`).test(v)) : (stryCov_9fa48("2487"), principalValues(stryMutAct_9fa48("2488") ? {} : (stryCov_9fa48("2488"), {
      AWS: stryMutAct_9fa48("2489") ? principal.AWS && [] : (stryCov_9fa48("2489"), principal.AWS ?? (stryMutAct_9fa48("2490") ? ["Stryker was here"] : (stryCov_9fa48("2490"), [])))
    })).some(stryMutAct_9fa48("2491") ? () => undefined : (stryCov_9fa48("2491"), v => stryMutAct_9fa48("2494") ? v === accountId && new RegExp(`^arn:[^:]+:iam::${accountId}:root$`).test(v) : stryMutAct_9fa48("2493") ? false : stryMutAct_9fa48("2492") ? true : (stryCov_9fa48("2492", "2493", "2494"), (stryMutAct_9fa48("2496") ? v !== accountId : stryMutAct_9fa48("2495") ? false : (stryCov_9fa48("2495", "2496"), v === accountId)) || new RegExp(stryMutAct_9fa48("2497") ? `` : (stryCov_9fa48("2497"), `^arn:[^:]+:iam::${accountId}:root$`)).test(v)))))));
  }
}
function trustsRole(principal: unknown, roleArn: string): boolean {
  if (stryMutAct_9fa48("2498")) {
    {}
  } else {
    stryCov_9fa48("2498");
    const name = stryMutAct_9fa48("2499") ? roleArn : (stryCov_9fa48("2499"), roleArn.slice(stryMutAct_9fa48("2500") ? roleArn.lastIndexOf('/') - 1 : (stryCov_9fa48("2500"), roleArn.lastIndexOf(stryMutAct_9fa48("2501") ? "" : (stryCov_9fa48("2501"), '/')) + 1)));
    return stryMutAct_9fa48("2504") ? isRecord(principal) || principalValues({
      AWS: principal.AWS ?? []
    }).some(v => v.endsWith(`/${name}`)) : stryMutAct_9fa48("2503") ? false : stryMutAct_9fa48("2502") ? true : (stryCov_9fa48("2502", "2503", "2504"), isRecord(principal) && (stryMutAct_9fa48("2505") ? principalValues({
      AWS: principal.AWS ?? []
    }).every(v => v.endsWith(`/${name}`)) : (stryCov_9fa48("2505"), principalValues(stryMutAct_9fa48("2506") ? {} : (stryCov_9fa48("2506"), {
      AWS: stryMutAct_9fa48("2507") ? principal.AWS && [] : (stryCov_9fa48("2507"), principal.AWS ?? (stryMutAct_9fa48("2508") ? ["Stryker was here"] : (stryCov_9fa48("2508"), [])))
    })).some(stryMutAct_9fa48("2509") ? () => undefined : (stryCov_9fa48("2509"), v => stryMutAct_9fa48("2510") ? v.startsWith(`/${name}`) : (stryCov_9fa48("2510"), v.endsWith(stryMutAct_9fa48("2511") ? `` : (stryCov_9fa48("2511"), `/${name}`))))))));
  }
}
function wildcardIn(values: string[]): boolean {
  if (stryMutAct_9fa48("2512")) {
    {}
  } else {
    stryCov_9fa48("2512");
    return stryMutAct_9fa48("2513") ? values.every(v => v.includes('*') || v.includes('?')) : (stryCov_9fa48("2513"), values.some(stryMutAct_9fa48("2514") ? () => undefined : (stryCov_9fa48("2514"), v => stryMutAct_9fa48("2517") ? v.includes('*') && v.includes('?') : stryMutAct_9fa48("2516") ? false : stryMutAct_9fa48("2515") ? true : (stryCov_9fa48("2515", "2516", "2517"), v.includes(stryMutAct_9fa48("2518") ? "" : (stryCov_9fa48("2518"), '*')) || v.includes(stryMutAct_9fa48("2519") ? "" : (stryCov_9fa48("2519"), '?'))))));
  }
}
function isNegated(operator: string): boolean {
  if (stryMutAct_9fa48("2520")) {
    {}
  } else {
    stryCov_9fa48("2520");
    return (stryMutAct_9fa48("2521") ? /(:)(StringNot|ArnNot|NumericNot|DateNot|NotIpAddress)/i : (stryCov_9fa48("2521"), /(^|:)(StringNot|ArnNot|NumericNot|DateNot|NotIpAddress)/i)).test(operator);
  }
}
function applyingAllows(evaluation: PolicyEvaluation): StatementEvaluation[] {
  if (stryMutAct_9fa48("2522")) {
    {}
  } else {
    stryCov_9fa48("2522");
    return stryMutAct_9fa48("2523") ? evaluation.statements : (stryCov_9fa48("2523"), evaluation.statements.filter(stryMutAct_9fa48("2524") ? () => undefined : (stryCov_9fa48("2524"), s => stryMutAct_9fa48("2527") ? s.applies || s.effect === 'Allow' : stryMutAct_9fa48("2526") ? false : stryMutAct_9fa48("2525") ? true : (stryCov_9fa48("2525", "2526", "2527"), s.applies && (stryMutAct_9fa48("2529") ? s.effect !== 'Allow' : stryMutAct_9fa48("2528") ? true : (stryCov_9fa48("2528", "2529"), s.effect === (stryMutAct_9fa48("2530") ? "" : (stryCov_9fa48("2530"), 'Allow'))))))));
  }
}
function label(s: StatementEvaluation): string {
  if (stryMutAct_9fa48("2531")) {
    {}
  } else {
    stryCov_9fa48("2531");
    return s.sid ? stryMutAct_9fa48("2532") ? `` : (stryCov_9fa48("2532"), `Statement[${s.index}] (Sid "${s.sid}")`) : stryMutAct_9fa48("2533") ? `` : (stryCov_9fa48("2533"), `Statement[${s.index}]`);
  }
}
function labels(statements: StatementEvaluation[]): string {
  if (stryMutAct_9fa48("2534")) {
    {}
  } else {
    stryCov_9fa48("2534");
    return statements.map(label).join(stryMutAct_9fa48("2535") ? "" : (stryCov_9fa48("2535"), ' and '));
  }
}