// A denied cross-account AssumeRole is logged only in the caller's account, so our own CloudTrail is
// where a denial's details are found, for our verifier and for the tenants' real Spark dataplanes.
// LookupEvents allows 2 requests per second per account and region and one lookup attribute per call,
// so this adapter paces its own calls and retries throttling rather than failing a diagnosis on it; the
// client it is given makes one attempt per request (aws-clients.ts), so every retry waits its turn here.
import {
  CloudTrailClient,
  LookupEventsCommand,
  type Event,
  type LookupEventsCommandInput,
  type LookupEventsCommandOutput,
} from '@aws-sdk/client-cloudtrail';
import type { AssumeRoleEvents, CloudTrailRecord } from '../ports';
import { isAwsError, mapAwsError } from './aws-errors';
import type { AdapterFactory } from './adapter-factory';
import { sharedClient } from './aws-client-factory';
import { now } from '../clock';

export interface CloudTrailAssumeRoleEventsOptions {
  /** Waits between requests and before retries; injectable so tests run on a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch. */
  now?: () => number;
  /** LookupEvents' quota is 2 per second per account and region. */
  maxRequestsPerSecond?: number;
  /** Throttled requests retried before the lookup fails with TransientAwsError. */
  maxThrottleRetries?: number;
}

/** LookupEvents' largest page. */
const PAGE_SIZE = 50;
const DEFAULT_MAX_EVENTS = 200;
const DEFAULT_MAX_REQUESTS_PER_SECOND = 2;
const DEFAULT_MAX_THROTTLE_RETRIES = 5;
// Throttling means the account's shared quota is used up by someone else too (the console, other
// functions), so back off well past the pacing interval.
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_CAP_MS = 20_000;

const THROTTLING = ['ThrottlingException', 'Throttling', 'TooManyRequestsException'];

