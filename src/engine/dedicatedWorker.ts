// Dedicated-worker entry for browsers without SharedWorker: every tab runs an
// engine, and a Web Lock elects the one that scrapes and writes. The others
// read until the leader's tab closes and the lock passes to one of them.

import { hostEngine, serve } from './workerHost';

const LEADER_LOCK = 'vigil-engine-leader';
const ready = hostEngine('follower');
serve(self, ready);

void navigator.locks.request(LEADER_LOCK, async () => {
  const engine = await ready;
  await engine.becomeLeader();
  // Held until this worker ends with its tab.
  await new Promise<never>(() => {});
});
