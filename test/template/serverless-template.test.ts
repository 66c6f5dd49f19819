// The CloudFormation that `osls package` produces from serverless.yml: what gets deployed, checked
// without an AWS account. Packaging runs once for the file (it bundles twelve functions).
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { actionsOf, asArray, identityStatements, resourceTexts } from './helpers/iam';
import { packageService, resourcesOfType, SERVICE_DIR, type Resource, type Template } from './helpers/package-service';
import { readZip } from './helpers/zip';
import { FUNCTIONS, functionsInvokedBy, type Invoker, logicalIdOf } from '../../functions';
import { ROUTES as API_ROUTES } from '../../lib/api/routes';
import {
  CONNECTIONS_BY_STATE_INDEX,
  STATUS_TABLE_ATTRIBUTE_DEFINITIONS,
  STATUS_TABLE_GLOBAL_SECONDARY_INDEXES,
  STATUS_TABLE_KEY_SCHEMA,
} from '../../lib/adapters/status-store';

/** Logical id → handler, as serverless.yml must declare them, from the one list of functions. */
function handlersOf(...invokers: Invoker[]): Record<string, string> {
  return Object.fromEntries(invokers.flatMap((invoker) => functionsInvokedBy(invoker)).map((name) => [logicalIdOf(name), FUNCTIONS[name].handler]));
}

const ONBOARDING_HANDLERS = handlersOf('onboarding');
const VERIFICATION_HANDLERS = handlersOf('verification');
/** The functions of one connection's polling loop (connection-verification.asl.json). */
const POLLING_HANDLERS = handlersOf('connection-verification');
/** In front of the state machines: the EventBridge starter and the status API. */
const STARTER = 'StartFromEventLambdaFunction';
const STATUS_API = 'StatusApiLambdaFunction';
const HANDLERS = handlersOf('onboarding', 'verification', 'connection-verification', 'EventBridge', 'API Gateway');
/** The one function that assumes roles: the dataplane role, and the customer's role from its session. */
const VERIFIER = 'AttemptAssumeLambdaFunction';

const DATAPLANE_ROLE_ARN = 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*-dataplane-role';
/** The trust probe role's path, which the verifier's grant names (its ARN would make a cycle). */
const TRUST_PROBE_PATH = '/tenant-dataplane-onboarding/test/trust-probe/';
const TRUST_PROBE_ROLES_ARN = `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role${TRUST_PROBE_PATH}*`;
const OIDC_PROVIDER_ARN = 'arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/*';
const ROLE_WRITE_ACTIONS = [
  'iam:CreateRole',
  'iam:UpdateAssumeRolePolicy',
  'iam:PutRolePolicy',
  'iam:TagRole',
  'iam:PutRolePermissionsBoundary',
];
const OIDC_PROVIDER_WRITE_ACTIONS = ['iam:CreateOpenIDConnectProvider', 'iam:TagOpenIDConnectProvider'];
const IAM_READ_ACTION = /^iam:(Get|List)[A-Za-z]+$/;
// Step Functions' log delivery actions support no resource-level permissions.
const LOG_DELIVERY_ACTIONS = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
];
// X-Ray's write actions support no resource-level permissions either: every function writes its
// traces (active tracing), and the state machines also read sampling rules.
const FUNCTION_TRACE_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];
const STATE_MACHINE_TRACE_ACTIONS = [...FUNCTION_TRACE_ACTIONS, 'xray:GetSamplingRules', 'xray:GetSamplingTargets'];
/** What every role may do besides its job: write its logs, deliver execution logs, write traces. */
const isHousekeeping = (action: string): boolean =>
  action.startsWith('logs:') || LOG_DELIVERY_ACTIONS.includes(action) || STATE_MACHINE_TRACE_ACTIONS.includes(action);
const SOURCE = 'tenant-platform';

let packageDir: string;
let template: Template;
let asl: string;
let verificationAsl: string;
let connectionAsl: string;

beforeAll(async () => {
  packageDir = await mkdtemp(path.join(os.tmpdir(), 'onboarding-package-'));
  template = await packageService(packageDir);
  asl = await readFile(path.join(SERVICE_DIR, 'statemachines', 'onboarding.asl.json'), 'utf8');
  verificationAsl = await readFile(path.join(SERVICE_DIR, 'statemachines', 'verification.asl.json'), 'utf8');
  connectionAsl = await readFile(path.join(SERVICE_DIR, 'statemachines', 'connection-verification.asl.json'), 'utf8');
}, 180_000);

afterAll(async () => {
  if (packageDir) await rm(packageDir, { recursive: true, force: true });
});

function resource(logicalId: string): Resource {
  const found = template.Resources[logicalId];
  if (!found) throw new Error(`template has no resource ${logicalId}`);
  return found;
}

function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!))].sort();
}

function roleOf(functionLogicalId: string): { logicalId: string; role: Resource } {
  const roleRef = resource(functionLogicalId).Properties.Role;
  const logicalId = roleRef?.['Fn::GetAtt']?.[0] as string;
  return { logicalId, role: resource(logicalId) };
}

function stateMachineRoleOf(machineLogicalId: string): string {
  return resource(machineLogicalId).Properties.RoleArn['Fn::GetAtt'][0];
}

/** Every action a role's policies grant, with the resources each statement grants it on. */
function grantsOf(owner: string): { action: string; resources: string[] }[] {
  return identityStatements(template)
    .filter((s) => s.owner === owner)
    .flatMap((s) => actionsOf(s.statement).map((action) => ({ action, resources: resourceTexts(s.statement) })));
}

/** Logical ids a value refers to: Ref, Fn::GetAtt, and the ${Name} / ${Name.Attribute} of Fn::Sub. */
function referencesIn(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencesIn(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string') into.add(inner);
      else if (key === 'Fn::GetAtt') into.add(String(asArray(inner as string | string[])[0]).split('.')[0]!);
      else if (key === 'Fn::Sub') {
        const [pattern, variables] = Array.isArray(inner) ? inner : [inner, {}];
        for (const [, name] of String(pattern).matchAll(/\$\{([^!}][^}]*)\}/g)) {
          if (!(name!.split('.')[0]! in (variables ?? {}))) into.add(name!.split('.')[0]!);
        }
        referencesIn(variables, into);
      } else referencesIn(inner, into);
    }
  }
  return into;
}

