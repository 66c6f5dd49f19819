// Scenario files: the AWS world a sandbox starts from (the vendor account, its EKS clusters, roles
// that already exist, quotas), the customers' side (their accounts, target roles and trust policies,
// and how they change them over time), organizations policies, timing (IAM propagation, CloudTrail
// delivery), the Spark dataplane's own attempts, the connections to verify and the faults to inject.
// Validated up front so that a typo in a scenario fails with the path of the bad field instead of as
// a puzzling result much later.
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { REGION, REGION_EXAMPLES } from '../config';
import { knownErrorNames, SERVICE_ERRORS, findErrorSpec, type SimulatedService } from './service-errors';
import { connectionResourceSchema } from '../schemas/connection-resource';

const SERVICES = ['iam', 'sts', 'eks', 'sqs', 'cloudtrail', 'sfn', 'events', 's3', 'athena', 'redshift', 'redshift-serverless'] as const satisfies readonly SimulatedService[];

const accountId = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id');
// The functions' own rule, so a scenario can describe any region a deployment accepts (eusc-de-east-1...).
const region = z.string().regex(REGION, `must be an AWS region such as ${REGION_EXAMPLES}`);
const roleName = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters (IAM role names)')
  .regex(/^[\w+=,.@-]+$/, 'may only contain letters, digits and _+=,.@- (IAM role names)');
const policyDocument = z
  .record(z.string(), z.unknown(), {
    error: (issue) => (issue.input === undefined ? undefined : 'must be a policy document object ({"Version": ..., "Statement": [...]})'),
  })
  .refine((doc) => 'Statement' in doc, 'must be a policy document with a Statement');
const positiveInt = z.number().int('must be a whole number').positive('must be greater than 0');
const seconds = z.number().int('must be a whole number of seconds').min(0, 'must not be negative').max(86400, 'must be at most 86400 (one day)');
const managedPolicyArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/[\w+=,.@/-]+$/, 'must be an IAM managed policy ARN');
const tenantId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,48}$/, 'must be a tenant id: lower-case letters, digits and -, at most 49 characters');

const clusterSchema = z
  .object({
    name: z
      .string()
      .regex(/^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/, 'must be an EKS cluster name: 1-100 letters, digits, - and _, starting with a letter or digit'),
    status: z.enum(['CREATING', 'ACTIVE', 'DELETING', 'FAILED', 'UPDATING', 'PENDING']).default('ACTIVE'),
    oidcIssuer: z
      .string()
      .regex(/^https:\/\//, 'must start with https://')
      // After the pattern: a JSON Schema keeps the format of a string's last format check.
      .url('must be a URL such as https://oidc.eks.eu-west-1.amazonaws.com/id/<ID>')
      .nullable()
      .optional(),
    oidcProviderExists: z.boolean().default(false),
    podIdentityAgent: z.boolean().optional().describe('The EKS Pod Identity Agent add-on is installed (EKS Pod Identity needs it).'),
    version: z.string().optional(),
    region: region.optional(),
  })
  .strict();

const roleSchema = z
  .object({
    name: roleName,
    path: z.string().regex(/^(\/|\/[\u0021-\u007E]+\/)$/, 'must start and end with / (IAM paths)').optional(),
    description: z.string().max(1000).optional(),
    trustPolicy: policyDocument,
    tags: z.record(z.string(), z.string({ error: (issue) => (issue.input === undefined ? undefined : 'tag values must be strings') })).optional(),
    permissionsBoundaryArn: managedPolicyArn.optional(),
    inlinePolicies: z.record(z.string(), policyDocument).optional(),
    maxSessionDuration: z.number().int().min(3600).max(43200).optional(),
  })
  .strict();

/** A customer fixing or breaking their side: applied right after their account's Nth AssumeRole attempt. */
const changeSchema = z
  .object({
    /** Counts every AssumeRole call against any role of the customer's account, whatever its outcome. */
    afterAttempts: positiveInt,
    role: roleName,
    /** UpdateAssumeRolePolicy. */
    trustPolicy: policyDocument.optional(),
    /** DeleteRole (its inline policies first). */
    delete: z.literal(true, { error: 'must be true (or be left out)' }).optional(),
    /** CreateRole (and PutRolePolicy) under the name given in role. */
    create: roleSchema.omit({ name: true }).optional(),
  })
  .strict()
  .superRefine((change, ctx) => {
    const given = (['trustPolicy', 'delete', 'create'] as const).filter((k) => change[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `must say exactly one of trustPolicy, delete or create${given.length > 1 ? ` (got ${given.join(' and ')})` : ''}`,
      });
    }
  });

