// The CLI starts from a bundle built once: a start with unchanged sources must not bundle again (nor
// load esbuild), and a changed source must never be served from a stale bundle.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const dir = path.join(root, 'node_modules', '.cache', 'load-ts-test');
const entry = path.relative(root, path.join(dir, 'entry.ts'));
const dependency = path.join(dir, 'value.ts');

/** Loads the entry in a fresh Node process: what it exports, and whether esbuild was loaded to get it. */
function start(): { value: string; esbuildLoaded: boolean } {
  const script = `
    const { loadTs } = require(${JSON.stringify(path.join(root, 'scripts', 'load-ts.cjs'))});
    const { value } = loadTs(${JSON.stringify(entry)});
    const esbuildLoaded = Object.keys(require.cache).some((file) => file.includes('/node_modules/esbuild/'));
    process.stdout.write(JSON.stringify({ value, esbuildLoaded }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }));
}

describe('scripts/load-ts.cjs', () => {
  beforeEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(path.join(root, 'node_modules', '.cache', 'load-ts', `${entry.replace(/[\\/]/g, '_')}.inputs.json`), { force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'entry.ts'), "export { value } from './value';\n");
    writeFileSync(dependency, "export const value: string = 'first';\n");
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('bundles on the first start, then starts from the bundle without loading esbuild', () => {
    expect(start()).toEqual({ value: 'first', esbuildLoaded: true });
    expect(start()).toEqual({ value: 'first', esbuildLoaded: false });
  });

  it('bundles again when a file the bundle was built from changed', () => {
    start();
    writeFileSync(dependency, "export const value: string = 'second';\n");
    // A later modification time even on file systems with coarse timestamps.
    const later = new Date(Date.now() + 5000);
    utimesSync(dependency, later, later);

    expect(start()).toEqual({ value: 'second', esbuildLoaded: true });
  });
});
