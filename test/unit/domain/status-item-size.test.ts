// DynamoDB refuses an item over 400 KB. The tenant's item holds its stored connections (External IDs
// included) and the ids of their statuses; each status, with its latest diagnosis and evidence, is an
// item of its own (lib/adapters/status-store.ts). Both must fit with the longest values the schemas let
// through: a status quotes the role ARN many times, and 50 of them at about 10 KB each once overflowed
// the tenant's item when it held them all.
import { connectionAfterAttempt, MAX_CONNECTIONS_PER_RUN, plannedConnection } from '../../../lib/domain/verification/verification-plan';
import { diagnoseStsError, DiagnosisContext, Evidence } from '../../../lib/domain/diagnosis';
import { externalIdFingerprint } from '../../../lib/external-id';
import { parseRoleArn, roleArnProblems } from '../../../lib/domain/role-arn';
import { DEFAULT_SCHEDULE } from '../../../lib/domain/verification/verification';

const DYNAMODB_ITEM_LIMIT = 400 * 1024;
const VENDOR = '111111111111';
const DATAPLANE = `arn:aws:iam::${VENDOR}:role/${'t'.repeat(49)}-dataplane-role`;

/** The longest role ARN IAM allows: a 512-character path and a 64-character name. */
function roleArn(i: number): string {
  return `arn:aws-iso-b:iam::222222222222:role/${'p'.repeat(510)}/${String(i).padStart(2, '0')}${'r'.repeat(62)}`;
}

describe('the status items of a tenant', () => {
  it(`${MAX_CONNECTIONS_PER_RUN} connections at their longest, each denied with full CloudTrail evidence: every item far under DynamoDB's 400 KB`, () => {
    // Prepare
    const execution = { id: `arn:aws:states:eu-west-1:${VENDOR}:execution:verification:${'v'.repeat(80)}`, startTime: '2026-11-23T12:00:00.000Z' };
    const configs: Record<string, unknown> = {};
    const statuses: Record<string, unknown> = {};
    for (let i = 0; i < MAX_CONNECTIONS_PER_RUN; i += 1) {
      const connection = { connectionId: `${String(i).padStart(2, '0')}${'c'.repeat(62)}`, roleArn: roleArn(i), externalId: 'x'.repeat(1224) };
      const ctx: DiagnosisContext = {
        tenantId: 't'.repeat(49),
        dataplaneRoleArn: DATAPLANE,
        targetRoleArn: connection.roleArn,
        vendorAccountId: VENDOR,
        externalId: externalIdFingerprint(connection.externalId),
      };
      const session = `arn:aws:sts::${VENDOR}:assumed-role/${'t'.repeat(49)}-dataplane-role/${'s'.repeat(64)}`;
      const message = `User: ${session} is not authorized to perform: sts:AssumeRole on resource: ${connection.roleArn}`;
      const diagnosis = diagnoseStsError({ name: 'AccessDenied', message }, ctx);
      const evidence: Evidence[] = Array.from({ length: 5 }, (_, k) => ({
        source: 'cloudtrail',
        summary: `AssumeRole on ${connection.roleArn} denied for ${session} at 2026-11-23T12:0${k}:00Z: AccessDenied`,
        at: '2026-11-23T12:00:00Z',
        eventId: '0'.repeat(36),
        principalArn: session,
        sessionName: 's'.repeat(64),
        errorCode: 'AccessDenied',
        errorMessage: message,
        origin: 'dataplane',
      }));
      const { status } = connectionAfterAttempt({
        tenantId: ctx.tenantId,
        schedule: DEFAULT_SCHEDULE,
        connection: plannedConnection(connection),
        attempt: { outcome: 'DENIED', attempt: 173, attemptedAt: execution.startTime, transient: false, sessionName: 's'.repeat(64), diagnosis: { ...diagnosis, evidence } },
        progress: { attempts: 172, denials: 172, elapsedSeconds: 600_000 },
        execution,
        now: new Date(execution.startTime),
      });
      configs[connection.connectionId] = { ...connection, configuredAt: execution.startTime, configuredBy: `event ${'e'.repeat(256)}` };
      statuses[connection.connectionId] = { ...status, updatedAt: execution.startTime };
    }
    const tenantItem = { tenantId: 't'.repeat(49), connectionConfigs: configs, connectionIds: Object.keys(configs), summary: 's'.repeat(2000) };
    const bytes = (item: unknown) => Buffer.byteLength(JSON.stringify(item), 'utf8');

    // Act: each item as JSON, which counts every attribute name and value plus quotes and separators
    // that DynamoDB does not count, so it overestimates the item's size.
    const tenant = bytes(tenantItem);
    const largestStatus = Math.max(...Object.values(statuses).map(bytes));
    const allStatuses = bytes(statuses);

    // Assess
    expect(roleArnProblems(roleArn(0))).toEqual([]);
    expect(parseRoleArn(roleArn(0))?.roleName).toHaveLength(64);
    expect(allStatuses).toBeGreaterThan(DYNAMODB_ITEM_LIMIT); // what one item could not hold
    expect(tenant).toBeLessThan(DYNAMODB_ITEM_LIMIT / 2);
    expect(largestStatus).toBeLessThan(DYNAMODB_ITEM_LIMIT / 10);
  });
});