// S3's bucket naming rules (general purpose buckets): 3-63 lower-case letters, digits, dots and
// hyphens, beginning and ending with a letter or digit.
const bucketName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name: 3-63 lower-case letters, digits, . and -, starting and ending with a letter or digit')
  .refine((name) => !name.includes('..') && !/^\d+\.\d+\.\d+\.\d+$/.test(name), 'must be an S3 bucket name (no "..", not an IP address)');
/** A KMS key id (a UUID, or mrk-<32 hex> for a multi-Region key). */
const KMS_KEY_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):key\/(.+)$/;
const kmsKeyReference = z
  .string()
  .refine((ref) => KMS_KEY_ID.test(ref) || KMS_KEY_ARN.test(ref), 'must be a KMS key id (a UUID) or key ARN (arn:aws:kms:<region>:<account>:key/<id>)')
  .describe('A key id or key ARN of one of this customer\'s kmsKeys, in the bucket\'s region.');

const bucketObjectSchema = z
  .object({
    key: z.string().min(1, 'must not be empty').max(1024, 'must be at most 1024 characters (S3 object keys)'),
    size: z.number().int('must be a whole number of bytes').min(0, 'must not be negative').default(1024).describe('Bytes; the content is filler.'),
    kmsKeyId: kmsKeyReference.optional().describe('SSE-KMS with this key; absent: SSE-S3.'),
  })
  .strict();

const bucketSchema = z
  .object({
    name: bucketName,
    region,
    defaultKmsKeyId: kmsKeyReference.optional().describe('Default encryption SSE-KMS with this key: objects put from now on use it.'),
    objects: z.array(bucketObjectSchema).default([]),
    policy: policyDocument.optional().describe('The bucket policy.'),
  })
  .strict();

const kmsKeySchema = z
  .object({
    id: z.string().regex(KMS_KEY_ID, 'must be a KMS key id: a UUID such as 1234abcd-12ab-34cd-56ef-1234567890ab'),
    region,
    policy: policyDocument
      .optional()
      .describe('The key policy; default: the default key policy, which allows the account (arn:aws:iam::<account>:root) kms:* and so lets IAM policies decide.'),
  })
  .strict();

const athenaWorkgroupSchema = z
  .object({
    name: z.string().regex(/^[a-zA-Z0-9._-]{1,128}$/, 'must be an Athena workgroup name: 1-128 letters, digits, ., _ and -'),
    region,
    state: z.enum(['ENABLED', 'DISABLED']).default('ENABLED'),
    outputLocation: z.string().regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/, 'must be an S3 URI such as s3://bucket/prefix/').optional(),
  })
  .strict();

// Redshift's naming rules: a cluster identifier is 1-63 lower-case letters, digits and hyphens, starting
// with a letter, with no two hyphens in a row and no hyphen at the end. Database and user names are
// taken as loosely as a connection's resource takes them (lib/schemas/connection-resource.ts) and as
// GetClusterCredentials' own rules allow, so that any connection can be given a cluster that has its
// database and user.
const redshiftClusterIdentifier = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be a Redshift cluster identifier: 1-63 lower-case letters, digits and -, starting with a letter')
  .refine((id) => !id.includes('--') && !id.endsWith('-'), 'must be a Redshift cluster identifier (no "--", no - at the end)');
