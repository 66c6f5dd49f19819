// The permission probes end to end: the real ASL files and handlers on the sandbox, whose S3, KMS and
// Athena decide with the customer role's policies, the bucket's key and the probe session's policy.
// One case per shipped probe scenario, and what the probes may never do: read more than one byte,
// write anywhere but their marker, or leave the marker behind.
import path from 'node:path';
import { LocalEnvironment } from '../../lib/local/local-environment';
import { loadScenario } from '../../lib/sandbox';
import { PROBE_MARKER_DIRECTORY } from '../../lib/domain/probes/resource';
import { VERIFIER_SESSION_PREFIX } from '../../lib/domain/verification/verification';

/** A short deadline keeps never-fixed connections quick: 60 + 120 + 240 s of scheduled waiting. */
const SHORT = { firstRetrySeconds: 60, maxIntervalSeconds: 3600, deadlineSeconds: 600 };

let env: LocalEnvironment | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function onboardWith(scenarioName: string) {
  const scenario = loadScenario(path.resolve(__dirname, '../../scenarios', `${scenarioName}.json`));
  env = await LocalEnvironment.start(scenario);
  const seen: { state: string; code?: string }[] = [];
  const outputs: string[] = [];
  const result = await env.onboard(
    { tenantId: 'acme', clusterName: 'acme-prod', targetRoles: env.sandbox.connections, schedule: SHORT },
    {
      onEvent: (e: any) => {
        if (e.type === 'StateExited') outputs.push(JSON.stringify(e.state.output));
        if (e.type === 'StateExited' && e.state.name === 'Record Attempt') {
          seen.push({ state: e.state.output.progress.state, ...(e.state.output.attempt.diagnosis ? { code: e.state.output.attempt.diagnosis.code } : {}) });
        }
      },
    },
  );
  const status = (await env.status('acme'))!;
  return { result, status, connection: Object.values(status.connections ?? {})[0] as any, sandbox: env.sandbox, seen, outputs };
}

/** Every S3 call of a probe session: what was read, written and deleted. */
function probeCalls(sandbox: LocalEnvironment['sandbox']) {
  return sandbox.calls.filter((c) => c.service === 's3' || c.service === 'athena');
}

