// The functions that parse with the input schemas bundle zod, and only what they use of it: zod's
// translations of its messages into every language (about 260 KB minified) would be loaded at each
// cold start for messages our schemas word themselves. `import * as z from 'zod'` lets esbuild leave
// them out; `import { z } from 'zod'` would not. Built as osls builds them, with serverless.yml's settings.
import { functionBundler, type FunctionBundler } from '../support/function-bundle';


const PARSING = ['startFromEvent', 'validateRequest', 'planVerification', 'recordStatus', 'statusApi'];

describe('bundles of the functions that parse with the schemas', () => {
  let bundler: FunctionBundler;

  beforeAll(async () => {
    bundler = await functionBundler();
  });

  it.each(PARSING)('%s bundles zod without the message translations it never uses', (name) => {
    // Act
    const metafile = bundler.metafileOf(name);

    // Assess
    const output = Object.values(metafile.outputs)[0]!;
    const zod = Object.entries(output.inputs).filter(([input]) => input.includes('node_modules/zod/'));
    const locales = zod.filter(([input]) => /\/locales\/(?!en\.js|index\.js)/.test(input) && output.inputs[input]!.bytesInOutput > 0);
    expect(zod.length).toBeGreaterThan(0);
    expect(locales.map(([input]) => input)).toEqual([]);
  });
});
