// One series in the head: its sealed chunks and the open chunk samples go
// into, cut as Prometheus's memSeries.appendPreprocessor (tsdb/head_append.go).

import type { Labels } from '../model/labels';
import { grownArray } from '../model/grownArray';
import { chunkMinTime, chunkNumSamples, compactChunk, decodeChunkInto, ENC_XOR, lowerBound, type ChunkBytes, type ChunkEncoding, type FloatEncoding } from './chunkEncoding';
import { growSink } from './bitStream';
import { isStaleNaN } from '../model/staleNaN';
import type { SeriesRef } from './storage';
import { HistogramSamples, type AnyHistogram } from './histogramSamples';
import { xorAppend, xorResume, xorStart, type XorState } from './xorChunk';
import { SeriesColumns } from './seriesColumns';

export interface ChunkOptions {
  /** Width of the aligned windows chunks never cross (Prometheus's chunkRange, 2 h). */
  chunkRange: number;
  /** Target samples per chunk (Prometheus's samplesPerChunk, 120). */
  samplesPerChunk: number;
}

/** A chunk no longer appended to; `bytes` is a view into its series' buffer, which never changes under it. */
export interface SealedChunk {
  mint: number;
  maxt: number;
  numSamples: number;
  encoding: ChunkEncoding;
  bytes: Uint8Array;
}

// Prometheus cuts before a chunk could pass MaxBytesPerXORChunk (1024) with a
// maximally-sized (19-byte) next sample.
const MAX_BYTES_BEFORE_CUT = 1024 - 19;

const bitsA = new Float64Array(1);
const wordsA = new Uint32Array(bitsA.buffer);
const bitsB = new Float64Array(1);
const wordsB = new Uint32Array(bitsB.buffer);

/** Same float64 bits, counting both forms of the stale marker as one (Float64bits equality in Prometheus). */
export function sameValueBits(a: number, b: number): boolean {
  if (a !== a && b !== b && isStaleNaN(a) && isStaleNaN(b)) return true;
  bitsA[0] = a;
  bitsB[0] = b;
  return wordsA[0] === wordsB[0] && wordsA[1] === wordsB[1];
}

/** Prometheus's rangeForTimestamp: the end of the aligned window holding t (Go division truncates). */
export function rangeForTimestamp(t: number, width: number): number {
  return Math.trunc(t / width) * width + width;
}

/** Prometheus's computeChunkEndTime: spreads the remaining samples of a window over equal chunks. */
export function computeChunkEndTime(start: number, cur: number, maxT: number, ratioToFull: number): number {
  const n = (maxT - start) / ((cur - start + 1) * ratioToFull);
  if (n <= 1) return maxT;
  return Math.trunc(start + (maxT - start) / Math.floor(n));
}

// A sealed chunk's record in its series' buffer: encoding (2 bits) and byte
// length (14 bits) big-endian, then maxt less the chunk's mint (uint32,
// big-endian), then the chunk. Its mint and sample count are in the chunk's
// own header. Cuts keep a float chunk near 1 KiB, far below 2^14 bytes, and
// within one chunkRange, so the span fits 32 bits unless chunkRange passes 49
// days; a span that does not fit is stored as SPAN_UNKNOWN and read from the
// chunk itself. Six bytes, not twelve with a float64 maxt: on the scale data
// set a series holds about five records.
const RECORD = 6;
const MAX_CHUNK_BYTES = (1 << 14) - 1;
const SPAN_UNKNOWN = 0xffffffff;
/** Bytes a new open chunk starts with: its header and first sample (2 + up to 10 + 8) plus a few more samples. */
const CUT_ROOM = 32;
const EMPTY = new Uint8Array(0);
let scratchT = new Float64Array(0);
let scratchV = new Float64Array(0);

/** What few series carry: histogram samples, the last histogram, start times. */
export interface SeriesExtras {
  /** The newest sample when it is a histogram (a float stale NaN then becomes a histogram stale marker); undefined after a float. */
  lastHistogram: AnyHistogram | undefined;
  histograms: HistogramSamples | undefined;
  startTimes: StartTimeColumn | undefined;
}

/**
 * A series keeps every chunk in one buffer — sealed records, then the open
 * chunk — and is the open chunk's XOR appender state, whose scalars live in
 * its head's columns (see SeriesColumns). Measured on the scale data set, an
 * object and a typed array per chunk cost more than the samples they held.
 */
