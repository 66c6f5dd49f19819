// Every AWS call a function makes is one its role in the packaged template grants. The state machines
// run end to end on the sandbox through scenarios that reach every path of their functions (create,
// converge, a created OIDC provider, denials with CloudTrail, warnings, events, permission probes); each call the
// function makes as itself (not as a session it assumed) is recorded with the function it ran in, and
// checked against that function's role: the action (with the tagging action for tags given at
// creation, and iam:PassRole for a role passed to a service), and for DynamoDB the table or index it names.
// The sandbox does not enforce IAM on DynamoDB, so without this a missing grant passes every other test.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FUNCTIONS, functionsInvokedBy, logicalIdOf, STATE_MACHINE_NAMES } from '../../functions';
import { useClientInstrumentation } from '../../lib/adapters/aws-client-factory';
import { currentFunction } from '../../lib/local/current-function';
import { LocalEnvironment } from '../../lib/local/local-environment';
import { loadScenario } from '../../lib/sandbox';
import { actionsOf, identityStatements, resourceTexts } from './helpers/iam';
import { packageService, type Template } from './helpers/package-service';

/** IAM's service prefix for each client. */
const IAM_PREFIX: Record<string, string> = {
  IAMClient: 'iam',
  STSClient: 'sts',
  EKSClient: 'eks',
  SQSClient: 'sqs',
  CloudTrailClient: 'cloudtrail',
  SFNClient: 'states',
  EventBridgeClient: 'events',
  DynamoDBClient: 'dynamodb',
  S3Client: 's3',
  AthenaClient: 'athena',
  RedshiftClient: 'redshift',
  RedshiftServerlessClient: 'redshift-serverless',
};
/** Creations whose Tags IAM authorizes as a tagging action too. */
const TAGGED_CREATE: Record<string, string> = {
  'iam:CreateRole': 'iam:TagRole',
  'iam:CreateOpenIDConnectProvider': 'iam:TagOpenIDConnectProvider',
};
/** Calls IAM authorizes as a second action too: a role passed to a service. */
const PASSES_ROLE = new Set(['eks:CreatePodIdentityAssociation', 'eks:UpdatePodIdentityAssociation']);
/** Calls IAM does not authorize. */
const UNAUTHORIZED = new Set(['sts:GetCallerIdentity']);
const SHORT = { firstRetrySeconds: 60, maxIntervalSeconds: 3600, deadlineSeconds: 3600 };

interface Call {
  fn: string;
  action: string;
  /** For DynamoDB: the table, or table/index/<name>. */
  resource?: string;
}

const calls: Call[] = [];
let packageDir: string;
let template: Template;
let ownKeyId: string | undefined;

function recording<C>(client: C): C {
  const c = client as unknown as {
    constructor: { name: string };
    config: { credentials: () => Promise<{ accessKeyId: string }> };
    middlewareStack: { identify(): string[]; add: Function; addRelativeTo: Function };
  };
  const prefix = IAM_PREFIX[c.constructor.name];
  if (!prefix) throw new Error(`no IAM prefix for ${c.constructor.name}`);
  const middleware = (next: (args: any) => Promise<any>, context: { commandName?: string }) => async (args: { input: Record<string, any> }) => {
    const fn = currentFunction.getStore();
    const credentials = await c.config.credentials();
    // A call made with a session's credentials (the dataplane role's, the customer's) is that role's.
    if (fn && credentials.accessKeyId === ownKeyId) {
      const operation = (context.commandName ?? '').replace(/Command$/, '');
      const table = args.input.TableName as string | undefined;
      // Tags given at creation need the tagging action too (IAM's rule for CreateRole and CreateOpenIDConnectProvider).
      const tagging = TAGGED_CREATE[`${prefix}:${operation}`];
      if (tagging && Array.isArray(args.input.Tags) && args.input.Tags.length > 0) calls.push({ fn, action: tagging });
      if (PASSES_ROLE.has(`${prefix}:${operation}`)) calls.push({ fn, action: 'iam:PassRole' });
      calls.push({
        fn,
        action: `${prefix}:${operation}`,
        ...(prefix === 'dynamodb' ? { resource: args.input.IndexName ? `${table}/index/${args.input.IndexName}` : (table ?? Object.keys(args.input.RequestItems ?? {})[0]) } : {}),
      });
    }
    return next(args);
  };
  // Before the sandbox's own middleware, which answers the call without passing it on.
  if (c.middlewareStack.identify().some((m) => m.startsWith('awsSandbox'))) {
    c.middlewareStack.addRelativeTo(middleware, { relation: 'before', toMiddleware: 'awsSandbox', name: 'recordGrantedCalls' });
  } else {
    c.middlewareStack.add(middleware, { step: 'initialize', priority: 'high', name: 'recordGrantedCalls' });
  }
  return client;
}

