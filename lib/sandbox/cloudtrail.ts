// Simulated CloudTrail: the management events the sandbox's STS writes, kept per account and region,
// and LookupEvents over them with CloudTrail's limits (one lookup attribute, 50 a page, 2 requests per
// second per account and region, 90 days, events visible only some minutes after the call).
import { createHash } from 'node:crypto';
import { uuid } from './ids';
import { awsError } from './service-errors';
import type { CallContext, Operation, Principal, ServiceSimulator } from './simulation';
import { replaceContents } from './state-codec';

export interface CloudTrailResource {
  accountId: string;
  type: string;
  ARN: string;
}

export interface LookupResource {
  ResourceType: string;
  ResourceName: string;
}

/** What the STS simulator knows of a call when it records it. */
export interface NewStsEvent {
  /** The account whose trail gets the record. */
  recipientAccountId: string;
  region: string;
  eventName: string;
  eventTime: number;
  userIdentity: Record<string, unknown>;
  /** The caller's access key, as LookupEvents reports it. */
  accessKeyId?: string;
  /** What LookupEvents reports as Username. */
  username?: string;
  requestParameters: Record<string, unknown> | null;
  responseElements: Record<string, unknown> | null;
  error?: { code: string; message: string };
  resources: CloudTrailResource[];
  /** Resources as LookupEvents lists (and finds) them. */
  lookupResources: LookupResource[];
  requestId: string;
  eventId: string;
  /** Set when the same call is recorded in two accounts. */
  sharedEventId?: string;
  sourceIpAddress: string;
  userAgent: string;
}

interface StoredEvent {
  seq: number;
  accountId: string;
  region: string;
  eventTime: number;
  visibleAt: number;
  record: Record<string, unknown>;
  eventId: string;
  eventName: string;
  readOnly: boolean;
  eventSource: string;
  accessKeyId?: string;
  username?: string;
  resources: LookupResource[];
}

const RETENTION_MS = 90 * 24 * 3600 * 1000;
const MAX_PAGE = 50;
const REQUESTS_PER_SECOND = 2;
const LOOKUP_KEYS = ['EventId', 'EventName', 'ReadOnly', 'Username', 'ResourceType', 'ResourceName', 'EventSource', 'AccessKeyId'];

export class CloudTrailSimulator implements ServiceSimulator {
  private readonly events: StoredEvent[] = [];
  private readonly lookups = new Map<string, number[]>();
  private seq = 0;
  private issuedIds = 0;

  exportState(): unknown {
    return { events: this.events, lookups: this.lookups, seq: this.seq, issuedIds: this.issuedIds };
  }

  importState(state: { events: StoredEvent[]; lookups: Map<string, number[]>; seq: number; issuedIds: number }): void {
    replaceContents(this.events, state.events);
    replaceContents(this.lookups, state.lookups);
    this.seq = state.seq;
    this.issuedIds = state.issuedIds;
  }
  readonly operations: Record<string, Operation> = {
    LookupEvents: (input, ctx) => this.lookupEvents(input, ctx),
  };

  /** `delayMs()`: how long after a call its record shows in LookupEvents. */
  constructor(private readonly delayMs: () => number) {}

  record(event: NewStsEvent): void {
    this.seq += 1;
    const record: Record<string, unknown> = {
      eventVersion: '1.08',
      userIdentity: event.userIdentity,
      eventTime: cloudTrailTime(event.eventTime),
      eventSource: 'sts.amazonaws.com',
      eventName: event.eventName,
      awsRegion: event.region,
      sourceIPAddress: event.sourceIpAddress,
      userAgent: event.userAgent,
      ...(event.error ? { errorCode: event.error.code, errorMessage: event.error.message } : {}),
      requestParameters: event.requestParameters,
      responseElements: event.responseElements,
      requestID: event.requestId,
      eventID: event.eventId,
      readOnly: true,
      ...(event.resources.length > 0 ? { resources: event.resources } : {}),
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: event.recipientAccountId,
      ...(event.sharedEventId ? { sharedEventID: event.sharedEventId } : {}),
      eventCategory: 'Management',
      tlsDetails: {
        tlsVersion: 'TLSv1.3',
        cipherSuite: 'TLS_AES_128_GCM_SHA256',
        clientProvidedHostHeader: `sts.${event.region}.amazonaws.com`,
      },
    };
    this.events.push({
      seq: this.seq,
      accountId: event.recipientAccountId,
      region: event.region,
      eventTime: event.eventTime,
      visibleAt: event.eventTime + this.delayMs(),
      record,
      eventId: event.eventId,
      eventName: event.eventName,
      readOnly: true,
      eventSource: 'sts.amazonaws.com',
      ...(event.accessKeyId ? { accessKeyId: event.accessKeyId } : {}),
      ...(event.username ? { username: event.username } : {}),
      resources: event.lookupResources,
    });
  }

