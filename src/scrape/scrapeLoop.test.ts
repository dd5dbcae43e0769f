import { describe, expect, it, vi } from 'vitest';
import { PromTextParser } from '../exposition/promText';
import { Matcher } from '../model/matcher';
import { Head } from '../tsdb/head';
import { isStaleNaN } from '../model/staleNaN';
import { loadConfig } from '../config/prometheusConfig';
import { FakeClock } from '../model/fakeClock';
import { ScrapePool } from './scrapePool';
import { DEFAULT_SCRAPE_PROTOCOLS } from '../model/scrapeProtocols';
import { ScrapeLoop, type LoopOptions, type ScrapeDeps } from './scrapeLoop';

type Answer = string | Response | Error;

/** A job scraping one fake target that answers `answers` in turn. */
function setup(jobYaml = '', answers: Answer[] = [], pageProtocol?: string) {
  const clock = new FakeClock(1_000_000);
  const head = new Head();
  const queue = [...answers];
  const fetched: RequestInit[] = [];
  const fakeFetch = (async (_url: string, init: RequestInit) => {
    fetched.push(init);
    const a = queue.shift() ?? '';
    if (a instanceof Error) throw a;
    if (a instanceof Response) return a;
    return new Response(a, { headers: { 'Content-Type': 'text/plain; version=0.0.4' } });
  }) as unknown as typeof fetch;
  const cfg = loadConfig(`scrape_configs:\n  - job_name: app\n    static_configs:\n      - targets: ['app:8080']\n${jobYaml}`).scrapeConfigs[0];
  const pool = new ScrapePool({ storage: head, fetch: fakeFetch, now: clock.now, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout, pageProtocol }, cfg, () => {});
  const loop = [...pool.loops.values()][0] as ScrapeLoop;
  const answer = (...more: Answer[]) => queue.push(...more);
  return { clock, head, pool, loop, fetched, answer };
}

/** Every sample of series whose name matches, keyed by their labels, stale markers shown as 'stale'. */
async function samples(head: Head, name: string): Promise<Record<string, [number, number | 'stale'][]>> {
  const out: Record<string, [number, number | 'stale'][]> = {};
  for (const s of await head.querier().select([new Matcher('=~', '__name__', name)], -Infinity, Infinity)) {
    out[s.labels.toString()] = [...s.ts].map((t, i) => [t, isStaleNaN(s.vs[i]) ? 'stale' : s.vs[i]]);
  }
  return out;
}

async function value(head: Head, name: string): Promise<number | 'stale' | undefined> {
  const all = Object.values(await samples(head, name));
  return all[0]?.at(-1)?.[1];
}

const T1 = 1_000_000;
const T2 = 1_060_000;

