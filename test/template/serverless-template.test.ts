// The CloudFormation that `osls package` produces from serverless.yml: what gets deployed, checked
// without an AWS account. Packaging runs once for the file (it bundles five functions).
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { actionsOf, asArray, identityStatements, resourceTexts } from './helpers/iam';
import { packageService, resourcesOfType, SERVICE_DIR, type Resource, type Template } from './helpers/package-service';
import { readZip } from './helpers/zip';

const HANDLERS: Record<string, string> = {
  ValidateRequestLambdaFunction: 'functions/validate-request.handler',
  RecordStatusLambdaFunction: 'functions/record-status.handler',
  ResolveClusterLambdaFunction: 'functions/resolve-cluster.handler',
  EnsureDataplaneRoleLambdaFunction: 'functions/ensure-dataplane-role.handler',
  PublishRoleArnLambdaFunction: 'functions/publish-role-arn.handler',
};

const DATAPLANE_ROLE_ARN = 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*-dataplane-role';
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

let packageDir: string;
let template: Template;
let asl: string;

beforeAll(async () => {
  packageDir = await mkdtemp(path.join(os.tmpdir(), 'onboarding-package-'));
  template = await packageService(packageDir);
  asl = await readFile(path.join(SERVICE_DIR, 'statemachines', 'onboarding.asl.json'), 'utf8');
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

  it('substitutes every placeholder of the ASL, and only those, with a function ARN', () => {
    // Prepare
    const placeholders = placeholdersOf(asl);

    // Act
    const substitutions: Record<string, any> = resource('OnboardingStateMachine').Properties.DefinitionSubstitutions;

    // Assess
    expect(placeholders).toEqual(
      [
        'EnsureDataplaneRoleFunctionArn',
        'PublishRoleArnFunctionArn',
        'RecordStatusFunctionArn',
        'ResolveClusterFunctionArn',
        'ValidateRequestFunctionArn',
      ].sort(),
    );
    expect(Object.keys(substitutions).sort()).toEqual(placeholders);
    for (const [name, value] of Object.entries(substitutions)) {
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

  it('may invoke the five functions and nothing else', () => {
    // Prepare
    const roleId = resource('OnboardingStateMachine').Properties.RoleArn['Fn::GetAtt'][0];

    // Act
    const statements = identityStatements(template).filter((s) => s.owner === roleId);
    const invoke = statements.filter((s) => actionsOf(s.statement).includes('lambda:InvokeFunction'));

    // Assess
    expect(invoke).toHaveLength(1);
    expect(actionsOf(invoke[0]!.statement)).toEqual(['lambda:InvokeFunction']);
    expect(resourceTexts(invoke[0]!.statement).sort()).toEqual(
      Object.keys(HANDLERS)
        .map((id) => `GetAtt:${id}.Arn`)
        .sort(),
    );
    const otherActions = statements.flatMap((s) => actionsOf(s.statement)).filter((a) => a !== 'lambda:InvokeFunction');
    expect(otherActions.every((a) => a.startsWith('logs:'))).toBe(true);
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

  it('lets validateRequest do nothing beyond writing its logs', () => {
    // Act
    const { logicalId } = roleOf('ValidateRequestLambdaFunction');
    const actions = identityStatements(template)
      .filter((s) => s.owner === logicalId)
      .flatMap((s) => actionsOf(s.statement));

    // Assess
    expect(actions.sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
  });

  it('packages a bundle per function that loads and exports its handler', async () => {
    // Prepare
    const extracted = path.join(packageDir, 'extracted');
    const loaded: Record<string, string> = {};

    for (const [fnId, handler] of Object.entries(HANDLERS)) {
      const name = fnId.replace(/LambdaFunction$/, '');
      const zipName = `${name[0]!.toLowerCase()}${name.slice(1)}.zip`;
      const dir = path.join(extracted, name);
      for (const [entry, content] of readZip(await readFile(path.join(packageDir, zipName)))) {
        await mkdir(path.dirname(path.join(dir, entry)), { recursive: true });
        await writeFile(path.join(dir, entry), content);
      }
      const [file, exported] = [handler.slice(0, handler.lastIndexOf('.')), handler.slice(handler.lastIndexOf('.') + 1)];

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
          },
        },
      );
    }

    // Assess
    expect(loaded).toEqual(Object.fromEntries(Object.keys(HANDLERS).map((id) => [id, 'function'])));
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
  it('is keyed by tenantId alone, with point-in-time recovery and encryption, and is retained', () => {
    // Act
    const table = resource('StatusTable');

    // Assess
    expect(table.Type).toBe('AWS::DynamoDB::Table');
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'tenantId', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'tenantId', AttributeType: 'S' }],
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

  it('writes IAM only to dataplane roles and EKS OIDC providers, and never deletes or passes roles', () => {
    // Act
    const iamWrites = identityStatements(template).flatMap(({ owner, statement }) =>
      actionsOf(statement)
        .filter((a) => a.startsWith('iam:') && !IAM_READ_ACTION.test(a))
        .map((action) => ({ owner, action, resources: resourceTexts(statement), effect: statement.Effect })),
    );

    // Assess
    expect(iamWrites.length).toBeGreaterThan(0);
    for (const write of iamWrites) {
      expect(write.effect).toBe('Allow');
      if (ROLE_WRITE_ACTIONS.includes(write.action)) {
        expect(write).toEqual({ ...write, resources: [DATAPLANE_ROLE_ARN] });
      } else if (OIDC_PROVIDER_WRITE_ACTIONS.includes(write.action)) {
        expect(write).toEqual({ ...write, resources: [OIDC_PROVIDER_ARN] });
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

  it('creates dataplane roles, or sets their boundary, only with the dataplane permissions boundary', () => {
    // Act
    const boundaryBound = identityStatements(template).filter(({ statement }) =>
      actionsOf(statement).some((a) => a === 'iam:CreateRole' || a === 'iam:PutRolePermissionsBoundary'),
    );

    // Assess
    expect(boundaryBound.flatMap((s) => actionsOf(s.statement)).sort()).toEqual([
      'iam:CreateRole',
      'iam:PutRolePermissionsBoundary',
    ]);
    for (const { statement } of boundaryBound) {
      expect(statement.Condition).toEqual({
        StringEquals: { 'iam:PermissionsBoundary': { Ref: 'DataplaneRoleBoundary' } },
      });
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
    expect(dataActions).toEqual(
      expect.arrayContaining([
        { owner: roleOf('PublishRoleArnLambdaFunction').logicalId, action: 'sqs:SendMessage', resources: ['GetAtt:AccountManagerQueue.Arn'] },
        { owner: roleOf('RecordStatusLambdaFunction').logicalId, action: 'dynamodb:GetItem', resources: ['GetAtt:StatusTable.Arn'] },
        { owner: roleOf('RecordStatusLambdaFunction').logicalId, action: 'dynamodb:UpdateItem', resources: ['GetAtt:StatusTable.Arn'] },
      ]),
    );
    expect(dataActions).toHaveLength(3);
  });
});

describe('dataplane permissions boundary', () => {
  it('is a managed policy that allows assuming roles and nothing else', () => {
    // Act
    const boundary = resource('DataplaneRoleBoundary');
    const statements = boundary.Properties.PolicyDocument.Statement;

    // Assess
    expect(boundary.Type).toBe('AWS::IAM::ManagedPolicy');
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::*:role/*' },
    });
  });
});

describe('outputs', () => {
  it('exports what operators and the account manager need', () => {
    // Assess
    expect(template.Outputs).toMatchObject({
      OnboardingStateMachineArn: { Value: { Ref: 'OnboardingStateMachine' } },
      StatusTableName: { Value: { Ref: 'StatusTable' } },
      AccountManagerQueueUrl: { Value: { Ref: 'AccountManagerQueue' } },
      DataplaneBoundaryArn: { Value: { Ref: 'DataplaneRoleBoundary' } },
    });
  });
});
