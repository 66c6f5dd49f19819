// Condition operators at their edges, on both sides (equal values for the strict and non-strict
// comparisons, the prefix lengths of an IP range, the parts of an ARN), and the reason each evaluation
// gives (snapshots in __snapshots__/policy-evaluator-conditions.test.ts.snap, reviewed like code).
import { ConditionValue, evaluatePolicy, principalFromArn, RequestContext } from '../../../lib/iam-policy';

const VENDOR = '111111111111';
const DATAPLANE_ROLE = `arn:aws:iam::${VENDOR}:role/acme-dataplane-role`;
const session = principalFromArn(`arn:aws:sts::${VENDOR}:assumed-role/acme-dataplane-role/verify-acme-c1-1`);

function evaluate(condition: Record<string, unknown>, keys: Record<string, ConditionValue | undefined>, version = '2012-10-17') {
  const policy = { Version: version, Statement: [{ Effect: 'Allow', Principal: { AWS: DATAPLANE_ROLE }, Action: 'sts:AssumeRole', Condition: condition }] };
  const request: RequestContext = { principal: session, action: 'sts:AssumeRole', resource: 'arn:aws:iam::222222222222:role/r', conditionKeys: keys };
  const result = evaluatePolicy(policy, request, 'trust');
  const [statement] = result.statements;
  expect(result.decision).toBe(statement!.conditionsMet ? 'allowed' : 'implicitDeny');
  return statement!.conditions[0]!;
}

type Row = [string, Record<string, unknown>, Record<string, ConditionValue | undefined>, boolean];

