// Turns what a Record Status state passes into the status record update. Pure: the state machine
// decides which status, this decides what the record says.
import { FieldProblem, InvalidOnboardingRequest } from '../../errors';
import { OnboardingRequest, recordableTenantId } from './onboarding-request';
import type { EnsuredRole, ResolvedCluster } from './provisioning';
import type { ExecutionRef, OnboardingStatus, StatusError, StatusUpdate } from '../status';

/** A Catch's error output: `Cause` is the error message (locally) or Lambda's JSON error (in AWS). */
export interface StepFailure {
  Error: string;
  Cause?: string;
}

export interface RecordStatusEvent {
  status: OnboardingStatus;
  execution: ExecutionRef;
  request?: OnboardingRequest;
  /** The raw execution input, for INVALID_REQUEST. */
  input?: unknown;
  cluster?: ResolvedCluster;
  role?: EnsuredRole;
  publication?: { messageId: string };
  failure?: StepFailure;
}

/** The message of a failed step, from either shape of Cause. */
export function failureMessage(failure: StepFailure): string {
  const cause = failure.Cause ?? '';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    if (parsed && typeof parsed.errorMessage === 'string') return parsed.errorMessage;
  } catch {
    // Not JSON: a plain message.
  }
  return cause || failure.Error;
}

/** The problems of an onboarding request's input, as its schema finds them (lib/schemas/onboarding-request.ts). */
export type RequestProblems = (input: unknown) => FieldProblem[];

/**
 * Undefined when there is no usable tenant id to record the status under. `requestProblems` lists a
 * rejected request's problems; without it (or when it finds none) the error's message is recorded alone.
 */
export function statusUpdateFor(event: RecordStatusEvent, requestProblems?: RequestProblems): StatusUpdate | undefined {
  const { status, execution } = event;
  switch (status) {
    case 'INVALID_REQUEST': {
      const tenantId = recordableTenantId(event.input);
      if (tenantId === undefined) return undefined;
      const error = invalidRequestError(event, requestProblems);
      return {
        tenantId,
        status,
        execution,
        summary: `The onboarding request was rejected and nothing was created: ${error.message}`,
        error,
      };
    }
    case 'PROVISIONING': {
      const request = required(event.request, 'request', status);
      return {
        ...requestFields(request),
        status,
        execution,
        summary: `Provisioning ${request.roleName} for EKS cluster ${request.clusterName}`,
      };
    }
    case 'ROLE_READY': {
      const request = required(event.request, 'request', status);
      const cluster = required(event.cluster, 'cluster', status);
      const role = required(event.role, 'role', status);
      const how =
        role.outcome === 'created'
          ? 'created'
          : role.outcome === 'converged'
            ? `converged (${role.changes.join('; ')})`
            : 'already up to date';
      return {
        ...requestFields(request),
        status,
        execution,
        summary:
          `Dataplane role ${role.roleArn} ${how}${cluster.identity === 'podIdentity' ? ', for EKS Pod Identity' : ''}; ` +
          "its ARN and the customer's trust policy were sent to the account manager",
        identity: cluster.identity ?? 'irsa',
        ...(cluster.oidcIssuer !== undefined ? { oidcIssuer: cluster.oidcIssuer } : {}),
        ...(cluster.oidcProviderArn !== undefined ? { oidcProviderArn: cluster.oidcProviderArn } : {}),
        ...(role.association ? { podIdentityAssociationId: role.association.associationId } : {}),
        roleArn: role.roleArn,
        roleOutcome: role.outcome,
        ...(role.changedAt ? { roleChangedAt: role.changedAt } : {}),
        queueMessageId: event.publication?.messageId,
      };
    }
    case 'FAILED': {
      const request = required(event.request, 'request', status);
      const failure = required(event.failure, 'failure', status);
      const message = failureMessage(failure);
      return {
        ...requestFields(request),
        status,
        execution,
        summary: `Onboarding failed (${failure.Error}): ${message}`,
        error: { name: failure.Error, message },
      };
    }
  }
}

function requestFields(request: OnboardingRequest) {
  return {
    tenantId: request.tenantId,
    clusterName: request.clusterName,
    namespace: request.namespace,
    serviceAccount: request.serviceAccount,
    roleName: request.roleName,
    // The mode the request named, so that `onboarding retry` asks for it again.
    ...(request.identity !== undefined ? { requestedIdentity: request.identity } : {}),
  };
}

/** The field problems, recomputed from the input: AWS passes only the error's message to a Catch. */
function invalidRequestError(event: RecordStatusEvent, requestProblems?: RequestProblems): StatusError {
  const problems = requestProblems?.(event.input) ?? [];
  if (problems.length > 0) {
    const error = new InvalidOnboardingRequest(problems);
    return { name: error.name, message: error.message, problems };
  }
  const failure = event.failure ?? { Error: 'InvalidOnboardingRequest' };
  return { name: failure.Error, message: failureMessage(failure) };
}

function required<T>(value: T | undefined, field: string, status: OnboardingStatus): T {
  if (value === undefined) {
    throw new TypeError(`Record Status for ${status} needs "${field}" in its input; the state machine did not pass it`);
  }
  return value;
}
