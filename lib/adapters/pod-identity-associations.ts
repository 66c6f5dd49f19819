// EKS Pod Identity on a tenant's cluster: its agent add-on, and its associations, one per namespace and
// ServiceAccount, naming the role its pods get. CreatePodIdentityAssociation passes the role to EKS
// (iam:PassRole).
import {
  CreatePodIdentityAssociationCommand,
  DeletePodIdentityAssociationCommand,
  EKSClient,
  ListPodIdentityAssociationsCommand,
  DescribePodIdentityAssociationCommand,
  DescribeAddonCommand,
} from '@aws-sdk/client-eks';
import type { PodIdentityAssociation, PodIdentityAssociations } from '../ports';
import { isAwsError, mapAwsError } from './aws-errors';
import type { AdapterFactory } from './adapter-factory';
import { sharedClient } from './aws-client-factory';

/** The add-on whose agent gives pods their EKS Pod Identity credentials. */
export const POD_IDENTITY_AGENT_ADDON = 'eks-pod-identity-agent';

export class EksPodIdentityAssociations implements PodIdentityAssociations {
  constructor(private readonly eks: EKSClient) {}

  async agentStatus(clusterName: string): Promise<string | undefined> {
    try {
      const { addon } = await this.eks.send(new DescribeAddonCommand({ clusterName, addonName: POD_IDENTITY_AGENT_ADDON }));
      return addon?.status ?? 'UNKNOWN';
    } catch (error) {
      if (isAwsError(error, 'ResourceNotFoundException')) return undefined;
      throw mapAwsError(error, { service: 'EKS', operation: 'DescribeAddon', resource: `${clusterName} ${POD_IDENTITY_AGENT_ADDON}` });
    }
  }

  async find(clusterName: string, namespace: string, serviceAccount: string): Promise<PodIdentityAssociation | undefined> {
    const resource = `${clusterName} ${namespace}/${serviceAccount}`;
    try {
      const { associations } = await this.eks.send(new ListPodIdentityAssociationsCommand({ clusterName, namespace, serviceAccount }));
      const summary = associations?.find((a) => a.namespace === namespace && a.serviceAccount === serviceAccount);
      if (!summary?.associationId) return undefined;
      // The list names no role: the association's description does.
      const { association } = await this.eks.send(new DescribePodIdentityAssociationCommand({ clusterName, associationId: summary.associationId }));
      return { associationId: summary.associationId, roleArn: association?.roleArn ?? '' };
    } catch (error) {
      throw mapAwsError(error, { service: 'EKS', operation: 'ListPodIdentityAssociations', resource });
    }
  }

  async create(clusterName: string, namespace: string, serviceAccount: string, roleArn: string): Promise<PodIdentityAssociation> {
    try {
      const { association } = await this.eks.send(new CreatePodIdentityAssociationCommand({ clusterName, namespace, serviceAccount, roleArn }));
      if (!association?.associationId) throw new Error(`EKS CreatePodIdentityAssociation on ${clusterName} returned no association id`);
      return { associationId: association.associationId, roleArn: association.roleArn ?? roleArn };
    } catch (error) {
      throw mapAwsError(error, { service: 'EKS', operation: 'CreatePodIdentityAssociation', resource: `${clusterName} ${namespace}/${serviceAccount}` });
    }
  }

  async delete(clusterName: string, associationId: string): Promise<void> {
    try {
      await this.eks.send(new DeletePodIdentityAssociationCommand({ clusterName, associationId }));
    } catch (error) {
      // Already gone: what deleting it was for.
      if (isAwsError(error, 'ResourceNotFoundException')) return;
      throw mapAwsError(error, { service: 'EKS', operation: 'DeletePodIdentityAssociation', resource: `${clusterName} ${associationId}` });
    }
  }
}

export const podIdentityAssociationsAdapter: AdapterFactory<PodIdentityAssociations> = (config) =>
  new EksPodIdentityAssociations(sharedClient('eks', EKSClient, config.region));
