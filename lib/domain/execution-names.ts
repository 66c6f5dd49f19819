import { createHash } from 'node:crypto';
import type { StateMachineKind, WorkflowKind } from '../ports';

const safe = (s: string) => s.replace(/[^A-Za-z0-9_.@+=-]/g, '_');
const PREFIXES: Record<StateMachineKind, string> = { onboarding: 'onboard', verification: 'verify', 'connection-verification': 'poll' };

/**
 * Step Functions execution names: 1-80 characters, no whitespace, brackets, wildcards, control
 * characters or "#%\^|~`$&,;:/. The same tenant and event always give the same name, which makes a
 * redelivered event's StartExecution a no-op (ExecutionAlreadyExists), and the name still says what it
 * is when support reads the console.
 */
export function executionName(kind: WorkflowKind, tenantId: string, eventId: string): string {
  const digest = createHash('sha256').update(`${kind}\n${tenantId}\n${eventId}`).digest('hex').slice(0, 16);
  const head = `${executionNamePrefix(kind, tenantId)}${safe(eventId)}`.slice(0, 80 - digest.length - 1);
  return `${head}-${digest}`;
}

/**
 * What every execution name of this tenant starts with. Not only this tenant's: "acme" is a prefix of
 * "acme-eu", so a listing by prefix still checks each execution's input.
 */
export function executionNamePrefix(kind: StateMachineKind, tenantId: string): string {
  return `${PREFIXES[kind]}-${safe(tenantId)}-`;
}

/**
 * The name of the execution that verifies one connection for one verification run,
 * "poll-<tenant>-<connection>-<digest>": the same tenant,
 * connection and run always give the same name, so a redriven run finds the execution it started
 * instead of starting a second loop on the connection. The digest keeps two runs (or two long ids cut
 * to fit 80 characters) apart.
 */
export function connectionExecutionName(tenantId: string, connectionId: string, runExecutionId: string): string {
  const kind: StateMachineKind = 'connection-verification';
  const digest = createHash('sha256').update(`${kind}\n${tenantId}\n${connectionId}\n${runExecutionId}`).digest('hex').slice(0, 16);
  const head = `${executionNamePrefix(kind, tenantId)}${safe(connectionId)}`.slice(0, 80 - digest.length - 1);
  return `${head}-${digest}`;
}
