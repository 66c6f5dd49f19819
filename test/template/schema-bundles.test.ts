// The functions that parse with the input schemas bundle zod, and only what they use of it: zod's
// translations of its messages into every language (about 260 KB minified) would be loaded at each
// cold start for messages our schemas word themselves. `import * as z from 'zod'` lets esbuild leave
// them out; `import { z } from 'zod'` would not. Built as osls builds them, with serverless.yml's settings.
import path from 'node:path';
import { buildSync, type BuildOptions } from 'esbuild';

const root = path.resolve(__dirname, '../..');
const readServerlessConfig = require('osls/lib/configuration/read');

const PARSING = ['startFromEvent', 'validateRequest', 'planVerification', 'recordStatus', 'statusApi'];

describe('bundles of the functions that parse with the schemas', () => {
  let functions: Record<string, { handler: string }>;
  let esbuildOptions: BuildOptions;

  beforeAll(async () => {
    const config = await readServerlessConfig(path.join(root, 'serverless.yml'));
    functions = config.functions;
    const { bundle, minify, keepNames, target, platform, format, mainFields, external } = config.custom.esbuild;
    esbuildOptions = { bundle, minify, keepNames, target, platform, format, mainFields, external };
  });

  it.each(PARSING)('%s bundles zod without the message translations it never uses', (name) => {
    // Prepare
    const handlerFile = `${functions[name]!.handler.replace(/\.handler$/, '')}.ts`;

    // Act
    const result = buildSync({ ...esbuildOptions, entryPoints: [path.join(root, handlerFile)], write: false, metafile: true, logLevel: 'silent' });

    // Assess
    const output = Object.values(result.metafile!.outputs)[0]!;
    const zod = Object.entries(output.inputs).filter(([input]) => input.includes('node_modules/zod/'));
    const locales = zod.filter(([input]) => /\/locales\/(?!en\.js|index\.js)/.test(input) && output.inputs[input]!.bytesInOutput > 0);
    expect(zod.length).toBeGreaterThan(0);
    expect(locales.map(([input]) => input)).toEqual([]);
  });
});
