// Integer native histogram chunks in Prometheus's layout
// (tsdb/chunkenc/histogram.go, histogram_meta.go): a 2-byte big-endian sample
// count, a flags byte whose top two bits are the counter-reset header, then
// the layout (zero threshold, schema, positive and negative spans, custom
// bounds) and per sample the time, count, zero count (varbit: raw, then
// delta-of-delta), the sum (64 raw bits, then XOR) and each bucket (varbit,
// raw then delta-of-delta). The bytes are what Prometheus writes and reads.
// Counts stay below 2^51, so their deltas of deltas are exact doubles.

import { Histogram } from '../model/histogram/histogram';
import { CounterResetHint, CUSTOM_BUCKETS_SCHEMA, type Span } from '../model/histogram/types';
import { isStaleNaN, STALE_NAN_BITS_HI, STALE_NAN_BITS_LO } from '../model/staleNaN';
import { BitReader, BitWriter, writeBit, writeBits, type BitSink } from './bitStream';
import { putVarbitInt, putVarbitUint, readVarbitInt, readVarbitUint } from './varbit';
import { readXorValue, writeXorValue, type XorWindow } from './xorChunk';

/** Prometheus's chunk encoding numbers (chunkenc.Encoding). */
export const EncHistogram = 2;
export const EncFloatHistogram = 3;

/** The counter-reset header: the flags byte's top two bits (chunkenc.CounterResetHeader). */
export const CounterResetHeader = { Unknown: 0b00000000, CounterReset: 0b10000000, NotCounterReset: 0b01000000, Gauge: 0b11000000 } as const;
export type CounterResetHeader = (typeof CounterResetHeader)[keyof typeof CounterResetHeader];
const HEADER_MASK = 0b11000000;
export const HISTOGRAM_HEADER_SIZE = 3;
export const HEADER_FLAGS_MASK = HEADER_MASK;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

export function floatBits(v: number): [number, number] {
  if (v !== v && isStaleNaN(v)) return [STALE_NAN_BITS_HI, STALE_NAN_BITS_LO];
  f64[0] = v;
  return [u32[1], u32[0]];
}

export function fromBits(hi: number, lo: number): number {
  u32[1] = hi;
  u32[0] = lo;
  return f64[0];
}

/** Prometheus's putZeroThreshold: 0 as one 0 byte, a power of two 2^-243…2^10 as one byte, anything else 255 and 64 bits. */
export function putZeroThreshold(s: BitSink, threshold: number): void {
  if (threshold === 0) {
    writeBits(s, 0, 8);
    return;
  }
  // frexp(threshold) has fraction 0.5 exactly when threshold is 2^(exp-1).
  const e = Math.log2(threshold);
  if (threshold > 0 && Number.isInteger(e) && 2 ** e === threshold && e + 1 >= -242 && e + 1 <= 11) {
    writeBits(s, e + 1 + 243, 8);
    return;
  }
  writeBits(s, 255, 8);
  const [hi, lo] = floatBits(threshold);
  writeBits(s, hi, 32);
  writeBits(s, lo, 32);
}

export function readZeroThreshold(r: BitReader): number {
  const b = r.readBits(8);
  if (b === 0) return 0;
  if (b === 255) return fromBits(r.readBits(32), r.readBits(32));
  return 2 ** (b - 244);
}

/** Prometheus's putCustomBound: multiples of 0.001 in [0, 33554.43] as varbit(bound·1000 + 1), others a 0 bit and 64 raw bits. */
function putCustomBound(s: BitSink, f: number): void {
  const tf = f * 1000;
  if (tf < 0 || tf > 33554430 || Math.round(tf) / 1000 !== f) {
    writeBit(s, 0);
    const [hi, lo] = floatBits(f);
    writeBits(s, hi, 32);
    writeBits(s, lo, 32);
    return;
  }
  putVarbitUint(s, Math.round(tf) + 1);
}

function readCustomBound(r: BitReader): number {
  const b = readVarbitUint(r);
  return b === 0 ? fromBits(r.readBits(32), r.readBits(32)) : (b - 1) / 1000;
}

function putSpans(s: BitSink, spans: readonly Span[]): void {
  putVarbitUint(s, spans.length);
  for (const sp of spans) {
    putVarbitUint(s, sp.length);
    putVarbitInt(s, sp.offset);
  }
}

function readSpans(r: BitReader): Span[] {
  const n = readVarbitUint(r);
  const out: Span[] = [];
  for (let i = 0; i < n; i++) {
    const length = readVarbitUint(r);
    out.push({ length, offset: readVarbitInt(r) });
  }
  return out;
}

