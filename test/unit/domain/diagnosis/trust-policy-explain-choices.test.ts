// Which statement explain corrects when several could be meant for the dataplane role, and the exact
// advice it gives per condition key and principal shape: the choices a support engineer relies on.
import { explainTrustPolicy } from '../../../../lib/domain/diagnosis/trust-policy';

const ROLE = 'arn:aws:iam::111111111111:role/acme-dataplane-role';
const OTHER_ROLE = 'arn:aws:iam::111111111111:role/globex-dataplane-role';
const ID = 'acme-ext-1234';
const OPTIONS = { principalArn: ROLE, externalId: ID, sessionName: 'verify-acme-c1-1' };
const withId = { StringEquals: { 'sts:ExternalId': ID } };

function allow(sid: string, principal: unknown, action: string, condition?: Record<string, unknown>) {
  return { Sid: sid, Effect: 'Allow', Principal: principal, Action: action, ...(condition ? { Condition: condition } : {}) };
}

const explain = (...statements: unknown[]) => explainTrustPolicy({ Version: '2012-10-17', Statement: statements }, OPTIONS);

describe('the closest Allow statement is the one explain corrects', () => {
  it('fewer failures win: a wrong principal (2) over a wrong principal and action (4)', () => {
    const e = explain(allow('Both', { AWS: OTHER_ROLE }, 's3:GetObject'), allow('PrincipalOnly', { AWS: OTHER_ROLE }, 'sts:AssumeRole'));
    expect(e.summary).toContain('the closest statement, Statement[1] (Sid "PrincipalOnly"), does not apply');
  });

  it('a wrong action counts like a wrong principal: the earlier of two equal statements wins', () => {
    const e = explain(allow('Action', { AWS: ROLE }, 's3:GetObject', withId), allow('Principal', { AWS: OTHER_ROLE }, 'sts:AssumeRole', withId));
    expect(e.summary).toContain('the closest statement, Statement[0] (Sid "Action")');
  });

  it('each failing condition counts one', () => {
    const e = explain(
      allow('TwoConditions', { AWS: ROLE }, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': ID, 'aws:PrincipalAccount': '999999999999' }, Bool: { 'aws:SecureTransport': 'false' } }),
      allow('OneCondition', { AWS: ROLE }, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': ID, 'aws:PrincipalAccount': '999999999999' } }),
    );
    expect(e.summary).toContain('the closest statement, Statement[1] (Sid "OneCondition")');
  });

  it('a statement with an External ID condition is preferred over a closer one without', () => {
    const e = explain(allow('NoId', { AWS: ROLE }, 's3:GetObject'), allow('WithId', { AWS: OTHER_ROLE }, 'sts:AssumeRole', withId));
    expect(e.summary).toContain('the closest statement, Statement[1] (Sid "WithId")');
  });

  it('a statement that matches neither the principal nor the action is not a candidate: a fresh statement is added', () => {
    const e = explain(allow('Neither', { AWS: OTHER_ROLE }, 's3:GetObject', withId));
    expect(e.summary).toContain('none of its Allow statements (Statement[0] (Sid "Neither")) is meant for an AWS role calling sts:AssumeRole');
  });

  it('a policy with only a Deny has no Allow statement', () => {
    const e = explain({ Sid: 'Deny', Effect: 'Deny', Principal: { AWS: OTHER_ROLE }, Action: 'sts:AssumeRole' });
    expect(e.summary).toBe(`Denied: no statement lets ${ROLE} assume this role; the trust policy has no Allow statement.`);
    expect(e.fix).toBe(`Add a statement that allows sts:AssumeRole to {"AWS": "${ROLE}"} with a StringEquals condition on sts:ExternalId, as in the corrected policy.`);
  });

  it('the fresh statement keeps its Sid unless the policy already uses it', () => {
    const taken = explain({ Sid: 'AllowVendorDataplaneWithExternalId', Effect: 'Deny', Principal: { AWS: OTHER_ROLE }, Action: 'sts:AssumeRole' });
    const free = explain({ Sid: 'Other', Effect: 'Deny', Principal: { AWS: OTHER_ROLE }, Action: 'sts:AssumeRole' });
    const sids = (p: unknown) => (p as { Statement: { Sid?: string }[] }).Statement.map((s) => s.Sid);
    expect(sids(taken.correctedPolicy)).toEqual(['AllowVendorDataplaneWithExternalId', undefined]);
    expect(sids(free.correctedPolicy)).toEqual(['Other', 'AllowVendorDataplaneWithExternalId']);
  });
});

describe('advice per condition key that stands in the way', () => {
  it.each([
    ['aws:SourceIdentity', ' (the dataplane sets no source identity)'],
    ['aws:PrincipalTag/team', ' (the dataplane passes no session tags)'],
    ['aws:RequestTag/team', ' (the dataplane passes no session tags)'],
    ['aws:PrincipalArn', `, or make it match ${ROLE}`],
    ['sts:RoleSessionName', ', or make it match the session names the dataplane uses'],
    ['aws:SourceAccount', ", or change it so that it matches the dataplane role's call"],
  ])('%s', (key, advice) => {
    const e = explain(allow('Vendor', { AWS: ROLE }, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': ID, [key]: 'arn:aws:iam::999999999999:role/nobody' } }));
    expect(e.fix).toBe(`In Statement[0] (Sid "Vendor"), remove the StringEquals condition on ${key}${advice}.`);
  });

  it('a statement without any External ID condition is also told to add one', () => {
    const e = explain(allow('Vendor', { AWS: OTHER_ROLE }, 'sts:AssumeRole'));
    expect(e.fix).toBe(
      `In Statement[0] (Sid "Vendor"), set the Principal to {"AWS": "${ROLE}"}. Also add "StringEquals": {"sts:ExternalId": "<YOUR_EXTERNAL_ID>"} to its Condition, so that the role requires the External ID.`,
    );
  });

  it('a wrong Action and a NotAction are told apart', () => {
    const action = explain(allow('Vendor', { AWS: ROLE }, 's3:GetObject', withId));
    const notAction = explain({ Sid: 'Vendor', Effect: 'Allow', Principal: { AWS: ROLE }, NotAction: 'sts:AssumeRole', Condition: withId });
    expect(action.summary).toContain('does not apply: its Action "s3:GetObject" does not include sts:AssumeRole');
    expect(notAction.summary).toContain('does not apply: its NotAction excludes sts:AssumeRole');
    expect(action.fix).toBe('In Statement[0] (Sid "Vendor"), set the Action to "sts:AssumeRole".');
  });
});

describe('principal shapes in the texts', () => {
  it('several AWS principals are listed', () => {
    const e = explain(allow('Vendor', { AWS: [OTHER_ROLE, 'arn:aws:iam::333333333333:root'] }, 'sts:AssumeRole', withId));
    expect(e.summary).toContain(`it trusts ${OTHER_ROLE}, arn:aws:iam::333333333333:root, not the dataplane role ${ROLE}`);
  });

  it('a user unique id is named as a deleted entity', () => {
    const e = explain(allow('Vendor', { AWS: 'AIDAEXAMPLEID1234567X' }, 'sts:AssumeRole', withId));
    expect(e.summary).toContain('it trusts AIDAEXAMPLEID1234567X, a unique ID IAM shows in place of a role that was deleted');
  });

  it('an id that only looks like a unique id is not named as one', () => {
    const e = explain(allow('Vendor', { AWS: 'xAROAEXAMPLEID1234567' }, 'sts:AssumeRole', withId));
    expect(e.summary).not.toContain('unique ID');
  });

  it('the whole account, named by root or by id, is not pinned to the dataplane role; naming the role as well, or a condition on the principal, needs no note', () => {
    const root = explain(allow('Vendor', { AWS: 'arn:aws:iam::111111111111:root' }, 'sts:AssumeRole', withId));
    const both = explain(allow('Vendor', { AWS: ['111111111111', ROLE] }, 'sts:AssumeRole', withId));
    const otherAccount = explain(allow('Vendor', { AWS: ['arn:aws:iam::111111111111:root'] }, 'sts:AssumeRole', withId), allow('X', { AWS: 'arn:aws:iam::333333333333:root' }, 'sts:AssumeRole'));
    const pinnedByCondition = explain(
      allow('Vendor', { AWS: 'arn:aws:iam::111111111111:root' }, 'sts:AssumeRole', {
        StringEquals: { 'sts:ExternalId': ID, 'aws:PrincipalArn': ROLE },
      }),
    );
    expect(root.summary).toContain('Warning: Statement[0] (Sid "Vendor") trusts the whole account 111111111111, not only the dataplane role');
    expect(root.fix).toBe(`Set the Principal of Statement[0] (Sid "Vendor") to {"AWS": "${ROLE}"}.`);
    expect((root.correctedPolicy as { Statement?: unknown })?.Statement).toEqual([expect.objectContaining({ Principal: { AWS: ROLE } })]);
    expect(both.summary).not.toContain('the whole account');
    expect(pinnedByCondition.summary).not.toContain('the whole account');
    expect(pinnedByCondition.fix).toBeUndefined();
    expect(otherAccount.summary.match(/the whole account/g)).toHaveLength(1);
  });

  it('"*" among other AWS principals is everyone', () => {
    const e = explain(allow('Vendor', { AWS: [ROLE, '*'] }, 'sts:AssumeRole', withId));
    expect(e.summary).toContain('trusts every AWS principal ("*")');
    expect(e.fix).toBe(`Set the Principal of Statement[0] (Sid "Vendor") to {"AWS": "${ROLE}"}.`);
  });

  it('an External ID matched with ? is a wildcard too', () => {
    const e = explain(allow('Vendor', { AWS: ROLE }, 'sts:AssumeRole', { StringLike: { 'sts:ExternalId': 'acme-ext-123?' } }));
    expect(e.summary).toContain('matches the External ID with a wildcard pattern (StringLike)');
  });
});
