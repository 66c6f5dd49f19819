// A diagnosis as text, for a support engineer to read and paste to the customer.
import { DIAGNOSIS_CODES, type Diagnosis, type Evidence } from './codes';
import { SIDE_ACTOR } from './context';

function evidenceLine(e: Evidence): string {
  const tags = [e.source, e.at, e.eventId ? `event ${e.eventId}` : undefined, e.origin].filter(Boolean).join(', ');
  return `  - [${tags}] ${e.summary}`;
}

/** Multi-line text for the CLI and for support to paste. */
export function formatDiagnosis(d: Diagnosis): string {
  const lines = [
    `${d.code}: ${DIAGNOSIS_CODES[d.code].title}`,
    `Who acts: ${SIDE_ACTOR[d.side]} (${d.side})`,
    `What happened: ${d.summary}`,
    `Fix: ${d.fix}`,
  ];
  if (d.policyType) lines.push(`Policy type: ${d.policyType}`);
  if (d.rawMessage) lines.push(`AWS message: ${d.rawMessage}`);
  if (d.evidence.length > 0) {
    lines.push('Evidence:');
    lines.push(...d.evidence.map(evidenceLine));
  }
  return lines.join('\n');
}
