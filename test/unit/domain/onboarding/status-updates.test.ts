import { validateOnboardingRequest } from '../../../../lib/schemas/onboarding-request';
import { failureMessage, statusUpdateFor } from '../../../../lib/domain/onboarding/status-updates';
import { onboardingRequestProblems } from '../../../../lib/schemas/onboarding-request';
import { roleReadyDeduplicationId, roleReadyMessage } from '../../../../lib/domain/onboarding/role-ready-message';

const execution = { id: 'arn:aws:states:eu-west-1:111111111111:execution:onboarding:acme-1', startTime: '2026-11-23T10:00:00.000Z' };
const request = validateOnboardingRequest({ tenantId: 'acme', clusterName: 'acme-prod' });

describe('statusUpdateFor', () => {
  it('INVALID_REQUEST: recomputes every field problem from the raw input (AWS passes only the message)', () => {
    const update = statusUpdateFor({
      status: 'INVALID_REQUEST',
      execution,
      input: { tenantId: 'acme', clusterName: '', namespace: 'Upper' },
      failure: { Error: 'InvalidOnboardingRequest', Cause: '{"errorType":"InvalidOnboardingRequest","errorMessage":"..."}' },
    }, onboardingRequestProblems);
    expect(update).toMatchObject({
      tenantId: 'acme',
      status: 'INVALID_REQUEST',
      error: {
        name: 'InvalidOnboardingRequest',
        problems: [
          { field: 'clusterName', problem: expect.stringContaining('must not be empty') },
          { field: 'namespace', problem: expect.stringContaining('not allowed') },
        ],
      },
    });
    expect(update!.summary).toMatch(/^The onboarding request was rejected and nothing was created: /);
  });

  it('INVALID_REQUEST without a usable tenant id records nothing', () => {
    expect(statusUpdateFor({ status: 'INVALID_REQUEST', execution, input: { clusterName: 'x' } })).toBeUndefined();
    expect(statusUpdateFor({ status: 'INVALID_REQUEST', execution, input: { tenantId: '   ' } })).toBeUndefined();
    // A key onboarding would never accept could name no tenant: a record under it is litter.
    expect(statusUpdateFor({ status: 'INVALID_REQUEST', execution, input: { tenantId: 'acme ', clusterName: '' } })).toBeUndefined();
    expect(statusUpdateFor({ status: 'INVALID_REQUEST', execution, input: { tenantId: 'x'.repeat(200), clusterName: 'c' } })).toBeUndefined();
  });

  it('FAILED: keeps the error name and the message from either shape of Cause', () => {
    const lambdaCause = JSON.stringify({ errorType: 'OidcProviderMissing', errorMessage: 'IAM OIDC provider X does not exist', trace: [] });
    const update = statusUpdateFor({ status: 'FAILED', execution, request, failure: { Error: 'OidcProviderMissing', Cause: lambdaCause } });
    expect(update).toMatchObject({
      tenantId: 'acme',
      status: 'FAILED',
      error: { name: 'OidcProviderMissing', message: 'IAM OIDC provider X does not exist' },
      summary: 'Onboarding failed (OidcProviderMissing): IAM OIDC provider X does not exist',
    });
    expect(failureMessage({ Error: 'X', Cause: 'plain message' })).toBe('plain message');
    expect(failureMessage({ Error: 'States.Timeout' })).toBe('States.Timeout');
  });

  it('ROLE_READY: says what happened to the role and carries the ARN and message id', () => {
    const update = statusUpdateFor({
      status: 'ROLE_READY',
      execution,
      request,
      cluster: {
        clusterName: 'acme-prod',
        clusterArn: 'arn:aws:eks:eu-west-1:111111111111:cluster/acme-prod',
        oidcIssuer: 'https://oidc.example/id/1',
        oidcProviderArn: 'arn:aws:iam::111111111111:oidc-provider/oidc.example/id/1',
        oidcProviderCreated: false,
      },
      role: { roleName: 'acme-dataplane-role', roleArn: 'arn:aws:iam::111111111111:role/acme-dataplane-role', roleId: 'AROA1', outcome: 'converged', changes: ['trust policy updated'] },
      publication: { messageId: 'm-1' },
    });
    expect(update).toMatchObject({
      status: 'ROLE_READY',
      roleArn: 'arn:aws:iam::111111111111:role/acme-dataplane-role',
      roleOutcome: 'converged',
      queueMessageId: 'm-1',
      oidcIssuer: 'https://oidc.example/id/1',
    });
    expect(update!.summary).toContain('converged (trust policy updated)');
  });

  it('names the missing field when the state machine passes too little', () => {
    expect(() => statusUpdateFor({ status: 'ROLE_READY', execution, request })).toThrow('needs "cluster"');
  });
});

describe('role ready message', () => {
  const arn = 'arn:aws:iam::111111111111:role/acme-dataplane-role';

  it('carries the trust policy the customer pastes, External ID as a placeholder', () => {
    const message = roleReadyMessage('acme', 'acme-prod', arn);
    expect(message.customerTrustPolicy.Statement[0]).toEqual({
      Sid: 'AllowVendorDataplaneWithExternalId',
      Effect: 'Allow',
      Principal: { AWS: arn },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': '<EXTERNAL_ID_YOU_CHOOSE>' } },
    });
  });

  it('deduplicates per tenant and role', () => {
    expect(roleReadyDeduplicationId('acme', arn)).toBe(roleReadyDeduplicationId('acme', arn));
    expect(roleReadyDeduplicationId('acme', arn)).not.toBe(roleReadyDeduplicationId('globex', arn));
    expect(roleReadyDeduplicationId('acme', arn)).toMatch(/^[0-9a-f]{64}$/);
  });
});
