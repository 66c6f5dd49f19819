// An STS error classified: which failure it is, which side must act, and the fix, from the error's
// name and message and what is known of the connection.
import { describeFingerprint } from '../../external-id';
import { DATAPLANE_ROLE_SUFFIX } from '../names';
import { DATAPLANE_INLINE_POLICY_NAME } from '../onboarding/policies';
import { dataplaneRoleMixup, roleArnProblems } from '../role-arn';
import { DEFAULT_VERIFIER_SESSION_PREFIX, DIAGNOSIS_CODES, type Diagnosis, type DiagnosisCode, type DiagnosisContext, type DiagnosisSide, type Evidence, type KnownContext } from './codes';
import { accountOf, ClassifyContext, dataplaneArnOf, dataplaneNameOf, dataplaneOf, externalIdPhrase, knownParts, ourAccount, ourDataplaneRole, roleNameOf, sessionOf, targetOf, tenantPhrase, vendorAccount } from './context';
import { parseAccessDenied, scrubExternalIds } from './messages';

const THROTTLING = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException']);
const INVALID_IDENTITY_TOKEN = new Set(['InvalidIdentityToken', 'InvalidIdentityTokenException']);
const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException']);

export type Stage = 'dataplane' | 'target' | 'irsa';

interface Finding {
  code: DiagnosisCode;
  summary: string;
  fix: string;
  side?: DiagnosisSide;
  policyType?: string;
  rawMessage?: string;
}

function trustPolicyDenied(ctx: ClassifyContext, reason: string): Finding {
  const account = ctx.targetRoleArn ? accountOf(ctx.targetRoleArn) : undefined;
  const where = account ? ` in account ${account}` : '';
  const roleName = ctx.targetRoleArn ? roleNameOf(ctx.targetRoleArn) : undefined;
  return {
    code: 'TRUST_POLICY_DENIED',
    summary:
      `AWS denied ${ourDataplaneRole(ctx)}${tenantPhrase(ctx)} when it called sts:AssumeRole on ` +
      `${targetOf(ctx)} with ${externalIdPhrase(ctx)}. ${reason}`,
    fix:
      `The customer checks ${roleName ? `the role ${roleName}` : 'the target role'}${where} (IAM > Roles > ${roleName ?? '<role>'} > ` +
      `Trust relationships): (1) the role exists under exactly this name and path — a deleted or renamed role gives the same ` +
      `AccessDenied; (2) the statement's "Principal": {"AWS": "${dataplaneArnOf(ctx)}"} names exactly our dataplane role, ` +
      `not the account root or another tenant's role; a Principal that now shows an ID starting with AROA instead of the ARN ` +
      `means the trusted role was deleted and recreated after the policy was saved — enter the ARN again and save; (3) the ` +
      `Action is "sts:AssumeRole"; (4) the condition is "StringEquals": {"sts:ExternalId": ...} with exactly the External ID ` +
      `entered in the connection${ctx.externalId ? ` (ours is ${describeFingerprint(ctx.externalId)})` : ''}, with no leading or ` +
      `trailing space or newline; (5) no Deny statement matches the call. A saved change can take up to 2 minutes to apply.`,
  };
}

const CALLER_POLICY_TYPES = new Set(['service control policy', 'permissions boundary', 'identity-based policy', 'session policy']);
const CUSTOMER_POLICY_TYPES = new Set(['resource control policy', 'resource-based policy']);

/** "an identity-based policy", "a session policy": the policy types AWS names, with their article. */
function withArticle(policyType: string): string {
  return `${/^[aeiou]/i.test(policyType) ? 'an' : 'a'} ${policyType}`;
}

