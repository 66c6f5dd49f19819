// What a customer is told about a pasted role ARN or External ID: every problem, exactly worded
// (snapshots in __snapshots__/connection-problems.test.ts.snap, reviewed like code), and never the
// External ID itself, nor any one of its characters.
import { describeExternalId, describeFingerprint, describeWhitespace, externalIdFingerprint, externalIdProblems } from '../../../../lib/external-id';
import { parseRoleArn, roleArnProblems } from '../../../../lib/domain/role-arn';
import { preflightConnection } from '../../../../lib/domain/verification/preflight';

describe('roleArnProblems', () => {
  it.each([
    ['valid', 'arn:aws:iam::222222222222:role/DataQualityReader'],
    ['valid with a path', 'arn:aws:iam::222222222222:role/service-role/etl/DataQualityReader'],
    ['empty', ''],
    ['only whitespace', '  \t'],
    ['account id', '222222222222'],
    ['role name', 'DataQualityReader'],
    ['too long for a role name', 'x'.repeat(65)],
    ['not an ARN', 'https://console.aws.amazon.com/iam/roles/x'],
    ['five fields', 'arn:aws:iam:222222222222:role/x'],
    ['S3', 'arn:aws:s3:::customer-data'],
    ['STS session', 'arn:aws:sts::222222222222:assumed-role/DataQualityReader/session-1'],
    ['STS session without a name', 'arn:aws:sts::222222222222:assumed-role'],
    ['other service', 'arn:aws:lambda:eu-west-1:222222222222:function:f'],
    ['unknown partition', 'arn:amazon:iam::222222222222:role/x'],
    ['region', 'arn:aws:iam:eu-west-1:222222222222:role/x'],
    ['no account', 'arn:aws:iam:::role/x'],
    ['short account', 'arn:aws:iam::2222:role/x'],
    ['letters in account', 'arn:aws:iam::22222222222a:role/x'],
    ['instance profile', 'arn:aws:iam::222222222222:instance-profile/x'],
    ['user', 'arn:aws:iam::222222222222:user/x'],
    ['policy', 'arn:aws:iam::222222222222:policy/x'],
    ['bare resource', 'arn:aws:iam::222222222222:root'],
    ['no role name', 'arn:aws:iam::222222222222:role/'],
    ['long role name', `arn:aws:iam::222222222222:role/${'r'.repeat(65)}`],
    ['64-character role name', `arn:aws:iam::222222222222:role/${'r'.repeat(64)}`],
    ['bad role name characters', 'arn:aws:iam::222222222222:role/data#reader'],
    ['empty path segment', 'arn:aws:iam::222222222222:role/a//b'],
    ['long path', `arn:aws:iam::222222222222:role/${'p'.repeat(511)}/x`],
    ['512-character path', `arn:aws:iam::222222222222:role/${'p'.repeat(510)}/x`],
    ['trailing newline', 'arn:aws:iam::222222222222:role/x\n'],
    ['leading space and bad account', ' arn:aws:iam::2222:role/x'],
    ['inner space', 'arn:aws:iam::222222222222:role/data reader'],
    ['other partition', 'arn:aws-cn:iam::222222222222:role/x'],
    ['several problems', 'arn:bad:iam:us-east-1:12:role/a#b'],
  ])('%s', (_name, arn) => {
    expect(roleArnProblems(arn, 'aws')).toMatchSnapshot();
  });

  it('checks the partition only when one is expected', () => {
    expect(roleArnProblems('arn:aws-cn:iam::222222222222:role/x')).toEqual([]);
    expect(roleArnProblems('arn:aws-cn:iam::222222222222:role/x', 'aws-cn')).toEqual([]);
  });

  it('parses only a valid ARN with nothing around it', () => {
    expect(parseRoleArn('arn:aws:iam::222222222222:role/a/b/x')).toEqual({ partition: 'aws', accountId: '222222222222', path: '/a/b/', roleName: 'x' });
    expect(parseRoleArn('arn:aws:iam::222222222222:role/x')).toEqual({ partition: 'aws', accountId: '222222222222', path: '/', roleName: 'x' });
    for (const bad of ['', ' arn:aws:iam::222222222222:role/x', 'arn:aws:iam::222222222222:role/x ', 'arn:aws:iam::222222222222:role/a b', 'arn:aws:iam::2222:role/x']) {
      expect(parseRoleArn(bad)).toBeUndefined();
    }
  });
});

