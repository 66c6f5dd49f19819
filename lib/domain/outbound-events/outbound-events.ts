// What the workflow tells the platform and support: one event per change of state, on EventBridge.
//
// - DataplaneRoleReady and OnboardingFailed: once per onboarding execution that records ROLE_READY, or
//   FAILED / INVALID_REQUEST.
// - ConnectionVerified and ConnectionActionRequired: when a connection's notice changes. A notice is
//   what a person would be told: VERIFIED, or a diagnosis someone must act on (customer or vendor
//   side) while polling goes on or once it stopped (ACTION_REQUIRED). Transient outcomes (throttling,
//   IAM propagation) tell nobody anything and change no notice; the same diagnosis again neither.
//
// Every event has a deterministic id (its execution, the transition, and for a connection the
// attempt), so a redelivered or re-driven step computes the same event: the publisher sends an id
// once, and a consumer can drop a repeat by `detail.eventId`. No event carries an External ID, only
// the length and fingerprint a connection status already holds.
import { createHash } from 'node:crypto';
import { customerTargetRoleTrustPolicy, EXTERNAL_ID_PLACEHOLDER, type PolicyDocument } from '../onboarding/policies';
import type { ConnectionStatus, ExecutionRef, StatusError, StatusUpdate } from '../status';
import type { DiagnosisCode, DiagnosisSide, MissingPermission } from '../diagnosis/codes';
import type { ConnectionResource } from '../probes/resource';
import type { IdentityMode } from '../identity-modes';

export const OUTBOUND_EVENT_SOURCE = 'tenant-dataplane-onboarding';

export const OUTBOUND_DETAIL_TYPES = ['DataplaneRoleReady', 'OnboardingFailed', 'ConnectionVerified', 'ConnectionActionRequired'] as const;
export type OutboundDetailType = (typeof OUTBOUND_DETAIL_TYPES)[number];

interface CommonDetail {
  /** Deterministic: the same transition of the same execution always has this id (drop repeats by it). */
  eventId: string;
  tenantId: string;
  /** When the state changed, on the workflow's clock. */
  occurredAt: string;
  execution: ExecutionRef;
}

export interface DataplaneRoleReadyDetail extends CommonDetail {
  roleArn: string;
  roleName?: string;
  clusterName?: string;
  /** created, converged or unchanged. */
  roleOutcome?: string;
  /** How the Spark pods get the role: irsa or podIdentity. */
  identity?: IdentityMode;
  /** The trust policy the customer pastes into their target role, with the External ID placeholder. */
  customerTrustPolicy: PolicyDocument;
  externalIdPlaceholder: string;
}

export interface OnboardingFailedDetail extends CommonDetail {
  status: 'FAILED' | 'INVALID_REQUEST';
  summary: string;
  error?: StatusError;
}

export interface ConnectionDetail extends CommonDetail {
  connectionId: string;
  roleArn: string;
  externalId: { length: number; fingerprint: string };
  /** The data the connection names, when it names any (then it was probed). */
  resource?: ConnectionResource;
  attempt: number;
  summary: string;
}

export interface ConnectionVerifiedDetail extends ConnectionDetail {
  verifiedAt: string;
  /** What is wrong although the connection works (TRUST_NOT_PINNED). */
  warnings?: { code: DiagnosisCode; side: DiagnosisSide; summary: string; fix: string }[];
}

export interface ConnectionActionRequiredDetail extends ConnectionDetail {
  /**
   * VERIFYING: polling goes on (nextAttemptAt, pollingEndsAt); DATA_ACCESS_REQUIRED: the trust is verified,
   * a permission probe failed, polling goes on; ACTION_REQUIRED: polling stopped.
   */
  state: 'VERIFYING' | 'DATA_ACCESS_REQUIRED' | 'ACTION_REQUIRED';
  code: DiagnosisCode;
  side: DiagnosisSide;
  fix: string;
  /** DATA_ACCESS_DENIED, KMS_ACCESS_DENIED: the action, resource and statements to add. */
  missingPermission?: MissingPermission;
  nextAttemptAt?: string;
  /** When polling stops if nothing changes (the schedule's deadline). */
  pollingEndsAt?: string;
}

export type OutboundEvent =
  | { detailType: 'DataplaneRoleReady'; detail: DataplaneRoleReadyDetail }
  | { detailType: 'OnboardingFailed'; detail: OnboardingFailedDetail }
  | { detailType: 'ConnectionVerified'; detail: ConnectionVerifiedDetail }
  | { detailType: 'ConnectionActionRequired'; detail: ConnectionActionRequiredDetail };

