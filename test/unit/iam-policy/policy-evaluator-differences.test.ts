// How a request's value and a policy's value differ, in the words support reads to the customer: each
// invisible character by its name, at the side where it is, and never the values themselves.
import { describeDifference, stripEdgeWhitespace } from '../../../lib/iam-policy';

const ID = 'acme-ext-1234';

describe('whitespace at the edge, by name', () => {
  it.each([
    ['space', ' ', 'a space'],
    ['tab', '\t', 'a tab'],
    ['newline', '\n', 'a newline'],
    ['carriage return', '\r', 'a carriage return'],
    ['non-breaking space', '\u00a0', 'a non-breaking space'],
    ['zero-width space', '\u200b', 'a zero-width space'],
    ['zero-width non-joiner', '\u200c', 'a zero-width space'],
    ['zero-width joiner', '\u200d', 'a zero-width space'],
    ['word joiner', '\u2060', 'a zero-width space'],
    ['byte-order mark', '\ufeff', 'a byte-order mark'],
    ['em space', '\u2003', 'a whitespace character'],
  ])('a trailing %s', (_label, ch, name) => {
    // Act
    const difference = describeDifference(ID, `${ID}${ch}`);

    // Assess
    expect(difference).toBe(`they differ only by trailing whitespace (the policy's value ends with ${name})`);
  });

  it('names the first character of a leading run and the last of a trailing run', () => {
    // Act
    const difference = describeDifference(`\t ${ID}`, `${ID} \n`);

    // Assess
    expect(difference).toBe(
      "they differ only by leading and trailing whitespace (the request's value starts with a tab, the policy's value ends with a newline)",
    );
  });

  it.each([
    ['leading', ' x', '  x', "they differ only by leading whitespace (the request's value starts with a space, the policy's value starts with a space)"],
    ['trailing', 'x ', 'x  ', "they differ only by trailing whitespace (the request's value ends with a space, the policy's value ends with a space)"],
  ])('runs of different lengths on the %s side are told apart', (_side, actual, expected, words) => {
    // Act
    const difference = describeDifference(actual, expected);

    // Assess
    expect(difference).toBe(words);
  });

  it('a value of whitespace only has a leading run and no trailing one', () => {
    // Act
    const difference = describeDifference(' ', '');

    // Assess
    expect(difference).toBe("they differ only by leading whitespace (the request's value starts with a space)");
  });
});

describe('other differences people make by hand', () => {
  it.each([
    ['letter case', ID, ID.toUpperCase(), 'they differ only in letter case'],
    ['whitespace inside', ID, 'acme-ext- 1234', 'they differ only by whitespace inside the value'],
    ['invisible characters inside', ID, 'acme-\u200bext-1234', 'they differ only by whitespace inside the value'],
    [
      'letter case and an edge',
      ID,
      `${ID.toUpperCase()}\u00a0`,
      "they differ in letter case and by surrounding whitespace (the policy's value ends with a non-breaking space)",
    ],
  ])('%s', (_label, actual, expected, words) => {
    // Act
    const difference = describeDifference(actual, expected);

    // Assess
    expect(difference).toBe(words);
  });

  it.each([
    ['equal values', ID, ID],
    ['a different value', ID, 'acme-ext-9999'],
  ])('nothing to say for %s', (_label, actual, expected) => {
    // Act
    const difference = describeDifference(actual, expected);

    // Assess
    expect(difference).toBeUndefined();
  });

  it('strips only the edges, the invisible kinds included', () => {
    // Act
    const stripped = stripEdgeWhitespace('\ufeff\u200b a b\u2060\n');

    // Assess
    expect(stripped).toBe('a b');
  });
});
