// A sandbox for one test, wired into the real SDK clients, with a clock the test moves by hand.
import { createAwsClients, useClientEnvironment, type AwsClients } from '../../../lib/adapters/aws-clients';
import { AwsSandbox, parseScenario, type ScenarioInput } from '../../../lib/sandbox';

export const VENDOR_ACCOUNT = '111111111111';
export const REGION = 'eu-west-1';

export interface Fixture {
  sandbox: AwsSandbox;
  clients: AwsClients;
  clock: { now: number; advance(ms: number): void };
}

export function startSandbox(overrides: Partial<ScenarioInput> = {}): Fixture {
  const clock = {
    now: Date.parse('2026-03-01T09:00:00Z'),
    advance(ms: number) {
      this.now += ms;
    },
  };
  const scenario = parseScenario({
    name: 'unit',
    description: 'unit test world',
    vendor: { accountId: VENDOR_ACCOUNT, region: REGION },
    clusters: [{ name: 'acme-prod', oidcProviderExists: true }],
    ...overrides,
  });
  const sandbox = AwsSandbox.fromScenario(scenario, { now: () => clock.now });
  useClientEnvironment(sandbox.clientEnvironment());
  return { sandbox, clients: createAwsClients({ region: REGION }), clock };
}

export function stopSandbox(): void {
  useClientEnvironment(undefined);
}

/** The rejection of a promise, for asserting on the error's class and fields. */
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export function trustPolicy(federated: string, sub = 'system:serviceaccount:qualytics:qualytics-spark') {
  const issuer = federated.replace(/^arn:aws:iam::\d{12}:oidc-provider\//, '');
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: federated },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${issuer}:sub`]: sub, [`${issuer}:aud`]: 'sts.amazonaws.com' } },
      },
    ],
  };
}

export const EC2_TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
