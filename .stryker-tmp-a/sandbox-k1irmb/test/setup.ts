// @ts-nocheck
// aws-local-stepfunctions 3 uses Promise.withResolvers, which Node 20 lacks.
import '../lib/local/polyfills';
// The functions' log lines are asserted where they matter (test/unit/logging.test.ts), not printed.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
