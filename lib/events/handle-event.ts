// Automatic onboarding: a TenantCreated event starts the onboarding state machine, a
// TargetRoleConfigured event starts verification of that one target role. The Lambda handler
// (functions/events/start-from-event.ts) only wires the adapters; everything it decides is here.
//
// Two rules shape it. A redelivered event must never start a second execution: the execution name
// comes from the tenant and the event id, so StartExecution of a redelivery is ExecutionAlreadyExists,
// which is success. And an invalid event must neither be retried nor lost: it starts nothing, a copy
// without External IDs is sent to the dead-letter queue with the reason, and this returns normally —
// only a failure that a later attempt can get past (throttling, an outage, a missing configuration) is
// thrown, so that Lambda's retries and the function's failure destination apply to it.
//
// No External ID goes into an execution: the connections an event configures are stored first, ordered
// per connection by the event's time, then its id, and the execution carries references to them.
import { type Connection } from '../domain/verification/connection';
import { targetRolesInClear } from '../domain/onboarding/onboarding-request';
import { storeConnectionsFirst } from '../domain/verification/stored-connections';
import type { FieldProblem } from '../errors';
import { DomainError, TenantNotOnboarded } from '../errors';
import { executionName } from '../domain/execution-names';
import type { StatusRecord, StatusUpdate } from '../domain/status';
import { onboardedTenant } from '../domain/verification/verification-plan';
import type { DeadLetters, StatusStore, WorkflowKind, WorkflowStarter } from '../ports';
import { validateOnboardingRequest } from '../schemas/onboarding-request';
import { EventRequest, OnboardingInput, readEvent, RejectedEvent, RejectionName } from './event-request';
import { externalIdScrubber, externalIdsSeen, scrubbedEvent } from './external-ids';
import { capProblems } from './schemas';
import { repointingProblems } from './onboarded-tenant';

/** The subset of a structured logger the starter writes to (the functions' Powertools Logger fits). */
export interface EventLog {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
}

export interface EventHandlingDeps {
  starter: WorkflowStarter;
  deadLetters: DeadLetters;
  statusStore: Pick<StatusStore, 'get' | 'record' | 'noteRejectedEvent' | 'saveConnections'>;
  log?: EventLog;
  now?: () => Date;
}

export type EventOutcome =
  | { started: true; kind: WorkflowKind; tenantId: string; executionName: string; executionArn: string }
  | { started: false; reason: 'already started'; kind: WorkflowKind; tenantId: string; executionName: string; executionArn: string }
  | {
      started: false;
      /** Every connection the event configures has a newer configuration stored: there is nothing of its own to verify. */
      reason: 'superseded';
      kind: WorkflowKind;
      tenantId: string;
      superseded: string[];
    }
  | {
      started: false;
      reason: 'invalid event';
      name: RejectionName;
      problems: FieldProblem[];
      /** Always true when this returns: a failed send is thrown, so the event is retried rather than lost. */
      deadLettered: true;
      /** True when the complaint became the status of a tenant that had none. */
      statusRecorded: boolean;
      tenantId?: string;
    };

/**
 * A bad event's complaint is recorded as if by an execution that started at the epoch: the status
 * store never lets an older execution overwrite a newer one's status, so any real execution of the
 * tenant — even one already running whose first status write is still to come — replaces it, and it
 * can never hide the status a real execution wrote.
 */
export const COMPLAINT_START_TIME = '1970-01-01T00:00:00.000Z';

/** Problems are built short; these caps keep a note or a complaint small whatever a problem quotes. */
const FIELD_TEXT_MAX = 200;
const PROBLEM_TEXT_MAX = 600;

function cutText(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

const SILENT: EventLog = { info: () => undefined, warn: () => undefined };

/** Absent values are left out, so they never hide the keys the handler put on every line. */
function defined(attributes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined));
}

