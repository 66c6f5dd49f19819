import { loadConfig, useConfig } from '../../lib/config';
import { ConfigurationError } from '../../lib/errors';
import { PROD_FUNCTION_ENV } from '../support/config-env';
import { handler } from '../../functions/connection-verification/attempt-assume';
import { captureLogLines, lambdaContext } from '../support/lambda';

const ENV = PROD_FUNCTION_ENV;
const PROBE = 'arn:aws:iam::111111111111:role/tenant-dataplane-onboarding/prod/trust-probe/tenant-dataplane-onboarding-prod-TrustProbeRole-1A2B';

describe('loadConfig: the trust probe role', () => {
  it('reads it, path and all, for the function that verifies; the others go without', () => {
    expect(loadConfig({ ...ENV, TRUST_PROBE_ROLE_ARN: PROBE }).trustProbeRoleArn).toBe(PROBE);
    expect(loadConfig(ENV)).not.toHaveProperty('trustProbeRoleArn');
  });

  it('refuses a value that is not a role ARN, saying what is allowed', () => {
    // Act
    const loading = () => loadConfig({ ...ENV, TRUST_PROBE_ROLE_ARN: 'TrustProbeRole' });

    // Assess
    expect(loading).toThrow(ConfigurationError);
    expect(loading).toThrow('TRUST_PROBE_ROLE_ARN="TrustProbeRole" is not valid (the ARN of the stack\'s trust probe role)');
  });
});

describe('Attempt Assume without the trust probe role', () => {
  afterEach(() => useConfig(undefined));

  it('fails as a ConfigurationError naming TRUST_PROBE_ROLE_ARN, before any call', async () => {
    // Prepare
    useConfig({ ...loadConfig(ENV), trustProbeRoleArn: undefined });
    const event = {
      tenantId: 'acme',
      dataplaneRoleArn: 'arn:aws:iam::111111111111:role/acme-dataplane-role',
      roleChangedAt: null,
      connection: { connectionId: 's3', roleArn: 'arn:aws:iam::222222222222:role/r', externalId: { length: 15, fingerprint: '573761e6' } },
      progress: { attempts: 0, denials: 0, elapsedSeconds: 0 },
    };

    // Act
    const { result } = await captureLogLines(() => handler(event, lambdaContext('attemptAssume')));

    // Assess
    expect(result).toBeInstanceOf(Error);
    expect(result.name).toBe('ConfigurationError');
    expect(result.message).toContain('TRUST_PROBE_ROLE_ARN is not set');
  });
});
