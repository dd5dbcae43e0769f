// Exposition parsing speed on Prometheus's own benchmark page and on the
// 10,000-series scale page, and what a steady-state scrape allocates when
// every series resolves through the SeriesCache.

import { readFileSync } from 'node:fs';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { datasetInfo, expositionPage } from './datasets';
import { OpenMetricsParser } from '../exposition/openMetrics';
import type { ExpositionParser } from '../exposition/parser';
import { PromTextParser } from '../exposition/promText';
import { ProtobufParser } from '../exposition/protobuf';
import { writeProtobuf, type ProtoFamily } from '../exposition/writeProto';
import { SeriesCache } from '../exposition/seriesCache';

const ALLTYPES = new URL('../../../shared/conformance/textparse/alltypes.237mfs.prom.txt', import.meta.url);
const ALLTYPES_OM = new URL('../../../shared/conformance/textparse/alltypes.5mfs.om.txt', import.meta.url);

/** Parses `buf` repeatedly for about `ms`, reading every value and timestamp; bytes and samples per second. */
function throughput(buf: Uint8Array, ms: number, parser: (buf: Uint8Array) => ExpositionParser = (b) => new PromTextParser(b)): { mbPerS: number; samplesPerS: number } {
  let samples = 0;
  let rounds = 0;
  let sink = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    const p = parser(buf);
    for (let e = p.next(); e !== null; e = p.next()) {
      if (e === 'series') {
        sink += p.value() + (p.timestamp() ?? 0);
        samples++;
      } else if (e === 'histogram') {
        sink += p.histogram!().count;
        samples++;
      }
    }
    rounds++;
    elapsed = performance.now() - t0;
  }
  if (Number.isNaN(sink) && sink === 0) throw new Error('unreachable');
  return { mbPerS: (buf.length * rounds) / 1e6 / (elapsed / 1000), samplesPerS: samples / (elapsed / 1000) };
}

interface Scrape {
  refs: Float64Array;
  values: Float64Array;
}

/** One scrape the way a scrape loop runs it: cached refs, labels built only on a miss. */
function scrapeWithCache(p: ExpositionParser, cache: SeriesCache<number>, out: Scrape, nextRef: { n: number }): number {
  cache.nextGeneration();
  let n = 0;
  for (let e = p.next(); e !== null; e = p.next()) {
    if (e !== 'series') continue;
    let ref = cache.lookup(p.buf, p.seriesStart, p.seriesEnd);
    if (ref === undefined) {
      if (p.labels().size === 0) throw new Error('empty label set');
      ref = ++nextRef.n;
      cache.insert(p.buf, p.seriesStart, p.seriesEnd, ref);
    }
    out.refs[n] = ref;
    out.values[n++] = p.value();
  }
  cache.sweep();
  return n;
}

function youngBytes(): number {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) {
    if (space.space_name === 'new_space' || space.space_name === 'new_large_object_space') used += space.space_used_size;
  }
  return used;
}

function exposedGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export async function bench(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const alltypes = new Uint8Array(readFileSync(ALLTYPES));
  throughput(alltypes, 300);
  const a = throughput(alltypes, 3000);
  figures.parse_mb_per_s = a.mbPerS;
  figures.parse_samples_per_s = a.samplesPerS;

  const om = new Uint8Array(readFileSync(ALLTYPES_OM));
  const openMetrics = (b: Uint8Array) => new OpenMetricsParser(b);
  throughput(om, 300, openMetrics);
  const o = throughput(om, 2000, openMetrics);
  figures.parse_om_mb_per_s = o.mbPerS;
  figures.parse_om_samples_per_s = o.samplesPerS;

  // The same 10,000 counters (two labels each) as text and as protobuf, and
  // 1,000 native histograms of 20 buckets as protobuf: samples/s side by side.
  const families: ProtoFamily[] = Array.from({ length: 100 }, (_, f) => ({
    name: `bench_metric_${f}_total`,
    help: 'A counter.',
    type: 'Counter',
    metrics: Array.from({ length: 100 }, (_, i) => ({ labels: { code: String(200 + (i % 5)), instance: `host-${i}:9100` }, value: f * 1000 + i + 0.5 })),
  }));
  const textPage = new TextEncoder().encode(
    families.map((fam) => `# HELP ${fam.name} ${fam.help}\n# TYPE ${fam.name} counter\n` + fam.metrics.map((m) => `${fam.name}{code="${m.labels!.code}",instance="${m.labels!.instance}"} ${m.value}\n`).join('')).join(''),
  );
  const protoPage = writeProtobuf(families);
  const protobuf = (b: Uint8Array) => new ProtobufParser(b);
  throughput(textPage, 300);
  figures.parse_equiv_text_samples_per_s = throughput(textPage, 2000).samplesPerS;
  throughput(protoPage, 300, protobuf);
  figures.parse_equiv_proto_samples_per_s = throughput(protoPage, 2000, protobuf).samplesPerS;
  const histPage = writeProtobuf([{
    name: 'bench_latency_seconds',
    type: 'Histogram',
    metrics: Array.from({ length: 1000 }, (_, i) => ({
      labels: { instance: `host-${i}:9100` },
      histogram: { sampleCount: 210, sampleSum: 12.5, schema: 3, zeroThreshold: 1e-128, positiveSpans: [{ offset: -10, length: 20 }], positiveDeltas: Array.from({ length: 20 }, (_, k) => (k < 10 ? 1 : -1) * (k % 3)) },
    })),
  }]);
  throughput(histPage, 300, protobuf);
  figures.parse_proto_histograms_per_s = throughput(histPage, 2000, protobuf).samplesPerS;

  const { start, stepMs } = datasetInfo('scale');
  const enc = new TextEncoder();
  const pages = Array.from({ length: 4 }, (_, i) => enc.encode(expositionPage('scale', start + i * stepMs)));
  throughput(pages[0], 300);
  const s = throughput(pages[1], 3000);
  figures.parse_scale_mb_per_s = s.mbPerS;
  figures.parse_scale_samples_per_s = s.samplesPerS;

  const cache = new SeriesCache<number>();
  const out: Scrape = { refs: new Float64Array(1 << 16), values: new Float64Array(1 << 16) };
  const nextRef = { n: 0 };
  const t0 = performance.now();
  const first = scrapeWithCache(new PromTextParser(pages[0]), cache, out, nextRef);
  figures.parse_cache_cold_scrape_ms = performance.now() - t0;
  for (let i = 0; i < 20; i++) scrapeWithCache(new PromTextParser(pages[i % pages.length]), cache, out, nextRef);
  const rounds = 40;
  const t1 = performance.now();
  for (let i = 0; i < rounds; i++) scrapeWithCache(new PromTextParser(pages[i % pages.length]), cache, out, nextRef);
  figures.parse_cache_scrape_ms = (performance.now() - t1) / rounds;

  // Young-generation growth across one scrape after a full collection: what the
  // scrape itself allocates (compiled code and its metadata live elsewhere).
  // Concurrent runtime work only ever adds, so the least of several runs counts.
  const gc = exposedGc();
  let least = Infinity;
  for (let i = 0; i < 25; i++) {
    const page = pages[i % pages.length];
    gc();
    const before = youngBytes();
    scrapeWithCache(new PromTextParser(page), cache, out, nextRef);
    least = Math.min(least, youngBytes() - before);
  }
  figures.parse_cache_scrape_alloc_bytes = Math.max(0, least);
  figures.parse_cache_alloc_bytes_per_sample = figures.parse_cache_scrape_alloc_bytes / first;
  return figures;
}
