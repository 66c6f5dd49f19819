// What a diagnosis knows of the connection (tenant, dataplane role, target role, accounts, External
// ID fingerprint), and the phrases texts name them by when part of it is unknown.
import { describeFingerprint, type ExternalIdFingerprint } from '../../external-id';
import { DATAPLANE_ROLE_SUFFIX } from '../names';
import { parseRoleArn } from '../role-arn';
import type { DiagnosisSide, KnownContext } from './codes';

/** The session name of an assumed-role ARN: arn:aws:sts::<acct>:assumed-role/<role>/<session>. */
export function sessionOf(principalArn: string | undefined): string | undefined {
  const match = principalArn ? /:assumed-role\/[^/]+\/(.+)/.exec(principalArn) : null;
  return match?.[1];
}

/**
 * The caller's session when it is another role of ours — neither a dataplane role nor a verifier
 * session (`verifierPrefix`…) — refused on a role of another account: the identity the Spark pods fell
 * back to (the node's instance role, most often). Undefined otherwise.
 */
export function otherCallerOf(call: { sessionArn?: string; targetRoleArn?: string; vendorAccountId?: string; verifierPrefix: string }): string | undefined {
  const role = call.sessionArn ? /:assumed-role\/([^/]+)\//.exec(call.sessionArn)?.[1] : undefined;
  if (role === undefined || role.endsWith(DATAPLANE_ROLE_SUFFIX)) return undefined;
  if ((sessionOf(call.sessionArn) ?? '').startsWith(call.verifierPrefix)) return undefined;
  const targetAccount = call.targetRoleArn ? accountOf(call.targetRoleArn) : undefined;
  return targetAccount !== undefined && targetAccount !== call.vendorAccountId ? call.sessionArn : undefined;
}

export function accountOf(arn: string): string | undefined {
  return parseRoleArn(arn)?.accountId ?? /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1];
}

export function roleNameOf(arn: string): string {
  return parseRoleArn(arn)?.roleName ?? arn;
}

export function dataplaneNameOf(ctx: KnownContext): string {
  return ctx.dataplaneRoleArn ? roleNameOf(ctx.dataplaneRoleArn) : "the tenant's dataplane role";
}

/**
 * What classification knows beyond the caller's context: from a CloudTrail record, the External ID
 * that was actually sent (null: none), which is not necessarily the configured one.
 */
export interface ClassifyContext extends KnownContext {
  externalIdSent?: ExternalIdFingerprint | null;
}

/** A known context part: an empty string is no more an ARN or an account than a missing one. */
export function known(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** The context with blank parts removed, so that two unknown ARNs can never compare equal. */
export function knownParts(ctx: KnownContext): KnownContext {
  const parts: KnownContext = {};
  for (const key of ['tenantId', 'dataplaneRoleArn', 'targetRoleArn', 'vendorAccountId'] as const) {
    const value = known(ctx[key]);
    // Stryker disable next-line ConditionalExpression: a part set to undefined reads as a missing one wherever it is read
    if (value !== undefined) parts[key] = value;
  }
  return { ...parts, ...(ctx.externalId ? { externalId: ctx.externalId } : {}), ...(known(ctx.otherCaller) ? { otherCaller: ctx.otherCaller } : {}) };
}

export function targetOf(ctx: KnownContext): string {
  return ctx.targetRoleArn ?? 'the target role';
}

export function dataplaneOf(ctx: KnownContext): string {
  return ctx.dataplaneRoleArn ?? "the tenant's dataplane role";
}

/** For ARNs inside a policy snippet the customer or we paste. */
export function dataplaneArnOf(ctx: KnownContext): string {
  return ctx.dataplaneRoleArn ?? '<the dataplane role ARN>';
}

export function ourDataplaneRole(ctx: KnownContext): string {
  return ctx.dataplaneRoleArn ? `our dataplane role ${ctx.dataplaneRoleArn}` : 'our dataplane role';
}

/** "account 111111111111", or "our account" when the message did not say which. */
export function vendorAccount(ctx: KnownContext): string {
  return ctx.vendorAccountId ? `account ${ctx.vendorAccountId}` : 'our account';
}

export function ourAccount(ctx: KnownContext): string {
  return ctx.vendorAccountId ? `our account ${ctx.vendorAccountId}` : 'our account';
}

export function externalIdPhrase(ctx: ClassifyContext): string {
  if (ctx.externalIdSent === null) return 'no External ID';
  if (ctx.externalIdSent) return `an External ID (${describeFingerprint(ctx.externalIdSent)})`;
  return ctx.externalId ? `the External ID configured for the connection (${describeFingerprint(ctx.externalId)})` : 'the External ID of the connection';
}

export function tenantPhrase(ctx: KnownContext): string {
  return ctx.tenantId ? ` of tenant ${ctx.tenantId}` : '';
}

export const SIDE_ACTOR: Record<DiagnosisSide, string> = {
  customer: 'the customer must act',
  vendor: 'we (the vendor) must act; the customer has nothing to change',
  transient: 'nobody needs to act; it is retried automatically',
};

