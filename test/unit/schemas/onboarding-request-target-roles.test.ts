// The onboarding request's target roles and schedule, as its schema checks them: each problem named
// with its field and what is allowed, and what goes on into the execution (External IDs only as
// fingerprints, a schedule only with target roles).
import { onboardingRequestProblems, validateOnboardingRequest } from '../../../lib/schemas/onboarding-request';

const BASE = { tenantId: 'acme', clusterName: 'acme-prod' };
const ROLE_ARN = 'arn:aws:iam::222222222222:role/qualytics-reader';
const EXTERNAL_ID = 'acme-7Hq2vX9pLm';
const FINGERPRINT = { length: 15, fingerprint: '573761e6' };
const withExternalId = (externalId: unknown) => ({ ...BASE, targetRoles: [{ connectionId: 'lake', roleArn: ROLE_ARN, externalId }] });

describe('an onboarding request\'s target roles', () => {
  it.each([
    ['missing', { ...BASE, targetRoles: [{ connectionId: 'lake', roleArn: ROLE_ARN }] }, 'is required'],
    ['empty', withExternalId(''), 'must not be empty'],
    ['too long', withExternalId('x'.repeat(1300)), 'is 1300 characters long; AWS allows at most 1224'],
    ['a number', withExternalId(42), 'must be a string, got a number'],
    ['an array', withExternalId(['acme']), 'must be a string, got an array'],
    ['null', withExternalId(null), 'must be a string, got null'],
    [
      'a reference without its fingerprint',
      withExternalId({ length: 15 }),
      'must be the External ID (a string) or, for a stored connection, { length, fingerprint }: a length of 2-1224 and 8 lowercase hex characters',
    ],
  ])('an External ID that is %s is named as the one problem of its field', (_, request, problem) => {
    // Act
    const problems = onboardingRequestProblems(request);

    // Assess
    expect(problems).toEqual([{ field: 'targetRoles[0].externalId', problem }]);
  });

  it.each([
    ['a string', 'lake', 'got a string'],
    ['null', null, 'got null'],
  ])('an entry that is %s is not a target role, and says what one is', (_, entry, got) => {
    expect(onboardingRequestProblems({ ...BASE, targetRoles: [entry] })).toEqual([
      { field: 'targetRoles[0]', problem: `must be an object with connectionId, roleArn and externalId, ${got}` },
    ]);
  });

  it('takes a stored connection\'s reference and an External ID in clear; both go on as fingerprints only', () => {
    // Act
    const byReference = validateOnboardingRequest(withExternalId(FINGERPRINT));
    const inClear = validateOnboardingRequest(withExternalId(EXTERNAL_ID));

    // Assess
    expect(byReference.targetRoles).toEqual([{ connectionId: 'lake', roleArn: ROLE_ARN, externalId: FINGERPRINT }]);
    expect(inClear.targetRoles).toEqual(byReference.targetRoles);
    expect(onboardingRequestProblems(withExternalId(EXTERNAL_ID))).toEqual([]);
    expect(JSON.stringify(inClear)).not.toContain(EXTERNAL_ID);
  });
});

describe('an onboarding request as a whole', () => {
  it.each([
    ['a string', 'acme', 'got a string'],
    ['an array', [], 'got an array'],
    ['null', null, 'got null'],
  ])('that is %s is one problem of the whole request', (_, request, got) => {
    expect(onboardingRequestProblems(request)).toEqual([{ field: '(request)', problem: `must be a JSON object with tenantId and clusterName, ${got}` }]);
  });

  it.each([
    ['without target roles', BASE],
    ['with an empty list of target roles', { ...BASE, targetRoles: [] }],
  ])('a schedule %s is a problem: it would schedule nothing', (_, request) => {
    expect(onboardingRequestProblems({ ...request, schedule: { firstRetrySeconds: 60 } })).toEqual([
      { field: 'schedule', problem: 'is only used with targetRoles' },
    ]);
  });

  it('a schedule with target roles goes on with its defaults filled in; none given, or no target roles, is null', () => {
    // Act
    const scheduled = validateOnboardingRequest({ ...withExternalId(EXTERNAL_ID), schedule: { firstRetrySeconds: 30 } });
    const unscheduled = validateOnboardingRequest(withExternalId(EXTERNAL_ID));
    const bare = validateOnboardingRequest({ ...BASE, targetRoles: [] });

    // Assess
    expect(scheduled.schedule).toEqual({ firstRetrySeconds: 30, maxIntervalSeconds: 3600, deadlineSeconds: 604800 });
    expect(unscheduled.schedule).toBeNull();
    expect(bare).toMatchObject({ targetRoles: [], schedule: null });
  });
});
