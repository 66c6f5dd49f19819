// What the status API returns for a tenant, for one connection and for a list of them, in the shapes of
// ./response-schemas.ts (the types are inferred from them). Every field is copied by name from
// the status record rather than spread: whatever else a record may carry now or later (a stored
// connection's External ID, internal bookkeeping) can never reach a caller by accident.
import type * as z from 'zod';
import { type Diagnosis, type Evidence } from '../domain/diagnosis';
import type { ConnectionState, ConnectionStatus, ExecutionRef, StatusError, StatusRecord, VerificationSummary } from '../domain/status';
import type {
  connectionListSchema,
  connectionViewSchema,
  diagnosisViewSchema,
  evidenceViewSchema,
  executionViewSchema,
  statusErrorSchema,
  tenantStatusViewSchema,
  verificationViewSchema,
} from './response-schemas';
import { isDetailType } from '../schemas/detail-types';

export type ExecutionView = z.output<typeof executionViewSchema>;
export type EvidenceView = z.output<typeof evidenceViewSchema>;
export type DiagnosisView = z.output<typeof diagnosisViewSchema>;
export type ConnectionView = z.output<typeof connectionViewSchema>;
export type VerificationView = z.output<typeof verificationViewSchema>;
export type StatusErrorView = z.output<typeof statusErrorSchema>;
export type TenantStatusView = z.output<typeof tenantStatusViewSchema>;
export type ConnectionListView = z.output<typeof connectionListSchema>;

const EXECUTION_ARN = /^arn:(aws[a-z-]*):states:([a-z0-9-]+):\d{12}:execution:[^:]+:[^:]+$/;

/** The console's domain differs by partition. */
function consoleHost(partition: string, region: string): string | undefined {
  if (partition === 'aws') return `${region}.console.aws.amazon.com`;
  if (partition === 'aws-us-gov') return `console.amazonaws-us-gov.com`;
  if (partition === 'aws-cn') return `console.amazonaws.cn`;
  return undefined;
}

/**
 * The execution's page in the Step Functions console, in the region its ARN names: a record written by
 * a stack elsewhere links to that region, and the CLI, which may not know the API's region, links the
 * same way as the API.
 */
export function executionConsoleUrl(executionArn: string): string | undefined {
  const match = EXECUTION_ARN.exec(executionArn);
  if (!match) return undefined;
  const region = match[2]!;
  const host = consoleHost(match[1]!, region);
  if (!host) return undefined;
  return `https://${host}/states/home?region=${region}#/v2/executions/details/${executionArn}`;
}

/** Leaves out undefined values, so absent fields are absent from the JSON rather than null. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function nonEmpty<T extends object>(value: T): T | undefined {
  const kept = compact(value);
  return Object.keys(kept).length > 0 ? kept : undefined;
}

export function executionView(execution: ExecutionRef): ExecutionView {
  return compact({ id: execution.id, startTime: execution.startTime, consoleUrl: executionConsoleUrl(execution.id) });
}

function evidenceView(e: Evidence): EvidenceView {
  return compact({
    source: e.source,
    summary: e.summary,
    at: e.at,
    eventId: e.eventId,
    principalArn: e.principalArn,
    sessionName: e.sessionName,
    errorCode: e.errorCode,
    errorMessage: e.errorMessage,
    origin: e.origin,
  });
}

export function diagnosisView(d: Diagnosis): DiagnosisView {
  return compact({
    code: d.code,
    side: d.side,
    summary: d.summary,
    fix: d.fix,
    evidence: (d.evidence ?? []).map(evidenceView),
    policyType: d.policyType,
    rawMessage: d.rawMessage,
    missingPermission: d.missingPermission,
  });
}

export function connectionView(c: ConnectionStatus): ConnectionView {
  return compact({
    connectionId: c.connectionId,
    roleArn: c.roleArn,
    externalId: { length: c.externalId.length, fingerprint: c.externalId.fingerprint },
    resource: c.resource,
    state: c.state,
    summary: c.summary,
    attempts: c.attempts,
    lastAttemptAt: c.lastAttemptAt,
    nextAttemptAt: c.nextAttemptAt,
    verifiedAt: c.verifiedAt,
    updatedAt: c.updatedAt,
    diagnosis: c.diagnosis ? diagnosisView(c.diagnosis) : undefined,
    warnings: c.warnings && c.warnings.length > 0 ? c.warnings.map(diagnosisView) : undefined,
    probes: c.probes?.map((p) => compact({ probe: p.probe, action: p.action, resource: p.resource, outcome: p.outcome, note: p.note })),
    execution: executionView(c.execution),
  });
}

/** A page of GET /connections: each connection with its tenant. */
export function connectionListView(
  state: ConnectionState,
  connections: { tenantId: string; status: ConnectionStatus }[],
  nextToken: string | undefined,
): ConnectionListView {
  return compact({
    status: state,
    connections: connections.map((c) => ({ tenantId: c.tenantId, ...connectionView(c.status) })),
    nextToken,
  });
}

function verificationView(v: VerificationSummary): VerificationView {
  return compact({
    state: v.state,
    summary: v.summary,
    verified: [...v.verified],
    actionRequired: [...v.actionRequired],
    verifying: [...v.verifying],
    updatedAt: v.updatedAt,
    execution: executionView(v.execution),
  });
}

function errorView(e: StatusError): StatusErrorView {
  return compact({
    name: e.name,
    message: e.message,
    problems: e.problems?.map((p) => ({ field: p.field, problem: p.problem })),
  });
}

export function tenantStatusView(record: StatusRecord): TenantStatusView {
  return compact({
    tenantId: record.tenantId,
    status: record.status,
    summary: record.summary,
    dataplaneRole: nonEmpty({
      name: record.roleName,
      arn: record.roleArn,
      outcome: record.roleOutcome,
      changedAt: record.roleChangedAt,
    }),
    cluster: nonEmpty({
      name: record.clusterName,
      namespace: record.namespace,
      serviceAccount: record.serviceAccount,
      identity: record.identity,
      oidcIssuer: record.oidcIssuer,
      oidcProviderArn: record.oidcProviderArn,
      podIdentityAssociationId: record.podIdentityAssociationId,
    }),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    execution: executionView(record.execution),
    error: record.error ? errorView(record.error) : undefined,
    verification: record.verification ? verificationView(record.verification) : undefined,
    lastRejectedEvent: record.lastRejectedEvent
      ? {
          eventId: record.lastRejectedEvent.eventId,
          // Only events of our detail types name a tenant, so no other is ever noted.
          detailType: isDetailType(record.lastRejectedEvent.detailType) ? record.lastRejectedEvent.detailType : undefined,
          reason: record.lastRejectedEvent.reason,
          problems: record.lastRejectedEvent.problems.map((p) => ({ field: p.field, problem: p.problem })),
          rejectedAt: record.lastRejectedEvent.rejectedAt,
        }
      : undefined,
    connections: Object.values(record.connections ?? {})
      .sort((a, b) => (a.connectionId < b.connectionId ? -1 : a.connectionId > b.connectionId ? 1 : 0))
      .map((c) => connectionView(c)),
  });
}