  /** Every record of an account (in one region, or all), oldest first, visible yet or not. */
  records(accountId: string, region?: string): Record<string, unknown>[] {
    return this.events
      .filter((e) => e.accountId === accountId && (region === undefined || e.region === region))
      .map((e) => structuredClone(e.record));
  }

  /** A fresh event id: a UUID, as CloudTrail's are, derived from a counter so that runs compare. */
  nextEventId(): string {
    this.issuedIds += 1;
    return uuid(`cloudtrail-event/${this.issuedIds}`);
  }

  private throttle(ctx: CallContext): void {
    const key = `${ctx.accountId}/${ctx.region}`;
    const recent = (this.lookups.get(key) ?? []).filter((t) => t > ctx.now - 1000);
    if (recent.length >= REQUESTS_PER_SECOND) {
      this.lookups.set(key, recent);
      // LookupEvents answers its rate limit with HTTP 400, not the 429 the model gives other operations.
      const error = awsError('cloudtrail', 'ThrottlingException', 'Rate exceeded') as Error & { $metadata: { httpStatusCode: number } };
      error.$metadata.httpStatusCode = 400;
      throw error;
    }
    recent.push(ctx.now);
    this.lookups.set(key, recent);
  }

  private lookupEvents(input: any, ctx: CallContext) {
    this.throttle(ctx);
    const attributes: { AttributeKey?: string; AttributeValue?: string }[] = input.LookupAttributes ?? [];
    if (!Array.isArray(attributes) || attributes.length > 1) {
      throw awsError('cloudtrail', 'InvalidLookupAttributesException', 'You cannot specify more than one lookup attribute per request.');
    }
    const attribute = attributes[0];
    if (attribute) {
      if (!attribute.AttributeKey || !LOOKUP_KEYS.includes(attribute.AttributeKey)) {
        throw awsError(
          'cloudtrail',
          'InvalidLookupAttributesException',
          `${String(attribute.AttributeKey)} is not a valid lookup attribute key. Valid keys: ${LOOKUP_KEYS.join(', ')}`,
        );
      }
      if (typeof attribute.AttributeValue !== 'string' || attribute.AttributeValue.length < 1 || attribute.AttributeValue.length > 2000) {
        throw awsError('cloudtrail', 'InvalidLookupAttributesException', 'The lookup attribute value must be 1 to 2000 characters long.');
      }
    }
    const max: number = input.MaxResults ?? MAX_PAGE;
    if (!Number.isInteger(max) || max < 1 || max > MAX_PAGE) {
      throw awsError('cloudtrail', 'InvalidMaxResultsException', `MaxResults must be between 1 and ${MAX_PAGE}.`);
    }
    const start = input.StartTime !== undefined ? new Date(input.StartTime).getTime() : undefined;
    const end = input.EndTime !== undefined ? new Date(input.EndTime).getTime() : undefined;
    if ((start !== undefined && Number.isNaN(start)) || (end !== undefined && Number.isNaN(end)) || (start !== undefined && end !== undefined && start > end)) {
      throw awsError('cloudtrail', 'InvalidTimeRangeException', 'Start time must be before end time.');
    }
    if (input.EventCategory !== undefined && input.EventCategory !== 'insight') {
      throw awsError('cloudtrail', 'InvalidEventCategoryException', `${String(input.EventCategory)} is not a valid event category.`);
    }
    const query = queryFingerprint({ attribute, start, end, category: input.EventCategory });
    const after = input.NextToken !== undefined ? readToken(input.NextToken, query) : undefined;

    // No CloudTrail Insights events are simulated: asking for them finds none.
    const matching =
      input.EventCategory === 'insight'
        ? []
        : this.events
            .filter(
              (e) =>
                e.accountId === ctx.accountId &&
                e.region === ctx.region &&
                e.visibleAt <= ctx.now &&
                e.eventTime >= ctx.now - RETENTION_MS &&
                (start === undefined || e.eventTime >= start) &&
                (end === undefined || e.eventTime <= end) &&
                (!attribute || matches(e, attribute.AttributeKey!, attribute.AttributeValue!)),
            )
            .sort((a, b) => b.eventTime - a.eventTime || b.seq - a.seq);
    const remaining = after ? matching.filter((e) => e.eventTime < after.t || (e.eventTime === after.t && e.seq < after.s)) : matching;
    const page = remaining.slice(0, max);
    const last = page[page.length - 1];
    return {
      Events: page.map((e) => ({
        EventId: e.eventId,
        EventName: e.eventName,
        ReadOnly: String(e.readOnly),
        ...(e.accessKeyId ? { AccessKeyId: e.accessKeyId } : {}),
        EventTime: new Date(e.eventTime),
        EventSource: e.eventSource,
        ...(e.username ? { Username: e.username } : {}),
        Resources: e.resources.map((r) => ({ ...r })),
        CloudTrailEvent: JSON.stringify(e.record),
      })),
      ...(remaining.length > page.length && last ? { NextToken: writeToken({ q: query, t: last.eventTime, s: last.seq }) } : {}),
    };
  }
}

