// Storage figures on the scale data set (10,000 series, 2 h at 15 s): append
// rate through the Appender face, compression of sealed chunks, head memory
// per series and decode rate through the Querier face; head memory per sample
// on the demo data set (6 h at 5 s) and for 100,000 series.

import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { datasetInfo, datasetSeries, datasetValue } from './datasets';
import { Labels } from '../model/labels';
import { Head } from '../tsdb/head';
import { Histogram } from '../model/histogram/histogram';
import type { Span } from '../model/histogram/types';
import { openTsdb } from '../tsdb/tsdb';

function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
  };
}

export async function bench(): Promise<Record<string, number>> {
  const { start, end, stepMs } = datasetInfo('scale');
  const labels = datasetSeries('scale');
  const steps = Math.floor((end - start) / stepMs) + 1;
  // Values per step, series-major within a step; NaN-free absence is marked by a parallel mask.
  const values = new Float64Array(steps * labels.length);
  const present = new Uint8Array(steps * labels.length);
  for (let k = 0; k < steps; k++) {
    for (let i = 0; i < labels.length; i++) {
      const v = datasetValue('scale', i, start + k * stepMs);
      if (v !== undefined) {
        values[k * labels.length + i] = v;
        present[k * labels.length + i] = 1;
      }
    }
  }
  const gc = collectGarbage();
  gc();
  const heapBefore = heldBytes();

  const head = new Head();
  const refs = new Uint32Array(labels.length);
  let appended = 0;
  const t0 = performance.now();
  for (let k = 0; k < steps; k++) {
    const app = head.appender();
    const t = start + k * stepMs;
    const base = k * labels.length;
    for (let i = 0; i < labels.length; i++) {
      if (present[base + i]) refs[i] = app.append(refs[i], labels[i], t, values[base + i]);
    }
    appended += app.commit().appended;
  }
  const appendMs = performance.now() - t0;

  gc();
  const headBytes = heldBytes() - heapBefore;

  let sealedBytes = 0;
  let sealedSamples = 0;
  for (const s of head.allSeries()) {
    for (const c of s.sealedChunks()) {
      sealedBytes += c.bytes.length;
      sealedSamples += c.numSamples;
    }
  }

  const q = head.querier();
  let decoded = 0;
  const rounds = 5;
  const t1 = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const s of await q.select([], start, end)) decoded += s.ts.length;
  }
  const selectMs = performance.now() - t1;

  const perSample = heldPerSample('demo', 1, gc);
  const wide = heldPerSample('scale', 10, gc, 30 * 60_000);

  const persisted = await persistRate(labels, values, present, start, stepMs, steps);

  return {
    idb_persist_samples_per_s: persisted.persist,
    idb_checkpoint_ms: Number(persisted.checkpointMs.toFixed(1)),
    idb_select_cold_samples_per_s: persisted.coldSelect,
    idb_select_all_series_5m_ms: Number(persisted.recentMs.toFixed(1)),
    append_samples_per_s: Math.round(appended / (appendMs / 1000)),
    ...histogramBytes(),
    bytes_per_sample: Number((sealedBytes / sealedSamples).toFixed(3)),
    head_bytes_per_series: Math.round(headBytes / head.numSeries),
    head_heap_bytes_per_sample: Number(perSample.perSample.toFixed(2)),
    head_100k_series_heap_mb: Number((wide.bytes / 2 ** 20).toFixed(1)),
    select_decode_samples_per_s: Math.round(decoded / (selectMs / 1000)),
  };
}

/**
 * Chunk bytes per scrape of one latency distribution (2 h at 15 s, 200
 * log-normal observations per scrape) stored as one native histogram
 * (schema 3, integer counts) and as a classic histogram's 20 `_bucket` series
 * plus `_sum` and `_count`, both in the head's chunks.
 */
function histogramBytes(): { histogram_bytes_per_sample: number; classic_histogram_bytes_per_sample: number } {
  const bounds = Array.from({ length: 20 }, (_, i) => 0.001 * 2 ** (i * 0.75));
  const schema = 3;
  let seed = 42;
  // A seeded generator, so every run measures the same distribution.
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) + 0.5) / 2 ** 31;
  const native = new Map<number, number>();
  const classic = new Float64Array(bounds.length);
  let count = 0;
  let sum = 0;
  const head = new Head();
  const nativeLabels = Labels.from({ __name__: 'latency_seconds', job: 'api' });
  const classicLabels = [...bounds.map((b) => String(b)), '+Inf'].map((le) => Labels.from({ __name__: 'latency_seconds_bucket', job: 'api', le }));
  const sumLabels = Labels.from({ __name__: 'latency_seconds_sum', job: 'api' });
  const countLabels = Labels.from({ __name__: 'latency_seconds_count', job: 'api' });
  const scrapes = 480;
  for (let k = 0; k < scrapes; k++) {
    for (let j = 0; j < 200; j++) {
      // Box-Muller: a log-normal latency around 50 ms.
      const v = Math.exp(Math.log(0.05) + 0.8 * Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand()));
      const idx = Math.ceil(Math.log2(v) * 2 ** schema);
      native.set(idx, (native.get(idx) ?? 0) + 1);
      for (let b = 0; b < bounds.length; b++) if (v <= bounds[b]) classic[b]++;
      count++;
      sum += v;
    }
    const t = k * 15_000;
    const app = head.appender();
    app.appendHistogram(0, nativeLabels, t, nativeHistogram(native, schema, count, sum));
    bounds.forEach((_, b) => app.append(0, classicLabels[b], t, classic[b]));
    app.append(0, classicLabels[bounds.length], t, count);
    app.append(0, sumLabels, t, sum);
    app.append(0, countLabels, t, count);
    app.commit();
  }
  let classicBytes = 0;
  let nativeBytes = 0;
  for (const s of head.allSeries()) {
    if (s.histograms !== undefined) nativeBytes += s.histograms.byteLength;
    else classicBytes += s.sealedChunks().reduce((a, c) => a + c.bytes.length, 0) + s.openByteLength;
  }
  return {
    histogram_bytes_per_sample: Number((nativeBytes / scrapes).toFixed(2)),
    classic_histogram_bytes_per_sample: Number((classicBytes / scrapes).toFixed(2)),
  };
}

