// Simulated STS: who the caller is, and role assumption as AWS answers it — validation with AWS's
// messages, regions where STS is off, SCPs, RCPs, the caller's own policies, trust policies (after IAM
// propagation), role chaining's one-hour cap, session policies — with every attempt written to
// CloudTrail in the caller's account (and, when it succeeded across accounts, in the role's too).
import { checkPolicyDocument, policySize } from './policy-documents';
import { decideAssumeRole, decideAssumeRoleWithWebIdentity, type AuthorizationWorld } from './authorization';
import {
  cloudTrailExpiration,
  crossAccountIdentityOf,
  lookupUsername,
  userIdentityOf,
  type CloudTrailSimulator,
  type LookupResource,
} from './cloudtrail';
import { type IamSimulator } from './iam';
import { type StoredRole } from './iam-types';
import type { Identities } from './identities';
import { awsError } from './service-errors';
import { Constraints, type CallContext, type Operation, type Principal, type ServiceSimulator } from './simulation';
import { readWebIdentityToken } from './web-identity-tokens';

export interface StsWorld {
  iam: IamSimulator;
  identities: Identities;
  cloudTrail: CloudTrailSimulator;
  authorization(): AuthorizationWorld;
  /** True when the account has STS switched off in the region. */
  stsDisabled(accountId: string, region: string): boolean;
  /** Called after every AssumeRole call against a role in the account, whatever its outcome. */
  attempted(accountId: string): void;
}

export interface ParsedRoleArn {
  partition: string;
  accountId: string;
  path: string;
  name: string;
}

const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role(\/(?:[\u0021-\u007E]*\/)?)([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]*$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]*$/;
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const CHAINED_MAX_SECONDS = 3600;
/** STS packs session policies and tags into a token field of fixed size; PackedPolicySize is the share used. */
const PACKED_POLICY_BUDGET = 2048;
const DEFAULT_SOURCE_IP = '198.51.100.10';
const DEFAULT_USER_AGENT = 'aws-sdk-js/3 ua/2.1 os/linux lang/js md/nodejs';

export function parseRoleArn(arn: unknown): ParsedRoleArn | undefined {
  if (typeof arn !== 'string') return undefined;
  const match = ROLE_ARN.exec(arn);
  if (!match) return undefined;
  const [, partition, accountId, path, name] = match as unknown as [string, string, string, string, string];
  return { partition, accountId, path, name };
}

function validation(message: string): Error {
  return awsError('sts', 'ValidationError', message);
}

/** The code CloudTrail records for an error: the wire code, as AWS sent it. */
function wireCode(error: Error): string {
  return (error as { Code?: string }).Code ?? error.name;
}

function requestIdOf(error: Error, fallback: string): string {
  return (error as { $metadata?: { requestId?: string } }).$metadata?.requestId ?? fallback;
}

function isAwsError(error: unknown): error is Error {
  return error instanceof Error && '$metadata' in error;
}

export class StsSimulator implements ServiceSimulator {
  readonly operations: Record<string, Operation> = {
    GetCallerIdentity: (_input, ctx) => ({
      UserId: ctx.principal.userId,
      Account: ctx.principal.accountId,
      Arn: ctx.principal.arn,
    }),
    AssumeRole: (input, ctx) => this.assumeRole(input, ctx),
    AssumeRoleWithWebIdentity: (input, ctx) => this.assumeRoleWithWebIdentity(input, ctx),
  };

  constructor(private readonly world: StsWorld) {}

  // ---- AssumeRole ----

