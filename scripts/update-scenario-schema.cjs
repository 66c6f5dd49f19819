#!/usr/bin/env node
// Regenerates docs/scenario.schema.json from the zod schema of scenarios (lib/sandbox/scenario.ts).
//   node scripts/update-scenario-schema.cjs           rewrite it when it is out of date
//   node scripts/update-scenario-schema.cjs --check   exit 1 when it is out of date, change nothing
'use strict';

const { loadTs, root } = require('./load-ts.cjs');

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--check');
if (unknown.length > 0) {
  process.stderr.write(`usage: node scripts/update-scenario-schema.cjs [--check]\n(unknown argument ${unknown[0]})\n`);
  process.exit(2);
}
const check = args.includes('--check');

const { updateScenarioSchema, SCENARIO_SCHEMA_FILE, REGENERATE_SCENARIO_SCHEMA } = loadTs('lib/docs/scenario-schema.ts');

const result = updateScenarioSchema(root, { check });
if (result.upToDate) {
  process.stdout.write(`${SCENARIO_SCHEMA_FILE} is up to date.\n`);
} else if (check) {
  process.stderr.write(`${SCENARIO_SCHEMA_FILE} is out of date: run ${REGENERATE_SCENARIO_SCHEMA}\n`);
  process.exit(1);
} else {
  process.stdout.write(`${SCENARIO_SCHEMA_FILE} regenerated from lib/sandbox/scenario.ts.\n`);
}
