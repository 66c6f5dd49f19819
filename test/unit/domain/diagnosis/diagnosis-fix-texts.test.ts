// The fix text of every diagnosis code, pinned: support pastes it to the customer or acts on it, so a
// lost instruction is a defect. The snapshots (__snapshots__/diagnosis-fix-texts.test.ts.snap) are
// reviewed like code. And the External ID is withheld on every scrubbing path, each reached here.
import { externalIdFingerprint } from '../../../../lib/external-id';
import { cloudTrailEvidence, diagnoseCloudTrailEvent, diagnoseExternalIdNotEnforced, diagnoseStsError, diagnoseTrustNotPinned, Diagnosis, DIAGNOSIS_CODES, DiagnosisCode, DiagnosisContext, formatDiagnosis, propagationPending, scrubExternalIds } from '../../../../lib/domain/diagnosis';
import { diagnoseHostNotCanonical, diagnoseProbeFailure } from '../../../../lib/domain/diagnosis/probe-findings';
import type { ConnectionResource } from '../../../../lib/domain/probes/resource';
import type { ProbeFailure } from '../../../../lib/domain/probes/run-probes';
import { fixtureNames, readFixture } from '../../../support/fixtures';

const VENDOR = '111111111111';
const DATAPLANE_ROLE = `arn:aws:iam::${VENDOR}:role/acme-dataplane-role`;
const TARGET_ROLE = 'arn:aws:iam::222222222222:role/DataQualityReader';
const EXTERNAL_ID = 'acme-7Hq2-Zp9x-2024';
const CTX: DiagnosisContext = {
  tenantId: 'acme',
  dataplaneRoleArn: DATAPLANE_ROLE,
  targetRoleArn: TARGET_ROLE,
  vendorAccountId: VENDOR,
  externalId: externalIdFingerprint(EXTERNAL_ID),
};

function stsError(name: string): { name: string; message: string } {
  return readFixture('sts-errors', name);
}

const trust = () => diagnoseStsError(stsError('access-denied-trust-policy'), CTX);

const LAKE: ConnectionResource = { kind: 's3', bucket: 'acme-lake', prefix: 'raw/', region: 'eu-west-1' };
const PROBE_SESSION = 'arn:aws:sts::222222222222:assumed-role/DataQualityReader/verify-acme-lake-1-pb';
const probe = (failure: ProbeFailure, resource: ConnectionResource = LAKE) =>
  diagnoseProbeFailure({ failure, resource, connectionId: 'lake', partition: 'aws', accountId: '222222222222' }, CTX);
const s3Denied = (action: string, resource: string, probed: Pick<ProbeFailure, 'probe' | 'action' | 'resource'>) =>
  probe({
    ...probed,
    error: {
      name: 'AccessDenied',
      httpStatusCode: 403,
      message: `User: ${PROBE_SESSION} is not authorized to perform: ${action} on resource: ${action.startsWith('kms:') ? resource : `"${resource}"`} because no identity-based policy allows the ${action} action`,
    },
  });

