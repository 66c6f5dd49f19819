// The context Lambda passes a handler, for running the real handlers in process (the local runner and
// the tests): names as a deployed function of the given stage has them, enough for the Powertools logger.
import type { Context } from 'aws-lambda';
import { SERVICE_NAME } from '../service-name';

export interface LambdaContextOptions {
  stage: string;
  region: string;
  account: string;
  awsRequestId?: string;
}

export function lambdaContext(functionName: string, options: LambdaContextOptions): Context {
  const deployedName = `${SERVICE_NAME}-${options.stage}-${functionName}`;
  return {
    functionName: deployedName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${options.region}:${options.account}:function:${deployedName}`,
    memoryLimitInMB: '256',
    awsRequestId: options.awsRequestId ?? `local-${Math.random().toString(16).slice(2, 10)}`,
    logGroupName: `/aws/lambda/${deployedName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
