import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/prometheusConfig';
import { PROTOBUF_CONTENT_TYPE, writeProtobuf, type ProtoHistogram } from '../exposition/writeProto';
import { FakeClock } from '../model/fakeClock';
import { Matcher } from '../model/matcher';
import { isStaleNaN } from '../model/staleNaN';
import { Head } from '../tsdb/head';
import { ScrapePool } from './scrapePool';
import { SCRAPE_ACCEPT, type ScrapeLoop } from './scrapeLoop';

const PROTO_ACCEPT =
  'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6,' +
  'application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,' +
  'text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,text/plain;version=0.0.4;q=0.2,*/*;q=0.1';

/** A schema-3 latency histogram of `n` adjacent buckets of one observation each, with two classic buckets beside it. */
function latency(n: number, schema = 3): ProtoHistogram {
  return {
    sampleCount: n, sampleSum: n * 0.5, schema, zeroThreshold: 1e-128,
    positiveSpans: [{ offset: 0, length: n }], positiveDeltas: [1, ...Array<number>(n - 1).fill(0)],
    buckets: [{ upperBound: 0.5, cumulativeCount: n / 2 }, { upperBound: 1, cumulativeCount: n }],
  };
}

function body(h?: ProtoHistogram): Response {
  const families = [{ name: 'up_total', type: 'Counter' as const, metrics: [{ value: 1 }] }];
  const withHist = h ? [...families, { name: 'latency_seconds', type: 'Histogram' as const, metrics: [{ histogram: h }] }] : families;
  return new Response(writeProtobuf(withHist).slice(), { headers: { 'Content-Type': PROTOBUF_CONTENT_TYPE } });
}

function setup(jobYaml: string, answers: Response[]) {
  const clock = new FakeClock(1_000_000);
  const head = new Head();
  const accepts: string[] = [];
  const fakeFetch = (async (_url: string, init: RequestInit) => {
    accepts.push((init.headers as Record<string, string>).Accept);
    return answers.shift()!;
  }) as unknown as typeof fetch;
  const cfg = loadConfig(`scrape_configs:\n  - job_name: app\n    static_configs:\n      - targets: ['app:8080']\n${jobYaml}`).scrapeConfigs[0];
  const pool = new ScrapePool({ storage: head, fetch: fakeFetch, now: clock.now, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout }, cfg, () => {});
  const loop = [...pool.loops.values()][0] as ScrapeLoop;
  pool.stop(false);
  return { head, loop, accepts };
}

async function series(head: Head, name: string) {
  return head.querier().select([new Matcher('=~', '__name__', name)], -Infinity, Infinity);
}

async function last(head: Head, name: string): Promise<number | undefined> {
  const s = (await series(head, name))[0];
  return s?.vs[s.vs.length - 1];
}

const NATIVE = '    scrape_native_histograms: true\n';
const T1 = 1_000_000;
const T2 = 1_015_000;

describe('scraping native histograms', () => {
  it.each<[string, string, string]>([
    ['text only by default, in CORS-safelisted form', '', SCRAPE_ACCEPT],
    ['protobuf first with scrape_native_histograms, as Prometheus sends it', NATIVE, PROTO_ACCEPT],
    ['exactly the protocols a job lists', '    scrape_protocols: [PrometheusProto, PrometheusText0.0.4]\n',
      'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6,text/plain;version=0.0.4;q=0.5,*/*;q=0.4'],
  ])('asks for %s', async (_, yaml, accept) => {
    const { loop, accepts } = setup(yaml, [body()]);
    await loop.scrapeAndReport(T1);
    expect(accepts).toEqual([accept]);
  });

  it('stores the histogram, counts it as one scraped sample, and finds it in the cache on the next scrape', async () => {
    const { head, loop } = setup(NATIVE, [body(latency(4)), body(latency(4))]);
    await loop.scrapeAndReport(T1);
    const [s] = await series(head, 'latency_seconds');
    expect(s.labels.toString()).toBe('{__name__="latency_seconds", instance="app:8080", job="app"}');
    expect(s.hs?.[0]).toMatchObject({ schema: 3, count: 4, sum: 2, positiveBuckets: [1, 0, 0, 0] });
    expect(await series(head, 'latency_seconds_bucket')).toEqual([]);
    expect(await last(head, 'scrape_samples_scraped')).toBe(2);
    expect(await last(head, 'scrape_series_added')).toBe(2);
    await loop.scrapeAndReport(T2);
    expect([...(await series(head, 'latency_seconds'))[0].ts]).toEqual([T1, T2]);
    expect(await last(head, 'scrape_series_added')).toBe(0);
  });

  it('without scrape_native_histograms reads the classic buckets only (le as OpenMetrics writes it, as Prometheus does)', async () => {
    const { head, loop } = setup('', [body(latency(4))]);
    await loop.scrapeAndReport(T1);
    expect(await series(head, 'latency_seconds')).toEqual([]);
    expect((await series(head, 'latency_seconds_bucket')).map((s) => s.labels.get('le'))).toEqual(['+Inf', '0.5', '1.0']);
  });

  it('keeps the classic buckets beside it with always_scrape_classic_histograms', async () => {
    const { head, loop } = setup(`${NATIVE}    always_scrape_classic_histograms: true\n`, [body(latency(4))]);
    await loop.scrapeAndReport(T1);
    expect(await series(head, 'latency_seconds')).toHaveLength(1);
    expect(await series(head, 'latency_seconds_bucket')).toHaveLength(3);
    expect(await last(head, 'scrape_samples_scraped')).toBe(1 + 1 + 2 + 3);
  });

  it('marks a histogram that disappears stale with a float stale NaN', async () => {
    const { head, loop } = setup(NATIVE, [body(latency(4)), body()]);
    await loop.scrapeAndReport(T1);
    await loop.scrapeAndReport(T2);
    const [s] = await series(head, 'latency_seconds');
    expect([...s.ts]).toEqual([T1, T2]);
    expect(isStaleNaN(s.vs[1])).toBe(true);
  });

  it.each<[string, string, ProtoHistogram, number | undefined, string]>([
    ['reduces resolution to fit the bucket limit', '    native_histogram_bucket_limit: 4\n', latency(8), 1, ''],
    ['reduces resolution to the min bucket factor', '    native_histogram_min_bucket_factor: 1.4\n', latency(8), 1, ''],
    ['fails the scrape when schema -4 is still over', '    native_histogram_bucket_limit: 2\n', latency(8, -4), undefined, 'histogram bucket limit exceeded'],
  ])('%s', async (_, yaml, h, schema, error) => {
    const { head, loop } = setup(NATIVE + yaml, [body(h)]);
    await loop.scrapeAndReport(T1);
    expect((await series(head, 'latency_seconds'))[0]?.hs?.[0]?.schema).toBe(schema);
    expect(loop.health().lastError).toBe(error);
    expect(await last(head, 'up')).toBe(error ? 0 : 1);
  });
});
