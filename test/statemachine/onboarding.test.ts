// Path tests of the real statemachines/onboarding.asl.json, run locally with stub functions: each
// Retry/Catch path is a named case. Validate Request runs the real (pure) validation.
import validRequest from '../fixtures/onboarding/valid-request.json';
import invalidTenantId from '../fixtures/onboarding/invalid-tenant-id.json';
import {
  DataplaneRoleNotOwned,
  OidcProviderMissing,
  TransientAwsError,
} from '../../lib/errors';
import { externalIdFingerprint } from '../../lib/external-id';
import { validateOnboardingRequest } from '../../lib/schemas/onboarding-request';
import { executionName } from '../../lib/domain/execution-names';
import type { EnsuredRole, ResolvedCluster } from '../../lib/domain/onboarding/provisioning';
import { LocalFunction, LocalRunResult, runLocalStateMachine } from '../../lib/local/local-state-machine';

const cluster: ResolvedCluster = {
  clusterName: 'acme-prod',
  clusterArn: 'arn:aws:eks:eu-west-1:111111111111:cluster/acme-prod',
  oidcIssuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF',
  oidcProviderArn:
    'arn:aws:iam::111111111111:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF',
  oidcProviderCreated: false,
};
const createdRole: EnsuredRole = {
  roleName: 'acme-dataplane-role',
  roleArn: 'arn:aws:iam::111111111111:role/acme-dataplane-role',
  roleId: 'AROAEXAMPLEEXAMPLE1',
  outcome: 'created',
  changes: [],
};

const fingerprintOf = (externalId: string) => externalIdFingerprint(externalId).fingerprint;

/** Stub functions that record every call; each test replaces the ones its path needs. */
function stubs(overrides: Partial<Record<string, LocalFunction>> = {}) {
  const calls: Record<string, any[]> = {};
  const record =
    (name: string, fn: LocalFunction): LocalFunction =>
    async (event) => {
      (calls[name] ??= []).push(event);
      return fn(event);
    };
  const base: Record<string, LocalFunction> = {
    ValidateRequestFunctionArn: async (event) => validateOnboardingRequest(event.input),
    RecordStatusFunctionArn: async () => ({ recorded: true }),
    ResolveClusterFunctionArn: async () => cluster,
    EnsureDataplaneRoleFunctionArn: async () => createdRole,
    PublishRoleArnFunctionArn: async () => ({ messageId: 'm-1', deduplicationId: 'd-1' }),
    VerificationStateMachineArn: async (task) => ({
      ExecutionArn: 'arn:aws:states:eu-west-1:111111111111:execution:verification:child',
      Status: 'SUCCEEDED',
      Output: { state: 'VERIFIED', connections: task.Input.connectionIds.length },
    }),
  };
  const functions = Object.fromEntries(
    Object.entries({ ...base, ...overrides }).map(([name, fn]) => [name, record(name, fn!)]),
  );
  return { functions, calls };
}

function run(input: unknown, functions: Record<string, LocalFunction>) {
  return runLocalStateMachine('onboarding', input, {
    functions,
    executionName: 'test-execution',
    account: '111111111111',
    region: 'eu-west-1',
    retryIntervalMs: 0,
    waitMs: 0,
  });
}

/** The times the execution entered a state. */
function entered(result: LocalRunResult, state: string): unknown[] {
  return result.events.filter((e: any) => e.type === 'StateEntered' && e.state.name === state);
}

function failing(error: Error, times = Infinity): LocalFunction {
  let failures = 0;
  return async () => {
    if (failures < times) {
      failures += 1;
      throw error;
    }
    return createdRole;
  };
}

