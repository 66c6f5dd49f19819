// @ts-nocheck
import {
  AssumeRoleCommand,
  ExpiredTokenException,
  MalformedPolicyDocumentException,
  PackedPolicyTooLargeException,
  RegionDisabledException,
  STSClient,
  STSServiceException,
} from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { StsRoleAssumer, redactExternalId, stsClientFactory } from '../../../lib/adapters/sts-role-assumer';
import { TransientAwsError } from '../../../lib/errors';
import type { AssumeRoleInput, SessionCredentials } from '../../../lib/ports';
import { awsError } from './sdk-errors';

const stsMock = mockClient(STSClient);

const REGION = 'eu-west-1';
const DATAPLANE_ROLE_ARN = 'arn:aws:iam::111111111111:role/acme-dataplane-role';
const TARGET_ROLE_ARN = 'arn:aws:iam::222222222222:role/qualytics-s3-read';
const EXTERNAL_ID = 'acme-external-id-7f3c9a';
const DENY_ALL = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] });
const EXPIRATION = new Date('2024-05-14T10:15:00Z');

/** The dataplane role's session, from the first hop of the chain. */
const DATAPLANE_SESSION: SessionCredentials = {
  accessKeyId: 'ASIADATAPLANEEXAMPLE',
  secretAccessKey: 'dataplane-secret',
  sessionToken: 'dataplane-session-token',
  expiration: EXPIRATION,
};

function targetInput(overrides: Partial<AssumeRoleInput> = {}): AssumeRoleInput {
  return {
    roleArn: TARGET_ROLE_ARN,
    sessionName: 'verify-acme-c1-1',
    externalId: EXTERNAL_ID,
    durationSeconds: 900,
    sessionPolicy: DENY_ALL,
    ...overrides,
  };
}

/** An STS error the SDK has no class for, as it deserializes one: the base exception named by the code. */
function stsError(name: string, message: string, httpStatusCode: number): STSServiceException {
  return new STSServiceException({
    name,
    $fault: 'client',
    message,
    $metadata: { httpStatusCode, requestId: 'c0ffee00-1111-4222-8333-444455556666' },
  });
}

const DENIED_MESSAGE =
  'User: arn:aws:sts::111111111111:assumed-role/acme-dataplane-role/verify-acme-c1-1 is not authorized to perform: ' +
  'sts:AssumeRole on resource: arn:aws:iam::222222222222:role/qualytics-s3-read';

function assumer(): StsRoleAssumer {
  return new StsRoleAssumer(REGION, () => new STSClient({ region: REGION }));
}

