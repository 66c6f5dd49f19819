// What only a real deployment would find out, checked in the packaged CloudFormation: names that pass
// AWS's limits for a long stage, a stage or parameter that cannot work, a retained table that blocks
// the next deploy, the customer managed key over what holds External IDs, and who may put events on
// the bus. Packaged once, at the longest stage allowed and with both bus parameters set.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { actionsOf, asArray, identityStatements, resourceTexts } from './helpers/iam';
import { packageService, resourcesOfType, SERVICE_DIR, type Resource, type Template } from './helpers/package-service';

const run = promisify(execFile);

/** 16 characters, the longest stage allowed. */
const LONGEST_STAGE = 'feature-branch-1';
const PUBLISHER_ACCOUNTS = ['111111111111', '222222222222'];
const PUBLISHER_ORGANIZATION = 'o-a1b2c3d4e5';
/** What CloudFormation fills in at deploy time, at its longest, so a name is measured at its worst. */
const LONGEST = { 'AWS::Region': 'us-isof-south-1', 'AWS::AccountId': '123456789012', 'AWS::Partition': 'aws-iso-f' };

/** AWS's limits on the names a template sets, by resource type and property. */
const NAME_LIMITS: [type: string, property: string, limit: number][] = [
  ['AWS::Lambda::Function', 'FunctionName', 64],
  ['AWS::IAM::Role', 'RoleName', 64],
  ['AWS::IAM::ManagedPolicy', 'ManagedPolicyName', 128],
  ['AWS::IAM::Policy', 'PolicyName', 128],
  ['AWS::Logs::LogGroup', 'LogGroupName', 512],
  ['AWS::StepFunctions::StateMachine', 'StateMachineName', 80],
  ['AWS::SQS::Queue', 'QueueName', 80],
  ['AWS::DynamoDB::Table', 'TableName', 255],
  ['AWS::Events::EventBus', 'Name', 256],
  ['AWS::Events::Rule', 'Name', 64],
  ['AWS::Events::EventBusPolicy', 'StatementId', 64],
  ['AWS::KMS::Alias', 'AliasName', 256],
  ['AWS::ApiGatewayV2::Api', 'Name', 128],
];
const ROLE_INLINE_POLICY_NAME_LIMIT = 128;

/** KMS actions that use a key (read or write data with it) rather than administer it. */
const KEY_USE = /^kms:(Encrypt|Decrypt|ReEncrypt.*|GenerateDataKey.*|CreateGrant|\*)$/;
const DAYS = 24 * 3600;

let packageDir: string;
let template: Template;

beforeAll(async () => {
  packageDir = await mkdtemp(path.join(os.tmpdir(), 'onboarding-package-safety-'));
  template = await packageService(packageDir, LONGEST_STAGE, 'eu-west-1', {
    eventPublisherAccounts: PUBLISHER_ACCOUNTS.join(','),
    eventPublisherOrganization: PUBLISHER_ORGANIZATION,
  });
}, 180_000);

afterAll(async () => {
  if (packageDir) await rm(packageDir, { recursive: true, force: true });
});

function resource(logicalId: string): Resource & { Properties: any } {
  const found = template.Resources[logicalId];
  if (!found) throw new Error(`No resource ${logicalId} in the packaged template`);
  return found as Resource & { Properties: any };
}

/** A name as deployed at its longest: a literal, or a Fn::Sub of pseudo parameters only. */
function longestName(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  const sub = (value as { 'Fn::Sub'?: unknown })?.['Fn::Sub'];
  if (typeof sub === 'string') {
    return sub.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
      const filled = LONGEST[name as keyof typeof LONGEST];
      if (filled === undefined) throw new Error(`${where}: cannot measure \${${name}}`);
      return filled;
    });
  }
  throw new Error(`${where}: a name that is not known before deploy (${JSON.stringify(value)}) cannot be checked`);
}

