// Every AWS client at once, for the code that runs outside Lambda and talks to several services: the
// CLI against a deployed stack, the local environment and the sandbox's tests. Functions never import
// this file; their adapters create only the clients they use (lib/adapters/adapter-factory.ts).
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EKSClient } from '@aws-sdk/client-eks';
import { IAMClient } from '@aws-sdk/client-iam';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { STSClient } from '@aws-sdk/client-sts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { newClient, type ClientOptions } from './aws-client-factory';
import { documentClient } from './status-store';

export {
  useClientEnvironment,
  useClientInstrumentation,
  type AwsService,
  type ClientEnvironment,
  type ClientOptions,
} from './aws-client-factory';

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
  return {
    iam: newClient('iam', IAMClient, options),
    sts: newClient('sts', STSClient, options),
    eks: newClient('eks', EKSClient, options),
    sqs: newClient('sqs', SQSClient, options),
    cloudtrail: newClient('cloudtrail', CloudTrailClient, options),
    sfn: newClient('sfn', SFNClient, options),
    dynamodb: documentClient(newClient('dynamodb', DynamoDBClient, options)),
  };
}
