// @ts-nocheck
import { DescribeClusterCommand, AccessDeniedException as EksAccessDeniedException } from '@aws-sdk/client-eks';
import { GetRoleCommand, IAMServiceException } from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  ExpiredTokenException,
  GetCallerIdentityCommand,
  MalformedPolicyDocumentException,
  RegionDisabledException,
  STSServiceException,
  type AssumeRoleCommandInput,
} from '@aws-sdk/client-sts';
import { createAwsClients } from '../../../lib/adapters/aws-clients';
import {
  ASSUME_ROLE_ONLY,
  clientsAs,
  CUSTOMER_ACCOUNT,
  customerTrust,
  DATAPLANE_ROLE_ARN,
  DENY_ALL,
  EXECUTION_ROLE_ARN,
  EXTERNAL_ID,
  Fixture,
  REGION,
  rejectionOf,
  startSandbox,
  stopSandbox,
  TARGET_ROLE_ARN,
  targetRole,
  VENDOR_ACCOUNT,
  verificationWorld,
} from './sandbox-fixture';

const EXECUTION_SESSION_ARN = `arn:aws:sts::${VENDOR_ACCOUNT}:assumed-role/tenant-dataplane-onboarding-lambda/tenant-dataplane-onboarding`;
const DATAPLANE_SESSION_ARN = `arn:aws:sts::${VENDOR_ACCOUNT}:assumed-role/acme-dataplane-role/verify-acme-c1-1-dp`;
const denied = (who: string, resource: string, reason = '') =>
  `User: ${who} is not authorized to perform: sts:AssumeRole on resource: ${resource}${reason ? ` ${reason}` : ''}`;

let f: Fixture;

/** The verifier's first hop: the dataplane role, from the functions' own identity. */
async function dataplaneSession(policy: string | undefined = ASSUME_ROLE_ONLY) {
  const output = await f.clients.sts.send(
    new AssumeRoleCommand({
      RoleArn: DATAPLANE_ROLE_ARN,
      RoleSessionName: 'verify-acme-c1-1-dp',
      DurationSeconds: 900,
      ...(policy !== undefined ? { Policy: policy } : {}),
    }),
  );
  return clientsAs(output.Credentials);
}

function assumeTarget(as: ReturnType<typeof clientsAs>, input: Partial<AssumeRoleCommandInput> = {}) {
  return as.sts.send(
    new AssumeRoleCommand({
      RoleArn: TARGET_ROLE_ARN,
      RoleSessionName: 'verify-acme-c1-1-x',
      ExternalId: EXTERNAL_ID,
      DurationSeconds: 900,
      ...input,
    }),
  );
}

afterEach(stopSandbox);

