// Starts the one engine of this worker and hands each connecting tab its API
// over comlink. Shared by the SharedWorker entry and the dedicated-worker fallback.

import * as Comlink from 'comlink';
import type { EngineRole, EngineStartup, WorkerApi } from './api';
import { DEFAULT_TSDB_DB, Engine } from './engine';
import { tuningFromWorkerName } from '../model/engineTuning';
import { errorMessage, fail, type Result } from '../model/result';
import { deleteTsdb } from '../tsdb/tsdb';

let engine: Promise<Engine> | undefined;
let startup: EngineStartup = { state: 'starting', phase: 'starting', done: 0, total: 0 };
const tuning = tuningFromWorkerName(self.name);

export function hostEngine(role: EngineRole): Promise<Engine> {
  engine ??= Engine.start({
    origin: self.location.origin,
    host: self.location.host,
    fetch: self.fetch.bind(self),
    now: () => Date.now(),
    role,
    ...tuning,
    onWiped: () => self.close(),
    onStartup: (phase, done = 0, total = 0) => (startup = { state: 'starting', phase, done, total }),
  }).then(
    (e) => {
      startup = { state: 'ready' };
      return e;
    },
    (e: unknown) => {
      startup = { state: 'failed', error: errorMessage(e) };
      throw e;
    },
  );
  return engine;
}

/** The worker's own answers, which never wait for the engine: what it is doing, and a way out of a start that failed. */
const own: Pick<WorkerApi, 'startup' | 'wipeFailedStart'> = {
  startup: async () => startup,
  wipeFailedStart: async (): Promise<Result<void>> => {
    if (startup.state !== 'failed') return fail({ where: 'wipe', what: 'the engine has started; wipe the data from Settings' });
    const r = await deleteTsdb(DEFAULT_TSDB_DB);
    if (r.ok) self.close();
    return r;
  },
};

type Methods = Record<string, (...args: unknown[]) => unknown>;

/** Picks the object that answers a method call: this engine, or another one it forwards to. */
export type Router = (method: string) => Promise<Methods>;

/** Serves the engine's API on a port; calls wait for the engine to be ready. */
export function serve(port: MessagePort | Worker | typeof globalThis | BroadcastChannel, route: Router): void {
  const api = new Proxy(
    {},
    {
      get: (_t, prop: string) =>
        prop in own ? own[prop as keyof typeof own] : async (...args: unknown[]) => {
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