export async function handleEvent(event: unknown, deps: EventHandlingDeps): Promise<EventOutcome> {
  const log = deps.log ?? SILENT;
  const reading = readEvent(event, (deps.now ?? (() => new Date()))());
  if (!reading.ok) return reject(event, reading.rejected, undefined, deps, log);

  const { request } = reading;
  if (request.kind === 'verification') {
    // Plan Verification would fail with TenantNotOnboarded, and the connection it came to verify would
    // be lost with it (it is only stored by a plan that succeeds): keep the event instead.
    const known = await deps.statusStore.get(request.tenantId);
    try {
      // The event's schema has checked the connection; only the tenant is left to judge.
      onboardedTenant(request.tenantId, known);
    } catch (error) {
      if (!(error instanceof TenantNotOnboarded)) throw error;
      const rejected: RejectedEvent = {
        eventId: request.eventId,
        detailType: request.detailType,
        tenantId: request.tenantId,
        name: 'TenantNotOnboarded',
        problems: [{ field: 'detail.tenantId', problem: error.message }],
      };
      return reject(event, rejected, { record: known }, deps, log);
    }
    // Keep the connection with the tenant and start verification by its id: an execution's input is
    // visible in the Step Functions console and history, and must not hold the External ID.
    const { connections } = request.input as { connections: Connection[] };
    // Ordered by the event's time: a redelivered or replayed older event never replaces a newer configuration.
    const { superseded } = await storeConnectionsFirst(deps.statusStore, request.tenantId, connections, configuredBy(request));
    if (superseded.length === connections.length) {
      // Verifying now would verify the newer configuration under this event's name; its own event does that.
      log.info('Nothing started: a newer configuration of the connection is stored, from a later event', {
        eventId: request.eventId,
        detailType: request.detailType,
        tenantId: request.tenantId,
        time: request.time,
        superseded,
      });
      return { started: false, reason: 'superseded', kind: request.kind, tenantId: request.tenantId, superseded };
    }
    return start(event, { ...request, input: { tenantId: request.tenantId, connectionIds: connections.map((c) => c.connectionId) } }, deps, log);
  }
  const detail = request.input as OnboardingInput;
  const known = await deps.statusStore.get(request.tenantId);
  const repointing = repointingProblems(known, validateOnboardingRequest(detail));
  if (repointing.length > 0) {
    const rejected: RejectedEvent = {
      eventId: request.eventId,
      detailType: request.detailType,
      tenantId: request.tenantId,
      name: 'TenantAlreadyOnboarded',
      problems: repointing,
    };
    return reject(event, rejected, { record: known }, deps, log);
  }
  // The same for target roles given with the tenant: stored first (before the tenant has a status, if
  // need be), and onboarding starts with references, which Verify Target Roles passes on by id. One a
  // later event has configured since is left to that event's verification: it is not verified again.
  const inClear = targetRolesInClear(detail);
  if (inClear.length === 0) return start(event, request, deps, log);
  const { references, superseded } = await storeConnectionsFirst(deps.statusStore, request.tenantId, inClear, configuredBy(request));
  const current = references.filter((r) => !superseded.includes(r.connectionId));
  const { targetRoles: _given, schedule, ...rest } = detail;
  const input = current.length > 0 ? { ...rest, targetRoles: current, ...(schedule ? { schedule } : {}) } : rest;
  return start(event, { ...request, input }, deps, log);
}

function configuredBy(request: EventRequest) {
  return { at: request.time, by: request.eventId };
}

async function start(event: unknown, request: EventRequest, deps: EventHandlingDeps, log: EventLog): Promise<EventOutcome> {
  const name = executionName(request.kind, request.tenantId, request.eventId);
  const attributes = {
    eventId: request.eventId,
    detailType: request.detailType,
    tenantId: request.tenantId,
    workflow: request.kind,
    executionName: name,
    externalIds: externalIdsSeen(event),
  };
  const started = await deps.starter.start(request.kind, name, request.input);
  if (started.alreadyStarted) {
    log.info('Event already handled: its execution exists, nothing new was started', { ...attributes, executionArn: started.executionArn });
    return {
      started: false,
      reason: 'already started',
      kind: request.kind,
      tenantId: request.tenantId,
      executionName: name,
      executionArn: started.executionArn,
    };
  }
  log.info(`Started the ${request.kind} state machine`, { ...attributes, executionArn: started.executionArn });
  return { started: true, kind: request.kind, tenantId: request.tenantId, executionName: name, executionArn: started.executionArn };
}

