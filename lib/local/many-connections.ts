// One tenant with many connections (one role per bucket, workgroup and cluster), run locally: the
// tenant is onboarded, then a verification run is asked for all its connections at once, with the
// real state machines and handlers on the sandbox. Each target role is in an account of its own whose
// customer fixes the trust policy after a few denials, as customers do once they read the diagnosis.
// What it reports is what support asks afterwards: is every connection verified, and did every
// execution stay far from Step Functions' 25,000 history events?
import { LocalEnvironment } from './local-environment';
import { parseScenario, type Scenario } from '../sandbox';
import type { StateMachineKind } from '../ports';

export interface ManyConnectionsOptions {
  connections: number;
  /** Connection i's customer fixes its trust policy after 2 + (i mod this) AssumeRole calls. */
  fixAfterUpTo?: number;
}

export interface ManyConnectionsResult {
  connections: number;
  verified: number;
  /** Connections that ended otherwise, with their state and diagnosis code. */
  notVerified: Record<string, string>;
  executions: number;
  /** The most history events of any execution, as GetExecutionHistory would list them. */
  maxHistoryEvents: number;
  /** Executions and their largest history, by state machine. */
  byStateMachine: Partial<Record<StateMachineKind, { executions: number; maxHistoryEvents: number }>>;
  /** The verification run's outcome. */
  run: { status: string; state?: string };
  /** Attempts made by all connections together. */
  attempts: number;
}

const TENANT = 'fleet';
const VENDOR = '111111111111';
const customerAccount = (i: number) => `2${String(i + 1).padStart(11, '0')}`;
const externalIdOf = (i: number) => `fleet-${String(i + 1).padStart(3, '0')}-7Hq2vX9pLm`;
const connectionIdOf = (i: number) => `bucket-${String(i + 1).padStart(3, '0')}`;

function trustPolicy(externalId: string) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${VENDOR}:role/${TENANT}-dataplane-role` },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': externalId } },
      },
    ],
  };
}

/** The world: our cluster, and per connection a customer account whose role expects a stale External ID. */
export function manyConnectionsScenario(options: ManyConnectionsOptions): Scenario {
  const spread = options.fixAfterUpTo ?? 4;
  return parseScenario(
    {
      name: 'many-connections',
      description: `one tenant with ${options.connections} connections, each fixed by its customer after a few denials`,
      vendor: { accountId: VENDOR, region: 'eu-west-1' },
      clusters: [{ name: `${TENANT}-prod`, oidcProviderExists: true }],
      customers: Array.from({ length: options.connections }, (_, i) => ({
        accountId: customerAccount(i),
        name: `Customer ${i + 1}`,
        roles: [{ name: 'qualytics-reader', trustPolicy: trustPolicy('stale-external-id') }],
        changes: [{ afterAttempts: 2 + (i % spread), role: 'qualytics-reader', trustPolicy: trustPolicy(externalIdOf(i)) }],
      })),
    },
    'many-connections',
  );
}

export async function runManyConnections(options: ManyConnectionsOptions): Promise<ManyConnectionsResult> {
  const env = await LocalEnvironment.start(manyConnectionsScenario(options));
  try {
    const onboarded = await env.onboard({ tenantId: TENANT, clusterName: `${TENANT}-prod` });
    if (onboarded.status !== 'SUCCEEDED') throw new Error(`onboarding ${TENANT} ended ${onboarded.status}: ${onboarded.error} ${onboarded.cause ?? ''}`);
    const connections = Array.from({ length: options.connections }, (_, i) => ({
      connectionId: connectionIdOf(i),
      roleArn: `arn:aws:iam::${customerAccount(i)}:role/qualytics-reader`,
      externalId: externalIdOf(i),
    }));
    const run = await env.verify({ tenantId: TENANT, connections });

    const status = await env.status(TENANT);
    const notVerified: Record<string, string> = {};
    let verified = 0;
    let attempts = 0;
    for (const { connectionId } of connections) {
      const connection = status?.connections?.[connectionId];
      attempts += connection?.attempts ?? 0;
      if (connection?.state === 'VERIFIED') verified += 1;
      else notVerified[connectionId] = connection ? `${connection.state} ${connection.diagnosis?.code ?? ''}`.trim() : '(no status)';
    }
    const records = env.executionRecords();
    const executions = await records.listForTenant(TENANT);
    const byStateMachine: ManyConnectionsResult['byStateMachine'] = {};
    let maxHistoryEvents = 0;
    for (const execution of executions) {
      const events = (await records.history(execution.executionArn))?.length ?? 0;
      const entry = (byStateMachine[execution.kind] ??= { executions: 0, maxHistoryEvents: 0 });
      entry.executions += 1;
      entry.maxHistoryEvents = Math.max(entry.maxHistoryEvents, events);
      maxHistoryEvents = Math.max(maxHistoryEvents, events);
    }
    const output = run.output as { state?: string } | undefined;
    return {
      connections: options.connections,
      verified,
      notVerified,
      executions: executions.length,
      maxHistoryEvents,
      byStateMachine,
      run: { status: run.status, ...(output?.state ? { state: output.state } : {}) },
      attempts,
    };
  } finally {
    await env.close();
  }
}
