// What a verification run works on, and how each attempt's result becomes a connection status.
import connectionVerificationDefinition from '../../../statemachines/connection-verification.asl.json';
import { FieldProblem, TenantNotOnboarded } from '../../errors';
import { AslState, loopHistoryEvents } from './execution-history';
import { Connection } from './connection';
import { ExternalIdFingerprint, externalIdFingerprint } from '../../external-id';
import { type Diagnosis } from '../diagnosis';
import { describeResource } from '../probes/resource';
import { connectionExecutionName } from '../execution-names';
import { ownEntry } from '../status';
import type { ConnectionStatus, ExecutionRef, StatusRecord, VerificationSummary } from '../status';
import {
  AttemptResult,
  DEFAULT_SCHEDULE,
  HISTORY_EVENT_BUDGET,
  maxAttempts,
  NO_PROGRESS,
  planNextAttempt,
  PollingProgress,
  PollingSchedule,
} from './verification';

/**
 * At most this many connections per run. Each connection polls in its own execution and has a status
 * item of its own, so neither the history budget nor the tenant's item bounds them. What does is the
 * size of a request: at their longest (64-character ids, role ARNs of about 600 characters, 1,224-character
 * External IDs) 50 connections are about 100 KB, well inside an EventBridge entry and a Step Functions
 * payload (256 KB each).
 */
export const MAX_CONNECTIONS_PER_RUN = 50;

/**
 * The most history events one polling attempt adds to a connection's execution: the costliest way
 * round the polling loop of statemachines/connection-verification.asl.json, every retry its Retry
 * blocks allow included (a Lambda timeout retried three times is nine more events).
 */
export const HISTORY_EVENTS_PER_ATTEMPT = loopHistoryEvents(
  connectionVerificationDefinition.States as Record<string, AslState>,
  connectionVerificationDefinition.StartAt,
);

/**
 * A connection as a verification run carries it: the External ID only as its fingerprint, because a
 * run's inputs and outputs are in its Step Functions history. Attempt Assume reads the External ID
 * itself from the tenant's stored connections.
 */
export interface PlannedConnection {
  connectionId: string;
  roleArn: string;
  externalId: ExternalIdFingerprint;
}

export function plannedConnection(connection: Connection): PlannedConnection {
  return {
    connectionId: connection.connectionId,
    roleArn: connection.roleArn,
    externalId: externalIdFingerprint(connection.externalId),
  };
}

/** A planned connection with the name of the execution that verifies it. */
export interface PlannedRunConnection extends PlannedConnection {
  executionName: string;
}

export interface VerificationPlan {
  tenantId: string;
  dataplaneRoleArn: string;
  /** When onboarding last created or changed the dataplane role; null when unknown. */
  roleChangedAt: string | null;
  schedule: PollingSchedule;
  connections: PlannedRunConnection[];
  /** This verification run: each connection's status names it, and a newer run's statuses win. */
  run: ExecutionRef;
}

/**
 * A verification request as its schema has checked it (lib/schemas/verification-request.ts): the
 * tenant, 1-10 connections with unique ids, the schedule.
 */
export interface VerificationRequest {
  tenantId: string;
  connections: Connection[];
  /** The defaults when left out. */
  schedule?: PollingSchedule;
  /** False when the connections are the tenant's stored ones (a support re-run), which are not stored again. */
  given?: boolean;
}

/**
 * The stored connections a re-run verifies: all of them, or those named in `connectionIds`; each id
 * that names none is a problem.
 */
export function selectStoredConnections(ids: string[] | undefined, stored: Connection[]): { connections: Connection[]; problems: FieldProblem[] } {
  if (stored.length === 0) {
    return {
      connections: [],
      problems: [
        {
          field: 'connections',
          problem: 'none given, and none are stored for this tenant: give { connectionId, roleArn, externalId } for each',
        },
      ],
    };
  }
  if (ids === undefined) return { connections: stored, problems: [] };
  const byId = new Map(stored.map((c) => [c.connectionId, c]));
  const connections: Connection[] = [];
  const problems: FieldProblem[] = [];
  ids.forEach((id, i) => {
    const connection = byId.get(id);
    if (connection) connections.push(connection);
    else problems.push({ field: `connectionIds[${i}]`, problem: `no stored connection "${id}" (stored: ${[...byId.keys()].join(', ')})` });
  });
  return { connections, problems };
}

