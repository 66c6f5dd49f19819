// @ts-nocheck
import type { OnboardingRequest } from '../lib/domain/onboarding-request';
import { ensureDataplaneRole, EnsuredRole, ResolvedCluster } from '../lib/domain/provisioning';
import { stepHandler, StepEvent } from '../lib/lambda-handler';
import { now } from '../lib/clock';
import { runtime } from '../lib/runtime';

export interface EnsureDataplaneRoleEvent extends StepEvent {
  request: OnboardingRequest;
  cluster: ResolvedCluster;
}

/** Ensure Dataplane Role: create <tenant>-dataplane-role or converge ours; refuse anyone else's. */
export const handler = stepHandler(async (event: EnsureDataplaneRoleEvent): Promise<EnsuredRole> => {
  const { config, adapters } = runtime();
  return ensureDataplaneRole(event.request, event.cluster, {
    iam: adapters.iam,
    permissionsBoundaryArn: config.dataplaneBoundaryArn,
    verifierRoleArn: config.verifierRoleArn,
    now,
  });
});
