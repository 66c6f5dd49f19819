// The words a customer reads when their External ID or connection is unusable, pinned exactly: each one
// tells them where the bad character is and where it came from, without showing the value. Every case
// sits at an edge (one character either side of a limit, three items against four) so that a rule
// moved by one is caught.
import { describeWhitespace, EXTERNAL_ID_MAX_LENGTH, externalIdProblems } from '../../../../lib/external-id';
import { firstDisallowedCharacter, quotePrefix } from '../../../../lib/problem-text';
import { dataplaneRoleMixup, parseRoleArn, ROLE_ARN_MAX_LENGTH, roleArnProblems } from '../../../../lib/domain/role-arn';

const VALID_WITHOUT_WHITESPACE = ' (without the whitespace it is a valid External ID)';

describe('whitespace, named by kind and place', () => {
  it.each([
    ['a\rb', 'a carriage return at position 2'],
    ['a\nb', 'a newline at position 2'],
    ['a\tb', 'a tab at position 2'],
    ['a b', 'a space at position 2'],
    ['a\u00a0b', 'a non-breaking space at position 2'],
    // Other whitespace by code point, always four hex digits.
    ['a\vb', 'a whitespace character U+000B at position 2'],
    ['a\u2003b', 'a whitespace character U+2003 at position 2'],
    // A byte-order mark is whitespace to JavaScript, and named for what it is.
    ['a\ufeffb', 'a byte-order mark at position 2'],
  ])('%j: %s', (value, expected) => {
    // Act
    const found = describeWhitespace(value);

    // Assess
    expect(found).toEqual([expected]);
  });

  it('lists a run of leading whitespace by name, separated by commas', () => {
    // Act
    const found = describeWhitespace(' \t\rab');

    // Assess
    expect(found).toEqual(['3 leading whitespace characters (space, tab, carriage return)']);
  });

  it('names a whitespace character without a common name by its code point inside a run, too', () => {
    // Act
    const found = describeWhitespace('ab\u2003\u000b');

    // Assess
    expect(found).toEqual(['2 trailing whitespace characters (whitespace character U+2003, whitespace character U+000B)']);
  });

  it('joins three places as "x, y and z" in the External ID problem', () => {
    // Act
    const problems = externalIdProblems(' ab\tcd ');

    // Assess
    expect(problems).toEqual([`contains whitespace: a leading space, a tab at position 4 and a trailing space${VALID_WITHOUT_WHITESPACE}`]);
  });
});

describe('"valid without the whitespace", at the length limits', () => {
  it.each([
    ['2 characters left', 'ab ', true],
    ['1 character left', 'a ', false],
    [`${EXTERNAL_ID_MAX_LENGTH} characters left`, `${'a'.repeat(EXTERNAL_ID_MAX_LENGTH)} `, true],
  ])('%s', (_label, value, valid) => {
    // Act
    const [whitespace] = externalIdProblems(value);

    // Assess
    expect(whitespace!.endsWith(VALID_WITHOUT_WHITESPACE)).toBe(valid);
  });

  it(`is not said when ${EXTERNAL_ID_MAX_LENGTH + 1} characters are left`, () => {
    // Act
    const problems = externalIdProblems(`${'a'.repeat(EXTERNAL_ID_MAX_LENGTH + 1)} `);

    // Assess
    expect(problems[0]).toBe('contains whitespace: a trailing space');
    expect(problems[1]).toBe(`is ${EXTERNAL_ID_MAX_LENGTH + 2} characters long; AWS allows at most ${EXTERNAL_ID_MAX_LENGTH}`);
  });
});

describe('a character AWS does not allow, described by where it came from', () => {
  it.each([
    ['U+200B', '\u200b', 'an invisible character (a zero-width space or joiner, usually copied from a document)'],
    ['U+200C', '\u200c', 'an invisible character (a zero-width space or joiner, usually copied from a document)'],
    ['U+200D', '\u200d', 'an invisible character (a zero-width space or joiner, usually copied from a document)'],
    ['U+2060', '\u2060', 'an invisible character (a zero-width space or joiner, usually copied from a document)'],
    ['U+2019', '\u2019', 'a typographic quotation mark (often added by a word processor)'],
    ['U+2013', '\u2013', 'a typographic dash (often added by a word processor)'],
    ['"', '"', 'a quotation mark (copied together with the value?)'],
    ['U+0001', '\u0001', 'a control character'],
    ['U+001F', '\u001f', 'a control character'],
    ['U+007F', '\u007f', 'a control character'],
    // The last printable ASCII character is not "non-ASCII"; the first character past ASCII is.
    ['~', '~', 'a punctuation character AWS does not allow'],
    ['U+0080', '\u0080', 'a non-ASCII character'],
    ['é', 'é', 'a non-ASCII character'],
    ['#', '#', 'a punctuation character AWS does not allow'],
  ])('%s', (_label, ch, expected) => {
    // Act
    const problems = externalIdProblems(`ab${ch}cd`);

    // Assess
    expect(problems).toEqual([`contains ${expected} at position 3; allowed are letters, digits and _+=,.@:/-`]);
  });

  it('lists three characters in full and counts the rest from the fourth', () => {
    // Act
    const three = externalIdProblems('a#b#c#d');
    const four = externalIdProblems('a#b#c#d#e');

    // Assess
    const punctuation = 'a punctuation character AWS does not allow';
    expect(three).toEqual([
      `contains ${punctuation} at position 2, ${punctuation} at position 4 and ${punctuation} at position 6; allowed are letters, digits and _+=,.@:/-`,
    ]);
    expect(four).toEqual([
      `contains ${punctuation} at position 2, ${punctuation} at position 4, ${punctuation} at position 6 and 1 more; allowed are letters, digits and _+=,.@:/-`,
    ]);
  });
});

