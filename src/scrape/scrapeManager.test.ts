import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Matcher } from '../model/matcher';
import { Head } from '../tsdb/head';
import { isStaleNaN } from '../model/staleNaN';
import { loadConfig } from '../config/prometheusConfig';
import { FakeClock } from '../model/fakeClock';
import { ScrapeManager } from './scrapeManager';

function managerWith(fetchFn: typeof fetch, start = 0) {
  const clock = new FakeClock(start);
  const head = new Head();
  const manager = new ScrapeManager({ storage: head, fetch: fetchFn, now: clock.now, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout });
  return { clock, head, manager };
}

async function seriesOf(head: Head, name: string) {
  return (await head.querier().select([new Matcher('=~', '__name__', name)], -Infinity, Infinity)).map((s) => ({
    labels: s.labels.toObject(),
    values: [...s.vs].map((v) => (isStaleNaN(v) ? 'stale' : v)),
    ts: [...s.ts],
  }));
}

const textFetch = (pages: Record<string, string>) =>
  (async (url: string) => {
    const body = pages[new URL(url).host + new URL(url).pathname];
    return body === undefined ? new Response('not found', { status: 404 }) : new Response(body);
  }) as unknown as typeof fetch;

const job = (name: string, targets: string[], extra = '') =>
  `  - job_name: ${name}\n    scrape_interval: 10s\n    scrape_timeout: 5s\n    static_configs:\n      - targets: [${targets.map((t) => `'${t}'`).join(', ')}]\n${extra}`;

describe('ScrapeManager.apply', () => {
  it('starts a loop per target and lists them with their health', async () => {
    const { clock, manager } = managerWith(textFetch({ 'a:1/metrics': 'x 1\n' }));
    manager.apply(loadConfig(`scrape_configs:\n${job('j', ['a:1', 'b:2'])}`));
    expect(manager.loopCount()).toBe(2);
    expect(manager.targets().map((t) => [t.url, t.state])).toEqual([
      ['http://a:1/metrics', 'unknown'],
      ['http://b:2/metrics', 'unknown'],
    ]);
    await clock.advance(10_000);
    const [a, b] = manager.targets();
    expect(a).toMatchObject({ pool: 'j', state: 'up', labels: { instance: 'a:1', job: 'j' }, samples: 1, lastError: '', lastDurationMs: 0 });
    expect(a.discoveredLabels.__address__).toBe('a:1');
    expect(b).toMatchObject({ state: 'down', lastError: 'server returned HTTP status 404 Not Found' });
  });

  it('stops removed targets with stale markers and keeps the others scraping', async () => {
    const { clock, head, manager } = managerWith(textFetch({ 'a:1/metrics': 'x 1\n', 'b:2/metrics': 'y 1\n' }));
    manager.apply(loadConfig(`scrape_configs:\n${job('j', ['a:1', 'b:2'])}`));
    await clock.advance(10_000);
    manager.apply(loadConfig(`scrape_configs:\n${job('j', ['a:1'])}`));
    expect(manager.loopCount()).toBe(1);
    await clock.advance(30_000);
    const [y] = await seriesOf(head, 'y');
    expect(y.values).toEqual([1, 'stale']);
    expect(y.ts[1] - y.ts[0]).toBe(10_000);
    const [x] = await seriesOf(head, 'x');
    expect(x.values).toEqual([1, 1, 1, 1]);
  });

  it('marks a removed job stale too', async () => {
    const { clock, head, manager } = managerWith(textFetch({ 'a:1/metrics': 'x 1\n' }));
    manager.apply(loadConfig(`scrape_configs:\n${job('j', ['a:1'])}`));
    await clock.advance(10_000);
    manager.apply(loadConfig('scrape_configs: []\n'));
    expect(manager.loopCount()).toBe(0);
    await clock.advance(30_000);
    expect((await seriesOf(head, 'x|up')).map((s) => s.values.at(-1))).toEqual(['stale', 'stale']);
  });

  it('restarts loops whose settings changed, keeping their series without stale markers', async () => {
    const { clock, head, manager } = managerWith(textFetch({ 'a:1/metrics': 'x 1\n' }));
    manager.apply(loadConfig(`scrape_configs:\n${job('j', ['a:1'])}`));
    await clock.advance(10_000);
    manager.apply(loadConfig(`scrape_configs:\n${job('j', ['a:1'], '    sample_limit: 100\n')}`));
    await clock.advance(30_000);
    const [x] = await seriesOf(head, 'x');
    expect(x.values).not.toContain('stale');
    expect(manager.loopCount()).toBe(1);
  });

  it('lists targets dropped by relabelling with their discovered labels', () => {
    const { manager } = managerWith(textFetch({}));
    manager.apply(loadConfig(`scrape_configs:\n${job('j', ['a:1', 'b:2'], "    relabel_configs:\n      - source_labels: [__address__]\n        regex: 'b:.*'\n        action: drop\n")}`));
    expect(manager.loopCount()).toBe(1);
    expect(manager.droppedTargets()).toEqual([{ pool: 'j', discoveredLabels: expect.objectContaining({ __address__: 'b:2', job: 'j' }) }]);
  });

  it('reads file_sd targets from a URL and follows its changes', async () => {
    let list = '[{"targets": ["a:1"], "labels": {"env": "prod"}}]';
    const pages = { 'a:1/metrics': 'x 1\n', 'b:2/metrics': 'x 2\n' };
    const fetchFn = (async (url: string) =>
      url === 'http://sd/targets.json' ? new Response(list) : textFetch(pages)(url)) as unknown as typeof fetch;
    const { clock, manager } = managerWith(fetchFn);
    manager.apply(loadConfig("scrape_configs:\n  - job_name: j\n    file_sd_configs:\n      - files: ['http://sd/targets.json']\n        refresh_interval: 1m\n"));
    await clock.advance(1);
    expect(manager.targets().map((t) => [t.url, t.labels.env])).toEqual([['http://a:1/metrics', 'prod']]);
    expect(manager.targets()[0].discoveredLabels.__meta_filepath).toBe('http://sd/targets.json');
    list = '[{"targets": ["b:2"]}]';
    await clock.advance(60_000);
    expect(manager.targets().map((t) => t.url)).toEqual(['http://b:2/metrics']);
  });

  it('tells listeners about changes until they unsubscribe', async () => {
    const { clock, manager } = managerWith(textFetch({ 'a:1/metrics': 'x 1\n' }));
    let calls = 0;
    const off = manager.onChange(() => calls++);
    manager.apply(loadConfig(`scrape_configs:\n${job('j', ['a:1'])}`));
    await clock.advance(10_000);
    const seen = calls;
    expect(seen).toBeGreaterThanOrEqual(2);
    off();
    await clock.advance(10_000);
    expect(calls).toBe(seen);
  });

  it('stops every loop on stop()', async () => {
    const { clock, manager } = managerWith(textFetch({ 'a:1/metrics': 'x 1\n' }));
    manager.apply(loadConfig(`scrape_configs:\n${job('j', ['a:1'])}`));
    await clock.advance(10_000);
    manager.stop();
    expect(manager.loopCount()).toBe(0);
    expect(clock.timers).toBe(0);
  });
});

