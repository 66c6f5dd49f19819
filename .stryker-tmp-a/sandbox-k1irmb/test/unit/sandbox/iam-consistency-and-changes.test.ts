// @ts-nocheck
import { CreateRoleCommand, DeleteRoleCommand, DeleteRolePolicyCommand, PutRolePolicyCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { createAwsClients } from '../../../lib/adapters/aws-clients';
import {
  ASSUME_ROLE_ONLY,
  clientsAs,
  CUSTOMER_ACCOUNT,
  customerTrust,
  DATAPLANE_ROLE_ARN,
  dataplaneRole,
  EXTERNAL_ID,
  Fixture,
  REGION,
  rejectionOf,
  startSandbox,
  stopSandbox,
  TARGET_ROLE_ARN,
  targetRole,
  verificationWorld,
} from './sandbox-fixture';

let f: Fixture;

afterEach(stopSandbox);

async function dataplane() {
  const output = await f.clients.sts.send(
    new AssumeRoleCommand({ RoleArn: DATAPLANE_ROLE_ARN, RoleSessionName: 'verify-acme-c1-1-dp', DurationSeconds: 900, Policy: ASSUME_ROLE_ONLY }),
  );
  return clientsAs(output.Credentials);
}

/** One verification attempt's second hop: 'ok' or the STS error's name. */
async function attempt(externalId: string | undefined = EXTERNAL_ID): Promise<string> {
  try {
    const session = await dataplane();
    await session.sts.send(
      new AssumeRoleCommand({ RoleArn: TARGET_ROLE_ARN, RoleSessionName: 'verify-acme-c1-1-x', DurationSeconds: 900, ExternalId: externalId }),
    );
    return 'ok';
  } catch (error) {
    return (error as Error).name;
  }
}

function customerAdmin() {
  return createAwsClients({ region: REGION, credentials: f.sandbox.addPrincipal(`arn:aws:iam::${CUSTOMER_ACCOUNT}:root`) });
}

describe('sandbox IAM eventual consistency', () => {
  it('makes a new role assumable only once IAM propagation has passed, on the sandbox clock', async () => {
    // Prepare
    f = startSandbox(verificationWorld({ iamPropagationSeconds: 60 }, []));
    f.sandbox.addRole(targetRole(), CUSTOMER_ACCOUNT);

    // Act
    const rightAway = await attempt();
    f.clock.advance(59_000);
    const almost = await attempt();
    f.clock.advance(1_000);
    const later = await attempt();

    // Assess
    expect([rightAway, almost, later]).toEqual(['AccessDenied', 'AccessDenied', 'ok']);
  });

  it('keeps answering with the previous trust policy until the change has propagated', async () => {
    // Prepare
    f = startSandbox(verificationWorld({ iamPropagationSeconds: 30 }));
    const admin = customerAdmin();

    // Act
    await admin.iam.send(
      new UpdateAssumeRolePolicyCommand({ RoleName: 'qualytics-s3-read', PolicyDocument: JSON.stringify(customerTrust(DATAPLANE_ROLE_ARN, 'acme-rotated-id')) }),
    );
    const stillOld = await attempt();
    f.clock.advance(30_000);
    const nowNew = await attempt();
    const withRotated = await attempt('acme-rotated-id');

    // Assess
    expect([stillOld, nowNew, withRotated]).toEqual(['ok', 'AccessDenied', 'ok']);
  });

  it('applies a change to the caller\'s own inline policies only after propagation too', async () => {
    // Prepare
    f = startSandbox(verificationWorld({ iamPropagationSeconds: 10 }));
    await f.clients.iam.send(
      new PutRolePolicyCommand({
        RoleName: 'tenant-dataplane-onboarding-lambda',
        PolicyName: 'freeze',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sts:*', Resource: '*' }] }),
      }),
    );

    // Act
    const before = await attempt();
    f.clock.advance(10_000);
    const after = await rejectionOf(dataplane());

    // Assess
    expect(before).toBe('ok');
    expect(after.message).toMatch(/with an explicit deny in an identity-based policy$/);
  });
});

describe('sandbox trust policies bound to role ids', () => {
  it('stops trusting a role that was deleted and created again, until the customer saves the trust policy again', async () => {
    // Prepare
    f = startSandbox(verificationWorld());
    const before = await attempt();
    const iam = f.clients.iam;
    const role = dataplaneRole();

    // Act
    await iam.send(new DeleteRolePolicyCommand({ RoleName: role.name, PolicyName: 'assume-customer-target-roles' }));
    await iam.send(new DeleteRoleCommand({ RoleName: role.name }));
    await iam.send(new CreateRoleCommand({ RoleName: role.name, AssumeRolePolicyDocument: JSON.stringify(role.trustPolicy) }));
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: role.name,
        PolicyName: 'assume-customer-target-roles',
        PolicyDocument: JSON.stringify(role.inlinePolicies['assume-customer-target-roles']),
      }),
    );
    const recreated = await attempt();
    const shown = f.sandbox.getRole('qualytics-s3-read', CUSTOMER_ACCOUNT)!.trustPolicy as any;
    await customerAdmin().iam.send(
      new UpdateAssumeRolePolicyCommand({ RoleName: 'qualytics-s3-read', PolicyDocument: JSON.stringify(customerTrust()) }),
    );
    const mended = await attempt();

    // Assess
    expect(before).toBe('ok');
    expect(recreated).toBe('AccessDenied');
    expect(shown.Statement[0].Principal.AWS).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(mended).toBe('ok');
    expect((f.sandbox.getRole('qualytics-s3-read', CUSTOMER_ACCOUNT)!.trustPolicy as any).Statement[0].Principal.AWS).toBe(DATAPLANE_ROLE_ARN);
  });

  it('binds a trust policy written before the role it names existed to the first role created under that name', async () => {
    // Prepare
    f = startSandbox({ customers: [{ accountId: CUSTOMER_ACCOUNT, roles: [targetRole()] as any }] });

    // Act
    f.sandbox.addRole(dataplaneRole());
    const ok = await attempt();

    // Assess
    expect(ok).toBe('ok');
  });
});