export class MemSeries implements XorState {
  buf: Uint8Array = EMPTY;

  constructor(
    readonly ref: SeriesRef,
    readonly labels: Labels,
    private readonly cols: SeriesColumns = new SeriesColumns(),
  ) {
    cols.init(ref);
  }

  get len(): number {
    return this.cols.len[this.ref];
  }
  set len(v: number) {
    this.cols.len[this.ref] = v;
  }
  /** Byte offset of the open chunk; 0 when there is none (a record precedes any chunk). */
  get at(): number {
    return this.cols.at[this.ref];
  }
  set at(v: number) {
    this.cols.at[this.ref] = v;
  }
  /** Samples in the open chunk, which is its 2-byte header: a column would hold the same number again. */
  get n(): number {
    const at = this.at;
    return at === 0 ? 0 : (this.buf[at] << 8) | this.buf[at + 1];
  }
  set n(v: number) {
    const at = this.at;
    if (at === 0) return;
    this.buf[at] = v >>> 8;
    this.buf[at + 1] = v & 0xff;
  }
  get t(): number {
    return this.cols.t[this.ref];
  }
  set t(v: number) {
    this.cols.t[this.ref] = v;
  }
  get tDelta(): number {
    return this.cols.tDelta[this.ref];
  }
  set tDelta(v: number) {
    this.cols.tDelta[this.ref] = v;
  }
  get vHi(): number {
    return this.cols.vHi[this.ref];
  }
  set vHi(v: number) {
    this.cols.vHi[this.ref] = v;
  }
  get vLo(): number {
    return this.cols.vLo[this.ref];
  }
  set vLo(v: number) {
    this.cols.vLo[this.ref] = v;
  }
  get leading(): number {
    return this.cols.leading[this.ref];
  }
  set leading(v: number) {
    this.cols.leading[this.ref] = v;
  }
  get trailing(): number {
    return this.cols.trailing[this.ref];
  }
  set trailing(v: number) {
    this.cols.trailing[this.ref] = v;
  }
  /** Newest sample time (-Infinity before the first). */
  get maxTime(): number {
    return this.cols.maxTime[this.ref];
  }
  set maxTime(v: number) {
    this.cols.maxTime[this.ref] = v;
  }
  get nextAt(): number {
    return this.cols.nextAt[this.ref];
  }
  set nextAt(v: number) {
    this.cols.nextAt[this.ref] = v;
  }

  /** Where the sealed chunks' records end: before the open chunk's record, or where the bits end when none is open. */
  private get sealedEnd(): number {
    const at = this.at;
    return at !== 0 ? at - RECORD : this.len >>> 3;
  }

  /** Number of sealed chunks. */
  get sealedCount(): number {
    let k = 0;
    for (let r = 0, end = this.sealedEnd; r < end; r = this.nextRecord(r)) k++;
    return k;
  }

  get lastHistogram(): AnyHistogram | undefined {
    return this.extras?.lastHistogram;
  }
  set lastHistogram(h: AnyHistogram | undefined) {
    if (h !== undefined || this.extras !== undefined) this.extrasOf().lastHistogram = h;
  }

  /** Made on the first histogram sample. */
  get histograms(): HistogramSamples | undefined {
    return this.extras?.histograms;
  }

  /** Made on the first histogram sample or start time, and kept by the head's columns: a float-only series pays nothing for it. */
  private get extras(): SeriesExtras | undefined {
    const m = this.cols.extras;
    return m.size === 0 ? undefined : m.get(this.ref);
  }

  private extrasOf(): SeriesExtras {
    let x = this.extras;
    if (x === undefined) this.cols.extras.set(this.ref, (x = { lastHistogram: undefined, histograms: undefined, startTimes: undefined }));
    return x;
  }

  /**
   * The open chunk's first sample time, read from the chunk's header: a
   * field would cost a boxed number per series.
   */
  get openMint(): number {
    return this.at === 0 ? 0 : chunkMinTime(ENC_XOR, this.buf, this.at);
  }

  /**
   * The newest float sample's value, from the XOR state's previous-value
   * bits (kept until the next chunk starts, which is after the duplicate check
   * that reads this); 0 before the first.
   */
  get lastValue(): number {
    wordsA[1] = this.vHi;
    wordsA[0] = this.vLo;
    return bitsA[0];
  }

