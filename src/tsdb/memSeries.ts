// One series in the head: its sealed chunks and the open chunk samples go
// into, cut as Prometheus's memSeries.appendPreprocessor (tsdb/head_append.go).

import type { Labels } from '../model/labels';
import { grownArray } from '../model/grownArray';
import { compactChunk, ENC_XOR, lowerBound, type ChunkEncoding } from './chunkEncoding';
import { isStaleNaN } from '../model/staleNaN';
import type { SeriesRef } from './storage';
import { XorAppender } from './xorChunk';

export interface ChunkOptions {
  /** Width of the aligned windows chunks never cross (Prometheus's chunkRange, 2 h). */
  chunkRange: number;
  /** Target samples per chunk (Prometheus's samplesPerChunk, 120). */
  samplesPerChunk: number;
}

/** A chunk no longer appended to. */
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

export class MemSeries {
  readonly sealed: SealedChunk[] = [];
  open: XorAppender | undefined;
  openMint = 0;
  /** Newest sample time (-Infinity before the first). */
  maxTime = -Infinity;
  lastValue = 0;
  nextAt = -Infinity;
  /** Made on the first sample with a start time: a series that never carries one pays one empty field. */
  private startTimes: StartTimeColumn | undefined;

  constructor(
    readonly ref: SeriesRef,
    readonly labels: Labels,
  ) {}

  /**
   * Stores a sample known to be newer than maxTime, cutting chunks as
   * appendPreprocessor does. Returns true when it sealed a chunk.
   */
  append(t: number, v: number, o: ChunkOptions, st = 0): boolean {
    let cut = false;
    let c = this.open;
    if (c === undefined) {
      c = this.cut(t, o);
    } else if (c.byteLength > MAX_BYTES_BEFORE_CUT) {
      c = this.cut(t, o);
      cut = true;
    }
    const n = c.numSamples;
    if (n === o.samplesPerChunk >> 2) this.nextAt = computeChunkEndTime(this.openMint, this.maxTime, this.nextAt, 4);
    if (n > 0 && (t >= this.nextAt || n >= o.samplesPerChunk * 2)) {
      c = this.cut(t, o);
      cut = true;
    }
    c.append(t, v);
    this.maxTime = t;
    this.lastValue = v;
    if (st !== 0) (this.startTimes ??= new StartTimeColumn()).push(t, st);
    return cut;
  }

  /**
   * Start times aligned with `ts` (this series' sample times, ascending), 0
   * where a sample has none; undefined when none of them has one.
   */
  startTimesAt(ts: Float64Array): Float64Array | undefined {
    return this.startTimes?.alignedWith(ts);
  }

  /**
   * Forgets the start times of samples before t, once their chunks have left
   * memory for blocks, which do not keep start times; the column goes when
   * nothing is left in it.
   */
  dropStartTimesBefore(t: number): void {
    if (this.startTimes !== undefined && this.startTimes.dropBefore(t) === 0) this.startTimes = undefined;
  }

  /** Seals the open chunk, if any, in its most compact encoding. */
  seal(): void {
    const c = this.open;
    if (c === undefined || c.numSamples === 0) return;
    const { encoding, bytes } = compactChunk(c.view());
    this.sealed.push({ mint: this.openMint, maxt: this.maxTime, numSamples: c.numSamples, encoding, bytes: encoding === ENC_XOR ? c.bytes() : bytes });
    this.open = undefined;
  }

  private cut(t: number, o: ChunkOptions): XorAppender {
    // The previous chunk's size predicts this one's, sparing the buffer regrowth on the append path.
    const hint = this.open !== undefined ? this.open.byteLength + 16 : 128;
    this.seal();
    const c = new XorAppender(hint);
    this.open = c;
    this.openMint = t;
    this.nextAt = rangeForTimestamp(t, o.chunkRange);
    return c;
  }

  /** Samples held in memory (sealed and open). */
  get numSamples(): number {
    let n = this.open?.numSamples ?? 0;
    for (const c of this.sealed) n += c.numSamples;
    return n;
  }
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

  /** Drops the pairs before t; returns how many are left. */
  dropBefore(t: number): number {
    const k = lowerBound(this.times, this.n, t);
    this.times.copyWithin(0, k, this.n);
    this.values.copyWithin(0, k, this.n);
    this.n -= k;
    return this.n;
  }
}
