// The permission probes in order, each call as the probe session in the connection's region, stopping
// at the first failure; at most one byte read, nothing written but the marker, which is deleted.
import type { DataProbes, ProbeCall, SessionCredentials } from '../../../../lib/ports';
import { runProbes, type ProbeTarget } from '../../../../lib/domain/probes/run-probes';
import { PROBE_MARKER_DIRECTORY, type ConnectionResource } from '../../../../lib/domain/probes/resource';

const SESSION: SessionCredentials = { accessKeyId: 'ASIAPROBE', secretAccessKey: 'secret' };
const denied = { ok: false as const, error: { name: 'AccessDenied', message: 'denied', httpStatusCode: 403 } };

type Answers = { [K in keyof DataProbes]?: Awaited<ReturnType<DataProbes[K]>> };

/** DataProbes answering as told (every call succeeds by default), recording each call. */
function fakeProbes(answers: Answers = {}) {
  const calls: string[] = [];
  const ok = <T>(value: T): ProbeCall<T> => ({ ok: true, value });
  const probes: DataProbes = {
    bucketRegion: async (as, region, bucket) => (calls.push(`GetBucketLocation ${bucket} in ${region} as ${as.accessKeyId}`), answers.bucketRegion ?? ok(region)),
    firstKey: async (_as, region, bucket, prefix) => (calls.push(`ListObjectsV2 ${bucket} prefix=${prefix} in ${region}`), answers.firstKey ?? ok(`${prefix}2026/part-0.parquet`)),
    readFirstByte: async (_as, _region, bucket, key) => (calls.push(`GetObject ${bucket}/${key} bytes=0-0`), answers.readFirstByte ?? ok({})),
    writeMarker: async (_as, _region, bucket, key) => (calls.push(`PutObject ${bucket}/${key}`), answers.writeMarker ?? ok(undefined)),
    deleteMarker: async (_as, _region, bucket, key) => (calls.push(`DeleteObject ${bucket}/${key}`), answers.deleteMarker ?? ok(undefined)),
    workgroup: async (_as, region, name) => (calls.push(`GetWorkGroup ${name} in ${region}`), answers.workgroup ?? ok({ state: 'ENABLED' })),
    redshiftCluster: async (_as, region, id) => (calls.push(`DescribeClusters ${id} in ${region}`), answers.redshiftCluster ?? ok({ endpoint: `${id}.c1a2b3.${region}.redshift.amazonaws.com` })),
    redshiftCredentials: async (_as, _region, id, user, db) => (calls.push(`GetClusterCredentials ${id} ${user} ${db}`), answers.redshiftCredentials ?? ok(undefined)),
    serverlessWorkgroup: async (_as, region, name) => (
      calls.push(`GetWorkgroup ${name} in ${region}`),
      answers.serverlessWorkgroup ?? ok({ endpoint: `${name}.222222222222.${region}.redshift-serverless.amazonaws.com`, arn: `arn:aws:redshift-serverless:${region}:222222222222:workgroup/0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6` })
    ),
    serverlessCredentials: async (_as, _region, name, db) => (calls.push(`GetCredentials ${name} ${db}`), answers.serverlessCredentials ?? ok(undefined)),
  };
  return { probes, calls };
}

const LAKE: ConnectionResource = { kind: 's3', bucket: 'acme-lake', prefix: 'raw/', region: 'eu-west-1' };
const target = (resource: ConnectionResource): ProbeTarget => ({ resource, partition: 'aws', accountId: '222222222222', sessionName: 'verify-acme-lake-3-pb' });