function explicitDeny(ctx: KnownContext, policyType: string, policyArn: string | undefined, implicit: boolean): Finding {
  const which = policyArn ? ` (${policyArn})` : '';
  const denies = implicit ? `no ${policyType}${which} allows` : `${withArticle(policyType)}${which} explicitly denies`;
  const head = `AWS refused sts:AssumeRole on ${targetOf(ctx)} for ${ourDataplaneRole(ctx)}: ${denies} it.`;
  const side: DiagnosisSide = CUSTOMER_POLICY_TYPES.has(policyType) ? 'customer' : 'vendor';
  const base = { code: 'EXPLICIT_DENY' as const, side, policyType };
  const targetAccount = ctx.targetRoleArn ? accountOf(ctx.targetRoleArn) : undefined;
  switch (policyType) {
    case 'service control policy':
      return {
        ...base,
        summary:
          `${head} Service control policies restrict the principals of their own organization's accounts, so this is an SCP ` +
          `of OUR organization applying to ${vendorAccount(ctx)}, not the customer's doing.`,
        fix:
          `Our platform team finds the SCP${policyArn ? ` ${policyArn}` : ` attached to ${vendorAccount(ctx)} or its OUs`} ` +
          `that ${implicit ? 'does not allow' : 'denies'} sts:AssumeRole and lets roles named *${DATAPLANE_ROLE_SUFFIX} assume roles in ` +
          `customer accounts (e.g. an exception on aws:PrincipalArn). Then re-run verification. The customer has nothing to change.`,
      };
    case 'permissions boundary':
      return {
        ...base,
        summary: `${head} The permissions boundary on our dataplane role is ours.`,
        fix:
          `We fix the permissions boundary attached to ${dataplaneOf(ctx)}: it must allow sts:AssumeRole on customer roles ` +
          `and have no Deny matching ${targetOf(ctx)}. Re-run onboarding to converge the role. The customer has nothing to change.`,
      };
    case 'identity-based policy':
      return {
        ...base,
        summary: `${head} A policy attached to our dataplane role contains a Deny that matches this call.`,
        fix:
          `We remove the Deny on sts:AssumeRole from the policies attached to ${dataplaneOf(ctx)}; only the inline policy ` +
          `${DATAPLANE_INLINE_POLICY_NAME} belongs there — re-run onboarding to converge it. The customer has nothing to change.`,
      };
    case 'session policy':
      return {
        ...base,
        summary: `${head} The session policy is the one our verifier passed when it assumed the dataplane role: a defect on our side.`,
        fix:
          'Engineering fixes the verifier: the session policy of its dataplane session must allow sts:AssumeRole. The customer has ' +
          'nothing to change.',
      };
    case 'resource control policy':
      return {
        ...base,
        summary:
          `${head} Resource control policies protect the customer's resources: a resource control policy of the customer's ` +
          `AWS Organization keeps principals outside it, such as ${ourAccount(ctx)}, from assuming the role.`,
        fix:
          `The customer's AWS Organization administrators add an exception to the resource control policy${which} for our ` +
          `dataplane role (e.g. "aws:PrincipalArn": "${dataplaneArnOf(ctx)}") on ${targetOf(ctx)}. Nothing changes on our side.`,
      };
    case 'resource-based policy':
      return {
        ...base,
        summary: `${head} The resource-based policy of a role is its trust policy, in ${targetAccount ? `account ${targetAccount}` : "the customer's account"}.`,
        fix:
          `The customer removes or narrows the Deny statement in the trust policy of ${targetOf(ctx)} that matches ` +
          `${ourDataplaneRole(ctx)}.`,
      };
    default:
      return {
        ...base,
        summary: `${head} We do not know who owns a "${policyType}", so we treat it as ours to investigate.`,
        fix: `Support finds the ${policyType} named by AWS in ${ourAccount(ctx)} first, then asks the customer.`,
      };
  }
}

