// Diagnoses from what the verifier itself observed rather than from an error: a denial inside the IAM
// propagation window, a target role that let us in without the External ID, and one that let in an
// identity of ours other than the dataplane role.
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

/**
 * The stack's trust probe role — ours, not the tenant's dataplane role — assumed the target with the
 * External ID: the trust policy does not pin the dataplane role. A warning on a verified connection.
 */
export function diagnoseTrustNotPinned(ctx: DiagnosisContext, probeRoleArn: string): Diagnosis {
  return toDiagnosis(
    {
      code: 'TRUST_NOT_PINNED',
      summary:
        `${ctx.targetRoleArn} verified, but its trust policy is not pinned to our dataplane role ${ctx.dataplaneRoleArn}: ` +
        `another role of our account, ${probeRoleArn}, could assume it with the External ID too. It trusts our whole account ` +
        `${ctx.vendorAccountId} or more, so any principal of ours that learns the External ID could reach it.`,
      fix:
        `The customer sets, in the statement of ${roleNameOf(ctx.targetRoleArn)}'s trust policy that allows sts:AssumeRole with ` +
        `the External ID: "Principal": {"AWS": "${ctx.dataplaneRoleArn}"} (instead of the account, "*" or any wider principal), ` +
        `keeping its sts:ExternalId condition; then asks for a re-run.`,
    },
    [
      {
        source: 'verifier',
        summary:
          `sts:AssumeRole with the External ID succeeded as the dataplane role, and succeeded again as ${probeRoleArn}, ` +
          `a role that is not the dataplane role (deny-all session, nothing done with it)`,
      },
    ],
  );
}
