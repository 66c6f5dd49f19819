import { CreateRoleCommand, GetRoleCommand, IAMServiceException, PutRolePolicyCommand, TagRoleCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSServiceException } from '@aws-sdk/client-sts';
import { mapAwsError } from '../../../lib/adapters/aws-errors';
import { TransientAwsError } from '../../../lib/errors';
import { DEFAULT_RATE_LIMITS, parseScenario, rateLimitedApi, ScenarioError } from '../../../lib/sandbox';
import {
  DATAPLANE_ROLE_ARN,
  EC2_TRUST,
  Fixture,
  rejectionOf,
  startSandbox,
  stopSandbox,
  verificationWorld,
} from './sandbox-fixture';

const createRole = (f: Fixture, name: string) =>
  f.clients.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(EC2_TRUST) }));

describe('sandbox rate limits (token buckets per account)', () => {
  afterEach(stopSandbox);

  it('answers IAM writes beyond the burst with Throttling, HTTP 400, "Rate exceeded" (a transient error), and refills on the sandbox clock', async () => {
    // Prepare
    const f = startSandbox({ rateLimits: { iamWrites: { perSecond: 2, burst: 3 } } });

    // Act
    const results = await Promise.allSettled([1, 2, 3, 4].map((i) => createRole(f, `role-${i}`)));
    const throttled = (results[3] as PromiseRejectedResult).reason;
    f.clock.advance(499);
    const tooSoon = await rejectionOf(createRole(f, 'role-5'));
    f.clock.advance(1);
    const refilled = await createRole(f, 'role-5');

    // Assess
    expect(results.slice(0, 3).map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    for (const error of [throttled, tooSoon]) {
      expect(error).toBeInstanceOf(IAMServiceException);
      expect(error.name).toBe('Throttling');
      expect(error.message).toBe('Rate exceeded');
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(mapAwsError(error, { service: 'IAM', operation: 'CreateRole', resource: 'role-4' })).toBeInstanceOf(TransientAwsError);
    }
    expect(refilled.Role?.RoleName).toBe('role-5');
    expect(f.sandbox.getRole('role-4')).toBeUndefined();
    expect(f.sandbox.callsTo('iam', 'CreateRole').map((c) => c.error ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'Throttling', 'Throttling', 'ok']);
  });

  it('counts every IAM write against one bucket, and no IAM read', async () => {
    // Prepare
    const f = startSandbox({ rateLimits: { iamWrites: { perSecond: 1, burst: 3 } } });
    await createRole(f, 'acme-dataplane-role');

    // Act
    const reads = await Promise.all([1, 2, 3, 4, 5].map(() => f.clients.iam.send(new GetRoleCommand({ RoleName: 'acme-dataplane-role' }))));
    await f.clients.iam.send(new TagRoleCommand({ RoleName: 'acme-dataplane-role', Tags: [{ Key: 'tenant', Value: 'acme' }] }));
    await f.clients.iam.send(
      new PutRolePolicyCommand({ RoleName: 'acme-dataplane-role', PolicyName: 'p', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }) }),
    );
    const fourthWrite = await rejectionOf(createRole(f, 'other'));

    // Assess
    expect(reads).toHaveLength(5);
    expect(fourthWrite.name).toBe('Throttling');
  });

  it('classifies IAM writes, OIDC provider writes and STS AssumeRole calls as rate limited, reads as not', () => {
    expect(['CreateRole', 'UpdateAssumeRolePolicy', 'PutRolePolicy', 'TagRole', 'DeleteRole', 'DeleteRolePolicy', 'CreateOpenIDConnectProvider'].map((op) => rateLimitedApi('iam', op))).toEqual(
      Array(7).fill('iamWrites'),
    );
    expect(['GetRole', 'ListRoles', 'GetOpenIDConnectProvider'].map((op) => rateLimitedApi('iam', op))).toEqual([undefined, undefined, undefined]);
    expect(['AssumeRole', 'AssumeRoleWithWebIdentity', 'GetCallerIdentity'].map((op) => rateLimitedApi('sts', op))).toEqual(['sts', 'sts', undefined]);
    expect(rateLimitedApi('sqs', 'SendMessage')).toBeUndefined();
  });

  it('throttles STS AssumeRole beyond its burst with Throttling, "Rate exceeded"; GetCallerIdentity is not counted', async () => {
    // Prepare
    const f = startSandbox({ ...verificationWorld(), rateLimits: { sts: { perSecond: 1, burst: 2 } } });
    const assume = () => f.clients.sts.send(new AssumeRoleCommand({ RoleArn: DATAPLANE_ROLE_ARN, RoleSessionName: 'verify-acme-x-1' }));

    // Act
    await f.clients.sts.send(new GetCallerIdentityCommand({}));
    await assume();
    await assume();
    const third = await rejectionOf(assume());
    f.clock.advance(1000);
    const afterRefill = await assume();

    // Assess
    expect(third).toBeInstanceOf(STSServiceException);
    expect(third.name).toBe('Throttling');
    expect(third.message).toBe('Rate exceeded');
    expect(third.$metadata.httpStatusCode).toBe(400);
    expect(afterRefill.Credentials?.AccessKeyId).toBeDefined();
  });

  it('plays the SDK\'s retries of a throttled call when asked: the call waits on the sandbox clock, then goes through', async () => {
    // Prepare: the sleep moves the test's clock instead of waiting.
    const waited: number[] = [];
    const f = startSandbox({ rateLimits: { iamWrites: { perSecond: 1, burst: 1 } } });
    const { AwsSandbox, parseScenario } = await import('../../../lib/sandbox');
    const { useClientEnvironment, createAwsClients } = await import('../../../lib/adapters/aws-clients');
    const sandbox = AwsSandbox.fromScenario(
      parseScenario({ name: 'u', description: '', vendor: { accountId: '111111111111', region: 'eu-west-1' }, clusters: [], rateLimits: { iamWrites: { perSecond: 1, burst: 1 } } }),
      {
        now: () => f.clock.now,
        sdkRetries: {
          attempts: 3,
          sleep: async (ms) => {
            waited.push(ms);
            f.clock.advance(ms + 1000);
          },
        },
      },
    );
    useClientEnvironment(sandbox.clientEnvironment());
    const iam = createAwsClients({ region: 'eu-west-1' }).iam;
    const create = (name: string) => iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(EC2_TRUST) }));

    // Act
    await create('first');
    const second = await create('second');

    // Assess: one throttled attempt, a backoff of at most 500 ms, then a token.
    expect(second.Role?.RoleName).toBe('second');
    expect(waited).toHaveLength(1);
    expect(waited[0]).toBeLessThanOrEqual(500);
    expect(sandbox.callsTo('iam', 'CreateRole').map((c) => c.error ?? 'ok')).toEqual(['ok', 'Throttling', 'ok']);
  });

  it('keeps the injected "next N calls fail" faults: they come first, and take no token', async () => {
    // Prepare
    const f = startSandbox({
      rateLimits: { iamWrites: { perSecond: 1, burst: 1 } },
      faults: [{ service: 'iam', operation: 'CreateRole', error: 'ServiceFailure', times: 2 }],
    });

    // Act
    const first = await rejectionOf(createRole(f, 'a'));
    const second = await rejectionOf(createRole(f, 'a'));
    const third = await createRole(f, 'a');

    // Assess
    expect([first.name, second.name]).toEqual(['ServiceFailureException', 'ServiceFailureException']);
    expect(third.Role?.RoleName).toBe('a');
  });

  it('uses the defaults for what a scenario leaves out, and the scenario restores its buckets with its state', async () => {
    // Prepare
    const f = startSandbox({ rateLimits: { sts: { perSecond: 5, burst: 5 } } });
    await createRole(f, 'a');

    // Act
    const limits = f.sandbox.rateLimitsInForce;
    const state = f.sandbox.exportState();

    // Assess
    expect(limits).toEqual({ iamWrites: DEFAULT_RATE_LIMITS.iamWrites, sts: { perSecond: 5, burst: 5 } });
    expect(state.rateLimits).toEqual([{ key: 'iamWrites 111111111111', bucket: { tokens: DEFAULT_RATE_LIMITS.iamWrites.burst - 1, updatedAt: f.clock.now } }]);
  });

  it('refuses a scenario whose rate limits are not rates, naming each field', () => {
    // Act
    let error: unknown;
    try {
      parseScenario({
        name: 'bad',
        description: '',
        vendor: { accountId: '111111111111', region: 'eu-west-1' },
        clusters: [],
        rateLimits: { iamWrites: { perSecond: 0, burst: 2.5 }, s3: { perSecond: 1, burst: 1 } },
      });
    } catch (e) {
      error = e;
    }

    // Assess
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).problems).toEqual(
      expect.arrayContaining([
        { path: 'rateLimits.iamWrites.perSecond', message: 'must be greater than 0' },
        { path: 'rateLimits.iamWrites.burst', message: 'must be a whole number' },
        { path: 'rateLimits', message: 'has unknown field "s3"' },
      ]),
    );
  });
});