describe('onboarding state machine', () => {
  it('deploys the ASL file unchanged, as a STANDARD state machine', () => {
    // Act
    const props = resource('OnboardingStateMachine').Properties;

    // Assess
    expect(resource('OnboardingStateMachine').Type).toBe('AWS::StepFunctions::StateMachine');
    expect(props.StateMachineType).toBe('STANDARD');
    // Text, not an object: osls strips null properties from resources, and `"ResultPath": null` matters.
    expect(props.Definition).toBeUndefined();
    expect(props.DefinitionString).toBe(asl);
  });

  it('substitutes every placeholder of the ASL, and only those, with a function ARN or the verification state machine', () => {
    // Prepare
    const placeholders = placeholdersOf(asl);

    // Act
    const { VerificationStateMachineArn: verification, ...functions }: Record<string, any> =
      resource('OnboardingStateMachine').Properties.DefinitionSubstitutions;

    // Assess
    expect(placeholders).toEqual(
      [
        'EnsureDataplaneRoleFunctionArn',
        'PublishRoleArnFunctionArn',
        'RecordStatusFunctionArn',
        'ResolveClusterFunctionArn',
        'ValidateRequestFunctionArn',
        // In the Parameters of the startExecution.sync task, not in a Resource.
        'VerificationStateMachineArn',
      ].sort(),
    );
    expect([...Object.keys(functions), 'VerificationStateMachineArn'].sort()).toEqual(placeholders);
    // Ref of a state machine is its ARN.
    expect(verification).toEqual({ Ref: 'VerificationStateMachine' });
    for (const [name, value] of Object.entries(functions)) {
      const [target, attribute] = value['Fn::GetAtt'] as [string, string];
      expect({ name, attribute, type: resource(target).Type }).toEqual({
        name,
        attribute: 'Arn',
        type: 'AWS::Lambda::Function',
      });
      // ValidateRequestFunctionArn -> ValidateRequestLambdaFunction
      expect(target).toBe(name.replace(/FunctionArn$/, 'LambdaFunction'));
    }
  });

  it('may invoke its five functions, run verification as a nested execution, and nothing else', () => {
    // Prepare
    const roleId = stateMachineRoleOf('OnboardingStateMachine');

    // Act
    const statements = identityStatements(template).filter((s) => s.owner === roleId);
    const invoke = statements.filter((s) => actionsOf(s.statement).includes('lambda:InvokeFunction'));
    const grants = grantsOf(roleId).filter((g) => !isHousekeeping(g.action));

    // Assess
    expect(invoke).toHaveLength(1);
    expect(actionsOf(invoke[0]!.statement)).toEqual(['lambda:InvokeFunction']);
    expect(resourceTexts(invoke[0]!.statement).sort()).toEqual(
      Object.keys(ONBOARDING_HANDLERS)
        .map((id) => `GetAtt:${id}.Arn`)
        .sort(),
    );
    // Exactly what startExecution.sync:2 needs (Step Functions docs, "IAM policies for nested executions").
    const executions = 'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${VerificationStateMachine.Name}:*';
    const rule =
      'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule';
    expect(grants.filter((g) => g.action !== 'lambda:InvokeFunction').sort((a, b) => a.action.localeCompare(b.action))).toEqual([
      { action: 'events:DescribeRule', resources: [rule] },
      { action: 'events:PutRule', resources: [rule] },
      { action: 'events:PutTargets', resources: [rule] },
      { action: 'states:DescribeExecution', resources: [executions] },
      { action: 'states:StartExecution', resources: ['Ref:VerificationStateMachine'] },
      { action: 'states:StopExecution', resources: [executions] },
    ]);
  });

  it('logs to a log group with a retention', () => {
    // Act
    const logging = resource('OnboardingStateMachine').Properties.LoggingConfiguration;
    const groupId = logging.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn['Fn::GetAtt'][0];

    // Assess
    expect(resource(groupId).Type).toBe('AWS::Logs::LogGroup');
    expect(resource(groupId).Properties.RetentionInDays).toBeGreaterThan(0);
    expect(logging.IncludeExecutionData).toBe(false);
  });
});

describe('verification state machine', () => {
  it('deploys the ASL file unchanged, as a STANDARD state machine', () => {
    // Act
    const machine = resource('VerificationStateMachine');

    // Assess
    expect(machine.Type).toBe('AWS::StepFunctions::StateMachine');
    expect(machine.Properties.StateMachineType).toBe('STANDARD');
    expect(machine.Properties.Definition).toBeUndefined();
    expect(machine.Properties.DefinitionString).toBe(verificationAsl);
  });

  it('substitutes every placeholder of the ASL, and only those: its functions and the connection verification', () => {
    // Prepare
    const placeholders = placeholdersOf(verificationAsl);

    // Act
    const substitutions: Record<string, any> = resource('VerificationStateMachine').Properties.DefinitionSubstitutions;

    // Assess
    expect(placeholders).toEqual(
      [...Object.keys(VERIFICATION_HANDLERS).map((id) => id.replace(/LambdaFunction$/, 'FunctionArn')), 'ConnectionVerificationStateMachineArn'].sort(),
    );
    expect(Object.keys(substitutions).sort()).toEqual(placeholders);
    for (const [name, value] of Object.entries(substitutions)) {
      const expected = name === 'ConnectionVerificationStateMachineArn' ? { Ref: 'ConnectionVerificationStateMachine' } : { 'Fn::GetAtt': [name.replace(/FunctionArn$/, 'LambdaFunction'), 'Arn'] };
      expect({ name, value }).toEqual({ name, value: expected });
    }
  });

  it('has a role of its own that may invoke its two functions, run its Distributed Map and the connections\' executions, nothing else', () => {
    // Prepare
    const roleId = stateMachineRoleOf('VerificationStateMachine');
    // The role names its state machine by name: a reference would make the two depend on each other.
    const self: string = resource('VerificationStateMachine').Properties.StateMachineName;

    // Act
    const grants = grantsOf(roleId).filter((g) => !isHousekeeping(g.action));

    // Assess
    expect(roleId).not.toBe(stateMachineRoleOf('OnboardingStateMachine'));
    expect(self).toMatch(/^tenant-dataplane-onboarding-[a-z]+-verification$/);
    expect(resource(roleId).Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    ]);
    const invoke = grants.filter((g) => g.action === 'lambda:InvokeFunction');
    expect(invoke).toHaveLength(1);
    expect(invoke[0]!.resources.sort()).toEqual(
      Object.keys(VERIFICATION_HANDLERS)
        .map((id) => `GetAtt:${id}.Arn`)
        .sort(),
    );
    // The Distributed Map's child workflows (Step Functions docs, "IAM policies for Distributed Map
    // states"), then what each child's startExecution.sync:2 needs.
    const account = 'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}';
    const children = `${account}:execution:${self}/*`;
    const connections = `${account}:execution:\${ConnectionVerificationStateMachine.Name}:*`;
    const rule = 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule';
    const key = (g: { action: string; resources: string[] }) => `${g.action} ${g.resources.join(' ')}`;
    expect(grants.filter((g) => g.action !== 'lambda:InvokeFunction').sort((a, b) => key(a).localeCompare(key(b)))).toEqual([
      { action: 'events:DescribeRule', resources: [rule] },
      { action: 'events:PutRule', resources: [rule] },
      { action: 'events:PutTargets', resources: [rule] },
      { action: 'states:DescribeExecution', resources: [connections] },
      { action: 'states:DescribeExecution', resources: [children] },
      { action: 'states:StartExecution', resources: [`${account}:stateMachine:${self}`] },
      { action: 'states:StartExecution', resources: ['Ref:ConnectionVerificationStateMachine'] },
      { action: 'states:StopExecution', resources: [connections] },
      { action: 'states:StopExecution', resources: [children] },
    ]);
  });

  it('logs to a log group of its own with a retention, without execution data', () => {
    // Act
    const logging = resource('VerificationStateMachine').Properties.LoggingConfiguration;
    const groupId = logging.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn['Fn::GetAtt'][0];

    // Assess
    expect(groupId).not.toBe(
      resource('OnboardingStateMachine').Properties.LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn[
        'Fn::GetAtt'
      ][0],
    );
    expect(resource(groupId).Type).toBe('AWS::Logs::LogGroup');
    expect(resource(groupId).Properties.RetentionInDays).toBeGreaterThan(0);
    // Execution data holds External IDs.
    expect(logging.IncludeExecutionData).toBe(false);
  });
});

