// ARN patterns as IAM matches them in Resource: part by part, with policy variables (whose keys hold a
// colon) inside a part, and only for text that is an ARN; and dates that cannot be compared.
import { evaluatePolicy, principalFromArn, type RequestContext } from '../../../lib/iam-policy';

const ACCOUNT = '111111111111';
const request = (resource: string, keys: Record<string, string> = {}): RequestContext => ({
  principal: principalFromArn(`arn:aws:sts::${ACCOUNT}:assumed-role/r/s`),
  action: 'sqs:SendMessage',
  resource,
  conditionKeys: { 'aws:PrincipalAccount': ACCOUNT, ...keys },
});
const allowOn = (Resource: string, Condition?: object) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource, ...(Condition ? { Condition } : {}) }],
});
const decide = (policy: unknown, req: RequestContext) => evaluatePolicy(policy, req, 'identity').decision;

describe('Resource ARN patterns', () => {
  it.each([
    ['a variable as the whole account part', `arn:aws:sqs:eu-west-1:\${aws:PrincipalAccount}:q`, `arn:aws:sqs:eu-west-1:${ACCOUNT}:q`, {}, 'allowed'],
    ['the same variable against another account', `arn:aws:sqs:eu-west-1:\${aws:PrincipalAccount}:q`, 'arn:aws:sqs:eu-west-1:222222222222:q', {}, 'implicitDeny'],
    ['a variable after text in a part', `arn:aws:sqs:eu-\${aws:PrincipalTag/region}:${ACCOUNT}:q`, `arn:aws:sqs:eu-west-1:${ACCOUNT}:q`, { 'aws:PrincipalTag/region': 'west-1' }, 'allowed'],
    ['a pattern that starts like an ARN but lacks parts', 'arn:aws:sqs::*', `arn:aws:sqs:eu-west-1:${ACCOUNT}:q`, {}, 'implicitDeny'],
    ['an ARN pattern against a value that is not an ARN', 'arn:aws:s3:::*', 'my-bucket', {}, 'implicitDeny'],
    // Text that is not an ARN is matched as a whole, so its * may span colons.
    ['text of six colon-separated parts that is not an ARN', 'foo:*:c:d:e:f', 'foo:a:b:c:d:e:f', {}, 'allowed'],
    ['an ARN, whose * stays within its part', 'arn:*:c:d:e:f', 'arn:a:b:c:d:e:f', {}, 'implicitDeny'],
    ['a part that does not match, before one that cannot be compared', `arn:aws:sqs:eu-west-2:\${aws:PrincipalTag/acct}:q`, `arn:aws:sqs:eu-west-1:${ACCOUNT}:q`, {}, 'implicitDeny'],
  ])('%s', (_label, pattern, resource, keys, decision) => {
    // Act
    const decided = decide(allowOn(pattern), request(resource, keys));

    // Assess
    expect(decided).toBe(decision);
  });
});

describe('dates that cannot be compared', () => {
  it('make DateNotEquals false, not true', () => {
    // Act
    const decided = decide(
      allowOn('*', { DateNotEquals: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } }),
      request('x', { 'aws:CurrentTime': 'yesterday' }),
    );

    // Assess
    expect(decided).toBe('implicitDeny');
  });
});
