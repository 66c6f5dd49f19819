// The permission probes of one connection, run from the verified target session (whose session policy,
// ./session-policy.ts, allows these calls only). In order, stopping at the first failure:
//   Athena: GetWorkGroup, then the checks below on the query results location (written to);
//   S3: GetBucketLocation (the bucket exists, in the connection's region), ListObjectsV2 of one key
//   under the prefix, GetObject of that key's first byte (kms:Decrypt for an SSE-KMS object), and for a
//   writable location PutObject then DeleteObject of a one-byte marker under PROBE_MARKER_DIRECTORY.
//   Redshift: DescribeClusters (the cluster exists; a host must be its endpoint), GetClusterCredentials
//   for the connection's user and database; Redshift Serverless: GetWorkgroup, GetCredentials. Database
//   credentials are never kept: the call proves the role may get them.
// Never more than one byte of customer data is read, and nothing is written outside the marker.
import type { DataProbes, ProbeErrorInfo, SessionCredentials } from '../../ports';
import type { ProbeName, ProbeStep } from './probe-steps';
import { endpointMismatch } from './hosts';
import { PROBE_MARKER_DIRECTORY, s3LocationOf, type ConnectionResource, type RedshiftResource, type RedshiftServerlessResource } from './resource';

export { PROBE_NAMES, type ProbeName, type ProbeStep } from './probe-steps';

/** What stopped the probes: the service's error, or a finding in a successful answer. */
export interface ProbeFailure {
  probe: ProbeName;
  action: string;
  resource: string;
  error?: ProbeErrorInfo;
  /** bucketRegion: the region GetBucketLocation gave, when it is not the connection's. */
  bucketRegion?: string;
  /** workgroup: its state when it is not ENABLED. */
  workgroupState?: string;
  /** cluster, workgroup (Redshift): why the connection's host is not the endpoint AWS gives. */
  hostMismatch?: string;
}

export interface ProbeReport {
  steps: ProbeStep[];
  failure?: ProbeFailure;
  /** The marker object left behind when its DeleteObject failed (s3://bucket/key). */
  markerLeft?: string;
}

export interface ProbeTarget {
  resource: ConnectionResource;
  /** The target role's partition and account: resource ARNs are written in them. */
  partition: string;
  accountId: string;
  /** The probe session's name, which names the marker object: unique per connection and attempt. */
  sessionName: string;
}

export async function runProbes(target: ProbeTarget, as: SessionCredentials, probes: DataProbes): Promise<ProbeReport> {
  const { resource } = target;
  if (resource.kind === 'redshift') return probeRedshift({ ...target, resource }, as, probes);
  if (resource.kind === 'redshift-serverless') return probeServerless({ ...target, resource }, as, probes);
  const { partition } = target;
  const { steps, passed, failed } = stepRecorder();
  const location = s3LocationOf(resource);
  const { bucket, prefix, region } = location;
  const bucketArn = `arn:${partition}:s3:::${bucket}`;
  const objectArn = (key: string) => `${bucketArn}/${key}`;

  if (resource.kind === 'athena') {
    const step = {
      probe: 'workgroup' as const,
      action: 'athena:GetWorkGroup',
      resource: `arn:${partition}:athena:${region}:${target.accountId}:workgroup/${resource.workgroup}`,
    };
    const workgroup = await probes.workgroup(as, region, resource.workgroup);
    if (!workgroup.ok) return failed(step, { error: workgroup.error });
    if (workgroup.value.state !== undefined && workgroup.value.state !== 'ENABLED') {
      return failed(step, { workgroupState: workgroup.value.state });
    }
    passed(step);
  }

  const locationStep = { probe: 'bucketRegion' as const, action: 's3:GetBucketLocation', resource: bucketArn };
  const bucketRegion = await probes.bucketRegion(as, region, bucket);
  if (!bucketRegion.ok) return failed(locationStep, { error: bucketRegion.error });
  if (bucketRegion.value !== region) return failed(locationStep, { bucketRegion: bucketRegion.value });
  passed(locationStep, region);

  const listStep = { probe: 'list' as const, action: 's3:ListBucket', resource: bucketArn };
  const first = await probes.firstKey(as, region, bucket, prefix);
  if (!first.ok) return failed(listStep, { error: first.error });
  passed(listStep, prefix === '' ? 'the bucket' : `under ${prefix}`);

  if (first.value === undefined) {
    steps.push({ probe: 'read', action: 's3:GetObject', resource: objectArn(`${prefix}*`), outcome: 'skipped', note: 'no object to read under the prefix' });
  } else {
    const readStep = { probe: 'read' as const, action: 's3:GetObject', resource: objectArn(first.value) };
    const read = await probes.readFirstByte(as, region, bucket, first.value);
    if (!read.ok) return failed(readStep, { error: read.error });
    passed(readStep, read.value.kmsKeyArn ? `1 byte, SSE-KMS with ${read.value.kmsKeyArn}` : '1 byte');
  }

  if (!location.writable) return { steps };
  const marker = `${prefix}${PROBE_MARKER_DIRECTORY}${target.sessionName}`;
  const writeStep = { probe: 'write' as const, action: 's3:PutObject', resource: objectArn(marker) };
  const written = await probes.writeMarker(as, region, bucket, marker);
  if (!written.ok) return failed(writeStep, { error: written.error });
  passed(writeStep, '1-byte marker');
  const deleteStep = { probe: 'delete' as const, action: 's3:DeleteObject', resource: objectArn(marker) };
  const deleted = await probes.deleteMarker(as, region, bucket, marker);
  if (!deleted.ok) return { ...failed(deleteStep, { error: deleted.error }), markerLeft: `s3://${bucket}/${marker}` };
  passed(deleteStep);
  return { steps };
}

