import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/prometheusConfig';
import { FakeClock } from '../model/fakeClock';
import { Matcher } from '../model/matcher';
import type { Histogram } from '../model/histogram/histogram';
import { ScrapePool } from '../scrape/scrapePool';
import type { ScrapeLoop } from '../scrape/scrapeLoop';
import { Head } from '../tsdb/head';
import { defaultConfigYaml } from './defaultConfig';
import { virtualFetch } from './virtualTargets';

const ORIGIN = 'http://127.0.0.1:5173';
const RUNNING = Date.UTC(2026, 0, 1, 12, 5);

/** The default config's demo job scraping instance 1 through the virtual targets, twice, 5 s apart. */
async function scrapeDemo(): Promise<Head> {
  const clock = new FakeClock(RUNNING);
  const head = new Head();
  const fetchFn = virtualFetch(ORIGIN, () => '', clock.now, async () => new Response('', { status: 404 }));
  const job = loadConfig(defaultConfigYaml('127.0.0.1:5173')).scrapeConfigs.find((c) => c.jobName === 'demo')!;
  const pool = new ScrapePool({ storage: head, fetch: fetchFn, now: clock.now, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout }, job, () => {});
  const loop = [...pool.loops.values()].find((l) => l.target.labels.get('instance') === 'demo-1') as ScrapeLoop;
  pool.stop(false);
  await loop.scrapeAndReport(RUNNING);
  await clock.advance(5_000);
  await loop.scrapeAndReport(RUNNING + 5_000);
  expect(loop.health().lastError).toBe('');
  return head;
}

describe('the demo service over protobuf', () => {
  it('stores a schema-3 native latency histogram per handler beside the classic buckets, on a first open', async () => {
    const head = await scrapeDemo();
    const q = head.querier();
    const native = await q.select([new Matcher('=', '__name__', 'http_request_duration_seconds'), new Matcher('=', 'instance', 'demo-1')], -Infinity, Infinity);
    expect(native.map((s) => s.labels.get('handler')).sort()).toEqual(['/api/checkout', '/api/orders', '/api/users', '/healthz', '/login']);
    const users = native.find((s) => s.labels.get('handler') === '/api/users')!;
    const [a, b] = users.hs as Histogram[];
    expect(a.schema).toBe(3);
    // The same requests as the classic histogram's, only counted per native bucket: counts only grow.
    expect(b.count).toBeGreaterThanOrEqual(a.count);
    expect(a.count).toBeGreaterThan(0);
    const classic = await q.select([new Matcher('=', '__name__', 'http_request_duration_seconds_count'), new Matcher('=', 'handler', '/api/users'), new Matcher('=', 'instance', 'demo-1')], -Infinity, Infinity);
    expect(Math.abs(classic[0].vs[0] - a.count) / a.count).toBeLessThan(0.01);
    expect((await q.select([new Matcher('=', '__name__', 'http_request_duration_seconds_bucket')], -Infinity, Infinity)).length).toBeGreaterThan(0);
  });
});
