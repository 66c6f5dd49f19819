// A TenantCreated for a tenant whose dataplane role exists may only converge that role, never re-point
// it: the role's IRSA trust names one cluster's OIDC provider and one ServiceAccount, and moving it
// (a late, older event naming the tenant's old cluster; a platform bug) silently cuts the tenant's
// Spark jobs off from every customer role, with no new message to the account manager. Re-pointing
// belongs to an explicit operation; the event is refused with a note on the tenant's status.
import type { FieldProblem } from '../errors';
import type { OnboardingRequest } from '../domain/onboarding/onboarding-request';
import type { StatusRecord } from '../domain/status';

const TRUSTED: { field: 'clusterName' | 'namespace' | 'serviceAccount'; what: string }[] = [
  { field: 'clusterName', what: 'EKS cluster' },
  { field: 'namespace', what: 'Kubernetes namespace' },
  { field: 'serviceAccount', what: 'ServiceAccount' },
];

/** What a TenantCreated would re-point on an onboarded tenant's role; empty when it names the same (or no role exists yet). */
export function repointingProblems(known: StatusRecord | undefined, request: OnboardingRequest): FieldProblem[] {
  // No role yet (a first onboarding that failed before creating it): a corrected event may name anything.
  if (!known?.roleArn) return [];
  return TRUSTED.flatMap(({ field, what }) => {
    const trusted = known[field];
    if (trusted === undefined || trusted === request[field]) return [];
    return [
      {
        field: `detail.${field}`,
        problem:
          `names ${what} ${JSON.stringify(request[field])}, but tenant ${request.tenantId} is onboarded: its dataplane role trusts ` +
          `${what} ${JSON.stringify(trusted)}. A TenantCreated never re-points an onboarded tenant's role; moving a tenant is ` +
          `an explicit operation (docs/events.md)`,
      },
    ];
  });
}
