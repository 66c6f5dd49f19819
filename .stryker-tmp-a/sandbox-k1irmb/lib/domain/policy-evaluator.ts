// @ts-nocheck
// An IAM policy evaluator: one policy type at a time, statement by statement, with reasons a support
// engineer can act on. The embedded sandbox's STS decides AssumeRole with it, and the trust-policy
// explanation builds its diagnosis on the per-statement results.
//
// Semantics follow the IAM policy reference (policy evaluation logic, Principal/NotPrincipal,
// Action/NotAction, Resource/NotResource, condition operators and set operators). Where AWS is
// ambiguous or underdocumented, the choice is stated next to the code that makes it.
//
// Secrets: the value of sts:ExternalId is never put in clear into a reason or a ConditionEvaluation;
// it is shown as its length and a short fingerprint (describeSecret), so diagnoses can be logged,
// stored in the status table and pasted to customers.
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
import { createHash } from 'node:crypto';
import { parsePolicyDocument } from './policies';
export type ConditionValue = string | boolean | number | string[];
export type PrincipalType = 'AssumedRole' | 'Role' | 'IAMUser' | 'Root' | 'WebIdentity' | 'Service' | 'Anonymous';
export interface RequestPrincipal {
  /** e.g. arn:aws:sts::111111111111:assumed-role/acme-dataplane-role/verify-acme-c1-1, arn:aws:iam::111111111111:role/x */
  arn: string;
  accountId: string;
  type: PrincipalType;
  /** For assumed-role sessions: the role's ARN. The session ARN carries no path, so roles match by account + name. */
  roleArn?: string;
  /** For WebIdentity: the OIDC provider ARN. */
  federatedProvider?: string;
  /** For Service principals, e.g. ec2.amazonaws.com. */
  service?: string;
}
export interface RequestContext {
  principal: RequestPrincipal;
  /** e.g. 'sts:AssumeRole' */
  action: string;
  /** The ARN acted on. */
  resource: string;
  /** Condition keys are case-insensitive as in IAM; values are case-sensitive. An undefined value is a missing key. */
  conditionKeys: Record<string, ConditionValue | undefined>;
}
export type PolicyKind = 'trust' | 'identity' | 'permissionsBoundary' | 'scp' | 'rcp' | 'session';
export type Decision = 'allowed' | 'implicitDeny' | 'explicitDeny';
export interface ConditionEvaluation {
  /** The operator as written in the policy, e.g. 'ForAnyValue:StringLikeIfExists'. */
  operator: string;
  /** The condition key as written in the policy. */
  key: string;
  /** The policy's values, as strings (secrets described, never in clear). */
  expected: string[];
  /** The request's values, as strings (secrets described); undefined when the key is missing. */
  actual?: string[];
  met: boolean;
  reason: string;
}
export interface StatementEvaluation {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  principalMatches: boolean;
  actionMatches: boolean;
  resourceMatches: boolean;
  conditionsMet: boolean;
  /** principalMatches && actionMatches && resourceMatches && conditionsMet */
  applies: boolean;
  conditions: ConditionEvaluation[];
  /** Human sentences naming the statement, e.g. 'Statement[0] (Sid "Vendor"): Principal … does not match the caller …'. */
  reasons: string[];
}
export interface PolicyEvaluation {
  decision: Decision;
  statements: StatementEvaluation[];
}

/** A malformed policy document; the message says what is wrong and where (e.g. 'Statement[1].Effect: …'). */
export class PolicyDocumentError extends Error {
  override readonly name = stryMutAct_9fa48("0") ? "" : (stryCov_9fa48("0"), 'PolicyDocumentError');
}

/** Not an IAM or STS principal ARN we can evaluate. */
export class InvalidPrincipalArnError extends Error {
  override readonly name = stryMutAct_9fa48("1") ? "" : (stryCov_9fa48("1"), 'InvalidPrincipalArnError');
}

// ---------------------------------------------------------------------------------------------
// Secrets

/** Condition keys whose values are never shown in clear (compared in lower case). */
const SECRET_KEYS = new Set(stryMutAct_9fa48("2") ? [] : (stryCov_9fa48("2"), [stryMutAct_9fa48("3") ? "" : (stryCov_9fa48("3"), 'sts:externalid')]));
export function isSecretConditionKey(key: string): boolean {
  if (stryMutAct_9fa48("4")) {
    {}
  } else {
    stryCov_9fa48("4");
    return SECRET_KEYS.has(stryMutAct_9fa48("5") ? key.toUpperCase() : (stryCov_9fa48("5"), key.toLowerCase()));
  }
}

/** First 8 hex characters of the value's SHA-256: enough to tell two values apart, useless to recover one. */
export function fingerprint(value: string): string {
  if (stryMutAct_9fa48("6")) {
    {}
  } else {
    stryCov_9fa48("6");
    return stryMutAct_9fa48("7") ? createHash('sha256').update(value, 'utf8').digest('hex') : (stryCov_9fa48("7"), createHash(stryMutAct_9fa48("8") ? "" : (stryCov_9fa48("8"), 'sha256')).update(value, stryMutAct_9fa48("9") ? "" : (stryCov_9fa48("9"), 'utf8')).digest(stryMutAct_9fa48("10") ? "" : (stryCov_9fa48("10"), 'hex')).slice(0, 8));
  }
}

/** '24 chars, fp 1a2b3c4d' — how a secret appears in reasons and logs. */
export function describeSecret(value: string): string {
  if (stryMutAct_9fa48("11")) {
    {}
  } else {
    stryCov_9fa48("11");
    const length = (stryMutAct_9fa48("12") ? [] : (stryCov_9fa48("12"), [...value])).length;
    return stryMutAct_9fa48("13") ? `` : (stryCov_9fa48("13"), `${length} ${(stryMutAct_9fa48("16") ? length !== 1 : stryMutAct_9fa48("15") ? false : stryMutAct_9fa48("14") ? true : (stryCov_9fa48("14", "15", "16"), length === 1)) ? stryMutAct_9fa48("17") ? "" : (stryCov_9fa48("17"), 'char') : stryMutAct_9fa48("18") ? "" : (stryCov_9fa48("18"), 'chars')}, fp ${fingerprint(value)}`);
  }
}

// Characters that survive copy and paste from forms and documents and are invisible once pasted.
const EDGE_SPACE = stryMutAct_9fa48("26") ? /^[\s\u200b\u200c\u200d\u2060\ufeff]+|[\S\u200b\u200c\u200d\u2060\ufeff]+$/g : stryMutAct_9fa48("25") ? /^[\s\u200b\u200c\u200d\u2060\ufeff]+|[^\s\u200b\u200c\u200d\u2060\ufeff]+$/g : stryMutAct_9fa48("24") ? /^[\s\u200b\u200c\u200d\u2060\ufeff]+|[\s\u200b\u200c\u200d\u2060\ufeff]$/g : stryMutAct_9fa48("23") ? /^[\s\u200b\u200c\u200d\u2060\ufeff]+|[\s\u200b\u200c\u200d\u2060\ufeff]+/g : stryMutAct_9fa48("22") ? /^[\S\u200b\u200c\u200d\u2060\ufeff]+|[\s\u200b\u200c\u200d\u2060\ufeff]+$/g : stryMutAct_9fa48("21") ? /^[^\s\u200b\u200c\u200d\u2060\ufeff]+|[\s\u200b\u200c\u200d\u2060\ufeff]+$/g : stryMutAct_9fa48("20") ? /^[\s\u200b\u200c\u200d\u2060\ufeff]|[\s\u200b\u200c\u200d\u2060\ufeff]+$/g : stryMutAct_9fa48("19") ? /[\s\u200b\u200c\u200d\u2060\ufeff]+|[\s\u200b\u200c\u200d\u2060\ufeff]+$/g : (stryCov_9fa48("19", "20", "21", "22", "23", "24", "25", "26"), /^[\s\u200b\u200c\u200d\u2060\ufeff]+|[\s\u200b\u200c\u200d\u2060\ufeff]+$/g);
const ANY_SPACE = stryMutAct_9fa48("28") ? /[\S\u200b\u200c\u200d\u2060\ufeff]/g : stryMutAct_9fa48("27") ? /[^\s\u200b\u200c\u200d\u2060\ufeff]/g : (stryCov_9fa48("27", "28"), /[\s\u200b\u200c\u200d\u2060\ufeff]/g);

/** The value without leading and trailing whitespace, including the invisible kinds pasting brings along. */
export function stripEdgeWhitespace(value: string): string {
  if (stryMutAct_9fa48("29")) {
    {}
  } else {
    stryCov_9fa48("29");
    return value.replace(EDGE_SPACE, stryMutAct_9fa48("30") ? "Stryker was here!" : (stryCov_9fa48("30"), ''));
  }
}
function whitespaceName(char: string): string {
  if (stryMutAct_9fa48("31")) {
    {}
  } else {
    stryCov_9fa48("31");
    switch (char) {
      case stryMutAct_9fa48("33") ? "" : (stryCov_9fa48("33"), ' '):
        if (stryMutAct_9fa48("32")) {} else {
          stryCov_9fa48("32");
          return stryMutAct_9fa48("34") ? "" : (stryCov_9fa48("34"), 'a space');
        }
      case stryMutAct_9fa48("36") ? "" : (stryCov_9fa48("36"), '\t'):
        if (stryMutAct_9fa48("35")) {} else {
          stryCov_9fa48("35");
          return stryMutAct_9fa48("37") ? "" : (stryCov_9fa48("37"), 'a tab');
        }
      case stryMutAct_9fa48("39") ? "" : (stryCov_9fa48("39"), '\n'):
        if (stryMutAct_9fa48("38")) {} else {
          stryCov_9fa48("38");
          return stryMutAct_9fa48("40") ? "" : (stryCov_9fa48("40"), 'a newline');
        }
      case stryMutAct_9fa48("42") ? "" : (stryCov_9fa48("42"), '\r'):
        if (stryMutAct_9fa48("41")) {} else {
          stryCov_9fa48("41");
          return stryMutAct_9fa48("43") ? "" : (stryCov_9fa48("43"), 'a carriage return');
        }
      case stryMutAct_9fa48("45") ? "" : (stryCov_9fa48("45"), '\u00a0'):
        if (stryMutAct_9fa48("44")) {} else {
          stryCov_9fa48("44");
          return stryMutAct_9fa48("46") ? "" : (stryCov_9fa48("46"), 'a non-breaking space');
        }
      case stryMutAct_9fa48("47") ? "" : (stryCov_9fa48("47"), '\u200b'):
      case stryMutAct_9fa48("48") ? "" : (stryCov_9fa48("48"), '\u200c'):
      case stryMutAct_9fa48("49") ? "" : (stryCov_9fa48("49"), '\u200d'):
      case stryMutAct_9fa48("51") ? "" : (stryCov_9fa48("51"), '\u2060'):
        if (stryMutAct_9fa48("50")) {} else {
          stryCov_9fa48("50");
          return stryMutAct_9fa48("52") ? "" : (stryCov_9fa48("52"), 'a zero-width space');
        }
      case stryMutAct_9fa48("54") ? "" : (stryCov_9fa48("54"), '\ufeff'):
        if (stryMutAct_9fa48("53")) {} else {
          stryCov_9fa48("53");
          return stryMutAct_9fa48("55") ? "" : (stryCov_9fa48("55"), 'a byte-order mark');
        }
      default:
        if (stryMutAct_9fa48("56")) {} else {
          stryCov_9fa48("56");
          return stryMutAct_9fa48("57") ? "" : (stryCov_9fa48("57"), 'a whitespace character');
        }
    }
  }
}
function edgeWhitespace(value: string): {
  leading: string;
  trailing: string;
} {
  if (stryMutAct_9fa48("58")) {
    {}
  } else {
    stryCov_9fa48("58");
    const leading = stryMutAct_9fa48("59") ? /^[\s\u200b\u200c\u200d\u2060\ufeff]*/.exec(value)?.[0] && '' : (stryCov_9fa48("59"), (stryMutAct_9fa48("60") ? /^[\s\u200b\u200c\u200d\u2060\ufeff]*/.exec(value)[0] : (stryCov_9fa48("60"), (stryMutAct_9fa48("64") ? /^[\S\u200b\u200c\u200d\u2060\ufeff]*/ : stryMutAct_9fa48("63") ? /^[^\s\u200b\u200c\u200d\u2060\ufeff]*/ : stryMutAct_9fa48("62") ? /^[\s\u200b\u200c\u200d\u2060\ufeff]/ : stryMutAct_9fa48("61") ? /[\s\u200b\u200c\u200d\u2060\ufeff]*/ : (stryCov_9fa48("61", "62", "63", "64"), /^[\s\u200b\u200c\u200d\u2060\ufeff]*/)).exec(value)?.[0])) ?? (stryMutAct_9fa48("65") ? "Stryker was here!" : (stryCov_9fa48("65"), '')));
    const trailing = (stryMutAct_9fa48("68") ? leading.length !== value.length : stryMutAct_9fa48("67") ? false : stryMutAct_9fa48("66") ? true : (stryCov_9fa48("66", "67", "68"), leading.length === value.length)) ? stryMutAct_9fa48("69") ? "Stryker was here!" : (stryCov_9fa48("69"), '') : stryMutAct_9fa48("70") ? /[\s\u200b\u200c\u200d\u2060\ufeff]*$/.exec(value)?.[0] && '' : (stryCov_9fa48("70"), (stryMutAct_9fa48("71") ? /[\s\u200b\u200c\u200d\u2060\ufeff]*$/.exec(value)[0] : (stryCov_9fa48("71"), (stryMutAct_9fa48("75") ? /[\S\u200b\u200c\u200d\u2060\ufeff]*$/ : stryMutAct_9fa48("74") ? /[^\s\u200b\u200c\u200d\u2060\ufeff]*$/ : stryMutAct_9fa48("73") ? /[\s\u200b\u200c\u200d\u2060\ufeff]$/ : stryMutAct_9fa48("72") ? /[\s\u200b\u200c\u200d\u2060\ufeff]*/ : (stryCov_9fa48("72", "73", "74", "75"), /[\s\u200b\u200c\u200d\u2060\ufeff]*$/)).exec(value)?.[0])) ?? (stryMutAct_9fa48("76") ? "Stryker was here!" : (stryCov_9fa48("76"), '')));
    return stryMutAct_9fa48("77") ? {} : (stryCov_9fa48("77"), {
      leading,
      trailing
    });
  }
}
function describeEdge(side: string, value: string): string[] {
  if (stryMutAct_9fa48("78")) {
    {}
  } else {
    stryCov_9fa48("78");
    const {
      leading,
      trailing
    } = edgeWhitespace(value);
    const parts: string[] = stryMutAct_9fa48("79") ? ["Stryker was here"] : (stryCov_9fa48("79"), []);
    if (stryMutAct_9fa48("81") ? false : stryMutAct_9fa48("80") ? true : (stryCov_9fa48("80", "81"), leading)) parts.push(stryMutAct_9fa48("82") ? `` : (stryCov_9fa48("82"), `${side} starts with ${whitespaceName(stryMutAct_9fa48("83") ? leading[0] && ' ' : (stryCov_9fa48("83"), leading[0] ?? (stryMutAct_9fa48("84") ? "" : (stryCov_9fa48("84"), ' '))))}`));
    if (stryMutAct_9fa48("86") ? false : stryMutAct_9fa48("85") ? true : (stryCov_9fa48("85", "86"), trailing)) parts.push(stryMutAct_9fa48("87") ? `` : (stryCov_9fa48("87"), `${side} ends with ${whitespaceName(stryMutAct_9fa48("88") ? trailing[trailing.length - 1] && ' ' : (stryCov_9fa48("88"), trailing[stryMutAct_9fa48("89") ? trailing.length + 1 : (stryCov_9fa48("89"), trailing.length - 1)] ?? (stryMutAct_9fa48("90") ? "" : (stryCov_9fa48("90"), ' '))))}`));
    return parts;
  }
}

/**
 * How two strings that are not equal differ, when the difference is of the kind people make by hand
 * (surrounding whitespace, letter case), without printing either. Undefined for any other difference.
 * `actual` is the request's value and `expected` the policy's.
 */
