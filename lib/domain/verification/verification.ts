// Verification of one customer connection: assume the tenant's dataplane role from the verifier,
// then the customer's target role from that session with their External ID; then prove the role
// REQUIRES the External ID by failing to assume it without; then check the role trusts the dataplane
// role itself, not our whole account, by failing to assume it from another role of ours. Every denial
// becomes a diagnosis; a trust that is not pinned becomes a warning on the verified connection. Then,
// for a connection that names its data, prove the role reaches it (lib/domain/probes).
import { createHash } from 'node:crypto';
import { Connection } from './connection';
import { externalIdFingerprint } from '../../external-id';
import { parseRoleArn } from '../role-arn';
import { preflightConnection } from './preflight';
import {
  diagnoseExternalIdNotEnforced,
  diagnoseStsError,
  diagnoseTrustNotPinned,
  Diagnosis,
  DiagnosisContext,
  propagationPending,
} from '../diagnosis';
import { diagnoseProbeFailure } from '../diagnosis/probe-findings';
import { probeSessionPolicy } from '../probes/session-policy';
import { runProbes, type ProbeStep } from '../probes/run-probes';
import type { ConnectionResource } from '../probes/resource';
import type { AssumeRoleOutcome, DataProbes, RoleAssumer, SessionCredentials } from '../../ports';

/** Verification sessions must never touch customer data: the session policy denies every action. */
export const DENY_ALL_SESSION_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'VerificationOnly', Effect: 'Deny', Action: '*', Resource: '*' }],
});

/** Role chaining caps sessions at 1 hour; verification needs seconds, and 900 s is STS's minimum. */
export const VERIFICATION_SESSION_SECONDS = 900;

/** IAM changes take seconds up to ~2 minutes to be seen by STS everywhere. */
export const IAM_PROPAGATION_WINDOW_SECONDS = 120;

/** Session names of the verifier start with this, so CloudTrail tells them from real Spark sessions. */
export const VERIFIER_SESSION_PREFIX = 'verify-';

export interface PollingSchedule {
  /** Wait before the first retry. */
  firstRetrySeconds: number;
  /** The wait doubles after each denial up to this cap. */
  maxIntervalSeconds: number;
  /** Stop polling and ask for action once this much waiting has been scheduled. */
  deadlineSeconds: number;
}

export const DEFAULT_SCHEDULE: PollingSchedule = {
  firstRetrySeconds: 60,
  maxIntervalSeconds: 3600,
  deadlineSeconds: 7 * 24 * 3600,
};

/** Limits that keep one execution well inside Step Functions' 25,000 history events (see bench/). */
export const SCHEDULE_LIMITS = {
  firstRetrySeconds: { min: 1, max: 86_400 },
  maxIntervalSeconds: { min: 1, max: 86_400 },
  // The onboarding state machine waits for verification at most 22 days (its task timeout).
  deadlineSeconds: { min: 0, max: 21 * 24 * 3600 },
} as const;

/** State transitions one denied attempt costs ($0.025 per 1,000 in Standard workflows). */
export const TRANSITIONS_PER_ATTEMPT = 6;
/** Step Functions ends an execution at 25,000 history events; keep headroom for the rest of the run. */
export const HISTORY_EVENT_BUDGET = 24_000;

/** The most attempts a never-fixed connection makes under a schedule before its deadline. */
export function maxAttempts(schedule: PollingSchedule): number {
  let progress: PollingProgress = { attempts: 0, denials: 0, elapsedSeconds: 0 };
  for (let attempts = 1; ; attempts += 1) {
    const next = planNextAttempt({ ...progress, attempts }, schedule);
    if (!next.continue) return attempts;
    progress = next.progress;
  }
}

export interface PollingProgress {
  /** Attempts made so far. */
  attempts: number;
  /** Attempts that were not final so far: each doubles the next wait, up to the cap. */
  denials: number;
  /** Sum of the waits scheduled so far: the deadline is measured in scheduled waiting time. */
  elapsedSeconds: number;
}

export const NO_PROGRESS: PollingProgress = { attempts: 0, denials: 0, elapsedSeconds: 0 };

export interface NextStep {
  progress: PollingProgress;
  /** Seconds to wait before the next attempt; 0 when polling stops. */
  waitSeconds: number;
  continue: boolean;
  deadlineReached: boolean;
}

/**
 * After an attempt that was not final: wait firstRetry, doubling to the cap. Transient outcomes
 * (throttling, IAM propagation) back off the same way, so the number of attempts — and with it the
 * execution's history and cost — stays bounded by the schedule. The deadline counts scheduled waiting,
 * so it is the same in AWS and in a fast local run.
 */
