// The AWS errors the sandbox can throw, shaped exactly as the SDK deserializes them from a real
// response: the SDK's own exception class where the service models the error, otherwise the service's
// base exception carrying the wire code as its name. Status codes and query codes come from the
// services' models; test/unit/sandbox/service-errors.test.ts checks them against the installed SDK.
import {
  AccessDeniedException as CloudTrailAccessDeniedException,
  CloudTrailServiceException,
  InvalidEventCategoryException,
  InvalidLookupAttributesException,
  InvalidMaxResultsException,
  InvalidNextTokenException,
  InvalidTimeRangeException,
  ThrottlingException as CloudTrailThrottlingException,
} from '@aws-sdk/client-cloudtrail';
import {
  EventBridgeServiceException,
  InternalException as EventBridgeInternalException,
  ResourceNotFoundException as EventBridgeResourceNotFoundException,
  ThrottlingException as EventBridgeThrottlingException,
} from '@aws-sdk/client-eventbridge';
import {
  AccessDeniedException as EksAccessDeniedException,
  ClientException as EksClientException,
  EKSServiceException,
  InvalidParameterException as EksInvalidParameterException,
  ResourceInUseException as EksResourceInUseException,
  ResourceNotFoundException as EksResourceNotFoundException,
  ServerException as EksServerException,
  ServiceUnavailableException as EksServiceUnavailableException,
  ThrottlingException as EksThrottlingException,
} from '@aws-sdk/client-eks';
import {
  AthenaServiceException,
  InternalServerException as AthenaInternalServerException,
  InvalidRequestException as AthenaInvalidRequestException,
  TooManyRequestsException as AthenaTooManyRequestsException,
} from '@aws-sdk/client-athena';
import {
  ConcurrentModificationException,
  DeleteConflictException,
  EntityAlreadyExistsException,
  IAMServiceException,
  InvalidInputException,
  LimitExceededException,
  MalformedPolicyDocumentException as IamMalformedPolicyDocumentException,
  NoSuchEntityException,
  ServiceFailureException,
  UnmodifiableEntityException,
} from '@aws-sdk/client-iam';
import {
  ClusterNotFoundFault,
  InvalidClusterStateFault,
  RedshiftServiceException,
  UnsupportedOperationFault,
} from '@aws-sdk/client-redshift';
import {
  AccessDeniedException as RedshiftServerlessAccessDeniedException,
  InternalServerException as RedshiftServerlessInternalServerException,
  RedshiftServerlessServiceException,
  ResourceNotFoundException as RedshiftServerlessResourceNotFoundException,
  ThrottlingException as RedshiftServerlessThrottlingException,
  ValidationException as RedshiftServerlessValidationException,
} from '@aws-sdk/client-redshift-serverless';
import { AccessDenied as S3AccessDenied, NoSuchBucket, NoSuchKey, S3ServiceException } from '@aws-sdk/client-s3';
import { SFNServiceException } from '@aws-sdk/client-sfn';
import {
  InvalidAddress,
  InvalidAttributeName,
  OverLimit,
  QueueDoesNotExist,
  QueueNameExists,
  ReceiptHandleIsInvalid,
  RequestThrottled,
  SQSServiceException,
} from '@aws-sdk/client-sqs';
import {
  ExpiredTokenException,
  IDPRejectedClaimException,
  InvalidIdentityTokenException,
  MalformedPolicyDocumentException as StsMalformedPolicyDocumentException,
  PackedPolicyTooLargeException,
  RegionDisabledException,
  STSServiceException,
} from '@aws-sdk/client-sts';
import type { AwsService } from '../adapters/aws-clients';

/** The services the sandbox answers for through the SDK clients (DynamoDB runs on dynalite). */
export type SimulatedService = Exclude<AwsService, 'dynamodb'>;

type ExceptionClass = new (options: any) => Error;

