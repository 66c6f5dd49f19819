// docs/scenario.schema.json is generated from the zod schema scenarios are validated with; a change to
// the schema without regenerating it would leave editors checking scenario files against old rules.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseScenario } from '../../../lib/sandbox';
import { REGENERATE_SCENARIO_SCHEMA, renderScenarioSchema, SCENARIO_SCHEMA_FILE, scenarioJsonSchema } from '../../../lib/docs/scenario-schema';

const root = path.resolve(__dirname, '../../..');

interface ObjectSchema {
  properties: Record<string, { pattern?: string; default?: unknown; description?: string }>;
  required?: string[];
  additionalProperties?: unknown;
}

describe('docs/scenario.schema.json', () => {
  it('is exactly what the zod schema of scenarios generates now', () => {
    // Prepare
    let committed: string;
    try {
      committed = readFileSync(path.join(root, SCENARIO_SCHEMA_FILE), 'utf8');
    } catch {
      throw new Error(`${SCENARIO_SCHEMA_FILE} is missing: generate it with ${REGENERATE_SCENARIO_SCHEMA}`);
    }

    // Act
    const expected = renderScenarioSchema();

    // Assess
    if (committed !== expected) throw new Error(`${SCENARIO_SCHEMA_FILE} is stale: regenerate it with ${REGENERATE_SCENARIO_SCHEMA}`);
  });

  it('describes a scenario as written: strict objects, fields with defaults optional, the same region rule', () => {
    // Act
    const schema = scenarioJsonSchema() as unknown as ObjectSchema & { $schema: string };

    // Assess
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.required).toEqual(['name', 'description', 'vendor', 'clusters']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.iamPropagationSeconds?.default).toBe(0);
    expect(schema.properties.connections?.description).toMatch(/connections a local run verifies/);
    const vendor = schema.properties.vendor as unknown as ObjectSchema;
    expect(new RegExp(vendor.properties.region!.pattern!).test('eusc-de-east-1')).toBe(true);
  });

  it('has only patterns a validator compiling with the u flag (as Ajv does) accepts', () => {
    // Prepare
    const patterns: string[] = [];
    const collect = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'pattern' && typeof value === 'string') patterns.push(value);
        else collect(value);
      }
    };

    // Act
    collect(scenarioJsonSchema());

    // Assess
    expect(patterns.length).toBeGreaterThan(10);
    expect(patterns.filter((p) => !compiles(p))).toEqual([]);
  });

  it('may be named in a scenario file itself, for editors', () => {
    const scenario = parseScenario({
      $schema: '../docs/scenario.schema.json',
      name: 'with-schema',
      description: 'a scenario naming its schema',
      vendor: { accountId: '111111111111', region: 'eu-west-1' },
      clusters: [],
    });

    expect(scenario.name).toBe('with-schema');
  });

  it('has every top-level field a shipped scenario uses', () => {
    // Prepare
    const schema = scenarioJsonSchema() as unknown as ObjectSchema;
    const dir = path.join(root, 'scenarios');

    // Act
    const used = new Set(readdirSync(dir).flatMap((f) => Object.keys(JSON.parse(readFileSync(path.join(dir, f), 'utf8')))));

    // Assess
    expect([...used].filter((field) => !(field in schema.properties))).toEqual([]);
  });
});

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
