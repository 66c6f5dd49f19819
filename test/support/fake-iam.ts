// IAM as the IamRoles port describes it, in memory, for the provisioning rules' tests: role names are
// case-insensitive as in IAM, every write is recorded, and getRole can be made to miss (a role deleted
// between CreateRole and GetRole).
import { type PolicyDocument } from '../../lib/domain/onboarding/policies';
import type { IamRoles, NewRole, RoleInfo } from '../../lib/ports';

export type StoredRole = RoleInfo & { inline: Record<string, unknown> };

export class FakeIam implements IamRoles {
  roles = new Map<string, StoredRole>();
  /** `createRole`, `updateTrustPolicy`, `putInlinePolicy <name>`, in order. */
  writes: string[] = [];
  vanishBeforeRead = false;

  constructor(private readonly account = '111111111111') {}

  async createRole(role: NewRole) {
    if (this.roles.has(role.name.toLowerCase())) return undefined;
    this.writes.push('createRole');
    const info: StoredRole = {
      name: role.name,
      arn: `arn:aws:iam::${this.account}:role/${role.name}`,
      roleId: 'AROANEWROLE',
      trustPolicy: role.trustPolicy,
      permissionsBoundaryArn: role.permissionsBoundaryArn,
      tags: { ...role.tags },
      inline: {},
    };
    this.roles.set(role.name.toLowerCase(), info);
    return info;
  }

  async getRole(name: string) {
    if (this.vanishBeforeRead) this.roles.delete(name.toLowerCase());
    return this.roles.get(name.toLowerCase());
  }

  async updateTrustPolicy(name: string, policy: PolicyDocument) {
    this.writes.push('updateTrustPolicy');
    this.roles.get(name.toLowerCase())!.trustPolicy = policy;
  }

  async getInlinePolicy(roleName: string, policyName: string) {
    return this.roles.get(roleName.toLowerCase())!.inline[policyName];
  }

  async putInlinePolicy(roleName: string, policyName: string, policy: PolicyDocument) {
    this.writes.push(`putInlinePolicy ${policyName}`);
    this.roles.get(roleName.toLowerCase())!.inline[policyName] = policy;
  }
}