const redshiftDatabaseName = z
  .string()
  .regex(/^[a-z_][a-z0-9_$+.@-]{0,63}$/, 'must be a Redshift database name: 1-64 lower-case letters, digits and _$+.@-, starting with a letter or _');
const redshiftDbUser = z
  .string()
  .regex(/^[A-Za-z0-9_.@$+-]{1,128}$/, 'must be a Redshift database user name: 1-128 letters, digits and _.@$+-')
  .refine((user) => user.toLowerCase() !== 'public', 'cannot be PUBLIC (Redshift database user names)');
const hostName = z
  .string()
  .max(253, 'must be at most 253 characters (host names)')
  .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, 'must be a lower-case host name such as acme-dw.abc123xyz789.eu-west-1.redshift.amazonaws.com');
const serverlessName = z.string().regex(/^[a-z0-9-]{3,64}$/, 'must be a Redshift Serverless name: 3-64 lower-case letters, digits and -');

const redshiftClusterSchema = z
  .object({
    identifier: redshiftClusterIdentifier,
    region,
    databases: z.array(redshiftDatabaseName).min(1, 'must name at least one database').default(['dev']).describe('The first is the cluster\'s DBName.'),
    dbUsers: z.array(redshiftDbUser).default([]).describe('Database users that exist in the cluster.'),
    endpoint: hostName.optional().describe('Default <identifier>.<12 lower-case letters and digits derived from the identifier>.<region>.redshift.amazonaws.com.'),
    status: z.enum(['available', 'paused']).default('available'),
  })
  .strict();

const redshiftServerlessWorkgroupSchema = z
  .object({
    name: serverlessName,
    region,
    workgroupId: z
      .string()
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a UUID such as 2b3c4d5e-1a2b-4c3d-8e4f-5a6b7c8d9e0f')
      .optional()
      .describe('Default: derived from the account, region and name.'),
    namespace: serverlessName.optional().describe('Default <name>-ns.'),
    databases: z.array(redshiftDatabaseName).min(1, 'must name at least one database').default(['dev']),
    endpoint: hostName.optional().describe('Default <name>.<account>.<region>.redshift-serverless.amazonaws.com.'),
  })
  .strict();

const customerSchema = z
  .object({
    accountId,
    /** The customer's home region (informational: STS is called in the vendor's region). */
    region: region.optional(),
    name: z.string().min(1, 'must not be empty').optional(),
    roles: z.array(roleSchema).default([]),
    /** Regions where the customer's account has STS switched off (RegionDisabledException). */
    stsDisabledRegions: z.array(region).default([]),
    changes: z.array(changeSchema).default([]),
    /** S3 buckets of the customer's account; names are global, unique across all customers. */
    buckets: z.array(bucketSchema).default([]),
    /** KMS keys of the customer's account, for SSE-KMS buckets and objects. */
    kmsKeys: z.array(kmsKeySchema).default([]),
    athenaWorkgroups: z.array(athenaWorkgroupSchema).default([]),
    /** Redshift provisioned clusters of the customer's account (DescribeClusters, GetClusterCredentials). */
    redshiftClusters: z.array(redshiftClusterSchema).default([]),
    /** Redshift Serverless workgroups of the customer's account (GetWorkgroup, GetCredentials). */
    redshiftServerlessWorkgroups: z.array(redshiftServerlessWorkgroupSchema).default([]),
  })
  .strict();

const organizationsSchema = z
  .object({
    /** Service control policies by account: they bound what that account's principals may do. */
    scps: z.record(accountId, z.array(policyDocument)).optional(),
    /** Resource control policies by account: they bound what anyone may do to that account's resources. */
    rcps: z.record(accountId, z.array(policyDocument)).optional(),
  })
  .strict();

