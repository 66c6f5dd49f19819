// The ASL's Retry/Catch match error names; a typo there silently turns a caught error into a failed
// execution. Every name in statemachines/*.asl.json must be a domain error of the code, or AWS's own.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMAIN_ERRORS } from '../../lib/errors';
// The script that copies the shared Retry policies into the ASL files (CommonJS, like the other scripts).
const { applySharedRetry, lambdaTasks, sharedRetry, staleRetries, unknownListed } = require('../../scripts/shared-retry.cjs');

const dir = path.resolve(__dirname, '../../statemachines');
const AWS_NAMES = /^(States\.[A-Za-z]+|Lambda\.[A-Za-z]+|StepFunctions\.[A-Za-z]+|Sandbox\.Timedout)$/;

function errorNames(node: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => errorNames(n, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'ErrorEquals') (value as string[]).forEach((n) => found.add(n));
      else errorNames(value, found);
    }
  }
  return found;
}

describe('ASL error names', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.asl.json'));

  it('finds the state machine files', () => {
    expect(files).toContain('onboarding.asl.json');
  });

  it.each(files)('%s matches only error names the code defines (or States.*/Lambda.*)', (file) => {
    // Prepare
    const definition = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));

    // Act
    const names = [...errorNames(definition, new Set())];

    // Assess
    const unknown = names.filter((n) => !AWS_NAMES.test(n) && !(n in DOMAIN_ERRORS));
    expect(unknown).toEqual([]);
    expect(names.length).toBeGreaterThan(0);
  });

  it.each(Object.entries(DOMAIN_ERRORS))('class %s reports that name as its error type', (name, ErrorClass) => {
    const error = new (ErrorClass as new (...args: any[]) => Error)([{ field: 'x', problem: 'y' }]);
    expect(error.name).toBe(name);
  });

  it('every domain error is handled: a transient one retried by every Lambda task, any other caught by each Lambda task that has a Catch', () => {
    // Prepare: a Catch names errors only where they go somewhere different (scripts/validate-asl.mjs),
    // so a non-transient error is caught by name or by the catch-all.
    const tasks: { file: string; at: string; state: any }[] = [];
    for (const file of files) {
      const definition = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      for (const { at, state } of lambdaTasks(definition)) tasks.push({ file, at, state });
    }
    const catches = (state: any, name: string) =>
      (state.Catch ?? []).some((c: { ErrorEquals: string[] }) => c.ErrorEquals.includes(name) || c.ErrorEquals.includes('States.ALL'));
    const retries = (state: any, name: string) =>
      (state.Retry ?? []).some((r: { ErrorEquals: string[]; MaxAttempts?: number }) => r.ErrorEquals.includes(name) && (r.MaxAttempts ?? 3) > 0);

    // Act
    const unhandled = Object.entries(DOMAIN_ERRORS).flatMap(([name, ErrorClass]) => {
      const transient = (new (ErrorClass as any)([]) as { transient: boolean }).transient;
      return tasks
        .filter(({ state }) => (transient ? !retries(state, name) : state.Catch !== undefined && !catches(state, name)))
        .map(({ file, at }) => `${name} in ${file} ${at}`);
    });

    // Assess
    expect(tasks.length).toBeGreaterThanOrEqual(13);
    expect(unhandled).toEqual([]);
  });

  it('every Lambda task carries its Retry policy from statemachines/lambda-retry.json (npm run asl:retry)', () => {
    const stale = files.flatMap((file) => {
      const definition = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      return [...unknownListed(definition, file, sharedRetry()), ...staleRetries(definition, file, sharedRetry())].map((at) => `${file}: ${at}`);
    });
    expect(stale).toEqual([]);
  });

  it('the shared-retry check notices a task whose Retry was edited by hand', () => {
    const definition = JSON.parse(readFileSync(path.join(dir, 'onboarding.asl.json'), 'utf8'));
    definition.States['Resolve Cluster'].Retry[1].MaxAttempts = 7;
    expect(staleRetries(definition, 'onboarding.asl.json', sharedRetry())).toEqual(['Resolve Cluster']);
    expect(staleRetries(applySharedRetry(definition, 'onboarding.asl.json', sharedRetry()), 'onboarding.asl.json', sharedRetry())).toEqual([]);
  });
});
