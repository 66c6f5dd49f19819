// Where the CLI's lines go. A command's result goes to stdout — as JSON with --json, so a script can
// pipe it — and everything that tells a person how the run is going goes to stderr then; --quiet keeps
// only the result and the errors.
import type { StatusRecord } from '../domain/status';
import { tenantStatusView, TenantStatusView } from '../api/status-view';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface OutputOptions {
  json?: boolean;
  quiet?: boolean;
}

export interface Output {
  /** Progress: on stdout for a person, on stderr beside --json, nowhere with --quiet. */
  progress: (line: string) => void;
  /** The result as text for a person (skipped with --json, which prints `json` instead). */
  text: (line: string) => void;
  /** The result as JSON (only with --json). */
  json: (value: unknown) => void;
  /** Errors and refusals: always on stderr. */
  error: (line: string) => void;
}

export function output(io: Io, options: OutputOptions): Output {
  const silent = () => undefined;
  return {
    progress: options.quiet ? silent : options.json ? io.err : io.out,
    text: options.json ? silent : io.out,
    json: options.json ? (value) => io.out(JSON.stringify(value, null, 2)) : silent,
    error: io.err,
  };
}

/**
 * A tenant's status as the status API returns it (GET /tenants/{id}/status): one view, one schema
 * (docs/openapi.yaml), whichever of the two a person or a script asks.
 */
export function statusJson(record: StatusRecord): TenantStatusView {
  return tenantStatusView(record);
}
