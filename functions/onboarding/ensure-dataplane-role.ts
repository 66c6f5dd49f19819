import type { OnboardingRequest } from '../../lib/domain/onboarding/onboarding-request';
import { ensureDataplaneRole, EnsuredRole, ResolvedCluster } from '../../lib/domain/onboarding/provisioning';
import { stepHandler, StepEvent } from '../../lib/lambda-handler';
import { now } from '../../lib/clock';
import { runtime } from '../../lib/runtime';
import { iamRolesAdapter } from '../../lib/adapters/iam-roles';
import { podIdentityAssociationsAdapter } from '../../lib/adapters/pod-identity-associations';

export interface EnsureDataplaneRoleEvent extends StepEvent {
  request: OnboardingRequest;
  cluster: ResolvedCluster;
}

/**
 * Ensure Dataplane Role: create <tenant>-dataplane-role or converge ours; refuse anyone else's. In EKS
 * Pod Identity mode, also the Spark ServiceAccount's association with it.
 */
export const handler = stepHandler(async (event: EnsureDataplaneRoleEvent): Promise<EnsuredRole> => {
  const { config, use } = runtime();
  return ensureDataplaneRole(event.request, event.cluster, {
    iam: use(iamRolesAdapter),
    associations: use(podIdentityAssociationsAdapter),
    permissionsBoundaryArn: config.dataplaneBoundaryArn,
    verifierRoleArn: config.verifierRoleArn,
    owner: { stackName: config.stackName, region: config.region },
    now,
  });
});
