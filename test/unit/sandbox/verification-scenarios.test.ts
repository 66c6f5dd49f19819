// The shipped verification scenarios, each run through the verifier's two hops on the real SDK
// clients: what STS answers there is what the workflow will have to diagnose.
import path from 'node:path';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { createAwsClients, useClientEnvironment } from '../../../lib/adapters/aws-clients';
import { AwsSandbox, loadScenario, type ScenarioConnection } from '../../../lib/sandbox';
import { ASSUME_ROLE_ONLY, clientsAs, DATAPLANE_ROLE_ARN, dataplaneRole, DENY_ALL, REGION, stopSandbox } from './sandbox-fixture';

const SCENARIOS = path.resolve(__dirname, '../../../scenarios');
const DENIED_TARGET = (target: string) =>
  `AccessDenied: User: arn:aws:sts::111111111111:assumed-role/acme-dataplane-role/verify-dp is not authorized to perform: sts:AssumeRole on resource: ${target}`;
const TARGET = 'arn:aws:iam::222222222222:role/qualytics-s3-read';

afterEach(stopSandbox);

/** One verification attempt: VERIFIED, NOT_ENFORCED (assumable without the External ID), or the STS error. */
async function verify(connection: ScenarioConnection): Promise<string> {
  const sts = createAwsClients({ region: REGION }).sts;
  try {
    const hop = await sts.send(
      new AssumeRoleCommand({ RoleArn: DATAPLANE_ROLE_ARN, RoleSessionName: 'verify-dp', DurationSeconds: 900, Policy: ASSUME_ROLE_ONLY }),
    );
    const dataplane = clientsAs(hop.Credentials).sts;
    const assume = (externalId?: string) =>
      dataplane.send(
        new AssumeRoleCommand({
          RoleArn: connection.roleArn,
          RoleSessionName: 'verify-x',
          DurationSeconds: 900,
          Policy: DENY_ALL,
          ...(externalId !== undefined ? { ExternalId: externalId } : {}),
        }),
      );
    await assume(connection.externalId);
    try {
      await assume();
      return 'NOT_ENFORCED';
    } catch {
      return 'VERIFIED';
    }
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

async function run(file: string, attempts = 1): Promise<string[][]> {
  const sandbox = AwsSandbox.fromScenario(loadScenario(path.join(SCENARIOS, `${file}.json`)), { now: () => Date.parse('2026-03-01T09:00:00Z') });
  useClientEnvironment(sandbox.clientEnvironment());
  // Onboarding creates the dataplane role before any verification runs.
  sandbox.addRole(dataplaneRole(sandbox.executionRoleArn));
  const outcomes: string[][] = [];
  for (const connection of sandbox.connections) {
    const tries: string[] = [];
    for (let i = 0; i < attempts; i += 1) tries.push(await verify(connection));
    outcomes.push(tries);
  }
  return outcomes;
}

describe('sandbox verification scenarios', () => {
  it.each([
    ['verify-correct-setup', 1, [['VERIFIED']]],
    [
      'verify-wrong-external-id-fixed-later',
      5,
      [[DENIED_TARGET(TARGET), DENIED_TARGET(TARGET), DENIED_TARGET(TARGET), DENIED_TARGET(TARGET), 'VERIFIED']],
    ],
    [
      'verify-external-id-trailing-space',
      1,
      [
        [
          "ValidationError: 1 validation error detected: Value 'acme-7Hq2vX9pLm ' at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:/-]*",
        ],
      ],
    ],
    ['trust-not-pinned', 1, [['VERIFIED']]],
    ['verify-missing-external-id-condition', 1, [['NOT_ENFORCED']]],
    ['verify-missing-role', 1, [[DENIED_TARGET(TARGET)]]],
    ['verify-scp-deny', 1, [[`${DENIED_TARGET(TARGET)} with an explicit deny in a service control policy`]]],
    [
      'verify-region-disabled',
      1,
      [
        [
          'RegionDisabledException: STS is not activated in this region for account:222222222222. Your account administrator can activate STS in this region using the IAM Console.',
        ],
      ],
    ],
    ['verify-dataplane-arn-as-target', 1, [[DENIED_TARGET(DATAPLANE_ROLE_ARN)]]],
    [
      'verify-mixed',
      2,
      [
        ['VERIFIED', 'VERIFIED'],
        [DENIED_TARGET('arn:aws:iam::222222222222:role/qualytics-athena'), DENIED_TARGET('arn:aws:iam::222222222222:role/qualytics-athena')],
        ['NOT_ENFORCED', 'NOT_ENFORCED'],
      ],
    ],
  ])('%s: STS answers the verifier as the scenario describes', async (file, attempts, expected) => {
    // Act
    const outcomes = await run(file as string, attempts as number);

    // Assess
    expect(outcomes).toEqual(expected);
  });
});
