// @ts-nocheck
// What a verification run works on, and how each attempt's result becomes a connection status.
import { FieldProblem, InvalidVerificationRequest, TenantNotOnboarded } from '../errors';
import { Connection, ExternalIdFingerprint, externalIdFingerprint, validateConnectionShape } from './connection';
import type { Diagnosis } from './diagnosis';
import { ownEntry } from './status';
import type { ConnectionStatus, ExecutionRef, StatusRecord, VerificationSummary } from './status';
import {
  AttemptResult,
  DEFAULT_SCHEDULE,
  HISTORY_EVENT_BUDGET,
  HISTORY_EVENTS_PER_ATTEMPT,
  maxAttempts,
  NO_PROGRESS,
  planNextAttempt,
  PollingProgress,
  PollingSchedule,
  SCHEDULE_LIMITS,
} from './verification';

/** At most this many connections per run: each one's polling adds to the execution's history. */
export const MAX_CONNECTIONS_PER_RUN = 10;

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

export interface VerificationPlan {
  tenantId: string;
  dataplaneRoleArn: string;
  /** When onboarding last created or changed the dataplane role; null when unknown. */
  roleChangedAt: string | null;
  schedule: PollingSchedule;
  connections: PlannedConnection[];
}

/**
 * Checks a verification request: the tenant, 1-10 connections with unique ids, an optional schedule.
 * Without `connections` (a support re-run), the tenant's stored connections are verified — all of them,
 * or those named in `connectionIds`.
 */
export function validateVerificationRequest(
  input: unknown,
  stored?: Connection[],
): { tenantId: string; connections: Connection[]; schedule: PollingSchedule; given: boolean } {
  const problems: FieldProblem[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidVerificationRequest([{ field: '(request)', problem: 'must be a JSON object with tenantId and connections' }]);
  }
  const raw = input as Record<string, unknown>;
  if (typeof raw.tenantId !== 'string' || raw.tenantId.length === 0) {
    problems.push({ field: 'tenantId', problem: 'is required: the id of an onboarded tenant' });
  }
  const connections: Connection[] = [];
  const given = raw.connections !== undefined || stored === undefined;
  if (!given) {
    connections.push(...selectStored(raw.connectionIds, stored ?? [], problems));
  } else if (raw.connectionIds !== undefined) {
    problems.push({ field: 'connectionIds', problem: 'selects stored connections; give either connections or connectionIds' });
  } else if (!Array.isArray(raw.connections) || raw.connections.length === 0) {
    problems.push({ field: 'connections', problem: 'must be a non-empty array of { connectionId, roleArn, externalId }' });
  } else if (raw.connections.length > MAX_CONNECTIONS_PER_RUN) {
    problems.push({
      field: 'connections',
      problem: `has ${raw.connections.length} entries; at most ${MAX_CONNECTIONS_PER_RUN} per verification run`,
    });
  } else {
    const seen = new Set<string>();
    raw.connections.forEach((entry, i) => {
      const { connection, problems: found } = validateConnectionShape(entry);
      problems.push(...found.map((p) => ({ field: `connections[${i}].${p.field}`, problem: p.problem })));
      if (!connection) return;
      if (seen.has(connection.connectionId)) {
        problems.push({ field: `connections[${i}].connectionId`, problem: `"${connection.connectionId}" appears more than once` });
      }
      seen.add(connection.connectionId);
      connections.push(connection);
    });
  }
  const schedule = validateSchedule(raw.schedule, problems);
  if (problems.length === 0) {
    // Every connection polls inside one execution: its worst case must fit Step Functions' history.
    const worst = connections.length * maxAttempts(schedule) * HISTORY_EVENTS_PER_ATTEMPT;
    if (worst > HISTORY_EVENT_BUDGET) {
      const fit = Math.floor(HISTORY_EVENT_BUDGET / (maxAttempts(schedule) * HISTORY_EVENTS_PER_ATTEMPT));
      problems.push({
        field: 'connections',
        problem:
          `${connections.length} connections polled until the deadline could need ${worst} history events, over the ` +
          `${HISTORY_EVENT_BUDGET} one execution may use; with this schedule verify at most ${fit} per run ` +
          `(or raise schedule.maxIntervalSeconds, or shorten schedule.deadlineSeconds)`,
      });
    }
  }
  if (problems.length > 0) throw new InvalidVerificationRequest(problems);
  return { tenantId: raw.tenantId as string, connections, schedule, given };
}

