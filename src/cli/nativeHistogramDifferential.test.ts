// Native histograms scraped over protobuf by Debian's Prometheus 2.42 and by
// Vigil's scrape loop from the same node server answer the histogram queries
// alike: rate, histogram_count/sum/quantile/fraction and sum over schemas.
//
// The comparison is exact because the server writes an explicit timestamp on
// every sample and moves to its next state only once Vigil has stored the
// current one and Prometheus answers it: both stores then hold the very same samples at the very
// same times, whenever each happened to scrape. Evaluation times sit off the
// 15 s sample grid, so 2.x's left-closed ranges select what 3.x's left-open
// ones do.
//
// Where 2.42 and 3.14 part ways the data is shaped so the answer does not
// depend on it: 3.x interpolates inside an exponential bucket on a log scale,
// 2.42 linearly, so every rate keeps the same bucket proportions (the 0.9
// quantile falls on a bucket's bound) and the bucket holding 0.1 stays empty
// (histogram_fraction(0, 0.1) sums whole buckets); and counts stay large
// against their increase (see BEFORE_START).

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/prometheusConfig';
import { PROTOBUF_CONTENT_TYPE, writeProtobuf, type ProtoHistogram } from '../exposition/writeProto';
import type { HistogramJSON } from '../model/histogram/types';
import { apiData, QueryEngine } from '../promql/engine';
import type { ScrapeLoop } from '../scrape/scrapeLoop';
import { ScrapePool } from '../scrape/scrapePool';
import { Head } from '../tsdb/head';
import { PROMETHEUS, PrometheusProcess } from './prometheusProcess';

const present = existsSync(PROMETHEUS);
// This helper's port range is 19800–19899.
const PROM_PORT = 19811;
const TARGET_PORT = 19812;
const STEPS = 32;
const STEP_MS = 15_000;
/** The step at which every counter starts over, as a restarted process's would. */
const RESET_AT = 20;
const RELATIVE_TOLERANCE = 1e-9;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Observations added at step k: a multiplier that changes over time, so rates do too. */
const added = (k: number) => 1 + ((k * 7) % 5);

/**
 * Observations already counted when the run starts, and right after the
 * restart. 3.x stops a rate's extrapolation where the count would reach zero
 * (durationToZero from Count), 2.42 does not; counts large against their
 * increase keep that point out of every window, so the two agree.
 */
const BEFORE_START = 1000;
const AFTER_RESTART = 200;

/**
 * Series `handler` at step k. Each unit is 10 observations: 1 in the zero
 * bucket, 2 in (1/32, 1/16], 6 in (1/4, 1/2], 1 just above 1/2; the schema-1
 * series puts them in halves of the same schema-0 buckets, so a sum reduced
 * to schema 0 keeps the shape. The 0.9 quantile so falls on 1/2 between two
 * filled buckets, where 2.42's forward walk and 3.x's reverse walk meet.
 */
function histogramAt(handler: 'a' | 'b', k: number): ProtoHistogram {
  const restarted = k >= RESET_AT;
  let units = restarted ? AFTER_RESTART : BEFORE_START;
  let sum = units * 3;
  for (let j = restarted ? RESET_AT : 0; j <= k; j++) {
    units += added(j);
    sum += added(j) * (3 + 0.1 * j);
  }
  const counts = [2 * units, 6 * units, units];
  return {
    sampleCount: 10 * units,
    sampleSum: handler === 'a' ? sum : 1.5 * sum,
    schema: handler === 'a' ? 0 : 1,
    zeroThreshold: 0.001,
    zeroCount: units,
    // Schema 0: buckets -4, -1, 0; schema 1: -8, -2, -1.
    positiveSpans: handler === 'a' ? [{ offset: -4, length: 1 }, { offset: 2, length: 2 }] : [{ offset: -8, length: 1 }, { offset: 5, length: 2 }],
    positiveDeltas: counts.map((c, i) => c - (i === 0 ? 0 : counts[i - 1])),
  };
}

/** The target: state `step`, written with its timestamp. */
class Target {
  step = 0;
  private server: Server | undefined;

  constructor(private readonly t0: number) {}

  page(): Uint8Array {
    const at = this.t0 + this.step * STEP_MS;
    return writeProtobuf([
      {
        name: 'diff_request_seconds',
        help: 'Request latency.',
        type: 'Histogram',
        metrics: (['a', 'b'] as const).map((handler) => ({ labels: { handler }, histogram: histogramAt(handler, this.step), timestampMs: at })),
      },
    ]);
  }

