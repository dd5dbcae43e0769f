// Starts the one engine of this worker and hands each connecting tab its API
// over comlink. Shared by the SharedWorker entry and the dedicated-worker fallback.

import * as Comlink from 'comlink';
import type { EngineRole, EngineStartup, WorkerApi } from './api';
import { DEFAULT_TSDB_DB, Engine } from './engine';
import { tuningFromWorkerName } from '../model/engineTuning';
import { errorMessage, fail, ok, type Result } from '../model/result';
import { deleteTsdb } from '../tsdb/tsdb';

let engine: Promise<Engine> | undefined;
let startup: EngineStartup = { state: 'starting', phase: 'starting', done: 0, total: 0 };
const tuning = tuningFromWorkerName(self.name);
let role: EngineRole = 'shared';

function start(readOnly?: string): Promise<Engine> {
  startup = { state: 'starting', phase: 'starting', done: 0, total: 0 };
  return Engine.start({
    origin: self.location.origin,
    host: self.location.host,
    fetch: self.fetch.bind(self),
    now: () => Date.now(),
    role,
    ...tuning,
    readOnly,
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
}

export function hostEngine(r: EngineRole): Promise<Engine> {
  role = r;
  engine ??= start();
  return engine;
}

/** The worker's own answers, which never wait for the engine: what it is doing, and the ways out of a start that failed. */
const own: Pick<WorkerApi, 'startup' | 'wipeFailedStart' | 'startReadOnly'> = {
  startup: async () => startup,
  wipeFailedStart: async (): Promise<Result<void>> => {
    if (startup.state !== 'failed') return fail({ where: 'wipe', what: 'the engine has started; wipe the data from Settings' });
    const r = await deleteTsdb(DEFAULT_TSDB_DB);
    if (r.ok) self.close();
    return r;
  },
  startReadOnly: async (): Promise<Result<void>> => {
    if (startup.state !== 'failed') return fail({ where: 'start', what: 'the engine is not stopped by a failure' });
    engine = start(`read-only: the stored samples could not be restored (${startup.error}); this session's samples are kept in memory only and the store is left as it is`);
    // Calls made meanwhile wait for this engine; a failure shows through startup().
    engine.catch(() => undefined);
    return ok(undefined);
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

/** Every call answered by the engine of this worker (the one started last, after a read-only restart). */
export function local(): Router {
  return async () => {
    if (!engine) throw new Error('engine not started');
    return (await engine) as unknown as Methods;
  };
}
