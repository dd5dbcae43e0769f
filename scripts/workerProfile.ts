// A CPU profile of the engine's SharedWorker during the load test, and the
// long synchronous blocks in it: what holds the engine's thread for long
// enough to delay a scrape. Playwright names no shared worker, so the
// browser's CDP session attaches to it (Target.attachToTarget, unflattened)
// and talks to it through Target.sendMessageToTarget.

import type { Browser, CDPSession } from '@playwright/test';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A CDP command sent to the engine's shared worker. */
export type WorkerSend = (method: string, params?: object) => Promise<unknown>;

/** Attaches to the first shared worker (the engine) and returns a way to send it CDP commands. */
export async function attachSharedWorker(browser: Browser): Promise<WorkerSend> {
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string }[] };
  const worker = targetInfos.find((t) => t.type === 'shared_worker');
  if (!worker) throw new Error('no shared worker to attach to');
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false })) as { sessionId: string };
  let id = 0;
  const pending = new Map<number, (r: { result?: unknown; error?: unknown }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
    if (e.sessionId !== sessionId) return;
    const msg = JSON.parse(e.message) as { id?: number; result?: unknown; error?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg);
  });
  return async (method, params = {}) => {
    const msgId = ++id;
    const answer = new Promise<{ result?: unknown; error?: unknown }>((resolve) => pending.set(msgId, resolve));
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: msgId, method, params }) });
    const r = await answer;
    if (r.error) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.result;
  };
}

/** The worker's own memory in MB: the JS heap in use, the heap V8 has taken from the system, and ArrayBuffer backing stores. */
export interface WorkerHeap {
  usedMb: number;
  heapMb: number;
  buffersMb: number;
}

export async function workerHeap(send: WorkerSend): Promise<WorkerHeap> {
  const r = (await send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number; backingStorageSize?: number };
  const mb = (b: number) => b / 2 ** 20;
  return { usedMb: mb(r.usedSize), heapMb: mb(r.totalSize), buffersMb: mb(r.backingStorageSize ?? 0) };
}

/** Starts profiling the worker; the returned function stops and gives the profile. */
export async function profileWorker(send: WorkerSend): Promise<() => Promise<CpuProfile>> {
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 500 });
  await send('Profiler.start');
  return async () => ((await send('Profiler.stop')) as { profile: CpuProfile }).profile;
}

const IDLE = new Set(['(idle)', '(program)']);

/**
 * Runs of samples with the thread busy (neither idle nor in the browser's own
 * code) longer than `minMs`, each with the functions taking most of it
 * (inclusive time within the run), longest first. Tasks that follow each
 * other with no idle sample between count as one run, so a run bounds the
 * longest task in it from above; the functions say which work to look at.
 */
export function longBlocks(p: CpuProfile, minMs: number, top = 6): string[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
  const blocks: { ms: number; at: number; fns: Map<string, number> }[] = [];
  let cur: { ms: number; at: number; fns: Map<string, number> } | undefined;
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i] / 1000;
    t += p.timeDeltas[i];
    const node = byId.get(p.samples[i])!;
    if (IDLE.has(node.callFrame.functionName) || dt > 50) {
      if (cur && cur.ms >= minMs) blocks.push(cur);
      cur = undefined;
      if (IDLE.has(node.callFrame.functionName)) continue;
    }
    cur ??= { ms: 0, at: (t - p.startTime) / 1e6, fns: new Map() };
    cur.ms += dt;
    const seen = new Set<string>();
    for (let n: ProfileNode | undefined = node; n; n = parent.has(n.id) ? byId.get(parent.get(n.id)!) : undefined) {
      const k = name(n);
      if (seen.has(k) || k.startsWith('(root)')) continue;
      seen.add(k);
      cur.fns.set(k, (cur.fns.get(k) ?? 0) + dt);
    }
  }
  if (cur && cur.ms >= minMs) blocks.push(cur);
  return blocks
    .sort((a, b) => b.ms - a.ms)
    .map((b) => {
      const fns = [...b.fns].sort((x, y) => y[1] - x[1]).slice(0, top);
      return `${b.ms.toFixed(0)} ms at ${b.at.toFixed(1)} s: ${fns.map(([f, ms]) => `${f} ${ms.toFixed(0)}`).join(' | ')}`;
    });
}
