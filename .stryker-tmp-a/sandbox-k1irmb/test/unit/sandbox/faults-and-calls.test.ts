// @ts-nocheck
import { DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeClusterCommand, ThrottlingException } from '@aws-sdk/client-eks';
import {
  ConcurrentModificationException,
  CreateRoleCommand,
  GetRoleCommand,
  IAMServiceException,
  ServiceFailureException,
} from '@aws-sdk/client-iam';
import { GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { mapAwsError } from '../../../lib/adapters/aws-errors';
import { TransientAwsError } from '../../../lib/errors';
import { SandboxUnsupportedOperation } from '../../../lib/sandbox';
import { EC2_TRUST, Fixture, REGION, rejectionOf, startSandbox, stopSandbox, VENDOR_ACCOUNT } from './sandbox-fixture';

const createRole = (f: Fixture, name = 'acme-dataplane-role') =>
  f.clients.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(EC2_TRUST) }));

describe('sandbox fault injection', () => {
  afterEach(stopSandbox);

  it('fails the next N calls of the operation with IAM Throttling, then lets calls through', async () => {
    // Prepare
    const f = startSandbox({ faults: [{ service: 'iam', operation: 'CreateRole', error: 'Throttling', times: 2 }] });

    // Act
    const first = await rejectionOf(createRole(f));
    const second = await rejectionOf(createRole(f));
    const third = await createRole(f);

    // Assess
    for (const error of [first, second]) {
      expect(error).toBeInstanceOf(IAMServiceException);
      expect(error.name).toBe('Throttling');
      expect(error.message).toBe('Rate exceeded');
      expect(error.$fault).toBe('client');
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(mapAwsError(error, { service: 'IAM', operation: 'CreateRole', resource: 'acme-dataplane-role' })).toBeInstanceOf(
        TransientAwsError,
      );
    }
    expect(third.Role?.RoleName).toBe('acme-dataplane-role');
    expect(f.sandbox.callsTo('iam', 'CreateRole').map((c) => c.error ?? 'ok')).toEqual(['Throttling', 'Throttling', 'ok']);
  });

  it('throws modeled faults as the SDK\'s classes with their status codes', async () => {
    // Prepare
    const f = startSandbox({
      faults: [
        { service: 'iam', operation: 'GetRole', error: 'ConcurrentModification' },
        { service: 'iam', operation: 'GetRole', error: 'ServiceFailure' },
        { service: 'eks', operation: 'DescribeCluster', error: 'ThrottlingException' },
      ],
    });
    await createRole(f);
    const getRole = () => f.clients.iam.send(new GetRoleCommand({ RoleName: 'acme-dataplane-role' }));

    // Act
    const concurrent = await rejectionOf(getRole());
    const failure = await rejectionOf(getRole());
    const throttled = await rejectionOf(f.clients.eks.send(new DescribeClusterCommand({ name: 'acme-prod' })));
    const ok = await getRole();

    // Assess
    expect(concurrent).toBeInstanceOf(ConcurrentModificationException);
    expect(concurrent.$metadata.httpStatusCode).toBe(409);
    expect(failure).toBeInstanceOf(ServiceFailureException);
    expect(failure.$fault).toBe('server');
    expect(failure.$metadata.httpStatusCode).toBe(500);
    expect(throttled).toBeInstanceOf(ThrottlingException);
    expect(throttled.$metadata.httpStatusCode).toBe(429);
    expect(ok.Role?.RoleName).toBe('acme-dataplane-role');
  });

  it('takes faults added while running, with a message of the test\'s choosing', async () => {
    // Prepare
    const f = startSandbox();
    f.sandbox.injectFault({ service: 'iam', operation: 'CreateRole', error: 'LimitExceeded', times: 1, message: 'custom' });

    // Act
    const error = await rejectionOf(createRole(f));

    // Assess
    expect(error.name).toBe('LimitExceededException');
    expect(error.message).toBe('custom');
  });
});

describe('sandbox call record and unsupported operations', () => {
  afterEach(stopSandbox);

  it('records service, operation, input, account, region and principal of every call', async () => {
    // Prepare
    const f = startSandbox();

    // Act
    await createRole(f);
    await rejectionOf(createRole(f));

    // Assess
    expect(f.sandbox.calls).toEqual([
      expect.objectContaining({
        service: 'iam',
        operation: 'CreateRole',
        accountId: VENDOR_ACCOUNT,
        region: REGION,
        principal: f.sandbox.executionPrincipal.arn,
        input: { RoleName: 'acme-dataplane-role', AssumeRolePolicyDocument: JSON.stringify(EC2_TRUST) },
        at: f.clock.now,
      }),
      expect.objectContaining({ operation: 'CreateRole', error: 'EntityAlreadyExistsException' }),
    ]);
    expect(f.sandbox.calls[0]?.error).toBeUndefined();
    f.sandbox.clearCalls();
    expect(f.sandbox.calls).toEqual([]);
  });

  it('names the service and operation it does not simulate', async () => {
    // Prepare
    const f = startSandbox();

    // Act
    const token = await rejectionOf(f.clients.sts.send(new GetSessionTokenCommand({})));
    const trails = await rejectionOf(f.clients.cloudtrail.send(new DescribeTrailsCommand({})));

    // Assess
    expect(token).toBeInstanceOf(SandboxUnsupportedOperation);
    expect(token.message).toContain('does not simulate STS GetSessionToken');
    expect(trails.message).toContain('does not simulate CloudTrail DescribeTrails');
    expect(f.sandbox.calls.map((c) => c.error)).toEqual(['SandboxUnsupportedOperation', 'SandboxUnsupportedOperation']);
  });

  it('refuses DynamoDB calls clearly when no dynalite endpoint was given', async () => {
    // Prepare
    const f = startSandbox();

    // Act
    const error = await rejectionOf(f.clients.dynamodb.send(new GetCommand({ TableName: 'status', Key: { tenantId: 'acme' } })));

    // Assess
    expect(error.message).toContain('DynamoDB is not simulated by the AWS sandbox');
  });
});
