// @ts-nocheck
// The one factory that creates AWS SDK v3 clients. Production code gets plain clients; the embedded
// sandbox (lib/sandbox) registers a client environment that adds its middleware and endpoints, so the
// same adapters run unchanged against simulated AWS.
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EKSClient } from '@aws-sdk/client-eks';
import { IAMClient } from '@aws-sdk/client-iam';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { STSClient } from '@aws-sdk/client-sts';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AwsCredentialIdentity, MiddlewareStack } from '@smithy/types';

export type AwsService = 'iam' | 'sts' | 'eks' | 'sqs' | 'cloudtrail' | 'sfn' | 'dynamodb';

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

let environment: ClientEnvironment | undefined;
let cached: AwsClients | undefined;
let instrument: (<C>(client: C) => C) | undefined;

/** E.g. tracing: applied to every client the factory creates. */
export function useClientInstrumentation(fn: (<C>(client: C) => C) | undefined): void {
  instrument = fn;
  cached = undefined;
}

export function useClientEnvironment(env: ClientEnvironment | undefined): void {
  environment = env;
  cached = undefined;
}

export interface AwsClients {
  iam: IAMClient;
  sts: STSClient;
  eks: EKSClient;
  sqs: SQSClient;
  cloudtrail: CloudTrailClient;
  sfn: SFNClient;
  dynamodb: DynamoDBDocumentClient;
}

export function createAwsClients(options: ClientOptions): AwsClients {
  const make = <C extends { middlewareStack: MiddlewareStack<any, any>; config: any }>(
    service: AwsService,
    Ctor: new (config: any) => C,
  ): C => {
    const client = new Ctor({
      region: options.region,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      ...(environment?.configFor?.(service, options) ?? {}),
    });
    environment?.install?.(service, client);
    return instrument ? instrument(client) : client;
  };
  return {
    iam: make('iam', IAMClient),
    sts: make('sts', STSClient),
    eks: make('eks', EKSClient),
    sqs: make('sqs', SQSClient),
    cloudtrail: make('cloudtrail', CloudTrailClient),
    sfn: make('sfn', SFNClient),
    dynamodb: DynamoDBDocumentClient.from(make('dynamodb', DynamoDBClient), {
      marshallOptions: { removeUndefinedValues: true },
    }),
  };
}

/** Clients for the function's own identity and region, created once per environment. */
export function awsClients(region: string): AwsClients {
  cached ??= createAwsClients({ region });
  return cached;
}