export interface ChunkLayout {
  schema: number;
  zeroThreshold: number;
  positiveSpans: Span[];
  negativeSpans: Span[];
  customValues: readonly number[] | undefined;
}

export function writeLayout(s: BitSink, l: ChunkLayout): void {
  putZeroThreshold(s, l.zeroThreshold);
  putVarbitInt(s, l.schema);
  putSpans(s, l.positiveSpans);
  putSpans(s, l.negativeSpans);
  if (l.schema === CUSTOM_BUCKETS_SCHEMA) {
    const cv = l.customValues ?? [];
    putVarbitUint(s, cv.length);
    for (const b of cv) putCustomBound(s, b);
  }
}

export function readLayout(r: BitReader): ChunkLayout {
  const zeroThreshold = readZeroThreshold(r);
  const schema = readVarbitInt(r);
  const positiveSpans = readSpans(r);
  const negativeSpans = readSpans(r);
  let customValues: number[] | undefined;
  if (schema === CUSTOM_BUCKETS_SCHEMA) {
    const n = readVarbitUint(r);
    customValues = [];
    for (let i = 0; i < n; i++) customValues.push(readCustomBound(r));
  }
  return { schema, zeroThreshold, positiveSpans, negativeSpans, customValues };
}

export function sameSpans(a: readonly Span[], b: readonly Span[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].offset !== b[i].offset || a[i].length !== b[i].length) return false;
  return true;
}

