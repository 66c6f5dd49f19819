// @ts-nocheck
import { createHash } from 'node:crypto';
import type { WorkflowKind } from '../ports';

/**
 * Step Functions execution names: 1-80 characters, no whitespace, brackets, wildcards, control
 * characters or "#%\^|~`$&,;:/. The same tenant and event always give the same name, which makes a
 * redelivered event's StartExecution a no-op (ExecutionAlreadyExists), and the name still says what it
 * is when support reads the console.
 */
export function executionName(kind: WorkflowKind, tenantId: string, eventId: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_.@+=-]/g, '_');
  const digest = createHash('sha256').update(`${kind}\n${tenantId}\n${eventId}`).digest('hex').slice(0, 16);
  const prefix = kind === 'onboarding' ? 'onboard' : 'verify';
  const head = `${prefix}-${safe(tenantId)}-${safe(eventId)}`.slice(0, 80 - digest.length - 1);
  return `${head}-${digest}`;
}