describe('StsRoleAssumer', () => {
  beforeEach(() => {
    stsMock.reset();
  });

  describe('the AssumeRole request', () => {
    it('sends the role, session name, External ID, 900 seconds and the session policy, and nothing else', async () => {
      // Prepare
      stsMock.on(AssumeRoleCommand).resolves({
        Credentials: {
          AccessKeyId: 'ASIATARGETEXAMPLE',
          SecretAccessKey: 'target-secret',
          SessionToken: 'target-session-token',
          Expiration: EXPIRATION,
        },
        AssumedRoleUser: {
          AssumedRoleId: 'AROATARGETEXAMPLE:verify-acme-c1-1',
          Arn: 'arn:aws:sts::222222222222:assumed-role/qualytics-s3-read/verify-acme-c1-1',
        },
      });

      // Act
      await assumer().assumeRole(targetInput(), DATAPLANE_SESSION);

      // Assess
      expect(stsMock).toHaveReceivedCommandWith(AssumeRoleCommand, {
        RoleArn: TARGET_ROLE_ARN,
        RoleSessionName: 'verify-acme-c1-1',
        ExternalId: EXTERNAL_ID,
        DurationSeconds: 900,
        Policy: DENY_ALL,
      });
      // Session tags or a source identity would need sts:TagSession / sts:SetSourceIdentity in the
      // customer's trust policy, so the keys must be absent, not merely empty.
      const sent = stsMock.commandCalls(AssumeRoleCommand)[0]?.args[0].input;
      expect(sent).toEqual({
        RoleArn: TARGET_ROLE_ARN,
        RoleSessionName: 'verify-acme-c1-1',
        ExternalId: EXTERNAL_ID,
        DurationSeconds: 900,
        Policy: DENY_ALL,
      });
      expect(sent).not.toHaveProperty('Tags');
      expect(sent).not.toHaveProperty('TransitiveTagKeys');
      expect(sent).not.toHaveProperty('SourceIdentity');
    });

    it('omits ExternalId and Policy when none are given, as the confused-deputy check needs', async () => {
      // Prepare
      stsMock.on(AssumeRoleCommand).rejects(stsError('AccessDenied', DENIED_MESSAGE, 403));

      // Act
      await assumer().assumeRole(targetInput({ externalId: undefined, sessionPolicy: undefined }), DATAPLANE_SESSION);

      // Assess
      const sent = stsMock.commandCalls(AssumeRoleCommand)[0]?.args[0].input;
      expect(sent).toEqual({ RoleArn: TARGET_ROLE_ARN, RoleSessionName: 'verify-acme-c1-1', DurationSeconds: 900 });
      expect(sent).not.toHaveProperty('ExternalId');
      expect(sent).not.toHaveProperty('Policy');
    });
  });

  describe('whose identity it calls with', () => {
    it('asks the client factory for a client with the session credentials it acts as', async () => {
      // Prepare
      stsMock.on(AssumeRoleCommand).rejects(stsError('AccessDenied', DENIED_MESSAGE, 403));
      const clientsFor = jest.fn((_credentials?: SessionCredentials) => new STSClient({ region: REGION }));
      const roles = new StsRoleAssumer(REGION, clientsFor);

      // Act
      await roles.assumeRole(targetInput(), DATAPLANE_SESSION);

      // Assess
      expect(clientsFor).toHaveBeenCalledTimes(1);
      expect(clientsFor).toHaveBeenCalledWith(DATAPLANE_SESSION);
    });

    it("asks for the function's own client when it acts as no one else", async () => {
      // Prepare
      stsMock.on(AssumeRoleCommand).rejects(stsError('AccessDenied', DENIED_MESSAGE, 403));
      const clientsFor = jest.fn((_credentials?: SessionCredentials) => new STSClient({ region: REGION }));
      const roles = new StsRoleAssumer(REGION, clientsFor);

      // Act
      await roles.assumeRole(targetInput({ roleArn: DATAPLANE_ROLE_ARN, externalId: undefined }));

      // Assess
      expect(clientsFor).toHaveBeenCalledWith(undefined);
    });

    it('builds a client that signs with the session credentials through the client factory', async () => {
      // Prepare
      const clientsFor = stsClientFactory(REGION);

      // Act
      const client = clientsFor(DATAPLANE_SESSION);
      const identity = await client.config.credentials();

      // Assess
      expect(await client.config.region()).toBe(REGION);
      expect(identity).toMatchObject({
        accessKeyId: 'ASIADATAPLANEEXAMPLE',
        secretAccessKey: 'dataplane-secret',
        sessionToken: 'dataplane-session-token',
      });
      // The session is handed on to later steps, so the SDK's bookkeeping must not end up in it.
      expect(Object.keys(DATAPLANE_SESSION)).toEqual(['accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration']);
    });

    it("uses the caller's own client for the function's identity, and a new one for a session", () => {
      // Prepare
      const own = new STSClient({ region: REGION });
      const clientsFor = stsClientFactory(REGION, own);

      // Act
      const forFunction = clientsFor();
      const forSession = clientsFor(DATAPLANE_SESSION);

      // Assess
      expect(forFunction).toBe(own);
      expect(forSession).not.toBe(own);
      expect(forSession).toBeInstanceOf(STSClient);
    });
  });

  describe('a successful assumption', () => {
    it('returns the session credentials and the assumed-role ARN', async () => {
      // Prepare
      stsMock.on(AssumeRoleCommand).resolves({
        Credentials: {
          AccessKeyId: 'ASIADATAPLANEEXAMPLE',
          SecretAccessKey: 'dataplane-secret',
          SessionToken: 'dataplane-session-token',
          Expiration: EXPIRATION,
        },
        AssumedRoleUser: {
          AssumedRoleId: 'AROADATAPLANEEXAMPLE:verify-acme-c1-1',
          Arn: 'arn:aws:sts::111111111111:assumed-role/acme-dataplane-role/verify-acme-c1-1',
        },
        PackedPolicySize: 6,
      });

      // Act
      const outcome = await assumer().assumeRole(targetInput({ roleArn: DATAPLANE_ROLE_ARN, externalId: undefined }));

      // Assess
      expect(outcome).toEqual({
        ok: true,
        credentials: DATAPLANE_SESSION,
        assumedRoleArn: 'arn:aws:sts::111111111111:assumed-role/acme-dataplane-role/verify-acme-c1-1',
      });
    });

    it('throws when STS answers without credentials, since nothing can be verified with that', async () => {
      // Prepare
      stsMock.on(AssumeRoleCommand).resolves({});

      // Act
      const assuming = assumer().assumeRole(targetInput(), DATAPLANE_SESSION);

      // Assess
      await expect(assuming).rejects.toThrow('returned no credentials');
    });
  });

  describe('STS errors, returned as findings', () => {
    it.each([
      ['AccessDenied', () => stsError('AccessDenied', DENIED_MESSAGE, 403), DENIED_MESSAGE, 403],
      [
        'an explicit deny in a service control policy',
        () =>
          stsError(
            'AccessDenied',
            'User: arn:aws:sts::111111111111:assumed-role/acme-dataplane-role/verify-acme-c1-1 is not authorized to ' +
              'perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/qualytics-s3-read with an explicit ' +
              'deny in a service control policy',
            403,
          ),
        'with an explicit deny in a service control policy',
        403,
      ],
      [
        'ValidationError',
        () =>
          stsError(
            'ValidationError',
            '1 validation error detected: Value \'3601\' at \'durationSeconds\' failed to satisfy constraint: ' +
              'Member must have value less than or equal to 3600',
            400,
          ),
        "Value '3601' at 'durationSeconds'",
        400,
      ],
      [
        'RegionDisabledException',
        () =>
          new RegionDisabledException({
            message:
              'STS is not activated in this region for account:222222222222. Your account administrator can activate ' +
              'STS in this region using the IAM Console.',
            $metadata: { httpStatusCode: 403, requestId: 'c0ffee00-1111-4222-8333-444455556666' },
          }),
        'STS is not activated in this region',
        403,
      ],
      [
        'ExpiredTokenException',
        () =>
          new ExpiredTokenException({
            message: 'The security token included in the request is expired',
            $metadata: { httpStatusCode: 400, requestId: 'c0ffee00-1111-4222-8333-444455556666' },
          }),
        'The security token included in the request is expired',
        400,
      ],
      ['Throttling', () => stsError('Throttling', 'Rate exceeded', 400), 'Rate exceeded', 400],
      [
        'PackedPolicyTooLarge',
        () =>
          new PackedPolicyTooLargeException({
            message: 'Packed policy consumes 112% of allotted space, please use smaller policy for AssumeRole.',
            $metadata: { httpStatusCode: 400, requestId: 'c0ffee00-1111-4222-8333-444455556666' },
          }),
        'Packed policy consumes 112% of allotted space',
        400,
      ],
      [
        'MalformedPolicyDocument',
        () =>
          new MalformedPolicyDocumentException({
            message: 'The policy document is malformed.',
            $metadata: { httpStatusCode: 400, requestId: 'c0ffee00-1111-4222-8333-444455556666' },
          }),
        'The policy document is malformed.',
        400,
      ],
    ])('returns %s with its name, message, status and request id', async (_kind, error, message, status) => {
      // Prepare
      const thrown = error();
      stsMock.on(AssumeRoleCommand).rejects(thrown);

      // Act
      const outcome = await assumer().assumeRole(targetInput(), DATAPLANE_SESSION);

      // Assess
      expect(outcome).toEqual({
        ok: false,
        error: {
          name: thrown.name,
          message: expect.stringContaining(message),
          httpStatusCode: status,
          requestId: 'c0ffee00-1111-4222-8333-444455556666',
        },
      });
    });

    it('names the modeled exceptions as the SDK does', async () => {
      // Prepare
      stsMock.on(AssumeRoleCommand).rejects(
        new RegionDisabledException({ message: 'STS is not activated in this region', $metadata: { httpStatusCode: 403 } }),
      );

      // Act
      const outcome = await assumer().assumeRole(targetInput(), DATAPLANE_SESSION);

      // Assess
      expect(outcome).toMatchObject({ ok: false, error: { name: 'RegionDisabledException', httpStatusCode: 403 } });
    });

    it('also takes an STS answer that is not one of the SDK classes, as long as STS sent it', async () => {
      // Prepare
      stsMock.on(AssumeRoleCommand).rejects(awsError('AccessDenied', DENIED_MESSAGE, { httpStatusCode: 403 }));

      // Act
      const outcome = await assumer().assumeRole(targetInput(), DATAPLANE_SESSION);

      // Assess
      expect(outcome).toEqual({
        ok: false,
        error: { name: 'AccessDenied', message: DENIED_MESSAGE, httpStatusCode: 403, requestId: 'req-1234' },
      });
    });

    it('keeps the External ID out of a ValidationError that echoes it', async () => {
      // Prepare
      const pasted = `${EXTERNAL_ID} `;
      stsMock.on(AssumeRoleCommand).rejects(
        stsError(
          'ValidationError',
          `1 validation error detected: Value '${pasted}' at 'externalId' failed to satisfy constraint: ` +
            'Member must satisfy regular expression pattern: [\\w+=,.@:/-]*',
          400,
        ),
      );

      // Act
      const outcome = await assumer().assumeRole(targetInput({ externalId: pasted }), DATAPLANE_SESSION);

      // Assess
      expect(outcome.ok).toBe(false);
      const message = outcome.ok ? '' : outcome.error.message;
      expect(message).not.toContain(EXTERNAL_ID);
      expect(message).toContain("Value '[redacted]' at 'externalId' failed to satisfy constraint");
    });
  });

  describe('failures that never reached STS', () => {
    it('throws TransientAwsError for a timeout', async () => {
      // Prepare
      stsMock.on(AssumeRoleCommand).rejects(
        Object.assign(new Error('Connection timed out after 5000 ms'), {
          name: 'TimeoutError',
          $metadata: { attempts: 3, totalRetryDelay: 412 },
        }),
      );

      // Act
      const assuming = assumer().assumeRole(targetInput(), DATAPLANE_SESSION);

      // Assess
      await expect(assuming).rejects.toThrow(TransientAwsError);
      await expect(assuming).rejects.toThrow(`STS AssumeRole ${TARGET_ROLE_ARN} lost its connection or timed out`);
      await expect(assuming).rejects.not.toThrow(EXTERNAL_ID);
    });

    it('throws TransientAwsError for a reset connection', async () => {
      // Prepare
      stsMock.on(AssumeRoleCommand).rejects(
        Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', $metadata: { attempts: 1, totalRetryDelay: 0 } }),
      );

      // Act
      const assuming = assumer().assumeRole(targetInput(), DATAPLANE_SESSION);

      // Assess
      await expect(assuming).rejects.toThrow(TransientAwsError);
    });

    it('throws anything else unchanged, so it surfaces under its own name', async () => {
      // Prepare
      stsMock
        .on(AssumeRoleCommand)
        .rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));

      // Act
      const assuming = assumer().assumeRole(targetInput());

      // Assess
      await expect(assuming).rejects.toMatchObject({ name: 'CredentialsProviderError' });
    });
  });
});

describe('redactExternalId', () => {
  it('replaces every literal occurrence', () => {
    // Act
    const redacted = redactExternalId(`bad ${EXTERNAL_ID} and ${EXTERNAL_ID}`, EXTERNAL_ID);

    // Assess
    expect(redacted).toBe('bad [redacted] and [redacted]');
  });

  it('leaves a message without it alone', () => {
    // Assess
    expect(redactExternalId(DENIED_MESSAGE, EXTERNAL_ID)).toBe(DENIED_MESSAGE);
    expect(redactExternalId(DENIED_MESSAGE, undefined)).toBe(DENIED_MESSAGE);
  });
});
