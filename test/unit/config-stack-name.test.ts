import { loadConfig } from '../../lib/config';
import { ConfigurationError } from '../../lib/errors';
import { PROD_FUNCTION_ENV } from '../support/config-env';

const ENV = PROD_FUNCTION_ENV;

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