export interface ErrorSpec {
  /** The code AWS puts on the wire (query `Code`, or the JSON `__type`). */
  code: string;
  httpStatusCode: number;
  fault: 'client' | 'server';
  /** The SDK's class for a modeled error; absent when the SDK only knows the service's base exception. */
  exception?: ExceptionClass;
  /** The message AWS sends when nothing more specific is known, e.g. for an injected fault. */
  defaultMessage: string;
  /** The awsQuery code of a JSON service that stays query-compatible (SQS). */
  queryCode?: string;
  /**
   * The status the SDK model gives the error, where AWS is seen sending another one (httpStatusCode):
   * Redshift Serverless answers 400 for errors its model marks 403 or 404.
   */
  modelHttpStatusCode?: number;
}

/** How the service's responses are encoded; it decides which extra fields the SDK sets on an error. */
type Protocol = 'query' | 'json-query-compatible' | 'rest-json' | 'json' | 'rest-xml';

interface ServiceErrors {
  displayName: string;
  protocol: Protocol;
  base: ExceptionClass;
  errors: Record<string, ErrorSpec>;
  /**
   * The SDK copies the JSON body's `__type` onto the error (it copies every body field it does not
   * model, as decorateServiceException does; checked with client-athena 3.1164 against a mocked response).
   */
  typeField?: boolean;
}

const THROTTLED = 'Rate exceeded';
const BAD_TOKEN = 'The security token included in the request is invalid.';
export const EXPIRED_TOKEN = 'The security token included in the request is expired';

function spec(
  code: string,
  httpStatusCode: number,
  defaultMessage: string,
  extra: { exception?: ExceptionClass; fault?: 'client' | 'server'; queryCode?: string; modelHttpStatusCode?: number } = {},
): ErrorSpec {
  return {
    code,
    httpStatusCode,
    fault: extra.fault ?? (httpStatusCode >= 500 ? 'server' : 'client'),
    defaultMessage,
    ...(extra.exception ? { exception: extra.exception } : {}),
    ...(extra.queryCode ? { queryCode: extra.queryCode } : {}),
    ...(extra.modelHttpStatusCode !== undefined ? { modelHttpStatusCode: extra.modelHttpStatusCode } : {}),
  };
}

function byCode(...specs: ErrorSpec[]): Record<string, ErrorSpec> {
  return Object.fromEntries(specs.map((s) => [s.code, s]));
}