describe('externalIdProblems', () => {
  const SECRET = 'Zq7-secret-Id';

  it.each([
    ['valid', SECRET],
    ['valid, all allowed punctuation', 'a_b+c=d,e.f@g:h/i-j'],
    ['empty', ''],
    ['one character', 'Z'],
    ['two characters', 'Zq'],
    ['1224 characters', 'z'.repeat(1224)],
    ['1225 characters', 'z'.repeat(1225)],
    ['trailing space', `${SECRET} `],
    ['trailing newline', `${SECRET}\n`],
    ['Windows line ending', `${SECRET}\r\n`],
    ['leading tab', `\t${SECRET}`],
    ['several leading characters', ` \t${SECRET}`],
    ['non-breaking space inside', `Zq7\u00a0secret`],
    ['many spaces inside', 'a b c d e f'],
    ['only whitespace', '   '],
    ['one space', ' '],
    ['whitespace and too short', ' Z '],
    ['zero-width space', `${SECRET}\u200b`],
    ['byte-order mark', `\ufeff${SECRET}`],
    ['typographic quotes', `\u201c${SECRET}\u201d`],
    ['typographic dash', `Zq7\u2013secret`],
    ['straight quotes', `"${SECRET}"`],
    ['control character', `Zq7\u0007secret`],
    ['non-ASCII letter', 'Zq7-s\u00e9cret'],
    ['disallowed punctuation', 'Zq7#secret!'],
    ['more than three disallowed', 'a#b!c$d%e'],
    ['whitespace and a disallowed character', 'Zq7 secret#'],
  ])('%s', (_name, externalId) => {
    const problems = externalIdProblems(externalId);
    expect(problems).toMatchSnapshot();
    // No problem repeats the value, nor any run of three of its non-space characters.
    const text = problems.join('\n');
    const visible = externalId.replace(/\s/g, '');
    if (visible.length >= 4 && !/^(.)\1+$/.test(visible)) {
      for (let i = 0; i + 3 <= visible.length; i += 1) {
        const run = visible.slice(i, i + 3);
        if (/[#!$%"\u201c\u201d\u2013\u0007]/.test(run) || /^[a-z]{3}$/.test(run)) continue;
        expect(text).not.toContain(run);
      }
    }
  });
});

describe('describing a value without showing it', () => {
  it('fingerprints and counts characters', () => {
    expect(externalIdFingerprint('abc')).toEqual({ length: 3, fingerprint: 'ba7816bf' });
    expect(describeFingerprint({ length: 1, fingerprint: 'ba7816bf' })).toBe('1 character, fingerprint ba7816bf');
    expect(describeFingerprint({ length: 2, fingerprint: 'ba7816bf' })).toBe('2 characters, fingerprint ba7816bf');
    expect(describeExternalId('abc')).toBe('3 characters, fingerprint ba7816bf');
  });

  it.each<[string, string[]]>([
    ['', []],
    ['abc', []],
    [' ', ['consists only of whitespace (1 character)']],
    ['  ', ['consists only of whitespace (2 characters)']],
    ['a\u00a0b', ['a non-breaking space at position 2']],
    ['a\u2003b', ['a whitespace character U+2003 at position 2']],
    ['\r\na', ['a leading carriage return and newline (a Windows line ending)']],
    ['a \n', ['2 trailing whitespace characters (space, newline)']],
    ['a b c d e', ['a space at position 2, a space at position 4, a space at position 6 and 1 more whitespace characters inside']],
    ['a b c d', ['a space at position 2', 'a space at position 4', 'a space at position 6']],
    ['\u{1F600} x', ['a space at position 2']],
  ])('whitespace in %j', (value, expected) => {
    expect(describeWhitespace(value)).toEqual(expected);
  });
});

describe('preflightConnection: what the customer is told before any call to AWS', () => {
  const ctx = { vendorAccountId: '111111111111', partition: 'aws', dataplaneRoleArn: 'arn:aws:iam::111111111111:role/acme-dataplane-role' };
  const TARGET = 'arn:aws:iam::222222222222:role/DataQualityReader';

  it.each([
    ['a valid connection', TARGET, 'Zq7-secret-Id'],
    ['a bad ARN and a bad External ID', 'arn:aws:iam::2222:role/x', 'Zq7-secret-Id '],
    ['our dataplane role as the target', ' arn:aws:iam::111111111111:role/acme-dataplane-role', 'Zq7-secret-Id'],
    ['a role of our account', 'arn:aws:iam::111111111111:role/other', 'Zq7-secret-Id'],
    ["another tenant's dataplane role", 'arn:aws:iam::333333333333:role/globex-dataplane-role', 'Zq7-secret-Id'],
    ['our role and a bad External ID', 'arn:aws:iam::111111111111:role/acme-dataplane-role', 'Zq7 secret'],
    ['a bad External ID only', TARGET, '"Zq7-secret-Id"'],
  ])('%s', (_name, roleArn, externalId) => {
    const d = preflightConnection({ connectionId: 's3-prod', roleArn, externalId }, ctx);
    expect(d).toMatchSnapshot();
    expect(JSON.stringify(d ?? null)).not.toMatch(/Zq7|secret-Id/);
  });
});