/** An integer histogram (delta-encoded buckets) of bucket counts by index. */
function nativeHistogram(counts: Map<number, number>, schema: number, count: number, sum: number): Histogram {
  const idxs = [...counts.keys()].sort((a, b) => a - b);
  const spans: Span[] = [];
  const buckets: number[] = [];
  let prevIdx = 0;
  let prevCount = 0;
  for (let i = 0; i < idxs.length; i++) {
    const gap = i === 0 ? idxs[0] : idxs[i] - prevIdx - 1;
    if (i === 0 || gap > 0) spans.push({ offset: gap, length: 1 });
    else spans[spans.length - 1].length++;
    buckets.push(counts.get(idxs[i])! - prevCount);
    prevCount = counts.get(idxs[i])!;
    prevIdx = idxs[i];
  }
  return new Histogram({ schema, count, sum, positiveSpans: spans, positiveBuckets: buckets });
}

/**
 * The JS heap plus the typed arrays' backing stores: chunk bytes live in the
 * latter, which heapUsed leaves out.
 */
function heldBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * Memory a head holds after a forced GC for a data set's series, each copied
 * into `copies` series by a `replica` label, over its first `spanMs` (all of
 * it by default).
 */
function heldPerSample(name: 'demo' | 'scale', copies: number, gc: () => void, spanMs = Infinity): { bytes: number; perSample: number } {
  const { start, end, stepMs } = datasetInfo(name);
  const base = datasetSeries(name);
  const labels: Labels[] = [];
  for (let c = 0; c < copies; c++) for (const l of base) labels.push(copies === 1 ? l : l.builder().set('replica', String(c)).labels());
  const last = Math.min(end, start + spanMs);
  gc();
  const before = heldBytes();
  const head = new Head();
  const refs = new Uint32Array(labels.length);
  let samples = 0;
  for (let t = start; t <= last; t += stepMs) {
    const app = head.appender();
    for (let i = 0; i < labels.length; i++) {
      const v = datasetValue(name, i % base.length, t);
      if (v !== undefined) refs[i] = app.append(refs[i], labels[i], t, v);
    }
    samples += app.commit().appended;
  }
  gc();
  const bytes = heldBytes() - before;
  // Keeps the head alive until measured.
  if (head.numSeries !== labels.length) throw new Error(`bench: ${head.numSeries} series stored of ${labels.length}`);
  return { bytes, perSample: bytes / samples };
}

/**
 * Samples written to IndexedDB blocks per second of checkpoint time and the
 * mean checkpoint time, checkpointing after every scrape, then one select of everything with an
 * empty page cache and the latency of a 5-minute select over every series
 * (fake-indexeddb in Node, so browser figures differ).
 */
async function persistRate(
  labels: readonly Labels[],
  values: Float64Array,
  present: Uint8Array,
  start: number,
  stepMs: number,
  steps: number,
): Promise<{ persist: number; checkpointMs: number; coldSelect: number; recentMs: number }> {
  const db = await openTsdb({ name: `bench-${Date.now()}`, indexedDB: new IDBFactory() });
  const refs = new Uint32Array(labels.length);
  let written = 0;
  let ms = 0;
  for (let k = 0; k < steps; k++) {
    const app = db.appender();
    const base = k * labels.length;
    for (let i = 0; i < labels.length; i++) if (present[base + i]) refs[i] = app.append(refs[i], labels[i], start + k * stepMs, values[base + i]);
    app.commit();
    // Every scrape, as the engine checkpoints every 15 s.
    const t0 = performance.now();
    written += (await db.checkpoint()).samplesWritten;
    ms += performance.now() - t0;
  }
  const t1 = performance.now();
  let read = 0;
  for (const sd of await db.querier().select([], start, start + steps * stepMs)) read += sd.ts.length;
  const readMs = performance.now() - t1;
  // An instant query's look-back over every series, pages now cached: chunks outside the range are skipped undecoded.
  const last = start + (steps - 1) * stepMs;
  const t2 = performance.now();
  const rounds = 5;
  for (let r = 0; r < rounds; r++) await db.querier().select([], last - 300_000, last);
  const recentMs = (performance.now() - t2) / rounds;
  await db.close();
  return { persist: Math.round(written / (ms / 1000)), checkpointMs: ms / steps, coldSelect: Math.round(read / (readMs / 1000)), recentMs };
}
