// What the status API returns for a tenant and for one connection. Every field is copied by name from
// the status record rather than spread: whatever else a record may carry now or later (a stored
// connection's External ID, internal bookkeeping) can never reach a caller by accident.
import { type Diagnosis, type Evidence } from '../domain/diagnosis';
import type { ConnectionStatus, ExecutionRef, StatusError, StatusRecord, VerificationSummary } from '../domain/status';

export interface ExecutionView {
  /** The Step Functions execution ARN (Step Functions' `$$.Execution.Id`). */
  id: string;
  startTime: string;
  /** The execution in the Step Functions console; absent when the id is not an execution ARN. */
  consoleUrl?: string;
}

export interface EvidenceView {
  source: Evidence['source'];
  summary: string;
  at?: string;
  eventId?: string;
  principalArn?: string;
  sessionName?: string;
  errorCode?: string;
  errorMessage?: string;
  origin?: Evidence['origin'];
}

export interface DiagnosisView {
  code: Diagnosis['code'];
  side: Diagnosis['side'];
  summary: string;
  fix: string;
  evidence: EvidenceView[];
  policyType?: string;
  rawMessage?: string;
}

export interface ConnectionView {
  connectionId: string;
  roleArn: string;
  /** Never the External ID: its length and the first 8 hex characters of its SHA-256. */
  externalId: { length: number; fingerprint: string };
  state: ConnectionStatus['state'];
  summary: string;
  attempts: number;
  lastAttemptAt?: string;
  nextAttemptAt?: string;
  verifiedAt?: string;
  updatedAt?: string;
  diagnosis?: DiagnosisView;
  execution: ExecutionView;
}

export interface VerificationView {
  state: VerificationSummary['state'];
  summary: string;
  verified: string[];
  actionRequired: string[];
  verifying: string[];
  updatedAt?: string;
  execution: ExecutionView;
}

export interface TenantStatusView {
  tenantId: string;
  status: StatusRecord['status'];
  summary: string;
  dataplaneRole?: { name?: string; arn?: string; outcome?: string; changedAt?: string };
  cluster?: { name?: string; namespace?: string; serviceAccount?: string; oidcIssuer?: string; oidcProviderArn?: string };
  createdAt: string;
  updatedAt: string;
  execution: ExecutionView;
  error?: StatusError;
  verification?: VerificationView;
  lastRejectedEvent?: {
    eventId?: string;
    detailType?: string;
    reason: string;
    problems: { field: string; problem: string }[];
    rejectedAt: string;
  };
  /** Sorted by connection id. */
  connections: ConnectionView[];
}

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
  });
}

export function connectionView(c: ConnectionStatus): ConnectionView {
  return compact({
    connectionId: c.connectionId,
    roleArn: c.roleArn,
    externalId: { length: c.externalId.length, fingerprint: c.externalId.fingerprint },
    state: c.state,
    summary: c.summary,
    attempts: c.attempts,
    lastAttemptAt: c.lastAttemptAt,
    nextAttemptAt: c.nextAttemptAt,
    verifiedAt: c.verifiedAt,
    updatedAt: c.updatedAt,
    diagnosis: c.diagnosis ? diagnosisView(c.diagnosis) : undefined,
    execution: executionView(c.execution),
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

function errorView(e: StatusError): StatusError {
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
      oidcIssuer: record.oidcIssuer,
      oidcProviderArn: record.oidcProviderArn,
    }),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    execution: executionView(record.execution),
    error: record.error ? errorView(record.error) : undefined,
    verification: record.verification ? verificationView(record.verification) : undefined,
    lastRejectedEvent: record.lastRejectedEvent
      ? {
          eventId: record.lastRejectedEvent.eventId,
          detailType: record.lastRejectedEvent.detailType,
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
