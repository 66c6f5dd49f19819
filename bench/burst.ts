// A burst of tenants created at once (a migration, a replay of the event archive): N TenantCreated
// events through the event starter and the real onboarding state machine on the sandbox, under its IAM
// write token bucket. Ends with one JSON line on stdout; progress goes to stderr.
//   npm run bench -- burst --tenants N [--rate R] [--burst B] [--time-scale S] [--json]
// --rate / --burst: the IAM write bucket (default: the sandbox's, 10 a second with 20 saved up).
// --time-scale: how many times faster than real time the run's clock goes (default 2); retries and
// waits take their ASL delays divided by it. The clock runs whether or not this process gets the CPU:
// too high a scale on a busy machine and the machine, not IAM, becomes the limit, and the JSON's
// achievedIamWriteRate falls below the rate.
import { countOption, flag, numberOption, silenceFunctions } from './options';

const json = flag('--json');
const tenants = countOption('--tenants', 1000, 5000, 'IAM allows 5000 roles an account at most');
const rate = numberOption('--rate', 10, (n) => n > 0 && n <= 1000, 'a number of IAM writes a second, greater than 0 and at most 1000');
const burst = countOption('--burst', 20, 100_000);
const timeScale = numberOption('--time-scale', 2, (n) => n >= 1 && n <= 1000, 'a number from 1 to 1000');

silenceFunctions();

async function main(): Promise<void> {
  const { runBurst } = await import('../lib/local/burst');
  const startedAt = Date.now();
  let reported = 0;
  const result = await runBurst({
    tenants,
    iamWrites: { perSecond: rate, burst },
    timeScale,
    onProgress: (done, total) => {
      if (done === total || Date.now() - reported > 2000) {
        reported = Date.now();
        process.stderr.write(`burst: ${done}/${total} tenants done after ${((Date.now() - startedAt) / 1000).toFixed(0)} s\n`);
      }
    },
  });
  const figures = {
    tenants: result.tenants,
    roleReady: result.roleReady,
    failed: result.failed,
    lost: result.lost,
    seconds: result.seconds,
    iamWriteRateLimit: result.iamWriteRateLimit,
    achievedIamWriteRate: result.achievedIamWriteRate,
    iamWrites: result.iamWrites,
    iamThrottled: result.iamThrottled,
    duplicateMessages: result.duplicateMessages,
    timeScale,
    realSeconds: Math.round((Date.now() - startedAt) / 100) / 10,
  };
  if (!json) {
    console.log(`${figures.tenants} tenants at once, IAM writes limited to ${rate}/s (burst ${burst}):`);
    console.log(`  ROLE_READY ${figures.roleReady}, FAILED ${figures.failed}, lost ${figures.lost}, duplicate messages ${figures.duplicateMessages}`);
    console.log(`  ${figures.seconds} simulated seconds (${figures.realSeconds} s of real time at ${timeScale}x)`);
    console.log(`  IAM carried ${figures.iamWrites} writes (${figures.achievedIamWriteRate}/s, ${Math.round((figures.achievedIamWriteRate / rate) * 100)}% of the limit) and throttled ${figures.iamThrottled}`);
    const errors = Object.entries(result.executions.errors);
    if (errors.length > 0) console.log(`  executions failed: ${errors.map(([e, n]) => `${n} x ${e}`).join('; ')}`);
  }
  console.log(JSON.stringify(figures));
  const met = figures.roleReady === tenants && figures.failed === 0 && figures.lost === 0 && figures.achievedIamWriteRate >= 0.8 * rate;
  process.exitCode = met ? 0 : 1;
}

void main();

export {};