export const SERVICE_ERRORS: Record<SimulatedService, ServiceErrors> = {
  iam: {
    displayName: 'IAM',
    protocol: 'query',
    base: IAMServiceException,
    errors: byCode(
      spec('EntityAlreadyExists', 409, 'The entity already exists.', { exception: EntityAlreadyExistsException }),
      spec('NoSuchEntity', 404, 'The request was rejected because it referenced a resource entity that does not exist.', {
        exception: NoSuchEntityException,
      }),
      spec('LimitExceeded', 409, 'The request was rejected because it attempted to create resources beyond the current AWS account limits.', {
        exception: LimitExceededException,
      }),
      spec('MalformedPolicyDocument', 400, 'Syntax errors in policy.', { exception: IamMalformedPolicyDocumentException }),
      spec(
        'ConcurrentModification',
        409,
        'The request was rejected because multiple requests to change this object were submitted simultaneously. Wait a few minutes and submit your request again.',
        { exception: ConcurrentModificationException },
      ),
      spec('ServiceFailure', 500, 'The request processing has failed because of an unknown error, exception or failure.', {
        exception: ServiceFailureException,
      }),
      spec('InvalidInput', 400, 'The request was rejected because an invalid or out-of-range value was supplied for an input parameter.', {
        exception: InvalidInputException,
      }),
      spec('DeleteConflict', 409, 'Cannot delete entity, must delete policies first.', { exception: DeleteConflictException }),
      spec('UnmodifiableEntity', 400, 'Cannot perform the operation on the protected role.', {
        exception: UnmodifiableEntityException,
      }),
      spec('Throttling', 400, THROTTLED),
      spec('ValidationError', 400, '1 validation error detected'),
      spec('AccessDenied', 403, 'User is not authorized to perform this operation.'),
      spec('InvalidClientTokenId', 403, BAD_TOKEN),
      spec('ExpiredToken', 403, EXPIRED_TOKEN),
      spec('ServiceUnavailable', 503, 'Service is unavailable. Please try again later.'),
    ),
  },
  sts: {
    displayName: 'STS',
    protocol: 'query',
    base: STSServiceException,
    errors: byCode(
      spec('ExpiredTokenException', 400, EXPIRED_TOKEN, {
        exception: ExpiredTokenException,
      }),
      spec('InvalidIdentityToken', 400, 'The web identity token that was passed could not be validated by AWS.', {
        exception: InvalidIdentityTokenException,
      }),
      spec('IDPRejectedClaim', 403, 'The identity provider rejected the claims in the token.', {
        exception: IDPRejectedClaimException,
      }),
      spec('MalformedPolicyDocument', 400, 'The policy document is malformed.', { exception: StsMalformedPolicyDocumentException }),
      spec('PackedPolicyTooLarge', 400, 'Packed policy consumes 100% of allotted space', { exception: PackedPolicyTooLargeException }),
      spec('RegionDisabledException', 403, 'STS is not activated in this region for account. Your account administrator can activate STS in this region using the IAM Console.', {
        exception: RegionDisabledException,
      }),
      spec('Throttling', 400, THROTTLED),
      spec('AccessDenied', 403, 'User is not authorized to perform: sts:AssumeRole'),
      spec('ValidationError', 400, '1 validation error detected'),
      spec('InvalidClientTokenId', 403, BAD_TOKEN),
      spec('ServiceUnavailable', 503, 'Service is unavailable. Please try again later.'),
    ),
  },
  eks: {
    displayName: 'EKS',
    protocol: 'rest-json',
    base: EKSServiceException,
    errors: byCode(
      spec('ResourceNotFoundException', 404, 'The specified resource could not be found.', { exception: EksResourceNotFoundException }),
      spec('ThrottlingException', 429, THROTTLED, { exception: EksThrottlingException }),
      spec('ServerException', 500, 'These errors are usually caused by a server-side issue.', { exception: EksServerException }),
      spec('ServiceUnavailableException', 503, 'The service is unavailable. Back off and retry the operation.', {
        exception: EksServiceUnavailableException,
      }),
      spec('InvalidParameterException', 400, 'The specified parameter is invalid.', { exception: EksInvalidParameterException }),
      spec('ResourceInUseException', 409, 'The specified resource is in use.', { exception: EksResourceInUseException }),
      spec('ClientException', 400, 'These errors are usually caused by a client action.', { exception: EksClientException }),
      spec('AccessDeniedException', 403, 'User is not authorized to perform this operation.', { exception: EksAccessDeniedException }),
      spec('UnrecognizedClientException', 403, BAD_TOKEN),
      spec('ExpiredTokenException', 403, EXPIRED_TOKEN),
    ),
  },
  sqs: {
    displayName: 'SQS',
    protocol: 'json-query-compatible',
    base: SQSServiceException,
    errors: byCode(
      spec('QueueDoesNotExist', 400, 'The specified queue does not exist.', {
        exception: QueueDoesNotExist,
        queryCode: 'AWS.SimpleQueueService.NonExistentQueue',
      }),
      spec('QueueNameExists', 400, 'A queue already exists with the same name and a different value for an attribute.', {
        exception: QueueNameExists,
        queryCode: 'QueueAlreadyExists',
      }),
      spec('ReceiptHandleIsInvalid', 404, 'The input receipt handle is not a valid receipt handle.', {
        exception: ReceiptHandleIsInvalid,
        queryCode: 'ReceiptHandleIsInvalid',
      }),
      spec('InvalidAddress', 404, 'The address is not valid for this endpoint.', { exception: InvalidAddress, queryCode: 'InvalidAddress' }),
      spec('InvalidAttributeName', 400, 'The specified attribute does not exist.', {
        exception: InvalidAttributeName,
        queryCode: 'InvalidAttributeName',
      }),
      spec('RequestThrottled', 403, THROTTLED, { exception: RequestThrottled, queryCode: 'RequestThrottled' }),
      spec('OverLimit', 403, 'The maximum number of in flight messages has been reached.', { exception: OverLimit, queryCode: 'OverLimit' }),
      spec('InvalidParameterValue', 400, 'An invalid or out-of-range value was supplied for the input parameter.', {
        queryCode: 'InvalidParameterValue',
      }),
      spec('MissingParameter', 400, 'A required parameter for the specified action is not supplied.', { queryCode: 'MissingParameter' }),
      spec('AccessDenied', 403, 'Access to the resource is denied.', { queryCode: 'AccessDenied' }),
      spec('InvalidClientTokenId', 403, BAD_TOKEN, { queryCode: 'InvalidClientTokenId' }),
      spec('ExpiredToken', 403, EXPIRED_TOKEN, { queryCode: 'ExpiredToken' }),
      spec('InternalError', 500, 'We encountered an internal error. Please try again.', { queryCode: 'InternalError' }),
    ),
  },
  cloudtrail: {
    displayName: 'CloudTrail',
    protocol: 'json',
    base: CloudTrailServiceException,
    errors: byCode(
      spec('ThrottlingException', 429, THROTTLED, { exception: CloudTrailThrottlingException }),
      spec('InvalidLookupAttributesException', 400, 'Invalid lookup attributes.', { exception: InvalidLookupAttributesException }),
      spec('InvalidNextTokenException', 400, 'Invalid NextToken.', { exception: InvalidNextTokenException }),
      spec('InvalidTimeRangeException', 400, 'Start time must be before end time.', { exception: InvalidTimeRangeException }),
      spec('InvalidMaxResultsException', 400, 'MaxResults must be between 1 and 50.', { exception: InvalidMaxResultsException }),
      spec('InvalidEventCategoryException', 400, 'Invalid event category.', { exception: InvalidEventCategoryException }),
      spec('AccessDeniedException', 403, 'User is not authorized to perform this operation.', { exception: CloudTrailAccessDeniedException }),
      spec('UnrecognizedClientException', 403, BAD_TOKEN),
      spec('ExpiredTokenException', 400, EXPIRED_TOKEN),
    ),
  },
  sfn: {
    displayName: 'Step Functions',
    protocol: 'json',
    base: SFNServiceException,
    errors: byCode(
      spec('ThrottlingException', 400, THROTTLED),
      spec('AccessDeniedException', 400, 'User is not authorized to perform this operation.'),
      spec('UnrecognizedClientException', 403, BAD_TOKEN),
      spec('ExpiredTokenException', 400, EXPIRED_TOKEN),
    ),
  },
  events: {
    displayName: 'EventBridge',
    protocol: 'json',
    base: EventBridgeServiceException,
    errors: byCode(
      spec('ResourceNotFoundException', 400, 'Event bus does not exist.', { exception: EventBridgeResourceNotFoundException }),
      spec('ThrottlingException', 400, THROTTLED, { exception: EventBridgeThrottlingException }),
      // EventBridge's model gives its internal failure no HTTP status of its own (400), marked a server fault.
      spec('InternalException', 400, 'Internal failure.', { exception: EventBridgeInternalException, fault: 'server' }),
      spec('ValidationException', 400, 'Invalid request.'),
      spec('AccessDeniedException', 400, 'User is not authorized to perform this operation.'),
      spec('UnrecognizedClientException', 403, BAD_TOKEN),
      spec('ExpiredTokenException', 400, EXPIRED_TOKEN),
    ),
  },
  // S3 speaks REST-XML: the SDK names an error by the body's <Code>, and copies every other element of
  // the body onto it (BucketName, Key, Endpoint, Bucket, RequestId, HostId). Texts: the S3 error
  // responses reference (docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html), as real
  // responses captured in public repositories show them.
  s3: {
    displayName: 'S3',
    protocol: 'rest-xml',
    base: S3ServiceException,
    errors: byCode(
      // client-s3 3.1175 models AccessDenied (older clients gave S3ServiceException named AccessDenied).
      spec('AccessDenied', 403, 'Access Denied', { exception: S3AccessDenied }),
      spec('NoSuchBucket', 404, 'The specified bucket does not exist', { exception: NoSuchBucket }),
      spec('NoSuchKey', 404, 'The specified key does not exist.', { exception: NoSuchKey }),
      spec(
        'PermanentRedirect',
        301,
        'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
        { fault: 'client' },
      ),
      spec('InvalidRange', 416, 'The requested range is not satisfiable'),
      spec('InvalidArgument', 400, 'Invalid Argument'),
      spec('KMS.NotFoundException', 400, 'Invalid keyId'),
      spec('SlowDown', 503, 'Please reduce your request rate.'),
      spec('InternalError', 500, 'We encountered an internal error. Please try again.'),
      spec('ServiceUnavailable', 503, 'Please reduce your request rate.'),
      spec('InvalidAccessKeyId', 403, 'The AWS Access Key Id you provided does not exist in our records.'),
      spec('ExpiredToken', 400, 'The provided token has expired.'),
    ),
  },
  // Athena speaks awsJson1_1: HTTP 400 for its errors (its model gives them no status of their own,
  // InternalServerException included, which it marks a server fault).
  athena: {
    displayName: 'Athena',
    protocol: 'json',
    base: AthenaServiceException,
    typeField: true,
    errors: byCode(
      spec('InvalidRequestException', 400, 'Invalid request.', { exception: AthenaInvalidRequestException }),
      spec('InternalServerException', 400, 'Internal service error.', { exception: AthenaInternalServerException, fault: 'server' }),
      spec('TooManyRequestsException', 400, THROTTLED, { exception: AthenaTooManyRequestsException }),
      spec('ThrottlingException', 400, THROTTLED),
      // Athena's denial names neither the caller nor the reason (as real responses show it).
      spec(
        'AccessDeniedException',
        400,
        'You are not authorized to perform this operation. After your AWS administrator or you have updated your permissions, please try again.',
      ),
      spec('UnrecognizedClientException', 400, BAD_TOKEN),
      spec('ExpiredTokenException', 400, EXPIRED_TOKEN),
    ),
  },
  // Redshift speaks awsQuery: the SDK names a modeled error by its class (ClusterNotFoundFault) and
  // keeps the wire code on Code (ClusterNotFound); AccessDenied is not modeled, so it is
  // RedshiftServiceException named AccessDenied, HTTP 403 (as real responses show it, and as
  // client-redshift 3.1169 deserializes it).
  redshift: {
    displayName: 'Redshift',
    protocol: 'query',
    base: RedshiftServiceException,
    errors: byCode(
      // Real: "Cluster dwhcluster not found." (DescribeClusters).
      spec('ClusterNotFound', 404, 'Cluster not found.', { exception: ClusterNotFoundFault }),
      spec('UnsupportedOperation', 400, 'The requested operation isn\'t supported.', { exception: UnsupportedOperationFault }),
      spec('InvalidClusterState', 400, 'The specified cluster is not in the available state.', { exception: InvalidClusterStateFault }),
      spec('InvalidParameterValue', 400, 'An invalid or out-of-range value was supplied for the input parameter.'),
      spec('AccessDenied', 403, 'User is not authorized to perform this operation.'),
      spec('Throttling', 400, THROTTLED),
      spec('InvalidClientTokenId', 403, BAD_TOKEN),
      spec('ExpiredToken', 403, EXPIRED_TOKEN),
      spec('InternalFailure', 500, 'The request processing has failed because of an unknown error, exception or failure.'),
    ),
  },
  // Redshift Serverless speaks awsJson1_1. Its model gives AccessDeniedException 403 and
  // ResourceNotFoundException 404, but AWS answers both with 400: a real GetWorkgroup denial
  // (gravitational/teleport#30226, "StatusCode: 400") and a real "Serverless workgroup <name> not found.
  // (Service: RedshiftServerless, Status Code: 400" (pulumi/pulumi-aws-native#614). ThrottlingException
  // (model: 429) is taken to be 400 as well, as the service's other client errors are [unverified].
  'redshift-serverless': {
    displayName: 'Redshift Serverless',
    protocol: 'json',
    base: RedshiftServerlessServiceException,
    typeField: true,
    errors: byCode(
      spec('ResourceNotFoundException', 400, 'The resource could not be found.', {
        exception: RedshiftServerlessResourceNotFoundException,
        modelHttpStatusCode: 404,
      }),
      spec('AccessDeniedException', 400, 'You do not have sufficient access to perform this action.', {
        exception: RedshiftServerlessAccessDeniedException,
        modelHttpStatusCode: 403,
      }),
      spec('ValidationException', 400, 'The input failed to satisfy the constraints specified by an AWS service.', {
        exception: RedshiftServerlessValidationException,
      }),
      spec('ThrottlingException', 400, THROTTLED, { exception: RedshiftServerlessThrottlingException, modelHttpStatusCode: 429 }),
      spec('InternalServerException', 500, 'The request processing has failed because of an unknown error, exception or failure.', {
        exception: RedshiftServerlessInternalServerException,
      }),
      spec('UnrecognizedClientException', 400, BAD_TOKEN),
      spec('ExpiredTokenException', 400, EXPIRED_TOKEN),
    ),
  },
};

