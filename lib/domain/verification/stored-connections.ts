// Connections a request carries with their External IDs are stored with the tenant before any
// execution starts, and executions carry them as references: an execution's input, every state event
// of its history and its output are readable in the Step Functions console and by GetExecutionHistory,
// and must never hold an External ID. Attempt Assume reads the External ID from the stored connection.
import type { StatusStore } from '../../ports';
import { type Connection } from './connection';
import { PlannedConnection, plannedConnection } from './verification-plan';

/** When, and by which event or request, the connections were configured: orders them per connection. */
export interface ConfiguredBy {
  /** ISO 8601: the event's time, or the request's. */
  at: string;
  /** The event id (or execution id) that breaks a tie between two configurations of the same time. */
  by: string;
}

export interface StoredReferences {
  /** What an execution may carry instead of the connections: ids, role ARNs, External ID fingerprints. */
  references: PlannedConnection[];
  /** Connections not written because a newer configuration of the same id is stored. */
  superseded: string[];
}

/**
 * Stores connections first — also for a tenant with no status yet, so that a later onboarding finds
 * them — and returns the references to start an execution with. An older configuration never replaces
 * a newer one: such a connection is reported as superseded and the newer one stays.
 */
export async function storeConnectionsFirst(
  store: Pick<StatusStore, 'saveConnections'>,
  tenantId: string,
  connections: Connection[],
  configured: ConfiguredBy,
): Promise<StoredReferences> {
  if (connections.length === 0) return { references: [], superseded: [] };
  const { superseded } = await store.saveConnections(tenantId, connections, configured.at, configured.by);
  return { references: connections.map(plannedConnection), superseded };
}
