import { retryOnboarding } from '../../../lib/cli/retry';
import type { SupportTarget } from '../../../lib/cli/support';
import type { StatusRecord } from '../../../lib/domain/status';

const EXECUTION = { id: 'arn:aws:states:eu-west-1:111111111111:execution:onboarding:onboard-acme-1', startTime: '2026-11-23T10:00:00.000Z' };

function record(status: StatusRecord['status'], extra: Partial<StatusRecord> = {}): StatusRecord {
  return {
    tenantId: 'acme',
    status,
    summary: status,
    execution: EXECUTION,
    clusterName: 'acme-prod',
    namespace: 'spark',
    serviceAccount: 'spark-sa',
    createdAt: '2026-11-23T10:00:00.000Z',
    updatedAt: '2026-11-23T10:05:00.000Z',
    ...extra,
  };
}

/** A target whose tenant has `before` as status, and `after` once the started execution ends. */
function target(before: StatusRecord | undefined, after?: StatusRecord) {
  const started: { kind: string; name: string; input: unknown }[] = [];
  let finished = false;
  const fake: SupportTarget = {
    where: 'on the test stack',
    statusStore: { get: async () => (finished ? after : before) } as unknown as SupportTarget['statusStore'],
    starter: {
      start: async (kind, name, input) => {
        started.push({ kind, name, input });
        return { executionArn: `arn:aws:states:eu-west-1:111111111111:execution:onboarding:${name}`, alreadyStarted: false };
      },
    },
    executions: {} as SupportTarget['executions'],
    now: () => new Date('2026-11-23T11:00:00.000Z'),
    waitFor: async (_arn, onStatus) => {
      finished = true;
      onStatus('SUCCEEDED');
      return 'SUCCEEDED';
    },
    close: async () => undefined,
  };
  return { fake, started };
}

async function run(t: SupportTarget, options = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await retryOnboarding(t, 'acme', options, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('onboarding retry', () => {
  it('starts onboarding again for a FAILED tenant, with the request its status holds, under a new execution name', async () => {
    // Prepare
    const failed = record('FAILED', { error: { name: 'TransientAwsError', message: 'IAM CreateRole was throttled: Rate exceeded' } });
    const { fake, started } = target(failed, record('ROLE_READY', { roleArn: 'arn:aws:iam::111111111111:role/acme-dataplane-role' }));

    // Act
    const { code, out } = await run(fake);

    // Assess
    expect(code).toBe(0);
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ kind: 'onboarding', input: { tenantId: 'acme', clusterName: 'acme-prod', namespace: 'spark', serviceAccount: 'spark-sa' } });
    expect(started[0]!.name).toMatch(/^onboard-acme-retry-2026-11-23T110000000Z-[0-9a-f]{16}$/);
    expect(out).toContain('the last one ended FAILED: TransientAwsError');
    expect(out).toContain('ROLE_READY');
  });

  it('exits 1 when the retried onboarding fails again', async () => {
    const failed = record('FAILED', { error: { name: 'OidcProviderMissing', message: 'no provider' } });
    const { fake } = target(failed, failed);

    const { code } = await run(fake);

    expect(code).toBe(1);
  });

  it('--no-wait prints the execution ARN and returns at once', async () => {
    const { fake, started } = target(record('FAILED', { error: { name: 'TransientAwsError', message: 'x' } }));

    const { code, out } = await run(fake, { wait: false, json: true });

    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ executionArn: `arn:aws:states:eu-west-1:111111111111:execution:onboarding:${started[0]!.name}` });
  });

  it.each([
    [undefined, 'cannot retry tenant "acme": it was never onboarded on the test stack (check the tenant id); nothing was started'],
    [record('ROLE_READY'), 'cannot retry tenant "acme": its onboarding succeeded (ROLE_READY): there is nothing to retry; to check its connections again, use `onboarding verify`; nothing was started'],
    [record('PROVISIONING'), 'cannot retry tenant "acme": its onboarding is still running (PROVISIONING): it retries and redrives transient failures itself; retry it if it ends FAILED; nothing was started'],
    [record('INVALID_REQUEST'), 'cannot retry tenant "acme": its onboarding request was invalid (INVALID_REQUEST): the same request would be refused again; send a corrected TenantCreated event; nothing was started'],
    [record('FAILED', { clusterName: undefined }), 'cannot retry tenant "acme": its status record holds no EKS cluster name to onboard it on again; onboard it anew (a TenantCreated event); nothing was started'],
  ])('refuses a tenant that is not retryable (%#), says why, and starts nothing', async (status, message) => {
    // Prepare
    const { fake, started } = target(status);

    // Act
    const { code, err } = await run(fake);

    // Assess
    expect(code).toBe(1);
    expect(err).toBe(message);
    expect(started).toEqual([]);
  });
});
