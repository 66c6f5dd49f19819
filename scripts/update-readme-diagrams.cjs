#!/usr/bin/env node
// Regenerates the "State machine diagrams" section of README.md from statemachines/*.asl.json.
//   node scripts/update-readme-diagrams.cjs           rewrite the section when it is out of date
//   node scripts/update-readme-diagrams.cjs --check   exit 1 when it is out of date, change nothing
// The generator is lib/docs/asl-mermaid.ts, which the README test also uses; it is bundled with
// esbuild first (scripts/load-ts.cjs) so this runs on plain Node with no TypeScript tooling.
'use strict';

const { checkFlag } = require('./check-flag.cjs');
const { loadTs, root } = require('./load-ts.cjs');

const check = checkFlag('update-readme-diagrams.cjs');

const { updateReadmeDiagrams, REGENERATE_COMMAND } = loadTs('lib/docs/asl-mermaid.ts');

const result = updateReadmeDiagrams(root, { check });
if (result.upToDate) {
  process.stdout.write('README.md state machine diagrams are up to date.\n');
} else if (check) {
  process.stderr.write(`README.md state machine diagrams are out of date: run ${REGENERATE_COMMAND}\n`);
  process.exit(1);
} else {
  process.stdout.write('README.md state machine diagrams regenerated from statemachines/*.asl.json.\n');
}
