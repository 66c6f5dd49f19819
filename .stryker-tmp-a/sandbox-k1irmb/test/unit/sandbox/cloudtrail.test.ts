// @ts-nocheck
import {
  CloudTrailServiceException,
  InvalidLookupAttributesException,
  InvalidMaxResultsException,
  InvalidNextTokenException,
  LookupEventsCommand,
  ThrottlingException,
  type LookupEventsCommandInput,
} from '@aws-sdk/client-cloudtrail';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { createAwsClients } from '../../../lib/adapters/aws-clients';
import {
  ASSUME_ROLE_ONLY,
  clientsAs,
  CUSTOMER_ACCOUNT,
  DATAPLANE_ROLE_ARN,
  EXTERNAL_ID,
  Fixture,
  REGION,
  rejectionOf,
  startSandbox,
  stopSandbox,
  TARGET_ROLE_ARN,
  VENDOR_ACCOUNT,
  verificationWorld,
} from './sandbox-fixture';

const DATAPLANE_SESSION_ARN = `arn:aws:sts::${VENDOR_ACCOUNT}:assumed-role/acme-dataplane-role/verify-acme-c1-1-dp`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let f: Fixture;

afterEach(stopSandbox);

async function dataplane() {
  const output = await f.clients.sts.send(
    new AssumeRoleCommand({ RoleArn: DATAPLANE_ROLE_ARN, RoleSessionName: 'verify-acme-c1-1-dp', DurationSeconds: 900, Policy: ASSUME_ROLE_ONLY }),
  );
  const credentials = output.Credentials!;
  return {
    clients: clientsAs(credentials),
    /** The same session's clients in another region. */
    in: (region: string) =>
      createAwsClients({
        region,
        credentials: { accessKeyId: credentials.AccessKeyId!, secretAccessKey: credentials.SecretAccessKey!, sessionToken: credentials.SessionToken },
      }),
    accessKeyId: credentials.AccessKeyId!,
    roleId: output.AssumedRoleUser!.AssumedRoleId!.split(':')[0],
  };
}

function assumeTarget(session: Awaited<ReturnType<typeof dataplane>>, externalId = EXTERNAL_ID) {
  return session.clients.sts.send(
    new AssumeRoleCommand({ RoleArn: TARGET_ROLE_ARN, RoleSessionName: 'verify-acme-c1-1-x', ExternalId: externalId, DurationSeconds: 900 }),
  );
}

function lookup(input: LookupEventsCommandInput = {}) {
  return f.clients.cloudtrail.send(new LookupEventsCommand(input));
}

