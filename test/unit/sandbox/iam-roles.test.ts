import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  EntityAlreadyExistsException,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMServiceException,
  LimitExceededException,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  DeleteConflictException,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  InvalidInputException,
  paginateListRoleTags,
} from '@aws-sdk/client-iam';
import { parsePolicyDocument } from '../../../lib/iam-policy';
import { EC2_TRUST, Fixture, rejectionOf, startSandbox, stopSandbox, trustPolicy, VENDOR_ACCOUNT } from './sandbox-fixture';

const BOUNDARY = `arn:aws:iam::${VENDOR_ACCOUNT}:policy/dataplane-boundary`;
const INLINE = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/*' }],
};

describe('sandbox IAM roles', () => {
  let f: Fixture;
  let providerArn: string;

  beforeEach(() => {
    f = startSandbox();
    providerArn = f.sandbox.listOidcProviders()[0]!.arn;
  });
  afterEach(stopSandbox);

  const createRole = (name: string, document: unknown = EC2_TRUST, extra: Record<string, unknown> = {}) =>
    f.clients.iam.send(
      new CreateRoleCommand({
        RoleName: name,
        AssumeRolePolicyDocument: typeof document === 'string' ? document : JSON.stringify(document),
        ...extra,
      }),
    );

  it('creates a role with the id, ARN, date, boundary and tags IAM gives it', async () => {
    // Prepare
    const document = trustPolicy(providerArn);

    // Act
    const { Role, $metadata } = await createRole('acme-dataplane-role', document, {
      Path: '/tenants/',
      Description: 'Dataplane role of tenant acme',
      PermissionsBoundary: BOUNDARY,
      Tags: [{ Key: 'tenant-id', Value: 'acme' }],
      MaxSessionDuration: 3600,
    });

    // Assess
    expect($metadata.httpStatusCode).toBe(200);
    expect(Role?.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
    expect(Role?.Arn).toBe(`arn:aws:iam::${VENDOR_ACCOUNT}:role/tenants/acme-dataplane-role`);
    expect(Role?.CreateDate).toEqual(new Date(f.clock.now));
    expect(Role?.PermissionsBoundary).toEqual({ PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: BOUNDARY });
    expect(Role?.Tags).toEqual([{ Key: 'tenant-id', Value: 'acme' }]);
    expect(f.sandbox.getRole('acme-dataplane-role')).toMatchObject({
      trustPolicy: document,
      description: 'Dataplane role of tenant acme',
      permissionsBoundaryArn: BOUNDARY,
      tags: { 'tenant-id': 'acme' },
    });
  });

  it('refuses a second role of the same name with EntityAlreadyExists (409)', async () => {
    // Prepare
    await createRole('acme-dataplane-role');

    // Act
    const error = await rejectionOf(createRole('acme-dataplane-role'));

    // Assess
    expect(error).toBeInstanceOf(EntityAlreadyExistsException);
    expect(error.name).toBe('EntityAlreadyExistsException');
    expect(error.message).toBe('Role with name acme-dataplane-role already exists.');
    expect(error.$fault).toBe('client');
    expect(error.$metadata.httpStatusCode).toBe(409);
    expect(error.Code).toBe('EntityAlreadyExists');
  });

  it('treats role names that differ only in case as the same role', async () => {
    // Prepare
    await createRole('Acme-Dataplane-Role');

    // Act
    const error = await rejectionOf(createRole('acme-dataplane-role'));
    const { Role } = await f.clients.iam.send(new GetRoleCommand({ RoleName: 'ACME-DATAPLANE-ROLE' }));

    // Assess
    expect(error).toBeInstanceOf(EntityAlreadyExistsException);
    expect(Role?.RoleName).toBe('Acme-Dataplane-Role');
  });

  it('returns the trust policy URL-encoded from GetRole, as IAM does', async () => {
    // Prepare
    const document = JSON.stringify(trustPolicy(providerArn));
    await createRole('acme-dataplane-role', document, { PermissionsBoundary: BOUNDARY });

    // Act
    const { Role } = await f.clients.iam.send(new GetRoleCommand({ RoleName: 'acme-dataplane-role' }));

    // Assess
    expect(Role?.AssumeRolePolicyDocument).toBe(encodeURIComponent(document));
    expect(Role?.AssumeRolePolicyDocument).not.toContain('{');
    expect(parsePolicyDocument(Role!.AssumeRolePolicyDocument!)).toEqual(JSON.parse(document));
    expect(Role?.MaxSessionDuration).toBe(3600);
    expect(Role?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(BOUNDARY);
  });

  it('reports a missing role as NoSuchEntity (404) with IAM\'s message', async () => {
    // Act
    const error = await rejectionOf(f.clients.iam.send(new GetRoleCommand({ RoleName: 'nobody-role' })));

    // Assess
    expect(error).toBeInstanceOf(NoSuchEntityException);
    expect(error.message).toBe('The role with name nobody-role cannot be found.');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it('rejects an invalid role name with a ValidationError worded as AWS words it', async () => {
    // Act
    const tooLong = await rejectionOf(createRole(`${'a'.repeat(50)}-dataplane-role`));
    const badChars = await rejectionOf(createRole('acme dataplane'));

    // Assess
    expect(tooLong).toBeInstanceOf(IAMServiceException);
    expect(tooLong.name).toBe('ValidationError');
    expect(tooLong.$metadata.httpStatusCode).toBe(400);
    expect(tooLong.message).toBe(
      `1 validation error detected: Value '${'a'.repeat(50)}-dataplane-role' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    );
    expect(badChars.message).toContain("at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
  });

  it.each([
    ['invalid JSON', '{"Version": "2012-10-17", "Statement": [', 'This policy contains invalid Json'],
    [
      'a statement without Principal',
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] },
      'Missing required field Principal',
    ],
    [
      'a statement without Effect',
      { Version: '2012-10-17', Statement: [{ Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      'Missing required field Effect',
    ],
    [
      'a statement without Action',
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' } }] },
      'Missing required field Action',
    ],
    [
      'a non-STS action',
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 's3:GetObject' }] },
      'AssumeRole policy may only specify STS AssumeRole actions.',
    ],
    [
      'a Resource',
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '222222222222' }, Action: 'sts:AssumeRole', Resource: '*' }] },
      'Has prohibited field Resource',
    ],
    [
      'an unknown Version',
      { Version: '2020-01-01', Statement: [{ Effect: 'Allow', Principal: { AWS: '222222222222' }, Action: 'sts:AssumeRole' }] },
      'The policy failed legacy parsing',
    ],
  ])('rejects a trust policy with %s as MalformedPolicyDocument', async (_case, document, message) => {
    // Act
    const error = await rejectionOf(createRole('acme-dataplane-role', document));

    // Assess
    expect(error).toBeInstanceOf(MalformedPolicyDocumentException);
    expect(error.message).toBe(message);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(f.sandbox.getRole('acme-dataplane-role')).toBeUndefined();
  });

  it('rejects a trust policy whose federated principal is an OIDC provider that does not exist', async () => {
    // Prepare
    const missing = `arn:aws:iam::${VENDOR_ACCOUNT}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0000`;

    // Act
    const error = await rejectionOf(createRole('acme-dataplane-role', trustPolicy(missing)));

    // Assess
    expect(error).toBeInstanceOf(MalformedPolicyDocumentException);
    expect(error.message).toBe(`Invalid principal in policy: "Federated":"${missing}"`);
  });

  it('enforces the roles-per-account quota with LimitExceeded (409)', async () => {
    // Prepare
    f = startSandbox({ quotas: { rolesPerAccount: 2 } });
    await createRole('one-role');
    await createRole('two-role');

    // Act
    const error = await rejectionOf(createRole('three-role'));

    // Assess
    expect(error).toBeInstanceOf(LimitExceededException);
    expect(error.message).toBe('Cannot exceed quota for RolesPerAccount: 2');
    expect(error.$metadata.httpStatusCode).toBe(409);
  });

  it('counts the trust policy size without whitespace against its quota', async () => {
    // Prepare
    // Room for the stack's own roles (the trust probe role's trust policy names the execution role).
    f = startSandbox({ quotas: { trustPolicySize: 200 } });
    const withSid = (length: number) => ({ ...EC2_TRUST, Statement: [{ ...EC2_TRUST.Statement[0], Sid: 'x'.repeat(length) }] });
    const compact = JSON.stringify(withSid(60));
    const padded = JSON.stringify(withSid(60), null, 8);
    const bigger = withSid(80);

    // Act
    await createRole('compact-role', compact);
    await createRole('padded-role', padded);
    const error = await rejectionOf(createRole('bigger-role', bigger));

    // Assess
    expect(compact.length).toBeLessThanOrEqual(200);
    expect(padded.length).toBeGreaterThan(200);
    expect(error).toBeInstanceOf(LimitExceededException);
    expect(error.message).toBe('Cannot exceed quota for ACLSizePerRole: 200');
  });

  it('updates the trust policy with the same checks as CreateRole', async () => {
    // Prepare
    await createRole('acme-dataplane-role');
    const irsa = trustPolicy(providerArn);

    // Act
    await f.clients.iam.send(
      new UpdateAssumeRolePolicyCommand({ RoleName: 'acme-dataplane-role', PolicyDocument: JSON.stringify(irsa) }),
    );
    const error = await rejectionOf(
      f.clients.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'acme-dataplane-role', PolicyDocument: '{' })),
    );

    // Assess
    expect(f.sandbox.getRole('acme-dataplane-role')?.trustPolicy).toEqual(irsa);
    expect(error).toBeInstanceOf(MalformedPolicyDocumentException);
  });

  it('keeps inline policies: put, get URL-encoded, list, and NoSuchEntity for a missing one', async () => {
    // Prepare
    await createRole('acme-dataplane-role');
    const document = JSON.stringify(INLINE);

    // Act
    const missing = await rejectionOf(
      f.clients.iam.send(new GetRolePolicyCommand({ RoleName: 'acme-dataplane-role', PolicyName: 'assume-customer-target-roles' })),
    );
    await f.clients.iam.send(
      new PutRolePolicyCommand({ RoleName: 'acme-dataplane-role', PolicyName: 'assume-customer-target-roles', PolicyDocument: document }),
    );
    const got = await f.clients.iam.send(
      new GetRolePolicyCommand({ RoleName: 'acme-dataplane-role', PolicyName: 'assume-customer-target-roles' }),
    );
    const listed = await f.clients.iam.send(new ListRolePoliciesCommand({ RoleName: 'acme-dataplane-role' }));

    // Assess
    expect(missing).toBeInstanceOf(NoSuchEntityException);
    expect(missing.message).toBe('The role policy with name assume-customer-target-roles cannot be found.');
    expect(got.PolicyDocument).toBe(encodeURIComponent(document));
    expect(listed).toMatchObject({ PolicyNames: ['assume-customer-target-roles'], IsTruncated: false });
    expect(f.sandbox.getRole('acme-dataplane-role')?.inlinePolicies).toEqual({ 'assume-customer-target-roles': INLINE });
  });

  it('rejects an inline policy that names a principal or no resource, and one over the size quota', async () => {
    // Prepare
    await createRole('acme-dataplane-role');
    const put = (document: unknown) =>
      f.clients.iam.send(
        new PutRolePolicyCommand({ RoleName: 'acme-dataplane-role', PolicyName: 'p', PolicyDocument: JSON.stringify(document) }),
      );
    const huge = { ...INLINE, Statement: [{ ...INLINE.Statement[0], Sid: 'x'.repeat(10300) }] };

    // Act
    const withPrincipal = await rejectionOf(put({ ...INLINE, Statement: [{ ...INLINE.Statement[0], Principal: '*' }] }));
    const withoutResource = await rejectionOf(put({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] }));
    const tooBig = await rejectionOf(put(huge));

    // Assess
    expect(withPrincipal.message).toBe('Policy document should not specify a principal.');
    expect(withoutResource.message).toBe('Missing required field Resource');
    expect(tooBig).toBeInstanceOf(LimitExceededException);
    expect(tooBig.message).toBe('Maximum policy size of 10240 bytes exceeded for role acme-dataplane-role');
  });

  it('tags a role, merging keys without regard to case, and pages ListRoleTags with Marker/MaxItems', async () => {
    // Prepare
    await createRole('acme-dataplane-role', EC2_TRUST, { Tags: [{ Key: 'Team', Value: 'platform' }] });

    // Act
    await f.clients.iam.send(
      new TagRoleCommand({
        RoleName: 'acme-dataplane-role',
        Tags: [
          { Key: 'team', Value: 'dataplane' },
          { Key: 'managed-by', Value: 'tenant-dataplane-onboarding' },
          { Key: 'tenant-id', Value: 'acme' },
        ],
      }),
    );
    const first = await f.clients.iam.send(new ListRoleTagsCommand({ RoleName: 'acme-dataplane-role', MaxItems: 2 }));
    const second = await f.clients.iam.send(
      new ListRoleTagsCommand({ RoleName: 'acme-dataplane-role', MaxItems: 2, Marker: first.Marker }),
    );
    const all = [];
    for await (const page of paginateListRoleTags({ client: f.clients.iam, pageSize: 1 }, { RoleName: 'acme-dataplane-role' })) {
      all.push(...(page.Tags ?? []));
    }

    // Assess
    expect(first.IsTruncated).toBe(true);
    expect(first.Tags).toEqual([
      { Key: 'Team', Value: 'dataplane' },
      { Key: 'managed-by', Value: 'tenant-dataplane-onboarding' },
    ]);
    expect(second).toMatchObject({ IsTruncated: false, Tags: [{ Key: 'tenant-id', Value: 'acme' }] });
    expect(second.Marker).toBeUndefined();
    expect(all).toHaveLength(3);
  });

  it('enforces the tags-per-role quota and rejects duplicate keys in one request', async () => {
    // Prepare
    f = startSandbox({ quotas: { tagsPerRole: 2 } });
    await createRole('acme-dataplane-role', EC2_TRUST, { Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] });

    // Act
    const overQuota = await rejectionOf(
      f.clients.iam.send(new TagRoleCommand({ RoleName: 'acme-dataplane-role', Tags: [{ Key: 'c', Value: '3' }] })),
    );
    const duplicate = await rejectionOf(
      f.clients.iam.send(
        new TagRoleCommand({ RoleName: 'acme-dataplane-role', Tags: [{ Key: 'a', Value: '1' }, { Key: 'A', Value: '2' }] }),
      ),
    );

    // Assess
    expect(overQuota).toBeInstanceOf(LimitExceededException);
    expect(overQuota.message).toBe('Cannot exceed quota for TagsPerRole: 2');
    expect(duplicate).toBeInstanceOf(InvalidInputException);
  });

  it('sets the permissions boundary, and rejects an ARN that is not a policy ARN', async () => {
    // Prepare
    await createRole('acme-dataplane-role');

    // Act
    await f.clients.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'acme-dataplane-role', PermissionsBoundary: BOUNDARY }));
    const error = await rejectionOf(
      f.clients.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'acme-dataplane-role', PermissionsBoundary: 'boundary' })),
    );
    const { Role } = await f.clients.iam.send(new GetRoleCommand({ RoleName: 'acme-dataplane-role' }));

    // Assess
    expect(Role?.PermissionsBoundary).toEqual({ PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: BOUNDARY });
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.message).toBe('ARN boundary is not valid.');
  });

  it('refuses to delete a role with inline policies, and gives a recreated role a new id', async () => {
    // Prepare
    const { Role: original } = await createRole('acme-dataplane-role');
    await f.clients.iam.send(
      new PutRolePolicyCommand({ RoleName: 'acme-dataplane-role', PolicyName: 'p', PolicyDocument: JSON.stringify(INLINE) }),
    );

    // Act
    const conflict = await rejectionOf(f.clients.iam.send(new DeleteRoleCommand({ RoleName: 'acme-dataplane-role' })));
    await f.clients.iam.send(new DeleteRolePolicyCommand({ RoleName: 'acme-dataplane-role', PolicyName: 'p' }));
    await f.clients.iam.send(new DeleteRoleCommand({ RoleName: 'acme-dataplane-role' }));
    const { Role: recreated } = await createRole('acme-dataplane-role');

    // Assess
    expect(conflict).toBeInstanceOf(DeleteConflictException);
    expect(conflict.$metadata.httpStatusCode).toBe(409);
    expect(recreated?.Arn).toBe(original?.Arn);
    expect(recreated?.RoleId).not.toBe(original?.RoleId);
  });
});
