// The request explain evaluates (the tenant's dataplane role calling sts:AssumeRole, with or without
// the External ID), the shapes of its answer, and what every part of the explanation knows.
import { Decision, PolicyEvaluation, principalFromArn, RequestContext, RequestPrincipal, StatementEvaluation } from '../../../iam-policy';

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
export const ACTION = 'sts:AssumeRole';
// STS's rule for External IDs: 2–1224 characters from this set (no whitespace).
export const EXTERNAL_ID_FORMAT = /^[\w+=,.@:/-]*$/;

export type RawStatement = Record<string, unknown>;
export type RawPolicy = Record<string, unknown> & { Statement: RawStatement[] };

export interface Context {
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



export function callerPrincipal(options: TrustPolicyExplainOptions): RequestPrincipal {
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

export function assumeRoleRequest(caller: RequestPrincipal, options: TrustPolicyExplainOptions, externalId: string | undefined): RequestContext {
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

