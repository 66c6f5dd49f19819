// @ts-nocheck
// What an event asks for: which state machine to start, with which input — or why it asks for
// nothing that can be started. The shape comes from schemas.ts; the content is judged by the very
// validation the state machines run first (Validate Request, Plan Verification), so that an event the
// state machine would reject starts nothing, and its sender learns every problem at once.
import { FieldProblem, InvalidOnboardingRequest, InvalidVerificationRequest } from '../errors';
import type { Connection } from '../domain/connection';
import { recordableTenantId, validateOnboardingRequest } from '../domain/onboarding-request';
import { validateVerificationRequest } from '../domain/verification-plan';
import type { WorkflowKind } from '../ports';
import {
  checkEventShape,
  DetailType,
  EVENT_SOURCE,
  isDetailType,
  TARGET_ROLE_CONFIGURED,
  TENANT_CREATED,
  TenantCreatedDetail,
} from './schemas';

/** The verification state machine's input for one configured target role. */
export interface VerificationInput {
  tenantId: string;
  connections: Connection[];
}

/** The onboarding state machine's input: the TenantCreated detail as the platform sent it. */
export type OnboardingInput = TenantCreatedDetail;

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
export type RejectionName = 'InvalidOnboardingRequest' | 'InvalidVerificationRequest' | 'TenantNotOnboarded' | 'InvalidEvent';

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

function isUnder(field: string, parent: string): boolean {
  return field.startsWith(`${parent}.`) || field.startsWith(`${parent}[`);
}

/**
 * Both checks report, once each: where they name the same field the state machine's own problem is
 * kept (it says what is allowed), and a content problem inside a field whose shape is already wrong
 * (a role in a targetRoles that is not an array) is left out as noise.
 */
function mergeProblems(shape: FieldProblem[], content: FieldProblem[]): FieldProblem[] {
  const contentFields = new Set(content.map((p) => p.field));
  const keptShape = shape.filter((p) => !contentFields.has(p.field));
  const keptContent = content.filter((p) => !shape.some((s) => isUnder(p.field, s.field)));
  return [...keptShape, ...keptContent];
}

function withoutPlaceholders(field: string): string {
  return field.replace(/\.?\((request|connection)\)$/, '');
}

/** Validate Request's problems, named by their place in the event. */
function onboardingProblems(detail: unknown): FieldProblem[] {
  try {
    validateOnboardingRequest(detail);
    return [];
  } catch (error) {
    if (!(error instanceof InvalidOnboardingRequest)) throw error;
    return error.problems.map((p) => ({ field: withoutPlaceholders(`detail.${p.field}`), problem: p.problem }));
  }
}

function verificationInputOf(detail: Record<string, unknown>): { tenantId: unknown; connections: unknown[] } {
  return {
    tenantId: detail.tenantId,
    connections: [{ connectionId: detail.connectionId, roleArn: detail.roleArn, externalId: detail.externalId }],
  };
}

/** Plan Verification's request checks, for the one connection a TargetRoleConfigured carries. */
function verificationProblems(detail: unknown): FieldProblem[] {
  const raw = asObject(detail);
  if (!raw) return [];
  try {
    validateVerificationRequest(verificationInputOf(raw));
    return [];
  } catch (error) {
    if (!(error instanceof InvalidVerificationRequest)) throw error;
    return error.problems.map((p) => ({
      field: withoutPlaceholders(`detail.${p.field.replace(/^connections(\[0\])?\.?/, '')}`).replace(/\.$/, ''),
      problem: p.problem,
    }));
  }
}

/** Reads an event as EventBridge delivered it: the execution to start, or every reason there is none. */
export function readEvent(event: unknown): EventReading {
  const raw = asObject(event) ?? {};
  const eventId = typeof raw.id === 'string' && raw.id.length > 0 ? raw.id : undefined;
  const detailType = typeof raw['detail-type'] === 'string' ? raw['detail-type'] : undefined;
  const shape = checkEventShape(event);
  const content =
    detailType === TENANT_CREATED
      ? onboardingProblems(raw.detail)
      : detailType === TARGET_ROLE_CONFIGURED
        ? verificationProblems(raw.detail)
        : [];

  if (!shape.ok || content.length > 0) {
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
        problems: mergeProblems(shape.ok ? [] : shape.problems, content),
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
  const { tenantId, connectionId, roleArn, externalId } = parsed.detail;
  return {
    ok: true,
    request: {
      kind: 'verification',
      eventId: parsed.id,
      time: parsed.time,
      detailType: TARGET_ROLE_CONFIGURED,
      tenantId,
      input: { tenantId, connections: [{ connectionId, roleArn, externalId }] },
    },
  };
}