describe('sandbox CloudTrail records of STS calls', () => {
  it('records a denied cross-account AssumeRole in the caller\'s account only, in CloudTrail\'s shape', async () => {
    // Prepare
    f = startSandbox(verificationWorld());
    const session = await dataplane();

    // Act
    const error = await rejectionOf(assumeTarget(session, 'acme-wrong-id'));

    // Assess
    const records = f.sandbox.cloudTrailRecords(VENDOR_ACCOUNT, REGION);
    expect(records.map((r) => [r.eventName, r.errorCode ?? 'ok'])).toEqual([
      ['AssumeRole', 'ok'],
      ['AssumeRole', 'AccessDenied'],
    ]);
    expect(records[1]).toEqual({
      eventVersion: '1.08',
      userIdentity: {
        type: 'AssumedRole',
        principalId: `${session.roleId}:verify-acme-c1-1-dp`,
        arn: DATAPLANE_SESSION_ARN,
        accountId: VENDOR_ACCOUNT,
        accessKeyId: session.accessKeyId,
        sessionContext: {
          sessionIssuer: { type: 'Role', principalId: session.roleId, arn: DATAPLANE_ROLE_ARN, accountId: VENDOR_ACCOUNT, userName: 'acme-dataplane-role' },
          webIdFederationData: {},
          attributes: { creationDate: '2026-03-01T09:00:00Z', mfaAuthenticated: 'false' },
        },
      },
      eventTime: '2026-03-01T09:00:00Z',
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRole',
      awsRegion: REGION,
      sourceIPAddress: expect.any(String),
      userAgent: expect.stringMatching(/^aws-sdk-js\//),
      errorCode: 'AccessDenied',
      errorMessage: error.message,
      requestParameters: {
        roleArn: TARGET_ROLE_ARN,
        roleSessionName: 'verify-acme-c1-1-x',
        externalId: 'acme-wrong-id',
        durationSeconds: 900,
      },
      responseElements: null,
      requestID: error.$metadata.requestId,
      eventID: expect.stringMatching(UUID),
      readOnly: true,
      resources: [{ accountId: CUSTOMER_ACCOUNT, type: 'AWS::IAM::Role', ARN: TARGET_ROLE_ARN }],
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: VENDOR_ACCOUNT,
      eventCategory: 'Management',
      tlsDetails: expect.objectContaining({ clientProvidedHostHeader: `sts.${REGION}.amazonaws.com` }),
    });
    expect(f.sandbox.cloudTrailRecords(CUSTOMER_ACCOUNT)).toEqual([]);
  });

  it('records a successful cross-account AssumeRole in both accounts, as one shared event', async () => {
    // Prepare
    f = startSandbox(verificationWorld());
    const session = await dataplane();

    // Act
    const output = await assumeTarget(session);

    // Assess
    const ours = f.sandbox.cloudTrailRecords(VENDOR_ACCOUNT).at(-1)!;
    const theirs = f.sandbox.cloudTrailRecords(CUSTOMER_ACCOUNT);
    expect(theirs).toHaveLength(1);
    expect(ours.sharedEventID).toMatch(UUID);
    expect(theirs[0]).toMatchObject({
      recipientAccountId: CUSTOMER_ACCOUNT,
      sharedEventID: ours.sharedEventID,
      userIdentity: { type: 'AWSAccount', principalId: `${session.roleId}:verify-acme-c1-1-dp`, accountId: VENDOR_ACCOUNT },
    });
    expect(ours.responseElements).toEqual({
      credentials: {
        accessKeyId: output.Credentials!.AccessKeyId,
        sessionToken: output.Credentials!.SessionToken,
        expiration: 'Mar 1, 2026, 9:15:00 AM',
      },
      assumedRoleUser: { assumedRoleId: output.AssumedRoleUser!.AssumedRoleId, arn: output.AssumedRoleUser!.Arn },
    });
    expect(ours.eventID).not.toBe(theirs[0]!.eventID);
  });

  it('records validation errors and RegionDisabledException with their codes', async () => {
    // Prepare
    f = startSandbox(verificationWorld({ customers: [{ accountId: CUSTOMER_ACCOUNT, stsDisabledRegions: ['us-east-1'] }] }));
    const session = await dataplane();

    // Act
    await rejectionOf(assumeTarget(session, 'acme-7Hq2vX9pLm '));
    await rejectionOf(
      session.in('us-east-1').sts.send(new AssumeRoleCommand({ RoleArn: TARGET_ROLE_ARN, RoleSessionName: 'verify-x', ExternalId: EXTERNAL_ID })),
    );

    // Assess
    expect(f.sandbox.cloudTrailRecords(VENDOR_ACCOUNT).map((r) => [r.awsRegion, r.errorCode ?? 'ok'])).toEqual([
      [REGION, 'ok'],
      [REGION, 'ValidationError'],
      ['us-east-1', 'RegionDisabledException'],
    ]);
    expect(f.sandbox.cloudTrailRecords(VENDOR_ACCOUNT, 'us-east-1')).toHaveLength(1);
  });
});

describe('sandbox CloudTrail LookupEvents', () => {
  it('returns events as the SDK types them, with the record as CloudTrailEvent', async () => {
    // Prepare
    f = startSandbox(verificationWorld());
    const session = await dataplane();
    await rejectionOf(assumeTarget(session, 'acme-wrong-id'));

    // Act
    const { Events } = await lookup({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: TARGET_ROLE_ARN }] });

    // Assess
    expect(Events).toHaveLength(1);
    expect(Events![0]).toEqual({
      EventId: expect.stringMatching(UUID),
      EventName: 'AssumeRole',
      ReadOnly: 'true',
      AccessKeyId: session.accessKeyId,
      EventTime: new Date(f.clock.now),
      EventSource: 'sts.amazonaws.com',
      Username: 'verify-acme-c1-1-dp',
      Resources: [{ ResourceType: 'AWS::IAM::Role', ResourceName: TARGET_ROLE_ARN }],
      CloudTrailEvent: expect.any(String),
    });
    expect(JSON.parse(Events![0]!.CloudTrailEvent!)).toEqual(f.sandbox.cloudTrailRecords().at(-1));
  });

  it('pages through 120 events newest first, 50 at a time, with opaque NextTokens', async () => {
    // Prepare
    f = startSandbox(verificationWorld());
    for (let i = 0; i < 120; i += 1) {
      f.sandbox.simulateSparkAttempts([
        { action: 'AssumeRole', tenant: 'acme', roleArn: TARGET_ROLE_ARN, externalId: 'acme-wrong-id', sessionName: `spark-${i}` },
      ]);
      f.clock.advance(1_000);
    }
    const byRole = [{ AttributeKey: 'ResourceName' as const, AttributeValue: TARGET_ROLE_ARN }];

    // Act
    const pages = [];
    let token: string | undefined;
    do {
      const page = await lookup({ LookupAttributes: byRole, ...(token ? { NextToken: token } : {}) });
      pages.push(page);
      token = page.NextToken;
      f.clock.advance(500);
    } while (token);

    // Assess
    expect(pages.map((p) => p.Events!.length)).toEqual([50, 50, 20]);
    const sessions = pages.flatMap((p) => p.Events!.map((e) => e.Username));
    expect(sessions[0]).toBe('spark-119');
    expect(sessions.at(-1)).toBe('spark-0');
    expect(new Set(pages.flatMap((p) => p.Events!.map((e) => e.EventId))).size).toBe(120);
    expect(pages[0]!.NextToken).not.toContain('50');
  });

  it('takes exactly one lookup attribute', async () => {
    // Prepare
    f = startSandbox();

    // Act
    const error = await rejectionOf(
      lookup({
        LookupAttributes: [
          { AttributeKey: 'EventName', AttributeValue: 'AssumeRole' },
          { AttributeKey: 'ResourceName', AttributeValue: TARGET_ROLE_ARN },
        ],
      }),
    );

    // Assess
    expect(error).toBeInstanceOf(InvalidLookupAttributesException);
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('throttles the third request within a second per account and region, then answers once the clock moves', async () => {
    // Prepare
    f = startSandbox();
    await lookup();
    await lookup();

    // Act
    const throttled = await rejectionOf(lookup());
    f.clock.advance(1_000);
    const later = await lookup();

    // Assess
    expect(throttled).toBeInstanceOf(CloudTrailServiceException);
    expect(throttled).toBeInstanceOf(ThrottlingException);
    expect(throttled.name).toBe('ThrottlingException');
    expect(throttled.message).toBe('Rate exceeded');
    expect(throttled.$metadata.httpStatusCode).toBe(400);
    expect(later.Events).toEqual([]);
  });

  it('shows a record only cloudTrailDelaySeconds after the call, and none older than 90 days', async () => {
    // Prepare
    f = startSandbox(verificationWorld({ cloudTrailDelaySeconds: 300 }));
    await dataplane();

    // Act
    const early = await lookup({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'AssumeRole' }] });
    f.clock.advance(300_000);
    const delivered = await lookup({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'AssumeRole' }] });
    f.clock.advance(90 * 24 * 3600 * 1000);
    const expired = await lookup();

    // Assess
    expect(early.Events).toEqual([]);
    expect(f.sandbox.cloudTrailRecords()).toHaveLength(1);
    expect(delivered.Events).toHaveLength(1);
    expect(expired.Events).toEqual([]);
  });

  it('refuses a NextToken it did not issue for this query, and more than 50 results a page', async () => {
    // Prepare
    f = startSandbox(verificationWorld());
    for (let i = 0; i < 3; i += 1) await dataplane();
    const first = await lookup({ MaxResults: 1, LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'AssumeRole' }] });
    f.clock.advance(1_000);

    // Act
    const forged = await rejectionOf(lookup({ NextToken: 'bm90LWEtdG9rZW4' }));
    const otherQuery = await rejectionOf(
      lookup({ NextToken: first.NextToken, LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'AssumeRoleWithWebIdentity' }] }),
    );
    f.clock.advance(1_000);
    const tooMany = await rejectionOf(lookup({ MaxResults: 51 }));

    // Assess
    expect(first.Events).toHaveLength(1);
    expect(forged).toBeInstanceOf(InvalidNextTokenException);
    expect(otherQuery).toBeInstanceOf(InvalidNextTokenException);
    expect(tooMany).toBeInstanceOf(InvalidMaxResultsException);
  });
});
