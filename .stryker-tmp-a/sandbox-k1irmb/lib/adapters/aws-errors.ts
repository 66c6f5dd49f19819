// @ts-nocheck
// Translates AWS SDK errors into the domain errors the state machines match on. Only errors whose
// meaning is certain are translated; anything else is returned unchanged, so an unexpected failure
// still surfaces with its own name instead of being disguised as something retryable.
import { DomainError, IamRequestRejected, QuotaExceeded, TransientAwsError } from '../errors';

/** The call that failed, named so the message tells support exactly what to look at. */
export interface AwsCall {
  /** 'IAM', 'EKS', 'STS', 'SQS', 'DynamoDB' */
  service: string;
  /** The API action, e.g. 'CreateRole'. */
  operation: string;
  /** What the call was about, e.g. the role name. */
  resource: string;
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
  'RequestThrottled',
]);
const CONCURRENT_MODIFICATION = new Set(['ConcurrentModificationException', 'ConcurrentModification']);
const SERVICE_FAILURE = new Set([
  'ServiceFailureException',
  'ServiceFailure',
  'ServiceUnavailable',
  'InternalFailure',
]);
// A dropped or timed-out connection says nothing about the request itself, so trying again is sound.
const NETWORK = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'TimeoutError']);
const QUOTA = new Set(['LimitExceededException', 'LimitExceeded']);
const REJECTED = new Set([
  'MalformedPolicyDocumentException',
  'InvalidInputException',
  'ValidationError',
  'ValidationException',
]);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown };
  $retryable?: { throttling?: unknown };
}

/** The error's name as the SDK reports it; undefined for values that are not errors. */
export function awsErrorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const name = (error as SdkErrorShape).name;
  return typeof name === 'string' ? name : undefined;
}

/** True when the error is one of the named AWS errors (the SDK name or the wire code). */
export function isAwsError(error: unknown, ...names: string[]): boolean {
  const name = awsErrorName(error);
  return name !== undefined && names.includes(name);
}

/**
 * The error to throw for a failed AWS call: a TransientAwsError, QuotaExceeded or IamRequestRejected
 * when the AWS error means one of those, otherwise the original error, unchanged. Use as
 * `throw mapAwsError(error, call)`.
 */
export function mapAwsError(error: unknown, call: AwsCall): unknown {
  if (error instanceof DomainError) return error;
  if (typeof error !== 'object' || error === null) return error;
  const e = error as SdkErrorShape;
  const name = typeof e.name === 'string' ? e.name : '';
  const code = typeof e.code === 'string' ? e.code : '';
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;

  const build = <T extends DomainError>(
    Kind: new (message: string, details: Record<string, unknown>) => T,
    what: string,
  ): T => {
    const awsMessage = typeof e.message === 'string' ? e.message : '';
    const domainError = new Kind(`${call.service} ${call.operation} ${call.resource} ${what}: ${awsMessage || name || code}`, {
      service: call.service,
      operation: call.operation,
      resource: call.resource,
      awsErrorName: name || code,
      awsMessage,
      httpStatusCode: status,
      requestId: typeof e.$metadata?.requestId === 'string' ? e.$metadata.requestId : undefined,
    });
    domainError.cause = error;
    return domainError;
  };

  if (THROTTLING.has(name) || e.$retryable?.throttling === true) return build(TransientAwsError, 'was throttled');
  if (CONCURRENT_MODIFICATION.has(name)) {
    return build(TransientAwsError, 'conflicted with a concurrent modification');
  }
  if (QUOTA.has(name)) return build(QuotaExceeded, 'hit an account quota');
  if (REJECTED.has(name)) return build(IamRequestRejected, 'was rejected as invalid');
  if (SERVICE_FAILURE.has(name) || e.$fault === 'server' || (status !== undefined && status >= 500)) {
    return build(TransientAwsError, 'failed on the AWS side');
  }
  if (NETWORK.has(name) || NETWORK.has(code)) return build(TransientAwsError, 'lost its connection or timed out');
  return error;
}
