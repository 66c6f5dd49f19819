import type { OnboardingRequest } from '../../lib/domain/onboarding/onboarding-request';
import type { EnsuredRole, ResolvedCluster } from '../../lib/domain/onboarding/provisioning';
import { roleReadyDeduplicationId, roleReadyMessage } from '../../lib/domain/onboarding/role-ready-message';
import { stepHandler, StepEvent } from '../../lib/lambda-handler';
import { runtime } from '../../lib/runtime';
import { accountManagerQueueAdapter } from '../../lib/adapters/account-manager-queue';

export interface PublishRoleArnEvent extends StepEvent {
  request: OnboardingRequest;
  cluster: ResolvedCluster;
  role: EnsuredRole;
}

export interface Publication {
  messageId: string;
  deduplicationId: string;
}

/** Publish Role Arn: one FIFO message per tenant and role for the account manager. */
export const handler = stepHandler(async (event: PublishRoleArnEvent): Promise<Publication> => {
  const { use } = runtime();
  const { request, cluster, role } = event;
  const deduplicationId = roleReadyDeduplicationId(request.tenantId, role.roleArn);
  const message = roleReadyMessage(request.tenantId, cluster.clusterName, role.roleArn);
  const { messageId } = await use(accountManagerQueueAdapter).publish(message, request.tenantId, deduplicationId);
  return { messageId, deduplicationId };
});
