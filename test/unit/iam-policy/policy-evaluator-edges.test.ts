// Rules of the policy evaluator at their edges, each on both sides: principal ARNs that only look
// right, policy variables and their escapes, ARN parts, numbers, dates, IP addresses and Bool, where a
// small slip in the code would change a decision without any other test noticing.
import { evaluatePolicy, InvalidPrincipalArnError, principalFromArn, RequestContext, RequestPrincipal } from '../../../lib/iam-policy';
import { fingerprint } from '../../../lib/external-id';
import { createHash } from 'node:crypto';

const VENDOR = '111111111111';
const TARGET = 'arn:aws:iam::222222222222:role/qualytics-s3-access';
const SESSION = principalFromArn(`arn:aws:sts::${VENDOR}:assumed-role/acme-dataplane-role/s1`);

function request(principal: RequestPrincipal, conditionKeys: Record<string, string | string[]> = {}): RequestContext {
  return { principal, action: 'sts:AssumeRole', resource: TARGET, conditionKeys };
}

/** Whether one condition holds for the dataplane role's session with these request keys. */
function met(condition: Record<string, Record<string, unknown>>, keys: Record<string, string | string[]> = {}, version = '2012-10-17'): boolean {
  const policy = { Version: version, Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Condition: condition }] };
  const result = evaluatePolicy(policy, request(SESSION, keys), 'trust');
  expect(result.decision).toBe(result.statements[0]!.conditionsMet ? 'allowed' : 'implicitDeny');
  return result.statements[0]!.conditionsMet;
}

function trustReasons(principal: unknown, caller: RequestPrincipal = SESSION): { allowed: boolean; reasons: string[] } {
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: principal }] };
  const result = evaluatePolicy(policy, request(caller), 'trust');
  return { allowed: result.decision === 'allowed', reasons: result.statements[0]!.reasons };
}

describe('fingerprints', () => {
  it('are the first 8 hex characters of the SHA-256, as a customer computes them with sha256sum', () => {
    expect(fingerprint('acme-ext-1234')).toBe(createHash('sha256').update('acme-ext-1234').digest('hex').slice(0, 8));
    expect(fingerprint('abc')).toBe('ba7816bf');
  });
});

describe('principal ARNs that only look like principals', () => {
  it.each([
    ['a role ARN without a name', `arn:aws:iam::${VENDOR}:role`],
    ['a role ARN ending in a slash', `arn:aws:iam::${VENDOR}:role/`],
    ['a group', `arn:aws:iam::${VENDOR}:group/admins`],
    ['an OIDC provider without a host', `arn:aws:iam::${VENDOR}:oidc-provider`],
    ['an assumed-role ARN without a session', `arn:aws:sts::${VENDOR}:assumed-role/acme-dataplane-role`],
    ['an assumed-role ARN with an empty role', `arn:aws:sts::${VENDOR}:assumed-role//s1`],
    ['an assumed-role ARN with one part too many', `arn:aws:sts::${VENDOR}:assumed-role/a/b/c`],
    ['a federated-user session', `arn:aws:sts::${VENDOR}:federated-user/bob`],
    ['an sts ARN of another kind', `arn:aws:sts::${VENDOR}:role/acme-dataplane-role`],
  ])('%s is refused as a caller: %s', (_, arn) => {
    expect(() => principalFromArn(arn)).toThrow(InvalidPrincipalArnError);
    expect(() => principalFromArn(arn)).toThrow(`"${arn}" is not a principal this evaluator supports`);
  });

  it.each([
    ['a role', `arn:aws:iam::${VENDOR}:role/team/x`, 'Role'],
    ['a user', `arn:aws:iam::${VENDOR}:user/x`, 'IAMUser'],
    ['a SAML provider', `arn:aws:iam::${VENDOR}:saml-provider/corp`, 'WebIdentity'],
    ['an OIDC provider', `arn:aws:iam::${VENDOR}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/AAAA`, 'WebIdentity'],
  ])('%s is accepted: %s', (_, arn, type) => {
    expect(principalFromArn(arn).type).toBe(type);
  });

  it.each([
    ['a role ARN without a name', `arn:aws:iam::${VENDOR}:role`],
    ['a group of the same name', `arn:aws:iam::${VENDOR}:group/acme-dataplane-role`],
    ['a federated-user of the same name', `arn:aws:sts::${VENDOR}:federated-user/acme-dataplane-role`],
    ['an sts ARN naming the role', `arn:aws:sts::${VENDOR}:role/acme-dataplane-role`],
  ])('%s in a Principal trusts nobody: %s', (_, listed) => {
    expect(trustReasons({ AWS: listed }).allowed).toBe(false);
  });

  it.each([
    ['13 digits', '1111111111112'],
    ['12 digits after a letter', 'x111111111111'],
    ['a unique id after a letter', 'xAROAEXAMPLEID1234567'],
    ['a unique id with a trailing character', 'AROAEXAMPLEID1234567-'],
  ])('%s is neither an account id nor a unique id, and the reason says so', (_, value) => {
    const { allowed, reasons } = trustReasons({ AWS: value });
    expect(allowed).toBe(false);
    expect(reasons).toContain(`Statement[0]: "${value}" is neither "*", an account ID nor a principal ARN`);
  });

  it('a unique id is named as one', () => {
    expect(trustReasons({ AWS: 'AROAEXAMPLEID1234567' }).reasons.join('\n')).toContain('AROAEXAMPLEID1234567 is a unique ID');
  });

  it('a block with only a service adds no note about AWS principals', () => {
    const { allowed, reasons } = trustReasons({ Service: 'ec2.amazonaws.com' });
    expect(allowed).toBe(false);
    expect(reasons).toEqual([
      `Statement[0]: Principal Service ec2.amazonaws.com does not match the caller ${SESSION.arn}`,
    ]);
  });

  it('a service principal without a service name matches no Service entry', () => {
    const unnamed: RequestPrincipal = { arn: 'unnamed', accountId: '', type: 'Service' };
    expect(trustReasons({ Service: 'ec2.amazonaws.com' }, unnamed).allowed).toBe(false);
  });

  it('NotPrincipal "*" names every caller in its reason', () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sts:AssumeRole', NotPrincipal: '*' }] };
    const [statement] = evaluatePolicy(policy, request(SESSION), 'trust').statements;
    expect(statement!.reasons[0]).toBe(`Statement[0]: the caller ${SESSION.arn} is listed in NotPrincipal ("*"), so the statement does not apply to it`);
  });
});

