// The tenant status record: what support and the status API read.
import type { IdentityMode } from './identity-modes';

export const ONBOARDING_STATUSES = ['PROVISIONING', 'ROLE_READY', 'FAILED', 'INVALID_REQUEST'] as const;
export type OnboardingStatus = (typeof ONBOARDING_STATUSES)[number];

export interface StatusError {
  /** The stable domain error name (e.g. OidcProviderMissing). */
  name: string;
  message: string;
  /** For INVALID_REQUEST: every field problem. */
  problems?: { field: string; problem: string }[];
}

/** The execution that produced a status; a write from an older execution never replaces a newer one. */
export interface ExecutionRef {
  id: string;
  startTime: string;
}

export interface StatusUpdate {
  tenantId: string;
  status: OnboardingStatus;
  summary: string;
  execution: ExecutionRef;
  clusterName?: string;
  namespace?: string;
  serviceAccount?: string;
  /** How the Spark pods get the role (recorded with ROLE_READY); absent in records from before modes: irsa. */
  identity?: IdentityMode;
  /** The mode the latest request named, if it named one: `onboarding retry` asks for it again. */
  requestedIdentity?: IdentityMode;
  oidcIssuer?: string;
  oidcProviderArn?: string;
  /** EKS Pod Identity: the Spark ServiceAccount's association with the role. */
  podIdentityAssociationId?: string;
  roleName?: string;
  roleArn?: string;
  roleOutcome?: string;
  /** When onboarding last created or changed the dataplane role (IAM propagation takes up to ~2 minutes). */
  roleChangedAt?: string;
  queueMessageId?: string;
  error?: StatusError;
}

export interface StatusRecord extends StatusUpdate {
  createdAt: string;
  updatedAt: string;
  /** Per-connection verification, by connection id. */
  connections?: Record<string, ConnectionStatus>;
  /** The latest event about this tenant that was rejected (nothing was started for it), and why. */
  lastRejectedEvent?: RejectedEventNote;
  verification?: VerificationSummary;
}

/**
 * Where verification of one customer connection stands. DATA_ACCESS_REQUIRED: the trust is verified but
 * a permission probe failed; polling goes on, as while VERIFYING, until the deadline (ACTION_REQUIRED).
 */
export const CONNECTION_STATES = ['VERIFYING', 'DATA_ACCESS_REQUIRED', 'VERIFIED', 'ACTION_REQUIRED'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

/** The states in which a connection is still polled: it has a next attempt and has not settled. */
export function isPolling(state: ConnectionState): boolean {
  return state === 'VERIFYING' || state === 'DATA_ACCESS_REQUIRED';
}

export interface ConnectionStatus {
  connectionId: string;
  roleArn: string;
  /** Never the External ID itself: its length and a short fingerprint, to tell "same" from "changed". */
  externalId: { length: number; fingerprint: string };
  state: ConnectionState;
  summary: string;
  attempts: number;
  /** The latest diagnosis; absent once verified. */
  diagnosis?: import('./diagnosis').Diagnosis;
  /** Once the trust is verified: what is wrong although the trust works (TRUST_NOT_PINNED); absent when nothing is. */
  warnings?: import('./diagnosis').Diagnosis[];
  /** What the connection is for (the data it names); absent for a connection verified on its trust alone. */
  resource?: import('./probes/resource').ConnectionResource;
  /** The permission probes of the latest attempt that got past the trust. */
  probes?: import('./probes/probe-steps').ProbeStep[];
  lastAttemptAt?: string;
  nextAttemptAt?: string;
  verifiedAt?: string;
  execution: ExecutionRef;
  updatedAt?: string;
  /**
   * Bookkeeping of the outbound events (lib/domain/outbound-events): the notice this status carries
   * (VERIFIED, or the state and code someone must act on), and the one before this attempt. Never shown.
   */
  notice?: string;
  noticeBefore?: string;
}

export const VERIFICATION_STATES = ['VERIFYING', 'VERIFIED', 'ACTION_REQUIRED'] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];

/** The tenant-wide verification outcome, over all its connections. */
export interface VerificationSummary {
  state: VerificationState;
  summary: string;
  verified: string[];
  actionRequired: string[];
  verifying: string[];
  execution: ExecutionRef;
  updatedAt?: string;
}

export interface RejectedEventNote {
  eventId?: string;
  detailType?: string;
  /** What was wrong, External IDs scrubbed. */
  reason: string;
  problems: { field: string; problem: string }[];
  rejectedAt: string;
}

/** A map's own entry: connection ids such as "constructor" must never find Object.prototype's members. */
export function ownEntry<T>(map: Record<string, T> | undefined, key: string): T | undefined {
  return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
}
