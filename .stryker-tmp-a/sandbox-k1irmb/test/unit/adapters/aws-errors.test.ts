// @ts-nocheck
import { IamRequestRejected, QuotaExceeded, TransientAwsError } from '../../../lib/errors';
import { mapAwsError } from '../../../lib/adapters/aws-errors';
import { awsError } from './sdk-errors';

const call = { service: 'IAM', operation: 'CreateRole', resource: 'acme-dataplane-role' };

describe('mapAwsError', () => {
  it.each([
    'Throttling',
    'ThrottlingException',
    'TooManyRequestsException',
    'RequestLimitExceeded',
    'ProvisionedThroughputExceededException',
    'RequestThrottled',
  ])('maps %s to a TransientAwsError that says the call was throttled', (name) => {
    // Prepare
    const error = awsError(name, 'Rate exceeded');

    // Act
    const mapped = mapAwsError(error, call);

    // Assess
    expect(mapped).toBeInstanceOf(TransientAwsError);
    expect(mapped).toMatchObject({
      name: 'TransientAwsError',
      transient: true,
      message: 'IAM CreateRole acme-dataplane-role was throttled: Rate exceeded',
      details: { awsErrorName: name, awsMessage: 'Rate exceeded', httpStatusCode: 400, requestId: 'req-1234' },
    });
    expect((mapped as Error).cause).toBe(error);
  });

  it.each(['ConcurrentModificationException', 'ConcurrentModification'])('maps %s to TransientAwsError', (name) => {
    // Prepare
    const error = awsError(name, 'Concurrent modification of role', { httpStatusCode: 409 });

    // Act
    const mapped = mapAwsError(error, call);

    // Assess
    expect(mapped).toBeInstanceOf(TransientAwsError);
    expect((mapped as Error).message).toBe(
      'IAM CreateRole acme-dataplane-role conflicted with a concurrent modification: Concurrent modification of role',
    );
  });

  it.each(['ServiceFailureException', 'ServiceFailure', 'ServiceUnavailable', 'InternalFailure'])(
    'maps %s to TransientAwsError',
    (name) => {
      // Prepare
      const error = awsError(name, 'Something broke', { httpStatusCode: 400 });

      // Act
      const mapped = mapAwsError(error, call);

      // Assess
      expect(mapped).toBeInstanceOf(TransientAwsError);
      expect((mapped as Error).message).toBe('IAM CreateRole acme-dataplane-role failed on the AWS side: Something broke');
    },
  );

  it('maps any server fault to TransientAwsError', () => {
    // Prepare
    const error = awsError('SomeNewServerException', 'oops', { fault: 'server', httpStatusCode: 400 });

    // Act
    const mapped = mapAwsError(error, call);

    // Assess
    expect(mapped).toBeInstanceOf(TransientAwsError);
  });

  it('maps any 5xx response to TransientAwsError', () => {
    // Prepare
    const error = awsError('UnknownError', 'Bad gateway', { httpStatusCode: 502 });

    // Act
    const mapped = mapAwsError(error, call);

    // Assess
    expect(mapped).toBeInstanceOf(TransientAwsError);
    expect(mapped).toMatchObject({ details: { httpStatusCode: 502 } });
  });

  it('maps errors the SDK marked as throttling to TransientAwsError', () => {
    // Prepare
    const error = Object.assign(awsError('SlowDown', 'slow down'), { $retryable: { throttling: true } });

    // Act
    const mapped = mapAwsError(error, call);

    // Assess
    expect(mapped).toBeInstanceOf(TransientAwsError);
  });

  it.each([
    ['a reset connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['a connect timeout', Object.assign(new Error('connect ETIMEDOUT 1.2.3.4:443'), { code: 'ETIMEDOUT' })],
    ['a request timeout', Object.assign(new Error('Connection timed out after 5000 ms'), { name: 'TimeoutError' })],
  ])('maps %s to TransientAwsError', (_what, error) => {
    // Act
    const mapped = mapAwsError(error, call);

    // Assess
    expect(mapped).toBeInstanceOf(TransientAwsError);
    expect((mapped as Error).message).toContain('IAM CreateRole acme-dataplane-role lost its connection or timed out');
  });

  it.each(['LimitExceededException', 'LimitExceeded'])('maps %s to QuotaExceeded', (name) => {
    // Prepare
    const error = awsError(name, 'Cannot exceed quota for RolesPerAccount: 1000', { httpStatusCode: 409 });

    // Act
    const mapped = mapAwsError(error, call);

    // Assess
    expect(mapped).toBeInstanceOf(QuotaExceeded);
    expect(mapped).toMatchObject({
      name: 'QuotaExceeded',
      transient: false,
      message: 'IAM CreateRole acme-dataplane-role hit an account quota: Cannot exceed quota for RolesPerAccount: 1000',
      details: { awsErrorName: name, httpStatusCode: 409 },
    });
  });

  it.each(['MalformedPolicyDocumentException', 'InvalidInputException', 'ValidationError', 'ValidationException'])(
    'maps %s to IamRequestRejected',
    (name) => {
      // Prepare
      const error = awsError(name, 'Syntax errors in policy.');

      // Act
      const mapped = mapAwsError(error, call);

      // Assess
      expect(mapped).toBeInstanceOf(IamRequestRejected);
      expect(mapped).toMatchObject({
        name: 'IamRequestRejected',
        transient: false,
        message: 'IAM CreateRole acme-dataplane-role was rejected as invalid: Syntax errors in policy.',
      });
    },
  );

  it.each([
    ['an unmapped AWS error', awsError('AccessDenied', 'not authorized', { httpStatusCode: 403 })],
    ['a plain Error', new Error('bug')],
    ['a string', 'boom'],
    ['undefined', undefined],
  ])('returns %s unchanged', (_what, error) => {
    // Act
    const mapped = mapAwsError(error, call);

    // Assess
    expect(mapped).toBe(error);
  });

  it('returns a domain error unchanged, so nested mapping never rewrites the first message', () => {
    // Prepare
    const error = new QuotaExceeded('already mapped');

    // Act
    const mapped = mapAwsError(error, { service: 'SQS', operation: 'SendMessage', resource: 'x' });

    // Assess
    expect(mapped).toBe(error);
  });
});
