// @ts-nocheck
// What a handler needs, built once per container: typed config and the adapters over AWS clients.
import { awsClients } from './adapters/aws-clients';
import { productionAdapters } from './adapters';
import { config, Config } from './config';

export interface Runtime {
  config: Config;
  adapters: ReturnType<typeof productionAdapters>;
}

let current: { config: Config; clients: ReturnType<typeof awsClients>; runtime: Runtime } | undefined;

export function runtime(): Runtime {
  const cfg = config();
  const clients = awsClients(cfg.region);
  // Rebuilt when the config or the client environment changed (the local runner switches them).
  if (!current || current.config !== cfg || current.clients !== clients) {
    current = { config: cfg, clients, runtime: { config: cfg, adapters: productionAdapters(clients, cfg) } };
  }
  return current.runtime;
}