export function describeDifference(actual: string, expected: string): string | undefined {
  if (stryMutAct_9fa48("91")) {
    {}
  } else {
    stryCov_9fa48("91");
    if (stryMutAct_9fa48("94") ? actual !== expected : stryMutAct_9fa48("93") ? false : stryMutAct_9fa48("92") ? true : (stryCov_9fa48("92", "93", "94"), actual === expected)) return undefined;
    const trimmedEqual = stryMutAct_9fa48("97") ? stripEdgeWhitespace(actual) !== stripEdgeWhitespace(expected) : stryMutAct_9fa48("96") ? false : stryMutAct_9fa48("95") ? true : (stryCov_9fa48("95", "96", "97"), stripEdgeWhitespace(actual) === stripEdgeWhitespace(expected));
    if (stryMutAct_9fa48("99") ? false : stryMutAct_9fa48("98") ? true : (stryCov_9fa48("98", "99"), trimmedEqual)) {
      if (stryMutAct_9fa48("100")) {
        {}
      } else {
        stryCov_9fa48("100");
        const edges = stryMutAct_9fa48("101") ? [] : (stryCov_9fa48("101"), [...describeEdge(stryMutAct_9fa48("102") ? "" : (stryCov_9fa48("102"), "the request's value"), actual), ...describeEdge(stryMutAct_9fa48("103") ? "" : (stryCov_9fa48("103"), "the policy's value"), expected)]);
        const {
          leading: la,
          trailing: ta
        } = edgeWhitespace(actual);
        const {
          leading: le,
          trailing: te
        } = edgeWhitespace(expected);
        const where = (stryMutAct_9fa48("106") ? la !== le || ta !== te : stryMutAct_9fa48("105") ? false : stryMutAct_9fa48("104") ? true : (stryCov_9fa48("104", "105", "106"), (stryMutAct_9fa48("108") ? la === le : stryMutAct_9fa48("107") ? true : (stryCov_9fa48("107", "108"), la !== le)) && (stryMutAct_9fa48("110") ? ta === te : stryMutAct_9fa48("109") ? true : (stryCov_9fa48("109", "110"), ta !== te)))) ? stryMutAct_9fa48("111") ? "" : (stryCov_9fa48("111"), 'leading and trailing') : (stryMutAct_9fa48("114") ? la === le : stryMutAct_9fa48("113") ? false : stryMutAct_9fa48("112") ? true : (stryCov_9fa48("112", "113", "114"), la !== le)) ? stryMutAct_9fa48("115") ? "" : (stryCov_9fa48("115"), 'leading') : stryMutAct_9fa48("116") ? "" : (stryCov_9fa48("116"), 'trailing');
        return stryMutAct_9fa48("117") ? `` : (stryCov_9fa48("117"), `they differ only by ${where} whitespace (${edges.join(stryMutAct_9fa48("118") ? "" : (stryCov_9fa48("118"), ', '))})`);
      }
    }
    if (stryMutAct_9fa48("121") ? actual.toLowerCase() !== expected.toLowerCase() : stryMutAct_9fa48("120") ? false : stryMutAct_9fa48("119") ? true : (stryCov_9fa48("119", "120", "121"), (stryMutAct_9fa48("122") ? actual.toUpperCase() : (stryCov_9fa48("122"), actual.toLowerCase())) === (stryMutAct_9fa48("123") ? expected.toUpperCase() : (stryCov_9fa48("123"), expected.toLowerCase())))) return stryMutAct_9fa48("124") ? "" : (stryCov_9fa48("124"), 'they differ only in letter case');
    if (stryMutAct_9fa48("127") ? stripEdgeWhitespace(actual).toLowerCase() !== stripEdgeWhitespace(expected).toLowerCase() : stryMutAct_9fa48("126") ? false : stryMutAct_9fa48("125") ? true : (stryCov_9fa48("125", "126", "127"), (stryMutAct_9fa48("128") ? stripEdgeWhitespace(actual).toUpperCase() : (stryCov_9fa48("128"), stripEdgeWhitespace(actual).toLowerCase())) === (stryMutAct_9fa48("129") ? stripEdgeWhitespace(expected).toUpperCase() : (stryCov_9fa48("129"), stripEdgeWhitespace(expected).toLowerCase())))) {
      if (stryMutAct_9fa48("130")) {
        {}
      } else {
        stryCov_9fa48("130");
        const edges = stryMutAct_9fa48("131") ? [] : (stryCov_9fa48("131"), [...describeEdge(stryMutAct_9fa48("132") ? "" : (stryCov_9fa48("132"), "the request's value"), actual), ...describeEdge(stryMutAct_9fa48("133") ? "" : (stryCov_9fa48("133"), "the policy's value"), expected)]);
        return stryMutAct_9fa48("134") ? `` : (stryCov_9fa48("134"), `they differ in letter case and by surrounding whitespace (${edges.join(stryMutAct_9fa48("135") ? "" : (stryCov_9fa48("135"), ', '))})`);
      }
    }
    if (stryMutAct_9fa48("138") ? actual.replace(ANY_SPACE, '') !== expected.replace(ANY_SPACE, '') : stryMutAct_9fa48("137") ? false : stryMutAct_9fa48("136") ? true : (stryCov_9fa48("136", "137", "138"), actual.replace(ANY_SPACE, stryMutAct_9fa48("139") ? "Stryker was here!" : (stryCov_9fa48("139"), '')) === expected.replace(ANY_SPACE, stryMutAct_9fa48("140") ? "Stryker was here!" : (stryCov_9fa48("140"), '')))) return stryMutAct_9fa48("141") ? "" : (stryCov_9fa48("141"), 'they differ only by whitespace inside the value');
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Principals

const PRINCIPAL_ARN = stryMutAct_9fa48("148") ? /^arn:(aws[a-z-]*):(iam|sts)::(\d{12}):(.)$/ : stryMutAct_9fa48("147") ? /^arn:(aws[a-z-]*):(iam|sts)::(\D{12}):(.+)$/ : stryMutAct_9fa48("146") ? /^arn:(aws[a-z-]*):(iam|sts)::(\d):(.+)$/ : stryMutAct_9fa48("145") ? /^arn:(aws[^a-z-]*):(iam|sts)::(\d{12}):(.+)$/ : stryMutAct_9fa48("144") ? /^arn:(aws[a-z-]):(iam|sts)::(\d{12}):(.+)$/ : stryMutAct_9fa48("143") ? /^arn:(aws[a-z-]*):(iam|sts)::(\d{12}):(.+)/ : stryMutAct_9fa48("142") ? /arn:(aws[a-z-]*):(iam|sts)::(\d{12}):(.+)$/ : (stryCov_9fa48("142", "143", "144", "145", "146", "147", "148"), /^arn:(aws[a-z-]*):(iam|sts)::(\d{12}):(.+)$/);
interface ParsedPrincipalArn {
  partition: string;
  service: 'iam' | 'sts';
  accountId: string;
  kind: 'root' | 'role' | 'user' | 'assumed-role' | 'oidc-provider' | 'saml-provider' | 'federated-user' | 'other';
  /** Role or user name without its path; for sessions, the role name. */
  name?: string;
  sessionName?: string;
}
function parsePrincipalArn(arn: string): ParsedPrincipalArn | undefined {
  if (stryMutAct_9fa48("149")) {
    {}
  } else {
    stryCov_9fa48("149");
    const match = PRINCIPAL_ARN.exec(arn);
    if (stryMutAct_9fa48("152") ? false : stryMutAct_9fa48("151") ? true : stryMutAct_9fa48("150") ? match : (stryCov_9fa48("150", "151", "152"), !match)) return undefined;
    const [, partition = stryMutAct_9fa48("153") ? "Stryker was here!" : (stryCov_9fa48("153"), ''), service, accountId = stryMutAct_9fa48("154") ? "Stryker was here!" : (stryCov_9fa48("154"), ''), resource = stryMutAct_9fa48("155") ? "Stryker was here!" : (stryCov_9fa48("155"), '')] = match;
    const base = stryMutAct_9fa48("156") ? {} : (stryCov_9fa48("156"), {
      partition,
      service: service as 'iam' | 'sts',
      accountId
    });
    if (stryMutAct_9fa48("159") ? service !== 'iam' : stryMutAct_9fa48("158") ? false : stryMutAct_9fa48("157") ? true : (stryCov_9fa48("157", "158", "159"), service === (stryMutAct_9fa48("160") ? "" : (stryCov_9fa48("160"), 'iam')))) {
      if (stryMutAct_9fa48("161")) {
        {}
      } else {
        stryCov_9fa48("161");
        if (stryMutAct_9fa48("164") ? resource !== 'root' : stryMutAct_9fa48("163") ? false : stryMutAct_9fa48("162") ? true : (stryCov_9fa48("162", "163", "164"), resource === (stryMutAct_9fa48("165") ? "" : (stryCov_9fa48("165"), 'root')))) return stryMutAct_9fa48("166") ? {} : (stryCov_9fa48("166"), {
          ...base,
          kind: stryMutAct_9fa48("167") ? "" : (stryCov_9fa48("167"), 'root')
        });
        const slash = resource.indexOf(stryMutAct_9fa48("168") ? "" : (stryCov_9fa48("168"), '/'));
        const type = (stryMutAct_9fa48("172") ? slash >= 0 : stryMutAct_9fa48("171") ? slash <= 0 : stryMutAct_9fa48("170") ? false : stryMutAct_9fa48("169") ? true : (stryCov_9fa48("169", "170", "171", "172"), slash < 0)) ? resource : stryMutAct_9fa48("173") ? resource : (stryCov_9fa48("173"), resource.slice(0, slash));
        const name = stryMutAct_9fa48("174") ? resource : (stryCov_9fa48("174"), resource.slice(stryMutAct_9fa48("175") ? resource.lastIndexOf('/') - 1 : (stryCov_9fa48("175"), resource.lastIndexOf(stryMutAct_9fa48("176") ? "" : (stryCov_9fa48("176"), '/')) + 1)));
        if (stryMutAct_9fa48("179") ? slash > 0 && name || type === 'role' || type === 'user' : stryMutAct_9fa48("178") ? false : stryMutAct_9fa48("177") ? true : (stryCov_9fa48("177", "178", "179"), (stryMutAct_9fa48("181") ? slash > 0 || name : stryMutAct_9fa48("180") ? true : (stryCov_9fa48("180", "181"), (stryMutAct_9fa48("184") ? slash <= 0 : stryMutAct_9fa48("183") ? slash >= 0 : stryMutAct_9fa48("182") ? true : (stryCov_9fa48("182", "183", "184"), slash > 0)) && name)) && (stryMutAct_9fa48("186") ? type === 'role' && type === 'user' : stryMutAct_9fa48("185") ? true : (stryCov_9fa48("185", "186"), (stryMutAct_9fa48("188") ? type !== 'role' : stryMutAct_9fa48("187") ? false : (stryCov_9fa48("187", "188"), type === (stryMutAct_9fa48("189") ? "" : (stryCov_9fa48("189"), 'role')))) || (stryMutAct_9fa48("191") ? type !== 'user' : stryMutAct_9fa48("190") ? false : (stryCov_9fa48("190", "191"), type === (stryMutAct_9fa48("192") ? "" : (stryCov_9fa48("192"), 'user')))))))) return stryMutAct_9fa48("193") ? {} : (stryCov_9fa48("193"), {
          ...base,
          kind: type,
          name
        });
        if (stryMutAct_9fa48("196") ? slash > 0 || type === 'oidc-provider' || type === 'saml-provider' : stryMutAct_9fa48("195") ? false : stryMutAct_9fa48("194") ? true : (stryCov_9fa48("194", "195", "196"), (stryMutAct_9fa48("199") ? slash <= 0 : stryMutAct_9fa48("198") ? slash >= 0 : stryMutAct_9fa48("197") ? true : (stryCov_9fa48("197", "198", "199"), slash > 0)) && (stryMutAct_9fa48("201") ? type === 'oidc-provider' && type === 'saml-provider' : stryMutAct_9fa48("200") ? true : (stryCov_9fa48("200", "201"), (stryMutAct_9fa48("203") ? type !== 'oidc-provider' : stryMutAct_9fa48("202") ? false : (stryCov_9fa48("202", "203"), type === (stryMutAct_9fa48("204") ? "" : (stryCov_9fa48("204"), 'oidc-provider')))) || (stryMutAct_9fa48("206") ? type !== 'saml-provider' : stryMutAct_9fa48("205") ? false : (stryCov_9fa48("205", "206"), type === (stryMutAct_9fa48("207") ? "" : (stryCov_9fa48("207"), 'saml-provider')))))))) return stryMutAct_9fa48("208") ? {} : (stryCov_9fa48("208"), {
          ...base,
          kind: type
        });
        return stryMutAct_9fa48("209") ? {} : (stryCov_9fa48("209"), {
          ...base,
          kind: stryMutAct_9fa48("210") ? "" : (stryCov_9fa48("210"), 'other')
        });
      }
    }
    const parts = resource.split(stryMutAct_9fa48("211") ? "" : (stryCov_9fa48("211"), '/'));
    if (stryMutAct_9fa48("214") ? parts[0] === 'assumed-role' && parts.length === 3 && parts[1] || parts[2] : stryMutAct_9fa48("213") ? false : stryMutAct_9fa48("212") ? true : (stryCov_9fa48("212", "213", "214"), (stryMutAct_9fa48("216") ? parts[0] === 'assumed-role' && parts.length === 3 || parts[1] : stryMutAct_9fa48("215") ? true : (stryCov_9fa48("215", "216"), (stryMutAct_9fa48("218") ? parts[0] === 'assumed-role' || parts.length === 3 : stryMutAct_9fa48("217") ? true : (stryCov_9fa48("217", "218"), (stryMutAct_9fa48("220") ? parts[0] !== 'assumed-role' : stryMutAct_9fa48("219") ? true : (stryCov_9fa48("219", "220"), parts[0] === (stryMutAct_9fa48("221") ? "" : (stryCov_9fa48("221"), 'assumed-role')))) && (stryMutAct_9fa48("223") ? parts.length !== 3 : stryMutAct_9fa48("222") ? true : (stryCov_9fa48("222", "223"), parts.length === 3)))) && parts[1])) && parts[2])) {
      if (stryMutAct_9fa48("224")) {
        {}
      } else {
        stryCov_9fa48("224");
        return stryMutAct_9fa48("225") ? {} : (stryCov_9fa48("225"), {
          ...base,
          kind: stryMutAct_9fa48("226") ? "" : (stryCov_9fa48("226"), 'assumed-role'),
          name: parts[1],
          sessionName: parts[2]
        });
      }
    }
    if (stryMutAct_9fa48("229") ? parts[0] === 'federated-user' && parts.length === 2 || parts[1] : stryMutAct_9fa48("228") ? false : stryMutAct_9fa48("227") ? true : (stryCov_9fa48("227", "228", "229"), (stryMutAct_9fa48("231") ? parts[0] === 'federated-user' || parts.length === 2 : stryMutAct_9fa48("230") ? true : (stryCov_9fa48("230", "231"), (stryMutAct_9fa48("233") ? parts[0] !== 'federated-user' : stryMutAct_9fa48("232") ? true : (stryCov_9fa48("232", "233"), parts[0] === (stryMutAct_9fa48("234") ? "" : (stryCov_9fa48("234"), 'federated-user')))) && (stryMutAct_9fa48("236") ? parts.length !== 2 : stryMutAct_9fa48("235") ? true : (stryCov_9fa48("235", "236"), parts.length === 2)))) && parts[1])) return stryMutAct_9fa48("237") ? {} : (stryCov_9fa48("237"), {
      ...base,
      kind: stryMutAct_9fa48("238") ? "" : (stryCov_9fa48("238"), 'federated-user'),
      name: parts[1]
    });
    return stryMutAct_9fa48("239") ? {} : (stryCov_9fa48("239"), {
      ...base,
      kind: stryMutAct_9fa48("240") ? "" : (stryCov_9fa48("240"), 'other')
    });
  }
}

/**
 * The request principal behind an IAM or STS ARN: account root, IAM user, IAM role, assumed-role
 * session, or an OIDC/SAML provider (a web-identity caller). Throws InvalidPrincipalArnError otherwise.
 */
export function principalFromArn(arn: string): RequestPrincipal {
  if (stryMutAct_9fa48("241")) {
    {}
  } else {
    stryCov_9fa48("241");
    const parsed = parsePrincipalArn(arn);
    if (stryMutAct_9fa48("244") ? false : stryMutAct_9fa48("243") ? true : stryMutAct_9fa48("242") ? parsed : (stryCov_9fa48("242", "243", "244"), !parsed)) {
      if (stryMutAct_9fa48("245")) {
        {}
      } else {
        stryCov_9fa48("245");
        throw new InvalidPrincipalArnError(stryMutAct_9fa48("246") ? `` : (stryCov_9fa48("246"), `"${arn}" is not an IAM or STS principal ARN (expected e.g. arn:aws:iam::111111111111:role/name or arn:aws:sts::111111111111:assumed-role/name/session)`));
      }
    }
    const {
      partition,
      accountId
    } = parsed;
    switch (parsed.kind) {
      case stryMutAct_9fa48("248") ? "" : (stryCov_9fa48("248"), 'root'):
        if (stryMutAct_9fa48("247")) {} else {
          stryCov_9fa48("247");
          return stryMutAct_9fa48("249") ? {} : (stryCov_9fa48("249"), {
            arn,
            accountId,
            type: stryMutAct_9fa48("250") ? "" : (stryCov_9fa48("250"), 'Root')
          });
        }
      case stryMutAct_9fa48("252") ? "" : (stryCov_9fa48("252"), 'user'):
        if (stryMutAct_9fa48("251")) {} else {
          stryCov_9fa48("251");
          return stryMutAct_9fa48("253") ? {} : (stryCov_9fa48("253"), {
            arn,
            accountId,
            type: stryMutAct_9fa48("254") ? "" : (stryCov_9fa48("254"), 'IAMUser')
          });
        }
      case stryMutAct_9fa48("256") ? "" : (stryCov_9fa48("256"), 'role'):
        if (stryMutAct_9fa48("255")) {} else {
          stryCov_9fa48("255");
          return stryMutAct_9fa48("257") ? {} : (stryCov_9fa48("257"), {
            arn,
            accountId,
            type: stryMutAct_9fa48("258") ? "" : (stryCov_9fa48("258"), 'Role'),
            roleArn: arn
          });
        }
      case stryMutAct_9fa48("260") ? "" : (stryCov_9fa48("260"), 'assumed-role'):
        if (stryMutAct_9fa48("259")) {} else {
          stryCov_9fa48("259");
          return stryMutAct_9fa48("261") ? {} : (stryCov_9fa48("261"), {
            arn,
            accountId,
            type: stryMutAct_9fa48("262") ? "" : (stryCov_9fa48("262"), 'AssumedRole'),
            roleArn: stryMutAct_9fa48("263") ? `` : (stryCov_9fa48("263"), `arn:${partition}:iam::${accountId}:role/${parsed.name}`)
          });
        }
      case stryMutAct_9fa48("264") ? "" : (stryCov_9fa48("264"), 'oidc-provider'):
      case stryMutAct_9fa48("266") ? "" : (stryCov_9fa48("266"), 'saml-provider'):
        if (stryMutAct_9fa48("265")) {} else {
          stryCov_9fa48("265");
          return stryMutAct_9fa48("267") ? {} : (stryCov_9fa48("267"), {
            arn,
            accountId,
            type: stryMutAct_9fa48("268") ? "" : (stryCov_9fa48("268"), 'WebIdentity'),
            federatedProvider: arn
          });
        }
      default:
        if (stryMutAct_9fa48("269")) {} else {
          stryCov_9fa48("269");
          throw new InvalidPrincipalArnError(stryMutAct_9fa48("270") ? `` : (stryCov_9fa48("270"), `"${arn}" is not a principal this evaluator supports (root, user, role, assumed-role session, OIDC or SAML provider)`));
        }
    }
  }
}

/** What the principal ARN names once paths are ignored: the role behind a session, or the entity itself. */
function entityOf(principal: RequestPrincipal): ParsedPrincipalArn | undefined {
  if (stryMutAct_9fa48("271")) {
    {}
  } else {
    stryCov_9fa48("271");
    const own = parsePrincipalArn(principal.arn);
    if (stryMutAct_9fa48("274") ? principal.type === 'AssumedRole' || principal.roleArn : stryMutAct_9fa48("273") ? false : stryMutAct_9fa48("272") ? true : (stryCov_9fa48("272", "273", "274"), (stryMutAct_9fa48("276") ? principal.type !== 'AssumedRole' : stryMutAct_9fa48("275") ? true : (stryCov_9fa48("275", "276"), principal.type === (stryMutAct_9fa48("277") ? "" : (stryCov_9fa48("277"), 'AssumedRole')))) && principal.roleArn)) {
      if (stryMutAct_9fa48("278")) {
        {}
      } else {
        stryCov_9fa48("278");
        const role = parsePrincipalArn(principal.roleArn);
        if (stryMutAct_9fa48("281") ? role || own : stryMutAct_9fa48("280") ? false : stryMutAct_9fa48("279") ? true : (stryCov_9fa48("279", "280", "281"), role && own)) return stryMutAct_9fa48("282") ? {} : (stryCov_9fa48("282"), {
          ...own,
          name: stryMutAct_9fa48("283") ? role.name && own.name : (stryCov_9fa48("283"), role.name ?? own.name)
        });
      }
    }
    return own;
  }
}
type PrincipalBlock = '*' | Partial<Record<PrincipalKey, string[]>>;
type PrincipalKey = 'AWS' | 'Federated' | 'Service' | 'CanonicalUser';
const PRINCIPAL_KEYS: readonly PrincipalKey[] = stryMutAct_9fa48("284") ? [] : (stryCov_9fa48("284"), [stryMutAct_9fa48("285") ? "" : (stryCov_9fa48("285"), 'AWS'), stryMutAct_9fa48("286") ? "" : (stryCov_9fa48("286"), 'Federated'), stryMutAct_9fa48("287") ? "" : (stryCov_9fa48("287"), 'Service'), stryMutAct_9fa48("288") ? "" : (stryCov_9fa48("288"), 'CanonicalUser')]);

/** Why one Principal value does or does not name the caller. */
interface PrincipalValueMatch {
  matches: boolean;
  note?: string;
}
function matchAwsPrincipal(value: string, principal: RequestPrincipal): PrincipalValueMatch {
  if (stryMutAct_9fa48("289")) {
    {}
  } else {
    stryCov_9fa48("289");
    if (stryMutAct_9fa48("292") ? value !== '*' : stryMutAct_9fa48("291") ? false : stryMutAct_9fa48("290") ? true : (stryCov_9fa48("290", "291", "292"), value === (stryMutAct_9fa48("293") ? "" : (stryCov_9fa48("293"), '*')))) return stryMutAct_9fa48("294") ? {} : (stryCov_9fa48("294"), {
      matches: stryMutAct_9fa48("295") ? false : (stryCov_9fa48("295"), true)
    });
    const isIamIdentity = (stryMutAct_9fa48("296") ? [] : (stryCov_9fa48("296"), [stryMutAct_9fa48("297") ? "" : (stryCov_9fa48("297"), 'AssumedRole'), stryMutAct_9fa48("298") ? "" : (stryCov_9fa48("298"), 'Role'), stryMutAct_9fa48("299") ? "" : (stryCov_9fa48("299"), 'IAMUser'), stryMutAct_9fa48("300") ? "" : (stryCov_9fa48("300"), 'Root')])).includes(principal.type);
    if (stryMutAct_9fa48("302") ? false : stryMutAct_9fa48("301") ? true : (stryCov_9fa48("301", "302"), (stryMutAct_9fa48("306") ? /^\D{12}$/ : stryMutAct_9fa48("305") ? /^\d$/ : stryMutAct_9fa48("304") ? /^\d{12}/ : stryMutAct_9fa48("303") ? /\d{12}$/ : (stryCov_9fa48("303", "304", "305", "306"), /^\d{12}$/)).test(value))) {
      if (stryMutAct_9fa48("307")) {
        {}
      } else {
        stryCov_9fa48("307");
        // A bare account id is shorthand for arn:aws:iam::<id>:root: every IAM identity of the account.
        return stryMutAct_9fa48("308") ? {} : (stryCov_9fa48("308"), {
          matches: stryMutAct_9fa48("311") ? isIamIdentity || principal.accountId === value : stryMutAct_9fa48("310") ? false : stryMutAct_9fa48("309") ? true : (stryCov_9fa48("309", "310", "311"), isIamIdentity && (stryMutAct_9fa48("313") ? principal.accountId !== value : stryMutAct_9fa48("312") ? true : (stryCov_9fa48("312", "313"), principal.accountId === value)))
        });
      }
    }
    if (stryMutAct_9fa48("315") ? false : stryMutAct_9fa48("314") ? true : (stryCov_9fa48("314", "315"), (stryMutAct_9fa48("319") ? /^A(ROA|IDA|IPA)[^A-Z0-9]{12,}$/ : stryMutAct_9fa48("318") ? /^A(ROA|IDA|IPA)[A-Z0-9]$/ : stryMutAct_9fa48("317") ? /^A(ROA|IDA|IPA)[A-Z0-9]{12,}/ : stryMutAct_9fa48("316") ? /A(ROA|IDA|IPA)[A-Z0-9]{12,}$/ : (stryCov_9fa48("316", "317", "318", "319"), /^A(ROA|IDA|IPA)[A-Z0-9]{12,}$/)).test(value))) {
      if (stryMutAct_9fa48("320")) {
        {}
      } else {
        stryCov_9fa48("320");
        // IAM rewrites a principal to its unique ID when the role or user it named is deleted; a
        // recreated role with the same name gets a new ID and is not trusted.
        return stryMutAct_9fa48("321") ? {} : (stryCov_9fa48("321"), {
          matches: stryMutAct_9fa48("322") ? true : (stryCov_9fa48("322"), false),
          note: stryMutAct_9fa48("323") ? `` : (stryCov_9fa48("323"), `${value} is a unique ID, which IAM shows in place of an ARN when the role or user it named was deleted; it matches no current principal (re-enter the role ARN)`)
        });
      }
    }
    const listed = parsePrincipalArn(value);
    if (stryMutAct_9fa48("326") ? false : stryMutAct_9fa48("325") ? true : stryMutAct_9fa48("324") ? listed : (stryCov_9fa48("324", "325", "326"), !listed)) return stryMutAct_9fa48("327") ? {} : (stryCov_9fa48("327"), {
      matches: stryMutAct_9fa48("328") ? true : (stryCov_9fa48("328"), false),
      note: stryMutAct_9fa48("329") ? `` : (stryCov_9fa48("329"), `"${value}" is neither "*", an account ID nor a principal ARN`)
    });
    const caller = entityOf(principal);
    if (stryMutAct_9fa48("332") ? !caller && !isIamIdentity : stryMutAct_9fa48("331") ? false : stryMutAct_9fa48("330") ? true : (stryCov_9fa48("330", "331", "332"), (stryMutAct_9fa48("333") ? caller : (stryCov_9fa48("333"), !caller)) || (stryMutAct_9fa48("334") ? isIamIdentity : (stryCov_9fa48("334"), !isIamIdentity)))) return stryMutAct_9fa48("335") ? {} : (stryCov_9fa48("335"), {
      matches: stryMutAct_9fa48("336") ? true : (stryCov_9fa48("336"), false)
    });
    const samePlace = stryMutAct_9fa48("339") ? listed.partition === caller.partition || listed.accountId === principal.accountId : stryMutAct_9fa48("338") ? false : stryMutAct_9fa48("337") ? true : (stryCov_9fa48("337", "338", "339"), (stryMutAct_9fa48("341") ? listed.partition !== caller.partition : stryMutAct_9fa48("340") ? true : (stryCov_9fa48("340", "341"), listed.partition === caller.partition)) && (stryMutAct_9fa48("343") ? listed.accountId !== principal.accountId : stryMutAct_9fa48("342") ? true : (stryCov_9fa48("342", "343"), listed.accountId === principal.accountId)));
    switch (listed.kind) {
      case stryMutAct_9fa48("345") ? "" : (stryCov_9fa48("345"), 'root'):
        if (stryMutAct_9fa48("344")) {} else {
          stryCov_9fa48("344");
          return stryMutAct_9fa48("346") ? {} : (stryCov_9fa48("346"), {
            matches: samePlace
          });
        }
      case stryMutAct_9fa48("348") ? "" : (stryCov_9fa48("348"), 'role'):
        if (stryMutAct_9fa48("347")) {} else {
          stryCov_9fa48("347");
          // A role principal covers the role and every session of it; role names are unique in an account
          // whatever their path, and a session ARN does not carry the path.
          return stryMutAct_9fa48("349") ? {} : (stryCov_9fa48("349"), {
            matches: stryMutAct_9fa48("352") ? samePlace && (principal.type === 'Role' || principal.type === 'AssumedRole') || caller.name === listed.name : stryMutAct_9fa48("351") ? false : stryMutAct_9fa48("350") ? true : (stryCov_9fa48("350", "351", "352"), (stryMutAct_9fa48("354") ? samePlace || principal.type === 'Role' || principal.type === 'AssumedRole' : stryMutAct_9fa48("353") ? true : (stryCov_9fa48("353", "354"), samePlace && (stryMutAct_9fa48("356") ? principal.type === 'Role' && principal.type === 'AssumedRole' : stryMutAct_9fa48("355") ? true : (stryCov_9fa48("355", "356"), (stryMutAct_9fa48("358") ? principal.type !== 'Role' : stryMutAct_9fa48("357") ? false : (stryCov_9fa48("357", "358"), principal.type === (stryMutAct_9fa48("359") ? "" : (stryCov_9fa48("359"), 'Role')))) || (stryMutAct_9fa48("361") ? principal.type !== 'AssumedRole' : stryMutAct_9fa48("360") ? false : (stryCov_9fa48("360", "361"), principal.type === (stryMutAct_9fa48("362") ? "" : (stryCov_9fa48("362"), 'AssumedRole')))))))) && (stryMutAct_9fa48("364") ? caller.name !== listed.name : stryMutAct_9fa48("363") ? true : (stryCov_9fa48("363", "364"), caller.name === listed.name)))
          });
        }
      case stryMutAct_9fa48("366") ? "" : (stryCov_9fa48("366"), 'assumed-role'):
        if (stryMutAct_9fa48("365")) {} else {
          stryCov_9fa48("365");
          return stryMutAct_9fa48("367") ? {} : (stryCov_9fa48("367"), {
            matches: stryMutAct_9fa48("370") ? samePlace && principal.type === 'AssumedRole' && caller.name === listed.name || caller.sessionName === listed.sessionName : stryMutAct_9fa48("369") ? false : stryMutAct_9fa48("368") ? true : (stryCov_9fa48("368", "369", "370"), (stryMutAct_9fa48("372") ? samePlace && principal.type === 'AssumedRole' || caller.name === listed.name : stryMutAct_9fa48("371") ? true : (stryCov_9fa48("371", "372"), (stryMutAct_9fa48("374") ? samePlace || principal.type === 'AssumedRole' : stryMutAct_9fa48("373") ? true : (stryCov_9fa48("373", "374"), samePlace && (stryMutAct_9fa48("376") ? principal.type !== 'AssumedRole' : stryMutAct_9fa48("375") ? true : (stryCov_9fa48("375", "376"), principal.type === (stryMutAct_9fa48("377") ? "" : (stryCov_9fa48("377"), 'AssumedRole')))))) && (stryMutAct_9fa48("379") ? caller.name !== listed.name : stryMutAct_9fa48("378") ? true : (stryCov_9fa48("378", "379"), caller.name === listed.name)))) && (stryMutAct_9fa48("381") ? caller.sessionName !== listed.sessionName : stryMutAct_9fa48("380") ? true : (stryCov_9fa48("380", "381"), caller.sessionName === listed.sessionName)))
          });
        }
      case stryMutAct_9fa48("383") ? "" : (stryCov_9fa48("383"), 'user'):
        if (stryMutAct_9fa48("382")) {} else {
          stryCov_9fa48("382");
          return stryMutAct_9fa48("384") ? {} : (stryCov_9fa48("384"), {
            matches: stryMutAct_9fa48("387") ? samePlace && principal.type === 'IAMUser' || caller.name === listed.name : stryMutAct_9fa48("386") ? false : stryMutAct_9fa48("385") ? true : (stryCov_9fa48("385", "386", "387"), (stryMutAct_9fa48("389") ? samePlace || principal.type === 'IAMUser' : stryMutAct_9fa48("388") ? true : (stryCov_9fa48("388", "389"), samePlace && (stryMutAct_9fa48("391") ? principal.type !== 'IAMUser' : stryMutAct_9fa48("390") ? true : (stryCov_9fa48("390", "391"), principal.type === (stryMutAct_9fa48("392") ? "" : (stryCov_9fa48("392"), 'IAMUser')))))) && (stryMutAct_9fa48("394") ? caller.name !== listed.name : stryMutAct_9fa48("393") ? true : (stryCov_9fa48("393", "394"), caller.name === listed.name)))
          });
        }
      default:
        if (stryMutAct_9fa48("395")) {} else {
          stryCov_9fa48("395");
          return stryMutAct_9fa48("396") ? {} : (stryCov_9fa48("396"), {
            matches: stryMutAct_9fa48("397") ? true : (stryCov_9fa48("397"), false)
          });
        }
    }
  }
}
function matchPrincipalValue(type: PrincipalKey, value: string, principal: RequestPrincipal): PrincipalValueMatch {
  if (stryMutAct_9fa48("398")) {
    {}
  } else {
    stryCov_9fa48("398");
    switch (type) {
      case stryMutAct_9fa48("400") ? "" : (stryCov_9fa48("400"), 'AWS'):
        if (stryMutAct_9fa48("399")) {} else {
          stryCov_9fa48("399");
          return matchAwsPrincipal(value, principal);
        }
      case stryMutAct_9fa48("402") ? "" : (stryCov_9fa48("402"), 'Federated'):
        if (stryMutAct_9fa48("401")) {} else {
          stryCov_9fa48("401");
          return stryMutAct_9fa48("403") ? {} : (stryCov_9fa48("403"), {
            matches: stryMutAct_9fa48("406") ? principal.type === 'WebIdentity' || principal.federatedProvider === value : stryMutAct_9fa48("405") ? false : stryMutAct_9fa48("404") ? true : (stryCov_9fa48("404", "405", "406"), (stryMutAct_9fa48("408") ? principal.type !== 'WebIdentity' : stryMutAct_9fa48("407") ? true : (stryCov_9fa48("407", "408"), principal.type === (stryMutAct_9fa48("409") ? "" : (stryCov_9fa48("409"), 'WebIdentity')))) && (stryMutAct_9fa48("411") ? principal.federatedProvider !== value : stryMutAct_9fa48("410") ? true : (stryCov_9fa48("410", "411"), principal.federatedProvider === value)))
          });
        }
      case stryMutAct_9fa48("413") ? "" : (stryCov_9fa48("413"), 'Service'):
        if (stryMutAct_9fa48("412")) {} else {
          stryCov_9fa48("412");
          return stryMutAct_9fa48("414") ? {} : (stryCov_9fa48("414"), {
            matches: stryMutAct_9fa48("417") ? principal.type === 'Service' || principal.service?.toLowerCase() === value.toLowerCase() : stryMutAct_9fa48("416") ? false : stryMutAct_9fa48("415") ? true : (stryCov_9fa48("415", "416", "417"), (stryMutAct_9fa48("419") ? principal.type !== 'Service' : stryMutAct_9fa48("418") ? true : (stryCov_9fa48("418", "419"), principal.type === (stryMutAct_9fa48("420") ? "" : (stryCov_9fa48("420"), 'Service')))) && (stryMutAct_9fa48("422") ? principal.service?.toLowerCase() !== value.toLowerCase() : stryMutAct_9fa48("421") ? true : (stryCov_9fa48("421", "422"), (stryMutAct_9fa48("424") ? principal.service.toLowerCase() : stryMutAct_9fa48("423") ? principal.service?.toUpperCase() : (stryCov_9fa48("423", "424"), principal.service?.toLowerCase())) === (stryMutAct_9fa48("425") ? value.toUpperCase() : (stryCov_9fa48("425"), value.toLowerCase())))))
          });
        }
      case stryMutAct_9fa48("427") ? "" : (stryCov_9fa48("427"), 'CanonicalUser'):
        if (stryMutAct_9fa48("426")) {} else {
          stryCov_9fa48("426");
          return stryMutAct_9fa48("428") ? {} : (stryCov_9fa48("428"), {
            matches: stryMutAct_9fa48("429") ? true : (stryCov_9fa48("429"), false)
          });
        }
    }
  }
}
function principalMatchesBlock(block: PrincipalBlock, principal: RequestPrincipal): {
  matches: boolean;
  notes: string[];
} {
  if (stryMutAct_9fa48("430")) {
    {}
  } else {
    stryCov_9fa48("430");
    if (stryMutAct_9fa48("433") ? block !== '*' : stryMutAct_9fa48("432") ? false : stryMutAct_9fa48("431") ? true : (stryCov_9fa48("431", "432", "433"), block === (stryMutAct_9fa48("434") ? "" : (stryCov_9fa48("434"), '*')))) return stryMutAct_9fa48("435") ? {} : (stryCov_9fa48("435"), {
      matches: stryMutAct_9fa48("436") ? false : (stryCov_9fa48("436"), true),
      notes: stryMutAct_9fa48("437") ? ["Stryker was here"] : (stryCov_9fa48("437"), [])
    });
    const notes: string[] = stryMutAct_9fa48("438") ? ["Stryker was here"] : (stryCov_9fa48("438"), []);
    let matches = stryMutAct_9fa48("439") ? true : (stryCov_9fa48("439"), false);
    for (const type of PRINCIPAL_KEYS) {
      if (stryMutAct_9fa48("440")) {
        {}
      } else {
        stryCov_9fa48("440");
        for (const value of stryMutAct_9fa48("441") ? block[type] && [] : (stryCov_9fa48("441"), block[type] ?? (stryMutAct_9fa48("442") ? ["Stryker was here"] : (stryCov_9fa48("442"), [])))) {
          if (stryMutAct_9fa48("443")) {
            {}
          } else {
            stryCov_9fa48("443");
            // {"AWS": "*"} is documented as equivalent to "Principal": "*".
            const result = (stryMutAct_9fa48("446") ? type === 'AWS' || value === '*' : stryMutAct_9fa48("445") ? false : stryMutAct_9fa48("444") ? true : (stryCov_9fa48("444", "445", "446"), (stryMutAct_9fa48("448") ? type !== 'AWS' : stryMutAct_9fa48("447") ? true : (stryCov_9fa48("447", "448"), type === (stryMutAct_9fa48("449") ? "" : (stryCov_9fa48("449"), 'AWS')))) && (stryMutAct_9fa48("451") ? value !== '*' : stryMutAct_9fa48("450") ? true : (stryCov_9fa48("450", "451"), value === (stryMutAct_9fa48("452") ? "" : (stryCov_9fa48("452"), '*')))))) ? stryMutAct_9fa48("453") ? {} : (stryCov_9fa48("453"), {
              matches: stryMutAct_9fa48("454") ? false : (stryCov_9fa48("454"), true)
            }) : matchPrincipalValue(type, value, principal);
            stryMutAct_9fa48("455") ? matches &&= result.matches : (stryCov_9fa48("455"), matches ||= result.matches);
            if (stryMutAct_9fa48("457") ? false : stryMutAct_9fa48("456") ? true : (stryCov_9fa48("456", "457"), result.note)) notes.push(result.note);
          }
        }
      }
    }
    return stryMutAct_9fa48("458") ? {} : (stryCov_9fa48("458"), {
      matches,
      notes
    });
  }
}
function describePrincipalBlock(block: PrincipalBlock): string {
  if (stryMutAct_9fa48("459")) {
    {}
  } else {
    stryCov_9fa48("459");
    if (stryMutAct_9fa48("462") ? block !== '*' : stryMutAct_9fa48("461") ? false : stryMutAct_9fa48("460") ? true : (stryCov_9fa48("460", "461", "462"), block === (stryMutAct_9fa48("463") ? "" : (stryCov_9fa48("463"), '*')))) return stryMutAct_9fa48("464") ? "" : (stryCov_9fa48("464"), '"*"');
    const values = PRINCIPAL_KEYS.flatMap(stryMutAct_9fa48("465") ? () => undefined : (stryCov_9fa48("465"), type => (stryMutAct_9fa48("466") ? block[type] && [] : (stryCov_9fa48("466"), block[type] ?? (stryMutAct_9fa48("467") ? ["Stryker was here"] : (stryCov_9fa48("467"), [])))).map(stryMutAct_9fa48("468") ? () => undefined : (stryCov_9fa48("468"), v => (stryMutAct_9fa48("471") ? type !== 'AWS' : stryMutAct_9fa48("470") ? false : stryMutAct_9fa48("469") ? true : (stryCov_9fa48("469", "470", "471"), type === (stryMutAct_9fa48("472") ? "" : (stryCov_9fa48("472"), 'AWS')))) ? v : stryMutAct_9fa48("473") ? `` : (stryCov_9fa48("473"), `${type} ${v}`)))));
    return values.join(stryMutAct_9fa48("474") ? "" : (stryCov_9fa48("474"), ', '));
  }
}

// ---------------------------------------------------------------------------------------------
// Wildcards, policy variables and ARNs

interface MatchContext {
  /** Policy variables (${aws:username}) are substituted only in 2012-10-17 documents, as in IAM. */
  variables: boolean;
  lookup(key: string): string[] | undefined;
}
function escapeRegExp(text: string): string {
  if (stryMutAct_9fa48("475")) {
    {}
  } else {
    stryCov_9fa48("475");
    return text.replace(stryMutAct_9fa48("476") ? /[^.*+?^${}()|[\]\\/]/g : (stryCov_9fa48("476"), /[.*+?^${}()|[\]\\/]/g), stryMutAct_9fa48("477") ? "" : (stryCov_9fa48("477"), '\\$&'));
  }
}

/**
 * Compiles a policy string into an anchored RegExp: `*` and `?` are wildcards when `wildcards` is set,
 * `${key}` and `${key, 'default'}` are replaced by the request's value (literally), and `${*}`, `${?}`,
 * `${$}` stand for the characters themselves. Undefined when a variable has no value: IAM then treats
 * the string as not matching.
 */
function compilePattern(pattern: string, wildcards: boolean, ignoreCase: boolean, ctx: MatchContext): RegExp | undefined {
  if (stryMutAct_9fa48("478")) {
    {}
  } else {
    stryCov_9fa48("478");
    let source = stryMutAct_9fa48("479") ? "Stryker was here!" : (stryCov_9fa48("479"), '');
    let i = 0;
    while (stryMutAct_9fa48("482") ? i >= pattern.length : stryMutAct_9fa48("481") ? i <= pattern.length : stryMutAct_9fa48("480") ? false : (stryCov_9fa48("480", "481", "482"), i < pattern.length)) {
      if (stryMutAct_9fa48("483")) {
        {}
      } else {
        stryCov_9fa48("483");
        const char = stryMutAct_9fa48("484") ? pattern[i] && '' : (stryCov_9fa48("484"), pattern[i] ?? (stryMutAct_9fa48("485") ? "Stryker was here!" : (stryCov_9fa48("485"), '')));
        if (stryMutAct_9fa48("488") ? ctx.variables && char === '$' || pattern[i + 1] === '{' : stryMutAct_9fa48("487") ? false : stryMutAct_9fa48("486") ? true : (stryCov_9fa48("486", "487", "488"), (stryMutAct_9fa48("490") ? ctx.variables || char === '$' : stryMutAct_9fa48("489") ? true : (stryCov_9fa48("489", "490"), ctx.variables && (stryMutAct_9fa48("492") ? char !== '$' : stryMutAct_9fa48("491") ? true : (stryCov_9fa48("491", "492"), char === (stryMutAct_9fa48("493") ? "" : (stryCov_9fa48("493"), '$')))))) && (stryMutAct_9fa48("495") ? pattern[i + 1] !== '{' : stryMutAct_9fa48("494") ? true : (stryCov_9fa48("494", "495"), pattern[stryMutAct_9fa48("496") ? i - 1 : (stryCov_9fa48("496"), i + 1)] === (stryMutAct_9fa48("497") ? "" : (stryCov_9fa48("497"), '{')))))) {
          if (stryMutAct_9fa48("498")) {
            {}
          } else {
            stryCov_9fa48("498");
            const end = pattern.indexOf(stryMutAct_9fa48("499") ? "" : (stryCov_9fa48("499"), '}'), stryMutAct_9fa48("500") ? i - 2 : (stryCov_9fa48("500"), i + 2));
            if (stryMutAct_9fa48("504") ? end <= 0 : stryMutAct_9fa48("503") ? end >= 0 : stryMutAct_9fa48("502") ? false : stryMutAct_9fa48("501") ? true : (stryCov_9fa48("501", "502", "503", "504"), end > 0)) {
              if (stryMutAct_9fa48("505")) {
                {}
              } else {
                stryCov_9fa48("505");
                const inner = stryMutAct_9fa48("507") ? pattern.trim() : stryMutAct_9fa48("506") ? pattern.slice(i + 2, end) : (stryCov_9fa48("506", "507"), pattern.slice(stryMutAct_9fa48("508") ? i - 2 : (stryCov_9fa48("508"), i + 2), end).trim());
                i = stryMutAct_9fa48("509") ? end - 1 : (stryCov_9fa48("509"), end + 1);
                if (stryMutAct_9fa48("512") ? (inner === '*' || inner === '?') && inner === '$' : stryMutAct_9fa48("511") ? false : stryMutAct_9fa48("510") ? true : (stryCov_9fa48("510", "511", "512"), (stryMutAct_9fa48("514") ? inner === '*' && inner === '?' : stryMutAct_9fa48("513") ? false : (stryCov_9fa48("513", "514"), (stryMutAct_9fa48("516") ? inner !== '*' : stryMutAct_9fa48("515") ? false : (stryCov_9fa48("515", "516"), inner === (stryMutAct_9fa48("517") ? "" : (stryCov_9fa48("517"), '*')))) || (stryMutAct_9fa48("519") ? inner !== '?' : stryMutAct_9fa48("518") ? false : (stryCov_9fa48("518", "519"), inner === (stryMutAct_9fa48("520") ? "" : (stryCov_9fa48("520"), '?')))))) || (stryMutAct_9fa48("522") ? inner !== '$' : stryMutAct_9fa48("521") ? false : (stryCov_9fa48("521", "522"), inner === (stryMutAct_9fa48("523") ? "" : (stryCov_9fa48("523"), '$')))))) {
                  if (stryMutAct_9fa48("524")) {
                    {}
                  } else {
                    stryCov_9fa48("524");
                    stryMutAct_9fa48("525") ? source -= escapeRegExp(inner) : (stryCov_9fa48("525"), source += escapeRegExp(inner));
                    continue;
                  }
                }
                const withDefault = (stryMutAct_9fa48("535") ? /^([^,]+?)\s*,\s*'([']*)'$/ : stryMutAct_9fa48("534") ? /^([^,]+?)\s*,\s*'([^'])'$/ : stryMutAct_9fa48("533") ? /^([^,]+?)\s*,\S*'([^']*)'$/ : stryMutAct_9fa48("532") ? /^([^,]+?)\s*,\s'([^']*)'$/ : stryMutAct_9fa48("531") ? /^([^,]+?)\S*,\s*'([^']*)'$/ : stryMutAct_9fa48("530") ? /^([^,]+?)\s,\s*'([^']*)'$/ : stryMutAct_9fa48("529") ? /^([,]+?)\s*,\s*'([^']*)'$/ : stryMutAct_9fa48("528") ? /^([^,])\s*,\s*'([^']*)'$/ : stryMutAct_9fa48("527") ? /^([^,]+?)\s*,\s*'([^']*)'/ : stryMutAct_9fa48("526") ? /([^,]+?)\s*,\s*'([^']*)'$/ : (stryCov_9fa48("526", "527", "528", "529", "530", "531", "532", "533", "534", "535"), /^([^,]+?)\s*,\s*'([^']*)'$/)).exec(inner);
                const key = stryMutAct_9fa48("536") ? withDefault?.[1] ?? inner : (stryCov_9fa48("536"), (stryMutAct_9fa48("537") ? withDefault?.[1] && inner : (stryCov_9fa48("537"), (stryMutAct_9fa48("538") ? withDefault[1] : (stryCov_9fa48("538"), withDefault?.[1])) ?? inner)).trim());
                const values = ctx.lookup(key);
                // Variables stand for single values; a multivalued key cannot be substituted.
                const value = (stryMutAct_9fa48("541") ? values || values.length === 1 : stryMutAct_9fa48("540") ? false : stryMutAct_9fa48("539") ? true : (stryCov_9fa48("539", "540", "541"), values && (stryMutAct_9fa48("543") ? values.length !== 1 : stryMutAct_9fa48("542") ? true : (stryCov_9fa48("542", "543"), values.length === 1)))) ? values[0] : stryMutAct_9fa48("544") ? withDefault[2] : (stryCov_9fa48("544"), withDefault?.[2]);
                if (stryMutAct_9fa48("547") ? value !== undefined : stryMutAct_9fa48("546") ? false : stryMutAct_9fa48("545") ? true : (stryCov_9fa48("545", "546", "547"), value === undefined)) return undefined;
                stryMutAct_9fa48("548") ? source -= escapeRegExp(value) : (stryCov_9fa48("548"), source += escapeRegExp(value));
                continue;
              }
            }
          }
        }
        if (stryMutAct_9fa48("551") ? wildcards || char === '*' : stryMutAct_9fa48("550") ? false : stryMutAct_9fa48("549") ? true : (stryCov_9fa48("549", "550", "551"), wildcards && (stryMutAct_9fa48("553") ? char !== '*' : stryMutAct_9fa48("552") ? true : (stryCov_9fa48("552", "553"), char === (stryMutAct_9fa48("554") ? "" : (stryCov_9fa48("554"), '*')))))) source += stryMutAct_9fa48("555") ? "" : (stryCov_9fa48("555"), '.*');else if (stryMutAct_9fa48("558") ? wildcards || char === '?' : stryMutAct_9fa48("557") ? false : stryMutAct_9fa48("556") ? true : (stryCov_9fa48("556", "557", "558"), wildcards && (stryMutAct_9fa48("560") ? char !== '?' : stryMutAct_9fa48("559") ? true : (stryCov_9fa48("559", "560"), char === (stryMutAct_9fa48("561") ? "" : (stryCov_9fa48("561"), '?')))))) source += stryMutAct_9fa48("562") ? "" : (stryCov_9fa48("562"), '.');else stryMutAct_9fa48("563") ? source -= escapeRegExp(char) : (stryCov_9fa48("563"), source += escapeRegExp(char));
        stryMutAct_9fa48("564") ? i -= 1 : (stryCov_9fa48("564"), i += 1);
      }
    }
    return new RegExp(stryMutAct_9fa48("565") ? `` : (stryCov_9fa48("565"), `^${source}$`), ignoreCase ? stryMutAct_9fa48("566") ? "" : (stryCov_9fa48("566"), 'isu') : stryMutAct_9fa48("567") ? "" : (stryCov_9fa48("567"), 'su'));
  }
}
function wildcardMatch(pattern: string, value: string, ignoreCase: boolean, ctx: MatchContext): boolean | undefined {
  if (stryMutAct_9fa48("568")) {
    {}
  } else {
    stryCov_9fa48("568");
    const regex = compilePattern(pattern, stryMutAct_9fa48("569") ? false : (stryCov_9fa48("569"), true), ignoreCase, ctx);
    return regex ? regex.test(value) : undefined;
  }
}

/** Splits an ARN (or ARN pattern) into its six colon-separated parts; colons inside ${…} do not count. */
function splitArn(text: string): string[] | undefined {
  if (stryMutAct_9fa48("570")) {
    {}
  } else {
    stryCov_9fa48("570");
    const parts: string[] = stryMutAct_9fa48("571") ? ["Stryker was here"] : (stryCov_9fa48("571"), []);
    let current = stryMutAct_9fa48("572") ? "Stryker was here!" : (stryCov_9fa48("572"), '');
    let depth = 0;
    for (const char of text) {
      if (stryMutAct_9fa48("573")) {
        {}
      } else {
        stryCov_9fa48("573");
        if (stryMutAct_9fa48("576") ? char === '{' || current.endsWith('$') : stryMutAct_9fa48("575") ? false : stryMutAct_9fa48("574") ? true : (stryCov_9fa48("574", "575", "576"), (stryMutAct_9fa48("578") ? char !== '{' : stryMutAct_9fa48("577") ? true : (stryCov_9fa48("577", "578"), char === (stryMutAct_9fa48("579") ? "" : (stryCov_9fa48("579"), '{')))) && (stryMutAct_9fa48("580") ? current.startsWith('$') : (stryCov_9fa48("580"), current.endsWith(stryMutAct_9fa48("581") ? "" : (stryCov_9fa48("581"), '$')))))) stryMutAct_9fa48("582") ? depth -= 1 : (stryCov_9fa48("582"), depth += 1);
        if (stryMutAct_9fa48("585") ? char === '}' || depth > 0 : stryMutAct_9fa48("584") ? false : stryMutAct_9fa48("583") ? true : (stryCov_9fa48("583", "584", "585"), (stryMutAct_9fa48("587") ? char !== '}' : stryMutAct_9fa48("586") ? true : (stryCov_9fa48("586", "587"), char === (stryMutAct_9fa48("588") ? "" : (stryCov_9fa48("588"), '}')))) && (stryMutAct_9fa48("591") ? depth <= 0 : stryMutAct_9fa48("590") ? depth >= 0 : stryMutAct_9fa48("589") ? true : (stryCov_9fa48("589", "590", "591"), depth > 0)))) stryMutAct_9fa48("592") ? depth += 1 : (stryCov_9fa48("592"), depth -= 1);
        if (stryMutAct_9fa48("595") ? char === ':' && depth === 0 || parts.length < 5 : stryMutAct_9fa48("594") ? false : stryMutAct_9fa48("593") ? true : (stryCov_9fa48("593", "594", "595"), (stryMutAct_9fa48("597") ? char === ':' || depth === 0 : stryMutAct_9fa48("596") ? true : (stryCov_9fa48("596", "597"), (stryMutAct_9fa48("599") ? char !== ':' : stryMutAct_9fa48("598") ? true : (stryCov_9fa48("598", "599"), char === (stryMutAct_9fa48("600") ? "" : (stryCov_9fa48("600"), ':')))) && (stryMutAct_9fa48("602") ? depth !== 0 : stryMutAct_9fa48("601") ? true : (stryCov_9fa48("601", "602"), depth === 0)))) && (stryMutAct_9fa48("605") ? parts.length >= 5 : stryMutAct_9fa48("604") ? parts.length <= 5 : stryMutAct_9fa48("603") ? true : (stryCov_9fa48("603", "604", "605"), parts.length < 5)))) {
          if (stryMutAct_9fa48("606")) {
            {}
          } else {
            stryCov_9fa48("606");
            parts.push(current);
            current = stryMutAct_9fa48("607") ? "Stryker was here!" : (stryCov_9fa48("607"), '');
            continue;
          }
        }
        stryMutAct_9fa48("608") ? current -= char : (stryCov_9fa48("608"), current += char);
      }
    }
    parts.push(current);
    return (stryMutAct_9fa48("611") ? parts.length === 6 || parts[0] === 'arn' : stryMutAct_9fa48("610") ? false : stryMutAct_9fa48("609") ? true : (stryCov_9fa48("609", "610", "611"), (stryMutAct_9fa48("613") ? parts.length !== 6 : stryMutAct_9fa48("612") ? true : (stryCov_9fa48("612", "613"), parts.length === 6)) && (stryMutAct_9fa48("615") ? parts[0] !== 'arn' : stryMutAct_9fa48("614") ? true : (stryCov_9fa48("614", "615"), parts[0] === (stryMutAct_9fa48("616") ? "" : (stryCov_9fa48("616"), 'arn')))))) ? parts : undefined;
  }
}

/**
 * ARN matching as in ArnLike and Resource: each of the six parts is matched on its own, so a wildcard
 * never spans a colon outside the resource part. A pattern that starts like an ARN but lacks parts
 * ("arn:aws:iam::*") matches nothing; other patterns ("*") match the whole value.
 */
function arnMatch(pattern: string, value: string, ctx: MatchContext): boolean | undefined {
  if (stryMutAct_9fa48("617")) {
    {}
  } else {
    stryCov_9fa48("617");
    const patternParts = splitArn(pattern);
    if (stryMutAct_9fa48("620") ? false : stryMutAct_9fa48("619") ? true : stryMutAct_9fa48("618") ? patternParts : (stryCov_9fa48("618", "619", "620"), !patternParts)) return (stryMutAct_9fa48("621") ? pattern.endsWith('arn:') : (stryCov_9fa48("621"), pattern.startsWith(stryMutAct_9fa48("622") ? "" : (stryCov_9fa48("622"), 'arn:')))) ? stryMutAct_9fa48("623") ? true : (stryCov_9fa48("623"), false) : wildcardMatch(pattern, value, stryMutAct_9fa48("624") ? true : (stryCov_9fa48("624"), false), ctx);
    const valueParts = splitArn(value);
    if (stryMutAct_9fa48("627") ? false : stryMutAct_9fa48("626") ? true : stryMutAct_9fa48("625") ? valueParts : (stryCov_9fa48("625", "626", "627"), !valueParts)) return stryMutAct_9fa48("628") ? true : (stryCov_9fa48("628"), false);
    let result: boolean | undefined = stryMutAct_9fa48("629") ? false : (stryCov_9fa48("629"), true);
    patternParts.forEach((part, index) => {
      if (stryMutAct_9fa48("630")) {
        {}
      } else {
        stryCov_9fa48("630");
        if (stryMutAct_9fa48("633") ? result !== false : stryMutAct_9fa48("632") ? false : stryMutAct_9fa48("631") ? true : (stryCov_9fa48("631", "632", "633"), result === (stryMutAct_9fa48("634") ? true : (stryCov_9fa48("634"), false)))) return;
        const segment = wildcardMatch(part, stryMutAct_9fa48("635") ? valueParts[index] && '' : (stryCov_9fa48("635"), valueParts[index] ?? (stryMutAct_9fa48("636") ? "Stryker was here!" : (stryCov_9fa48("636"), ''))), stryMutAct_9fa48("637") ? true : (stryCov_9fa48("637"), false), ctx);
        result = (stryMutAct_9fa48("640") ? segment !== undefined : stryMutAct_9fa48("639") ? false : stryMutAct_9fa48("638") ? true : (stryCov_9fa48("638", "639", "640"), segment === undefined)) ? undefined : stryMutAct_9fa48("643") ? result || segment : stryMutAct_9fa48("642") ? false : stryMutAct_9fa48("641") ? true : (stryCov_9fa48("641", "642", "643"), result && segment);
      }
    });
    return result;
  }
}

// ---------------------------------------------------------------------------------------------
// Condition operators

/** Compares one request value with one policy value; undefined when they cannot be compared (not a number, …). */
type Compare = (actual: string, expected: string, ctx: MatchContext) => boolean | undefined;
interface OperatorSpec {
  name: string;
  negated: boolean;
  compare: Compare;
  /** [affirmative, negative] verb phrases: 'equals' / 'does not equal'. */
  verbs: [string, string];
  /** What a policy value is called in reasons. */
  noun: 'value' | 'pattern' | 'range';
}
function parseNumber(text: string): number | undefined {
  if (stryMutAct_9fa48("644")) {
    {}
  } else {
    stryCov_9fa48("644");
    if (stryMutAct_9fa48("647") ? false : stryMutAct_9fa48("646") ? true : stryMutAct_9fa48("645") ? /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(text) : (stryCov_9fa48("645", "646", "647"), !(stryMutAct_9fa48("668") ? /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\S*$/ : stryMutAct_9fa48("667") ? /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s$/ : stryMutAct_9fa48("666") ? /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\D+)?\s*$/ : stryMutAct_9fa48("665") ? /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d)?\s*$/ : stryMutAct_9fa48("664") ? /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][^-+]?\d+)?\s*$/ : stryMutAct_9fa48("663") ? /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]\d+)?\s*$/ : stryMutAct_9fa48("662") ? /^\s*[-+]?(\d+\.?\d*|\.\d+)([^eE][-+]?\d+)?\s*$/ : stryMutAct_9fa48("661") ? /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)\s*$/ : stryMutAct_9fa48("660") ? /^\s*[-+]?(\d+\.?\d*|\.\D+)([eE][-+]?\d+)?\s*$/ : stryMutAct_9fa48("659") ? /^\s*[-+]?(\d+\.?\d*|\.\d)([eE][-+]?\d+)?\s*$/ : stryMutAct_9fa48("658") ? /^\s*[-+]?(\d+\.?\D*|\.\d+)([eE][-+]?\d+)?\s*$/ : stryMutAct_9fa48("657") ? /^\s*[-+]?(\d+\.?\d|\.\d+)([eE][-+]?\d+)?\s*$/ : stryMutAct_9fa48("656") ? /^\s*[-+]?(\d+\.\d*|\.\d+)([eE][-+]?\d+)?\s*$/ : stryMutAct_9fa48("655") ? /^\s*[-+]?(\D+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/ : stryMutAct_9fa48("654") ? /^\s*[-+]?(\d\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/ : stryMutAct_9fa48("653") ? /^\s*[^-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/ : stryMutAct_9fa48("652") ? /^\s*[-+](\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/ : stryMutAct_9fa48("651") ? /^\S*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/ : stryMutAct_9fa48("650") ? /^\s[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/ : stryMutAct_9fa48("649") ? /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*/ : stryMutAct_9fa48("648") ? /\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/ : (stryCov_9fa48("648", "649", "650", "651", "652", "653", "654", "655", "656", "657", "658", "659", "660", "661", "662", "663", "664", "665", "666", "667", "668"), /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/)).test(text))) return undefined;
    return Number(text);
  }
}
function parseDate(text: string): number | undefined {
  if (stryMutAct_9fa48("669")) {
    {}
  } else {
    stryCov_9fa48("669");
    // IAM accepts ISO 8601 dates and epoch seconds.
    if (stryMutAct_9fa48("671") ? false : stryMutAct_9fa48("670") ? true : (stryCov_9fa48("670", "671"), (stryMutAct_9fa48("675") ? /^\D+$/ : stryMutAct_9fa48("674") ? /^\d$/ : stryMutAct_9fa48("673") ? /^\d+/ : stryMutAct_9fa48("672") ? /\d+$/ : (stryCov_9fa48("672", "673", "674", "675"), /^\d+$/)).test(text))) return stryMutAct_9fa48("676") ? Number(text) / 1000 : (stryCov_9fa48("676"), Number(text) * 1000);
    const time = Date.parse(text);
    return Number.isNaN(time) ? undefined : time;
  }
}
function numeric(test: (a: number, b: number) => boolean): Compare {
  if (stryMutAct_9fa48("677")) {
    {}
  } else {
    stryCov_9fa48("677");
    return (actual, expected) => {
      if (stryMutAct_9fa48("678")) {
        {}
      } else {
        stryCov_9fa48("678");
        const a = parseNumber(actual);
        const b = parseNumber(expected);
        return (stryMutAct_9fa48("681") ? a === undefined && b === undefined : stryMutAct_9fa48("680") ? false : stryMutAct_9fa48("679") ? true : (stryCov_9fa48("679", "680", "681"), (stryMutAct_9fa48("683") ? a !== undefined : stryMutAct_9fa48("682") ? false : (stryCov_9fa48("682", "683"), a === undefined)) || (stryMutAct_9fa48("685") ? b !== undefined : stryMutAct_9fa48("684") ? false : (stryCov_9fa48("684", "685"), b === undefined)))) ? undefined : test(a, b);
      }
    };
  }
}
function dated(test: (a: number, b: number) => boolean): Compare {
  if (stryMutAct_9fa48("686")) {
    {}
  } else {
    stryCov_9fa48("686");
    return (actual, expected) => {
      if (stryMutAct_9fa48("687")) {
        {}
      } else {
        stryCov_9fa48("687");
        const a = parseDate(actual);
        const b = parseDate(expected);
        return (stryMutAct_9fa48("690") ? a === undefined && b === undefined : stryMutAct_9fa48("689") ? false : stryMutAct_9fa48("688") ? true : (stryCov_9fa48("688", "689", "690"), (stryMutAct_9fa48("692") ? a !== undefined : stryMutAct_9fa48("691") ? false : (stryCov_9fa48("691", "692"), a === undefined)) || (stryMutAct_9fa48("694") ? b !== undefined : stryMutAct_9fa48("693") ? false : (stryCov_9fa48("693", "694"), b === undefined)))) ? undefined : test(a, b);
      }
    };
  }
}
function parseIp(text: string): {
  bits: bigint;
  width: number;
} | undefined {
  if (stryMutAct_9fa48("695")) {
    {}
  } else {
    stryCov_9fa48("695");
    const v4 = (stryMutAct_9fa48("705") ? /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\D{1,3})$/ : stryMutAct_9fa48("704") ? /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d)$/ : stryMutAct_9fa48("703") ? /^(\d{1,3})\.(\d{1,3})\.(\D{1,3})\.(\d{1,3})$/ : stryMutAct_9fa48("702") ? /^(\d{1,3})\.(\d{1,3})\.(\d)\.(\d{1,3})$/ : stryMutAct_9fa48("701") ? /^(\d{1,3})\.(\D{1,3})\.(\d{1,3})\.(\d{1,3})$/ : stryMutAct_9fa48("700") ? /^(\d{1,3})\.(\d)\.(\d{1,3})\.(\d{1,3})$/ : stryMutAct_9fa48("699") ? /^(\D{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/ : stryMutAct_9fa48("698") ? /^(\d)\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/ : stryMutAct_9fa48("697") ? /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})/ : stryMutAct_9fa48("696") ? /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/ : (stryCov_9fa48("696", "697", "698", "699", "700", "701", "702", "703", "704", "705"), /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/)).exec(text);
    if (stryMutAct_9fa48("707") ? false : stryMutAct_9fa48("706") ? true : (stryCov_9fa48("706", "707"), v4)) {
      if (stryMutAct_9fa48("708")) {
        {}
      } else {
        stryCov_9fa48("708");
        const octets = stryMutAct_9fa48("709") ? v4.map(Number) : (stryCov_9fa48("709"), v4.slice(1).map(Number));
        if (stryMutAct_9fa48("712") ? octets.every(o => o > 255) : stryMutAct_9fa48("711") ? false : stryMutAct_9fa48("710") ? true : (stryCov_9fa48("710", "711", "712"), octets.some(stryMutAct_9fa48("713") ? () => undefined : (stryCov_9fa48("713"), o => stryMutAct_9fa48("717") ? o <= 255 : stryMutAct_9fa48("716") ? o >= 255 : stryMutAct_9fa48("715") ? false : stryMutAct_9fa48("714") ? true : (stryCov_9fa48("714", "715", "716", "717"), o > 255))))) return undefined;
        return stryMutAct_9fa48("718") ? {} : (stryCov_9fa48("718"), {
          bits: octets.reduce(stryMutAct_9fa48("719") ? () => undefined : (stryCov_9fa48("719"), (acc, o) => acc << 8n | BigInt(o)), 0n),
          width: 32
        });
      }
    }
    if (stryMutAct_9fa48("722") ? !/^[0-9a-fA-F:]+$/.test(text) && !text.includes(':') : stryMutAct_9fa48("721") ? false : stryMutAct_9fa48("720") ? true : (stryCov_9fa48("720", "721", "722"), (stryMutAct_9fa48("723") ? /^[0-9a-fA-F:]+$/.test(text) : (stryCov_9fa48("723"), !(stryMutAct_9fa48("727") ? /^[^0-9a-fA-F:]+$/ : stryMutAct_9fa48("726") ? /^[0-9a-fA-F:]$/ : stryMutAct_9fa48("725") ? /^[0-9a-fA-F:]+/ : stryMutAct_9fa48("724") ? /[0-9a-fA-F:]+$/ : (stryCov_9fa48("724", "725", "726", "727"), /^[0-9a-fA-F:]+$/)).test(text))) || (stryMutAct_9fa48("728") ? text.includes(':') : (stryCov_9fa48("728"), !text.includes(stryMutAct_9fa48("729") ? "" : (stryCov_9fa48("729"), ':')))))) return undefined;
    const halves = text.split(stryMutAct_9fa48("730") ? "" : (stryCov_9fa48("730"), '::'));
    if (stryMutAct_9fa48("734") ? halves.length <= 2 : stryMutAct_9fa48("733") ? halves.length >= 2 : stryMutAct_9fa48("732") ? false : stryMutAct_9fa48("731") ? true : (stryCov_9fa48("731", "732", "733", "734"), halves.length > 2)) return undefined;
    const head = halves[0] ? halves[0].split(stryMutAct_9fa48("735") ? "" : (stryCov_9fa48("735"), ':')) : stryMutAct_9fa48("736") ? ["Stryker was here"] : (stryCov_9fa48("736"), []);
    const tail = (stryMutAct_9fa48("739") ? halves.length === 2 || halves[1] : stryMutAct_9fa48("738") ? false : stryMutAct_9fa48("737") ? true : (stryCov_9fa48("737", "738", "739"), (stryMutAct_9fa48("741") ? halves.length !== 2 : stryMutAct_9fa48("740") ? true : (stryCov_9fa48("740", "741"), halves.length === 2)) && halves[1])) ? halves[1].split(stryMutAct_9fa48("742") ? "" : (stryCov_9fa48("742"), ':')) : stryMutAct_9fa48("743") ? ["Stryker was here"] : (stryCov_9fa48("743"), []);
    const missing = stryMutAct_9fa48("744") ? 8 - head.length + tail.length : (stryCov_9fa48("744"), (stryMutAct_9fa48("745") ? 8 + head.length : (stryCov_9fa48("745"), 8 - head.length)) - tail.length);
    if (stryMutAct_9fa48("747") ? false : stryMutAct_9fa48("746") ? true : (stryCov_9fa48("746", "747"), (stryMutAct_9fa48("750") ? halves.length !== 1 : stryMutAct_9fa48("749") ? false : stryMutAct_9fa48("748") ? true : (stryCov_9fa48("748", "749", "750"), halves.length === 1)) ? stryMutAct_9fa48("753") ? missing === 0 : stryMutAct_9fa48("752") ? false : stryMutAct_9fa48("751") ? true : (stryCov_9fa48("751", "752", "753"), missing !== 0) : stryMutAct_9fa48("757") ? missing >= 1 : stryMutAct_9fa48("756") ? missing <= 1 : stryMutAct_9fa48("755") ? false : stryMutAct_9fa48("754") ? true : (stryCov_9fa48("754", "755", "756", "757"), missing < 1))) return undefined;
    const groups = stryMutAct_9fa48("758") ? [] : (stryCov_9fa48("758"), [...head, ...(stryMutAct_9fa48("759") ? Array().fill('0') : (stryCov_9fa48("759"), Array<string>((stryMutAct_9fa48("762") ? halves.length !== 2 : stryMutAct_9fa48("761") ? false : stryMutAct_9fa48("760") ? true : (stryCov_9fa48("760", "761", "762"), halves.length === 2)) ? missing : 0).fill(stryMutAct_9fa48("763") ? "" : (stryCov_9fa48("763"), '0')))), ...tail]);
    if (stryMutAct_9fa48("766") ? groups.every(g => g.length === 0 || g.length > 4) : stryMutAct_9fa48("765") ? false : stryMutAct_9fa48("764") ? true : (stryCov_9fa48("764", "765", "766"), groups.some(stryMutAct_9fa48("767") ? () => undefined : (stryCov_9fa48("767"), g => stryMutAct_9fa48("770") ? g.length === 0 && g.length > 4 : stryMutAct_9fa48("769") ? false : stryMutAct_9fa48("768") ? true : (stryCov_9fa48("768", "769", "770"), (stryMutAct_9fa48("772") ? g.length !== 0 : stryMutAct_9fa48("771") ? false : (stryCov_9fa48("771", "772"), g.length === 0)) || (stryMutAct_9fa48("775") ? g.length <= 4 : stryMutAct_9fa48("774") ? g.length >= 4 : stryMutAct_9fa48("773") ? false : (stryCov_9fa48("773", "774", "775"), g.length > 4))))))) return undefined;
    return stryMutAct_9fa48("776") ? {} : (stryCov_9fa48("776"), {
      bits: groups.reduce(stryMutAct_9fa48("777") ? () => undefined : (stryCov_9fa48("777"), (acc, g) => acc << 16n | BigInt(parseInt(g, 16))), 0n),
      width: 128
    });
  }
}
const ipInRange: Compare = (actual, expected) => {
  if (stryMutAct_9fa48("778")) {
    {}
  } else {
    stryCov_9fa48("778");
    const [base = stryMutAct_9fa48("779") ? "Stryker was here!" : (stryCov_9fa48("779"), ''), prefixText] = expected.split(stryMutAct_9fa48("780") ? "" : (stryCov_9fa48("780"), '/'));
    const address = parseIp(stryMutAct_9fa48("781") ? actual : (stryCov_9fa48("781"), actual.trim()));
    const network = parseIp(stryMutAct_9fa48("782") ? base : (stryCov_9fa48("782"), base.trim()));
    if (stryMutAct_9fa48("785") ? !address && !network : stryMutAct_9fa48("784") ? false : stryMutAct_9fa48("783") ? true : (stryCov_9fa48("783", "784", "785"), (stryMutAct_9fa48("786") ? address : (stryCov_9fa48("786"), !address)) || (stryMutAct_9fa48("787") ? network : (stryCov_9fa48("787"), !network)))) return undefined;
    if (stryMutAct_9fa48("790") ? address.width === network.width : stryMutAct_9fa48("789") ? false : stryMutAct_9fa48("788") ? true : (stryCov_9fa48("788", "789", "790"), address.width !== network.width)) return stryMutAct_9fa48("791") ? true : (stryCov_9fa48("791"), false);
    const prefix = (stryMutAct_9fa48("794") ? prefixText !== undefined : stryMutAct_9fa48("793") ? false : stryMutAct_9fa48("792") ? true : (stryCov_9fa48("792", "793", "794"), prefixText === undefined)) ? network.width : Number(prefixText);
    if (stryMutAct_9fa48("797") ? (!Number.isInteger(prefix) || prefix < 0) && prefix > network.width : stryMutAct_9fa48("796") ? false : stryMutAct_9fa48("795") ? true : (stryCov_9fa48("795", "796", "797"), (stryMutAct_9fa48("799") ? !Number.isInteger(prefix) && prefix < 0 : stryMutAct_9fa48("798") ? false : (stryCov_9fa48("798", "799"), (stryMutAct_9fa48("800") ? Number.isInteger(prefix) : (stryCov_9fa48("800"), !Number.isInteger(prefix))) || (stryMutAct_9fa48("803") ? prefix >= 0 : stryMutAct_9fa48("802") ? prefix <= 0 : stryMutAct_9fa48("801") ? false : (stryCov_9fa48("801", "802", "803"), prefix < 0)))) || (stryMutAct_9fa48("806") ? prefix <= network.width : stryMutAct_9fa48("805") ? prefix >= network.width : stryMutAct_9fa48("804") ? false : (stryCov_9fa48("804", "805", "806"), prefix > network.width)))) return undefined;
    const shift = BigInt(stryMutAct_9fa48("807") ? network.width + prefix : (stryCov_9fa48("807"), network.width - prefix));
    return stryMutAct_9fa48("810") ? address.bits >> shift !== network.bits >> shift : stryMutAct_9fa48("809") ? false : stryMutAct_9fa48("808") ? true : (stryCov_9fa48("808", "809", "810"), address.bits >> shift === network.bits >> shift);
  }
};
const stringEquals: Compare = stryMutAct_9fa48("811") ? () => undefined : (stryCov_9fa48("811"), (() => {
  const stringEquals: Compare = (actual, expected, ctx) => stryMutAct_9fa48("812") ? compilePattern(expected, false, false, ctx).test(actual) : (stryCov_9fa48("812"), compilePattern(expected, stryMutAct_9fa48("813") ? true : (stryCov_9fa48("813"), false), stryMutAct_9fa48("814") ? true : (stryCov_9fa48("814"), false), ctx)?.test(actual));
  return stringEquals;
})());
const stringEqualsIgnoreCase: Compare = stryMutAct_9fa48("815") ? () => undefined : (stryCov_9fa48("815"), (() => {
  const stringEqualsIgnoreCase: Compare = (actual, expected, ctx) => stryMutAct_9fa48("816") ? compilePattern(expected, false, true, ctx).test(actual) : (stryCov_9fa48("816"), compilePattern(expected, stryMutAct_9fa48("817") ? true : (stryCov_9fa48("817"), false), stryMutAct_9fa48("818") ? false : (stryCov_9fa48("818"), true), ctx)?.test(actual));
  return stringEqualsIgnoreCase;
})());
const stringLike: Compare = stryMutAct_9fa48("819") ? () => undefined : (stryCov_9fa48("819"), (() => {
  const stringLike: Compare = (actual, expected, ctx) => wildcardMatch(expected, actual, stryMutAct_9fa48("820") ? true : (stryCov_9fa48("820"), false), ctx);
  return stringLike;
})());
const arnLike: Compare = stryMutAct_9fa48("821") ? () => undefined : (stryCov_9fa48("821"), (() => {
  const arnLike: Compare = (actual, expected, ctx) => arnMatch(expected, actual, ctx);
  return arnLike;
})());
const boolEquals: Compare = (actual, expected) => {
  if (stryMutAct_9fa48("822")) {
    {}
  } else {
    stryCov_9fa48("822");
    const want = stryMutAct_9fa48("823") ? expected.toUpperCase() : (stryCov_9fa48("823"), expected.toLowerCase());
    if (stryMutAct_9fa48("826") ? want !== 'true' || want !== 'false' : stryMutAct_9fa48("825") ? false : stryMutAct_9fa48("824") ? true : (stryCov_9fa48("824", "825", "826"), (stryMutAct_9fa48("828") ? want === 'true' : stryMutAct_9fa48("827") ? true : (stryCov_9fa48("827", "828"), want !== (stryMutAct_9fa48("829") ? "" : (stryCov_9fa48("829"), 'true')))) && (stryMutAct_9fa48("831") ? want === 'false' : stryMutAct_9fa48("830") ? true : (stryCov_9fa48("830", "831"), want !== (stryMutAct_9fa48("832") ? "" : (stryCov_9fa48("832"), 'false')))))) return undefined;
    return stryMutAct_9fa48("835") ? actual.toLowerCase() !== want : stryMutAct_9fa48("834") ? false : stryMutAct_9fa48("833") ? true : (stryCov_9fa48("833", "834", "835"), (stryMutAct_9fa48("836") ? actual.toUpperCase() : (stryCov_9fa48("836"), actual.toLowerCase())) === want);
  }
};
const binaryEquals: Compare = stryMutAct_9fa48("837") ? () => undefined : (stryCov_9fa48("837"), (() => {
  const binaryEquals: Compare = (actual, expected) => stryMutAct_9fa48("840") ? actual !== expected : stryMutAct_9fa48("839") ? false : stryMutAct_9fa48("838") ? true : (stryCov_9fa48("838", "839", "840"), actual === expected);
  return binaryEquals;
})());
function spec(name: string, negated: boolean, compare: Compare, verbs: [string, string], noun: OperatorSpec['noun'] = stryMutAct_9fa48("841") ? "" : (stryCov_9fa48("841"), 'value')): OperatorSpec {
  if (stryMutAct_9fa48("842")) {
    {}
  } else {
    stryCov_9fa48("842");
    return stryMutAct_9fa48("843") ? {} : (stryCov_9fa48("843"), {
      name,
      negated,
      compare,
      verbs,
      noun
    });
  }
}
const EQUALS: [string, string] = stryMutAct_9fa48("844") ? [] : (stryCov_9fa48("844"), [stryMutAct_9fa48("845") ? "" : (stryCov_9fa48("845"), 'equals'), stryMutAct_9fa48("846") ? "" : (stryCov_9fa48("846"), 'does not equal')]);
const EQUALS_IC: [string, string] = stryMutAct_9fa48("847") ? [] : (stryCov_9fa48("847"), [stryMutAct_9fa48("848") ? "" : (stryCov_9fa48("848"), 'equals (ignoring case)'), stryMutAct_9fa48("849") ? "" : (stryCov_9fa48("849"), 'does not equal (ignoring case)')]);
const MATCHES: [string, string] = stryMutAct_9fa48("850") ? [] : (stryCov_9fa48("850"), [stryMutAct_9fa48("851") ? "" : (stryCov_9fa48("851"), 'matches'), stryMutAct_9fa48("852") ? "" : (stryCov_9fa48("852"), 'does not match')]);
const OPERATORS: Record<string, OperatorSpec> = Object.fromEntries((stryMutAct_9fa48("853") ? [] : (stryCov_9fa48("853"), [spec(stryMutAct_9fa48("854") ? "" : (stryCov_9fa48("854"), 'StringEquals'), stryMutAct_9fa48("855") ? true : (stryCov_9fa48("855"), false), stringEquals, EQUALS), spec(stryMutAct_9fa48("856") ? "" : (stryCov_9fa48("856"), 'StringNotEquals'), stryMutAct_9fa48("857") ? false : (stryCov_9fa48("857"), true), stringEquals, EQUALS), spec(stryMutAct_9fa48("858") ? "" : (stryCov_9fa48("858"), 'StringEqualsIgnoreCase'), stryMutAct_9fa48("859") ? true : (stryCov_9fa48("859"), false), stringEqualsIgnoreCase, EQUALS_IC), spec(stryMutAct_9fa48("860") ? "" : (stryCov_9fa48("860"), 'StringNotEqualsIgnoreCase'), stryMutAct_9fa48("861") ? false : (stryCov_9fa48("861"), true), stringEqualsIgnoreCase, EQUALS_IC), spec(stryMutAct_9fa48("862") ? "" : (stryCov_9fa48("862"), 'StringLike'), stryMutAct_9fa48("863") ? true : (stryCov_9fa48("863"), false), stringLike, MATCHES, stryMutAct_9fa48("864") ? "" : (stryCov_9fa48("864"), 'pattern')), spec(stryMutAct_9fa48("865") ? "" : (stryCov_9fa48("865"), 'StringNotLike'), stryMutAct_9fa48("866") ? false : (stryCov_9fa48("866"), true), stringLike, MATCHES, stryMutAct_9fa48("867") ? "" : (stryCov_9fa48("867"), 'pattern')),
// ArnEquals and ArnLike behave the same in IAM: both match part by part with wildcards.
spec(stryMutAct_9fa48("868") ? "" : (stryCov_9fa48("868"), 'ArnEquals'), stryMutAct_9fa48("869") ? true : (stryCov_9fa48("869"), false), arnLike, MATCHES, stryMutAct_9fa48("870") ? "" : (stryCov_9fa48("870"), 'pattern')), spec(stryMutAct_9fa48("871") ? "" : (stryCov_9fa48("871"), 'ArnLike'), stryMutAct_9fa48("872") ? true : (stryCov_9fa48("872"), false), arnLike, MATCHES, stryMutAct_9fa48("873") ? "" : (stryCov_9fa48("873"), 'pattern')), spec(stryMutAct_9fa48("874") ? "" : (stryCov_9fa48("874"), 'ArnNotEquals'), stryMutAct_9fa48("875") ? false : (stryCov_9fa48("875"), true), arnLike, MATCHES, stryMutAct_9fa48("876") ? "" : (stryCov_9fa48("876"), 'pattern')), spec(stryMutAct_9fa48("877") ? "" : (stryCov_9fa48("877"), 'ArnNotLike'), stryMutAct_9fa48("878") ? false : (stryCov_9fa48("878"), true), arnLike, MATCHES, stryMutAct_9fa48("879") ? "" : (stryCov_9fa48("879"), 'pattern')), spec(stryMutAct_9fa48("880") ? "" : (stryCov_9fa48("880"), 'NumericEquals'), stryMutAct_9fa48("881") ? true : (stryCov_9fa48("881"), false), numeric(stryMutAct_9fa48("882") ? () => undefined : (stryCov_9fa48("882"), (a, b) => stryMutAct_9fa48("885") ? a !== b : stryMutAct_9fa48("884") ? false : stryMutAct_9fa48("883") ? true : (stryCov_9fa48("883", "884", "885"), a === b))), EQUALS), spec(stryMutAct_9fa48("886") ? "" : (stryCov_9fa48("886"), 'NumericNotEquals'), stryMutAct_9fa48("887") ? false : (stryCov_9fa48("887"), true), numeric(stryMutAct_9fa48("888") ? () => undefined : (stryCov_9fa48("888"), (a, b) => stryMutAct_9fa48("891") ? a !== b : stryMutAct_9fa48("890") ? false : stryMutAct_9fa48("889") ? true : (stryCov_9fa48("889", "890", "891"), a === b))), EQUALS), spec(stryMutAct_9fa48("892") ? "" : (stryCov_9fa48("892"), 'NumericLessThan'), stryMutAct_9fa48("893") ? true : (stryCov_9fa48("893"), false), numeric(stryMutAct_9fa48("894") ? () => undefined : (stryCov_9fa48("894"), (a, b) => stryMutAct_9fa48("898") ? a >= b : stryMutAct_9fa48("897") ? a <= b : stryMutAct_9fa48("896") ? false : stryMutAct_9fa48("895") ? true : (stryCov_9fa48("895", "896", "897", "898"), a < b))), stryMutAct_9fa48("899") ? [] : (stryCov_9fa48("899"), [stryMutAct_9fa48("900") ? "" : (stryCov_9fa48("900"), 'is less than'), stryMutAct_9fa48("901") ? "" : (stryCov_9fa48("901"), 'is not less than')])), spec(stryMutAct_9fa48("902") ? "" : (stryCov_9fa48("902"), 'NumericLessThanEquals'), stryMutAct_9fa48("903") ? true : (stryCov_9fa48("903"), false), numeric(stryMutAct_9fa48("904") ? () => undefined : (stryCov_9fa48("904"), (a, b) => stryMutAct_9fa48("908") ? a > b : stryMutAct_9fa48("907") ? a < b : stryMutAct_9fa48("906") ? false : stryMutAct_9fa48("905") ? true : (stryCov_9fa48("905", "906", "907", "908"), a <= b))), stryMutAct_9fa48("909") ? [] : (stryCov_9fa48("909"), [stryMutAct_9fa48("910") ? "" : (stryCov_9fa48("910"), 'is at most'), stryMutAct_9fa48("911") ? "" : (stryCov_9fa48("911"), 'is not at most')])), spec(stryMutAct_9fa48("912") ? "" : (stryCov_9fa48("912"), 'NumericGreaterThan'), stryMutAct_9fa48("913") ? true : (stryCov_9fa48("913"), false), numeric(stryMutAct_9fa48("914") ? () => undefined : (stryCov_9fa48("914"), (a, b) => stryMutAct_9fa48("918") ? a <= b : stryMutAct_9fa48("917") ? a >= b : stryMutAct_9fa48("916") ? false : stryMutAct_9fa48("915") ? true : (stryCov_9fa48("915", "916", "917", "918"), a > b))), stryMutAct_9fa48("919") ? [] : (stryCov_9fa48("919"), [stryMutAct_9fa48("920") ? "" : (stryCov_9fa48("920"), 'is greater than'), stryMutAct_9fa48("921") ? "" : (stryCov_9fa48("921"), 'is not greater than')])), spec(stryMutAct_9fa48("922") ? "" : (stryCov_9fa48("922"), 'NumericGreaterThanEquals'), stryMutAct_9fa48("923") ? true : (stryCov_9fa48("923"), false), numeric(stryMutAct_9fa48("924") ? () => undefined : (stryCov_9fa48("924"), (a, b) => stryMutAct_9fa48("928") ? a < b : stryMutAct_9fa48("927") ? a > b : stryMutAct_9fa48("926") ? false : stryMutAct_9fa48("925") ? true : (stryCov_9fa48("925", "926", "927", "928"), a >= b))), stryMutAct_9fa48("929") ? [] : (stryCov_9fa48("929"), [stryMutAct_9fa48("930") ? "" : (stryCov_9fa48("930"), 'is at least'), stryMutAct_9fa48("931") ? "" : (stryCov_9fa48("931"), 'is not at least')])), spec(stryMutAct_9fa48("932") ? "" : (stryCov_9fa48("932"), 'DateEquals'), stryMutAct_9fa48("933") ? true : (stryCov_9fa48("933"), false), dated(stryMutAct_9fa48("934") ? () => undefined : (stryCov_9fa48("934"), (a, b) => stryMutAct_9fa48("937") ? a !== b : stryMutAct_9fa48("936") ? false : stryMutAct_9fa48("935") ? true : (stryCov_9fa48("935", "936", "937"), a === b))), EQUALS), spec(stryMutAct_9fa48("938") ? "" : (stryCov_9fa48("938"), 'DateNotEquals'), stryMutAct_9fa48("939") ? false : (stryCov_9fa48("939"), true), dated(stryMutAct_9fa48("940") ? () => undefined : (stryCov_9fa48("940"), (a, b) => stryMutAct_9fa48("943") ? a !== b : stryMutAct_9fa48("942") ? false : stryMutAct_9fa48("941") ? true : (stryCov_9fa48("941", "942", "943"), a === b))), EQUALS), spec(stryMutAct_9fa48("944") ? "" : (stryCov_9fa48("944"), 'DateLessThan'), stryMutAct_9fa48("945") ? true : (stryCov_9fa48("945"), false), dated(stryMutAct_9fa48("946") ? () => undefined : (stryCov_9fa48("946"), (a, b) => stryMutAct_9fa48("950") ? a >= b : stryMutAct_9fa48("949") ? a <= b : stryMutAct_9fa48("948") ? false : stryMutAct_9fa48("947") ? true : (stryCov_9fa48("947", "948", "949", "950"), a < b))), stryMutAct_9fa48("951") ? [] : (stryCov_9fa48("951"), [stryMutAct_9fa48("952") ? "" : (stryCov_9fa48("952"), 'is before'), stryMutAct_9fa48("953") ? "" : (stryCov_9fa48("953"), 'is not before')])), spec(stryMutAct_9fa48("954") ? "" : (stryCov_9fa48("954"), 'DateLessThanEquals'), stryMutAct_9fa48("955") ? true : (stryCov_9fa48("955"), false), dated(stryMutAct_9fa48("956") ? () => undefined : (stryCov_9fa48("956"), (a, b) => stryMutAct_9fa48("960") ? a > b : stryMutAct_9fa48("959") ? a < b : stryMutAct_9fa48("958") ? false : stryMutAct_9fa48("957") ? true : (stryCov_9fa48("957", "958", "959", "960"), a <= b))), stryMutAct_9fa48("961") ? [] : (stryCov_9fa48("961"), [stryMutAct_9fa48("962") ? "" : (stryCov_9fa48("962"), 'is at or before'), stryMutAct_9fa48("963") ? "" : (stryCov_9fa48("963"), 'is not at or before')])), spec(stryMutAct_9fa48("964") ? "" : (stryCov_9fa48("964"), 'DateGreaterThan'), stryMutAct_9fa48("965") ? true : (stryCov_9fa48("965"), false), dated(stryMutAct_9fa48("966") ? () => undefined : (stryCov_9fa48("966"), (a, b) => stryMutAct_9fa48("970") ? a <= b : stryMutAct_9fa48("969") ? a >= b : stryMutAct_9fa48("968") ? false : stryMutAct_9fa48("967") ? true : (stryCov_9fa48("967", "968", "969", "970"), a > b))), stryMutAct_9fa48("971") ? [] : (stryCov_9fa48("971"), [stryMutAct_9fa48("972") ? "" : (stryCov_9fa48("972"), 'is after'), stryMutAct_9fa48("973") ? "" : (stryCov_9fa48("973"), 'is not after')])), spec(stryMutAct_9fa48("974") ? "" : (stryCov_9fa48("974"), 'DateGreaterThanEquals'), stryMutAct_9fa48("975") ? true : (stryCov_9fa48("975"), false), dated(stryMutAct_9fa48("976") ? () => undefined : (stryCov_9fa48("976"), (a, b) => stryMutAct_9fa48("980") ? a < b : stryMutAct_9fa48("979") ? a > b : stryMutAct_9fa48("978") ? false : stryMutAct_9fa48("977") ? true : (stryCov_9fa48("977", "978", "979", "980"), a >= b))), stryMutAct_9fa48("981") ? [] : (stryCov_9fa48("981"), [stryMutAct_9fa48("982") ? "" : (stryCov_9fa48("982"), 'is at or after'), stryMutAct_9fa48("983") ? "" : (stryCov_9fa48("983"), 'is not at or after')])), spec(stryMutAct_9fa48("984") ? "" : (stryCov_9fa48("984"), 'Bool'), stryMutAct_9fa48("985") ? true : (stryCov_9fa48("985"), false), boolEquals, EQUALS), spec(stryMutAct_9fa48("986") ? "" : (stryCov_9fa48("986"), 'BinaryEquals'), stryMutAct_9fa48("987") ? true : (stryCov_9fa48("987"), false), binaryEquals, EQUALS), spec(stryMutAct_9fa48("988") ? "" : (stryCov_9fa48("988"), 'IpAddress'), stryMutAct_9fa48("989") ? true : (stryCov_9fa48("989"), false), ipInRange, stryMutAct_9fa48("990") ? [] : (stryCov_9fa48("990"), [stryMutAct_9fa48("991") ? "" : (stryCov_9fa48("991"), 'is in'), stryMutAct_9fa48("992") ? "" : (stryCov_9fa48("992"), 'is not in')]), stryMutAct_9fa48("993") ? "" : (stryCov_9fa48("993"), 'range')), spec(stryMutAct_9fa48("994") ? "" : (stryCov_9fa48("994"), 'NotIpAddress'), stryMutAct_9fa48("995") ? false : (stryCov_9fa48("995"), true), ipInRange, stryMutAct_9fa48("996") ? [] : (stryCov_9fa48("996"), [stryMutAct_9fa48("997") ? "" : (stryCov_9fa48("997"), 'is in'), stryMutAct_9fa48("998") ? "" : (stryCov_9fa48("998"), 'is not in')]), stryMutAct_9fa48("999") ? "" : (stryCov_9fa48("999"), 'range'))])).map(stryMutAct_9fa48("1000") ? () => undefined : (stryCov_9fa48("1000"), s => stryMutAct_9fa48("1001") ? [] : (stryCov_9fa48("1001"), [stryMutAct_9fa48("1002") ? s.name.toUpperCase() : (stryCov_9fa48("1002"), s.name.toLowerCase()), s]))));
type SetOperator = 'ForAnyValue' | 'ForAllValues';
interface ParsedCondition {
  /** As written, e.g. 'ForAllValues:StringLikeIfExists'. */
  operator: string;
  key: string;
  values: string[];
  /** undefined for Null, which tests presence only. */
  spec?: OperatorSpec;
  setOperator?: SetOperator;
  ifExists: boolean;
}

