#!/usr/bin/env node
// Reads a stack trace from a deployed function (minified, without source maps at run time) and prints
// it with each frame of our bundle mapped back to the TypeScript source, from the source maps the
// build kept: osls package writes them beside the bundles, in .esbuild/.build/functions/.
//   npm run stack-trace -- [--maps DIR] < trace.txt
// Use the maps of the build that was deployed (the same commit): a map of another build points wrong.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { SourceMap } = require('node:module');

/**
 * A position in one of our bundles, as Lambda prints it:
 * /var/task/functions/<folder>/<name>.js:<line>:<column> (the folder names the state machine).
 */
const FRAME = /(?:\/var\/task\/)?functions\/((?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_-]+\.js):(\d+):(\d+)/g;

function mapsFrom(dir) {
  const loaded = new Map();
  return (bundle) => {
    if (!loaded.has(bundle)) {
      const file = path.join(dir, `${bundle}.map`);
      loaded.set(bundle, fs.existsSync(file) ? new SourceMap(JSON.parse(fs.readFileSync(file, 'utf8'))) : undefined);
    }
    return loaded.get(bundle);
  };
}

/** The line with each bundle position replaced by its source position (left as it was when unknown). */
function resolveLine(line, mapFor, mapsDir) {
  return line.replace(FRAME, (frame, bundle, lineText, columnText) => {
    const map = mapFor(bundle);
    if (!map) return `${frame} [no map ${path.join(mapsDir, `${bundle}.map`)}]`;
    // Stack traces count lines and columns from 1, source maps from 0.
    const entry = map.findEntry(Number(lineText) - 1, Number(columnText) - 1);
    if (!entry || !entry.originalSource) return frame;
    // A map names its sources relative to the folder it is in.
    const source = path.relative(path.join(__dirname, '..'), path.resolve(path.dirname(path.join(mapsDir, bundle)), entry.originalSource));
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

function main(argv) {
  const at = argv.indexOf('--maps');
  const mapsDir = path.resolve(at >= 0 ? argv[at + 1] : path.join(__dirname, '..', '.esbuild', '.build', 'functions'));
  if (!fs.existsSync(mapsDir)) {
    process.stderr.write(`no source maps in ${mapsDir}: run \`npx osls package\` for the deployed commit first, or pass --maps DIR\n`);
    return 2;
  }
  const mapFor = mapsFrom(mapsDir);
  const text = fs.readFileSync(0, 'utf8');
  process.stdout.write(text.split('\n').map((line) => resolveLine(line, mapFor, mapsDir)).join('\n'));
  return 0;
}

module.exports = { resolveLine, mapsFrom };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
