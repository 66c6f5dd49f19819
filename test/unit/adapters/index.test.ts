import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import {
  DynamoDbStatusStore,
  EksClustersAdapter,
  IamOidcProvidersAdapter,
  IamRolesAdapter,
  partitionOfRegion,
  productionAdapters,
  SqsAccountManagerQueue,
  StsCallerIdentity,
} from '../../../lib/adapters';
import type { Config } from '../../../lib/config';

const stsMock = mockClient(STSClient);

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

describe('productionAdapters', () => {
  beforeEach(() => {
    stsMock.reset();
  });

  it('builds every port', () => {
    // Prepare

    // Act
    const adapters = productionAdapters(config);

    // Assess
    expect(adapters.eks).toBeInstanceOf(EksClustersAdapter);
    expect(adapters.identity).toBeInstanceOf(StsCallerIdentity);
    expect(adapters.oidcProviders).toBeInstanceOf(IamOidcProvidersAdapter);
    expect(adapters.iam).toBeInstanceOf(IamRolesAdapter);
    expect(adapters.queue).toBeInstanceOf(SqsAccountManagerQueue);
    expect(adapters.statusStore).toBeInstanceOf(DynamoDbStatusStore);
  });

  it('shares one caller identity, so the account is looked up once', async () => {
    // Prepare
    stsMock.on(GetCallerIdentityCommand).resolves({ Account: '111122223333' });
    const adapters = productionAdapters(config);

    // Act
    await adapters.identity.accountId();
    await adapters.identity.accountId();

    // Assess
    expect(stsMock).toHaveReceivedCommandTimes(GetCallerIdentityCommand, 1);
  });

  it.each([
    ['eu-west-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
  ])('puts %s in the %s partition', (region, partition) => {
    // Assess
    expect(partitionOfRegion(region)).toBe(partition);
  });
});