/** Steps so far, and how a failed one ends the report. */
function stepRecorder() {
  const steps: ProbeStep[] = [];
  return {
    steps,
    passed: (step: Omit<ProbeStep, 'outcome'>, note?: string) => steps.push({ ...step, outcome: 'passed', ...(note ? { note } : {}) }),
    failed: (step: Omit<ProbeStep, 'outcome'>, more: Omit<ProbeFailure, 'probe' | 'action' | 'resource'>): ProbeReport => {
      steps.push({ ...step, outcome: 'failed' });
      return { steps, failure: { probe: step.probe, action: step.action, resource: step.resource, ...more } };
    },
  };
}

async function probeRedshift(target: ProbeTarget & { resource: RedshiftResource }, as: SessionCredentials, probes: DataProbes): Promise<ProbeReport> {
  const { resource, partition, accountId } = target;
  const at = `arn:${partition}:redshift:${resource.region}:${accountId}`;
  const { steps, passed, failed } = stepRecorder();
  const clusterStep = { probe: 'cluster' as const, action: 'redshift:DescribeClusters', resource: `${at}:cluster:${resource.clusterIdentifier}` };
  const cluster = await probes.redshiftCluster(as, resource.region, resource.clusterIdentifier);
  if (!cluster.ok) return failed(clusterStep, { error: cluster.error });
  const mismatch = endpointMismatch(resource, cluster.value.endpoint);
  if (mismatch) return failed(clusterStep, { hostMismatch: mismatch });
  passed(clusterStep, cluster.value.endpoint);
  const credentialsStep = {
    probe: 'credentials' as const,
    action: 'redshift:GetClusterCredentials',
    resource: `${at}:dbuser:${resource.clusterIdentifier}/${resource.dbUser}`,
  };
  const credentials = await probes.redshiftCredentials(as, resource.region, resource.clusterIdentifier, resource.dbUser, resource.database);
  if (!credentials.ok) return failed(credentialsStep, { error: credentials.error });
  passed(credentialsStep, `database ${resource.database}; the credentials were not used`);
  return { steps };
}

async function probeServerless(
  target: ProbeTarget & { resource: RedshiftServerlessResource },
  as: SessionCredentials,
  probes: DataProbes,
): Promise<ProbeReport> {
  const { resource, partition, accountId } = target;
  const { steps, passed, failed } = stepRecorder();
  const anyWorkgroup = `arn:${partition}:redshift-serverless:${resource.region}:${accountId}:workgroup/*`;
  const workgroupStep = { probe: 'workgroup' as const, action: 'redshift-serverless:GetWorkgroup', resource: anyWorkgroup };
  const workgroup = await probes.serverlessWorkgroup(as, resource.region, resource.workgroup);
  if (!workgroup.ok) return failed(workgroupStep, { error: workgroup.error });
  const arn = workgroup.value.arn ?? anyWorkgroup;
  const mismatch = endpointMismatch(resource, workgroup.value.endpoint);
  if (mismatch) return failed({ ...workgroupStep, resource: arn }, { hostMismatch: mismatch });
  passed({ ...workgroupStep, resource: arn }, workgroup.value.endpoint);
  const credentialsStep = { probe: 'credentials' as const, action: 'redshift-serverless:GetCredentials', resource: arn };
  const credentials = await probes.serverlessCredentials(as, resource.region, resource.workgroup, resource.database);
  if (!credentials.ok) return failed(credentialsStep, { error: credentials.error });
  passed(credentialsStep, `database ${resource.database}; the credentials were not used`);
  return { steps };
}
