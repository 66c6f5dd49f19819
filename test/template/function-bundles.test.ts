// A function's bundle holds only the AWS clients its handler calls: one that loads every client pays
// for all of them at each cold start. The bundles are built as osls builds them, with the esbuild
// settings of serverless.yml, and their inputs are read from esbuild's metafile.
import path from 'node:path';
import { buildSync, type BuildOptions } from 'esbuild';

const root = path.resolve(__dirname, '../..');
// osls's own reader, so the settings are read as the framework reads them.
const readServerlessConfig = require('osls/lib/configuration/read');

/** What each handler calls, written from what each state does (README), not read from the code. */
const EXPECTED_CLIENTS: Record<string, string[]> = {
  validateRequest: ['dynamodb'],
  recordStatus: ['dynamodb'],
  resolveCluster: ['eks', 'iam', 'sts'],
  ensureDataplaneRole: ['iam'],
  publishRoleArn: ['sqs'],
  planVerification: ['dynamodb'],
  attemptAssume: ['dynamodb', 'sts'],
  diagnoseDenial: ['cloudtrail'],
  recordConnection: ['dynamodb'],
  summarizeVerification: ['dynamodb'],
  startFromEvent: ['dynamodb', 'sfn', 'sqs'],
  statusApi: ['dynamodb', 'sfn'],
};

describe('function bundles', () => {
  let functions: Record<string, { handler: string }>;
  let esbuildOptions: BuildOptions;

  beforeAll(async () => {
    const config = await readServerlessConfig(path.join(root, 'serverless.yml'));
    functions = config.functions;
    const { bundle, minify, keepNames, target, platform, format, mainFields, external } = config.custom.esbuild;
    esbuildOptions = { bundle, minify, keepNames, target, platform, format, mainFields, external };
  });

  it('lists every function of the stack', () => {
    expect(Object.keys(functions).sort()).toEqual(Object.keys(EXPECTED_CLIENTS).sort());
  });

  it.each(Object.entries(EXPECTED_CLIENTS))('%s bundles the clients it calls and no other', (name, clients) => {
    // Prepare
    const handlerFile = `${functions[name]!.handler.replace(/\.handler$/, '')}.ts`;

    // Act
    const result = buildSync({ ...esbuildOptions, entryPoints: [path.join(root, handlerFile)], write: false, metafile: true, logLevel: 'silent' });

    // Assess
    const bundled = new Set<string>();
    for (const input of Object.keys(result.metafile!.inputs)) {
      const client = /node_modules\/@aws-sdk\/client-([a-z0-9-]+)\//.exec(input)?.[1];
      if (client) bundled.add(client);
    }
    expect([...bundled].sort()).toEqual(clients);
  });
});
