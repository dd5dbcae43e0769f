// Renders simulated families as one protobuf scrape page, as client_golang
// serves a scraper that asks for it: counters and gauges as values, each
// classic histogram (its _bucket, _sum, _count series) as one Histogram
// message, with the native latency histogram's fields added to the
// handler's message so both travel together.

import { METRIC_NAME } from '../model/labels';
import { writeProtobuf, type ProtoFamily, type ProtoHistogram, type ProtoMetric } from '../exposition/writeProto';
import type { SimFamily } from './demoService';
import type { NativeLatency } from './demoNative';

const PROTO_TYPES: Partial<Record<SimFamily['type'], ProtoFamily['type']>> = { counter: 'Counter', gauge: 'Gauge', histogram: 'Histogram' };

/** The page at t (ms); `natives` join the histogram family named `nativeFamily`, matched on the handler label. */
export function renderProtoPage(families: readonly SimFamily[], natives: readonly NativeLatency[], nativeFamily: string, t: number): Uint8Array<ArrayBuffer> {
  const out: ProtoFamily[] = [];
  for (const f of families) {
    const type = PROTO_TYPES[f.type] ?? 'Untyped';
    const metrics = type === 'Histogram' ? histogramMetrics(f, t) : valueMetrics(f, t);
    if (f.name === nativeFamily) {
      for (const n of natives) {
        const m = metrics.find((x) => x.labels?.handler === n.handler);
        const native = n.at(t);
        if (m?.histogram && native) m.histogram = { ...native, buckets: m.histogram.buckets, sampleSum: m.histogram.sampleSum, sampleCount: native.sampleCount };
      }
    }
    if (metrics.length > 0) out.push({ name: f.name, help: f.help, type, metrics });
  }
  // A copy over a plain ArrayBuffer, which a Response body takes.
  return writeProtobuf(out).slice();
}

function ownLabels(labels: SimFamily['series'][number]['labels'], skip: string): Record<string, string> {
  const out: Record<string, string> = {};
  labels.forEach((n, v) => {
    if (n !== METRIC_NAME && n !== skip) out[n] = v;
  });
  return out;
}

function valueMetrics(f: SimFamily, t: number): ProtoMetric[] {
  const out: ProtoMetric[] = [];
  for (const s of f.series) {
    const value = s.valueAt(t);
    if (value !== undefined) out.push({ labels: ownLabels(s.labels, ''), value });
  }
  return out;
}

/** _bucket/_sum/_count series grouped by their other labels into one Histogram each (the +Inf bucket is the count). */
function histogramMetrics(f: SimFamily, t: number): ProtoMetric[] {
  const byKey = new Map<string, { labels: Record<string, string>; h: ProtoHistogram }>();
  for (const s of f.series) {
    const v = s.valueAt(t);
    if (v === undefined) continue;
    const labels = ownLabels(s.labels, 'le');
    const key = JSON.stringify(labels);
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { labels, h: { sampleCount: 0, sampleSum: 0, buckets: [] } }));
    const name = s.labels.get(METRIC_NAME);
    if (name.endsWith('_sum')) g.h.sampleSum = v;
    else if (name.endsWith('_count')) g.h.sampleCount = v;
    else if (s.labels.get('le') !== '+Inf') g.h.buckets!.push({ upperBound: Number(s.labels.get('le')), cumulativeCount: v });
  }
  return [...byKey.values()].map(({ labels, h }) => ({ labels, histogram: h }));
}
