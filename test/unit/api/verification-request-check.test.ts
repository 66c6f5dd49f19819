// The checks a verification request passes before anything is stored or started, shared by the status
// API and the CLI: each refusal carries the API's answer and the same reason without the API's framing.
import { checkVerificationRequest, VerificationRefused } from '../../../lib/api/verification-request';
import { type Connection } from '../../../lib/domain/verification/connection';
import type { StatusRecord } from '../../../lib/domain/status';
import { FakeStatusStore } from '../../support/fakes';
import { readFixture } from '../../support/fixtures';

const MIXED = readFixture<StatusRecord>('api', 'status-record-mixed');
const PROVISIONING = readFixture<StatusRecord>('api', 'status-record-provisioning');
const STORED = readFixture<Connection[]>('api', 'stored-connections');

let store: FakeStatusStore;

beforeEach(() => {
  store = new FakeStatusStore({ refuseStatusWrites: true });
  store.records.set('acme', MIXED);
  store.records.set('globex', PROVISIONING);
  store.records.set('initech', { ...MIXED, tenantId: 'initech' });
  store.stored.set('acme', STORED);
});

async function refusal(tenantId: string, body: object): Promise<VerificationRefused> {
  try {
    await checkVerificationRequest(store, tenantId, body);
  } catch (error) {
    if (error instanceof VerificationRefused) return error;
    throw error;
  }
  throw new Error('expected the request to be refused');
}

describe('checkVerificationRequest', () => {
  it.each([
    ['an unknown tenant', 'umbrella', {}, 'NotFound', /^Tenant "umbrella" is unknown/],
    ['a tenant still onboarding', 'globex', {}, 'Conflict', /^Tenant "globex" has no dataplane role yet \(status PROVISIONING: /],
    ['a tenant without connections', 'initech', {}, 'Conflict', /^Tenant "initech" has no connections configured to verify/],
  ])('refuses %s with the same reason for both callers', async (_case, tenantId, body, code, reason) => {
    // Act
    const refused = await refusal(tenantId, body);

    // Assess
    expect(refused.code).toBe(code);
    expect(refused.message).toMatch(reason);
    expect(refused.reason).toBe(refused.message);
  });

  it('names a connection id that is not stored: the API frames it as the body, the reason does not', async () => {
    // Act
    const refused = await refusal('acme', { connectionIds: ['acme-snowflake'] });

    // Assess
    expect(refused.code).toBe('BadRequest');
    expect(refused.message).toMatch(/^The request body is not valid: connectionIds\[0\] no stored connection "acme-snowflake" \(stored: /);
    expect(refused.reason).toMatch(/^connectionIds\[0\] no stored connection "acme-snowflake" \(stored: /);
  });

  it('refuses given connections STS would refuse, naming where and never the value', async () => {
    // Act
    const refused = await refusal('acme', {
      connections: [{ connectionId: 'acme-lake-2', roleArn: 'arn:aws:iam::222222222222:role/qualytics-s3-read', externalId: 'acme-7Hq2vX9pLm ' }],
    });

    // Assess
    expect(refused.reason).toMatch(/^connections\[0\]\.externalId contains whitespace: a trailing space/);
    expect(refused.message).not.toContain('acme-7Hq2vX9pLm');
  });

  it('gives back the stored connections it selected, and stores nothing itself', async () => {
    // Act
    const checked = await checkVerificationRequest(store, 'acme', { connectionIds: [STORED[0]!.connectionId] });

    // Assess
    expect(checked.given).toBe(false);
    expect(checked.connections).toEqual([STORED[0]]);
    expect(checked.request).toEqual({ tenantId: 'acme', connectionIds: [STORED[0]!.connectionId] });
    expect(store.saved).toEqual([]);
  });
});
