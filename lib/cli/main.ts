// The onboarding CLI: its commands, options and help (commander). Each command's work is in its own
// file: onboard.ts, support-commands.ts (status, verify, history), diagnosis-commands.ts (diagnose,
// explain), and the local stack's start, reset, events and customer commands beside them.
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { LocalStackRefusal, LocalStackUnreachable } from './local-client';
import { UsageError } from './usage-error';
import { checkPortFree, parsePort } from './port';
import { resetStack } from './reset';
import { retryOnboarding, type RetryOptions } from './retry';
import { putEvents } from './events-put';
import { customerCommand, type CustomerRoleOptions } from './customer';
import { onboardOnStack } from './onboard-target';
import { Io } from './output';
import { packageVersion } from './version';
import { CONNECTION_STATES } from '../domain/status';
import { projectRoot } from '../project-root';
import { diagnose, explain } from './diagnosis-commands';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './exit-codes';
import { onboard, type OnboardOptions } from './onboard';
import type { SupportOptions, VerifyOptions } from './support-commands';
import type { ListOptions } from './list-command';
import { chooseTarget as resolveTarget, type TargetOptions } from './targets';

export { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './exit-codes';

const DEFAULT_SCENARIO = path.join(projectRoot(), 'scenarios', 'demo.json');

/** The support commands, loaded when one runs: their request checks load the schemas (zod). */
const supportCommands = () => import('./support-commands');

const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command()
    .name('onboarding')
    .description('Tenant dataplane onboarding: provision and verify tenants\' dataplane roles.')
    .version(packageVersion(), '--version', 'print the version and exit')
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
    .option('--identity <mode>', "irsa or podIdentity: how the Spark pods get the role (default: the stack's; the scenario's defaultIdentity)")
    .option('--scenario <file>', 'sandbox scenario describing the AWS side', DEFAULT_SCENARIO)
    .option('--create-oidc-provider', "create the cluster's IAM OIDC provider when it is missing")
    .option('--no-verify', "do not verify the scenario's customer connections")
    .option('--serve', 'then keep the sandbox up with the status API on a local HTTP endpoint, until Ctrl-C')
    .option('--port <port>', 'port of the local status API (default: any free port)', '0')
    .option('--json', 'print the final status as JSON on stdout, as GET /tenants/{id}/status returns it (progress goes to stderr)')
    .option('--quiet', 'print only the final status and errors')
    .option('--verbose', "show the functions' log lines (JSON, as in CloudWatch)")
    .option('--local', 'onboard on the running local stack (npm start) instead of a one-shot sandbox')
    .option('--state-dir <dir>', 'with --local: the local stack\'s state folder (default .onboarding)')
    .option('--stage <stage>', 'onboard on the deployed stack of this stage (tenant-dataplane-onboarding-<stage>)')
    .option('--stack <name>', 'onboard on this deployed stack')
    .option('--region <region>', 'region of the deployed stack (default: as the AWS CLI finds it)')
    .action(async (options: OnboardOptions & TargetOptions & { local?: boolean }) => {
      // Checked before any work: a bad or busy port is a usage error, not a failure after a whole run.
      const port = parsePort(options.port ?? '0');
      if (options.serve) await checkPortFree(port);
      const deployed = options.stack !== undefined || options.stage !== undefined || options.region !== undefined;
      if (options.local || deployed) {
        if (options.local && deployed) throw new UsageError('give --local or --stack/--stage/--region, not both');
        if (options.scenario !== DEFAULT_SCENARIO) throw new UsageError('--scenario runs a one-shot sandbox; a stack has its own AWS side: drop it, or drop --local/--stack');
        if (options.serve) throw new UsageError('--serve is for a one-shot sandbox; a local stack serves its API already');
        exitCode = await onboardOnStack(options, resolveTarget({ ...options, scenario: undefined }), io);
        return;
      }
      exitCode = await onboard(options, io);
    });

  const where = (command: Command) =>
    command
      .option('--scenario <file>', 'run on a one-shot embedded sandbox with this scenario (it onboards the scenario\'s tenant first)')
      .option('--stage <stage>', 'run on the deployed stack of this stage (tenant-dataplane-onboarding-<stage>)')
      .option('--stack <name>', 'run on this deployed stack')
      .option('--region <region>', 'region of the deployed stack (default: as the AWS CLI finds it)')
      .option('--state-dir <dir>', 'state folder of the running local stack, the default target (default .onboarding)');

  program
    .command('start')
    .description('Start the local stack (or continue the one saved in its state folder), onboard the demo tenant if it is new, and serve until Ctrl-C.')
    .option('--state-dir <dir>', 'where the stack keeps its state (default .onboarding in the checkout)')
    .option('--port <port>', 'port of its status API and the CLI\'s local routes on 127.0.0.1 (default: any free port)', '0')
    .option('--scenario <file>', 'the AWS side of a new stack (a saved stack keeps its own)', path.join(projectRoot(), 'scenarios', 'verify-wrong-external-id-fixed-later.json'))
    .option('--tenant <id>', 'the demo tenant onboarded when the stack does not have it', 'acme')
    .option('--cluster <name>', "the demo tenant's EKS cluster", 'acme-prod')
    .option('--verbose', "show the functions' log lines (JSON, as in CloudWatch)")
    .action(async (options: { stateDir?: string; port: string; scenario: string; tenant: string; cluster: string }) => {
      const { startStack } = await import('./start');
      exitCode = await startStack(options, io);
    });

  program
    .command('reset')
    .description("Delete the local stack's state folder (refused while the stack runs), so the next start begins afresh.")
    .option('--state-dir <dir>', 'the state folder (default .onboarding in the checkout)')
    .action((options: { stateDir?: string }) => {
      exitCode = resetStack(options, io.out);
    });

  const events = program.command('events').description("Events on the stack's EventBridge bus.");
  where(
    events
      .command('put')
      .description(
        "Put events on the stack's bus, from the entries file of `aws events put-events --entries` ([{ Source, DetailType, Detail, EventBusName? }], " +
          "Detail a JSON string; - reads standard input); prints each entry's event id or why it was refused",
      )
      .argument('<file>', 'the entries file, or - for standard input'),
  ).action(async (file: string, options: TargetOptions) => {
    exitCode = await putEvents(file, resolveTarget(options), io.out);
  });
  events
    .command('list')
    .description(
      'Print what the local stack sent on its bus (DataplaneRoleReady, OnboardingFailed, ConnectionVerified, ConnectionActionRequired; ' +
        'docs/events.md), oldest first',
    )
    .option('--json', 'print the events as EventBridge delivers them to a rule target')
    .option('--state-dir <dir>', 'state folder of the running local stack (default .onboarding)')
    .option('--stage <stage>', '(refused: a deployed stack keeps no list of what it sent)')
    .option('--stack <name>', '(refused: a deployed stack keeps no list of what it sent)')
    .option('--scenario <file>', '(refused: only a running local stack keeps what it sent)')
    .action(async (options: TargetOptions & { json?: boolean }) => {
      const { listSentEvents } = await import('./events-list');
      exitCode = await listSentEvents(resolveTarget(options), options, io);
    });

  const customer = program
    .command('customer')
    .description("Play the customer on the local stack: change their target role as they would in their own account.");
  const customerRole = (command: Command, withPolicy: boolean) => {
    command
      .requiredOption('--account <id>', "the customer's AWS account id")
      .requiredOption('--role <name>', "the target role's name")
      .option('--state-dir <dir>', 'state folder of the running local stack (default .onboarding)')
      .option('--stage <stage>', '(refused: only a local stack has a customer account to change)')
      .option('--stack <name>', '(refused: only a local stack has a customer account to change)')
      .option('--scenario <file>', '(refused: only a running local stack keeps the change)');
    if (withPolicy) {
      command
        .option('--trust-policy <file>', 'the trust policy document (JSON)')
        .option('--trusting <tenant>', "preset: trust the tenant's dataplane role (the policy customers are told to paste)")
        .option('--external-id-file <file>', 'with --trusting: require this External ID (read from a file, never the command line)');
    }
    return command;
  };
  for (const [name, description, withPolicy] of [
    ['create-role', 'Create the customer\'s target role with a trust policy.', true],
    ['set-trust-policy', 'Replace (fix, or break) the target role\'s trust policy.', true],
    ['delete-role', 'Delete the target role.', false],
  ] as const) {
    customerRole(customer.command(name).description(description), withPolicy).action(async (options: CustomerRoleOptions & TargetOptions) => {
      exitCode = await customerCommand(name, options, resolveTarget(options), io.out);
    });
  }

  where(
    program
      .command('status')
      .description("Print a tenant's onboarding status, each connection's verification state and latest diagnosis.")
      .argument('<tenant>', 'tenant id')
      .option('--json', 'print the status as JSON, as GET /tenants/{id}/status returns it'),
  ).action(async (tenant: string, options: SupportOptions & { json?: boolean }) => {
    exitCode = await (await supportCommands()).status(tenant, options, io);
  });

  program
    .command('list')
    .description(
      'List the connections of every tenant in one state, most recently updated first, a page at a time (from the status ' +
        "table's index, as GET /connections): which need action, and since when.",
    )
    .requiredOption('--status <state>', CONNECTION_STATES.join(', '))
    .option('--limit <n>', 'connections per page, 1-100', '25')
    .option('--next-token <token>', 'the next page, as the previous page printed it')
    .option('--json', 'print the page as JSON, as GET /connections returns it')
    .option('--stage <stage>', 'on the deployed stack of this stage (tenant-dataplane-onboarding-<stage>)')
    .option('--stack <name>', 'on this deployed stack')
    .option('--region <region>', 'region of the deployed stack (default: as the AWS CLI finds it)')
    .option('--state-dir <dir>', 'state folder of the running local stack, the default target (default .onboarding)')
    .option('--scenario <file>', '(refused: a one-shot sandbox has no fleet to list)')
    .action(async (options: ListOptions) => {
      const { listConnections } = await import('./list-command');
      exitCode = await listConnections(options, io);
    });

  where(
    program
      .command('verify')
      .description("Re-run verification of a tenant's stored connections (all, or --connection ones), or store and verify new ones (--connections), and print the result.")
      .argument('<tenant>', 'tenant id')
      .option('--connection <id...>', 'only these connection ids')
      .option(
        '--connections <file>',
        'JSON file of connections [{ "connectionId", "roleArn", "externalId" }] to store (replacing those of the same id) and verify; ' +
          'External IDs come from a file, never the command line, which shell history and ps keep',
      )
      .option('--no-wait', 'print the execution ARN and return at once')
      .option('--json', 'print the final status as JSON, as GET /tenants/{id}/status returns it (progress goes to stderr)')
      .option('--quiet', 'print only the final status and errors'),
  ).action(async (tenant: string, options: VerifyOptions) => {
    exitCode = await (await supportCommands()).verify(tenant, options, io);
  });

  where(
    program
      .command('retry')
      .description("Onboard a tenant whose onboarding ended FAILED again (after throttling or an outage outlasted its retries, or once the cause is fixed), with the request its status holds, and print the result.")
      .argument('<tenant>', 'tenant id')
      .option('--no-wait', 'print the execution ARN and return at once')
      .option('--json', 'print the final status as JSON, as GET /tenants/{id}/status returns it (progress goes to stderr)')
      .option('--quiet', 'print only the final status and errors'),
  ).action(async (tenant: string, options: SupportOptions & RetryOptions) => {
    const { checkVerifyArguments, supportTarget } = await supportCommands();
    checkVerifyArguments(tenant, undefined);
    const target = await supportTarget(tenant, options, io);
    try {
      exitCode = await retryOnboarding(target, tenant, options, io);
    } finally {
      await target.close();
    }
  });

  where(
    program
      .command('history')
      .description("Print a tenant's executions (onboarding and verification) and each one's events, as GetExecutionHistory returns them.")
      .argument('<tenant>', 'tenant id')
      .option('--execution <id>', 'only this execution (its name or ARN)')
      .option('--json', 'print { tenantId, executions: [{ ..., events }] } as JSON'),
  ).action(async (tenant: string, options: SupportOptions & { execution?: string; json?: boolean }) => {
    exitCode = await (await supportCommands()).history(tenant, options, io);
  });

  program
    .command('diagnose')
    .description('Explain an STS error or a CloudTrail record of a denied AssumeRole: code, side, summary, fix.')
    .option('--sts-error <file>', 'JSON { "name", "message" } of an STS error')
    .option(
      '--cloudtrail <file>',
      'CloudTrail records: a log file as delivered ({"Records": [...]}), a lookup-events answer ({"Events": [...]}) or one record',
    )
    .addOption(new Option('--cloudtrail-event <file>', 'former name of --cloudtrail').hideHelp())
    .option('--json', 'print the diagnosis as one JSON object')
    .action((options: { stsError?: string; cloudtrail?: string; cloudtrailEvent?: string; json?: boolean }) => {
      exitCode = diagnose(options, io);
    });

  program
    .command('explain')
    .description("Evaluate a customer's target-role trust policy offline against the dataplane role and External ID.")
    .requiredOption('--trust-policy <file>', 'the trust policy JSON the customer shared')
    .requiredOption('--principal <arn>', "the tenant's dataplane role ARN")
    .option('--external-id <id>', 'the External ID entered in the connection')
    .option('--json', 'print the evaluation as one JSON object')
    .action((options: { trustPolicy: string; principal: string; externalId?: string; json?: boolean }) => {
      exitCode = explain(options, io);
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
    // The local stack stopped under the command, or refused what it was asked (it says why).
    if (error instanceof LocalStackUnreachable) {
      io.err(`error: ${error.message}`);
      return EXIT_USAGE;
    }
    if (error instanceof LocalStackRefusal) {
      io.err(`error: ${error.name}: ${error.message}`);
      return error.statusCode === 400 ? EXIT_USAGE : EXIT_FAILED;
    }
    throw error;
  }
  return exitCode;
}

export { UsageError } from './usage-error';