describe('sandbox STS AssumeRole: success and role chaining', () => {
  beforeEach(() => {
    f = startSandbox(verificationWorld());
  });

  it('chains from the execution role to the dataplane role to the customer role, with sessions STS would issue', async () => {
    // Act
    const dataplane = await dataplaneSession();
    const target = await assumeTarget(dataplane, { Policy: DENY_ALL });
    const identity = await clientsAs(target.Credentials).sts.send(new GetCallerIdentityCommand({}));

    // Assess
    const role = f.sandbox.getRole('qualytics-s3-read', CUSTOMER_ACCOUNT)!;
    expect(target.AssumedRoleUser).toEqual({
      Arn: `arn:aws:sts::${CUSTOMER_ACCOUNT}:assumed-role/qualytics-s3-read/verify-acme-c1-1-x`,
      AssumedRoleId: `${role.roleId}:verify-acme-c1-1-x`,
    });
    expect(target.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(target.Credentials?.SecretAccessKey).toHaveLength(40);
    expect(target.Credentials?.Expiration).toEqual(new Date(f.clock.now + 900_000));
    expect(target.PackedPolicySize).toBeGreaterThan(0);
    expect(identity).toMatchObject({
      Account: CUSTOMER_ACCOUNT,
      Arn: `arn:aws:sts::${CUSTOMER_ACCOUNT}:assumed-role/qualytics-s3-read/verify-acme-c1-1-x`,
      UserId: `${role.roleId}:verify-acme-c1-1-x`,
    });
    expect(f.sandbox.sessionFor(target.Credentials!.AccessKeyId!)).toMatchObject({
      roleArn: TARGET_ROLE_ARN,
      chained: true,
      sessionPolicy: JSON.parse(DENY_ALL),
    });
  });

  it('accepts 900 seconds for a chained session and refuses 3601 with the role-chaining ValidationError', async () => {
    // Prepare
    const dataplane = await dataplaneSession();

    // Act
    const ok = await assumeTarget(dataplane, { DurationSeconds: 900 });
    const tooLong = await rejectionOf(assumeTarget(dataplane, { DurationSeconds: 3601 }));
    const fromLambda = await rejectionOf(
      f.clients.sts.send(new AssumeRoleCommand({ RoleArn: DATAPLANE_ROLE_ARN, RoleSessionName: 'verify-x', DurationSeconds: 7200 })),
    );

    // Assess
    expect(ok.Credentials?.Expiration).toEqual(new Date(f.clock.now + 900_000));
    for (const error of [tooLong, fromLambda]) {
      expect(error).toBeInstanceOf(STSServiceException);
      expect(error.name).toBe('ValidationError');
      expect(error.message).toBe('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
      expect(error.$metadata.httpStatusCode).toBe(400);
    }
  });

  it('refuses a session longer than the role allows to a caller that is not chaining', async () => {
    // Prepare
    const root = createAwsClients({ region: REGION, credentials: f.sandbox.addPrincipal(`arn:aws:iam::${VENDOR_ACCOUNT}:root`) });
    f.sandbox.addRole({ name: 'admin', trustPolicy: customerTrust(`arn:aws:iam::${VENDOR_ACCOUNT}:root`, null) });

    // Act
    const ok = await root.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${VENDOR_ACCOUNT}:role/admin`, RoleSessionName: 'ops', DurationSeconds: 3600 }));
    const error = await rejectionOf(
      root.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${VENDOR_ACCOUNT}:role/admin`, RoleSessionName: 'ops', DurationSeconds: 7200 })),
    );

    // Assess
    expect(f.sandbox.sessionFor(ok.Credentials!.AccessKeyId!)?.chained).toBe(false);
    expect(error.name).toBe('ValidationError');
    expect(error.message).toBe('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  });

  it('refuses expired session credentials with ExpiredTokenException', async () => {
    // Prepare
    const dataplane = await dataplaneSession();
    f.clock.advance(900_000);

    // Act
    const error = await rejectionOf(dataplane.sts.send(new GetCallerIdentityCommand({})));

    // Assess
    expect(error).toBeInstanceOf(ExpiredTokenException);
    expect(error.message).toBe('The security token included in the request is expired');
  });
});

describe('sandbox STS AssumeRole: validation', () => {
  beforeEach(() => {
    f = startSandbox(verificationWorld());
  });

  it.each([
    [
      'a role ARN under 20 characters',
      { RoleArn: 'qualytics-s3-read' },
      "1 validation error detected: Value 'qualytics-s3-read' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20",
    ],
    ['a role ARN that is not an IAM role ARN', { RoleArn: 'arn:aws:s3:::acme-data-lake-bucket' }, 'Request ARN is invalid'],
    ['a role ARN with a short account id', { RoleArn: 'arn:aws:iam::22222222222:role/qualytics-s3-read' }, 'Request ARN is invalid'],
    [
      'a session name with a space',
      { RoleSessionName: 'verify acme' },
      "1 validation error detected: Value 'verify acme' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    ],
    [
      'a one-character session name',
      { RoleSessionName: 'v' },
      "1 validation error detected: Value 'v' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    ],
    [
      'an External ID with a trailing space',
      { ExternalId: 'acme-7Hq2vX9pLm ' },
      "1 validation error detected: Value 'acme-7Hq2vX9pLm ' at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:/-]*",
    ],
    [
      'a one-character External ID',
      { ExternalId: 'a' },
      "1 validation error detected: Value 'a' at 'externalId' failed to satisfy constraint: Member must have length greater than or equal to 2",
    ],
    [
      'a duration under 900 seconds',
      { DurationSeconds: 600 },
      "1 validation error detected: Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    ],
    [
      'two bad fields at once',
      { RoleSessionName: 'a b', ExternalId: 'x y' },
      "2 validation errors detected: Value 'a b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*; " +
        "Value 'x y' at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:/-]*",
    ],
  ])('answers %s with ValidationError (400) and AWS\'s message', async (_case, input, message) => {
    // Prepare
    const dataplane = await dataplaneSession();

    // Act
    const error = await rejectionOf(assumeTarget(dataplane, input));

    // Assess
    expect(error).toBeInstanceOf(STSServiceException);
    expect(error.name).toBe('ValidationError');
    expect(error.message).toBe(message);
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('refuses a session policy that is not a valid policy with MalformedPolicyDocument', async () => {
    // Prepare
    const dataplane = await dataplaneSession();

    // Act
    const notJson = await rejectionOf(assumeTarget(dataplane, { Policy: '{"Version":' }));
    const withPrincipal = await rejectionOf(
      assumeTarget(dataplane, { Policy: JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }] }) }),
    );

    // Assess
    expect(notJson).toBeInstanceOf(MalformedPolicyDocumentException);
    expect(notJson.message).toBe('This policy contains invalid Json');
    expect(withPrincipal).toBeInstanceOf(MalformedPolicyDocumentException);
    expect(withPrincipal.message).toBe('Policy document should not specify a principal.');
  });
});

describe('sandbox STS AssumeRole: who decides', () => {
  it('lets the dataplane role in with the right External ID, and refuses a wrong or missing one with the bare cross-account AccessDenied', async () => {
    // Prepare
    f = startSandbox(verificationWorld());
    const dataplane = await dataplaneSession();

    // Act
    const ok = await assumeTarget(dataplane);
    const wrong = await rejectionOf(assumeTarget(dataplane, { ExternalId: 'acme-other-id' }));
    const missing = await rejectionOf(assumeTarget(dataplane, { ExternalId: undefined }));

    // Assess
    expect(ok.AssumedRoleUser?.Arn).toContain('assumed-role/qualytics-s3-read/');
    for (const error of [wrong, missing]) {
      expect(error).toBeInstanceOf(STSServiceException);
      expect(error.name).toBe('AccessDenied');
      expect(error.message).toBe(denied(DATAPLANE_SESSION_ARN, TARGET_ROLE_ARN));
      expect(error.$metadata.httpStatusCode).toBe(403);
    }
  });

  it('answers a role that does not exist exactly as a trust policy that does not let the caller in', async () => {
    // Prepare
    f = startSandbox(verificationWorld({}, []));
    const dataplane = await dataplaneSession();

    // Act
    const error = await rejectionOf(assumeTarget(dataplane));

    // Assess
    expect(error.name).toBe('AccessDenied');
    expect(error.message).toBe(denied(DATAPLANE_SESSION_ARN, TARGET_ROLE_ARN));
  });

  it('allows a trust policy naming our account root with the External ID, and one without any condition even without an External ID', async () => {
    // Prepare
    f = startSandbox(
      verificationWorld({}, [
        targetRole(customerTrust(`arn:aws:iam::${VENDOR_ACCOUNT}:root`)),
        targetRole(customerTrust(DATAPLANE_ROLE_ARN, null), 'qualytics-redshift'),
      ]),
    );
    const dataplane = await dataplaneSession();

    // Act
    const viaRoot = await assumeTarget(dataplane);
    const viaRootWithout = await rejectionOf(assumeTarget(dataplane, { ExternalId: undefined }));
    const open = await assumeTarget(dataplane, { RoleArn: `arn:aws:iam::${CUSTOMER_ACCOUNT}:role/qualytics-redshift`, ExternalId: undefined });

    // Assess
    expect(viaRoot.AssumedRoleUser?.Arn).toContain('qualytics-s3-read');
    expect(viaRootWithout.name).toBe('AccessDenied');
    expect(open.AssumedRoleUser?.Arn).toContain('qualytics-redshift');
  });

  it('refuses our own dataplane role as the target: a role does not trust its own sessions', async () => {
    // Prepare
    f = startSandbox(verificationWorld());
    const dataplane = await dataplaneSession();

    // Act
    const error = await rejectionOf(assumeTarget(dataplane, { RoleArn: DATAPLANE_ROLE_ARN }));

    // Assess
    expect(error.name).toBe('AccessDenied');
    expect(error.message).toBe(denied(DATAPLANE_SESSION_ARN, DATAPLANE_ROLE_ARN));
  });

  it('names an explicit deny in a service control policy of the caller\'s account', async () => {
    // Prepare
    f = startSandbox(
      verificationWorld({
        organizations: {
          scps: {
            [VENDOR_ACCOUNT]: [
              { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${CUSTOMER_ACCOUNT}:role/*` }] },
            ],
          },
        },
      }),
    );
    const dataplane = await dataplaneSession();

    // Act
    const error = await rejectionOf(assumeTarget(dataplane));

    // Assess
    expect(error.name).toBe('AccessDenied');
    expect(error.message).toBe(denied(DATAPLANE_SESSION_ARN, TARGET_ROLE_ARN, 'with an explicit deny in a service control policy'));
  });

  it('names an explicit deny in a resource control policy of the role\'s account', async () => {
    // Prepare
    f = startSandbox(
      verificationWorld({
        organizations: {
          rcps: {
            [CUSTOMER_ACCOUNT]: [
              {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Deny',
                    Principal: '*',
                    Action: 'sts:AssumeRole',
                    Resource: '*',
                    Condition: { StringNotEquals: { 'aws:PrincipalAccount': CUSTOMER_ACCOUNT } },
                  },
                ],
              },
            ],
          },
        },
      }),
    );
    const dataplane = await dataplaneSession();

    // Act
    const error = await rejectionOf(assumeTarget(dataplane));

    // Assess
    expect(error.message).toBe(denied(DATAPLANE_SESSION_ARN, TARGET_ROLE_ARN, 'with an explicit deny in a resource control policy'));
  });

  it('says when an identity-based policy of the caller denies sts:AssumeRole, and when none allows it', async () => {
    // Prepare
    f = startSandbox(
      verificationWorld({
        executionRole: {
          inlinePolicies: {
            'no-dataplane': {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Deny', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/*-dataplane-role' }],
            },
          },
        },
      }),
    );
    f.sandbox.addRole({ name: 'batch-role', trustPolicy: customerTrust(`arn:aws:iam::${VENDOR_ACCOUNT}:root`, null) });
    const batch = createAwsClients({ region: REGION, credentials: f.sandbox.addPrincipal(`arn:aws:sts::${VENDOR_ACCOUNT}:assumed-role/batch-role/nightly`) });

    // Act
    const explicit = await rejectionOf(dataplaneSession());
    const none = await rejectionOf(assumeTarget(batch));

    // Assess
    expect(explicit.message).toBe(denied(EXECUTION_SESSION_ARN, DATAPLANE_ROLE_ARN, 'with an explicit deny in an identity-based policy'));
    expect(none.message).toBe(
      denied(`arn:aws:sts::${VENDOR_ACCOUNT}:assumed-role/batch-role/nightly`, TARGET_ROLE_ARN, 'because no identity-based policy allows the sts:AssumeRole action'),
    );
  });

  it('in one account, lets a trust policy that names the caller\'s role grant alone, but one naming only the account needs an identity policy too', async () => {
    // Prepare
    f = startSandbox(verificationWorld());
    f.sandbox.addRole({ name: 'names-us', trustPolicy: customerTrust(EXECUTION_ROLE_ARN, null) });
    f.sandbox.addRole({ name: 'names-account', trustPolicy: customerTrust(`arn:aws:iam::${VENDOR_ACCOUNT}:root`, null) });

    // Act
    const direct = await f.clients.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${VENDOR_ACCOUNT}:role/names-us`, RoleSessionName: 'x1' }));
    const viaAccount = await rejectionOf(
      f.clients.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${VENDOR_ACCOUNT}:role/names-account`, RoleSessionName: 'x1' })),
    );

    // Assess
    expect(direct.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${VENDOR_ACCOUNT}:assumed-role/names-us/x1`);
    expect(viaAccount.message).toBe(
      denied(EXECUTION_SESSION_ARN, `arn:aws:iam::${VENDOR_ACCOUNT}:role/names-account`, 'because no identity-based policy allows the sts:AssumeRole action'),
    );
  });

  it('applies the caller role\'s permissions boundary: an explicit deny, or nothing that allows', async () => {
    // Prepare
    const boundary = (effect: 'Allow' | 'Deny', action: string) => ({
      Version: '2012-10-17',
      Statement: [{ Effect: effect, Action: action, Resource: '*' }],
    });
    f = startSandbox(
      verificationWorld({
        managedPolicies: {
          'arn:aws:iam::111111111111:policy/deny-assume': boundary('Deny', 'sts:AssumeRole'),
          'arn:aws:iam::111111111111:policy/s3-only': boundary('Allow', 's3:*'),
        },
      }),
    );
    const session = (name: string, boundaryArn: string) => {
      f.sandbox.addRole({ ...dataplaneLike(name), permissionsBoundaryArn: boundaryArn });
      return createAwsClients({ region: REGION, credentials: f.sandbox.addPrincipal(`arn:aws:sts::${VENDOR_ACCOUNT}:assumed-role/${name}/spark-1`) });
    };
    const denying = session('denying-dataplane-role', 'arn:aws:iam::111111111111:policy/deny-assume');
    const narrow = session('narrow-dataplane-role', 'arn:aws:iam::111111111111:policy/s3-only');

    // Act
    const explicit = await rejectionOf(assumeTarget(denying));
    const implicit = await rejectionOf(assumeTarget(narrow));

    // Assess
    expect(explicit.message).toBe(
      denied(`arn:aws:sts::${VENDOR_ACCOUNT}:assumed-role/denying-dataplane-role/spark-1`, TARGET_ROLE_ARN, 'with an explicit deny in a permissions boundary'),
    );
    expect(implicit.message).toBe(
      denied(
        `arn:aws:sts::${VENDOR_ACCOUNT}:assumed-role/narrow-dataplane-role/spark-1`,
        TARGET_ROLE_ARN,
        'because no permissions boundary allows the sts:AssumeRole action',
      ),
    );
  });

  it('answers RegionDisabledException (403) with the SDK\'s class when the role\'s account has STS off in the region', async () => {
    // Prepare
    f = startSandbox(verificationWorld({ customers: [{ accountId: CUSTOMER_ACCOUNT, roles: [targetRole()], stsDisabledRegions: [REGION] }] }));
    const dataplane = await dataplaneSession();

    // Act
    const error = await rejectionOf(assumeTarget(dataplane));

    // Assess
    expect(error).toBeInstanceOf(RegionDisabledException);
    expect(error.message).toBe(
      'STS is not activated in this region for account:222222222222. Your account administrator can activate STS in this region using the IAM Console.',
    );
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it('requires the trust policy to allow sts:TagSession for session tags and sts:SetSourceIdentity for a source identity', async () => {
    // Prepare
    f = startSandbox(verificationWorld());
    const dataplane = await dataplaneSession();

    // Act
    const tagged = await rejectionOf(assumeTarget(dataplane, { Tags: [{ Key: 'tenant', Value: 'acme' }] }));
    const sourced = await rejectionOf(assumeTarget(dataplane, { SourceIdentity: 'support-alice' }));

    // Assess
    expect(tagged.message).toBe(`User: ${DATAPLANE_SESSION_ARN} is not authorized to perform: sts:TagSession on resource: ${TARGET_ROLE_ARN}`);
    expect(sourced.message).toBe(`User: ${DATAPLANE_SESSION_ARN} is not authorized to perform: sts:SetSourceIdentity on resource: ${TARGET_ROLE_ARN}`);
  });
});

describe('sandbox session policies', () => {
  beforeEach(() => {
    f = startSandbox(verificationWorld());
  });

  it('makes every later call of a deny-all session AccessDenied with an explicit deny in a session policy, except GetCallerIdentity', async () => {
    // Prepare
    const dataplane = await dataplaneSession();
    const target = clientsAs((await assumeTarget(dataplane, { Policy: DENY_ALL })).Credentials);
    const sessionArn = `arn:aws:sts::${CUSTOMER_ACCOUNT}:assumed-role/qualytics-s3-read/verify-acme-c1-1-x`;

    // Act
    const identity = await target.sts.send(new GetCallerIdentityCommand({}));
    const iam = await rejectionOf(target.iam.send(new GetRoleCommand({ RoleName: 'qualytics-s3-read' })));
    const eks = await rejectionOf(target.eks.send(new DescribeClusterCommand({ name: 'acme-prod' })));
    const sts = await rejectionOf(target.sts.send(new AssumeRoleCommand({ RoleArn: TARGET_ROLE_ARN, RoleSessionName: 'again' })));

    // Assess
    expect(identity.Arn).toBe(sessionArn);
    expect(iam).toBeInstanceOf(IAMServiceException);
    expect(iam.name).toBe('AccessDenied');
    expect(iam.message).toBe(
      `User: ${sessionArn} is not authorized to perform: iam:GetRole on resource: arn:aws:iam::${CUSTOMER_ACCOUNT}:role/qualytics-s3-read with an explicit deny in a session policy`,
    );
    expect(eks).toBeInstanceOf(EksAccessDeniedException);
    expect(eks.message).toContain('eks:DescribeCluster');
    expect(sts.message).toBe(denied(sessionArn, TARGET_ROLE_ARN, 'with an explicit deny in a session policy'));
  });

  it('refuses what a session policy does not allow: the verifier\'s dataplane session can only assume roles', async () => {
    // Prepare
    const dataplane = await dataplaneSession(ASSUME_ROLE_ONLY);

    // Act
    const error = await rejectionOf(dataplane.iam.send(new GetRoleCommand({ RoleName: 'acme-dataplane-role' })));

    // Assess
    expect(error.message).toBe(
      `User: ${DATAPLANE_SESSION_ARN} is not authorized to perform: iam:GetRole on resource: ${DATAPLANE_ROLE_ARN} because no session policy allows the iam:GetRole action`,
    );
  });
});

function dataplaneLike(name: string) {
  return {
    name,
    trustPolicy: customerTrust(EXECUTION_ROLE_ARN, null),
    inlinePolicies: {
      assume: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/*' }] },
    },
  };
}
