// npm run bench [-- NAME [options]]: runs one benchmark. Each prints its figures; with --json, its last
// line is one JSON object.
//   polling-cost (default)  what the polling schedule costs per connection
//   coldstart               zip sizes and cold-start ratios of the packaged functions and the CLI
//   burst                   N tenants created at once, under IAM's write rate limit
//   connections             one tenant with N connections, each verified in an execution of its own
const BENCHES: Record<string, () => Promise<unknown>> = {
  'polling-cost': () => import('./polling-cost'),
  coldstart: () => import('./coldstart'),
  burst: () => import('./burst'),
  connections: () => import('./connections'),
};

const name = process.argv[2] && !process.argv[2].startsWith('-') ? process.argv[2] : 'polling-cost';
const bench = BENCHES[name];
if (!bench) {
  process.stderr.write(`unknown benchmark ${JSON.stringify(name)}; known: ${Object.keys(BENCHES).join(', ')}\n`);
  process.exit(2);
}
if (process.argv[2] === name) process.argv.splice(2, 1);
void bench();
