// What the benchmarks share: their command-line numbers (`--name value`, checked, or the benchmark
// stops with exit 2 saying what is allowed), and quiet functions.
const args = process.argv.slice(2);

/** True when the flag is given (e.g. --json). */
export function flag(name: string): boolean {
  return args.includes(name);
}

/** The number after `name`, or `fallback` when absent; `rule` says what `check` allows. */
export function numberOption(name: string, fallback: number, check: (n: number) => boolean, rule: string): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!check(value)) {
    process.stderr.write(`${name} must be ${rule}, got ${JSON.stringify(args[i + 1] ?? null)}\n`);
    process.exit(2);
  }
  return value;
}

/** A whole number from 1 to `max`. */
export function countOption(name: string, fallback: number, max: number, why = ''): number {
  return numberOption(name, fallback, (n) => Number.isInteger(n) && n >= 1 && n <= max, `a whole number from 1 to ${max}${why ? ` (${why})` : ''}`);
}

/**
 * The functions log every step and metric as JSON on stdout; a benchmark's stdout is its result, so
 * they are kept quiet (before the functions are loaded: they read this at load).
 */
export function silenceFunctions(): void {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}