/** One diagnosis per code, each produced the way the product produces it. */
const BY_CODE: Record<DiagnosisCode, () => Diagnosis> = {
  TRUST_POLICY_DENIED: trust,
  EXTERNAL_ID_NOT_ENFORCED: () => diagnoseExternalIdNotEnforced(CTX),
  TRUST_NOT_PINNED: () => diagnoseTrustNotPinned(CTX, `arn:aws:iam::${VENDOR}:role/tenant-dataplane-onboarding-prod-TrustProbeRole-1A2B3C4D5E6F`),
  EXTERNAL_ID_INVALID: () => diagnoseStsError(stsError('validation-external-id-pattern'), CTX),
  ROLE_ARN_INVALID: () => diagnoseStsError(stsError('validation-role-arn-too-short'), { ...CTX, targetRoleArn: 'DataQualityReader' }),
  ROLE_ARN_IS_DATAPLANE_ROLE: () => diagnoseStsError(stsError('access-denied-target-is-dataplane-role'), { ...CTX, targetRoleArn: DATAPLANE_ROLE }),
  EXPLICIT_DENY: () => diagnoseStsError(stsError('access-denied-explicit-deny-scp'), CTX),
  IDENTITY_POLICY_DENIED: () => diagnoseStsError(stsError('access-denied-no-identity-policy'), CTX),
  DATAPLANE_ROLE_UNASSUMABLE: () => diagnoseStsError(stsError('access-denied-dataplane-role'), CTX, 'dataplane'),
  REGION_DISABLED: () => diagnoseStsError(stsError('region-disabled'), CTX),
  SESSION_DURATION_EXCEEDED: () => diagnoseStsError(stsError('validation-duration-role-chaining'), CTX),
  OIDC_PROVIDER_MISSING: () => diagnoseStsError(stsError('invalid-identity-token-no-oidc-provider'), CTX),
  IRSA_TRUST_MISMATCH: () => diagnoseStsError(stsError('access-denied-web-identity'), CTX),
  DATA_ACCESS_DENIED: () =>
    s3Denied('s3:ListBucket', 'arn:aws:s3:::acme-lake', { probe: 'list', action: 's3:ListBucket', resource: 'arn:aws:s3:::acme-lake' }),
  KMS_ACCESS_DENIED: () =>
    s3Denied('kms:Decrypt', 'arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab', {
      probe: 'read',
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::acme-lake/raw/2026/11/events.parquet',
    }),
  BUCKET_NOT_FOUND: () =>
    probe({
      probe: 'bucketRegion',
      action: 's3:GetBucketLocation',
      resource: 'arn:aws:s3:::acme-lake',
      error: { name: 'NoSuchBucket', httpStatusCode: 404, message: 'The specified bucket does not exist' },
    }),
  BUCKET_IN_OTHER_REGION: () => probe({ probe: 'bucketRegion', action: 's3:GetBucketLocation', resource: 'arn:aws:s3:::acme-lake', bucketRegion: 'us-east-1' }),
  WORKGROUP_NOT_FOUND: () =>
    probe(
      {
        probe: 'workgroup',
        action: 'athena:GetWorkGroup',
        resource: 'arn:aws:athena:eu-west-1:222222222222:workgroup/analytics',
        error: { name: 'InvalidRequestException', httpStatusCode: 400, message: 'WorkGroup analytics is not found.' },
      },
      { kind: 'athena', workgroup: 'analytics', region: 'eu-west-1', resultsBucket: 'acme-athena-results' },
    ),
  CLUSTER_NOT_FOUND: () =>
    probe(
      {
        probe: 'cluster',
        action: 'redshift:DescribeClusters',
        resource: 'arn:aws:redshift:eu-west-1:222222222222:cluster:acme-dw',
        error: { name: 'ClusterNotFoundFault', httpStatusCode: 404, message: 'Cluster acme-dw not found.' },
      },
      { kind: 'redshift', clusterIdentifier: 'acme-dw', database: 'analytics', dbUser: 'qualytics', region: 'eu-west-1' },
    ),
  HOST_NOT_CANONICAL: () =>
    diagnoseHostNotCanonical(
      'lake',
      { ...LAKE, host: 'bucket.vpce-1a2b3c4d-5e6f.s3.eu-west-1.vpce.amazonaws.com' },
      "is a VPC endpoint host (bucket.vpce-1a2b3c4d-5e6f.s3.eu-west-1.vpce.amazonaws.com), reachable only from inside the customer's VPC",
    ),
  DATAPLANE_IDENTITY_NOT_USED: () =>
    diagnoseStsError(stsError('access-denied-node-role'), {
      ...CTX,
      otherCaller: 'arn:aws:sts::111111111111:assumed-role/eks-acme-prod-node-role/i-0a1b2c3d4e5f60718',
    }),
  THROTTLED: () => diagnoseStsError(stsError('throttling'), CTX),
  PROPAGATION_PENDING: () => propagationPending(trust()),
  UNKNOWN: () => diagnoseStsError(stsError('expired-token'), CTX),
};

describe('the fix text of every diagnosis code', () => {
  it('covers every code', () => {
    expect(Object.keys(BY_CODE).sort()).toEqual(Object.keys(DIAGNOSIS_CODES).sort());
  });

  it.each(Object.keys(BY_CODE) as DiagnosisCode[])('%s', (code) => {
    const d = BY_CODE[code]();
    expect(d.code).toBe(code);
    const [title, whoActs] = formatDiagnosis(d).split('\n');
    expect({ title, whoActs, side: d.side, fix: d.fix }).toMatchSnapshot();
    // What happened, as support reads it, with the evidence behind it.
    expect(formatDiagnosis(d)).toMatchSnapshot();
  });

  it.each(
    fixtureNames('cloudtrail'),
  )('from the CloudTrail record %s', (name) => {
    const record = readFixture('cloudtrail', name);
    const evidence = cloudTrailEvidence(record, 'verify-');
    let text: string;
    try {
      text = formatDiagnosis(diagnoseCloudTrailEvent(record, { verifierSessionPrefix: 'verify-' }));
    } catch (error) {
      text = `not diagnosed: ${(error as Error).message}`;
    }
    expect({ evidence, text }).toMatchSnapshot();
  });

  it.each([
    'access-denied-explicit-deny-scp-with-policy-arn',
    'access-denied-explicit-deny-permissions-boundary',
    'access-denied-explicit-deny-identity-policy',
    'access-denied-explicit-deny-session-policy',
    'access-denied-explicit-deny-rcp',
    'access-denied-explicit-deny-trust-policy',
    'access-denied-no-scp-allows',
    'access-denied-no-permissions-boundary',
  ])('EXPLICIT_DENY and IDENTITY_POLICY_DENIED for %s', (fixture) => {
    const d = diagnoseStsError(stsError(fixture), CTX);
    expect({ code: d.code, side: d.side, policyType: d.policyType, fix: d.fix }).toMatchSnapshot();
  });

  it.each([
    ['validation-external-id-too-short'],
    ['validation-duration-max-session'],
    ['validation-request-arn-invalid'],
    ['invalid-identity-token-audience'],
  ])('the variant for %s', (fixture) => {
    const d = diagnoseStsError(stsError(fixture), CTX);
    expect({ code: d.code, side: d.side, summary: d.summary, fix: d.fix }).toMatchSnapshot();
  });

  it('without a tenant id or a configured External ID, the texts say what they can', () => {
    const bare: DiagnosisContext = { tenantId: '', dataplaneRoleArn: DATAPLANE_ROLE, targetRoleArn: TARGET_ROLE, vendorAccountId: VENDOR };
    for (const fixture of ['access-denied-trust-policy', 'access-denied-no-identity-policy', 'invalid-identity-token-no-oidc-provider']) {
      const d = diagnoseStsError(stsError(fixture), bare);
      expect({ code: d.code, summary: d.summary, fix: d.fix }).toMatchSnapshot();
    }
    expect(diagnoseStsError(stsError('access-denied-dataplane-role'), bare, 'dataplane').fix).toMatch(/^We re-run onboarding for the tenant so/);
  });
});

