// The Lambda handler only wires the runtime's adapters into handleEvent; what it must add is that the
// event — which may carry a customer's External ID — is never logged, whatever the environment says.
import type { Context } from 'aws-lambda';
import { captureLogLines, lambdaContext } from '../../support/lambda';
import { eventFixture, EXTERNAL_ID } from './fixtures';
import { onboardedTenant } from './fakes';
import { FakeDeadLetters, FakeStarter, FakeStatusStore } from '../../support/fakes';

const mockAdapters = {
  workflowStarter: new FakeStarter(),
  deadLetters: new FakeDeadLetters(),
  statusStore: new FakeStatusStore(),
};
// The handler is loaded in isolation, with its own copies of the adapter factories: they are told apart by name.
const mockFactories: Record<string, keyof typeof mockAdapters> = {
  workflowStarterAdapter: 'workflowStarter',
  deadLettersAdapter: 'deadLetters',
  statusStoreAdapter: 'statusStore',
};
jest.mock('../../../lib/runtime', () => ({
  runtime: () => ({ use: (factory: { name: string }) => mockAdapters[mockFactories[factory.name]!] }),
}));

const context = lambdaContext('startFromEvent');

describe('start-from-event handler', () => {
  let handler: (event: unknown, context: Context) => Promise<unknown>;
  /** The handler's own module instances, so that its instanceof checks recognize these errors. */
  let errors: typeof import('../../../lib/errors');

  beforeAll(() => {
    const previous = { level: process.env.POWERTOOLS_LOG_LEVEL, logEvent: process.env.POWERTOOLS_LOGGER_LOG_EVENT };
    process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
    // A deployment that turns event logging on must still not log this function's events.
    process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'true';
    jest.isolateModules(() => {
      handler = require('../../../functions/events/start-from-event').handler;
      errors = require('../../../lib/errors');
    });
    process.env.POWERTOOLS_LOG_LEVEL = previous.level;
    if (previous.logEvent === undefined) delete process.env.POWERTOOLS_LOGGER_LOG_EVENT;
    else process.env.POWERTOOLS_LOGGER_LOG_EVENT = previous.logEvent;
  });

  beforeEach(() => {
    mockAdapters.workflowStarter = new FakeStarter();
    mockAdapters.deadLetters = new FakeDeadLetters();
    mockAdapters.statusStore = new FakeStatusStore();
    mockAdapters.statusStore.records.set('acme', onboardedTenant('acme'));
  });

  it('starts verification for a TargetRoleConfigured and logs it by event, tenant and fingerprint only', async () => {
    // Prepare
    const event = eventFixture('target-role-configured');

    // Act
    const { lines, raw, result } = await captureLogLines(() => handler(event, context));

    // Assess
    expect(result).toMatchObject({ started: true, kind: 'verification', tenantId: 'acme' });
    expect(mockAdapters.workflowStarter.calls).toHaveLength(1);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toMatchObject({ eventId: event.id, detailType: 'TargetRoleConfigured', tenantId: 'acme', function_request_id: 'request-1' });
    }
    expect(lines.some((l) => l.message === 'Lambda invocation event')).toBe(false);
    expect(raw).not.toContain(EXTERNAL_ID);
  });

  it('returns normally for an invalid event, which is in the dead-letter queue', async () => {
    // Prepare
    const event = eventFixture('target-role-configured-missing-external-id');

    // Act
    const { result, lines } = await captureLogLines(() => handler(event, context));

    // Assess
    expect(result).toMatchObject({ started: false, reason: 'invalid event', name: 'InvalidVerificationRequest', deadLettered: true });
    expect(mockAdapters.deadLetters.sent).toHaveLength(1);
    expect(lines.some((l) => l.level === 'WARN' && Array.isArray(l.problems))).toBe(true);
  });

  it('throws what a later attempt can get past, logged with its details', async () => {
    // Prepare
    mockAdapters.workflowStarter.failWith = new errors.TransientAwsError('Step Functions StartExecution was throttled', { awsErrorName: 'ThrottlingException' });

    // Act
    const { result, lines } = await captureLogLines(() => handler(eventFixture('tenant-created'), context));

    // Assess
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).name).toBe('TransientAwsError');
    expect(lines.some((l) => l.errorName === 'TransientAwsError')).toBe(true);
  });

  it('does not keep one event\'s keys on the next one\'s lines', async () => {
    // Prepare
    await captureLogLines(() => handler(eventFixture('target-role-configured'), context));

    // Act
    const { lines } = await captureLogLines(() => handler(eventFixture('wrong-source'), context));

    // Assess
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.tenantId === 'umbrella' && l.detailType === 'TenantCreated')).toBe(true);
  });
});