  /** Restoring a series' newest value; only before its open chunk resumes, whose XOR state the bits are. */
  set lastValue(v: number) {
    if (this.at !== 0) throw new Error(`memSeries ${this.labels.toString()}: last value set while a chunk is open`);
    bitsA[0] = v;
    this.vHi = wordsA[1] | 0;
    this.vLo = wordsA[0] | 0;
  }

  /**
   * Stores a sample known to be newer than maxTime, cutting chunks as
   * appendPreprocessor does. Returns true when it sealed a chunk.
   */
  append(t: number, v: number, o: ChunkOptions, st = 0): boolean {
    let cut = false;
    if (this.at === 0) {
      this.cut(t, o);
    } else if (this.openByteLength > MAX_BYTES_BEFORE_CUT) {
      this.cut(t, o);
      cut = true;
    }
    const n = this.n;
    // `t` is the open chunk's newest float sample: a histogram sample since then is in another chunk.
    if (n === o.samplesPerChunk >> 2) this.nextAt = computeChunkEndTime(this.openMint, this.t, this.nextAt, 4);
    if (n > 0 && (t >= this.nextAt || n >= o.samplesPerChunk * 2)) {
      this.cut(t, o);
      cut = true;
    }
    xorAppend(this, t, v);
    this.maxTime = t;
    const x = this.extras;
    if (x !== undefined) x.lastHistogram = undefined;
    if (st !== 0) (this.extrasOf().startTimes ??= new StartTimeColumn()).push(t, st);
    return cut;
  }

  /** Stores a histogram sample known to be newer than maxTime. */
  appendHistogram(t: number, h: AnyHistogram, o: ChunkOptions, st = 0): void {
    const x = this.extrasOf();
    (x.histograms ??= new HistogramSamples()).push(t, h, rangeForTimestamp(t, o.chunkRange));
    this.maxTime = t;
    x.lastHistogram = h;
    if (st !== 0) (x.startTimes ??= new StartTimeColumn()).push(t, st);
  }

  /**
   * Start times aligned with `ts` (this series' sample times, ascending), 0
   * where a sample has none; undefined when none of them has one.
   */
  startTimesAt(ts: Float64Array): Float64Array | undefined {
    return this.extras?.startTimes?.alignedWith(ts);
  }

  /** Whether a sample in [mint, maxt] came with a start time (startTimesAt then answers for that span), without decoding a chunk. */
  hasStartTimesIn(mint: number, maxt: number): boolean {
    return this.extras?.startTimes?.anyIn(mint, maxt) ?? false;
  }

  /**
   * Forgets the start times of samples before t, once their chunks have left
   * memory for blocks, which do not keep start times; the column goes when
   * nothing is left in it.
   */
  dropStartTimesBefore(t: number): void {
    const x = this.extras;
    if (x?.startTimes !== undefined && x.startTimes.dropBefore(t) === 0) x.startTimes = undefined;
  }

  /** Whether an open chunk holds samples. */
  get hasOpen(): boolean {
    return this.at !== 0 && this.n > 0;
  }

  get openByteLength(): number {
    return this.at === 0 ? 0 : ((this.len + 7) >>> 3) - this.at;
  }

  /** The open chunk's bytes without copying; valid until the next append. */
  openView(): Uint8Array {
    return this.buf.subarray(this.at, this.at + this.openByteLength);
  }

  /** Seals the open chunk, if any, in its most compact encoding, in place. */
  seal(): void {
    const at = this.at;
    if (at === 0 || this.n === 0) return;
    const buf = this.buf;
    const end = (this.len + 7) >>> 3;
    const { encoding, bytes } = compactChunk(buf.subarray(at, end));
    let size = end - at;
    if (encoding !== ENC_XOR) {
      buf.set(bytes, at);
      // The next chunk's writer ORs into these bytes.
      buf.fill(0, at + bytes.length, end);
      size = bytes.length;
    }
    if (size > MAX_CHUNK_BYTES) throw new Error(`memSeries ${this.labels.toString()}: a ${size}-byte chunk is too long to seal`);
    const span = this.t - chunkMinTime(encoding, buf, at);
    const stored = span < SPAN_UNKNOWN ? span : SPAN_UNKNOWN;
    const r = at - RECORD;
    buf[r] = (encoding << 6) | (size >>> 8);
    buf[r + 1] = size;
    buf[r + 2] = stored >>> 24;
    buf[r + 3] = stored >>> 16;
    buf[r + 4] = stored >>> 8;
    buf[r + 5] = stored;
    this.at = 0;
    this.n = 0;
    // With no chunk open, the bits end where the sealed records do.
    this.len = (at + size) * 8;
  }

