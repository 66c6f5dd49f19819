import { loadConfig } from '../../lib/config';
import { ConfigurationError } from '../../lib/errors';

const ENV = {
  AWS_REGION: 'eu-west-1',
  STATUS_TABLE_NAME: 'tenant-dataplane-onboarding-prod-status',
  ACCOUNT_MANAGER_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111111111111/tenant-dataplane-onboarding-prod-account-manager.fifo',
  DATAPLANE_BOUNDARY_ARN: 'arn:aws:iam::111111111111:policy/tenant-dataplane-onboarding-prod-eu-west-1-dataplane-boundary',
  VERIFIER_ROLE_ARN: 'arn:aws:iam::111111111111:role/verifier',
  STACK_NAME: 'tenant-dataplane-onboarding-prod',
};

describe('loadConfig: the owning stack', () => {
  it('reads the stack name that dataplane roles are tagged with', () => {
    // Act
    const config = loadConfig(ENV);

    // Assess
    expect(config).toMatchObject({ stackName: 'tenant-dataplane-onboarding-prod', region: 'eu-west-1' });
  });

  it.each([
    ['missing', undefined, 'STACK_NAME is not set'],
    ['not a stack name', 'prod stack,eu', 'STACK_NAME="prod stack,eu" is not valid'],
    ['not starting with a letter', '1-onboarding', 'STACK_NAME="1-onboarding" is not valid'],
  ])('refuses a stack name that is %s, saying what is allowed', (_, value, expected) => {
    // Act
    const loading = () => loadConfig({ ...ENV, STACK_NAME: value });

    // Assess
    expect(loading).toThrow(ConfigurationError);
    expect(loading).toThrow(expected);
    expect(loading).toThrow('a CloudFormation stack name: a letter, then letters, digits and hyphens, at most 128');
  });
});
