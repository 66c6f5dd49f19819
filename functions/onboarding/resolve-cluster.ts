import type { OnboardingRequest } from '../../lib/domain/onboarding/onboarding-request';
import { resolveCluster, ResolvedCluster } from '../../lib/domain/onboarding/provisioning';
import { stepHandler, StepEvent } from '../../lib/lambda-handler';
import { runtime } from '../../lib/runtime';
import { callerIdentityAdapter } from '../../lib/adapters/caller-identity';
import { eksClustersAdapter } from '../../lib/adapters/eks-clusters';
import { oidcProvidersAdapter } from '../../lib/adapters/oidc-providers';
import { podIdentityAssociationsAdapter } from '../../lib/adapters/pod-identity-associations';

export interface ResolveClusterEvent extends StepEvent {
  request: OnboardingRequest;
}

/**
 * Resolve Cluster: the cluster and the identity mode; for IRSA its OIDC issuer and the IAM OIDC
 * provider it needs, for EKS Pod Identity the agent add-on.
 */
export const handler = stepHandler(async (event: ResolveClusterEvent): Promise<ResolvedCluster> => {
  const { config, use } = runtime();
  return resolveCluster(event.request, {
    eks: use(eksClustersAdapter),
    identity: use(callerIdentityAdapter),
    oidcProviders: use(oidcProvidersAdapter),
    createOidcProvider: config.createOidcProvider,
    defaultIdentity: config.defaultIdentity,
    podIdentity: use(podIdentityAssociationsAdapter),
  });
});
