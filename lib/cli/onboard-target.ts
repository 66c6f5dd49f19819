// `onboard --local` and `onboard --stack NAME`: start the onboarding state machine on a stack that
// persists (the running local stack, or a deployed one), as a TenantCreated event would, wait for it,
// and print the tenant's status. Without them, `onboard` runs a one-shot sandbox (main.ts).
import { executionName } from '../domain/execution-names';
import { LocalStackClient, localStackTarget } from './local-client';
import { deployedTarget, formatStatus, StackNotFound, type SupportTarget } from './support';
import type { TargetChoice } from './targets';
import { UsageError } from './usage-error';

export interface OnboardOnStackOptions {
  tenant: string;
  cluster: string;
  namespace?: string;
  serviceAccount?: string;
  identity?: string;
  json?: boolean;
}

export async function onboardOnStack(
  options: OnboardOnStackOptions,
  choice: TargetChoice,
  io: { out: (text: string) => void; err: (text: string) => void },
): Promise<number> {
  let target: SupportTarget;
  if (choice.kind === 'local') target = await localStackTarget(new LocalStackClient(choice.stack.url));
  else if (choice.kind === 'deployed') {
    try {
      target = await deployedTarget(choice.stackName, choice.region);
    } catch (error) {
      if (error instanceof StackNotFound) throw new UsageError(error.message);
      throw error;
    }
  } else throw new UsageError('onboard --scenario runs a one-shot sandbox; give no other target with it');
  const say = options.json ? io.err : io.out;
  try {
    const input: Record<string, unknown> = { tenantId: options.tenant, clusterName: options.cluster };
    if (options.namespace !== undefined) input.namespace = options.namespace;
    if (options.serviceAccount !== undefined) input.serviceAccount = options.serviceAccount;
    if (options.identity !== undefined) input.identity = options.identity;
    const name = executionName('onboarding', options.tenant, `cli-${target.now().toISOString().replace(/[:.]/g, '')}`);
    const { executionArn } = await target.starter.start('onboarding', name, input);
    say(`Started onboarding: ${executionArn}`);
    if (target.consoleLink) say(`  ${target.consoleLink(executionArn)}`);
    const outcome = await target.waitFor(executionArn, (s) => io.err(`  execution ${s}`));
    const status = await target.statusStore.get(options.tenant);
    if (options.json) io.out(JSON.stringify(status ?? null, null, 2));
    else if (status) formatStatus(status, target.consoleLink).forEach((line) => io.out(line));
    if (outcome !== 'SUCCEEDED') {
      io.err(`onboarding ${outcome}${status?.error ? `: ${status.error.name}: ${status.error.message}` : ''}`);
      return 1;
    }
    return 0;
  } finally {
    await target.close();
  }
}