describe('connection verification state machine', () => {
  it('deploys the ASL file unchanged, as a STANDARD state machine whose placeholders are its three functions', () => {
    // Act
    const machine = resource('ConnectionVerificationStateMachine');
    const substitutions: Record<string, any> = machine.Properties.DefinitionSubstitutions;

    // Assess
    expect(machine.Properties.StateMachineType).toBe('STANDARD');
    expect(machine.Properties.DefinitionString).toBe(connectionAsl);
    expect(placeholdersOf(connectionAsl)).toEqual(Object.keys(POLLING_HANDLERS).map((id) => id.replace(/LambdaFunction$/, 'FunctionArn')).sort());
    expect(substitutions).toEqual(
      Object.fromEntries(Object.keys(POLLING_HANDLERS).map((id) => [id.replace(/LambdaFunction$/, 'FunctionArn'), { 'Fn::GetAtt': [id, 'Arn'] }])),
    );
  });

  it('has a role of its own that may invoke the three polling functions and nothing else, and logs without execution data', () => {
    // Prepare
    const roleId = stateMachineRoleOf('ConnectionVerificationStateMachine');
    const logging = resource('ConnectionVerificationStateMachine').Properties.LoggingConfiguration;

    // Act
    const grants = grantsOf(roleId).filter((g) => !isHousekeeping(g.action));

    // Assess
    expect(roleId).not.toBe(stateMachineRoleOf('VerificationStateMachine'));
    expect(grants.map((g) => g.action)).toEqual(['lambda:InvokeFunction']);
    expect(grants[0]!.resources.sort()).toEqual(Object.keys(POLLING_HANDLERS).map((id) => `GetAtt:${id}.Arn`).sort());
    expect(logging.IncludeExecutionData).toBe(false);
    expect(resource(logging.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn['Fn::GetAtt'][0]).Properties.RetentionInDays).toBeGreaterThan(0);
  });
});

describe('functions', () => {
  it('has one nodejs22.x arm64 function per handler', () => {
    // Act
    const functions = resourcesOfType(template, 'AWS::Lambda::Function');

    // Assess
    expect(Object.fromEntries(functions.map(([id, fn]) => [id, fn.Properties.Handler]))).toEqual(HANDLERS);
    for (const [, fn] of functions) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
    }
  });

  it('configures every function with the resources lib/config.ts reads', () => {
    // Act
    const environments = resourcesOfType(template, 'AWS::Lambda::Function').map(
      ([, fn]) => fn.Properties.Environment.Variables,
    );

    // Assess
    for (const variables of environments) {
      expect(variables).toMatchObject({
        POWERTOOLS_SERVICE_NAME: 'tenant-dataplane-onboarding',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        STATUS_TABLE_NAME: { Ref: 'StatusTable' },
        ACCOUNT_MANAGER_QUEUE_URL: { Ref: 'AccountManagerQueue' },
        DATAPLANE_BOUNDARY_ARN: { Ref: 'DataplaneRoleBoundary' },
        CREATE_OIDC_PROVIDER: 'false',
        VERIFIER_ROLE_ARN: { 'Fn::GetAtt': [roleOf(VERIFIER).logicalId, 'Arn'] },
        STACK_NAME: 'tenant-dataplane-onboarding-test',
      });
    }
  });

  it('gives every function a role of its own that writes only to its own log group', () => {
    // Act
    const roles = Object.keys(HANDLERS).map((fnId) => ({ fnId, ...roleOf(fnId) }));

    // Assess
    expect(new Set(roles.map((r) => r.logicalId)).size).toBe(roles.length);
    expect(template.Resources.IamRoleLambdaExecution).toBeUndefined();
    for (const { fnId, logicalId, role } of roles) {
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ]);
      const logStatements = identityStatements(template).filter(
        (s) => s.owner === logicalId && actionsOf(s.statement).some((a) => a.startsWith('logs:')),
      );
      const logGroup = fnId.replace(/LambdaFunction$/, 'LogGroup');
      expect(logStatements.flatMap((s) => actionsOf(s.statement)).sort()).toEqual([
        'logs:CreateLogStream',
        'logs:PutLogEvents',
      ]);
      for (const s of logStatements) {
        for (const text of resourceTexts(s.statement)) expect(text).toContain(`log-group:\${${logGroup}}:`);
      }
    }
  });

  it('lets validateRequest do nothing beyond writing its logs and traces and storing given connections', () => {
    // Act
    const { logicalId } = roleOf('ValidateRequestLambdaFunction');
    const actions = identityStatements(template)
      .filter((s) => s.owner === logicalId)
      .flatMap((s) => actionsOf(s.statement));

    // Assess
    expect(actions.sort()).toEqual(['dynamodb:UpdateItem', 'logs:CreateLogStream', 'logs:PutLogEvents', ...FUNCTION_TRACE_ACTIONS].sort());
  });

  it.each([
    ['PlanVerificationLambdaFunction', ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem']],
    // sts:AssumeRole twice: dataplane roles, and the trust probe role.
    ['AttemptAssumeLambdaFunction', ['dynamodb:GetItem', 'sts:AssumeRole', 'sts:AssumeRole']],
    ['DiagnoseDenialLambdaFunction', ['cloudtrail:LookupEvents']],
    ['RecordAttemptLambdaFunction', ['dynamodb:GetItem', 'dynamodb:PutItem', 'events:PutEvents']],
    ['SummarizeVerificationLambdaFunction', ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem']],
    [STARTER, ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'sqs:SendMessage', 'sqs:SendMessage', 'states:StartExecution']],
    [STATUS_API, ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'states:DescribeExecution', 'states:StartExecution']],
  ])('lets %s do only %j beyond writing its logs and traces', (fnId, expected) => {
    // Act
    const actions = grantsOf(roleOf(fnId).logicalId)
      .map((g) => g.action)
      .filter((a) => !isHousekeeping(a));

    // Assess
    expect(actions.sort()).toEqual(expected);
  });

  it('packages a bundle per function that loads and exports its handler', async () => {
    // Prepare: what the functions with an environment of their own are deployed with.
    const onboardingArn = 'arn:aws:states:eu-west-1:123456789012:stateMachine:tenant-dataplane-onboarding-test-onboarding';
    const verificationArn = 'arn:aws:states:eu-west-1:123456789012:stateMachine:tenant-dataplane-onboarding-test-verification';
    const DEPLOYED_EXTRA_ENV: Record<string, Record<string, string>> = {
      [STARTER]: {
        ONBOARDING_STATE_MACHINE_ARN: onboardingArn,
        VERIFICATION_STATE_MACHINE_ARN: verificationArn,
        INVALID_EVENTS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/tenant-dataplane-onboarding-test-invalid-events',
      },
      [STATUS_API]: { VERIFICATION_STATE_MACHINE_ARN: verificationArn },
    };
    const extracted = path.join(packageDir, 'extracted');
    const loaded: Record<string, string> = {};
    const zipped: Record<string, string[]> = {};
    const expected: Record<string, string[]> = {};

    for (const [fnId, handler] of Object.entries(HANDLERS)) {
      const name = fnId.replace(/LambdaFunction$/, '');
      const zipName = `${name[0]!.toLowerCase()}${name.slice(1)}.zip`;
      const dir = path.join(extracted, name);
      const entries = readZip(await readFile(path.join(packageDir, zipName)));
      for (const [entry, content] of entries) {
        await mkdir(path.dirname(path.join(dir, entry)), { recursive: true });
        await writeFile(path.join(dir, entry), content);
      }
      const [file, exported] = [handler.slice(0, handler.lastIndexOf('.')), handler.slice(handler.lastIndexOf('.') + 1)];
      // Its own bundle and nothing else: no other function's, no source map. (Bundles left in .esbuild/
      // by an earlier layout would be packed too: `npm run package` empties it first.)
      zipped[fnId] = [...entries.keys()];
      expected[fnId] = [`${file}.js`];

      // Act: load it the way the Lambda runtime does, outside jest, with only what it is deployed with.
      loaded[fnId] = execFileSync(
        process.execPath,
        ['-e', `process.stdout.write(typeof require(${JSON.stringify(`./${file}.js`)})[${JSON.stringify(exported)}])`],
        {
          cwd: dir,
          encoding: 'utf8',
          env: {
            PATH: process.env.PATH ?? '',
            AWS_REGION: 'eu-west-1',
            STATUS_TABLE_NAME: 'tenant-dataplane-onboarding-test-status',
            ACCOUNT_MANAGER_QUEUE_URL:
              'https://sqs.eu-west-1.amazonaws.com/123456789012/tenant-dataplane-onboarding-test-account-manager.fifo',
            DATAPLANE_BOUNDARY_ARN: 'arn:aws:iam::123456789012:policy/dataplane-boundary',
            CREATE_OIDC_PROVIDER: 'false',
            VERIFIER_ROLE_ARN: 'arn:aws:iam::123456789012:role/attempt-assume-role',
            STACK_NAME: 'tenant-dataplane-onboarding-test',
            ...(DEPLOYED_EXTRA_ENV[fnId] ?? {}),
          },
        },
      );
    }

    // Assess
    expect(zipped).toEqual(expected);
    expect(loaded).toEqual(Object.fromEntries(Object.keys(HANDLERS).map((id) => [id, 'function'])));
    // One node process per bundle, a few hundred milliseconds each.
  }, 60_000);
});

