/**
 * # The embedded AWS sandbox
 *
 * An in-process, simulated AWS for running the onboarding workflow and its tests with no AWS
 * account and no network. It plugs into the real SDK v3 clients, so the production adapters in
 * lib/adapters run unchanged and receive what AWS would return: the same output shapes (policy
 * documents URL-encoded, dates as Date), the SDK's own exception classes with AWS's error codes,
 * HTTP status codes and messages, and AWS's validation and quotas.
 *
 * ```ts
 * const sandbox = AwsSandbox.fromScenario(loadScenario('scenarios/demo.json'), { dynamoEndpoint });
 * useClientEnvironment(sandbox.clientEnvironment());
 * const { iam } = createAwsClients({ region: 'eu-west-1' });   // now answered by the sandbox
 * // ... run code ...
 * sandbox.getRole('acme-dataplane-role');                       // what IAM holds, decoded
 * sandbox.callsTo('iam', 'CreateRole');                         // what was called, by whom
 * useClientEnvironment(undefined);
 * ```
 *
 * ## How it plugs in
 *
 * `clientEnvironment()` returns the ClientEnvironment that createAwsClients consults. It gives every
 * client static credentials that the sandbox maps to an identity (by default a session of the
 * functions' execution role in the vendor account) and adds a middleware at the `initialize` step
 * that answers the command in process: it reads the command name, input, the client's region and
 * access key, and dispatches to the simulated service. Because it answers before the retry step, the
 * SDK's own retries never run: an injected fault reaches the caller on every failing call.
 *
 * ## What is simulated
 *
 * - **IAM** (global per account): roles with trust policy, inline policies, tags and permissions
 *   boundary; OIDC providers. Role names are unique regardless of case; role ids change when a role
 *   is recreated. Policy documents are checked as IAM checks them (MalformedPolicyDocument), a trust
 *   policy naming an OIDC provider that does not exist is rejected, and quotas apply: roles and OIDC
 *   providers per account, trust policy size (whitespace not counted), inline policy size, tags.
 * - **STS**: GetCallerIdentity.
 * - **EKS** (per account and region): DescribeCluster and ListClusters of the scenario's clusters.
 * - **SQS** (per account and region): standard and FIFO queues, the required MessageGroupId, the
 *   5-minute deduplication window (a repeat answers with the first MessageId and is not enqueued),
 *   content-based deduplication, visibility timeouts and FIFO group ordering.
 * - **DynamoDB** is not simulated: `startDynalite()` starts dynalite, and its endpoint passed as
 *   `dynamoEndpoint` sends DynamoDB clients there.
 *
 * Any other operation, and every CloudTrail and Step Functions operation, throws
 * SandboxUnsupportedOperation naming the service and operation, so a gap is never mistaken for AWS.
 *
 * ## Scenarios
 *
 * A scenario (JSON, see scenarios/) is the world a sandbox starts from:
 *
 * ```json
 * {
 *   "name": "demo", "description": "...",
 *   "vendor": { "accountId": "111111111111", "region": "eu-west-1" },
 *   "clusters": [{ "name": "acme-prod", "status": "ACTIVE", "oidcProviderExists": true }],
 *   "roles": [{ "name": "acme-dataplane-role", "trustPolicy": { ... }, "tags": { ... } }],
 *   "quotas": { "rolesPerAccount": 1000, "oidcProvidersPerAccount": 100, "trustPolicySize": 2048 },
 *   "faults": [{ "service": "iam", "operation": "CreateRole", "error": "Throttling", "times": 2 }]
 * }
 * ```
 *
 * A cluster's `oidcIssuer` is derived from its name when absent and means "no issuer" when null.
 * `loadScenario` and `parseScenario` throw ScenarioError listing every bad field by path.
 *
 * ## Time
 *
 * The sandbox reads time from `now()` (Date.now unless one is given), so tests can move past SQS's
 * deduplication window or a visibility timeout without waiting.
 */
export {
  AwsSandbox,
  type NewCluster,
  type NewRole,
  type SandboxCall,
  type SandboxFault,
  type SandboxMessage,
  type SandboxOidcProvider,
  type SandboxOptions,
  type SandboxRole,
  type SandboxVendor,
} from './sandbox';
export {
  loadScenario,
  parseScenario,
  ScenarioError,
  type Scenario,
  type ScenarioCluster,
  type ScenarioFault,
  type ScenarioInput,
  type ScenarioProblem,
  type ScenarioRole,
} from './scenario';
export { startDynalite, type DynaliteServer } from './dynalite';
export { DEFAULT_IAM_QUOTAS, type IamQuotas } from './iam';
export { defaultOidcIssuer, type ClusterStatus } from './eks';
export { DEDUPLICATION_WINDOW_MS } from './sqs';
export { SandboxUnsupportedOperation, type SimulatedService } from './service-errors';
export type { Principal } from './simulation';