describe('scrapeLoop', () => {
  it('writes the samples with the target labels, and the five report series', async () => {
    const { head, loop } = setup('', ['a 1\nb{x="y"} 2\n']);
    await loop.scrapeAndReport(T1);
    expect(await samples(head, 'a|b')).toEqual({
      '{__name__="a", instance="app:8080", job="app"}': [[T1, 1]],
      '{__name__="b", instance="app:8080", job="app", x="y"}': [[T1, 2]],
    });
    expect(await samples(head, 'up')).toEqual({ '{__name__="up", instance="app:8080", job="app"}': [[T1, 1]] });
    expect(await value(head, 'scrape_samples_scraped')).toBe(2);
    expect(await value(head, 'scrape_samples_post_metric_relabeling')).toBe(2);
    expect(await value(head, 'scrape_series_added')).toBe(2);
    expect(await value(head, 'scrape_duration_seconds')).toBe(0);
    expect(loop.health()).toMatchObject({ state: 'up', samples: 2, lastError: '' });
  });

  it('counts only new series in scrape_series_added', async () => {
    const { head, loop, answer } = setup('', ['a 1\n']);
    await loop.scrapeAndReport(T1);
    answer('a 2\nc 3\n');
    await loop.scrapeAndReport(T2);
    expect((await samples(head, 'scrape_series_added'))['{__name__="scrape_series_added", instance="app:8080", job="app"}']).toEqual([[T1, 1], [T2, 1]]);
  });

  it('asks for OpenMetrics first, then text', async () => {
    const { loop, fetched } = setup('', ['a 1\n']);
    await loop.scrapeAndReport(T1);
    const accept = (fetched[0].headers as Record<string, string>).Accept;
    expect(accept.indexOf('application/openmetrics-text')).toBeLessThan(accept.indexOf('text/plain'));
    expect(accept.length).toBeLessThanOrEqual(128);
  });

  it.each([
    ['basic_auth: {username: "ü", password: p}', `Basic ${Buffer.from('ü:p').toString('base64')}`],
    ['bearer_token: tok', 'Bearer tok'],
  ])('authenticates with %s', async (yaml, want) => {
    const { loop, fetched } = setup(`    ${yaml}\n`, ['a 1\n']);
    await loop.scrapeAndReport(T1);
    expect((fetched[0].headers as Record<string, string>).Authorization).toBe(want);
  });

  it('marks a series stale at the first scrape that lacks it', async () => {
    const { head, loop, answer } = setup('', ['a 1\nb 1\n']);
    await loop.scrapeAndReport(T1);
    answer('a 2\n');
    await loop.scrapeAndReport(T2);
    expect(await samples(head, 'a|b')).toEqual({
      '{__name__="a", instance="app:8080", job="app"}': [[T1, 1], [T2, 2]],
      '{__name__="b", instance="app:8080", job="app"}': [[T1, 1], [T2, 'stale']],
    });
  });

  it('marks every series stale when a scrape fails, and reports it down', async () => {
    const { head, loop, answer } = setup('', ['a 1\nb 1\n']);
    await loop.scrapeAndReport(T1);
    answer(new Response('oops', { status: 500 }));
    await loop.scrapeAndReport(T2);
    expect(await samples(head, 'a|b')).toEqual({
      '{__name__="a", instance="app:8080", job="app"}': [[T1, 1], [T2, 'stale']],
      '{__name__="b", instance="app:8080", job="app"}': [[T1, 1], [T2, 'stale']],
    });
    expect(await value(head, 'up')).toBe(0);
    expect(await value(head, 'scrape_samples_scraped')).toBe(0);
    expect(loop.health()).toMatchObject({ state: 'down', lastError: 'server returned HTTP status 500 Internal Server Error' });
  });

  it('does not mark series that carry their own timestamps stale', async () => {
    const { head, loop, answer } = setup('', ['a 1 500000\nb 1\n']);
    await loop.scrapeAndReport(T1);
    answer('');
    await loop.scrapeAndReport(T2);
    expect(await samples(head, 'a|b')).toEqual({
      '{__name__="a", instance="app:8080", job="app"}': [[500_000, 1]],
      '{__name__="b", instance="app:8080", job="app"}': [[T1, 1], [T2, 'stale']],
    });
  });

  it('ignores scraped timestamps without honor_timestamps', async () => {
    const { head, loop } = setup('    honor_timestamps: false\n', ['a 1 500000\n']);
    await loop.scrapeAndReport(T1);
    expect(await samples(head, 'a')).toEqual({ '{__name__="a", instance="app:8080", job="app"}': [[T1, 1]] });
  });

  it.each([
    ['without honor_labels, the target wins and the scraped labels become exported_', '', '{__name__="a", exported_exported_job="j", exported_instance="i", exported_job="e", instance="app:8080", job="app"}'],
    ['with honor_labels, the scraped labels win', '    honor_labels: true\n', '{__name__="a", exported_job="e", instance="i", job="j"}'],
  ])('%s', async (_name, yaml, want) => {
    const { head, loop } = setup(yaml, ['a{job="j",instance="i",exported_job="e"} 1\n']);
    await loop.scrapeAndReport(T1);
    expect(Object.keys(await samples(head, 'a'))).toEqual([want]);
  });

  it('applies metric_relabel_configs and counts what is left', async () => {
    const yaml = `    metric_relabel_configs:
      - source_labels: [__name__]
        regex: 'drop_.*'
        action: drop
      - target_label: team
        replacement: core
`;
    const { head, loop, answer } = setup(yaml, ['drop_me 1\nkeep 2\n']);
    await loop.scrapeAndReport(T1);
    answer('drop_me 1\nkeep 3\n');
    await loop.scrapeAndReport(T2);
    expect(await samples(head, 'drop_me|keep')).toEqual({ '{__name__="keep", instance="app:8080", job="app", team="core"}': [[T1, 2], [T2, 3]] });
    expect(await value(head, 'scrape_samples_scraped')).toBe(2);
    expect(await value(head, 'scrape_samples_post_metric_relabeling')).toBe(1);
  });

  it('builds no labels for series it has seen before', async () => {
    const { loop, answer } = setup('', ['a 1\nb{x="y"} 2\n']);
    const built = vi.spyOn(PromTextParser.prototype, 'labels');
    await loop.scrapeAndReport(T1);
    expect(built).toHaveBeenCalledTimes(2);
    answer('a 2\nb{x="y"} 3\n');
    await loop.scrapeAndReport(T2);
    expect(built).toHaveBeenCalledTimes(2);
    built.mockRestore();
  });

  it('keeps the first of a series repeated in one scrape', async () => {
    const { head, loop } = setup('', ['a 1\nb 1\na 2\n']);
    await loop.scrapeAndReport(T1);
    expect(await value(head, 'a')).toBe(1);
  });

  it('forwards TYPE, HELP and UNIT as metadata', async () => {
    const { head, loop } = setup('', ['# HELP req_total Requests served.\n# TYPE req_total counter\nreq_total 5\n']);
    await loop.scrapeAndReport(T1);
    const meta = await head.querier().metadata();
    expect(meta.get('req_total')).toEqual([{ type: 'counter', help: 'Requests served.', unit: '' }]);
    expect(meta.get('up')?.[0].type).toBe('gauge');
  });

  it('reads OpenMetrics when the target answers in it', async () => {
    const page = '# TYPE room_temp_celsius gauge\n# UNIT room_temp_celsius celsius\n# HELP room_temp_celsius Room.\nroom_temp_celsius 21.5\n# EOF\n';
    const { head, loop } = setup('', [new Response(page, { headers: { 'Content-Type': 'application/openmetrics-text; version=1.0.0; charset=utf-8' } })]);
    await loop.scrapeAndReport(T1);
    expect(await value(head, 'room_temp_celsius')).toBe(21.5);
    expect((await head.querier().metadata('room_temp_celsius')).get('room_temp_celsius')).toEqual([{ type: 'gauge', help: 'Room.', unit: 'celsius' }]);
  });

  it('names mixed content among the causes when an https page fetches an http target', async () => {
    const { loop } = setup('', [new TypeError('Failed to fetch')], 'https:');
    await loop.scrapeAndReport(T1);
    expect(loop.health().lastError).toContain('the target is http:// while this page is https://');
  });

  it.each([
    ['sample_limit: 2', 'a 1\nb 2\nc 3\n', 'sample limit exceeded'],
    ['label_limit: 3', 'a{x="1",y="2"} 1\n', 'label_limit exceeded (metric: a, number of labels: 5, limit: 3)'],
    ['label_name_length_limit: 8', 'a{longname1="1"} 1\n', 'label_name_length_limit exceeded (metric: a, label name: longname1, length: 9, limit: 8)'],
    ['label_value_length_limit: 8', 'a{x="123456789"} 1\n', 'label_value_length_limit exceeded (metric: a, label name: x, value: "123456789", length: 9, limit: 8)'],
    ['body_size_limit: 10B', 'a 1\nb 2\nc 3\n', 'body size limit exceeded'],
    // readResponse fails once the bytes read reach the limit (n >= limit), so a body of exactly the limit fails.
    ['body_size_limit: 12B', 'a 1\nb 2\nc 3\n', 'body size limit exceeded'],
  ])('fails the whole scrape over %s', async (limit, body, error) => {
    const { head, loop, answer } = setup(`    ${limit}\n`, ['a 0\n']);
    await loop.scrapeAndReport(T1);
    answer(body);
    await loop.scrapeAndReport(T2);
    expect(loop.health()).toMatchObject({ state: 'down', lastError: error });
    expect(await value(head, 'up')).toBe(0);
    expect(Object.keys(await samples(head, 'b|c'))).toEqual([]);
    expect((await samples(head, 'a'))['{__name__="a", instance="app:8080", job="app"}'][0]).toEqual([T1, 0]);
  });

  it('still reports how many samples a target over sample_limit exposed', async () => {
    const { head, loop } = setup('    sample_limit: 2\n', ['a 1\nb 2\nc 3\n']);
    await loop.scrapeAndReport(T1);
    expect(await value(head, 'scrape_samples_scraped')).toBe(3);
    expect(await value(head, 'scrape_samples_post_metric_relabeling')).toBe(3);
    expect(loop.health().samples).toBe(3);
  });

  it('accepts a body one byte under body_size_limit', async () => {
    const { head, loop } = setup('    body_size_limit: 13B\n', ['a 1\nb 2\nc 3\n']);
    await loop.scrapeAndReport(T1);
    expect(await value(head, 'up')).toBe(1);
  });

  it('accepts a scrape exactly at sample_limit', async () => {
    const { head, loop } = setup('    sample_limit: 2\n', ['a 1\nb 2\n']);
    await loop.scrapeAndReport(T1);
    expect(await value(head, 'up')).toBe(1);
  });

  it('fails on a garbage body with the parser line and column, storing nothing from it', async () => {
    const { head, loop } = setup('', ['a 1\n{{{ not metrics\n']);
    await loop.scrapeAndReport(T1);
    expect(loop.health().state).toBe('down');
    expect(loop.health().lastError).toMatch(/^2:\d+: /);
    expect(Object.keys(await samples(head, 'a'))).toEqual([]);
    expect(await value(head, 'up')).toBe(0);
  });

  it('explains a fetch TypeError as a CORS refusal or a dead target', async () => {
    const { loop } = setup('', [new TypeError('Failed to fetch')]);
    await loop.scrapeAndReport(T1);
    const err = loop.health().lastError;
    expect(err).toContain('Get "http://app:8080/metrics"');
    expect(err).toContain('Access-Control-Allow-Origin');
    expect(err).toContain('down or unreachable');
  });
});