function identityPolicyDenied(ctx: KnownContext, policyType: string): Finding {
  const what =
    policyType === 'permissions boundary'
      ? `the permissions boundary of our dataplane role does not allow it`
      : policyType === 'session policy'
        ? `the session policy our verifier passed when it assumed the dataplane role does not allow it`
        : `no identity-based policy of our dataplane role allows it`;
  return {
    code: 'IDENTITY_POLICY_DENIED',
    summary:
      `AWS refused sts:AssumeRole on ${targetOf(ctx)} for ${ourDataplaneRole(ctx)}${tenantPhrase(ctx)}: ` +
      `${what}. The call never reached the customer's trust policy; this is our side.`,
    fix:
      `We re-run onboarding for ${ctx.tenantId || 'the tenant'} so ${dataplaneNameOf(ctx)} gets back its inline policy ` +
      `${DATAPLANE_INLINE_POLICY_NAME} (sts:AssumeRole on arn:*:iam::*:role/*), and check its permissions boundary and the ` +
      `verifier's session policy allow sts:AssumeRole. The customer has nothing to change.`,
  };
}

function describeCause(error: { name: string; message: string }, scrubbed: string): string {
  if (ACCESS_DENIED.has(error.name)) {
    const parts = parseAccessDenied(error.message);
    if (parts.explicitDenyIn) return `an explicit deny in ${withArticle(parts.explicitDenyIn)}${parts.policyArn ? ` (${parts.policyArn})` : ''}`;
    if (parts.noAllowIn) return `no ${parts.noAllowIn} of the caller allows sts:AssumeRole`;
    return "AccessDenied with no reason: the dataplane role's trust policy does not allow the caller (its OnboardingVerifier statement, session names verify-*), or the role does not exist";
  }
  return `${error.name}: ${scrubbed}`;
}

