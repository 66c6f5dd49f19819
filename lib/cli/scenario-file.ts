// A scenario file named on the command line, read with its problems as a usage error. The scenario
// module is loaded only here, when a command uses a scenario: its check of simulated error names loads
// the SDK's exception classes, which commands such as `diagnose` must not pay for at start.
import type { Scenario } from '../sandbox/scenario';
import { UsageError } from './usage-error';

/** The scenario in `file`; a UsageError naming the file and each bad field when it cannot be used. */
export async function readScenario(file: string): Promise<Scenario> {
  const { loadScenario, ScenarioError } = await import('../sandbox/scenario');
  try {
    return loadScenario(file);
  } catch (error) {
    // Its message names the file and each bad field already.
    if (error instanceof ScenarioError) throw new UsageError(error.message);
    throw new UsageError(`cannot use scenario ${file}: ${(error as Error).message}`);
  }
}
