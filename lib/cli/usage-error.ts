/** A bad command line, option value or input file: the CLI says why and exits 2, without a stack trace. */
export class UsageError extends Error {}
