// The adapters, over production clients in AWS and sandbox-backed clients locally, so both run the same
// code. A function builds only those it names (lib/runtime.ts); this list is for the CLI and local runs.
import type { Config } from '../config';
import type { AccountManagerQueue, CallerIdentity, EksClusters, IamRoles, OidcProviders, StatusStore } from '../ports';
import type { AssumeRoleEvents, RoleAssumer } from '../ports';
import type { DeadLetters, ExecutionRecords, WorkflowStarter } from '../ports';
import { accountManagerQueueAdapter } from './account-manager-queue';
import { adapterCache } from './adapter-factory';
import { callerIdentityAdapter } from './caller-identity';
import { assumeRoleEventsAdapter } from './cloudtrail-assume-role-events';
import { eksClustersAdapter } from './eks-clusters';
import { iamRolesAdapter } from './iam-roles';
import { oidcProvidersAdapter } from './oidc-providers';
import { deadLettersAdapter } from './sqs-dead-letters';
import { statusStoreAdapter } from './status-store';
import { executionRecordsAdapter } from './step-functions-executions';
import { workflowStarterAdapter } from './step-functions-starter';
import { roleAssumerAdapter } from './sts-role-assumer';

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
  /** Describes the configured state machines' executions (idempotency checks, support's history). */
  executions: ExecutionRecords;
  /** Throws ConfigurationError naming INVALID_EVENTS_QUEUE_URL when it is not configured. */
  deadLetters: DeadLetters;
}

export { partitionOfRegion } from './partition';

/** Every adapter, each built once from `config`: for the CLI and the local environment, not for functions. */
export function productionAdapters(config: Config): Adapters {
  const use = adapterCache(config);
  return {
    eks: use(eksClustersAdapter),
    identity: use(callerIdentityAdapter),
    oidcProviders: use(oidcProvidersAdapter),
    iam: use(iamRolesAdapter),
    queue: use(accountManagerQueueAdapter),
    statusStore: use(statusStoreAdapter),
    roleAssumer: use(roleAssumerAdapter),
    assumeRoleEvents: use(assumeRoleEventsAdapter),
    workflowStarter: use(workflowStarterAdapter),
    executions: use(executionRecordsAdapter),
    deadLetters: use(deadLettersAdapter),
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
export { SfnExecutionRecords, historyEventOf } from './step-functions-executions';
export { SqsDeadLetters, INVALID_EVENTS_QUEUE_VARIABLE } from './sqs-dead-letters';