describe('events', () => {
  const RULES: Record<string, string> = { TenantCreatedRule: 'TenantCreated', TargetRoleConfiguredRule: 'TargetRoleConfigured' };

  it('has a bus of its own, named after the service and stage', () => {
    // Act
    const buses = resourcesOfType(template, 'AWS::Events::EventBus');

    // Assess
    expect(buses).toEqual([['EventBus', { Type: 'AWS::Events::EventBus', Properties: { Name: 'tenant-dataplane-onboarding-test' } }]]);
  });

  it.each(Object.entries(RULES))('%s matches %s from the tenant platform on that bus and targets the starter', (ruleId, detailType) => {
    // Act
    const rule = resource(ruleId);

    // Assess
    expect(rule.Type).toBe('AWS::Events::Rule');
    expect(rule.Properties).toMatchObject({ EventBusName: { Ref: 'EventBus' }, State: 'ENABLED' });
    expect(rule.Properties.EventPattern).toEqual({ 'source': [SOURCE], 'detail-type': [detailType] });
    expect(rule.Properties.Targets).toEqual([
      {
        Id: expect.any(String),
        Arn: { 'Fn::GetAtt': [STARTER, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['FailedEventsQueue', 'Arn'] } },
      },
    ]);
  });

  it('has no other rule', () => {
    // Act
    const rules = resourcesOfType(template, 'AWS::Events::Rule').map(([id]) => id);

    // Assess
    expect(rules.sort()).toEqual(Object.keys(RULES).sort());
  });

  it('lets EventBridge invoke the starter only from its two rules, one permission per rule', () => {
    // Act
    const fromEvents = resourcesOfType(template, 'AWS::Lambda::Permission')
      .filter(([, p]) => p.Properties.Principal === 'events.amazonaws.com')
      .map(([, p]) => p.Properties);

    // Assess
    expect(fromEvents).toEqual(
      expect.arrayContaining(
        Object.keys(RULES).map((ruleId) => ({
          Action: 'lambda:InvokeFunction',
          FunctionName: { 'Fn::GetAtt': [STARTER, 'Arn'] },
          Principal: 'events.amazonaws.com',
          SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
        })),
      ),
    );
    expect(fromEvents).toHaveLength(2);
  });

  it("lets EventBridge dead-letter into the failed-events queue only for the two rules", () => {
    // Act
    const policies = resourcesOfType(template, 'AWS::SQS::QueuePolicy').filter(([, p]) =>
      p.Properties.Queues.some((q: unknown) => JSON.stringify(q) === JSON.stringify({ Ref: 'FailedEventsQueue' })),
    );

    // Assess
    expect(policies).toHaveLength(1);
    const [, policy] = policies[0]!;
    expect(policy.Properties.Queues).toEqual([{ Ref: 'FailedEventsQueue' }]);
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: { 'Fn::GetAtt': ['FailedEventsQueue', 'Arn'] },
        Condition: { ArnEquals: { 'aws:SourceArn': Object.keys(RULES).map((id) => ({ 'Fn::GetAtt': [id, 'Arn'] })) } },
      }),
    ]);
  });

  it.each(['InvalidEventsQueue', 'FailedEventsQueue'])('keeps %s encrypted for 4 days in a standard queue', (queueId) => {
    // Act
    const queue = resource(queueId);

    // Assess: bodies are events, which may hold a customer's External ID.
    expect(queue.Type).toBe('AWS::SQS::Queue');
    expect(queue.Properties.FifoQueue).toBeUndefined();
    expect(queue.Properties.SqsManagedSseEnabled === true || queue.Properties.KmsMasterKeyId !== undefined).toBe(true);
    expect(queue.Properties.MessageRetentionPeriod).toBe(4 * 24 * 3600);
  });

  it('retries a failed asynchronous invocation of the starter, then keeps the event in the failed-events queue', () => {
    // Act
    const configs = resourcesOfType(template, 'AWS::Lambda::EventInvokeConfig');

    // Assess
    expect(configs).toHaveLength(1);
    expect(configs[0]![1].Properties).toEqual({
      FunctionName: { Ref: STARTER },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 21600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['FailedEventsQueue', 'Arn'] } } },
    });
  });

  it('configures the starter with both state machines and the invalid-events queue', () => {
    // Act
    const variables = resource(STARTER).Properties.Environment.Variables;

    // Assess
    expect(variables).toMatchObject({
      ONBOARDING_STATE_MACHINE_ARN: { Ref: 'OnboardingStateMachine' },
      VERIFICATION_STATE_MACHINE_ARN: { Ref: 'VerificationStateMachine' },
      INVALID_EVENTS_QUEUE_URL: { Ref: 'InvalidEventsQueue' },
    });
  });

  it('lets the starter start both state machines, keep unhandled events and record a rejected tenant, and nothing else', () => {
    // Act
    const grants = grantsOf(roleOf(STARTER).logicalId)
      .filter((g) => !isHousekeeping(g.action))
      .sort((a, b) => `${a.action} ${a.resources}`.localeCompare(`${b.action} ${b.resources}`));

    // Assess
    expect(grants).toEqual([
      { action: 'dynamodb:BatchGetItem', resources: ['GetAtt:StatusTable.Arn'] },
      { action: 'dynamodb:GetItem', resources: ['GetAtt:StatusTable.Arn'] },
      { action: 'dynamodb:UpdateItem', resources: ['GetAtt:StatusTable.Arn'] },
      { action: 'sqs:SendMessage', resources: ['GetAtt:FailedEventsQueue.Arn'] },
      { action: 'sqs:SendMessage', resources: ['GetAtt:InvalidEventsQueue.Arn'] },
      { action: 'states:StartExecution', resources: ['Ref:OnboardingStateMachine', 'Ref:VerificationStateMachine'] },
    ]);
  });
});

