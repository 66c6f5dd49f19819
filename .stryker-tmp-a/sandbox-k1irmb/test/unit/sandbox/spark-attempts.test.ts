// @ts-nocheck
import path from 'node:path';
import { AssumeRoleWithWebIdentityCommand, InvalidIdentityTokenException } from '@aws-sdk/client-sts';
import { createAwsClients, useClientEnvironment } from '../../../lib/adapters/aws-clients';
import { AwsSandbox, loadScenario } from '../../../lib/sandbox';
import { rejectionOf, REGION, stopSandbox, TARGET_ROLE_ARN, VENDOR_ACCOUNT } from './sandbox-fixture';

const SCENARIO = path.resolve(__dirname, '../../../scenarios/spark-dataplane-denials.json');
const ISSUER = 'https://oidc.eks.eu-west-1.amazonaws.com/id/B9CCC0C8A26E71F63F331314148D8F58';
const DATAPLANE_ROLE_ARN = `arn:aws:iam::${VENDOR_ACCOUNT}:role/acme-dataplane-role`;
const START = Date.parse('2026-03-01T09:00:00Z');

let sandbox: AwsSandbox;

beforeEach(() => {
  sandbox = AwsSandbox.fromScenario(loadScenario(SCENARIO), { now: () => START });
  useClientEnvironment(sandbox.clientEnvironment());
});
afterEach(stopSandbox);

describe('sandbox Spark dataplane attempts', () => {
  it('runs the scenario\'s attempts as the tenant\'s Spark sessions and answers each as STS would', () => {
    // Act
    const results = sandbox.simulateSparkAttempts();

    // Assess
    expect(results.map((r) => ({ caller: r.caller, ok: r.ok, error: r.error }))).toEqual([
      {
        caller: `arn:aws:sts::${VENDOR_ACCOUNT}:assumed-role/acme-dataplane-role/spark-1772355600`,
        ok: false,
        error: {
          name: 'AccessDenied',
          message: `User: arn:aws:sts::${VENDOR_ACCOUNT}:assumed-role/acme-dataplane-role/spark-1772355600 is not authorized to perform: sts:AssumeRole on resource: ${TARGET_ROLE_ARN}`,
        },
      },
      {
        caller: `arn:aws:iam::${VENDOR_ACCOUNT}:oidc-provider/${ISSUER.replace('https://', '')}`,
        ok: false,
        error: { name: 'AccessDenied', message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity' },
      },
      {
        caller: expect.stringMatching(/:oidc-provider\/oidc\.eks\.eu-west-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/),
        ok: false,
        error: {
          name: 'InvalidIdentityTokenException',
          message: expect.stringMatching(/^No OpenIDConnect provider found in your account for https:\/\/oidc\.eks\.eu-west-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/),
        },
      },
    ]);
    expect(sandbox.calls).toEqual([]);
  });

  it('records the Spark sessions\' calls in the vendor account\'s CloudTrail, told apart by session name and user agent', () => {
    // Act
    sandbox.simulateSparkAttempts();

    // Assess
    const records = sandbox.cloudTrailRecords(VENDOR_ACCOUNT, REGION);
    expect(records.map((r) => [r.eventName, r.errorCode])).toEqual([
      ['AssumeRole', 'AccessDenied'],
      ['AssumeRoleWithWebIdentity', 'AccessDenied'],
      ['AssumeRoleWithWebIdentity', 'InvalidIdentityToken'],
    ]);
    expect(records[0]).toMatchObject({
      userIdentity: {
        type: 'AssumedRole',
        arn: `arn:aws:sts::${VENDOR_ACCOUNT}:assumed-role/acme-dataplane-role/spark-1772355600`,
        sessionContext: { sessionIssuer: { arn: DATAPLANE_ROLE_ARN, userName: 'acme-dataplane-role' } },
      },
      userAgent: expect.stringMatching(/^aws-sdk-java\//),
      requestParameters: { roleArn: TARGET_ROLE_ARN, roleSessionName: 'spark-1772355600', externalId: 'acme-7Hq2vX9pLm' },
    });
    expect(records[1]).toMatchObject({
      userIdentity: {
        type: 'WebIdentityUser',
        userName: 'system:serviceaccount:default:spark',
        identityProvider: `arn:aws:iam::${VENDOR_ACCOUNT}:oidc-provider/${ISSUER.replace('https://', '')}`,
      },
      resources: [{ accountId: VENDOR_ACCOUNT, type: 'AWS::IAM::Role', ARN: DATAPLANE_ROLE_ARN }],
      responseElements: null,
    });
    expect(sandbox.cloudTrailRecords('222222222222')).toEqual([]);
  });

  it('lets the trusted ServiceAccount in through the real SDK client, unsigned, with a token from the cluster\'s issuer', async () => {
    // Prepare
    const sts = createAwsClients({ region: REGION }).sts;
    const token = sandbox.webIdentityToken({ cluster: 'acme-prod', subject: 'system:serviceaccount:qualytics:qualytics-spark' });

    // Act
    const output = await sts.send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn: DATAPLANE_ROLE_ARN, RoleSessionName: 'spark-1772355600', WebIdentityToken: token }),
    );
    const garbage = await rejectionOf(
      sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: DATAPLANE_ROLE_ARN, RoleSessionName: 'spark-1', WebIdentityToken: 'not-a-jwt' })),
    );

    // Assess
    expect(output).toMatchObject({
      AssumedRoleUser: { Arn: `arn:aws:sts::${VENDOR_ACCOUNT}:assumed-role/acme-dataplane-role/spark-1772355600` },
      SubjectFromWebIdentityToken: 'system:serviceaccount:qualytics:qualytics-spark',
      Provider: ISSUER,
      Audience: 'sts.amazonaws.com',
    });
    expect(sandbox.sessionFor(output.Credentials!.AccessKeyId!)?.chained).toBe(false);
    expect(garbage).toBeInstanceOf(InvalidIdentityTokenException);
    expect(garbage.message).toBe('The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)');
    expect(sandbox.callsTo('sts', 'AssumeRoleWithWebIdentity').map((c) => c.principal)).toEqual(['anonymous', 'anonymous']);
  });

  it('runs attempts given on demand, in the scenario\'s shape', () => {
    // Act
    const [result] = sandbox.simulateSparkAttempts([
      { action: 'AssumeRoleWithWebIdentity', tenant: 'acme', cluster: 'acme-prod', subject: 'system:serviceaccount:qualytics:qualytics-spark', audience: 'sts.amazonaws.com' },
    ]);

    // Assess
    expect(result).toMatchObject({ ok: true, assumedRoleArn: `arn:aws:sts::${VENDOR_ACCOUNT}:assumed-role/acme-dataplane-role/spark-1772355600` });
  });
});
