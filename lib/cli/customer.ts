// Playing the customer on a local stack: create the target role, set (or fix) its trust policy, delete
// it — as the customer would in their own account — then `verify` and `status` show what we make of
// it. Only a local stack has a customer's account to change: a deployed stack's customers are real.
import { readFileSync } from 'node:fs';
import { LocalStackClient } from './local-client';
import type { TargetChoice } from './targets';
import { UsageError } from './usage-error';
import { readJsonFile } from './json-file';

export interface CustomerRoleOptions {
  account: string;
  role: string;
  trustPolicy?: string;
  trusting?: string;
  externalIdFile?: string;
}

function checkAccount(account: string): void {
  if (!/^\d{12}$/.test(account)) throw new UsageError(`--account ${JSON.stringify(account)}: expected a 12-digit AWS account id`);
}


/**
 * The trust policy the options give: a file, or the preset a customer is told to paste — trust the
 * tenant's dataplane role, with sts:ExternalId when an External ID file is given (without, the role
 * does not require one, which verification reports as EXTERNAL_ID_NOT_ENFORCED).
 */
export function trustPolicyOf(options: CustomerRoleOptions, vendorAccount: string): Record<string, unknown> {
  if ((options.trustPolicy === undefined) === (options.trusting === undefined)) {
    throw new UsageError('give the trust policy as --trust-policy FILE, or --trusting TENANT [--external-id-file FILE] for the one customers are told to paste');
  }
  if (options.trustPolicy !== undefined) {
    if (options.externalIdFile !== undefined) throw new UsageError('--external-id-file goes with --trusting; a --trust-policy file holds its own conditions');
    const policy = readJsonFile(options.trustPolicy, 'trust policy');
    if (policy === null || typeof policy !== 'object' || Array.isArray(policy)) throw new UsageError(`trust policy ${options.trustPolicy} must be a JSON object (a policy document)`);
    return policy as Record<string, unknown>;
  }
  const statement: Record<string, unknown> = {
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${vendorAccount}:role/${options.trusting}-dataplane-role` },
    Action: 'sts:AssumeRole',
  };
  if (options.externalIdFile !== undefined) {
    let externalId: string;
    try {
      // A file, never the command line, which shell history and ps keep; one trailing newline is the editor's.
      externalId = readFileSync(options.externalIdFile, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw new UsageError(`cannot read External ID file ${options.externalIdFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    statement.Condition = { StringEquals: { 'sts:ExternalId': externalId } };
  }
  return { Version: '2012-10-17', Statement: [statement] };
}

function localOnly(target: TargetChoice): LocalStackClient {
  if (target.kind === 'deployed') {
    throw new UsageError(
      `customer commands change a customer's AWS account, which only a local stack simulates; ${target.stackName}'s customers change their own roles (use explain to check a policy they send)`,
    );
  }
  if (target.kind === 'scenario') throw new UsageError('customer commands need a running local stack (npm start): a one-shot --scenario sandbox ends with the command');
  return new LocalStackClient(target.stack.url);
}

type Role = { arn: string; trustPolicy: { Statement?: unknown[] } };

export async function customerCommand(
  action: 'create-role' | 'set-trust-policy' | 'delete-role',
  options: CustomerRoleOptions,
  target: TargetChoice,
  out: (line: string) => void,
): Promise<number> {
  checkAccount(options.account);
  const client = localOnly(target);
  const args = { accountId: options.account, roleName: options.role };
  if (action === 'delete-role') {
    await client.call('customer/delete-role', args);
    out(`Deleted role ${options.role} in account ${options.account} (customer side).`);
    return 0;
  }
  const { account: vendorAccount } = await client.info();
  const trustPolicy = trustPolicyOf(options, vendorAccount);
  const role = await client.call<Role>(action === 'create-role' ? 'customer/create-role' : 'customer/set-trust-policy', { ...args, trustPolicy });
  // The policy itself is not printed back: it may hold the External ID.
  out(`${action === 'create-role' ? 'Created' : 'Set the trust policy of'} ${role.arn} (customer side; ${role.trustPolicy.Statement?.length ?? 0} statement(s)).`);
  out('Next: `onboarding verify TENANT` re-runs verification, and `onboarding status TENANT` shows the outcome.');
  return 0;
}