async function run(
  scenarioName: string,
  input: (env: LocalEnvironment) => Record<string, unknown>,
  options: { createOidcProvider?: boolean; switchBackToIrsa?: boolean } = {},
) {
  const env = await LocalEnvironment.start(
    loadScenario(path.resolve(__dirname, '../../scenarios', `${scenarioName}.json`)),
    options.createOidcProvider !== undefined ? { createOidcProvider: options.createOidcProvider } : {},
  );
  try {
    ownKeyId = env.sandbox.credentials.accessKeyId;
    useClientInstrumentation(recording);
    await env.onboard(input(env));
    // A second onboarding of the same tenant converges its role and finds everything in place.
    if (scenarioName === 'verify-wrong-external-id-fixed-later') await env.onboard({ tenantId: 'acme', clusterName: 'acme-prod' });
    if (options.switchBackToIrsa) {
      env.sandbox.addOidcProvider(env.sandbox.clusterIssuer('acme-prod')!);
      await env.onboard({ tenantId: 'acme', clusterName: 'acme-prod', identity: 'irsa' });
    }
  } finally {
    useClientInstrumentation(undefined);
    await env.close();
  }
}

beforeAll(async () => {
  packageDir = await mkdtemp(path.join(os.tmpdir(), 'onboarding-iam-calls-'));
  template = await packageService(packageDir);
  const withConnections = (env: LocalEnvironment) => ({ tenantId: 'acme', clusterName: 'acme-prod', targetRoles: env.sandbox.connections, schedule: SHORT });
  await run('verify-wrong-external-id-fixed-later', withConnections);
  await run('trust-not-pinned', withConnections);
  // The permission probes call S3 as the customer's role: none of those calls is the verifier's own.
  await run('probe-verified', withConnections);
  await run('probe-workgroup-not-found', withConnections);
  await run('probe-redshift-serverless-verified', withConnections);
  await run('probe-redshift-credentials-denied', withConnections);
  await run('verify-missing-role', withConnections);
  await run('spark-dataplane-denials', withConnections);
  await run('missing-oidc-provider', () => ({ tenantId: 'acme', clusterName: 'acme-prod' }), { createOidcProvider: true });
  await run('role-already-ours', () => ({ tenantId: 'acme', clusterName: 'acme-prod' }));
  await run('demo', () => ({ tenantId: 'acme', clusterName: 'not a cluster' }));
  // EKS Pod Identity: onboarded in that mode, then switched back to IRSA (the association removed).
  await run('pod-identity', withConnections, { switchBackToIrsa: true });
}, 300_000);

afterAll(async () => {
  if (packageDir) await rm(packageDir, { recursive: true, force: true });
});

/** A grant's resource as the packaged template writes it, for the status table: the table or one of its indexes. */
function grantedTables(resources: string[]): string[] {
  return resources.flatMap((r) => {
    if (r === 'GetAtt:StatusTable.Arn') return ['tenant-dataplane-onboarding-local-status'];
    const index = /^\$\{StatusTable\.Arn\}\/index\/(.+)$/.exec(r);
    return index ? [`tenant-dataplane-onboarding-local-status/index/${index[1]}`] : [];
  });
}

const STATE_MACHINE_FUNCTIONS = [...new Set(STATE_MACHINE_NAMES.flatMap(functionsInvokedBy))];

describe("each function's role grants every call the function makes", () => {
  it('reaches every function the state machines run', () => {
    expect([...new Set(calls.map((c) => c.fn))].sort()).toEqual([...STATE_MACHINE_FUNCTIONS].sort());
  });

  it.each(STATE_MACHINE_FUNCTIONS)('%s', (fn) => {
    // Prepare
    const role = template.Resources[logicalIdOf(fn)]!.Properties.Role['Fn::GetAtt'][0] as string;
    const grants = identityStatements(template)
      .filter((s) => s.owner === role && s.statement.Effect === 'Allow')
      .flatMap((s) => actionsOf(s.statement).map((action) => ({ action, resources: resourceTexts(s.statement) })));

    // Act
    const made = [...new Map(calls.filter((c) => c.fn === fn).map((c) => [`${c.action} ${c.resource ?? ''}`, c])).values()];
    const ungranted = made
      .filter((c) => !UNAUTHORIZED.has(c.action))
      .filter((c) => {
        const granting = grants.filter((g) => g.action === c.action);
        if (c.resource === undefined) return granting.length === 0;
        return !granting.some((g) => grantedTables(g.resources).includes(c.resource!));
      })
      .map((c) => `${c.action} ${c.resource ?? ''}`.trim());

    // Assess
    expect(FUNCTIONS[fn as keyof typeof FUNCTIONS]).toBeDefined();
    expect(ungranted).toEqual([]);
  });
});