  /** Continues a persisted open chunk (reopening storage); throws when its bytes are damaged. */
  resumeOpen(bytes: Uint8Array): void {
    const at = this.sealedEnd + RECORD;
    if (this.buf.length < at + bytes.length + 64) growSink(this, at + bytes.length + 64);
    xorResume(this, bytes, at);
  }

  /**
   * Continues a persisted open histogram chunk (reopening storage) unless a
   * block already holds its samples (its first is at or before `persistedUntil`);
   * throws when its bytes are damaged.
   */
  resumeOpenHistograms(c: ChunkBytes, o: ChunkOptions, persistedUntil: number): void {
    const h = new HistogramSamples();
    const last = h.resumeOpen(c, (t) => rangeForTimestamp(t, o.chunkRange));
    if (h.minTime <= persistedUntil) return;
    const x = this.extrasOf();
    x.histograms = h;
    if (last !== undefined && h.maxTime === this.maxTime) x.lastHistogram = last;
  }

  private cut(t: number, o: ChunkOptions): void {
    // Room for the first samples only, growing from there: a new chunk's
    // reserve is unused memory in every series until it fills, and reserving a
    // quarter of the previous chunk left ~110 bytes a series unused on the
    // scale data set, more than growing by small steps costs in copies.
    const room = CUT_ROOM;
    this.seal();
    const at = this.sealedEnd + RECORD;
    if (this.buf.length !== at + room) this.buf = resized(this.buf, at + room, this.sealedEnd);
    xorStart(this, at);
    this.nextAt = rangeForTimestamp(t, o.chunkRange);
  }

  /** The sealed chunks, oldest first. */
  sealedChunks(): SealedChunk[] {
    const out: SealedChunk[] = [];
    for (let r = 0, end = this.sealedEnd; r < end; r = this.nextRecord(r)) {
      const encoding = recordEncoding(this.buf, r);
      const bytes = this.buf.subarray(r + RECORD, this.nextRecord(r));
      out.push({ mint: chunkMinTime(encoding, bytes), maxt: this.recordMaxt(r), numSamples: chunkNumSamples(bytes), encoding, bytes });
    }
    return out;
  }

  /**
   * Adds the chunks overlapping [mint, maxt] to `out`, oldest first: views of
   * sealed ones, and the open one as a view (valid until the next append) or,
   * with `copyOpen`, a copy.
   */
  chunksIn(mint: number, maxt: number, out: ChunkBytes[], copyOpen: boolean): void {
    const buf = this.buf;
    for (let r = 0, end = this.sealedEnd; r < end; r = this.nextRecord(r)) {
      const encoding = recordEncoding(buf, r);
      if (this.recordMaxt(r) >= mint && chunkMinTime(encoding, buf, r + RECORD) <= maxt) out.push({ encoding, bytes: buf.subarray(r + RECORD, this.nextRecord(r)) });
    }
    if (this.hasOpen && this.openMint <= maxt && this.t >= mint) out.push({ encoding: ENC_XOR, bytes: copyOpen ? this.openView().slice() : this.openView() });
  }

  /** Whether a chunk in memory spans part of [mint, maxt] (one chunksIn would return). */
  hasChunkIn(mint: number, maxt: number): boolean {
    if (this.maxTime < mint) return false;
    if (this.histograms?.hasIn(mint, maxt)) return true;
    const buf = this.buf;
    for (let r = 0, end = this.sealedEnd; r < end; r = this.nextRecord(r)) {
      if (this.recordMaxt(r) >= mint && chunkMinTime(recordEncoding(buf, r), buf, r + RECORD) <= maxt) return true;
    }
    return this.hasOpen && this.openMint <= maxt;
  }

  /** The oldest sample time in memory; Infinity when none. */
  get minTime(): number {
    const h = this.histograms?.minTime ?? Infinity;
    if (this.sealedEnd > 0) return Math.min(h, chunkMinTime(recordEncoding(this.buf, 0), this.buf, RECORD));
    return Math.min(h, this.hasOpen ? this.openMint : Infinity);
  }

