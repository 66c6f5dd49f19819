// CloudTrail records of AssumeRole calls as evidence, and a denied call diagnosed from its record: the
// verifier's and the tenant's real dataplane's alike, with the External ID actually sent compared to
// the configured one by fingerprint.
import { describeFingerprint, externalIdFingerprint, type ExternalIdFingerprint } from '../../external-id';
import { DATAPLANE_ROLE_SUFFIX } from '../names';
import { parseRoleArn } from '../role-arn';
import { DEFAULT_VERIFIER_SESSION_PREFIX, type Diagnosis, type DiagnosisContext, type Evidence } from './codes';
import { accountOf, ClassifyContext, knownParts, otherCallerOf, roleNameOf } from './context';
import { scrubExternalIds } from './messages';
import { classify, irsaTrustMismatch, type Stage, toDiagnosis } from './sts-errors';

const ASSUME_ROLE_EVENTS = new Set(['AssumeRole', 'AssumeRoleWithWebIdentity']);

interface TrailRecord {
  eventName?: string;
  eventSource?: string;
  eventTime?: string;
  eventID?: string;
  errorCode?: string;
  errorMessage?: string;
  recipientAccountId?: string;
  userIdentity?: {
    type?: string;
    arn?: string;
    accountId?: string;
    principalId?: string;
    userName?: string;
    identityProvider?: string;
    sessionContext?: { sessionIssuer?: { arn?: string } };
  };
  requestParameters?: { roleArn?: string; roleSessionName?: string; externalId?: string } | null;
  resources?: { ARN?: string }[];
}

