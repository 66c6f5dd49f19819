// Simulated IAM: roles (trust policy, inline policies, tags, permissions boundary) and OIDC providers,
// per account, with IAM's validation, quotas, error codes and messages. IAM is global: the region a
// client was created for does not matter.
// The stored shapes are in iam-types.ts, the answers' shapes and shared checks in iam-outputs.ts.
import { checkPolicyDocument, policySize } from './policy-documents';
import { awsError } from './service-errors';
import { uniqueId, lowerHex } from './ids';
import { asString, CallContext, Constraints, Operation, ServiceSimulator } from './simulation';
import { replaceContents } from './state-codec';
import { ROLE_PRINCIPAL_ARN, checkBoundaryArn, mergeTags, page, roleArnsInTrust, roleOutput, tagQuota } from './iam-outputs';
import { type IamAccount, type IamQuotas, type PendingBinding, type StoredOidcProvider, type StoredRole, type Tag } from './iam-types';

/** Changes that alter what a role allows or who may assume it. */
const ROLE_CHANGES = new Set([
  'CreateRole',
  'DeleteRole',
  'UpdateAssumeRolePolicy',
  'UpdateRole',
  'PutRolePolicy',
  'DeleteRolePolicy',
  'PutRolePermissionsBoundary',
  'DeleteRolePermissionsBoundary',
  'TagRole',
  'UntagRole',
]);


const NAME_PATTERN = /^[\w+=,.@-]+$/;
const NAME_PATTERN_TEXT = '[\\w+=,.@-]+';
const PATH_PATTERN = /^(\/|\/[\u0021-\u007E]+\/)$/;
const PATH_PATTERN_TEXT = '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)';
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const THUMBPRINT = /^[0-9a-fA-F]{40}$/;
const OIDC_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/.+$/;
/** The thumbprint of the root CA that EKS's OIDC endpoints chain to. */
const EKS_OIDC_THUMBPRINT = '9e99a48a9960b14926bb7f3b02e22da2b0ab7280';

export class IamSimulator implements ServiceSimulator {
  private readonly accounts = new Map<string, IamAccount>();
  private readonly pendingBindings: PendingBinding[] = [];
  private readonly managedPolicies = new Map<string, string>();
  readonly operations: Record<string, Operation>;

  /** Everything IAM holds, for a local stack that persists (lib/sandbox/state-codec.ts). */
  exportState(): unknown {
    return { accounts: this.accounts, pendingBindings: this.pendingBindings, managedPolicies: this.managedPolicies };
  }

  importState(state: { accounts: Map<string, IamAccount>; pendingBindings: PendingBinding[]; managedPolicies: Map<string, string> }): void {
    replaceContents(this.accounts, state.accounts);
    replaceContents(this.pendingBindings, state.pendingBindings);
    replaceContents(this.managedPolicies, state.managedPolicies);
  }

  constructor(private readonly quotas: IamQuotas) {
    const operations: Record<string, Operation> = {
      CreateRole: (input, ctx) => this.createRole(input, ctx),
      GetRole: (input, ctx) => {
        const role = this.requireRole(ctx.accountId, input.RoleName);
        return { Role: roleOutput(role, true, this.trustPolicyAsShown(role)) };
      },
      ListRoles: (input, ctx) => this.listRoles(input, ctx),
      DeleteRole: (input, ctx) => this.deleteRole(input, ctx),
      UpdateAssumeRolePolicy: (input, ctx) => this.updateAssumeRolePolicy(input, ctx),
      UpdateRole: (input, ctx) => this.updateRole(input, ctx),
      PutRolePolicy: (input, ctx) => this.putRolePolicy(input, ctx),
      GetRolePolicy: (input, ctx) => this.getRolePolicy(input, ctx),
      DeleteRolePolicy: (input, ctx) => this.deleteRolePolicy(input, ctx),
      ListRolePolicies: (input, ctx) => this.listRolePolicies(input, ctx),
      PutRolePermissionsBoundary: (input, ctx) => this.putRolePermissionsBoundary(input, ctx),
      DeleteRolePermissionsBoundary: (input, ctx) => {
        delete this.requireRole(ctx.accountId, input.RoleName).permissionsBoundaryArn;
        return {};
      },
      TagRole: (input, ctx) => this.tagRole(input, ctx),
      UntagRole: (input, ctx) => this.untagRole(input, ctx),
      ListRoleTags: (input, ctx) => this.listRoleTags(input, ctx),
      CreateOpenIDConnectProvider: (input, ctx) => this.createOidcProvider(input, ctx),
      GetOpenIDConnectProvider: (input, ctx) => this.getOidcProvider(input, ctx),
      ListOpenIDConnectProviders: (_input, ctx) => ({
        OpenIDConnectProviderList: [...this.account(ctx.accountId).oidcProviders.values()].map((p) => ({ Arn: p.arn })),
      }),
      DeleteOpenIDConnectProvider: (input, ctx) => {
        const provider = this.requireOidcProvider(ctx.accountId, input.OpenIDConnectProviderArn);
        this.account(ctx.accountId).oidcProviders.delete(provider.arn);
        return {};
      },
    };
    for (const name of ROLE_CHANGES) {
      const apply = operations[name]!;
      operations[name] = (input, ctx) => {
        const output = apply(input, ctx);
        this.recordVersion(ctx.accountId, String(input.RoleName), ctx.now);
        return output;
      };
    }
    this.operations = operations;
  }

