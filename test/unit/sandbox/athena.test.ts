import { AthenaServiceException, GetWorkGroupCommand, InvalidRequestException } from '@aws-sdk/client-athena';
import { BUCKET, dataCustomer, dataWorld, probeAthena, READ_LAKE_POLICY } from './data-fixture';
import { CUSTOMER_ACCOUNT, type Fixture, REGION, rejectionOf, startSandbox, stopSandbox } from './sandbox-fixture';

let f: Fixture;

afterEach(stopSandbox);

describe('sandbox Athena GetWorkGroup', () => {
  it('describes a workgroup of the caller\'s account and region, with its output location', async () => {
    // Prepare
    f = startSandbox(dataWorld());
    const athena = await probeAthena(f);

    // Act
    const output = await athena.send(new GetWorkGroupCommand({ WorkGroup: 'analytics' }));

    // Assess
    expect(output.WorkGroup).toMatchObject({
      Name: 'analytics',
      State: 'ENABLED',
      Configuration: { ResultConfiguration: { OutputLocation: `s3://${BUCKET}/athena-results/` } },
      CreationTime: expect.any(Date),
    });
  });

  it('answers a workgroup that is not there (or not in this region) with InvalidRequestException', async () => {
    // Prepare
    const anyWorkgroup = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'athena:GetWorkGroup', Resource: '*' }] };
    f = startSandbox(dataWorld(dataCustomer({}, { 'any-workgroup': anyWorkgroup })));
    const athena = await probeAthena(f);
    const elsewhere = await probeAthena(f, { region: 'us-east-1' });

    // Act
    const missing = await rejectionOf(athena.send(new GetWorkGroupCommand({ WorkGroup: 'nope' })));
    const otherRegion = await rejectionOf(elsewhere.send(new GetWorkGroupCommand({ WorkGroup: 'analytics' })));

    // Assess
    expect(missing).toBeInstanceOf(InvalidRequestException);
    expect(missing).toMatchObject({
      name: 'InvalidRequestException',
      message: 'WorkGroup nope is not found',
      __type: 'InvalidRequestException',
      $metadata: { httpStatusCode: 400 },
    });
    expect(otherRegion.message).toBe('WorkGroup analytics is not found');
  });

  it('shows a disabled workgroup as DISABLED', async () => {
    // Prepare
    f = startSandbox(dataWorld(dataCustomer({ athenaWorkgroups: [{ name: 'old', region: REGION, state: 'DISABLED' }] })));
    const athena = await probeAthena(f);

    // Act
    const output = await athena.send(new GetWorkGroupCommand({ WorkGroup: 'old' }));

    // Assess
    expect(output.WorkGroup?.State).toBe('DISABLED');
    expect(output.WorkGroup?.Configuration?.ResultConfiguration).toBeUndefined();
  });

  it.each([
    ['no identity policy allows it', dataCustomer({}, { 'read-lake': { ...READ_LAKE_POLICY, Statement: READ_LAKE_POLICY.Statement.slice(0, 4) } }), undefined],
    ['the session policy leaves it out', dataCustomer(), { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }],
  ])('refuses when %s, with Athena\'s AccessDeniedException (checked before the workgroup is looked up)', async (_case, customer, sessionPolicy) => {
    // Prepare
    f = startSandbox(dataWorld(customer));
    const athena = await probeAthena(f, sessionPolicy ? { sessionPolicy } : {});

    // Act
    const error = await rejectionOf(athena.send(new GetWorkGroupCommand({ WorkGroup: 'nope' })));

    // Assess
    expect(error).toBeInstanceOf(AthenaServiceException);
    expect(error).toMatchObject({
      name: 'AccessDeniedException',
      message: 'You are not authorized to perform: athena:GetWorkGroup on the resource. After your AWS administrator or you have updated your permissions, please try again.',
      $metadata: { httpStatusCode: 400 },
    });
    expect(f.sandbox.callsTo('athena', 'GetWorkGroup')[0]).toMatchObject({ accountId: CUSTOMER_ACCOUNT, error: 'AccessDeniedException' });
  });
});
