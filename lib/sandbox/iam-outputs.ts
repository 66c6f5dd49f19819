// Simulated IAM's answers as the SDK receives them (roles with URL-encoded documents, pages with
// markers, tags merged), and the checks its operations share.
import { awsError } from './service-errors';
import { Constraints } from './simulation';
import { type StoredRole, type Tag } from './iam-types';

export const ROLE_PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\u0021-\u007E]*\/)?([\w+=,.@-]+)$/;
export const BOUNDARY_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/[\w+=,.@/-]+$/;


/** IAM returns policy documents URL-encoded, and the SDK hands them over as they came. */
export function roleOutput(role: StoredRole, full: boolean, trustPolicy: string): Record<string, unknown> {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: new Date(role.createDate),
    AssumeRolePolicyDocument: encodeURIComponent(trustPolicy),
    ...(role.description !== undefined ? { Description: role.description } : {}),
    ...(full ? { MaxSessionDuration: role.maxSessionDuration } : {}),
    ...(role.permissionsBoundaryArn !== undefined
      ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: role.permissionsBoundaryArn } }
      : {}),
    ...(role.tags.length > 0 ? { Tags: role.tags.map((t) => ({ ...t })) } : {}),
    ...(full ? { RoleLastUsed: {} } : {}),
  };
}

/** The role ARNs a trust policy names as AWS principals. */
export function roleArnsInTrust(document: string): string[] {
  const policy = JSON.parse(document) as { Statement?: unknown };
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  const arns = new Set<string>();
  for (const statement of statements as { Principal?: unknown }[]) {
    const principal = statement?.Principal;
    if (typeof principal !== 'object' || principal === null) continue;
    const aws = (principal as { AWS?: unknown }).AWS;
    for (const value of Array.isArray(aws) ? aws : [aws]) {
      if (typeof value === 'string' && ROLE_PRINCIPAL_ARN.test(value)) arns.add(value);
    }
  }
  return [...arns];
}

export function checkBoundaryArn(arn: unknown): void {
  if (typeof arn !== 'string' || !BOUNDARY_ARN.test(arn)) {
    throw awsError('iam', 'InvalidInput', `ARN ${String(arn)} is not valid.`);
  }
}

export function tagQuota(limit: number): Error {
  return awsError('iam', 'LimitExceeded', `Cannot exceed quota for TagsPerRole: ${limit}`);
}

/** A key already present (compared without case) keeps its spelling and takes the new value. */
export function mergeTags(current: Tag[], added: Tag[]): Tag[] {
  const merged = current.map((t) => ({ ...t }));
  for (const tag of added) {
    const existing = merged.find((t) => t.Key.toLowerCase() === tag.Key.toLowerCase());
    if (existing) existing.Value = tag.Value;
    else merged.push({ ...tag });
  }
  return merged;
}

/** IAM's Marker/MaxItems paging; the marker is opaque to callers. */
export function page<T, R>(items: T[], input: any, map: (item: T) => R, field: string): Record<string, unknown> {
  const c = new Constraints('iam');
  c.range('maxItems', input.MaxItems, 1, 1000);
  c.throwIfAny();
  const max: number = input.MaxItems ?? 100;
  let start = 0;
  if (input.Marker !== undefined) {
    const decoded = /^page:(\d+)$/.exec(Buffer.from(String(input.Marker), 'base64').toString('utf8'));
    if (!decoded) throw awsError('iam', 'ValidationError', '1 validation error detected: Invalid Marker.');
    start = Number(decoded[1]);
  }
  const slice = items.slice(start, start + max);
  const truncated = start + max < items.length;
  return {
    [field]: slice.map(map),
    IsTruncated: truncated,
    ...(truncated ? { Marker: Buffer.from(`page:${start + max}`).toString('base64') } : {}),
  };
}
