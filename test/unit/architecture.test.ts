// The code's shape, judged by dependency-cruiser with the rules of .dependency-cruiser.cjs: no import
// circles, a pure domain, an IAM policy evaluator that knows none of its users, handlers loaded only by
// the list of functions and the local runner; and what the CLI loads at start.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

interface Dependency {
  resolved: string;
  dynamic: boolean;
  dependencyTypes: string[];
}

interface Module {
  source: string;
  dependencies: Dependency[];
}

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: { name: string }[];
}

function cruise(): { modules: Module[]; summary: { violations: Violation[]; totalCruised: number } } {
  const run = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'), 'lib', 'functions', 'bin', 'bench', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}

/** What loading `start` loads: its imports, theirs, and so on, leaving out dynamic imports and types. */
function loadedAtStart(modules: Module[], start: string): Set<string> {
  const bySource = new Map(modules.map((m) => [m.source, m]));
  const loaded = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const d of bySource.get(queue.shift()!)?.dependencies ?? []) {
      if (d.dynamic || d.dependencyTypes.includes('type-only') || loaded.has(d.resolved)) continue;
      loaded.add(d.resolved);
      queue.push(d.resolved);
    }
  }
  return loaded;
}

describe('the import graph', () => {
  let result: ReturnType<typeof cruise>;

  beforeAll(() => {
    result = cruise();
  }, 60_000);

  it('breaks none of the rules of .dependency-cruiser.cjs', () => {
    // Assess
    const violations = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.cycle ? v.cycle.map((c) => c.name).join(' → ') : v.to}`);
    expect(violations).toEqual([]);
    // Every module of lib and functions was read (a wrong path would cruise nothing and pass).
    expect(result.summary.totalCruised).toBeGreaterThan(150);
  });

  it('lets the CLI start without loading an AWS SDK client or the schemas: the commands that need them load them', () => {
    // Act
    const loaded = [...loadedAtStart(result.modules, 'lib/cli/main.ts')];

    // Assess
    expect(loaded).toContain('lib/domain/diagnosis/index.ts');
    expect(loaded.filter((m) => m.includes('@aws-sdk/client-') || m.includes('node_modules/zod/'))).toEqual([]);
  });
});