describe('permission probes end to end', () => {
  it('a role that reaches its data: VERIFIED, each probe passed, one byte read, the marker written and deleted, nothing else', async () => {
    // Act
    const { status, connection, sandbox } = await onboardWith('probe-verified');

    // Assess
    expect(status.verification).toMatchObject({ state: 'VERIFIED' });
    expect(connection).toMatchObject({ state: 'VERIFIED', attempts: 1, resource: { kind: 's3', bucket: 'acme-data-lake', writable: true } });
    expect(connection.summary).toMatch(/and reaches s3:\/\/acme-data-lake\/raw\//);
    expect(connection.probes.map((p: any) => `${p.action}:${p.outcome}`)).toEqual([
      's3:GetBucketLocation:passed',
      's3:ListBucket:passed',
      's3:GetObject:passed',
      's3:PutObject:passed',
      's3:DeleteObject:passed',
    ]);
    const calls = probeCalls(sandbox);
    // Every call is made as the probe session of the customer's role, never as anything of ours.
    for (const call of calls) expect(call.principal).toMatch(new RegExp(`^arn:aws:sts::222222222222:assumed-role/qualytics-s3-read/${VERIFIER_SESSION_PREFIX}acme-acme-data-lake-1-pb$`));
    const read = calls.filter((c) => c.operation === 'GetObject');
    expect(read.map((c) => (c.input as any).Range)).toEqual(['bytes=0-0']);
    const written = calls.filter((c) => c.operation === 'PutObject' || c.operation === 'DeleteObject').map((c) => `${c.operation} ${(c.input as any).Key}`);
    const marker = `raw/${PROBE_MARKER_DIRECTORY}verify-acme-acme-data-lake-1-pb`;
    expect(written).toEqual([`PutObject ${marker}`, `DeleteObject ${marker}`]);
    // The bucket holds what it held before: the marker is gone.
    expect(sandbox.bucketObjects('acme-data-lake').map((o) => o.key).sort()).toEqual(['curated/customers.parquet', 'raw/2026/11/30/events-0001.parquet']);
  });

  it('a role that may list but not decrypt: KMS_ACCESS_DENIED with the key and the statement to add, DATA_ACCESS_REQUIRED while polling, ACTION_REQUIRED at the deadline', async () => {
    // Act
    const { status, connection, seen } = await onboardWith('probe-kms-denied');

    // Assess
    expect(seen.map((s) => `${s.state}:${s.code}`)).toEqual([
      'DATA_ACCESS_REQUIRED:KMS_ACCESS_DENIED',
      'DATA_ACCESS_REQUIRED:KMS_ACCESS_DENIED',
      'DATA_ACCESS_REQUIRED:KMS_ACCESS_DENIED',
      'ACTION_REQUIRED:KMS_ACCESS_DENIED',
    ]);
    expect(connection).toMatchObject({ state: 'ACTION_REQUIRED', diagnosis: { code: 'KMS_ACCESS_DENIED', side: 'customer' } });
    const keyArn = 'arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(connection.diagnosis.missingPermission).toEqual({
      action: 'kms:Decrypt',
      resource: keyArn,
      keyArn,
      statement: {
        Sid: 'QualyticsUseBucketKey',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: keyArn,
        Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
      },
    });
    expect(connection.probes.map((p: any) => `${p.action}:${p.outcome}`)).toEqual(['s3:GetBucketLocation:passed', 's3:ListBucket:passed', 's3:GetObject:failed']);
    expect(status.verification).toMatchObject({ state: 'ACTION_REQUIRED' });
  });

  it('the statement a diagnosis gives is the one that works: added to the role, the next run is VERIFIED', async () => {
    // Prepare
    const { connection, sandbox } = await onboardWith('probe-kms-denied');
    const role = sandbox.getRole('qualytics-s3-read', '222222222222')!;
    const policies = { ...role.inlinePolicies, 'added-from-the-fix': { Version: '2012-10-17', Statement: [connection.diagnosis.missingPermission.statement] } };
    await env!.close();
    const scenario = loadScenario(path.resolve(__dirname, '../../scenarios/probe-kms-denied.json'));
    scenario.customers[0]!.roles[0]!.inlinePolicies = policies as any;
    env = await LocalEnvironment.start(scenario);

    // Act
    await env.onboard({ tenantId: 'acme', clusterName: 'acme-prod', targetRoles: env.sandbox.connections, schedule: SHORT });

    // Assess
    const after = Object.values((await env.status('acme'))!.connections ?? {})[0] as any;
    expect(after).toMatchObject({ state: 'VERIFIED', attempts: 1 });
  });

  it.each([
    ['probe-data-access-denied', 'DATA_ACCESS_DENIED', 's3:ListBucket'],
    ['probe-bucket-not-found', 'BUCKET_NOT_FOUND', 's3:GetBucketLocation'],
    ['probe-bucket-in-other-region', 'BUCKET_IN_OTHER_REGION', 's3:GetBucketLocation'],
    ['probe-workgroup-not-found', 'WORKGROUP_NOT_FOUND', 'athena:GetWorkGroup'],
    ['probe-redshift-cluster-not-found', 'CLUSTER_NOT_FOUND', 'redshift:DescribeClusters'],
    ['probe-redshift-credentials-denied', 'DATA_ACCESS_DENIED', 'redshift:GetClusterCredentials'],
  ])('%s: %s on %s, polled as DATA_ACCESS_REQUIRED until the deadline', async (scenario, code, failedAction) => {
    // Act
    const { connection, seen, sandbox } = await onboardWith(scenario);

    // Assess
    expect(seen.map((s) => s.state)).toEqual(['DATA_ACCESS_REQUIRED', 'DATA_ACCESS_REQUIRED', 'DATA_ACCESS_REQUIRED', 'ACTION_REQUIRED']);
    expect(new Set(seen.map((s) => s.code))).toEqual(new Set([code]));
    expect(connection).toMatchObject({ state: 'ACTION_REQUIRED', diagnosis: { code, side: 'customer' } });
    expect(connection.probes.at(-1)).toMatchObject({ action: failedAction, outcome: 'failed' });
    expect(probeCalls(sandbox).filter((c) => c.operation === 'PutObject')).toEqual([]);
  });

  it('names the bucket region S3 gives, and the statement AWS says is missing', async () => {
    const other = await onboardWith('probe-bucket-in-other-region');
    expect(other.connection.diagnosis.fix).toBe("The customer sets the connection's region to us-east-1.");
    await env!.close();
    const denied = await onboardWith('probe-data-access-denied');
    expect(denied.connection.diagnosis.missingPermission).toMatchObject({
      action: 's3:ListBucket',
      resource: 'arn:aws:s3:::acme-data-lake',
      statement: { Action: 's3:ListBucket', Resource: 'arn:aws:s3:::acme-data-lake', Condition: { StringLike: { 's3:prefix': ['raw/*'] } } },
    });
  });

  it('Redshift: the statement names both the database user and the database, as AWS authorizes each', async () => {
    const { connection } = await onboardWith('probe-redshift-credentials-denied');

    expect(connection.diagnosis.missingPermission).toEqual({
      action: 'redshift:GetClusterCredentials',
      resource: 'arn:aws:redshift:eu-west-1:222222222222:dbname:acme-dw/analytics',
      statement: {
        Sid: 'QualyticsGetClusterCredentials',
        Effect: 'Allow',
        Action: 'redshift:GetClusterCredentials',
        Resource: ['arn:aws:redshift:eu-west-1:222222222222:dbuser:acme-dw/qualytics', 'arn:aws:redshift:eu-west-1:222222222222:dbname:acme-dw/analytics'],
      },
    });
  });

  it('Redshift Serverless: VERIFIED once the workgroup is read and credentials issued, which nothing keeps', async () => {
    const { connection, status, outputs } = await onboardWith('probe-redshift-serverless-verified');

    expect(connection).toMatchObject({ state: 'VERIFIED', resource: { kind: 'redshift-serverless', workgroup: 'acme-analytics' } });
    expect(connection.probes.map((p: any) => `${p.action}:${p.outcome}`)).toEqual(['redshift-serverless:GetWorkgroup:passed', 'redshift-serverless:GetCredentials:passed']);
    // The credentials AWS issued appear nowhere: not in the status, not in any state's output.
    expect(outputs.length).toBeGreaterThan(10);
    expect(JSON.stringify({ status, outputs })).not.toMatch(/password/i);
    expect(JSON.stringify({ status, outputs })).not.toMatch(/\bIAM[RA]?:[A-Za-z]/);
  });

  it('a Redshift-managed VPC endpoint as host: HOST_NOT_CANONICAL from the endpoint AWS gives, polling stopped at once', async () => {
    const { connection, seen, sandbox } = await onboardWith('probe-redshift-vpc-endpoint');

    expect(seen).toEqual([{ state: 'ACTION_REQUIRED', code: 'HOST_NOT_CANONICAL' }]);
    expect(connection.diagnosis.fix).toContain('acme-dw.c7x2k9p4q1zm.eu-west-1.redshift.amazonaws.com');
    // No database credentials were asked for with a host the product could not reach.
    expect(sandbox.callsTo('redshift', 'GetClusterCredentials')).toEqual([]);
  });

  it('a VPC endpoint host: HOST_NOT_CANONICAL at the first attempt, before any call to AWS', async () => {
    // Act
    const { connection, sandbox, seen } = await onboardWith('probe-host-not-canonical');

    // Assess
    expect(seen).toEqual([{ state: 'ACTION_REQUIRED', code: 'HOST_NOT_CANONICAL' }]);
    expect(connection.diagnosis.fix).toContain('s3.eu-west-1.amazonaws.com');
    expect(sandbox.callsTo('sts', 'AssumeRole').filter((c) => /qualytics-s3-read/.test((c.input as any).RoleArn))).toEqual([]);
    expect(probeCalls(sandbox)).toEqual([]);
  });

  it('a connection without a resource is verified on its trust alone: no probe session, no data call', async () => {
    const { connection, sandbox } = await onboardWith('verify-correct-setup');

    expect(connection).toMatchObject({ state: 'VERIFIED' });
    expect(connection.probes).toBeUndefined();
    expect(sandbox.callsTo('sts', 'AssumeRole').filter((c) => /-pb$/.test((c.input as any).RoleSessionName))).toEqual([]);
    expect(probeCalls(sandbox)).toEqual([]);
  });
});