describe('the permission probes', () => {
  it('of a read-only S3 connection: location, one key under the prefix, its first byte; nothing written', async () => {
    const { probes, calls } = fakeProbes({ readFirstByte: { ok: true, value: { kmsKeyArn: 'arn:aws:kms:eu-west-1:222222222222:key/k1' } } });

    const report = await runProbes(target(LAKE), SESSION, probes);

    expect(calls).toEqual([
      'GetBucketLocation acme-lake in eu-west-1 as ASIAPROBE',
      'ListObjectsV2 acme-lake prefix=raw/ in eu-west-1',
      'GetObject acme-lake/raw/2026/part-0.parquet bytes=0-0',
    ]);
    expect(report.failure).toBeUndefined();
    expect(report.steps.map((s) => [s.action, s.outcome])).toEqual([
      ['s3:GetBucketLocation', 'passed'],
      ['s3:ListBucket', 'passed'],
      ['s3:GetObject', 'passed'],
    ]);
    expect(report.steps[2]).toMatchObject({ resource: 'arn:aws:s3:::acme-lake/raw/2026/part-0.parquet', note: '1 byte, SSE-KMS with arn:aws:kms:eu-west-1:222222222222:key/k1' });
  });

  it('of a writable one: writes its marker under the prefix, named after the session, then deletes that same key', async () => {
    const { probes, calls } = fakeProbes();

    const report = await runProbes(target({ ...LAKE, writable: true }), SESSION, probes);

    const marker = `acme-lake/raw/${PROBE_MARKER_DIRECTORY}verify-acme-lake-3-pb`;
    expect(calls.slice(3)).toEqual([`PutObject ${marker}`, `DeleteObject ${marker}`]);
    expect(report.failure).toBeUndefined();
    expect(report.markerLeft).toBeUndefined();
  });

  it('skips the read when the prefix holds no object, and says so', async () => {
    const { probes, calls } = fakeProbes({ firstKey: { ok: true, value: undefined } });

    const report = await runProbes(target(LAKE), SESSION, probes);

    expect(calls).toHaveLength(2);
    expect(report.steps[2]).toMatchObject({ probe: 'read', outcome: 'skipped', note: 'no object to read under the prefix' });
    expect(report.failure).toBeUndefined();
  });

  it('stops at the first failure, with the action and resource it was refused on', async () => {
    const { probes, calls } = fakeProbes({ firstKey: denied });

    const report = await runProbes(target({ ...LAKE, writable: true }), SESSION, probes);

    expect(calls).toHaveLength(2);
    expect(report.failure).toEqual({ probe: 'list', action: 's3:ListBucket', resource: 'arn:aws:s3:::acme-lake', error: denied.error });
    expect(report.steps.at(-1)?.outcome).toBe('failed');
  });

  it('reports a bucket in another region from its location, before any other call', async () => {
    const { probes, calls } = fakeProbes({ bucketRegion: { ok: true, value: 'us-east-1' } });

    const report = await runProbes(target(LAKE), SESSION, probes);

    expect(calls).toHaveLength(1);
    expect(report.failure).toMatchObject({ probe: 'bucketRegion', bucketRegion: 'us-east-1' });
  });

  it('says where the marker stays when it could be written but not deleted', async () => {
    const { probes } = fakeProbes({ deleteMarker: denied });

    const report = await runProbes(target({ ...LAKE, writable: true }), SESSION, probes);

    expect(report.failure).toMatchObject({ probe: 'delete', action: 's3:DeleteObject' });
    expect(report.markerLeft).toBe(`s3://acme-lake/raw/${PROBE_MARKER_DIRECTORY}verify-acme-lake-3-pb`);
  });

  it('of an Athena connection: the workgroup first, then its results location, written to', async () => {
    const { probes, calls } = fakeProbes({ firstKey: { ok: true, value: undefined } });
    const athena: ConnectionResource = { kind: 'athena', workgroup: 'analytics', region: 'eu-west-1', resultsBucket: 'acme-results' };

    const report = await runProbes(target(athena), SESSION, probes);

    expect(calls).toEqual([
      'GetWorkGroup analytics in eu-west-1',
      'GetBucketLocation acme-results in eu-west-1 as ASIAPROBE',
      'ListObjectsV2 acme-results prefix= in eu-west-1',
      `PutObject acme-results/${PROBE_MARKER_DIRECTORY}verify-acme-lake-3-pb`,
      `DeleteObject acme-results/${PROBE_MARKER_DIRECTORY}verify-acme-lake-3-pb`,
    ]);
    expect(report.steps[0]).toMatchObject({ action: 'athena:GetWorkGroup', resource: 'arn:aws:athena:eu-west-1:222222222222:workgroup/analytics' });
  });

  it('stops at a disabled workgroup', async () => {
    const { probes, calls } = fakeProbes({ workgroup: { ok: true, value: { state: 'DISABLED' } } });

    const report = await runProbes(target({ kind: 'athena', workgroup: 'analytics', region: 'eu-west-1', resultsBucket: 'acme-results' }), SESSION, probes);

    expect(calls).toHaveLength(1);
    expect(report.failure).toMatchObject({ probe: 'workgroup', workgroupState: 'DISABLED' });
  });

  it('of a Redshift cluster: the cluster, then database credentials for its user and database (dropped unused)', async () => {
    const { probes, calls } = fakeProbes();
    const dw: ConnectionResource = { kind: 'redshift', clusterIdentifier: 'acme-dw', database: 'analytics', dbUser: 'qualytics', region: 'eu-west-1' };

    const report = await runProbes(target(dw), SESSION, probes);

    expect(calls).toEqual(['DescribeClusters acme-dw in eu-west-1', 'GetClusterCredentials acme-dw qualytics analytics']);
    expect(report.failure).toBeUndefined();
    expect(report.steps.map((s) => [s.action, s.resource])).toEqual([
      ['redshift:DescribeClusters', 'arn:aws:redshift:eu-west-1:222222222222:cluster:acme-dw'],
      ['redshift:GetClusterCredentials', 'arn:aws:redshift:eu-west-1:222222222222:dbuser:acme-dw/qualytics'],
    ]);
  });

  it('stops at a Redshift host that is not the cluster\'s own endpoint, before asking for credentials', async () => {
    const { probes, calls } = fakeProbes();
    const dw: ConnectionResource = {
      kind: 'redshift',
      clusterIdentifier: 'acme-dw',
      database: 'analytics',
      dbUser: 'qualytics',
      region: 'eu-west-1',
      host: 'acme-dw-endpoint-abcdefghij0123456789.c1a2b3.eu-west-1.redshift.amazonaws.com',
    };

    const report = await runProbes(target(dw), SESSION, probes);

    expect(calls).toHaveLength(1);
    expect(report.failure?.hostMismatch).toMatch(/AWS gives acme-dw\.c1a2b3\.eu-west-1\.redshift\.amazonaws\.com/);
  });

  it('of a Redshift Serverless workgroup: the workgroup, then its credentials, on the workgroup ARN AWS gives', async () => {
    const { probes, calls } = fakeProbes();

    const report = await runProbes(target({ kind: 'redshift-serverless', workgroup: 'acme-wg', database: 'dev', region: 'eu-west-1' }), SESSION, probes);

    expect(calls).toEqual(['GetWorkgroup acme-wg in eu-west-1', 'GetCredentials acme-wg dev']);
    expect(report.steps[1]).toMatchObject({
      action: 'redshift-serverless:GetCredentials',
      resource: 'arn:aws:redshift-serverless:eu-west-1:222222222222:workgroup/0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6',
      outcome: 'passed',
    });
  });
});
