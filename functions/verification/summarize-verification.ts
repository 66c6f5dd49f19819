import type { PlannedConnection } from '../../lib/domain/verification/verification-plan';
import { summarizeVerification } from '../../lib/domain/verification/verification-plan';
import type { ExecutionRef, VerificationSummary } from '../../lib/domain/status';
import { stepHandler, StepEvent } from '../../lib/lambda-handler';
import { runtime } from '../../lib/runtime';
import { statusStoreAdapter } from '../../lib/adapters/status-store';

export interface SummarizeVerificationEvent extends StepEvent {
  tenantId: string;
  connections: PlannedConnection[];
  execution: ExecutionRef;
}

/** Summarize Verification: the tenant-wide outcome over the connections of this run. */
export const handler = stepHandler(async (event: SummarizeVerificationEvent): Promise<VerificationSummary> => {
  const statusStore = runtime().use(statusStoreAdapter);
  const stored = (await statusStore.get(event.tenantId))?.connections;
  const summary = summarizeVerification(
    event.tenantId,
    event.connections.map((c) => c.connectionId),
    stored,
    event.execution,
  );
  await statusStore.recordVerification(event.tenantId, summary);
  return summary;
});
