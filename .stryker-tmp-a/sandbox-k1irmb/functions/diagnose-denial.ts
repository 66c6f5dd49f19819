// @ts-nocheck
import type { PlannedConnection } from '../lib/domain/verification-plan';
import type { Diagnosis } from '../lib/domain/diagnosis';
import { withCloudTrailEvidence } from '../lib/domain/denial-evidence';
import type { AttemptResult } from '../lib/domain/verification';
import { stepHandler, StepEvent } from '../lib/lambda-handler';
import { now } from '../lib/clock';
import { runtime } from '../lib/runtime';

export interface DiagnoseDenialEvent extends StepEvent {
  tenantId: string;
  dataplaneRoleArn: string;
  connection: PlannedConnection;
  attempt: AttemptResult;
}

/** Diagnose Denial: add our account's CloudTrail records of denied AssumeRole calls on the target. */
export const handler = stepHandler(async (event: DiagnoseDenialEvent): Promise<Diagnosis> => {
  const { adapters } = runtime();
  return withCloudTrailEvidence(event.attempt.diagnosis!, {
    events: adapters.assumeRoleEvents,
    targetRoleArn: event.connection.roleArn,
    dataplaneRoleArn: event.dataplaneRoleArn,
    now: now(),
  });
});
