// The onboarding CLI. `onboard` runs the real onboarding state machine with the real handlers on the
// embedded sandbox and prints each state, then the status record and the account manager's message.
import path from 'node:path';
import { diagnoseStsError, formatDiagnosis } from '../domain/diagnosis';
import { CloudTrailInputError, describeRecord, diagnoseCloudTrail, stsErrorContext } from './diagnose-input';
import { explainTrustPolicy, TrustPolicyExplanation } from '../domain/diagnosis/trust-policy';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { LocalEnvironment } from '../local/local-environment';
import { loadScenario, ScenarioError, type Scenario } from '../sandbox/scenario';
import { type Connection } from '../domain/verification/connection';
import { progressPrinter, statusTicker, verificationTicker } from './progress';
import { deployedTarget, formatStatus, rerunName, sandboxTarget, StackNotFound, SupportTarget } from './support';
import { chooseTarget, type TargetOptions } from './targets';
import { localStackTarget, LocalStackClient, LocalStackRefusal, LocalStackUnreachable } from './local-client';
import { UsageError } from './usage-error';
import { readJsonFile } from './json-file';
import { checkPortFree, parsePort } from './port';
import { resetStack } from './reset';
import { retryOnboarding, type RetryOptions } from './retry';
import { putEvents } from './events-put';
import { customerCommand, type CustomerRoleOptions } from './customer';
import { onboardOnStack } from './onboard-target';
import { formatHistory, HistoryNotFound, tenantHistory } from './history';
import { CheckedVerification, checkVerificationRequest, givenConnectionProblems, VerificationRefused } from '../api/verification-request';
import { checkTenantId, connectionIdProblem } from '../api/identifiers';
import { ApiError } from '../api/responses';
import { Io, output, statusJson } from './output';
import { packageVersion } from './version';
import { InvalidVerificationRequest } from '../errors';
import { validateVerificationRequest } from '../schemas/verification-request';
import { projectRoot } from '../project-root';
import { storeConnectionsFirst } from '../domain/verification/stored-connections';
import { isValidTenantId } from '../domain/onboarding/onboarding-request';

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
  quiet?: boolean;
  verbose?: boolean;
  verify?: boolean;
  serve?: boolean;
  port?: string;
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
    exitCode = await status(tenant, options, io);
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
    exitCode = await verify(tenant, options, io);
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
    exitCode = await history(tenant, options, io);
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

type SupportOptions = TargetOptions;
const resolveTarget = chooseTarget;

/** The running local stack (default), a deployed stack (--stack/--stage) or a one-shot sandbox (--scenario). */
async function supportTarget(tenant: string, options: SupportOptions, io: Io): Promise<SupportTarget> {
  const target = resolveTarget(options);
  if (target.kind === 'scenario') return sandboxTarget(readScenario(target.file), tenant, io.err);
  if (target.kind === 'local') return localStackTarget(new LocalStackClient(target.stack.url));
  try {
    return await deployedTarget(target.stackName, target.region);
  } catch (error) {
    if (error instanceof StackNotFound) throw new UsageError(error.message);
    throw error;
  }
}

async function status(tenant: string, options: SupportOptions & { json?: boolean }, io: Io): Promise<number> {
  const target = await supportTarget(tenant, options, io);
  try {
    const record = await target.statusStore.get(tenant);
    if (!record) {
      io.err(`no status for tenant "${tenant}": it was never onboarded ${target.where} (check the tenant id)`);
      return EXIT_FAILED;
    }
    io.out(options.json ? JSON.stringify(statusJson(record), null, 2) : formatStatus(record, target.consoleLink).join('\n'));
    return EXIT_OK;
  } finally {
    await target.close();
  }
}

interface VerifyOptions extends SupportOptions {
  connection?: string[];
  connections?: string;
  wait?: boolean;
  json?: boolean;
  quiet?: boolean;
}

/** The connections of a --connections file, checked as the API checks them; problems say where, never the value. */
function readConnections(tenant: string, file: string): Connection[] {
  const connections = readJsonFile(file, 'connections file');
  try {
    const request = validateVerificationRequest({ tenantId: tenant, connections });
    const problems = givenConnectionProblems(request.connections);
    if (problems.length > 0) throw new InvalidVerificationRequest(problems);
    return request.connections;
  } catch (error) {
    if (!(error instanceof InvalidVerificationRequest)) throw error;
    throw new UsageError(`connections file ${file}: ${error.problems.map((p) => `${p.field} ${p.problem}`).join('; ')}`);
  }
}