/** A UUID-shaped id from the parts that identify a transition. */
export function outboundEventId(...parts: (string | number)[]): string {
  const hex = createHash('sha256').update(parts.join('\n')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The event a recorded tenant status announces, if any: ROLE_READY, FAILED and INVALID_REQUEST do. */
export function tenantStatusEvent(update: StatusUpdate, occurredAt: string): OutboundEvent | undefined {
  const common = { tenantId: update.tenantId, occurredAt, execution: { id: update.execution.id, startTime: update.execution.startTime } };
  if (update.status === 'ROLE_READY' && update.roleArn) {
    return {
      detailType: 'DataplaneRoleReady',
      detail: {
        eventId: outboundEventId(update.execution.id, update.tenantId, 'DataplaneRoleReady'),
        ...common,
        roleArn: update.roleArn,
        ...(update.roleName ? { roleName: update.roleName } : {}),
        ...(update.clusterName ? { clusterName: update.clusterName } : {}),
        ...(update.roleOutcome ? { roleOutcome: update.roleOutcome } : {}),
        ...(update.identity ? { identity: update.identity } : {}),
        customerTrustPolicy: customerTargetRoleTrustPolicy(update.roleArn),
        externalIdPlaceholder: EXTERNAL_ID_PLACEHOLDER,
      },
    };
  }
  if (update.status === 'FAILED' || update.status === 'INVALID_REQUEST') {
    return {
      detailType: 'OnboardingFailed',
      detail: {
        eventId: outboundEventId(update.execution.id, update.tenantId, 'OnboardingFailed'),
        ...common,
        status: update.status,
        summary: update.summary,
        ...(update.error ? { error: update.error } : {}),
      },
    };
  }
  return undefined;
}

/** What a person would be told about a connection in this status; undefined when there is nothing to tell. */
export function noticeOf(status: ConnectionStatus): string | undefined {
  if (status.state === 'VERIFIED') return 'VERIFIED';
  const d = status.diagnosis;
  if (!d || d.side === 'transient') return undefined;
  return `${status.state}:${d.code}`;
}

/**
 * The notice the connection had before this attempt: the stored status's, or, when the stored status
 * is this very attempt already recorded (a redelivered step), the one it was recorded over.
 */
export function noticeBefore(stored: ConnectionStatus | undefined, next: Pick<ConnectionStatus, 'attempts' | 'execution'>): string | undefined {
  if (!stored) return undefined;
  const sameAttempt = stored.execution.id === next.execution.id && stored.attempts === next.attempts;
  return sameAttempt ? stored.noticeBefore : stored.notice;
}

/** The status to record, with its notice bookkeeping: the notice it carries, and the one before. */
export function withNotice(next: ConnectionStatus, before: string | undefined): ConnectionStatus {
  const { notice: _n, noticeBefore: _b, ...status } = next;
  const notice = noticeOf(next) ?? before;
  return { ...status, ...(notice !== undefined ? { notice } : {}), ...(before !== undefined ? { noticeBefore: before } : {}) };
}

/**
 * The status as recorded when its event could not be sent and polling goes on: it keeps the notice
 * before, so the next attempt finds the change still unannounced and announces it (as it is then).
 */
export function withNoticeDeferred(recorded: ConnectionStatus, before: string | undefined): ConnectionStatus {
  const { notice: _n, ...status } = recorded;
  return { ...status, ...(before !== undefined ? { notice: before } : {}) };
}

/** The event a connection's new status announces: only when its notice changed. */
export function connectionEvent(
  tenantId: string,
  status: ConnectionStatus,
  before: string | undefined,
  occurredAt: string,
  pollingEndsAt?: string,
): OutboundEvent | undefined {
  const notice = noticeOf(status);
  if (notice === undefined || notice === before) return undefined;
  const common = {
    tenantId,
    occurredAt,
    execution: { id: status.execution.id, startTime: status.execution.startTime },
    connectionId: status.connectionId,
    roleArn: status.roleArn,
    externalId: { length: status.externalId.length, fingerprint: status.externalId.fingerprint },
    ...(status.resource ? { resource: status.resource } : {}),
    attempt: status.attempts,
    summary: status.summary,
  };
  const eventId = (detailType: OutboundDetailType) => outboundEventId(status.execution.id, tenantId, status.connectionId, status.attempts, detailType);
  if (status.state === 'VERIFIED') {
    const warnings = (status.warnings ?? []).map((w) => ({ code: w.code, side: w.side, summary: w.summary, fix: w.fix }));
    return {
      detailType: 'ConnectionVerified',
      detail: {
        eventId: eventId('ConnectionVerified'),
        ...common,
        verifiedAt: status.verifiedAt ?? occurredAt,
        ...(warnings.length > 0 ? { warnings } : {}),
      },
    };
  }
  const d = status.diagnosis!;
  const polling = status.state !== 'ACTION_REQUIRED';
  return {
    detailType: 'ConnectionActionRequired',
    detail: {
      eventId: eventId('ConnectionActionRequired'),
      ...common,
      state: status.state,
      code: d.code,
      side: d.side,
      fix: d.fix,
      ...(d.missingPermission ? { missingPermission: d.missingPermission } : {}),
      ...(polling && status.nextAttemptAt ? { nextAttemptAt: status.nextAttemptAt } : {}),
      ...(polling && pollingEndsAt ? { pollingEndsAt } : {}),
    },
  };
}
