// What a cold start costs: for every packaged function, its zip's size, and how much longer Node takes
// to load its handler, and to load it and answer one invocation, than it takes for a bare handler; then
// what the dependencies they share cost to load, each alone; the CLI's `--help` and `diagnose` against
// `node -e 0`. Each figure is the median of paired runs made in one go (the pair's order alternates),
// so a noisy machine slows both sides of a pair alike.
//   npm run bench -- coldstart [--runs N] [--skip-package] [--json]
// The invocation reaches the network: the SDK is pointed at a closed local port, so a function that
// calls AWS builds its client, signs and sends its first request, and gets a refused connection back.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { projectRoot } from '../lib/project-root';

const root = projectRoot();
const args = process.argv.slice(2);
const json = args.includes('--json');
const skipPackage = args.includes('--skip-package');
const runsArg = args.indexOf('--runs');
const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : 11;
if (!Number.isInteger(runs) || runs < 1 || runs > 1000) {
  process.stderr.write(`--runs must be a whole number from 1 to 1000, got ${JSON.stringify(args[runsArg + 1])}\n`);
  process.exit(2);
}

const GOALS = { zipKb: 500, load: 2.5, invoke: 2.5, cli: 3 };

/** The environment every function gets in the stack (serverless.yml), with values that pass lib/config.ts. */
const FUNCTION_ENV = {
  PATH: process.env.PATH ?? '',
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIABENCHMARKEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  AWS_MAX_ATTEMPTS: '1',
  POWERTOOLS_SERVICE_NAME: 'tenant-dataplane-onboarding',
  POWERTOOLS_METRICS_NAMESPACE: 'TenantDataplaneOnboarding',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  STATUS_TABLE_NAME: 'tenant-dataplane-onboarding-ci-status',
  ACCOUNT_MANAGER_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111122223333/account-manager.fifo',
  DATAPLANE_BOUNDARY_ARN: 'arn:aws:iam::111122223333:policy/dataplane-boundary',
  VERIFIER_ROLE_ARN: 'arn:aws:iam::111122223333:role/verifier',
  TRUST_PROBE_ROLE_ARN: 'arn:aws:iam::111122223333:role/tenant-dataplane-onboarding/ci/trust-probe/probe',
  STACK_NAME: 'tenant-dataplane-onboarding-ci',
  ONBOARDING_STATE_MACHINE_ARN: 'arn:aws:states:eu-west-1:111122223333:stateMachine:onboarding',
  VERIFICATION_STATE_MACHINE_ARN: 'arn:aws:states:eu-west-1:111122223333:stateMachine:verification',
  INVALID_EVENTS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111122223333/invalid-events',
};

const CONTEXT = `{ functionName: 'bench', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:bench', memoryLimitInMB: '256', awsRequestId: 'bench-1', logGroupName: '/aws/lambda/bench', logStreamName: 'bench', getRemainingTimeInMillis: () => 60000, callbackWaitsForEmptyEventLoop: true }`;

function loadScript(file: string): string {
  return `require(${JSON.stringify(file)})`;
}

function invokeScript(file: string): string {
  return `Promise.resolve(require(${JSON.stringify(file)}).handler({}, ${CONTEXT})).catch(() => {}).finally(() => process.exit(0))`;
}

/** Wall time of one Node process, in milliseconds. */
function timeNode(argv: string[], env: NodeJS.ProcessEnv = FUNCTION_ENV): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, argv, { cwd: root, env, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`node ${argv.join(' ').slice(0, 120)} exited with ${result.status}`);
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median times of `a` and `b`, and the median of the ratios a/b of runs made in pairs. */
function paired(a: () => number, b: () => number): { a: number; b: number; ratio: number } {
  a();
  b(); // warm the file cache for both
  const as: number[] = [];
  const bs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    let x: number;
    let y: number;
    if (i % 2 === 0) {
      x = a();
      y = b();
    } else {
      y = b();
      x = a();
    }
    as.push(x);
    bs.push(y);
    ratios.push(x / y);
  }
  return { a: median(as), b: median(bs), ratio: median(ratios) };
}

async function unzipTo(zipFile: string, dir: string): Promise<string[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipFile, { lazyEntries: true }, (error, file) => (error ? reject(error) : resolve(file))),
  );
  const names: string[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', resolve);
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      names.push(entry.fileName);
      const target = path.join(dir, entry.fileName);
      mkdirSync(path.dirname(target), { recursive: true });
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        pipeline(stream, createWriteStream(target)).then(() => zip.readEntry(), reject);
      });
    });
    zip.readEntry();
  });
  return names;
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/**
 * The Lambda runtime's own SDK, against the pinned one bundled: one handler built both ways with the
 * stack's esbuild settings, the first with @aws-sdk/* and @smithy/* left to be required at run time
 * (from node_modules here, as the runtime resolves them from its own copy).
 */