/** The code each service answers with when a caller is not authorized, and when its credentials expired. */
export const AUTHORIZATION_ERRORS: Record<SimulatedService, { accessDenied: string; expiredToken: string; invalidToken: string }> = {
  iam: { accessDenied: 'AccessDenied', expiredToken: 'ExpiredToken', invalidToken: 'InvalidClientTokenId' },
  sts: { accessDenied: 'AccessDenied', expiredToken: 'ExpiredTokenException', invalidToken: 'InvalidClientTokenId' },
  eks: { accessDenied: 'AccessDeniedException', expiredToken: 'ExpiredTokenException', invalidToken: 'UnrecognizedClientException' },
  sqs: { accessDenied: 'AccessDenied', expiredToken: 'ExpiredToken', invalidToken: 'InvalidClientTokenId' },
  cloudtrail: { accessDenied: 'AccessDeniedException', expiredToken: 'ExpiredTokenException', invalidToken: 'UnrecognizedClientException' },
  sfn: { accessDenied: 'AccessDeniedException', expiredToken: 'ExpiredTokenException', invalidToken: 'UnrecognizedClientException' },
  events: { accessDenied: 'AccessDeniedException', expiredToken: 'ExpiredTokenException', invalidToken: 'UnrecognizedClientException' },
  s3: { accessDenied: 'AccessDenied', expiredToken: 'ExpiredToken', invalidToken: 'InvalidAccessKeyId' },
  athena: { accessDenied: 'AccessDeniedException', expiredToken: 'ExpiredTokenException', invalidToken: 'UnrecognizedClientException' },
  redshift: { accessDenied: 'AccessDenied', expiredToken: 'ExpiredToken', invalidToken: 'InvalidClientTokenId' },
  'redshift-serverless': { accessDenied: 'AccessDeniedException', expiredToken: 'ExpiredTokenException', invalidToken: 'UnrecognizedClientException' },
};