describe('characters and quotes in problems', () => {
  it.each([
    ['the last printable ASCII character, quoted', 'ab~', '"~" at position 3'],
    ['DEL, by code point', 'ab\u007f', 'U+007F at position 3'],
    ['a space, by code point', 'a b', 'U+0020 at position 2'],
    ['a non-ASCII letter, in capitals', 'é', 'U+00E9 at position 1'],
  ])('shows %s', (_label, value, where) => {
    // Act
    const found = firstDisallowedCharacter(value, /[a-z]/);

    // Assess
    expect(found).toBe(where);
  });

  it('quotes a value of 40 characters whole and cuts one of 41', () => {
    // Act
    const whole = quotePrefix('a'.repeat(40));
    const cut = quotePrefix('a'.repeat(41));

    // Assess
    expect(whole).toBe(JSON.stringify('a'.repeat(40)));
    expect(cut).toBe(`${JSON.stringify('a'.repeat(40))}… (41 characters)`);
  });

  it('says "none" when every character is allowed', () => {
    // Act
    const where = firstDisallowedCharacter('abc', /[a-z]/);

    // Assess
    expect(where).toBe('none');
  });
});

describe('role ARN problems, at the edges of each rule', () => {
  const SHAPE = 'arn:aws:iam::<12-digit account id>:role/<role name>';

  it.each([
    ['twelve digits are an account ID', '123456789012', [`is a 12-digit AWS account ID, not a role ARN; enter the role's full ARN, ${SHAPE}`]],
    ['thirteen digits are not', '1234567890123', [`"1234567890123" looks like a role name, not an ARN; enter the role's full ARN, ${SHAPE}`]],
    ['nor twelve digits after a letter', 'x123456789012', [`"x123456789012" looks like a role name, not an ARN; enter the role's full ARN, ${SHAPE}`]],
    ['a name of 64 characters could be a role name', 'a'.repeat(64), [`"${'a'.repeat(64)}" looks like a role name, not an ARN; enter the role's full ARN, ${SHAPE}`]],
    ['a name of 65 characters cannot', 'a'.repeat(65), [`"${'a'.repeat(65)}" is not an ARN; a role ARN looks like ${SHAPE}`]],
    ['an account id of 13 digits', 'arn:aws:iam::1234567890123:role/r', ['account id "1234567890123" has 13 digits; AWS account ids have exactly 12 (leading zeros included)']],
    ['an account id with a letter first', 'arn:aws:iam::a12345678901:role/r', ['account id "a12345678901" is not 12 digits']],
    ['an account id with a letter last', 'arn:aws:iam::12345678901a:role/r', ['account id "12345678901a" is not 12 digits']],
    ['an account id with digits last', 'arn:aws:iam::abc12:role/r', ['account id "abc12" is not 12 digits']],
    ['a colon in the role name', 'arn:aws:iam::123456789012:role/a:b', ['role name "a:b" has characters IAM does not allow in role names (letters, digits and _+=,.@-)']],
    ['another service', 'arn:aws:ec2:eu-west-1:123456789012:instance/i-1', [`"arn:aws:ec2:eu-west-1:123456789012:instance/i-1" is an ARN of the "ec2" service, not an IAM role ARN (${SHAPE})`]],
    ['an STS ARN that is not a role session', 'arn:aws:sts::123456789012:federated-user/bob', [`"arn:aws:sts::123456789012:federated-user/bob" is an ARN of the "sts" service, not an IAM role ARN (${SHAPE})`]],
    ['a resource type like "role"', 'arn:aws:iam::123456789012:rolex/r', ['is an IAM rolex ARN (rolex/...), not a role ARN (role/<role name>)']],
    ['"role" without a name', 'arn:aws:iam::123456789012:role', ['resource "role" is not of the form role/<role name>']],
    ['another resource without a slash', 'arn:aws:iam::123456789012:policy', ['resource "policy" is not of the form role/<role name>']],
  ])('%s', (_label, arn, problems) => {
    // Act
    const found = roleArnProblems(arn);

    // Assess
    expect(found).toEqual(problems);
  });
});

describe('parsing a role ARN', () => {
  it.each([
    ['empty', ''],
    ['a leading space', ' arn:aws:iam::123456789012:role/r'],
    ['a trailing newline', 'arn:aws:iam::123456789012:role/r\n'],
    ['a space in its path', 'arn:aws:iam::123456789012:role/a b/r'],
  ])('gives nothing for an ARN that is %s', (_label, arn) => {
    // Act
    const parsed = parseRoleArn(arn);

    // Assess
    expect(parsed).toBeUndefined();
  });

  it('gives the parts of a valid one, its path included', () => {
    // Act
    const parsed = parseRoleArn('arn:aws:iam::123456789012:role/team/r');

    // Assess
    expect(parsed).toEqual({ partition: 'aws', accountId: '123456789012', path: '/team/', roleName: 'r' });
  });
});

describe('a target role that is one of ours', () => {
  const DATAPLANE = 'arn:aws:iam::111111111111:role/acme-dataplane-role';

  it('is recognised with whitespace pasted around it', () => {
    // Act
    const mixup = dataplaneRoleMixup(` ${DATAPLANE}\n`, { dataplaneRoleArn: DATAPLANE });

    // Assess
    expect(mixup).toBe(
      `is the tenant's dataplane role ${DATAPLANE}: the ARN to put in the target role's trust policy as Principal, not the target role`,
    );
  });

  it("is not claimed for a customer's role when our role and account are unknown", () => {
    // Act
    const mixup = dataplaneRoleMixup('arn:aws:iam::222222222222:role/DataQualityReader', {});

    // Assess
    expect(mixup).toBeUndefined();
  });
});
