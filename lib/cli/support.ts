// Support staff's commands: read a tenant's status, re-run its verification. Against a deployed stack
// (credentials and region from the usual AWS environment, names from the stack's outputs), a running
// local stack (lib/cli/local-client.ts), or a one-shot embedded sandbox with --scenario.
// The SDK clients and the embedded sandbox are loaded by the targets that use them, when they are
// used: a command such as diagnose, or a local-stack status, starts without them.
import { executionConsoleUrl } from '../api/status-view';
import { executionName } from '../domain/execution-names';
import { isPolling, type StatusRecord } from '../domain/status';
import { describeResource } from '../domain/probes/resource';
import type { ExecutionRecords, StatusStore, WorkflowStarter } from '../ports';
import type { LocalEnvironment } from '../local/local-environment';
import type { Scenario } from '../sandbox';
import { regionFromEnvironment } from '../config';
import { scenarioTenants } from './scenario-tenants';

export interface SupportTarget {
  /** Where the commands act, as a message says it: "on stack X in eu-west-1", "on the local stack". */
  where: string;
  statusStore: StatusStore;
  starter: WorkflowStarter;
  /** The stack's executions and their histories. */
  executions: ExecutionRecords;
  /** The target's time: the sandbox's clock runs ahead by every polling wait it skipped. */
  now(): Date;
  /** Waits for an execution to end and returns its status (SUCCEEDED, FAILED, ...). */
  waitFor(executionArn: string, onStatus: (status: string) => void): Promise<string>;
  consoleLink?(executionArn: string): string;
  close(): Promise<void>;
}

export class StackNotFound extends Error {}

/**
 * A deployed stack's outputs (table, state machines, bus...), in the region given or else the one the
 * AWS CLI would use (AWS_REGION, AWS_DEFAULT_REGION, the profile's region).
 */
export async function stackOutputs(stackName: string, givenRegion?: string): Promise<{ region: string; outputs: Record<string, string> }> {
  const { CloudFormationClient, DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
  // An explicit --region (even an empty one) is used as given.
  let region = givenRegion !== undefined ? givenRegion : regionFromEnvironment();
  if (givenRegion === undefined && !region) {
    try {
      region = await new CloudFormationClient({}).config.region();
    } catch {
      region = undefined;
    }
  }
  if (!region) throw new StackNotFound('no AWS region: pass --region, set AWS_REGION, or set a region in your AWS profile');
  const cloudformation = new CloudFormationClient({ region });
  try {
    const { Stacks } = await cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
    return { region, outputs: Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? ''])) };
  } catch (error) {
    throw new StackNotFound(`cannot read stack ${stackName} in ${region}: ${(error as Error).message}`);
  }
}

