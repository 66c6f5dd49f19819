// A burst of tenants created at once, through the event starter and the real onboarding state machine
// on the sandbox: IAM says "slow down" (its token bucket, or injected Throttling), and still no tenant
// ends FAILED or without its role and its one message.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { runBurst } from '../../lib/local/burst';

// Counts how often the local runner validates a definition (asl-validator, about 120 ms each): the
// copy aws-local-stepfunctions itself requires.
const VALIDATOR = '../../node_modules/aws-local-stepfunctions/node_modules/asl-validator/dist/src/validator.js';
jest.mock('../../node_modules/aws-local-stepfunctions/node_modules/asl-validator/dist/src/validator.js', () => {
  const actual = jest.requireActual('../../node_modules/aws-local-stepfunctions/node_modules/asl-validator/dist/src/validator.js');
  return jest.fn((...args: unknown[]) => (actual.default ?? actual)(...args));
});

const validations = () => (jest.requireMock(VALIDATOR) as jest.Mock).mock.calls.length;

describe('a burst of tenants under IAM throttling', () => {
  // Not a timing assertion: a bound on a run of a hundred executions on a loaded machine.
  jest.setTimeout(300_000);

  it('ends with every tenant ROLE_READY, one message each, none FAILED or lost, against a tight IAM write bucket', async () => {
    // Prepare: 60 tenants, 2 IAM writes each, through a bucket of 2 writes a second (4 saved up).
    const warn = jest.spyOn(console, 'warn');

    // Act
    const result = await runBurst({ tenants: 60, iamWrites: { perSecond: 2, burst: 4 }, timeScale: 20 });

    // Assess
    expect(result.notReady).toEqual({});
    expect(result).toMatchObject({ tenants: 60, roleReady: 60, failed: 0, lost: 0, duplicateMessages: 0, executions: { succeeded: 60, failed: 0 } });
    // IAM did throttle, and never carried more than its rate allows.
    expect(result.iamThrottled).toBeGreaterThan(0);
    expect(result.iamWrites).toBeLessThanOrEqual(4 + 2 * result.seconds);
    // Sixty executions at once: no queueing behind the SDK's socket pool.
    expect(warn.mock.calls.flat().filter((m) => String(m).includes('socket usage at capacity'))).toEqual([]);
    warn.mockRestore();
  });

  it('ends with every tenant ROLE_READY when the next 300 CreateRole calls across 100 tenants are throttled', async () => {
    // Act
    const result = await runBurst({
      tenants: 100,
      iamWrites: { perSecond: 10_000, burst: 10_000 },
      faults: [{ service: 'iam', operation: 'CreateRole', error: 'Throttling', times: 300 }],
    });

    // Assess
    expect(result.notReady).toEqual({});
    expect(result).toMatchObject({ roleReady: 100, failed: 0, lost: 0, duplicateMessages: 0 });
    expect(result.iamThrottled).toBe(300);
  });

  it('npm run bench -- burst: every tenant ROLE_READY, one JSON line last on stdout, and no listener-leak warning from Node', () => {
    // Act: in a process of its own, where Node's warnings reach stderr.
    const run = spawnSync(process.execPath, ['scripts/run-ts.cjs', 'bench/run.ts', 'burst', '--tenants', '30', '--rate', '1000', '--burst', '1000', '--json'], {
      cwd: path.resolve(__dirname, '../..'),
      encoding: 'utf8',
    });

    // Assess
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ tenants: 30, roleReady: 30, failed: 0, lost: 0, iamWriteRateLimit: 1000 });
    expect(run.stderr).not.toContain('MaxListenersExceededWarning');
    expect(run.status).toBe(1); // 1000 writes a second is far more than 30 tenants can use: the rate goal is not met
  });

  it('validates the onboarding definition once per process, not once per execution', () => {
    // Assess: the bursts above ran 160 onboarding executions.
    expect(validations()).toBe(1);
  });
});