describe('scrape schedule', () => {
  it('scrapes at a stable offset inside the interval, then every interval', async () => {
    const { clock, head, answer } = setup('    scrape_interval: 10s\n    scrape_timeout: 5s\n');
    answer('a 1\n', 'a 2\n', 'a 3\n');
    await clock.advance(30_000);
    const ts = (await samples(head, 'a'))['{__name__="a", instance="app:8080", job="app"}'].map(([t]) => t);
    expect(ts).toHaveLength(3);
    expect(ts[1] - ts[0]).toBe(10_000);
    expect(ts[2] - ts[1]).toBe(10_000);
    // Pinned to absolute time: the same slot modulo the interval whenever the loop starts.
    const again = setup('    scrape_interval: 10s\n    scrape_timeout: 5s\n', ['a 1\n']);
    await again.clock.advance(4_321);
    await again.clock.advance(10_000);
    const t2 = Object.values(await samples(again.head, 'a'))[0][0][0];
    expect(t2 % 10_000).toBe(ts[0] % 10_000);
  });

  it('marks everything stale after a removed target misses two intervals', async () => {
    const { clock, head, pool, answer } = setup('    scrape_interval: 10s\n    scrape_timeout: 5s\n');
    answer('a 1\n');
    await clock.advance(10_000);
    const [[t1]] = Object.values(await samples(head, 'a'))[0];
    pool.stop(true);
    await clock.advance(25_000);
    expect(Object.values(await samples(head, 'a'))[0]).toEqual([[t1, 1], [t1 + 10_000, 'stale']]);
    expect(await value(head, 'up')).toBe('stale');
    expect(await value(head, 'scrape_series_added')).toBe('stale');
    expect(clock.timers).toBe(0);
  });

  it('writes no stale markers on shutdown', async () => {
    const { clock, head, pool, answer } = setup('    scrape_interval: 10s\n    scrape_timeout: 5s\n');
    answer('a 1\n');
    await clock.advance(10_000);
    pool.stop(false);
    await clock.advance(60_000);
    expect(Object.values(await samples(head, 'a'))[0]).toHaveLength(1);
    expect(clock.timers).toBe(0);
  });
});

