import { createHash } from 'node:crypto';
import { Connection } from '../../../../lib/domain/verification/connection';
import { describeExternalId, externalIdFingerprint } from '../../../../lib/external-id';
import { parseRoleArn } from '../../../../lib/domain/role-arn';
import { preflightConnection, PreflightContext } from '../../../../lib/domain/verification/preflight';
import { validateConnectionShape } from '../../../../lib/schemas/connection';

const VENDOR_ACCOUNT = '111111111111';
const DATAPLANE_ROLE = `arn:aws:iam::${VENDOR_ACCOUNT}:role/acme-dataplane-role`;
const TARGET_ROLE = 'arn:aws:iam::222222222222:role/DataQualityReader';
const EXTERNAL_ID = 'acme-7Hq2-Zp9x-2024';
const CTX: PreflightContext = { vendorAccountId: VENDOR_ACCOUNT, partition: 'aws', dataplaneRoleArn: DATAPLANE_ROLE };

function connection(overrides: Partial<Connection> = {}): Connection {
  return { connectionId: 's3-prod', roleArn: TARGET_ROLE, externalId: EXTERNAL_ID, ...overrides };
}

describe('externalIdFingerprint', () => {
  it('is the length and the first 8 hex characters of the SHA-256', () => {
    const expected = createHash('sha256').update(EXTERNAL_ID).digest('hex').slice(0, 8);
    expect(externalIdFingerprint(EXTERNAL_ID)).toEqual({ length: 19, fingerprint: expected });
  });

  it('tells a value from the same value with a trailing space, which is the point of showing it', () => {
    expect(externalIdFingerprint(`${EXTERNAL_ID} `).fingerprint).not.toBe(externalIdFingerprint(EXTERNAL_ID).fingerprint);
  });

  it('describes the value without showing it', () => {
    const text = describeExternalId(EXTERNAL_ID);
    expect(text).toMatch(/^19 characters, fingerprint [0-9a-f]{8}$/);
    expect(text).not.toContain(EXTERNAL_ID);
  });
});

describe('parseRoleArn', () => {
  it.each([
    [TARGET_ROLE, { partition: 'aws', accountId: '222222222222', path: '/', roleName: 'DataQualityReader' }],
    ['arn:aws:iam::222222222222:role/data/quality/Reader', { partition: 'aws', accountId: '222222222222', path: '/data/quality/', roleName: 'Reader' }],
    ['arn:aws-us-gov:iam::222222222222:role/Reader', { partition: 'aws-us-gov', accountId: '222222222222', path: '/', roleName: 'Reader' }],
  ])('parses %s', (arn, expected) => {
    expect(parseRoleArn(arn)).toEqual(expected);
  });

  it.each([
    'arn:aws:s3:::customer-bucket',
    'arn:aws:iam::222222222222:user/reader',
    'arn:aws:iam::22222222222:role/Reader',
    `${TARGET_ROLE} `,
    'DataQualityReader',
    '',
  ])('returns undefined for %j', (arn) => {
    expect(parseRoleArn(arn)).toBeUndefined();
  });
});

