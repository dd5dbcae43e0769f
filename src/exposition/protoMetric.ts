// One io.prometheus.client.Metric message decoded into a record the parser
// reuses for every metric of a scrape, as Prometheus's protobuf decoder keeps
// one dto.Metric: labels stay byte offsets into the body, numbers go into
// growable arrays, so a steady-state scrape allocates nothing per metric.
// Wire reading is @bufbuild/protobuf's BinaryReader; field numbers are those
// of prompb/io/prometheus/client/metrics.proto.

import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';

/** The proto's MetricType enum. */
export const ProtoType = { Counter: 0, Gauge: 1, Summary: 2, Untyped: 3, Histogram: 4, GaugeHistogram: 5 } as const;

/** A growable array of numbers kept across metrics (length reset, storage kept). */
export class NumberList {
  items: number[] = [];
  length = 0;
  push(v: number): void {
    this.items[this.length++] = v;
  }
  at(i: number): number {
    return this.items[i];
  }
}

export class MetricRecord {
  /** Per label: name start, name end, value start, value end in the body. */
  readonly labels = new NumberList();
  value = 0;
  /** Integer ms; 0 when unset, as proto3 cannot tell unset from zero (Prometheus reads 0 as "no timestamp"). */
  timestampMs = 0;
  /** The counter's, summary's or histogram's start_timestamp in ms, undefined when absent. */
  startMs: number | undefined;
  sampleCount = 0;
  sampleCountFloat = 0;
  sampleSum = 0;
  /** Summary quantiles as (quantile, value) pairs. */
  readonly quantiles = new NumberList();
  /** Classic buckets as (upper bound, cumulative count, cumulative count float) triples. */
  readonly buckets = new NumberList();
  schema = 0;
  zeroThreshold = 0;
  zeroCount = 0;
  zeroCountFloat = 0;
  /** Spans as (offset, length) pairs. */
  readonly posSpans = new NumberList();
  readonly negSpans = new NumberList();
  readonly posDeltas = new NumberList();
  readonly negDeltas = new NumberList();
  readonly posCounts = new NumberList();
  readonly negCounts = new NumberList();

  reset(): void {
    this.labels.length = 0;
    this.quantiles.length = 0;
    this.buckets.length = 0;
    this.posSpans.length = this.negSpans.length = 0;
    this.posDeltas.length = this.negDeltas.length = 0;
    this.posCounts.length = this.negCounts.length = 0;
    this.value = this.timestampMs = 0;
    this.startMs = undefined;
    this.sampleCount = this.sampleCountFloat = this.sampleSum = 0;
    this.schema = this.zeroThreshold = this.zeroCount = this.zeroCountFloat = 0;
  }

  /** isNativeHistogram: spans, or a zero bucket, make a histogram native. */
  isNative(): boolean {
    return this.posSpans.length > 0 || this.negSpans.length > 0 || this.zeroThreshold > 0 || this.zeroCount > 0;
  }

  isFloatHistogram(): boolean {
    return this.sampleCountFloat > 0 || this.zeroCountFloat > 0;
  }
}

/** Decodes the Metric message at r.pos up to `end` into m. */
export function readMetric(r: BinaryReader, end: number, m: MetricRecord): void {
  m.reset();
  while (r.pos < end) {
    const [no, wt] = r.tag();
    switch (no) {
      case 1: readLabelPair(r, sub(r, wt), m); break;
      case 2: case 5: m.value = readValueMessage(r, sub(r, wt)); break;
      case 3: readCounter(r, sub(r, wt), m); break;
      case 4: readSummary(r, sub(r, wt), m); break;
      case 6: m.timestampMs = int64(r.int64()); break;
      case 7: readHistogram(r, sub(r, wt), m); break;
      default: r.skip(wt, no);
    }
  }
}

/** The end of a length-delimited field starting at r.pos. */
export function sub(r: BinaryReader, wt: WireType): number {
  if (wt !== WireType.LengthDelimited) throw new Error(`expected a length-delimited field, got wire type ${wt}`);
  const len = r.uint32();
  const end = r.pos + len;
  if (end > r.len) throw new Error(`field of ${len} bytes runs past the end of the body`);
  return end;
}

/** A string field's [start, end) without decoding it. */
export function stringRange(r: BinaryReader, wt: WireType): [number, number] {
  const end = sub(r, wt);
  const start = r.pos;
  r.pos = end;
  return [start, end];
}

function readLabelPair(r: BinaryReader, end: number, m: MetricRecord): void {
  let ns = 0, ne = 0, vs = 0, ve = 0;
  while (r.pos < end) {
    const [no, wt] = r.tag();
    if (no === 1 || no === 2) {
      const e = sub(r, wt);
      if (no === 1) [ns, ne] = [r.pos, e];
      else [vs, ve] = [r.pos, e];
      r.pos = e;
    } else r.skip(wt, no);
  }
  m.labels.push(ns);
  m.labels.push(ne);
  m.labels.push(vs);
  m.labels.push(ve);
}

