// What an event asks for: which state machine to start, with which input — or why it asks for
// nothing that can be started. Each event's schema holds the content rules of the validation the state
// machines run first (Validate Request, Plan Verification), so that an event the state machine would
// reject starts nothing, and its sender learns every problem at once.
import type { FieldProblem } from '../errors';
import { type Connection } from '../domain/verification/connection';
import { recordableTenantId } from '../domain/onboarding/onboarding-request';
import type { PlannedConnection } from '../domain/verification/verification-plan';
import type { WorkflowKind } from '../ports';
import { checkEventShape, DetailType, EVENT_SOURCE, isDetailType, TARGET_ROLE_CONFIGURED, TENANT_CREATED, TenantCreatedDetail } from './schemas';

/** The verification state machine's input for one configured target role. */
export interface VerificationInput {
  tenantId: string;
  connections: Connection[];
}

/**
 * The onboarding state machine's input: the TenantCreated detail as the platform sent it — until the
 * starter has stored its target roles, which then go on as references (External IDs as fingerprints).
 */
export type OnboardingInput = TenantCreatedDetail | (Omit<TenantCreatedDetail, 'targetRoles'> & { targetRoles: PlannedConnection[] });

/** What verification starts with once the connections are stored: ids only, no External IDs. */
export interface StoredVerificationInput {
  tenantId: string;
  connectionIds: string[];
}

export interface EventRequest {
  kind: WorkflowKind;
  eventId: string;
  /** When the platform emitted the event (EventBridge `time`): orders configurations of a connection. */
  time: string;
  detailType: DetailType;
  tenantId: string;
  input: OnboardingInput | VerificationInput | StoredVerificationInput;
}

/** The stable name of what was wrong, as a status record's error names it. */
export type RejectionName =
  | 'InvalidOnboardingRequest'
  | 'InvalidVerificationRequest'
  | 'TenantNotOnboarded'
  /** A TenantCreated that would re-point an onboarded tenant's role (another cluster, namespace or ServiceAccount). */
  | 'TenantAlreadyOnboarded'
  | 'InvalidEvent';

export interface RejectedEvent {
  eventId?: string;
  detailType?: string;
  /**
   * The tenant the complaint can be recorded for: only for an event that is ours (our source, one of our
   * detail-types) with a usable tenant id. Another sender's `tenantId` means nothing here.
   */
  tenantId?: string;
  name: RejectionName;
  problems: FieldProblem[];
}

export type EventReading = { ok: true; request: EventRequest } | { ok: false; rejected: RejectedEvent };

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Reads an event as EventBridge delivered it: the execution to start, or every reason there is none. */
export function readEvent(event: unknown, now: Date = new Date()): EventReading {
  const raw = asObject(event) ?? {};
  const eventId = typeof raw.id === 'string' && raw.id.length > 0 ? raw.id : undefined;
  const detailType = typeof raw['detail-type'] === 'string' ? raw['detail-type'] : undefined;
  const shape = checkEventShape(event, now);

  if (!shape.ok) {
    const ours = raw.source === EVENT_SOURCE && isDetailType(detailType);
    const name: RejectionName = !ours
      ? 'InvalidEvent'
      : detailType === TENANT_CREATED
        ? 'InvalidOnboardingRequest'
        : 'InvalidVerificationRequest';
    const tenantId = ours ? recordableTenantId(raw.detail) : undefined;
    return {
      ok: false,
      rejected: {
        ...(eventId !== undefined ? { eventId } : {}),
        ...(detailType !== undefined ? { detailType } : {}),
        ...(tenantId !== undefined ? { tenantId } : {}),
        name,
        problems: shape.problems,
      },
    };
  }

  const parsed = shape.event;
  if (parsed['detail-type'] === TENANT_CREATED) {
    return {
      ok: true,
      request: {
        kind: 'onboarding',
        eventId: parsed.id,
        time: parsed.time,
        detailType: TENANT_CREATED,
        tenantId: parsed.detail.tenantId,
        input: parsed.detail,
      },
    };
  }
  const { tenantId, connectionId, roleArn, externalId, resource } = parsed.detail;
  return {
    ok: true,
    request: {
      kind: 'verification',
      eventId: parsed.id,
      time: parsed.time,
      detailType: TARGET_ROLE_CONFIGURED,
      tenantId,
      input: { tenantId, connections: [{ connectionId, roleArn, externalId, ...(resource ? { resource } : {}) }] },
    },
  };
}
