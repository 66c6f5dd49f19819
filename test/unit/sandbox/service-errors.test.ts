// The sandbox's error catalog against the services' own models in the installed SDK, so that a wrong
// status code or query code in the catalog cannot go unnoticed.
import * as athena from '@aws-sdk/client-athena';
import * as cloudtrail from '@aws-sdk/client-cloudtrail';
import * as eks from '@aws-sdk/client-eks';
import * as events from '@aws-sdk/client-eventbridge';
import * as iam from '@aws-sdk/client-iam';
import * as redshift from '@aws-sdk/client-redshift';
import * as redshiftServerless from '@aws-sdk/client-redshift-serverless';
import * as s3 from '@aws-sdk/client-s3';
import * as sfn from '@aws-sdk/client-sfn';
import * as sqs from '@aws-sdk/client-sqs';
import * as sts from '@aws-sdk/client-sts';
import { awsError, SERVICE_ERRORS, type SimulatedService } from '../../../lib/sandbox/service-errors';

const MODULES: Record<SimulatedService, Record<string, unknown>> = {
  iam,
  sts,
  eks,
  sqs,
  cloudtrail,
  sfn,
  events,
  s3,
  athena,
  redshift,
  'redshift-serverless': redshiftServerless,
};

interface ErrorTraits {
  error?: 'client' | 'server';
  httpError?: number;
  awsQueryError?: [string, number];
}

const modeled = Object.entries(SERVICE_ERRORS).flatMap(([service, { errors }]) =>
  Object.values(errors)
    .filter((spec) => spec.exception !== undefined)
    .map((spec) => [service as SimulatedService, spec.code, spec] as const),
);