/** A fetch the test answers by hand, rejecting on abort as fetch does. */
function deferredFetch() {
  const calls: { resolve: (body: string) => void; signal: AbortSignal }[] = [];
  const fn = ((_url: string, init: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init.signal as AbortSignal;
      signal.addEventListener('abort', () => reject(new DOMException('This operation was aborted', 'AbortError')));
      calls.push({ signal, resolve: (body) => resolve(new Response(body, { headers: { 'Content-Type': 'text/plain; version=0.0.4' } })) });
    })) as unknown as typeof fetch;
  return { fn, calls };
}

function loopOptions(target: ScrapeLoop['target']): LoopOptions {
  return {
    target, honorLabels: false, honorTimestamps: true, metricRelabel: [], sampleLimit: 0,
    labelLimit: 0, labelNameLengthLimit: 0, labelValueLengthLimit: 0, bodySizeLimit: 0,
    scrapeProtocols: DEFAULT_SCRAPE_PROTOCOLS, parse: {}, bucketLimit: 0, maxSchema: 8,
  };
}

/** A loop of its own, not started unless `scheduled`, so the test alone says when it scrapes. */
function loopWith(fetchFn: typeof fetch, yaml = '    scrape_interval: 20s\n    scrape_timeout: 10s\n', extra: Partial<ScrapeDeps> = {}, scheduled = false) {
  const clock = new FakeClock(1_000_000);
  const head = new Head();
  const cfg = loadConfig(`scrape_configs:\n  - job_name: app\n    static_configs:\n      - targets: ['app:8080']\n${yaml}`).scrapeConfigs[0];
  const deps: ScrapeDeps = { storage: head, fetch: fetchFn, now: clock.now, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout, ...extra };
  const pool = new ScrapePool(deps, cfg, () => {});
  let loop = [...pool.loops.values()][0] as ScrapeLoop;
  if (!scheduled) {
    pool.stop(false);
    loop = new ScrapeLoop(deps, { ...loopOptions(loop.target), sampleLimit: cfg.sampleLimit, bodySizeLimit: cfg.bodySizeLimit });
  }
  return { clock, head, loop, deps };
}