/** What verification diagnoses: attempts to assume a role, ours and the dataplanes'. */
const ASSUME_ROLE = 'AssumeRole';
const ASSUME_ROLE_WITH_WEB_IDENTITY = 'AssumeRoleWithWebIdentity';

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class CloudTrailAssumeRoleEvents implements AssumeRoleEvents {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private readonly maxThrottleRetries: number;
  /** When the next request may start; reserved before waiting, so concurrent lookups queue up too. */
  private nextRequestAt = Number.NEGATIVE_INFINITY;
  private unparsable = 0;

  constructor(
    private readonly client: CloudTrailClient,
    options: CloudTrailAssumeRoleEventsOptions = {},
  ) {
    this.sleep = options.sleep ?? defaultSleep;
    this.now = options.now ?? Date.now;
    const rate = options.maxRequestsPerSecond ?? DEFAULT_MAX_REQUESTS_PER_SECOND;
    // A zero or negative rate would wait forever instead of failing where the mistake is.
    if (!(rate > 0)) throw new RangeError(`maxRequestsPerSecond must be above 0, got ${rate}`);
    this.intervalMs = 1_000 / rate;
    this.maxThrottleRetries = options.maxThrottleRetries ?? DEFAULT_MAX_THROTTLE_RETRIES;
  }

  /**
   * Events skipped over this instance's life because their CloudTrailEvent was not a JSON object or
   * they had no event id or time.
   */
  get unparsableEvents(): number {
    return this.unparsable;
  }

  async lookup(
    roleArn: string,
    window: { start: Date; end: Date; maxEvents?: number },
  ): Promise<CloudTrailRecord[]> {
    const maxEvents = window.maxEvents ?? DEFAULT_MAX_EVENTS;
    const records: CloudTrailRecord[] = [];
    if (maxEvents <= 0) return records;
    let nextToken: string | undefined;
    do {
      const page = await this.lookupPage(roleArn, window.start, window.end, nextToken);
      for (const event of page.Events ?? []) {
        const record = this.toRecord(event, roleArn);
        if (!record) continue;
        records.push(record);
        if (records.length >= maxEvents) return records;
      }
      nextToken = page.NextToken;
    } while (nextToken);
    return records;
  }

  private async lookupPage(
    roleArn: string,
    start: Date,
    end: Date,
    nextToken: string | undefined,
  ): Promise<LookupEventsCommandOutput> {
    const input: LookupEventsCommandInput = {
      // AWS accepts exactly one lookup attribute per call; the resource name is the role's ARN.
      LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: roleArn }],
      StartTime: start,
      EndTime: end,
      MaxResults: PAGE_SIZE,
      ...(nextToken ? { NextToken: nextToken } : {}),
    };
    for (let retry = 0; ; retry += 1) {
      await this.awaitTurn();
      try {
        // A fresh command per attempt: a sent command keeps the middleware it was resolved with.
        return await this.client.send(new LookupEventsCommand(input));
      } catch (error) {
        if (isThrottling(error) && retry < this.maxThrottleRetries) {
          await this.sleep(this.backoff(retry));
          continue;
        }
        throw mapAwsError(error, { service: 'CloudTrail', operation: 'LookupEvents', resource: roleArn });
      }
    }
  }

  /** Spaces request starts at least one interval apart, retries included. */
  private async awaitTurn(): Promise<void> {
    const now = this.now();
    const startAt = Math.max(now, this.nextRequestAt);
    this.nextRequestAt = startAt + this.intervalMs;
    if (startAt > now) await this.sleep(startAt - now);
  }

  /** Exponential with jitter, so callers throttled together do not come back together. */
  private backoff(retry: number): number {
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry);
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  }

  private toRecord(event: Event, roleArn: string): CloudTrailRecord | undefined {
    const record = parseObject(event.CloudTrailEvent);
    const eventId = event.EventId ?? stringField(record, 'eventID');
    const eventTime = event.EventTime ?? dateField(record, 'eventTime');
    if (!record || !eventId || !eventTime) {
      // One damaged record must not cost the whole diagnosis; the count shows it happened.
      this.unparsable += 1;
      return undefined;
    }
    const eventName = stringField(record, 'eventName') ?? event.EventName;
    if (eventName === ASSUME_ROLE || (eventName === ASSUME_ROLE_WITH_WEB_IDENTITY && namesRole(record, roleArn))) {
      return { eventId, eventTime: eventTime.toISOString(), eventName, record };
    }
    return undefined;
  }
}

function isThrottling(error: unknown): boolean {
  if (isAwsError(error, ...THROTTLING)) return true;
  if (typeof error !== 'object' || error === null) return false;
  const retryable = (error as { $retryable?: { throttling?: unknown } }).$retryable;
  return retryable?.throttling === true;
}

function parseObject(json: string | undefined): Record<string, unknown> | undefined {
  if (json === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function stringField(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function dateField(record: Record<string, unknown> | undefined, key: string): Date | undefined {
  const value = stringField(record, key);
  const date = value === undefined ? undefined : new Date(value);
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/**
 * True when the record is about this role. A lookup by resource name also matches records that merely
 * mention it; a web-identity assumption counts only when the role is the one being assumed.
 */
function namesRole(record: Record<string, unknown>, roleArn: string): boolean {
  const requestParameters = record.requestParameters;
  if (typeof requestParameters === 'object' && requestParameters !== null) {
    if ((requestParameters as Record<string, unknown>).roleArn === roleArn) return true;
  }
  const resources = record.resources;
  return (
    Array.isArray(resources) &&
    resources.some((r) => typeof r === 'object' && r !== null && (r as Record<string, unknown>).ARN === roleArn)
  );
}

// Paced on the functions' clock, which a local run moves past the polling waits it skips.
export const assumeRoleEventsAdapter: AdapterFactory<AssumeRoleEvents> = (config) =>
  new CloudTrailAssumeRoleEvents(sharedClient('cloudtrail', CloudTrailClient, config.region), { now: () => now().getTime() });
