import type { PlannedConnection } from '../../lib/domain/verification/verification-plan';
import { ConfigurationError, TransientAwsError } from '../../lib/errors';
import { attemptVerification, AttemptResult } from '../../lib/domain/verification/verification';
import type { PollingProgress } from '../../lib/domain/verification/verification';
import { stepHandler, StepEvent } from '../../lib/lambda-handler';
import { logger } from '../../lib/logger';
import { count } from '../../lib/observability';
import { now } from '../../lib/clock';
import { runtime } from '../../lib/runtime';
import { callerIdentityAdapter } from '../../lib/adapters/caller-identity';
import { statusStoreAdapter } from '../../lib/adapters/status-store';
import { roleAssumerAdapter } from '../../lib/adapters/sts-role-assumer';

export interface AttemptAssumeEvent extends StepEvent {
  tenantId: string;
  dataplaneRoleArn: string;
  roleChangedAt: string | null;
  connection: PlannedConnection;
  progress: PollingProgress;
}

/**
 * Attempt Assume: the dataplane role, then the target with and without the External ID; once verified,
 * the target again from the stack's trust probe role (the pinned-principal check), and, for a connection
 * that names its data, the permission probes from a probe session of the target.
 */
export const handler = stepHandler(async (event: AttemptAssumeEvent): Promise<AttemptResult> => {
  const { use, config } = runtime();
  const { trustProbeRoleArn } = config;
  if (!trustProbeRoleArn) {
    throw new ConfigurationError('TRUST_PROBE_ROLE_ARN is not set: the verifier cannot check that trust policies are pinned to the dataplane role', {
      variable: 'TRUST_PROBE_ROLE_ARN',
    });
  }
  // The External ID is read here, from the tenant's stored connections: it never travels through the
  // state machine, whose inputs and outputs are in its history.
  const stored = (await use(statusStoreAdapter).storedConnections(event.tenantId)).find(
    (c) => c.connectionId === event.connection.connectionId,
  );
  if (!stored) {
    throw new TransientAwsError(
      `Connection ${event.connection.connectionId} of tenant ${event.tenantId} is not stored (yet); Plan Verification stores it`,
      { connectionId: event.connection.connectionId },
    );
  }
  // The S3, Athena and Redshift clients are loaded only for a connection that names its data.
  const probes = stored.resource ? use((await import('../../lib/adapters/data-probes')).dataProbesAdapter) : undefined;
  const result = await attemptVerification(
    {
      tenantId: event.tenantId,
      dataplaneRoleArn: event.dataplaneRoleArn,
      ...(event.roleChangedAt ? { dataplaneRoleChangedAt: event.roleChangedAt } : {}),
      // The stored connection is the current configuration (a newer TargetRoleConfigured may have
      // replaced what was planned); the attempt records which External ID it used.
      connection: stored,
      attempt: event.progress.attempts + 1,
    },
    {
      sts: use(roleAssumerAdapter),
      vendorAccountId: await use(callerIdentityAdapter).accountId(),
      now,
      trustProbeRoleArn,
      ...(probes ? { probes } : {}),
    },
  );
  if (result.probes) {
    const failed = result.probes.find((p) => p.outcome === 'failed');
    count('PermissionProbes', { name: 'outcome', value: failed ? failed.probe : 'passed' });
  }
  if (result.trustProbe) {
    count('TrustProbes', { name: 'outcome', value: result.trustProbe.outcome });
    if (result.trustProbe.outcome === 'inconclusive') {
      logger.warn('Trust probe inconclusive: whether the trust policy is pinned to the dataplane role is unknown until the next run', {
        connectionId: event.connection.connectionId,
        error: result.trustProbe.error,
      });
    }
  }
  return result;
});
