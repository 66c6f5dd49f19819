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
 * SDK's own retries never run: an injected fault reaches the caller on every failing call. (A sandbox
 * given `sdkRetries` plays them for calls its rate limits throttle: see below.)
 *
 * ## What is simulated
 *
 * - **IAM** (global per account): roles with trust policy, inline policies, tags and permissions
 *   boundary; OIDC providers. Role names are unique regardless of case; role ids change when a role
 *   is recreated. Policy documents are checked as IAM checks them (MalformedPolicyDocument), a trust
 *   policy naming an OIDC provider that does not exist is rejected, and quotas apply: roles and OIDC
 *   providers per account, trust policy size (whitespace not counted), inline policy size, tags.
 * - **STS**: GetCallerIdentity; AssumeRole and AssumeRoleWithWebIdentity as AWS decides them (below).
 * - **EKS** (per account and region): DescribeCluster and ListClusters of the scenario's clusters.
 * - **SQS** (per account and region): standard and FIFO queues, the required MessageGroupId, the
 *   5-minute deduplication window (a repeat answers with the first MessageId and is not enqueued),
 *   content-based deduplication, visibility timeouts and FIFO group ordering.
 * - **CloudTrail** (per account and region): a record of every AssumeRole and
 *   AssumeRoleWithWebIdentity call, and LookupEvents over them (below).
 * - **S3** (buckets named globally, each in one account and region): GetBucketLocation, ListObjectsV2
 *   (Prefix, Delimiter, MaxKeys, StartAfter, ContinuationToken), GetObject (with Range; the Body is
 *   the SDK's stream, transformToByteArray() and all), PutObject and DeleteObject, on the customers'
 *   buckets; SSE-S3 or SSE-KMS per object, default encryption per bucket; bucket policies.
 * - **KMS**, behind S3 only (no KMS client is answered): the customers' keys and key policies, which
 *   decide kms:Decrypt (GetObject of an SSE-KMS object) and kms:GenerateDataKey (PutObject into one).
 * - **Athena** (per account and region): GetWorkGroup of the customers' workgroups.
 * - **Redshift** (per account and region): DescribeClusters and GetClusterCredentials of the customers'
 *   provisioned clusters; **Redshift Serverless**: GetWorkgroup and GetCredentials of their workgroups.
 * - **DynamoDB** is not simulated: `startDynalite()` starts dynalite, and its endpoint passed as
 *   `dynamoEndpoint` sends DynamoDB clients there.
 *
 * ## Rate limits
 *
 * IAM's write calls (every IAM operation but Get*, List*, Simulate*, Generate*) and STS's AssumeRole*
 * calls draw from token buckets per account, on the sandbox clock (lib/sandbox/rate-limits.ts: 10
 * writes a second with 20 saved up, 100 AssumeRole calls with 200; a scenario's `rateLimits` replaces
 * them). An empty bucket answers `Throttling`, HTTP 400, "Rate exceeded", and a throttled call takes no
 * token. Injected faults come first. With `sdkRetries`, a throttled call is tried again as the SDK
 * would (jittered backoff, on the sandbox clock) before the caller sees Throttling.
 *
 * Any other operation, and every Step Functions operation, throws SandboxUnsupportedOperation
 * naming the service and operation, so a gap is never mistaken for AWS.
 *
 * ## Role assumption
 *
 * The functions' own identity is a session of the execution role (`executionRoleArn`), which exists
 * in the vendor account's IAM with one inline policy: sts:AssumeRole on
 * `arn:aws:iam::<vendor>:role/*-dataplane-role` (a scenario's `executionRole` replaces it). AssumeRole
 * returns credentials for a new session; clients created with them call as that session, and
 * `sessionFor(accessKeyId)` tells what it is (its role, session policy, whether it was chained).
 * An AssumeRole call is decided in this order, with the policy evaluator of lib/domain:
 *
 * 1. Request validation, with STS's ValidationError texts (role ARN, session name, External ID
 *    2-1224 characters of `[\w+=,.@:/-]*`, DurationSeconds 900-43200 and at most 3600 when the caller
 *    is itself a role session, i.e. role chaining); a session policy must be a valid policy.
 * 2. RegionDisabledException when the role's account has STS off in the client's region.
 * 3. Explicit denies: an SCP of the caller's account, an RCP of the role's account, the caller's
 *    identity policies (its role's inline policies), its permissions boundary (when the sandbox knows
 *    that managed policy), its session policy. Each is named in the AccessDenied message.
 * 4. The caller's own side must allow: an identity policy (unless, in the role's own account, the
 *    trust policy names the caller's role or session itself), the boundary, the session policy.
 * 5. The role must exist and its trust policy allow, with sts:ExternalId, sts:RoleSessionName,
 *    aws:PrincipalArn and the other keys set; session tags and a source identity also need
 *    sts:TagSession and sts:SetSourceIdentity. A missing role and an unmet trust policy both give the
 *    bare "User: <caller> is not authorized to perform: sts:AssumeRole on resource: <role>".
 *
 * SCPs and RCPs sit on top of AWS's FullAWSAccess policies: only their Deny statements matter.
 * Identity policies are evaluated for sts:AssumeRole and for S3, KMS, Athena and Redshift (below); for every
 * other call a session policy alone limits the session (GetCallerIdentity excepted), so a deny-all
 * session can do nothing. Expired session credentials are refused by every service.
 *
 * What STS sees of IAM lags `iamPropagationSeconds` behind: a new role, trust policy or inline
 * policy takes effect that long after it was set (the scenario's starting state is settled). Trust
 * policies hold role principals by role id: a role deleted and created again is no longer trusted
 * (GetRole shows the old AROA... id) until the trust policy is saved again.
 *
 * ## CloudTrail
 *
 * Every AssumeRole and AssumeRoleWithWebIdentity call is recorded in the caller's account and the
 * client's region, in CloudTrail's record shape (errorCode and errorMessage on failure, the External
 * ID in requestParameters). A successful cross-account call is recorded in the role's account too,
 * with a shared event id; a denied one is not. `cloudTrailRecords(accountId?, region?)` returns them;
 * LookupEvents shows them `cloudTrailDelaySeconds` after the call, newest first, 50 a page, with
 * exactly one lookup attribute, 90 days back, at most 2 requests a second per account and region
 * (ThrottlingException, HTTP 400, "Rate exceeded"), all on the sandbox clock.
 *
 * ## Data access: S3, KMS, Athena and Redshift
 *
 * A call is answered in the order S3 takes it: an unknown bucket is `NoSuchBucket` (404, "The
 * specified bucket does not exist", `BucketName`); a bucket addressed from a client of another region
 * is `PermanentRedirect` (301, S3ServiceException, `Endpoint` and `Bucket` fields, the bucket's region
 * in the `x-amz-bucket-region` header of the error's `$response`; a client with
 * `followRegionRedirects` is answered from the bucket's region, as the SDK retries there), except
 * GetBucketLocation, which answers from anywhere (`LocationConstraint` absent for us-east-1, as the SDK
 * parses `<LocationConstraint/>`). Then the caller is authorized, as AWS decides a call (see
 * authorization.ts, decideResourceAccess): an explicit Deny in an SCP of the caller's account, an RCP
 * of the resource's account (not for Athena), the caller's role's inline policies (after IAM
 * propagation), its permissions boundary, its session policy or the bucket or key policy refuses;
 * otherwise the role's identity policies or a bucket policy naming the caller (one naming only the
 * account delegates to IAM) must allow, and the boundary and session policy too. A KMS key policy comes
 * first: it grants on its own where it names the caller, and lets IAM policies decide only where it
 * allows the account, as the default key policy does. S3 asks KMS for the caller with
 * kms:ViaService `s3.<region>.amazonaws.com`, kms:CallerAccount and
 * kms:EncryptionContext:aws:s3:arn (the object's ARN).
 *
 * A refusal is S3's `AccessDenied` (403; client-s3 models it) worded as S3 words it for a caller of the
 * bucket's account: `User: <arn> is not authorized to perform: s3:ListBucket on resource:
 * "arn:aws:s3:::<bucket>" because no identity-based policy allows the s3:ListBucket action` (or `with
 * an explicit deny in a session policy`, ...); another account's caller reads `Access Denied`. A KMS
 * refusal is S3's AccessDenied with KMS's text, the key ARN unquoted: `... kms:Decrypt on resource:
 * arn:aws:kms:<region>:<account>:key/<id> because no identity-based policy allows the kms:Decrypt
 * action` (`no resource-based policy` where the key policy does not allow). GetObject of a missing key
 * is `NoSuchKey` for a caller allowed s3:ListBucket, else AccessDenied naming s3:ListBucket on the
 * bucket. Athena refuses with `AccessDeniedException` (400), which names neither caller nor reason, and
 * answers an unknown workgroup with `InvalidRequestException` "WorkGroup <name> is not found".
 * `bucketObjects(bucket)` shows what a bucket holds; `addBucket`, `addKmsKey` and `addAthenaWorkgroup`
 * add more; objects put and deleted are kept in the saved state.
 *
 * Redshift and Redshift Serverless are decided the same way, with no resource policy and no RCP
 * (lib/sandbox/redshift.ts). DescribeClusters is `redshift:DescribeClusters` on
 * `arn:aws:redshift:<region>:<account>:cluster:<id>`; GetClusterCredentials is
 * `redshift:GetClusterCredentials` on `...:dbuser:<cluster>/<user>` and, with DbName, on
 * `...:dbname:<cluster>/<db>` too (AutoCreate also needs redshift:CreateClusterUser, DbGroups
 * redshift:JoinGroup on `...:dbgroup:<cluster>/<group>`), each checked in that order before the cluster
 * is looked up. A refusal is `AccessDenied` (403; RedshiftServiceException, as client-redshift does not
 * model it): `User: <arn> is not authorized to perform: redshift:GetClusterCredentials on resource:
 * arn:aws:redshift:<region>:<account>:dbuser:<cluster>/<user> because no identity-based policy allows the
 * redshift:GetClusterCredentials action` (the ARN unquoted). An unknown cluster is `ClusterNotFoundFault`
 * (Code ClusterNotFound, 404) "Cluster <id> not found.". Credentials are issued as `IAM:<user>`
 * (`IAMA:<user>` with AutoCreate) with a random password, expiring after DurationSeconds (900), also
 * for a user or database the cluster does not have (AWS says the login fails then, not the call).
 * Redshift Serverless looks the workgroup up first (its ARN, `arn:aws:redshift-serverless:<region>:
 * <account>:workgroup/<workgroupId>`, holds the id): an unknown one is `ResourceNotFoundException` (400)
 * "Serverless workgroup <name> not found."; then `redshift-serverless:GetWorkgroup` or `:GetCredentials`
 * on that ARN, refused as `AccessDeniedException` (400) in the same words. GetCredentials answers a
 * role session as `IAMR:<role name>`. Both answer with the status AWS sends, 400, where the SDK model
 * says 403 and 404. `addRedshiftCluster` and `addRedshiftServerlessWorkgroup` add more.
 *
 * ## The customers' side and the Spark dataplane
 *
 * A scenario's `customers` each have an account with roles, regions where STS is off, and `changes`
 * they make right after the Nth AssumeRole call against their account (fix or break a trust policy,
 * delete or create a role). `sparkAttempts` are calls by the tenants' real Spark sessions
 * (AssumeRole as `<tenant>-dataplane-role`, or AssumeRoleWithWebIdentity with a pod's token);
 * `simulateSparkAttempts()` runs them, and they land in CloudTrail next to ours.
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
 *   "faults": [{ "service": "iam", "operation": "CreateRole", "error": "Throttling", "times": 2 }],
 *   "rateLimits": { "iamWrites": { "perSecond": 10, "burst": 20 }, "sts": { "perSecond": 100, "burst": 200 } },
 *   "customers": [{
 *     "accountId": "222222222222", "name": "Acme Corp", "stsDisabledRegions": [],
 *     "roles": [{ "name": "qualytics-s3-read", "trustPolicy": { ... }, "inlinePolicies": { ... } }],
 *     "changes": [{ "afterAttempts": 2, "role": "qualytics-s3-read", "trustPolicy": { ... } }],
 *     "kmsKeys": [{ "id": "1234abcd-12ab-34cd-56ef-1234567890ab", "region": "eu-west-1", "policy": { ... } }],
 *     "buckets": [{
 *       "name": "acme-lake", "region": "eu-west-1", "defaultKmsKeyId": "1234abcd-12ab-34cd-56ef-1234567890ab",
 *       "objects": [{ "key": "sales/part-0.parquet", "size": 2048, "kmsKeyId": "1234abcd-12ab-34cd-56ef-1234567890ab" }],
 *       "policy": { ... }
 *     }],
 *     "athenaWorkgroups": [{ "name": "analytics", "region": "eu-west-1", "state": "ENABLED", "outputLocation": "s3://acme-lake/athena/" }],
 *     "redshiftClusters": [{ "identifier": "acme-dw", "region": "eu-west-1", "databases": ["sales"], "dbUsers": ["qualytics"] }],
 *     "redshiftServerlessWorkgroups": [{ "name": "acme-analytics", "region": "eu-west-1", "namespace": "acme" }]
 *   }],
 *   "organizations": { "scps": { "111111111111": [{ ... }] }, "rcps": { "222222222222": [{ ... }] } },
 *   "executionRole": { "inlinePolicies": { ... } },
 *   "managedPolicies": { "arn:aws:iam::111111111111:policy/boundary": { ... } },
 *   "iamPropagationSeconds": 0, "cloudTrailDelaySeconds": 0,
 *   "sparkAttempts": [{ "action": "AssumeRole", "tenant": "acme", "roleArn": "...", "externalId": "..." }],
 *   "connections": [{ "connectionId": "acme-data-lake", "roleArn": "...", "externalId": "...", "resource": { ... } }]
 * }
 * ```
 *
 * `connections` are for the local runner, which verifies them; the sandbox keeps them as
 * `sandbox.connections`, each `resource` as given. A customer's bucket names are global (unique across
 * customers); an object's size defaults to 1024 bytes of filler, and an object without `kmsKeyId` is
 * SSE-S3; a `kmsKeyId` or `defaultKmsKeyId` (a key id or key ARN) must name a key of the same customer
 * in the bucket's region; a key without `policy` has the default key policy. A Redshift cluster has
 * `databases` ["dev"] (the first is its DBName), no `dbUsers`, `status` available (or paused) and the
 * endpoint `<identifier>.<12 letters and digits derived from it>.<region>.redshift.amazonaws.com` unless
 * given; a serverless workgroup has a `workgroupId` derived from its name, `namespace` `<name>-ns`,
 * `databases` ["dev"] and the endpoint `<name>.<account>.<region>.redshift-serverless.amazonaws.com`
 * unless given. Cluster identifiers and workgroup names are unique in a customer's region. A change's `afterAttempts` counts every AssumeRole call against any role of
 * the customer's account (ours and the Spark sessions'), whatever its outcome.
 *
 * A cluster's `oidcIssuer` is derived from its name when absent and means "no issuer" when null.
 * `loadScenario` and `parseScenario` throw ScenarioError listing every bad field by path.
 *
 * ## Time
 *
 * The sandbox reads time from `now()` (Date.now unless one is given), so tests can move past SQS's
 * deduplication window, a visibility timeout, IAM propagation, CloudTrail's delivery delay or its
 * rate limit without waiting.
 */
export { AwsSandbox, EXECUTION_POLICY_NAME } from './sandbox';
export type {
  NewCluster,
  NewRole,
  SandboxCall,
  SandboxFault,
  SandboxMessage,
  SandboxOidcProvider,
  SandboxOptions,
  SandboxRole,
  SandboxSession,
  SandboxState,
  SandboxVendor,
  SparkAttempt,
  SparkAttemptResult,
} from './types';
export {
  loadScenario,
  parseScenario,
  ScenarioError,
  type Scenario,
  type ScenarioAthenaWorkgroup,
  type ScenarioRedshiftCluster,
  type ScenarioRedshiftServerlessWorkgroup,
  type ScenarioBucket,
  type ScenarioKmsKey,
  type ScenarioChange,
  type ScenarioCluster,
  type ScenarioConnection,
  type ScenarioCustomer,
  type ScenarioFault,
  type ScenarioOrganizations,
  type ScenarioSparkAttempt,
  type ScenarioInput,
  type ScenarioProblem,
  type ScenarioRole,
} from './scenario';
export { startDynalite, type DynaliteServer } from './dynalite';
export { decodeState, encodeState } from './state-codec';
export { DEFAULT_IAM_QUOTAS, type IamQuotas } from './iam-types';
export { DEFAULT_RATE_LIMITS, rateLimitedApi, type RateLimitedApi, type RateLimits } from './rate-limits';
export type { RateLimit } from './token-bucket';
export { defaultOidcIssuer, type ClusterStatus } from './eks';
export { DEDUPLICATION_WINDOW_MS } from './sqs';
export type { BucketDefinition, SandboxObject } from './s3';
export type { KmsKeyDefinition } from './kms';
export type { WorkgroupDefinition } from './athena';
export type { RedshiftClusterDefinition, RedshiftServerlessWorkgroupDefinition } from './redshift';
export { SandboxUnsupportedOperation, type SimulatedService } from './service-errors';
export type { Principal, RoleSession } from './simulation';
