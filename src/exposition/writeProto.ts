// Writes metric families in the protobuf exposition format (length-delimited
// io.prometheus.client.MetricFamily), as client_golang's expfmt encoder does:
// for the demo target's native histogram and for tests.

import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { ProtoType } from './protoMetric';

export interface ProtoSpan {
  offset: number;
  length: number;
}

export interface ProtoHistogram {
  sampleCount: number;
  sampleSum: number;
  /** Classic buckets: upper bound and cumulative count. */
  buckets?: { upperBound: number; cumulativeCount: number }[];
  schema?: number;
  zeroThreshold?: number;
  zeroCount?: number;
  positiveSpans?: ProtoSpan[];
  /** Delta-encoded bucket counts, as client_golang writes them. */
  positiveDeltas?: number[];
  negativeSpans?: ProtoSpan[];
  negativeDeltas?: number[];
  /** Start (created) time in ms. */
  startMs?: number;
}

export interface ProtoMetric {
  labels?: Record<string, string>;
  value?: number;
  histogram?: ProtoHistogram;
  timestampMs?: number;
}

export interface ProtoFamily {
  name: string;
  help?: string;
  type: keyof typeof ProtoType;
  unit?: string;
  metrics: ProtoMetric[];
}

export const PROTOBUF_CONTENT_TYPE = 'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited';

export function writeProtobuf(families: readonly ProtoFamily[]): Uint8Array {
  const out = new BinaryWriter();
  for (const f of families) {
    const w = new BinaryWriter();
    w.tag(1, WireType.LengthDelimited).string(f.name);
    if (f.help) w.tag(2, WireType.LengthDelimited).string(f.help);
    w.tag(3, WireType.Varint).int32(ProtoType[f.type]);
    for (const m of f.metrics) writeMetric(w.tag(4, WireType.LengthDelimited).fork(), f.type, m).join();
    if (f.unit) w.tag(5, WireType.LengthDelimited).string(f.unit);
    const family = w.finish();
    out.uint32(family.length).raw(family);
  }
  return out.finish();
}

function writeMetric(w: BinaryWriter, type: ProtoFamily['type'], m: ProtoMetric): BinaryWriter {
  for (const [name, value] of Object.entries(m.labels ?? {})) {
    w.tag(1, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).string(name).tag(2, WireType.LengthDelimited).string(value).join();
  }
  const field = { Counter: 3, Gauge: 2, Untyped: 5 } as Record<string, number>;
  if (type in field) w.tag(field[type], WireType.LengthDelimited).fork().tag(1, WireType.Bit64).double(m.value ?? 0).join();
  if (m.histogram) writeHistogram(w.tag(7, WireType.LengthDelimited).fork(), m.histogram).join();
  if (m.timestampMs !== undefined) w.tag(6, WireType.Varint).int64(m.timestampMs);
  return w;
}

function writeHistogram(w: BinaryWriter, h: ProtoHistogram): BinaryWriter {
  w.tag(1, WireType.Varint).uint64(h.sampleCount);
  w.tag(2, WireType.Bit64).double(h.sampleSum);
  for (const b of h.buckets ?? []) {
    w.tag(3, WireType.LengthDelimited).fork().tag(1, WireType.Varint).uint64(b.cumulativeCount).tag(2, WireType.Bit64).double(b.upperBound).join();
  }
  if (h.schema !== undefined) w.tag(5, WireType.Varint).sint32(h.schema);
  if (h.zeroThreshold) w.tag(6, WireType.Bit64).double(h.zeroThreshold);
  if (h.zeroCount) w.tag(7, WireType.Varint).uint64(h.zeroCount);
  writeSide(w, 9, 10, h.negativeSpans, h.negativeDeltas);
  writeSide(w, 12, 13, h.positiveSpans, h.positiveDeltas);
  if (h.startMs !== undefined) {
    const seconds = Math.floor(h.startMs / 1000);
    w.tag(15, WireType.LengthDelimited).fork().tag(1, WireType.Varint).int64(seconds).tag(2, WireType.Varint).int32((h.startMs - seconds * 1000) * 1e6).join();
  }
  return w;
}

function writeSide(w: BinaryWriter, spanField: number, deltaField: number, spans: ProtoSpan[] = [], deltas: number[] = []): void {
  for (const s of spans) w.tag(spanField, WireType.LengthDelimited).fork().tag(1, WireType.Varint).sint32(s.offset).tag(2, WireType.Varint).uint32(s.length).join();
  if (deltas.length === 0) return;
  w.tag(deltaField, WireType.LengthDelimited).fork();
  for (const d of deltas) w.sint64(d);
  w.join();
}
