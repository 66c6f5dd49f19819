// A scenario file named on the command line, read with its problems as a usage error.
import { loadScenario, ScenarioError, type Scenario } from '../sandbox/scenario';
import { UsageError } from './usage-error';

/** The scenario in `file`; a UsageError naming the file and each bad field when it cannot be used. */
export function readScenario(file: string): Scenario {
  try {
    return loadScenario(file);
  } catch (error) {
    // Its message names the file and each bad field already.
    if (error instanceof ScenarioError) throw new UsageError(error.message);
    throw new UsageError(`cannot use scenario ${file}: ${(error as Error).message}`);
  }
}
