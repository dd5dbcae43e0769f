// Float native histogram chunks in Prometheus's layout
// (tsdb/chunkenc/float_histogram.go): the integer chunk's header and layout,
// then per sample the time (varbit: raw, then delta-of-delta) and count, zero
// count, sum and every bucket as 64 raw bits, then each XOR-ed against its
// own previous value with its own window, as float chunks write values.

import { FloatHistogram } from '../model/histogram/floatHistogram';
import { CounterResetHint, CUSTOM_BUCKETS_SCHEMA } from '../model/histogram/types';
import { isStaleNaN } from '../model/staleNaN';
import { BitReader, BitWriter, writeBits } from './bitStream';
import { bucketDecreased, CounterResetHeader, floatBits, fromBits, HEADER_FLAGS_MASK, HISTOGRAM_HEADER_SIZE, readLayout, sameBounds, sameSpans, writeLayout, type ChunkLayout } from './histogramChunk';
import { putVarbitInt, readVarbitInt } from './varbit';
import { readXorValue, writeXorValue, type XorWindow } from './xorChunk';

function field(): XorWindow {
  return { vHi: 0, vLo: 0, leading: 0xff, trailing: 0 };
}

function writeField(w: BitWriter, x: XorWindow, v: number): void {
  const [hi, lo] = floatBits(v);
  writeXorValue(w, x, hi, lo);
  x.vHi = hi;
  x.vLo = lo;
}

function writeRaw(w: BitWriter, x: XorWindow, v: number): void {
  const [hi, lo] = floatBits(v);
  writeBits(w, hi, 32);
  writeBits(w, lo, 32);
  x.vHi = hi;
  x.vLo = lo;
}

function valueOf(x: XorWindow): number {
  return fromBits(x.vHi, x.vLo);
}

/**
 * Appends float histograms to one chunk (Prometheus's FloatHistogramAppender),
 * refusing, through `appendable`, what needs a new chunk as
 * HistogramChunkAppender does (new buckets alone are recoded by the caller).
 */