export function classify(
  error: { name: string; message: string },
  ctx: ClassifyContext,
  stage: Stage,
  knownExternalId?: string,
): Finding {
  const message = error.message ?? '';
  const scrubbed = scrubExternalIds(message, knownExternalId);

  // A role of ours in place of the customer's is the answer whatever STS said: retrying cannot fix it.
  const mixup = stage === 'target' && ctx.targetRoleArn ? dataplaneRoleMixup(ctx.targetRoleArn, ctx) : undefined;
  if (mixup && ctx.targetRoleArn) {
    return {
      code: 'ROLE_ARN_IS_DATAPLANE_ROLE',
      summary:
        `The connection's target role ${ctx.targetRoleArn} ${mixup}. Whatever STS answered (here ${error.name}), the ` +
        `connection points at our own role, not at the customer's target role — the role with access to their data.`,
      fix:
        `The customer keeps ${dataplaneOf(ctx)} as the Principal of their target role's trust policy, and enters their ` +
        `target role's own ARN (arn:aws:iam::<their account id>:role/<their role name>) in the connection.`,
    };
  }

  if (THROTTLING.has(error.name)) {
    return {
      code: 'THROTTLED',
      summary:
        `STS throttled our sts:AssumeRole call (${error.name}: ${scrubbed}) while verifying ${targetOf(ctx)}. This says ` +
        `nothing about the role; the attempt is retried with backoff.`,
      fix:
        `Nothing to do. If it lasts for hours, look for other callers of STS in ${ourAccount(ctx)} ` +
        `(STS request quotas are per account and region).`,
    };
  }

  if (stage === 'dataplane') {
    return {
      code: 'DATAPLANE_ROLE_UNASSUMABLE',
      summary:
        `Our verifier could not assume ${ctx.dataplaneRoleArn ? `the dataplane role ${ctx.dataplaneRoleArn}` : "the tenant's dataplane role"}${tenantPhrase(ctx)} (${describeCause(error, scrubbed)}), ` +
        `so ${ctx.targetRoleArn ?? "the customer's role"} has not been tested yet. ` +
        `Nothing points at the customer's side.`,
      fix:
        `We re-run onboarding for ${ctx.tenantId || 'the tenant'} so the dataplane role and its trust policy converge (the ` +
        `OnboardingVerifier statement trusts the verification function's execution role for session names starting ` +
        `"${DEFAULT_VERIFIER_SESSION_PREFIX}"), check that execution role allows sts:AssumeRole on ${dataplaneOf(ctx)}, and that ` +
        `no SCP or permissions boundary in ${vendorAccount(ctx)} denies it. The customer has nothing to change.`,
      rawMessage: scrubbed,
    };
  }

  if (error.name === 'RegionDisabledException') {
    const account = /account:?\s*(\d{12})/.exec(message)?.[1] ?? (ctx.targetRoleArn ? accountOf(ctx.targetRoleArn) : undefined);
    // Ours only when we know our account and it is the one AWS named.
    const ours = account !== undefined && ctx.vendorAccountId !== undefined && account === ctx.vendorAccountId;
    return {
      code: 'REGION_DISABLED',
      side: ours ? 'vendor' : 'customer',
      summary:
        `STS is deactivated in the region we called for account ${account ?? '(unknown)'}` +
        `${ours ? ' — our own account' : `, the account of ${targetOf(ctx)}`}, so AWS will not issue credentials for the ` +
        `role there. AWS said: "${scrubbed}"`,
      fix: ours
        ? `We activate the region in IAM > Account settings > Security Token Service (STS) of account ${account}, or call another regional STS endpoint.`
        : `The customer activates the region in the IAM console of account ${account ?? 'their account'}: Account settings > ` +
          `Security Token Service (STS) > Endpoints > Activate. Alternatively we verify through another region's STS endpoint.`,
    };
  }

  if (error.name === 'ValidationError' || error.name === 'ValidationException') {
    if (/DurationSeconds exceeds/i.test(message)) {
      const chaining = /role chaining/i.test(message);
      return {
        code: 'SESSION_DURATION_EXCEEDED',
        summary:
          `STS refused the session length we asked for when assuming ${targetOf(ctx)}: "${scrubbed}". ` +
          (chaining
            ? 'Verification sessions are chained through our dataplane role, which caps them at 1 hour. A defect in our call.'
            : "We asked for more than the role's maximum session duration. A defect in our call: the verifier needs 900 seconds."),
        fix: 'Engineering fixes the AssumeRole call to request at most 3600 seconds (the verifier uses 900). The customer has nothing to change.',
      };
    }
    if (/externalId/i.test(message)) {
      // Only the constraint is read, never the quoted value before it (it could hold any of these words).
      // Stryker disable next-line StringLiteral: with no constraint to read, any stand-in gives the default answer
      const constraint = /at 'externalId' failed to satisfy constraint: ([^;]+)/i.exec(message)?.[1] ?? '';
      const why = /pattern/i.test(constraint)
        ? 'it contains a character AWS does not allow — only letters, digits and _+=,.@:/- are; a space or line break is the usual culprit'
        : /greater than or equal/i.test(constraint)
          ? 'it is shorter than the 2 characters AWS requires'
          : /less than or equal/i.test(constraint)
            ? 'it is longer than the 1224 characters AWS allows'
            : 'it does not satisfy AWS\'s rules for External IDs';
      return {
        code: 'EXTERNAL_ID_INVALID',
        summary:
          `STS rejected ${externalIdPhrase(ctx)} for ${targetOf(ctx)}: ${why}. The call never reached the customer's account.`,
        fix:
          'The customer re-enters the External ID in the connection: 2-1224 characters from letters, digits and _+=,.@:/-, no ' +
          'spaces or line breaks, and uses exactly the same value for "sts:ExternalId" in the target role\'s trust policy.',
        rawMessage: scrubbed,
      };
    }
    if (/roleArn|ARN/.test(message)) {
      const problems = ctx.targetRoleArn ? roleArnProblems(ctx.targetRoleArn) : [];
      const why = problems.length > 0 ? `it ${problems.join('; it ')}` : `"${scrubbed}"`;
      return {
        code: 'ROLE_ARN_INVALID',
        summary: `STS rejected the target role ARN${ctx.targetRoleArn ? ` ${JSON.stringify(ctx.targetRoleArn)}` : ''}: ${why}.`,
        fix:
          "The customer copies the role's ARN from IAM > Roles > <role> in their account (arn:aws:iam::<12-digit account id>:role/<name>) " +
          'into the connection, with no spaces or line breaks.',
        rawMessage: scrubbed,
      };
    }
  }

  if (INVALID_IDENTITY_TOKEN.has(error.name)) {
    const issuer = /No OpenIDConnect provider found in your account for (\S+)/i.exec(message)?.[1];
    if (issuer) {
      return {
        code: 'OIDC_PROVIDER_MISSING',
        summary:
          `The tenant's Spark pods could not get credentials for ${dataplaneOf(ctx)}: IAM in ${ourAccount(ctx)} ` +
          `has no OpenID Connect provider for the cluster's issuer ${issuer}. Until it exists, IRSA ` +
          `cannot work and the dataplane cannot reach any customer role.`,
        fix:
          `We re-run onboarding for ${ctx.tenantId || 'the tenant'} so the provider is created, or create it: aws iam ` +
          `create-open-id-connect-provider --url ${issuer} --client-id-list sts.amazonaws.com. The customer has nothing to change.`,
      };
    }
    if (/audience/i.test(message)) return irsaTrustMismatch(ctx, scrubbed);
  }

  if (ACCESS_DENIED.has(error.name)) {
    if (stage === 'irsa' || /AssumeRoleWithWebIdentity/.test(message)) return irsaTrustMismatch(ctx, scrubbed);
    // Whatever the reason, the caller is the finding: it should have been the dataplane role.
    if (stage === 'target' && ctx.otherCaller) return dataplaneIdentityNotUsed(ctx, ctx.otherCaller, scrubbed);
    const parts = parseAccessDenied(message);
    if (parts.explicitDenyIn) return explicitDeny(ctx, parts.explicitDenyIn, parts.policyArn, false);
    // Stryker disable next-line ConditionalExpression: without a policy type neither test below can match; the guard is for the type checker
    if (parts.noAllowIn) {
      if (CALLER_POLICY_TYPES.has(parts.noAllowIn) && parts.noAllowIn !== 'service control policy') {
        return identityPolicyDenied(ctx, parts.noAllowIn);
      }
      if (parts.noAllowIn === 'service control policy') return explicitDeny(ctx, parts.noAllowIn, undefined, true);
    }
    return trustPolicyDenied(
      ctx,
      "Cross-account, AWS does not say why: the target role's trust policy does not allow this call, or the role does not exist.",
    );
  }

  return {
    code: 'UNKNOWN',
    summary:
      `sts:AssumeRole on ${targetOf(ctx)} as ${dataplaneOf(ctx)} failed with ${error.name}: ${scrubbed}. This is not a ` +
      `failure we recognise, so nobody has been asked to change anything yet.`,
    fix:
      `Support looks the call up in CloudTrail of ${ourAccount(ctx)} (event name AssumeRole, resource ` +
      `${targetOf(ctx)}) and escalates to engineering with this diagnosis.`,
    rawMessage: scrubbed,
  };
}

