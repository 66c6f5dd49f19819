// @ts-nocheck
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { StsCallerIdentity } from '../../../lib/adapters/caller-identity';
import { TransientAwsError } from '../../../lib/errors';
import { awsError } from './sdk-errors';

const stsMock = mockClient(STSClient);

describe('StsCallerIdentity', () => {
  beforeEach(() => {
    stsMock.reset();
  });

  it('asks STS once and reuses the account id', async () => {
    // Prepare
    stsMock.on(GetCallerIdentityCommand).resolves({
      Account: '111122223333',
      Arn: 'arn:aws:sts::111122223333:assumed-role/onboarding/fn',
      UserId: 'AROAEXAMPLE:fn',
    });
    const identity = new StsCallerIdentity(new STSClient({}));

    // Act
    const accounts = await Promise.all([identity.accountId(), identity.accountId()]);
    const later = await identity.accountId();

    // Assess
    expect(accounts).toEqual(['111122223333', '111122223333']);
    expect(later).toBe('111122223333');
    expect(stsMock).toHaveReceivedCommandTimes(GetCallerIdentityCommand, 1);
  });

  it('does not cache a failure, so the next call asks again', async () => {
    // Prepare
    stsMock
      .on(GetCallerIdentityCommand)
      .rejectsOnce(awsError('Throttling', 'Rate exceeded'))
      .resolves({ Account: '111122223333' });
    const identity = new StsCallerIdentity(new STSClient({}));

    // Act
    const first = identity.accountId();
    await expect(first).rejects.toThrow(TransientAwsError);
    const second = await identity.accountId();

    // Assess
    expect(second).toBe('111122223333');
    expect(stsMock).toHaveReceivedCommandTimes(GetCallerIdentityCommand, 2);
  });
});
