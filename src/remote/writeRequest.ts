// remote_write 1.0's body: prompb.WriteRequest as protobuf. Hand-written
// because the schema is a few small messages (WriteRequest, TimeSeries, Label,
// Sample, Histogram); it writes typed arrays and pre-encoded histograms
// straight into one byte buffer sized up front. @bufbuild/protobuf's
// BinaryWriter was measured against it (src/cli/remoteWrite.bench.ts) and is
// slower here. The decoder exists so tests can check round trips.

import type { FloatHistogram } from '../model/histogram/floatHistogram';
import type { Histogram } from '../model/histogram/histogram';
import { isStaleNaN, STALE_NAN_BITS_HI, STALE_NAN_BITS_LO } from '../model/staleNaN';
import { decodeHistogram, TAG_HISTOGRAM_TIMESTAMP } from './histogramProto';
import { ProtoReader, varintSize, writeVarint } from './protoWire';

// Field tags: (field number << 3) | wire type.
const TAG_TIMESERIES = (1 << 3) | 2; // WriteRequest.timeseries
const TAG_LABELS = (1 << 3) | 2; // TimeSeries.labels
const TAG_SAMPLES = (2 << 3) | 2; // TimeSeries.samples
const TAG_HISTOGRAMS = (4 << 3) | 2; // TimeSeries.histograms
const TAG_NAME = (1 << 3) | 2; // Label.name
const TAG_VALUE = (2 << 3) | 2; // Label.value
const TAG_SAMPLE_VALUE = (1 << 3) | 1; // Sample.value, double (fixed64)
const TAG_SAMPLE_TIMESTAMP = (2 << 3) | 0; // Sample.timestamp, int64 (varint)

const utf8 = new TextEncoder();

/**
 * A series' labels as the encoded `repeated Label labels = 1` fields of a
 * TimeSeries, built once per series so each batch copies bytes instead of
 * encoding strings again.
 */