describe('sandbox AWS error catalog', () => {
  it.each(modeled)('matches the SDK model of %s %s', (service, _code, spec) => {
    // Prepare
    const schema = MODULES[service][`${spec.exception!.name}$`] as [number, string, string, ErrorTraits | number];
    const traits = typeof schema[3] === 'object' ? schema[3] : {};

    // Assess: where AWS is seen sending another status than the model's, the catalog says what the model says too.
    expect(spec.modelHttpStatusCode ?? spec.httpStatusCode).toBe(traits.httpError ?? 400);
    expect(spec.fault).toBe(traits.error);
    // The query code reaches callers only from services that speak (or stay compatible with) awsQuery.
    if (traits.awsQueryError && SERVICE_ERRORS[service].protocol !== 'json' && SERVICE_ERRORS[service].protocol !== 'rest-json') {
      expect(spec.queryCode ?? spec.code).toBe(traits.awsQueryError[0]);
      expect(spec.httpStatusCode).toBe(traits.awsQueryError[1]);
    }
  });

  it('builds an unmodeled error as the service\'s base exception, as the SDK deserializes it', () => {
    // Act
    const error = awsError('sts', 'Throttling') as sts.STSServiceException & Record<string, unknown>;

    // Assess
    expect(error).toBeInstanceOf(sts.STSServiceException);
    expect(error).toMatchObject({
      name: 'Throttling',
      message: 'Rate exceeded',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
      Code: 'Throttling',
      Type: 'Sender',
      Error: { Code: 'Throttling', Type: 'Sender', Message: 'Rate exceeded' },
    });
  });

  it('builds an S3 error as the SDK deserializes a REST-XML error body', () => {
    // Act
    const error = awsError('s3', 'NoSuchBucket', undefined, { BucketName: 'acme-lake' }) as s3.NoSuchBucket & Record<string, any>;

    // Assess
    expect(error).toBeInstanceOf(s3.NoSuchBucket);
    expect(error).toMatchObject({
      name: 'NoSuchBucket',
      message: 'The specified bucket does not exist',
      $fault: 'client',
      $metadata: { httpStatusCode: 404 },
      Code: 'NoSuchBucket',
      BucketName: 'acme-lake',
    });
    expect(error.RequestId).toMatch(/^[0-9A-F]{16}$/);
    expect(error.$metadata.requestId).toBe(error.RequestId);
    expect(error.$metadata.extendedRequestId).toBe(error.HostId);
    expect(Object.keys(error)).not.toContain('$response');
    expect(error.$response).toMatchObject({ statusCode: 404, headers: { 'x-amz-request-id': error.RequestId } });
  });

  it('builds S3 AccessDenied with the class client-s3 now models, and an unmodeled S3 error as S3ServiceException', () => {
    // Act
    const denied = awsError('s3', 'AccessDenied') as Error & Record<string, unknown>;
    const redirect = awsError('s3', 'PermanentRedirect', undefined, { Endpoint: 'acme-lake.s3.us-west-2.amazonaws.com', Bucket: 'acme-lake' }, {
      'x-amz-bucket-region': 'us-west-2',
    }) as Error & Record<string, any>;

    // Assess
    expect(denied).toBeInstanceOf(s3.AccessDenied);
    expect(denied).toMatchObject({ name: 'AccessDenied', message: 'Access Denied', $metadata: { httpStatusCode: 403 }, Code: 'AccessDenied' });
    expect(redirect).toBeInstanceOf(s3.S3ServiceException);
    expect(redirect).toMatchObject({ name: 'PermanentRedirect', $fault: 'client', $metadata: { httpStatusCode: 301 }, Bucket: 'acme-lake' });
    expect(redirect.$response.headers['x-amz-bucket-region']).toBe('us-west-2');
  });

  it('builds an Athena error as the SDK deserializes an awsJson1_1 error body', () => {
    // Act
    const invalid = awsError('athena', 'InvalidRequestException', 'WorkGroup nope is not found') as Error & Record<string, unknown>;
    const denied = awsError('athena', 'AccessDeniedException') as Error & Record<string, unknown>;

    // Assess
    expect(invalid).toBeInstanceOf(athena.InvalidRequestException);
    expect(invalid).toMatchObject({
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
      name: 'InvalidRequestException',
      message: 'WorkGroup nope is not found',
      __type: 'InvalidRequestException',
    });
    // Members the body did not carry are not on the error, as the SDK leaves them.
    expect(Object.keys(invalid)).not.toContain('Message');
    expect(Object.keys(invalid)).not.toContain('AthenaErrorCode');
    expect(denied).toBeInstanceOf(athena.AthenaServiceException);
    expect(denied).toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 }, __type: 'AccessDeniedException' });
  });

  it('builds Redshift errors as the SDK deserializes awsQuery: the class named ...Fault, the wire code on Code', () => {
    // Act
    const missing = awsError('redshift', 'ClusterNotFound', 'Cluster acme-dw not found.') as Error & Record<string, unknown>;
    const byClassName = awsError('redshift', 'ClusterNotFoundFault') as Error & Record<string, unknown>;
    const denied = awsError('redshift', 'AccessDenied', 'User: x is not authorized') as Error & Record<string, unknown>;

    // Assess
    expect(missing).toBeInstanceOf(redshift.ClusterNotFoundFault);
    expect(missing).toMatchObject({
      name: 'ClusterNotFoundFault',
      message: 'Cluster acme-dw not found.',
      $fault: 'client',
      $metadata: { httpStatusCode: 404 },
      Code: 'ClusterNotFound',
      Type: 'Sender',
      Error: { Type: 'Sender', Code: 'ClusterNotFound', Message: 'Cluster acme-dw not found.' },
    });
    expect(byClassName).toBeInstanceOf(redshift.ClusterNotFoundFault);
    expect(denied).toBeInstanceOf(redshift.RedshiftServiceException);
    expect(denied).not.toBeInstanceOf(redshift.ClusterNotFoundFault);
    expect(denied).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 }, Code: 'AccessDenied' });
  });

  it('builds Redshift Serverless errors as the SDK deserializes awsJson1_1, with the 400 AWS sends', () => {
    // Act
    const missing = awsError('redshift-serverless', 'ResourceNotFoundException', 'Serverless workgroup nope not found.') as Error & Record<string, unknown>;
    const denied = awsError('redshift-serverless', 'AccessDeniedException') as Error & Record<string, unknown>;
    const failed = awsError('redshift-serverless', 'InternalServerException') as Error & Record<string, unknown>;

    // Assess
    expect(missing).toBeInstanceOf(redshiftServerless.ResourceNotFoundException);
    expect(missing).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Serverless workgroup nope not found.',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
      __type: 'ResourceNotFoundException',
    });
    expect(Object.keys(missing)).not.toContain('resourceName');
    expect(denied).toBeInstanceOf(redshiftServerless.AccessDeniedException);
    expect(denied).toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 }, __type: 'AccessDeniedException' });
    expect(Object.keys(denied)).not.toContain('code');
    expect(failed).toMatchObject({ name: 'InternalServerException', $fault: 'server', $metadata: { httpStatusCode: 500 } });
  });

  it('refuses to build an error the catalog does not have', () => {
    // Act
    const act = () => awsError('iam', 'NoSuchThing');

    // Assess
    expect(act).toThrow('The AWS sandbox has no IAM error named NoSuchThing');
  });
});
