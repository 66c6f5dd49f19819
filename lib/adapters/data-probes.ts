// The permission probes' S3, Athena and Redshift calls, made with the probe session's credentials in the
// connection's region. As for STS, a refusal is the finding verification diagnoses: every error the
// service answered with comes back as data; failures that never reached it (a dropped connection, a
// timeout) are thrown, as TransientAwsError, for the state machine to retry.
import { AthenaClient, AthenaServiceException, GetWorkGroupCommand } from '@aws-sdk/client-athena';
import {
  DeleteObjectCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { DescribeClustersCommand, GetClusterCredentialsCommand, RedshiftClient, RedshiftServiceException } from '@aws-sdk/client-redshift';
import {
  GetCredentialsCommand,
  GetWorkgroupCommand,
  RedshiftServerlessClient,
  RedshiftServerlessServiceException,
} from '@aws-sdk/client-redshift-serverless';
import type { DataProbes, ProbeCall, ProbeErrorInfo, SessionCredentials } from '../ports';
import type { AdapterFactory } from './adapter-factory';
import { newClient } from './aws-client-factory';
import { awsErrorName, mapAwsError } from './aws-errors';

/** GetBucketLocation's legacy answers: none for us-east-1, "EU" for eu-west-1. */
function regionOfLocation(constraint: string | undefined): string {
  if (constraint === undefined || constraint === '') return 'us-east-1';
  return constraint === 'EU' ? 'eu-west-1' : constraint;
}

interface ErrorShape {
  message?: unknown;
  Region?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $response?: { headers?: Record<string, string | undefined> };
}

/** The service's answer as data, or undefined when the error did not come back from the service. */
export function probeErrorInfo(error: unknown): ProbeErrorInfo | undefined {
  const name = awsErrorName(error);
  if (name === undefined) return undefined;
  const e = error as ErrorShape;
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const fromService =
    error instanceof S3ServiceException ||
    error instanceof AthenaServiceException ||
    error instanceof RedshiftServiceException ||
    error instanceof RedshiftServerlessServiceException;
  if (status === undefined && !fromService) return undefined;
  // A redirect names the bucket's region in a header (PermanentRedirect, or a bodiless 301 the SDK
  // calls Unknown); AuthorizationHeaderMalformed in its Region field.
  const header = e.$response?.headers?.['x-amz-bucket-region'];
  const bucketRegion = typeof header === 'string' && header !== '' ? header : typeof e.Region === 'string' ? e.Region : undefined;
  return {
    name: status === 301 && name === 'Unknown' ? 'PermanentRedirect' : name,
    message: typeof e.message === 'string' ? e.message : '',
    ...(status !== undefined ? { httpStatusCode: status } : {}),
    ...(bucketRegion !== undefined ? { bucketRegion } : {}),
  };
}

const SERVICE_OF: Record<string, string> = {
  GetWorkGroup: 'Athena',
  DescribeClusters: 'Redshift',
  GetClusterCredentials: 'Redshift',
  GetWorkgroup: 'Redshift Serverless',
  GetCredentials: 'Redshift Serverless',
};

async function call<T>(operation: string, resource: string, send: () => Promise<T>): Promise<ProbeCall<T>> {
  try {
    return { ok: true, value: await send() };
  } catch (error) {
    const info = probeErrorInfo(error);
    if (info) return { ok: false, error: info };
    throw mapAwsError(error, { service: SERVICE_OF[operation] ?? 'S3', operation, resource });
  }
}

export class AwsDataProbes implements DataProbes {
  // A session's clients are created per call: its credentials live only for the session, and the SDK
  // marks the credentials object it is given, so it gets a copy.
  private s3(as: SessionCredentials, region: string): S3Client {
    return newClient('s3', S3Client, { region, credentials: { ...as } });
  }

  bucketRegion(as: SessionCredentials, region: string, bucket: string): Promise<ProbeCall<string>> {
    return call('GetBucketLocation', bucket, async () =>
      regionOfLocation((await this.s3(as, region).send(new GetBucketLocationCommand({ Bucket: bucket }))).LocationConstraint),
    );
  }

  firstKey(as: SessionCredentials, region: string, bucket: string, prefix: string): Promise<ProbeCall<string | undefined>> {
    return call('ListObjectsV2', bucket, async () => {
      const output = await this.s3(as, region).send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1, ...(prefix ? { Prefix: prefix } : {}) }));
      return output.Contents?.[0]?.Key;
    });
  }

  readFirstByte(as: SessionCredentials, region: string, bucket: string, key: string): Promise<ProbeCall<{ kmsKeyArn?: string }>> {
    return call('GetObject', `${bucket}/${key}`, async () => {
      const output = await this.s3(as, region).send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: 'bytes=0-0' }));
      // Read the one byte asked for, which also releases the connection.
      await output.Body?.transformToByteArray();
      return output.ServerSideEncryption === 'aws:kms' && output.SSEKMSKeyId ? { kmsKeyArn: output.SSEKMSKeyId } : {};
    });
  }

  writeMarker(as: SessionCredentials, region: string, bucket: string, key: string): Promise<ProbeCall<void>> {
    return call('PutObject', `${bucket}/${key}`, async () => {
      await this.s3(as, region).send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: '.', ContentType: 'text/plain' }));
    });
  }

  deleteMarker(as: SessionCredentials, region: string, bucket: string, key: string): Promise<ProbeCall<void>> {
    return call('DeleteObject', `${bucket}/${key}`, async () => {
      await this.s3(as, region).send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    });
  }

  workgroup(as: SessionCredentials, region: string, name: string): Promise<ProbeCall<{ state?: string }>> {
    return call('GetWorkGroup', name, async () => {
      const client = newClient('athena', AthenaClient, { region, credentials: { ...as } });
      const output = await client.send(new GetWorkGroupCommand({ WorkGroup: name }));
      return output.WorkGroup?.State ? { state: output.WorkGroup.State } : {};
    });
  }

  redshiftCluster(as: SessionCredentials, region: string, identifier: string): Promise<ProbeCall<{ endpoint?: string }>> {
    return call('DescribeClusters', identifier, async () => {
      const client = newClient('redshift', RedshiftClient, { region, credentials: { ...as } });
      const output = await client.send(new DescribeClustersCommand({ ClusterIdentifier: identifier }));
      const address = output.Clusters?.[0]?.Endpoint?.Address;
      return address ? { endpoint: address } : {};
    });
  }

  redshiftCredentials(as: SessionCredentials, region: string, identifier: string, dbUser: string, database: string): Promise<ProbeCall<void>> {
    return call('GetClusterCredentials', `${identifier}/${dbUser}`, async () => {
      const client = newClient('redshift', RedshiftClient, { region, credentials: { ...as } });
      // The password in the answer is dropped here: nothing keeps, logs or returns it.
      await client.send(new GetClusterCredentialsCommand({ ClusterIdentifier: identifier, DbUser: dbUser, DbName: database, DurationSeconds: 900, AutoCreate: false }));
    });
  }

  serverlessWorkgroup(as: SessionCredentials, region: string, name: string): Promise<ProbeCall<{ endpoint?: string; arn?: string }>> {
    return call('GetWorkgroup', name, async () => {
      const client = newClient('redshift-serverless', RedshiftServerlessClient, { region, credentials: { ...as } });
      const { workgroup } = await client.send(new GetWorkgroupCommand({ workgroupName: name }));
      return { ...(workgroup?.endpoint?.address ? { endpoint: workgroup.endpoint.address } : {}), ...(workgroup?.workgroupArn ? { arn: workgroup.workgroupArn } : {}) };
    });
  }

  serverlessCredentials(as: SessionCredentials, region: string, workgroup: string, database: string): Promise<ProbeCall<void>> {
    return call('GetCredentials', workgroup, async () => {
      const client = newClient('redshift-serverless', RedshiftServerlessClient, { region, credentials: { ...as } });
      // The password in the answer is dropped here: nothing keeps, logs or returns it.
      await client.send(new GetCredentialsCommand({ workgroupName: workgroup, dbName: database, durationSeconds: 900 }));
    });
  }
}

export const dataProbesAdapter: AdapterFactory<DataProbes> = () => new AwsDataProbes();