describe('the External ID is withheld on every scrubbing path', () => {
  const WITHHELD = '[External ID withheld]';

  it('a ValidationError quotes it between "Value \'" and "\' at \'externalId\'", even when it contains quotes', () => {
    const id = "it's-'quoted'-id";
    expect(scrubExternalIds(`1 validation error detected: Value '${id}' at 'externalId' failed to satisfy constraint: x`)).toBe(
      `1 validation error detected: Value '${WITHHELD}' at 'externalId' failed to satisfy constraint: x`,
    );
  });

  it('a message cut before "Value \'" is withheld up to the marker', () => {
    expect(scrubExternalIds(`secret-value-1234' at 'externalId' failed`)).toBe(`${WITHHELD} at 'externalId' failed`);
  });

  it('with several errors, everything from the first quoted value to the last externalId one is withheld', () => {
    const message =
      "2 validation errors detected: Value 'abc' at 'roleSessionName' failed; Value 'secret-id' at 'externalId' failed to satisfy constraint";
    expect(scrubExternalIds(message)).toBe(`2 validation errors detected: Value '${WITHHELD}' at 'externalId' failed to satisfy constraint`);
  });

  it('a known value is withheld wherever it appears, trimmed or not; values under 4 characters are left alone', () => {
    expect(scrubExternalIds(`AccessDenied for ${EXTERNAL_ID} and again ${EXTERNAL_ID}.`, EXTERNAL_ID)).toBe(
      `AccessDenied for ${WITHHELD} and again ${WITHHELD}.`,
    );
    expect(scrubExternalIds(`sent [${EXTERNAL_ID}] with a space`, ` ${EXTERNAL_ID}\n`)).toBe(`sent [${WITHHELD}] with a space`);
    expect(scrubExternalIds('abcd in abcde', 'abcd')).toBe(`${WITHHELD} in ${WITHHELD}e`);
    expect(scrubExternalIds('abc in abcde', 'abc')).toBe('abc in abcde');
    expect(scrubExternalIds(`no marker ${EXTERNAL_ID}`, 12345)).toBe(`no marker ${EXTERNAL_ID}`);
  });

  it('a CloudTrail record whose message quotes the sent External ID outside the externalId field never shows it', () => {
    // Prepare: only the second layer (the value the record says was sent) can withhold this one.
    const sent = `${EXTERNAL_ID}-old `;
    const record = {
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRole',
      eventTime: '2026-11-23T12:00:00Z',
      eventID: 'e-2',
      errorCode: 'AccessDenied',
      errorMessage: `User: arn:aws:sts::${VENDOR}:assumed-role/acme-dataplane-role/verify-acme-s3-1 is not authorized to perform: sts:AssumeRole on resource: ${TARGET_ROLE} (external id ${sent.trim()})`,
      recipientAccountId: VENDOR,
      userIdentity: { type: 'AssumedRole', arn: `arn:aws:sts::${VENDOR}:assumed-role/acme-dataplane-role/verify-acme-s3-1`, sessionContext: { sessionIssuer: { arn: DATAPLANE_ROLE } } },
      requestParameters: { roleArn: TARGET_ROLE, roleSessionName: 'verify-acme-s3-1', externalId: sent },
    };
    const webIdentity = { ...record, eventName: 'AssumeRoleWithWebIdentity', errorCode: 'InvalidIdentityToken', errorMessage: `Incorrect token audience ${sent.trim()}`, userIdentity: { type: 'WebIdentityUser', userName: 'system:serviceaccount:qualytics:qualytics-spark', identityProvider: 'oidc' } };
    const unknown = { ...record, errorCode: 'SomethingNew', errorMessage: `failed for ${sent.trim()}` };

    // Act
    const outputs = [record, webIdentity, unknown].flatMap((r) => {
      const d = diagnoseCloudTrailEvent(r, { vendorAccountId: VENDOR, externalId: CTX.externalId });
      return [JSON.stringify(d), formatDiagnosis(d), formatDiagnosis(propagationPending(d))];
    });

    // Assess
    expect(outputs.join('\n')).toContain(WITHHELD);
    for (const text of outputs) expect(text).not.toContain(sent.trim());
  });
});
