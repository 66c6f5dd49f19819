// `onboarding retry TENANT`: onboarding again for a tenant whose onboarding ended FAILED — after
// throttling or an outage outlasted the state machine's retries and its own redrives, or once the cause
// (a missing OIDC provider, a cluster not ready) is fixed. It starts a new onboarding execution with the
// request the status record holds: every step is idempotent, so the role is converged, never
// recreated, and the account manager's queue deduplicates a message already sent.
import { executionName } from '../domain/execution-names';
import type { StatusRecord } from '../domain/status';
import type { SupportTarget } from './support';
import { formatStatus } from './support';
import { output, statusJson, type Io } from './output';

export interface RetryOptions {
  wait?: boolean;
  json?: boolean;
  quiet?: boolean;
}

/** Why a tenant's onboarding cannot be retried, or undefined when it can. */
export function notRetryable(record: StatusRecord): string | undefined {
  switch (record.status) {
    case 'FAILED':
      return record.clusterName ? undefined : 'its status record holds no EKS cluster name to onboard it on again; onboard it anew (a TenantCreated event)';
    case 'ROLE_READY':
      return 'its onboarding succeeded (ROLE_READY): there is nothing to retry; to check its connections again, use `onboarding verify`';
    case 'PROVISIONING':
      return 'its onboarding is still running (PROVISIONING): it retries and redrives transient failures itself; retry it if it ends FAILED';
    case 'INVALID_REQUEST':
      return 'its onboarding request was invalid (INVALID_REQUEST): the same request would be refused again; send a corrected TenantCreated event';
  }
}

/** The onboarding request a status record holds: what the failed execution was asked to do. */
function requestOf(record: StatusRecord & { clusterName: string }) {
  return {
    tenantId: record.tenantId,
    clusterName: record.clusterName,
    ...(record.namespace !== undefined ? { namespace: record.namespace } : {}),
    ...(record.serviceAccount !== undefined ? { serviceAccount: record.serviceAccount } : {}),
    // The mode the failed request named: a retry asks for it again (and, naming none, never switches one).
    ...(record.requestedIdentity !== undefined ? { identity: record.requestedIdentity } : {}),
  };
}

export async function retryOnboarding(target: SupportTarget, tenant: string, options: RetryOptions, io: Io): Promise<number> {
  const show = output(io, options);
  const record = await target.statusStore.get(tenant);
  if (!record) {
    show.error(`cannot retry tenant "${tenant}": it was never onboarded ${target.where} (check the tenant id); nothing was started`);
    return 1;
  }
  const refusal = notRetryable(record);
  if (refusal) {
    show.error(`cannot retry tenant "${tenant}": ${refusal}; nothing was started`);
    return 1;
  }
  const input = requestOf(record as StatusRecord & { clusterName: string });
  const name = executionName('onboarding', tenant, `retry-${target.now().toISOString().replace(/[:.]/g, '')}`);
  const { executionArn } = await target.starter.start('onboarding', name, input);
  if (options.wait === false) {
    show.text(`Started onboarding again (the last one ended FAILED: ${record.error?.name ?? 'unknown error'}): ${executionArn}`);
    if (target.consoleLink) show.text(`  ${target.consoleLink(executionArn)}`);
    show.json({ executionArn });
    return 0;
  }
  show.progress(`Started onboarding again (the last one ended FAILED: ${record.error?.name ?? 'unknown error'}): ${executionArn}`);
  if (target.consoleLink) show.progress(`  ${target.consoleLink(executionArn)}`);
  await target.waitFor(executionArn, (s) => show.progress(`  execution ${s}`));
  const after = await target.statusStore.get(tenant);
  if (!after) {
    show.error(`tenant "${tenant}" has no status after the retry`);
    return 1;
  }
  show.text(formatStatus(after, target.consoleLink).join('\n'));
  show.json(statusJson(after));
  return after.status === 'ROLE_READY' ? 0 : 1;
}
