// What a connection is for: the customer's data the product reaches through the target role. A
// connection without a resource is verified as before (the trust only); one with a resource is also
// probed (./run-probes.ts). Nothing here is secret: resources are shown wherever a connection is.

export const RESOURCE_KINDS = ['s3', 'athena', 'redshift', 'redshift-serverless'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export interface S3Resource {
  kind: 's3';
  bucket: string;
  /** Where the product reads (and, when writable, writes): keys under it; '' or absent for the whole bucket. */
  prefix?: string;
  /** True when the product writes under the prefix: the probes then write and delete one marker object. */
  writable?: boolean;
  /** The bucket's region, as the product's S3 client is configured. */
  region: string;
  /** The S3 endpoint host the product will use; absent for the SDK's default. */
  host?: string;
}

export interface AthenaResource {
  kind: 'athena';
  workgroup: string;
  region: string;
  /** The bucket Athena writes query results to, and the prefix under it. */
  resultsBucket: string;
  resultsPrefix?: string;
  host?: string;
}

export interface RedshiftResource {
  kind: 'redshift';
  clusterIdentifier: string;
  database: string;
  /** The database user the product logs in as, with credentials from redshift:GetClusterCredentials. */
  dbUser: string;
  region: string;
  /** The endpoint host the product connects to: must be the cluster's own endpoint. */
  host?: string;
}

export interface RedshiftServerlessResource {
  kind: 'redshift-serverless';
  workgroup: string;
  database: string;
  region: string;
  /** The endpoint host the product connects to: must be the workgroup's own endpoint. */
  host?: string;
}

export type ConnectionResource = S3Resource | AthenaResource | RedshiftResource | RedshiftServerlessResource;
/** The resources whose data is in S3: the probes locate, list, read and maybe write. */
export type S3BackedResource = S3Resource | AthenaResource;

export function isS3Backed(resource: ConnectionResource): resource is S3BackedResource {
  return resource.kind === 's3' || resource.kind === 'athena';
}

/** S3 bucket names: 3-63 characters, lowercase letters, digits, dots and hyphens, a letter or digit at each end. */
export const BUCKET_NAME_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** A prefix appears three times in the probe session policy, which STS caps at 2,048 characters. */
export const PREFIX_MAX_LENGTH = 200;
/** Athena workgroup names: 1-128 characters from letters, digits, . _ and -. */
export const WORKGROUP_NAME_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;
/** Redshift cluster identifiers: 1-63 lowercase letters, digits and hyphens, starting with a letter, no -- or trailing -. */
export const CLUSTER_IDENTIFIER_PATTERN = /^(?!.*--)[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** Redshift Serverless workgroup names: 3-64 lowercase letters, digits and hyphens. */
export const SERVERLESS_WORKGROUP_PATTERN = /^[a-z0-9-]{3,64}$/;
/** Redshift database names: 1-64 lowercase letters, digits, _ and $, starting with a letter or _. */
export const DATABASE_NAME_PATTERN = /^[a-z_][a-z0-9_$]{0,63}$/;
/** Redshift database user names: 1-128 letters, digits and _.@$+-. */
export const DB_USER_PATTERN = /^[A-Za-z0-9_.@$+-]{1,128}$/;
/** AWS region names, e.g. eu-west-1, us-gov-west-1, cn-north-1. */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** DNS host names: at most 253 characters. */
export const HOST_MAX_LENGTH = 253;

/** The DNS suffix of AWS's public endpoints in a region's partition. */
export function dnsSuffix(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/** The S3 location the product reads and writes for a resource: the data bucket, or Athena's results. */
export interface S3Location {
  bucket: string;
  prefix: string;
  writable: boolean;
  region: string;
}

/**
 * Probes of a writable location write and delete one marker object, named after the probe session,
 * under this directory of the prefix and nowhere else; the probe session may write nothing outside it.
 */
export const PROBE_MARKER_DIRECTORY = '_tenant-dataplane-onboarding-probe/';

export function s3LocationOf(resource: S3BackedResource): S3Location {
  if (resource.kind === 's3') {
    return { bucket: resource.bucket, prefix: resource.prefix ?? '', writable: resource.writable === true, region: resource.region };
  }
  // Athena writes every query's results under the results location.
  return { bucket: resource.resultsBucket, prefix: resource.resultsPrefix ?? '', writable: true, region: resource.region };
}

/** How a resource is named to a person: "s3://bucket/prefix (eu-west-1)", "Athena workgroup wg (eu-west-1), ...". */
export function describeResource(resource: ConnectionResource): string {
  switch (resource.kind) {
    case 's3':
      return `s3://${resource.bucket}/${resource.prefix ?? ''} (${resource.region})`;
    case 'athena':
      return `Athena workgroup ${resource.workgroup} (${resource.region}), results in s3://${resource.resultsBucket}/${resource.resultsPrefix ?? ''}`;
    case 'redshift':
      return `Redshift cluster ${resource.clusterIdentifier} (${resource.region}), database ${resource.database} as ${resource.dbUser}`;
    case 'redshift-serverless':
      return `Redshift Serverless workgroup ${resource.workgroup} (${resource.region}), database ${resource.database}`;
  }
}