type Step = ['advance', number] | ['stall', number] | ['answer'];

describe('scrape_timeout counts the request, not the engine stalls around it', () => {
  // Timeout 10 s. A stall is the engine busy elsewhere: time moves, no timer fires.
  it.each<[string, Step[], 'up' | 'down', number]>([
    ['an answer in 100 ms', [['advance', 100], ['answer']], 'up', 100],
    ['an answer that never comes', [['advance', 30_000]], 'down', 10_000],
    ['an answer at 9.9 s', [['advance', 9_900], ['answer']], 'up', 9_900],
    // The answer came in during a 31 s stall and is seen before the overdue timeout.
    ['an answer seen late after a 31 s stall', [['advance', 50], ['stall', 31_000], ['answer'], ['advance', 0]], 'up', 200],
    // The overdue timeout runs first after the stall; the answer queued behind it still counts.
    ['an overdue timeout seen before the answer', [['advance', 50], ['stall', 31_000], ['advance', 0], ['answer'], ['advance', 0]], 'up', 200],
    ['a stall near the deadline', [['advance', 9_950], ['stall', 5_000], ['advance', 0], ['answer']], 'up', 10_000],
    // Stalled time is not charged: the deadline moves out by the stall, then the dead target is blamed.
    ['a dead target after a stall', [['advance', 1_000], ['stall', 20_000], ['advance', 60_000]], 'down', 10_000],
    ['an answer after the deadline', [['advance', 10_000], ['answer']], 'down', 10_000],
  ])('%s', async (_name, steps, state, durationMs) => {
    const f = deferredFetch();
    const { clock, head, loop } = loopWith(f.fn);
    const done = loop.scrapeAndReport(T1);
    for (const step of steps) {
      if (step[0] === 'advance') await clock.advance(step[1]);
      else if (step[0] === 'stall') clock.stall(step[1]);
      else if (!f.calls[0].signal.aborted) f.calls[0].resolve('a 1\n');
    }
    await clock.advance(0);
    await done;
    expect(loop.health()).toMatchObject({ state, lastDurationMs: durationMs });
    expect(loop.health().lastError).toBe(state === 'up' ? '' : 'Get "http://app:8080/metrics": context deadline exceeded');
    expect(await value(head, 'up')).toBe(state === 'up' ? 1 : 0);
    expect(await value(head, 'scrape_duration_seconds')).toBe(durationMs / 1000);
    expect(clock.timers).toBe(0);
  });
});

