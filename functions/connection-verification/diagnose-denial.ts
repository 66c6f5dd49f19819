import type { PlannedConnection } from '../../lib/domain/verification/verification-plan';
import { type Diagnosis } from '../../lib/domain/diagnosis';
import { withCloudTrailEvidence } from '../../lib/domain/verification/denial-evidence';
import type { AttemptResult } from '../../lib/domain/verification/verification';
import { stepHandler, StepEvent } from '../../lib/lambda-handler';
import { now } from '../../lib/clock';
import { runtime } from '../../lib/runtime';
import { assumeRoleEventsAdapter } from '../../lib/adapters/cloudtrail-assume-role-events';

export interface DiagnoseDenialEvent extends StepEvent {
  tenantId: string;
  dataplaneRoleArn: string;
  connection: PlannedConnection;
  attempt: AttemptResult;
}

/** Diagnose Denial: add our account's CloudTrail records of denied AssumeRole calls on the target. */
export const handler = stepHandler(async (event: DiagnoseDenialEvent): Promise<Diagnosis> => {
  const { use } = runtime();
  return withCloudTrailEvidence(event.attempt.diagnosis!, {
    events: use(assumeRoleEventsAdapter),
    targetRoleArn: event.connection.roleArn,
    dataplaneRoleArn: event.dataplaneRoleArn,
    now: now(),
  });
});
