// @ts-nocheck
import {
  CloudTrailClient,
  InvalidLookupAttributesException,
  LookupEventsCommand,
  ThrottlingException,
  type Event,
  type LookupEventsCommandInput,
} from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { CloudTrailAssumeRoleEvents } from '../../../lib/adapters/cloudtrail-assume-role-events';
import { TransientAwsError } from '../../../lib/errors';

const cloudTrailMock = mockClient(CloudTrailClient);

const OUR_ACCOUNT = '111111111111';
const CUSTOMER_ACCOUNT = '222222222222';
const DATAPLANE_ROLE_ARN = `arn:aws:iam::${OUR_ACCOUNT}:role/acme-dataplane-role`;
const TARGET_ROLE_ARN = `arn:aws:iam::${CUSTOMER_ACCOUNT}:role/qualytics-s3-read`;
const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789';
const WINDOW = { start: new Date('2024-05-14T09:00:00Z'), end: new Date('2024-05-14T10:30:00Z') };

/** A clock that only moves when the adapter sleeps, so pacing is measured, not waited for. */
function fakeClock(startAt = Date.parse('2024-05-14T10:30:00Z')) {
  let now = startAt;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}

function eventId(n: number): string {
  return `7c1d2e3f-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** Our verifier's denied AssumeRole of the customer's role, as CloudTrail records it in our account. */
function deniedAssumeRole(n: number, eventTime: string): Record<string, unknown> {
  const session = `verify-acme-c1-${n}`;
  return {
    eventVersion: '1.08',
    userIdentity: {
      type: 'AssumedRole',
      principalId: `AROAQDATAPLANEEXAMPLE:${session}`,
      arn: `arn:aws:sts::${OUR_ACCOUNT}:assumed-role/acme-dataplane-role/${session}`,
      accountId: OUR_ACCOUNT,
      accessKeyId: 'ASIAQDATAPLANEEXAMPLE',
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: 'AROAQDATAPLANEEXAMPLE',
          arn: DATAPLANE_ROLE_ARN,
          accountId: OUR_ACCOUNT,
          userName: 'acme-dataplane-role',
        },
        webIdFederationData: {},
        attributes: { creationDate: '2024-05-14T09:59:58Z', mfaAuthenticated: 'false' },
      },
    },
    eventTime,
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRole',
    awsRegion: 'eu-west-1',
    sourceIPAddress: '203.0.113.10',
    userAgent: 'aws-sdk-js/3.600.0 ua/2.1 os/linux lang/js md/nodejs#20.12.2 api/sts#3.600.0',
    errorCode: 'AccessDenied',
    errorMessage:
      `User: arn:aws:sts::${OUR_ACCOUNT}:assumed-role/acme-dataplane-role/${session} is not authorized to perform: ` +
      `sts:AssumeRole on resource: ${TARGET_ROLE_ARN}`,
    requestParameters: {
      roleArn: TARGET_ROLE_ARN,
      roleSessionName: session,
      externalId: 'acme-external-id-7f3c9a',
      durationSeconds: 900,
    },
    responseElements: null,
    requestID: `b1c2d3e4-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    eventID: eventId(n),
    readOnly: true,
    resources: [{ accountId: CUSTOMER_ACCOUNT, type: 'AWS::IAM::Role', ARN: TARGET_ROLE_ARN }],
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: OUR_ACCOUNT,
    eventCategory: 'Management',
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: 'sts.eu-west-1.amazonaws.com',
    },
  };
}