export function planNextAttempt(progress: PollingProgress, schedule: PollingSchedule): NextStep {
  const denials = progress.denials + 1;
  const wait = Math.min(schedule.firstRetrySeconds * 2 ** Math.min(denials - 1, 30), schedule.maxIntervalSeconds);
  if (progress.elapsedSeconds + wait > schedule.deadlineSeconds) {
    return { progress: { ...progress, denials }, waitSeconds: 0, continue: false, deadlineReached: true };
  }
  return {
    progress: { attempts: progress.attempts, denials, elapsedSeconds: progress.elapsedSeconds + wait },
    waitSeconds: wait,
    continue: true,
    deadlineReached: false,
  };
}

/**
 * Which call a verifier session is for: dp the dataplane role, x the target with the External ID, nx the
 * target without it, pr the trust probe role, px the target from the trust probe role, pb the target's
 * probe session (the permission probes).
 */
export type VerifierSessionStage = 'dp' | 'x' | 'nx' | 'pr' | 'px' | 'pb';

/** STS session names: [\w+=,.@-]{2,64}; tenant, connection and attempt identify the call in CloudTrail. */
export function verifierSessionName(tenantId: string, connectionId: string, attempt: number, stage: VerifierSessionStage): string {
  const clean = (s: string) => s.replace(/[^\w+=,.@-]/g, '_');
  const suffix = `-${attempt}${stage === 'x' ? '' : `-${stage}`}`;
  const full = `${VERIFIER_SESSION_PREFIX}${clean(tenantId)}-${clean(connectionId)}`;
  if (full.length + suffix.length <= 64) return `${full}${suffix}`;
  // Too long: a short hash keeps two connections of one tenant apart in CloudTrail.
  const hash = createHash('sha256').update(connectionId).digest('hex').slice(0, 8);
  const tenantRoom = 64 - VERIFIER_SESSION_PREFIX.length - 1 - hash.length - suffix.length;
  return `${VERIFIER_SESSION_PREFIX}${clean(tenantId).slice(0, tenantRoom)}-${hash}${suffix}`;
}

/**
 * DATA_ACCESS_DENIED: the trust is verified, but a permission probe failed (the role does not reach the
 * connection's data); polled again like a denial.
 */
export type AttemptOutcome = 'VERIFIED' | 'DENIED' | 'INVALID' | 'DATA_ACCESS_DENIED';

export interface AttemptResult {
  outcome: AttemptOutcome;
  attempt: number;
  attemptedAt: string;
  /** Present unless VERIFIED. */
  diagnosis?: Diagnosis;
  /** Once the trust is verified: what is wrong without stopping the trust from working (TRUST_NOT_PINNED). */
  warnings?: Diagnosis[];
  /** The data the connection names, as configured when the attempt was made. */
  resource?: ConnectionResource;
  /** Once the trust is verified, for a connection that names its data: each permission probe as it went. */
  probes?: ProbeStep[];
  /** VERIFIED only: what the pinned-principal check found; absent when it was not made. */
  trustProbe?: TrustProbeResult;
  /** True for throttling, IAM propagation and STS 5xx: not a finding about anyone's configuration. */
  transient: boolean;
  /** The External ID this attempt used, as length and fingerprint (absent when none could be read). */
  externalId?: { length: number; fingerprint: string };
  sessionName: string;
}

export interface AttemptInput {
  tenantId: string;
  dataplaneRoleArn: string;
  /** When our side last changed the dataplane role (creation or trust change), ISO 8601. */
  dataplaneRoleChangedAt?: string;
  connection: Connection;
  /** 1-based number of this attempt. */
  attempt: number;
}

export interface AttemptDeps {
  sts: RoleAssumer;
  vendorAccountId: string;
  now: () => Date;
  /** A role of ours that is not a dataplane role, for the pinned-principal check; without it the check is not made. */
  trustProbeRoleArn?: string;
  /** The S3, Athena and Redshift calls of the permission probes; without them a connection's resource is not probed. */
  probes?: DataProbes;
}

/**
 * The pinned-principal check: `refused` (the trust is pinned), `assumed` (TRUST_NOT_PINNED), or
 * `inconclusive` when the check proved nothing (the probe role could not be assumed, a throttled call):
 * the error name says why.
 */
export interface TrustProbeResult {
  outcome: 'refused' | 'assumed' | 'inconclusive';
  error?: string;
}

