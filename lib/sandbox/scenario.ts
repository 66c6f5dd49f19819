// Scenario files: the AWS world a sandbox starts from (the vendor account, its EKS clusters, roles
// that already exist, quotas) and the faults to inject. Validated up front so that a typo in a
// scenario fails with the path of the bad field instead of as a puzzling result much later.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { knownErrorNames, SERVICE_ERRORS, findErrorSpec, type SimulatedService } from './service-errors';

const SERVICES = ['iam', 'sts', 'eks', 'sqs', 'cloudtrail', 'sfn'] as const satisfies readonly SimulatedService[];

const accountId = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id');
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-1');
const roleName = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters (IAM role names)')
  .regex(/^[\w+=,.@-]+$/, 'may only contain letters, digits and _+=,.@- (IAM role names)');
const policyDocument = z
  .record(z.unknown(), { invalid_type_error: 'must be a policy document object ({"Version": ..., "Statement": [...]})' })
  .refine((doc) => 'Statement' in doc, 'must be a policy document with a Statement');
const positiveInt = z.number().int('must be a whole number').positive('must be greater than 0');

const clusterSchema = z
  .object({
    name: z
      .string()
      .regex(/^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/, 'must be an EKS cluster name: 1-100 letters, digits, - and _, starting with a letter or digit'),
    status: z.enum(['CREATING', 'ACTIVE', 'DELETING', 'FAILED', 'UPDATING', 'PENDING']).default('ACTIVE'),
    oidcIssuer: z
      .string()
      .url('must be a URL such as https://oidc.eks.eu-west-1.amazonaws.com/id/<ID>')
      .startsWith('https://', 'must start with https://')
      .nullable()
      .optional(),
    oidcProviderExists: z.boolean().default(false),
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
    tags: z.record(z.string({ invalid_type_error: 'tag values must be strings' })).optional(),
    permissionsBoundaryArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/[\w+=,.@/-]+$/, 'must be an IAM managed policy ARN')
      .optional(),
    inlinePolicies: z.record(policyDocument).optional(),
    maxSessionDuration: z.number().int().min(3600).max(43200).optional(),
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
        code: z.ZodIssueCode.custom,
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

const scenarioSchema = z
  .object({
    name: z.string().min(1, 'must not be empty'),
    description: z.string(),
    vendor: z
      .object({
        accountId,
        region,
        /** The role the functions run as; the sandbox's default caller is a session of it. */
        executionRoleName: roleName.optional(),
      })
      .strict(),
    /** Whether the local deployment may create a missing OIDC provider (CREATE_OIDC_PROVIDER). */
    createOidcProvider: z.boolean().optional(),
    clusters: z.array(clusterSchema),
    roles: z.array(roleSchema).default([]),
    quotas: quotasSchema.default({}),
    faults: z.array(faultSchema).default([]),
  })
  .strict()
  .superRefine((scenario, ctx) => {
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
  });

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioCluster = Scenario['clusters'][number];
export type ScenarioRole = Scenario['roles'][number];
export type ScenarioFault = Scenario['faults'][number];
/** A scenario as written in a file, before defaults are applied. */
export type ScenarioInput = z.input<typeof scenarioSchema>;

export interface ScenarioProblem {
  /** e.g. clusters[0].oidcIssuer; "(scenario)" for the document itself. */
  path: string;
  message: string;
}

/** A scenario that cannot be used; `problems` names every bad field. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';

  constructor(
    readonly source: string,
    readonly problems: ScenarioProblem[],
  ) {
    super(`Scenario ${source} is invalid:\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`);
  }
}

export function formatPath(path: ReadonlyArray<string | number>): string {
  if (path.length === 0) return '(scenario)';
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    return out === '' ? part : `${out}.${part}`;
  }, '');
}

// A contextual error map outranks messages set on a schema, so those are passed through here.
const errorMap: z.ZodErrorMap = (issue, ctx) => {
  const zodDefault = ctx.defaultError === 'Required' || ctx.defaultError.startsWith('Expected ');
  if (issue.code === z.ZodIssueCode.invalid_type && !zodDefault) return { message: ctx.defaultError };
  if (issue.code === z.ZodIssueCode.invalid_type) {
    if (issue.received === 'undefined') return { message: 'is required' };
    return { message: `must be ${article(issue.expected)}, got ${issue.received}` };
  }
  if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    return { message: `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` };
  }
  if (issue.code === z.ZodIssueCode.invalid_enum_value) {
    return { message: `must be one of ${issue.options.join(', ')}, got ${JSON.stringify(issue.received)}` };
  }
  return { message: ctx.defaultError };
};

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** Validates a parsed scenario document and applies its defaults; throws ScenarioError. */
export function parseScenario(json: unknown, source = 'scenario'): Scenario {
  const result = scenarioSchema.safeParse(json, { errorMap });
  if (!result.success) {
    throw new ScenarioError(
      source,
      result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
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
    throw new ScenarioError(path, [{ path: '(file)', message: `cannot be read: ${(error as Error).message}` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(path, [{ path: '(file)', message: `is not valid JSON: ${(error as Error).message}` }]);
  }
  return parseScenario(json, path);
}
