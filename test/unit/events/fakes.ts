// What the event starter's tests add to the fakes of test/support/fakes.ts: a log that keeps every
// line, and a tenant onboarded by a real execution.
import type { StatusRecord } from '../../../lib/domain/status';
import type { EventLog } from '../../../lib/events/handle-event';

export class CapturingLog implements EventLog {
  readonly lines: { level: 'info' | 'warn'; message: string; attributes: Record<string, unknown> }[] = [];

  info(message: string, attributes: Record<string, unknown>): void {
    this.lines.push({ level: 'info', message, attributes });
  }

  warn(message: string, attributes: Record<string, unknown>): void {
    this.lines.push({ level: 'warn', message, attributes });
  }

  text(): string {
    return JSON.stringify(this.lines);
  }
}

/** A tenant onboarded by a real execution. */
export function onboardedTenant(tenantId: string): StatusRecord {
  return {
    tenantId,
    status: 'ROLE_READY',
    summary: `Dataplane role arn:aws:iam::111111111111:role/${tenantId}-dataplane-role created`,
    execution: { id: `arn:aws:states:eu-west-1:111111111111:execution:onboarding:${tenantId}-1`, startTime: '2026-11-23T09:00:00.000Z' },
    roleArn: `arn:aws:iam::111111111111:role/${tenantId}-dataplane-role`,
    roleChangedAt: '2026-11-23T09:00:05.000Z',
    createdAt: '2026-11-23T09:00:01.000Z',
    updatedAt: '2026-11-23T09:00:10.000Z',
  };
}
