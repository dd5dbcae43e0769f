// Dedicated-worker entry for browsers without SharedWorker: every tab runs an
// engine, and a Web Lock elects the one that scrapes and writes. The leader
// also answers on a BroadcastChannel, so the others read its live data (their
// own copy of the store only sees what the leader has checkpointed); when the
// leader's tab closes, the lock passes to one of them. A follower's board
// changes are made by the leader too, so the leader's event reaches every tab.

import * as Comlink from 'comlink';
import type { BatchQuery, EngineEvent } from './api';
import type { BatchAnswer } from './queryBatch';
import { hostEngine, local, serve, type Router } from './workerHost';

const LEADER_LOCK = 'vigil-engine-leader';
const LEADER_CHANNEL = 'vigil-engine-leader';
const EVENTS_CHANNEL = 'vigil-engine-events';
/** Data-source calls: their first argument names the source, '' for this browser's store. */
const SOURCE_CALLS = new Set(['rangeQuery', 'instantQuery', 'labelNames', 'labelValues', 'series', 'metadata', 'cancelQuery']);
/** Calls a follower hands to the leader; the rest (its role, its own self-metrics) stay local. */
const READS = new Set([...SOURCE_CALLS, 'targets', 'storageStatus', 'getConfig', 'queryBatch']);
/** Board changes: stored by whichever engine, but only the leader's events reach every tab. */
const BOARD_WRITES = new Set(['saveDashboard', 'deleteDashboard', 'starDashboard']);
const TO_LEADER = new Set([...READS, ...BOARD_WRITES]);
const LEADER_TIMEOUT_MS = 10_000;

type Remote = Comlink.Remote<Record<string, (...args: unknown[]) => unknown>>;

const ready = hostEngine('follower');
const own = local();
const channel = new BroadcastChannel(LEADER_CHANNEL);
const events = new BroadcastChannel(EVENTS_CHANNEL);
let leader: Remote | undefined;
/** Settles once this worker knows whether another one leads, so no read goes to the wrong store. */
let roleKnown: () => void = () => {};
const known = new Promise<void>((r) => (roleKnown = r));

/** Asks the leader, falling back to this worker's own engine if the leader does not answer in time. */
async function askLeader(remote: Remote, method: string, args: unknown[]): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), LEADER_TIMEOUT_MS)));
  const answer = await Promise.race([remote[method](...args), timeout]).finally(() => clearTimeout(timer));
  if (answer !== 'timeout') return answer;
  const mine = await own(method);
  return mine[method](...args);
}

/** A batch split by where it is asked: this browser's queries by the leader, remote ones here; answers in the order asked. */
async function followerBatch(remote: Remote, queries: BatchQuery[]): Promise<BatchAnswer[]> {
  const stored = queries.filter((q) => q.source === '');
  const remoteQs = queries.filter((q) => q.source !== '');
  const [there, here] = await Promise.all([
    stored.length > 0 ? (askLeader(remote, 'queryBatch', [stored]) as Promise<BatchAnswer[]>) : [],
    remoteQs.length > 0 ? ((await own('queryBatch')).queryBatch(remoteQs) as Promise<BatchAnswer[]>) : [],
  ]);
  let i = 0;
  let j = 0;
  return queries.map((q) => (q.source === '' ? there[i++] : here[j++]));
}

/** A follower's reads and board changes go to the leader. */
const route: Router = async (method) => {
  if (TO_LEADER.has(method)) await known;
  if (!leader || !TO_LEADER.has(method)) return own(method);
  const remote = leader;
  return {
    [method]: async (...args: unknown[]) => {
      // A remote source is asked by this tab's engine, with the source headers it holds, as before there was a leader.
      if (SOURCE_CALLS.has(method) && args[0] !== '') return (await own(method))[method](...args);
      if (method === 'queryBatch') return followerBatch(remote, args[0] as BatchQuery[]);
      return askLeader(remote, method, args);
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