  // ---- inspection (no validation, no call records) ----

  role(accountId: string, name: string): StoredRole | undefined {
    return this.account(accountId).roles.get(name.toLowerCase());
  }

  roles(accountId: string): StoredRole[] {
    return [...this.account(accountId).roles.values()];
  }

  oidcProviders(accountId: string): StoredOidcProvider[] {
    return [...this.account(accountId).oidcProviders.values()];
  }

  /**
   * The role as STS sees it at `now`: IAM's state as it was `propagationMs` earlier, because a new
   * role or a changed policy takes a while to reach STS everywhere. Undefined when there was none.
   */
  roleSeenBySts(accountId: string, name: string, now: number, propagationMs: number): StoredRole | undefined {
    const key = name.toLowerCase();
    const cutoff = now - propagationMs;
    const history = this.account(accountId).history;
    for (let i = history.length - 1; i >= 0; i -= 1) {
      const version = history[i]!;
      if (version.key === key && version.at <= cutoff) return version.role;
    }
    return undefined;
  }

  /** Makes everything so far visible to STS at once: the world a scenario starts from is long settled. */
  settle(): void {
    for (const account of this.accounts.values()) {
      for (const version of account.history) version.at = Number.NEGATIVE_INFINITY;
    }
  }

  /** The current id of the role an ARN names, if that role exists. */
  roleIdOf(roleArn: string): string | undefined {
    const match = ROLE_PRINCIPAL_ARN.exec(roleArn);
    if (!match) return undefined;
    return this.role(match[1]!, match[2]!)?.roleId;
  }