// ---------------------------------------------------------------------------------------------
// Parsing and validating documents

interface ParsedStatement {
  index: number;
  label: string;
  sid?: string;
  effect: 'Allow' | 'Deny';
  principal?: PrincipalBlock;
  notPrincipal?: PrincipalBlock;
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  conditions: ParsedCondition[];
}
interface ParsedPolicy {
  variables: boolean;
  statements: ParsedStatement[];
}
const STATEMENT_KEYS = new Set(stryMutAct_9fa48("1003") ? [] : (stryCov_9fa48("1003"), [stryMutAct_9fa48("1004") ? "" : (stryCov_9fa48("1004"), 'Sid'), stryMutAct_9fa48("1005") ? "" : (stryCov_9fa48("1005"), 'Effect'), stryMutAct_9fa48("1006") ? "" : (stryCov_9fa48("1006"), 'Principal'), stryMutAct_9fa48("1007") ? "" : (stryCov_9fa48("1007"), 'NotPrincipal'), stryMutAct_9fa48("1008") ? "" : (stryCov_9fa48("1008"), 'Action'), stryMutAct_9fa48("1009") ? "" : (stryCov_9fa48("1009"), 'NotAction'), stryMutAct_9fa48("1010") ? "" : (stryCov_9fa48("1010"), 'Resource'), stryMutAct_9fa48("1011") ? "" : (stryCov_9fa48("1011"), 'NotResource'), stryMutAct_9fa48("1012") ? "" : (stryCov_9fa48("1012"), 'Condition')]));
const PRINCIPAL_KINDS: ReadonlySet<PolicyKind> = new Set(stryMutAct_9fa48("1013") ? [] : (stryCov_9fa48("1013"), [stryMutAct_9fa48("1014") ? "" : (stryCov_9fa48("1014"), 'trust'), stryMutAct_9fa48("1015") ? "" : (stryCov_9fa48("1015"), 'rcp')]));
function typeName(value: unknown): string {
  if (stryMutAct_9fa48("1016")) {
    {}
  } else {
    stryCov_9fa48("1016");
    if (stryMutAct_9fa48("1019") ? value !== null : stryMutAct_9fa48("1018") ? false : stryMutAct_9fa48("1017") ? true : (stryCov_9fa48("1017", "1018", "1019"), value === null)) return stryMutAct_9fa48("1020") ? "" : (stryCov_9fa48("1020"), 'null');
    if (stryMutAct_9fa48("1022") ? false : stryMutAct_9fa48("1021") ? true : (stryCov_9fa48("1021", "1022"), Array.isArray(value))) return stryMutAct_9fa48("1023") ? "" : (stryCov_9fa48("1023"), 'array');
    return typeof value;
  }
}
function isObject(value: unknown): value is Record<string, unknown> {
  if (stryMutAct_9fa48("1024")) {
    {}
  } else {
    stryCov_9fa48("1024");
    return stryMutAct_9fa48("1027") ? typeof value === 'object' && value !== null || !Array.isArray(value) : stryMutAct_9fa48("1026") ? false : stryMutAct_9fa48("1025") ? true : (stryCov_9fa48("1025", "1026", "1027"), (stryMutAct_9fa48("1029") ? typeof value === 'object' || value !== null : stryMutAct_9fa48("1028") ? true : (stryCov_9fa48("1028", "1029"), (stryMutAct_9fa48("1031") ? typeof value !== 'object' : stryMutAct_9fa48("1030") ? true : (stryCov_9fa48("1030", "1031"), typeof value === (stryMutAct_9fa48("1032") ? "" : (stryCov_9fa48("1032"), 'object')))) && (stryMutAct_9fa48("1034") ? value === null : stryMutAct_9fa48("1033") ? true : (stryCov_9fa48("1033", "1034"), value !== null)))) && (stryMutAct_9fa48("1035") ? Array.isArray(value) : (stryCov_9fa48("1035"), !Array.isArray(value))));
  }
}
function fail(path: string, message: string): never {
  if (stryMutAct_9fa48("1036")) {
    {}
  } else {
    stryCov_9fa48("1036");
    throw new PolicyDocumentError(path ? stryMutAct_9fa48("1037") ? `` : (stryCov_9fa48("1037"), `${path}: ${message}`) : message);
  }
}

