// docs/scenario.schema.json is drawn from the zod schema parseScenario validates with, so the two
// cannot disagree: editors complete and check scenario files with it, and a test fails when the
// committed file is stale. Checks across fields (duplicate names, a change to a role that is gone by
// then) are parseScenario's alone: JSON Schema cannot say them.
import * as z from 'zod';
import { scenarioSchema } from '../sandbox/scenario';

export const SCENARIO_SCHEMA_FILE = 'docs/scenario.schema.json';
export const REGENERATE_SCENARIO_SCHEMA = 'npm run docs:schemas';

/** The JSON Schema (draft-07) of a scenario file as written: fields with defaults are optional. */
export function scenarioJsonSchema(): Record<string, unknown> {
  // Written out in full rather than with $refs between properties, so each field reads on its own;
  // as written in a file (`io: 'input'`): fields with defaults are optional.
  const { $schema, ...schema } = z.toJSONSchema(scenarioSchema, { target: 'draft-07', io: 'input', reused: 'inline' });
  return {
    $schema,
    title: 'Sandbox scenario',
    description:
      `A scenario of the embedded AWS sandbox (scenarios/*.json). Generated from lib/sandbox/scenario.ts by ${REGENERATE_SCENARIO_SCHEMA}; ` +
      'loading a scenario also checks what this schema cannot say (duplicates, changes to roles that do not exist then).',
    ...schema,
  };
}

export function renderScenarioSchema(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
