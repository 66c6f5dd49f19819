// docs/openapi.yaml promises clients the shapes of the API's answers. Each answer the router gives for
// the fixture records, success and error alike, is validated against the document's own schemas by an
// independent JSON Schema validator (ajv), so the document cannot promise another shape than the API sends.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { handleApiRequest, type ApiDependencies } from '../../../lib/api/router';
import type { StatusRecord } from '../../../lib/domain/status';
import type { Connection } from '../../../lib/domain/verification/connection';
import { FakeStarter, FakeStatusStore } from '../../support/fakes';
import { readFixture } from '../../support/fixtures';
import { apiEvent, bodyOf, RecordingLog } from './fakes';

const DOCUMENT = parse(readFileSync(path.resolve(__dirname, '../../../docs/openapi.yaml'), 'utf8'));

/** A record with every optional part the view can show: a failure with problems and a rejected event. */
const REJECTED: StatusRecord = {
  ...readFixture<StatusRecord>('api', 'status-record-provisioning'),
  tenantId: 'initech',
  status: 'INVALID_REQUEST',
  summary: 'The onboarding request was invalid: nothing was created',
  error: { name: 'InvalidOnboardingRequest', message: 'tenantId is too long', problems: [{ field: 'tenantId', problem: 'is 50 characters long' }] },
  lastRejectedEvent: {
    eventId: 'e-1',
    detailType: 'TargetRoleConfigured',
    reason: 'Invalid TargetRoleConfigured event e-1',
    problems: [{ field: 'detail.roleArn', problem: 'is empty' }],
    rejectedAt: '2026-03-01T11:00:00.000Z',
  },
};

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(DOCUMENT, 'openapi');

/** The document's schema of a component (ajv compiles each once and keeps it). */
function validator(component: string) {
  const validate = ajv.getSchema(`openapi#/components/schemas/${component}`);
  if (!validate) throw new Error(`docs/openapi.yaml has no schema ${component}`);
  return validate;
}

let deps: ApiDependencies;

beforeEach(() => {
  const store = new FakeStatusStore({ refuseStatusWrites: true });
  store.records.set('acme', readFixture<StatusRecord>('api', 'status-record-mixed'));
  store.records.set('globex', readFixture<StatusRecord>('api', 'status-record-provisioning'));
  store.records.set('initech', REJECTED);
  store.stored.set('acme', readFixture<Connection[]>('api', 'stored-connections'));
  const starter = new FakeStarter();
  deps = { statusStore: store, starter, executions: starter, region: 'eu-west-1', log: new RecordingLog() };
});

describe("docs/openapi.yaml's response schemas", () => {
  it.each([
    ['a tenant with verified, failing and pending connections', '/tenants/acme/status'],
    ['a tenant still provisioning', '/tenants/globex/status'],
    ['a tenant whose request was invalid, with a rejected event', '/tenants/initech/status'],
  ])('TenantStatus describes the status of %s', async (_, rawPath) => {
    // Act
    const response = await handleApiRequest(apiEvent('GET', rawPath), deps);

    // Assess
    expect(response.statusCode).toBe(200);
    const validate = validator('TenantStatus');
    expect(validate(bodyOf(response)) ? [] : validate.errors).toEqual([]);
  });

  it('Connection describes every connection the status shows, each on its own route', async () => {
    // Prepare
    const status = bodyOf(await handleApiRequest(apiEvent('GET', '/tenants/acme/status'), deps));
    expect(status.connections.length).toBeGreaterThan(1);
    const validate = validator('Connection');

    for (const { connectionId } of status.connections) {
      // Act
      const response = await handleApiRequest(apiEvent('GET', `/tenants/acme/connections/${connectionId}`), deps);

      // Assess
      expect(response.statusCode).toBe(200);
      expect(validate(bodyOf(response)) ? [] : validate.errors).toEqual([]);
    }
  });

  it('ConnectionList describes a page of connections in one state, and the last page', async () => {
    // Act
    const first = await handleApiRequest(apiEvent('GET', '/connections', { query: { status: 'ACTION_REQUIRED', limit: '1' } }), deps);
    const verified = await handleApiRequest(apiEvent('GET', '/connections', { query: { status: 'VERIFIED' } }), deps);

    // Assess
    const validate = validator('ConnectionList');
    for (const response of [first, verified]) {
      expect(response.statusCode).toBe(200);
      expect(validate(bodyOf(response)) ? [] : validate.errors).toEqual([]);
    }
    expect(bodyOf(first).connections).toHaveLength(1);
    expect(validate({ ...bodyOf(first), connections: [{ ...bodyOf(first).connections[0], tenantId: undefined }] })).toBe(false);
  });

  it('VerificationStarted describes the answer to a verification request', async () => {
    // Act
    const response = await handleApiRequest(apiEvent('POST', '/tenants/acme/verifications', { headers: { 'idempotency-key': 'k-1' } }), deps);

    // Assess
    expect(response.statusCode).toBe(202);
    const validate = validator('VerificationStarted');
    expect(validate(bodyOf(response)) ? [] : validate.errors).toEqual([]);
  });

  it.each([
    ['an unknown tenant', apiEvent('GET', '/tenants/umbrella/status'), 404],
    ['a bad tenant id', apiEvent('GET', '/tenants/ac%20me/status'), 400],
    ['a method the route does not allow', apiEvent('DELETE', '/tenants/acme/status'), 405],
    ['a body that is not JSON', apiEvent('POST', '/tenants/acme/verifications', { body: '{', headers: { 'idempotency-key': 'k-2' } }), 400],
  ])('Error describes the answer to %s', async (_, event, statusCode) => {
    // Act
    const response = await handleApiRequest(event, deps);

    // Assess
    expect(response.statusCode).toBe(statusCode);
    const validate = validator('Error');
    expect(validate(bodyOf(response)) ? [] : validate.errors).toEqual([]);
  });

  it('refuses an answer that breaks the promise (a missing field, a value outside an enumeration)', async () => {
    // Prepare: the validator must be able to fail, or the tests above prove nothing.
    const body = bodyOf(await handleApiRequest(apiEvent('GET', '/tenants/acme/status'), deps));
    const validate = validator('TenantStatus');

    // Assess
    expect(validate({ ...body, status: 'DONE' })).toBe(false);
    const { execution: _, ...withoutExecution } = body;
    expect(validate(withoutExecution)).toBe(false);
    expect(validate({ ...body, connections: [{ ...body.connections[0], externalId: 'acme-7Hq2vX9pLm' }] })).toBe(false);
    const warned = body.connections.find((c: { warnings?: unknown[] }) => c.warnings !== undefined);
    expect(warned.warnings).toEqual([expect.objectContaining({ code: 'TRUST_NOT_PINNED', side: 'customer' })]);
    const { fix: __, ...withoutFix } = warned.warnings[0];
    expect(validate({ ...body, connections: [{ ...warned, warnings: [withoutFix] }] })).toBe(false);
  });
});