async function verify(tenant: string, options: VerifyOptions, io: Io): Promise<number> {
  if (options.connection && options.connections) throw new UsageError('give either --connection ID... (stored ones) or --connections FILE (new ones), not both');
  checkVerifyArguments(tenant, options.connection);
  const given = options.connections ? readConnections(tenant, options.connections) : undefined;
  const show = output(io, options);
  const target = await supportTarget(tenant, options, io);
  try {
    // The status API's checks, before anything is stored or started: the same requests are refused
    // for the same reasons.
    const body = given ? { connections: given } : options.connection ? { connectionIds: options.connection } : {};
    let checked: CheckedVerification;
    try {
      checked = await checkVerificationRequest(target.statusStore, tenant, body);
    } catch (error) {
      if (!(error instanceof VerificationRefused)) throw error;
      show.error(`cannot verify tenant "${tenant}": ${error.reason}; nothing was started`);
      return EXIT_FAILED;
    }
    // Stored first, so the execution's input (in its history) names them by id only.
    if (checked.given) await target.statusStore.saveConnections(tenant, checked.connections, target.now().toISOString());
    const connectionIds = given ? checked.connections.map((c) => c.connectionId) : options.connection;
    const input = { tenantId: tenant, ...(connectionIds ? { connectionIds } : {}) };
    const { executionArn } = await target.starter.start('verification', rerunName(tenant, target.now()), input);
    if (options.wait === false) {
      show.text(`Started verification: ${executionArn}`);
      if (target.consoleLink) show.text(`  ${target.consoleLink(executionArn)}`);
      show.json({ executionArn });
      return EXIT_OK;
    }
    show.progress(`Started verification: ${executionArn}`);
    if (target.consoleLink) show.progress(`  ${target.consoleLink(executionArn)}`);
    // A re-run that keeps polling prints nothing new for minutes (hours in AWS): say it is alive.
    const ticker = options.quiet
      ? undefined
      : statusTicker(() => target.statusStore.get(tenant), executionArn, io.err, {
          clock: () => target.now().getTime(),
          simulated: options.scenario !== undefined,
        });
    let outcome: string;
    try {
      outcome = await target.waitFor(executionArn, (s) => show.progress(`  execution ${s}`));
    } finally {
      ticker?.stop();
    }
    const after = await target.statusStore.get(tenant);
    if (after) {
      formatStatus(after, target.consoleLink).forEach(show.text);
      show.json(statusJson(after));
    }
    if (outcome !== 'SUCCEEDED') {
      show.error(`verification execution ${executionArn} ended ${outcome}`);
      return EXIT_FAILED;
    }
    return after?.verification?.state === 'VERIFIED' ? EXIT_OK : EXIT_FAILED;
  } finally {
    await target.close();
  }
}

/** Malformed arguments are usage errors, found before any stack or sandbox is reached. */
function checkVerifyArguments(tenant: string, connectionIds: string[] | undefined): void {
  try {
    checkTenantId(tenant);
  } catch (error) {
    if (error instanceof ApiError) throw new UsageError(error.message);
    throw error;
  }
  const problems = (connectionIds ?? []).map((id) => connectionIdProblem(id, '--connection')).filter((p) => p !== undefined);
  if (problems.length > 0) throw new UsageError(problems.join('; '));
}

async function history(tenant: string, options: SupportOptions & { execution?: string; json?: boolean }, io: Io): Promise<number> {
  const target = await supportTarget(tenant, options, io);
  try {
    const found = await tenantHistory(tenant, target.executions, target.statusStore, options.execution);
    io.out(options.json ? JSON.stringify(found, null, 2) : formatHistory(found).join('\n'));
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof HistoryNotFound)) throw error;
    io.err(error.message);
    return EXIT_FAILED;
  } finally {
    await target.close();
  }
}


