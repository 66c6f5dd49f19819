import { createHash } from 'node:crypto';
import { customerTargetRoleTrustPolicy, EXTERNAL_ID_PLACEHOLDER, PolicyDocument } from './policies';

/** The account-manager queue message: everything the account manager hands to the customer. */
export interface RoleReadyMessage {
  type: 'DataplaneRoleReady';
  tenantId: string;
  clusterName: string;
  dataplaneRoleArn: string;
  /** Ready to paste into the customer's target role; the External ID is theirs to choose. */
  customerTrustPolicy: PolicyDocument;
  externalIdPlaceholder: string;
  instructions: string[];
}

export function roleReadyMessage(tenantId: string, clusterName: string, roleArn: string): RoleReadyMessage {
  return {
    type: 'DataplaneRoleReady',
    tenantId,
    clusterName,
    dataplaneRoleArn: roleArn,
    customerTrustPolicy: customerTargetRoleTrustPolicy(roleArn),
    externalIdPlaceholder: EXTERNAL_ID_PLACEHOLDER,
    instructions: [
      'Create (or edit) the target role in your AWS account with the S3, Athena or Redshift permissions the connection needs.',
      `Set its trust policy to customerTrustPolicy, replacing ${EXTERNAL_ID_PLACEHOLDER} with an External ID you choose: 2-1224 characters from letters, digits and _+=,.@:/-, no spaces.`,
      'Enter the target role ARN and the same External ID in the connection form.',
    ],
  };
}

/**
 * One message per tenant and role: the same tenant and role ARN always give the same deduplication
 * id, so a retried or re-run publication inside SQS's 5-minute window is dropped by the queue.
 */
export function roleReadyDeduplicationId(tenantId: string, roleArn: string): string {
  return createHash('sha256').update(`${tenantId}\n${roleArn}`).digest('hex');
}
