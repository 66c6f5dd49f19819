// A malformed policy is refused with the path of the element at fault and what is allowed there, one
// rule per row, so support can point the customer at the exact line. AWS refuses the same documents
// (MalformedPolicyDocument); our words say why.
import { evaluatePolicies, evaluatePolicy, PolicyDocumentError, type PolicyKind, principalFromArn, type RequestContext } from '../../../lib/iam-policy';

const REQUEST: RequestContext = {
  action: 'sts:AssumeRole',
  principal: principalFromArn('arn:aws:sts::111111111111:assumed-role/r/s'),
  resource: 'arn:aws:iam::222222222222:role/t',
  conditionKeys: {},
};
const ALLOW = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:role/r' }, Action: 'sts:AssumeRole' };
const PRINCIPAL = ALLOW.Principal;
const statement = (s: object) => ({ Version: '2012-10-17', Statement: [s] });

const CASES: [string, unknown, PolicyKind, string][] = [
  // Actions
  ['an action that is a number, in a list', statement({ ...ALLOW, Action: [5] }), 'trust', 'Statement[0].Action[0]: actions must be strings, got number'],
  ['an action that is a number', statement({ ...ALLOW, Action: 5 }), 'trust', 'Statement[0].Action: actions must be strings, got number'],
  ['an empty action in a list', statement({ ...ALLOW, Action: ['sts:AssumeRole', ''] }), 'trust', 'Statement[0].Action[1]: action must not be empty'],
  ['an empty action', statement({ ...ALLOW, Action: '' }), 'trust', 'Statement[0].Action: action must not be empty'],
  ['a NotAction that is a number, by its own path', statement({ Effect: 'Allow', Principal: PRINCIPAL, NotAction: [5] }), 'trust', 'Statement[0].NotAction[0]: actions must be strings, got number'],
  ['a NotPrincipal that is a number, by its own path', statement({ Effect: 'Deny', NotPrincipal: 5, Action: 'sts:AssumeRole' }), 'trust', 'Statement[0].NotPrincipal: must be "*" or an object such as {"AWS": "<role ARN>"}, got number'],
  ['an empty list of actions', statement({ ...ALLOW, Action: [] }), 'trust', 'Statement[0].Action: must list at least one action'],
  ['an action without a service', statement({ ...ALLOW, Action: 'AssumeRole' }), 'trust', 'Statement[0].Action: "AssumeRole" is not an action; actions are "*" or "<service>:<name>", e.g. "sts:AssumeRole"'],
  ['an action with a character after it', statement({ ...ALLOW, Action: 'sts:AssumeRole!' }), 'trust', 'Statement[0].Action: "sts:AssumeRole!" is not an action; actions are "*" or "<service>:<name>", e.g. "sts:AssumeRole"'],
  ['an action with a character before it', statement({ ...ALLOW, Action: '!sts:AssumeRole' }), 'trust', 'Statement[0].Action: "!sts:AssumeRole" is not an action; actions are "*" or "<service>:<name>", e.g. "sts:AssumeRole"'],
  // Principals
  ['a principal ARN as a bare string', statement({ ...ALLOW, Principal: 'arn:aws:iam::1:role/r' }), 'trust', 'Statement[0].Principal: a Principal given as a string must be "*"; name principals as {"AWS": "arn:aws:iam::1:role/r"}'],
  ['a principal that is a number', statement({ ...ALLOW, Principal: 5 }), 'trust', 'Statement[0].Principal: must be "*" or an object such as {"AWS": "<role ARN>"}, got number'],
  ['an empty principal', statement({ ...ALLOW, Principal: {} }), 'trust', 'Statement[0].Principal: names no principal'],
  ['an unknown principal type', statement({ ...ALLOW, Principal: { Role: 'x' } }), 'trust', 'Statement[0].Principal: unknown principal type "Role" (expected one of AWS, Federated, Service, CanonicalUser)'],
  // Conditions
  ['a set operator not at the start', statement({ ...ALLOW, Condition: { 'XForAnyValue:StringEquals': { 'sts:ExternalId': 'x' } } }), 'trust', 'Statement[0].Condition: unknown condition operator "XForAnyValue:StringEquals"'],
  ['Null with IfExists', statement({ ...ALLOW, Condition: { NullIfExists: { 'sts:ExternalId': 'true' } } }), 'trust', 'Statement[0].Condition: "NullIfExists": Null tests whether a key is present and takes no ForAnyValue/ForAllValues prefix or IfExists suffix'],
  ['Null with a set operator', statement({ ...ALLOW, Condition: { 'ForAnyValue:Null': { 'sts:ExternalId': 'true' } } }), 'trust', 'Statement[0].Condition: "ForAnyValue:Null": Null tests whether a key is present and takes no ForAnyValue/ForAllValues prefix or IfExists suffix'],
  ['a condition that is a list', statement({ ...ALLOW, Condition: [] }), 'trust', 'Statement[0].Condition: must be an object mapping operators to keys, got array'],
  ['an operator block that is a string', statement({ ...ALLOW, Condition: { StringEquals: 'x' } }), 'trust', 'Statement[0].Condition.StringEquals: must be an object mapping condition keys to values, got string'],
  ['an empty list of values', statement({ ...ALLOW, Condition: { StringEquals: { 'sts:ExternalId': [] } } }), 'trust', 'Statement[0].Condition.StringEquals.sts:ExternalId: must list at least one value'],
  ['a value that is an object', statement({ ...ALLOW, Condition: { StringEquals: { 'sts:ExternalId': { a: 1 } } } }), 'trust', 'Statement[0].Condition.StringEquals.sts:ExternalId: values must be strings, numbers or booleans, got object'],
  ['a null value in a list', statement({ ...ALLOW, Condition: { StringEquals: { 'sts:ExternalId': [null] } } }), 'trust', 'Statement[0].Condition.StringEquals.sts:ExternalId: values must be strings, numbers or booleans, got null'],
  ['Null with a value other than true or false', statement({ ...ALLOW, Condition: { Null: { 'sts:ExternalId': 'yes' } } }), 'trust', 'Statement[0].Condition.Null.sts:ExternalId: Null takes "true" or "false", got "yes"'],
  // Statements
  ['a statement that is a string', { Version: '2012-10-17', Statement: ['x'] }, 'trust', 'Statement[0]: must be an object, got string'],
  ['a statement that is null', { Version: '2012-10-17', Statement: [null] }, 'trust', 'Statement[0]: must be an object, got null'],
  ['a condition that is null', statement({ ...ALLOW, Condition: null }), 'trust', 'Statement[0].Condition: must be an object mapping operators to keys, got null'],
  ['an unknown element', statement({ ...ALLOW, Foo: 1 }), 'trust', 'Statement[0]: unknown element "Foo" (expected Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition)'],
  ['a Sid that is a number', statement({ ...ALLOW, Sid: 5 }), 'trust', 'Statement[0].Sid: must be a string, got number'],
  ['no Effect', statement({ Principal: PRINCIPAL, Action: 'sts:AssumeRole' }), 'trust', 'Statement[0]: missing Effect (must be "Allow" or "Deny")'],
  ['an Effect in lower case', statement({ ...ALLOW, Effect: 'allow' }), 'trust', 'Statement[0].Effect: must be "Allow" or "Deny", got "allow"'],
  ['Action and NotAction', statement({ ...ALLOW, NotAction: 'x:y' }), 'trust', 'Statement[0]: has both Action and NotAction; use one'],
  ['no Action', statement({ Effect: 'Allow', Principal: PRINCIPAL }), 'trust', 'Statement[0]: missing Action (or NotAction)'],
  ['Principal and NotPrincipal', statement({ ...ALLOW, NotPrincipal: PRINCIPAL }), 'trust', 'Statement[0]: has both Principal and NotPrincipal; use one'],
  // What each kind of policy must and must not have
  ['a trust policy without a principal', statement({ Effect: 'Allow', Action: 'sts:AssumeRole' }), 'trust', 'Statement[0]: missing Principal: a trust policy must say whom it applies to'],
  ['a resource control policy without a principal', statement({ Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' }), 'rcp', 'Statement[0]: missing Principal: a resource control policy must say whom it applies to'],
  ['an identity policy with a Principal', statement({ ...ALLOW, Resource: '*' }), 'identity', 'Statement[0]: an identity policy must not have Principal: it applies to the identity it is attached to'],
  ['an identity policy with a NotPrincipal', statement({ Effect: 'Allow', NotPrincipal: PRINCIPAL, Action: 'sts:AssumeRole', Resource: '*' }), 'identity', 'Statement[0]: an identity policy must not have NotPrincipal: it applies to the identity it is attached to'],
  ['a service control policy with a Principal', statement({ ...ALLOW, Resource: '*' }), 'scp', 'Statement[0]: a service control policy must not have Principal: it applies to the identity it is attached to'],
  ['a trust policy with a Resource', statement({ ...ALLOW, Resource: '*' }), 'trust', 'Statement[0]: a trust policy must not have Resource: it always applies to the role it is attached to'],
  ['a trust policy with a NotResource', statement({ ...ALLOW, NotResource: '*' }), 'trust', 'Statement[0]: a trust policy must not have NotResource: it always applies to the role it is attached to'],
  ['Resource and NotResource', statement({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*', NotResource: '*' }), 'identity', 'Statement[0]: has both Resource and NotResource; use one'],
  ['an identity policy without a Resource', statement({ Effect: 'Allow', Action: 'sts:AssumeRole' }), 'identity', 'Statement[0]: missing Resource (or NotResource): an identity policy statement must say what it applies to'],
  ['a service control policy without a Resource', statement({ Effect: 'Allow', Action: 'sts:AssumeRole' }), 'scp', 'Statement[0]: missing Resource (or NotResource): a service control policy statement must say what it applies to'],
  // Documents
  ['a resource that is a number, by its path', statement({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [5] }), 'identity', 'Statement[0].Resource[0]: resources must be strings, got number'],
  ['an empty NotResource, by its path', statement({ Effect: 'Allow', Action: 'sts:AssumeRole', NotResource: '' }), 'identity', 'Statement[0].NotResource: resource must not be empty'],
  ['an unknown top-level element', { Version: '2012-10-17', Statement: [ALLOW], Foo: 1 }, 'trust', 'unknown top-level element "Foo" (expected Version, Id, Statement)'],
  ['an unknown Version', { Version: '2012-10-18', Statement: [ALLOW] }, 'trust', 'Version: must be "2012-10-17" (or the legacy "2008-10-17"), got "2012-10-18"'],
  ['no Statement', { Version: '2012-10-17' }, 'trust', 'policy document has no Statement'],
  ['a Statement that is a string', { Version: '2012-10-17', Statement: 'x' }, 'trust', 'Statement: must be an object or an array of objects, got string'],
  ['a document that is a list', [], 'trust', 'policy document must be a JSON object, got array'],
];

describe('malformed policies are refused with the path and the rule', () => {
  it.each(CASES)('%s', (_label, document, kind, message) => {
    // Act
    const evaluate = () => evaluatePolicy(document, REQUEST, kind);

    // Assess
    expect(evaluate).toThrow(PolicyDocumentError);
    expect(evaluate).toThrow(new PolicyDocumentError(message));
  });

  it('text that is not JSON is refused as such, with the parser\'s reason', () => {
    // Act
    const evaluate = () => evaluatePolicy('{', REQUEST, 'trust');

    // Assess
    expect(evaluate).toThrow(/^policy document is not valid JSON \(.+\)$/);
  });
});

describe('documents among several', () => {
  const good = statement(ALLOW);

  it('are refused under their place in the list', () => {
    // Act
    const evaluate = () => evaluatePolicies([good, { Version: '2012-10-17', Statement: [ALLOW], Foo: 1 }], REQUEST, 'trust');

    // Assess
    expect(evaluate).toThrow(new PolicyDocumentError('Policy[1]: unknown top-level element "Foo" (expected Version, Id, Statement)'));
  });

  it('may carry an Id', () => {
    // Act
    const evaluated = evaluatePolicy({ Version: '2012-10-17', Id: 'trust-1', Statement: [ALLOW] }, REQUEST, 'trust');

    // Assess
    expect(evaluated.decision).toBe('allowed');
  });
});
