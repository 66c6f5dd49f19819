// How a function gets an adapter: a factory per adapter, next to the adapter, that builds it from the
// function's config with the clients it needs. A handler names the factories it uses, so its bundle
// holds only their SDK clients; the runtime builds each once per container (lib/runtime.ts).
import type { Config } from '../config';

/** Gives the one instance of another adapter a factory depends on (e.g. the caller identity). */
export type Use = <P>(factory: AdapterFactory<P>) => P;

export type AdapterFactory<P> = (config: Config, use: Use) => P;

/** A `use` that builds each factory's adapter once. */
export function adapterCache(config: Config): Use {
  const built = new Map<AdapterFactory<unknown>, unknown>();
  const use: Use = <P>(factory: AdapterFactory<P>): P => {
    if (!built.has(factory)) built.set(factory, factory(config, use));
    return built.get(factory) as P;
  };
  return use;
}
