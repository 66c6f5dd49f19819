// The tenant status record: what support and the status API read.

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
  oidcIssuer?: string;
  oidcProviderArn?: string;
  roleName?: string;
  roleArn?: string;
  roleOutcome?: string;
  queueMessageId?: string;
  error?: StatusError;
}

export interface StatusRecord extends StatusUpdate {
  createdAt: string;
  updatedAt: string;
}
