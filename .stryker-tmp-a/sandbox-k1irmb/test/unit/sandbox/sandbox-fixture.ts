// @ts-nocheck
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

export const CUSTOMER_ACCOUNT = '222222222222';
export const EXTERNAL_ID = 'acme-7Hq2vX9pLm';
export const DATAPLANE_ROLE_ARN = `arn:aws:iam::${VENDOR_ACCOUNT}:role/acme-dataplane-role`;
export const TARGET_ROLE_ARN = `arn:aws:iam::${CUSTOMER_ACCOUNT}:role/qualytics-s3-read`;
export const EXECUTION_ROLE_ARN = `arn:aws:iam::${VENDOR_ACCOUNT}:role/tenant-dataplane-onboarding-lambda`;

export const DENY_ALL = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }],
});
export const ASSUME_ROLE_ONLY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
});

/** A customer's trust policy for the dataplane role (or another principal), with or without the External ID condition. */
export function customerTrust(principal: string = DATAPLANE_ROLE_ARN, externalId: string | null = EXTERNAL_ID) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: principal },
        Action: 'sts:AssumeRole',
        ...(externalId !== null ? { Condition: { StringEquals: { 'sts:ExternalId': externalId } } } : {}),
      },
    ],
  };
}

export function targetRole(trust: Record<string, unknown> = customerTrust(), name = 'qualytics-s3-read') {
  return {
    name,
    trustPolicy: trust,
    inlinePolicies: {
      'read-data-lake': {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-data-lake/*' }],
      },
    },
  };
}

/** The dataplane role as onboarding leaves it: IRSA for Spark, a second statement for the verifier, assume-only permissions. */
export function dataplaneRole(verifier: string = EXECUTION_ROLE_ARN) {
  return {
    name: 'acme-dataplane-role',
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Verifier',
          Effect: 'Allow',
          Principal: { AWS: verifier },
          Action: 'sts:AssumeRole',
          Condition: { StringLike: { 'sts:RoleSessionName': 'verify-*' } },
        },
      ],
    },
    inlinePolicies: {
      'assume-customer-target-roles': {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/*' }],
      },
    },
  };
}

/** A world with the dataplane role and the customer's account holding the given target roles. */
export function verificationWorld(overrides: Partial<ScenarioInput> = {}, roles: unknown[] = [targetRole()]): Partial<ScenarioInput> {
  return {
    roles: [dataplaneRole()] as ScenarioInput['roles'],
    customers: [{ accountId: CUSTOMER_ACCOUNT, roles: roles as any }],
    ...overrides,
  };
}

export function clientsAs(credentials: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } | undefined): AwsClients {
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) throw new Error('no credentials to call with');
  return createAwsClients({
    region: REGION,
    credentials: { accessKeyId: credentials.AccessKeyId, secretAccessKey: credentials.SecretAccessKey, sessionToken: credentials.SessionToken },
  });
}
