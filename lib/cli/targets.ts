// Where a support command runs: the running local stack (the default when one is), a deployed stack
// (--stack NAME or --stage STAGE; region and credentials as the AWS CLI finds them), or a one-shot
// sandbox (--scenario FILE).
import { runningStack, defaultStateDir, type RunningStack } from '../local/stack-file';
import { UsageError } from './usage-error';

export interface TargetOptions {
  scenario?: string;
  stage?: string;
  stack?: string;
  region?: string;
  stateDir?: string;
}

export type TargetChoice =
  | { kind: 'scenario'; file: string }
  | { kind: 'deployed'; stackName: string; region?: string }
  | { kind: 'local'; stateDir: string; stack: RunningStack };

export const STACK_PREFIX = 'tenant-dataplane-onboarding-';

export function chooseTarget(options: TargetOptions): TargetChoice {
  // --region only means something for a deployed stack: alone, it names the dev stage's, as it always has.
  const deployed = options.stack !== undefined || options.stage !== undefined || options.region !== undefined;
  if (options.scenario !== undefined && deployed) {
    throw new UsageError('give one target: --scenario FILE (a one-shot sandbox) or --stack NAME / --stage STAGE / --region R (a deployed stack), not both');
  }
  if (options.stack !== undefined && options.stage !== undefined) throw new UsageError('give --stack NAME or --stage STAGE, not both');
  if (options.scenario !== undefined) return { kind: 'scenario', file: options.scenario };
  if (deployed) {
    return { kind: 'deployed', stackName: options.stack ?? `${STACK_PREFIX}${options.stage ?? 'dev'}`, ...(options.region !== undefined ? { region: options.region } : {}) };
  }
  const stateDir = options.stateDir ?? defaultStateDir();
  const stack = runningStack(stateDir);
  if (!stack) {
    throw new UsageError(
      `no local stack is running (state folder ${stateDir}): start one with \`npm start\` in another terminal` +
        ' (or `npx onboarding start`), or name a target: --stack NAME for a deployed stack, --scenario FILE for a one-shot sandbox',
    );
  }
  return { kind: 'local', stateDir, stack };
}
