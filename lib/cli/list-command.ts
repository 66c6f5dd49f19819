// `onboarding list --status ACTION_REQUIRED`: the connections of every tenant in one state, newest
// first, a page at a time, as GET /connections answers (support's "what is broken now, since when").
// On the running local stack or a deployed one; a one-shot sandbox has no fleet to list.
import { connectionListView } from '../api/status-view';
import { decodePageToken, encodePageToken } from '../api/page-token';
import { readConnectionListQuery } from '../schemas/connection-list-query';
import type { ConnectionStatus } from '../domain/status';
import { EXIT_OK } from './exit-codes';
import type { Io } from './output';
import { supportTarget, type SupportOptions } from './support-commands';
import { UsageError } from './usage-error';

export interface ListOptions extends SupportOptions {
  status?: string;
  limit?: string;
  nextToken?: string;
  json?: boolean;
}

export async function listConnections(options: ListOptions, io: Io): Promise<number> {
  if (options.scenario !== undefined) {
    throw new UsageError('list reads the running local stack or a deployed stack (--stack NAME / --stage STAGE), not a one-shot --scenario sandbox');
  }
  const { query, problems } = readConnectionListQuery({
    ...(options.status !== undefined ? { status: options.status } : {}),
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
    ...(options.nextToken !== undefined ? { nextToken: options.nextToken } : {}),
  });
  if (!query) throw new UsageError(problems.map((p) => p.replace('The query parameter status', '--status').replace('nextToken', '--next-token')).join('; '));
  const startAfter = query.nextToken === undefined ? undefined : decodePageToken(query.nextToken, query.state);
  if (query.nextToken !== undefined && !startAfter) {
    throw new UsageError(`--next-token is not one a list of ${query.state} printed (it may have been cut, or be another status's); list again without it`);
  }
  const target = await supportTarget('', options, io);
  try {
    const page = await target.statusStore.connectionsInState(query.state, { limit: query.limit, ...(startAfter ? { startAfter } : {}) });
    const nextToken = page.next ? encodePageToken(page.next) : undefined;
    if (options.json) {
      io.out(JSON.stringify(connectionListView(query.state, page.connections, nextToken), null, 2));
      return EXIT_OK;
    }
    io.out(formatConnectionList(query.state, page.connections, target.where));
    if (nextToken) io.out(`More: onboarding list --status ${query.state} --limit ${query.limit} --next-token ${nextToken}`);
    return EXIT_OK;
  } finally {
    await target.close();
  }
}

/** One line a connection: which, since when, why and who acts; `onboarding status TENANT` has the rest. */
export function formatConnectionList(state: string, connections: { tenantId: string; status: ConnectionStatus }[], where: string): string {
  if (connections.length === 0) return `No connection is ${state} ${where}.`;
  const lines = [`${state} connections ${where}, most recently updated first:`];
  for (const { tenantId, status } of connections) {
    const why = status.diagnosis ? ` ${status.diagnosis.code} (${status.diagnosis.side} side)` : '';
    const warned = (status.warnings ?? []).map((w) => ` warning ${w.code}`).join('');
    lines.push(`  ${tenantId}/${status.connectionId}  since ${status.updatedAt ?? '?'}${why}${warned}, ${status.attempts} attempt(s) — ${status.roleArn}`);
  }
  lines.push('Details and the fix: onboarding status TENANT');
  return lines.join('\n');
}