describe('status API', () => {
  // ANY on every path the router serves: a wrong method gets the router's 405 (lib/api/routes.ts).
  const ROUTES = [...new Set(API_ROUTES.map((r) => `ANY ${r.template}`))];

  it("is one HTTP API whose routes are exactly the router's paths, each with IAM authorization", () => {
    // Act
    const apis = resourcesOfType(template, 'AWS::ApiGatewayV2::Api');
    const routes = resourcesOfType(template, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);

    // Assess
    expect(apis).toHaveLength(1);
    expect(apis[0]![1].Properties.ProtocolType).toBe('HTTP');
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(ROUTES.slice().sort());
    for (const route of routes) {
      expect({ route: route.RouteKey, auth: route.AuthorizationType }).toEqual({ route: route.RouteKey, auth: 'AWS_IAM' });
      expect(route.Target).toEqual({ 'Fn::Join': ['/', ['integrations', { Ref: 'HttpApiIntegrationStatusApi' }]] });
    }
    expect(resourcesOfType(template, 'AWS::ApiGatewayV2::Authorizer')).toEqual([]);
  });

  it('proxies to the statusApi function with payload format 2.0, and lets only this API invoke it', () => {
    // Act
    const integrations = resourcesOfType(template, 'AWS::ApiGatewayV2::Integration');
    const fromApiGateway = resourcesOfType(template, 'AWS::Lambda::Permission').filter(
      ([, p]) => p.Properties.Principal === 'apigateway.amazonaws.com',
    );

    // Assess
    expect(integrations).toHaveLength(1);
    expect(integrations[0]![1].Properties).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: { 'Fn::GetAtt': [STATUS_API, 'Arn'] },
    });
    expect(fromApiGateway).toHaveLength(1);
    const permission = fromApiGateway[0]![1].Properties;
    expect(permission.FunctionName).toEqual({ 'Fn::GetAtt': [STATUS_API, 'Arn'] });
    expect(JSON.stringify(permission.SourceArn)).toContain('{"Ref":"HttpApi"}');
  });

  it('writes access logs, with the signing principal and no header or path, to a log group with a retention', () => {
    // Act
    const stage = resourcesOfType(template, 'AWS::ApiGatewayV2::Stage');
    const settings = stage[0]![1].Properties.AccessLogSettings;
    const groupId = settings.DestinationArn['Fn::GetAtt'][0];
    const format = JSON.parse(settings.Format);

    // Assess
    expect(stage).toHaveLength(1);
    expect(resource(groupId).Type).toBe('AWS::Logs::LogGroup');
    expect(resource(groupId).Properties.RetentionInDays).toBeGreaterThan(0);
    expect(format).toMatchObject({ requestId: '$context.requestId', caller: '$context.identity.userArn', status: '$context.status' });
    // A SigV4 request's headers include the caller's session token; the function logs the path.
    expect(settings.Format).not.toMatch(/\$input|\$request\.header|header\.|\$context\.path/i);
  });

  it('configures the statusApi function with the verification state machine only', () => {
    // Act
    const fn = resource(STATUS_API).Properties;

    // Assess
    expect(fn.Environment.Variables.VERIFICATION_STATE_MACHINE_ARN).toEqual({ Ref: 'VerificationStateMachine' });
    expect(fn.Environment.Variables.ONBOARDING_STATE_MACHINE_ARN).toBeUndefined();
    expect(fn.Environment.Variables.INVALID_EVENTS_QUEUE_URL).toBeUndefined();
    // Inside the HTTP API's 30 s integration timeout.
    expect(fn.Timeout).toBeLessThan(30);
  });

  it('lets the statusApi function read the status table, store connections, start and describe verifications, and nothing else', () => {
    // Act
    const grants = grantsOf(roleOf(STATUS_API).logicalId).filter((g) => !isHousekeeping(g.action));

    // Assess
    expect(grants.sort((a, b) => a.action.localeCompare(b.action))).toEqual([
      { action: 'dynamodb:BatchGetItem', resources: ['GetAtt:StatusTable.Arn'] },
      { action: 'dynamodb:GetItem', resources: ['GetAtt:StatusTable.Arn'] },
      { action: 'dynamodb:Query', resources: [`\${StatusTable.Arn}/index/${CONNECTIONS_BY_STATE_INDEX}`] },
      { action: 'dynamodb:UpdateItem', resources: ['GetAtt:StatusTable.Arn'] },
      { action: 'states:DescribeExecution', resources: [expect.stringContaining(':execution:${VerificationStateMachine.Name}:*')] },
      { action: 'states:StartExecution', resources: ['Ref:VerificationStateMachine'] },
    ]);
  });
});

