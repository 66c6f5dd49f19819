// DynamoDB is not simulated: status records go to dynalite, a DynamoDB implementation on an
// in-memory LevelDB (or one on disk, for a local stack), so conditional writes and key conditions behave as DynamoDB's do.
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

export interface DynaliteServer {
  /** e.g. http://127.0.0.1:54321; pass as dynamoEndpoint to the sandbox. */
  endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts dynalite on a free local port; tables become ACTIVE at once. With `path` its LevelDB lives in
 * that folder (classic-level, prebuilt: no network or compiler needed) and outlives the process.
 */
export async function startDynalite(options: { path?: string } = {}): Promise<DynaliteServer> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(options.path !== undefined ? { path: options.path } : {}) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets of SDK clients would hold the server open until they time out.
        server.closeAllConnections?.();
        server.close((error?: Error) => (error ? reject(error) : resolve()));
      }),
  };
}
