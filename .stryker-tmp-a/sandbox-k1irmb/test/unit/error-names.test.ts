// @ts-nocheck
// The ASL's Retry/Catch match error names; a typo there silently turns a caught error into a failed
// execution. Every name in statemachines/*.asl.json must be a domain error of the code, or AWS's own.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMAIN_ERRORS } from '../../lib/errors';

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

  it('every domain error is caught by name (or, when transient, retried) somewhere in the state machines', () => {
    const caught = new Set<string>();
    const retried = new Set<string>();
    const visit = (states: Record<string, any>) => {
      for (const state of Object.values<any>(states)) {
        for (const c of state.Catch ?? []) c.ErrorEquals.forEach((n: string) => caught.add(n));
        for (const r of state.Retry ?? []) r.ErrorEquals.forEach((n: string) => retried.add(n));
        if (state.ItemProcessor) visit(state.ItemProcessor.States);
      }
    };
    for (const file of files) visit(JSON.parse(readFileSync(path.join(dir, file), 'utf8')).States);
    for (const [name, ErrorClass] of Object.entries(DOMAIN_ERRORS)) {
      const transient = (new (ErrorClass as any)([]) as { transient: boolean }).transient;
      expect({ name, handled: transient ? retried.has(name) : caught.has(name) }).toEqual({ name, handled: true });
    }
  });
});