const connectionSchema = z
  .object({
    connectionId: z.string().min(1, 'must not be empty'),
    roleArn: z.string(),
    // Deliberately unchecked: a scenario may carry the malformed External ID a customer pasted.
    externalId: z.string(),
    /** The data the connection reaches (bucket, prefix, workgroup...), as the verification request gives it; checked by its own schema. */
    resource: connectionResourceSchema.optional(),
  })
  .strict();

const sparkAssumeRoleSchema = z
  .object({
    action: z.literal('AssumeRole'),
    tenant: tenantId,
    roleArn: z.string(),
    externalId: z.string().optional(),
    /** Defaults to spark-<epoch seconds>, as the Spark jobs name their sessions. */
    sessionName: z.string().optional(),
    durationSeconds: z.number().int().optional(),
  })
  .strict();

const sparkWebIdentitySchema = z
  .object({
    action: z.literal('AssumeRoleWithWebIdentity'),
    tenant: tenantId,
    /** The cluster whose OIDC issuer signs the pod's token (or give issuer). */
    cluster: z.string().optional(),
    issuer: z.string().regex(/^https:\/\//, 'must start with https://').optional(),
    /** e.g. system:serviceaccount:qualytics:qualytics-spark */
    subject: z.string().min(1, 'must not be empty'),
    audience: z.string().optional(),
    sessionName: z.string().optional(),
  })
  .strict();

const sparkAttemptSchema = z.discriminatedUnion('action', [sparkAssumeRoleSchema, sparkWebIdentitySchema]);

const executionRoleSchema = z
  .object({
    /** Replaces the default inline policy (sts:AssumeRole on the vendor's *-dataplane-role roles). */
    inlinePolicies: z.record(z.string(), policyDocument).optional(),
    permissionsBoundaryArn: managedPolicyArn.optional(),
  })
  .strict();

const faultSchema = z
  .object({
    service: z.enum(SERVICES),
    operation: z
      .string()
      .regex(/^[A-Z][A-Za-z0-9]+$/, 'must be an API operation name such as CreateRole')
      .refine((op) => !op.endsWith('Command'), 'name the API operation (CreateRole), not the SDK command (CreateRoleCommand)'),
    error: z.string().min(1),
    times: positiveInt.default(1),
    message: z.string().optional(),
  })
  .strict()
  .superRefine((fault, ctx) => {
    if (!findErrorSpec(fault.service, fault.error)) {
      ctx.addIssue({
        code: 'custom',
        path: ['error'],
        message: `is not an ${SERVICE_ERRORS[fault.service].displayName} error the sandbox knows; use one of ${knownErrorNames(fault.service).join(', ')}`,
      });
    }
  });

const quotasSchema = z
  .object({
    rolesPerAccount: positiveInt,
    oidcProvidersPerAccount: positiveInt,
    trustPolicySize: positiveInt,
    inlinePolicySize: positiveInt,
    tagsPerRole: positiveInt,
  })
  .partial()
  .strict();

// Token buckets per account (lib/sandbox/rate-limits.ts has the defaults and why).
const rateLimitSchema = z
  .object({
    perSecond: z.number().positive('must be greater than 0').max(100_000, 'must be at most 100000'),
    burst: positiveInt.max(1_000_000, 'must be at most 1000000'),
  })
  .strict();
const rateLimitsSchema = z
  .object({
    /** IAM's write calls (CreateRole, PutRolePolicy, TagRole, DeleteRole..., OIDC providers): one bucket per account. */
    iamWrites: rateLimitSchema.optional(),
    /** STS's AssumeRole calls: one bucket per calling account. */
    sts: rateLimitSchema.optional(),
  })
  .strict();

const scenarioSchemaBase = z
  .object({
    $schema: z.string().optional().describe('The JSON Schema editors check this file with, e.g. "../docs/scenario.schema.json".'),
    name: z.string().min(1, 'must not be empty'),
    description: z.string(),
    vendor: z
      .object({
        accountId,
        region,
        executionRoleName: roleName.optional().describe('The role the functions run as; the sandbox\'s default caller is a session of it.'),
      })
      .strict()
      .describe('Our (the vendor\'s) account and region, where the functions, the clusters and the dataplane roles are.'),
    createOidcProvider: z.boolean().optional().describe('Whether the local deployment may create a missing OIDC provider (CREATE_OIDC_PROVIDER).'),
    defaultIdentity: z
      .enum(['irsa', 'podIdentity'])
      .optional()
      .describe("The local deployment's identity mode for requests that name none (DEFAULT_IDENTITY); default irsa."),
    clusters: z.array(clusterSchema).describe('The vendor\'s EKS clusters (DescribeCluster) and whether their IAM OIDC providers exist.'),
    roles: z.array(roleSchema).default([]).describe('Roles that already exist in the vendor account (e.g. a dataplane role made by hand).'),
    quotas: quotasSchema.default({}).describe('IAM quotas of the vendor account, lower than AWS\'s defaults to make them reachable.'),
    faults: z.array(faultSchema).default([]).describe('Errors to inject: the next `times` calls of `operation` fail with `error`.'),
    executionRole: executionRoleSchema.optional().describe('The functions\' role: by default it may assume the vendor\'s dataplane roles.'),
    managedPolicies: z
      .record(managedPolicyArn, policyDocument)
      .optional()
      .describe('Customer-managed policies by ARN, for permissions boundaries the sandbox should enforce.'),
    customers: z
      .array(customerSchema)
      .default([])
      .describe('Customer accounts: their target roles and trust policies, regions with STS off, and the changes they make after N attempts.'),
    organizations: organizationsSchema.optional().describe('Service control policies (ours) and resource control policies (the customers\'), by account.'),
    iamPropagationSeconds: seconds.default(0).describe('Seconds before an IAM change (role created, trust or inline policy set) is seen by STS.'),
    cloudTrailDelaySeconds: seconds.default(0).describe('Seconds before a CloudTrail record shows in LookupEvents.'),
    rateLimits: rateLimitsSchema
      .optional()
      .describe('Token buckets per account, on the sandbox clock: iamWrites (default 10 a second, burst 20) and sts (AssumeRole; default 100 a second, burst 200). An empty bucket answers Throttling, "Rate exceeded".'),
    sparkAttempts: z
      .array(sparkAttemptSchema)
      .default([])
      .describe('Calls by the tenants\' real Spark sessions, made once the dataplane role exists, with their CloudTrail records.'),
    connections: z
      .array(connectionSchema)
      .default([])
      .describe('The customer connections a local run verifies (connection id, target role ARN, External ID).'),
  })
  .strict();

/** The one schema of scenario files: parseScenario validates with it, docs/scenario.schema.json is drawn from it. */
export const scenarioSchema = scenarioSchemaBase.superRefine((scenario, ctx) => {
  const clusters = new Map<string, number>();
  scenario.clusters.forEach((cluster, i) => {
    const key = `${cluster.region ?? scenario.vendor.region}/${cluster.name}`;
    const first = clusters.get(key);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['clusters', i, 'name'], message: `duplicates clusters[${first}] (${cluster.name})` });
    }
    clusters.set(key, i);
    if (cluster.oidcIssuer === null && cluster.oidcProviderExists) {
      ctx.addIssue({
        code: 'custom',
        path: ['clusters', i, 'oidcProviderExists'],
        message: 'cannot be true for a cluster without an OIDC issuer (oidcIssuer: null)',
      });
    }
  });
  const roles = new Map<string, number>();
  scenario.roles.forEach((role, i) => {
    // IAM role names are unique regardless of case.
    const first = roles.get(role.name.toLowerCase());
    if (first !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['roles', i, 'name'],
        message: `duplicates roles[${first}] (IAM role names are unique regardless of case)`,
      });
    }
    roles.set(role.name.toLowerCase(), i);
  });
  checkCustomers(scenario, ctx);
  scenario.sparkAttempts.forEach((attempt, i) => {
    if (attempt.action === 'AssumeRoleWithWebIdentity' && attempt.cluster === undefined && attempt.issuer === undefined) {
      ctx.addIssue({ code: 'custom', path: ['sparkAttempts', i], message: 'needs cluster or issuer: whose OIDC issuer the token comes from' });
    }
    if (attempt.action === 'AssumeRoleWithWebIdentity' && attempt.cluster !== undefined && !clusters.has(`${scenario.vendor.region}/${attempt.cluster}`)) {
      ctx.addIssue({ code: 'custom', path: ['sparkAttempts', i, 'cluster'], message: `names no cluster of this scenario in ${scenario.vendor.region}` });
    }
  });
  const connections = new Map<string, number>();
  scenario.connections.forEach((connection, i) => {
    const first = connections.get(connection.connectionId);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['connections', i, 'connectionId'], message: `duplicates connections[${first}]` });
    }
    connections.set(connection.connectionId, i);
  });
});