describe('tracing and metrics', () => {
  it('traces every function actively and lets its role write traces', () => {
    // Act
    const functions = resourcesOfType(template, 'AWS::Lambda::Function');

    // Assess
    expect(functions).toHaveLength(Object.keys(HANDLERS).length);
    for (const [fnId, fn] of functions) {
      expect({ fnId, tracing: fn.Properties.TracingConfig }).toEqual({ fnId, tracing: { Mode: 'Active' } });
      const traces = grantsOf(roleOf(fnId).logicalId).filter((g) => g.action.startsWith('xray:'));
      expect(traces.map((g) => g.action).sort()).toEqual(FUNCTION_TRACE_ACTIONS.slice().sort());
    }
  });

  it.each(['OnboardingStateMachine', 'VerificationStateMachine'])('traces %s and lets its role write traces', (machine) => {
    // Act
    const props = resource(machine).Properties;
    const traces = grantsOf(stateMachineRoleOf(machine)).filter((g) => g.action.startsWith('xray:'));

    // Assess
    expect(props.TracingConfiguration).toEqual({ Enabled: true });
    expect(traces.map((g) => g.action).sort()).toEqual(STATE_MACHINE_TRACE_ACTIONS.slice().sort());
  });

  it('gives every function the metrics namespace', () => {
    // Act
    const namespaces = resourcesOfType(template, 'AWS::Lambda::Function').map(
      ([, fn]) => fn.Properties.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE,
    );

    // Assess
    expect(new Set(namespaces)).toEqual(new Set(['TenantDataplaneOnboarding']));
  });
});

describe('account-manager queue', () => {
  it('is a FIFO queue with explicit deduplication, encryption and a FIFO dead-letter queue', () => {
    // Act
    const queue = resource('AccountManagerQueue');
    const dlqId = queue.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0];
    const dlq = resource(dlqId);

    // Assess
    expect(queue.Type).toBe('AWS::SQS::Queue');
    expect(queue.Properties).toMatchObject({ FifoQueue: true, ContentBasedDeduplication: false });
    expect(queue.Properties.QueueName).toMatch(/\.fifo$/);
    expect(queue.Properties.SqsManagedSseEnabled === true || queue.Properties.KmsMasterKeyId !== undefined).toBe(true);
    expect(queue.Properties.RedrivePolicy.maxReceiveCount).toBeGreaterThan(0);
    expect(dlq.Type).toBe('AWS::SQS::Queue');
    expect(dlq.Properties.FifoQueue).toBe(true);
    expect(dlq.Properties.QueueName).toMatch(/\.fifo$/);
    expect(dlq.Properties.SqsManagedSseEnabled === true || dlq.Properties.KmsMasterKeyId !== undefined).toBe(true);
  });
});

describe('status table', () => {
  it('is keyed by tenantId alone, indexed as the code queries it, with point-in-time recovery and encryption, and is retained once created', () => {
    // Act
    const table = resource('StatusTable');

    // Assess: the keys and index the store, the local runner and this template share.
    expect(table.Type).toBe('AWS::DynamoDB::Table');
    expect(table.DeletionPolicy).toBe('RetainExceptOnCreate');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: STATUS_TABLE_KEY_SCHEMA,
      AttributeDefinitions: STATUS_TABLE_ATTRIBUTE_DEFINITIONS,
      GlobalSecondaryIndexes: STATUS_TABLE_GLOBAL_SECONDARY_INDEXES,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
    expect(table.Properties.KeySchema).toHaveLength(1);
  });
});

