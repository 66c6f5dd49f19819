// The code's shape, judged by dependency-cruiser with the rules of .dependency-cruiser.cjs: no import
// circles, a pure domain, an IAM policy evaluator that knows none of its users, handlers loaded only by
// the list of functions and the local runner.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: { name: string }[];
}

describe('the import graph', () => {
  it('breaks none of the rules of .dependency-cruiser.cjs', () => {
    // Act
    const run = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'), 'lib', 'functions', 'bin', 'bench', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
      { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );

    // Assess
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { summary: { violations: Violation[]; totalCruised: number } };
    const violations = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.cycle ? v.cycle.map((c) => c.name).join(' → ') : v.to}`);
    expect(violations).toEqual([]);
    // Every module of lib and functions was read (a wrong path would cruise nothing and pass).
    expect(result.summary.totalCruised).toBeGreaterThan(150);
  }, 60_000);
});