function asRecord(record: unknown): TrailRecord | undefined {
  return typeof record === 'object' && record !== null && !Array.isArray(record) ? (record as TrailRecord) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function isAssumeRoleRecord(r: TrailRecord): boolean {
  // Stryker disable next-line StringLiteral: no event name is an assume-role event, whatever stands in for a missing one
  return r.eventSource === 'sts.amazonaws.com' && ASSUME_ROLE_EVENTS.has(r.eventName ?? '');
}

/** True for a failed sts:AssumeRole or AssumeRoleWithWebIdentity, as CloudTrail records it. */
export function isDenial(record: unknown): boolean {
  const r = asRecord(record);
  return r !== undefined && isAssumeRoleRecord(r) && str(r.errorCode) !== undefined;
}

function roleArnOf(r: TrailRecord): string | undefined {
  return str(r.requestParameters?.roleArn) ?? str(r.resources?.find((res) => str(res?.ARN))?.ARN);
}

function callerOf(r: TrailRecord): string | undefined {
  return str(r.userIdentity?.arn) ?? str(r.userIdentity?.sessionContext?.sessionIssuer?.arn) ?? str(r.userIdentity?.identityProvider);
}

function originOf(r: TrailRecord, prefix: string): 'verifier' | 'dataplane' {
  if (r.eventName === 'AssumeRoleWithWebIdentity') return 'dataplane';
  const session = str(r.requestParameters?.roleSessionName);
  return session !== undefined && session.startsWith(prefix) ? 'verifier' : 'dataplane';
}

function sentExternalId(r: TrailRecord): ExternalIdFingerprint | undefined {
  const value = r.requestParameters?.externalId;
  return typeof value === 'string' ? externalIdFingerprint(value) : undefined;
}

function evidenceOf(r: TrailRecord, prefix: string): Evidence {
  const origin = originOf(r, prefix);
  const caller = callerOf(r);
  const session = str(r.requestParameters?.roleSessionName);
  const roleArn = roleArnOf(r) ?? '(no role in the record)';
  const errorCode = str(r.errorCode);
  const errorMessage = str(r.errorMessage) !== undefined ? scrubExternalIds(r.errorMessage!, r.requestParameters?.externalId) : undefined;
  const who = origin === 'verifier' ? 'our verifier' : "the tenant's Spark dataplane";
  const sent = sentExternalId(r);
  // Our own dataplane role is assumed without an External ID; only calls to customers' roles carry one.
  const customerRole = roleArnOf(r) !== undefined && accountOf(roleArnOf(r)!) !== str(r.recipientAccountId);
  const idNote =
    r.eventName === 'AssumeRole' && customerRole
      ? sent
        ? `; External ID sent: ${describeFingerprint(sent)}`
        : `; no External ID sent${origin === 'verifier' ? " (the verifier's check that the role requires one: a denial is the expected result)" : ''}`
      : '';
  // Stryker disable next-line StringLiteral: evidence is only made of denials, which have an errorCode
  const outcome = `denied: ${errorCode ?? '(no errorCode)'}${errorMessage ? `: ${errorMessage}` : ''}`;
  return {
    source: 'cloudtrail',
    summary:
      `${r.eventTime ?? '(no time)'} ${r.eventName} by ${who}${caller ? ` as ${caller}` : ''}` +
      `${session ? ` (session ${session})` : ''} on ${roleArn} ${outcome}${idNote}`,
    ...(str(r.eventTime) ? { at: r.eventTime } : {}),
    ...(str(r.eventID) ? { eventId: r.eventID } : {}),
    ...(caller ? { principalArn: caller } : {}),
    ...(session ? { sessionName: session } : {}),
    ...(errorCode ? { errorCode } : {}),
    ...(errorMessage ? { errorMessage } : {}),
    origin,
  };
}

/**
 * Evidence from one CloudTrail record of our account, to attach to a diagnosis: a failed sts:AssumeRole
 * or AssumeRoleWithWebIdentity, by our verifier or by the tenant's real Spark dataplane. Undefined for
 * any other record, successes included: evidence backs a denial.
 */
export function cloudTrailEvidence(record: unknown, verifierSessionPrefix: string): Evidence | undefined {
  const r = asRecord(record);
  if (!r || !isDenial(r)) return undefined;
  return evidenceOf(r, verifierSessionPrefix);
}

function tenantFromRoleArn(arn: string | undefined): string | undefined {
  const name = arn ? parseRoleArn(arn)?.roleName : undefined;
  return name?.endsWith(DATAPLANE_ROLE_SUFFIX) ? name.slice(0, -DATAPLANE_ROLE_SUFFIX.length) : undefined;
}

function isOurDataplaneRole(arn: string | undefined, ctx: Partial<DiagnosisContext>, ourAccount: string | undefined): boolean {
  if (!arn) return false;
  if (ctx.dataplaneRoleArn) return arn === ctx.dataplaneRoleArn;
  const parsed = parseRoleArn(arn);
  return parsed !== undefined && parsed.accountId === ourAccount && parsed.roleName.endsWith(DATAPLANE_ROLE_SUFFIX);
}

/**
 * Diagnoses one failed AssumeRole / AssumeRoleWithWebIdentity record of our CloudTrail (the parsed
 * CloudTrailEvent JSON). What the record does not say is taken from `ctx`. Throws for any other
 * record — a success has nothing to diagnose.
 */
export function diagnoseCloudTrailEvent(
  record: unknown,
  ctx: Partial<DiagnosisContext> & { verifierSessionPrefix?: string } = {},
): Diagnosis {
  const r = asRecord(record);
  if (!r) throw new Error(`Not a CloudTrail record: expected the parsed CloudTrailEvent object, got ${record === null ? 'null' : typeof record}`);
  const id = r.eventID ? `CloudTrail event ${r.eventID}` : 'CloudTrail record';
  if (!isAssumeRoleRecord(r)) {
    throw new Error(
      `${id} is ${r.eventSource ?? '(no eventSource)'} ${r.eventName ?? '(no eventName)'}, not sts:AssumeRole or ` +
        `sts:AssumeRoleWithWebIdentity: there is no role assumption to diagnose`,
    );
  }
  const errorCode = str(r.errorCode);
  if (!errorCode) {
    throw new Error(`${id} is a successful ${r.eventName} at ${r.eventTime ?? '(no time)'}: it has no errorCode, so there is no denial to diagnose`);
  }

  const prefix = ctx.verifierSessionPrefix ?? DEFAULT_VERIFIER_SESSION_PREFIX;
  const evidence = evidenceOf(r, prefix);
  const ourAccount = ctx.vendorAccountId ?? str(r.recipientAccountId) ?? str(r.userIdentity?.accountId);
  const roleArn = roleArnOf(r);
  const caller = str(r.userIdentity?.sessionContext?.sessionIssuer?.arn);
  const webIdentity = r.eventName === 'AssumeRoleWithWebIdentity';
  // The verifier's first hop: another role of ours assuming the dataplane role. A dataplane role
  // assuming a dataplane role is the other case: a connection that names our role as its target.
  const callerIsDataplane = caller !== undefined && (caller === ctx.dataplaneRoleArn || roleNameOf(caller).endsWith(DATAPLANE_ROLE_SUFFIX));
  const firstHop = !webIdentity && isOurDataplaneRole(roleArn, ctx, ourAccount) && !callerIsDataplane;
  const stage: Stage = webIdentity ? 'irsa' : firstHop ? 'dataplane' : 'target';
  const dataplaneRoleArn = ctx.dataplaneRoleArn ?? (webIdentity || firstHop ? roleArn : caller);
  const targetRoleArn = (stage === 'target' ? roleArn : undefined) ?? ctx.targetRoleArn;
  const tenantId = ctx.tenantId ?? tenantFromRoleArn(dataplaneRoleArn);
  // A role of ours that is neither a dataplane role nor the verifier's, refused on another account's role:
  // the Spark pods fell back to it (the node's instance role, most often).
  const otherCaller = otherCallerOf({ sessionArn: str(r.userIdentity?.arn), targetRoleArn: roleArn, vendorAccountId: ourAccount, verifierPrefix: prefix });
  const full: ClassifyContext = {
    // knownParts leaves out what is undefined or blank.
    ...knownParts({ tenantId, dataplaneRoleArn: otherCaller ? ctx.dataplaneRoleArn : dataplaneRoleArn, targetRoleArn, vendorAccountId: ourAccount, otherCaller }),
    ...(ctx.externalId ? { externalId: ctx.externalId } : {}),
    // Stryker disable next-line ConditionalExpression: only the target stage's findings say what was sent
    ...(stage === 'target' ? { externalIdSent: sentExternalId(r) ?? null } : {}),
  };

  const error = { name: errorCode, message: r.errorMessage ?? '' };
  const knownValue = typeof r.requestParameters?.externalId === 'string' ? r.requestParameters.externalId : undefined;
  let finding = classify(error, full, stage, knownValue);
  if (finding.code === 'IRSA_TRUST_MISMATCH' && str(r.userIdentity?.userName)) {
    finding = irsaTrustMismatch(full, scrubExternalIds(error.message, knownValue), r.userIdentity!.userName);
  }
  if (finding.code === 'TRUST_POLICY_DENIED' && !webIdentity) {
    finding = { ...finding, summary: `${finding.summary} ${externalIdComparison(r, ctx.externalId, evidence.origin!)}` };
  }
  return toDiagnosis(finding, [evidence]);
}

/** What the record says about the External ID that was sent, compared with the configured one. */
function externalIdComparison(r: TrailRecord, configured: ExternalIdFingerprint | undefined, origin: 'verifier' | 'dataplane'): string {
  const who = origin === 'verifier' ? 'Our verifier' : "The tenant's Spark dataplane";
  const sent = sentExternalId(r);
  if (!sent) {
    return origin === 'verifier'
      ? "This call carried no External ID: it is the verifier's check that the role requires one, and a denial is the expected result."
      : `${who} sent no External ID at all: the connection in the product has none configured.`;
  }
  if (!configured) return `${who} sent an External ID of ${describeFingerprint(sent)}.`;
  if (sent.fingerprint === configured.fingerprint && sent.length === configured.length) {
    return `${who} sent the configured External ID (${describeFingerprint(sent)}), so the trust policy side is what differs.`;
  }
  return (
    `${who} sent a different External ID (${describeFingerprint(sent)}) than the one configured for this connection ` +
    `(${describeFingerprint(configured)}): the value entered in the product and the one being verified are not the same.`
  );
}

