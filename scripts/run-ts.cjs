#!/usr/bin/env node
// Runs one TypeScript file of this project (a benchmark) by bundling it with esbuild first, as the
// CLI does, since Node 20 cannot load TypeScript or the ESM-only middy packages directly.
const path = require('node:path');
const esbuild = require('esbuild');
const pkg = require('../package.json');

const entry = process.argv[2];
if (!entry) {
  process.stderr.write('usage: node scripts/run-ts.cjs FILE.ts\n');
  process.exit(2);
}
const root = path.resolve(__dirname, '..');
const outfile = path.join(root, 'node_modules', '.cache', 'run-ts', `${path.basename(entry, '.ts')}.cjs`);
esbuild.buildSync({
  entryPoints: [path.resolve(entry)],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'error',
  external: Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@middy/')),
});
require(outfile);