/**
 * A role of ours other than the dataplane role called the customer's role: the Spark pods got no
 * dataplane credentials and the SDK fell back to another identity, most often the node's instance role.
 */
export function dataplaneIdentityNotUsed(ctx: KnownContext, caller: string, scrubbed: string): Finding {
  const node = /:assumed-role\/[^/]+\/i-[0-9a-f]{8,17}$/.test(caller);
  return {
    code: 'DATAPLANE_IDENTITY_NOT_USED',
    summary:
      `sts:AssumeRole on ${targetOf(ctx)} was called as ${caller}, ${node ? "an EKS node's instance role" : 'a role of ours'}, not as ` +
      `a tenant's dataplane role: the Spark pods did not get their dataplane role and the AWS SDK fell back to ` +
      `${node ? 'the node\'s credentials' : 'other credentials'}. The customer's trust policy rightly refuses it. AWS said: "${scrubbed}"`,
    fix:
      `We check the tenant's dataplane identity and re-run onboarding (onboarding retry <tenant>), then restart the Spark pods. ` +
      `EKS Pod Identity: the ServiceAccount needs its association with <tenant>-dataplane-role (aws eks ` +
      `list-pod-identity-associations --cluster-name <cluster> --namespace <namespace> --service-account <serviceaccount>; ` +
      `onboarding re-creates it) and the eks-pod-identity-agent add-on must be ACTIVE (aws eks describe-addon --cluster-name ` +
      `<cluster> --addon-name eks-pod-identity-agent; onboarding says if it is not). IRSA: the ServiceAccount needs the ` +
      `annotation eks.amazonaws.com/role-arn naming the dataplane role, set before the pods start. The customer has nothing to change.`,
    rawMessage: scrubbed,
  };
}

