// The session policy of the probe session: the target role's permissions narrowed to exactly the calls
// the probes make, on exactly the connection's resources. Whatever the role may do, the probe session
// can list one key under the prefix, read one byte, and write and delete only its own marker; or
// describe the Redshift cluster or workgroup and get database credentials for the connection's user
// and database, which the probe drops unused.
import { dnsSuffix, PROBE_MARKER_DIRECTORY, s3LocationOf, type ConnectionResource } from './resource';

interface Statement {
  Sid: string;
  Effect: 'Allow';
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** The probe session policy for a resource, in the target role's partition and account. */
export function probeSessionPolicy(resource: ConnectionResource, target: { partition: string; accountId: string }): string {
  const { partition, accountId } = target;
  const statements: Statement[] = [];
  if (resource.kind === 'redshift') {
    const at = `arn:${partition}:redshift:${resource.region}:${accountId}`;
    statements.push(
      { Sid: 'ProbeCluster', Effect: 'Allow', Action: 'redshift:DescribeClusters', Resource: `${at}:cluster:${resource.clusterIdentifier}` },
      {
        Sid: 'ProbeCredentials',
        Effect: 'Allow',
        Action: 'redshift:GetClusterCredentials',
        Resource: [`${at}:dbuser:${resource.clusterIdentifier}/${resource.dbUser}`, `${at}:dbname:${resource.clusterIdentifier}/${resource.database}`],
      },
    );
    return policyOf(statements);
  }
  if (resource.kind === 'redshift-serverless') {
    // Workgroup ARNs end in the workgroup's id, which only AWS knows: any workgroup of the target account.
    statements.push({
      Sid: 'ProbeWorkgroup',
      Effect: 'Allow',
      Action: ['redshift-serverless:GetWorkgroup', 'redshift-serverless:GetCredentials'],
      Resource: `arn:${partition}:redshift-serverless:${resource.region}:${accountId}:workgroup/*`,
    });
    return policyOf(statements);
  }
  const location = s3LocationOf(resource);
  const bucketArn = `arn:${partition}:s3:::${location.bucket}`;
  if (resource.kind === 'athena') {
    statements.push({
      Sid: 'ProbeWorkgroup',
      Effect: 'Allow',
      Action: 'athena:GetWorkGroup',
      Resource: `arn:${partition}:athena:${resource.region}:${accountId}:workgroup/${resource.workgroup}`,
    });
  }
  statements.push(
    { Sid: 'ProbeBucketLocation', Effect: 'Allow', Action: 's3:GetBucketLocation', Resource: bucketArn },
    {
      Sid: 'ProbeList',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: bucketArn,
      ...(location.prefix !== '' ? { Condition: { StringLike: { 's3:prefix': `${location.prefix}*` } } } : {}),
    },
    { Sid: 'ProbeReadOneByte', Effect: 'Allow', Action: 's3:GetObject', Resource: `${bucketArn}/${location.prefix}*` },
  );
  if (location.writable) {
    statements.push({
      Sid: 'ProbeMarkerOnly',
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:DeleteObject'],
      Resource: `${bucketArn}/${location.prefix}${PROBE_MARKER_DIRECTORY}*`,
    });
  }
  statements.push({
    Sid: 'ProbeKmsThroughS3',
    Effect: 'Allow',
    Action: location.writable ? ['kms:Decrypt', 'kms:GenerateDataKey'] : 'kms:Decrypt',
    Resource: `arn:${partition}:kms:${location.region}:*:key/*`,
    Condition: { StringEquals: { 'kms:ViaService': `s3.${location.region}.${dnsSuffix(location.region)}` } },
  });
  return policyOf(statements);
}

function policyOf(statements: Statement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}
