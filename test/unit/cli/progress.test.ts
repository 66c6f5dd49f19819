// What a person watching a verification sees: each distinct diagnosis once, a repeat as one line, and
// a line every few seconds while a long local run polls.
import type { EventLog } from '../../../lib/local/local-state-machine';
import type { EventSource } from '../../../lib/local/local-environment';
import { formatDuration, progressPrinter, statusTicker, verificationTicker } from '../../../lib/cli/progress';
import type { ConnectionStatus, StatusRecord } from '../../../lib/domain/status';

const DENIED = {
  code: 'TRUST_POLICY_DENIED',
  side: 'customer',
  summary: 'AWS denied our dataplane role.',
  fix: 'The customer checks the trust policy of qualytics-athena.',
};
const PENDING = { code: 'PROPAGATION_PENDING', side: 'transient', summary: 'Denied within the IAM propagation window.', fix: 'Nothing yet.' };

/** A connection's polling execution, where every Record Attempt comes from. */
const POLLING: EventSource = { kind: 'connection-verification', name: 'poll-acme-x-0123456789abcdef' };

/** The Record Attempt exit of one polling loop, as the local runner emits it. */
function recorded(connectionId: string, attempt: number, diagnosis: object | undefined, next: { continue: boolean; waitSeconds?: number; state?: string }, calls = attempt): EventLog {
  return {
    type: 'StateExited',
    timestamp: 0,
    state: {
      name: 'Record Attempt',
      type: 'Task',
      input: {},
      output: {
        connection: { connectionId },
        attempt: {
          attempt,
          outcome: diagnosis ? 'DENIED' : 'VERIFIED',
          ...(diagnosis
            ? { diagnosis: { ...diagnosis, evidence: [{ source: 'cloudtrail', summary: `Our CloudTrail shows ${calls} denied call(s)` }] } }
            : {}),
        },
        progress: next,
      },
    },
  } as unknown as EventLog;
}

describe('progressPrinter', () => {
  it('prints each distinct diagnosis of a connection once; a later identical one is one line naming the first', () => {
    // Prepare
    const lines: string[] = [];
    const print = progressPrinter((line) => lines.push(...line.split('\n')));

    // Act: denied, pending, denied again (not consecutive), then denied until polling stops.
    print(recorded('acme-athena', 1, DENIED, { continue: true, waitSeconds: 60 }), POLLING);
    print(recorded('acme-athena', 2, PENDING, { continue: true, waitSeconds: 120 }), POLLING);
    print(recorded('acme-athena', 3, DENIED, { continue: true, waitSeconds: 240 }), POLLING);
    print(recorded('acme-athena', 4, DENIED, { continue: false, state: 'ACTION_REQUIRED' }), POLLING);

    // Assess
    expect(lines.filter((l) => l.includes(DENIED.fix))).toHaveLength(1);
    expect(lines.filter((l) => l.includes(DENIED.summary))).toHaveLength(1);
    expect(lines).toContain('    [acme-athena] attempt 3: same as attempt 1 — next attempt in 240 s');
    expect(lines).toContain('    [acme-athena] attempt 4: same as attempt 1 — polling stops: ACTION_REQUIRED');
    expect(lines.filter((l) => l.includes(PENDING.summary))).toHaveLength(1);
  });

  it('keeps each connection\'s diagnoses apart: the same diagnosis on another connection is printed in full', () => {
    const lines: string[] = [];
    const print = progressPrinter((line) => lines.push(...line.split('\n')));

    print(recorded('acme-athena', 1, DENIED, { continue: true, waitSeconds: 60 }), POLLING);
    print(recorded('acme-redshift', 1, DENIED, { continue: true, waitSeconds: 60 }), POLLING);

    expect(lines.filter((l) => l.includes(DENIED.fix))).toHaveLength(2);
    expect(lines.some((l) => l.includes('same as'))).toBe(false);
  });
});

describe('verificationTicker', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('every few seconds says which connections are polling, at which attempt, and the simulated time', () => {
    // Prepare: the local clock runs ahead of real time by the waits it skipped.
    let simulated = Date.parse('2026-03-01T10:00:00Z');
    const lines: string[] = [];
    const ticker = verificationTicker((line) => lines.push(line), { clock: () => simulated, everyMs: 3000 });

    // Act
    ticker.onEvent(recorded('acme-data-lake', 11, DENIED, { continue: true, waitSeconds: 3600 }), POLLING);
    simulated += (2 * 60 + 10) * 60 * 1000;
    jest.advanceTimersByTime(3000);
    ticker.onEvent(recorded('acme-data-lake', 12, undefined, { continue: false, state: 'VERIFIED' }), POLLING);
    jest.advanceTimersByTime(9000);
    ticker.stop();

    // Assess: one line while it polled, none once it settled.
    expect(lines).toEqual(['verifying acme-data-lake: attempt 12, simulated 2 h 10 min']);
  });

  it('says nothing before any connection is polling', () => {
    const lines: string[] = [];
    const ticker = verificationTicker((line) => lines.push(line), { clock: () => 0, everyMs: 1000 });

    jest.advanceTimersByTime(5000);
    ticker.stop();

    expect(lines).toEqual([]);
  });
});

describe('statusTicker', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const RUN = 'arn:aws:states:eu-west-1:111111111111:execution:m:verify-acme-support-1';

  function connection(connectionId: string, state: ConnectionStatus['state'], attempts: number, execution = RUN): ConnectionStatus {
    return {
      connectionId,
      roleArn: `arn:aws:iam::222222222222:role/${connectionId}`,
      externalId: { length: 15, fingerprint: '573761e6' },
      state,
      summary: '',
      attempts,
      execution: { id: execution, startTime: '2026-03-01T10:00:00.000Z' },
    };
  }

  function record(...connections: ConnectionStatus[]): StatusRecord {
    return {
      tenantId: 'acme',
      status: 'ROLE_READY',
      summary: '',
      createdAt: '2026-03-01T09:00:00.000Z',
      updatedAt: '2026-03-01T09:00:00.000Z',
      execution: { id: 'arn:aws:states:eu-west-1:111111111111:execution:m:onboard-acme', startTime: '2026-03-01T09:00:00.000Z' },
      connections: Object.fromEntries(connections.map((c) => [c.connectionId, c])),
    } as StatusRecord;
  }

  it("reads the tenant's status every few seconds and names this run's connections still polling", async () => {
    // Prepare
    let now = 0;
    let current = record(connection('acme-athena', 'VERIFYING', 11), connection('acme-lake', 'VERIFIED', 1), connection('acme-old', 'VERIFYING', 4, 'arn:other'));
    const lines: string[] = [];
    const ticker = statusTicker(async () => current, RUN, (line) => lines.push(line), { clock: () => now, everyMs: 3000, simulated: false });

    // Act
    now += 65_000;
    await jest.advanceTimersByTimeAsync(3000);
    current = record(connection('acme-athena', 'ACTION_REQUIRED', 12));
    await jest.advanceTimersByTimeAsync(3000);
    ticker.stop();

    // Assess: the other execution's connection and settled ones are left out; nothing once none polls.
    expect(lines).toEqual(['verifying acme-athena: attempt 12, elapsed 1 min 5 s']);
  });
});

describe('formatDuration', () => {
  it.each([
    [12_000, '12 s'],
    [303_000, '5 min 3 s'],
    [7_800_000, '2 h 10 min'],
    [3 * 86_400_000 + 7_200_000, '3 d 2 h'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
