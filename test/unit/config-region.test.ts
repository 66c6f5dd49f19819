// The functions run in whatever region the stack is deployed to, in any partition: the region check
// must take every real region and still turn away what is not one.
import { loadConfig } from '../../lib/config';
import { ConfigurationError } from '../../lib/errors';

const ENV = {
  STATUS_TABLE_NAME: 'tenant-dataplane-onboarding-dev-status',
  ACCOUNT_MANAGER_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111111111111/tenant-dataplane-onboarding-dev-account-manager.fifo',
  DATAPLANE_BOUNDARY_ARN: 'arn:aws:iam::111111111111:policy/tenant-dataplane-onboarding-dev-eu-west-1-dataplane-boundary',
  VERIFIER_ROLE_ARN: 'arn:aws:iam::111111111111:role/tenant-dataplane-onboarding-dev-AttemptAssumeExecutionRole',
  STACK_NAME: 'tenant-dataplane-onboarding-dev',
};

describe('the region a function runs in', () => {
  it.each([
    // aws
    'us-east-1', 'eu-west-1', 'ap-southeast-7', 'il-central-1', 'mx-central-1', 'ca-west-1', 'af-south-1', 'me-central-1',
    // aws-us-gov, aws-cn
    'us-gov-west-1', 'us-gov-east-1', 'cn-north-1', 'cn-northwest-1',
    // aws-iso, aws-iso-b, aws-iso-e, aws-iso-f
    'us-iso-east-1', 'us-iso-west-1', 'us-isob-east-1', 'eu-isoe-west-1', 'us-isof-south-1', 'us-isof-east-1',
    // aws-eusc (the AWS European Sovereign Cloud)
    'eusc-de-east-1',
  ])('accepts %s', (region) => {
    expect(loadConfig({ ...ENV, AWS_REGION: region }).region).toBe(region);
  });

  it.each([
    ['upper case', 'EU-WEST-1'],
    ['underscores', 'eu_west_1'],
    ['no number', 'eu-west'],
    ['a letter after the number', 'eu-west-1a'],
    ['an availability zone', 'eu-west-1b'],
    ['a trailing space', 'eu-west-1 '],
    ['a URL', 'https://sts.eu-west-1.amazonaws.com'],
    ['too many parts', 'us-gov-iso-west-east-1'],
    ['one letter of geography', 'e-west-1'],
    ['a three-digit number', 'eu-west-100'],
  ])('rejects %s (%s), saying what a region looks like', (_why, region) => {
    const load = () => loadConfig({ ...ENV, AWS_REGION: region });
    expect(load).toThrow(ConfigurationError);
    expect(load).toThrow(`AWS_REGION="${region}" is not valid (an AWS region such as eu-west-1`);
  });
});