function selectStored(ids: unknown, stored: Connection[], problems: FieldProblem[]): Connection[] {
  if (stored.length === 0) {
    problems.push({
      field: 'connections',
      problem: 'none given, and none are stored for this tenant: give { connectionId, roleArn, externalId } for each',
    });
    return [];
  }
  if (ids === undefined) return stored;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) {
    problems.push({ field: 'connectionIds', problem: 'must be a non-empty array of connection ids' });
    return [];
  }
  const byId = new Map(stored.map((c) => [c.connectionId, c]));
  const selected: Connection[] = [];
  ids.forEach((id: string, i) => {
    const connection = byId.get(id);
    if (connection) selected.push(connection);
    else problems.push({ field: `connectionIds[${i}]`, problem: `no stored connection "${id}" (stored: ${[...byId.keys()].join(', ')})` });
  });
  return selected;
}

function validateSchedule(value: unknown, problems: FieldProblem[]): PollingSchedule {
  if (value === undefined || value === null) return DEFAULT_SCHEDULE;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ field: 'schedule', problem: 'must be an object { firstRetrySeconds, maxIntervalSeconds, deadlineSeconds }' });
    return DEFAULT_SCHEDULE;
  }
  const raw = value as Record<string, unknown>;
  const schedule = { ...DEFAULT_SCHEDULE };
  for (const key of Object.keys(raw)) {
    if (!(key in SCHEDULE_LIMITS)) {
      problems.push({ field: `schedule.${key}`, problem: `is not a schedule setting (allowed: ${Object.keys(SCHEDULE_LIMITS).join(', ')})` });
    }
  }
  for (const [key, limits] of Object.entries(SCHEDULE_LIMITS) as [keyof PollingSchedule, { min: number; max: number }][]) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < limits.min || v > limits.max) {
      problems.push({ field: `schedule.${key}`, problem: `must be a whole number of seconds from ${limits.min} to ${limits.max}` });
    } else {
      schedule[key] = v;
    }
  }
  if (schedule.maxIntervalSeconds < schedule.firstRetrySeconds) {
    problems.push({ field: 'schedule.maxIntervalSeconds', problem: 'must not be smaller than firstRetrySeconds' });
  }
  return schedule;
}

export function planVerification(
  input: unknown,
  tenant: StatusRecord | undefined,
  stored: Connection[] = [],
): VerificationPlan & { store: Connection[] } {
  const request = validateVerificationRequest(input, stored);
  if (!tenant || !tenant.roleArn) {
    throw new TenantNotOnboarded(
      tenant
        ? `Tenant ${request.tenantId} has no dataplane role yet (status ${tenant.status}: ${tenant.summary}); onboard it first`
        : `Tenant ${request.tenantId} is unknown: onboard it before verifying its connections`,
      { tenantId: request.tenantId, status: tenant?.status },
    );
  }
  return {
    tenantId: request.tenantId,
    dataplaneRoleArn: tenant.roleArn,
    roleChangedAt: tenant.roleChangedAt ?? null,
    schedule: request.schedule,
    connections: request.connections.map(plannedConnection),
    // Connections given with the request are kept for support re-runs (External IDs included: the
    // table is encrypted, and nothing that reads statuses returns them).
    store: request.given ? request.connections : [],
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
    attempts: attempt.attempt,
    lastAttemptAt: attempt.attemptedAt,
    execution: record.execution,
  };
  if (attempt.outcome === 'VERIFIED') {
    return {
      status: {
        ...base,
        state: 'VERIFIED',
        summary: `Verified: the dataplane role can assume ${connection.roleArn} with the External ID, and cannot without it`,
        verifiedAt: attempt.attemptedAt,
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
      },
      progress: { ...next.progress, waitSeconds: 0, continue: false, state: 'ACTION_REQUIRED' },
    };
  }
  return {
    status: {
      ...base,
      state: 'VERIFYING',
      summary: `Not verified yet (${diagnosis.code}); next attempt in ${formatDuration(next.waitSeconds)}: ${diagnosis.summary}`,
      diagnosis,
      nextAttemptAt: new Date(now.getTime() + next.waitSeconds * 1000).toISOString(),
    },
    progress: { ...next.progress, waitSeconds: next.waitSeconds, continue: true, state: 'VERIFYING' },
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
  const summary =
    state === 'VERIFIED'
      ? `All ${verified.length} connection(s) of ${tenantId} verified`
      : state === 'ACTION_REQUIRED'
        ? `Action required on ${actionRequired.join(', ')}; verified: ${verified.length ? verified.join(', ') : 'none'}`
        : `Still verifying ${verifying.join(', ')}`;
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