  /**
   * Lets go of the oldest k sealed chunks (now in blocks). The rest move to a
   * new buffer rather than down the old one, so views a reader still holds
   * keep their bytes.
   */
  dropSealed(k: number): void {
    let cut = 0;
    const sealedEnd = this.sealedEnd;
    for (let i = 0; i < k && cut < sealedEnd; i++) cut = this.nextRecord(cut);
    if (cut === 0) return;
    const used = this.at !== 0 ? (this.len + 7) >>> 3 : sealedEnd;
    const keep = used - cut;
    const next = keep === 0 ? EMPTY : new Uint8Array(keep + (this.at !== 0 ? 64 : 0));
    next.set(this.buf.subarray(cut, used));
    this.buf = next;
    this.len -= cut * 8;
    if (this.at !== 0) this.at -= cut;
  }

  /** Samples held in memory (sealed and open). */
  get numSamples(): number {
    let n = (this.at !== 0 ? this.n : 0) + (this.histograms?.length ?? 0);
    for (let r = 0, end = this.sealedEnd; r < end; r = this.nextRecord(r)) n += (this.buf[r + RECORD] << 8) | this.buf[r + RECORD + 1];
    return n;
  }

  private nextRecord(r: number): number {
    const buf = this.buf;
    return r + RECORD + (((buf[r] & 0x3f) << 8) | buf[r + 1]);
  }

  private recordMaxt(r: number): number {
    const buf = this.buf;
    const encoding = recordEncoding(buf, r);
    const span = ((buf[r + 2] << 24) | (buf[r + 3] << 16) | (buf[r + 4] << 8) | buf[r + 5]) >>> 0;
    if (span !== SPAN_UNKNOWN) return chunkMinTime(encoding, buf, r + RECORD) + span;
    return lastTime(encoding, buf.subarray(r + RECORD, this.nextRecord(r)));
  }
}

function recordEncoding(buf: Uint8Array, r: number): FloatEncoding {
  return (buf[r] >>> 6) as FloatEncoding;
}

/** A chunk's newest sample time, decoded: only for the rare span a record cannot hold. */
function lastTime(encoding: FloatEncoding, bytes: Uint8Array): number {
  const n = chunkNumSamples(bytes);
  if (scratchT.length < n) {
    scratchT = new Float64Array(n);
    scratchV = new Float64Array(n);
  }
  decodeChunkInto(encoding, bytes, scratchT, scratchV, 0);
  return scratchT[n - 1];
}

/** A new buffer of `size` bytes holding the first `keep` bytes of buf (a new one, so views readers hold keep their bytes). */
function resized(buf: Uint8Array, size: number, keep: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(buf.subarray(0, keep));
  return out;
}

/** The start times of one series' samples that came with one, as (time, start time) pairs in time order. */
class StartTimeColumn {
  private times = new Float64Array(16);
  private values = new Float64Array(16);
  private n = 0;

  push(t: number, st: number): void {
    const n = this.n;
    if (n === this.times.length) {
      this.times = grownArray(this.times, n * 2);
      this.values = grownArray(this.values, n * 2);
    }
    this.times[n] = t;
    this.values[n] = st;
    this.n = n + 1;
  }

  alignedWith(ts: Float64Array): Float64Array | undefined {
    const { times, values, n } = this;
    if (ts.length === 0) return undefined;
    let j = lowerBound(times, n, ts[0]);
    if (j === n || times[j] > ts[ts.length - 1]) return undefined;
    const out = new Float64Array(ts.length);
    for (let i = 0; i < ts.length && j < n; i++) {
      while (j < n && times[j] < ts[i]) j++;
      if (j < n && times[j] === ts[i]) out[i] = values[j++];
    }
    return out;
  }

  anyIn(mint: number, maxt: number): boolean {
    const j = lowerBound(this.times, this.n, mint);
    return j < this.n && this.times[j] <= maxt;
  }

  /** Drops the pairs before t; returns how many are left. */
  dropBefore(t: number): number {
    const k = lowerBound(this.times, this.n, t);
    this.times.copyWithin(0, k, this.n);
    this.values.copyWithin(0, k, this.n);
    this.n -= k;
    return this.n;
  }
}
