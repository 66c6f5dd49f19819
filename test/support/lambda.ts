// What tests of the Lambda handlers share: a Lambda context, and the log lines an invocation writes.
import type { Context } from 'aws-lambda';
import { lambdaContext as localLambdaContext } from '../../lib/local/lambda-context';

/** The context of a function of the `test` stage, as the handlers' tests invoke it. */
export function lambdaContext(functionName: string, awsRequestId = 'request-1'): Context {
  return localLambdaContext(functionName, { stage: 'test', region: 'eu-west-1', account: '111111111111', awsRequestId });
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