/** The deployed stack: its outputs name the table and the state machines. */
export async function deployedTarget(stackName: string, givenRegion?: string, pollMs = 5000): Promise<SupportTarget> {
  const { region, outputs } = await stackOutputs(stackName, givenRegion);
  for (const key of ['StatusTableName', 'VerificationStateMachineArn', 'ConnectionVerificationStateMachineArn', 'OnboardingStateMachineArn']) {
    if (!outputs[key]) throw new StackNotFound(`stack ${stackName} in ${region} has no output ${key}; is it this service's stack?`);
  }
  const { createAwsClients } = await import('../adapters/aws-clients');
  const { DynamoDbStatusStore } = await import('../adapters/status-store');
  const { DescribeExecutionCommand, SFNClient } = await import('@aws-sdk/client-sfn');
  const clients = createAwsClients({ region });
  const sfn = new SFNClient({ region });
  const { SfnWorkflowStarter } = await import('../adapters/step-functions-starter');
  const { SfnExecutionRecords } = await import('../adapters/step-functions-executions');
  const stateMachines = { onboarding: outputs.OnboardingStateMachineArn!, verification: outputs.VerificationStateMachineArn! };
  return {
    where: `on stack ${stackName} in ${region}`,
    statusStore: new DynamoDbStatusStore(clients.dynamodb, outputs.StatusTableName!),
    starter: new SfnWorkflowStarter(clients.sfn, stateMachines),
    executions: new SfnExecutionRecords(clients.sfn, { ...stateMachines, 'connection-verification': outputs.ConnectionVerificationStateMachineArn! }),
    now: () => new Date(),
    waitFor: async (executionArn, onStatus) => {
      let last = '';
      for (;;) {
        const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
        if (status && status !== last) onStatus((last = status));
        if (status !== 'RUNNING' && status !== 'PENDING_REDRIVE') return status ?? 'UNKNOWN';
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    },
    consoleLink: (arn) => executionConsoleUrl(arn) ?? arn,
    close: async () => undefined,
  };
}

/**
 * The embedded sandbox: a sandbox starts empty, so the scenario's tenant is onboarded first and its
 * connections verified — only when the command names a tenant the scenario is for (scenarioTenants):
 * any other stays unknown, as on a stack that never onboarded it.
 */
export async function sandboxTarget(scenario: Scenario, tenantId: string, onProgress: (line: string) => void): Promise<SupportTarget> {
  const { LocalEnvironment } = await import('../local/local-environment');
  const env = await LocalEnvironment.start(scenario);
  try {
    const known = scenarioTenants(scenario);
    if (!known.includes(tenantId)) {
      onProgress(`(sandbox) scenario ${scenario.name} is for ${known.length > 0 ? known.join(', ') : 'no tenant'}, not ${tenantId}: nothing onboarded`);
      return sandboxSupport(env);
    }
    const cluster = scenario.clusters[0]?.name;
    if (!cluster) throw new StackNotFound(`scenario ${scenario.name} has no EKS cluster to onboard ${tenantId} on`);
    onProgress(`(sandbox) onboarding ${tenantId} on ${cluster} from scenario ${scenario.name}...`);
    const onboarded = await env.onboard({ tenantId, clusterName: cluster });
    onProgress(`(sandbox) onboarding ${onboarded.status === 'SUCCEEDED' ? 'done' : `failed: ${onboarded.error}`}`);
    // The scenario's connections arrive as a TargetRoleConfigured event would bring them: stored with
    // the tenant, then verified by id, so no execution's input or history holds their External IDs.
    const connections = env.sandbox.connections;
    if (connections.length > 0 && onboarded.status === 'SUCCEEDED') {
      await env.adapters().statusStore.saveConnections(tenantId, connections, new Date(env.clock.now()).toISOString());
      const input = { tenantId, connectionIds: connections.map((c) => c.connectionId) };
      const { executionArn } = await env.starter().start('verification', executionName('verification', tenantId, 'sandbox-connections'), input);
      const verified = await env.finished(executionArn);
      onProgress(`(sandbox) verification of the scenario's connections ${verified?.status === 'SUCCEEDED' ? 'done' : `failed: ${verified?.error}`}`);
    }
  } catch (error) {
    await env.close();
    throw error;
  }
  return sandboxSupport(env);
}

function sandboxSupport(env: LocalEnvironment): SupportTarget {
  return {
    where: "in this scenario's sandbox",
    statusStore: env.adapters().statusStore,
    starter: env.starter(),
    executions: env.executionRecords(),
    now: () => new Date(env.clock.now()),
    waitFor: async (executionArn, onStatus) => {
      onStatus('RUNNING');
      const result = await env.finished(executionArn);
      const status = result?.status ?? 'UNKNOWN';
      onStatus(status);
      return status;
    },
    close: () => env.close(),
  };
}

/** A support re-run's execution name: unique per request, still saying tenant and time. */
export function rerunName(tenantId: string, now: Date): string {
  return executionName('verification', tenantId, `support-${now.toISOString().replace(/[:.]/g, '')}`);
}

/** A status record for a person: `onboard` heads it with the run's outcome, `status` with the tenant. */
export function formatStatus(
  status: StatusRecord,
  consoleLink?: (arn: string) => string,
  headline = `Tenant ${status.tenantId}: ${status.status} — ${status.summary}`,
): string[] {
  const lines = [headline];
  const rows: [string, string | undefined][] = [
    ['tenant', status.tenantId],
    ['role', status.roleArn],
    ['cluster', status.clusterName],
    ['issuer', status.oidcIssuer],
    ['spark sa', status.namespace && status.serviceAccount ? `${status.namespace}/${status.serviceAccount}` : undefined],
    ['updated', status.updatedAt],
    ['execution', status.execution.id],
  ];
  if (consoleLink && status.execution.id) rows.push(['console', consoleLink(status.execution.id)]);
  for (const [label, value] of rows) if (value) lines.push(`  ${label.padEnd(10)} ${value}`);
  for (const problem of status.error?.problems ?? []) lines.push(`  problem    ${problem.field}: ${problem.problem}`);
  if (status.error) lines.push(`  error      ${status.error.name}: ${status.error.message}`);
  if (status.lastRejectedEvent) {
    const r = status.lastRejectedEvent;
    lines.push(`  rejected   ${r.detailType ?? 'event'} ${r.eventId ?? ''} at ${r.rejectedAt} (nothing started): ${r.reason}`);
  }
  if (status.verification) lines.push(`Verification ${status.verification.state}: ${status.verification.summary}`);
  for (const c of Object.values(status.connections ?? {}).sort((a, b) => a.connectionId.localeCompare(b.connectionId))) {
    lines.push(
      `  ${c.connectionId}: ${c.state} after ${c.attempts} attempt(s) — ${c.roleArn}` +
        ` (External ID ${c.externalId.length} chars, fingerprint ${c.externalId.fingerprint})`,
    );
    if (c.resource) lines.push(`    data       ${describeResource(c.resource)}`);
    if (c.nextAttemptAt && isPolling(c.state)) lines.push(`    next attempt ${c.nextAttemptAt}`);
    for (const p of c.probes ?? []) lines.push(`    probe      ${p.action} on ${p.resource}: ${p.outcome}${p.note ? ` (${p.note})` : ''}`);
    for (const w of c.warnings ?? []) {
      lines.push(`    warning ${w.code} (${w.side} side): ${w.summary}`);
      lines.push(`    fix: ${w.fix}`);
    }
    if (c.diagnosis) {
      lines.push(`    ${c.diagnosis.code} (${c.diagnosis.side} side): ${c.diagnosis.summary}`);
      lines.push(`    fix: ${c.diagnosis.fix}`);
      for (const e of c.diagnosis.evidence.filter((x) => x.source === 'cloudtrail' || x.source === 'probe').slice(0, 4)) {
        lines.push(`    evidence: ${e.summary}`);
      }
    }
  }
  return lines;
}