  listen(): Promise<void> {
    this.server = createServer((_req, res) => {
      const body = this.page();
      res.writeHead(200, { 'Content-Type': PROTOBUF_CONTENT_TYPE, 'Content-Length': body.length });
      res.end(body);
    });
    return new Promise((r) => this.server!.listen(TARGET_PORT, '127.0.0.1', () => r()));
  }

  close(): Promise<void> {
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/** A Vigil scrape pool for the target, its loop driven by hand. */
function vigilLoop(head: Head): ScrapeLoop {
  const yaml = `global:\n  scrape_interval: 15s\nscrape_configs:\n  - job_name: diff\n    scrape_native_histograms: true\n    static_configs:\n      - targets: ['127.0.0.1:${TARGET_PORT}']\n`;
  const job = loadConfig(yaml).scrapeConfigs[0];
  const pool = new ScrapePool({ storage: head, fetch, now: Date.now, setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h) }, job, () => {});
  const loop = [...pool.loops.values()][0];
  pool.stop(false);
  return loop;
}

type Point = [number, string];
type HPoint = [number, HistogramJSON];
type Series = { metric: Record<string, string>; value?: Point; values?: Point[]; histogram?: HPoint; histograms?: HPoint[] };
type Answer = { resultType: string; result: Series[] };

function close(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return a === b || Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

function histogramDifference(v: HistogramJSON, p: HistogramJSON): string | undefined {
  if (!close(Number(v.count), Number(p.count)) || !close(Number(v.sum), Number(p.sum))) return `count/sum ${v.count}/${v.sum} vs ${p.count}/${p.sum}`;
  const vb = v.buckets ?? [];
  const pb = p.buckets ?? [];
  if (vb.length !== pb.length) return `${vb.length} buckets vs ${pb.length}`;
  for (let i = 0; i < vb.length; i++) {
    const [vr, vl, vu, vc] = vb[i];
    const [pr, pl, pu, pc] = pb[i];
    if (vr !== pr || !close(Number(vl), Number(pl)) || !close(Number(vu), Number(pu)) || !close(Number(vc), Number(pc))) return `bucket ${i}: ${JSON.stringify(vb[i])} vs ${JSON.stringify(pb[i])}`;
  }
  return undefined;
}

/** Every difference between two answers, as text (empty when they agree). */
function differences(v: Answer, p: Answer): string[] {
  if (v.resultType !== p.resultType) return [`result type ${v.resultType} vs ${p.resultType}`];
  const key = (s: Series) => JSON.stringify(Object.entries(s.metric).sort());
  const vm = new Map(v.result.map((s) => [key(s), s]));
  if (v.result.length !== p.result.length) return [`${v.result.length} series vs ${p.result.length}`];
  const out: string[] = [];
  for (const ps of p.result) {
    const vs = vm.get(key(ps));
    if (!vs) {
      out.push(`series ${key(ps)} only in Prometheus`);
      continue;
    }
    const floats = (s: Series) => s.values ?? (s.value ? [s.value] : []);
    const hists = (s: Series) => s.histograms ?? (s.histogram ? [s.histogram] : []);
    const [vf, pf, vh, ph] = [floats(vs), floats(ps), hists(vs), hists(ps)];
    if (vf.length !== pf.length || vh.length !== ph.length) out.push(`${key(ps)}: ${vf.length}+${vh.length} points vs ${pf.length}+${ph.length}`);
    vf.forEach(([t, x], i) => {
      if (pf[i] && (t !== pf[i][0] || !close(Number(x), Number(pf[i][1])))) out.push(`${key(ps)} @${t}: ${x} vs ${pf[i][0]}:${pf[i][1]}`);
    });
    vh.forEach(([t, h], i) => {
      const d = ph[i] && (t !== ph[i][0] ? `time ${t} vs ${ph[i][0]}` : histogramDifference(h, ph[i][1]));
      if (d) out.push(`${key(ps)} @${t}: ${d}`);
    });
  }
  return out;
}

async function prometheusAnswer(base: string, path: string, params: Record<string, string>): Promise<Answer> {
  const body = (await (await fetch(`${base}/api/v1/${path}?${new URLSearchParams(params)}`)).json()) as { status: string; error?: string; data: Answer };
  if (body.status !== 'success') throw new Error(`Prometheus ${params.query}: ${body.error}`);
  return body.data;
}

/** Whether Prometheus answers handler a's sample at `atMs` with this count, i.e. has stored that scrape. */
async function prometheusHolds(base: string, atMs: number, count: number): Promise<boolean> {
  const a = await prometheusAnswer(base, 'query', { query: 'histogram_count(diff_request_seconds{handler="a"})', time: String(atMs / 1000) });
  const v = (a.result[0] as { value?: [number, string] } | undefined)?.value;
  return v !== undefined && Number(v[1]) === count;
}

const QUERIES = [
  'diff_request_seconds',
  'rate(diff_request_seconds[1m])',
  'histogram_count(rate(diff_request_seconds[1m]))',
  'histogram_sum(rate(diff_request_seconds[1m]))',
  'histogram_quantile(0.9, rate(diff_request_seconds[1m]))',
  'histogram_fraction(0, 0.1, rate(diff_request_seconds[1m]))',
  'sum(rate(diff_request_seconds[1m]))',
  'histogram_quantile(0.9, sum(rate(diff_request_seconds[1m])))',
  'histogram_count(increase(diff_request_seconds[2m]))',
];

describe('native histograms scraped over protobuf, against Prometheus 2.42', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-nh-diff-'));
  const t0 = Math.floor(Date.now() / STEP_MS) * STEP_MS - STEPS * STEP_MS;
  const target = new Target(t0);
  let prom: PrometheusProcess | undefined;
  afterAll(async () => {
    await prom?.stop('SIGKILL');
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it.skipIf(!present)(
    present ? 'answers the histogram queries as Prometheus does over the same scraped samples' : `skipped: ${PROMETHEUS} is absent (install Debian's prometheus)`,
    async () => {
      await target.listen();
      writeFileSync(
        join(dir, 'prometheus.yml'),
        `global:\n  scrape_interval: 200ms\n  scrape_timeout: 200ms\nscrape_configs:\n  - job_name: diff\n    static_configs:\n      - targets: ['127.0.0.1:${TARGET_PORT}']\n`,
      );
      prom = new PrometheusProcess({ config: join(dir, 'prometheus.yml'), dataDir: join(dir, 'data'), port: PROM_PORT, flags: ['--enable-feature=native-histograms'] });
      await prom.start();

      const head = new Head();
      const loop = vigilLoop(head);
      for (let k = 0; k < STEPS; k++) {
        target.step = k;
        await loop.scrapeAndReport(Date.now());
        expect(loop.health().lastError).toBe('');
        // Prometheus's first scrape waits for target discovery (its 5 s update tick). A read is
        // not a stored sample (a scrape can time out on a loaded machine after the body left),
        // so the state moves on only once Prometheus answers this step's sample.
        const deadline = Date.now() + 15_000;
        while (!(await prometheusHolds(prom.base, t0 + k * STEP_MS, histogramAt('a', k).sampleCount)) && Date.now() < deadline) await sleep(50);
        expect(await prometheusHolds(prom.base, t0 + k * STEP_MS, histogramAt('a', k).sampleCount), `Prometheus stored step ${k}`).toBe(true);
      }
      // One more Prometheus scrape of the last state, so its last append is committed before querying.
      await sleep(400);

      const engine = new QueryEngine();
      const querier = head.querier();
      const last = t0 + (STEPS - 1) * STEP_MS;
      const instants = [t0 + 2 * STEP_MS + 7_300, t0 + (RESET_AT + 1) * STEP_MS + 4_100, last + 7_300, last + 61_300];
      const range = { start: t0 + 3_300, end: last + 90_000 + 3_300, step: 15_000 };
      const failures: string[] = [];
      let compared = 0;
      for (const query of QUERIES) {
        for (const time of instants) {
          const vigil = apiData((await engine.instantQuery(querier, query, time)).value) as unknown as Answer;
          const theirs = await prometheusAnswer(prom.base, 'query', { query, time: String(time / 1000) });
          failures.push(...differences(vigil, theirs).map((d) => `${query} @ ${time}: ${d}`));
          compared += theirs.result.length;
        }
        const vigil = apiData((await engine.rangeQuery(querier, query, range.start, range.end, range.step)).value) as unknown as Answer;
        const theirs = await prometheusAnswer(prom.base, 'query_range', { query, start: String(range.start / 1000), end: String(range.end / 1000), step: '15' });
        failures.push(...differences(vigil, theirs).map((d) => `${query} range: ${d}`));
        compared += theirs.result.length;
      }
      console.log(`native histogram differential against Prometheus 2.42: ${QUERIES.length} queries, ${compared} series compared, ${failures.length} differences`);
      expect(failures).toEqual([]);
      expect(compared).toBeGreaterThan(QUERIES.length * 4);
    },
    60_000,
  );
});
