// `onboarding diagnose --cloudtrail FILE` reads CloudTrail as AWS hands it out: a log file as delivered
// to S3 ({"Records": [...]}), an `aws cloudtrail lookup-events` answer (each record a JSON string in
// Events[].CloudTrailEvent) or one record; it says which record each diagnosis explains and why the
// others were left out. A file it cannot use is a usage error (exit 2) with the reason, never a stack trace.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, main } from '../../../lib/cli/main';
import { readFixture } from '../../support/fixtures';

const dir = mkdtempSync(path.join(tmpdir(), 'diagnose-cloudtrail-'));

function record(name: string): Record<string, unknown> {
  return readFixture('cloudtrail', name);
}

function file(name: string, content: unknown): string {
  const target = path.join(dir, name);
  writeFileSync(target, typeof content === 'string' ? content : JSON.stringify(content));
  return target;
}

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'onboarding', ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const denied = record('assume-role-denied-verifier');
const scp = record('assume-role-denied-explicit-deny-scp');
const succeeded = record('assume-role-succeeded');
const other = record('get-caller-identity');

describe('diagnose --cloudtrail reads every shape AWS delivers', () => {
  it('a log file: explains each failed role assumption, in file order, and lists the records it left out', async () => {
    // Prepare
    const log = file('log.json', { Records: [other, denied, succeeded, scp] });

    // Act
    const { code, out } = await cli('diagnose', '--cloudtrail', log, '--json');

    // Assess
    expect(code).toBe(EXIT_OK);
    const result = JSON.parse(out);
    expect(result.shape).toBe('Records');
    expect(result.diagnoses.map((d: { record: { index: number }; diagnosis: { code: string } }) => [d.record.index, d.diagnosis.code])).toEqual([
      [1, 'TRUST_POLICY_DENIED'],
      [3, 'EXPLICIT_DENY'],
    ]);
    expect(result.diagnoses[0].record).toEqual({ index: 1, eventTime: denied.eventTime, eventName: 'AssumeRole', eventId: denied.eventID });
    expect(result.skipped).toEqual([
      { record: expect.objectContaining({ index: 0, eventName: 'GetCallerIdentity' }), reason: 'sts.amazonaws.com GetCallerIdentity is not a role assumption' },
      { record: expect.objectContaining({ index: 2, eventName: 'AssumeRole' }), reason: 'sts.amazonaws.com AssumeRole succeeded (no errorCode): nothing to diagnose' },
    ]);
  });

  it('a lookup-events answer: each CloudTrailEvent string is parsed as the record', async () => {
    // Prepare
    const answer = file('lookup.json', {
      Events: [
        { EventId: scp.eventID, EventName: 'AssumeRole', CloudTrailEvent: JSON.stringify(scp) },
        { EventId: succeeded.eventID, EventName: 'AssumeRole', CloudTrailEvent: JSON.stringify(succeeded) },
      ],
    });

    // Act
    const { code, out } = await cli('diagnose', '--cloudtrail', answer, '--json');

    // Assess
    expect(code).toBe(EXIT_OK);
    const result = JSON.parse(out);
    expect(result.shape).toBe('Events');
    expect(result.diagnoses).toHaveLength(1);
    expect(result.diagnoses[0]).toMatchObject({ record: { index: 0, eventId: scp.eventID }, diagnosis: { code: 'EXPLICIT_DENY' } });
  });

  it('the text output names the record it explains: time, event name and id', async () => {
    // Prepare
    const log = file('one.json', { Records: [succeeded, denied] });

    // Act
    const { code, out } = await cli('diagnose', '--cloudtrail', log);

    // Assess
    expect(code).toBe(EXIT_OK);
    expect(out).toContain(`2 records, 1 failed role assumption explained below.`);
    expect(out).toContain(`== record 2, ${String(denied.eventTime)}, AssumeRole, event ${String(denied.eventID)}\nTRUST_POLICY_DENIED: `);
    expect(out).toContain(`Not diagnosed:\n  - record 1, ${String(succeeded.eventTime)}, AssumeRole, event ${String(succeeded.eventID)}: `);
  });

  it('a file with no failed role assumption: says so and exits 1', async () => {
    // Act
    const { code, out } = await cli('diagnose', '--cloudtrail', file('none.json', { Records: [succeeded] }));

    // Assess
    expect(code).toBe(EXIT_FAILED);
    expect(out).toContain('1 record, 0 failed role assumptions explained below.');
  });
});

describe('diagnose --cloudtrail refuses a file it cannot use: exit 2, the reason, no stack trace', () => {
  it.each([
    ['a missing file', () => path.join(dir, 'no-such-file.json'), /^error: cannot read CloudTrail file .*no-such-file\.json: ENOENT$/],
    ['a directory', () => dir, /^error: cannot read CloudTrail file .*: EISDIR$/],
    ['bad JSON', () => file('bad.json', '{"Records": ['), /^error: CloudTrail file .*bad\.json is not valid JSON: /],
    ['JSON of another shape', () => file('shape.json', { Statement: [] }), /^error: CloudTrail file .*shape\.json: no "Records", "Events" or "eventName": expected a CloudTrail log file/],
    ['an array', () => file('array.json', [denied]), /^error: CloudTrail file .*array\.json: not a JSON object: expected/],
    ['Records that is not an array', () => file('records.json', { Records: denied }), /: "Records" must be an array of CloudTrail records$/],
    ['an Events entry without its record', () => file('events.json', { Events: [{ EventId: 'x' }] }), /: Events\[0\]\.CloudTrailEvent must be the record as a JSON string$/],
    ['an Events record that is not JSON', () => file('events-bad.json', { Events: [{ CloudTrailEvent: '{' }] }), /: Events\[0\]\.CloudTrailEvent is not valid JSON: /],
  ])('%s', async (_, input, message) => {
    // Act
    const { code, out, err } = await cli('diagnose', '--cloudtrail', input());

    // Assess
    expect(code).toBe(EXIT_USAGE);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err).not.toMatch(/\n\s+at /);
  });
});
