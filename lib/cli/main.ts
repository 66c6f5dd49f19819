// The onboarding CLI. `onboard` runs the real onboarding state machine with the real handlers on the
// embedded sandbox and prints each state, then the status record and the account manager's message.
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { LocalEnvironment } from '../local/local-environment';
import { loadScenario, Scenario } from '../sandbox';
import type { StatusRecord } from '../domain/status';
import { progressPrinter } from './progress';
import { projectRoot } from '../project-root';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

const DEFAULT_SCENARIO = path.join(projectRoot(), 'scenarios', 'demo.json');

interface OnboardOptions {
  tenant: string;
  cluster: string;
  namespace?: string;
  serviceAccount?: string;
  scenario: string;
  createOidcProvider?: boolean;
  json?: boolean;
  verbose?: boolean;
}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command()
    .name('onboarding')
    .description('Tenant dataplane onboarding: provision and verify tenants\' dataplane roles.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('onboard')
    .description('Onboard a tenant on the embedded sandbox: create its dataplane role and publish it to the account manager.')
    .requiredOption('--tenant <id>', 'tenant id (1-49 characters from letters, digits and _+=,.@-)')
    .requiredOption('--cluster <name>', "the tenant's EKS cluster")
    .option('--namespace <namespace>', 'Kubernetes namespace of the Spark ServiceAccount (default qualytics)')
    .option('--service-account <name>', 'Spark ServiceAccount (default qualytics-spark)')
    .option('--scenario <file>', 'sandbox scenario describing the AWS side', DEFAULT_SCENARIO)
    .option('--create-oidc-provider', "create the cluster's IAM OIDC provider when it is missing")
    .option('--json', 'print the final status record as JSON on stdout (progress goes to stderr)')
    .option('--verbose', "show the functions' log lines (JSON, as in CloudWatch)")
    .action(async (options: OnboardOptions) => {
      exitCode = await onboard(options, io);
    });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError || error instanceof InvalidArgumentError) {
      io.err(`error: ${error.message}`);
      return EXIT_USAGE;
    }
    throw error;
  }
  return exitCode;
}

export class UsageError extends Error {}

function readScenario(file: string): Scenario {
  try {
    return loadScenario(file);
  } catch (error) {
    throw new UsageError(`cannot use scenario ${file}: ${(error as Error).message}`);
  }
}

async function onboard(options: OnboardOptions, io: Io): Promise<number> {
  const scenario = readScenario(options.scenario);
  const say = options.json ? io.err : io.out;

  const input: Record<string, string> = { tenantId: options.tenant, clusterName: options.cluster };
  if (options.namespace !== undefined) input.namespace = options.namespace;
  if (options.serviceAccount !== undefined) input.serviceAccount = options.serviceAccount;

  const env = await LocalEnvironment.start(scenario, { createOidcProvider: options.createOidcProvider });
  try {
    say(`Onboarding tenant "${options.tenant}" on EKS cluster "${options.cluster}" (scenario: ${scenario.name})`);
    const result = await env.onboard(input, { onEvent: progressPrinter(say) });
    const status = await env.status(options.tenant).catch(() => undefined);

    if (options.json) {
      io.out(JSON.stringify(status ?? { tenantId: options.tenant, status: 'NOT_RECORDED', error: { name: result.error, message: result.cause } }, null, 2));
    } else {
      say('');
      if (status) printStatus(status, say);
      else say(`No status was recorded (${result.error}: ${result.cause})`);
      const messages = env.queueMessages();
      if (result.status === 'SUCCEEDED') {
        const message = messages.at(-1);
        say('');
        say(`Account-manager queue: ${messages.length} message(s); the latest, as the account manager receives it:`);
        say(message ? JSON.stringify(JSON.parse(message.body), null, 2) : '(none)');
      }
    }
    if (result.status !== 'SUCCEEDED') {
      io.err(`onboarding failed: ${result.error}: ${status?.error?.message ?? result.cause}`);
      return EXIT_FAILED;
    }
    return EXIT_OK;
  } finally {
    await env.close();
  }
}

function printStatus(status: StatusRecord, say: (line: string) => void): void {
  say(`Status ${status.status}: ${status.summary}`);
  const rows: [string, string | undefined][] = [
    ['tenant', status.tenantId],
    ['role', status.roleArn],
    ['cluster', status.clusterName],
    ['issuer', status.oidcIssuer],
    ['spark sa', status.namespace && status.serviceAccount ? `${status.namespace}/${status.serviceAccount}` : undefined],
    ['execution', status.execution.id],
    ['updated', status.updatedAt],
  ];
  for (const [label, value] of rows) if (value) say(`  ${label.padEnd(10)} ${value}`);
  for (const problem of status.error?.problems ?? []) say(`  problem    ${problem.field}: ${problem.problem}`);
}