describe('sandbox customers changing their setup after N attempts', () => {
  it('applies a trust policy fix right after the Nth AssumeRole call against the customer\'s account', async () => {
    // Prepare
    f = startSandbox(
      verificationWorld({
        customers: [
          {
            accountId: CUSTOMER_ACCOUNT,
            roles: [targetRole(customerTrust(DATAPLANE_ROLE_ARN, 'acme-2024-legacy'))] as any,
            changes: [{ afterAttempts: 2, role: 'qualytics-s3-read', trustPolicy: customerTrust() }],
          },
        ],
      }),
    );

    // Act
    const outcomes = [await attempt(), await attempt(), await attempt()];

    // Assess
    expect(outcomes).toEqual(['AccessDenied', 'AccessDenied', 'ok']);
    expect(f.sandbox.assumeRoleAttempts(CUSTOMER_ACCOUNT)).toBe(3);
  });

  it('deletes and creates roles as scheduled, counting every attempt whatever its outcome', async () => {
    // Prepare
    f = startSandbox(
      verificationWorld({
        customers: [
          {
            accountId: CUSTOMER_ACCOUNT,
            roles: [targetRole()] as any,
            changes: [
              { afterAttempts: 1, role: 'qualytics-s3-read', delete: true },
              { afterAttempts: 3, role: 'qualytics-s3-read', create: { trustPolicy: customerTrust() } },
            ],
          },
        ],
      }),
    );

    // Act
    const outcomes = [await attempt(), await attempt(), await attempt('bad id'), await attempt()];

    // Assess
    expect(outcomes).toEqual(['ok', 'AccessDenied', 'ValidationError', 'ok']);
    expect(f.sandbox.getRole('qualytics-s3-read', CUSTOMER_ACCOUNT)?.inlinePolicies).toEqual({});
  });
});
