// The one factory that creates AWS SDK v3 clients. Production code gets plain clients; the embedded
// sandbox (lib/sandbox) registers a client environment that adds its middleware and endpoints, so the
// same adapters run unchanged against simulated AWS. It imports no SDK client: each adapter passes the
// client class it needs, so a function's bundle holds only the clients its handler can reach.
import type { AwsCredentialIdentity, MiddlewareStack } from '@smithy/types';

export type AwsService = 'iam' | 'sts' | 'eks' | 'sqs' | 'cloudtrail' | 'sfn' | 'events' | 's3' | 'athena' | 'redshift' | 'redshift-serverless' | 'dynamodb';

export interface ClientOptions {
  region: string;
  credentials?: AwsCredentialIdentity;
}

/** What a client factory needs from an environment other than AWS itself. */
export interface ClientEnvironment {
  /** Extra client configuration for a service (endpoint, credentials). */
  configFor?(service: AwsService, options: ClientOptions): Record<string, unknown>;
  /** Called with every new client, e.g. to add middleware. */
  install?(service: AwsService, client: { middlewareStack: MiddlewareStack<any, any>; config: any }): void;
}

export type SdkClient = { middlewareStack: MiddlewareStack<any, any>; config: any };
export type SdkClientClass<C extends SdkClient> = new (config: any) => C;

let environment: ClientEnvironment | undefined;
let instrument: (<C>(client: C) => C) | undefined;
let generation = 0;
const shared = new Map<string, SdkClient>();

function changed(): void {
  generation += 1;
  shared.clear();
}

/** E.g. tracing: applied to every client the factory creates. */
export function useClientInstrumentation(fn: (<C>(client: C) => C) | undefined): void {
  instrument = fn;
  changed();
}

export function useClientEnvironment(env: ClientEnvironment | undefined): void {
  environment = env;
  changed();
}

/** Changes whenever the environment or the instrumentation does: what was built before is stale. */
export function clientGeneration(): number {
  return generation;
}

/**
 * IAM and STS rate limits are per account and cannot be raised. The SDK's adaptive mode adds a
 * client-side token bucket to its retries: once throttled, a client sends no faster than what got
 * through, so a burst of functions backs off together instead of retrying into the limit. (A string,
 * not the SDK's RETRY_MODES enum: this module imports nothing of the SDK at load.)
 */
const DEFAULT_CONFIG: Record<string, unknown> = { retryMode: 'adaptive' };

/**
 * CloudTrail's LookupEvents quota is paced by its adapter, per call; a retry made inside the SDK would
 * go out at once, outside that pacing, so the adapter does all of CloudTrail's retrying itself.
 */
const SERVICE_CONFIG: Partial<Record<AwsService, Record<string, unknown>>> = {
  cloudtrail: { maxAttempts: 1 },
};

/** A new client of `Ctor` for `service`, configured by the current environment. */
export function newClient<C extends SdkClient>(service: AwsService, Ctor: SdkClientClass<C>, options: ClientOptions): C {
  const client = new Ctor({
    region: options.region,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...DEFAULT_CONFIG,
    ...SERVICE_CONFIG[service],
    ...(environment?.configFor?.(service, options) ?? {}),
  });
  environment?.install?.(service, client);
  return instrument ? instrument(client) : client;
}

/** The client of the function's own identity for a service and region, created once per environment. */
export function sharedClient<C extends SdkClient>(service: AwsService, Ctor: SdkClientClass<C>, region: string): C {
  const key = `${service} ${region}`;
  let client = shared.get(key) as C | undefined;
  if (!client) {
    client = newClient(service, Ctor, { region });
    shared.set(key, client);
  }
  return client;
}