export class FloatHistogramChunkAppender {
  private readonly w = new BitWriter(64);
  private n = 0;
  private layout: ChunkLayout | undefined;
  private t = 0;
  private tDelta = 0;
  private readonly cnt = field();
  private readonly zCnt = field();
  private readonly sum = field();
  private pBuckets: XorWindow[] = [];
  private nBuckets: XorWindow[] = [];

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
    return (this.w.buf[2] & HEADER_FLAGS_MASK) as CounterResetHeader;
  }

  /** The header a new chunk gets when `h` cannot follow this one, or undefined when it can be appended here. */
  appendable(h: FloatHistogram): CounterResetHeader | undefined {
    const l = this.layout;
    if (this.n === 0 || l === undefined) return undefined;
    const gauge = this.header === CounterResetHeader.Gauge;
    if (gauge !== (h.counterResetHint === CounterResetHint.Gauge)) return gauge ? CounterResetHeader.NotCounterReset : CounterResetHeader.Gauge;
    const sameLayout = h.schema === l.schema && h.zeroThreshold === l.zeroThreshold && sameSpans(h.positiveSpans, l.positiveSpans) && sameSpans(h.negativeSpans, l.negativeSpans) && sameBounds(h.customValues, l.customValues);
    if (gauge) return sameLayout ? undefined : CounterResetHeader.Gauge;
    if (h.counterResetHint === CounterResetHint.CounterReset) return CounterResetHeader.CounterReset;
    if (isStaleNaN(h.sum)) return undefined;
    if (isStaleNaN(valueOf(this.sum))) return CounterResetHeader.Unknown;
    if (h.count < valueOf(this.cnt)) return CounterResetHeader.CounterReset;
    if (h.schema !== l.schema || h.zeroThreshold !== l.zeroThreshold) return CounterResetHeader.Unknown;
    if (h.schema === CUSTOM_BUCKETS_SCHEMA && !sameBounds(h.customValues, l.customValues)) return CounterResetHeader.CounterReset;
    if (h.zeroCount < valueOf(this.zCnt)) return CounterResetHeader.CounterReset;
    if (bucketDecreased(l.positiveSpans, this.pBuckets.map(valueOf), h.positiveSpans, h.positiveBuckets, false)) return CounterResetHeader.CounterReset;
    if (bucketDecreased(l.negativeSpans, this.nBuckets.map(valueOf), h.negativeSpans, h.negativeBuckets, false)) return CounterResetHeader.CounterReset;
    return sameLayout ? undefined : CounterResetHeader.NotCounterReset;
  }

  /** Appends h, which `appendable` accepted (or the chunk's first sample). */
  append(t: number, h: FloatHistogram): void {
    const w = this.w;
    const stale = isStaleNaN(h.sum);
    const pb = stale ? [] : h.positiveBuckets;
    const nb = stale ? [] : h.negativeBuckets;
    const count = stale ? 0 : h.count;
    const zeroCount = stale ? 0 : h.zeroCount;
    let tDelta = 0;
    if (this.n === 0) {
      const l: ChunkLayout = stale
        ? { schema: 0, zeroThreshold: 0, positiveSpans: [], negativeSpans: [], customValues: undefined }
        : { schema: h.schema, zeroThreshold: h.zeroThreshold, positiveSpans: h.positiveSpans.slice(), negativeSpans: h.negativeSpans.slice(), customValues: h.customValues };
      writeLayout(w, l);
      this.layout = l;
      if (h.counterResetHint === CounterResetHint.Gauge) w.buf[2] = CounterResetHeader.Gauge;
      else if (h.counterResetHint === CounterResetHint.CounterReset) w.buf[2] = CounterResetHeader.CounterReset;
      putVarbitInt(w, t);
      writeRaw(w, this.cnt, count);
      writeRaw(w, this.zCnt, zeroCount);
      writeRaw(w, this.sum, h.sum);
      this.pBuckets = pb.map(field);
      this.nBuckets = nb.map(field);
      pb.forEach((b, i) => writeRaw(w, this.pBuckets[i], b));
      nb.forEach((b, i) => writeRaw(w, this.nBuckets[i], b));
    } else {
      tDelta = t - this.t;
      putVarbitInt(w, tDelta - this.tDelta);
      writeField(w, this.cnt, count);
      writeField(w, this.zCnt, zeroCount);
      writeField(w, this.sum, h.sum);
      pb.forEach((b, i) => writeField(w, this.pBuckets[i], b));
      nb.forEach((b, i) => writeField(w, this.nBuckets[i], b));
    }
    this.t = t;
    this.tDelta = tDelta;
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

/** Decodes every sample of a float histogram chunk, with the hints decodeHistogramChunk gives. */
export function decodeFloatHistogramChunk(bytes: Uint8Array, visit: (t: number, h: FloatHistogram) => void): void {
  if (bytes.length < HISTOGRAM_HEADER_SIZE) throw new Error(`float histogram chunk: ${bytes.length} bytes, shorter than its header`);
  const total = (bytes[0] << 8) | bytes[1];
  if (total === 0) return;
  const header = (bytes[2] & HEADER_FLAGS_MASK) as CounterResetHeader;
  const r = new BitReader(bytes, HISTOGRAM_HEADER_SIZE * 8);
  const l = readLayout(r);
  const pb = Array.from({ length: l.positiveSpans.reduce((a, s) => a + s.length, 0) }, field);
  const nb = Array.from({ length: l.negativeSpans.reduce((a, s) => a + s.length, 0) }, field);
  const cnt = field();
  const zCnt = field();
  const sum = field();
  const raw = (x: XorWindow) => {
    x.vHi = r.readBits(32);
    x.vLo = r.readBits(32);
  };
  let t = 0;
  let tDelta = 0;
  for (let k = 0; k < total; k++) {
    if (k === 0) {
      t = readVarbitInt(r);
      raw(cnt);
      raw(zCnt);
      raw(sum);
      pb.forEach(raw);
      nb.forEach(raw);
    } else {
      tDelta += readVarbitInt(r);
      t += tDelta;
      readXorValue(r, cnt);
      readXorValue(r, zCnt);
      readXorValue(r, sum);
      if (!isStaleNaN(valueOf(sum))) {
        for (const x of pb) readXorValue(r, x);
        for (const x of nb) readXorValue(r, x);
      }
    }
    if (r.overrun) throw new Error(`float histogram chunk: truncated at sample ${k} of ${total}`);
    if (isStaleNaN(valueOf(sum))) {
      visit(t, new FloatHistogram({ sum: valueOf(sum) }));
      continue;
    }
    const hint = header === CounterResetHeader.Gauge ? CounterResetHint.Gauge : k > 0 ? CounterResetHint.NotCounterReset : CounterResetHint.Unknown;
    visit(
      t,
      new FloatHistogram({
        counterResetHint: hint,
        schema: l.schema,
        zeroThreshold: l.zeroThreshold,
        zeroCount: valueOf(zCnt),
        count: valueOf(cnt),
        sum: valueOf(sum),
        positiveSpans: l.positiveSpans.map((s) => ({ ...s })),
        negativeSpans: l.negativeSpans.map((s) => ({ ...s })),
        positiveBuckets: pb.map(valueOf),
        negativeBuckets: nb.map(valueOf),
        customValues: l.customValues,
      }),
    );
  }
}