function diagnose(options: { stsError?: string; cloudtrail?: string; cloudtrailEvent?: string; json?: boolean }, io: Io): number {
  const cloudtrail = options.cloudtrail ?? options.cloudtrailEvent;
  if (Boolean(options.stsError) === Boolean(cloudtrail) || (options.cloudtrail && options.cloudtrailEvent)) {
    throw new UsageError('give exactly one of --sts-error FILE or --cloudtrail FILE');
  }
  if (options.stsError) {
    const error = readJsonFile(options.stsError, 'STS error') as { name?: unknown; message?: unknown };
    if (typeof error?.name !== 'string' || typeof error.message !== 'string') {
      throw new UsageError(`STS error ${options.stsError} must be a JSON object { "name": string, "message": string }`);
    }
    const { ctx, stage } = stsErrorContext(error.message);
    const diagnosis = diagnoseStsError({ name: error.name, message: error.message }, ctx, stage);
    io.out(options.json ? JSON.stringify(diagnosis, null, 2) : formatDiagnosis(diagnosis));
    return EXIT_OK;
  }
  const json = readJsonFile(cloudtrail!, 'CloudTrail file');
  let result: ReturnType<typeof diagnoseCloudTrail>;
  try {
    result = diagnoseCloudTrail(json);
  } catch (error) {
    if (error instanceof CloudTrailInputError) throw new UsageError(`CloudTrail file ${cloudtrail}: ${error.message}`);
    throw error;
  }
  if (options.json) {
    io.out(JSON.stringify({ file: cloudtrail, ...result }, null, 2));
  } else {
    const total = result.diagnoses.length + result.skipped.length;
    io.out(`${cloudtrail}: ${total} ${total === 1 ? 'record' : 'records'}, ${result.diagnoses.length} failed role ${result.diagnoses.length === 1 ? 'assumption' : 'assumptions'} explained below.`);
    for (const { record, diagnosis } of result.diagnoses) {
      io.out('');
      io.out(`== ${describeRecord(record)}`);
      io.out(formatDiagnosis(diagnosis));
    }
    if (result.skipped.length > 0) {
      io.out('');
      io.out('Not diagnosed:');
      for (const { record, reason } of result.skipped) io.out(`  - ${describeRecord(record)}: ${reason}`);
    }
  }
  // A file with no denial to explain is not what support was looking for: say so in the exit code.
  return result.diagnoses.length > 0 ? EXIT_OK : EXIT_FAILED;
}

