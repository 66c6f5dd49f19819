// The resource an SDK call acts on, as authorization names it, and the views the sandbox gives of what
// it stores (roles decoded, tags as a record, copies the caller cannot change).
import { evaluatePolicies } from '../iam-policy';
import { requestPrincipal } from './authorization';
import { type StoredRole } from './iam-types';
import { type SimulatedService } from './service-errors';
import type { Principal } from './simulation';
import type { SdkClient } from '../adapters/aws-client-factory';
import type { SandboxRole } from './types';

export const ANONYMOUS: Principal = { accountId: 'anonymous', arn: 'anonymous', userId: 'anonymous' };

export function roleAccountOf(input: unknown): string {
  const arn = (input as { RoleArn?: unknown } | undefined)?.RoleArn;
  return typeof arn === 'string' ? (arn.split(':')[4] ?? 'unknown') : 'unknown';
}

/** The ARN a call acts on, as the service names it in an AccessDenied message; "*" when there is none. */
export function resourceOf(service: SimulatedService, input: Record<string, any>, accountId: string, region: string): string {
  if (service === 'iam' && typeof input.RoleName === 'string') return `arn:aws:iam::${accountId}:role/${input.RoleName}`;
  if (service === 'iam' && typeof input.OpenIDConnectProviderArn === 'string') return input.OpenIDConnectProviderArn;
  if (service === 'eks' && typeof input.name === 'string') return `arn:aws:eks:${region}:${accountId}:cluster/${input.name}`;
  if (service === 'sqs') {
    const name = typeof input.QueueUrl === 'string' ? input.QueueUrl.split('/').pop() : input.QueueName;
    if (typeof name === 'string') return `arn:aws:sqs:${region}:${accountId}:${name}`;
  }
  return '*';
}

/** The User-Agent the SDK would send, as CloudTrail records it. */
export async function userAgentOf(client: SdkClient): Promise<string | undefined> {
  try {
    const pairs = (await client.config.defaultUserAgentProvider?.()) as [string, string?][] | undefined;
    if (!pairs) return undefined;
    return pairs.map(([name, version]) => (version === undefined ? name : `${name}${name.includes('/') ? '#' : '/'}${version}`)).join(' ');
  } catch {
    return undefined;
  }
}

/** Organizations would refuse a policy the evaluator cannot read; so does the sandbox, up front. */
export function checkOrganizationPolicies(documents: unknown[], kind: 'scp' | 'rcp', accountId: string): void {
  const principal = requestPrincipal({ accountId, arn: `arn:aws:iam::${accountId}:root`, userId: accountId });
  evaluatePolicies(documents, { principal, action: 'sts:AssumeRole', resource: '*', conditionKeys: {} }, kind);
}

export async function resolve<T>(value: T | (() => Promise<T> | T)): Promise<T> {
  return typeof value === 'function' ? await (value as () => Promise<T> | T)() : value;
}

export function copy<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

export function tagRecord(tags: { Key: string; Value: string }[]): Record<string, string> {
  return Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
}

export function describeRole(role: StoredRole, trustPolicy: string): SandboxRole {
  return {
    name: role.name,
    arn: role.arn,
    roleId: role.roleId,
    path: role.path,
    createDate: new Date(role.createDate),
    ...(role.description !== undefined ? { description: role.description } : {}),
    maxSessionDuration: role.maxSessionDuration,
    trustPolicy: JSON.parse(trustPolicy),
    inlinePolicies: Object.fromEntries([...role.inlinePolicies].map(([name, doc]) => [name, JSON.parse(doc)])),
    tags: tagRecord(role.tags),
    ...(role.permissionsBoundaryArn !== undefined ? { permissionsBoundaryArn: role.permissionsBoundaryArn } : {}),
  };
}
