// Support reads CloudWatch by tenant and execution: every line a function writes must carry both.
import type { Context } from 'aws-lambda';
import { captureLogLines, lambdaContext } from '../support/lambda';

const context = lambdaContext('validateRequest');

describe('function logs', () => {
  let handler: (event: unknown, context: Context) => Promise<unknown>;

  beforeAll(() => {
    const previous = process.env.POWERTOOLS_LOG_LEVEL;
    process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
    jest.isolateModules(() => {
      handler = require('../../functions/onboarding/validate-request').handler;
    });
    process.env.POWERTOOLS_LOG_LEVEL = previous;
  });

  it('carry the tenant id, the execution id and the Lambda context on every line of a failed step', async () => {
    // Prepare
    const executionId = 'arn:aws:states:eu-west-1:111111111111:execution:onboarding:acme-1';
    const event = { input: { tenantId: 'acme', clusterName: 'bad cluster' }, execution: { id: executionId, startTime: '2026-11-23T10:00:00Z' } };

    // Act
    const { lines } = await captureLogLines(() => handler(event, context));

    // Assess
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toMatchObject({ tenantId: 'acme', executionId, function_request_id: 'request-1' });
    }
    expect(lines.some((l) => l.errorName === 'InvalidOnboardingRequest')).toBe(true);
  });

  it('do not leak one invocation\'s tenant into the next', async () => {
    // Prepare
    const first = { input: { tenantId: 'acme', clusterName: 'x y' }, execution: { id: 'e-1' } };
    const second = { input: { tenantId: 'globex', clusterName: 'x y' }, execution: { id: 'e-2' } };

    // Act
    await captureLogLines(() => handler(first, context));
    const { lines } = await captureLogLines(() => handler(second, context));

    // Assess
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.tenantId === 'globex' && l.executionId === 'e-2')).toBe(true);
  });
});