/** Evaluates a template condition: the Fn::Not / Fn::Equals / Fn::Or / Fn::And that serverless.yml uses. */
function evaluate(conditions: Record<string, unknown>, expression: unknown): boolean {
  const e = expression as Record<string, any>;
  if (e.Condition) return evaluate(conditions, conditions[e.Condition]);
  if (e['Fn::Not']) return !evaluate(conditions, e['Fn::Not'][0]);
  if (e['Fn::Or']) return e['Fn::Or'].some((x: unknown) => evaluate(conditions, x));
  if (e['Fn::And']) return e['Fn::And'].every((x: unknown) => evaluate(conditions, x));
  if (e['Fn::Equals']) return JSON.stringify(e['Fn::Equals'][0]) === JSON.stringify(e['Fn::Equals'][1]);
  throw new Error(`Cannot evaluate ${JSON.stringify(expression)}`);
}

/** serverless.yml as osls resolves it (no bundling): fast, for what fails before packaging or needs no package. */
async function printService(args: string[]): Promise<{ ok: true; config: any } | { ok: false; output: string }> {
  const osls = require.resolve('osls/bin/serverless.js', { paths: [SERVICE_DIR] });
  try {
    const { stdout } = await run(process.execPath, [osls, 'print', '--format', 'json', ...args], { cwd: SERVICE_DIR, maxBuffer: 16 * 1024 * 1024 });
    return { ok: true, config: JSON.parse(stdout) };
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${stdout ?? ''}\n${stderr ?? ''}` };
  }
}

describe('names, at the longest stage allowed', () => {
  it('fit their AWS limits, every name the template sets', () => {
    // Prepare
    const tooLong: string[] = [];
    let checked = 0;

    // Act
    for (const [type, property, limit] of NAME_LIMITS) {
      for (const [id, r] of resourcesOfType(template, type)) {
        const value = r.Properties?.[property];
        if (value === undefined) continue; // CloudFormation generates one that fits
        const name = longestName(value, `${id}.${property}`);
        checked += 1;
        if (name.length > limit) tooLong.push(`${id}.${property} "${name}" is ${name.length} characters (limit ${limit})`);
      }
    }
    for (const [id, r] of resourcesOfType(template, 'AWS::IAM::Role')) {
      for (const policy of asArray<any>(r.Properties?.Policies)) {
        checked += 1;
        if (String(policy.PolicyName).length > ROLE_INLINE_POLICY_NAME_LIMIT) tooLong.push(`${id} policy ${policy.PolicyName}`);
      }
    }
    const stackName = `tenant-dataplane-onboarding-${LONGEST_STAGE}`;

    // Assess
    expect(tooLong).toEqual([]);
    expect(checked).toBeGreaterThan(30);
    expect(stackName.length).toBeLessThanOrEqual(128);
  });

  it('include every function by an explicit name of the service and stage', () => {
    const names = resourcesOfType(template, 'AWS::Lambda::Function').map(([, r]) => String(r.Properties.FunctionName));
    expect(names).toHaveLength(12);
    expect(names.every((n) => n.startsWith(`tenant-dataplane-onboarding-${LONGEST_STAGE}-`) && n.length <= 64)).toBe(true);
    expect(names).toContain(`tenant-dataplane-onboarding-${LONGEST_STAGE}-summarize`);
  });

  it('a stage one character longer stops packaging, before anything is built, saying why', async () => {
    // Act
    const printed = await printService(['--stage', 'feature-branch-17']);
    const packaged = packageService(path.join(packageDir, 'too-long'), 'feature-branch-17');

    // Assess
    expect(printed.ok).toBe(false);
    await expect(packaged).rejects.toThrow(
      'Stage "feature-branch-17" is 17 characters long; at most 16 are allowed, so that every name built from it',
    );
  }, 60_000);

  it('a stage with characters a stack name cannot hold is refused, naming them', async () => {
    const printed = await printService(['--stage', 'dev_1']);
    expect(printed.ok).toBe(false);
    expect(printed.ok === false && printed.output).toContain('Stage "dev_1" may contain only letters, digits and hyphens');
  }, 60_000);
});

describe('retained resources', () => {
  it('the status table is retained once created, not after a failed first deploy, and on replacement', () => {
    const table = resource('StatusTable');
    expect(table.Properties.TableName).toBeDefined(); // a fixed name: a leftover would block the next deploy
    expect(table.DeletionPolicy).toBe('RetainExceptOnCreate');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it('every retained resource with a fixed name is retained only once created, and the key with the table it protects', () => {
    // Prepare: osls keeps old function versions (Retain); they have no name to collide on.
    const named = (r: Resource) => NAME_LIMITS.some(([type, property]) => r.Type === type && r.Properties?.[property] !== undefined);
    const retained = Object.entries(template.Resources).filter(([, r]) => r.DeletionPolicy?.startsWith('Retain') && named(r));

    // Assess
    expect(retained.map(([id]) => id)).toEqual(['StatusTable']);
    for (const r of [...retained.map(([, r]) => r), resource('DataKey')]) {
      expect(r.DeletionPolicy).toBe('RetainExceptOnCreate');
      expect(r.UpdateReplacePolicy).toBe('Retain');
    }
  });
});

describe('the customer managed key over External IDs', () => {
  const keyArn = { 'Fn::GetAtt': ['DataKey', 'Arn'] };
  const statements = () => asArray<any>(resource('DataKey').Properties.KeyPolicy.Statement);
  const root = { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' };

  it('is a symmetric key of the stack with rotation on, and an alias', () => {
    const key = resource('DataKey');
    expect(key.Type).toBe('AWS::KMS::Key');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.Properties.KeySpec ?? 'SYMMETRIC_DEFAULT').toBe('SYMMETRIC_DEFAULT');
    const [, alias] = resourcesOfType(template, 'AWS::KMS::Alias')[0]!;
    expect(alias.Properties.TargetKeyId).toEqual({ Ref: 'DataKey' });
  });

  it('encrypts the status table, the invalid-events and the failed-events queues', () => {
    expect(resource('StatusTable').Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: keyArn });
    for (const id of ['InvalidEventsQueue', 'FailedEventsQueue']) {
      expect(resource(id).Properties.KmsMasterKeyId).toEqual(keyArn);
      expect(resource(id).Properties.SqsManagedSseEnabled).toBeUndefined();
    }
  });

  it('keeps the event queues 4 days: past a long weekend for an operator, no longer with External IDs in them', () => {
    for (const id of ['InvalidEventsQueue', 'FailedEventsQueue']) {
      expect(resource(id).Properties.MessageRetentionPeriod).toBe(4 * DAYS);
    }
  });

  it('has only the account root and EventBridge as principals, never anyone (*)', () => {
    const principals = statements().map((s) => s.Principal);
    expect(principals.every((p) => p !== '*' && p.AWS !== '*')).toBe(true);
    expect(new Set(principals.map((p) => JSON.stringify(p)))).toEqual(
      new Set([JSON.stringify({ AWS: root }), JSON.stringify({ Service: 'events.amazonaws.com' })]),
    );
  });

  it('grants no kms:* to anyone, and the root administers without any use of the key', () => {
    const all = statements().flatMap((s) => actionsOf(s));
    expect(all).not.toContain('kms:*');
    const unconditioned = statements().filter((s) => s.Condition === undefined);
    expect(unconditioned).toHaveLength(1);
    expect(unconditioned[0]!.Principal).toEqual({ AWS: root });
    const covers = (granted: string, action: string) => (granted.endsWith('*') ? action.startsWith(granted.slice(0, -1)) : granted === action);
    const uses = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:GenerateDataKey', 'kms:CreateGrant'];
    expect(actionsOf(unconditioned[0]!).filter((granted) => uses.some((use) => covers(granted, use)))).toEqual([]);
    expect(actionsOf(unconditioned[0]!)).toEqual(expect.arrayContaining(['kms:Put*', 'kms:ScheduleKeyDeletion', 'kms:Describe*']));
  });

  it('allows use of the key only through DynamoDB for the status table and SQS for the two event queues, from this account', () => {
    const uses = statements().filter((s) => actionsOf(s).some((a) => KEY_USE.test(a)) && s.Principal.AWS);
    expect(uses.length).toBeGreaterThan(0);
    for (const s of uses) {
      const equals = s.Condition.StringEquals;
      expect(equals['kms:CallerAccount']).toEqual({ Ref: 'AWS::AccountId' });
      const via = equals['kms:ViaService']['Fn::Sub'];
      expect(['dynamodb.${AWS::Region}.amazonaws.com', 'sqs.${AWS::Region}.amazonaws.com']).toContain(via);
      if (actionsOf(s).includes('kms:CreateGrant')) {
        expect(actionsOf(s)).toEqual(['kms:CreateGrant']);
        expect(s.Condition.Bool['kms:GrantIsForAWSResource']).toBe(true);
      } else if (via.startsWith('dynamodb')) {
        expect(equals['kms:EncryptionContext:aws:dynamodb:tableName']).toBe(`tenant-dataplane-onboarding-${LONGEST_STAGE}-status`);
      } else {
        expect(asArray<any>(equals['kms:EncryptionContext:aws:sqs:arn']).map((a) => a['Fn::Sub'])).toEqual([
          `arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:tenant-dataplane-onboarding-${LONGEST_STAGE}-invalid-events`,
          `arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:tenant-dataplane-onboarding-${LONGEST_STAGE}-failed-events`,
        ]);
      }
    }
  });

  it('lets EventBridge use it only for dead letters of rules on this stack\'s bus, into the failed-events queue', () => {
    const [events] = statements().filter((s) => s.Principal.Service === 'events.amazonaws.com');
    expect(actionsOf(events!).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(events!.Condition.ArnLike['aws:SourceArn']['Fn::Sub']).toBe(
      `arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:rule/tenant-dataplane-onboarding-${LONGEST_STAGE}/*`,
    );
    expect(events!.Condition.StringEquals['kms:EncryptionContext:aws:sqs:arn']['Fn::Sub']).toMatch(/-failed-events$/);
  });

  it('is usable by exactly the roles that read or write the table or send to the event queues, with only Decrypt and GenerateDataKey', () => {
    // Prepare: who touches what, from the roles' own policies.
    const inline = identityStatements(template).filter((f) => template.Resources[f.owner]?.Type === 'AWS::IAM::Role');
    const rolesUsing = (test: (action: string, resource: string) => boolean) =>
      new Set(inline.filter((f) => actionsOf(f.statement).some((a) => resourceTexts(f.statement).some((r) => test(a, r)))).map((f) => f.owner));
    const tableRoles = rolesUsing((a, r) => a.startsWith('dynamodb:') && r === 'GetAtt:StatusTable.Arn');
    const queueRoles = rolesUsing((a, r) => a === 'sqs:SendMessage' && /^GetAtt:(InvalidEvents|FailedEvents)Queue\.Arn$/.test(r));
    const kmsGrants = identityStatements(template).filter((f) => actionsOf(f.statement).some((a) => a.startsWith('kms:')));

    // Act
    const granted = (service: string) =>
      new Set(
        kmsGrants
          .filter((f) => f.statement.Condition?.StringEquals?.['kms:ViaService']?.['Fn::Sub'] === `${service}.\${AWS::Region}.amazonaws.com`)
          .flatMap((f) => asArray<any>(template.Resources[f.owner]!.Properties.Roles).map((r) => r.Ref)),
      );

    // Assess
    expect(tableRoles.size).toBeGreaterThan(0);
    expect(granted('dynamodb')).toEqual(tableRoles);
    expect(granted('sqs')).toEqual(queueRoles);
    for (const f of kmsGrants) {
      expect(actionsOf(f.statement).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
      expect(f.statement.Resource).toEqual(keyArn);
    }
  });
});

describe('who may put events on the bus', () => {
  const policy = (id: string) => resource(id);

  it('the publishing accounts, for the two events from the tenant platform only', () => {
    const accounts = policy('EventPublisherAccountsPolicy');
    expect(accounts.Type).toBe('AWS::Events::EventBusPolicy');
    expect(evaluate(template.Conditions ?? {}, { Condition: accounts.Condition })).toBe(true);
    expect(accounts.Properties.EventBusName).toEqual({ Ref: 'EventBus' });
    const statement = accounts.Properties.Statement;
    expect(statement.Principal.AWS).toEqual({ 'Fn::Split': [',', PUBLISHER_ACCOUNTS.join(',')] });
    expect(statement.Action).toBe('events:PutEvents');
    expect(statement.Resource).toEqual({ 'Fn::GetAtt': ['EventBus', 'Arn'] });
    expect(statement.Condition.StringEquals).toEqual({
      'events:source': 'tenant-platform',
      'events:detail-type': ['TenantCreated', 'TargetRoleConfigured'],
    });
  });

  it('the accounts of the publishing organization, for the same events only', () => {
    const organization = policy('EventPublisherOrganizationPolicy');
    expect(evaluate(template.Conditions ?? {}, { Condition: organization.Condition })).toBe(true);
    expect(organization.Properties.Statement.Principal).toBe('*');
    expect(organization.Properties.Statement.Condition.StringEquals).toEqual({
      'aws:PrincipalOrgID': PUBLISHER_ORGANIZATION,
      'events:source': 'tenant-platform',
      'events:detail-type': ['TenantCreated', 'TargetRoleConfigured'],
    });
  });

  it('nobody from another account when no publisher is given: no bus policy is deployed', async () => {
    // Act
    const printed = await printService(['--stage', 'dev']);

    // Assess
    if (!printed.ok) throw new Error(printed.output);
    const { Conditions, Resources } = printed.config.resources;
    const policies = Object.values(Resources as Record<string, Resource>).filter((r) => r.Type === 'AWS::Events::EventBusPolicy');
    expect(policies).toHaveLength(2);
    for (const r of policies) expect(evaluate(Conditions, { Condition: r.Condition })).toBe(false);
  }, 60_000);

  it('outbound events on another bus of the account when outboundEventBus names one, and on no other', async () => {
    // Act
    const printed = await printService(['--stage', 'dev', '--param=outboundEventBus=product-events']);

    // Assess
    if (!printed.ok) throw new Error(printed.output);
    const { Conditions, Resources } = printed.config.resources;
    expect(evaluate(Conditions, { Condition: 'HasOutboundEventBus' })).toBe(true);
    for (const role of ['RecordStatusExecutionRole', 'RecordAttemptExecutionRole']) {
      const send = (Resources[role].Properties.Policies as any[]).find((p) => p.PolicyName === 'send-outbound-events');
      expect(send.PolicyDocument.Statement).toEqual([
        {
          Effect: 'Allow',
          Action: 'events:PutEvents',
          Resource: {
            'Fn::If': ['HasOutboundEventBus', { 'Fn::Sub': 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/product-events' }, { 'Fn::GetAtt': ['EventBus', 'Arn'] }],
          },
        },
      ]);
    }
    for (const fn of ['recordStatus', 'recordAttempt']) {
      expect(printed.config.functions[fn].environment.OUTBOUND_EVENT_BUS_NAME).toEqual({ 'Fn::If': ['HasOutboundEventBus', 'product-events', { Ref: 'EventBus' }] });
    }
  }, 60_000);

  it.each([
    ['eventPublisherAccounts=12345,111111111111', 'Parameter eventPublisherAccounts: "12345" is not an AWS account id: give 12-digit account ids'],
    ['eventPublisherOrganization=org-1', 'Parameter eventPublisherOrganization: "org-1" is not an organization id'],
    [
      'outboundEventBus=arn:aws:events:eu-west-1:111111111111:event-bus/product',
      'Parameter outboundEventBus: "arn:aws:events:eu-west-1:111111111111:event-bus/product" is not an event bus name to send to',
    ],
    ['outboundEventBus=default', 'Parameter outboundEventBus: "default" is not an event bus name to send to'],
  ])('a malformed parameter (%s) stops packaging, saying what is allowed', async (param, message) => {
    const printed = await printService(['--stage', 'dev', `--param=${param}`]);
    expect(printed.ok).toBe(false);
    expect(printed.ok === false && printed.output).toContain(message);
  }, 60_000);
});
