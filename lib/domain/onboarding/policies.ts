// IAM policy documents this product writes, and their comparison for convergence.

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: Record<string, string | string[]> | '*';
  NotPrincipal?: Record<string, string | string[]>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** The IRSA issuer as IAM names it: the issuer URL without its https:// scheme. */
export function issuerHostPath(issuerUrl: string): string {
  return issuerUrl.replace(/^https:\/\//, '').replace(/\/+$/, '');
}

export function oidcProviderArn(accountId: string, issuerUrl: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${accountId}:oidc-provider/${issuerHostPath(issuerUrl)}`;
}

export interface IrsaSubject {
  oidcProviderArn: string;
  issuerUrl: string;
  namespace: string;
  serviceAccount: string;
}

/**
 * The dataplane role's trust policy: exactly one Kubernetes ServiceAccount of exactly one cluster may
 * assume it through IRSA (both `sub` and `aud` pinned with StringEquals, never StringLike).
 */
export function irsaTrustPolicy(subject: IrsaSubject): PolicyDocument {
  const issuer = issuerHostPath(subject.issuerUrl);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'TenantSparkServiceAccountViaIrsa',
        Effect: 'Allow',
        Principal: { Federated: subject.oidcProviderArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${issuer}:sub`]: `system:serviceaccount:${subject.namespace}:${subject.serviceAccount}`,
            [`${issuer}:aud`]: 'sts.amazonaws.com',
          },
        },
      },
    ],
  };
}

export interface PodIdentitySubject {
  clusterArn: string;
  namespace: string;
  serviceAccount: string;
}

/** The principal EKS Pod Identity assumes roles as. */
export const POD_IDENTITY_PRINCIPAL = 'pods.eks.amazonaws.com';

/**
 * The dataplane role's trust policy in EKS Pod Identity mode, as the EKS user guide writes it:
 * pods.eks.amazonaws.com may assume it and tag the session (it must, to pass the session tags), only
 * for exactly one ServiceAccount of exactly one cluster. EKS Pod Identity sets the session tags the
 * conditions test (eks-cluster-arn, kubernetes-namespace, kubernetes-service-account); the cluster's
 * ARN names our account, so no other account's association can use the role.
 */
export function podIdentityTrustPolicy(subject: PodIdentitySubject): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'TenantSparkServiceAccountViaPodIdentity',
        Effect: 'Allow',
        Principal: { Service: POD_IDENTITY_PRINCIPAL },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: {
          StringEquals: {
            'aws:RequestTag/eks-cluster-arn': subject.clusterArn,
            'aws:RequestTag/kubernetes-namespace': subject.namespace,
            'aws:RequestTag/kubernetes-service-account': subject.serviceAccount,
          },
        },
      },
    ],
  };
}

/** How a role's trust policy lets the Spark pods in: through IRSA, EKS Pod Identity, or neither. */
export function trustedIdentityMode(trustPolicy: unknown): 'irsa' | 'podIdentity' | undefined {
  const statements = (trustPolicy as { Statement?: PolicyStatement[] } | undefined)?.Statement ?? [];
  for (const statement of Array.isArray(statements) ? statements : [statements]) {
    const principal = statement.Principal;
    if (principal === undefined || principal === '*') continue;
    if (principal.Federated !== undefined) return 'irsa';
    if ([principal.Service].flat().includes(POD_IDENTITY_PRINCIPAL)) return 'podIdentity';
  }
  return undefined;
}

/**
 * The dataplane role's full trust policy: the tenant's Spark ServiceAccount through IRSA or EKS Pod
 * Identity, plus the verifier, which must assume the dataplane role to test customers' target roles as
 * the principal they trust. The verifier is scoped to session names starting with `verify-`, which also
 * marks its calls in CloudTrail.
 */
export function dataplaneTrustPolicy(subject: IrsaSubject | PodIdentitySubject, verifierRoleArn: string): PolicyDocument {
  const pods = 'clusterArn' in subject ? podIdentityTrustPolicy(subject) : irsaTrustPolicy(subject);
  return {
    ...pods,
    Statement: [
      ...pods.Statement,
      {
        Sid: 'OnboardingVerifier',
        Effect: 'Allow',
        Principal: { AWS: verifierRoleArn },
        Action: 'sts:AssumeRole',
        Condition: { StringLike: { 'sts:RoleSessionName': 'verify-*' } },
      },
    ],
  };
}

export const DATAPLANE_INLINE_POLICY_NAME = 'assume-customer-target-roles';

/** Every role of one account, whatever its path: what the dataplane must never assume in our own. */
export function accountRolesArn(accountId: string, partition: string): string {
  return `arn:${partition}:iam::${accountId}:role/*`;
}

/**
 * The dataplane role may do one thing: assume customers' target roles in their accounts. Never a role
 * of our own account: a vendor role or another tenant's dataplane role that trusts our account root
 * would otherwise let one tenant's Spark session in. The Deny names the account in the resource ARN
 * rather than testing aws:ResourceAccount, so it holds whatever keys a request context carries.
 */
export function dataplaneInlinePolicy(accountId: string, partition = 'aws'): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AssumeCustomerTargetRoles',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: `arn:${partition}:iam::*:role/*`,
      },
      {
        Sid: 'NoRoleOfOurOwnAccount',
        Effect: 'Deny',
        Action: 'sts:AssumeRole',
        Resource: accountRolesArn(accountId, partition),
      },
    ],
  };
}

export const EXTERNAL_ID_PLACEHOLDER = '<EXTERNAL_ID_YOU_CHOOSE>';

/**
 * What the customer attaches to their target role: trust the tenant's dataplane role, and only with
 * their External ID (which protects them from the confused-deputy problem).
 */
export function customerTargetRoleTrustPolicy(dataplaneRoleArn: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowVendorDataplaneWithExternalId',
        Effect: 'Allow',
        Principal: { AWS: dataplaneRoleArn },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': EXTERNAL_ID_PLACEHOLDER } },
      },
    ],
  };
}

/** JSON with object keys sorted, so that two equivalent documents compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      // Keys of one object are unique, so no two compare equal.
      // Stryker disable next-line EqualityOperator: a <= b is a < b for unique keys
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function samePolicy(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