  private assumeRole(input: any, ctx: CallContext): Record<string, unknown> {
    const caller = ctx.principal;
    const target = parseRoleArn(input.RoleArn);
    const requestId = ctx.requestId ?? 'unknown';
    const common = {
      region: ctx.region,
      eventName: 'AssumeRole',
      eventTime: ctx.now,
      requestParameters: assumeRoleParameters(input),
      resources: target ? [{ accountId: target.accountId, type: 'AWS::IAM::Role', ARN: input.RoleArn as string }] : [],
      sourceIpAddress: ctx.sourceIpAddress ?? DEFAULT_SOURCE_IP,
      userAgent: ctx.userAgent ?? DEFAULT_USER_AGENT,
    };
    const inCallerTrail = {
      recipientAccountId: caller.accountId,
      userIdentity: userIdentityOf(caller, ctx.accessKeyId),
      ...(ctx.accessKeyId ? { accessKeyId: ctx.accessKeyId } : {}),
      username: lookupUsername(caller),
    };
    try {
      const issued = this.issueAssumedRole(input, ctx, target);
      const lookupResources: LookupResource[] = [
        { ResourceType: 'AWS::IAM::AccessKey', ResourceName: issued.accessKeyId },
        { ResourceType: 'AWS::STS::AssumedRole', ResourceName: issued.sessionName },
        { ResourceType: 'AWS::STS::AssumedRole', ResourceName: issued.assumedRoleId },
        { ResourceType: 'AWS::IAM::Role', ResourceName: input.RoleArn },
      ];
      const crossAccount = target!.accountId !== caller.accountId;
      const sharedEventId = crossAccount ? this.world.cloudTrail.nextEventId() : undefined;
      const success = { ...common, responseElements: issued.responseElements, lookupResources, requestId };
      this.world.cloudTrail.record({
        ...success,
        ...inCallerTrail,
        eventId: this.world.cloudTrail.nextEventId(),
        ...(sharedEventId ? { sharedEventId } : {}),
      });
      if (crossAccount) {
        this.world.cloudTrail.record({
          ...success,
          recipientAccountId: target!.accountId,
          userIdentity: crossAccountIdentityOf(caller),
          eventId: this.world.cloudTrail.nextEventId(),
          sharedEventId,
        });
      }
      return issued.output;
    } catch (error) {
      // A denied call is written only where the caller can see it: the role's account learns nothing.
      if (isAwsError(error)) {
        this.world.cloudTrail.record({
          ...common,
          ...inCallerTrail,
          responseElements: null,
          error: { code: wireCode(error), message: error.message },
          lookupResources: target ? [{ ResourceType: 'AWS::IAM::Role', ResourceName: input.RoleArn }] : [],
          requestId: requestIdOf(error, requestId),
          eventId: this.world.cloudTrail.nextEventId(),
        });
      }
      throw error;
    } finally {
      if (target) this.world.attempted(target.accountId);
    }
  }

