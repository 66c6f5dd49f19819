// How a tenant's Spark pods get the dataplane role's credentials.

/**
 * IRSA (the cluster's IAM OIDC provider, one per cluster, at most 100 per account by default) or EKS
 * Pod Identity (an association in the cluster, no OIDC provider).
 */
export const IDENTITY_MODES = ['irsa', 'podIdentity'] as const;
export type IdentityMode = (typeof IDENTITY_MODES)[number];
