// What a handler needs, built once per container: typed config and the adapters it names.
//   const statusStore = runtime().use(statusStoreAdapter);
import { adapterCache, type Use } from './adapters/adapter-factory';
import { clientGeneration } from './adapters/aws-client-factory';
import { config, Config } from './config';

export interface Runtime {
  config: Config;
  use: Use;
}

let current: { config: Config; generation: number; runtime: Runtime } | undefined;

export function runtime(): Runtime {
  const cfg = config();
  const generation = clientGeneration();
  // Rebuilt when the config or the client environment changed (the local runner switches them).
  if (!current || current.config !== cfg || current.generation !== generation) {
    current = { config: cfg, generation, runtime: { config: cfg, use: adapterCache(cfg) } };
  }
  return current.runtime;
}