export function encodeLabels(flatPairs: readonly string[]): Uint8Array {
  const parts: Uint8Array[] = flatPairs.map((s) => utf8.encode(s));
  let size = 0;
  for (let i = 0; i < parts.length; i += 2) {
    const inner = 1 + varintSize(parts[i].length) + parts[i].length + 1 + varintSize(parts[i + 1].length) + parts[i + 1].length;
    size += 1 + varintSize(inner) + inner;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (let i = 0; i < parts.length; i += 2) {
    const name = parts[i];
    const value = parts[i + 1];
    const inner = 1 + varintSize(name.length) + name.length + 1 + varintSize(value.length) + value.length;
    out[at++] = TAG_LABELS;
    at = writeVarint(out, at, inner);
    out[at++] = TAG_NAME;
    at = writeVarint(out, at, name.length);
    out.set(name, at);
    at += name.length;
    out[at++] = TAG_VALUE;
    at = writeVarint(out, at, value.length);
    out.set(value, at);
    at += value.length;
  }
  return out;
}

/**
 * Samples grouped by series for one request: series `k` owns samples
 * `starts[k]` up to `starts[k + 1]` of `ts`/`vs`, oldest first. Where `hs[i]`
 * is set, sample `i` is a native histogram (encodeHistogram's bytes) and
 * `vs[i]` is unused.
 */
export interface SeriesBatch {
  labels: readonly Uint8Array[];
  starts: Uint32Array;
  ts: Float64Array;
  vs: Float64Array;
  hs?: readonly (Uint8Array | undefined)[];
}

function sampleSize(t: number): number {
  return 1 + 8 + 1 + varintSize(t);
}

function histogramSize(h: Uint8Array, t: number): number {
  return h.length + 1 + varintSize(t);
}

/**
 * A WriteRequest with one TimeSeries per run of one kind in each series: a
 * receiver appends a message's floats before its histograms, so a series
 * whose samples switch kind is split where it switches, keeping them in time
 * order.
 */
export function encodeWriteRequest(b: SeriesBatch): Uint8Array {
  const hs = b.hs;
  // Runs as [series, start, end, size] quadruples.
  const runs: number[] = [];
  let total = 0;
  for (let k = 0; k < b.labels.length; k++) {
    let i = b.starts[k];
    const end = b.starts[k + 1];
    while (i < end) {
      const start = i;
      const hist = hs?.[i] !== undefined;
      let size = b.labels[k].length;
      for (; i < end && (hs?.[i] !== undefined) === hist; i++) {
        const s = hist ? histogramSize(hs![i]!, b.ts[i]) : sampleSize(b.ts[i]);
        size += 1 + varintSize(s) + s;
      }
      runs.push(k, start, i, size);
      total += 1 + varintSize(size) + size;
    }
  }
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  for (let r = 0; r < runs.length; r += 4) {
    const labels = b.labels[runs[r]];
    out[at++] = TAG_TIMESERIES;
    at = writeVarint(out, at, runs[r + 3]);
    out.set(labels, at);
    at += labels.length;
    for (let i = runs[r + 1]; i < runs[r + 2]; i++) {
      const t = b.ts[i];
      const h = hs?.[i];
      if (h !== undefined) {
        out[at++] = TAG_HISTOGRAMS;
        at = writeVarint(out, at, histogramSize(h, t));
        out.set(h, at);
        at += h.length;
        out[at++] = TAG_HISTOGRAM_TIMESTAMP;
        at = writeVarint(out, at, t);
        continue;
      }
      const v = b.vs[i];
      out[at++] = TAG_SAMPLES;
      at = writeVarint(out, at, sampleSize(t));
      out[at++] = TAG_SAMPLE_VALUE;
      // V8 may have quieted the stale marker; the receiver must see Prometheus's exact bits.
      if (isStaleNaN(v)) {
        view.setUint32(at, STALE_NAN_BITS_LO, true);
        view.setUint32(at + 4, STALE_NAN_BITS_HI, true);
      } else view.setFloat64(at, v, true);
      at += 8;
      out[at++] = TAG_SAMPLE_TIMESTAMP;
      at = writeVarint(out, at, t);
    }
  }
  return out;
}

/** A decoded TimeSeries: label pairs as written, samples in order. */
export interface DecodedSeries {
  labels: [string, string][];
  ts: number[];
  vs: number[];
  /** The raw 8 bytes of each value, little-endian, for bit-exact checks. */
  valueBits: Uint8Array[];
  /** Native histogram samples, in order. */
  histograms: { t: number; h: Histogram | FloatHistogram }[];
}

const utf8Decoder = new TextDecoder();

/** Reads a WriteRequest (uncompressed); fields other than labels, samples and histograms are skipped. */
export function decodeWriteRequest(bytes: Uint8Array): DecodedSeries[] {
  const out: DecodedSeries[] = [];
  const r = new ProtoReader(bytes);
  while (r.at < r.end) {
    const tag = r.varint();
    if (tag !== TAG_TIMESERIES) {
      r.skip(tag & 7);
      continue;
    }
    const ts = r.sub();
    const series: DecodedSeries = { labels: [], ts: [], vs: [], valueBits: [], histograms: [] };
    while (ts.at < ts.end) {
      const t = ts.varint();
      if (t === TAG_LABELS) {
        const l = ts.sub();
        let name = '';
        let value = '';
        while (l.at < l.end) {
          const lt = l.varint();
          if (lt === TAG_NAME || lt === TAG_VALUE) {
            const s = l.sub();
            const text = utf8Decoder.decode(bytes.subarray(s.at, s.end));
            if (lt === TAG_NAME) name = text;
            else value = text;
          } else l.skip(lt & 7);
        }
        series.labels.push([name, value]);
      } else if (t === TAG_SAMPLES) {
        const s = ts.sub();
        let v = 0;
        let time = 0;
        let bits = new Uint8Array(8);
        while (s.at < s.end) {
          const st = s.varint();
          if (st === TAG_SAMPLE_VALUE) {
            bits = bytes.slice(s.at, s.at + 8);
            v = new DataView(bits.buffer).getFloat64(0, true);
            s.at += 8;
          } else if (st === TAG_SAMPLE_TIMESTAMP) time = s.varint();
          else s.skip(st & 7);
        }
        series.ts.push(time);
        series.vs.push(v);
        series.valueBits.push(bits);
      } else if (t === TAG_HISTOGRAMS) series.histograms.push(decodeHistogram(ts.sub()));
      else ts.skip(t & 7);
    }
    out.push(series);
  }
  return out;
}
