// Errors are the contract with the state machines: each class sets a stable `name`, which is what a
// Lambda reports as its error type and what the ASL's Retry and Catch fields match. Transient errors
// are retried by the state machine with backoff; every other domain error is caught and recorded.
// test/unit/error-names.test.ts keeps the names used in statemachines/*.asl.json in step with these.

export interface ErrorDetails {
  [key: string]: unknown;
}

export abstract class DomainError extends Error {
  /** True when retrying the same call later can succeed (throttling, concurrent modification). */
  abstract readonly transient: boolean;
  readonly details: ErrorDetails;

  constructor(message: string, details: ErrorDetails = {}) {
    super(message);
    this.details = details;
  }
}

/** An error a later try of the same call can get past (TransientAwsError: throttling, 5xx, an outage). */
export function isTransientError(error: unknown): boolean {
  return error instanceof Error && (error as { transient?: unknown }).transient === true;
}

/** A field problem found while validating an onboarding request. */
export interface FieldProblem {
  field: string;
  problem: string;
}

/** The request is malformed: nothing was created. `details.problems` lists every field problem. */
export class InvalidOnboardingRequest extends DomainError {
  override readonly name = 'InvalidOnboardingRequest';
  readonly transient = false;
  readonly problems: FieldProblem[];

  constructor(problems: FieldProblem[]) {
    super(
      `Invalid onboarding request: ${problems.map((p) => `${p.field}: ${p.problem}`).join('; ')}`,
      { problems },
    );
    this.problems = problems;
  }
}

/** EKS has no cluster of that name in the dataplane account and region. */
export class ClusterNotFound extends DomainError {
  override readonly name = 'ClusterNotFound';
  readonly transient = false;
}

/** The cluster exists but cannot be used for IRSA (no OIDC issuer, or not ACTIVE). */
export class ClusterNotReady extends DomainError {
  override readonly name = 'ClusterNotReady';
  readonly transient = false;
}

/** The cluster's IAM OIDC provider does not exist and creating it is not enabled. */
export class OidcProviderMissing extends DomainError {
  override readonly name = 'OidcProviderMissing';
  readonly transient = false;
}

/** EKS Pod Identity was asked for, but the cluster lacks its agent add-on (or it is not working). */
export class PodIdentityAgentMissing extends DomainError {
  override readonly name = 'PodIdentityAgentMissing';
  readonly transient = false;
}

/**
 * The tenant's role uses one identity mode and this onboarding would switch it to the other without
 * the request naming it (the stack's default differs): switching is done only when asked for.
 */
export class IdentityModeChangeNotRequested extends DomainError {
  override readonly name = 'IdentityModeChangeNotRequested';
  readonly transient = false;
}

/** The ServiceAccount already has a pod identity association with a role that is not the tenant's dataplane role. */
export class PodIdentityAssociationNotOwned extends DomainError {
  override readonly name = 'PodIdentityAssociationNotOwned';
  readonly transient = false;
}

/** A role named `<tenant>-dataplane-role` exists but was not created by us for this tenant. */
export class DataplaneRoleNotOwned extends DomainError {
  override readonly name = 'DataplaneRoleNotOwned';
  readonly transient = false;
}

/** An account quota stops us (roles per account, OIDC providers per account, policy size). */
export class QuotaExceeded extends DomainError {
  override readonly name = 'QuotaExceeded';
  readonly transient = false;
}

/** IAM rejected a policy document or input we built: a defect on our side, never retried. */
export class IamRequestRejected extends DomainError {
  override readonly name = 'IamRequestRejected';
  readonly transient = false;
}

/** Throttling, ConcurrentModification, a 5xx: retrying the same call later can succeed. */
export class TransientAwsError extends DomainError {
  override readonly name = 'TransientAwsError';
  readonly transient = true;
}

/** The configuration the function was deployed with is unusable. */
export class ConfigurationError extends DomainError {
  override readonly name = 'ConfigurationError';
  readonly transient = false;
}

/** A verification request is malformed (connections, schedule): nothing was attempted. */
export class InvalidVerificationRequest extends DomainError {
  override readonly name = 'InvalidVerificationRequest';
  readonly transient = false;
  readonly problems: FieldProblem[];

  constructor(problems: FieldProblem[]) {
    super(
      `Invalid verification request: ${problems.map((p) => `${p.field}: ${p.problem}`).join('; ')}`,
      { problems },
    );
    this.problems = problems;
  }
}

/** Verification needs the tenant's dataplane role: the tenant has not been onboarded (yet). */
export class TenantNotOnboarded extends DomainError {
  override readonly name = 'TenantNotOnboarded';
  readonly transient = false;
}

/** Every domain error class by its name: the names a state machine may match. */
export const DOMAIN_ERRORS = {
  InvalidOnboardingRequest,
  ClusterNotFound,
  ClusterNotReady,
  OidcProviderMissing,
  PodIdentityAgentMissing,
  IdentityModeChangeNotRequested,
  PodIdentityAssociationNotOwned,
  DataplaneRoleNotOwned,
  QuotaExceeded,
  IamRequestRejected,
  TransientAwsError,
  ConfigurationError,
  InvalidVerificationRequest,
  TenantNotOnboarded,
} as const;

export type DomainErrorName = keyof typeof DOMAIN_ERRORS;