/** The SDK names a modeled IAM error `EntityAlreadyExistsException`; a scenario may use either name. */
export function findErrorSpec(service: SimulatedService, name: string): ErrorSpec | undefined {
  const errors = SERVICE_ERRORS[service].errors;
  return errors[name] ?? Object.values(errors).find((e) => e.exception !== undefined && exceptionName(e) === name);
}

export function knownErrorNames(service: SimulatedService): string[] {
  return Object.keys(SERVICE_ERRORS[service].errors);
}

function exceptionName(spec: ErrorSpec): string {
  return spec.exception ? spec.exception.name : spec.code;
}

let requestCounter = 0;

/** A request id shaped like AWS's (a UUID); deterministic so that runs can be compared. */
export function nextRequestId(): string {
  requestCounter += 1;
  const n = requestCounter.toString(16).padStart(12, '0');
  return `5a4d1b0e-0000-4000-8000-${n}`;
}

export function responseMetadata(httpStatusCode: number, requestId: string) {
  return { httpStatusCode, requestId, extendedRequestId: undefined, cfId: undefined, attempts: 1, totalRetryDelay: 0 };
}

/**
 * The error the SDK would throw for this AWS error. `members` are the modeled error's extra fields
 * (EKS's clusterName, for instance).
 */
export function awsError(
  service: SimulatedService,
  code: string,
  message?: string,
  members: Record<string, unknown> = {},
  /** Response headers the SDK keeps on the error's $response (S3's x-amz-bucket-region). */
  headers: Record<string, string> = {},
): Error {
  const errors = SERVICE_ERRORS[service];
  const found = findErrorSpec(service, code);
  if (!found) {
    throw new Error(`The AWS sandbox has no ${errors.displayName} error named ${code}`);
  }
  const text = message ?? found.defaultMessage;
  const requestId = nextRequestId();
  const $metadata = responseMetadata(found.httpStatusCode, requestId);
  const error = found.exception
    ? new found.exception({ message: text, $metadata, ...members })
    : new errors.base({ name: found.code, $fault: found.fault, message: text, $metadata });
  // The SDK's protocol layer copies these from the response onto every error it deserializes.
  if (errors.protocol === 'query' || (errors.protocol === 'json-query-compatible' && found.queryCode)) {
    const wireCode = found.queryCode ?? found.code;
    const type = found.fault === 'server' ? 'Receiver' : 'Sender';
    Object.assign(error, { Type: type, Code: wireCode, Error: { Type: type, Code: wireCode, Message: text } });
    if (errors.protocol === 'json-query-compatible') Object.assign(error, { RequestId: requestId });
  }
  if (!found.exception || errors.protocol === 'rest-xml') Object.assign(error, members);
  if (errors.protocol === 'rest-xml') decorateRestXml(error, found, requestId, headers);
  if (errors.typeField) {
    const e = error as unknown as Record<string, unknown>;
    // The SDK drops a modeled member the body did not carry, and moves Message to message.
    for (const key of Object.keys(e)) if (e[key] === undefined && key !== '$retryable') delete e[key];
    delete e.Message;
    e.__type = found.code;
  }
  return error;
}