  private issueAssumedRole(input: any, ctx: CallContext, target: ParsedRoleArn | undefined) {
    const caller = ctx.principal;
    const chained = caller.session !== undefined;
    const tags = validateAssumeRole(input);
    if (!target) throw validation('Request ARN is invalid');
    if (chained && input.DurationSeconds !== undefined && input.DurationSeconds > CHAINED_MAX_SECONDS) {
      throw validation('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
    }
    if (input.PolicyArns !== undefined && input.PolicyArns.length > 0) {
      throw new Error('The AWS sandbox does not simulate managed session policies (PolicyArns) in STS AssumeRole; pass an inline Policy.');
    }
    const packedPolicySize = packedSize(input.Policy, tags);
    if (this.world.stsDisabled(target.accountId, ctx.region)) {
      throw awsError(
        'sts',
        'RegionDisabledException',
        `STS is not activated in this region for account:${target.accountId}. Your account administrator can activate STS in this region using the IAM Console.`,
      );
    }

    const decision = decideAssumeRole(
      {
        caller,
        roleArn: input.RoleArn,
        roleAccountId: target.accountId,
        roleName: target.name,
        sessionName: input.RoleSessionName,
        ...(input.ExternalId !== undefined ? { externalId: input.ExternalId } : {}),
        ...(input.SourceIdentity !== undefined ? { sourceIdentity: input.SourceIdentity } : {}),
        tags,
        region: ctx.region,
        now: ctx.now,
      },
      this.world.authorization(),
    );
    if (!decision.allowed) {
      const reason = decision.reason ? ` ${decision.reason}` : '';
      throw awsError(
        'sts',
        'AccessDenied',
        `User: ${caller.arn} is not authorized to perform: ${decision.action} on resource: ${input.RoleArn}${reason}`,
      );
    }
    const durationSeconds: number = input.DurationSeconds ?? 3600;
    // Only a caller allowed to assume the role learns its maximum session duration.
    if (!chained && durationSeconds > decision.role.maxSessionDuration) {
      throw validation('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    }
    return this.issueSession(decision.role, target, {
      sessionName: input.RoleSessionName,
      durationSeconds,
      now: ctx.now,
      chained,
      tags,
      ...(input.Policy !== undefined ? { policy: input.Policy } : {}),
      ...((input.SourceIdentity ?? caller.session?.sourceIdentity) !== undefined
        ? { sourceIdentity: input.SourceIdentity ?? caller.session?.sourceIdentity }
        : {}),
      ...(packedPolicySize !== undefined ? { packedPolicySize } : {}),
    });
  }

  private issueSession(
    role: StoredRole,
    target: ParsedRoleArn,
    session: {
      sessionName: string;
      durationSeconds: number;
      now: number;
      chained: boolean;
      tags: Record<string, string>;
      policy?: string;
      sourceIdentity?: string;
      packedPolicySize?: number;
    },
  ) {
    const arn = `arn:${target.partition}:sts::${target.accountId}:assumed-role/${role.name}/${session.sessionName}`;
    const assumedRoleId = `${role.roleId}:${session.sessionName}`;
    const expiresAt = session.now + session.durationSeconds * 1000;
    const principal: Principal = {
      accountId: target.accountId,
      arn,
      userId: assumedRoleId,
      session: {
        roleArn: role.arn,
        roleName: role.name,
        roleId: role.roleId,
        sessionName: session.sessionName,
        chained: session.chained,
        issuedAt: session.now,
        expiresAt,
        tags: session.tags,
        ...(session.policy !== undefined ? { policy: session.policy } : {}),
        ...(session.sourceIdentity !== undefined ? { sourceIdentity: session.sourceIdentity } : {}),
      },
    };
    const credentials = this.world.identities.issue(principal);
    const output = {
      Credentials: {
        AccessKeyId: credentials.accessKeyId,
        SecretAccessKey: credentials.secretAccessKey,
        SessionToken: credentials.sessionToken,
        Expiration: new Date(expiresAt),
      },
      AssumedRoleUser: { AssumedRoleId: assumedRoleId, Arn: arn },
      ...(session.packedPolicySize !== undefined ? { PackedPolicySize: session.packedPolicySize } : {}),
      ...(session.sourceIdentity !== undefined ? { SourceIdentity: session.sourceIdentity } : {}),
    };
    const responseElements = {
      credentials: {
        accessKeyId: credentials.accessKeyId,
        sessionToken: credentials.sessionToken,
        expiration: cloudTrailExpiration(expiresAt),
      },
      assumedRoleUser: { assumedRoleId: assumedRoleId, arn },
      ...(session.packedPolicySize !== undefined ? { packedPolicySize: session.packedPolicySize } : {}),
      ...(session.sourceIdentity !== undefined ? { sourceIdentity: session.sourceIdentity } : {}),
    };
    return { output, responseElements, accessKeyId: credentials.accessKeyId, assumedRoleId, sessionName: session.sessionName };
  }

  // ---- AssumeRoleWithWebIdentity ----

  private assumeRoleWithWebIdentity(input: any, ctx: CallContext): Record<string, unknown> {
    const target = parseRoleArn(input.RoleArn);
    const claims = typeof input.WebIdentityToken === 'string' ? readWebIdentityToken(input.WebIdentityToken) : undefined;
    const issuerHostPath = claims ? claims.iss.replace(/^https:\/\//, '').replace(/\/+$/, '') : undefined;
    const providerArn = target && issuerHostPath ? `arn:${target.partition}:iam::${target.accountId}:oidc-provider/${issuerHostPath}` : undefined;
    const audiences = claims ? (Array.isArray(claims.aud) ? claims.aud : [claims.aud]) : [];
    const requestId = ctx.requestId ?? 'unknown';
    const record = (outcome: { responseElements: Record<string, unknown> | null; error?: { code: string; message: string }; requestId: string; lookupResources: LookupResource[] }) => {
      if (!target) return;
      this.world.cloudTrail.record({
        recipientAccountId: target.accountId,
        region: ctx.region,
        eventName: 'AssumeRoleWithWebIdentity',
        eventTime: ctx.now,
        userIdentity: {
          type: 'WebIdentityUser',
          ...(claims && providerArn
            ? { principalId: `${providerArn}:${audiences[0] ?? ''}:${claims.sub}`, userName: claims.sub, identityProvider: providerArn }
            : {}),
        },
        ...(claims ? { username: claims.sub } : {}),
        requestParameters: {
          roleArn: input.RoleArn,
          roleSessionName: input.RoleSessionName,
          ...(input.DurationSeconds !== undefined ? { durationSeconds: input.DurationSeconds } : {}),
        },
        resources: [{ accountId: target.accountId, type: 'AWS::IAM::Role', ARN: input.RoleArn }],
        sourceIpAddress: ctx.sourceIpAddress ?? DEFAULT_SOURCE_IP,
        userAgent: ctx.userAgent ?? DEFAULT_USER_AGENT,
        eventId: this.world.cloudTrail.nextEventId(),
        ...outcome,
      });
    };

    try {
      const c = new Constraints('sts');
      if (c.required('roleArn', input.RoleArn)) c.length('roleArn', input.RoleArn, 20, 2048);
      if (c.required('roleSessionName', input.RoleSessionName)) {
        c.length('roleSessionName', input.RoleSessionName, 2, 64);
        c.pattern('roleSessionName', input.RoleSessionName, SESSION_NAME, '[\\w+=,.@-]*');
      }
      if (c.required('webIdentityToken', input.WebIdentityToken)) c.length('webIdentityToken', input.WebIdentityToken, 4, 20000);
      c.range('durationSeconds', input.DurationSeconds, 900, 43200);
      c.throwIfAny();
      if (!target) throw validation('Request ARN is invalid');
      if (!claims || !providerArn || !issuerHostPath) {
        throw awsError('sts', 'InvalidIdentityToken', 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)');
      }
      if (this.world.stsDisabled(target.accountId, ctx.region)) {
        throw awsError(
          'sts',
          'RegionDisabledException',
          `STS is not activated in this region for account:${target.accountId}. Your account administrator can activate STS in this region using the IAM Console.`,
        );
      }
      const provider = this.world.iam.oidcProviders(target.accountId).find((p) => p.url === issuerHostPath);
      if (!provider) throw awsError('sts', 'InvalidIdentityToken', `No OpenIDConnect provider found in your account for ${claims.iss}`);
      const nowSeconds = Math.floor(ctx.now / 1000);
      if (claims.exp <= nowSeconds) {
        throw awsError(
          'sts',
          'ExpiredTokenException',
          `Token expired: current date/time ${nowSeconds} must be before the expiration date/time${claims.exp}`,
        );
      }
      const audience = audiences.find((a) => provider.clientIds.includes(a));
      if (audience === undefined) throw awsError('sts', 'InvalidIdentityToken', 'Incorrect token audience');

      const role = decideAssumeRoleWithWebIdentity(
        {
          providerArn: provider.arn,
          issuerHostPath,
          subject: claims.sub,
          audience,
          roleArn: input.RoleArn,
          roleAccountId: target.accountId,
          roleName: target.name,
          sessionName: input.RoleSessionName,
          region: ctx.region,
          now: ctx.now,
        },
        this.world.authorization(),
      );
      if (!role) throw awsError('sts', 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
      const durationSeconds: number = input.DurationSeconds ?? 3600;
      if (durationSeconds > role.maxSessionDuration) {
        throw validation('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
      }
      const issued = this.issueSession(role, target, {
        sessionName: input.RoleSessionName,
        durationSeconds,
        now: ctx.now,
        chained: false,
        tags: {},
      });
      const extra = { SubjectFromWebIdentityToken: claims.sub, Provider: claims.iss, Audience: audience };
      record({
        responseElements: {
          ...issued.responseElements,
          subjectFromWebIdentityToken: claims.sub,
          provider: provider.arn,
          audience,
        },
        requestId,
        lookupResources: [
          { ResourceType: 'AWS::IAM::AccessKey', ResourceName: issued.accessKeyId },
          { ResourceType: 'AWS::STS::AssumedRole', ResourceName: issued.sessionName },
          { ResourceType: 'AWS::STS::AssumedRole', ResourceName: issued.assumedRoleId },
          { ResourceType: 'AWS::IAM::Role', ResourceName: input.RoleArn },
        ],
      });
      return { ...issued.output, ...extra };
    } catch (error) {
      if (isAwsError(error)) {
        record({
          responseElements: null,
          error: { code: wireCode(error), message: error.message },
          requestId: requestIdOf(error, requestId),
          lookupResources: [{ ResourceType: 'AWS::IAM::Role', ResourceName: input.RoleArn }],
        });
      }
      throw error;
    }
  }
}

/** AWS's request validation of AssumeRole; returns the session tags as a record. */
function validateAssumeRole(input: any): Record<string, string> {
  const c = new Constraints('sts');
  if (c.required('roleArn', input.RoleArn)) c.length('roleArn', input.RoleArn, 20, 2048);
  if (c.required('roleSessionName', input.RoleSessionName)) {
    c.length('roleSessionName', input.RoleSessionName, 2, 64);
    c.pattern('roleSessionName', input.RoleSessionName, SESSION_NAME, '[\\w+=,.@-]*');
  }
  if (input.ExternalId !== undefined) {
    c.length('externalId', input.ExternalId, 2, 1224);
    c.pattern('externalId', input.ExternalId, EXTERNAL_ID, '[\\w+=,.@:/-]*');
  }
  c.range('durationSeconds', input.DurationSeconds, 900, 43200);
  if (input.Policy !== undefined) c.length('policy', input.Policy, 1, 100000);
  if (input.SourceIdentity !== undefined) {
    c.length('sourceIdentity', input.SourceIdentity, 2, 64);
    c.pattern('sourceIdentity', input.SourceIdentity, SESSION_NAME, '[\\w+=,.@-]*');
  }
  const tags: { Key?: string; Value?: string }[] = input.Tags ?? [];
  c.length('tags', tags, 0, 50);
  tags.forEach((tag, i) => {
    const at = `tags.${i + 1}.member`;
    if (c.required(`${at}.key`, tag?.Key)) {
      c.length(`${at}.key`, tag.Key, 1, 128);
      c.pattern(`${at}.key`, tag.Key, TAG_TEXT, '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+');
    }
    if (c.required(`${at}.value`, tag?.Value)) {
      c.length(`${at}.value`, tag.Value, 0, 256);
      c.pattern(`${at}.value`, tag.Value, TAG_TEXT, '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*');
    }
  });
  c.throwIfAny();
  if (input.Policy !== undefined) {
    try {
      checkPolicyDocument(input.Policy, 'identity');
    } catch (error) {
      throw awsError('sts', 'MalformedPolicyDocument', (error as Error).message);
    }
  }
  return Object.fromEntries(tags.map((t) => [t.Key!, t.Value!]));
}

/** The share of the packed-policy budget used, in percent; undefined when there is nothing to pack. */
function packedSize(policy: string | undefined, tags: Record<string, string>): number | undefined {
  const tagChars = Object.entries(tags).reduce((n, [k, v]) => n + k.length + v.length, 0);
  if (policy === undefined && tagChars === 0) return undefined;
  const percent = Math.max(1, Math.ceil(((policy !== undefined ? policySize(policy) : 0) + tagChars) * 100 / PACKED_POLICY_BUDGET));
  if (percent > 100) {
    throw awsError('sts', 'PackedPolicyTooLarge', `Packed policy consumes ${percent}% of allotted space, please use smaller policy.`);
  }
  return percent;
}

/** AssumeRole's parameters as CloudTrail writes them (the External ID included, as AWS logs it). */
function assumeRoleParameters(input: any): Record<string, unknown> {
  return {
    roleArn: input.RoleArn,
    roleSessionName: input.RoleSessionName,
    ...(input.ExternalId !== undefined ? { externalId: input.ExternalId } : {}),
    ...(input.DurationSeconds !== undefined ? { durationSeconds: input.DurationSeconds } : {}),
    ...(input.Policy !== undefined ? { policy: input.Policy } : {}),
    ...(input.SourceIdentity !== undefined ? { sourceIdentity: input.SourceIdentity } : {}),
    ...(input.Tags !== undefined ? { tags: (input.Tags as { Key: string; Value: string }[]).map((t) => ({ key: t.Key, value: t.Value })) } : {}),
  };
}