describe('late scrapes', () => {
  it('counts a scrape the busy engine started late, and skipped slots, without marking the target down', async () => {
    const { clock, head, loop } = loopWith(textAnswers('a 1\n'), '    scrape_interval: 10s\n    scrape_timeout: 5s\n', {}, true);
    await clock.advance(10_000);
    const first = Object.values(await samples(head, 'up'))[0][0][0];
    // The engine is busy from just before the next slot until 25 s past it.
    await clock.advance(first + 9_999 - clock.now());
    clock.stall(25_001);
    await clock.advance(0);
    expect(loop.health()).toMatchObject({ state: 'up', lateScrapes: 1, missedSlots: 2 });
    const ups = Object.values(await samples(head, 'up'))[0];
    expect(ups.map(([, v]) => v)).toEqual([1, 1]);
    // A late scrape is stamped when it ran, as Prometheus does past ScrapeTimestampTolerance.
    expect(ups[1][0]).toBe(first + 35_000);
    await clock.advance(10_000);
    expect(loop.health()).toMatchObject({ state: 'up', lateScrapes: 1, missedSlots: 2 });
  });

  it.each([
    ['1.5 s late on a 10 s interval', 10_000, 1_500, true],
    ['0.9 s late on a 10 s interval', 10_000, 900, false],
    ['150 ms late on a 1 s interval', 1_000, 150, true],
    ['80 ms late on a 1 s interval', 1_000, 80, false],
  ])('a scrape %s is late: %s', async (_name, interval, late, want) => {
    const { clock, loop } = loopWith(textAnswers('a 1\n'), `    scrape_interval: ${interval}ms\n    scrape_timeout: ${interval / 2}ms\n`, {}, true);
    await clock.advance(interval);
    const next = (loop.health().lastScrape ?? 0) + interval;
    await clock.advance(next - 1 - clock.now());
    clock.stall(late + 1);
    await clock.advance(0);
    expect(loop.health().lateScrapes).toBe(want ? 1 : 0);
    expect(loop.health().state).toBe('up');
  });
});

describe('large pages', () => {
  const page = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `m{i="${i + from}"} ${i}`).join('\n') + '\n';

  /** A clock that moves 1 ms whenever it is read, so ingest work takes time under the fake clock. */
  function ticking(clock: FakeClock) {
    return () => {
      clock.stall(1);
      return clock.now();
    };
  }

  it('hands the thread back while ingesting, and nothing of the page is visible before the commit', async () => {
    const f = deferredFetch();
    let turns = 0;
    let seenMidway = -1;
    const { clock, head, loop, deps } = loopWith(f.fn, undefined, {
      yieldThread: async () => {
        turns++;
        if (turns === 2) seenMidway = Object.keys(await samples(head, 'm')).length;
      },
    });
    const done = loop.scrapeAndReport(T1);
    deps.now = ticking(clock);
    f.calls[0].resolve(page(20_000));
    await done;
    expect(turns).toBeGreaterThan(2);
    expect(seenMidway).toBe(0);
    expect(Object.keys(await samples(head, 'm'))).toHaveLength(20_000);
    expect(loop.health()).toMatchObject({ state: 'up', samples: 20_000, series: 20_000 });
  });

  it('counts only the slices of its own work in scrape_duration_seconds', async () => {
    const f = deferredFetch();
    const other = { clock: undefined as FakeClock | undefined, turns: 0 };
    const { clock, loop, deps } = loopWith(f.fn, undefined, {
      // Another job holds the thread for 1 s at every turn handed back.
      yieldThread: async () => {
        other.turns++;
        other.clock!.stall(1_000);
      },
    });
    other.clock = clock;
    const start = clock.now();
    const done = loop.scrapeAndReport(T1);
    await clock.advance(100);
    let reads = 0;
    deps.now = () => {
      if (++reads % 2 === 0) clock.stall(1);
      return clock.now();
    };
    f.calls[0].resolve(page(20_000));
    await done;
    const d = loop.health().lastDurationMs ?? 0;
    expect(other.turns).toBeGreaterThan(2);
    expect(clock.now() - start).toBeGreaterThan(other.turns * 1_000);
    // The 100 ms request plus the slices of work, not the turns others had.
    expect(d).toBeGreaterThan(100);
    expect(d).toBeLessThan(1_000);
  });

  it('rolls back a page whose loop stopped while ingesting it, and the next loop reuses the cache cleanly', async () => {
    const f = deferredFetch();
    const on = { turn: () => {} };
    const { clock, head, loop, deps } = loopWith(f.fn, undefined, { yieldThread: async () => on.turn() });
    const done = loop.scrapeAndReport(T1);
    deps.now = ticking(clock);
    on.turn = () => loop.stop(false);
    f.calls[0].resolve(page(5_000));
    await done;
    await loop.idle();
    expect(Object.keys(await samples(head, 'm'))).toEqual([]);
    expect(await value(head, 'up')).toBeUndefined();
    // A reloaded loop takes over the cache: the series the stopped one had looked at are not taken for duplicates.
    on.turn = () => {};
    const next = new ScrapeLoop(deps, { ...loopOptions(loop.target), honorLabels: false }, () => {}, loop.cache);
    const again = next.scrapeAndReport(T2);
    f.calls[1].resolve(page(5_000));
    await again;
    expect(Object.keys(await samples(head, 'm'))).toHaveLength(5_000);
    expect(await value(head, 'scrape_samples_post_metric_relabeling')).toBe(5_000);
  });

  it('fails the whole page over sample_limit and stores none of it, even across turns', async () => {
    const f = deferredFetch();
    const { clock, head, loop, deps } = loopWith(f.fn, '    sample_limit: 15000\n', { yieldThread: async () => {} });
    const done = loop.scrapeAndReport(T1);
    deps.now = ticking(clock);
    f.calls[0].resolve(page(20_000));
    await done;
    expect(loop.health()).toMatchObject({ state: 'down', lastError: 'sample limit exceeded', samples: 20_000, series: null });
    expect(Object.keys(await samples(head, 'm'))).toEqual([]);
    expect(await value(head, 'up')).toBe(0);
    expect(await value(head, 'scrape_samples_scraped')).toBe(20_000);
  });
});

