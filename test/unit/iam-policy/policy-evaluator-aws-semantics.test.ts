// Evaluator rules where AWS's documented semantics decide, checked on both sides:
// - IAM role and user names are unique regardless of case ("Names are not distinguished by case",
//   IAM CreateRole/CreateUser), and a Principal naming a role is resolved to that role when the policy
//   is saved, so "role/ACME-Dataplane-Role" names the role acme-dataplane-role; session names are not
//   IAM names and stay case-sensitive;
// - ARN condition operators compare the six colon-separated parts of an ARN: a request value or a
//   policy value that is not an ARN matches nothing, and a negated ARN operator cannot hold either.
import { evaluatePolicy, principalFromArn, RequestContext, RequestPrincipal } from '../../../lib/iam-policy';

const VENDOR = '111111111111';
const TARGET_ROLE = 'arn:aws:iam::222222222222:role/qualytics-s3-access';
const p = (arn: string) => principalFromArn(arn);

function request(principal: RequestPrincipal, conditionKeys: Record<string, string> = {}): RequestContext {
  return { principal, action: 'sts:AssumeRole', resource: TARGET_ROLE, conditionKeys };
}

function trusts(principal: unknown, caller: RequestPrincipal): boolean {
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: principal }] };
  return evaluatePolicy(policy, request(caller), 'trust').decision === 'allowed';
}

describe('role and user names in principals compare as IAM resolves them', () => {
  it.each<[string, string, string, boolean]>([
    ['a role in another case, for a session of the role', `arn:aws:iam::${VENDOR}:role/ACME-Dataplane-Role`, `arn:aws:sts::${VENDOR}:assumed-role/acme-dataplane-role/s1`, true],
    ['a role in another case, for the role', `arn:aws:iam::${VENDOR}:role/Acme-dataplane-role`, `arn:aws:iam::${VENDOR}:role/acme-dataplane-role`, true],
    ['a role with a path in another case', `arn:aws:iam::${VENDOR}:role/team/ACME-DATAPLANE-ROLE`, `arn:aws:sts::${VENDOR}:assumed-role/acme-dataplane-role/s1`, true],
    ['a user in another case', `arn:aws:iam::${VENDOR}:user/Alice`, `arn:aws:iam::${VENDOR}:user/alice`, true],
    ['a session whose role name differs in case', `arn:aws:sts::${VENDOR}:assumed-role/ACME-dataplane-role/s1`, `arn:aws:sts::${VENDOR}:assumed-role/acme-dataplane-role/s1`, true],
    ['a session whose session name differs in case', `arn:aws:sts::${VENDOR}:assumed-role/acme-dataplane-role/S1`, `arn:aws:sts::${VENDOR}:assumed-role/acme-dataplane-role/s1`, false],
    ['another role whose name only shares a prefix', `arn:aws:iam::${VENDOR}:role/ACME-dataplane-role2`, `arn:aws:sts::${VENDOR}:assumed-role/acme-dataplane-role/s1`, false],
    ['a user principal with the role\'s name, for a role session', `arn:aws:iam::${VENDOR}:user/ACME-dataplane-role`, `arn:aws:sts::${VENDOR}:assumed-role/acme-dataplane-role/s1`, false],
    ['a role principal with the user\'s name, for the user', `arn:aws:iam::${VENDOR}:role/ALICE`, `arn:aws:iam::${VENDOR}:user/alice`, false],
    ['a role in another case in another account', 'arn:aws:iam::333333333333:role/ACME-dataplane-role', `arn:aws:sts::${VENDOR}:assumed-role/acme-dataplane-role/s1`, false],
  ])('%s: %s', (_, listed, caller, expected) => {
    expect(trusts({ AWS: listed }, p(caller))).toBe(expected);
  });
});

describe('ARN condition operators match only ARNs', () => {
  const caller = p(`arn:aws:sts::${VENDOR}:assumed-role/acme-dataplane-role/s1`);
  const met = (operator: string, key: string, value: string, requestValue: string) => {
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Condition: { [operator]: { [key]: value } } }],
    };
    return evaluatePolicy(policy, request(caller, { [key]: requestValue }), 'trust').statements[0]!.conditionsMet;
  };

  it.each<[string, string, string, boolean]>([
    // A request value that is not an ARN: no ARN operator holds, negated or not.
    ['ArnLike', '*', 'not-an-arn', false],
    ['ArnEquals', '*', 'not-an-arn', false],
    ['ArnLike', 'arn:*:*:*:*:*', 'not-an-arn', false],
    ['ArnNotLike', 'arn:aws:iam::111111111111:role/x', 'not-an-arn', false],
    ['ArnNotEquals', 'arn:aws:iam::111111111111:role/x', 'not-an-arn', false],
    ['ArnLike', 'arn:aws:iam::111111111111:role/*', 'arn:aws:iam::111111111111', false],
    // A policy value that is not an ARN matches nothing, even "*".
    ['ArnLike', '*', 'arn:aws:iam::111111111111:role/x', false],
    ['ArnEquals', 'acme-dataplane-role', 'arn:aws:iam::111111111111:role/acme-dataplane-role', false],
    ['ArnNotLike', '*', 'arn:aws:iam::111111111111:role/x', false],
    // ARNs on both sides: part by part, with wildcards.
    ['ArnLike', 'arn:*:*:*:*:*', 'arn:aws:iam::111111111111:role/x', true],
    ['ArnLike', 'arn:aws:iam::111111111111:role/*', 'arn:aws:iam::111111111111:role/x', true],
    ['ArnEquals', 'arn:aws:iam::111111111111:role/x', 'arn:aws:iam::111111111111:role/x', true],
    ['ArnNotLike', 'arn:aws:iam::111111111111:role/y*', 'arn:aws:iam::111111111111:role/x', true],
    ['ArnNotEquals', 'arn:aws:iam::111111111111:role/x', 'arn:aws:iam::111111111111:role/x', false],
  ])('%s %s against %s: %s', (operator, value, requestValue, expected) => {
    expect(met(operator, 'aws:PrincipalArn', value, requestValue)).toBe(expected);
  });

  it('a non-ARN value among ARN values does not stop a match with the ARN ones', () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Condition: { ArnLike: { 'aws:PrincipalArn': ['*', 'arn:aws:iam::111111111111:role/acme-*'] } } },
      ],
    };
    expect(evaluatePolicy(policy, request(caller), 'trust').decision).toBe('allowed');
  });
});
