// The sandbox's error catalog against the services' own models in the installed SDK, so that a wrong
// status code or query code in the catalog cannot go unnoticed.
import * as athena from '@aws-sdk/client-athena';
import * as cloudtrail from '@aws-sdk/client-cloudtrail';
import * as eks from '@aws-sdk/client-eks';
import * as events from '@aws-sdk/client-eventbridge';
import * as iam from '@aws-sdk/client-iam';
import * as s3 from '@aws-sdk/client-s3';
import * as sfn from '@aws-sdk/client-sfn';
import * as sqs from '@aws-sdk/client-sqs';
import * as sts from '@aws-sdk/client-sts';
import { awsError, SERVICE_ERRORS, type SimulatedService } from '../../../lib/sandbox/service-errors';

const MODULES: Record<SimulatedService, Record<string, unknown>> = { iam, sts, eks, sqs, cloudtrail, sfn, events, s3, athena };

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

    // Assess
    expect(spec.httpStatusCode).toBe(traits.httpError ?? 400);
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

  it('refuses to build an error the catalog does not have', () => {
    // Act
    const act = () => awsError('iam', 'NoSuchThing');

    // Assess
    expect(act).toThrow('The AWS sandbox has no IAM error named NoSuchThing');
  });
});