function textAnswers(body: string): typeof fetch {
  return (async () => new Response(body, { headers: { 'Content-Type': 'text/plain; version=0.0.4' } })) as unknown as typeof fetch;
}

describe('reloading a job while a large page is being ingested', () => {
  it('starts the new loop once the old one has let go of the shared cache', async () => {
    const f = deferredFetch();
    const parked: (() => void)[] = [];
    const clock = new FakeClock(1_000_000);
    const head = new Head();
    const deps: ScrapeDeps = {
      storage: head, fetch: f.fn, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout,
      // Ingest work takes time: the clock moves 1 ms at every read.
      now: () => {
        clock.stall(1);
        return clock.now();
      },
      yieldThread: () => new Promise<void>((resolve) => parked.push(resolve)),
    };
    const yaml = (limit: number) => `scrape_configs:\n  - job_name: app\n    scrape_interval: 10s\n    scrape_timeout: 5s\n    sample_limit: ${limit}\n    static_configs:\n      - targets: ['app:8080']\n`;
    const pool = new ScrapePool(deps, loadConfig(yaml(0)).scrapeConfigs[0], () => {});
    await clock.advance(10_000);
    expect(f.calls).toHaveLength(1);
    const page = Array.from({ length: 5_000 }, (_, i) => `m{i="${i}"} ${i}`).join('\n') + '\n';
    f.calls[0].resolve(page);
    await clock.advance(0);
    expect(parked).toHaveLength(1);
    // A new sample_limit restarts the loop, handing it the cache.
    pool.reload(loadConfig(yaml(100_000)).scrapeConfigs[0]);
    await clock.advance(20_000);
    expect(f.calls).toHaveLength(1);
    parked.shift()!();
    await clock.advance(10_000);
    expect(f.calls).toHaveLength(2);
    f.calls[1].resolve(page);
    for (let i = 0; i < 100 && (parked.length > 0 || Object.keys(await samples(head, 'm')).length === 0); i++) {
      parked.shift()?.();
      await clock.advance(0);
    }
    expect(Object.keys(await samples(head, 'm'))).toHaveLength(5_000);
    expect(await value(head, 'up')).toBe(1);
    expect(await value(head, 'scrape_samples_post_metric_relabeling')).toBe(5_000);
    pool.stop(false);
  });
});