describe('IAM least privilege', () => {
  it('grants no wildcard action anywhere', () => {
    // Act
    const wildcards = identityStatements(template).flatMap(({ owner, statement }) =>
      actionsOf(statement)
        .filter((a) => a.includes('*'))
        .map((a) => `${owner}: ${a}`),
    );
    const notActions = identityStatements(template).filter(({ statement }) => statement.NotAction !== undefined);

    // Assess
    expect(wildcards).toEqual([]);
    expect(notActions).toEqual([]);
  });

  it('writes IAM only to dataplane roles and EKS OIDC providers, never deletes roles, and passes them to EKS Pod Identity only', () => {
    // Act
    const iamWrites = identityStatements(template).flatMap(({ owner, statement }) =>
      actionsOf(statement)
        .filter((a) => a.startsWith('iam:') && !IAM_READ_ACTION.test(a))
        .map((action) => ({ owner, action, resources: resourceTexts(statement), effect: statement.Effect, condition: statement.Condition })),
    );
    const passes = iamWrites.filter((w) => w.action === 'iam:PassRole');

    // Assess: the role creator passes dataplane roles to pods.eks.amazonaws.com (its associations), nothing else.
    expect(passes).toEqual([
      {
        owner: roleOf('EnsureDataplaneRoleLambdaFunction').logicalId,
        action: 'iam:PassRole',
        resources: [DATAPLANE_ROLE_ARN],
        effect: 'Allow',
        condition: { StringEquals: { 'iam:PassedToService': 'pods.eks.amazonaws.com' } },
      },
    ]);

    // Assess
    expect(iamWrites.length).toBeGreaterThan(0);
    for (const write of iamWrites) {
      expect(write.effect).toBe('Allow');
      if (ROLE_WRITE_ACTIONS.includes(write.action)) {
        expect(write).toEqual({ ...write, resources: [DATAPLANE_ROLE_ARN] });
      } else if (OIDC_PROVIDER_WRITE_ACTIONS.includes(write.action)) {
        expect(write).toEqual({ ...write, resources: [OIDC_PROVIDER_ARN] });
      } else if (write.action === 'iam:PassRole') {
        expect(passes).toContain(write);
      } else {
        throw new Error(`${write.owner} is granted ${write.action}, which no function needs`);
      }
    }
  });

  it('reads IAM roles only where it may write them', () => {
    // Act
    const roleReads = identityStatements(template).flatMap(({ owner, statement }) =>
      actionsOf(statement)
        .filter((a) => /^iam:(GetRole|ListRoleTags|GetRolePolicy)$/.test(a))
        .map((action) => ({ owner, action, resources: resourceTexts(statement) })),
    );

    // Assess
    expect(roleReads.map((r) => r.action).sort()).toEqual(['iam:GetRole', 'iam:GetRolePolicy', 'iam:ListRoleTags']);
    for (const read of roleReads) expect(read.resources).toEqual([DATAPLANE_ROLE_ARN]);
  });

  it('creates dataplane roles only with the dataplane permissions boundary, and never sets a boundary on an existing role', () => {
    // Act
    const boundaryBound = identityStatements(template).filter(({ statement }) =>
      actionsOf(statement).some((a) => a === 'iam:CreateRole' || a === 'iam:PutRolePermissionsBoundary'),
    );

    // Assess (iam-simulation.test.ts decides these statements as IAM would)
    expect(boundaryBound.flatMap((s) => actionsOf(s.statement)).sort()).toEqual(['iam:CreateRole']);
    for (const { statement } of boundaryBound) {
      expect(statement.Condition.StringEquals).toMatchObject({ 'iam:PermissionsBoundary': { Ref: 'DataplaneRoleBoundary' } });
    }
  });

  it('grants OIDC provider creation only when the deployment enables it', () => {
    // Act
    const { logicalId } = roleOf('ResolveClusterLambdaFunction');
    const statements = resource(logicalId).Properties.Policies.flatMap((p: any) => asArray(p.PolicyDocument.Statement));
    const conditional = statements.filter((s: any) => s['Fn::If'] !== undefined);

    // Assess
    expect(conditional).toHaveLength(1);
    expect(conditional[0]['Fn::If'][0]).toBe('CreateOidcProvider');
    expect(actionsOf(conditional[0]['Fn::If'][1]).sort()).toEqual(OIDC_PROVIDER_WRITE_ACTIONS.slice().sort());
    expect(template.Conditions?.CreateOidcProvider).toEqual({ 'Fn::Equals': ['false', 'true'] });
  });

  it('scopes queue and table access to their one resource', () => {
    // Act
    const dataActions = identityStatements(template).flatMap(({ owner, statement }) =>
      actionsOf(statement)
        .filter((a) => a.startsWith('sqs:') || a.startsWith('dynamodb:'))
        .map((action) => ({ owner, action, resources: resourceTexts(statement) })),
    );

    // Assess
    const table = (fnId: string, action: string) => ({ owner: roleOf(fnId).logicalId, action, resources: ['GetAtt:StatusTable.Arn'] });
    const expected = [
      { owner: roleOf('PublishRoleArnLambdaFunction').logicalId, action: 'sqs:SendMessage', resources: ['GetAtt:AccountManagerQueue.Arn'] },
      table('ValidateRequestLambdaFunction', 'dynamodb:UpdateItem'),
      table('RecordStatusLambdaFunction', 'dynamodb:GetItem'),
      table('RecordStatusLambdaFunction', 'dynamodb:PutItem'),
      table('RecordStatusLambdaFunction', 'dynamodb:UpdateItem'),
      table('PlanVerificationLambdaFunction', 'dynamodb:BatchGetItem'),
      table('PlanVerificationLambdaFunction', 'dynamodb:GetItem'),
      table('AttemptAssumeLambdaFunction', 'dynamodb:GetItem'),
      table('PlanVerificationLambdaFunction', 'dynamodb:UpdateItem'),
      table('RecordAttemptLambdaFunction', 'dynamodb:GetItem'),
      table('RecordAttemptLambdaFunction', 'dynamodb:PutItem'),
      table('SummarizeVerificationLambdaFunction', 'dynamodb:BatchGetItem'),
      table('SummarizeVerificationLambdaFunction', 'dynamodb:GetItem'),
      table('SummarizeVerificationLambdaFunction', 'dynamodb:UpdateItem'),
      table(STARTER, 'dynamodb:BatchGetItem'),
      table(STARTER, 'dynamodb:GetItem'),
      table(STARTER, 'dynamodb:UpdateItem'),
      { owner: roleOf(STARTER).logicalId, action: 'sqs:SendMessage', resources: ['GetAtt:InvalidEventsQueue.Arn'] },
      { owner: roleOf(STARTER).logicalId, action: 'sqs:SendMessage', resources: ['GetAtt:FailedEventsQueue.Arn'] },
      table(STATUS_API, 'dynamodb:BatchGetItem'),
      table(STATUS_API, 'dynamodb:GetItem'),
      table(STATUS_API, 'dynamodb:UpdateItem'),
      { owner: roleOf(STATUS_API).logicalId, action: 'dynamodb:Query', resources: [`\${StatusTable.Arn}/index/${CONNECTIONS_BY_STATE_INDEX}`] },
    ];
    expect(dataActions).toEqual(expect.arrayContaining(expected));
    expect(dataActions).toHaveLength(expected.length);
  });

  it('lets only the verifier and the trust probe role assume roles: the verifier dataplane roles and the probe role, the probe role roles of other accounts', () => {
    // Act
    const sts = identityStatements(template).flatMap(({ owner, statement }) =>
      actionsOf(statement)
        .filter((a) => a.startsWith('sts:'))
        .map((action) => ({ owner, action, effect: statement.Effect, resources: resourceTexts(statement), condition: statement.Condition })),
    );

    // Assess: the boundary caps what dataplane roles may do; it grants nothing by itself.
    const verifier = roleOf(VERIFIER).logicalId;
    expect(sts.filter((s) => s.owner !== 'DataplaneRoleBoundary')).toEqual([
      { owner: verifier, action: 'sts:AssumeRole', effect: 'Allow', resources: [DATAPLANE_ROLE_ARN], condition: undefined },
      { owner: verifier, action: 'sts:AssumeRole', effect: 'Allow', resources: [TRUST_PROBE_ROLES_ARN], condition: undefined },
      { owner: 'TrustProbeRole', action: 'sts:AssumeRole', effect: 'Allow', resources: ['arn:${AWS::Partition}:iam::*:role/*'], condition: undefined },
      { owner: 'TrustProbeRole', action: 'sts:AssumeRole', effect: 'Deny', resources: ['arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*'], condition: undefined },
    ]);
  });

  it('lets no role scan the status table: lists across tenants read an index', () => {
    // Act
    const scans = identityStatements(template).flatMap(({ owner, statement }) =>
      actionsOf(statement)
        .filter((a) => a === 'dynamodb:Scan' || a === 'dynamodb:PartiQLSelect')
        .map((action) => `${owner}: ${action}`),
    );

    // Assess
    expect(scans).toEqual([]);
  });

  it('lets only diagnoseDenial look up CloudTrail events', () => {
    // Act
    const cloudtrail = identityStatements(template).flatMap(({ owner, statement }) =>
      actionsOf(statement)
        .filter((a) => a.startsWith('cloudtrail:'))
        .map((action) => ({ owner, action })),
    );

    // Assess
    expect(cloudtrail).toEqual([{ owner: roleOf('DiagnoseDenialLambdaFunction').logicalId, action: 'cloudtrail:LookupEvents' }]);
  });

  it("grants on every resource ('*') only actions that support no resource-level permissions", () => {
    // Act
    const onEverything = identityStatements(template).flatMap(({ owner, statement }) =>
      resourceTexts(statement).includes('*') ? actionsOf(statement).map((action) => `${owner}: ${action}`) : [],
    );

    // Assess: CloudTrail lookups, Step Functions' log delivery, and X-Ray.
    expect(onEverything.sort()).toEqual(
      [
        `${roleOf('DiagnoseDenialLambdaFunction').logicalId}: cloudtrail:LookupEvents`,
        ...['OnboardingStateMachine', 'VerificationStateMachine', 'ConnectionVerificationStateMachine'].flatMap((machine) =>
          [...LOG_DELIVERY_ACTIONS, ...STATE_MACHINE_TRACE_ACTIONS].map((action) => `${stateMachineRoleOf(machine)}: ${action}`),
        ),
        ...Object.keys(HANDLERS).flatMap((fnId) => FUNCTION_TRACE_ACTIONS.map((action) => `${roleOf(fnId).logicalId}: ${action}`)),
      ].sort(),
    );
  });

  it('lets only the starter, the status API and the state machines start executions, each only what it starts', () => {
    // Act
    const starts = identityStatements(template).flatMap(({ owner, statement }) =>
      actionsOf(statement)
        .filter((a) => a === 'states:StartExecution')
        .map(() => ({ owner, resources: resourceTexts(statement).sort() })),
    );

    // Assess
    expect(starts).toEqual(
      expect.arrayContaining([
        { owner: roleOf(STARTER).logicalId, resources: ['Ref:OnboardingStateMachine', 'Ref:VerificationStateMachine'] },
        { owner: roleOf(STATUS_API).logicalId, resources: ['Ref:VerificationStateMachine'] },
        { owner: stateMachineRoleOf('OnboardingStateMachine'), resources: ['Ref:VerificationStateMachine'] },
        // Its Distributed Map's children, and each connection's execution.
        { owner: stateMachineRoleOf('VerificationStateMachine'), resources: [`arn:\${AWS::Partition}:states:\${AWS::Region}:\${AWS::AccountId}:stateMachine:${resource('VerificationStateMachine').Properties.StateMachineName}`] },
        { owner: stateMachineRoleOf('VerificationStateMachine'), resources: ['Ref:ConnectionVerificationStateMachine'] },
      ]),
    );
    expect(starts).toHaveLength(5);
  });

  it('publishes metrics through logs only (embedded metric format), never through PutMetricData', () => {
    // Act
    const cloudwatch = identityStatements(template).flatMap(({ owner, statement }) =>
      actionsOf(statement)
        .filter((a) => a.startsWith('cloudwatch:'))
        .map((action) => `${owner}: ${action}`),
    );

    // Assess
    expect(cloudwatch).toEqual([]);
  });
});

