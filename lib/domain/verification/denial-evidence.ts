// Cross-account, STS says only "not authorized"; the customer's account logs nothing. Our own
// account's CloudTrail holds the record of every denied AssumeRole — the verifier's and the real Spark
// dataplane's — and that is what support needs when a customer's "Test Connection" fails.
import { cloudTrailEvidence, Diagnosis, Evidence } from '../diagnosis';
import { VERIFIER_SESSION_PREFIX } from './verification';
import type { AssumeRoleEvents } from '../../ports';

/** CloudTrail delivers events minutes late: a lookup covers earlier attempts, never the one just made. */
export const EVIDENCE_WINDOW_HOURS = 24;
export const MAX_EVIDENCE_RECORDS = 5;

export interface EvidenceLookup {
  events: AssumeRoleEvents;
  targetRoleArn: string;
  dataplaneRoleArn: string;
  now: Date;
}

export async function withCloudTrailEvidence(diagnosis: Diagnosis, lookup: EvidenceLookup): Promise<Diagnosis> {
  const records = await lookup.events.lookup(lookup.targetRoleArn, {
    start: new Date(lookup.now.getTime() - EVIDENCE_WINDOW_HOURS * 3600 * 1000),
    end: lookup.now,
    maxEvents: 100,
  });
  const denials: Evidence[] = [];
  for (const { record } of records) {
    if (issuerArn(record) !== lookup.dataplaneRoleArn) continue; // another tenant's or someone else's call
    const evidence = cloudTrailEvidence(record, VERIFIER_SESSION_PREFIX);
    if (evidence) denials.push(evidence);
  }
  if (denials.length === 0) return diagnosis;
  const fromDataplane = denials.filter((e) => e.origin === 'dataplane').length;
  const overview: Evidence = {
    source: 'cloudtrail',
    summary:
      `Our CloudTrail shows ${denials.length} denied call(s) of ${lookup.dataplaneRoleArn} on ${lookup.targetRoleArn} ` +
      `in the last ${EVIDENCE_WINDOW_HOURS} h (${fromDataplane} by the Spark dataplane, ${denials.length - fromDataplane} by verification)`,
  };
  // The Spark dataplane's own denials are what support needs most (they are the customer's failing
  // "Test Connection"); ours only repeat what the STS error already said. Newest first within each.
  const chosen = [
    ...denials.filter((e) => e.origin === 'dataplane').slice(0, MAX_EVIDENCE_RECORDS - 2),
    ...denials.filter((e) => e.origin !== 'dataplane'),
  ].slice(0, MAX_EVIDENCE_RECORDS);
  return { ...diagnosis, evidence: [...diagnosis.evidence, overview, ...chosen] };
}

/** Whatever the record holds there: only our dataplane role's ARN, a string, is ever looked for. */
function issuerArn(record: Record<string, unknown>): unknown {
  const identity = record.userIdentity as { sessionContext?: { sessionIssuer?: { arn?: unknown } } } | undefined;
  return identity?.sessionContext?.sessionIssuer?.arn;
}