describe('policy variables and their escapes', () => {
  const account = { 'aws:PrincipalAccount': VENDOR };
  it.each<[string, string, Record<string, string>, boolean]>([
    ['a brace without a dollar is literal', 'a{b}', {}, true],
    ['a dollar without a brace is literal', 'cost$a}', {}, true],
    ['a variable after a literal brace', `x}\${aws:PrincipalAccount}`, account, true],
    ['spaces inside ${ }', `\${ aws:PrincipalAccount }`, account, true],
    ['${*} is a literal *', 'a${*}b', {}, true],
    ['${?} is a literal ?', 'a${?}b', {}, true],
    ['${$} is a literal $', 'a${$}b', {}, true],
    ['a default with no space', "${aws:nothing,'dflt'}", {}, true],
    ['a default with two spaces', "${aws:nothing,  'dflt'}", {}, true],
    ['a default followed by text inside the braces is no default', "${aws:nothing, 'dflt' junk}", {}, false],
  ])('%s: %s', (_, pattern, keys, expected) => {
    const literal = { 'a{b}': 'a{b}', 'cost$a}': 'cost$a}', 'a${*}b': 'a*b', 'a${?}b': 'a?b', 'a${$}b': 'a$b' }[pattern];
    const value = literal ?? (pattern.startsWith('x}') ? `x}${VENDOR}` : pattern.includes('dflt') ? 'dflt' : VENDOR);
    expect(met({ StringEquals: { 'aws:SourceAccount': pattern } }, { ...keys, 'aws:SourceAccount': value })).toBe(expected);
  });

  it('a variable with no value makes StringEqualsIgnoreCase false, not an error', () => {
    expect(met({ StringEqualsIgnoreCase: { 'aws:SourceAccount': '${aws:nothing}' } }, { 'aws:SourceAccount': 'x' })).toBe(false);
  });

  it('StringLike * spans line breaks and ? is one character, astral ones included', () => {
    expect(met({ StringLike: { 'aws:UserAgent': 'a*' } }, { 'aws:UserAgent': 'a\nb' })).toBe(true);
    expect(met({ StringLike: { 'aws:UserAgent': 'a?' } }, { 'aws:UserAgent': 'a😀' })).toBe(true);
    expect(met({ StringLike: { 'aws:UserAgent': 'a?' } }, { 'aws:UserAgent': 'a😀b' })).toBe(false);
  });
});