describe('dataplane permissions boundary', () => {
  it('is a managed policy that allows assuming roles of other accounts and nothing else', () => {
    // Act
    const boundary = resource('DataplaneRoleBoundary');
    const statements = boundary.Properties.PolicyDocument.Statement;

    // Assess
    expect(boundary.Type).toBe('AWS::IAM::ManagedPolicy');
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatchObject({
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::*:role/*' },
    });
    expect(statements[1]).toMatchObject({
      Effect: 'Deny',
      Action: 'sts:AssumeRole',
      Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*' },
    });
  });
});

describe('outbound events', () => {
  const SENDERS = ['RecordStatusLambdaFunction', 'RecordAttemptLambdaFunction'];

  it("are sent by the two recording functions only, to the stack's bus unless outboundEventBus names another", () => {
    // Act
    const puts = identityStatements(template).filter(({ statement }) => actionsOf(statement).includes('events:PutEvents'));
    const configured = resourcesOfType(template, 'AWS::Lambda::Function')
      .filter(([, fn]) => fn.Properties.Environment.Variables.OUTBOUND_EVENT_BUS_NAME !== undefined)
      .map(([id]) => id);

    // Assess
    expect(puts.map((p) => p.owner).sort()).toEqual(SENDERS.map((fnId) => roleOf(fnId).logicalId).sort());
    for (const { statement } of puts) {
      expect(actionsOf(statement)).toEqual(['events:PutEvents']);
      expect(statement.Resource).toEqual({
        'Fn::If': ['HasOutboundEventBus', expect.objectContaining({ 'Fn::Sub': expect.stringMatching(/:event-bus\/$/) }), { 'Fn::GetAtt': ['EventBus', 'Arn'] }],
      });
    }
    expect(configured.sort()).toEqual([...SENDERS].sort());
    for (const fnId of SENDERS) {
      expect(resource(fnId).Properties.Environment.Variables.OUTBOUND_EVENT_BUS_NAME).toEqual({ 'Fn::If': ['HasOutboundEventBus', '', { Ref: 'EventBus' }] });
    }
    expect(template.Conditions?.HasOutboundEventBus).toEqual({ 'Fn::Not': [{ 'Fn::Equals': ['', ''] }] });
  });

  it("lets the status table's markers of sent events expire", () => {
    expect(resource('StatusTable').Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });
});

describe('trust probe role', () => {
  it("is trusted by the verifier's role alone, bounded by the dataplane boundary, under the path the verifier's grant names", () => {
    // Act
    const probe = resource('TrustProbeRole');

    // Assess (iam-simulation.test.ts decides what it may assume as IAM would)
    expect(probe.Type).toBe('AWS::IAM::Role');
    expect(probe.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Principal: { AWS: { 'Fn::GetAtt': [roleOf(VERIFIER).logicalId, 'Arn'] } }, Action: 'sts:AssumeRole' },
    ]);
    expect(probe.Properties.PermissionsBoundary).toEqual({ Ref: 'DataplaneRoleBoundary' });
    expect(probe.Properties.Path).toBe(TRUST_PROBE_PATH);
    expect(probe.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('is given to the verifier, and to no other function', () => {
    // Act
    const given = resourcesOfType(template, 'AWS::Lambda::Function')
      .filter(([, fn]) => fn.Properties.Environment.Variables.TRUST_PROBE_ROLE_ARN !== undefined)
      .map(([id, fn]) => [id, fn.Properties.Environment.Variables.TRUST_PROBE_ROLE_ARN]);

    // Assess
    expect(given).toEqual([[VERIFIER, { 'Fn::GetAtt': ['TrustProbeRole', 'Arn'] }]]);
  });
});

describe('dependencies', () => {
  // VERIFIER_ROLE_ARN puts the verifier's role into every function, and the onboarding state machine
  // refers to the verification one: CloudFormation rejects a template whose references form a cycle.
  it('has no circular dependency between resources', () => {
    // Prepare
    const ids = new Set(Object.keys(template.Resources));
    const edges = new Map(
      Object.entries(template.Resources).map(([id, r]) => [
        id,
        [...new Set([...referencesIn(r.Properties), ...asArray(r.DependsOn)])].filter((ref) => ids.has(ref)),
      ]),
    );

    // Act
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (id: string, trail: string[]): void => {
      if (state.get(id) === 'done') return;
      if (state.get(id) === 'visiting') {
        cycles.push([...trail.slice(trail.indexOf(id)), id].join(' -> '));
        return;
      }
      state.set(id, 'visiting');
      for (const next of edges.get(id) ?? []) visit(next, [...trail, id]);
      state.set(id, 'done');
    };
    for (const id of ids) visit(id, []);

    // Assess
    expect(cycles).toEqual([]);
    expect(edges.get('OnboardingStateMachine')).toContain('VerificationStateMachine');
    expect(edges.get(VERIFIER)).toContain(roleOf(VERIFIER).logicalId);
  });
});

describe('outputs', () => {
  it('exports what operators and the account manager need', () => {
    // Assess
    expect(template.Outputs).toMatchObject({
      OnboardingStateMachineArn: { Value: { Ref: 'OnboardingStateMachine' } },
      VerificationStateMachineArn: { Value: { Ref: 'VerificationStateMachine' } },
      StatusTableName: { Value: { Ref: 'StatusTable' } },
      AccountManagerQueueUrl: { Value: { Ref: 'AccountManagerQueue' } },
      DataplaneBoundaryArn: { Value: { Ref: 'DataplaneRoleBoundary' } },
      EventBusName: { Value: { Ref: 'EventBus' } },
      EventBusArn: { Value: { 'Fn::GetAtt': ['EventBus', 'Arn'] } },
      InvalidEventsQueueUrl: { Value: { Ref: 'InvalidEventsQueue' } },
      FailedEventsQueueUrl: { Value: { Ref: 'FailedEventsQueue' } },
      StatusApiUrl: { Value: { 'Fn::Sub': 'https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}' } },
    });
  });
});
