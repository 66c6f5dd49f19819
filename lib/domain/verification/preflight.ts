// Pre-flight: a connection checked before any STS call, so that a typo is reported as exactly that
// typo instead of as the generic cross-account AccessDenied that STS would return for it; and an
// endpoint host our dataplane cannot reach, which no call would reveal.
import { describeExternalId, EXTERNAL_ID_MAX_LENGTH, EXTERNAL_ID_MIN_LENGTH, externalIdProblems } from '../../external-id';
import { joinList } from '../../problem-text';
import { type Diagnosis, type Evidence } from '../diagnosis';
import { dataplaneRoleMixup, ROLE_ARN_SHAPE, roleArnProblems } from '../role-arn';
import { type Connection } from './connection';
import { diagnoseHostNotCanonical } from '../diagnosis/probe-findings';
import { hostProblem } from '../probes/hosts';

export interface PreflightContext {
  vendorAccountId: string;
  /** The partition our dataplane runs in: a role in another partition cannot trust it. */
  partition: string;
  dataplaneRoleArn: string;
}

function preflightEvidence(field: string, problems: string[]): Evidence[] {
  return problems.map((problem) => ({ source: 'preflight', summary: `${field} ${problem}` }));
}

/**
 * Checks a connection before any STS call. Returns the first finding (role ARN syntax, then a role of
 * ours in place of the customer's, then the External ID) with every problem found as evidence, or
 * undefined when nothing is wrong that can be seen without calling AWS.
 */
export function preflightConnection(connection: Connection, ctx: PreflightContext): Diagnosis | undefined {
  const arnProblems = roleArnProblems(connection.roleArn, ctx.partition);
  // Only an ARN without problems, whitespace included, is compared with ours.
  const mixup = arnProblems.length === 0 ? dataplaneRoleMixup(connection.roleArn, ctx) : undefined;
  const idProblems = externalIdProblems(connection.externalId);
  const evidence = [
    ...preflightEvidence('The role ARN', arnProblems),
    ...(mixup ? preflightEvidence('The role ARN', [mixup]) : []),
    ...preflightEvidence(`The External ID (${describeExternalId(connection.externalId)})`, idProblems),
  ];
  const connectionName = `connection "${connection.connectionId}"`;

  if (arnProblems.length > 0) {
    return {
      code: 'ROLE_ARN_INVALID',
      side: 'customer',
      summary: `The role ARN of ${connectionName} is not a valid IAM role ARN: it ${joinList(arnProblems)}. Nothing was sent to AWS.`,
      fix:
        `In the connection, enter the ARN of the target role in your own AWS account exactly as the IAM console shows it ` +
        `(IAM > Roles > <role> > ARN), ${ROLE_ARN_SHAPE}, with no spaces or line breaks.`,
      evidence,
    };
  }
  if (mixup) {
    return {
      code: 'ROLE_ARN_IS_DATAPLANE_ROLE',
      side: 'customer',
      summary:
        `The role ARN of ${connectionName}, ${connection.roleArn}, ${mixup}. ` +
        `The connection needs the ARN of the customer's own target role — the role with access to their data.`,
      fix:
        `Keep ${ctx.dataplaneRoleArn} as the Principal in the target role's trust policy, and enter the target role's own ARN ` +
        `(arn:aws:iam::<your account id>:role/<your role name>) in the connection.`,
      evidence,
    };
  }
  if (idProblems.length > 0) {
    return {
      code: 'EXTERNAL_ID_INVALID',
      side: 'customer',
      summary:
        `The External ID of ${connectionName} (${describeExternalId(connection.externalId)}) ${joinList(idProblems)}. ` +
        `AWS would reject it, so nothing was sent.`,
      fix:
        `Re-enter the External ID in the connection: ${EXTERNAL_ID_MIN_LENGTH}-${EXTERNAL_ID_MAX_LENGTH} characters from letters, ` +
        `digits and _+=,.@:/-, with no spaces or line breaks (type it rather than pasting it from a document or email). Use ` +
        `exactly the same value for "sts:ExternalId" in the target role's trust policy.`,
      evidence,
    };
  }
  const host = connection.resource ? hostProblem(connection.resource) : undefined;
  if (connection.resource && host) return diagnoseHostNotCanonical(connection.connectionId, connection.resource, host);
  return undefined;
}
