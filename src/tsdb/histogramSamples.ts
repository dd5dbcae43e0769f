// A series' native histogram samples in memory, in Prometheus's histogram
// chunk encodings beside its float chunks, and
// the merge that hands both to a reader as one SeriesData (histograms in `hs`,
// 0 in `vs` there). A histogram stale marker (sum = stale NaN, as Prometheus
// stores one) reads back as the float stale NaN with no histogram.

import { FloatHistogram } from '../model/histogram/floatHistogram';
import { CounterResetHint } from '../model/histogram/types';
import { decodeFloatHistogramChunk, FloatHistogramChunkAppender } from './floatHistogramChunk';
import { CounterResetHeader, decodeHistogramChunk, EncFloatHistogram, EncHistogram, HistogramChunkAppender } from './histogramChunk';
import { Histogram } from '../model/histogram/histogram';
import { float64Slab } from '../model/slab';
import { isStaleNaN, STALE_NAN } from '../model/staleNaN';
import type { SeriesData } from '../model/seriesData';

export type AnyHistogram = Histogram | FloatHistogram;

/** The stale marker of the same kind as `last` (Prometheus's headAppender.Append for a stale NaN on a histogram series). */
export function staleMarkerLike(last: AnyHistogram): AnyHistogram {
  return last instanceof Histogram ? new Histogram({ sum: STALE_NAN }) : new FloatHistogram({ sum: STALE_NAN });
}

/** A sealed histogram chunk: Prometheus's encoding number and bytes. */
export interface HistogramChunk {
  encoding: typeof EncHistogram | typeof EncFloatHistogram;
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
 * why: counter reset, layout change), and at the size targets.
 */
export class HistogramSamples {
  readonly sealed: HistogramChunk[] = [];
  private open: HistogramChunkAppender | FloatHistogramChunkAppender | undefined;
  private openMint = 0;
  private openMaxt = 0;

  push(t: number, h: AnyHistogram): void {
    let o = this.open;
    let header: CounterResetHeader | undefined;
    const kindChanged = o !== undefined && (h instanceof Histogram) !== (o instanceof HistogramChunkAppender);
    if (o !== undefined && !kindChanged) {
      header = h instanceof Histogram ? (o as HistogramChunkAppender).appendable(h) : (o as FloatHistogramChunkAppender).appendable(h);
      const full = o.numSamples >= MAX_SAMPLES || (o.numSamples >= MIN_SAMPLES && o.byteLength >= TARGET_BYTES);
      // A chunk cut for size continues the counter: its header says so.
      if (header === undefined && full) header = h.counterResetHint === CounterResetHint.Gauge ? CounterResetHeader.Gauge : CounterResetHeader.NotCounterReset;
    }
    if (o === undefined || kindChanged || header !== undefined) {
      this.seal();
      o = this.open = h instanceof Histogram ? new HistogramChunkAppender(header) : new FloatHistogramChunkAppender(header);
      this.openMint = t;
    }
    if (h instanceof Histogram) (o as HistogramChunkAppender).append(t, h);
    else (o as FloatHistogramChunkAppender).append(t, h);
    this.openMaxt = t;
  }

  private seal(): void {
    const o = this.open;
    if (o === undefined) return;
    this.sealed.push({ encoding: o instanceof HistogramChunkAppender ? EncHistogram : EncFloatHistogram, mint: this.openMint, maxt: this.openMaxt, bytes: o.bytes() });
    this.open = undefined;
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

  get minTime(): number {
    if (this.sealed.length > 0) return this.sealed[0].mint;
    return this.open !== undefined ? this.openMint : Infinity;
  }

  /** Whether a chunk spans part of [mint, maxt]. */
  hasIn(mint: number, maxt: number): boolean {
    for (const c of this.sealed) if (c.maxt >= mint && c.mint <= maxt) return true;
    return this.open !== undefined && this.openMaxt >= mint && this.openMint <= maxt;
  }

  /** The samples in [mint, maxt], decoded from the chunks spanning part of it. */
  read(mint: number, maxt: number): { ts: number[]; hs: AnyHistogram[] } {
    const ts: number[] = [];
    const hs: AnyHistogram[] = [];
    const visit = (t: number, h: AnyHistogram) => {
      if (t < mint || t > maxt) return;
      ts.push(t);
      hs.push(h);
    };
    const chunks = this.sealed.filter((c) => c.maxt >= mint && c.mint <= maxt);
    if (this.open !== undefined && this.openMaxt >= mint && this.openMint <= maxt) {
      chunks.push({ encoding: this.open instanceof HistogramChunkAppender ? EncHistogram : EncFloatHistogram, mint: this.openMint, maxt: this.openMaxt, bytes: this.open.bytes() });
    }
    for (const c of chunks) {
      if (c.encoding === EncHistogram) decodeHistogramChunk(c.bytes, visit);
      else decodeFloatHistogramChunk(c.bytes, visit);
    }
    return { ts, hs };
  }
}

/**
 * Merges float samples (already cut to [mint, maxt]) with the histogram
 * samples in [mint, maxt] into one time-ordered answer; undefined when
 * neither has any. A series never holds a float and a histogram at one time.
 */
export function withHistograms(floats: { ts: Float64Array; vs: Float64Array } | undefined, hist: HistogramSamples | undefined, mint: number, maxt: number): { ts: Float64Array; vs: Float64Array; hs?: SeriesData['hs'] } | undefined {
  if (hist === undefined || !hist.hasIn(mint, maxt)) return floats;
  const got = hist.read(mint, maxt);
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
