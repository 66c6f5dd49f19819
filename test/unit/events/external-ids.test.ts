// External IDs carried by events: found wherever an event may carry them, described by length and
// fingerprint only, and scrubbed from every text about the event in each form a text can quote them.
import { describeExternalId, externalIdFingerprint } from '../../../lib/external-id';
import { externalIdScrubber, externalIdsSeen, scrubbedEvent } from '../../../lib/events/external-ids';

const LONG_ID = 'acme-7Hq2vX9pLm';
const event = (detail: unknown) => ({ 'detail-type': 'TargetRoleConfigured', source: 'tenant-platform', detail });

describe('externalIdsSeen', () => {
  it('finds the External ID of TargetRoleConfigured and of every target role of TenantCreated, by field', () => {
    // Prepare
    const seen = externalIdsSeen(
      event({ externalId: LONG_ID, targetRoles: [{ externalId: 'second-id' }, { roleArn: 'x' }, 'not an object', { externalId: 'third-id' }] }),
    );

    // Assess
    expect(seen).toEqual([
      { field: 'detail.externalId', ...externalIdFingerprint(LONG_ID) },
      { field: 'detail.targetRoles[0].externalId', ...externalIdFingerprint('second-id') },
      { field: 'detail.targetRoles[3].externalId', ...externalIdFingerprint('third-id') },
    ]);
    expect(JSON.stringify(seen)).not.toMatch(/acme-7Hq2vX9pLm|second-id|third-id/);
  });

  it.each<[string, unknown]>([
    ['no event', undefined],
    ['an event that is not an object', 'TargetRoleConfigured'],
    ['no detail', { source: 'tenant-platform' }],
    ['a detail that is null', { detail: null }],
  ])('finds none in %s', (_name, value) => {
    expect(externalIdsSeen(value)).toEqual([]);
  });
});

describe('externalIdScrubber', () => {
  const replaced = (value: string) => `[External ID: ${describeExternalId(value)}]`;

  it('replaces a long External ID wherever it appears, quoted or not', () => {
    const scrub = externalIdScrubber(event({ externalId: LONG_ID }));
    expect(scrub(`value "${LONG_ID}" at externalId; also ${LONG_ID}, and ${LONG_ID}!`)).toBe(
      `value ${replaced(LONG_ID)} at externalId; also ${replaced(LONG_ID)}, and ${replaced(LONG_ID)}!`,
    );
  });

  it('replaces the JSON-quoted form of a value with characters JSON escapes', () => {
    const id = 'a"b\\c\nd-long';
    const scrub = externalIdScrubber(event({ externalId: id }));
    expect(scrub(`got ${JSON.stringify(id)} here`)).toBe(`got ${replaced(id)} here`);
    expect(scrub(`raw ${id} here`)).toBe(`raw ${replaced(id)} here`);
  });

  it('from 8 characters on, a bare value is replaced; under 8, only quoted ones, so short ids do not shred words', () => {
    const eight = 'abcdefgh';
    const seven = 'abcdefg';
    expect(externalIdScrubber(event({ externalId: eight }))(`x ${eight} y`)).toBe(`x ${replaced(eight)} y`);
    expect(externalIdScrubber(event({ externalId: seven }))(`x ${seven} y "${seven}"`)).toBe(`x ${seven} y ${replaced(seven)}`);
  });

  it('a 2-character External ID is still replaced where quoted; a 1-character one is never searched for', () => {
    expect(externalIdScrubber(event({ externalId: 'ab' }))('table "ab" and cab')).toBe(`table ${replaced('ab')} and cab`);
    expect(externalIdScrubber(event({ externalId: 'a' }))('a "a" a')).toBe('a "a" a');
  });

  it('replaces the longest value first, so a value inside another leaves nothing of the longer one', () => {
    const short = 'acme-7Hq2';
    const scrub = externalIdScrubber(event({ externalId: short, targetRoles: [{ externalId: LONG_ID }] }));
    const out = scrub(`one ${LONG_ID} two ${short}`);
    expect(out).toBe(`one ${replaced(LONG_ID)} two ${replaced(short)}`);
    expect(out).not.toContain('vX9pLm');
  });

  it('an event with no External ID leaves texts as they are', () => {
    expect(externalIdScrubber(event({ tenantId: 'acme' }))(`text ${LONG_ID}`)).toBe(`text ${LONG_ID}`);
    expect(externalIdScrubber(undefined)('text')).toBe('text');
  });

  it('the same External ID twice is replaced once per occurrence, not twice over', () => {
    const scrub = externalIdScrubber(event({ externalId: LONG_ID, targetRoles: [{ externalId: LONG_ID }] }));
    expect(scrub(LONG_ID)).toBe(replaced(LONG_ID));
  });
});

describe('External IDs of every kind and depth', () => {
  /** `{ a: { a: ... { externalId } } }`: the External ID `wrappers + 1` levels down. */
  const nested = (wrappers: number, externalId: unknown): unknown => {
    let event: unknown = { externalId };
    for (let i = 0; i < wrappers; i += 1) event = { a: event };
    return event;
  };

  it('a number, a bigint or a boolean under an externalId key counts by its text', () => {
    expect(externalIdsSeen({ externalId: 12345678 })).toEqual([{ field: 'externalId', ...externalIdFingerprint('12345678') }]);
    expect(externalIdsSeen({ externalId: 12345678901234567890n })).toEqual([{ field: 'externalId', ...externalIdFingerprint('12345678901234567890') }]);
    expect(externalIdsSeen({ externalId: true })).toEqual([{ field: 'externalId', ...externalIdFingerprint('true') }]);
    expect(externalIdsSeen({ externalId: null, other: 12345678 })).toEqual([]);
  });

  it('is found 32 levels down, in objects and arrays, and not beyond, where copies leave it out', () => {
    // Act
    const at32 = externalIdsSeen(nested(31, 'acme-7Hq2vX9pLm'));
    const at33 = externalIdsSeen(nested(32, 'acme-7Hq2vX9pLm'));
    const inArrays = externalIdsSeen({ externalId: [[['acme-7Hq2vX9pLm']]] });
    const copy = JSON.stringify(scrubbedEvent(nested(32, 'acme-7Hq2vX9pLm')));

    // Assess
    expect(at32).toHaveLength(1);
    expect(at32[0]!.field).toBe(`${'a.'.repeat(31)}externalId`);
    expect(at33).toEqual([]);
    expect(inArrays).toEqual([{ field: 'externalId[0][0][0]', ...externalIdFingerprint('acme-7Hq2vX9pLm') }]);
    expect(copy).toContain('"[nested too deeply: left out]"');
    expect(copy).not.toContain('acme-7Hq2vX9pLm');
  });
});
