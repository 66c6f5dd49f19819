import {
  CreateRoleCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  paginateListRoleTags,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
  type Role,
  type Tag,
} from '@aws-sdk/client-iam';
import { parsePolicyDocument } from '../iam-policy';
import { type PolicyDocument } from '../domain/onboarding/policies';
import type { IamRoles, NewRole, RoleInfo } from '../ports';
import { isAwsError, mapAwsError } from './aws-errors';
import type { AdapterFactory } from './adapter-factory';
import { sharedClient } from './aws-client-factory';

// The SDK names the exception classes; IAM's query protocol names the wire codes. Either may reach us.
const ALREADY_EXISTS = ['EntityAlreadyExistsException', 'EntityAlreadyExists'];
const NO_SUCH_ENTITY = ['NoSuchEntityException', 'NoSuchEntity'];

/** The longest session the dataplane needs; role chaining caps sessions at one hour anyway. */
const MAX_SESSION_DURATION_SECONDS = 3600;

export function toIamTags(tags: Record<string, string>): Tag[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

export function fromIamTags(tags: Tag[] | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const tag of tags ?? []) {
    if (tag.Key !== undefined) result[tag.Key] = tag.Value ?? '';
  }
  return result;
}

export class IamRolesAdapter implements IamRoles {
  constructor(private readonly iam: IAMClient) {}

  async createRole(role: NewRole): Promise<RoleInfo | undefined> {
    let created: Role | undefined;
    try {
      const output = await this.iam.send(
        new CreateRoleCommand({
          RoleName: role.name,
          Path: '/',
          AssumeRolePolicyDocument: JSON.stringify(role.trustPolicy),
          Description: role.description,
          PermissionsBoundary: role.permissionsBoundaryArn,
          Tags: toIamTags(role.tags),
          MaxSessionDuration: MAX_SESSION_DURATION_SECONDS,
        }),
      );
      created = output.Role;
    } catch (error) {
      // Normal after a timed-out create or a re-run: the caller converges the existing role.
      if (isAwsError(error, ...ALREADY_EXISTS)) return undefined;
      throw mapAwsError(error, { service: 'IAM', operation: 'CreateRole', resource: role.name });
    }
    if (!created?.Arn || !created.RoleId) {
      throw new Error(`IAM CreateRole ${role.name} succeeded but returned no role ARN or role id`);
    }
    return {
      name: created.RoleName ?? role.name,
      arn: created.Arn,
      roleId: created.RoleId,
      // What we sent is what IAM stored; the response echoes it URL-encoded when it echoes it at all.
      trustPolicy: created.AssumeRolePolicyDocument
        ? parsePolicyDocument(created.AssumeRolePolicyDocument)
        : role.trustPolicy,
      permissionsBoundaryArn: created.PermissionsBoundary?.PermissionsBoundaryArn ?? role.permissionsBoundaryArn,
      tags: created.Tags ? fromIamTags(created.Tags) : { ...role.tags },
    };
  }

  async getRole(name: string): Promise<RoleInfo | undefined> {
    let role: Role | undefined;
    try {
      role = (await this.iam.send(new GetRoleCommand({ RoleName: name }))).Role;
    } catch (error) {
      if (isAwsError(error, ...NO_SUCH_ENTITY)) return undefined;
      throw mapAwsError(error, { service: 'IAM', operation: 'GetRole', resource: name });
    }
    if (!role?.Arn || !role.RoleId || !role.RoleName) {
      throw new Error(`IAM GetRole ${name} returned no role name, ARN or role id`);
    }
    // Ownership is decided on the tags, so read all of them through ListRoleTags, page by page.
    const tags: Tag[] = [];
    try {
      for await (const page of paginateListRoleTags({ client: this.iam }, { RoleName: role.RoleName })) {
        tags.push(...(page.Tags ?? []));
      }
    } catch (error) {
      // Deleted between the two calls: the same answer as if GetRole had not found it.
      if (isAwsError(error, ...NO_SUCH_ENTITY)) return undefined;
      throw mapAwsError(error, { service: 'IAM', operation: 'ListRoleTags', resource: name });
    }
    return {
      name: role.RoleName,
      arn: role.Arn,
      roleId: role.RoleId,
      trustPolicy: role.AssumeRolePolicyDocument ? parsePolicyDocument(role.AssumeRolePolicyDocument) : undefined,
      ...(role.PermissionsBoundary?.PermissionsBoundaryArn
        ? { permissionsBoundaryArn: role.PermissionsBoundary.PermissionsBoundaryArn }
        : {}),
      tags: fromIamTags(tags),
    };
  }

  async updateTrustPolicy(name: string, policy: PolicyDocument): Promise<void> {
    try {
      await this.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: JSON.stringify(policy) }));
    } catch (error) {
      throw mapAwsError(error, { service: 'IAM', operation: 'UpdateAssumeRolePolicy', resource: name });
    }
  }

  async getInlinePolicy(roleName: string, policyName: string): Promise<unknown | undefined> {
    try {
      const output = await this.iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }));
      return output.PolicyDocument ? parsePolicyDocument(output.PolicyDocument) : undefined;
    } catch (error) {
      if (isAwsError(error, ...NO_SUCH_ENTITY)) return undefined;
      throw mapAwsError(error, { service: 'IAM', operation: 'GetRolePolicy', resource: `${roleName}/${policyName}` });
    }
  }

  async putInlinePolicy(roleName: string, policyName: string, policy: PolicyDocument): Promise<void> {
    try {
      await this.iam.send(
        new PutRolePolicyCommand({ RoleName: roleName, PolicyName: policyName, PolicyDocument: JSON.stringify(policy) }),
      );
    } catch (error) {
      throw mapAwsError(error, { service: 'IAM', operation: 'PutRolePolicy', resource: `${roleName}/${policyName}` });
    }
  }
}

export const iamRolesAdapter: AdapterFactory<IamRoles> = (config) => new IamRolesAdapter(sharedClient('iam', IAMClient, config.region));
