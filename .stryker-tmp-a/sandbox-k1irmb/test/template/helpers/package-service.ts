// @ts-nocheck
// Packages the service offline, as `npm run package` does, into a directory of its own.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const SERVICE_DIR = path.resolve(__dirname, '..', '..', '..');

/** A CloudFormation template as plain JSON: resources are read by logical id and property. */
export type Template = {
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: unknown }>;
  Conditions?: Record<string, unknown>;
};
export type Resource = { Type: string; Properties?: any; DependsOn?: string[]; DeletionPolicy?: string };

export async function packageService(outDir: string, stage = 'test', region = 'eu-west-1'): Promise<Template> {
  const osls = require.resolve('osls/bin/serverless.js', { paths: [SERVICE_DIR] });
  try {
    await run(process.execPath, [osls, 'package', '--stage', stage, '--region', region, '--package', outDir], {
      cwd: SERVICE_DIR,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`osls package failed:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
  const text = await readFile(path.join(outDir, 'cloudformation-template-update-stack.json'), 'utf8');
  return JSON.parse(text) as Template;
}

export function resourcesOfType(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}