type ParsedScenario = z.output<typeof scenarioSchemaBase>;

/** The key id a reference (an id or a key ARN) names, when it is one of the keys given in that account and region. */
export function resolveKmsKeyReference(reference: string, accountId: string, region: string, keyIds: ReadonlySet<string>): string | undefined {
  const arn = KMS_KEY_ARN.exec(reference);
  if (arn) return arn[1] === region && arn[2] === accountId && keyIds.has(arn[3]!) ? arn[3] : undefined;
  return keyIds.has(reference) ? reference : undefined;
}

function checkCustomerData(scenario: ParsedScenario, ctx: z.RefinementCtx): void {
  const buckets = new Map<string, string>();
  scenario.customers.forEach((customer, i) => {
    const keys = new Map<string, Set<string>>();
    const keyPaths = new Map<string, number>();
    customer.kmsKeys.forEach((key, k) => {
      const first = keyPaths.get(key.id);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['customers', i, 'kmsKeys', k, 'id'], message: `duplicates customers[${i}].kmsKeys[${first}]` });
      }
      keyPaths.set(key.id, k);
      keys.set(key.region, (keys.get(key.region) ?? new Set()).add(key.id));
    });
    const checkKey = (reference: string | undefined, path: (string | number)[], bucketRegion: string) => {
      if (reference === undefined) return;
      if (resolveKmsKeyReference(reference, customer.accountId, bucketRegion, keys.get(bucketRegion) ?? new Set()) === undefined) {
        const there = [...(keys.get(bucketRegion) ?? [])];
        ctx.addIssue({
          code: 'custom',
          path,
          message: `names no KMS key of this customer (${customer.accountId}) in ${bucketRegion}, the bucket's region (its keys there: ${there.join(', ') || 'none'})`,
        });
      }
    };
    customer.buckets.forEach((bucket, b) => {
      const where = `customers[${i}].buckets[${b}]`;
      const first = buckets.get(bucket.name);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['customers', i, 'buckets', b, 'name'], message: `duplicates ${first} (S3 bucket names are global)` });
      } else {
        buckets.set(bucket.name, where);
      }
      checkKey(bucket.defaultKmsKeyId, ['customers', i, 'buckets', b, 'defaultKmsKeyId'], bucket.region);
      const objectKeys = new Map<string, number>();
      bucket.objects.forEach((object, o) => {
        const firstObject = objectKeys.get(object.key);
        if (firstObject !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['customers', i, 'buckets', b, 'objects', o, 'key'], message: `duplicates objects[${firstObject}]` });
        }
        objectKeys.set(object.key, o);
        checkKey(object.kmsKeyId, ['customers', i, 'buckets', b, 'objects', o, 'kmsKeyId'], bucket.region);
      });
    });
    const workgroups = new Map<string, number>();
    customer.athenaWorkgroups.forEach((workgroup, w) => {
      const key = `${workgroup.region}/${workgroup.name}`;
      const first = workgroups.get(key);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['customers', i, 'athenaWorkgroups', w, 'name'], message: `duplicates athenaWorkgroups[${first}] (in ${workgroup.region})` });
      }
      workgroups.set(key, w);
    });
    checkRedshift(customer, i, ctx);
  });
}

