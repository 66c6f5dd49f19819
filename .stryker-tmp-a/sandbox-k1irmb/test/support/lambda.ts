// @ts-nocheck
// What tests of the Lambda handlers share: a Lambda context, and the log lines an invocation writes.
import type { Context } from 'aws-lambda';

export function lambdaContext(functionName: string, awsRequestId = 'request-1'): Context {
  return {
    functionName: `tenant-dataplane-onboarding-test-${functionName}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:111111111111:function:tenant-dataplane-onboarding-test-${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId,
    logGroupName: '/aws/lambda/test',
    logStreamName: 'test',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 30_000,
  } as unknown as Context;
}

/** Runs an invocation with stdout and stderr captured: the JSON log lines, all raw text, the result (or error). */
export async function captureLogLines(
  run: () => Promise<unknown>,
): Promise<{ lines: Record<string, any>[]; raw: string; result: any }> {
  const chunks: string[] = [];
  const capture = (chunk: any) => {
    chunks.push(String(chunk));
    return true;
  };
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(capture),
    jest.spyOn(process.stderr, 'write').mockImplementation(capture),
  ];
  let result: unknown;
  try {
    result = await run().catch((error) => error);
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
  const raw = chunks.join('');
  const lines = raw
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
  return { lines, raw, result };
}