describe('ARN parts', () => {
  it.each<[string, string, string, boolean]>([
    ['a brace in the partition does not hide the colons after it', 'ArnLike', 'arn:aws}:s3:::x', true],
    ['a value that starts with another word than arn', 'ArnLike', 'arn:aws:iam::*:role/x', false],
  ])('%s', (_, operator, pattern, expected) => {
    const value = pattern === 'arn:aws}:s3:::x' ? 'arn:aws}:s3:::x' : `urn:aws:iam::${VENDOR}:role/x`;
    expect(met({ [operator]: { 'aws:SourceArn': pattern } }, { 'aws:SourceArn': value })).toBe(expected);
  });

  it('a part that does not match decides ArnNotLike even when a later part cannot be compared', () => {
    const pattern = 'arn:aws:iam::999999999999:role/${aws:nothing}';
    expect(met({ ArnNotLike: { 'aws:SourceArn': pattern } }, { 'aws:SourceArn': `arn:aws:iam::${VENDOR}:role/x` })).toBe(true);
    expect(met({ ArnNotLike: { 'aws:SourceArn': `arn:aws:iam::${VENDOR}:role/\${aws:nothing}` } }, { 'aws:SourceArn': `arn:aws:iam::${VENDOR}:role/x` })).toBe(false);
  });

  it('a Resource that starts like an ARN but lacks parts matches nothing; "*" matches everything', () => {
    const identity = (resource: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: resource }] });
    expect(evaluatePolicy(identity('arn:aws:iam::*'), request(SESSION), 'identity').decision).toBe('implicitDeny');
    expect(evaluatePolicy(identity('*'), request(SESSION), 'identity').decision).toBe('allowed');
  });
});

describe('numbers, dates, Bool', () => {
  it.each<[string, Record<string, Record<string, string>>, Record<string, string>, boolean]>([
    ['a number written .55', { NumericEquals: { 'aws:MultiFactorAuthAge': '.55' } }, { 'aws:MultiFactorAuthAge': '0.55' }, true],
    ['an exponent with a sign', { NumericEquals: { 'aws:MultiFactorAuthAge': '1e+3' } }, { 'aws:MultiFactorAuthAge': '1000' }, true],
    ['an exponent of two digits', { NumericEquals: { 'aws:MultiFactorAuthAge': '1e10' } }, { 'aws:MultiFactorAuthAge': '10000000000' }, true],
    ['NumericEquals on different numbers', { NumericEquals: { 'aws:MultiFactorAuthAge': '5' } }, { 'aws:MultiFactorAuthAge': '6' }, false],
    ['a date without a time is an ISO date, not epoch seconds', { DateEquals: { 'aws:CurrentTime': '2026-01-01' } }, { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, true],
    ['epoch seconds', { DateEquals: { 'aws:CurrentTime': '1767225600' } }, { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, true],
    ['DateEquals on different dates', { DateEquals: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-01-02T00:00:00Z' }, false],
    ['DateNotEquals on the same date', { DateNotEquals: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, false],
    ['DateNotEquals on a value that is not a date', { DateNotEquals: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, { 'aws:CurrentTime': 'soon' }, false],
    ['Bool true on true', { Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'true' }, true],
    ['Bool true on false', { Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'false' }, false],
    ['Bool false on false', { Bool: { 'aws:SecureTransport': 'false' } }, { 'aws:SecureTransport': 'false' }, true],
    ['Bool with a policy value that is not a boolean', { Bool: { 'aws:SecureTransport': 'yes' } }, { 'aws:SecureTransport': 'yes' }, false],
  ])('%s', (_, condition, keys, expected) => {
    expect(met(condition, keys)).toBe(expected);
  });
});

describe('IP addresses', () => {
  it.each<[string, string, string, boolean]>([
    ['a full IPv6 address', '2001:db8::/32', '2001:db8:0:0:0:0:0:1', true],
    ['a compressed IPv6 address with several groups after ::', '2001:db8::/32', '2001:db8::1:2', true],
    [':: standing for one group', '1:2:3:4:5:6::/112', '1:2:3:4:5:6::8', true],
    ['a group of five digits', '::/0', '1:2:3:4:5:6:7:12345', false],
    ['an empty group', '::/0', ':1:2:3:4:5:6:7', false],
    ['characters that are not hex', '::/0', 'g::1', false],
    ['hex after the address', '::/0', '::1zz', false],
    ['an IPv4 address with a suffix', '203.0.113.0/24', '203.0.113.7x', false],
    ['an IPv4 address with a prefix', '203.0.113.0/24', 'x203.0.113.7', false],
    ['spaces around the request address', '203.0.113.0/24', ' 203.0.113.7 ', true],
    ['spaces around the policy range', ' 203.0.113.0 /24', '203.0.113.7', true],
  ])('%s: %s against %s', (_, range, address, expected) => {
    expect(met({ IpAddress: { 'aws:SourceIp': range } }, { 'aws:SourceIp': address })).toBe(expected);
  });
});