export async function attemptVerification(input: AttemptInput, deps: AttemptDeps): Promise<AttemptResult> {
  const { tenantId, connection, dataplaneRoleArn, attempt } = input;
  const attemptedAt = deps.now().toISOString();
  const partition = parseRoleArn(dataplaneRoleArn)?.partition ?? 'aws';
  const targetSession = verifierSessionName(tenantId, connection.connectionId, attempt, 'x');
  const result = (outcome: AttemptOutcome, diagnosis?: Diagnosis, transient = false, verified: VerifiedFindings = {}): AttemptResult => ({
    outcome,
    attempt,
    attemptedAt,
    ...(diagnosis ? { diagnosis } : {}),
    ...(connection.resource ? { resource: connection.resource } : {}),
    ...verified,
    transient,
    sessionName: targetSession,
    externalId: externalIdFingerprint(connection.externalId),
  });

  const invalid = preflightConnection(connection, { vendorAccountId: deps.vendorAccountId, partition, dataplaneRoleArn });
  if (invalid) return result('INVALID', invalid);

  const ctx: DiagnosisContext = {
    tenantId,
    dataplaneRoleArn,
    targetRoleArn: connection.roleArn,
    vendorAccountId: deps.vendorAccountId,
    externalId: externalIdFingerprint(connection.externalId),
  };
  const insidePropagationWindow =
    input.dataplaneRoleChangedAt !== undefined &&
    deps.now().getTime() - Date.parse(input.dataplaneRoleChangedAt) < IAM_PROPAGATION_WINDOW_SECONDS * 1000;
  const denied = (outcome: Extract<AssumeRoleOutcome, { ok: false }>, stage: 'dataplane' | 'target') => {
    if ((outcome.error.httpStatusCode ?? 0) >= 500) {
      // STS failed on its side: nobody's configuration is wrong, try again.
      const base = diagnoseStsError(outcome.error, ctx, stage);
      return result(
        'DENIED',
        { ...base, side: 'transient', summary: `AWS STS failed on its side (HTTP ${outcome.error.httpStatusCode}); retried. ${base.summary}` },
        true,
      );
    }
    const diagnosis = diagnoseStsError(outcome.error, ctx, stage);
    if (insidePropagationWindow && diagnosis.side !== 'transient' && isPropagationSensitive(diagnosis)) {
      return result('DENIED', propagationPending(diagnosis), true);
    }
    return result('DENIED', diagnosis, diagnosis.side === 'transient');
  };

  // 1. Become the tenant's dataplane role: the customer trusts it, not our Lambda.
  const dataplane = await deps.sts.assumeRole({
    roleArn: dataplaneRoleArn,
    sessionName: verifierSessionName(tenantId, connection.connectionId, attempt, 'dp'),
    durationSeconds: VERIFICATION_SESSION_SECONDS,
    sessionPolicy: ALLOW_ONLY_ASSUME_ROLE_SESSION_POLICY,
  });
  if (!dataplane.ok) return denied(dataplane, 'dataplane');

  // 2. The customer's target role, as the dataplane role, with their External ID.
  const target = await assumeTarget(deps.sts, connection, targetSession, dataplane.credentials, connection.externalId);
  if (!target.ok) return denied(target, 'target');

  // 3. Confused-deputy check: without the External ID the call must be refused.
  const withoutExternalId = await assumeTarget(
    deps.sts,
    connection,
    verifierSessionName(tenantId, connection.connectionId, attempt, 'nx'),
    dataplane.credentials,
    undefined,
  );
  if (withoutExternalId.ok) {
    return result('DENIED', diagnoseExternalIdNotEnforced(ctx));
  }
  // Only a denial proves the External ID is required; a throttled or failed call proves nothing.
  if (withoutExternalId.error.name !== 'AccessDenied') return denied(withoutExternalId, 'target');

  // 4. Pinned-principal check: another role of ours, with the External ID, must be refused.
  const findings: VerifiedFindings = {};
  if (deps.trustProbeRoleArn !== undefined) {
    const trustProbe = await probeTrust(deps.sts, connection, deps.trustProbeRoleArn, (stage) =>
      verifierSessionName(tenantId, connection.connectionId, attempt, stage),
    );
    findings.trustProbe = trustProbe;
    if (trustProbe.outcome === 'assumed') findings.warnings = [diagnoseTrustNotPinned(ctx, deps.trustProbeRoleArn)];
  }

  // 5. Permission probes: the target once more, with a session that may make only the probes' calls.
  if (connection.resource === undefined || deps.probes === undefined) return result('VERIFIED', undefined, false, findings);
  const resource = connection.resource;
  // The pre-flight passed, so the ARN parses.
  const { partition: targetPartition, accountId: targetAccountId } = parseRoleArn(connection.roleArn)!;
  const owner = { partition: targetPartition, accountId: targetAccountId };
  const probeSessionName = verifierSessionName(tenantId, connection.connectionId, attempt, 'pb');
  const probeSession = await deps.sts.assumeRole(
    {
      roleArn: connection.roleArn,
      sessionName: probeSessionName,
      externalId: connection.externalId,
      durationSeconds: VERIFICATION_SESSION_SECONDS,
      sessionPolicy: probeSessionPolicy(resource, owner),
    },
    dataplane.credentials,
  );
  if (!probeSession.ok) return denied(probeSession, 'target');
  const report = await runProbes({ resource, ...owner, sessionName: probeSessionName }, probeSession.credentials, deps.probes);
  const withProbes = { ...findings, probes: report.steps };
  if (!report.failure) return result('VERIFIED', undefined, false, withProbes);
  const diagnosis = diagnoseProbeFailure(
    {
      failure: report.failure,
      resource,
      connectionId: connection.connectionId,
      ...owner,
      ...(report.markerLeft ? { markerLeft: report.markerLeft } : {}),
    },
    ctx,
  );
  if (diagnosis.side === 'transient') return result('DENIED', diagnosis, true, withProbes);
  // A host the connection names is fixed only by configuring the connection again, as at the pre-flight.
  if (diagnosis.code === 'HOST_NOT_CANONICAL') return result('INVALID', diagnosis, false, withProbes);
  return result('DATA_ACCESS_DENIED', diagnosis, false, withProbes);
}

