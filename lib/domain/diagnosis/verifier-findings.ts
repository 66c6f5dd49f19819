// Diagnoses from what the verifier itself observed rather than from an error: a denial inside the IAM
// propagation window, and a target role that let us in without the External ID.
import type { Diagnosis, DiagnosisContext, Evidence } from './codes';
import { toDiagnosis } from './sts-errors';
import { roleNameOf } from './context';

/**
 * A denial seen inside the IAM propagation window (a new role or a trust change can take up to ~2
 * minutes to reach STS) is not final: report it as transient, keeping what it would mean if it lasts.
 */
export function propagationPending(base: Diagnosis): Diagnosis {
  if (base.code === 'PROPAGATION_PENDING') return base;
  return {
    code: 'PROPAGATION_PENDING',
    side: 'transient',
    summary:
      `Denied within the IAM propagation window (up to about 2 minutes after a role or trust policy change), so this is not ` +
      `final yet and will be retried. If it persists, it means ${base.code} (${base.side} side): ${base.summary}`,
    fix: `Nothing yet: IAM changes take seconds to ~2 minutes to reach STS. If the denial persists: ${base.fix}`,
    evidence: [{ source: 'verifier', summary: `Underlying diagnosis: ${base.code} (${base.side} side)` }, ...base.evidence],
    ...(base.rawMessage !== undefined ? { rawMessage: base.rawMessage } : {}),
    ...(base.policyType !== undefined ? { policyType: base.policyType } : {}),
  };
}

/** The role has no External ID condition: the call without one succeeded too. */
export function diagnoseExternalIdNotEnforced(ctx: DiagnosisContext, evidence: Evidence[] = []): Diagnosis {
  return toDiagnosis(
    {
      code: 'EXTERNAL_ID_NOT_ENFORCED',
      summary:
        `${ctx.targetRoleArn} can be assumed by our dataplane role ${ctx.dataplaneRoleArn} WITHOUT an External ID, so it is ` +
        `open to the confused-deputy problem: anyone able to act as that role could reach it. The connection is not verified.`,
      fix:
        `The customer adds to the statement of ${roleNameOf(ctx.targetRoleArn)}'s trust policy that allows ${ctx.dataplaneRoleArn}: ` +
        `"Condition": {"StringEquals": {"sts:ExternalId": "<the External ID entered in the connection>"}}.`,
    },
    [
      {
        source: 'verifier',
        summary: 'sts:AssumeRole with the External ID succeeded, and sts:AssumeRole without any External ID succeeded too',
      },
      ...evidence,
    ],
  );
}