  /**
   * The trust policy as IAM hands it out: the caller's text, except that a role principal whose role
   * was deleted since (even if one of the same name exists again) reads as the old role's unique id.
   */
  trustPolicyAsShown(role: StoredRole): string {
    const stale = [...role.trustBindings].filter(([arn, id]) => id !== null && this.roleIdOf(arn) !== id);
    if (stale.length === 0) return role.trustPolicy;
    const ids = new Map(stale as [string, string][]);
    const policy = JSON.parse(role.trustPolicy) as { Statement: unknown };
    const replace = (v: unknown) => (typeof v === 'string' && ids.has(v) ? ids.get(v) : v);
    const statements = (Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]) as Record<string, any>[];
    const shown = statements.map((s) => {
      const aws = s?.Principal?.AWS;
      if (aws === undefined) return s;
      return { ...s, Principal: { ...s.Principal, AWS: Array.isArray(aws) ? aws.map(replace) : replace(aws) } };
    });
    return JSON.stringify({ ...policy, Statement: Array.isArray(policy.Statement) ? shown : shown[0] });
  }

  /** Registers a customer-managed policy document (permissions boundaries point at them). */
  putManagedPolicy(arn: string, document: string): void {
    checkBoundaryArn(arn);
    checkPolicyDocument(document, 'identity');
    this.managedPolicies.set(arn, document);
  }

  /** Undefined for a policy the sandbox was never given: it is then not evaluated. */
  managedPolicy(arn: string): string | undefined {
    return this.managedPolicies.get(arn);
  }

  private recordVersion(accountId: string, name: string, at: number): void {
    const role = this.role(accountId, name);
    const snapshot = role
      ? { ...role, tags: role.tags.map((t) => ({ ...t })), inlinePolicies: new Map(role.inlinePolicies) }
      : undefined;
    this.account(accountId).history.push({ at, key: name.toLowerCase(), role: snapshot });
  }

  /** Resolves the role principals of a trust policy to the role ids they stand for now. */
  private bindTrustPrincipals(document: string): Map<string, string | null> {
    const bindings = new Map<string, string | null>();
    for (const arn of roleArnsInTrust(document)) {
      const match = ROLE_PRINCIPAL_ARN.exec(arn)!;
      const [, accountId, name] = match as unknown as [string, string, string];
      const existing = this.role(accountId, name);
      bindings.set(arn, existing?.roleId ?? null);
      if (!existing) this.pendingBindings.push({ accountId, key: name.toLowerCase(), arn, bindings });
    }
    return bindings;
  }

  // IAM refuses a trust policy naming a role that does not exist. The sandbox accepts it, because a
  // scenario seeds customers' roles before the workflow creates the dataplane role they trust, and
  // binds the principal to the first role created under that name instead.
  private bindPendingPrincipals(accountId: string, role: StoredRole): void {
    const key = role.name.toLowerCase();
    for (let i = this.pendingBindings.length - 1; i >= 0; i -= 1) {
      const pending = this.pendingBindings[i]!;
      if (pending.accountId !== accountId || pending.key !== key) continue;
      if (pending.bindings.get(pending.arn) === null) pending.bindings.set(pending.arn, role.roleId);
      this.pendingBindings.splice(i, 1);
    }
  }

  // ---- roles ----

  private createRole(input: any, ctx: CallContext) {
    const c = new Constraints('iam');
    if (c.required('roleName', input.RoleName)) {
      c.length('roleName', input.RoleName, 1, 64);
      c.pattern('roleName', input.RoleName, NAME_PATTERN, NAME_PATTERN_TEXT);
    }
    if (c.required('assumeRolePolicyDocument', input.AssumeRolePolicyDocument)) {
      c.length('assumeRolePolicyDocument', input.AssumeRolePolicyDocument, 1, 131072);
    }
    const path: string = input.Path ?? '/';
    c.length('path', path, 1, 512);
    c.pattern('path', path, PATH_PATTERN, PATH_PATTERN_TEXT);
    c.length('description', asString(input.Description), 0, 1000);
    c.range('maxSessionDuration', input.MaxSessionDuration, 3600, 43200);
    c.throwIfAny();
    const tags = this.checkTags(input.Tags ?? [], 'tags');
    if (input.PermissionsBoundary !== undefined) checkBoundaryArn(input.PermissionsBoundary);

    const account = this.account(ctx.accountId);
    const name: string = input.RoleName;
    if (account.roles.has(name.toLowerCase())) {
      throw awsError('iam', 'EntityAlreadyExists', `Role with name ${name} already exists.`);
    }
    this.checkTrustPolicy(input.AssumeRolePolicyDocument);
    if (tags.length > this.quotas.tagsPerRole) throw tagQuota(this.quotas.tagsPerRole);
    const counted = [...account.roles.values()].filter((r) => !r.quotaExempt).length;
    if (counted >= this.quotas.rolesPerAccount) {
      throw awsError('iam', 'LimitExceeded', `Cannot exceed quota for RolesPerAccount: ${this.quotas.rolesPerAccount}`);
    }

    account.createdRoles += 1;
    const role: StoredRole = {
      name,
      path,
      // A role created again under the same name gets a new id, as in IAM; trust policies that named
      // the old role stop matching, which is why the dataplane role is never deleted and recreated.
      roleId: uniqueId('AROA', `${ctx.accountId}/role/${name}/${account.createdRoles}`, 17),
      arn: `arn:aws:iam::${ctx.accountId}:role${path}${name}`,
      createDate: new Date(ctx.now),
      trustPolicy: input.AssumeRolePolicyDocument,
      maxSessionDuration: input.MaxSessionDuration ?? 3600,
      tags,
      inlinePolicies: new Map(),
      trustBindings: this.bindTrustPrincipals(input.AssumeRolePolicyDocument),
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      ...(input.PermissionsBoundary !== undefined ? { permissionsBoundaryArn: input.PermissionsBoundary } : {}),
    };
    account.roles.set(name.toLowerCase(), role);
    this.bindPendingPrincipals(ctx.accountId, role);
    return { Role: roleOutput(role, false, this.trustPolicyAsShown(role)) };
  }

  private listRoles(input: any, ctx: CallContext) {
    const prefix: string = input.PathPrefix ?? '/';
    const roles = this.roles(ctx.accountId).filter((r) => r.path.startsWith(prefix));
    return page(roles, input, (r) => roleOutput(r, false, this.trustPolicyAsShown(r)), 'Roles');
  }

  private deleteRole(input: any, ctx: CallContext) {
    const role = this.requireRole(ctx.accountId, input.RoleName);
    if (role.inlinePolicies.size > 0) {
      throw awsError('iam', 'DeleteConflict', 'Cannot delete entity, must delete policies first.');
    }
    this.account(ctx.accountId).roles.delete(role.name.toLowerCase());
    return {};
  }

  private updateAssumeRolePolicy(input: any, ctx: CallContext) {
    const c = new Constraints('iam');
    c.required('roleName', input.RoleName);
    c.required('policyDocument', input.PolicyDocument);
    c.throwIfAny();
    const role = this.requireRole(ctx.accountId, input.RoleName);
    this.checkTrustPolicy(input.PolicyDocument);
    role.trustPolicy = input.PolicyDocument;
    // Saving the policy again resolves its principals again: how a trust broken by a recreated role is mended.
    role.trustBindings = this.bindTrustPrincipals(input.PolicyDocument);
    return {};
  }

  private updateRole(input: any, ctx: CallContext) {
    const c = new Constraints('iam');
    c.length('description', asString(input.Description), 0, 1000);
    c.range('maxSessionDuration', input.MaxSessionDuration, 3600, 43200);
    c.throwIfAny();
    const role = this.requireRole(ctx.accountId, input.RoleName);
    if (input.Description !== undefined) role.description = input.Description;
    if (input.MaxSessionDuration !== undefined) role.maxSessionDuration = input.MaxSessionDuration;
    return {};
  }

  private putRolePolicy(input: any, ctx: CallContext) {
    const c = new Constraints('iam');
    c.required('roleName', input.RoleName);
    if (c.required('policyName', input.PolicyName)) {
      c.length('policyName', input.PolicyName, 1, 128);
      c.pattern('policyName', input.PolicyName, NAME_PATTERN, NAME_PATTERN_TEXT);
    }
    c.required('policyDocument', input.PolicyDocument);
    c.throwIfAny();
    const role = this.requireRole(ctx.accountId, input.RoleName);
    checkPolicyDocument(input.PolicyDocument, 'identity');
    let total = policySize(input.PolicyDocument);
    for (const [name, document] of role.inlinePolicies) {
      if (name !== input.PolicyName) total += policySize(document);
    }
    if (total > this.quotas.inlinePolicySize) {
      throw awsError(
        'iam',
        'LimitExceeded',
        `Maximum policy size of ${this.quotas.inlinePolicySize} bytes exceeded for role ${role.name}`,
      );
    }
    role.inlinePolicies.set(input.PolicyName, input.PolicyDocument);
    return {};
  }

  private getRolePolicy(input: any, ctx: CallContext) {
    const role = this.requireRole(ctx.accountId, input.RoleName);
    const document = role.inlinePolicies.get(input.PolicyName);
    if (document === undefined) {
      throw awsError('iam', 'NoSuchEntity', `The role policy with name ${input.PolicyName} cannot be found.`);
    }
    return { RoleName: role.name, PolicyName: input.PolicyName, PolicyDocument: encodeURIComponent(document) };
  }

  private deleteRolePolicy(input: any, ctx: CallContext) {
    const role = this.requireRole(ctx.accountId, input.RoleName);
    if (!role.inlinePolicies.delete(input.PolicyName)) {
      throw awsError('iam', 'NoSuchEntity', `The role policy with name ${input.PolicyName} cannot be found.`);
    }
    return {};
  }

  private listRolePolicies(input: any, ctx: CallContext) {
    const role = this.requireRole(ctx.accountId, input.RoleName);
    return page([...role.inlinePolicies.keys()], input, (name) => name, 'PolicyNames');
  }

  private putRolePermissionsBoundary(input: any, ctx: CallContext) {
    const c = new Constraints('iam');
    c.required('roleName', input.RoleName);
    c.required('permissionsBoundary', input.PermissionsBoundary);
    c.throwIfAny();
    const role = this.requireRole(ctx.accountId, input.RoleName);
    checkBoundaryArn(input.PermissionsBoundary);
    role.permissionsBoundaryArn = input.PermissionsBoundary;
    return {};
  }

  private tagRole(input: any, ctx: CallContext) {
    const c = new Constraints('iam');
    c.required('roleName', input.RoleName);
    if (c.required('tags', input.Tags)) c.length('tags', input.Tags, 1, 50);
    c.throwIfAny();
    const role = this.requireRole(ctx.accountId, input.RoleName);
    const merged = mergeTags(role.tags, this.checkTags(input.Tags, 'tags'));
    if (merged.length > this.quotas.tagsPerRole) throw tagQuota(this.quotas.tagsPerRole);
    role.tags = merged;
    return {};
  }

  private untagRole(input: any, ctx: CallContext) {
    const role = this.requireRole(ctx.accountId, input.RoleName);
    const keys = new Set(((input.TagKeys ?? []) as string[]).map((k) => k.toLowerCase()));
    role.tags = role.tags.filter((t) => !keys.has(t.Key.toLowerCase()));
    return {};
  }

  private listRoleTags(input: any, ctx: CallContext) {
    const role = this.requireRole(ctx.accountId, input.RoleName);
    return page(role.tags, input, (t) => ({ ...t }), 'Tags');
  }

  private checkTrustPolicy(document: string): void {
    checkPolicyDocument(document, 'trust', {
      federatedProviderExists: (arn) => {
        const owner = arn.split(':')[4] ?? '';
        return !arn.includes(':oidc-provider/') || this.account(owner).oidcProviders.has(arn);
      },
    });
    if (policySize(document) > this.quotas.trustPolicySize) {
      throw awsError('iam', 'LimitExceeded', `Cannot exceed quota for ACLSizePerRole: ${this.quotas.trustPolicySize}`);
    }
  }

  private checkTags(raw: unknown, field: string): Tag[] {
    if (!Array.isArray(raw)) throw awsError('iam', 'ValidationError', `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must be a list`);
    const c = new Constraints('iam');
    const seen = new Set<string>();
    raw.forEach((tag: any, i: number) => {
      const at = `${field}.${i + 1}.member`;
      if (c.required(`${at}.key`, tag?.Key)) {
        c.length(`${at}.key`, tag.Key, 1, 128);
        c.pattern(`${at}.key`, tag.Key, TAG_KEY, '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+');
      }
      if (c.required(`${at}.value`, tag?.Value)) {
        c.length(`${at}.value`, tag.Value, 0, 256);
        c.pattern(`${at}.value`, tag.Value, TAG_VALUE, '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*');
      }
    });
    c.throwIfAny();
    for (const tag of raw as Tag[]) {
      const key = tag.Key.toLowerCase();
      if (seen.has(key)) {
        throw awsError('iam', 'InvalidInput', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
      }
      seen.add(key);
    }
    return (raw as Tag[]).map((t) => ({ Key: t.Key, Value: t.Value }));
  }

  private requireRole(accountId: string, name: unknown): StoredRole {
    const c = new Constraints('iam');
    if (c.required('roleName', name)) {
      c.length('roleName', name as string, 1, 64);
      c.pattern('roleName', name as string, NAME_PATTERN, NAME_PATTERN_TEXT);
    }
    c.throwIfAny();
    const role = this.role(accountId, name as string);
    if (!role) throw awsError('iam', 'NoSuchEntity', `The role with name ${String(name)} cannot be found.`);
    return role;
  }

  // ---- OIDC providers ----

  private createOidcProvider(input: any, ctx: CallContext) {
    const c = new Constraints('iam');
    if (c.required('url', input.Url)) c.length('url', input.Url, 1, 255);
    if (input.ClientIDList !== undefined) {
      c.length('clientIDList', input.ClientIDList, 0, 100);
      (input.ClientIDList as string[]).forEach((id, i) => c.length(`clientIDList.${i + 1}.member`, id, 1, 255));
    }
    if (input.ThumbprintList !== undefined) c.length('thumbprintList', input.ThumbprintList, 0, 5);
    c.throwIfAny();
    const url: string = input.Url;
    if (!/^https:\/\/[^/\s]+/.test(url)) {
      throw awsError('iam', 'InvalidInput', `Invalid URL: ${url}. The URL must begin with https://`);
    }
    for (const thumbprint of (input.ThumbprintList ?? []) as string[]) {
      if (!THUMBPRINT.test(thumbprint)) {
        throw awsError('iam', 'InvalidInput', `Thumbprint ${thumbprint} is not valid: it must be 40 hexadecimal characters`);
      }
    }
    const tags = this.checkTags(input.Tags ?? [], 'tags');
    const hostPath = url.replace(/^https:\/\//, '').replace(/\/+$/, '');
    const arn = `arn:aws:iam::${ctx.accountId}:oidc-provider/${hostPath}`;
    const account = this.account(ctx.accountId);
    if (account.oidcProviders.has(arn)) {
      throw awsError('iam', 'EntityAlreadyExists', `Provider with url ${url} already exists.`);
    }
    if (account.oidcProviders.size >= this.quotas.oidcProvidersPerAccount) {
      throw awsError(
        'iam',
        'LimitExceeded',
        `Cannot exceed quota for OpenIdConnectProvidersPerAccount: ${this.quotas.oidcProvidersPerAccount}`,
      );
    }
    const host = hostPath.split('/')[0] ?? hostPath;
    const thumbprints: string[] =
      input.ThumbprintList && input.ThumbprintList.length > 0
        ? [...input.ThumbprintList]
        : // Without a thumbprint IAM fetches the certificate chain of the issuer itself.
          [host.startsWith('oidc.eks.') ? EKS_OIDC_THUMBPRINT : lowerHex(`thumbprint/${host}`, 40)];
    account.oidcProviders.set(arn, {
      arn,
      url: hostPath,
      clientIds: [...(input.ClientIDList ?? [])],
      thumbprints,
      tags,
      createDate: new Date(ctx.now),
    });
    return { OpenIDConnectProviderArn: arn, ...(tags.length > 0 ? { Tags: tags.map((t) => ({ ...t })) } : {}) };
  }

  private getOidcProvider(input: any, ctx: CallContext) {
    const p = this.requireOidcProvider(ctx.accountId, input.OpenIDConnectProviderArn);
    return {
      Url: p.url,
      ClientIDList: [...p.clientIds],
      ThumbprintList: [...p.thumbprints],
      CreateDate: new Date(p.createDate),
      ...(p.tags.length > 0 ? { Tags: p.tags.map((t) => ({ ...t })) } : {}),
    };
  }

  private requireOidcProvider(accountId: string, arn: unknown): StoredOidcProvider {
    const c = new Constraints('iam');
    if (c.required('openIDConnectProviderArn', arn)) c.length('openIDConnectProviderArn', arn as string, 20, 2048);
    c.throwIfAny();
    if (!OIDC_PROVIDER_ARN.test(arn as string)) throw awsError('iam', 'InvalidInput', `ARN ${String(arn)} is not valid.`);
    const provider = this.account(accountId).oidcProviders.get(arn as string);
    if (!provider) throw awsError('iam', 'NoSuchEntity', `OpenIDConnect Provider not found for arn ${String(arn)}`);
    return provider;
  }

  private account(accountId: string): IamAccount {
    let account = this.accounts.get(accountId);
    if (!account) {
      account = { roles: new Map(), oidcProviders: new Map(), createdRoles: 0, history: [] };
      this.accounts.set(accountId, account);
    }
    return account;
  }
}