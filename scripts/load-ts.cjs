// Loads one TypeScript module of this project on plain Node: bundled with esbuild into
// node_modules/.cache first, the way the Lambda functions are bundled, because Node 20 runs no
// TypeScript and cannot require the ESM-only middy packages. The bundle is built once and rebuilt only
// when one of the files it was built from changed (size or modification time, recorded beside it), so
// a start with unchanged sources neither loads esbuild nor starts its process.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const pkg = require('../package.json');

const root = path.resolve(__dirname, '..');

/** What a bundle was built from: every input file with its size and modification time, and how. */
function fingerprint(inputs, sourcemap) {
  return {
    sourcemap: sourcemap ? 'linked' : false,
    dependencies: pkg.dependencies,
    inputs: Object.fromEntries(
      inputs.map((file) => {
        const stat = fs.statSync(path.resolve(root, file), { throwIfNoEntry: false });
        return [file, stat ? `${stat.size}:${stat.mtimeMs}` : 'missing'];
      }),
    ),
  };
}

function isCurrent(outfile, recordFile, sourcemap) {
  let record;
  try {
    record = JSON.parse(fs.readFileSync(recordFile, 'utf8'));
  } catch {
    return false;
  }
  if (!fs.existsSync(outfile)) return false;
  const now = fingerprint(Object.keys(record.inputs ?? {}), sourcemap);
  return JSON.stringify(now) === JSON.stringify(record);
}

function build(entry, outfile, recordFile, sourcemap) {
  // Only now: a start whose bundle is current never loads esbuild.
  const esbuild = require('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [path.resolve(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Beside the bundle, not inside it: an inline map is most of the file, and Node reads every byte of
    // it at each start though it uses the map only with --enable-source-maps (which finds the file too).
    sourcemap: sourcemap ? 'linked' : false,
    metafile: true,
    logLevel: 'error',
    // Everything CommonJS-loadable stays a plain require; only the ESM-only middy packages are bundled.
    external: Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@middy/')),
  });
  // Paths in the metafile are relative to the working directory esbuild ran in.
  const inputs = Object.keys(result.metafile.inputs).map((file) => path.relative(root, path.resolve(process.cwd(), file)));
  fs.writeFileSync(recordFile, JSON.stringify(fingerprint(inputs, sourcemap)));
}

/** Bundles `entry` (a path from the project root) unless its bundle is current, and returns its exports. */
function loadTs(entry, sourcemap = false) {
  const name = entry.replace(/[\\/]/g, '_');
  const dir = path.join(root, 'node_modules', '.cache', 'load-ts');
  const outfile = path.join(dir, `${name}.cjs`);
  const recordFile = path.join(dir, `${name}.inputs.json`);
  if (!isCurrent(outfile, recordFile, sourcemap)) {
    fs.mkdirSync(dir, { recursive: true });
    build(entry, outfile, recordFile, sourcemap);
  }
  return require(outfile);
}

module.exports = { loadTs, root };