function explain(options: { trustPolicy: string; principal: string; externalId?: string; json?: boolean }, io: Io): number {
  const policy = readJsonFile(options.trustPolicy, 'trust policy');
  let explanation: TrustPolicyExplanation;
  try {
    explanation = explainTrustPolicy(policy, {
      principalArn: options.principal,
      ...(options.externalId !== undefined ? { externalId: options.externalId } : {}),
    });
  } catch (error) {
    throw new UsageError(`trust policy ${options.trustPolicy}: ${(error as Error).message}`);
  }
  if (options.json) {
    io.out(JSON.stringify(explanation, null, 2));
  } else {
    const unknown = explanation.unknownKeys ? ` (${explanation.unknownKeys.join(', ')})` : '';
    io.out(`Decision: ${explanation.decision}${unknown}${explanation.externalIdRequired ? '' : ' (External ID NOT required)'}`);
    io.out(explanation.summary);
    for (const st of explanation.statements) {
      io.out(`  Statement ${st.sid ?? `#${st.index}`} (${st.effect}): ${st.applies ? 'applies' : 'does not apply'}`);
      for (const reason of st.reasons) io.out(`    - ${reason}`);
    }
    if (explanation.fix) io.out(`Fix: ${explanation.fix}`);
    if (explanation.correctedPolicy) io.out(`Corrected policy:\n${JSON.stringify(explanation.correctedPolicy, null, 2)}`);
  }
  // Allowed only if the redacted External ID is the connection's: the policy is right, the value is compared by fingerprint.
  const allowed = explanation.decision === 'allowed' || explanation.decision === 'allowedIfExternalIdMatches';
  return allowed && explanation.externalIdRequired ? EXIT_OK : EXIT_FAILED;
}

function readScenario(file: string): Scenario {
  try {
    return loadScenario(file);
  } catch (error) {
    // Its message names the file and each bad field already.
    if (error instanceof ScenarioError) throw new UsageError(error.message);
    throw new UsageError(`cannot use scenario ${file}: ${(error as Error).message}`);
  }
}

async function onboard(options: OnboardOptions, io: Io): Promise<number> {
  const scenario = readScenario(options.scenario);
  const say = options.json ? io.err : io.out;
  const show = output(io, options);

  const input: Record<string, unknown> = { tenantId: options.tenant, clusterName: options.cluster };
  if (options.namespace !== undefined) input.namespace = options.namespace;
  if (options.serviceAccount !== undefined) input.serviceAccount = options.serviceAccount;
  const { LocalEnvironment } = await import('../local/local-environment');
  const env = await LocalEnvironment.start(scenario, { createOidcProvider: options.createOidcProvider });
  try {
    // The scenario's customer connections are the tenant's target roles, verified once the role is
    // ready. As the event starter does, they are stored first and the execution gets references only,
    // so no execution input or history holds their External IDs. Nothing is stored under a tenant id
    // onboarding would refuse (Validate Request then says why).
    const connections = options.verify === false || !isValidTenantId(options.tenant) ? [] : env.sandbox.connections;
    if (connections.length > 0) {
      const at = new Date(env.clock.now()).toISOString();
      const { references } = await storeConnectionsFirst(env.adapters().statusStore, options.tenant, connections, { at, by: 'onboarding-cli' });
      input.targetRoles = references;
    }
    show.progress(`Onboarding tenant "${options.tenant}" on EKS cluster "${options.cluster}" (scenario: ${scenario.name})`);
    const progress = progressPrinter(show.progress);
    // A long verification runs for seconds of real time with nothing new to print: say it is alive.
    const ticker = options.quiet ? undefined : verificationTicker(io.err, { clock: env.clock.now });
    // The account manager's message as sent: a long local verification skips days, past SQS retention.
    let published: ReturnType<LocalEnvironment['queueMessages']> = [];
    let result: Awaited<ReturnType<LocalEnvironment['onboard']>>;
    try {
      result = await env.onboard(input, {
        onEvent: (event, from) => {
          if (event.type === 'StateExited' && event.state.name === 'Publish Role Arn') published = env.queueMessages();
          progress(event, from);
          ticker?.onEvent(event, from);
        },
      });
    } finally {
      ticker?.stop();
    }
    const status = await env.status(options.tenant).catch(() => undefined);

    show.json(status ? statusJson(status) : { tenantId: options.tenant, status: 'NOT_RECORDED', error: { name: result.error, message: result.cause } });
    show.progress('');
    if (status) formatStatus(status, undefined, `Status ${status.status}: ${status.summary}`).forEach(show.text);
    else show.text(`No status was recorded (${result.error}: ${result.cause})`);
    const message = published.at(-1);
    if (message && !options.json) {
      show.progress('');
      show.progress(`Account-manager queue: ${published.length} message(s); the latest, as the account manager received it:`);
      show.progress(JSON.stringify(JSON.parse(message.body), null, 2));
    }
    if (options.serve) await serve(env, Number(options.port ?? '0'), options.tenant, say);
    if (result.status !== 'SUCCEEDED') {
      io.err(`onboarding failed: ${result.error}: ${status?.error?.message ?? result.cause}`);
      return EXIT_FAILED;
    }
    if (status?.verification && status.verification.state !== 'VERIFIED') {
      io.err(`the dataplane role is ready, but verification ended ${status.verification.state}: ${status.verification.summary}`);
      return EXIT_FAILED;
    }
    return EXIT_OK;
  } finally {
    await env.close();
  }
}

/** Keeps the sandbox and the status API up until the process is interrupted. */
async function serve(env: LocalEnvironment, port: number, tenant: string, say: (line: string) => void): Promise<void> {
  say('');
  const { startLocalApi } = await import('../api/local-server');
  const api = await startLocalApi(env, port, { announce: say });
  say(`The sandbox stays up until Ctrl-C. Try:`);
  say(`  curl -s ${api.url}/tenants/${encodeURIComponent(tenant)}/status`);
  say(`  curl -s -X POST ${api.url}/tenants/${encodeURIComponent(tenant)}/verifications`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await api.close();
}

