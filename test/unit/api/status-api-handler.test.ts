// The Lambda handler wires the runtime's adapters into the router; what it adds is that the signed
// request (its session token) is never logged, and that a deployment problem is a clean 500.
import type { Context } from 'aws-lambda';
import { captureLogLines, lambdaContext } from '../../support/lambda';
import { apiEvent, bodyOf } from './fakes';
import { FakeStarter, FakeStatusStore } from '../../support/fakes';
import { readFixture } from '../../support/fixtures';

const mockRuntime = {
  fail: undefined as Error | undefined,
  adapters: { statusStore: new FakeStatusStore({ refuseStatusWrites: true }), workflowStarter: new FakeStarter(), executions: new FakeStarter() },
};
// The handler is loaded in isolation, with its own copies of the adapter factories: they are told apart by name.
const mockFactories: Record<string, keyof typeof mockRuntime.adapters> = {
  statusStoreAdapter: 'statusStore',
  workflowStarterAdapter: 'workflowStarter',
  executionRecordsAdapter: 'executions',
};
jest.mock('../../../lib/runtime', () => ({
  runtime: () => {
    if (mockRuntime.fail) throw mockRuntime.fail;
    return { config: { region: 'eu-west-1' }, use: (factory: { name: string }) => mockRuntime.adapters[mockFactories[factory.name]!] };
  },
}));

const context = lambdaContext('statusApi', 'lambda-request-1');
const captureLogs = captureLogLines;

describe('status-api handler', () => {
  let handler: (event: unknown, context: Context) => Promise<any>;

  beforeAll(() => {
    const previous = { level: process.env.POWERTOOLS_LOG_LEVEL, logEvent: process.env.POWERTOOLS_LOGGER_LOG_EVENT };
    process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
    // A deployment that turns event logging on must still not log these events.
    process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'true';
    jest.isolateModules(() => {
      handler = require('../../../functions/api/status-api').handler;
    });
    process.env.POWERTOOLS_LOG_LEVEL = previous.level;
    if (previous.logEvent === undefined) delete process.env.POWERTOOLS_LOGGER_LOG_EVENT;
    else process.env.POWERTOOLS_LOGGER_LOG_EVENT = previous.logEvent;
  });

  beforeEach(() => {
    mockRuntime.fail = undefined;
    const starter = new FakeStarter();
    mockRuntime.adapters = { statusStore: new FakeStatusStore({ refuseStatusWrites: true }), workflowStarter: starter, executions: starter };
    mockRuntime.adapters.statusStore.records.set('acme', readFixture('api', 'status-record-mixed'));
    mockRuntime.adapters.statusStore.stored.set('acme', readFixture('api', 'stored-connections'));
  });

  it('answers through the router and logs the caller ARN, never the signed request', async () => {
    // Prepare
    const event = readFixture('api', 'get-status');

    // Act
    const { raw, lines, result } = await captureLogs(() => handler(event, context));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result).tenantId).toBe('acme');
    expect(lines).toContainEqual(
      expect.objectContaining({
        message: 'Status API request',
        callerArn: 'arn:aws:sts::111111111111:assumed-role/SupportEngineer/jane.doe',
        requestId: 'UZt7GhQ9DoEEMhw=',
        function_request_id: 'lambda-request-1',
      }),
    );
    expect(raw).not.toContain('EXAMPLESESSIONTOKEN');
    expect(raw).not.toContain('EXAMPLESIGNATURE');
  });

  it("starts verification with the runtime's workflowStarter", async () => {
    // Prepare
    const event = readFixture('api', 'post-verification');

    // Act
    const { result } = await captureLogs(() => handler(event, context));

    // Assess
    expect(result.statusCode).toBe(202);
    expect(mockRuntime.adapters.workflowStarter.calls).toHaveLength(1);
  });

  it('500 with the request id when the function is not configured; the cause is logged, not returned', async () => {
    // Prepare
    mockRuntime.fail = new Error('Invalid configuration: STATUS_TABLE_NAME is not set (a DynamoDB table name)');

    // Act
    const { lines, result } = await captureLogs(() => handler(apiEvent('GET', '/tenants/acme/status', { requestId: 'UZuCoNf1gReQ=' }), context));

    // Assess
    expect(result.statusCode).toBe(500);
    expect(bodyOf(result).error).toMatchObject({ code: 'InternalError', requestId: 'UZuCoNf1gReQ=' });
    expect(result.body).not.toContain('STATUS_TABLE_NAME');
    expect(JSON.stringify(lines)).toContain('STATUS_TABLE_NAME');
  });
});