describe('onboarding state machine', () => {
  it('happy path: validates, records PROVISIONING, resolves, creates, publishes, records ROLE_READY', async () => {
    // Prepare
    const { functions, calls } = stubs();

    // Act
    const result = await run(validRequest, functions);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const statuses = calls.RecordStatusFunctionArn!.map((e) => e.status);
    expect(statuses).toEqual(['PROVISIONING', 'ROLE_READY']);
    const ready = calls.RecordStatusFunctionArn![1];
    expect(ready.role).toEqual(createdRole);
    expect(ready.cluster).toEqual(cluster);
    expect(ready.publication).toEqual({ messageId: 'm-1', deduplicationId: 'd-1' });
    expect(ready.execution.id).toBe(result.executionArn);
    expect(calls.PublishRoleArnFunctionArn![0].request).toMatchObject({
      tenantId: 'acme',
      namespace: 'qualytics',
      serviceAccount: 'qualytics-spark',
      roleName: 'acme-dataplane-role',
    });
    const entered = result.events.filter((e) => e.type === 'StateEntered').map((e: any) => e.state.name);
    expect(entered).toEqual([
      'Validate Request',
      'Record Provisioning',
      'Resolve Cluster',
      'Ensure Dataplane Role',
      'Publish Role Arn',
      'Record Role Ready',
      'Target Roles Known',
      'Onboarded',
    ]);
  });

  it('target roles known: verification runs as a nested execution after the role is ready, by connection id', async () => {
    // Prepare: the starter stored the connection; the input names it with its External ID's fingerprint.
    const { functions, calls } = stubs();
    const targetRoles = [{ connectionId: 's3', roleArn: 'arn:aws:iam::222222222222:role/r', externalId: { length: 15, fingerprint: '0a1b2c3d' } }];

    // Act
    const result = await run({ ...validRequest, targetRoles }, functions);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const nested = calls.VerificationStateMachineArn![0];
    expect(nested.StateMachineArn).toBe('${VerificationStateMachineArn}');
    expect(nested.Input).toEqual({
      tenantId: 'acme',
      connectionIds: ['s3'],
      schedule: null,
      AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: result.executionArn,
    });
    expect(calls.RecordStatusFunctionArn!.map((e) => e.status)).toEqual(['PROVISIONING', 'ROLE_READY']);
    expect(result.output).toMatchObject({ verification: { outcome: { state: 'VERIFIED' } } });
  });

  it('a retried nested verification start names the same execution, so it never starts a second verification', async () => {
    // Prepare: the onboarding execution's name as the event starter makes it, as long as it gets
    const name = executionName('onboarding', 't'.repeat(49), 'e'.repeat(36));
    let starts = 0;
    const { functions, calls } = stubs({
      VerificationStateMachineArn: async (task) => {
        starts += 1;
        // The first StartExecution went through, but its answer was lost: Step Functions retries.
        if (starts === 1) throw Object.assign(new Error('Service unavailable'), { name: 'StepFunctions.AWSStepFunctionsException' });
        return { ExecutionArn: `arn:aws:states:eu-west-1:111111111111:execution:verification:${task.Name}`, Status: 'SUCCEEDED', Output: {} };
      },
    });
    const targetRoles = [{ connectionId: 's3', roleArn: 'arn:aws:iam::222222222222:role/r', externalId: 'acme-7Hq2vX9pLm' }];

    // Act
    const result = await runLocalStateMachine('onboarding', { ...validRequest, targetRoles }, {
      functions,
      executionName: name,
      account: '111111111111',
      region: 'eu-west-1',
      retryIntervalMs: 0,
    });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const [first, retry] = calls.VerificationStateMachineArn!;
    expect(first.Name).toBe(name); // named after the onboarding execution: deterministic, and said in the console
    expect(retry).toEqual(first); // same name and input: StartExecution is idempotent
    expect(first.Name.length).toBeLessThanOrEqual(80);
    expect(first.Name).toMatch(/^[A-Za-z0-9_.@+=-]+$/);
  });

  it('target roles given with their External IDs: no state after Validate Request carries them', async () => {
    // Prepare
    const { functions } = stubs();
    const targetRoles = [{ connectionId: 's3', roleArn: 'arn:aws:iam::222222222222:role/r', externalId: 'acme-7Hq2vX9pLm' }];

    // Act
    const result = await run({ ...validRequest, targetRoles }, functions);

    // Assess: from Validate Request's result on, only the fingerprint goes on.
    expect(result.status).toBe('SUCCEEDED');
    const validated = result.events.findIndex((e) => e.type === 'StateExited' && e.state.name === 'Validate Request');
    expect(validated).toBeGreaterThan(0);
    const validateOutput = (result.events[validated] as { state: { output: unknown } }).state.output;
    const later = [validateOutput, ...result.events.slice(validated + 1)];
    expect(JSON.stringify(later)).not.toContain('acme-7Hq2vX9pLm');
    expect(JSON.stringify(result.output)).not.toContain('acme-7Hq2vX9pLm');
    expect(JSON.stringify(later)).toContain(JSON.stringify({ length: 15, fingerprint: fingerprintOf('acme-7Hq2vX9pLm') }));
  });

  it('no target roles yet: no verification is started', async () => {
    const { functions, calls } = stubs();
    const result = await run(validRequest, functions);
    expect(result.status).toBe('SUCCEEDED');
    expect(calls.VerificationStateMachineArn).toBeUndefined();
  });

  it('a failed verification run fails the execution but leaves the role ROLE_READY', async () => {
    // Prepare
    const { functions, calls } = stubs({
      VerificationStateMachineArn: async () => {
        throw Object.assign(new Error('child failed'), { name: 'States.TaskFailed' });
      },
    });
    const targetRoles = [{ connectionId: 's3', roleArn: 'arn:aws:iam::222222222222:role/r', externalId: 'acme-7Hq2vX9pLm' }];

    // Act
    const result = await run({ ...validRequest, targetRoles }, functions);

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
    expect(calls.RecordStatusFunctionArn!.map((e) => e.status)).toEqual(['PROVISIONING', 'ROLE_READY']);
  });

  it('role already ours: the converged role is published and recorded like a new one', async () => {
    // Prepare
    const converged: EnsuredRole = { ...createdRole, outcome: 'converged', changes: ['trust policy updated'] };
    const { functions, calls } = stubs({ EnsureDataplaneRoleFunctionArn: async () => converged });

    // Act
    const result = await run(validRequest, functions);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(calls.PublishRoleArnFunctionArn![0].role).toEqual(converged);
    expect(calls.RecordStatusFunctionArn![1]).toMatchObject({ status: 'ROLE_READY', role: converged });
  });

  it('role taken by someone else: caught, recorded FAILED, nothing published, execution fails with the name', async () => {
    // Prepare
    const { functions, calls } = stubs({
      EnsureDataplaneRoleFunctionArn: failing(new DataplaneRoleNotOwned('Role acme-dataplane-role already exists and ...')),
    });

    // Act
    const result = await run(validRequest, functions);

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('DataplaneRoleNotOwned');
    expect(result.cause).toContain('already exists');
    expect(calls.EnsureDataplaneRoleFunctionArn).toHaveLength(1); // deterministic: never retried
    expect(calls.PublishRoleArnFunctionArn).toBeUndefined();
    const failed = calls.RecordStatusFunctionArn!.at(-1);
    expect(failed).toMatchObject({ status: 'FAILED', failure: { Error: 'DataplaneRoleNotOwned' } });
    expect(failed.request.tenantId).toBe('acme');
  });

  it('missing OIDC provider: caught at Resolve Cluster, no role is touched', async () => {
    // Prepare
    const { functions, calls } = stubs({
      ResolveClusterFunctionArn: failing(new OidcProviderMissing('IAM OIDC provider arn:... does not exist')),
    });

    // Act
    const result = await run(validRequest, functions);

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('OidcProviderMissing');
    expect(calls.ResolveClusterFunctionArn).toHaveLength(1);
    expect(calls.EnsureDataplaneRoleFunctionArn).toBeUndefined();
    expect(calls.RecordStatusFunctionArn!.map((e) => e.status)).toEqual(['PROVISIONING', 'FAILED']);
  });

  it('invalid tenant id: Record Invalid Request gets the raw input, nothing else runs', async () => {
    // Prepare
    const { functions, calls } = stubs();

    // Act
    const result = await run(invalidTenantId, functions);

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('InvalidOnboardingRequest');
    expect(result.cause).toContain('tenantId: contains whitespace');
    expect(calls.RecordStatusFunctionArn).toHaveLength(1);
    expect(calls.RecordStatusFunctionArn![0]).toMatchObject({
      status: 'INVALID_REQUEST',
      input: invalidTenantId,
      failure: { Error: 'InvalidOnboardingRequest' },
    });
    expect(calls.ResolveClusterFunctionArn).toBeUndefined();
    expect(calls.EnsureDataplaneRoleFunctionArn).toBeUndefined();
    expect(calls.PublishRoleArnFunctionArn).toBeUndefined();
  });

  it('throttling is retried with backoff and then succeeds', async () => {
    // Prepare
    const { functions, calls } = stubs({
      EnsureDataplaneRoleFunctionArn: failing(new TransientAwsError('IAM CreateRole was throttled'), 2),
    });

    // Act
    const result = await run(validRequest, functions);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(calls.EnsureDataplaneRoleFunctionArn).toHaveLength(3);
    const retries = result.events.filter((e) => e.type === 'StateRetried');
    expect(retries).toHaveLength(2);
    expect(retries.every((e: any) => e.state.name === 'Ensure Dataplane Role')).toBe(true);
  });

  it('throttling that never ends: retried 10 times, redriven 3 times a minute apart, then recorded FAILED with TransientAwsError', async () => {
    // Prepare
    const { functions, calls } = stubs({
      EnsureDataplaneRoleFunctionArn: failing(new TransientAwsError('IAM CreateRole was throttled')),
    });

    // Act
    const result = await run(validRequest, functions);

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('TransientAwsError');
    expect(calls.EnsureDataplaneRoleFunctionArn).toHaveLength(4 * 11); // the first run and 3 redrives, each 1 try + 10 retries
    expect(entered(result, 'Wait Before Redriving')).toHaveLength(3);
    expect(calls.ResolveClusterFunctionArn).toHaveLength(1); // a redrive resumes at the step that failed
    expect(calls.RecordStatusFunctionArn!.at(-1)).toMatchObject({ status: 'FAILED', failure: { Error: 'TransientAwsError' } });
  });

  it('throttling that outlasts a step\'s retries is redriven from that step, and the tenant ends ROLE_READY with one publication', async () => {
    // Prepare: Publish Role Arn is throttled through its 11 tries, then goes through.
    const throttled = failing(new TransientAwsError('SQS SendMessage was throttled'), 11);
    const { functions, calls } = stubs({
      PublishRoleArnFunctionArn: async (event) => {
        await throttled(event);
        return { messageId: 'm-1', deduplicationId: 'd-1' };
      },
    });

    // Act
    const result = await run(validRequest, functions);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(calls.EnsureDataplaneRoleFunctionArn).toHaveLength(1);
    expect(calls.PublishRoleArnFunctionArn).toHaveLength(12);
    expect(entered(result, 'Wait Before Redriving')).toHaveLength(1);
    expect(calls.RecordStatusFunctionArn!.map((c: any) => c.status)).toEqual(['PROVISIONING', 'ROLE_READY']);
  });

  it('a redriven step is not entered again once it succeeded (Record Role Ready redriven alone)', async () => {
    // Prepare: the ROLE_READY write is throttled through 11 tries.
    let roleReadyTries = 0;
    const { functions, calls } = stubs({
      RecordStatusFunctionArn: async (event: any) => {
        if (event.status === 'ROLE_READY' && (roleReadyTries += 1) <= 11) throw new TransientAwsError('DynamoDB UpdateItem was throttled');
        return { recorded: true };
      },
    });

    // Act
    const result = await run(validRequest, functions);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(roleReadyTries).toBe(12);
    expect(calls.PublishRoleArnFunctionArn).toHaveLength(1);
    expect(calls.EnsureDataplaneRoleFunctionArn).toHaveLength(1);
  });

  it('a Lambda service error is retried', async () => {
    // Prepare
    const lambdaError = Object.assign(new Error('Rate exceeded'), { name: 'Lambda.TooManyRequestsException' });
    let thrown = false;
    const { functions, calls } = stubs({
      PublishRoleArnFunctionArn: async () => {
        if (!thrown) {
          thrown = true;
          throw lambdaError;
        }
        return { messageId: 'm-2', deduplicationId: 'd-1' };
      },
    });

    // Act
    const result = await run(validRequest, functions);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(calls.PublishRoleArnFunctionArn).toHaveLength(2);
  });

  it('a Lambda timeout or out-of-memory (Lambda.Unknown) is retried, redriven, then recorded FAILED', async () => {
    // Prepare
    const timedOut = Object.assign(new Error('Task timed out after 60.00 seconds'), { name: 'Lambda.Unknown' });
    const { functions, calls } = stubs({ EnsureDataplaneRoleFunctionArn: failing(timedOut) });

    // Act
    const result = await run(validRequest, functions);

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('Lambda.Unknown');
    expect(calls.EnsureDataplaneRoleFunctionArn).toHaveLength(4 * 4); // the first run and 3 redrives, each 1 try + 3 retries
    expect(calls.RecordStatusFunctionArn!.at(-1)).toMatchObject({ status: 'FAILED', failure: { Error: 'Lambda.Unknown' } });
    expect(calls.PublishRoleArnFunctionArn).toBeUndefined();
  });

  it('a client-side timeout invoking Lambda (Lambda.ClientExecutionTimeoutException) is retried, then succeeds', async () => {
    // Prepare
    const clientTimeout = Object.assign(new Error('Client execution did not complete'), { name: 'Lambda.ClientExecutionTimeoutException' });
    const { functions, calls } = stubs({ ResolveClusterFunctionArn: failing(clientTimeout, 1) });
    functions.ResolveClusterFunctionArn = ((fn) => async (event: unknown) => {
      await fn(event);
      return cluster;
    })(functions.ResolveClusterFunctionArn!);

    // Act
    const result = await run(validRequest, functions);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(calls.ResolveClusterFunctionArn).toHaveLength(2);
  });

  it('an unexpected error is caught by States.ALL and recorded', async () => {
    // Prepare
    const { functions, calls } = stubs({
      PublishRoleArnFunctionArn: async () => {
        throw new TypeError('Cannot read properties of undefined');
      },
    });

    // Act
    const result = await run(validRequest, functions);

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('TypeError');
    expect(calls.RecordStatusFunctionArn!.at(-1)).toMatchObject({ status: 'FAILED', failure: { Error: 'TypeError' } });
  });

  it('when recording the failure itself fails, the execution still fails with the original error', async () => {
    // Prepare
    const { functions } = stubs({
      ResolveClusterFunctionArn: failing(new OidcProviderMissing('provider missing')),
      RecordStatusFunctionArn: async (event) => {
        if (event.status === 'FAILED') throw new Error('DynamoDB is unreachable');
        return { recorded: true };
      },
    });

    // Act
    const result = await run(validRequest, functions);

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('OidcProviderMissing');
  });
});