/**
 * A connection polls in its own execution: its worst case, never fixed and polled until the deadline,
 * must fit Step Functions' history. Only the schedule decides it, whatever the number of connections.
 */
export function historyBudgetProblems(schedule: PollingSchedule): FieldProblem[] {
  const perConnection = maxAttempts(schedule) * HISTORY_EVENTS_PER_ATTEMPT;
  if (perConnection <= HISTORY_EVENT_BUDGET) return [];
  return [
    {
      field: 'schedule',
      problem:
        `one connection polled until the deadline could need ${perConnection} history events, over the ` +
        `${HISTORY_EVENT_BUDGET} one execution may use: raise schedule.maxIntervalSeconds or shorten schedule.deadlineSeconds`,
    },
  ];
}

/** The tenant's record once it has a dataplane role; TenantNotOnboarded until then. */
export function onboardedTenant(tenantId: string, tenant: StatusRecord | undefined): StatusRecord & { roleArn: string } {
  if (!tenant || !tenant.roleArn) {
    throw new TenantNotOnboarded(
      tenant
        ? `Tenant ${tenantId} has no dataplane role yet (status ${tenant.status}: ${tenant.summary}); onboard it first`
        : `Tenant ${tenantId} is unknown: onboard it before verifying its connections`,
      { tenantId, status: tenant?.status },
    );
  }
  return tenant as StatusRecord & { roleArn: string };
}

/** The plan of a checked request for a tenant, as run `run`: TenantNotOnboarded until the tenant has a dataplane role. */
export function planVerification(
  request: VerificationRequest,
  record: StatusRecord | undefined,
  run: ExecutionRef,
): VerificationPlan & { store: Connection[] } {
  const tenant = onboardedTenant(request.tenantId, record);
  return {
    tenantId: request.tenantId,
    dataplaneRoleArn: tenant.roleArn,
    roleChangedAt: tenant.roleChangedAt ?? null,
    schedule: request.schedule ?? DEFAULT_SCHEDULE,
    connections: request.connections.map((connection) => ({
      ...plannedConnection(connection),
      executionName: connectionExecutionName(request.tenantId, connection.connectionId, run.id),
    })),
    run,
    // Connections given with the request are kept for support re-runs (External IDs included: the
    // table is encrypted, and nothing that reads statuses returns them).
    store: request.given === false ? [] : request.connections,
  };
}

export interface ConnectionProgress extends PollingProgress {
  waitSeconds: number;
  continue: boolean;
  state: ConnectionStatus['state'];
}

export const START_PROGRESS: ConnectionProgress = { ...NO_PROGRESS, waitSeconds: 0, continue: true, state: 'VERIFYING' };

export interface AttemptRecord {
  tenantId: string;
  schedule: PollingSchedule;
  connection: PlannedConnection;
  attempt: AttemptResult;
  progress: PollingProgress;
  execution: ExecutionRef;
  now: Date;
}