describe('preflightConnection', () => {
  it('finds nothing wrong with a well-formed connection', () => {
    expect(preflightConnection(connection(), CTX)).toBeUndefined();
  });

  describe('External ID', () => {
    it.each([
      ['a trailing space', `${EXTERNAL_ID} `, 'a trailing space'],
      ['a trailing newline', `${EXTERNAL_ID}\n`, 'a trailing newline'],
      ['a Windows line ending', `${EXTERNAL_ID}\r\n`, 'a trailing carriage return and newline (a Windows line ending)'],
      ['a leading space', ` ${EXTERNAL_ID}`, 'a leading space'],
      ['an inner space', 'acme 7Hq2-Zp9x-2024', 'a space at position 5'],
      ['an inner tab', 'acme-7Hq2\tZp9x-2024', 'a tab at position 10'],
    ])('says where %s is, without the value', (_case, externalId, where) => {
      // Prepare
      const input = connection({ externalId });

      // Act
      const diagnosis = preflightConnection(input, CTX);

      // Assess
      expect(diagnosis).toMatchObject({ code: 'EXTERNAL_ID_INVALID', side: 'customer' });
      expect(diagnosis!.summary).toContain(where);
      expect(diagnosis!.summary).toContain('without the whitespace it is a valid External ID');
      expect(diagnosis!.summary).toContain(describeExternalId(externalId));
      expect(JSON.stringify(diagnosis)).not.toContain(EXTERNAL_ID);
      expect(JSON.stringify(diagnosis)).not.toContain('Zp9x');
    });

    it('rejects one character as too short', () => {
      const diagnosis = preflightConnection(connection({ externalId: 'a' }), CTX);
      expect(diagnosis?.code).toBe('EXTERNAL_ID_INVALID');
      expect(diagnosis!.summary).toContain('is 1 character long; AWS requires at least 2');
    });

    it('rejects 1225 characters as too long', () => {
      const diagnosis = preflightConnection(connection({ externalId: 'x'.repeat(1225) }), CTX);
      expect(diagnosis?.code).toBe('EXTERNAL_ID_INVALID');
      expect(diagnosis!.summary).toContain('is 1225 characters long; AWS allows at most 1224');
    });

    it('accepts the longest and every allowed character', () => {
      expect(preflightConnection(connection({ externalId: 'x'.repeat(1224) }), CTX)).toBeUndefined();
      expect(preflightConnection(connection({ externalId: 'aZ09_+=,.@:/-' }), CTX)).toBeUndefined();
    });

    it.each([
      ['#', 'a punctuation character AWS does not allow at position 5'],
      ['\u201d', 'a typographic quotation mark (often added by a word processor) at position 5'],
      ['\u200b', 'an invisible character'],
      ['é', 'a non-ASCII character at position 5'],
    ])('names the class of a disallowed %j, not the character', (ch, expected) => {
      const diagnosis = preflightConnection(connection({ externalId: `acme${ch}7Hq2` }), CTX);
      expect(diagnosis?.code).toBe('EXTERNAL_ID_INVALID');
      expect(diagnosis!.summary).toContain(expected);
      expect(diagnosis!.summary).not.toContain(`acme${ch}`);
    });

    it('says an empty External ID is empty', () => {
      expect(preflightConnection(connection({ externalId: '' }), CTX)?.summary).toContain('is empty');
    });
  });

  describe('role ARN', () => {
    it.each([
      ['an S3 bucket ARN', 'arn:aws:s3:::customer-data', 'is an S3 bucket or object ARN, not a role ARN'],
      ['an instance profile ARN', 'arn:aws:iam::222222222222:instance-profile/DataQualityReader', 'is an instance profile ARN'],
      ['a user ARN', 'arn:aws:iam::222222222222:user/reader', 'is an IAM user ARN (user/...)'],
      ['a policy ARN', 'arn:aws:iam::222222222222:policy/ReadData', 'is an IAM policy ARN'],
      ['another partition', 'arn:aws-cn:iam::222222222222:role/DataQualityReader', 'is in the "aws-cn" partition, but our dataplane runs in "aws"'],
      ['an 11-digit account id', 'arn:aws:iam::22222222222:role/DataQualityReader', 'account id "22222222222" has 11 digits'],
      ['a missing colon', 'arn:aws:iam:222222222222:role/DataQualityReader', 'has 5 colon-separated fields'],
      ['a region', 'arn:aws:iam:eu-west-1:222222222222:role/DataQualityReader', 'has the region "eu-west-1"'],
      ['an invalid role name', 'arn:aws:iam::222222222222:role/Data*Reader', 'role name "Data*Reader" has characters IAM does not allow'],
      ['a missing role name', 'arn:aws:iam::222222222222:role/', 'the role name is missing'],
      ['a role name only', 'DataQualityReader', 'looks like a role name, not an ARN'],
      ['an account id only', '222222222222', 'is a 12-digit AWS account ID, not a role ARN'],
      ['an STS session ARN', 'arn:aws:sts::222222222222:assumed-role/DataQualityReader/console', "the role's ARN is arn:aws:iam::222222222222:role/DataQualityReader"],
      ['a trailing newline', `${TARGET_ROLE}\n`, 'has a trailing newline (the ARN is otherwise valid: remove the whitespace)'],
      ['a leading space', ` ${TARGET_ROLE}`, 'has a leading space'],
      ['an inner space', 'arn:aws:iam::222222222222:role/Data Reader', 'contains whitespace: a space at position 36'],
    ])('says exactly what is wrong with %s', (_case, roleArn, expected) => {
      // Prepare
      const input = connection({ roleArn });

      // Act
      const diagnosis = preflightConnection(input, CTX);

      // Assess
      expect(diagnosis).toMatchObject({ code: 'ROLE_ARN_INVALID', side: 'customer' });
      expect(diagnosis!.summary).toContain(expected);
      expect(diagnosis!.evidence[0]).toMatchObject({ source: 'preflight' });
    });

    it.each([
      ['the tenant dataplane role itself', DATAPLANE_ROLE, "is the tenant's dataplane role"],
      ['a role in our account', `arn:aws:iam::${VENDOR_ACCOUNT}:role/SomethingElse`, 'which is our (the vendor\'s) account'],
      ['a role named like a dataplane role', 'arn:aws:iam::222222222222:role/acme-dataplane-role', 'ending in "-dataplane-role"'],
    ])('recognises %s pasted in place of the customer role', (_case, roleArn, expected) => {
      const diagnosis = preflightConnection(connection({ roleArn }), CTX);
      expect(diagnosis).toMatchObject({ code: 'ROLE_ARN_IS_DATAPLANE_ROLE', side: 'customer' });
      expect(diagnosis!.summary).toContain(expected);
      expect(diagnosis!.fix).toContain(`Keep ${DATAPLANE_ROLE} as the Principal`);
    });
  });

  it('reports the ARN first but keeps the External ID problem as evidence, so one round trip fixes both', () => {
    // Prepare
    const input = connection({ roleArn: 'arn:aws:s3:::customer-data', externalId: `${EXTERNAL_ID}\n` });

    // Act
    const diagnosis = preflightConnection(input, CTX);

    // Assess
    expect(diagnosis?.code).toBe('ROLE_ARN_INVALID');
    expect(diagnosis!.evidence.map((e) => e.summary)).toEqual([
      expect.stringContaining('The role ARN "arn:aws:s3:::customer-data" is an S3 bucket'),
      expect.stringContaining('contains whitespace: a trailing newline'),
    ]);
    expect(JSON.stringify(diagnosis)).not.toContain(EXTERNAL_ID);
  });
});

