// Starts the one engine of this worker and hands each connecting tab its API
// over comlink. Shared by the SharedWorker entry and the dedicated-worker fallback.

import * as Comlink from 'comlink';
import type { EngineRole } from './api';
import { Engine } from './engine';
import { tuningFromWorkerName } from '../model/engineTuning';

let engine: Promise<Engine> | undefined;

export function hostEngine(role: EngineRole): Promise<Engine> {
  engine ??= Engine.start({
    origin: self.location.origin,
    host: self.location.host,
    fetch: self.fetch.bind(self),
    now: () => Date.now(),
    role,
    ...tuningFromWorkerName(self.name),
    onWiped: () => self.close(),
  });
  return engine;
}

type Methods = Record<string, (...args: unknown[]) => unknown>;

/** Picks the object that answers a method call: this engine, or another one it forwards to. */
export type Router = (method: string) => Promise<Methods>;

/** Serves the engine's API on a port; calls wait for the engine to be ready. */
export function serve(port: MessagePort | Worker | typeof globalThis | BroadcastChannel, route: Router): void {
  const api = new Proxy(
    {},
    {
      get: (_t, prop: string) =>
        async (...args: unknown[]) => {
          const target = await route(prop);
          const fn = target[prop];
          if (typeof fn !== 'function') throw new Error(`engine has no method ${prop}`);
          return fn.apply(target, args);
        },
    },
  );
  Comlink.expose(api, port as Comlink.Endpoint);
}

/** Every call answered by the engine of this worker. */
export function local(ready: Promise<Engine>): Router {
  return async () => (await ready) as unknown as Methods;
}