type VerifiedFindings = Pick<AttemptResult, 'warnings' | 'trustProbe' | 'probes'>;

/**
 * Assumes the stack's trust probe role (a session that may only assume roles), then the target from it
 * with the External ID and a deny-all session. Only an AccessDenied from the target proves the trust is
 * pinned; only a session proves it is not.
 */
async function probeTrust(
  sts: RoleAssumer,
  connection: Connection,
  probeRoleArn: string,
  sessionName: (stage: 'pr' | 'px') => string,
): Promise<TrustProbeResult> {
  try {
    return await probeTrustOnce(sts, connection, probeRoleArn, sessionName);
  } catch (error) {
    // A call that never reached STS (a dropped connection): the connection is verified all the same.
    return { outcome: 'inconclusive', error: (error as Error).name };
  }
}

async function probeTrustOnce(
  sts: RoleAssumer,
  connection: Connection,
  probeRoleArn: string,
  sessionName: (stage: 'pr' | 'px') => string,
): Promise<TrustProbeResult> {
  const probe = await sts.assumeRole({
    roleArn: probeRoleArn,
    sessionName: sessionName('pr'),
    durationSeconds: VERIFICATION_SESSION_SECONDS,
    sessionPolicy: ALLOW_ONLY_ASSUME_ROLE_SESSION_POLICY,
  });
  if (!probe.ok) return { outcome: 'inconclusive', error: probe.error.name };
  const target = await assumeTarget(sts, connection, sessionName('px'), probe.credentials, connection.externalId);
  if (target.ok) return { outcome: 'assumed' };
  return target.error.name === 'AccessDenied' ? { outcome: 'refused' } : { outcome: 'inconclusive', error: target.error.name };
}

/**
 * The verifier's dataplane session may only assume roles: it exists to make the second hop, so even a
 * mistake in the dataplane role's permissions cannot give this session anything else.
 */
const ALLOW_ONLY_ASSUME_ROLE_SESSION_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'SecondHopOnly', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
});

function assumeTarget(
  sts: RoleAssumer,
  connection: Connection,
  sessionName: string,
  as: SessionCredentials,
  externalId: string | undefined,
): Promise<AssumeRoleOutcome> {
  return sts.assumeRole(
    {
      roleArn: connection.roleArn,
      sessionName,
      ...(externalId !== undefined ? { externalId } : {}),
      durationSeconds: VERIFICATION_SESSION_SECONDS,
      sessionPolicy: DENY_ALL_SESSION_POLICY,
    },
    as,
  );
}

/** Denials that a not-yet-propagated change on our side can cause. */
function isPropagationSensitive(d: Diagnosis): boolean {
  return ['TRUST_POLICY_DENIED', 'DATAPLANE_ROLE_UNASSUMABLE', 'IDENTITY_POLICY_DENIED'].includes(d.code);
}
