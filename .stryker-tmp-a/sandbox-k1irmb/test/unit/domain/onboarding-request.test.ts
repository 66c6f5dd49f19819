// @ts-nocheck
import { InvalidOnboardingRequest } from '../../../lib/errors';
import { validateOnboardingRequest } from '../../../lib/domain/onboarding-request';

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
    ['slash', 'acme/prod', 'has characters or a shape that is not allowed'],
    ['empty', '', 'must not be empty'],
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
});
