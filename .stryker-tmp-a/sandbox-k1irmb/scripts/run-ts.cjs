#!/usr/bin/env node
// @ts-nocheck
// Runs one TypeScript file of this project (a benchmark): node scripts/run-ts.cjs FILE.ts
'use strict';

const path = require('node:path');
const { loadTs, root } = require('./load-ts.cjs');

const entry = process.argv[2];
if (!entry) {
  process.stderr.write('usage: node scripts/run-ts.cjs FILE.ts\n');
  process.exit(2);
}
loadTs(path.relative(root, path.resolve(entry)));
