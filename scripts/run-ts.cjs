#!/usr/bin/env node
// Runs one TypeScript file of this project (a benchmark): node scripts/run-ts.cjs FILE.ts [ARGS...]
// The file sees its own arguments from process.argv[2] on, as a script run by node would.
'use strict';

const path = require('node:path');
const { loadTs, root } = require('./load-ts.cjs');

const entry = process.argv[2];
if (!entry) {
  process.stderr.write('usage: node scripts/run-ts.cjs FILE.ts\n');
  process.exit(2);
}
process.argv.splice(2, 1);
loadTs(path.relative(root, path.resolve(entry)));
