// A function's bundle built as osls builds it: the handler serverless.yml names, with the esbuild
// settings of serverless.yml read by osls's own reader; esbuild's metafile says what went in.
import path from 'node:path';
import { buildSync, type BuildOptions, type Metafile } from 'esbuild';

const root = path.resolve(__dirname, '../..');
const readServerlessConfig = require('osls/lib/configuration/read');

export interface FunctionBundler {
  /** The names of the stack's functions. */
  names: string[];
  /** The metafile of the named function's bundle (not written to disk). */
  metafileOf(name: string): Metafile;
}

export async function functionBundler(): Promise<FunctionBundler> {
  const config = await readServerlessConfig(path.join(root, 'serverless.yml'));
  const functions: Record<string, { handler: string }> = config.functions;
  const { bundle, minify, keepNames, target, platform, format, mainFields, external } = config.custom.esbuild;
  const options: BuildOptions = { bundle, minify, keepNames, target, platform, format, mainFields, external };
  return {
    names: Object.keys(functions),
    metafileOf(name) {
      const handlerFile = `${functions[name]!.handler.replace(/\.handler$/, '')}.ts`;
      const result = buildSync({ ...options, entryPoints: [path.join(root, handlerFile)], write: false, metafile: true, logLevel: 'silent' });
      return result.metafile!;
    },
  };
}
