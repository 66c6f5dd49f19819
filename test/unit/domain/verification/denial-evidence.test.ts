// CloudTrail evidence for a denial: only calls of this tenant's dataplane role, over the last 24 hours,
// the Spark dataplane's own denials first, at most five records, and the verifier's calls told apart.
import { type Diagnosis } from '../../../../lib/domain/diagnosis';
import { MAX_EVIDENCE_RECORDS, withCloudTrailEvidence } from '../../../../lib/domain/verification/denial-evidence';
import type { AssumeRoleEvents, CloudTrailRecord } from '../../../../lib/ports';

const VENDOR = '111111111111';
const DATAPLANE_ROLE = `arn:aws:iam::${VENDOR}:role/acme-dataplane-role`;
const TARGET_ROLE = 'arn:aws:iam::222222222222:role/DataQualityReader';
const NOW = new Date('2026-11-23T12:00:00.000Z');
const base: Diagnosis = { code: 'TRUST_POLICY_DENIED', side: 'customer', summary: 'denied', fix: 'fix it', evidence: [{ source: 'sts', summary: 'from STS' }] };

function denial(id: string, session: string, issuer = DATAPLANE_ROLE, errorCode: string | null = 'AccessDenied'): CloudTrailRecord {
  return {
    eventId: id,
    eventTime: '2026-11-23T11:00:00Z',
    eventName: 'AssumeRole',
    record: {
      eventID: id,
      eventTime: '2026-11-23T11:00:00Z',
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRole',
      ...(errorCode ? { errorCode, errorMessage: 'not authorized' } : {}),
      recipientAccountId: VENDOR,
      userIdentity: { type: 'AssumedRole', arn: `arn:aws:sts::${VENDOR}:assumed-role/x/${session}`, sessionContext: { sessionIssuer: { arn: issuer } } },
      requestParameters: { roleArn: TARGET_ROLE, roleSessionName: session },
    },
  };
}

class RecordedEvents implements AssumeRoleEvents {
  asked: { roleArn: string; window: { start: Date; end: Date; maxEvents?: number } }[] = [];
  constructor(private readonly records: CloudTrailRecord[]) {}
  async lookup(roleArn: string, window: { start: Date; end: Date; maxEvents?: number }) {
    this.asked.push({ roleArn, window });
    return this.records;
  }
}

const lookup = (events: AssumeRoleEvents) => ({ events, targetRoleArn: TARGET_ROLE, dataplaneRoleArn: DATAPLANE_ROLE, now: NOW });

describe('withCloudTrailEvidence', () => {
  it('looks up the target role over the last 24 hours, up to 100 events', async () => {
    const events = new RecordedEvents([]);
    await withCloudTrailEvidence(base, lookup(events));
    expect(events.asked).toEqual([
      { roleArn: TARGET_ROLE, window: { start: new Date('2026-11-22T12:00:00.000Z'), end: NOW, maxEvents: 100 } },
    ]);
  });

  it('with no denial of our dataplane role, the diagnosis is unchanged', async () => {
    const events = new RecordedEvents([
      denial('other-tenant', 'spark', `arn:aws:iam::${VENDOR}:role/globex-dataplane-role`),
      denial('success', 'spark', DATAPLANE_ROLE, null),
      { eventId: 'x', eventTime: '', eventName: 'AssumeRole', record: { userIdentity: { sessionContext: { sessionIssuer: { arn: 42 } } } } },
      { eventId: 'y', eventTime: '', eventName: 'AssumeRole', record: {} },
      { eventId: 'z', eventTime: '', eventName: 'AssumeRole', record: { userIdentity: {} } },
      { eventId: 'w', eventTime: '', eventName: 'AssumeRole', record: { userIdentity: { sessionContext: {} } } },
    ]);
    expect(await withCloudTrailEvidence(base, lookup(events))).toBe(base);
  });

  it("adds an overview and the records, the Spark dataplane's first, at most five", async () => {
    // Prepare: newest first, as CloudTrail returns them.
    const events = new RecordedEvents([
      denial('v1', 'verify-acme-s3-3'),
      denial('d1', 'spark-1'),
      denial('v2', 'verify-acme-s3-2'),
      denial('d2', 'spark-2'),
      denial('d3', 'spark-3'),
      denial('d4', 'spark-4'),
      denial('v3', 'verify-acme-s3-1'),
      denial('o1', 'spark-9', `arn:aws:iam::${VENDOR}:role/globex-dataplane-role`),
    ]);

    // Act
    const d = await withCloudTrailEvidence(base, lookup(events));

    // Assess
    expect(d).toMatchObject({ code: 'TRUST_POLICY_DENIED', summary: 'denied', fix: 'fix it' });
    expect(d.evidence[0]).toEqual(base.evidence[0]);
    expect(d.evidence[1]).toEqual({
      source: 'cloudtrail',
      summary: `Our CloudTrail shows 7 denied call(s) of ${DATAPLANE_ROLE} on ${TARGET_ROLE} in the last 24 h (4 by the Spark dataplane, 3 by verification)`,
    });
    expect(d.evidence.slice(2).map((e) => [e.eventId, e.origin])).toEqual([
      ['d1', 'dataplane'],
      ['d2', 'dataplane'],
      ['d3', 'dataplane'],
      ['v1', 'verifier'],
      ['v2', 'verifier'],
    ]);
    expect(d.evidence.slice(2)).toHaveLength(MAX_EVIDENCE_RECORDS);
  });

  it("only the verifier's calls: all of them up to five", async () => {
    const events = new RecordedEvents(['1', '2', '3', '4', '5', '6'].map((n) => denial(`v${n}`, `verify-acme-s3-${n}`)));
    const d = await withCloudTrailEvidence(base, lookup(events));
    expect(d.evidence[1]!.summary).toContain('(0 by the Spark dataplane, 6 by verification)');
    expect(d.evidence.slice(2).map((e) => e.eventId)).toEqual(['v1', 'v2', 'v3', 'v4', 'v5']);
  });
});