export function sameBounds(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Bucket counts by bucket index, from spans and buckets (delta-encoded ones summed up when `deltas`). */
export function countsByIndex(spans: readonly Span[], buckets: readonly number[], deltas: boolean): Map<number, number> {
  const out = new Map<number, number>();
  let idx = 0;
  let k = 0;
  let cur = 0;
  for (const sp of spans) {
    idx += sp.offset;
    for (let j = 0; j < sp.length; j++) {
      cur = deltas ? cur + buckets[k++] : buckets[k++];
      out.set(idx++, cur);
    }
  }
  return out;
}

/** Whether a bucket of `prev` has fewer observations in `next` (a missing bucket counts 0), as expandIntSpansAndBuckets finds. */
export function bucketDecreased(prevSpans: readonly Span[], prev: readonly number[], nextSpans: readonly Span[], next: readonly number[], deltas: boolean): boolean {
  const after = countsByIndex(nextSpans, next, deltas);
  for (const [i, c] of countsByIndex(prevSpans, prev, deltas)) if ((after.get(i) ?? 0) < c) return true;
  return false;
}

/**
 * Appends integer histograms to one chunk (Prometheus's HistogramAppender).
 * A sample the chunk cannot take — another layout, a counter reset, the
 * sample after a stale marker — is refused by `appendable`, and the caller
 * starts a new chunk with the header it returns; where that is only new
 * buckets, the caller recodes the chunk instead (histogramRecode.ts), as
 * Prometheus's head does.
 */
export class HistogramChunkAppender implements XorWindow {
  private readonly w = new BitWriter(64);
  private n = 0;
  private layout: ChunkLayout | undefined;
  private t = 0;
  private tDelta = 0;
  private cnt = 0;
  private cntDelta = 0;
  private zCnt = 0;
  private zCntDelta = 0;
  private pBuckets: number[] = [];
  private pDelta: number[] = [];
  private nBuckets: number[] = [];
  private nDelta: number[] = [];
  private sum = 0;
  vHi = 0;
  vLo = 0;
  leading = 0xff;
  trailing = 0;

  constructor(header: CounterResetHeader = CounterResetHeader.Unknown) {
    writeBits(this.w, 0, 16);
    writeBits(this.w, header, 8);
  }

  get numSamples(): number {
    return this.n;
  }

  /** The layout the chunk's first sample wrote; undefined while empty. */
  get chunkLayout(): ChunkLayout | undefined {
    return this.layout;
  }

  get header(): CounterResetHeader {
    return (this.w.buf[2] & HEADER_MASK) as CounterResetHeader;
  }

  /**
   * The header a new chunk gets when `h` cannot follow this one, or undefined
   * when it can be appended here (Prometheus's appendable; a gauge chunk
   * takes any gauge histogram of the same layout).
   */
  appendable(h: Histogram): CounterResetHeader | undefined {
    const l = this.layout;
    if (this.n === 0 || l === undefined) return undefined;
    const gauge = this.header === CounterResetHeader.Gauge;
    // A counter histogram after a gauge chunk starts one marked NotCounterReset, as appendable answers there.
    if (gauge !== (h.counterResetHint === CounterResetHint.Gauge)) return gauge ? CounterResetHeader.NotCounterReset : CounterResetHeader.Gauge;
    const sameLayout = h.schema === l.schema && h.zeroThreshold === l.zeroThreshold && sameSpans(h.positiveSpans, l.positiveSpans) && sameSpans(h.negativeSpans, l.negativeSpans) && sameBounds(h.customValues, l.customValues);
    if (gauge) return sameLayout ? undefined : CounterResetHeader.Gauge;
    if (h.counterResetHint === CounterResetHint.CounterReset) return CounterResetHeader.CounterReset;
    if (isStaleNaN(h.sum)) return undefined;
    if (isStaleNaN(this.sum)) return CounterResetHeader.Unknown;
    if (h.count < this.cnt) return CounterResetHeader.CounterReset;
    if (h.schema !== l.schema || h.zeroThreshold !== l.zeroThreshold) return CounterResetHeader.Unknown;
    if (h.schema === CUSTOM_BUCKETS_SCHEMA && !sameBounds(h.customValues, l.customValues)) return CounterResetHeader.CounterReset;
    if (h.zeroCount < this.zCnt) return CounterResetHeader.CounterReset;
    if (bucketDecreased(l.positiveSpans, this.pBuckets, h.positiveSpans, h.positiveBuckets, true)) return CounterResetHeader.CounterReset;
    if (bucketDecreased(l.negativeSpans, this.nBuckets, h.negativeSpans, h.negativeBuckets, true)) return CounterResetHeader.CounterReset;
    return sameLayout ? undefined : CounterResetHeader.NotCounterReset;
  }

  /** Appends h, which `appendable` accepted (or the chunk's first sample). */
  append(t: number, h: Histogram): void {
    const w = this.w;
    const stale = isStaleNaN(h.sum);
    // A stale marker writes no buckets (and, first in a chunk, an empty layout).
    const pb = stale ? [] : h.positiveBuckets;
    const nb = stale ? [] : h.negativeBuckets;
    const [sHi, sLo] = floatBits(h.sum);
    let tDelta = 0;
    let cntDelta = 0;
    let zCntDelta = 0;
    const count = stale ? 0 : h.count;
    const zeroCount = stale ? 0 : h.zeroCount;
    if (this.n === 0) {
      const l: ChunkLayout = stale
        ? { schema: 0, zeroThreshold: 0, positiveSpans: [], negativeSpans: [], customValues: undefined }
        : { schema: h.schema, zeroThreshold: h.zeroThreshold, positiveSpans: h.positiveSpans.slice(), negativeSpans: h.negativeSpans.slice(), customValues: h.customValues };
      writeLayout(w, l);
      this.layout = l;
      this.pBuckets = new Array<number>(pb.length).fill(0);
      this.pDelta = new Array<number>(pb.length).fill(0);
      this.nBuckets = new Array<number>(nb.length).fill(0);
      this.nDelta = new Array<number>(nb.length).fill(0);
      if (h.counterResetHint === CounterResetHint.Gauge) w.buf[2] = CounterResetHeader.Gauge;
      else if (h.counterResetHint === CounterResetHint.CounterReset) w.buf[2] = CounterResetHeader.CounterReset;
      putVarbitInt(w, t);
      putVarbitUint(w, count);
      putVarbitUint(w, zeroCount);
      writeBits(w, sHi, 32);
      writeBits(w, sLo, 32);
      for (const b of pb) putVarbitInt(w, b);
      for (const b of nb) putVarbitInt(w, b);
    } else {
      tDelta = t - this.t;
      cntDelta = count - this.cnt;
      zCntDelta = zeroCount - this.zCnt;
      putVarbitInt(w, tDelta - this.tDelta);
      putVarbitInt(w, stale ? 0 : cntDelta - this.cntDelta);
      putVarbitInt(w, stale ? 0 : zCntDelta - this.zCntDelta);
      writeXorValue(w, this, sHi, sLo);
      for (let i = 0; i < pb.length; i++) {
        const delta = pb[i] - this.pBuckets[i];
        putVarbitInt(w, delta - this.pDelta[i]);
        this.pDelta[i] = delta;
      }
      for (let i = 0; i < nb.length; i++) {
        const delta = nb[i] - this.nBuckets[i];
        putVarbitInt(w, delta - this.nDelta[i]);
        this.nDelta[i] = delta;
      }
    }
    this.t = t;
    this.cnt = count;
    this.zCnt = zeroCount;
    this.tDelta = tDelta;
    this.cntDelta = cntDelta;
    this.zCntDelta = zCntDelta;
    for (let i = 0; i < pb.length; i++) this.pBuckets[i] = pb[i];
    for (let i = 0; i < nb.length; i++) this.nBuckets[i] = nb[i];
    this.sum = fromBits(sHi, sLo);
    this.vHi = sHi;
    this.vLo = sLo;
    this.n++;
    w.buf[0] = this.n >>> 8;
    w.buf[1] = this.n & 0xff;
  }

  get byteLength(): number {
    return this.w.byteLength;
  }

  /** The chunk's bytes (a copy). */
  bytes(): Uint8Array {
    return this.w.bytes();
  }
}

/** The chunk's counter-reset header. */
export function histogramChunkHeader(bytes: Uint8Array): CounterResetHeader {
  return (bytes[2] & HEADER_MASK) as CounterResetHeader;
}

/**
 * Decodes every sample of an integer histogram chunk, calling `visit` with
 * each time and a new Histogram; the hint is the header's for the first
 * sample, NotCounterReset after it (Gauge throughout a gauge chunk), as
 * Prometheus's iterator reports. A stale marker comes as a Histogram with the
 * stale NaN sum and nothing else.
 */
export function decodeHistogramChunk(bytes: Uint8Array, visit: (t: number, h: Histogram) => void): void {
  if (bytes.length < HISTOGRAM_HEADER_SIZE) throw new Error(`histogram chunk: ${bytes.length} bytes, shorter than its header`);
  const total = (bytes[0] << 8) | bytes[1];
  if (total === 0) return;
  const header = histogramChunkHeader(bytes);
  const r = new BitReader(bytes, HISTOGRAM_HEADER_SIZE * 8);
  const l = readLayout(r);
  const np = l.positiveSpans.reduce((a, s) => a + s.length, 0);
  const nn = l.negativeSpans.reduce((a, s) => a + s.length, 0);
  const pb = new Array<number>(np).fill(0);
  const pd = new Array<number>(np).fill(0);
  const nbk = new Array<number>(nn).fill(0);
  const nd = new Array<number>(nn).fill(0);
  const x: XorWindow = { vHi: 0, vLo: 0, leading: 0, trailing: 0 };
  let t = 0;
  let tDelta = 0;
  let cnt = 0;
  let cntDelta = 0;
  let zCnt = 0;
  let zCntDelta = 0;
  for (let k = 0; k < total; k++) {
    if (k === 0) {
      t = readVarbitInt(r);
      cnt = readVarbitUint(r);
      zCnt = readVarbitUint(r);
      x.vHi = r.readBits(32);
      x.vLo = r.readBits(32);
      for (let i = 0; i < np; i++) pb[i] = readVarbitInt(r);
      for (let i = 0; i < nn; i++) nbk[i] = readVarbitInt(r);
    } else {
      tDelta += readVarbitInt(r);
      t += tDelta;
      cntDelta += readVarbitInt(r);
      cnt += cntDelta;
      zCntDelta += readVarbitInt(r);
      zCnt += zCntDelta;
      readXorValue(r, x);
      if (!isStaleNaN(fromBits(x.vHi, x.vLo))) {
        for (let i = 0; i < np; i++) pb[i] += pd[i] += readVarbitInt(r);
        for (let i = 0; i < nn; i++) nbk[i] += nd[i] += readVarbitInt(r);
      }
    }
    if (r.overrun) throw new Error(`histogram chunk: truncated at sample ${k} of ${total}`);
    const sum = fromBits(x.vHi, x.vLo);
    if (isStaleNaN(sum)) {
      visit(t, new Histogram({ sum }));
      continue;
    }
    const hint = header === CounterResetHeader.Gauge ? CounterResetHint.Gauge : k > 0 ? CounterResetHint.NotCounterReset : CounterResetHint.Unknown;
    visit(
      t,
      new Histogram({
        counterResetHint: hint,
        schema: l.schema,
        zeroThreshold: l.zeroThreshold,
        zeroCount: zCnt,
        count: cnt,
        sum,
        positiveSpans: l.positiveSpans.map((s) => ({ ...s })),
        negativeSpans: l.negativeSpans.map((s) => ({ ...s })),
        positiveBuckets: pb.slice(),
        negativeBuckets: nbk.slice(),
        customValues: l.customValues,
      }),
    );
  }
}