function matches(event: StoredEvent, key: string, value: string): boolean {
  switch (key) {
    case 'EventId':
      return event.eventId === value;
    case 'EventName':
      return event.eventName === value;
    case 'ReadOnly':
      return String(event.readOnly) === value;
    case 'Username':
      return event.username === value;
    case 'ResourceType':
      return event.resources.some((r) => r.ResourceType === value);
    case 'ResourceName':
      return event.resources.some((r) => r.ResourceName === value);
    case 'EventSource':
      return event.eventSource === value;
    case 'AccessKeyId':
      return event.accessKeyId === value;
    default:
      return false;
  }
}

interface PageToken {
  /** The query the token belongs to: a token is only good for the request that produced it. */
  q: string;
  /** Event time and sequence of the last event handed out. */
  t: number;
  s: number;
}

function queryFingerprint(query: unknown): string {
  return createHash('sha256').update(JSON.stringify(query)).digest('hex').slice(0, 16);
}

function writeToken(token: PageToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function readToken(text: unknown, query: string): PageToken {
  const invalid = () => awsError('cloudtrail', 'InvalidNextTokenException', 'Invalid NextToken.');
  if (typeof text !== 'string') throw invalid();
  let token: Partial<PageToken>;
  try {
    token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<PageToken>;
  } catch {
    throw invalid();
  }
  if (token?.q !== query || typeof token.t !== 'number' || typeof token.s !== 'number') throw invalid();
  return token as PageToken;
}

/** CloudTrail writes times to the second, in UTC. */
export function cloudTrailTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** How CloudTrail writes a credential's expiration in responseElements, e.g. "Mar 1, 2026, 9:15:00 AM". */
export function cloudTrailExpiration(ms: number): string {
  return new Intl.DateTimeFormat('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
    hour12: true,
    timeZone: 'UTC',
  })
    .format(new Date(ms))
    .replace(/\u202f/g, ' ');
}

/** The userIdentity block of a record in the caller's own trail. */
export function userIdentityOf(caller: Principal, accessKeyId: string | undefined): Record<string, unknown> {
  const key = accessKeyId ? { accessKeyId } : {};
  if (caller.session) {
    const s = caller.session;
    return {
      type: 'AssumedRole',
      principalId: caller.userId,
      arn: caller.arn,
      accountId: caller.accountId,
      ...key,
      sessionContext: {
        sessionIssuer: { type: 'Role', principalId: s.roleId, arn: s.roleArn, accountId: caller.accountId, userName: s.roleName },
        webIdFederationData: {},
        attributes: { creationDate: cloudTrailTime(s.issuedAt), mfaAuthenticated: 'false' },
        ...(s.sourceIdentity !== undefined ? { sourceIdentity: s.sourceIdentity } : {}),
      },
    };
  }
  if (/:root$/.test(caller.arn)) return { type: 'Root', principalId: caller.accountId, arn: caller.arn, accountId: caller.accountId, ...key };
  return {
    type: 'IAMUser',
    principalId: caller.userId,
    arn: caller.arn,
    accountId: caller.accountId,
    ...key,
    userName: caller.arn.slice(caller.arn.lastIndexOf('/') + 1),
  };
}

/** The userIdentity block of the same call in the other account's trail: the caller's account, no more. */
export function crossAccountIdentityOf(caller: Principal): Record<string, unknown> {
  return { type: 'AWSAccount', principalId: caller.userId, accountId: caller.accountId };
}

/** What LookupEvents reports as the Username of an event by this caller. */
export function lookupUsername(caller: Principal): string {
  if (caller.session) return caller.session.sessionName;
  if (/:root$/.test(caller.arn)) return 'root';
  return caller.arn.slice(caller.arn.lastIndexOf('/') + 1);
}
