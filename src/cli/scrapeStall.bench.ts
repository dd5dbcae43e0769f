// Does heavy work stall other scrapes? A small target scraped every second by
// a real ScrapeManager over real timers, while a 200,000-series page is
// scraped beside it and a CPU-heavy job (a query, say) runs in 20 ms slices.
// Reports the longest gap between the small target's good scrapes and how
// often it was wrongly reported down.

import { loadConfig } from '../config/prometheusConfig';
import { Matcher } from '../model/matcher';
import { realTimers } from '../model/timers';
import { ScrapeManager } from '../scrape/scrapeManager';
import { threadTurn } from '../scrape/threadTurn';
import { Head } from '../tsdb/head';

const BIG_SERIES = 200_000;
const RUN_MS = 12_000;
const SLICE_MS = 20;
/** Network time of each answer: a node_exporter over a slow link, so a stall often begins while its request is out. */
const NETWORK_MS = 300;

/** Two pages with different series, alternated, so every big scrape misses the cache as a first scrape does. */
function bigPage(offset: number): Uint8Array<ArrayBuffer> {
  const lines: string[] = ['# TYPE big_metric gauge'];
  for (let i = 0; i < BIG_SERIES; i++) lines.push(`big_metric{shard="${i % 64}",id="${i + offset}"} ${i}`);
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function bench(): Promise<Record<string, number>> {
  const bigs = [bigPage(0), bigPage(BIG_SERIES)];
  let bigScrapes = 0;
  const small = new TextEncoder().encode('# TYPE node_load1 gauge\nnode_load1 0.5\nnode_memory_free_bytes 1e9\n');
  const fakeFetch = (async (url: string, init?: RequestInit) => {
    await sleep(NETWORK_MS);
    // A real socket's answer is read in the poll phase, after the timers phase, so a thread
    // that was busy sees its due timeouts before the answers that came in meanwhile.
    await new Promise<void>((r) => setImmediate(r));
    // As fetch does, an aborted request rejects even when its answer was in.
    init?.signal?.throwIfAborted();
    const body = url.includes('big:') ? bigs[bigScrapes++ % 2] : small;
    return new Response(body, { headers: { 'Content-Type': 'text/plain; version=0.0.4' } });
  }) as unknown as typeof fetch;
  const head = new Head();
  // The turn the engine hands back between slices of a large page.
  const manager = new ScrapeManager({ storage: head, fetch: fakeFetch, ...realTimers, yieldThread: threadTurn });
  manager.apply(
    loadConfig(`scrape_configs:
  - job_name: small
    scrape_interval: 1s
    scrape_timeout: 1s
    static_configs: [{ targets: ['small:9100'] }]
  - job_name: big
    scrape_interval: 3s
    scrape_timeout: 3s
    static_configs: [{ targets: ['big:9100'] }]
`),
  );

  // A heavy query that hands the thread back between 20 ms slices.
  const end = Date.now() + RUN_MS;
  while (Date.now() < end) {
    const sliceEnd = Date.now() + SLICE_MS;
    let x = 0;
    while (Date.now() < sliceEnd) x += Math.sqrt(x + 1);
    if (x < 0) throw new Error('unreachable');
    await new Promise<void>((r) => setTimeout(r, 0));
  }
  manager.stop();

  const [up] = await head.querier().select([new Matcher('=', '__name__', 'up'), new Matcher('=', 'job', 'small')], -Infinity, Infinity);
  let maxGap = 0;
  let falseDown = 0;
  let prev: number | undefined;
  for (let i = 0; i < (up?.ts.length ?? 0); i++) {
    if (up.vs[i] !== 1) {
      falseDown++;
      continue;
    }
    if (prev !== undefined) maxGap = Math.max(maxGap, up.ts[i] - prev);
    prev = up.ts[i];
  }
  if (prev === undefined) maxGap = RUN_MS;
  return {
    scrape_max_gap_ms_under_load: maxGap,
    scrape_false_down_under_load: falseDown,
  };
}
