// A local stack stops and starts again where it was: the sandbox's state goes through JSON (a file in
// the stack's state folder) and back into a sandbox made from the same scenario.
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { AwsSandbox, decodeState, encodeState, parseScenario, type SandboxState } from '../../../lib/sandbox';
import { useClientEnvironment } from '../../../lib/adapters/aws-clients';
import { Fixture, rejectionOf, REGION, startSandbox, stopSandbox, VENDOR_ACCOUNT } from './sandbox-fixture';

const CUSTOMER = '222222222222';
const dataplaneTrust = (externalId: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${VENDOR_ACCOUNT}:role/${'acme-dataplane-role'}` },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': externalId } },
    },
  ],
});
const world = {
  customers: [
    {
      accountId: CUSTOMER,
      name: 'Acme Corp',
      roles: [{ name: 'reader', trustPolicy: dataplaneTrust('old-id') }],
      changes: [{ afterAttempts: 3, role: 'reader', trustPolicy: dataplaneTrust('new-id') }],
    },
  ],
};

const dataplaneRole = (fixture: Fixture) => ({
  name: 'acme-dataplane-role',
  trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: fixture.sandbox.executionRoleArn }, Action: 'sts:AssumeRole' }] },
  inlinePolicies: { assume: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/*' }] } },
});

/** Through JSON, as the state file holds it. */
const throughFile = (state: SandboxState): SandboxState => decodeState(JSON.parse(JSON.stringify(encodeState(state))));

describe('sandbox state that survives a restart', () => {
  let f: Fixture;
  beforeEach(() => {
    f = startSandbox(world);
  });
  afterEach(stopSandbox);

  it('keeps roles, queue messages, CloudTrail records and the customer\'s progress through their changes', async () => {
    // Prepare: a role of ours, a message, two denied attempts against the customer.
    f.sandbox.addRole(dataplaneRole(f));
    const queueUrl = f.sandbox.createQueue('account-manager.fifo');
    await f.clients.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"tenantId":"acme"}', MessageGroupId: 'acme', MessageDeduplicationId: 'd1' }));
    const assume = () =>
      f.clients.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${CUSTOMER}:role/reader`, RoleSessionName: 'verify-acme', ExternalId: 'new-id' }));
    await rejectionOf(assume());
    await rejectionOf(assume());

    // Act: a new sandbox from the same scenario, given the state back.
    const state = throughFile(f.sandbox.exportState());
    const restored = AwsSandbox.fromScenario(parseScenario({ name: 'unit', description: 'unit test world', vendor: { accountId: VENDOR_ACCOUNT, region: REGION }, clusters: [{ name: 'acme-prod', oidcProviderExists: true }], ...world }), { now: () => f.clock.now });
    restored.importState(state);

    // Assess
    expect(restored.getRole('acme-dataplane-role')).toEqual(f.sandbox.getRole('acme-dataplane-role'));
    expect(restored.peekMessages(queueUrl)).toEqual(f.sandbox.peekMessages(queueUrl));
    expect(restored.peekMessages(queueUrl)).toHaveLength(1);
    expect(restored.cloudTrailRecords()).toEqual(f.sandbox.cloudTrailRecords());
    expect(restored.cloudTrailRecords()).toHaveLength(2);
    expect(restored.assumeRoleAttempts(CUSTOMER)).toBe(2);
    expect(restored.listOidcProviders()).toEqual(f.sandbox.listOidcProviders());
  });

  it('goes on from there: the customer makes the change scheduled after their third attempt, and the fourth is allowed', async () => {
    // Prepare
    f.sandbox.addRole(dataplaneRole(f));
    const target = { RoleArn: `arn:aws:iam::${CUSTOMER}:role/reader`, RoleSessionName: 'verify-acme', ExternalId: 'new-id' };
    const { Credentials } = await f.clients.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${VENDOR_ACCOUNT}:role/acme-dataplane-role`, RoleSessionName: 'verify-acme' }));
    const { createAwsClients } = await import('../../../lib/adapters/aws-clients');
    const asDataplane = createAwsClients({ region: REGION, credentials: { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken! } });
    await rejectionOf(asDataplane.sts.send(new AssumeRoleCommand(target)));
    await rejectionOf(asDataplane.sts.send(new AssumeRoleCommand(target)));
    const state = throughFile(f.sandbox.exportState());

    // Act: restored, the session issued before the restart still calls as the dataplane role.
    const restored = AwsSandbox.fromScenario(parseScenario({ name: 'unit', description: 'unit test world', vendor: { accountId: VENDOR_ACCOUNT, region: REGION }, clusters: [{ name: 'acme-prod', oidcProviderExists: true }], ...world }), { now: () => f.clock.now });
    restored.importState(state);
    useClientEnvironment(restored.clientEnvironment());
    const again = createAwsClients({ region: REGION, credentials: { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken! } });
    const third = await rejectionOf(again.sts.send(new AssumeRoleCommand(target)));
    const fourth = await again.sts.send(new AssumeRoleCommand(target));

    // Assess
    expect(third.name).toBe('AccessDenied');
    expect(fourth.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${CUSTOMER}:assumed-role/reader/verify-acme`);
  });
});
