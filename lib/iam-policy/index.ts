// An IAM policy evaluator: one policy type at a time, statement by statement, with reasons a support
// engineer can act on. The embedded sandbox's STS decides AssumeRole with it, and the trust-policy
// explanation builds its diagnosis on the per-statement results.
//
// Semantics follow the IAM policy reference (policy evaluation logic, Principal/NotPrincipal,
// Action/NotAction, Resource/NotResource, condition operators and set operators). Where AWS is
// ambiguous or underdocumented, the choice is stated next to the code that makes it.
//
// Secrets: the value of sts:ExternalId is never put in clear into a reason or a ConditionEvaluation;
// it is shown as its length and a short fingerprint (describeSecret, lib/external-id.ts), so diagnoses can be logged,
// stored in the status table and pasted to customers.
//
// types.ts holds the shapes, parse.ts reads documents, principals.ts, patterns.ts and operators.ts
// match their parts, evaluate.ts decides, differences.ts words what a secret-safe comparison found.
export { describeDifference, isSecretConditionKey, stripEdgeWhitespace } from './differences';
export { evaluatePolicies, evaluatePolicy } from './evaluate';
export { parsePolicyDocument, readPolicyDocument } from './parse';
export { principalFromArn } from './principals';
export * from './types';
