// @ts-nocheck
// The adapters the functions run with, built from one set of clients: production clients in Lambda,
// sandbox-backed clients locally, so both run the same code.
import type { Config } from '../config';
import type { AccountManagerQueue, CallerIdentity, EksClusters, IamRoles, OidcProviders, StatusStore } from '../ports';
import type { AssumeRoleEvents, RoleAssumer } from '../ports';
import type { DeadLetters, WorkflowStarter } from '../ports';
import { SqsAccountManagerQueue } from './account-manager-queue';
import type { AwsClients } from './aws-clients';
import { StsCallerIdentity } from './caller-identity';
import { CloudTrailAssumeRoleEvents } from './cloudtrail-assume-role-events';
import { now } from '../clock';
import { EksClustersAdapter } from './eks-clusters';
import { IamRolesAdapter } from './iam-roles';
import { IamOidcProvidersAdapter } from './oidc-providers';
import { DynamoDbStatusStore } from './status-store';
import { StsRoleAssumer, stsClientFactory } from './sts-role-assumer';
import { SfnWorkflowStarter } from './step-functions-starter';
import { SqsDeadLetters } from './sqs-dead-letters';

export interface Adapters {
  eks: EksClusters;
  identity: CallerIdentity;
  oidcProviders: OidcProviders;
  iam: IamRoles;
  queue: AccountManagerQueue;
  statusStore: StatusStore;
  roleAssumer: RoleAssumer;
  assumeRoleEvents: AssumeRoleEvents;
  /** Throws ConfigurationError naming ONBOARDING_/VERIFICATION_STATE_MACHINE_ARN when the machine is not configured. */
  workflowStarter: WorkflowStarter;
  /** Throws ConfigurationError naming INVALID_EVENTS_QUEUE_URL when it is not configured. */
  deadLetters: DeadLetters;
}

/** The AWS partition a region belongs to; ARNs built by hand (OIDC provider ARNs) need it. */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  return 'aws';
}

export function productionAdapters(clients: AwsClients, config: Config): Adapters {
  const identity = new StsCallerIdentity(clients.sts);
  return {
    eks: new EksClustersAdapter(clients.eks, identity, config.region),
    identity,
    oidcProviders: new IamOidcProvidersAdapter(clients.iam, identity, partitionOfRegion(config.region)),
    iam: new IamRolesAdapter(clients.iam),
    queue: new SqsAccountManagerQueue(clients.sqs, config.accountManagerQueueUrl),
    statusStore: new DynamoDbStatusStore(clients.dynamodb, config.statusTableName),
    roleAssumer: new StsRoleAssumer(config.region, stsClientFactory(config.region, clients.sts)),
    // Paced on the functions' clock, which a local run moves past the polling waits it skips.
    assumeRoleEvents: new CloudTrailAssumeRoleEvents(clients.cloudtrail, { now: () => now().getTime() }),
    // Built even when unconfigured, so that only the functions that start executions or keep invalid
    // events need the variables, and those fail naming the one that is missing.
    workflowStarter: new SfnWorkflowStarter(clients.sfn, {
      onboarding: config.onboardingStateMachineArn,
      verification: config.verificationStateMachineArn,
    }),
    deadLetters: new SqsDeadLetters(clients.sqs, config.invalidEventsQueueUrl),
  };
}

export { mapAwsError, isAwsError, awsErrorName, type AwsCall } from './aws-errors';
export { SqsAccountManagerQueue } from './account-manager-queue';
export { StsCallerIdentity } from './caller-identity';
export { EksClustersAdapter } from './eks-clusters';
export { IamRolesAdapter } from './iam-roles';
export { IamOidcProvidersAdapter, IRSA_AUDIENCE } from './oidc-providers';
export {
  DynamoDbStatusStore,
  STATUS_TABLE_ATTRIBUTE_DEFINITIONS,
  STATUS_TABLE_KEY_SCHEMA,
  STATUS_TABLE_PARTITION_KEY,
} from './status-store';
export { SfnWorkflowStarter, executionArnOf, STATE_MACHINE_VARIABLES } from './step-functions-starter';
export { SqsDeadLetters, INVALID_EVENTS_QUEUE_VARIABLE } from './sqs-dead-letters';
