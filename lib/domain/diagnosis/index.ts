// Diagnosis of a failed role assumption (see codes.ts for the facts that shape it).
export { cloudTrailEvidence, diagnoseCloudTrailEvent, isDenial } from './cloudtrail';
export * from './codes';
export { formatDiagnosis } from './formatting';
export { scrubExternalIds } from './messages';
export { diagnoseStsError } from './sts-errors';
export { diagnoseExternalIdNotEnforced, diagnoseTrustNotPinned, propagationPending } from './verifier-findings';
