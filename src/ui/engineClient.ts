// The UI's one way to the engine: a SharedWorker when the browser has it, else
// a dedicated worker whose engine takes part in the leader election.

import * as Comlink from 'comlink';
import type { EngineEvent, WorkerApi } from '../engine/api';
import { tuningFromSearch, workerName } from '../model/engineTuning';

export type EngineClient = Comlink.Remote<WorkerApi>;

type Listener = (e: EngineEvent) => void;

let client: EngineClient | undefined;
/** Unset until asked, and again after a subscription the engine refused (its start failed). */
let subscribed: Promise<void> | undefined;
const listeners = new Set<Listener>();

function forceDedicated(): boolean {
  return new URLSearchParams(location.search).get('engine') === 'dedicated';
}

export function engine(): EngineClient {
  if (client) return client;
  const name = workerName(tuningFromSearch(location.search));
  if (typeof SharedWorker !== 'undefined' && !forceDedicated()) {
    const worker = new SharedWorker(new URL('../engine/sharedWorker.ts', import.meta.url), { type: 'module', name });
    client = Comlink.wrap<WorkerApi>(worker.port);
  } else {
    const worker = new Worker(new URL('../engine/dedicatedWorker.ts', import.meta.url), { type: 'module', name });
    client = Comlink.wrap<WorkerApi>(worker);
  }
  void whenSubscribed().catch(() => undefined);
  // The worker may outlive a closing tab only briefly: ask for a checkpoint while it can still run.
  const flush = () => void client?.flush();
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });
  return client;
}

/**
 * Resolves once the engine sends this tab its events. State asked after this
 * is kept current by events; asked before, a change in between would be missed.
 */
export function whenSubscribed(): Promise<void> {
  const c = engine();
  subscribed ??= c.subscribe(Comlink.proxy((e: EngineEvent) => listeners.forEach((l) => l(e)))).catch((e: unknown) => {
    // An engine that failed to start may be started again (read-only): the next call subscribes anew.
    subscribed = undefined;
    throw e;
  });
  return subscribed;
}

/** Hears engine events; returns the unsubscribe. */
export function onEngineEvent(listener: Listener): () => void {
  engine();
  listeners.add(listener);
  return () => listeners.delete(listener);
}
