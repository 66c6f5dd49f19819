// One permission probe as a status shows it (lib/domain/probes/run-probes.ts makes them).

export const PROBE_NAMES = ['workgroup', 'cluster', 'credentials', 'bucketRegion', 'list', 'read', 'write', 'delete'] as const;
export type ProbeName = (typeof PROBE_NAMES)[number];

/** One probe as it went: the IAM action it exercised, on which resource. */
export interface ProbeStep {
  probe: ProbeName;
  action: string;
  resource: string;
  outcome: 'passed' | 'failed' | 'skipped';
  /** Why a probe was skipped, or what it found. */
  note?: string;
}

