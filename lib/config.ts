// The only module that reads process.env. Read once, validated, exported typed.
import { ConfigurationError } from './errors';
import { IDENTITY_MODES, type IdentityMode } from './domain/identity-modes';

export interface Config {
  /** Region of the dataplane account the functions run in. */
  region: string;
  /** DynamoDB table of tenant status records. */
  statusTableName: string;
  /** URL of the account-manager FIFO queue. */
  accountManagerQueueUrl: string;
  /** Permissions boundary every dataplane role carries. */
  dataplaneBoundaryArn: string;
  /** Create a cluster's IAM OIDC provider when it is missing (otherwise fail and name it). */
  createOidcProvider: boolean;
  /** The verification function's execution role: every dataplane role trusts it (session names verify-*). */
  verifierRoleArn: string;
  /** This deployment's stack name: with the region, the owner every dataplane role it creates names in its tags. */
  stackName: string;
  /** State machines the event starter and the status API start; absent for functions that start none. */
  onboardingStateMachineArn?: string;
  verificationStateMachineArn?: string;
  /** Where events that cannot be processed go (SQS), with the reason. */
  invalidEventsQueueUrl?: string;
  /**
   * The stack's trust probe role, a role of ours that is not a dataplane role: the verifier assumes
   * customers' roles from it too, to find trust policies not pinned to the dataplane role. Absent for
   * functions that verify nothing.
   */
  trustProbeRoleArn?: string;
  /** The identity mode of a tenant whose request names none: irsa unless DEFAULT_IDENTITY says podIdentity. */
  defaultIdentity: IdentityMode;
  /** The bus the workflow's outbound events go to; absent for functions that send none. */
  outboundEventBusName?: string;
}

// Every partition's regions: <geography>[-<partition or country>]-<direction>-<number>, e.g. eu-west-1,
// us-gov-west-1, cn-northwest-1, us-isob-east-1, eu-isoe-west-1, eusc-de-east-1. Not a list of today's
// regions, so a region AWS opens later is not turned away.
export const REGION = /^[a-z]{2,4}(-[a-z]{2,4})?-[a-z]{4,9}-\d{1,2}$/;
export const REGION_EXAMPLES = 'eu-west-1, us-gov-west-1 or eusc-de-east-1';
const FIFO_QUEUE_URL = /^https?:\/\/[^/]+\/\d{12}\/[A-Za-z0-9_-]{1,75}\.fifo$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
// CloudFormation's rule for stack names; IAM tag values accept every one of these characters.
const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;
const POLICY_ARN = /^arn:aws[a-z-]*:iam::\d{12}:policy\/[\w+=,.@/-]+$/;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const read = (name: string, pattern: RegExp, allowed: string): string => {
    const value = env[name];
    if (value === undefined || value === '') problems.push(`${name} is not set (${allowed})`);
    else if (!pattern.test(value)) problems.push(`${name}="${value}" is not valid (${allowed})`);
    return value ?? '';
  };
  const region = read('AWS_REGION', REGION, `an AWS region such as ${REGION_EXAMPLES}`);
  const statusTableName = read('STATUS_TABLE_NAME', /^[A-Za-z0-9_.-]{3,255}$/, 'a DynamoDB table name');
  const accountManagerQueueUrl = read('ACCOUNT_MANAGER_QUEUE_URL', FIFO_QUEUE_URL, 'the URL of an SQS FIFO queue');
  const dataplaneBoundaryArn = read('DATAPLANE_BOUNDARY_ARN', POLICY_ARN, 'the ARN of a managed IAM policy');
  const verifierRoleArn = read('VERIFIER_ROLE_ARN', ROLE_ARN, 'the ARN of the verification function\'s IAM role');
  const stackName = read('STACK_NAME', STACK_NAME, 'a CloudFormation stack name: a letter, then letters, digits and hyphens, at most 128');
  const optional = (name: string, pattern: RegExp, allowed: string): string | undefined => {
    const value = env[name];
    if (value === undefined || value === '') return undefined;
    if (!pattern.test(value)) problems.push(`${name}="${value}" is not valid (${allowed})`);
    return value;
  };
  const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/;
  const onboardingStateMachineArn = optional('ONBOARDING_STATE_MACHINE_ARN', STATE_MACHINE_ARN, 'a Step Functions state machine ARN');
  const verificationStateMachineArn = optional('VERIFICATION_STATE_MACHINE_ARN', STATE_MACHINE_ARN, 'a Step Functions state machine ARN');
  const trustProbeRoleArn = optional('TRUST_PROBE_ROLE_ARN', ROLE_ARN, "the ARN of the stack's trust probe role");
  const outboundEventBusName = optional('OUTBOUND_EVENT_BUS_NAME', /^[\w.\-/]{1,256}$/, 'an EventBridge event bus name: letters, digits and ._-/, at most 256');
  const invalidEventsQueueUrl = optional('INVALID_EVENTS_QUEUE_URL', /^https?:\/\/[^/]+\/\d{12}\/[A-Za-z0-9_-]{1,80}$/, 'the URL of an SQS queue');
  const identity = env.DEFAULT_IDENTITY || 'irsa';
  if (!(IDENTITY_MODES as readonly string[]).includes(identity)) problems.push(`DEFAULT_IDENTITY="${identity}" must be ${IDENTITY_MODES.join(' or ')}`);
  const flag = env.CREATE_OIDC_PROVIDER ?? 'false';
  if (flag !== 'true' && flag !== 'false') problems.push(`CREATE_OIDC_PROVIDER="${flag}" must be true or false`);
  if (problems.length > 0) {
    throw new ConfigurationError(`Invalid configuration: ${problems.join('; ')}`, { problems });
  }
  return {
    region,
    statusTableName,
    accountManagerQueueUrl,
    dataplaneBoundaryArn,
    createOidcProvider: flag === 'true',
    defaultIdentity: identity as IdentityMode,
    verifierRoleArn,
    stackName,
    ...(onboardingStateMachineArn ? { onboardingStateMachineArn } : {}),
    ...(verificationStateMachineArn ? { verificationStateMachineArn } : {}),
    ...(invalidEventsQueueUrl ? { invalidEventsQueueUrl } : {}),
    ...(trustProbeRoleArn ? { trustProbeRoleArn } : {}),
    ...(outboundEventBusName ? { outboundEventBusName } : {}),
  };
}

let current: Config | undefined;

export function config(): Config {
  current ??= loadConfig();
  return current;
}

/** The local runner and tests configure the functions directly instead of through the environment. */
export function useConfig(values: Config | undefined): void {
  current = values;
}

/** For the CLI against a deployed stack: the region the usual AWS environment names, if any. */
export function regionFromEnvironment(env: Record<string, string | undefined> = process.env): string | undefined {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}