/** The connection status an attempt leads to, and whether to keep polling. */
export function connectionAfterAttempt(record: AttemptRecord): { status: ConnectionStatus; progress: ConnectionProgress } {
  const { attempt, connection, schedule, now } = record;
  const progress: PollingProgress = { ...record.progress, attempts: attempt.attempt };
  const base = {
    connectionId: connection.connectionId,
    roleArn: connection.roleArn,
    externalId: attempt.externalId ?? connection.externalId,
    ...(attempt.resource ? { resource: attempt.resource } : {}),
    attempts: attempt.attempt,
    lastAttemptAt: attempt.attemptedAt,
    execution: record.execution,
    ...(attempt.probes ? { probes: attempt.probes } : {}),
  };
  const warnings = attempt.warnings ?? [];
  const warned = warnings.length > 0 ? { warnings } : {};
  if (attempt.outcome === 'VERIFIED') {
    const probed = attempt.probes ? `, and reaches ${attempt.resource ? describeResource(attempt.resource) : 'its data'}` : '';
    const verified = `Verified: the dataplane role can assume ${connection.roleArn} with the External ID, and cannot without it${probed}`;
    return {
      status: {
        ...base,
        state: 'VERIFIED',
        summary:
          warnings.length === 0
            ? verified
            : `${verified}; warning (${warnings.map((w) => w.code).join(', ')}): ${warnings.map((w) => w.summary).join(' ')}`,
        verifiedAt: attempt.attemptedAt,
        ...warned,
      },
      progress: { ...progress, waitSeconds: 0, continue: false, state: 'VERIFIED' },
    };
  }
  const diagnosis = attempt.diagnosis ?? unknownDiagnosis();
  if (attempt.outcome === 'INVALID') {
    return {
      status: { ...base, state: 'ACTION_REQUIRED', summary: `Action required (${diagnosis.code}): ${diagnosis.summary}`, diagnosis },
      progress: { ...progress, waitSeconds: 0, continue: false, state: 'ACTION_REQUIRED' },
    };
  }
  const next = planNextAttempt(progress, schedule);
  if (next.deadlineReached) {
    return {
      status: {
        ...base,
        state: 'ACTION_REQUIRED',
        summary: `Action required (${diagnosis.code}) after ${attempt.attempt} attempts: ${diagnosis.summary}`,
        diagnosis,
        ...(attempt.outcome === 'DATA_ACCESS_DENIED' ? warned : {}),
      },
      progress: { ...next.progress, waitSeconds: 0, continue: false, state: 'ACTION_REQUIRED' },
    };
  }
  // The trust is verified but the data is not reached: polled like a denial, in a state that says so.
  const state = attempt.outcome === 'DATA_ACCESS_DENIED' ? 'DATA_ACCESS_REQUIRED' : 'VERIFYING';
  const lead = state === 'DATA_ACCESS_REQUIRED' ? 'Trust verified; data not reached' : 'Not verified yet';
  return {
    status: {
      ...base,
      state,
      summary: `${lead} (${diagnosis.code}); next attempt in ${formatDuration(next.waitSeconds)}: ${diagnosis.summary}`,
      diagnosis,
      ...(state === 'DATA_ACCESS_REQUIRED' ? warned : {}),
      nextAttemptAt: new Date(now.getTime() + next.waitSeconds * 1000).toISOString(),
    },
    progress: { ...next.progress, waitSeconds: next.waitSeconds, continue: true, state },
  };
}

/** True when another execution already verified this exact connection (same role and External ID). */
export function verifiedElsewhere(stored: ConnectionStatus | undefined, connection: PlannedConnection, execution: ExecutionRef): boolean {
  if (!stored || stored.state !== 'VERIFIED' || stored.execution.id === execution.id) return false;
  // Only a verification newer than this run counts: an old VERIFIED says nothing about the role today.
  if (!stored.verifiedAt || Date.parse(stored.verifiedAt) < Date.parse(execution.startTime)) return false;
  return stored.roleArn === connection.roleArn && stored.externalId.fingerprint === connection.externalId.fingerprint;
}

export function summarizeVerification(
  tenantId: string,
  connectionIds: string[],
  stored: Record<string, ConnectionStatus> | undefined,
  execution: ExecutionRef,
): VerificationSummary {
  const verified: string[] = [];
  const actionRequired: string[] = [];
  const verifying: string[] = [];
  for (const id of connectionIds) {
    const state = ownEntry(stored, id)?.state;
    if (state === 'VERIFIED') verified.push(id);
    else if (state === 'ACTION_REQUIRED') actionRequired.push(id);
    else verifying.push(id);
  }
  const state: VerificationSummary['state'] =
    actionRequired.length > 0 ? 'ACTION_REQUIRED' : verifying.length > 0 ? 'VERIFYING' : 'VERIFIED';
  const warned = verified.filter((id) => (ownEntry(stored, id)?.warnings?.length ?? 0) > 0);
  // Polled on like VERIFYING, but support should see that only the data is left.
  const dataAccess = verifying.filter((id) => ownEntry(stored, id)?.state === 'DATA_ACCESS_REQUIRED');
  const warning = warned.length > 0 ? `; ${warned.length} with a warning (${warned.join(', ')})` : '';
  const summary =
    state === 'VERIFIED'
      ? `All ${verified.length} connection(s) of ${tenantId} verified${warning}`
      : state === 'ACTION_REQUIRED'
        ? `Action required on ${actionRequired.join(', ')}; verified: ${verified.length ? verified.join(', ') : 'none'}${warning}`
        : `Still verifying ${verifying.join(', ')}${dataAccess.length > 0 ? ` (trust verified, data not reached yet: ${dataAccess.join(', ')})` : ''}`;
  return { state, summary, verified, actionRequired, verifying, execution };
}

function unknownDiagnosis(): Diagnosis {
  return {
    code: 'UNKNOWN',
    side: 'vendor',
    summary: 'The attempt was not verified and produced no diagnosis',
    fix: 'Look at the verification execution in Step Functions',
    evidence: [],
  };
}

export function formatDuration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