async function stackBuildOptions(): Promise<Record<string, unknown>> {
  // Required at run time from the project (a dev dependency is bundled into this script otherwise).
  const readServerlessConfig = createRequire(path.join(root, 'package.json'))('osls/lib/configuration/read');
  const config = await readServerlessConfig(path.join(root, 'serverless.yml'));
  const { bundle, minify, keepNames, target, platform, format, mainFields } = config.custom.esbuild;
  return { bundle, minify, keepNames, target, platform, format, mainFields, logLevel: 'error' };
}

async function sdkChoice(handler: string, bare: string): Promise<Record<string, number | string>> {
  const esbuild = await import('esbuild');
  const options = await stackBuildOptions();
  const dir = path.join(root, 'node_modules', '.cache', 'coldstart');
  const build = (outfile: string, external: string[]) => esbuild.buildSync({ ...options, entryPoints: [path.join(root, handler)], outfile, external });
  const bundled = path.join(dir, 'bundled-sdk.js');
  const runtimeSdk = path.join(dir, 'runtime-sdk.js');
  build(bundled, []);
  build(runtimeSdk, ['@aws-sdk/*', '@smithy/*']);
  const load = (file: string) => () => timeNode(['-e', loadScript(file)]);
  const invoke = (file: string) => () => timeNode(['-e', invokeScript(file)]);
  const bundledLoad = paired(load(bundled), load(bare));
  const runtimeLoad = paired(load(runtimeSdk), load(bare));
  const bundledInvoke = paired(invoke(bundled), invoke(bare));
  const runtimeInvoke = paired(invoke(runtimeSdk), invoke(bare));
  rmSync(dir, { recursive: true, force: true });
  return {
    handler,
    bundledLoadRatio: round(bundledLoad.ratio),
    runtimeSdkLoadRatio: round(runtimeLoad.ratio),
    bundledInvokeRatio: round(bundledInvoke.ratio),
    runtimeSdkInvokeRatio: round(runtimeInvoke.ratio),
  };
}

/**
 * What the functions load, each alone: a handler that needs it pays at least this at every cold start.
 * Imported as the handlers import them (ES modules, one export used), so the bundle keeps what a
 * function's would, not the whole package.
 */
const DEPENDENCIES: Record<string, string> = {
  'DynamoDB client': "import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb'; globalThis.k = [DynamoDBClient, GetItemCommand];",
  'STS client': "import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'; globalThis.k = [STSClient, AssumeRoleCommand];",
  zod: "import * as z from 'zod'; globalThis.k = z.object({ tenantId: z.string().min(1) });",
  'Powertools Logger': "import { Logger } from '@aws-lambda-powertools/logger'; globalThis.k = new Logger();",
  'Powertools Metrics': "import { Metrics } from '@aws-lambda-powertools/metrics'; globalThis.k = new Metrics();",
  'Powertools Tracer (X-Ray SDK)': "import { Tracer } from '@aws-lambda-powertools/tracer'; globalThis.k = new Tracer();",
  middy: "import middy from '@middy/core'; globalThis.k = middy(async () => ({}));",
};

/** Each dependency bundled alone with the stack's esbuild settings, loaded in pairs against a bare handler. */
async function dependencyCosts(bare: string): Promise<Record<string, number | string>[]> {
  const esbuild = await import('esbuild');
  const options = await stackBuildOptions();
  const dir = path.join(root, 'node_modules', '.cache', 'coldstart-dependencies');
  const rows = [];
  for (const [dependency, code] of Object.entries(DEPENDENCIES)) {
    const outfile = path.join(dir, `${rows.length}.js`);
    esbuild.buildSync({ ...options, stdin: { contents: code, resolveDir: root }, outfile });
    const load = paired(() => timeNode(['-e', loadScript(outfile)]), () => timeNode(['-e', loadScript(bare)]));
    rows.push({ dependency, kb: round(statSync(outfile).size / 1024, 0), loadMs: round(load.a, 0), bareLoadMs: round(load.b, 0), extraMs: round(load.a - load.b, 0), loadRatio: round(load.ratio) });
  }
  rmSync(dir, { recursive: true, force: true });
  return rows;
}

/**
 * The zips of the functions the packaged template deploys: a package of an earlier commit may have left
 * the zip of a function since renamed or removed in .serverless/.
 */
function packagedZips(zipDir: string): string[] {
  const file = path.join(zipDir, 'cloudformation-template-update-stack.json');
  if (!existsSync(file)) return [];
  const template = JSON.parse(readFileSync(file, 'utf8')) as { Resources: Record<string, { Type: string; Properties: any }> };
  return Object.values(template.Resources)
    .filter((r) => r.Type === 'AWS::Lambda::Function')
    .map((r) => path.basename(r.Properties.Code.S3Key as string))
    .sort();
}