function readValueMessage(r: BinaryReader, end: number): number {
  let v = 0;
  while (r.pos < end) {
    const [no, wt] = r.tag();
    if (no === 1 && wt === WireType.Bit64) v = r.double();
    else r.skip(wt, no);
  }
  return v;
}

function readCounter(r: BinaryReader, end: number, m: MetricRecord): void {
  while (r.pos < end) {
    const [no, wt] = r.tag();
    if (no === 1 && wt === WireType.Bit64) m.value = r.double();
    else if (no === 3) m.startMs = readTimestamp(r, sub(r, wt));
    else r.skip(wt, no);
  }
}

function readSummary(r: BinaryReader, end: number, m: MetricRecord): void {
  while (r.pos < end) {
    const [no, wt] = r.tag();
    switch (no) {
      case 1: m.sampleCount = int64(r.uint64()); break;
      case 2: m.sampleSum = r.double(); break;
      case 3: {
        const qe = sub(r, wt);
        let q = 0, v = 0;
        while (r.pos < qe) {
          const [qn, qw] = r.tag();
          if (qn === 1) q = r.double();
          else if (qn === 2) v = r.double();
          else r.skip(qw, qn);
        }
        m.quantiles.push(q);
        m.quantiles.push(v);
        break;
      }
      case 4: m.startMs = readTimestamp(r, sub(r, wt)); break;
      default: r.skip(wt, no);
    }
  }
}

function readHistogram(r: BinaryReader, end: number, m: MetricRecord): void {
  while (r.pos < end) {
    const [no, wt] = r.tag();
    switch (no) {
      case 1: m.sampleCount = int64(r.uint64()); break;
      case 2: m.sampleSum = r.double(); break;
      case 3: readBucket(r, sub(r, wt), m); break;
      case 4: m.sampleCountFloat = r.double(); break;
      case 5: m.schema = r.sint32(); break;
      case 6: m.zeroThreshold = r.double(); break;
      case 7: m.zeroCount = int64(r.uint64()); break;
      case 8: m.zeroCountFloat = r.double(); break;
      case 9: readSpan(r, sub(r, wt), m.negSpans); break;
      case 10: readRepeated(r, wt, m.negDeltas, readSint64); break;
      case 11: readRepeated(r, wt, m.negCounts, readDouble); break;
      case 12: readSpan(r, sub(r, wt), m.posSpans); break;
      case 13: readRepeated(r, wt, m.posDeltas, readSint64); break;
      case 14: readRepeated(r, wt, m.posCounts, readDouble); break;
      case 15: m.startMs = readTimestamp(r, sub(r, wt)); break;
      default: r.skip(wt, no);
    }
  }
}

function readBucket(r: BinaryReader, end: number, m: MetricRecord): void {
  let count = 0, countFloat = 0, upper = 0;
  while (r.pos < end) {
    const [no, wt] = r.tag();
    if (no === 1) count = int64(r.uint64());
    else if (no === 2) upper = r.double();
    else if (no === 4) countFloat = r.double();
    else r.skip(wt, no);
  }
  m.buckets.push(upper);
  m.buckets.push(count);
  m.buckets.push(countFloat);
}

function readSpan(r: BinaryReader, end: number, into: NumberList): void {
  let offset = 0, length = 0;
  while (r.pos < end) {
    const [no, wt] = r.tag();
    if (no === 1) offset = r.sint32();
    else if (no === 2) length = r.uint32();
    else r.skip(wt, no);
  }
  into.push(offset);
  into.push(length);
}

const readSint64 = (r: BinaryReader) => int64(r.sint64());
const readDouble = (r: BinaryReader) => r.double();

/** A repeated scalar, packed (as proto3 writes it) or not. */
function readRepeated(r: BinaryReader, wt: WireType, into: NumberList, one: (r: BinaryReader) => number): void {
  if (wt !== WireType.LengthDelimited) {
    into.push(one(r));
    return;
  }
  const end = sub(r, wt);
  while (r.pos < end) into.push(one(r));
}

/** google.protobuf.Timestamp as integer ms (seconds*1000 + nanos/1e6, as StartTimestamp computes it). */
function readTimestamp(r: BinaryReader, end: number): number {
  let seconds = 0, nanos = 0;
  while (r.pos < end) {
    const [no, wt] = r.tag();
    if (no === 1) seconds = int64(r.int64());
    else if (no === 2) nanos = r.int32();
    else r.skip(wt, no);
  }
  return seconds * 1000 + Math.trunc(nanos / 1e6);
}

/** 64-bit integers as numbers: counts and timestamps stay far below 2^53. */
function int64(v: bigint | string): number {
  return Number(v);
}