/** Cluster identifiers and workgroup names are unique in an account and region; workgroup ids in an account. */
function checkRedshift(customer: ParsedScenario['customers'][number], i: number, ctx: z.RefinementCtx): void {
  const clusters = new Map<string, number>();
  customer.redshiftClusters.forEach((cluster, c) => {
    const key = `${cluster.region}/${cluster.identifier}`;
    const first = clusters.get(key);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['customers', i, 'redshiftClusters', c, 'identifier'], message: `duplicates redshiftClusters[${first}] (in ${cluster.region})` });
    }
    clusters.set(key, c);
  });
  const workgroups = new Map<string, number>();
  const ids = new Map<string, number>();
  customer.redshiftServerlessWorkgroups.forEach((workgroup, w) => {
    const key = `${workgroup.region}/${workgroup.name}`;
    const first = workgroups.get(key);
    if (first !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['customers', i, 'redshiftServerlessWorkgroups', w, 'name'],
        message: `duplicates redshiftServerlessWorkgroups[${first}] (in ${workgroup.region})`,
      });
    }
    workgroups.set(key, w);
    if (workgroup.workgroupId !== undefined) {
      const firstId = ids.get(workgroup.workgroupId);
      if (firstId !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['customers', i, 'redshiftServerlessWorkgroups', w, 'workgroupId'],
          message: `duplicates the workgroupId of redshiftServerlessWorkgroups[${firstId}]`,
        });
      }
      ids.set(workgroup.workgroupId, w);
    }
  });
}

