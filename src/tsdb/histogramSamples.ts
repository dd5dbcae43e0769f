// A series' native histogram samples in memory, in Prometheus's histogram
// chunk encodings beside its float chunks, and
// the merge that hands both to a reader as one SeriesData (histograms in `hs`,
// 0 in `vs` there). A histogram stale marker (sum = stale NaN, as Prometheus
// stores one) reads back as the float stale NaN with no histogram.

import { FloatHistogram } from '../model/histogram/floatHistogram';
import { CounterResetHint } from '../model/histogram/types';
import { decodeFloatHistogramChunk, FloatHistogramChunkAppender } from './floatHistogramChunk';
import { CounterResetHeader, decodeHistogramChunk, histogramChunkHeader, HistogramChunkAppender } from './histogramChunk';
import { ENC_FLOAT_HISTOGRAM, ENC_HISTOGRAM, type ChunkBytes } from './chunkEncoding';
import { appendRecoded } from './histogramRecode';
import { Histogram } from '../model/histogram/histogram';
import { float64Slab } from '../model/slab';
import { isStaleNaN, STALE_NAN } from '../model/staleNaN';
import type { SeriesData } from '../model/seriesData';

export type AnyHistogram = Histogram | FloatHistogram;

/** The stale marker of the same kind as `last` (Prometheus's headAppender.Append for a stale NaN on a histogram series). */
export function staleMarkerLike(last: AnyHistogram): AnyHistogram {
  return last instanceof Histogram ? new Histogram({ sum: STALE_NAN }) : new FloatHistogram({ sum: STALE_NAN });
}

/** A histogram chunk in memory: Vigil's stored marker and Prometheus's bytes. */
export interface HistogramChunk {
  encoding: typeof ENC_HISTOGRAM | typeof ENC_FLOAT_HISTOGRAM;
  mint: number;
  maxt: number;
  bytes: Uint8Array;
}

// Prometheus cuts histogram chunks near 1 KiB (targetHistogramChunkBytes),
// never below 10 samples, and at the float chunks' sample target.
const TARGET_BYTES = 1024;
const MIN_SAMPLES = 10;
const MAX_SAMPLES = 120;

/**
 * A series' histogram samples in Prometheus's chunk encodings: sealed chunks
 * and one open chunk. A new chunk starts where the kind (integer or float)
 * changes, where the open one cannot take the sample (its header then says
 * why: counter reset, schema change) and recoding for new buckets cannot
 * help, at the end of the chunk-range window
 * the open chunk started in, and at the size targets.
 */
export class HistogramSamples {
  readonly sealed: HistogramChunk[] = [];
  private open: HistogramChunkAppender | FloatHistogramChunkAppender | undefined;
  private openMint = 0;
  private openMaxt = 0;
  /** End of the chunk-range window the open chunk started in. */
  private openEnd = Infinity;

  /** Appends h at t; `windowEnd` is the end of the chunk-range window holding t. */
  push(t: number, h: AnyHistogram, windowEnd: number): void {
    let o = this.open;
    let header: CounterResetHeader | undefined;
    let full = false;
    const kindChanged = o !== undefined && (h instanceof Histogram) !== (o instanceof HistogramChunkAppender);
    if (o !== undefined && !kindChanged) {
      header = h instanceof Histogram ? (o as HistogramChunkAppender).appendable(h) : (o as FloatHistogramChunkAppender).appendable(h);
      full = o.numSamples >= MAX_SAMPLES || (o.numSamples >= MIN_SAMPLES && o.byteLength >= TARGET_BYTES) || windowEnd !== this.openEnd;
      // A chunk cut for size or at a window's end continues the counter: its header says so.
      if (header === undefined && full) header = h.counterResetHint === CounterResetHint.Gauge ? CounterResetHeader.Gauge : CounterResetHeader.NotCounterReset;
    }
    if (o !== undefined && !kindChanged && header !== undefined && !full) {
      const recoded = appendRecoded(o, h, header, t);
      if (recoded !== undefined) {
        this.open = recoded;
        this.openMaxt = t;
        return;
      }
    }
    if (o === undefined || kindChanged || header !== undefined) {
      this.seal();
      o = this.open = h instanceof Histogram ? new HistogramChunkAppender(header) : new FloatHistogramChunkAppender(header);
      this.openMint = t;
      this.openEnd = windowEnd;
    }
    if (h instanceof Histogram) (o as HistogramChunkAppender).append(t, h);
    else (o as FloatHistogramChunkAppender).append(t, h);
    this.openMaxt = t;
  }

  /** Seals the open chunk, if any. */
  seal(): void {
    const o = this.open;
    if (o === undefined) return;
    this.sealed.push(this.openChunk()!);
    this.open = undefined;
  }

  /** Seals the open chunk when its window ended at or before t (a checkpoint's sealing of passed windows). */
  sealIfWindowEnded(t: number): void {
    if (this.open !== undefined && this.openEnd <= t) this.seal();
  }

  /** A copy of the open chunk; undefined when there is none. */
  openChunk(): HistogramChunk | undefined {
    const o = this.open;
    if (o === undefined) return undefined;
    return { encoding: o instanceof HistogramChunkAppender ? ENC_HISTOGRAM : ENC_FLOAT_HISTOGRAM, mint: this.openMint, maxt: this.openMaxt, bytes: o.bytes() };
  }

