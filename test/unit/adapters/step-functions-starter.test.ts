import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { productionAdapters } from '../../../lib/adapters';
import { executionArnOf, SfnWorkflowStarter } from '../../../lib/adapters/step-functions-starter';
import type { Config } from '../../../lib/config';
import { ConfigurationError, TransientAwsError } from '../../../lib/errors';
import { awsError } from './sdk-errors';

const sfnMock = mockClient(SFNClient);

const ONBOARDING = 'arn:aws:states:eu-west-1:111122223333:stateMachine:tenant-dataplane-onboarding-prod-onboarding';
const VERIFICATION = 'arn:aws:states:eu-west-1:111122223333:stateMachine:tenant-dataplane-onboarding-prod-verification';
const NAME = 'onboard-acme-6a7e8feb-b491-4cf7-a9f1-bf3703467718-0123456789abcdef';

describe('SfnWorkflowStarter', () => {
  beforeEach(() => {
    sfnMock.reset();
  });

  it('starts the state machine of the kind with the name and the input as JSON', async () => {
    // Prepare
    const executionArn = executionArnOf(ONBOARDING, NAME);
    sfnMock.on(StartExecutionCommand).resolves({ executionArn, startDate: new Date() });
    const starter = new SfnWorkflowStarter(new SFNClient({}), { onboarding: ONBOARDING, verification: VERIFICATION });

    // Act
    const started = await starter.start('onboarding', NAME, { tenantId: 'acme', clusterName: 'acme-prod' });

    // Assess
    expect(started).toEqual({ executionArn, alreadyStarted: false });
    expect(sfnMock).toHaveReceivedCommandWith(StartExecutionCommand, {
      stateMachineArn: ONBOARDING,
      name: NAME,
      input: '{"tenantId":"acme","clusterName":"acme-prod"}',
    });
  });

  it('starts verification on the verification state machine', async () => {
    // Prepare
    sfnMock.on(StartExecutionCommand).resolves({ executionArn: executionArnOf(VERIFICATION, 'verify-acme-1') });
    const starter = new SfnWorkflowStarter(new SFNClient({}), { onboarding: ONBOARDING, verification: VERIFICATION });

    // Act
    await starter.start('verification', 'verify-acme-1', { tenantId: 'acme', connections: [] });

    // Assess
    expect(sfnMock).toHaveReceivedCommandWith(StartExecutionCommand, { stateMachineArn: VERIFICATION, name: 'verify-acme-1' });
  });

  it('answers ExecutionAlreadyExists with the existing execution: a redelivered event started nothing new', async () => {
    // Prepare
    sfnMock
      .on(StartExecutionCommand)
      .rejects(new ExecutionAlreadyExists({ message: `Execution Already Exists: '${executionArnOf(ONBOARDING, NAME)}'`, $metadata: {} }));
    const starter = new SfnWorkflowStarter(new SFNClient({}), { onboarding: ONBOARDING });

    // Act
    const started = await starter.start('onboarding', NAME, {});

    // Assess
    expect(started).toEqual({
      executionArn: `arn:aws:states:eu-west-1:111122223333:execution:tenant-dataplane-onboarding-prod-onboarding:${NAME}`,
      alreadyStarted: true,
    });
  });

  it('throws TransientAwsError when throttled', async () => {
    // Prepare
    sfnMock.on(StartExecutionCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    const starter = new SfnWorkflowStarter(new SFNClient({}), { onboarding: ONBOARDING });

    // Act
    const starting = starter.start('onboarding', NAME, {});

    // Assess
    await expect(starting).rejects.toThrow(TransientAwsError);
    await expect(starting).rejects.toThrow(`Step Functions StartExecution onboarding execution ${NAME} was throttled`);
  });

  it('throws TransientAwsError at the open executions quota, which frees up as executions end', async () => {
    // Prepare
    sfnMock.on(StartExecutionCommand).rejects(awsError('ExecutionLimitExceeded', 'The maximum number of running executions has been reached.'));
    const starter = new SfnWorkflowStarter(new SFNClient({}), { onboarding: ONBOARDING });

    // Act
    const starting = starter.start('onboarding', NAME, {});

    // Assess
    await expect(starting).rejects.toThrow(TransientAwsError);
  });

  it('throws ConfigurationError naming the variable when the configured state machine does not exist', async () => {
    // Prepare
    sfnMock.on(StartExecutionCommand).rejects(awsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${VERIFICATION}'`));
    const starter = new SfnWorkflowStarter(new SFNClient({}), { verification: VERIFICATION });

    // Act
    const starting = starter.start('verification', 'verify-acme-1', {});

    // Assess
    await expect(starting).rejects.toThrow(ConfigurationError);
    await expect(starting).rejects.toThrow(/^VERIFICATION_STATE_MACHINE_ARN=arn:aws:states:.* cannot be started: State Machine Does Not Exist/);
  });

  it('rethrows an unmapped error unchanged', async () => {
    // Prepare
    const invalid = awsError('InvalidExecutionInput', 'Invalid State Machine Execution Input');
    sfnMock.on(StartExecutionCommand).rejects(invalid);
    const starter = new SfnWorkflowStarter(new SFNClient({}), { onboarding: ONBOARDING });

    // Act
    const starting = starter.start('onboarding', NAME, {});

    // Assess
    await expect(starting).rejects.toBe(invalid);
  });

  it.each([
    ['onboarding', 'ONBOARDING_STATE_MACHINE_ARN'],
    ['verification', 'VERIFICATION_STATE_MACHINE_ARN'],
  ] as const)('throws ConfigurationError naming %s\'s variable when it is not configured, calling nothing', async (kind, variable) => {
    // Prepare
    const starter = new SfnWorkflowStarter(new SFNClient({}), {});

    // Act
    const starting = starter.start(kind, 'x', {});

    // Assess
    await expect(starting).rejects.toThrow(ConfigurationError);
    await expect(starting).rejects.toThrow(new RegExp(`^${variable} is not set`));
    expect(sfnMock).not.toHaveReceivedCommand(StartExecutionCommand);
  });
});

describe('executionArnOf', () => {
  it('turns a state machine ARN and a name into the execution ARN', () => {
    // Assess
    expect(executionArnOf('arn:aws-cn:states:cn-north-1:111122223333:stateMachine:onboarding', 'onboard-acme-1')).toBe(
      'arn:aws-cn:states:cn-north-1:111122223333:execution:onboarding:onboard-acme-1',
    );
  });

  it('refuses something that is not a state machine ARN', () => {
    // Assess
    expect(() => executionArnOf('arn:aws:states:eu-west-1:111122223333:activity:x', 'n')).toThrow(ConfigurationError);
  });
});

describe('productionAdapters without the event starter\'s configuration', () => {
  const config: Config = {
    region: 'eu-west-1',
    statusTableName: 'tenant-status',
    accountManagerQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/111122223333/account-manager.fifo',
    dataplaneBoundaryArn: 'arn:aws:iam::111122223333:policy/dataplane-boundary',
    createOidcProvider: false,
    defaultIdentity: 'irsa',
    verifierRoleArn: 'arn:aws:iam::111111111111:role/onboarding-verifier',
    stackName: 'tenant-dataplane-onboarding-test',
  };

  it('builds a workflow starter that names the missing variable when used', async () => {
    // Prepare
    const adapters = productionAdapters(config);

    // Act
    const starting = adapters.workflowStarter.start('onboarding', 'x', {});

    // Assess
    await expect(starting).rejects.toThrow(ConfigurationError);
    await expect(starting).rejects.toThrow(/ONBOARDING_STATE_MACHINE_ARN is not set/);
  });

  it('builds dead letters that name the missing variable when used', async () => {
    // Prepare
    const adapters = productionAdapters(config);

    // Act
    const sending = adapters.deadLetters.send({}, 'reason');

    // Assess
    await expect(sending).rejects.toThrow(ConfigurationError);
    await expect(sending).rejects.toThrow(/INVALID_EVENTS_QUEUE_URL is not set/);
  });

  it('starts the configured state machine', async () => {
    // Prepare
    sfnMock.reset();
    sfnMock.on(StartExecutionCommand).resolves({ executionArn: executionArnOf(VERIFICATION, 'v') });
    const adapters = productionAdapters({ ...config, verificationStateMachineArn: VERIFICATION });

    // Act
    const started = await adapters.workflowStarter.start('verification', 'v', {});

    // Assess
    expect(started.alreadyStarted).toBe(false);
    expect(sfnMock).toHaveReceivedCommandWith(StartExecutionCommand, { stateMachineArn: VERIFICATION });
  });
});
