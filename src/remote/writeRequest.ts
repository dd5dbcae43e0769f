// remote_write 1.0's body: prompb.WriteRequest as protobuf. Hand-written
// because the schema is four small messages (WriteRequest, TimeSeries, Label,
// Sample); a generated codec would bring a runtime larger than this file and
// would build an object per sample, where this writes typed arrays straight
// into one byte buffer. The decoder exists so tests can check round trips.

import { isStaleNaN, STALE_NAN_BITS_HI, STALE_NAN_BITS_LO } from '../model/staleNaN';

// Field tags: (field number << 3) | wire type.
const TAG_TIMESERIES = (1 << 3) | 2; // WriteRequest.timeseries
const TAG_LABELS = (1 << 3) | 2; // TimeSeries.labels
const TAG_SAMPLES = (2 << 3) | 2; // TimeSeries.samples
const TAG_NAME = (1 << 3) | 2; // Label.name
const TAG_VALUE = (2 << 3) | 2; // Label.value
const TAG_SAMPLE_VALUE = (1 << 3) | 1; // Sample.value, double (fixed64)
const TAG_SAMPLE_TIMESTAMP = (2 << 3) | 0; // Sample.timestamp, int64 (varint)

const utf8 = new TextEncoder();

/** Bytes a varint takes for a non-negative integer below 2^53, or 10 for a negative int64. */
function varintSize(n: number): number {
  if (n < 0) return 10;
  let size = 1;
  while (n >= 128) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

function writeVarint(buf: Uint8Array, at: number, n: number): number {
  if (n < 0) {
    // int64 varints of negative numbers are their 64-bit two's complement: always 10 bytes.
    let b = BigInt.asUintN(64, BigInt(n));
    for (let i = 0; i < 9; i++) {
      buf[at++] = Number(b & 0x7fn) | 0x80;
      b >>= 7n;
    }
    buf[at++] = Number(b);
    return at;
  }
  while (n >= 128) {
    buf[at++] = (n % 128) | 0x80;
    n = Math.floor(n / 128);
  }
  buf[at++] = n;
  return at;
}

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
 * `starts[k]` up to `starts[k + 1]` of `ts`/`vs`, oldest first.
 */
export interface SeriesBatch {
  labels: readonly Uint8Array[];
  starts: Uint32Array;
  ts: Float64Array;
  vs: Float64Array;
}

function sampleSize(t: number): number {
  return 1 + 8 + 1 + varintSize(t);
}

/** A WriteRequest with one TimeSeries per series of the batch. */
export function encodeWriteRequest(b: SeriesBatch): Uint8Array {
  const n = b.labels.length;
  const seriesSizes = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    let size = b.labels[k].length;
    for (let i = b.starts[k]; i < b.starts[k + 1]; i++) {
      const s = sampleSize(b.ts[i]);
      size += 1 + varintSize(s) + s;
    }
    seriesSizes[k] = size;
    total += 1 + varintSize(size) + size;
  }
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  for (let k = 0; k < n; k++) {
    out[at++] = TAG_TIMESERIES;
    at = writeVarint(out, at, seriesSizes[k]);
    out.set(b.labels[k], at);
    at += b.labels[k].length;
    for (let i = b.starts[k]; i < b.starts[k + 1]; i++) {
      const t = b.ts[i];
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
}

class Reader {
  at = 0;
  constructor(
    readonly buf: Uint8Array,
    readonly end = buf.length,
  ) {}

  varint(): number {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.at >= this.end) throw new RangeError('protobuf: truncated varint');
      const b = this.buf[this.at++];
      result |= BigInt(b & 0x7f) << shift;
      if (b < 128) break;
      shift += 7n;
    }
    return Number(BigInt.asIntN(64, result));
  }

  sub(): Reader {
    const len = this.varint();
    const r = new Reader(this.buf, this.at + len);
    if (r.end > this.end) throw new RangeError('protobuf: field runs past its message');
    r.at = this.at;
    this.at += len;
    return r;
  }

  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.at += 8;
    else if (wire === 2) this.at = this.sub().end;
    else if (wire === 5) this.at += 4;
    else throw new RangeError(`protobuf: wire type ${wire} not supported`);
  }
}

const utf8Decoder = new TextDecoder();

/** Reads a WriteRequest (uncompressed); fields other than labels and samples are skipped. */
export function decodeWriteRequest(bytes: Uint8Array): DecodedSeries[] {
  const out: DecodedSeries[] = [];
  const r = new Reader(bytes);
  while (r.at < r.end) {
    const tag = r.varint();
    if (tag !== TAG_TIMESERIES) {
      r.skip(tag & 7);
      continue;
    }
    const ts = r.sub();
    const series: DecodedSeries = { labels: [], ts: [], vs: [], valueBits: [] };
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
      } else ts.skip(t & 7);
    }
    out.push(series);
  }
  return out;
}
