// @ts-nocheck
// IAM's checks on the policy documents it is given. A document our code builds wrongly must fail in
// the sandbox the way it fails in AWS (MalformedPolicyDocument), not on the first real deployment.
import { awsError } from './service-errors';

export type PolicyKind = 'trust' | 'identity';

const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);
const PRINCIPAL_TYPES = new Set(['AWS', 'Federated', 'Service', 'CanonicalUser']);
const ACTION = /^(\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*?]*)$/;
const AWS_PRINCIPAL =
  /^(\*|\d{12}|arn:aws[a-z-]*:iam::\d{12}:(root|role\/[\w+=,.@/-]+|user\/[\w+=,.@/-]+)|arn:aws[a-z-]*:sts::\d{12}:(assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+|federated-user\/[\w+=,.@-]+)|A[A-Z0-9]{16,127})$/;
const FEDERATED_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):(oidc-provider|saml-provider)\/.+$/;
const WEB_IDENTITY_DOMAINS = new Set([
  'cognito-identity.amazonaws.com',
  'www.amazon.com',
  'graph.facebook.com',
  'accounts.google.com',
]);
const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.(amazonaws\.com|amazonaws\.com\.cn|aws\.internal)$/;

function malformed(message: string): Error {
  return awsError('iam', 'MalformedPolicyDocument', message);
}

/** IAM counts policy size without whitespace. */
export function policySize(document: string): number {
  return document.replace(/\s/g, '').length;
}

export interface PolicyCheckOptions {
  /** True when an OIDC or SAML provider ARN names a provider that exists; IAM rejects a trust policy otherwise. */
  federatedProviderExists?: (arn: string) => boolean;
}

/**
 * Throws IAM's MalformedPolicyDocument when the document would be rejected. Returns the parsed
 * document. Trust policies must name principals and only STS actions; identity policies must not
 * name principals and must name resources.
 */
export function checkPolicyDocument(document: string, kind: PolicyKind, options: PolicyCheckOptions = {}): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw malformed('This policy contains invalid Json');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw malformed('Syntax errors in policy.');
  const policy = parsed as Record<string, unknown>;
  for (const key of Object.keys(policy)) {
    if (key !== 'Version' && key !== 'Id' && key !== 'Statement') throw malformed('Syntax errors in policy.');
  }
  if (policy.Version !== undefined && policy.Version !== '2012-10-17' && policy.Version !== '2008-10-17') {
    throw malformed('The policy failed legacy parsing');
  }
  if (policy.Statement === undefined) throw malformed('Missing required field Statement');
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  if (statements.length === 0) throw malformed('Syntax errors in policy.');
  for (const statement of statements) checkStatement(statement, kind, options);
  return parsed;
}

function checkStatement(raw: unknown, kind: PolicyKind, options: PolicyCheckOptions): void {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw malformed('Syntax errors in policy.');
  const s = raw as Record<string, unknown>;
  for (const key of Object.keys(s)) {
    if (!STATEMENT_KEYS.has(key)) throw malformed(`Syntax errors in policy.`);
  }
  if (s.Effect === undefined) throw malformed('Missing required field Effect');
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw malformed(`Invalid effect: ${String(s.Effect)}`);

  if (s.Action === undefined && s.NotAction === undefined) throw malformed('Missing required field Action');
  if (s.Action !== undefined && s.NotAction !== undefined) throw malformed('Syntax errors in policy.');
  const actions = stringList(s.Action ?? s.NotAction);
  for (const action of actions) {
    if (!ACTION.test(action)) throw malformed('Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
  }
  if (s.Condition !== undefined) checkCondition(s.Condition);

  if (kind === 'trust') {
    if (s.Resource !== undefined) throw malformed('Has prohibited field Resource');
    if (s.NotResource !== undefined) throw malformed('Has prohibited field NotResource');
    if (s.Principal === undefined && s.NotPrincipal === undefined) throw malformed('Missing required field Principal');
    for (const action of actions) {
      if (action !== '*' && !action.toLowerCase().startsWith('sts:')) {
        throw malformed('AssumeRole policy may only specify STS AssumeRole actions.');
      }
    }
    checkPrincipal(s.Principal ?? s.NotPrincipal, options);
  } else {
    if (s.Principal !== undefined || s.NotPrincipal !== undefined) {
      throw malformed('Policy document should not specify a principal.');
    }
    if (s.Resource === undefined && s.NotResource === undefined) throw malformed('Missing required field Resource');
    stringList(s.Resource ?? s.NotResource);
  }
}

function stringList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.some((v) => typeof v !== 'string' || v.length === 0)) {
    throw malformed('Syntax errors in policy.');
  }
  return list as string[];
}

function checkCondition(condition: unknown): void {
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
    throw malformed('Syntax errors in policy.');
  }
  for (const block of Object.values(condition)) {
    if (typeof block !== 'object' || block === null || Array.isArray(block)) throw malformed('Syntax errors in policy.');
    for (const value of Object.values(block)) {
      const values = Array.isArray(value) ? value : [value];
      if (values.some((v) => !['string', 'boolean', 'number'].includes(typeof v))) throw malformed('Syntax errors in policy.');
    }
  }
}

function checkPrincipal(principal: unknown, options: PolicyCheckOptions): void {
  if (principal === '*') return;
  if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) {
    throw malformed('Invalid principal in policy');
  }
  for (const [type, value] of Object.entries(principal)) {
    const invalid = (v: unknown) => malformed(`Invalid principal in policy: "${type}":"${String(v)}"`);
    if (!PRINCIPAL_TYPES.has(type)) throw invalid(value);
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0) throw invalid('');
    for (const v of values) {
      if (typeof v !== 'string' || v.length === 0) throw invalid(v);
      if (type === 'AWS' && !AWS_PRINCIPAL.test(v)) throw invalid(v);
      if (type === 'Service' && !SERVICE_PRINCIPAL.test(v)) throw invalid(v);
      if (type === 'Federated') {
        if (WEB_IDENTITY_DOMAINS.has(v)) continue;
        if (!FEDERATED_ARN.test(v)) throw invalid(v);
        // IAM resolves a federated principal when the policy is written: a missing provider is rejected.
        if (options.federatedProviderExists && !options.federatedProviderExists(v)) throw invalid(v);
      }
    }
  }
}