function checkCustomers(scenario: ParsedScenario, ctx: z.RefinementCtx): void {
  checkCustomerData(scenario, ctx);
  const accounts = new Map<string, number>();
  scenario.customers.forEach((customer, i) => {
    if (customer.accountId === scenario.vendor.accountId) {
      ctx.addIssue({ code: 'custom', path: ['customers', i, 'accountId'], message: 'is the vendor account; a customer has an account of its own' });
    }
    const first = accounts.get(customer.accountId);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['customers', i, 'accountId'], message: `duplicates customers[${first}]` });
    }
    accounts.set(customer.accountId, i);
    const existing = new Set<string>();
    customer.roles.forEach((role, j) => {
      if (existing.has(role.name.toLowerCase())) {
        ctx.addIssue({
          code: 'custom',
          path: ['customers', i, 'roles', j, 'name'],
          message: 'duplicates another role of this customer (IAM role names are unique regardless of case)',
        });
      }
      existing.add(role.name.toLowerCase());
    });
    // Replays the changes in the order they happen, so each one is checked against the roles that exist then.
    const order = customer.changes.map((change, j) => ({ change, j })).sort((a, b) => a.change.afterAttempts - b.change.afterAttempts);
    for (const { change, j } of order) {
      const key = change.role.toLowerCase();
      if (change.create !== undefined) {
        if (existing.has(key)) {
          ctx.addIssue({ code: 'custom', path: ['customers', i, 'changes', j, 'create'], message: `creates ${change.role}, which exists at that point` });
        }
        existing.add(key);
      } else if (!existing.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['customers', i, 'changes', j, 'role'],
          message: `names ${change.role}, which does not exist at that point (the customer's roles then: ${[...existing].join(', ') || 'none'})`,
        });
      } else if (change.delete) {
        existing.delete(key);
      }
    }
  });
}

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioCluster = Scenario['clusters'][number];
export type ScenarioRole = Scenario['roles'][number];
export type ScenarioFault = Scenario['faults'][number];
export type ScenarioCustomer = Scenario['customers'][number];
export type ScenarioChange = ScenarioCustomer['changes'][number];
export type ScenarioBucket = ScenarioCustomer['buckets'][number];
export type ScenarioKmsKey = ScenarioCustomer['kmsKeys'][number];
export type ScenarioAthenaWorkgroup = ScenarioCustomer['athenaWorkgroups'][number];
export type ScenarioRedshiftCluster = ScenarioCustomer['redshiftClusters'][number];
export type ScenarioRedshiftServerlessWorkgroup = ScenarioCustomer['redshiftServerlessWorkgroups'][number];
export type ScenarioConnection = Scenario['connections'][number];
export type ScenarioSparkAttempt = Scenario['sparkAttempts'][number];
export type ScenarioOrganizations = NonNullable<Scenario['organizations']>;
/** A scenario as written in a file, before defaults are applied. */
export type ScenarioInput = z.input<typeof scenarioSchema>;

