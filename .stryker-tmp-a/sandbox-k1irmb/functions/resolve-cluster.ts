// @ts-nocheck
import type { OnboardingRequest } from '../lib/domain/onboarding-request';
import { resolveCluster, ResolvedCluster } from '../lib/domain/provisioning';
import { stepHandler, StepEvent } from '../lib/lambda-handler';
import { runtime } from '../lib/runtime';

export interface ResolveClusterEvent extends StepEvent {
  request: OnboardingRequest;
}

/** Resolve Cluster: the cluster's OIDC issuer and the IAM OIDC provider IRSA needs for it. */
export const handler = stepHandler(async (event: ResolveClusterEvent): Promise<ResolvedCluster> => {
  const { config, adapters } = runtime();
  return resolveCluster(event.request, {
    eks: adapters.eks,
    identity: adapters.identity,
    oidcProviders: adapters.oidcProviders,
    createOidcProvider: config.createOidcProvider,
  });
});
