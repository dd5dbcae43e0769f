// Dedicated-worker entry for browsers without SharedWorker: every tab runs an
// engine, and a Web Lock elects the one that scrapes and writes. The leader
// also answers on a BroadcastChannel, so the others read its live data (their
// own copy of the store only sees what the leader has checkpointed); when the
// leader's tab closes, the lock passes to one of them.

import * as Comlink from 'comlink';
import type { EngineEvent } from './api';
import { hostEngine, local, serve, type Router } from './workerHost';

const LEADER_LOCK = 'vigil-engine-leader';
const LEADER_CHANNEL = 'vigil-engine-leader';
const EVENTS_CHANNEL = 'vigil-engine-events';
/** Data-source calls: their first argument names the source, '' for this browser's store. */
const SOURCE_CALLS = new Set(['rangeQuery', 'instantQuery', 'labelNames', 'labelValues', 'series', 'metadata', 'cancelQuery']);
/** Calls a follower hands to the leader; the rest (its role, its own self-metrics) stay local. */
const READS = new Set([...SOURCE_CALLS, 'targets', 'storageStatus', 'getConfig']);
const LEADER_TIMEOUT_MS = 10_000;

const ready = hostEngine('follower');
const own = local(ready);
const channel = new BroadcastChannel(LEADER_CHANNEL);
const events = new BroadcastChannel(EVENTS_CHANNEL);
let leader: Comlink.Remote<Record<string, (...args: unknown[]) => unknown>> | undefined;
/** Settles once this worker knows whether another one leads, so no read goes to the wrong store. */
let roleKnown: () => void = () => {};
const known = new Promise<void>((r) => (roleKnown = r));

/** A follower's reads go to the leader, falling back to its own store if the leader does not answer in time. */
const route: Router = async (method) => {
  if (READS.has(method)) await known;
  if (!leader || !READS.has(method)) return own(method);
  const remote = leader;
  return {
    [method]: async (...args: unknown[]) => {
      // A remote source is asked by this tab's engine, with the source headers it holds, as before there was a leader.
      if (SOURCE_CALLS.has(method) && args[0] !== '') return (await own(method))[method](...args);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), LEADER_TIMEOUT_MS)));
      const answer = await Promise.race([remote[method](...args), timeout]).finally(() => clearTimeout(timer));
      if (answer !== 'timeout') return answer;
      const mine = await own(method);
      return mine[method](...args);
    },
  };
};
serve(self, route);

async function lead(): Promise<never> {
  const engine = await ready;
  leader = undefined;
  roleKnown();
  channel.close();
  events.onmessage = null;
  await engine.becomeLeader();
  serve(new BroadcastChannel(LEADER_CHANNEL), own);
  await engine.subscribe((e) => events.postMessage(e));
  // Held until this worker ends with its tab.
  return new Promise<never>(() => {});
}

void navigator.locks.request(LEADER_LOCK, { ifAvailable: true }, async (lock) => {
  if (lock) return lead();
  leader = Comlink.wrap(channel);
  roleKnown();
  const engine = await ready;
  events.onmessage = (m: MessageEvent<EngineEvent>) => engine.relay(m.data);
  return navigator.locks.request(LEADER_LOCK, lead);
});
