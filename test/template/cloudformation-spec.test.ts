// Every resource of the packaged template is one CloudFormation knows, with properties it knows, its
// required properties given, and nested objects (a table's indexes and TTL, a role's policies, a bus's
// settings) shaped as their types say: decided by AWS's CloudFormation resource specification as
// @aws-cdk/aws-service-spec ships it, not by our reading of the docs. Values built with intrinsic
// functions (Ref, Fn::*) are CloudFormation's to resolve and are not judged here.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadAwsServiceSpec } from '@aws-cdk/aws-service-spec';
import type { SpecDatabase } from '@aws-cdk/service-spec-types';
import { packageService, type Template } from './helpers/package-service';

let packageDir: string;
let template: Template;
let db: SpecDatabase;

beforeAll(async () => {
  packageDir = await mkdtemp(path.join(os.tmpdir(), 'onboarding-cfn-spec-'));
  [template, db] = await Promise.all([packageService(packageDir), loadAwsServiceSpec()]);
}, 180_000);

afterAll(async () => {
  if (packageDir) await rm(packageDir, { recursive: true, force: true });
});

type SpecType = { type: string; element?: SpecType; reference?: { $ref: string }; types?: SpecType[] };
type SpecProperty = { type: SpecType; previousTypes?: SpecType[]; required?: boolean };

const isIntrinsic = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).some((k) => k === 'Ref' || k.startsWith('Fn::'));

/** Where `value` departs from the properties of a resource or type definition: unknown names, missing required ones. */
function problemsOf(where: string, value: unknown, properties: Record<string, SpecProperty>): string[] {
  if (isIntrinsic(value)) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${where} must be an object`];
  const given = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const [name, property] of Object.entries(properties)) {
    if (property.required && given[name] === undefined) problems.push(`${where}.${name} is required`);
  }
  for (const [name, v] of Object.entries(given)) {
    const property = properties[name];
    if (!property) {
      problems.push(`${where}.${name} is not a property (known: ${Object.keys(properties).join(', ')})`);
      continue;
    }
    // A value may be of the current type or of a type the property had before.
    const candidates = [property.type, ...(property.previousTypes ?? [])];
    const each = candidates.map((t) => typeProblems(`${where}.${name}`, v, t));
    if (!each.some((p) => p.length === 0)) problems.push(...each[0]!);
  }
  return problems;
}

function typeProblems(where: string, value: unknown, type: SpecType): string[] {
  if (isIntrinsic(value)) return [];
  switch (type.type) {
    case 'ref': {
      const definition = db.get('typeDefinition', type.reference!.$ref) as unknown as { properties: Record<string, SpecProperty> };
      return problemsOf(where, value, definition.properties);
    }
    case 'array':
      if (!Array.isArray(value)) return [`${where} must be an array`];
      return value.flatMap((element, i) => typeProblems(`${where}[${i}]`, element, type.element!));
    case 'map':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${where} must be a map`];
      return Object.entries(value).flatMap(([k, v]) => typeProblems(`${where}.${k}`, v, type.element!));
    case 'union': {
      const each = type.types!.map((t) => typeProblems(where, value, t));
      return each.some((p) => p.length === 0) ? [] : each[0]!;
    }
    case 'tag':
      return typeof value === 'object' && value !== null && 'Key' in value && 'Value' in value ? [] : [`${where} must be a tag { Key, Value }`];
    case 'boolean':
      return typeof value === 'boolean' || value === 'true' || value === 'false' ? [] : [`${where} must be a boolean`];
    case 'integer':
    case 'number':
      return typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) ? [] : [`${where} must be a number`];
    case 'string':
    case 'date-time':
      return typeof value === 'string' || typeof value === 'number' ? [] : [`${where} must be a string`];
    default:
      // json (policy documents, ASL definitions) and null: any JSON.
      return [];
  }
}

describe('the packaged template against the CloudFormation resource specification', () => {
  it('uses only resource types CloudFormation has, with their properties and required properties, nested types included', () => {
    // Act
    const problems = Object.entries(template.Resources).flatMap(([logicalId, resource]) => {
      const found = db.lookup('resource', 'cloudFormationType', 'equals', resource.Type);
      if (found.length !== 1) return [`${logicalId}: ${resource.Type} is not a CloudFormation resource type`];
      return problemsOf(logicalId, resource.Properties ?? {}, found.only().properties as Record<string, SpecProperty>);
    });

    // Assess
    expect(Object.keys(template.Resources).length).toBeGreaterThan(30);
    expect(problems).toEqual([]);
  });

  it('would notice a misspelt property, a missing required one and a wrongly shaped index', () => {
    // Prepare: the status table as packaged, then broken three ways.
    const [id, table] = Object.entries(template.Resources).find(([, r]) => r.Type === 'AWS::DynamoDB::Table')!;
    const properties = db.lookup('resource', 'cloudFormationType', 'equals', 'AWS::DynamoDB::Table').only().properties as Record<string, SpecProperty>;
    const { KeySchema: _keys, ...withoutKeys } = table.Properties;
    const broken = {
      ...withoutKeys,
      TimeToLiveSpecifiction: table.Properties.TimeToLiveSpecification,
      GlobalSecondaryIndexes: [{ IndexName: 'connections-by-state', Projection: { ProjectionType: 'ALL' } }],
    };

    // Act
    const problems = problemsOf(id, broken, properties);

    // Assess
    expect(problems).toEqual(
      expect.arrayContaining([
        `${id}.KeySchema is required`,
        expect.stringMatching(new RegExp(`^${id}\\.TimeToLiveSpecifiction is not a property`)),
        `${id}.GlobalSecondaryIndexes[0].KeySchema is required`,
      ]),
    );
  });
});