async function main(): Promise<void> {
  const log = (text: string) => process.stderr.write(`${text}\n`);
  if (!skipPackage) {
    log('packaging the service (osls package --stage ci)...');
    // Bundles of an earlier layout left in .esbuild/ would be packed into every zip.
    rmSync(path.join(root, '.esbuild'), { recursive: true, force: true });
    const packaged = spawnSync('npx', ['osls', 'package', '--stage', 'ci', '--region', 'eu-west-1'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (packaged.status !== 0) throw new Error('osls package failed');
  }
  const zipDir = path.join(root, '.serverless');
  const zips = packagedZips(zipDir);
  if (zips.length === 0) throw new Error('no function zips in .serverless/: run without --skip-package');

  const work = mkdtempSync(path.join(tmpdir(), 'coldstart-'));
  try {
    const bare = path.join(work, 'bare', 'handler.js');
    mkdirSync(path.dirname(bare), { recursive: true });
    writeFileSync(bare, 'exports.handler = async () => ({ ok: true });\n');

    const functions = [];
    for (const zip of zips) {
      const name = zip.replace(/\.zip$/, '');
      const dir = path.join(work, name);
      const entries = await unzipTo(path.join(zipDir, zip), dir);
      const handler = entries.find((e) => e.startsWith('functions/') && e.endsWith('.js'));
      if (!handler) throw new Error(`${zip} holds no functions/*.js`);
      const file = path.join(dir, handler);
      log(`${name}: ${runs} paired runs...`);
      const load = paired(() => timeNode(['-e', loadScript(file)]), () => timeNode(['-e', loadScript(bare)]));
      const invoke = paired(() => timeNode(['-e', invokeScript(file)]), () => timeNode(['-e', invokeScript(bare)]));
      functions.push({
        function: name,
        zipKb: round(statSync(path.join(zipDir, zip)).size / 1024, 0),
        files: entries.length,
        loadMs: round(load.a, 0),
        bareLoadMs: round(load.b, 0),
        loadRatio: round(load.ratio),
        invokeMs: round(invoke.a, 0),
        bareInvokeMs: round(invoke.b, 0),
        invokeRatio: round(invoke.ratio),
      });
    }

    log(`the SDK: bundled or the runtime's, ${runs} paired runs each...`);
    const sdk = await sdkChoice('functions/onboarding/record-status.ts', bare);

    log(`what the functions load, each alone: ${runs} paired runs each...`);
    const dependencies = await dependencyCosts(bare);

    log(`CLI: ${runs} paired runs each...`);
    const stsError = path.join(root, 'test', 'fixtures', 'sts-errors', 'access-denied-trust-policy.json');
    const cliEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    const cli = (argv: string[]) => () => timeNode([path.join(root, 'bin', 'onboarding.cjs'), ...argv], cliEnv);
    const bareNode = () => timeNode(['-e', '0'], cliEnv);
    const diagnoseArgs = ['diagnose', '--sts-error', stsError, '--json'];
    // The bundle's record gone, the CLI bundles before it starts, as every start did before the cache.
    const bundlingFirst = () => {
      rmSync(path.join(root, 'node_modules', '.cache', 'load-ts', 'lib_cli_main.ts.inputs.json'), { force: true });
      return cli(diagnoseArgs)();
    };
    const help = paired(cli(['--help']), bareNode);
    const diagnose = paired(cli(diagnoseArgs), bareNode);
    const rebuilt = paired(bundlingFirst, bareNode);
    const commands = [
      { command: 'onboarding --help', ms: round(help.a, 0), nodeMs: round(help.b, 0), ratio: round(help.ratio) },
      { command: 'onboarding diagnose --sts-error F --json', ms: round(diagnose.a, 0), nodeMs: round(diagnose.b, 0), ratio: round(diagnose.ratio) },
      { command: 'the same, bundling first (every start before the cache)', ms: round(rebuilt.a, 0), nodeMs: round(rebuilt.b, 0), ratio: round(rebuilt.ratio) },
    ];

    const worst = {
      zipKb: Math.max(...functions.map((f) => f.zipKb)),
      loadRatio: Math.max(...functions.map((f) => f.loadRatio)),
      invokeRatio: Math.max(...functions.map((f) => f.invokeRatio)),
      cliRatio: Math.max(...commands.slice(0, 2).map((c) => c.ratio)),
    };
    const met = {
      zip: worst.zipKb < GOALS.zipKb,
      load: worst.loadRatio <= GOALS.load,
      invoke: worst.invokeRatio <= GOALS.invoke,
      cli: worst.cliRatio <= GOALS.cli,
    };
    if (!json) {
      console.log(`Functions (median of ${runs} paired runs; ratios against a bare handler in the same run):`);
      console.table(functions);
      console.log("The pinned SDK bundled, against the runtime's SDK required at run time (ratios to a bare handler):");
      console.table([sdk]);
      console.log('What the functions load, each alone, against a bare handler:');
      console.table(dependencies);
      console.log('CLI against `node -e 0`:');
      console.table(commands);
      console.log(
        `Worst: zip ${worst.zipKb} KB (goal < ${GOALS.zipKb}), load ${worst.loadRatio}x (goal <= ${GOALS.load}), ` +
          `first invoke ${worst.invokeRatio}x (goal <= ${GOALS.invoke}), CLI ${worst.cliRatio}x (goal <= ${GOALS.cli})`,
      );
    }
    console.log(JSON.stringify({ bench: 'coldstart', runs, node: process.version, goals: GOALS, worst, met, functions, sdk, dependencies, commands }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`coldstart: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
