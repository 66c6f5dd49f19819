// The connection a form or an event gives, checked alone: each problem with its field, at each limit.
import { EXTERNAL_ID_MAX_LENGTH } from '../../../lib/external-id';
import { ROLE_ARN_MAX_LENGTH } from '../../../lib/domain/role-arn';
import { validateConnectionShape } from '../../../lib/schemas/connection';

describe('connection shapes', () => {
  const VALID = { connectionId: 's3-prod', roleArn: 'arn:aws:iam::222222222222:role/r', externalId: 'acme-7Hq2-Zp9x' };

  it.each([
    ['an array', [], 'an array'],
    ['a string', 's3-prod', 'a string'],
  ])('refuses %s as a whole', (_label, input, got) => {
    // Act
    const result = validateConnectionShape(input);

    // Assess
    expect(result.problems).toEqual([
      { field: '(connection)', problem: `must be an object with connectionId, roleArn and externalId, got ${got}` },
    ]);
  });

  it('a connection id of 64 characters is judged by its characters, one of 65 by its length', () => {
    // Act
    const at64 = validateConnectionShape({ ...VALID, connectionId: `${'a'.repeat(63)}!` });
    const at65 = validateConnectionShape({ ...VALID, connectionId: 'a'.repeat(65) });

    // Assess
    expect(at64.problems).toEqual([
      { field: 'connectionId', problem: 'has a character that is not allowed ("!" at position 64); allowed: 1-64 characters from letters, digits and _.-' },
    ]);
    expect(at65.problems).toEqual([{ field: 'connectionId', problem: 'is 65 characters long; at most 64 are allowed' }]);
  });

  it('a connection id that is not a string is only said to be one', () => {
    // Act
    const result = validateConnectionShape({ ...VALID, connectionId: 5 });

    // Assess
    expect(result.problems).toEqual([{ field: 'connectionId', problem: 'must be a string, got a number' }]);
  });

  it('accepts a role ARN and an External ID at their longest, and refuses one character more', () => {
    // Act
    const longest = validateConnectionShape({
      ...VALID,
      roleArn: 'a'.repeat(ROLE_ARN_MAX_LENGTH),
      externalId: 'a'.repeat(EXTERNAL_ID_MAX_LENGTH),
    });
    const longer = validateConnectionShape({
      ...VALID,
      roleArn: 'a'.repeat(ROLE_ARN_MAX_LENGTH + 1),
      externalId: 'a'.repeat(EXTERNAL_ID_MAX_LENGTH + 1),
    });

    // Assess
    expect(longest.problems).toEqual([]);
    expect(longer.problems.map((p) => p.field)).toEqual(['roleArn', 'externalId']);
  });

  it('names null as null, not as an object', () => {
    // Act
    const result = validateConnectionShape(null);

    // Assess
    expect(result.problems).toEqual([
      { field: '(connection)', problem: 'must be an object with connectionId, roleArn and externalId, got null' },
    ]);
  });
});
