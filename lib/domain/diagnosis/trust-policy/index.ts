// Trust-policy explain (see explain.ts): the command `explain` and support's runbook use it.
export { explainTrustPolicy } from './explain';
export { CORRECTED_POLICY_EXTERNAL_ID_PLACEHOLDER, type ExplainDecision, type TrustPolicyExplainOptions, type TrustPolicyExplanation } from './request';
