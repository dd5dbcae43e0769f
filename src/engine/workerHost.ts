// Starts the one engine of this worker and hands each connecting tab its API
// over comlink. Shared by the SharedWorker entry and the dedicated-worker fallback.

import * as Comlink from 'comlink';
import type { EngineRole } from './api';
import { Engine } from './engine';
import { tuningFromWorkerName } from './engineTuning';

let engine: Promise<Engine> | undefined;

export function hostEngine(role: EngineRole): Promise<Engine> {
  engine ??= Engine.start({
    origin: self.location.origin,
    host: self.location.host,
    fetch: self.fetch.bind(self),
    now: () => Date.now(),
    role,
    ...tuningFromWorkerName(self.name),
  });
  return engine;
}

/** Serves the engine's API on a port; calls wait for the engine to be ready. */
export function serve(port: MessagePort | Worker | typeof globalThis, ready: Promise<Engine>): void {
  const api = new Proxy(
    {},
    {
      get: (_t, prop: string) =>
        async (...args: unknown[]) => {
          const e = await ready;
          const fn = (e as unknown as Record<string, (...a: unknown[]) => unknown>)[prop];
          if (typeof fn !== 'function') throw new Error(`engine has no method ${prop}`);
          return fn.apply(e, args);
        },
    },
  );
  Comlink.expose(api, port as Comlink.Endpoint);
}
