import { InvalidOnboardingRequest } from '../../../../lib/errors';
import { recordableTenantId } from '../../../../lib/domain/onboarding/onboarding-request';
import { validateOnboardingRequest } from '../../../../lib/schemas/onboarding-request';

function problemsOf(input: unknown): string[] {
  try {
    validateOnboardingRequest(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOnboardingRequest);
    return (error as InvalidOnboardingRequest).problems.map((p) => `${p.field}: ${p.problem}`);
  }
  throw new Error('expected the request to be rejected');
}

describe('validateOnboardingRequest', () => {
  it('applies the chart defaults and derives the role name', () => {
    expect(validateOnboardingRequest({ tenantId: 'acme', clusterName: 'acme-prod' })).toEqual({
      tenantId: 'acme',
      clusterName: 'acme-prod',
      namespace: 'qualytics',
      serviceAccount: 'qualytics-spark',
      roleName: 'acme-dataplane-role',
      targetRoles: [],
      schedule: null,
    });
  });

  it('accepts target roles and a schedule, checking their shape only', () => {
    const request = validateOnboardingRequest({
      tenantId: 'acme',
      clusterName: 'acme-prod',
      targetRoles: [{ connectionId: 's3', roleArn: 'arn:aws:iam::222222222222:role/r', externalId: 'with a space ' }],
      schedule: { firstRetrySeconds: 30 },
    });
    // A bad External ID is a verification finding (its own diagnosis), not a reason to refuse the tenant.
    expect(request.targetRoles).toHaveLength(1);
    expect(request.schedule).toEqual({ firstRetrySeconds: 30, maxIntervalSeconds: 3600, deadlineSeconds: 604800 });
  });

  it('rejects malformed target roles with the field named', () => {
    expect(
      problemsOf({ tenantId: 'acme', clusterName: 'c', targetRoles: [{ connectionId: 'a b', roleArn: 1 }], schedule: { deadlineSeconds: -1 } }),
    ).toEqual([
      expect.stringMatching(/^targetRoles\[0\]\.connectionId: /),
      expect.stringMatching(/^targetRoles\[0\]\.roleArn: /),
      expect.stringMatching(/^targetRoles\[0\]\.externalId: /),
      expect.stringMatching(/^schedule\.deadlineSeconds: must be a whole number/),
    ]);
  });

  it('keeps a custom namespace and ServiceAccount', () => {
    const request = validateOnboardingRequest({
      tenantId: 'globex',
      clusterName: 'globex-eu',
      namespace: 'dataplane',
      serviceAccount: 'spark.runner',
    });
    expect(request).toMatchObject({ namespace: 'dataplane', serviceAccount: 'spark.runner' });
  });

  it('accepts a 49-character tenant id (64-character role name) and rejects 50', () => {
    const ok = 'a'.repeat(49);
    expect(validateOnboardingRequest({ tenantId: ok, clusterName: 'c' }).roleName).toHaveLength(64);
    expect(problemsOf({ tenantId: 'a'.repeat(50), clusterName: 'c' })).toEqual([
      'tenantId: is 50 characters long; at most 49 are allowed',
    ]);
  });

  it.each([
    ['trailing space', 'acme ', 'contains whitespace at the end'],
    ['leading newline', '\nacme', 'contains whitespace at the start'],
    ['inner space', 'ac me', 'contains whitespace at position 3'],
    ['slash', 'acme/prod', 'has a character that is not allowed ("/" at position 5)'],
    ['empty', '', 'must not be empty'],
    // IAM tag values reject ",", and the role is tagged with its tenant: CreateRole would fail.
    ['comma', 'acme,eu', 'has a character that is not allowed ("," at position 5); allowed: 1-49 characters from letters, digits and _+=.@-'],
  ])('rejects a tenant id with %s', (_case, tenantId, problem) => {
    const [first] = problemsOf({ tenantId, clusterName: 'acme-prod' });
    expect(first).toContain(problem);
    expect(first).toContain('tenantId');
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ tenantId: 42, clusterName: '-bad', namespace: 'Upper', serviceAccount: '' })).toEqual([
      'tenantId: must be a string, got a number',
      expect.stringContaining('clusterName: "-bad" has characters or a shape that is not allowed'),
      expect.stringContaining('namespace: "Upper" has characters or a shape that is not allowed'),
      expect.stringContaining('serviceAccount: must not be empty'),
    ]);
  });

  it('rejects a request that is not an object', () => {
    expect(problemsOf('acme')).toEqual([expect.stringContaining('must be a JSON object')]);
    expect(problemsOf(null)).toEqual([expect.stringContaining('got null')]);
  });

  it('names the missing cluster', () => {
    expect(problemsOf({ tenantId: 'acme' })).toEqual([expect.stringMatching(/^clusterName: is required \(allowed: an EKS cluster name/)]);
  });

  it('names the first disallowed character without quoting a long tenant id', () => {
    const [first] = problemsOf({ tenantId: `acme,${'x'.repeat(40)}`, clusterName: 'acme-prod' });
    expect(first).toContain('"," at position 5');
    expect(first).not.toContain('x'.repeat(40));
  });
});

describe('recordableTenantId', () => {
  it.each([
    ['a valid tenant id', { tenantId: 'acme' }, 'acme'],
    ['a tenant id with whitespace', { tenantId: 'acme ' }, undefined],
    ['a tenant id with a comma', { tenantId: 'acme,eu' }, undefined],
    ['a tenant id too long for a role name', { tenantId: 'a'.repeat(50) }, undefined],
    ['a tenant id with a slash', { tenantId: 'acme/prod' }, undefined],
    ['no tenant id', { clusterName: 'c' }, undefined],
  ])('records a status only under %s that onboarding accepts', (_case, input, expected) => {
    expect(recordableTenantId(input)).toBe(expected);
  });
});
