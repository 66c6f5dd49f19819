import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { newClient, useClientEnvironment } from '../../../lib/adapters/aws-client-factory';

describe('AWS client factory', () => {
  afterEach(() => useClientEnvironment(undefined));

  it.each([
    ['iam', IAMClient],
    ['sts', STSClient],
  ] as const)('gives %s clients the SDK\'s adaptive retry mode: throttling slows the client down instead of failing at once', async (service, Ctor) => {
    // Act
    const client = newClient(service, Ctor as any, { region: 'eu-west-1' });

    // Assess
    const strategy = await client.config.retryStrategy();
    expect(strategy.mode).toBe('adaptive');
    expect(await client.config.maxAttempts()).toBe(3);
  });

  it('leaves CloudTrail to its adapter, which paces LookupEvents and retries it itself', async () => {
    // Act
    const client = newClient('cloudtrail', CloudTrailClient, { region: 'eu-west-1' });

    // Assess
    expect(await client.config.maxAttempts()).toBe(1);
  });
});
