import {
  CreateRoleCommand,
  EntityAlreadyExistsException,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  LimitExceededException,
  ListRoleTagsCommand,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { IamRolesAdapter } from '../../../lib/adapters/iam-roles';
import { dataplaneInlinePolicy, irsaTrustPolicy } from '../../../lib/domain/onboarding/policies';
import { IamRequestRejected, QuotaExceeded, TransientAwsError } from '../../../lib/errors';
import type { NewRole } from '../../../lib/ports';
import { awsError } from './sdk-errors';

const iamMock = mockClient(IAMClient);

const ROLE_NAME = 'acme-dataplane-role';
const ROLE_ARN = `arn:aws:iam::111122223333:role/${ROLE_NAME}`;
const BOUNDARY_ARN = 'arn:aws:iam::111122223333:policy/dataplane-boundary';
const ISSUER = 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789';
const TRUST_POLICY = irsaTrustPolicy({
  oidcProviderArn: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789',
  issuerUrl: ISSUER,
  namespace: 'qualytics',
  serviceAccount: 'qualytics-spark',
});
const TAGS = { 'managed-by': 'tenant-dataplane-onboarding', 'tenant-id': 'acme' };

function newRole(): NewRole {
  return {
    name: ROLE_NAME,
    trustPolicy: TRUST_POLICY,
    permissionsBoundaryArn: BOUNDARY_ARN,
    tags: TAGS,
    description: 'Dataplane role of tenant acme',
  };
}

/** How IAM returns policy documents: URL-encoded JSON. */
function urlEncoded(document: unknown): string {
  return encodeURIComponent(JSON.stringify(document));
}

describe('IamRolesAdapter', () => {
  beforeEach(() => {
    iamMock.reset();
  });

  describe('createRole', () => {
    it('creates the role with the trust policy, boundary, tags and a one-hour session cap', async () => {
      // Prepare
      iamMock.on(CreateRoleCommand).resolves({
        Role: {
          RoleName: ROLE_NAME,
          Arn: ROLE_ARN,
          RoleId: 'AROAEXAMPLE',
          Path: '/',
          CreateDate: new Date(),
          AssumeRolePolicyDocument: urlEncoded(TRUST_POLICY),
          PermissionsBoundary: { PermissionsBoundaryArn: BOUNDARY_ARN, PermissionsBoundaryType: 'PermissionsBoundaryPolicy' },
          Tags: [
            { Key: 'managed-by', Value: 'tenant-dataplane-onboarding' },
            { Key: 'tenant-id', Value: 'acme' },
          ],
        },
      });
      const roles = new IamRolesAdapter(new IAMClient({}));

      // Act
      const created = await roles.createRole(newRole());

      // Assess
      expect(iamMock).toHaveReceivedCommandWith(CreateRoleCommand, {
        RoleName: ROLE_NAME,
        Path: '/',
        AssumeRolePolicyDocument: JSON.stringify(TRUST_POLICY),
        Description: 'Dataplane role of tenant acme',
        PermissionsBoundary: BOUNDARY_ARN,
        Tags: [
          { Key: 'managed-by', Value: 'tenant-dataplane-onboarding' },
          { Key: 'tenant-id', Value: 'acme' },
        ],
        MaxSessionDuration: 3600,
      });
      expect(created).toEqual({
        name: ROLE_NAME,
        arn: ROLE_ARN,
        roleId: 'AROAEXAMPLE',
        trustPolicy: TRUST_POLICY,
        permissionsBoundaryArn: BOUNDARY_ARN,
        tags: TAGS,
      });
    });

    it('falls back to what it sent when the response does not echo the policy, boundary or tags', async () => {
      // Prepare
      iamMock.on(CreateRoleCommand).resolves({
        Role: { RoleName: ROLE_NAME, Arn: ROLE_ARN, RoleId: 'AROAEXAMPLE', Path: '/', CreateDate: new Date() },
      });
      const roles = new IamRolesAdapter(new IAMClient({}));

      // Act
      const created = await roles.createRole(newRole());

      // Assess
      expect(created).toMatchObject({ trustPolicy: TRUST_POLICY, permissionsBoundaryArn: BOUNDARY_ARN, tags: TAGS });
    });

    it('returns undefined when the role already exists, so the caller converges it', async () => {
      // Prepare
      iamMock
        .on(CreateRoleCommand)
        .rejects(new EntityAlreadyExistsException({ message: `Role with name ${ROLE_NAME} already exists.`, $metadata: {} }));
      const roles = new IamRolesAdapter(new IAMClient({}));

      // Act
      const created = await roles.createRole(newRole());

      // Assess
      expect(created).toBeUndefined();
    });

    it('also recognises the wire code EntityAlreadyExists', async () => {
      // Prepare
      iamMock.on(CreateRoleCommand).rejects(awsError('EntityAlreadyExists', 'exists', { httpStatusCode: 409 }));
      const roles = new IamRolesAdapter(new IAMClient({}));

      // Act
      const created = await roles.createRole(newRole());

      // Assess
      expect(created).toBeUndefined();
    });

    it('throws TransientAwsError when IAM throttles', async () => {
      // Prepare
      iamMock.on(CreateRoleCommand).rejects(awsError('Throttling', 'Rate exceeded'));
      const roles = new IamRolesAdapter(new IAMClient({}));

      // Act
      const creating = roles.createRole(newRole());

      // Assess
      await expect(creating).rejects.toThrow(TransientAwsError);
      await expect(creating).rejects.toThrow('IAM CreateRole acme-dataplane-role was throttled: Rate exceeded');
    });

    it('throws QuotaExceeded when the account has no room for another role', async () => {
      // Prepare
      iamMock.on(CreateRoleCommand).rejects(
        new LimitExceededException({ message: 'Cannot exceed quota for RolesPerAccount: 1000', $metadata: { httpStatusCode: 409 } }),
      );
      const roles = new IamRolesAdapter(new IAMClient({}));

      // Act
      const creating = roles.createRole(newRole());

      // Assess
      await expect(creating).rejects.toThrow(QuotaExceeded);
      await expect(creating).rejects.toMatchObject({
        details: { awsErrorName: 'LimitExceededException', httpStatusCode: 409 },
      });
    });

    it('throws IamRequestRejected when IAM rejects the trust policy', async () => {
      // Prepare
      iamMock
        .on(CreateRoleCommand)
        .rejects(new MalformedPolicyDocumentException({ message: 'Invalid principal in policy', $metadata: {} }));
      const roles = new IamRolesAdapter(new IAMClient({}));

      // Act
      const creating = roles.createRole(newRole());

      // Assess
      await expect(creating).rejects.toThrow(IamRequestRejected);
    });

    it('rethrows an unmapped error unchanged', async () => {
      // Prepare
      const denied = awsError('AccessDenied', 'not authorized to perform: iam:CreateRole', { httpStatusCode: 403 });
      iamMock.on(CreateRoleCommand).rejects(denied);
      const roles = new IamRolesAdapter(new IAMClient({}));

      // Act
      const creating = roles.createRole(newRole());

      // Assess
      await expect(creating).rejects.toBe(denied);
    });
  });

  describe('getRole', () => {
    it('reads the role, decodes its URL-encoded trust policy and collects every page of tags', async () => {
      // Prepare
      iamMock.on(GetRoleCommand).resolves({
        Role: {
          RoleName: ROLE_NAME,
          Arn: ROLE_ARN,
          RoleId: 'AROAEXAMPLE',
          Path: '/',
          CreateDate: new Date(),
          AssumeRolePolicyDocument: urlEncoded(TRUST_POLICY),
          PermissionsBoundary: { PermissionsBoundaryArn: BOUNDARY_ARN, PermissionsBoundaryType: 'PermissionsBoundaryPolicy' },
        },
      });
      iamMock
        .on(ListRoleTagsCommand, { RoleName: ROLE_NAME, Marker: undefined })
        .resolves({ Tags: [{ Key: 'managed-by', Value: 'tenant-dataplane-onboarding' }], IsTruncated: true, Marker: 'page-2' })
        .on(ListRoleTagsCommand, { RoleName: ROLE_NAME, Marker: 'page-2' })
        .resolves({ Tags: [{ Key: 'tenant-id', Value: 'acme' }], IsTruncated: false });
      const roles = new IamRolesAdapter(new IAMClient({}));

      // Act
      const role = await roles.getRole(ROLE_NAME);

      // Assess
      expect(iamMock).toHaveReceivedCommandWith(GetRoleCommand, { RoleName: ROLE_NAME });
      expect(iamMock).toHaveReceivedCommandTimes(ListRoleTagsCommand, 2);
      expect(iamMock).toHaveReceivedNthSpecificCommandWith(2, ListRoleTagsCommand, { RoleName: ROLE_NAME, Marker: 'page-2' });
      expect(role).toEqual({
        name: ROLE_NAME,
        arn: ROLE_ARN,
        roleId: 'AROAEXAMPLE',
        trustPolicy: TRUST_POLICY,
        permissionsBoundaryArn: BOUNDARY_ARN,
        tags: TAGS,
      });
    });

    it('leaves permissionsBoundaryArn out when the role has no boundary', async () => {
      // Prepare
      iamMock.on(GetRoleCommand).resolves({
        Role: {
          RoleName: ROLE_NAME,
          Arn: ROLE_ARN,
          RoleId: 'AROAEXAMPLE',
          Path: '/',
          CreateDate: new Date(),
          AssumeRolePolicyDocument: urlEncoded(TRUST_POLICY),
        },
      });
      iamMock.on(ListRoleTagsCommand).resolves({ Tags: [], IsTruncated: false });
      const roles = new IamRolesAdapter(new IAMClient({}));

      // Act
      const role = await roles.getRole(ROLE_NAME);

      // Assess
      expect(role).toBeDefined();
      expect(role).not.toHaveProperty('permissionsBoundaryArn');
      expect(role?.tags).toEqual({});
    });

    it('returns undefined when there is no such role', async () => {
      // Prepare
      iamMock
        .on(GetRoleCommand)
        .rejects(new NoSuchEntityException({ message: `The role with name ${ROLE_NAME} cannot be found.`, $metadata: {} }));
      const roles = new IamRolesAdapter(new IAMClient({}));

      // Act
      const role = await roles.getRole(ROLE_NAME);

      // Assess
      expect(role).toBeUndefined();
      expect(iamMock).not.toHaveReceivedCommand(ListRoleTagsCommand);
    });

    it('returns undefined when the role disappears between GetRole and ListRoleTags', async () => {
      // Prepare
      iamMock.on(GetRoleCommand).resolves({
        Role: { RoleName: ROLE_NAME, Arn: ROLE_ARN, RoleId: 'AROAEXAMPLE', Path: '/', CreateDate: new Date() },
      });
      iamMock.on(ListRoleTagsCommand).rejects(new NoSuchEntityException({ message: 'gone', $metadata: {} }));
      const roles = new IamRolesAdapter(new IAMClient({}));

      // Act
      const role = await roles.getRole(ROLE_NAME);

      // Assess
      expect(role).toBeUndefined();
    });

    it('throws TransientAwsError when ListRoleTags is throttled', async () => {
      // Prepare
      iamMock.on(GetRoleCommand).resolves({
        Role: { RoleName: ROLE_NAME, Arn: ROLE_ARN, RoleId: 'AROAEXAMPLE', Path: '/', CreateDate: new Date() },
      });
      iamMock.on(ListRoleTagsCommand).rejects(awsError('Throttling', 'Rate exceeded'));
      const roles = new IamRolesAdapter(new IAMClient({}));

      // Act
      const reading = roles.getRole(ROLE_NAME);

      // Assess
      await expect(reading).rejects.toThrow('IAM ListRoleTags acme-dataplane-role was throttled: Rate exceeded');
    });

    it('throws TransientAwsError when IAM fails on its side', async () => {
      // Prepare
      iamMock.on(GetRoleCommand).rejects(awsError('ServiceFailure', 'internal', { httpStatusCode: 500, fault: 'server' }));
      const roles = new IamRolesAdapter(new IAMClient({}));

      // Act
      const reading = roles.getRole(ROLE_NAME);

      // Assess
      await expect(reading).rejects.toThrow(TransientAwsError);
    });
  });

  describe('updateTrustPolicy', () => {
    it('replaces the trust policy with the JSON document', async () => {
      // Prepare
      iamMock.on(UpdateAssumeRolePolicyCommand).resolves({});
      const roles = new IamRolesAdapter(new IAMClient({}));

      // Act
      await roles.updateTrustPolicy(ROLE_NAME, TRUST_POLICY);

      // Assess
      expect(iamMock).toHaveReceivedCommandWith(UpdateAssumeRolePolicyCommand, {
        RoleName: ROLE_NAME,
        PolicyDocument: JSON.stringify(TRUST_POLICY),
      });
    });

    it('throws TransientAwsError on a concurrent modification', async () => {
      // Prepare
      iamMock.on(UpdateAssumeRolePolicyCommand).rejects(awsError('ConcurrentModification', 'try again', { httpStatusCode: 409 }));
      const roles = new IamRolesAdapter(new IAMClient({}));

      // Act
      const updating = roles.updateTrustPolicy(ROLE_NAME, TRUST_POLICY);

      // Assess
      await expect(updating).rejects.toThrow(TransientAwsError);
    });

    it('throws QuotaExceeded when the trust policy is over its size quota', async () => {
      // Prepare
      iamMock
        .on(UpdateAssumeRolePolicyCommand)
        .rejects(new LimitExceededException({ message: 'Cannot exceed quota for ACLSizePerRole: 2048', $metadata: {} }));
      const roles = new IamRolesAdapter(new IAMClient({}));

      // Act
      const updating = roles.updateTrustPolicy(ROLE_NAME, TRUST_POLICY);

      // Assess
      await expect(updating).rejects.toThrow(
        'IAM UpdateAssumeRolePolicy acme-dataplane-role hit an account quota: Cannot exceed quota for ACLSizePerRole: 2048',
      );
    });
  });

  describe('getInlinePolicy', () => {
    it('returns the decoded inline policy', async () => {
      // Prepare
      const policy = dataplaneInlinePolicy('111111111111');
      iamMock.on(GetRolePolicyCommand).resolves({
        RoleName: ROLE_NAME,
        PolicyName: 'assume-customer-target-roles',
        PolicyDocument: urlEncoded(policy),
      });
      const roles = new IamRolesAdapter(new IAMClient({}));

      // Act
      const current = await roles.getInlinePolicy(ROLE_NAME, 'assume-customer-target-roles');

      // Assess
      expect(iamMock).toHaveReceivedCommandWith(GetRolePolicyCommand, {
        RoleName: ROLE_NAME,
        PolicyName: 'assume-customer-target-roles',
      });
      expect(current).toEqual(policy);
    });

    it('returns undefined when the role has no such inline policy', async () => {
      // Prepare
      iamMock.on(GetRolePolicyCommand).rejects(new NoSuchEntityException({ message: 'no such policy', $metadata: {} }));
      const roles = new IamRolesAdapter(new IAMClient({}));

      // Act
      const current = await roles.getInlinePolicy(ROLE_NAME, 'assume-customer-target-roles');

      // Assess
      expect(current).toBeUndefined();
    });
  });

  describe('putInlinePolicy', () => {
    it('puts the policy as JSON', async () => {
      // Prepare
      const policy = dataplaneInlinePolicy('111111111111');
      iamMock.on(PutRolePolicyCommand).resolves({});
      const roles = new IamRolesAdapter(new IAMClient({}));

      // Act
      await roles.putInlinePolicy(ROLE_NAME, 'assume-customer-target-roles', policy);

      // Assess
      expect(iamMock).toHaveReceivedCommandWith(PutRolePolicyCommand, {
        RoleName: ROLE_NAME,
        PolicyName: 'assume-customer-target-roles',
        PolicyDocument: JSON.stringify(policy),
      });
    });

    it('throws IamRequestRejected when IAM finds the document malformed', async () => {
      // Prepare
      iamMock.on(PutRolePolicyCommand).rejects(new MalformedPolicyDocumentException({ message: 'bad', $metadata: {} }));
      const roles = new IamRolesAdapter(new IAMClient({}));

      // Act
      const putting = roles.putInlinePolicy(ROLE_NAME, 'assume-customer-target-roles', dataplaneInlinePolicy('111111111111'));

      // Assess
      await expect(putting).rejects.toThrow(
        'IAM PutRolePolicy acme-dataplane-role/assume-customer-target-roles was rejected as invalid: bad',
      );
    });
  });
});
