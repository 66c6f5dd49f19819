#!/usr/bin/env node
// The onboarding CLI. Its TypeScript is bundled with esbuild once, and again only when a source changed
// (scripts/load-ts.cjs).
const { loadTs } = require('../scripts/load-ts.cjs');

// The functions' JSON log lines would bury the CLI's own output; --verbose shows them. The Logger
// reads its level once, when it is created, so this must precede loading the CLI.
process.env.POWERTOOLS_LOG_LEVEL ??= process.argv.includes('--verbose') ? 'DEBUG' : 'SILENT';
// Metrics are CloudWatch EMF lines on stdout: in AWS they become metrics, here they would be noise.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

// The SDK warns that releases after January 2027 need Node 22 (the Lambda runtime); the lockfile pins
// today's clients, which support the Node 20 the CLI may run on.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// Piping into `head` closes stdout early; that is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

loadTs('lib/cli/main.ts', true)
  .main(process.argv)
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`onboarding: unexpected error: ${error && error.stack ? error.stack : error}\n`);
      process.exitCode = 1;
    },
  );
