// The shape of the code, checked by test/unit/architecture.test.ts (or `npx depcruise lib functions`):
// no import circles, and each layer imports only the layers below it.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle makes load order matter and hides which module owns an idea.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'The domain, the IAM policy evaluator and External ID handling decide; they call no AWS API and know no runner.',
      from: { path: '^lib/(domain|iam-policy)/|^lib/(external-id|problem-text)\\.ts$' },
      to: { path: '^lib/(adapters|sandbox|local|api|cli|events)/|^functions/|@aws-sdk|@aws-lambda-powertools|@middy' },
    },
    {
      name: 'iam-policy-is-general',
      severity: 'error',
      comment: 'The IAM policy evaluator serves the domain, the sandbox and explain alike, so it knows none of them.',
      from: { path: '^lib/iam-policy/' },
      to: { path: '^lib/(domain|sandbox|cli)/' },
    },
    {
      name: 'handlers-are-entry-points',
      severity: 'error',
      comment: 'Only the list of functions and the local runner load handlers; lib never depends on a handler.',
      from: { path: '^lib/', pathNot: '^lib/local/' },
      to: { path: '^functions/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