export interface ScenarioProblem {
  /** e.g. clusters[0].oidcIssuer; "(scenario)" for the document itself. */
  path: string;
  message: string;
}

/** The path of a problem with the file itself (unreadable, not JSON) rather than a field. */
const FILE = '(file)';

/** A scenario that cannot be used; `problems` names every bad field. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';

  constructor(
    readonly source: string,
    readonly problems: ScenarioProblem[],
  ) {
    // One line per problem, each naming the file and the field: `scenario x.json: customers[0].roles[0].trustPolicy: ...`.
    super(problems.map((p) => `scenario ${source}: ${p.path === FILE ? '' : `${p.path}: `}${p.message}`).join('\n'));
  }
}

export function formatPath(path: ReadonlyArray<string | number>): string {
  if (path.length === 0) return '(scenario)';
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    return out === '' ? part : `${out}.${part}`;
  }, '');
}

// Messages set on a schema outrank this map (zod 4's precedence); it words zod's own issues.
const errorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return { message: 'is required' };
      return { message: `must be ${article(issue.expected)}, got ${parsedType(issue.input)}` };
    case 'unrecognized_keys':
      return { message: `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` };
    case 'invalid_value':
      return { message: `must be one of ${issue.values.map(String).join(', ')}, got ${JSON.stringify(issue.input)}` };
    case 'invalid_union': {
      // A discriminator that matches no option (a Spark attempt's action): zod lists the options it knows.
      const options = (issue as { options?: unknown[] }).options;
      return options ? { message: `must be one of ${options.map(String).join(', ')}` } : undefined;
    }
    case 'invalid_key':
      // A record's key (an account id): the key schema's own message says what a key must be.
      return issue.issues[0] ? { message: issue.issues[0].message } : undefined;
    default:
      return undefined;
  }
};

/** The type of a value as zod 3 named it in its messages (`got string`, `got null`, `got array`). */
function parsedType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'nan';
  return typeof value;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** Validates a parsed scenario document and applies its defaults; throws ScenarioError. */
export function parseScenario(json: unknown, source = 'scenario'): Scenario {
  const result = scenarioSchema.safeParse(json, { error: errorMap });
  if (!result.success) {
    throw new ScenarioError(
      source,
      result.error.issues.map((issue) => ({ path: formatPath(issue.path as (string | number)[]), message: issue.message })),
    );
  }
  return result.data;
}

/** Reads and validates a scenario file; throws ScenarioError naming the file. */
export function loadScenario(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ScenarioError(path, [{ path: FILE, message: `cannot be read: ${(error as Error).message}` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(path, [{ path: FILE, message: `is not valid JSON: ${(error as Error).message}` }]);
  }
  return parseScenario(json, path);
}
