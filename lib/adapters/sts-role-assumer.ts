// sts:AssumeRole for verification. A denial is the finding verification diagnoses, not a failure of
// the step, so every error STS answers with comes back as data; only failures that never reached STS
// (a dropped connection, a timeout) are thrown, as TransientAwsError, for the state machine to retry.
import { AssumeRoleCommand, STSClient, STSServiceException, type AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import type { AssumeRoleInput, AssumeRoleOutcome, RoleAssumer, SessionCredentials, StsErrorInfo } from '../ports';
import { newClient, sharedClient } from './aws-client-factory';
import { awsErrorName, mapAwsError } from './aws-errors';
import type { AdapterFactory } from './adapter-factory';

/** Gives the STS client to call with: the function's own identity, or a session's credentials. */
export type StsClientFactory = (credentials?: SessionCredentials) => STSClient;

/**
 * STS clients through the one client factory, so the embedded sandbox sees the chained session's
 * credentials exactly as AWS would. A session's client is created per call because its credentials
 * live only for the session. The SDK marks the credentials object it is given, so it gets a copy and
 * the caller's session stays as it was. `own` is the client for the function's own identity, when the
 * caller already has one; otherwise the shared one for the region.
 */
export function stsClientFactory(region: string, own?: STSClient): StsClientFactory {
  return (credentials) =>
    credentials
      ? newClient('sts', STSClient, { region, credentials: { ...credentials } })
      : (own ?? sharedClient('sts', STSClient, region));
}

// Failures on the way to STS. The SDK attaches $metadata to these too (attempt counts), but without an
// HTTP status, because no response came back.
const NOT_FROM_STS = new Set([
  'TimeoutError',
  'AbortError',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

const REDACTED = '[redacted]';

export class StsRoleAssumer implements RoleAssumer {
  constructor(
    private readonly region: string,
    private readonly clientsFor: StsClientFactory = stsClientFactory(region),
  ) {}

  async assumeRole(input: AssumeRoleInput, as?: SessionCredentials): Promise<AssumeRoleOutcome> {
    // No Tags, TransitiveTagKeys or SourceIdentity: the customer's trust policy would have to allow
    // sts:TagSession or sts:SetSourceIdentity, and a correct trust policy would then be denied.
    const command: AssumeRoleCommandInput = {
      RoleArn: input.roleArn,
      RoleSessionName: input.sessionName,
      DurationSeconds: input.durationSeconds,
      ...(input.externalId !== undefined ? { ExternalId: input.externalId } : {}),
      ...(input.sessionPolicy !== undefined ? { Policy: input.sessionPolicy } : {}),
    };

    let output;
    try {
      output = await this.clientsFor(as).send(new AssumeRoleCommand(command));
    } catch (error) {
      const finding = stsErrorInfo(error, input.externalId);
      if (finding) return { ok: false, error: finding };
      throw mapAwsError(error, { service: 'STS', operation: 'AssumeRole', resource: input.roleArn });
    }

    const credentials = output.Credentials;
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) {
      throw new Error(`STS AssumeRole ${input.roleArn} in ${this.region} succeeded but returned no credentials`);
    }
    return {
      ok: true,
      credentials: {
        accessKeyId: credentials.AccessKeyId,
        secretAccessKey: credentials.SecretAccessKey,
        ...(credentials.SessionToken ? { sessionToken: credentials.SessionToken } : {}),
        ...(credentials.Expiration ? { expiration: credentials.Expiration } : {}),
      },
      // STS always names the session it created; the input ARN is only a fallback for odd responses.
      assumedRoleArn: output.AssumedRoleUser?.Arn ?? input.roleArn,
    };
  }
}

interface ErrorShape {
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown };
}

/** The STS error as data, or undefined when the error did not come back from STS. */
function stsErrorInfo(error: unknown, externalId: string | undefined): StsErrorInfo | undefined {
  const name = awsErrorName(error);
  if (name === undefined || NOT_FROM_STS.has(name)) return undefined;
  const e = error as ErrorShape;
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  // An HTTP status means STS answered; the SDK's own exception classes are STS answers by construction.
  if (status === undefined && !(error instanceof STSServiceException)) return undefined;
  const message = typeof e.message === 'string' ? e.message : '';
  const requestId = typeof e.$metadata?.requestId === 'string' ? e.$metadata.requestId : undefined;
  return {
    name,
    message: redactExternalId(message, externalId),
    ...(status !== undefined ? { httpStatusCode: status } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
  };
}

/**
 * STS echoes a rejected External ID in ValidationError messages ("Value 'x ' at 'externalId' failed to
 * satisfy constraint"). The External ID is the customer's secret against the confused deputy, so it
 * must not travel on into status records and logs.
 */
export function redactExternalId(message: string, externalId: string | undefined): string {
  // The literal pass first, so it cannot match inside the marker the pattern pass writes.
  const literal = externalId ? message.split(externalId).join(REDACTED) : message;
  return literal.replace(/Value '[^']*' at 'externalId'/g, `Value '${REDACTED}' at 'externalId'`);
}

export const roleAssumerAdapter: AdapterFactory<RoleAssumer> = (config) => new StsRoleAssumer(config.region);
