// The CLI's exit codes: done, the command's work failed, the command was used wrongly.
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