export function irsaTrustMismatch(ctx: KnownContext, scrubbed: string, subject?: string): Finding {
  return {
    code: 'IRSA_TRUST_MISMATCH',
    summary:
      `The tenant's Spark pods were refused sts:AssumeRoleWithWebIdentity on ${ourDataplaneRole(ctx)}` +
      `${subject ? ` with a token for ${subject}` : ''}: the role's IRSA trust does not match the pod's token. AWS said: "${scrubbed}"`,
    fix:
      `We compare ${dataplaneNameOf(ctx)}'s trust policy with the pods: the Federated principal must be the OIDC ` +
      `provider of this tenant's cluster, "<issuer>:sub" must be system:serviceaccount:<namespace>:<serviceaccount> of the Spark ` +
      `pods (chart defaults system:serviceaccount:qualytics:qualytics-spark) and "<issuer>:aud" sts.amazonaws.com. Re-run ` +
      `onboarding with the right namespace and ServiceAccount, then restart the Spark drivers. The customer has nothing to change.`,
  };
}

export function toDiagnosis(finding: Finding, evidence: Evidence[]): Diagnosis {
  return {
    code: finding.code,
    side: finding.side ?? DIAGNOSIS_CODES[finding.code].side,
    summary: finding.summary,
    fix: finding.fix,
    evidence,
    // Stryker disable next-line ConditionalExpression: a key holding undefined is left out of JSON answers and of the status table (removeUndefinedValues) all the same
    ...(finding.rawMessage !== undefined ? { rawMessage: finding.rawMessage } : {}),
    // Stryker disable next-line ConditionalExpression: as above
    ...(finding.policyType !== undefined ? { policyType: finding.policyType } : {}),
  };
}

/**
 * Diagnoses an STS error from our verifier. `stage` says which hop failed: 'dataplane' when the
 * verifier could not become the tenant's dataplane role, 'target' (default) for the customer's role.
 */
export function diagnoseStsError(
  error: { name: string; message: string },
  given: DiagnosisContext | KnownContext,
  stage: 'dataplane' | 'target' = 'target',
): Diagnosis {
  const ctx = knownParts(given);
  const message = scrubExternalIds(error.message ?? '');
  // Stryker disable next-line StringLiteral: no stand-in for a missing message names a principal
  const principal = parseAccessDenied(error.message ?? '').principal;
  const roleArn = stage === 'dataplane' ? dataplaneOf(ctx) : targetOf(ctx);
  const evidence: Evidence = {
    source: 'sts',
    summary: `sts:AssumeRole on ${roleArn} returned ${error.name}: ${message}`,
    errorCode: error.name,
    errorMessage: message,
    ...(principal ? { principalArn: principal } : {}),
    ...(sessionOf(principal) ? { sessionName: sessionOf(principal) } : {}),
  };
  return toDiagnosis(classify(error, ctx, stage), [evidence]);
}

