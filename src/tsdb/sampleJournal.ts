// Samples accepted by the head since the last checkpoint, kept so a
// checkpoint can persist just them (Prometheus's WAL records) instead of
// every open chunk. A histogram sample takes a slot like a float one (its
// value slot unused), so replay keeps the order they came in.

import { FloatHistogram } from '../model/histogram/floatHistogram';
import { Histogram } from '../model/histogram/histogram';
import type { HistogramInit } from '../model/histogram/types';
import { grownArray } from '../model/grownArray';
import type { AnyHistogram } from './histogramSamples';

export interface JournalBatch {
  refs: Uint32Array;
  ts: Float64Array;
  vs: Float64Array;
  /** The histogram samples: their slots (ascending) and values; absent when there are none. */
  histograms?: { at: Uint32Array; values: AnyHistogram[] };
}

/** Histogram samples as a log record stores them: slots, kind (1 for a float histogram) and plain fields. */
export interface StoredHistograms {
  at: Uint32Array;
  float: Uint8Array;
  values: HistogramInit[];
}

export class SampleJournal {
  private refs = new Uint32Array(1024);
  private ts = new Float64Array(1024);
  private vs = new Float64Array(1024);
  private n = 0;
  private hAt: number[] = [];
  private hs: AnyHistogram[] = [];

  get length(): number {
    return this.n;
  }

  push(ref: number, t: number, v: number): void {
    const i = this.n;
    if (i === this.refs.length) this.grow(i * 2);
    this.refs[i] = ref;
    this.ts[i] = t;
    this.vs[i] = v;
    this.n = i + 1;
  }

  pushHistogram(ref: number, t: number, h: AnyHistogram): void {
    this.hAt.push(this.n);
    this.hs.push(h);
    this.push(ref, t, 0);
  }

  /** Everything recorded so far, leaving the journal empty. */
  take(): JournalBatch {
    const out: JournalBatch = { refs: this.refs.slice(0, this.n), ts: this.ts.slice(0, this.n), vs: this.vs.slice(0, this.n) };
    if (this.hs.length > 0) out.histograms = { at: Uint32Array.from(this.hAt), values: this.hs };
    this.n = 0;
    this.hAt = [];
    this.hs = [];
    return out;
  }

  /** Puts a taken batch back in front (its write failed), so the next checkpoint carries it. */
  restore(b: JournalBatch): void {
    const later = this.take();
    const total = b.refs.length + later.refs.length;
    if (total > this.refs.length) this.grow(total);
    this.refs.set(b.refs);
    this.ts.set(b.ts);
    this.vs.set(b.vs);
    this.refs.set(later.refs, b.refs.length);
    this.ts.set(later.ts, b.refs.length);
    this.vs.set(later.vs, b.refs.length);
    this.n = total;
    for (const [batch, shift] of [[b, 0], [later, b.refs.length]] as const) {
      if (batch.histograms === undefined) continue;
      for (const a of batch.histograms.at) this.hAt.push(a + shift);
      this.hs.push(...batch.histograms.values);
    }
  }

  private grow(size: number): void {
    this.refs = grownArray(this.refs.subarray(0, this.n), size);
    this.ts = grownArray(this.ts.subarray(0, this.n), size);
    this.vs = grownArray(this.vs.subarray(0, this.n), size);
  }
}

/** A batch's histograms as a log record stores them (IndexedDB keeps plain fields, not classes). */
export function storedHistograms(h: NonNullable<JournalBatch['histograms']>): StoredHistograms {
  return { at: h.at, float: Uint8Array.from(h.values, (v) => (v instanceof FloatHistogram ? 1 : 0)), values: h.values.map(plainFields) };
}

/** Stored histogram k back as its class. */
export function storedHistogram(s: StoredHistograms, k: number): AnyHistogram {
  return s.float[k] === 1 ? new FloatHistogram(s.values[k]) : new Histogram(s.values[k]);
}

function plainFields(h: AnyHistogram): HistogramInit {
  const out: HistogramInit = {
    counterResetHint: h.counterResetHint,
    schema: h.schema,
    zeroThreshold: h.zeroThreshold,
    zeroCount: h.zeroCount,
    count: h.count,
    sum: h.sum,
    positiveSpans: h.positiveSpans,
    negativeSpans: h.negativeSpans,
    positiveBuckets: h.positiveBuckets,
    negativeBuckets: h.negativeBuckets,
  };
  if (h.customValues !== undefined) out.customValues = h.customValues;
  return out;
}