describe('faulty targets over HTTP', () => {
  let server: Server;
  let port = 0;
  let deadPort = 0;
  const hanging = new Set<() => void>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      switch (req.url) {
        case '/ok':
          res.setHeader('Content-Type', 'text/plain; version=0.0.4');
          res.end('# TYPE ok_total counter\nok_total 7\n');
          return;
        case '/slow':
          hanging.add(() => res.destroy());
          return;
        case '/fail':
          res.statusCode = 500;
          res.end('boom');
          return;
        case '/garbage':
          res.end('<html><body>Not metrics {{{</body></html>\n');
          return;
        case '/big': {
          // 50 MB of valid text, written as fast as the client reads it.
          const line = Buffer.from('big_metric{pad="' + 'x'.repeat(80) + '"} 1\n');
          const chunk = Buffer.concat(Array.from({ length: 1000 }, () => line));
          let sent = 0;
          const write = () => {
            while (sent < 50 * 2 ** 20) {
              sent += chunk.length;
              if (!res.write(chunk)) return void res.once('drain', write);
            }
            res.end();
          };
          res.on('close', () => (sent = Infinity));
          write();
          return;
        }
        default:
          res.statusCode = 404;
          res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    deadPort = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) => dead.close(() => r()));
  });

  afterAll(async () => {
    for (const end of hanging) end();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  /** Runs the fake clock in small steps, giving real I/O time between them. */
  async function run(clock: FakeClock, ms: number) {
    for (let t = 0; t < ms; t += 100) {
      await clock.advance(100);
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  it('marks slow, dead, 500, oversized and garbage targets down while a good one keeps its schedule', async () => {
    const { clock, head, manager } = managerWith(fetch, 1_700_000_000_000);
    const host = `127.0.0.1:${port}`;
    const cfg = ['ok', 'slow', 'fail', 'garbage', 'big']
      .map((path) => job(path, [host], `    metrics_path: /${path}\n${path === 'big' ? '    body_size_limit: 10MB\n' : ''}`))
      .join('');
    manager.apply(loadConfig(`scrape_configs:\n${cfg}${job('dead', [`127.0.0.1:${deadPort}`])}`));
    await run(clock, 25_000);

    const byJob = Object.fromEntries(manager.targets().map((t) => [t.pool, t]));
    expect(byJob.ok).toMatchObject({ state: 'up', lastError: '', samples: 1 });
    expect(byJob.slow).toMatchObject({ state: 'down', lastError: `Get "http://${host}/slow": context deadline exceeded` });
    expect(byJob.fail).toMatchObject({ state: 'down', lastError: 'server returned HTTP status 500 Internal Server Error' });
    expect(byJob.big).toMatchObject({ state: 'down', lastError: 'body size limit exceeded' });
    expect(byJob.garbage.state).toBe('down');
    expect(byJob.garbage.lastError).toMatch(/^1:1: /);
    expect(byJob.dead.state).toBe('down');
    expect(byJob.dead.lastError).toContain('Access-Control-Allow-Origin');

    const [ok] = await seriesOf(head, 'ok_total');
    expect(ok.values.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ok.values)).toEqual(new Set([7]));
    expect(ok.ts.slice(1).map((t, i) => t - ok.ts[i])).toEqual(ok.ts.slice(1).map(() => 10_000));
    expect(await seriesOf(head, 'big_metric')).toEqual([]);
    const up = Object.fromEntries((await seriesOf(head, 'up')).map((s) => [s.labels.job, [...new Set(s.values)]]));
    expect(up).toEqual({ ok: [1], slow: [0], fail: [0], garbage: [0], big: [0], dead: [0] });
    manager.stop();
  });
});