const rows: Row[] = [
  // Numbers: each comparison with a smaller, an equal and a larger value.
  ['NumericLessThan 899 < 900', { NumericLessThan: { 'sts:DurationSeconds': 900 } }, { 'sts:DurationSeconds': 899 }, true],
  ['NumericLessThan 900 < 900', { NumericLessThan: { 'sts:DurationSeconds': 900 } }, { 'sts:DurationSeconds': 900 }, false],
  ['NumericLessThanEquals 900 <= 900', { NumericLessThanEquals: { 'sts:DurationSeconds': 900 } }, { 'sts:DurationSeconds': 900 }, true],
  ['NumericLessThanEquals 901 <= 900', { NumericLessThanEquals: { 'sts:DurationSeconds': 900 } }, { 'sts:DurationSeconds': 901 }, false],
  ['NumericGreaterThan 901 > 900', { NumericGreaterThan: { 'sts:DurationSeconds': 900 } }, { 'sts:DurationSeconds': 901 }, true],
  ['NumericGreaterThan 900 > 900', { NumericGreaterThan: { 'sts:DurationSeconds': 900 } }, { 'sts:DurationSeconds': 900 }, false],
  ['NumericGreaterThanEquals 900 >= 900', { NumericGreaterThanEquals: { 'sts:DurationSeconds': 900 } }, { 'sts:DurationSeconds': 900 }, true],
  ['NumericGreaterThanEquals 899 >= 900', { NumericGreaterThanEquals: { 'sts:DurationSeconds': 900 } }, { 'sts:DurationSeconds': 899 }, false],
  ['NumericEquals 900.0 = 900', { NumericEquals: { 'sts:DurationSeconds': '900' } }, { 'sts:DurationSeconds': '900.0' }, true],
  ['NumericEquals 9e2 = 900', { NumericEquals: { 'sts:DurationSeconds': '900' } }, { 'sts:DurationSeconds': '9e2' }, true],
  ['NumericEquals .5 = 0.5', { NumericEquals: { 'sts:DurationSeconds': '0.5' } }, { 'sts:DurationSeconds': '.5' }, true],
  ['NumericEquals -1 = -1', { NumericEquals: { 'sts:DurationSeconds': '-1' } }, { 'sts:DurationSeconds': ' -1 ' }, true],
  ['NumericEquals 0x10 is not a number', { NumericEquals: { 'sts:DurationSeconds': '16' } }, { 'sts:DurationSeconds': '0x10' }, false],
  ['NumericEquals empty is not a number', { NumericEquals: { 'sts:DurationSeconds': '0' } }, { 'sts:DurationSeconds': '' }, false],
  ['NumericNotEquals 901', { NumericNotEquals: { 'sts:DurationSeconds': 900 } }, { 'sts:DurationSeconds': 901 }, true],
  ['NumericNotEquals 900', { NumericNotEquals: { 'sts:DurationSeconds': 900 } }, { 'sts:DurationSeconds': 900 }, false],
  ['NumericLessThan with a policy value that is not a number', { NumericLessThan: { 'sts:DurationSeconds': 'lots' } }, { 'sts:DurationSeconds': 1 }, false],
  // Dates: ISO 8601 and epoch seconds, compared as instants.
  ['DateLessThan equal', { DateLessThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, false],
  ['DateLessThanEquals equal', { DateLessThanEquals: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, true],
  ['DateLessThanEquals a second later', { DateLessThanEquals: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-01-01T00:00:01Z' }, false],
  ['DateGreaterThan equal', { DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, false],
  ['DateGreaterThanEquals equal', { DateGreaterThanEquals: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, true],
  ['DateGreaterThanEquals a second earlier', { DateGreaterThanEquals: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2025-12-31T23:59:59Z' }, false],
  ['DateEquals epoch seconds and ISO', { DateEquals: { 'aws:EpochTime': '1767225600' } }, { 'aws:EpochTime': '2026-01-01T00:00:00Z' }, true],
  ['DateNotEquals', { DateNotEquals: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-01-02T00:00:00Z' }, true],
  ['DateLessThan, not a date', { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } }, { 'aws:CurrentTime': 'yesterday' }, false],
  // IP ranges: the edges of the prefix, both families.
  ['IpAddress /32 exact', { IpAddress: { 'aws:SourceIp': '203.0.113.7/32' } }, { 'aws:SourceIp': '203.0.113.7' }, true],
  ['IpAddress /32 neighbour', { IpAddress: { 'aws:SourceIp': '203.0.113.7/32' } }, { 'aws:SourceIp': '203.0.113.8' }, false],
  ['IpAddress without a prefix', { IpAddress: { 'aws:SourceIp': '203.0.113.7' } }, { 'aws:SourceIp': '203.0.113.7' }, true],
  ['IpAddress /0', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, { 'aws:SourceIp': '198.51.100.1' }, true],
  ['IpAddress /24 last address', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.113.255' }, true],
  ['IpAddress /24 next network', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.114.0' }, false],
  ['IpAddress /33 is no range', { IpAddress: { 'aws:SourceIp': '203.0.113.0/33' } }, { 'aws:SourceIp': '203.0.113.1' }, false],
  ['IpAddress /-1 is no range', { IpAddress: { 'aws:SourceIp': '203.0.113.0/-1' } }, { 'aws:SourceIp': '203.0.113.1' }, false],
  ['IpAddress an octet over 255', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.113.256' }, false],
  ['IpAddress v4 against a v6 range', { IpAddress: { 'aws:SourceIp': '::/0' } }, { 'aws:SourceIp': '203.0.113.1' }, false],
  ['IpAddress v6 full form', { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { 'aws:SourceIp': '2001:0db8:0000:0000:0000:0000:0000:0001' }, true],
  ['IpAddress v6 outside', { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { 'aws:SourceIp': '2001:db9::1' }, false],
  ['IpAddress v6 /128', { IpAddress: { 'aws:SourceIp': '::1/128' } }, { 'aws:SourceIp': '::1' }, true],
  ['IpAddress v6 with two ::', { IpAddress: { 'aws:SourceIp': '::/0' } }, { 'aws:SourceIp': '1::2::3' }, false],
  ['IpAddress v6 with nine groups', { IpAddress: { 'aws:SourceIp': '::/0' } }, { 'aws:SourceIp': '1:2:3:4:5:6:7:8:9' }, false],
  ['IpAddress v6 with seven groups and no ::', { IpAddress: { 'aws:SourceIp': '::/0' } }, { 'aws:SourceIp': '1:2:3:4:5:6:7' }, false],
  ['IpAddress v6 with a five-digit group', { IpAddress: { 'aws:SourceIp': '::/0' } }, { 'aws:SourceIp': '12345::1' }, false],
  ['IpAddress v6 :: with all eight groups', { IpAddress: { 'aws:SourceIp': '::/0' } }, { 'aws:SourceIp': '1:2:3:4::5:6:7:8' }, false],
  ['IpAddress a host name', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, { 'aws:SourceIp': 'example.com' }, false],
  ['NotIpAddress inside', { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.113.9' }, false],
  ['NotIpAddress, not an address', { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': 'nowhere' }, false],
  // ARNs: part by part; a wildcard never crosses a colon.
  ['ArnLike * in the account', { ArnLike: { 'aws:SourceArn': 'arn:aws:iam::*:role/x' } }, { 'aws:SourceArn': 'arn:aws:iam::222222222222:role/x' }, true],
  ['ArnLike * does not cross a colon', { ArnLike: { 'aws:SourceArn': 'arn:aws:iam::*' } }, { 'aws:SourceArn': 'arn:aws:iam::222222222222:role/x' }, false],
  ['ArnLike colons inside the resource', { ArnLike: { 'aws:SourceArn': 'arn:aws:logs:eu-west-1:222222222222:log-group:*' } }, { 'aws:SourceArn': 'arn:aws:logs:eu-west-1:222222222222:log-group:g:log-stream:s' }, true],
  ['ArnLike other partition', { ArnLike: { 'aws:SourceArn': 'arn:aws:iam::*:role/x' } }, { 'aws:SourceArn': 'arn:aws-cn:iam::222222222222:role/x' }, false],
  ['ArnLike a value with too few parts', { ArnLike: { 'aws:SourceArn': 'arn:aws:iam::*:role/*' } }, { 'aws:SourceArn': 'arn:aws:iam::role/x' }, false],
  // ARN operators compare ARNs part by part: "*" is not an ARN, and neither is the value.
  ['ArnLike a bare *', { ArnLike: { 'aws:SourceArn': '*' } }, { 'aws:SourceArn': 'anything at all' }, false],
  ['ArnLike ARN parts are case-sensitive', { ArnLike: { 'aws:SourceArn': 'arn:aws:iam::*:role/X' } }, { 'aws:SourceArn': 'arn:aws:iam::222222222222:role/x' }, false],
  ['ArnLike with a variable in the account', { ArnLike: { 'aws:SourceArn': 'arn:aws:iam::${aws:PrincipalAccount}:role/*' } }, { 'aws:SourceArn': `arn:aws:iam::${VENDOR}:role/x` }, true],
  ['ArnLike with a variable for another account', { ArnLike: { 'aws:SourceArn': 'arn:aws:iam::${aws:PrincipalAccount}:role/*' } }, { 'aws:SourceArn': 'arn:aws:iam::222222222222:role/x' }, false],
  ['ArnLike with a variable that has no value', { ArnLike: { 'aws:SourceArn': 'arn:aws:iam::${aws:nothing}:role/*' } }, { 'aws:SourceArn': 'arn:aws:iam::222222222222:role/x' }, false],
  ['ArnNotLike with a variable that has no value', { ArnNotLike: { 'aws:SourceArn': 'arn:aws:iam::${aws:nothing}:role/*' } }, { 'aws:SourceArn': 'arn:aws:iam::222222222222:role/x' }, false],
  // Policy variables: default values, multivalued keys, the escapes, and version 2008 reading them literally.
  ['a variable with a default', { StringEquals: { 'sts:RoleSessionName': "${aws:username, 'nobody'}" } }, { 'sts:RoleSessionName': 'nobody' }, true],
  ['a variable with a default, the key present', { StringEquals: { 'sts:RoleSessionName': "${aws:username, 'nobody'}" } }, { 'sts:RoleSessionName': 'alice', 'aws:username': 'alice' }, true],
  ['a multivalued key is not substituted', { StringEquals: { 'sts:RoleSessionName': '${aws:TagKeys}' } }, { 'sts:RoleSessionName': 'a', 'aws:TagKeys': ['a', 'b'] }, false],
  ['${$} is a dollar', { StringEquals: { 'sts:RoleSessionName': 'a${$}b' } }, { 'sts:RoleSessionName': 'a$b' }, true],
  ['${?} is a question mark in StringLike', { StringLike: { 'sts:RoleSessionName': 'a${?}' } }, { 'sts:RoleSessionName': 'a?' }, true],
  ['${?} does not match any character', { StringLike: { 'sts:RoleSessionName': 'a${?}' } }, { 'sts:RoleSessionName': 'ab' }, false],
  ['an unclosed ${ is literal', { StringEquals: { 'sts:RoleSessionName': 'a${b' } }, { 'sts:RoleSessionName': 'a${b' }, true],
  ['variable key names are case-insensitive', { StringEquals: { 'sts:RoleSessionName': '${AWS:USERNAME}' } }, { 'sts:RoleSessionName': 'alice', 'aws:username': 'alice' }, true],
  // Bool.
  ['Bool TRUE', { Bool: { 'aws:SecureTransport': 'TRUE' } }, { 'aws:SecureTransport': 'true' }, true],
  ['Bool with a policy value that is not a boolean', { Bool: { 'aws:SecureTransport': 'yes' } }, { 'aws:SecureTransport': 'yes' }, false],
  ['BinaryEquals', { BinaryEquals: { 'aws:SourceVpce': 'QUJD' } }, { 'aws:SourceVpce': 'QUJD' }, true],
  ['BinaryEquals differs', { BinaryEquals: { 'aws:SourceVpce': 'QUJD' } }, { 'aws:SourceVpce': 'qujd' }, false],
  // Null with a mixed list.
  ['Null true or false', { Null: { 'sts:ExternalId': ['true', 'false'] } }, { 'sts:ExternalId': 'x' }, true],
  // Null is never an IfExists operator: "false" on a missing key is false.
  ['Null false, key missing', { Null: { 'sts:ExternalId': 'false' } }, {}, false],
  // Several policy values: the ones that cannot be compared do not make the rest incomparable.
  ['NumericNotEquals, one policy value not a number', { NumericNotEquals: { 's3:max-keys': ['x', '5'] } }, { 's3:max-keys': '3' }, true],
  ['NumericNotEquals, every policy value not a number', { NumericNotEquals: { 's3:max-keys': ['x', 'y'] } }, { 's3:max-keys': '3' }, false],
  ['Null true, key missing', { Null: { 'sts:ExternalId': 'true' } }, {}, true],
  // Set operators: the negated forms and incomparable values.
  ['ForAllValues:StringNotLike, one value matches', { 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'secret-*' } }, { 'aws:TagKeys': ['team', 'secret-x'] }, false],
  ['ForAllValues:NumericLessThan, one value is not a number', { 'ForAllValues:NumericLessThan': { 'aws:TagKeys': 10 } }, { 'aws:TagKeys': ['1', 'x'] }, false],
  ['ForAnyValue:StringNotEquals, every value listed', { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['a', 'b'] } }, { 'aws:TagKeys': ['a', 'b'] }, false],
  ['ForAllValues with IfExists, key present and failing', { 'ForAllValues:StringEqualsIfExists': { 'aws:TagKeys': 'a' } }, { 'aws:TagKeys': ['b'] }, false],
  ['StringNotEquals on a list, one incomparable', { NumericNotEquals: { 'aws:TagKeys': 1 } }, { 'aws:TagKeys': ['2', 'x'] }, false],
  ['lower-case operator names are read as IAM reads them', { stringequals: { 'sts:RoleSessionName': 'a' } }, { 'sts:RoleSessionName': 'a' }, true],
  ['lower-case set operator', { 'foranyvalue:StringEquals': { 'aws:TagKeys': 'a' } }, { 'aws:TagKeys': ['a', 'b'] }, true],
  ['forallvalues in lower case', { 'forallvalues:StringEquals': { 'aws:TagKeys': 'a' } }, { 'aws:TagKeys': ['a', 'b'] }, false],
];

describe('condition operators at their edges', () => {
  it.each(rows)('%s', (_name, condition, keys, met) => {
    const evaluation = evaluate(condition, keys);
    expect(evaluation.met).toBe(met);
    expect(evaluation.reason).toMatchSnapshot();
  });

  it('a 2008-10-17 policy reads ${...} literally', () => {
    expect(evaluate({ StringEquals: { 'sts:RoleSessionName': '${aws:username}' } }, { 'sts:RoleSessionName': 'alice', 'aws:username': 'alice' }, '2008-10-17').met).toBe(false);
    expect(evaluate({ StringEquals: { 'sts:RoleSessionName': '${aws:username}' } }, { 'sts:RoleSessionName': '${aws:username}' }, '2008-10-17').met).toBe(true);
  });

  it('"IfExists" alone is not an operator', () => {
    expect(() => evaluate({ IfExists: { k: 'v' } }, {})).toThrow('unknown condition operator "IfExists"');
  });
});

describe('keys IAM sets on every request', () => {
  const principalKeys = (arn: string) => {
    const request = { principal: principalFromArn(arn), action: 'sts:AssumeRole', resource: 'arn:aws:iam::222222222222:role/r', conditionKeys: {} };
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:PrincipalArn': 'x', 'aws:PrincipalAccount': 'x', 'aws:PrincipalType': 'x' } },
        },
      ],
    };
    return evaluatePolicy(policy, request, 'trust').statements[0]!.conditions.map((c) => c.actual);
  };

  it.each<[string, (string[] | undefined)[]]>([
    [`arn:aws:sts::${VENDOR}:assumed-role/r/s`, [[`arn:aws:iam::${VENDOR}:role/r`], [VENDOR], ['AssumedRole']]],
    [`arn:aws:iam::${VENDOR}:role/r`, [[`arn:aws:iam::${VENDOR}:role/r`], [VENDOR], undefined]],
    [`arn:aws:iam::${VENDOR}:user/u`, [[`arn:aws:iam::${VENDOR}:user/u`], [VENDOR], ['User']]],
    [`arn:aws:iam::${VENDOR}:root`, [[`arn:aws:iam::${VENDOR}:root`], [VENDOR], ['Account']]],
    [`arn:aws:iam::${VENDOR}:oidc-provider/oidc.example/id/1`, [undefined, undefined, undefined]],
  ])('%s', (arn, expected) => {
    expect(principalKeys(arn)).toEqual(expected);
  });

  it('a value the request gives wins over the derived one', () => {
    const request = { principal: session, action: 'sts:AssumeRole', resource: 'r', conditionKeys: { 'AWS:PrincipalAccount': '999999999999' } };
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalAccount': VENDOR } } }] };
    expect(evaluatePolicy(policy, request, 'trust').decision).toBe('implicitDeny');
  });
});