describe('validateConnectionShape', () => {
  it('returns the connection when the types are right', () => {
    expect(validateConnectionShape(connection())).toEqual({ connection: connection(), problems: [] });
  });

  it('leaves judging the ARN and the External ID to the pre-flight', () => {
    const result = validateConnectionShape(connection({ roleArn: 'not-an-arn', externalId: 'a b' }));
    expect(result.problems).toEqual([]);
    expect(result.connection).toBeDefined();
  });

  it('reports every structural problem at once', () => {
    expect(validateConnectionShape({ connectionId: 'has space', roleArn: 42, externalId: '' }).problems).toEqual([
      { field: 'connectionId', problem: expect.stringContaining('has a character that is not allowed (U+0020 at position') },
      { field: 'roleArn', problem: 'must be a string, got a number' },
      { field: 'externalId', problem: 'must not be empty' },
    ]);
  });

  it.each(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'])(
    'rejects the connection id %s, which as an object key would be lost or find the prototype',
    (connectionId) => {
      expect(validateConnectionShape(connection({ connectionId })).problems).toEqual([
        { field: 'connectionId', problem: expect.stringMatching(/^is reserved \(it names a member of every JavaScript object\); choose another id/) },
      ]);
    },
  );

  it('caps the role ARN and the External ID, without quoting them', () => {
    const long = validateConnectionShape(connection({ roleArn: `arn:aws:iam::222222222222:role/${'r'.repeat(3000)}`, externalId: 'x'.repeat(200_000) }));
    expect(long.problems).toEqual([
      { field: 'roleArn', problem: 'is 3031 characters long; an IAM role ARN has at most 2048' },
      { field: 'externalId', problem: 'is 200000 characters long; AWS allows at most 1224' },
    ]);
  });

  it('limits connection ids to 64 characters', () => {
    expect(validateConnectionShape(connection({ connectionId: 'c'.repeat(64) })).problems).toEqual([]);
    expect(validateConnectionShape(connection({ connectionId: 'c'.repeat(65) })).problems).toEqual([
      { field: 'connectionId', problem: 'is 65 characters long; at most 64 are allowed' },
    ]);
  });

  it('names missing fields and rejects what is not an object', () => {
    expect(validateConnectionShape({}).problems.map((p) => `${p.field}: ${p.problem}`)).toEqual([
      'connectionId: is required',
      'roleArn: is required',
      'externalId: is required',
    ]);
    expect(validateConnectionShape([]).problems).toEqual([{ field: '(connection)', problem: expect.stringContaining('got an array') }]);
  });

  it('never repeats the External ID in a problem', () => {
    const result = validateConnectionShape({ connectionId: 'bad id!', roleArn: TARGET_ROLE, externalId: EXTERNAL_ID });
    expect(JSON.stringify(result.problems)).not.toContain(EXTERNAL_ID);
  });
});
