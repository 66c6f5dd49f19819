// The endpoint host a connection names. The tenant's dataplane runs in our VPC and reaches the
// customer's data over AWS's public service endpoints: a VPC endpoint (vpce-…) or a private DNS name
// of the customer's network resolves, if at all, to addresses only their VPC can reach.
import { dnsSuffix, type ConnectionResource } from './resource';

/** The public endpoint hosts of a resource's service in its region (the first is the one to use). */
export function canonicalHosts(resource: ConnectionResource): string[] {
  const suffix = dnsSuffix(resource.region);
  const r = resource.region;
  if (resource.kind === 's3') {
    const regional = [`s3.${r}.${suffix}`, `s3.dualstack.${r}.${suffix}`, `s3-fips.${r}.${suffix}`, `s3-fips.dualstack.${r}.${suffix}`];
    const global = r === 'us-east-1' ? [`s3.${suffix}`] : [];
    const all = [...regional, ...global];
    // Virtual-hosted style puts the bucket in front (not for buckets with dots, which TLS cannot cover).
    return [...all, ...(resource.bucket.includes('.') ? [] : all.map((h) => `${resource.bucket}.${h}`))];
  }
  return [`athena.${r}.${suffix}`, `athena-fips.${r}.${suffix}`, `athena.${r}.api.aws`];
}

/**
 * Why the connection's host is not one of its service's public endpoints, or undefined when it is (or
 * when the connection names none, and the SDK's default endpoint is used).
 */
export function hostProblem(resource: ConnectionResource): string | undefined {
  if (resource.host === undefined) return undefined;
  const host = resource.host.toLowerCase().replace(/\.$/, '');
  if (canonicalHosts(resource).includes(host)) return undefined;
  if (/(^|\.)vpce(-[a-z0-9]+)?\./.test(host) || host.includes('.vpce.')) {
    return `is a VPC endpoint host (${resource.host}), reachable only from inside the customer's VPC`;
  }
  if (!host.endsWith(`.${dnsSuffix(resource.region)}`) && !host.endsWith('.api.aws')) {
    return `is not an AWS endpoint (${resource.host}): a private DNS name or proxy of the customer's network, which our dataplane cannot reach`;
  }
  return `is not the ${resource.kind === 's3' ? 'S3' : 'Athena'} endpoint of ${resource.region} (${resource.host})`;
}