/** A policy document as an object: parsed from JSON (or IAM's URL-encoded JSON) when given as a string. */
export function readPolicyDocument(document: unknown, path = stryMutAct_9fa48("1038") ? "Stryker was here!" : (stryCov_9fa48("1038"), '')): Record<string, unknown> {
  if (stryMutAct_9fa48("1039")) {
    {}
  } else {
    stryCov_9fa48("1039");
    let value = document;
    if (stryMutAct_9fa48("1042") ? typeof document !== 'string' : stryMutAct_9fa48("1041") ? false : stryMutAct_9fa48("1040") ? true : (stryCov_9fa48("1040", "1041", "1042"), typeof document === (stryMutAct_9fa48("1043") ? "" : (stryCov_9fa48("1043"), 'string')))) {
      if (stryMutAct_9fa48("1044")) {
        {}
      } else {
        stryCov_9fa48("1044");
        try {
          if (stryMutAct_9fa48("1045")) {
            {}
          } else {
            stryCov_9fa48("1045");
            value = parsePolicyDocument(document);
          }
        } catch (error) {
          if (stryMutAct_9fa48("1046")) {
            {}
          } else {
            stryCov_9fa48("1046");
            fail(path, stryMutAct_9fa48("1047") ? `` : (stryCov_9fa48("1047"), `policy document is not valid JSON (${(error as Error).message})`));
          }
        }
      }
    }
    if (stryMutAct_9fa48("1050") ? false : stryMutAct_9fa48("1049") ? true : stryMutAct_9fa48("1048") ? isObject(value) : (stryCov_9fa48("1048", "1049", "1050"), !isObject(value))) fail(path, stryMutAct_9fa48("1051") ? `` : (stryCov_9fa48("1051"), `policy document must be a JSON object, got ${typeName(value)}`));
    return value;
  }
}
function stringList(value: unknown, path: string, what: string): string[] {
  if (stryMutAct_9fa48("1052")) {
    {}
  } else {
    stryCov_9fa48("1052");
    const list = Array.isArray(value) ? value : stryMutAct_9fa48("1053") ? [] : (stryCov_9fa48("1053"), [value]);
    if (stryMutAct_9fa48("1056") ? list.length !== 0 : stryMutAct_9fa48("1055") ? false : stryMutAct_9fa48("1054") ? true : (stryCov_9fa48("1054", "1055", "1056"), list.length === 0)) fail(path, stryMutAct_9fa48("1057") ? `` : (stryCov_9fa48("1057"), `must list at least one ${what}`));
    list.forEach((item, i) => {
      if (stryMutAct_9fa48("1058")) {
        {}
      } else {
        stryCov_9fa48("1058");
        if (stryMutAct_9fa48("1061") ? typeof item === 'string' : stryMutAct_9fa48("1060") ? false : stryMutAct_9fa48("1059") ? true : (stryCov_9fa48("1059", "1060", "1061"), typeof item !== (stryMutAct_9fa48("1062") ? "" : (stryCov_9fa48("1062"), 'string')))) fail(Array.isArray(value) ? stryMutAct_9fa48("1063") ? `` : (stryCov_9fa48("1063"), `${path}[${i}]`) : path, stryMutAct_9fa48("1064") ? `` : (stryCov_9fa48("1064"), `${what}s must be strings, got ${typeName(item)}`));
        if (stryMutAct_9fa48("1067") ? item.length !== 0 : stryMutAct_9fa48("1066") ? false : stryMutAct_9fa48("1065") ? true : (stryCov_9fa48("1065", "1066", "1067"), item.length === 0)) fail(Array.isArray(value) ? stryMutAct_9fa48("1068") ? `` : (stryCov_9fa48("1068"), `${path}[${i}]`) : path, stryMutAct_9fa48("1069") ? `` : (stryCov_9fa48("1069"), `${what} must not be empty`));
      }
    });
    return list as string[];
  }
}
function parsePrincipal(value: unknown, path: string): PrincipalBlock {
  if (stryMutAct_9fa48("1070")) {
    {}
  } else {
    stryCov_9fa48("1070");
    if (stryMutAct_9fa48("1073") ? value !== '*' : stryMutAct_9fa48("1072") ? false : stryMutAct_9fa48("1071") ? true : (stryCov_9fa48("1071", "1072", "1073"), value === (stryMutAct_9fa48("1074") ? "" : (stryCov_9fa48("1074"), '*')))) return stryMutAct_9fa48("1075") ? "" : (stryCov_9fa48("1075"), '*');
    if (stryMutAct_9fa48("1078") ? typeof value !== 'string' : stryMutAct_9fa48("1077") ? false : stryMutAct_9fa48("1076") ? true : (stryCov_9fa48("1076", "1077", "1078"), typeof value === (stryMutAct_9fa48("1079") ? "" : (stryCov_9fa48("1079"), 'string')))) fail(path, stryMutAct_9fa48("1080") ? `` : (stryCov_9fa48("1080"), `a Principal given as a string must be "*"; name principals as {"AWS": "${value}"}`));
    if (stryMutAct_9fa48("1083") ? false : stryMutAct_9fa48("1082") ? true : stryMutAct_9fa48("1081") ? isObject(value) : (stryCov_9fa48("1081", "1082", "1083"), !isObject(value))) fail(path, stryMutAct_9fa48("1084") ? `` : (stryCov_9fa48("1084"), `must be "*" or an object such as {"AWS": "<role ARN>"}, got ${typeName(value)}`));
    const block: Partial<Record<PrincipalKey, string[]>> = {};
    const entries = Object.entries(value);
    if (stryMutAct_9fa48("1087") ? entries.length !== 0 : stryMutAct_9fa48("1086") ? false : stryMutAct_9fa48("1085") ? true : (stryCov_9fa48("1085", "1086", "1087"), entries.length === 0)) fail(path, stryMutAct_9fa48("1088") ? "" : (stryCov_9fa48("1088"), 'names no principal'));
    for (const [type, values] of entries) {
      if (stryMutAct_9fa48("1089")) {
        {}
      } else {
        stryCov_9fa48("1089");
        if (stryMutAct_9fa48("1092") ? false : stryMutAct_9fa48("1091") ? true : stryMutAct_9fa48("1090") ? (PRINCIPAL_KEYS as readonly string[]).includes(type) : (stryCov_9fa48("1090", "1091", "1092"), !(PRINCIPAL_KEYS as readonly string[]).includes(type))) {
          if (stryMutAct_9fa48("1093")) {
            {}
          } else {
            stryCov_9fa48("1093");
            fail(path, stryMutAct_9fa48("1094") ? `` : (stryCov_9fa48("1094"), `unknown principal type "${type}" (expected one of ${PRINCIPAL_KEYS.join(stryMutAct_9fa48("1095") ? "" : (stryCov_9fa48("1095"), ', '))})`));
          }
        }
        block[type as PrincipalKey] = stringList(values, stryMutAct_9fa48("1096") ? `` : (stryCov_9fa48("1096"), `${path}.${type}`), stryMutAct_9fa48("1097") ? "" : (stryCov_9fa48("1097"), 'principal'));
      }
    }
    return block;
  }
}
function parseActions(value: unknown, path: string): string[] {
  if (stryMutAct_9fa48("1098")) {
    {}
  } else {
    stryCov_9fa48("1098");
    const actions = stringList(value, path, stryMutAct_9fa48("1099") ? "" : (stryCov_9fa48("1099"), 'action'));
    for (const action of actions) {
      if (stryMutAct_9fa48("1100")) {
        {}
      } else {
        stryCov_9fa48("1100");
        if (stryMutAct_9fa48("1103") ? action !== '*' || !/^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]*$/.test(action) : stryMutAct_9fa48("1102") ? false : stryMutAct_9fa48("1101") ? true : (stryCov_9fa48("1101", "1102", "1103"), (stryMutAct_9fa48("1105") ? action === '*' : stryMutAct_9fa48("1104") ? true : (stryCov_9fa48("1104", "1105"), action !== (stryMutAct_9fa48("1106") ? "" : (stryCov_9fa48("1106"), '*')))) && (stryMutAct_9fa48("1107") ? /^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]*$/.test(action) : (stryCov_9fa48("1107"), !(stryMutAct_9fa48("1113") ? /^[a-zA-Z0-9-]+:[^a-zA-Z0-9*?]*$/ : stryMutAct_9fa48("1112") ? /^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]$/ : stryMutAct_9fa48("1111") ? /^[^a-zA-Z0-9-]+:[a-zA-Z0-9*?]*$/ : stryMutAct_9fa48("1110") ? /^[a-zA-Z0-9-]:[a-zA-Z0-9*?]*$/ : stryMutAct_9fa48("1109") ? /^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]*/ : stryMutAct_9fa48("1108") ? /[a-zA-Z0-9-]+:[a-zA-Z0-9*?]*$/ : (stryCov_9fa48("1108", "1109", "1110", "1111", "1112", "1113"), /^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]*$/)).test(action))))) {
          if (stryMutAct_9fa48("1114")) {
            {}
          } else {
            stryCov_9fa48("1114");
            fail(path, stryMutAct_9fa48("1115") ? `` : (stryCov_9fa48("1115"), `"${action}" is not an action; actions are "*" or "<service>:<name>", e.g. "sts:AssumeRole"`));
          }
        }
      }
    }
    return actions;
  }
}
function parseOperator(raw: string, path: string): Pick<ParsedCondition, 'spec' | 'setOperator' | 'ifExists'> {
  if (stryMutAct_9fa48("1116")) {
    {}
  } else {
    stryCov_9fa48("1116");
    let name = raw;
    let setOperator: SetOperator | undefined;
    const prefix = (stryMutAct_9fa48("1119") ? /^(ForAnyValue|ForAllValues):(.)$/i : stryMutAct_9fa48("1118") ? /^(ForAnyValue|ForAllValues):(.*)/i : stryMutAct_9fa48("1117") ? /(ForAnyValue|ForAllValues):(.*)$/i : (stryCov_9fa48("1117", "1118", "1119"), /^(ForAnyValue|ForAllValues):(.*)$/i)).exec(name);
    if (stryMutAct_9fa48("1121") ? false : stryMutAct_9fa48("1120") ? true : (stryCov_9fa48("1120", "1121"), prefix)) {
      if (stryMutAct_9fa48("1122")) {
        {}
      } else {
        stryCov_9fa48("1122");
        setOperator = (stryMutAct_9fa48("1125") ? prefix[1]?.toLowerCase() !== 'foranyvalue' : stryMutAct_9fa48("1124") ? false : stryMutAct_9fa48("1123") ? true : (stryCov_9fa48("1123", "1124", "1125"), (stryMutAct_9fa48("1127") ? prefix[1].toLowerCase() : stryMutAct_9fa48("1126") ? prefix[1]?.toUpperCase() : (stryCov_9fa48("1126", "1127"), prefix[1]?.toLowerCase())) === (stryMutAct_9fa48("1128") ? "" : (stryCov_9fa48("1128"), 'foranyvalue')))) ? stryMutAct_9fa48("1129") ? "" : (stryCov_9fa48("1129"), 'ForAnyValue') : stryMutAct_9fa48("1130") ? "" : (stryCov_9fa48("1130"), 'ForAllValues');
        name = stryMutAct_9fa48("1131") ? prefix[2] && '' : (stryCov_9fa48("1131"), prefix[2] ?? (stryMutAct_9fa48("1132") ? "Stryker was here!" : (stryCov_9fa48("1132"), '')));
      }
    }
    const ifExists = stryMutAct_9fa48("1135") ? /IfExists$/i.test(name) || name.length > 'IfExists'.length : stryMutAct_9fa48("1134") ? false : stryMutAct_9fa48("1133") ? true : (stryCov_9fa48("1133", "1134", "1135"), (stryMutAct_9fa48("1136") ? /IfExists/i : (stryCov_9fa48("1136"), /IfExists$/i)).test(name) && (stryMutAct_9fa48("1139") ? name.length <= 'IfExists'.length : stryMutAct_9fa48("1138") ? name.length >= 'IfExists'.length : stryMutAct_9fa48("1137") ? true : (stryCov_9fa48("1137", "1138", "1139"), name.length > (stryMutAct_9fa48("1140") ? "" : (stryCov_9fa48("1140"), 'IfExists')).length)));
    if (stryMutAct_9fa48("1142") ? false : stryMutAct_9fa48("1141") ? true : (stryCov_9fa48("1141", "1142"), ifExists)) name = stryMutAct_9fa48("1143") ? name : (stryCov_9fa48("1143"), name.slice(0, stryMutAct_9fa48("1144") ? +'IfExists'.length : (stryCov_9fa48("1144"), -(stryMutAct_9fa48("1145") ? "" : (stryCov_9fa48("1145"), 'IfExists')).length)));
    if (stryMutAct_9fa48("1148") ? name.toLowerCase() !== 'null' : stryMutAct_9fa48("1147") ? false : stryMutAct_9fa48("1146") ? true : (stryCov_9fa48("1146", "1147", "1148"), (stryMutAct_9fa48("1149") ? name.toUpperCase() : (stryCov_9fa48("1149"), name.toLowerCase())) === (stryMutAct_9fa48("1150") ? "" : (stryCov_9fa48("1150"), 'null')))) {
      if (stryMutAct_9fa48("1151")) {
        {}
      } else {
        stryCov_9fa48("1151");
        if (stryMutAct_9fa48("1154") ? setOperator && ifExists : stryMutAct_9fa48("1153") ? false : stryMutAct_9fa48("1152") ? true : (stryCov_9fa48("1152", "1153", "1154"), setOperator || ifExists)) fail(path, stryMutAct_9fa48("1155") ? `` : (stryCov_9fa48("1155"), `"${raw}": Null tests whether a key is present and takes no ForAnyValue/ForAllValues prefix or IfExists suffix`));
        return stryMutAct_9fa48("1156") ? {} : (stryCov_9fa48("1156"), {
          ifExists: stryMutAct_9fa48("1157") ? true : (stryCov_9fa48("1157"), false)
        });
      }
    }
    const spec = OPERATORS[stryMutAct_9fa48("1158") ? name.toUpperCase() : (stryCov_9fa48("1158"), name.toLowerCase())];
    if (stryMutAct_9fa48("1161") ? false : stryMutAct_9fa48("1160") ? true : stryMutAct_9fa48("1159") ? spec : (stryCov_9fa48("1159", "1160", "1161"), !spec)) fail(path, stryMutAct_9fa48("1162") ? `` : (stryCov_9fa48("1162"), `unknown condition operator "${raw}"`));
    return stryMutAct_9fa48("1163") ? {} : (stryCov_9fa48("1163"), {
      spec,
      setOperator,
      ifExists
    });
  }
}
function parseCondition(value: unknown, path: string): ParsedCondition[] {
  if (stryMutAct_9fa48("1164")) {
    {}
  } else {
    stryCov_9fa48("1164");
    if (stryMutAct_9fa48("1167") ? false : stryMutAct_9fa48("1166") ? true : stryMutAct_9fa48("1165") ? isObject(value) : (stryCov_9fa48("1165", "1166", "1167"), !isObject(value))) fail(path, stryMutAct_9fa48("1168") ? `` : (stryCov_9fa48("1168"), `must be an object mapping operators to keys, got ${typeName(value)}`));
    const conditions: ParsedCondition[] = stryMutAct_9fa48("1169") ? ["Stryker was here"] : (stryCov_9fa48("1169"), []);
    for (const [operator, block] of Object.entries(value)) {
      if (stryMutAct_9fa48("1170")) {
        {}
      } else {
        stryCov_9fa48("1170");
        const opPath = stryMutAct_9fa48("1171") ? `` : (stryCov_9fa48("1171"), `${path}.${operator}`);
        const parsed = parseOperator(operator, path);
        if (stryMutAct_9fa48("1174") ? false : stryMutAct_9fa48("1173") ? true : stryMutAct_9fa48("1172") ? isObject(block) : (stryCov_9fa48("1172", "1173", "1174"), !isObject(block))) fail(opPath, stryMutAct_9fa48("1175") ? `` : (stryCov_9fa48("1175"), `must be an object mapping condition keys to values, got ${typeName(block)}`));
        for (const [key, raw] of Object.entries(block)) {
          if (stryMutAct_9fa48("1176")) {
            {}
          } else {
            stryCov_9fa48("1176");
            const keyPath = stryMutAct_9fa48("1177") ? `` : (stryCov_9fa48("1177"), `${opPath}.${key}`);
            const list = Array.isArray(raw) ? raw : stryMutAct_9fa48("1178") ? [] : (stryCov_9fa48("1178"), [raw]);
            if (stryMutAct_9fa48("1181") ? list.length !== 0 : stryMutAct_9fa48("1180") ? false : stryMutAct_9fa48("1179") ? true : (stryCov_9fa48("1179", "1180", "1181"), list.length === 0)) fail(keyPath, stryMutAct_9fa48("1182") ? "" : (stryCov_9fa48("1182"), 'must list at least one value'));
            const values = list.map(item => {
              if (stryMutAct_9fa48("1183")) {
                {}
              } else {
                stryCov_9fa48("1183");
                // IAM compares condition values as strings whatever their JSON type.
                if (stryMutAct_9fa48("1186") ? (typeof item === 'string' || typeof item === 'number') && typeof item === 'boolean' : stryMutAct_9fa48("1185") ? false : stryMutAct_9fa48("1184") ? true : (stryCov_9fa48("1184", "1185", "1186"), (stryMutAct_9fa48("1188") ? typeof item === 'string' && typeof item === 'number' : stryMutAct_9fa48("1187") ? false : (stryCov_9fa48("1187", "1188"), (stryMutAct_9fa48("1190") ? typeof item !== 'string' : stryMutAct_9fa48("1189") ? false : (stryCov_9fa48("1189", "1190"), typeof item === (stryMutAct_9fa48("1191") ? "" : (stryCov_9fa48("1191"), 'string')))) || (stryMutAct_9fa48("1193") ? typeof item !== 'number' : stryMutAct_9fa48("1192") ? false : (stryCov_9fa48("1192", "1193"), typeof item === (stryMutAct_9fa48("1194") ? "" : (stryCov_9fa48("1194"), 'number')))))) || (stryMutAct_9fa48("1196") ? typeof item !== 'boolean' : stryMutAct_9fa48("1195") ? false : (stryCov_9fa48("1195", "1196"), typeof item === (stryMutAct_9fa48("1197") ? "" : (stryCov_9fa48("1197"), 'boolean')))))) return String(item);
                return fail(keyPath, stryMutAct_9fa48("1198") ? `` : (stryCov_9fa48("1198"), `values must be strings, numbers or booleans, got ${typeName(item)}`));
              }
            });
            if (stryMutAct_9fa48("1201") ? false : stryMutAct_9fa48("1200") ? true : stryMutAct_9fa48("1199") ? parsed.spec : (stryCov_9fa48("1199", "1200", "1201"), !parsed.spec)) {
              if (stryMutAct_9fa48("1202")) {
                {}
              } else {
                stryCov_9fa48("1202");
                // Null's value says whether the key must be absent ("true") or present ("false").
                for (const v of values) {
                  if (stryMutAct_9fa48("1203")) {
                    {}
                  } else {
                    stryCov_9fa48("1203");
                    if (stryMutAct_9fa48("1206") ? v.toLowerCase() !== 'true' || v.toLowerCase() !== 'false' : stryMutAct_9fa48("1205") ? false : stryMutAct_9fa48("1204") ? true : (stryCov_9fa48("1204", "1205", "1206"), (stryMutAct_9fa48("1208") ? v.toLowerCase() === 'true' : stryMutAct_9fa48("1207") ? true : (stryCov_9fa48("1207", "1208"), (stryMutAct_9fa48("1209") ? v.toUpperCase() : (stryCov_9fa48("1209"), v.toLowerCase())) !== (stryMutAct_9fa48("1210") ? "" : (stryCov_9fa48("1210"), 'true')))) && (stryMutAct_9fa48("1212") ? v.toLowerCase() === 'false' : stryMutAct_9fa48("1211") ? true : (stryCov_9fa48("1211", "1212"), (stryMutAct_9fa48("1213") ? v.toUpperCase() : (stryCov_9fa48("1213"), v.toLowerCase())) !== (stryMutAct_9fa48("1214") ? "" : (stryCov_9fa48("1214"), 'false')))))) fail(keyPath, stryMutAct_9fa48("1215") ? `` : (stryCov_9fa48("1215"), `Null takes "true" or "false", got "${v}"`));
                  }
                }
              }
            }
            conditions.push(stryMutAct_9fa48("1216") ? {} : (stryCov_9fa48("1216"), {
              operator,
              key,
              values,
              ...parsed
            }));
          }
        }
      }
    }
    return conditions;
  }
}
function statementLabel(path: string, sid: string | undefined): string {
  if (stryMutAct_9fa48("1217")) {
    {}
  } else {
    stryCov_9fa48("1217");
    return sid ? stryMutAct_9fa48("1218") ? `` : (stryCov_9fa48("1218"), `${path} (Sid "${sid}")`) : path;
  }
}
function parseStatement(raw: unknown, index: number, kind: PolicyKind, prefix: string): ParsedStatement {
  if (stryMutAct_9fa48("1219")) {
    {}
  } else {
    stryCov_9fa48("1219");
    const path = stryMutAct_9fa48("1220") ? `` : (stryCov_9fa48("1220"), `${prefix}Statement[${index}]`);
    if (stryMutAct_9fa48("1223") ? false : stryMutAct_9fa48("1222") ? true : stryMutAct_9fa48("1221") ? isObject(raw) : (stryCov_9fa48("1221", "1222", "1223"), !isObject(raw))) fail(path, stryMutAct_9fa48("1224") ? `` : (stryCov_9fa48("1224"), `must be an object, got ${typeName(raw)}`));
    for (const key of Object.keys(raw)) {
      if (stryMutAct_9fa48("1225")) {
        {}
      } else {
        stryCov_9fa48("1225");
        if (stryMutAct_9fa48("1228") ? false : stryMutAct_9fa48("1227") ? true : stryMutAct_9fa48("1226") ? STATEMENT_KEYS.has(key) : (stryCov_9fa48("1226", "1227", "1228"), !STATEMENT_KEYS.has(key))) fail(path, stryMutAct_9fa48("1229") ? `` : (stryCov_9fa48("1229"), `unknown element "${key}" (expected ${(stryMutAct_9fa48("1230") ? [] : (stryCov_9fa48("1230"), [...STATEMENT_KEYS])).join(stryMutAct_9fa48("1231") ? "" : (stryCov_9fa48("1231"), ', '))})`));
      }
    }
    if (stryMutAct_9fa48("1234") ? raw.Sid !== undefined || typeof raw.Sid !== 'string' : stryMutAct_9fa48("1233") ? false : stryMutAct_9fa48("1232") ? true : (stryCov_9fa48("1232", "1233", "1234"), (stryMutAct_9fa48("1236") ? raw.Sid === undefined : stryMutAct_9fa48("1235") ? true : (stryCov_9fa48("1235", "1236"), raw.Sid !== undefined)) && (stryMutAct_9fa48("1238") ? typeof raw.Sid === 'string' : stryMutAct_9fa48("1237") ? true : (stryCov_9fa48("1237", "1238"), typeof raw.Sid !== (stryMutAct_9fa48("1239") ? "" : (stryCov_9fa48("1239"), 'string')))))) fail(stryMutAct_9fa48("1240") ? `` : (stryCov_9fa48("1240"), `${path}.Sid`), stryMutAct_9fa48("1241") ? `` : (stryCov_9fa48("1241"), `must be a string, got ${typeName(raw.Sid)}`));
    const sid = raw.Sid as string | undefined;
    if (stryMutAct_9fa48("1244") ? raw.Effect !== undefined : stryMutAct_9fa48("1243") ? false : stryMutAct_9fa48("1242") ? true : (stryCov_9fa48("1242", "1243", "1244"), raw.Effect === undefined)) fail(path, stryMutAct_9fa48("1245") ? "" : (stryCov_9fa48("1245"), 'missing Effect (must be "Allow" or "Deny")'));
    if (stryMutAct_9fa48("1248") ? raw.Effect !== 'Allow' || raw.Effect !== 'Deny' : stryMutAct_9fa48("1247") ? false : stryMutAct_9fa48("1246") ? true : (stryCov_9fa48("1246", "1247", "1248"), (stryMutAct_9fa48("1250") ? raw.Effect === 'Allow' : stryMutAct_9fa48("1249") ? true : (stryCov_9fa48("1249", "1250"), raw.Effect !== (stryMutAct_9fa48("1251") ? "" : (stryCov_9fa48("1251"), 'Allow')))) && (stryMutAct_9fa48("1253") ? raw.Effect === 'Deny' : stryMutAct_9fa48("1252") ? true : (stryCov_9fa48("1252", "1253"), raw.Effect !== (stryMutAct_9fa48("1254") ? "" : (stryCov_9fa48("1254"), 'Deny')))))) {
      if (stryMutAct_9fa48("1255")) {
        {}
      } else {
        stryCov_9fa48("1255");
        fail(stryMutAct_9fa48("1256") ? `` : (stryCov_9fa48("1256"), `${path}.Effect`), stryMutAct_9fa48("1257") ? `` : (stryCov_9fa48("1257"), `must be "Allow" or "Deny", got ${JSON.stringify(raw.Effect)}`));
      }
    }
    const statement: ParsedStatement = stryMutAct_9fa48("1258") ? {} : (stryCov_9fa48("1258"), {
      index,
      label: statementLabel(path, sid),
      sid,
      effect: raw.Effect,
      conditions: stryMutAct_9fa48("1259") ? ["Stryker was here"] : (stryCov_9fa48("1259"), [])
    });
    if (stryMutAct_9fa48("1262") ? raw.Action !== undefined || raw.NotAction !== undefined : stryMutAct_9fa48("1261") ? false : stryMutAct_9fa48("1260") ? true : (stryCov_9fa48("1260", "1261", "1262"), (stryMutAct_9fa48("1264") ? raw.Action === undefined : stryMutAct_9fa48("1263") ? true : (stryCov_9fa48("1263", "1264"), raw.Action !== undefined)) && (stryMutAct_9fa48("1266") ? raw.NotAction === undefined : stryMutAct_9fa48("1265") ? true : (stryCov_9fa48("1265", "1266"), raw.NotAction !== undefined)))) fail(path, stryMutAct_9fa48("1267") ? "" : (stryCov_9fa48("1267"), 'has both Action and NotAction; use one'));
    if (stryMutAct_9fa48("1270") ? raw.Action === undefined || raw.NotAction === undefined : stryMutAct_9fa48("1269") ? false : stryMutAct_9fa48("1268") ? true : (stryCov_9fa48("1268", "1269", "1270"), (stryMutAct_9fa48("1272") ? raw.Action !== undefined : stryMutAct_9fa48("1271") ? true : (stryCov_9fa48("1271", "1272"), raw.Action === undefined)) && (stryMutAct_9fa48("1274") ? raw.NotAction !== undefined : stryMutAct_9fa48("1273") ? true : (stryCov_9fa48("1273", "1274"), raw.NotAction === undefined)))) fail(path, stryMutAct_9fa48("1275") ? "" : (stryCov_9fa48("1275"), 'missing Action (or NotAction)'));
    if (stryMutAct_9fa48("1278") ? raw.Action === undefined : stryMutAct_9fa48("1277") ? false : stryMutAct_9fa48("1276") ? true : (stryCov_9fa48("1276", "1277", "1278"), raw.Action !== undefined)) statement.actions = parseActions(raw.Action, stryMutAct_9fa48("1279") ? `` : (stryCov_9fa48("1279"), `${path}.Action`));else statement.notActions = parseActions(raw.NotAction, stryMutAct_9fa48("1280") ? `` : (stryCov_9fa48("1280"), `${path}.NotAction`));
    const hasPrincipal = stryMutAct_9fa48("1283") ? raw.Principal !== undefined && raw.NotPrincipal !== undefined : stryMutAct_9fa48("1282") ? false : stryMutAct_9fa48("1281") ? true : (stryCov_9fa48("1281", "1282", "1283"), (stryMutAct_9fa48("1285") ? raw.Principal === undefined : stryMutAct_9fa48("1284") ? false : (stryCov_9fa48("1284", "1285"), raw.Principal !== undefined)) || (stryMutAct_9fa48("1287") ? raw.NotPrincipal === undefined : stryMutAct_9fa48("1286") ? false : (stryCov_9fa48("1286", "1287"), raw.NotPrincipal !== undefined)));
    const hasResource = stryMutAct_9fa48("1290") ? raw.Resource !== undefined && raw.NotResource !== undefined : stryMutAct_9fa48("1289") ? false : stryMutAct_9fa48("1288") ? true : (stryCov_9fa48("1288", "1289", "1290"), (stryMutAct_9fa48("1292") ? raw.Resource === undefined : stryMutAct_9fa48("1291") ? false : (stryCov_9fa48("1291", "1292"), raw.Resource !== undefined)) || (stryMutAct_9fa48("1294") ? raw.NotResource === undefined : stryMutAct_9fa48("1293") ? false : (stryCov_9fa48("1293", "1294"), raw.NotResource !== undefined)));
    if (stryMutAct_9fa48("1296") ? false : stryMutAct_9fa48("1295") ? true : (stryCov_9fa48("1295", "1296"), PRINCIPAL_KINDS.has(kind))) {
      if (stryMutAct_9fa48("1297")) {
        {}
      } else {
        stryCov_9fa48("1297");
        if (stryMutAct_9fa48("1300") ? raw.Principal !== undefined || raw.NotPrincipal !== undefined : stryMutAct_9fa48("1299") ? false : stryMutAct_9fa48("1298") ? true : (stryCov_9fa48("1298", "1299", "1300"), (stryMutAct_9fa48("1302") ? raw.Principal === undefined : stryMutAct_9fa48("1301") ? true : (stryCov_9fa48("1301", "1302"), raw.Principal !== undefined)) && (stryMutAct_9fa48("1304") ? raw.NotPrincipal === undefined : stryMutAct_9fa48("1303") ? true : (stryCov_9fa48("1303", "1304"), raw.NotPrincipal !== undefined)))) fail(path, stryMutAct_9fa48("1305") ? "" : (stryCov_9fa48("1305"), 'has both Principal and NotPrincipal; use one'));
        if (stryMutAct_9fa48("1308") ? false : stryMutAct_9fa48("1307") ? true : stryMutAct_9fa48("1306") ? hasPrincipal : (stryCov_9fa48("1306", "1307", "1308"), !hasPrincipal)) fail(path, stryMutAct_9fa48("1309") ? `` : (stryCov_9fa48("1309"), `missing Principal: a ${(stryMutAct_9fa48("1312") ? kind !== 'trust' : stryMutAct_9fa48("1311") ? false : stryMutAct_9fa48("1310") ? true : (stryCov_9fa48("1310", "1311", "1312"), kind === (stryMutAct_9fa48("1313") ? "" : (stryCov_9fa48("1313"), 'trust')))) ? stryMutAct_9fa48("1314") ? "" : (stryCov_9fa48("1314"), 'trust') : stryMutAct_9fa48("1315") ? "" : (stryCov_9fa48("1315"), 'resource control')} policy must say whom it applies to`));
        if (stryMutAct_9fa48("1318") ? raw.Principal === undefined : stryMutAct_9fa48("1317") ? false : stryMutAct_9fa48("1316") ? true : (stryCov_9fa48("1316", "1317", "1318"), raw.Principal !== undefined)) statement.principal = parsePrincipal(raw.Principal, stryMutAct_9fa48("1319") ? `` : (stryCov_9fa48("1319"), `${path}.Principal`));else statement.notPrincipal = parsePrincipal(raw.NotPrincipal, stryMutAct_9fa48("1320") ? `` : (stryCov_9fa48("1320"), `${path}.NotPrincipal`));
      }
    } else if (stryMutAct_9fa48("1322") ? false : stryMutAct_9fa48("1321") ? true : (stryCov_9fa48("1321", "1322"), hasPrincipal)) {
      if (stryMutAct_9fa48("1323")) {
        {}
      } else {
        stryCov_9fa48("1323");
        fail(path, stryMutAct_9fa48("1324") ? `` : (stryCov_9fa48("1324"), `a${(stryMutAct_9fa48("1327") ? kind !== 'identity' : stryMutAct_9fa48("1326") ? false : stryMutAct_9fa48("1325") ? true : (stryCov_9fa48("1325", "1326", "1327"), kind === (stryMutAct_9fa48("1328") ? "" : (stryCov_9fa48("1328"), 'identity')))) ? stryMutAct_9fa48("1329") ? "" : (stryCov_9fa48("1329"), 'n identity') : stryMutAct_9fa48("1330") ? `` : (stryCov_9fa48("1330"), ` ${KIND_NAMES[kind]}`)} policy must not have ${(stryMutAct_9fa48("1333") ? raw.Principal === undefined : stryMutAct_9fa48("1332") ? false : stryMutAct_9fa48("1331") ? true : (stryCov_9fa48("1331", "1332", "1333"), raw.Principal !== undefined)) ? stryMutAct_9fa48("1334") ? "" : (stryCov_9fa48("1334"), 'Principal') : stryMutAct_9fa48("1335") ? "" : (stryCov_9fa48("1335"), 'NotPrincipal')}: it applies to the identity it is attached to`));
      }
    }
    if (stryMutAct_9fa48("1338") ? kind !== 'trust' : stryMutAct_9fa48("1337") ? false : stryMutAct_9fa48("1336") ? true : (stryCov_9fa48("1336", "1337", "1338"), kind === (stryMutAct_9fa48("1339") ? "" : (stryCov_9fa48("1339"), 'trust')))) {
      if (stryMutAct_9fa48("1340")) {
        {}
      } else {
        stryCov_9fa48("1340");
        // A trust policy is attached to the role, which is its only resource.
        if (stryMutAct_9fa48("1342") ? false : stryMutAct_9fa48("1341") ? true : (stryCov_9fa48("1341", "1342"), hasResource)) fail(path, stryMutAct_9fa48("1343") ? `` : (stryCov_9fa48("1343"), `a trust policy must not have ${(stryMutAct_9fa48("1346") ? raw.Resource === undefined : stryMutAct_9fa48("1345") ? false : stryMutAct_9fa48("1344") ? true : (stryCov_9fa48("1344", "1345", "1346"), raw.Resource !== undefined)) ? stryMutAct_9fa48("1347") ? "" : (stryCov_9fa48("1347"), 'Resource') : stryMutAct_9fa48("1348") ? "" : (stryCov_9fa48("1348"), 'NotResource')}: it always applies to the role it is attached to`));
      }
    } else {
      if (stryMutAct_9fa48("1349")) {
        {}
      } else {
        stryCov_9fa48("1349");
        if (stryMutAct_9fa48("1352") ? raw.Resource !== undefined || raw.NotResource !== undefined : stryMutAct_9fa48("1351") ? false : stryMutAct_9fa48("1350") ? true : (stryCov_9fa48("1350", "1351", "1352"), (stryMutAct_9fa48("1354") ? raw.Resource === undefined : stryMutAct_9fa48("1353") ? true : (stryCov_9fa48("1353", "1354"), raw.Resource !== undefined)) && (stryMutAct_9fa48("1356") ? raw.NotResource === undefined : stryMutAct_9fa48("1355") ? true : (stryCov_9fa48("1355", "1356"), raw.NotResource !== undefined)))) fail(path, stryMutAct_9fa48("1357") ? "" : (stryCov_9fa48("1357"), 'has both Resource and NotResource; use one'));
        if (stryMutAct_9fa48("1360") ? false : stryMutAct_9fa48("1359") ? true : stryMutAct_9fa48("1358") ? hasResource : (stryCov_9fa48("1358", "1359", "1360"), !hasResource)) fail(path, stryMutAct_9fa48("1361") ? `` : (stryCov_9fa48("1361"), `missing Resource (or NotResource): a${(stryMutAct_9fa48("1364") ? kind !== 'identity' : stryMutAct_9fa48("1363") ? false : stryMutAct_9fa48("1362") ? true : (stryCov_9fa48("1362", "1363", "1364"), kind === (stryMutAct_9fa48("1365") ? "" : (stryCov_9fa48("1365"), 'identity')))) ? stryMutAct_9fa48("1366") ? "" : (stryCov_9fa48("1366"), 'n identity') : stryMutAct_9fa48("1367") ? `` : (stryCov_9fa48("1367"), ` ${KIND_NAMES[kind]}`)} policy statement must say what it applies to`));
        if (stryMutAct_9fa48("1370") ? raw.Resource === undefined : stryMutAct_9fa48("1369") ? false : stryMutAct_9fa48("1368") ? true : (stryCov_9fa48("1368", "1369", "1370"), raw.Resource !== undefined)) statement.resources = stringList(raw.Resource, stryMutAct_9fa48("1371") ? `` : (stryCov_9fa48("1371"), `${path}.Resource`), stryMutAct_9fa48("1372") ? "" : (stryCov_9fa48("1372"), 'resource'));else statement.notResources = stringList(raw.NotResource, stryMutAct_9fa48("1373") ? `` : (stryCov_9fa48("1373"), `${path}.NotResource`), stryMutAct_9fa48("1374") ? "" : (stryCov_9fa48("1374"), 'resource'));
      }
    }
    if (stryMutAct_9fa48("1377") ? raw.Condition === undefined : stryMutAct_9fa48("1376") ? false : stryMutAct_9fa48("1375") ? true : (stryCov_9fa48("1375", "1376", "1377"), raw.Condition !== undefined)) statement.conditions = parseCondition(raw.Condition, stryMutAct_9fa48("1378") ? `` : (stryCov_9fa48("1378"), `${path}.Condition`));
    return statement;
  }
}
const KIND_NAMES: Record<PolicyKind, string> = stryMutAct_9fa48("1379") ? {} : (stryCov_9fa48("1379"), {
  trust: stryMutAct_9fa48("1380") ? "" : (stryCov_9fa48("1380"), 'trust'),
  identity: stryMutAct_9fa48("1381") ? "" : (stryCov_9fa48("1381"), 'identity'),
  permissionsBoundary: stryMutAct_9fa48("1382") ? "" : (stryCov_9fa48("1382"), 'permissions boundary'),
  scp: stryMutAct_9fa48("1383") ? "" : (stryCov_9fa48("1383"), 'service control'),
  rcp: stryMutAct_9fa48("1384") ? "" : (stryCov_9fa48("1384"), 'resource control'),
  session: stryMutAct_9fa48("1385") ? "" : (stryCov_9fa48("1385"), 'session')
});
function parsePolicy(document: unknown, kind: PolicyKind, prefix = stryMutAct_9fa48("1386") ? "Stryker was here!" : (stryCov_9fa48("1386"), '')): ParsedPolicy {
  if (stryMutAct_9fa48("1387")) {
    {}
  } else {
    stryCov_9fa48("1387");
    const path = prefix.replace(stryMutAct_9fa48("1388") ? /\./ : (stryCov_9fa48("1388"), /\.$/), stryMutAct_9fa48("1389") ? "Stryker was here!" : (stryCov_9fa48("1389"), ''));
    const policy = readPolicyDocument(document, path);
    for (const key of Object.keys(policy)) {
      if (stryMutAct_9fa48("1390")) {
        {}
      } else {
        stryCov_9fa48("1390");
        if (stryMutAct_9fa48("1393") ? key !== 'Version' && key !== 'Id' || key !== 'Statement' : stryMutAct_9fa48("1392") ? false : stryMutAct_9fa48("1391") ? true : (stryCov_9fa48("1391", "1392", "1393"), (stryMutAct_9fa48("1395") ? key !== 'Version' || key !== 'Id' : stryMutAct_9fa48("1394") ? true : (stryCov_9fa48("1394", "1395"), (stryMutAct_9fa48("1397") ? key === 'Version' : stryMutAct_9fa48("1396") ? true : (stryCov_9fa48("1396", "1397"), key !== (stryMutAct_9fa48("1398") ? "" : (stryCov_9fa48("1398"), 'Version')))) && (stryMutAct_9fa48("1400") ? key === 'Id' : stryMutAct_9fa48("1399") ? true : (stryCov_9fa48("1399", "1400"), key !== (stryMutAct_9fa48("1401") ? "" : (stryCov_9fa48("1401"), 'Id')))))) && (stryMutAct_9fa48("1403") ? key === 'Statement' : stryMutAct_9fa48("1402") ? true : (stryCov_9fa48("1402", "1403"), key !== (stryMutAct_9fa48("1404") ? "" : (stryCov_9fa48("1404"), 'Statement')))))) fail(path, stryMutAct_9fa48("1405") ? `` : (stryCov_9fa48("1405"), `unknown top-level element "${key}" (expected Version, Id, Statement)`));
      }
    }
    const version = policy.Version;
    if (stryMutAct_9fa48("1408") ? version !== undefined && version !== '2012-10-17' || version !== '2008-10-17' : stryMutAct_9fa48("1407") ? false : stryMutAct_9fa48("1406") ? true : (stryCov_9fa48("1406", "1407", "1408"), (stryMutAct_9fa48("1410") ? version !== undefined || version !== '2012-10-17' : stryMutAct_9fa48("1409") ? true : (stryCov_9fa48("1409", "1410"), (stryMutAct_9fa48("1412") ? version === undefined : stryMutAct_9fa48("1411") ? true : (stryCov_9fa48("1411", "1412"), version !== undefined)) && (stryMutAct_9fa48("1414") ? version === '2012-10-17' : stryMutAct_9fa48("1413") ? true : (stryCov_9fa48("1413", "1414"), version !== (stryMutAct_9fa48("1415") ? "" : (stryCov_9fa48("1415"), '2012-10-17')))))) && (stryMutAct_9fa48("1417") ? version === '2008-10-17' : stryMutAct_9fa48("1416") ? true : (stryCov_9fa48("1416", "1417"), version !== (stryMutAct_9fa48("1418") ? "" : (stryCov_9fa48("1418"), '2008-10-17')))))) {
      if (stryMutAct_9fa48("1419")) {
        {}
      } else {
        stryCov_9fa48("1419");
        fail(stryMutAct_9fa48("1420") ? `` : (stryCov_9fa48("1420"), `${prefix}Version`), stryMutAct_9fa48("1421") ? `` : (stryCov_9fa48("1421"), `must be "2012-10-17" (or the legacy "2008-10-17"), got ${JSON.stringify(version)}`));
      }
    }
    if (stryMutAct_9fa48("1424") ? policy.Statement !== undefined : stryMutAct_9fa48("1423") ? false : stryMutAct_9fa48("1422") ? true : (stryCov_9fa48("1422", "1423", "1424"), policy.Statement === undefined)) fail(path, stryMutAct_9fa48("1425") ? "" : (stryCov_9fa48("1425"), 'policy document has no Statement'));
    const raw = policy.Statement;
    if (stryMutAct_9fa48("1428") ? !Array.isArray(raw) || !isObject(raw) : stryMutAct_9fa48("1427") ? false : stryMutAct_9fa48("1426") ? true : (stryCov_9fa48("1426", "1427", "1428"), (stryMutAct_9fa48("1429") ? Array.isArray(raw) : (stryCov_9fa48("1429"), !Array.isArray(raw))) && (stryMutAct_9fa48("1430") ? isObject(raw) : (stryCov_9fa48("1430"), !isObject(raw))))) fail(stryMutAct_9fa48("1431") ? `` : (stryCov_9fa48("1431"), `${prefix}Statement`), stryMutAct_9fa48("1432") ? `` : (stryCov_9fa48("1432"), `must be an object or an array of objects, got ${typeName(raw)}`));
    const statements = (Array.isArray(raw) ? raw : stryMutAct_9fa48("1433") ? [] : (stryCov_9fa48("1433"), [raw])).map(stryMutAct_9fa48("1434") ? () => undefined : (stryCov_9fa48("1434"), (s, i) => parseStatement(s, i, kind, prefix)));
    // Without "Version": "2012-10-17", IAM reads ${…} literally.
    return stryMutAct_9fa48("1435") ? {} : (stryCov_9fa48("1435"), {
      variables: stryMutAct_9fa48("1438") ? version !== '2012-10-17' : stryMutAct_9fa48("1437") ? false : stryMutAct_9fa48("1436") ? true : (stryCov_9fa48("1436", "1437", "1438"), version === (stryMutAct_9fa48("1439") ? "" : (stryCov_9fa48("1439"), '2012-10-17'))),
      statements
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** Case-insensitive view of the request's condition keys, with the global keys IAM always sets. */
function requestKeys(request: RequestContext): (key: string) => string[] | undefined {
  if (stryMutAct_9fa48("1440")) {
    {}
  } else {
    stryCov_9fa48("1440");
    const keys = new Map<string, string[] | undefined>();
    for (const [key, value] of Object.entries(request.conditionKeys)) {
      if (stryMutAct_9fa48("1441")) {
        {}
      } else {
        stryCov_9fa48("1441");
        if (stryMutAct_9fa48("1444") ? value !== undefined : stryMutAct_9fa48("1443") ? false : stryMutAct_9fa48("1442") ? true : (stryCov_9fa48("1442", "1443", "1444"), value === undefined)) keys.set(stryMutAct_9fa48("1445") ? key.toUpperCase() : (stryCov_9fa48("1445"), key.toLowerCase()), undefined);else if (stryMutAct_9fa48("1447") ? false : stryMutAct_9fa48("1446") ? true : (stryCov_9fa48("1446", "1447"), Array.isArray(value))) keys.set(stryMutAct_9fa48("1448") ? key.toUpperCase() : (stryCov_9fa48("1448"), key.toLowerCase()), value.map(String));else keys.set(stryMutAct_9fa48("1449") ? key.toUpperCase() : (stryCov_9fa48("1449"), key.toLowerCase()), stryMutAct_9fa48("1450") ? [] : (stryCov_9fa48("1450"), [String(value)]));
      }
    }
    const {
      principal
    } = request;
    const setDefault = (key: string, value: string | undefined) => {
      if (stryMutAct_9fa48("1451")) {
        {}
      } else {
        stryCov_9fa48("1451");
        if (stryMutAct_9fa48("1454") ? value !== undefined || !keys.has(key) : stryMutAct_9fa48("1453") ? false : stryMutAct_9fa48("1452") ? true : (stryCov_9fa48("1452", "1453", "1454"), (stryMutAct_9fa48("1456") ? value === undefined : stryMutAct_9fa48("1455") ? true : (stryCov_9fa48("1455", "1456"), value !== undefined)) && (stryMutAct_9fa48("1457") ? keys.has(key) : (stryCov_9fa48("1457"), !keys.has(key))))) keys.set(key, stryMutAct_9fa48("1458") ? [] : (stryCov_9fa48("1458"), [value]));
      }
    };
    if (stryMutAct_9fa48("1460") ? false : stryMutAct_9fa48("1459") ? true : (stryCov_9fa48("1459", "1460"), (stryMutAct_9fa48("1461") ? [] : (stryCov_9fa48("1461"), [stryMutAct_9fa48("1462") ? "" : (stryCov_9fa48("1462"), 'AssumedRole'), stryMutAct_9fa48("1463") ? "" : (stryCov_9fa48("1463"), 'Role'), stryMutAct_9fa48("1464") ? "" : (stryCov_9fa48("1464"), 'IAMUser'), stryMutAct_9fa48("1465") ? "" : (stryCov_9fa48("1465"), 'Root')])).includes(principal.type))) {
      if (stryMutAct_9fa48("1466")) {
        {}
      } else {
        stryCov_9fa48("1466");
        // For a role session, aws:PrincipalArn is the role's ARN, not the session's.
        setDefault(stryMutAct_9fa48("1467") ? "" : (stryCov_9fa48("1467"), 'aws:principalarn'), (stryMutAct_9fa48("1470") ? principal.type !== 'AssumedRole' : stryMutAct_9fa48("1469") ? false : stryMutAct_9fa48("1468") ? true : (stryCov_9fa48("1468", "1469", "1470"), principal.type === (stryMutAct_9fa48("1471") ? "" : (stryCov_9fa48("1471"), 'AssumedRole')))) ? stryMutAct_9fa48("1472") ? principal.roleArn && principal.arn : (stryCov_9fa48("1472"), principal.roleArn ?? principal.arn) : principal.arn);
        setDefault(stryMutAct_9fa48("1473") ? "" : (stryCov_9fa48("1473"), 'aws:principalaccount'), principal.accountId);
        const types: Partial<Record<PrincipalType, string>> = stryMutAct_9fa48("1474") ? {} : (stryCov_9fa48("1474"), {
          AssumedRole: stryMutAct_9fa48("1475") ? "" : (stryCov_9fa48("1475"), 'AssumedRole'),
          IAMUser: stryMutAct_9fa48("1476") ? "" : (stryCov_9fa48("1476"), 'User'),
          Root: stryMutAct_9fa48("1477") ? "" : (stryCov_9fa48("1477"), 'Account')
        });
        setDefault(stryMutAct_9fa48("1478") ? "" : (stryCov_9fa48("1478"), 'aws:principaltype'), types[principal.type]);
      }
    }
    return key => {
      if (stryMutAct_9fa48("1479")) {
        {}
      } else {
        stryCov_9fa48("1479");
        const values = keys.get(stryMutAct_9fa48("1480") ? key.toUpperCase() : (stryCov_9fa48("1480"), key.toLowerCase()));
        // An empty list is "no value", as IAM treats an empty multivalued key.
        return (stryMutAct_9fa48("1483") ? values || values.length > 0 : stryMutAct_9fa48("1482") ? false : stryMutAct_9fa48("1481") ? true : (stryCov_9fa48("1481", "1482", "1483"), values && (stryMutAct_9fa48("1486") ? values.length <= 0 : stryMutAct_9fa48("1485") ? values.length >= 0 : stryMutAct_9fa48("1484") ? true : (stryCov_9fa48("1484", "1485", "1486"), values.length > 0)))) ? values : undefined;
      }
    };
  }
}
function showValue(key: string, value: string): string {
  if (stryMutAct_9fa48("1487")) {
    {}
  } else {
    stryCov_9fa48("1487");
    return isSecretConditionKey(key) ? stryMutAct_9fa48("1488") ? `` : (stryCov_9fa48("1488"), `(${describeSecret(value)})`) : JSON.stringify(value);
  }
}
function shownValues(key: string, values: string[]): string[] {
  if (stryMutAct_9fa48("1489")) {
    {}
  } else {
    stryCov_9fa48("1489");
    return isSecretConditionKey(key) ? values.map(describeSecret) : values;
  }
}
function describeExpected(condition: ParsedCondition): string {
  if (stryMutAct_9fa48("1490")) {
    {}
  } else {
    stryCov_9fa48("1490");
    const noun = stryMutAct_9fa48("1491") ? condition.spec?.noun && 'value' : (stryCov_9fa48("1491"), (stryMutAct_9fa48("1492") ? condition.spec.noun : (stryCov_9fa48("1492"), condition.spec?.noun)) ?? (stryMutAct_9fa48("1493") ? "" : (stryCov_9fa48("1493"), 'value')));
    const shown = condition.values.map(stryMutAct_9fa48("1494") ? () => undefined : (stryCov_9fa48("1494"), v => showValue(condition.key, v)));
    if (stryMutAct_9fa48("1497") ? shown.length !== 1 : stryMutAct_9fa48("1496") ? false : stryMutAct_9fa48("1495") ? true : (stryCov_9fa48("1495", "1496", "1497"), shown.length === 1)) return stryMutAct_9fa48("1498") ? `` : (stryCov_9fa48("1498"), `the expected ${noun} ${shown[0]}`);
    return stryMutAct_9fa48("1499") ? `` : (stryCov_9fa48("1499"), `any of the ${shown.length} expected ${noun}s (${shown.join(stryMutAct_9fa48("1500") ? "" : (stryCov_9fa48("1500"), ', '))})`);
  }
}
function describeActual(key: string, values: string[]): string {
  if (stryMutAct_9fa48("1501")) {
    {}
  } else {
    stryCov_9fa48("1501");
    if (stryMutAct_9fa48("1504") ? values.length !== 1 : stryMutAct_9fa48("1503") ? false : stryMutAct_9fa48("1502") ? true : (stryCov_9fa48("1502", "1503", "1504"), values.length === 1)) return stryMutAct_9fa48("1505") ? `` : (stryCov_9fa48("1505"), `${key} ${showValue(key, stryMutAct_9fa48("1506") ? values[0] && '' : (stryCov_9fa48("1506"), values[0] ?? (stryMutAct_9fa48("1507") ? "Stryker was here!" : (stryCov_9fa48("1507"), ''))))}`);
    return stryMutAct_9fa48("1508") ? `` : (stryCov_9fa48("1508"), `${key} [${values.map(stryMutAct_9fa48("1509") ? () => undefined : (stryCov_9fa48("1509"), v => showValue(key, v))).join(stryMutAct_9fa48("1510") ? "" : (stryCov_9fa48("1510"), ', '))}]`);
  }
}

/** The whitespace or case hint for the closest policy value, for string equality operators. */
function differenceHint(condition: ParsedCondition, actual: string): string {
  if (stryMutAct_9fa48("1511")) {
    {}
  } else {
    stryCov_9fa48("1511");
    if (stryMutAct_9fa48("1514") ? !condition.spec && !/^String/.test(condition.spec.name) : stryMutAct_9fa48("1513") ? false : stryMutAct_9fa48("1512") ? true : (stryCov_9fa48("1512", "1513", "1514"), (stryMutAct_9fa48("1515") ? condition.spec : (stryCov_9fa48("1515"), !condition.spec)) || (stryMutAct_9fa48("1516") ? /^String/.test(condition.spec.name) : (stryCov_9fa48("1516"), !(stryMutAct_9fa48("1517") ? /String/ : (stryCov_9fa48("1517"), /^String/)).test(condition.spec.name))))) return stryMutAct_9fa48("1518") ? "Stryker was here!" : (stryCov_9fa48("1518"), '');
    for (const expected of condition.values) {
      if (stryMutAct_9fa48("1519")) {
        {}
      } else {
        stryCov_9fa48("1519");
        const hint = describeDifference(actual, expected);
        if (stryMutAct_9fa48("1521") ? false : stryMutAct_9fa48("1520") ? true : (stryCov_9fa48("1520", "1521"), hint)) return stryMutAct_9fa48("1522") ? `` : (stryCov_9fa48("1522"), `; ${hint}`);
      }
    }
    return stryMutAct_9fa48("1523") ? "Stryker was here!" : (stryCov_9fa48("1523"), '');
  }
}
interface ValueTest {
  /** True when the request value satisfies the operator (for negated operators: matches none of the policy values). */
  ok: boolean;
  /** The comparison could not be made (a value is not a number, a variable has no value, …). */
  incomparable: boolean;
}
function testValue(condition: ParsedCondition, spec: OperatorSpec, actual: string, ctx: MatchContext): ValueTest {
  if (stryMutAct_9fa48("1524")) {
    {}
  } else {
    stryCov_9fa48("1524");
    const results = condition.values.map(stryMutAct_9fa48("1525") ? () => undefined : (stryCov_9fa48("1525"), expected => spec.compare(actual, expected, ctx)));
    const anyMatch = stryMutAct_9fa48("1526") ? results.every(r => r === true) : (stryCov_9fa48("1526"), results.some(stryMutAct_9fa48("1527") ? () => undefined : (stryCov_9fa48("1527"), r => stryMutAct_9fa48("1530") ? r !== true : stryMutAct_9fa48("1529") ? false : stryMutAct_9fa48("1528") ? true : (stryCov_9fa48("1528", "1529", "1530"), r === (stryMutAct_9fa48("1531") ? false : (stryCov_9fa48("1531"), true))))));
    const incomparable = stryMutAct_9fa48("1532") ? results.some(r => r === undefined) : (stryCov_9fa48("1532"), results.every(stryMutAct_9fa48("1533") ? () => undefined : (stryCov_9fa48("1533"), r => stryMutAct_9fa48("1536") ? r !== undefined : stryMutAct_9fa48("1535") ? false : stryMutAct_9fa48("1534") ? true : (stryCov_9fa48("1534", "1535", "1536"), r === undefined))));
    // IAM reads several values for one key as OR; a negated operator is the negation of that OR.
    if (stryMutAct_9fa48("1538") ? false : stryMutAct_9fa48("1537") ? true : (stryCov_9fa48("1537", "1538"), spec.negated)) return stryMutAct_9fa48("1539") ? {} : (stryCov_9fa48("1539"), {
      ok: stryMutAct_9fa48("1542") ? !anyMatch || !incomparable : stryMutAct_9fa48("1541") ? false : stryMutAct_9fa48("1540") ? true : (stryCov_9fa48("1540", "1541", "1542"), (stryMutAct_9fa48("1543") ? anyMatch : (stryCov_9fa48("1543"), !anyMatch)) && (stryMutAct_9fa48("1544") ? incomparable : (stryCov_9fa48("1544"), !incomparable))),
      incomparable
    });
    return stryMutAct_9fa48("1545") ? {} : (stryCov_9fa48("1545"), {
      ok: anyMatch,
      incomparable
    });
  }
}
function evaluateCondition(condition: ParsedCondition, ctx: MatchContext): ConditionEvaluation {
  if (stryMutAct_9fa48("1546")) {
    {}
  } else {
    stryCov_9fa48("1546");
    const {
      operator,
      key
    } = condition;
    const actualValues = ctx.lookup(key);
    const base: Omit<ConditionEvaluation, 'met' | 'reason'> = stryMutAct_9fa48("1547") ? {} : (stryCov_9fa48("1547"), {
      operator,
      key,
      expected: shownValues(key, condition.values),
      ...(actualValues ? stryMutAct_9fa48("1548") ? {} : (stryCov_9fa48("1548"), {
        actual: shownValues(key, actualValues)
      }) : {})
    });
    const result = stryMutAct_9fa48("1549") ? () => undefined : (stryCov_9fa48("1549"), (() => {
      const result = (met: boolean, reason: string): ConditionEvaluation => stryMutAct_9fa48("1550") ? {} : (stryCov_9fa48("1550"), {
        ...base,
        met,
        reason
      });
      return result;
    })());
    const missing = stryMutAct_9fa48("1551") ? `` : (stryCov_9fa48("1551"), `${key} is missing from the request`);
    const {
      spec
    } = condition;
    if (stryMutAct_9fa48("1554") ? false : stryMutAct_9fa48("1553") ? true : stryMutAct_9fa48("1552") ? spec : (stryCov_9fa48("1552", "1553", "1554"), !spec)) {
      if (stryMutAct_9fa48("1555")) {
        {}
      } else {
        stryCov_9fa48("1555");
        const wantsAbsent = condition.values.map(stryMutAct_9fa48("1556") ? () => undefined : (stryCov_9fa48("1556"), v => stryMutAct_9fa48("1559") ? v.toLowerCase() !== 'true' : stryMutAct_9fa48("1558") ? false : stryMutAct_9fa48("1557") ? true : (stryCov_9fa48("1557", "1558", "1559"), (stryMutAct_9fa48("1560") ? v.toUpperCase() : (stryCov_9fa48("1560"), v.toLowerCase())) === (stryMutAct_9fa48("1561") ? "" : (stryCov_9fa48("1561"), 'true')))));
        const met = stryMutAct_9fa48("1562") ? wantsAbsent.every(absent => absent === (actualValues === undefined)) : (stryCov_9fa48("1562"), wantsAbsent.some(stryMutAct_9fa48("1563") ? () => undefined : (stryCov_9fa48("1563"), absent => stryMutAct_9fa48("1566") ? absent !== (actualValues === undefined) : stryMutAct_9fa48("1565") ? false : stryMutAct_9fa48("1564") ? true : (stryCov_9fa48("1564", "1565", "1566"), absent === (stryMutAct_9fa48("1569") ? actualValues !== undefined : stryMutAct_9fa48("1568") ? false : stryMutAct_9fa48("1567") ? true : (stryCov_9fa48("1567", "1568", "1569"), actualValues === undefined))))));
        const state = (stryMutAct_9fa48("1572") ? actualValues !== undefined : stryMutAct_9fa48("1571") ? false : stryMutAct_9fa48("1570") ? true : (stryCov_9fa48("1570", "1571", "1572"), actualValues === undefined)) ? missing : stryMutAct_9fa48("1573") ? `` : (stryCov_9fa48("1573"), `${key} is present in the request`);
        const wanted = (stryMutAct_9fa48("1574") ? wantsAbsent.some(a => a) : (stryCov_9fa48("1574"), wantsAbsent.every(stryMutAct_9fa48("1575") ? () => undefined : (stryCov_9fa48("1575"), a => a)))) ? stryMutAct_9fa48("1576") ? "" : (stryCov_9fa48("1576"), 'absent') : (stryMutAct_9fa48("1577") ? wantsAbsent.some(a => !a) : (stryCov_9fa48("1577"), wantsAbsent.every(stryMutAct_9fa48("1578") ? () => undefined : (stryCov_9fa48("1578"), a => stryMutAct_9fa48("1579") ? a : (stryCov_9fa48("1579"), !a))))) ? stryMutAct_9fa48("1580") ? "" : (stryCov_9fa48("1580"), 'present') : stryMutAct_9fa48("1581") ? "" : (stryCov_9fa48("1581"), 'absent or present');
        return result(met, stryMutAct_9fa48("1582") ? `` : (stryCov_9fa48("1582"), `${state}, and Null requires it to be ${wanted}`));
      }
    }
    if (stryMutAct_9fa48("1585") ? actualValues !== undefined : stryMutAct_9fa48("1584") ? false : stryMutAct_9fa48("1583") ? true : (stryCov_9fa48("1583", "1584", "1585"), actualValues === undefined)) {
      if (stryMutAct_9fa48("1586")) {
        {}
      } else {
        stryCov_9fa48("1586");
        // Missing keys, per the IAM condition-operator reference:
        //  - ForAllValues is true for an empty set (it is vacuously true), ForAnyValue is false; the set
        //    operator decides, whatever IfExists says.
        //  - ...IfExists is true: the condition is only checked when the key is there.
        //  - A negated operator (StringNotEquals, ArnNotLike, NotIpAddress, …) is true: "if the policy
        //    condition requires that the key is not matched … and the key is not present, the condition is true".
        //  - Any other operator is false.
        if (stryMutAct_9fa48("1589") ? condition.setOperator !== 'ForAllValues' : stryMutAct_9fa48("1588") ? false : stryMutAct_9fa48("1587") ? true : (stryCov_9fa48("1587", "1588", "1589"), condition.setOperator === (stryMutAct_9fa48("1590") ? "" : (stryCov_9fa48("1590"), 'ForAllValues')))) return result(stryMutAct_9fa48("1591") ? false : (stryCov_9fa48("1591"), true), stryMutAct_9fa48("1592") ? `` : (stryCov_9fa48("1592"), `${missing}, and ${operator} is true when the key has no values`));
        if (stryMutAct_9fa48("1595") ? condition.setOperator !== 'ForAnyValue' : stryMutAct_9fa48("1594") ? false : stryMutAct_9fa48("1593") ? true : (stryCov_9fa48("1593", "1594", "1595"), condition.setOperator === (stryMutAct_9fa48("1596") ? "" : (stryCov_9fa48("1596"), 'ForAnyValue')))) return result(stryMutAct_9fa48("1597") ? true : (stryCov_9fa48("1597"), false), stryMutAct_9fa48("1598") ? `` : (stryCov_9fa48("1598"), `${missing}, and ${operator} is false when the key has no values`));
        if (stryMutAct_9fa48("1600") ? false : stryMutAct_9fa48("1599") ? true : (stryCov_9fa48("1599", "1600"), condition.ifExists)) return result(stryMutAct_9fa48("1601") ? false : (stryCov_9fa48("1601"), true), stryMutAct_9fa48("1602") ? `` : (stryCov_9fa48("1602"), `${missing}, and ${operator} only checks the key when it is present`));
        if (stryMutAct_9fa48("1604") ? false : stryMutAct_9fa48("1603") ? true : (stryCov_9fa48("1603", "1604"), spec.negated)) return result(stryMutAct_9fa48("1605") ? false : (stryCov_9fa48("1605"), true), stryMutAct_9fa48("1606") ? `` : (stryCov_9fa48("1606"), `${missing}, and a negated operator (${operator}) is true when the key is absent`));
        return result(stryMutAct_9fa48("1607") ? true : (stryCov_9fa48("1607"), false), stryMutAct_9fa48("1608") ? `` : (stryCov_9fa48("1608"), `${missing} (key missing), so ${operator} against ${describeExpected(condition)} is false`));
      }
    }
    const tests = actualValues.map(stryMutAct_9fa48("1609") ? () => undefined : (stryCov_9fa48("1609"), actual => stryMutAct_9fa48("1610") ? {} : (stryCov_9fa48("1610"), {
      actual,
      ...testValue(condition, spec, actual, ctx)
    })));
    const [affirmative, negative] = spec.verbs;
    const expected = describeExpected(condition);
    const incomparableNote = stryMutAct_9fa48("1611") ? () => undefined : (stryCov_9fa48("1611"), (() => {
      const incomparableNote = (actual: string) => (stryMutAct_9fa48("1612") ? tests.find(t => t.actual === actual).incomparable : (stryCov_9fa48("1612"), tests.find(stryMutAct_9fa48("1613") ? () => undefined : (stryCov_9fa48("1613"), t => stryMutAct_9fa48("1616") ? t.actual !== actual : stryMutAct_9fa48("1615") ? false : stryMutAct_9fa48("1614") ? true : (stryCov_9fa48("1614", "1615", "1616"), t.actual === actual)))?.incomparable)) ? stryMutAct_9fa48("1617") ? `` : (stryCov_9fa48("1617"), ` (${(stryMutAct_9fa48("1620") ? spec.noun !== 'range' : stryMutAct_9fa48("1619") ? false : stryMutAct_9fa48("1618") ? true : (stryCov_9fa48("1618", "1619", "1620"), spec.noun === (stryMutAct_9fa48("1621") ? "" : (stryCov_9fa48("1621"), 'range')))) ? stryMutAct_9fa48("1622") ? "" : (stryCov_9fa48("1622"), 'not an IP address') : stryMutAct_9fa48("1623") ? "" : (stryCov_9fa48("1623"), 'the values cannot be compared')})`) : stryMutAct_9fa48("1624") ? "Stryker was here!" : (stryCov_9fa48("1624"), '');
      return incomparableNote;
    })());
    if (stryMutAct_9fa48("1627") ? condition.setOperator !== 'ForAllValues' : stryMutAct_9fa48("1626") ? false : stryMutAct_9fa48("1625") ? true : (stryCov_9fa48("1625", "1626", "1627"), condition.setOperator === (stryMutAct_9fa48("1628") ? "" : (stryCov_9fa48("1628"), 'ForAllValues')))) {
      if (stryMutAct_9fa48("1629")) {
        {}
      } else {
        stryCov_9fa48("1629");
        const failing = stryMutAct_9fa48("1630") ? tests : (stryCov_9fa48("1630"), tests.filter(stryMutAct_9fa48("1631") ? () => undefined : (stryCov_9fa48("1631"), t => stryMutAct_9fa48("1632") ? t.ok : (stryCov_9fa48("1632"), !t.ok))));
        if (stryMutAct_9fa48("1635") ? failing.length !== 0 : stryMutAct_9fa48("1634") ? false : stryMutAct_9fa48("1633") ? true : (stryCov_9fa48("1633", "1634", "1635"), failing.length === 0)) return result(stryMutAct_9fa48("1636") ? false : (stryCov_9fa48("1636"), true), stryMutAct_9fa48("1637") ? `` : (stryCov_9fa48("1637"), `every value of ${describeActual(key, actualValues)} satisfies ${operator} against ${expected}`));
        const first = stryMutAct_9fa48("1638") ? failing[0]?.actual && '' : (stryCov_9fa48("1638"), (stryMutAct_9fa48("1639") ? failing[0].actual : (stryCov_9fa48("1639"), failing[0]?.actual)) ?? (stryMutAct_9fa48("1640") ? "Stryker was here!" : (stryCov_9fa48("1640"), '')));
        return result(stryMutAct_9fa48("1641") ? true : (stryCov_9fa48("1641"), false), stryMutAct_9fa48("1642") ? `` : (stryCov_9fa48("1642"), `${operator} needs every value of ${key} to ${spec.negated ? stryMutAct_9fa48("1643") ? "" : (stryCov_9fa48("1643"), 'match none of') : stryMutAct_9fa48("1644") ? "" : (stryCov_9fa48("1644"), 'match')} ${expected}, but ${showValue(key, first)} ${spec.negated ? affirmative : negative} it${incomparableNote(first)}`));
      }
    }
    if (stryMutAct_9fa48("1647") ? condition.setOperator !== 'ForAnyValue' : stryMutAct_9fa48("1646") ? false : stryMutAct_9fa48("1645") ? true : (stryCov_9fa48("1645", "1646", "1647"), condition.setOperator === (stryMutAct_9fa48("1648") ? "" : (stryCov_9fa48("1648"), 'ForAnyValue')))) {
      if (stryMutAct_9fa48("1649")) {
        {}
      } else {
        stryCov_9fa48("1649");
        const passing = tests.find(stryMutAct_9fa48("1650") ? () => undefined : (stryCov_9fa48("1650"), t => t.ok));
        if (stryMutAct_9fa48("1652") ? false : stryMutAct_9fa48("1651") ? true : (stryCov_9fa48("1651", "1652"), passing)) return result(stryMutAct_9fa48("1653") ? false : (stryCov_9fa48("1653"), true), stryMutAct_9fa48("1654") ? `` : (stryCov_9fa48("1654"), `${showValue(key, passing.actual)} of ${key} satisfies ${operator} against ${expected}`));
        return result(stryMutAct_9fa48("1655") ? true : (stryCov_9fa48("1655"), false), stryMutAct_9fa48("1656") ? `` : (stryCov_9fa48("1656"), `no value of ${describeActual(key, actualValues)} satisfies ${operator} against ${expected}`));
      }
    }

    // A single-valued operator on a multivalued key (which AWS advises against) is read as "any
    // request value matches" for positive operators and "no request value matches" for negated ones.
    const single = (stryMutAct_9fa48("1659") ? actualValues.length !== 1 : stryMutAct_9fa48("1658") ? false : stryMutAct_9fa48("1657") ? true : (stryCov_9fa48("1657", "1658", "1659"), actualValues.length === 1)) ? stryMutAct_9fa48("1660") ? actualValues[0] && '' : (stryCov_9fa48("1660"), actualValues[0] ?? (stryMutAct_9fa48("1661") ? "Stryker was here!" : (stryCov_9fa48("1661"), ''))) : undefined;
    const shownActual = describeActual(key, actualValues);
    if (stryMutAct_9fa48("1664") ? false : stryMutAct_9fa48("1663") ? true : stryMutAct_9fa48("1662") ? spec.negated : (stryCov_9fa48("1662", "1663", "1664"), !spec.negated)) {
      if (stryMutAct_9fa48("1665")) {
        {}
      } else {
        stryCov_9fa48("1665");
        const match = tests.find(stryMutAct_9fa48("1666") ? () => undefined : (stryCov_9fa48("1666"), t => t.ok));
        if (stryMutAct_9fa48("1668") ? false : stryMutAct_9fa48("1667") ? true : (stryCov_9fa48("1667", "1668"), match)) return result(stryMutAct_9fa48("1669") ? false : (stryCov_9fa48("1669"), true), stryMutAct_9fa48("1670") ? `` : (stryCov_9fa48("1670"), `${shownActual} ${affirmative} ${expected}`));
        const note = (stryMutAct_9fa48("1673") ? single === undefined : stryMutAct_9fa48("1672") ? false : stryMutAct_9fa48("1671") ? true : (stryCov_9fa48("1671", "1672", "1673"), single !== undefined)) ? stryMutAct_9fa48("1674") ? incomparableNote(single) - differenceHint(condition, single) : (stryCov_9fa48("1674"), incomparableNote(single) + differenceHint(condition, single)) : stryMutAct_9fa48("1675") ? "Stryker was here!" : (stryCov_9fa48("1675"), '');
        return result(stryMutAct_9fa48("1676") ? true : (stryCov_9fa48("1676"), false), stryMutAct_9fa48("1677") ? `` : (stryCov_9fa48("1677"), `${shownActual} ${negative} ${expected}${note}`));
      }
    }
    const allOk = stryMutAct_9fa48("1678") ? tests.some(t => t.ok) : (stryCov_9fa48("1678"), tests.every(stryMutAct_9fa48("1679") ? () => undefined : (stryCov_9fa48("1679"), t => t.ok)));
    if (stryMutAct_9fa48("1681") ? false : stryMutAct_9fa48("1680") ? true : (stryCov_9fa48("1680", "1681"), allOk)) return result(stryMutAct_9fa48("1682") ? false : (stryCov_9fa48("1682"), true), stryMutAct_9fa48("1683") ? `` : (stryCov_9fa48("1683"), `${shownActual} ${negative} ${expected}, as ${operator} requires`));
    const incomparable = tests.find(stryMutAct_9fa48("1684") ? () => undefined : (stryCov_9fa48("1684"), t => t.incomparable));
    if (stryMutAct_9fa48("1686") ? false : stryMutAct_9fa48("1685") ? true : (stryCov_9fa48("1685", "1686"), incomparable)) return result(stryMutAct_9fa48("1687") ? true : (stryCov_9fa48("1687"), false), stryMutAct_9fa48("1688") ? `` : (stryCov_9fa48("1688"), `${shownActual} cannot be compared with ${expected}${incomparableNote(incomparable.actual)}, so ${operator} is false`));
    return result(stryMutAct_9fa48("1689") ? true : (stryCov_9fa48("1689"), false), stryMutAct_9fa48("1690") ? `` : (stryCov_9fa48("1690"), `${shownActual} ${affirmative} ${expected}, which ${operator} excludes`));
  }
}
function listText(values: string[]): string {
  if (stryMutAct_9fa48("1691")) {
    {}
  } else {
    stryCov_9fa48("1691");
    return (stryMutAct_9fa48("1694") ? values.length !== 1 : stryMutAct_9fa48("1693") ? false : stryMutAct_9fa48("1692") ? true : (stryCov_9fa48("1692", "1693", "1694"), values.length === 1)) ? stryMutAct_9fa48("1695") ? values[0] && '' : (stryCov_9fa48("1695"), values[0] ?? (stryMutAct_9fa48("1696") ? "Stryker was here!" : (stryCov_9fa48("1696"), ''))) : stryMutAct_9fa48("1697") ? `` : (stryCov_9fa48("1697"), `[${values.join(stryMutAct_9fa48("1698") ? "" : (stryCov_9fa48("1698"), ', '))}]`);
  }
}
function evaluateStatement(statement: ParsedStatement, request: RequestContext, kind: PolicyKind, ctx: MatchContext): StatementEvaluation {
  if (stryMutAct_9fa48("1699")) {
    {}
  } else {
    stryCov_9fa48("1699");
    const {
      label
    } = statement;
    const reasons: string[] = stryMutAct_9fa48("1700") ? ["Stryker was here"] : (stryCov_9fa48("1700"), []);
    const caller = request.principal.arn;
    let principalMatches = stryMutAct_9fa48("1701") ? false : (stryCov_9fa48("1701"), true);
    if (stryMutAct_9fa48("1703") ? false : stryMutAct_9fa48("1702") ? true : (stryCov_9fa48("1702", "1703"), statement.principal)) {
      if (stryMutAct_9fa48("1704")) {
        {}
      } else {
        stryCov_9fa48("1704");
        const {
          matches,
          notes
        } = principalMatchesBlock(statement.principal, request.principal);
        principalMatches = matches;
        if (stryMutAct_9fa48("1707") ? false : stryMutAct_9fa48("1706") ? true : stryMutAct_9fa48("1705") ? matches : (stryCov_9fa48("1705", "1706", "1707"), !matches)) reasons.push(stryMutAct_9fa48("1708") ? `` : (stryCov_9fa48("1708"), `${label}: Principal ${describePrincipalBlock(statement.principal)} does not match the caller ${caller}`));
        reasons.push(...notes.map(stryMutAct_9fa48("1709") ? () => undefined : (stryCov_9fa48("1709"), note => stryMutAct_9fa48("1710") ? `` : (stryCov_9fa48("1710"), `${label}: ${note}`))));
      }
    } else if (stryMutAct_9fa48("1712") ? false : stryMutAct_9fa48("1711") ? true : (stryCov_9fa48("1711", "1712"), statement.notPrincipal)) {
      if (stryMutAct_9fa48("1713")) {
        {}
      } else {
        stryCov_9fa48("1713");
        const {
          matches,
          notes
        } = principalMatchesBlock(statement.notPrincipal, request.principal);
        // NotPrincipal matches with the same rules as Principal (a role ARN covers its sessions). AWS only
        // supports it with Deny in resource-based policies, and is stricter for sessions (it wants the
        // account ARN listed too); the reasons say so rather than guess at that service-specific order.
        principalMatches = stryMutAct_9fa48("1714") ? matches : (stryCov_9fa48("1714"), !matches);
        reasons.push(matches ? stryMutAct_9fa48("1715") ? `` : (stryCov_9fa48("1715"), `${label}: the caller ${caller} is listed in NotPrincipal (${describePrincipalBlock(statement.notPrincipal)}), so the statement does not apply to it`) : stryMutAct_9fa48("1716") ? `` : (stryCov_9fa48("1716"), `${label}: the caller ${caller} is not listed in NotPrincipal (${describePrincipalBlock(statement.notPrincipal)}), so the statement applies to it`));
        reasons.push(...notes.map(stryMutAct_9fa48("1717") ? () => undefined : (stryCov_9fa48("1717"), note => stryMutAct_9fa48("1718") ? `` : (stryCov_9fa48("1718"), `${label}: ${note}`))));
        if (stryMutAct_9fa48("1721") ? kind === 'trust' && statement.effect === 'Allow' : stryMutAct_9fa48("1720") ? false : stryMutAct_9fa48("1719") ? true : (stryCov_9fa48("1719", "1720", "1721"), (stryMutAct_9fa48("1723") ? kind !== 'trust' : stryMutAct_9fa48("1722") ? false : (stryCov_9fa48("1722", "1723"), kind === (stryMutAct_9fa48("1724") ? "" : (stryCov_9fa48("1724"), 'trust')))) || (stryMutAct_9fa48("1726") ? statement.effect !== 'Allow' : stryMutAct_9fa48("1725") ? false : (stryCov_9fa48("1725", "1726"), statement.effect === (stryMutAct_9fa48("1727") ? "" : (stryCov_9fa48("1727"), 'Allow')))))) {
          if (stryMutAct_9fa48("1728")) {
            {}
          } else {
            stryCov_9fa48("1728");
            reasons.push(stryMutAct_9fa48("1729") ? `` : (stryCov_9fa48("1729"), `${label}: AWS supports NotPrincipal only with "Effect": "Deny" in resource-based policies, not in role trust policies; use a Deny with an ArnNotEquals condition on aws:PrincipalArn instead`));
          }
        }
      }
    }
    const actionMatch = stryMutAct_9fa48("1730") ? () => undefined : (stryCov_9fa48("1730"), (() => {
      const actionMatch = (patterns: string[]) => stryMutAct_9fa48("1731") ? patterns.every(p => wildcardMatch(p, request.action, true, {
        ...ctx,
        variables: false
      }) === true) : (stryCov_9fa48("1731"), patterns.some(stryMutAct_9fa48("1732") ? () => undefined : (stryCov_9fa48("1732"), p => stryMutAct_9fa48("1735") ? wildcardMatch(p, request.action, true, {
        ...ctx,
        variables: false
      }) !== true : stryMutAct_9fa48("1734") ? false : stryMutAct_9fa48("1733") ? true : (stryCov_9fa48("1733", "1734", "1735"), wildcardMatch(p, request.action, stryMutAct_9fa48("1736") ? false : (stryCov_9fa48("1736"), true), stryMutAct_9fa48("1737") ? {} : (stryCov_9fa48("1737"), {
        ...ctx,
        variables: stryMutAct_9fa48("1738") ? true : (stryCov_9fa48("1738"), false)
      })) === (stryMutAct_9fa48("1739") ? false : (stryCov_9fa48("1739"), true))))));
      return actionMatch;
    })());
    let actionMatches: boolean;
    if (stryMutAct_9fa48("1741") ? false : stryMutAct_9fa48("1740") ? true : (stryCov_9fa48("1740", "1741"), statement.actions)) {
      if (stryMutAct_9fa48("1742")) {
        {}
      } else {
        stryCov_9fa48("1742");
        actionMatches = actionMatch(statement.actions);
        if (stryMutAct_9fa48("1745") ? false : stryMutAct_9fa48("1744") ? true : stryMutAct_9fa48("1743") ? actionMatches : (stryCov_9fa48("1743", "1744", "1745"), !actionMatches)) reasons.push(stryMutAct_9fa48("1746") ? `` : (stryCov_9fa48("1746"), `${label}: Action ${listText(statement.actions)} does not include ${request.action}`));
      }
    } else {
      if (stryMutAct_9fa48("1747")) {
        {}
      } else {
        stryCov_9fa48("1747");
        const excluded = actionMatch(stryMutAct_9fa48("1748") ? statement.notActions && [] : (stryCov_9fa48("1748"), statement.notActions ?? (stryMutAct_9fa48("1749") ? ["Stryker was here"] : (stryCov_9fa48("1749"), []))));
        actionMatches = stryMutAct_9fa48("1750") ? excluded : (stryCov_9fa48("1750"), !excluded);
        if (stryMutAct_9fa48("1752") ? false : stryMutAct_9fa48("1751") ? true : (stryCov_9fa48("1751", "1752"), excluded)) reasons.push(stryMutAct_9fa48("1753") ? `` : (stryCov_9fa48("1753"), `${label}: NotAction ${listText(stryMutAct_9fa48("1754") ? statement.notActions && [] : (stryCov_9fa48("1754"), statement.notActions ?? (stryMutAct_9fa48("1755") ? ["Stryker was here"] : (stryCov_9fa48("1755"), []))))} excludes ${request.action}`));
      }
    }
    let resourceMatches = stryMutAct_9fa48("1756") ? false : (stryCov_9fa48("1756"), true);
    if (stryMutAct_9fa48("1758") ? false : stryMutAct_9fa48("1757") ? true : (stryCov_9fa48("1757", "1758"), statement.resources)) {
      if (stryMutAct_9fa48("1759")) {
        {}
      } else {
        stryCov_9fa48("1759");
        resourceMatches = stryMutAct_9fa48("1760") ? statement.resources.every(p => arnMatch(p, request.resource, ctx) === true) : (stryCov_9fa48("1760"), statement.resources.some(stryMutAct_9fa48("1761") ? () => undefined : (stryCov_9fa48("1761"), p => stryMutAct_9fa48("1764") ? arnMatch(p, request.resource, ctx) !== true : stryMutAct_9fa48("1763") ? false : stryMutAct_9fa48("1762") ? true : (stryCov_9fa48("1762", "1763", "1764"), arnMatch(p, request.resource, ctx) === (stryMutAct_9fa48("1765") ? false : (stryCov_9fa48("1765"), true))))));
        if (stryMutAct_9fa48("1768") ? false : stryMutAct_9fa48("1767") ? true : stryMutAct_9fa48("1766") ? resourceMatches : (stryCov_9fa48("1766", "1767", "1768"), !resourceMatches)) reasons.push(stryMutAct_9fa48("1769") ? `` : (stryCov_9fa48("1769"), `${label}: Resource ${listText(statement.resources)} does not match ${request.resource}`));
      }
    } else if (stryMutAct_9fa48("1771") ? false : stryMutAct_9fa48("1770") ? true : (stryCov_9fa48("1770", "1771"), statement.notResources)) {
      if (stryMutAct_9fa48("1772")) {
        {}
      } else {
        stryCov_9fa48("1772");
        const excluded = stryMutAct_9fa48("1773") ? statement.notResources.every(p => arnMatch(p, request.resource, ctx) === true) : (stryCov_9fa48("1773"), statement.notResources.some(stryMutAct_9fa48("1774") ? () => undefined : (stryCov_9fa48("1774"), p => stryMutAct_9fa48("1777") ? arnMatch(p, request.resource, ctx) !== true : stryMutAct_9fa48("1776") ? false : stryMutAct_9fa48("1775") ? true : (stryCov_9fa48("1775", "1776", "1777"), arnMatch(p, request.resource, ctx) === (stryMutAct_9fa48("1778") ? false : (stryCov_9fa48("1778"), true))))));
        resourceMatches = stryMutAct_9fa48("1779") ? excluded : (stryCov_9fa48("1779"), !excluded);
        if (stryMutAct_9fa48("1781") ? false : stryMutAct_9fa48("1780") ? true : (stryCov_9fa48("1780", "1781"), excluded)) reasons.push(stryMutAct_9fa48("1782") ? `` : (stryCov_9fa48("1782"), `${label}: NotResource ${listText(statement.notResources)} excludes ${request.resource}`));
      }
    }
    const conditions = statement.conditions.map(stryMutAct_9fa48("1783") ? () => undefined : (stryCov_9fa48("1783"), c => evaluateCondition(c, ctx)));
    const conditionsMet = stryMutAct_9fa48("1784") ? conditions.some(c => c.met) : (stryCov_9fa48("1784"), conditions.every(stryMutAct_9fa48("1785") ? () => undefined : (stryCov_9fa48("1785"), c => c.met)));
    for (const c of conditions) {
      if (stryMutAct_9fa48("1786")) {
        {}
      } else {
        stryCov_9fa48("1786");
        if (stryMutAct_9fa48("1789") ? false : stryMutAct_9fa48("1788") ? true : stryMutAct_9fa48("1787") ? c.met : (stryCov_9fa48("1787", "1788", "1789"), !c.met)) reasons.push(stryMutAct_9fa48("1790") ? `` : (stryCov_9fa48("1790"), `${label}: condition ${c.operator} on ${c.key} is not met: ${c.reason}`));
      }
    }
    const applies = stryMutAct_9fa48("1793") ? principalMatches && actionMatches && resourceMatches || conditionsMet : stryMutAct_9fa48("1792") ? false : stryMutAct_9fa48("1791") ? true : (stryCov_9fa48("1791", "1792", "1793"), (stryMutAct_9fa48("1795") ? principalMatches && actionMatches || resourceMatches : stryMutAct_9fa48("1794") ? true : (stryCov_9fa48("1794", "1795"), (stryMutAct_9fa48("1797") ? principalMatches || actionMatches : stryMutAct_9fa48("1796") ? true : (stryCov_9fa48("1796", "1797"), principalMatches && actionMatches)) && resourceMatches)) && conditionsMet);
    if (stryMutAct_9fa48("1799") ? false : stryMutAct_9fa48("1798") ? true : (stryCov_9fa48("1798", "1799"), applies)) {
      if (stryMutAct_9fa48("1800")) {
        {}
      } else {
        stryCov_9fa48("1800");
        const who = (stryMutAct_9fa48("1803") ? statement.principal && statement.notPrincipal : stryMutAct_9fa48("1802") ? false : stryMutAct_9fa48("1801") ? true : (stryCov_9fa48("1801", "1802", "1803"), statement.principal || statement.notPrincipal)) ? stryMutAct_9fa48("1804") ? `` : (stryCov_9fa48("1804"), ` for ${caller}`) : stryMutAct_9fa48("1805") ? "Stryker was here!" : (stryCov_9fa48("1805"), '');
        reasons.push(stryMutAct_9fa48("1806") ? `` : (stryCov_9fa48("1806"), `${label}: applies — ${(stryMutAct_9fa48("1809") ? statement.effect !== 'Allow' : stryMutAct_9fa48("1808") ? false : stryMutAct_9fa48("1807") ? true : (stryCov_9fa48("1807", "1808", "1809"), statement.effect === (stryMutAct_9fa48("1810") ? "" : (stryCov_9fa48("1810"), 'Allow')))) ? stryMutAct_9fa48("1811") ? "" : (stryCov_9fa48("1811"), 'allows') : stryMutAct_9fa48("1812") ? "" : (stryCov_9fa48("1812"), 'explicitly denies')} ${request.action}${who}`));
      }
    }
    return stryMutAct_9fa48("1813") ? {} : (stryCov_9fa48("1813"), {
      index: statement.index,
      ...((stryMutAct_9fa48("1816") ? statement.sid === undefined : stryMutAct_9fa48("1815") ? false : stryMutAct_9fa48("1814") ? true : (stryCov_9fa48("1814", "1815", "1816"), statement.sid !== undefined)) ? stryMutAct_9fa48("1817") ? {} : (stryCov_9fa48("1817"), {
        sid: statement.sid
      }) : {}),
      effect: statement.effect,
      principalMatches,
      actionMatches,
      resourceMatches,
      conditionsMet,
      applies,
      conditions,
      reasons
    });
  }
}
function decide(statements: StatementEvaluation[]): Decision {
  if (stryMutAct_9fa48("1818")) {
    {}
  } else {
    stryCov_9fa48("1818");
    // An explicit Deny wins over any Allow; without an applicable Allow the request is implicitly denied.
    if (stryMutAct_9fa48("1821") ? statements.every(s => s.applies && s.effect === 'Deny') : stryMutAct_9fa48("1820") ? false : stryMutAct_9fa48("1819") ? true : (stryCov_9fa48("1819", "1820", "1821"), statements.some(stryMutAct_9fa48("1822") ? () => undefined : (stryCov_9fa48("1822"), s => stryMutAct_9fa48("1825") ? s.applies || s.effect === 'Deny' : stryMutAct_9fa48("1824") ? false : stryMutAct_9fa48("1823") ? true : (stryCov_9fa48("1823", "1824", "1825"), s.applies && (stryMutAct_9fa48("1827") ? s.effect !== 'Deny' : stryMutAct_9fa48("1826") ? true : (stryCov_9fa48("1826", "1827"), s.effect === (stryMutAct_9fa48("1828") ? "" : (stryCov_9fa48("1828"), 'Deny'))))))))) return stryMutAct_9fa48("1829") ? "" : (stryCov_9fa48("1829"), 'explicitDeny');
    if (stryMutAct_9fa48("1832") ? statements.every(s => s.applies && s.effect === 'Allow') : stryMutAct_9fa48("1831") ? false : stryMutAct_9fa48("1830") ? true : (stryCov_9fa48("1830", "1831", "1832"), statements.some(stryMutAct_9fa48("1833") ? () => undefined : (stryCov_9fa48("1833"), s => stryMutAct_9fa48("1836") ? s.applies || s.effect === 'Allow' : stryMutAct_9fa48("1835") ? false : stryMutAct_9fa48("1834") ? true : (stryCov_9fa48("1834", "1835", "1836"), s.applies && (stryMutAct_9fa48("1838") ? s.effect !== 'Allow' : stryMutAct_9fa48("1837") ? true : (stryCov_9fa48("1837", "1838"), s.effect === (stryMutAct_9fa48("1839") ? "" : (stryCov_9fa48("1839"), 'Allow'))))))))) return stryMutAct_9fa48("1840") ? "" : (stryCov_9fa48("1840"), 'allowed');
    return stryMutAct_9fa48("1841") ? "" : (stryCov_9fa48("1841"), 'implicitDeny');
  }
}
function evaluateParsed(policy: ParsedPolicy, request: RequestContext, kind: PolicyKind): StatementEvaluation[] {
  if (stryMutAct_9fa48("1842")) {
    {}
  } else {
    stryCov_9fa48("1842");
    const lookup = requestKeys(request);
    const ctx: MatchContext = stryMutAct_9fa48("1843") ? {} : (stryCov_9fa48("1843"), {
      variables: policy.variables,
      lookup
    });
    return policy.statements.map(stryMutAct_9fa48("1844") ? () => undefined : (stryCov_9fa48("1844"), s => evaluateStatement(s, request, kind, ctx)));
  }
}

/**
 * Evaluates one policy of the given kind for one request. Throws PolicyDocumentError when the
 * document is malformed (anywhere, not only in the statements that would decide).
 */
export function evaluatePolicy(document: unknown, request: RequestContext, kind: PolicyKind): PolicyEvaluation {
  if (stryMutAct_9fa48("1845")) {
    {}
  } else {
    stryCov_9fa48("1845");
    const statements = evaluateParsed(parsePolicy(document, kind), request, kind);
    return stryMutAct_9fa48("1846") ? {} : (stryCov_9fa48("1846"), {
      decision: decide(statements),
      statements
    });
  }
}

/**
 * Evaluates several policies of one kind as one (e.g. a role's inline and managed identity
 * policies): a Deny in any denies, an Allow in any allows. Statement indexes stay those of their own
 * document; reasons and errors name the policy as Policy[i].
 */
export function evaluatePolicies(documents: unknown[], request: RequestContext, kind: PolicyKind): PolicyEvaluation {
  if (stryMutAct_9fa48("1847")) {
    {}
  } else {
    stryCov_9fa48("1847");
    const parsed = documents.map(stryMutAct_9fa48("1848") ? () => undefined : (stryCov_9fa48("1848"), (d, i) => parsePolicy(d, kind, (stryMutAct_9fa48("1852") ? documents.length <= 1 : stryMutAct_9fa48("1851") ? documents.length >= 1 : stryMutAct_9fa48("1850") ? false : stryMutAct_9fa48("1849") ? true : (stryCov_9fa48("1849", "1850", "1851", "1852"), documents.length > 1)) ? stryMutAct_9fa48("1853") ? `` : (stryCov_9fa48("1853"), `Policy[${i}].`) : stryMutAct_9fa48("1854") ? "Stryker was here!" : (stryCov_9fa48("1854"), ''))));
    const statements = parsed.flatMap(stryMutAct_9fa48("1855") ? () => undefined : (stryCov_9fa48("1855"), p => evaluateParsed(p, request, kind)));
    return stryMutAct_9fa48("1856") ? {} : (stryCov_9fa48("1856"), {
      decision: decide(statements),
      statements
    });
  }
}