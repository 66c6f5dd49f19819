import { checkConnectionId, checkTenantId } from '../../../lib/api/identifiers';
import { ApiError } from '../../../lib/api/responses';
import { validateConnectionShape } from '../../../lib/schemas/connection';
import { validateOnboardingRequest } from '../../../lib/schemas/onboarding-request';
import { InvalidOnboardingRequest } from '../../../lib/errors';

const TENANT_IDS = [
  'acme',
  'a',
  'A_b+c=d,e.f@g-h',
  'x'.repeat(49),
  'x'.repeat(50),
  '',
  'ac me',
  'acme/prod',
  'acme#1',
  'acmé',
  'acme\u200b',
  'acme:prod',
];

const CONNECTION_IDS = ['acme-athena', 'a.b_c-d', 'c'.repeat(64), 'c'.repeat(65), '', 'a b', 'a@b', 'a/b', 'a+b'];

function accepts(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch (error) {
    if (error instanceof ApiError) return false;
    throw error;
  }
}

function onboardingAcceptsTenant(tenantId: string): boolean {
  try {
    validateOnboardingRequest({ tenantId, clusterName: 'acme-prod' });
    return true;
  } catch (error) {
    if (!(error instanceof InvalidOnboardingRequest)) throw error;
    return !error.problems.some((p) => p.field === 'tenantId');
  }
}

describe('ids in the path', () => {
  it.each(TENANT_IDS)('accepts the tenant id %j exactly when onboarding does', (tenantId) => {
    // Act
    const api = accepts(() => checkTenantId(tenantId));

    // Assess
    expect(api).toBe(onboardingAcceptsTenant(tenantId));
  });

  it.each(CONNECTION_IDS)('accepts the connection id %j exactly when a verification request does', (connectionId) => {
    // Prepare
    const shape = validateConnectionShape({ connectionId, roleArn: 'arn:aws:iam::222222222222:role/r', externalId: 'ext-id-123' });

    // Act
    const api = accepts(() => checkConnectionId(connectionId));

    // Assess
    expect(api).toBe(shape.problems.length === 0);
  });

  it('shows an invisible character by its code point and never quotes more than 80 characters', () => {
    // Act
    const invisible = (() => {
      try {
        checkTenantId('acme\u200b');
      } catch (error) {
        return (error as Error).message;
      }
    })();
    const long = (() => {
      try {
        checkTenantId('t'.repeat(5000));
      } catch (error) {
        return (error as Error).message;
      }
    })();

    // Assess
    expect(invisible).toMatch(/U\+200B at position 5/);
    expect(long).toMatch(/is 5000 characters long/);
    expect(long!.length).toBeLessThan(400);
  });
});
