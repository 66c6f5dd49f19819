// A local stack that persists: the embedded sandbox and the status table of a LocalEnvironment, kept
// in a state folder so that the next start continues where the last one stopped. The folder holds
// the scenario the stack was created from (its AWS world), the sandbox's state as JSON (saved shortly
// after every change, and on stop), the executions with their event logs (saved when one starts or
// ends, and on stop: they are most of the state, and grow with every event), and the status table's
// LevelDB.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeState, encodeState, parseScenario, type Scenario } from '../sandbox';
import { LocalEnvironment, type LocalEnvironmentState } from './local-environment';
import { writeJsonAtomically } from './stack-file';

const SCENARIO_FILE = 'scenario.json';
const STATE_FILE = 'sandbox-state.json';
const EXECUTIONS_FILE = 'executions.json';
const DYNAMODB_DIR = 'dynamodb';
/** Changes come in bursts (a run makes dozens of calls): one write per burst. */
const SAVE_DELAY_MS = { sandbox: 200, executions: 1000 };

export interface LocalStackOptions {
  stateDir: string;
  /** The scenario a new stack starts from; a stack that exists keeps its own. */
  scenarioFile: string;
}

export class StateDirError extends Error {}

export class LocalStack {
  private readonly timers: { sandbox?: NodeJS.Timeout; executions?: NodeJS.Timeout } = {};
  private closed = false;

  private constructor(
    readonly env: LocalEnvironment,
    readonly stateDir: string,
    readonly scenario: Scenario,
    /** True when this start continued a stack's saved state. */
    readonly resumed: boolean,
  ) {
    env.onChange = (what) => this.scheduleSave(what);
  }

  static async open(options: LocalStackOptions): Promise<LocalStack> {
    const { stateDir } = options;
    mkdirSync(stateDir, { recursive: true });
    const scenarioPath = path.join(stateDir, SCENARIO_FILE);
    const resumedScenario = existsSync(scenarioPath);
    const scenarioInput = readJson(resumedScenario ? scenarioPath : options.scenarioFile);
    let scenario: Scenario;
    try {
      scenario = parseScenario(scenarioInput);
    } catch (error) {
      throw new StateDirError(`cannot use scenario ${resumedScenario ? scenarioPath : options.scenarioFile}: ${(error as Error).message}`);
    }
    if (!resumedScenario) writeJsonAtomically(scenarioPath, scenarioInput);
    const statePath = path.join(stateDir, STATE_FILE);
    const executionsPath = path.join(stateDir, EXECUTIONS_FILE);
    const restore = existsSync(statePath)
      ? decodeState<LocalEnvironmentState>({ executions: [], ...(readJson(statePath) as object), ...(existsSync(executionsPath) ? { executions: readJson(executionsPath) } : {}) })
      : undefined;
    const env = await LocalEnvironment.start(scenario, { dynamoPath: path.join(stateDir, DYNAMODB_DIR), ...(restore ? { restore } : {}) });
    const stack = new LocalStack(env, stateDir, scenario, restore !== undefined);
    stack.save();
    return stack;
  }

  /** Writes the whole state now. */
  save(): void {
    this.saveSandbox();
    this.saveExecutions();
  }

  private saveSandbox(): void {
    clearTimeout(this.timers.sandbox);
    this.timers.sandbox = undefined;
    writeJsonAtomically(path.join(this.stateDir, STATE_FILE), encodeState(this.env.exportSandboxState()));
  }

  private saveExecutions(): void {
    clearTimeout(this.timers.executions);
    this.timers.executions = undefined;
    writeJsonAtomically(path.join(this.stateDir, EXECUTIONS_FILE), encodeState(this.env.exportState().executions));
  }

  private scheduleSave(what: 'sandbox' | 'executions'): void {
    if (this.closed || this.timers[what]) return;
    this.timers[what] = setTimeout(() => (what === 'sandbox' ? this.saveSandbox() : this.saveExecutions()), SAVE_DELAY_MS[what]);
  }

  /**
   * Saves, then stops the environment. Saved first: stopping aborts running executions, which the next
   * start then shows as ABORTED (they do not go on by themselves).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.save();
    this.closed = true;
    await this.env.close();
  }
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new StateDirError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StateDirError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}
