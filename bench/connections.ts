// One tenant with N connections, verified in one run, each connection's customer fixing its trust
// policy after a few denials: the real state machines and handlers on the sandbox. Each connection
// polls in an execution of its own; this says whether all were verified and how far the largest
// execution history stayed from Step Functions' 25,000 events. Ends with one JSON line on stdout.
//   npm run bench -- connections --connections N [--json]
import { MAX_CONNECTIONS_PER_RUN as MAX_CONNECTIONS } from '../lib/domain/verification/verification-plan';
import { countOption, flag, silenceFunctions } from './options';

const json = flag('--json');


const connections = countOption('--connections', MAX_CONNECTIONS, MAX_CONNECTIONS, "a verification run's most");
/** "Far below" the 25,000 events at which Step Functions ends an execution: a tenth of it. */
const HISTORY_GOAL = 2_500;

silenceFunctions();

async function main(): Promise<void> {
  const { runManyConnections } = await import('../lib/local/many-connections');
  const startedAt = Date.now();
  process.stderr.write(`connections: onboarding one tenant and verifying its ${connections} connections...\n`);
  const result = await runManyConnections({ connections });
  const figures = {
    connections: result.connections,
    verified: result.verified,
    executions: result.executions,
    maxHistoryEvents: result.maxHistoryEvents,
    attempts: result.attempts,
    byStateMachine: result.byStateMachine,
    realSeconds: Math.round((Date.now() - startedAt) / 100) / 10,
  };
  if (!json) {
    console.log(`One tenant, ${connections} connections, each fixed by its customer after 2-5 AssumeRole calls:`);
    console.log(`  verified ${figures.verified} of ${figures.connections} in ${figures.attempts} attempts; the run ended ${result.run.status} ${result.run.state ?? ''}`);
    for (const [kind, { executions, maxHistoryEvents }] of Object.entries(result.byStateMachine)) {
      console.log(`  ${kind}: ${executions} execution(s), the largest history ${maxHistoryEvents} events`);
    }
    const missed = Object.entries(result.notVerified);
    if (missed.length > 0) console.log(`  not verified: ${missed.map(([id, why]) => `${id} (${why})`).join(', ')}`);
    console.log(`  ${figures.realSeconds} s of real time`);
  }
  console.log(JSON.stringify(figures));
  process.exitCode = figures.verified === connections && figures.maxHistoryEvents < HISTORY_GOAL ? 0 : 1;
}

void main();

