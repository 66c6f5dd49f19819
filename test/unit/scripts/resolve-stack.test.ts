// A deployed function's stack trace points into a minified bundle; the maps the build kept must lead
// each frame back to the TypeScript line that threw.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

const root = path.resolve(__dirname, '../../..');
const dir = path.join(root, 'node_modules', '.cache', 'resolve-stack-test');

describe('scripts/resolve-stack.cjs', () => {
  beforeAll(() => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.join(dir, 'src'), { recursive: true });
    writeFileSync(
      path.join(dir, 'src', 'thrower.ts'),
      ['export function checkTenant(id: string): void {', '  if (id.length > 3) {', "    throw new Error('tenant id too long');", '  }', '}', '', "checkTenant('acme-prod');", ''].join('\n'),
    );
    // As the stack builds its bundles: minified, names kept, the map beside the bundle, in the folder of
    // the function's state machine.
    buildSync({
      entryPoints: [path.join(dir, 'src', 'thrower.ts')],
      outfile: path.join(dir, 'build', 'functions', 'onboarding', 'thrower.js'),
      bundle: true,
      minify: true,
      keepNames: true,
      sourcemap: 'external',
      platform: 'node',
      format: 'cjs',
      logLevel: 'silent',
    });
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('maps each frame of a bundle back to the source line, as Lambda prints it', () => {
    // Prepare: the trace as the function would log it in Lambda, where the bundle is /var/task/functions/onboarding/thrower.js.
    const bundle = path.join(dir, 'build', 'functions', 'onboarding', 'thrower.js');
    const run = spawnSync(process.execPath, [bundle], { encoding: 'utf8' });
    const trace = run.stderr.split(bundle).join('/var/task/functions/onboarding/thrower.js');
    expect(trace).toMatch(/\/var\/task\/functions\/onboarding\/thrower\.js:\d+:\d+/);

    // Act
    const resolved = execFileSync(process.execPath, [path.join(root, 'scripts', 'resolve-stack.cjs'), '--maps', path.join(dir, 'build', 'functions')], {
      input: trace,
      encoding: 'utf8',
    });

    // Assess
    const source = path.relative(root, path.join(dir, 'src', 'thrower.ts'));
    expect(resolved).toContain(`${source}:3:`);
    expect(resolved).not.toMatch(/\/var\/task\/functions\/onboarding\/thrower\.js:\d+:\d+/);
  });

  it('says where it looked when there are no maps', () => {
    const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'resolve-stack.cjs'), '--maps', path.join(dir, 'nowhere')], { input: '', encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(path.join(dir, 'nowhere'));
  });
});