  /**
   * Continues a persisted open chunk (reopening storage) by appending its
   * samples again under its own header, which writes the same bytes; returns
   * its newest sample. Throws when the bytes are damaged.
   */
  resumeOpen(c: ChunkBytes, windowEndOf: (t: number) => number): AnyHistogram | undefined {
    const header = histogramChunkHeader(c.bytes);
    let last: AnyHistogram | undefined;
    if (c.encoding === ENC_HISTOGRAM) {
      const o = new HistogramChunkAppender(header);
      decodeHistogramChunk(c.bytes, (t, h) => {
        if (o.numSamples === 0) this.openMint = t;
        o.append(t, h);
        this.openMaxt = t;
        last = h;
      });
      this.open = o;
    } else if (c.encoding === ENC_FLOAT_HISTOGRAM) {
      const o = new FloatHistogramChunkAppender(header);
      decodeFloatHistogramChunk(c.bytes, (t, h) => {
        if (o.numSamples === 0) this.openMint = t;
        o.append(t, h);
        this.openMaxt = t;
        last = h;
      });
      this.open = o;
    } else throw new Error(`histogram chunk: encoding ${c.encoding} is not a histogram chunk`);
    if (this.open.numSamples === 0) this.open = undefined;
    this.openEnd = windowEndOf(this.openMint);
    return last;
  }

  /** Lets go of the oldest k sealed chunks (now in blocks). */
  dropSealed(k: number): void {
    this.sealed.splice(0, k);
  }

  get length(): number {
    let n = this.open?.numSamples ?? 0;
    for (const c of this.sealed) n += (c.bytes[0] << 8) | c.bytes[1];
    return n;
  }

  /** Bytes the samples take in their chunks (the open one included). */
  get byteLength(): number {
    let n = this.open?.byteLength ?? 0;
    for (const c of this.sealed) n += c.bytes.length;
    return n;
  }

  /** The newest sample's time; -Infinity when none. */
  get maxTime(): number {
    if (this.open !== undefined) return this.openMaxt;
    return this.sealed.length > 0 ? this.sealed[this.sealed.length - 1].maxt : -Infinity;
  }

  get minTime(): number {
    if (this.sealed.length > 0) return this.sealed[0].mint;
    return this.open !== undefined ? this.openMint : Infinity;
  }

  /** Whether a chunk spans part of [mint, maxt]. */
  hasIn(mint: number, maxt: number): boolean {
    for (const c of this.sealed) if (c.maxt >= mint && c.mint <= maxt) return true;
    return this.open !== undefined && this.openMaxt >= mint && this.openMint <= maxt;
  }

  /** The chunks spanning part of [mint, maxt], oldest first: the sealed ones as they are, the open one copied. */
  chunksIn(mint: number, maxt: number): HistogramChunk[] {
    const out = this.sealed.filter((c) => c.maxt >= mint && c.mint <= maxt);
    if (this.open !== undefined && this.openMaxt >= mint && this.openMint <= maxt) out.push(this.openChunk()!);
    return out;
  }

  /** The samples in [mint, maxt]. */
  read(mint: number, maxt: number): { ts: number[]; hs: AnyHistogram[] } {
    return readHistogramChunks(this.chunksIn(mint, maxt), mint, maxt);
  }
}

/** The samples in [mint, maxt] of histogram chunks in time order. */
export function readHistogramChunks(chunks: readonly ChunkBytes[], mint: number, maxt: number): { ts: number[]; hs: AnyHistogram[] } {
  const ts: number[] = [];
  const hs: AnyHistogram[] = [];
  const visit = (t: number, h: AnyHistogram) => {
    if (t < mint || t > maxt) return;
    ts.push(t);
    hs.push(h);
  };
  for (const c of chunks) {
    if (c.encoding === ENC_HISTOGRAM) decodeHistogramChunk(c.bytes, visit);
    else if (c.encoding === ENC_FLOAT_HISTOGRAM) decodeFloatHistogramChunk(c.bytes, visit);
    else throw new Error(`histogram read: encoding ${c.encoding} is not a histogram chunk`);
  }
  return { ts, hs };
}

/**
 * Merges float samples (already cut to [mint, maxt]) with the samples in
 * [mint, maxt] of histogram chunks (in time order) into one time-ordered answer; undefined when
 * neither has any. A series never holds a float and a histogram at one time.
 */
export function withHistograms(floats: { ts: Float64Array; vs: Float64Array } | undefined, chunks: readonly ChunkBytes[] | undefined, mint: number, maxt: number): { ts: Float64Array; vs: Float64Array; hs?: SeriesData['hs'] } | undefined {
  if (chunks === undefined || chunks.length === 0) return floats;
  const got = readHistogramChunks(chunks, mint, maxt);
  const hi = got.ts.length;
  if (hi === 0) return floats;
  const nf = floats === undefined ? 0 : floats.ts.length;
  const n = nf + hi;
  const ts = float64Slab.take(n);
  const vs = float64Slab.take(n);
  const hs: SeriesData['hs'] = new Array<AnyHistogram | undefined>(n);
  let anyHistogram = false;
  let f = 0;
  let h = 0;
  for (let i = 0; i < n; i++) {
    if (h < hi && (f === nf || got.ts[h] < floats!.ts[f])) {
      const v = got.hs[h];
      ts[i] = got.ts[h++];
      if (isStaleNaN(v.sum)) {
        vs[i] = STALE_NAN;
        hs[i] = undefined;
      } else {
        vs[i] = 0;
        hs[i] = v;
        anyHistogram = true;
      }
    } else {
      ts[i] = floats!.ts[f];
      vs[i] = floats!.vs[f++];
      hs[i] = undefined;
    }
  }
  return anyHistogram ? { ts, vs, hs } : { ts, vs };
}
