// Each onboarding path end to end: the real ASL with the real handlers and adapters, on the embedded
// AWS sandbox with the status table on dynalite. Assertions read what a user would see: IAM state,
// the account manager's queue, the status record.
import path from 'node:path';
import { LocalEnvironment } from '../../lib/local/local-environment';
import { loadScenario, parseScenario } from '../../lib/sandbox';

const scenario = (name: string) => loadScenario(path.resolve(__dirname, '../../scenarios', `${name}.json`));
const ACCOUNT = '111111111111';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/acme-dataplane-role`;
const acme = { tenantId: 'acme', clusterName: 'acme-prod' };

let env: LocalEnvironment | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function start(name: string, options?: { createOidcProvider?: boolean }) {
  env = await LocalEnvironment.start(scenario(name), options);
  return env;
}

describe('onboarding end to end on the sandbox', () => {
  it('happy path: role with IRSA trust, boundary, tags and inline policy; one queue message; ROLE_READY', async () => {
    // Prepare
    const local = await start('demo');
    const issuer = local.sandbox.listOidcProviders()[0]!.issuerUrl.replace('https://', '');

    // Act
    const result = await local.onboard(acme);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const role = local.sandbox.getRole('acme-dataplane-role')!;
    expect(role.arn).toBe(ROLE_ARN);
    expect(role.trustPolicy).toMatchObject({
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${issuer}` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              [`${issuer}:sub`]: 'system:serviceaccount:qualytics:qualytics-spark',
              [`${issuer}:aud`]: 'sts.amazonaws.com',
            },
          },
        },
        {
          Sid: 'OnboardingVerifier',
          Effect: 'Allow',
          Principal: { AWS: local.sandbox.executionRoleArn },
          Action: 'sts:AssumeRole',
          Condition: { StringLike: { 'sts:RoleSessionName': 'verify-*' } },
        },
      ],
    });
    expect(role.permissionsBoundaryArn).toBe(local.config.dataplaneBoundaryArn);
    expect(role.tags).toEqual({
      'managed-by': 'tenant-dataplane-onboarding',
      'owner-stack': 'tenant-dataplane-onboarding-local',
      'owner-region': 'eu-west-1',
      'tenant-id': 'acme',
      'eks-cluster': 'acme-prod',
    });
    expect(role.inlinePolicies['assume-customer-target-roles']).toBeDefined();

    const messages = local.queueMessages();
    expect(messages).toHaveLength(1);
    expect(messages[0]!.groupId).toBe('acme');
    const body = JSON.parse(messages[0]!.body);
    expect(body).toMatchObject({ type: 'DataplaneRoleReady', tenantId: 'acme', dataplaneRoleArn: ROLE_ARN });
    expect(body.customerTrustPolicy.Statement[0].Principal).toEqual({ AWS: ROLE_ARN });

    const status = await local.status('acme');
    expect(status).toMatchObject({
      status: 'ROLE_READY',
      roleArn: ROLE_ARN,
      roleOutcome: 'created',
      clusterName: 'acme-prod',
      oidcIssuer: `https://${issuer}`,
      queueMessageId: messages[0]!.messageId,
      execution: { id: result.executionArn },
    });
    expect(status!.error).toBeUndefined();
  });

  it('a second run changes nothing and the queue keeps one message (deduplicated)', async () => {
    // Prepare
    const local = await start('demo');
    await local.onboard(acme);
    const roleId = local.sandbox.getRole('acme-dataplane-role')!.roleId;
    local.sandbox.clearCalls();

    // Act
    const second = await local.onboard(acme);

    // Assess
    expect(second.status).toBe('SUCCEEDED');
    expect(local.sandbox.getRole('acme-dataplane-role')!.roleId).toBe(roleId);
    const writes = local.sandbox
      .callsTo('iam')
      .filter((c) => !c.error && /^(Update|Put|Tag|Delete)/.test(c.operation));
    expect(writes).toEqual([]);
    expect(local.queueMessages()).toHaveLength(1);
    expect(await local.status('acme')).toMatchObject({ roleOutcome: 'unchanged', execution: { id: second.executionArn } });
  });

  it("the tenant's Spark session reaches a customer's role, and no role of our account even when it trusts our root", async () => {
    // Prepare: a vendor role and another tenant's customer-facing role, both trusting our account root.
    const local = await start('demo');
    await local.onboard(acme);
    const trustsOurRoot = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
    };
    const vendorAdmin = local.sandbox.addRole({ name: 'vendor-admin', trustPolicy: trustsOurRoot });
    const otherTenant = local.sandbox.addRole({ name: 'globex-dataplane-role', trustPolicy: trustsOurRoot });
    const customer = local.sandbox.addRole(
      {
        name: 'qualytics-s3-read',
        trustPolicy: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: ROLE_ARN }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'acme-ext-1234' } } }],
        },
      },
      '222222222222',
    );

    // Act
    const results = local.sandbox.simulateSparkAttempts([
      { action: 'AssumeRole', tenant: 'acme', roleArn: vendorAdmin.arn },
      { action: 'AssumeRole', tenant: 'acme', roleArn: otherTenant.arn },
      { action: 'AssumeRole', tenant: 'acme', roleArn: customer.arn, externalId: 'acme-ext-1234' },
    ]);

    // Assess
    expect(results.map((r) => r.ok)).toEqual([false, false, true]);
    expect(results[0]!.error!.message).toContain(`on resource: ${vendorAdmin.arn} with an explicit deny in an identity-based policy`);
    expect(results[1]!.error!.message).toContain(`on resource: ${otherTenant.arn} with an explicit deny in an identity-based policy`);
  });

  it('role already ours: converged in place (trust, inline policy), same role id, ROLE_READY', async () => {
    // Prepare
    const local = await start('role-already-ours');
    const before = local.sandbox.getRole('acme-dataplane-role')!;

    // Act
    const result = await local.onboard(acme);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const after = local.sandbox.getRole('acme-dataplane-role')!;
    expect(after.roleId).toBe(before.roleId);
    expect(JSON.stringify(after.trustPolicy)).toContain('system:serviceaccount:qualytics:qualytics-spark');
    expect(after.inlinePolicies['assume-customer-target-roles']).toBeDefined();
    expect(local.sandbox.callsTo('iam', 'DeleteRole')).toEqual([]);
    expect(await local.status('acme')).toMatchObject({ status: 'ROLE_READY', roleOutcome: 'converged' });
    expect((await local.status('acme'))!.summary).toContain('trust policy updated');
  });

  it('role taken by someone else: FAILED DataplaneRoleNotOwned, their role untouched, nothing published', async () => {
    // Prepare
    const local = await start('role-owned-by-someone-else');
    const before = local.sandbox.getRole('acme-dataplane-role')!;

    // Act
    const result = await local.onboard(acme);

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('DataplaneRoleNotOwned');
    expect(local.sandbox.getRole('acme-dataplane-role')).toEqual(before);
    expect(local.queueMessages()).toEqual([]);
    const status = await local.status('acme');
    expect(status).toMatchObject({ status: 'FAILED', error: { name: 'DataplaneRoleNotOwned' } });
    expect(status!.error!.message).toContain('was not created by tenant onboarding');
  });

  it('missing OIDC provider: FAILED naming the provider, no role, nothing published', async () => {
    // Prepare
    const local = await start('missing-oidc-provider');

    // Act
    const result = await local.onboard(acme);

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('OidcProviderMissing');
    expect(local.sandbox.listRoles().map((r) => r.name)).not.toContain('acme-dataplane-role');
    expect(local.queueMessages()).toEqual([]);
    const status = await local.status('acme');
    expect(status!.error!.message).toMatch(/IAM OIDC provider arn:aws:iam::111111111111:oidc-provider\/oidc\.eks\..+ does not exist/);
  });

  it('missing OIDC provider with creation enabled: the provider is created, then the role', async () => {
    // Prepare
    const local = await start('missing-oidc-provider', { createOidcProvider: true });

    // Act
    const result = await local.onboard(acme);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const [provider] = local.sandbox.listOidcProviders();
    expect(provider!.clientIds).toEqual(['sts.amazonaws.com']);
    expect((local.sandbox.getRole('acme-dataplane-role')!.trustPolicy as any).Statement[0].Principal.Federated).toBe(provider!.arn);
  });

  it('invalid request: INVALID_REQUEST lists the problems; no AWS call but the OnboardingFailed event, nothing created or sent to the account manager', async () => {
    // Prepare
    const local = await start('demo');
    local.sandbox.clearCalls();

    // Act
    const result = await local.onboard({ tenantId: 'acme', clusterName: 'acme prod', namespace: 'Qualytics' });

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('InvalidOnboardingRequest');
    expect(local.sandbox.calls.map((c) => `${c.service}:${c.operation}`)).toEqual(['events:PutEvents']);
    expect(local.sandbox.sentEvents().map((e) => e.detailType)).toEqual(['OnboardingFailed']);
    expect(local.queueMessages()).toEqual([]);
    const status = await local.status('acme');
    expect(status).toMatchObject({
      status: 'INVALID_REQUEST',
      error: {
        name: 'InvalidOnboardingRequest',
        problems: [
          { field: 'clusterName', problem: expect.stringContaining('whitespace at position 5') },
          { field: 'namespace', problem: expect.stringContaining('not allowed') },
        ],
      },
    });
  });

  it('invalid tenant id: the execution fails naming it, and no status is recorded under a key that is no tenant id', async () => {
    // Prepare
    const local = await start('demo');

    // Act
    const result = await local.onboard({ tenantId: 'acme corp', clusterName: 'acme-prod' });

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'InvalidOnboardingRequest', cause: expect.stringContaining('tenantId: contains whitespace at position 5') });
    expect(await local.status('acme corp')).toBeUndefined();
  });

  it('throttling: CreateRole throttled twice, retried, role created once', async () => {
    // Prepare
    const local = await start('iam-throttled');

    // Act
    const result = await local.onboard(acme);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(local.sandbox.callsTo('iam', 'CreateRole').map((c) => c.error ?? 'ok')).toEqual(['Throttling', 'Throttling', 'ok']);
    expect(result.events.filter((e) => e.type === 'StateRetried')).toHaveLength(2);
    expect(local.sandbox.listRoles().filter((r) => r.name === 'acme-dataplane-role')).toHaveLength(1);
    expect(await local.status('acme')).toMatchObject({ status: 'ROLE_READY', roleOutcome: 'created' });
  });

  it('a role quota reached: FAILED QuotaExceeded, not retried', async () => {
    // Prepare
    const full = parseScenario({
      ...JSON.parse(JSON.stringify(scenario('demo'))),
      name: 'role-quota-reached',
      roles: [{ name: 'existing-role', trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] } }],
      quotas: { rolesPerAccount: 1 },
    });
    env = await LocalEnvironment.start(full);

    // Act
    const result = await env.onboard(acme);

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('QuotaExceeded');
    expect(env.sandbox.callsTo('iam', 'CreateRole')).toHaveLength(1);
    expect(env.queueMessages()).toEqual([]);
  });

  it('a stored connection is never replaced by an older configuration (a redelivered event)', async () => {
    // Prepare
    const local = await start('demo');
    await local.onboard(acme);
    const store = local.adapters().statusStore;
    const base = { connectionId: 's3', roleArn: 'arn:aws:iam::222222222222:role/r' };
    await store.saveConnections('acme', [{ ...base, externalId: 'newer-id' }], '2026-11-23T12:00:00Z');

    // Act
    await store.saveConnections('acme', [{ ...base, externalId: 'older-id' }], '2026-11-23T11:00:00Z');
    await store.saveConnections('acme', [{ ...base, connectionId: 'athena', externalId: 'athena-id' }], '2026-11-23T11:00:00Z');

    // Assess
    expect(await store.storedConnections('acme')).toEqual([
      { ...base, connectionId: 'athena', externalId: 'athena-id' },
      { ...base, externalId: 'newer-id' },
    ]);
    expect(JSON.stringify(await local.status('acme'))).not.toContain('newer-id');
  });

  it('a status write from an older execution never overwrites a newer one', async () => {
    // Prepare
    const local = await start('demo');
    const store = local.adapters().statusStore;
    const base = { tenantId: 'acme', summary: 's', clusterName: 'acme-prod' };
    await store.record({ ...base, status: 'ROLE_READY', execution: { id: 'new', startTime: '2026-11-23T12:00:00.000Z' } });

    // Act
    const stale = await store.record({ ...base, status: 'PROVISIONING', execution: { id: 'old', startTime: '2026-11-23T11:00:00.000Z' } });

    // Assess
    expect(stale).toEqual({ applied: false });
    expect(await local.status('acme')).toMatchObject({ status: 'ROLE_READY', execution: { id: 'new' } });
  });
});
