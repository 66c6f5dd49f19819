import type { Connection } from '../lib/domain/connection';
import { attemptVerification, AttemptResult } from '../lib/domain/verification';
import type { PollingProgress } from '../lib/domain/verification';
import { stepHandler, StepEvent } from '../lib/lambda-handler';
import { now } from '../lib/clock';
import { runtime } from '../lib/runtime';

export interface AttemptAssumeEvent extends StepEvent {
  tenantId: string;
  dataplaneRoleArn: string;
  roleChangedAt: string | null;
  connection: Connection;
  progress: PollingProgress;
}

/** Attempt Assume: the dataplane role, then the target with and without the External ID. */
export const handler = stepHandler(async (event: AttemptAssumeEvent): Promise<AttemptResult> => {
  const { adapters } = runtime();
  return attemptVerification(
    {
      tenantId: event.tenantId,
      dataplaneRoleArn: event.dataplaneRoleArn,
      ...(event.roleChangedAt ? { dataplaneRoleChangedAt: event.roleChangedAt } : {}),
      connection: event.connection,
      attempt: event.progress.attempts + 1,
    },
    { sts: adapters.roleAssumer, vendorAccountId: await adapters.identity.accountId(), now },
  );
});
