// The shapes of the IAM policy evaluator's requests and results.

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
  override readonly name = 'PolicyDocumentError';
}

/** Not an IAM or STS principal ARN we can evaluate. */
export class InvalidPrincipalArnError extends Error {
  override readonly name = 'InvalidPrincipalArnError';
}
