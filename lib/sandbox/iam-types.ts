// What simulated IAM stores: accounts with roles (and every version of each, for STS's lag) and OIDC
// providers, and the quotas it enforces.

/** Account quotas the sandbox enforces; AWS's defaults unless a scenario lowers or raises them. */
export interface IamQuotas {
  rolesPerAccount: number;
  oidcProvidersPerAccount: number;
  /** Trust policy characters, whitespace not counted ("ACLSizePerRole"). */
  trustPolicySize: number;
  /** All inline policies of one role together, whitespace not counted. */
  inlinePolicySize: number;
  tagsPerRole: number;
}

export const DEFAULT_IAM_QUOTAS: IamQuotas = {
  rolesPerAccount: 1000,
  oidcProvidersPerAccount: 100,
  trustPolicySize: 2048,
  inlinePolicySize: 10240,
  tagsPerRole: 50,
};

export interface Tag {
  Key: string;
  Value: string;
}

export interface StoredRole {
  name: string;
  path: string;
  roleId: string;
  arn: string;
  createDate: Date;
  /** As submitted: IAM hands back the caller's text, URL-encoded. */
  trustPolicy: string;
  description?: string;
  maxSessionDuration: number;
  permissionsBoundaryArn?: string;
  tags: Tag[];
  /** Name to document text, in the order they were first put. */
  inlinePolicies: Map<string, string>;
  /**
   * The role ids that the role ARNs named as AWS principals in the trust policy stood for when it was
   * set (null: no such role then). IAM stores a principal by unique id, so a role deleted and created
   * again under the same name is no longer the principal the policy trusts.
   */
  trustBindings: Map<string, string | null>;
  /** Not counted against rolesPerAccount: the functions' own role comes with the deployment. */
  quotaExempt?: boolean;
}

/** A role as it was from `at` on, or its absence (deleted). */
interface RoleVersion {
  at: number;
  /** Lower-case name. */
  key: string;
  role: StoredRole | undefined;
}

export interface StoredOidcProvider {
  arn: string;
  /** Without the https:// scheme, as GetOpenIDConnectProvider returns it. */
  url: string;
  clientIds: string[];
  thumbprints: string[];
  tags: Tag[];
  createDate: Date;
}

export interface IamAccount {
  /** Keyed by lower-case name: role names are unique regardless of case. */
  roles: Map<string, StoredRole>;
  oidcProviders: Map<string, StoredOidcProvider>;
  createdRoles: number;
  /** Every version of every role, oldest first: what STS sees lags behind IAM (eventual consistency). */
  history: RoleVersion[];
}

/** A trust principal naming a role that did not exist when the policy was set. */
export interface PendingBinding {
  accountId: string;
  /** Lower-case role name. */
  key: string;
  arn: string;
  bindings: Map<string, string | null>;
}

