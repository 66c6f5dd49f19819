// The support commands: a tenant's status, a verification re-run and its history, on the running local
// stack, a deployed stack or a one-shot sandbox.
import { type Connection } from '../domain/verification/connection';
import { statusTicker } from './progress';
import { deployedTarget, formatStatus, rerunName, sandboxTarget, StackNotFound, SupportTarget } from './support';
import { chooseTarget, type TargetOptions } from './targets';
import { localStackTarget, LocalStackClient } from './local-client';
import { UsageError } from './usage-error';
import { readJsonFile } from './json-file';
import { formatHistory, HistoryNotFound, tenantHistory } from './history';
import { CheckedVerification, checkVerificationRequest, givenConnectionProblems, VerificationRefused } from '../api/verification-request';
import { checkTenantId, connectionIdProblem } from '../api/identifiers';
import { ApiError } from '../api/responses';
import { Io, output, statusJson } from './output';
import { InvalidVerificationRequest } from '../errors';
import { validateVerificationRequest } from '../schemas/verification-request';
import { EXIT_FAILED, EXIT_OK } from './exit-codes';
import { readScenario } from './scenario-file';

export type SupportOptions = TargetOptions;
export const resolveTarget = chooseTarget;

/** The running local stack (default), a deployed stack (--stack/--stage) or a one-shot sandbox (--scenario). */
export async function supportTarget(tenant: string, options: SupportOptions, io: Io): Promise<SupportTarget> {
  const target = resolveTarget(options);
  if (target.kind === 'scenario') return sandboxTarget(await readScenario(target.file), tenant, io.err);
  if (target.kind === 'local') return localStackTarget(new LocalStackClient(target.stack.url));
  try {
    return await deployedTarget(target.stackName, target.region);
  } catch (error) {
    if (error instanceof StackNotFound) throw new UsageError(error.message);
    throw error;
  }
}

export async function status(tenant: string, options: SupportOptions & { json?: boolean }, io: Io): Promise<number> {
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

export interface VerifyOptions extends SupportOptions {
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

export async function verify(tenant: string, options: VerifyOptions, io: Io): Promise<number> {
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
export function checkVerifyArguments(tenant: string, connectionIds: string[] | undefined): void {
  try {
    checkTenantId(tenant);
  } catch (error) {
    if (error instanceof ApiError) throw new UsageError(error.message);
    throw error;
  }
  const problems = (connectionIds ?? []).map((id) => connectionIdProblem(id, '--connection')).filter((p) => p !== undefined);
  if (problems.length > 0) throw new UsageError(problems.join('; '));
}

export async function history(tenant: string, options: SupportOptions & { execution?: string; json?: boolean }, io: Io): Promise<number> {
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

