// The sandbox's error catalog against the services' own models in the installed SDK, so that a wrong
// status code or query code in the catalog cannot go unnoticed.
import * as cloudtrail from '@aws-sdk/client-cloudtrail';
import * as eks from '@aws-sdk/client-eks';
import * as events from '@aws-sdk/client-eventbridge';
import * as iam from '@aws-sdk/client-iam';
import * as sfn from '@aws-sdk/client-sfn';
import * as sqs from '@aws-sdk/client-sqs';
import * as sts from '@aws-sdk/client-sts';
import { awsError, SERVICE_ERRORS, type SimulatedService } from '../../../lib/sandbox/service-errors';

const MODULES: Record<SimulatedService, Record<string, unknown>> = { iam, sts, eks, sqs, cloudtrail, sfn, events };

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

  it('refuses to build an error the catalog does not have', () => {
    // Act
    const act = () => awsError('iam', 'NoSuchThing');

    // Assess
    expect(act).toThrow('The AWS sandbox has no IAM error named NoSuchThing');
  });
});
