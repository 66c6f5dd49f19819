// The endpoint host a connection names. The tenant's dataplane runs in our VPC and reaches the
// customer's data over AWS's public service endpoints: a VPC endpoint (vpce-…) or a private DNS name
// of the customer's network resolves, if at all, to addresses only their VPC can reach.
import { dnsSuffix, type ConnectionResource } from './resource';

/** The domain a Redshift cluster's or workgroup's endpoint is under: <name>.<id>.<region>.redshift[-serverless].amazonaws.com. */
function endpointDomain(resource: ConnectionResource): string {
  return `${resource.region}.${resource.kind}.${dnsSuffix(resource.region)}`;
}

/**
 * The public endpoint hosts of a resource's service in its region (the first is the one to use). For
 * Redshift, a cluster's or workgroup's endpoint is known only from AWS: the probes compare the host with
 * it; before any call, only a host outside the service's domain can be refused.
 */
export function canonicalHosts(resource: ConnectionResource): string[] {
  const suffix = dnsSuffix(resource.region);
  const r = resource.region;
  switch (resource.kind) {
    case 's3': {
      const regional = [`s3.${r}.${suffix}`, `s3.dualstack.${r}.${suffix}`, `s3-fips.${r}.${suffix}`, `s3-fips.dualstack.${r}.${suffix}`];
      const global = r === 'us-east-1' ? [`s3.${suffix}`] : [];
      const all = [...regional, ...global];
      // Virtual-hosted style puts the bucket in front (not for buckets with dots, which TLS cannot cover).
      return [...all, ...(resource.bucket.includes('.') ? [] : all.map((h) => `${resource.bucket}.${h}`))];
    }
    case 'athena':
      return [`athena.${r}.${suffix}`, `athena-fips.${r}.${suffix}`, `athena.${r}.api.aws`];
    case 'redshift':
    case 'redshift-serverless':
      return [];
  }
}

const VPC_ENDPOINT = /(^|\.)vpce(-[a-z0-9]+)*\./;

/**
 * Why the connection's host is not one of its service's public endpoints, or undefined when it is (or
 * when the connection names none, and the SDK's default endpoint is used).
 */
export function hostProblem(resource: ConnectionResource): string | undefined {
  if (resource.host === undefined) return undefined;
  const host = resource.host.toLowerCase().replace(/\.$/, '');
  if (canonicalHosts(resource).includes(host)) return undefined;
  if (VPC_ENDPOINT.test(host) || host.includes('.vpce.')) {
    return `is a VPC endpoint host (${resource.host}), reachable only from inside the customer's VPC`;
  }
  if (!host.endsWith(`.${dnsSuffix(resource.region)}`) && !host.endsWith('.api.aws')) {
    return `is not an AWS endpoint (${resource.host}): a private DNS name or proxy of the customer's network, which our dataplane cannot reach`;
  }
  if (resource.kind === 'redshift' || resource.kind === 'redshift-serverless') {
    return host.endsWith(`.${endpointDomain(resource)}`) ? undefined : `is not a ${SERVICE_NAMES[resource.kind]} endpoint of ${resource.region} (${resource.host})`;
  }
  return `is not the ${SERVICE_NAMES[resource.kind]} endpoint of ${resource.region} (${resource.host})`;
}

/** The endpoint a Redshift cluster or workgroup has, when the connection names another (found by the probes). */
export function endpointMismatch(resource: ConnectionResource, endpoint: string | undefined): string | undefined {
  if (resource.host === undefined || endpoint === undefined) return undefined;
  if (resource.host.toLowerCase().replace(/\.$/, '') === endpoint.toLowerCase()) return undefined;
  return `is not the endpoint of ${resource.kind === 'redshift' ? `cluster ${resource.clusterIdentifier}` : `workgroup ${(resource as { workgroup: string }).workgroup}`} (${resource.host}; AWS gives ${endpoint}): a Redshift-managed VPC endpoint or a private name, which our dataplane cannot reach`;
}

const SERVICE_NAMES: Record<ConnectionResource['kind'], string> = {
  s3: 'S3',
  athena: 'Athena',
  redshift: 'Redshift',
  'redshift-serverless': 'Redshift Serverless',
};