/** The Spark ServiceAccount assuming the dataplane role through IRSA. */
function sparkWebIdentity(n: number, eventTime: string, roleArn = DATAPLANE_ROLE_ARN): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    userIdentity: {
      type: 'WebIdentityUser',
      principalId: `${ISSUER}:sts.amazonaws.com:system:serviceaccount:qualytics:qualytics-spark`,
      userName: 'system:serviceaccount:qualytics:qualytics-spark',
      identityProvider: ISSUER,
    },
    eventTime,
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRoleWithWebIdentity',
    awsRegion: 'eu-west-1',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-sdk-java/2.25.0',
    requestParameters: { roleArn, roleSessionName: 'spark-driver-1715680000', durationSeconds: 3600 },
    responseElements: {
      assumedRoleUser: { arn: `arn:aws:sts::${OUR_ACCOUNT}:assumed-role/acme-dataplane-role/spark-driver-1715680000` },
      audience: 'sts.amazonaws.com',
    },
    requestID: `c1d2e3f4-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    eventID: eventId(n),
    readOnly: true,
    resources: [{ accountId: OUR_ACCOUNT, type: 'AWS::IAM::Role', ARN: roleArn }],
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: OUR_ACCOUNT,
    eventCategory: 'Management',
  };
}

/** An IAM write on the dataplane role: found by the same resource-name lookup, but not an assumption. */
function updateTrustPolicy(n: number, eventTime: string): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAQONBOARDINGEXAMPLE:ensure-dataplane-role',
      arn: `arn:aws:sts::${OUR_ACCOUNT}:assumed-role/onboarding-functions/ensure-dataplane-role`,
      accountId: OUR_ACCOUNT,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: 'AROAQONBOARDINGEXAMPLE',
          arn: `arn:aws:iam::${OUR_ACCOUNT}:role/onboarding-functions`,
          accountId: OUR_ACCOUNT,
          userName: 'onboarding-functions',
        },
      },
    },
    eventTime,
    eventSource: 'iam.amazonaws.com',
    eventName: 'UpdateAssumeRolePolicy',
    awsRegion: 'us-east-1',
    requestParameters: { roleName: 'acme-dataplane-role', policyDocument: '{}' },
    responseElements: null,
    eventID: eventId(n),
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: OUR_ACCOUNT,
    eventCategory: 'Management',
  };
}

/** The summary LookupEvents returns around each record. */
function lookupEvent(record: Record<string, unknown>, resourceArn = TARGET_ROLE_ARN): Event {
  return {
    EventId: record.eventID as string,
    EventName: record.eventName as string,
    ReadOnly: String(record.readOnly),
    AccessKeyId: 'ASIAQDATAPLANEEXAMPLE',
    EventTime: new Date(record.eventTime as string),
    EventSource: record.eventSource as string,
    Username: 'verify-acme-c1-1',
    Resources: [{ ResourceType: 'AWS::IAM::Role', ResourceName: resourceArn }],
    CloudTrailEvent: JSON.stringify(record),
  };
}

/** `count` denied AssumeRole events, newest first, numbered from `first`. */
function deniedEvents(first: number, count: number): Event[] {
  const newest = Date.parse('2024-05-14T10:20:00Z');
  return Array.from({ length: count }, (_, i) => {
    const n = first + i;
    return lookupEvent(deniedAssumeRole(n, new Date(newest - n * 1000).toISOString().replace('.000Z', 'Z')));
  });
}

function throttled(): ThrottlingException {
  return new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429, requestId: 'req-1' } });
}

describe('CloudTrailAssumeRoleEvents', () => {
  beforeEach(() => {
    cloudTrailMock.reset();
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  describe('the LookupEvents requests', () => {
    it('follows NextToken across three pages, 50 a page, by the role ARN as the one lookup attribute', async () => {
      // Prepare
      cloudTrailMock
        .on(LookupEventsCommand)
        .callsFake((input: LookupEventsCommandInput) => {
          if (input.NextToken === undefined) return { Events: deniedEvents(1, 50), NextToken: 'page-2' };
          if (input.NextToken === 'page-2') return { Events: deniedEvents(51, 50), NextToken: 'page-3' };
          return { Events: deniedEvents(101, 7) };
        });
      const clock = fakeClock();
      const events = new CloudTrailAssumeRoleEvents(new CloudTrailClient({}), clock);

      // Act
      const records = await events.lookup(TARGET_ROLE_ARN, WINDOW);

      // Assess
      expect(records).toHaveLength(107);
      expect(cloudTrailMock).toHaveReceivedCommandTimes(LookupEventsCommand, 3);
      const expected = {
        LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: TARGET_ROLE_ARN }],
        StartTime: WINDOW.start,
        EndTime: WINDOW.end,
        MaxResults: 50,
      };
      expect(cloudTrailMock).toHaveReceivedNthCommandWith(1, LookupEventsCommand, expected);
      expect(cloudTrailMock).toHaveReceivedNthCommandWith(2, LookupEventsCommand, { ...expected, NextToken: 'page-2' });
      expect(cloudTrailMock).toHaveReceivedNthCommandWith(3, LookupEventsCommand, { ...expected, NextToken: 'page-3' });
      for (const call of cloudTrailMock.commandCalls(LookupEventsCommand)) {
        expect(call.args[0].input.LookupAttributes).toHaveLength(1);
        expect(call.args[0].input).not.toHaveProperty('EventCategory');
      }
      expect(cloudTrailMock.commandCalls(LookupEventsCommand)[0]?.args[0].input).not.toHaveProperty('NextToken');
    });

    it('starts requests at least 500 ms apart, so the third starts a second or more after the first', async () => {
      // Prepare
      const clock = fakeClock();
      const starts: number[] = [];
      cloudTrailMock.on(LookupEventsCommand).callsFake((input: LookupEventsCommandInput) => {
        starts.push(clock.now());
        if (input.NextToken === undefined) return { Events: deniedEvents(1, 50), NextToken: 'page-2' };
        if (input.NextToken === 'page-2') return { Events: deniedEvents(51, 50), NextToken: 'page-3' };
        return { Events: deniedEvents(101, 10) };
      });
      const events = new CloudTrailAssumeRoleEvents(new CloudTrailClient({}), clock);

      // Act
      await events.lookup(TARGET_ROLE_ARN, WINDOW);

      // Assess
      expect(starts).toHaveLength(3);
      const [first = 0, second = 0, third = 0] = starts;
      expect(second - first).toBeGreaterThanOrEqual(500);
      expect(third - second).toBeGreaterThanOrEqual(500);
      expect(third - first).toBeGreaterThanOrEqual(1000);
    });

    it('paces across lookups on the same instance, because the quota is per account, not per lookup', async () => {
      // Prepare
      const clock = fakeClock();
      const starts: number[] = [];
      cloudTrailMock.on(LookupEventsCommand).callsFake(() => {
        starts.push(clock.now());
        return { Events: deniedEvents(1, 1) };
      });
      const events = new CloudTrailAssumeRoleEvents(new CloudTrailClient({}), clock);

      // Act
      await events.lookup(TARGET_ROLE_ARN, WINDOW);
      await events.lookup(DATAPLANE_ROLE_ARN, WINDOW);

      // Assess
      expect((starts[1] ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(500);
    });

    it('honours a lower request rate', async () => {
      // Prepare
      const clock = fakeClock();
      const starts: number[] = [];
      cloudTrailMock.on(LookupEventsCommand).callsFake((input: LookupEventsCommandInput) => {
        starts.push(clock.now());
        return input.NextToken ? { Events: deniedEvents(51, 1) } : { Events: deniedEvents(1, 50), NextToken: 'page-2' };
      });
      const events = new CloudTrailAssumeRoleEvents(new CloudTrailClient({}), { ...clock, maxRequestsPerSecond: 1 });

      // Act
      await events.lookup(TARGET_ROLE_ARN, WINDOW);

      // Assess
      expect((starts[1] ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(1000);
    });

    it('refuses a request rate that would never let a request start', () => {
      // Assess
      expect(() => new CloudTrailAssumeRoleEvents(new CloudTrailClient({}), { maxRequestsPerSecond: 0 })).toThrow(
        RangeError,
      );
    });
  });

  describe('throttling', () => {
    it('retries ThrottlingException with growing, jittered waits, then returns the page', async () => {
      // Prepare
      cloudTrailMock
        .on(LookupEventsCommand)
        .rejectsOnce(throttled())
        .rejectsOnce(throttled())
        .resolves({ Events: deniedEvents(1, 3) });
      const clock = fakeClock();
      jest.spyOn(Math, 'random').mockReturnValue(0.5);
      const events = new CloudTrailAssumeRoleEvents(new CloudTrailClient({}), clock);

      // Act
      const records = await events.lookup(TARGET_ROLE_ARN, WINDOW);

      // Assess
      expect(records).toHaveLength(3);
      expect(cloudTrailMock).toHaveReceivedCommandTimes(LookupEventsCommand, 3);
      // Half of each ceiling is fixed and half is jitter: ceilings of 1 s then 2 s, here at the middle.
      expect(clock.sleeps).toEqual([750, 1500]);
    });

    it('keeps the jitter within the half of each ceiling above its floor', async () => {
      // Prepare
      cloudTrailMock
        .on(LookupEventsCommand)
        .rejectsOnce(throttled())
        .rejectsOnce(throttled())
        .rejectsOnce(throttled())
        .resolves({ Events: [] });
      const clock = fakeClock();
      jest.spyOn(Math, 'random').mockReturnValueOnce(0).mockReturnValueOnce(0.999).mockReturnValueOnce(0);
      const events = new CloudTrailAssumeRoleEvents(new CloudTrailClient({}), clock);

      // Act
      await events.lookup(TARGET_ROLE_ARN, WINDOW);

      // Assess
      expect(clock.sleeps).toEqual([500, 1999, 2000]);
    });

    it('throws TransientAwsError once the retries are used up', async () => {
      // Prepare
      cloudTrailMock.on(LookupEventsCommand).rejects(throttled());
      const clock = fakeClock();
      const events = new CloudTrailAssumeRoleEvents(new CloudTrailClient({}), { ...clock, maxThrottleRetries: 2 });

      // Act
      const looking = events.lookup(TARGET_ROLE_ARN, WINDOW);

      // Assess
      await expect(looking).rejects.toThrow(TransientAwsError);
      await expect(looking).rejects.toThrow(`CloudTrail LookupEvents ${TARGET_ROLE_ARN} was throttled: Rate exceeded`);
      expect(cloudTrailMock).toHaveReceivedCommandTimes(LookupEventsCommand, 3);
    });

    it('retries five times by default', async () => {
      // Prepare
      cloudTrailMock.on(LookupEventsCommand).rejects(throttled());
      const events = new CloudTrailAssumeRoleEvents(new CloudTrailClient({}), fakeClock());

      // Act
      const looking = events.lookup(TARGET_ROLE_ARN, WINDOW);

      // Assess
      await expect(looking).rejects.toThrow(TransientAwsError);
      expect(cloudTrailMock).toHaveReceivedCommandTimes(LookupEventsCommand, 6);
    });

    it('does not retry an error that retrying cannot fix', async () => {
      // Prepare
      cloudTrailMock.on(LookupEventsCommand).rejects(
        new InvalidLookupAttributesException({
          message: 'Invalid lookup attributes.',
          $metadata: { httpStatusCode: 400, requestId: 'req-2' },
        }),
      );
      const events = new CloudTrailAssumeRoleEvents(new CloudTrailClient({}), fakeClock());

      // Act
      const looking = events.lookup(TARGET_ROLE_ARN, WINDOW);

      // Assess
      await expect(looking).rejects.toThrow(InvalidLookupAttributesException);
      expect(cloudTrailMock).toHaveReceivedCommandTimes(LookupEventsCommand, 1);
    });
  });

  describe('the records', () => {
    it('maps each AssumeRole event to its id, ISO time, name and parsed record, newest first', async () => {
      // Prepare
      const newer = deniedAssumeRole(2, '2024-05-14T10:05:12Z');
      const older = deniedAssumeRole(1, '2024-05-14T10:00:03Z');
      cloudTrailMock.on(LookupEventsCommand).resolves({ Events: [lookupEvent(newer), lookupEvent(older)] });
      const events = new CloudTrailAssumeRoleEvents(new CloudTrailClient({}), fakeClock());

      // Act
      const records = await events.lookup(TARGET_ROLE_ARN, WINDOW);

      // Assess
      expect(records).toEqual([
        { eventId: eventId(2), eventTime: '2024-05-14T10:05:12.000Z', eventName: 'AssumeRole', record: newer },
        { eventId: eventId(1), eventTime: '2024-05-14T10:00:03.000Z', eventName: 'AssumeRole', record: older },
      ]);
      expect(records[0]?.record).toMatchObject({
        errorCode: 'AccessDenied',
        requestParameters: { roleArn: TARGET_ROLE_ARN, roleSessionName: 'verify-acme-c1-2' },
        userIdentity: { sessionContext: { sessionIssuer: { arn: DATAPLANE_ROLE_ARN } } },
      });
    });

    it('skips and counts a record whose CloudTrailEvent is not JSON, keeping the rest', async () => {
      // Prepare
      const good = deniedAssumeRole(1, '2024-05-14T10:00:03Z');
      const truncated = { ...lookupEvent(deniedAssumeRole(2, '2024-05-14T10:05:12Z')) };
      truncated.CloudTrailEvent = truncated.CloudTrailEvent?.slice(0, 200);
      const notAnObject = { ...lookupEvent(deniedAssumeRole(3, '2024-05-14T10:06:00Z')), CloudTrailEvent: '"AssumeRole"' };
      cloudTrailMock.on(LookupEventsCommand).resolves({ Events: [truncated, notAnObject, lookupEvent(good)] });
      const events = new CloudTrailAssumeRoleEvents(new CloudTrailClient({}), fakeClock());

      // Act
      const records = await events.lookup(TARGET_ROLE_ARN, WINDOW);

      // Assess
      expect(records.map((r) => r.eventId)).toEqual([eventId(1)]);
      expect(events.unparsableEvents).toBe(2);
    });

    it('keeps AssumeRole and web-identity assumptions of the role, and drops everything else', async () => {
      // Prepare
      const spark = sparkWebIdentity(1, '2024-05-14T10:10:00Z');
      const otherRolesSpark = sparkWebIdentity(2, '2024-05-14T10:09:00Z', `arn:aws:iam::${OUR_ACCOUNT}:role/globex-dataplane-role`);
      const trustChange = updateTrustPolicy(3, '2024-05-14T10:08:00Z');
      const verifier = deniedAssumeRole(4, '2024-05-14T10:07:00Z');
      cloudTrailMock.on(LookupEventsCommand).resolves({
        Events: [
          lookupEvent(spark, DATAPLANE_ROLE_ARN),
          lookupEvent(otherRolesSpark, DATAPLANE_ROLE_ARN),
          lookupEvent(trustChange, DATAPLANE_ROLE_ARN),
          lookupEvent(verifier, DATAPLANE_ROLE_ARN),
        ],
      });
      const events = new CloudTrailAssumeRoleEvents(new CloudTrailClient({}), fakeClock());

      // Act
      const records = await events.lookup(DATAPLANE_ROLE_ARN, WINDOW);

      // Assess
      expect(records.map((r) => [r.eventId, r.eventName])).toEqual([
        [eventId(1), 'AssumeRoleWithWebIdentity'],
        [eventId(4), 'AssumeRole'],
      ]);
      expect(events.unparsableEvents).toBe(0);
    });

    it('stops at maxEvents without asking for more pages', async () => {
      // Prepare
      cloudTrailMock.on(LookupEventsCommand).callsFake((input: LookupEventsCommandInput) => {
        if (input.NextToken === undefined) return { Events: deniedEvents(1, 50), NextToken: 'page-2' };
        if (input.NextToken === 'page-2') return { Events: deniedEvents(51, 50), NextToken: 'page-3' };
        return { Events: deniedEvents(101, 50) };
      });
      const events = new CloudTrailAssumeRoleEvents(new CloudTrailClient({}), fakeClock());

      // Act
      const records = await events.lookup(TARGET_ROLE_ARN, { ...WINDOW, maxEvents: 60 });

      // Assess
      expect(records).toHaveLength(60);
      expect(records[59]?.eventId).toBe(eventId(60));
      expect(cloudTrailMock).toHaveReceivedCommandTimes(LookupEventsCommand, 2);
    });

    it('returns at most 200 events by default', async () => {
      // Prepare
      let page = 0;
      cloudTrailMock.on(LookupEventsCommand).callsFake(() => {
        page += 1;
        return { Events: deniedEvents(page * 50 - 49, 50), NextToken: `page-${page + 1}` };
      });
      const events = new CloudTrailAssumeRoleEvents(new CloudTrailClient({}), fakeClock());

      // Act
      const records = await events.lookup(TARGET_ROLE_ARN, WINDOW);

      // Assess
      expect(records).toHaveLength(200);
      expect(cloudTrailMock).toHaveReceivedCommandTimes(LookupEventsCommand, 4);
    });

    it('counts only kept records toward maxEvents, so filtered events do not crowd out denials', async () => {
      // Prepare
      cloudTrailMock.on(LookupEventsCommand).callsFake((input: LookupEventsCommandInput) =>
        input.NextToken === undefined
          ? {
              Events: [lookupEvent(updateTrustPolicy(90, '2024-05-14T10:19:00Z')), ...deniedEvents(1, 1)],
              NextToken: 'page-2',
            }
          : { Events: deniedEvents(2, 5) },
      );
      const events = new CloudTrailAssumeRoleEvents(new CloudTrailClient({}), fakeClock());

      // Act
      const records = await events.lookup(TARGET_ROLE_ARN, { ...WINDOW, maxEvents: 2 });

      // Assess
      expect(records.map((r) => r.eventId)).toEqual([eventId(1), eventId(2)]);
    });
  });
});