/**
 * What the SDK puts on an S3 error: the body's Code, RequestId and HostId as fields, the HostId
 * (x-amz-id-2) as $metadata.extendedRequestId, and the raw response, headers included, as the
 * non-enumerable $response (the SDK's region redirect reads x-amz-bucket-region there).
 */
function decorateRestXml(error: Error, found: ErrorSpec, requestId: string, headers: Record<string, string>): void {
  const s3RequestId = s3RequestIdOf(requestId);
  const hostId = Buffer.from(`host/${requestId}`).toString('base64');
  const e = error as unknown as Record<string, any>;
  Object.assign(e, { Code: found.code, RequestId: s3RequestId, HostId: hostId });
  e.$metadata = { ...e.$metadata, requestId: s3RequestId, extendedRequestId: hostId };
  Object.defineProperty(e, '$response', {
    value: {
      statusCode: found.httpStatusCode,
      reason: undefined,
      headers: { 'x-amz-request-id': s3RequestId, 'x-amz-id-2': hostId, 'content-type': 'application/xml', ...headers },
      body: undefined,
    },
    enumerable: false,
    writable: true,
    configurable: true,
  });
}

/** S3's request ids are 16 upper-case letters and digits, e.g. 91TA6CNSW25X67V2. */
export function s3RequestIdOf(requestId: string): string {
  return requestId.replace(/-/g, '').slice(-16).toUpperCase();
}

/** Thrown for an operation the sandbox does not simulate, so a gap is never mistaken for AWS behaviour. */
export class SandboxUnsupportedOperation extends Error {
  override readonly name = 'SandboxUnsupportedOperation';
  constructor(
    readonly service: string,
    readonly operation: string,
  ) {
    super(
      `The AWS sandbox does not simulate ${service} ${operation}. Add it to lib/sandbox, or run this code against AWS.`,
    );
  }
}