async function reject(
  event: unknown,
  rejected: RejectedEvent,
  looked: { record: StatusRecord | undefined } | undefined,
  deps: EventHandlingDeps,
  log: EventLog,
): Promise<Extract<EventOutcome, { reason: 'invalid event' }>> {
  const scrub = externalIdScrubber(event);
  // Scrubbed first, then cut: a cut could leave part of an External ID that the scrubber no longer finds.
  const problems = capProblems(rejected.problems).map((p) => ({
    field: cutText(scrub(p.field), FIELD_TEXT_MAX),
    problem: cutText(scrub(p.problem), PROBLEM_TEXT_MAX),
  }));
  const what = rejected.detailType && rejected.name !== 'InvalidEvent' ? `${rejected.detailType} event` : 'event';
  const reason = scrub(
    `Invalid ${what}${rejected.eventId ? ` ${rejected.eventId}` : ''}: ${problems.map((p) => `${p.field}: ${p.problem}`).join('; ')}`,
  );
  const attributes = defined({
    eventId: rejected.eventId,
    detailType: rejected.detailType,
    tenantId: rejected.tenantId,
    errorName: rejected.name,
    problems,
    externalIds: externalIdsSeen(event),
  });
  log.warn('Event rejected: nothing was started; it goes to the dead-letter queue', attributes);

  // The status first, the dead-letter queue last, so that the event is dead-lettered once: a status
  // write that fails on something transient is thrown before anything is sent, and Lambda's retry
  // repeats it harmlessly (the note and the complaint are idempotent). One the table rejects for good
  // is logged and skipped — bad input never throws. A failed send is thrown, so the event is retried
  // (and in the end kept in the failed-events queue) rather than lost.
  let statusRecorded = false;
  if (rejected.tenantId !== undefined) {
    try {
      statusRecorded = await recordRejection({ ...rejected, tenantId: rejected.tenantId }, reason, problems, looked, deps, log, attributes);
    } catch (error) {
      if (!(error instanceof DomainError) || error.transient) throw error;
      log.warn("The rejected event could not be recorded in the tenant's status; it is in the dead-letter queue", {
        ...attributes,
        error: { name: error.name, message: error.message },
      });
    }
  }
  // A copy without External IDs: the queue keeps messages for days, and operators read them.
  await deps.deadLetters.send(scrubbedEvent(event), reason);

  return {
    started: false,
    reason: 'invalid event',
    name: rejected.name,
    problems,
    deadLettered: true,
    statusRecorded,
    ...(rejected.tenantId !== undefined ? { tenantId: rejected.tenantId } : {}),
  };
}

async function recordRejection(
  rejected: RejectedEvent & { tenantId: string },
  reason: string,
  problems: FieldProblem[],
  looked: { record: StatusRecord | undefined } | undefined,
  deps: EventHandlingDeps,
  log: EventLog,
  attributes: Record<string, unknown>,
): Promise<boolean> {
  const existing = looked ? looked.record : await deps.statusStore.get(rejected.tenantId);
  if (!existing) return (await deps.statusStore.record(complaint(rejected, reason, problems))).applied;
  // A real tenant's status says what its executions did; a bad event must not replace that. The
  // record gets a note of the rejected event beside it, and the event is in the dead-letter queue.
  const { applied } = await deps.statusStore.noteRejectedEvent(rejected.tenantId, {
    ...(rejected.eventId ? { eventId: rejected.eventId } : {}),
    ...(rejected.detailType ? { detailType: rejected.detailType } : {}),
    reason,
    problems,
    rejectedAt: (deps.now ?? (() => new Date()))().toISOString(),
  });
  log.info('The tenant already has a status; it is left unchanged, with a note of the rejected event', { ...attributes, status: existing.status });
  return applied;
}

function complaint(rejected: RejectedEvent, reason: string, problems: FieldProblem[]): StatusUpdate {
  const nothing = rejected.detailType === 'TargetRoleConfigured' ? 'nothing was verified' : 'nothing was created';
  return {
    tenantId: rejected.tenantId as string,
    status: 'INVALID_REQUEST',
    summary: `The ${rejected.detailType} event ${rejected.eventId ?? '(no id)'} was rejected and ${nothing}: ${problems
      .map((p) => `${p.field}: ${p.problem}`)
      .join('; ')}`,
    execution: { id: `event:${rejected.eventId ?? 'unknown'}`, startTime: COMPLAINT_START_TIME },
    error: { name: rejected.name, message: reason, problems },
  };
}
