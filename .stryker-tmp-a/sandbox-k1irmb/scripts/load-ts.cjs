// @ts-nocheck
// Loads one TypeScript module of this project on plain Node: bundled with esbuild into
// node_modules/.cache first (well under a second), the way the Lambda functions are bundled, because
// Node 20 runs no TypeScript and cannot require the ESM-only middy packages.
'use strict';

const path = require('node:path');
const esbuild = require('esbuild');
const pkg = require('../package.json');

const root = path.resolve(__dirname, '..');

/** Bundles `entry` (a path from the project root) and returns its exports. */
function loadTs(entry, sourcemap = false) {
  const outfile = path.join(root, 'node_modules', '.cache', 'load-ts', `${entry.replace(/[\\/]/g, '_')}.cjs`);
  esbuild.buildSync({
    entryPoints: [path.resolve(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: sourcemap ? 'inline' : false,
    logLevel: 'error',
    // Everything CommonJS-loadable stays a plain require; only the ESM-only middy packages are bundled.
    external: Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@middy/')),
  });
  return require(outfile);
}

module.exports = { loadTs, root };
