// A Storage that forwards every committed sample to the remote-write queues,
// as Prometheus's WAL watcher feeds its QueueManagers from what the head
// committed. Samples are gathered per appender in typed arrays and handed
// over once per commit; no object is built per float sample. Native
// histograms ride beside them in a sparse array, made only when a commit has one.

import type { FloatHistogram } from '../model/histogram/floatHistogram';
import type { Histogram } from '../model/histogram/histogram';
import type { Labels } from '../model/labels';
import type { Metadata } from '../model/metricType';
import type { AppendStats, Appender, Querier, SeriesRef, Storage } from '../tsdb/storage';
import { grownArray } from '../model/grownArray';

/** A commit's histogram samples by index, aligned with its refs and times (the float value is 0 there). */
export type HistogramColumn = readonly (Histogram | FloatHistogram | undefined)[];

/** Where a commit's samples go (a WriteQueue). */
export interface SampleSink {
  append(refs: Uint32Array, ts: Float64Array, vs: Float64Array, n: number, labelsOf: (ref: SeriesRef) => Labels, hs?: HistogramColumn): void;
}

export class WriteTap implements Storage {
  private sinks: readonly SampleSink[] = [];
  /** Labels by the inner storage's ref, kept from the first append that named them. */
  private readonly labelsByRef: (Labels | undefined)[] = [];
  /** Newest forwarded time by ref; the head accepts only later samples (memSeries.appendable). */
  private lastT = new Float64Array(1024).fill(-Infinity);
  readonly labelsOf = (ref: SeriesRef): Labels => this.labelsByRef[ref]!;

  constructor(private readonly inner: Storage) {}

  /** The queues that get samples from the next commit on. */
  setSinks(sinks: readonly SampleSink[]): void {
    this.sinks = sinks;
  }

  appender(): Appender {
    return new TapAppender(this.inner.appender(), this);
  }

  querier(): Querier {
    return this.inner.querier();
  }

  /** @internal Called by TapAppender. */
  remember(ref: SeriesRef, labels: Labels): void {
    if (this.labelsByRef[ref] === undefined) this.labelsByRef[ref] = labels;
  }

  /**
   * Forwards what the head kept of a commit. A sample at or before its
   * series' last forwarded time was rejected (out of order, duplicate) or
   * ignored (the same sample again) by the head, so it is not forwarded.
   */
  forward(refs: Uint32Array, ts: Float64Array, vs: Float64Array, n: number, hs?: (Histogram | FloatHistogram | undefined)[]): void {
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const ref = refs[i];
      if (ref >= this.lastT.length) this.growLastT(ref);
      if (ts[i] <= this.lastT[ref]) continue;
      this.lastT[ref] = ts[i];
      refs[kept] = ref;
      ts[kept] = ts[i];
      vs[kept] = vs[i];
      if (hs !== undefined) hs[kept] = hs[i];
      kept++;
    }
    if (kept === 0) return;
    if (hs !== undefined) hs.length = kept;
    for (const s of this.sinks) s.append(refs, ts, vs, kept, this.labelsOf, hs);
  }

  get tapping(): boolean {
    return this.sinks.length > 0;
  }

  private growLastT(ref: SeriesRef): void {
    this.lastT = grownArray(this.lastT, Math.max(ref + 1, this.lastT.length * 2), -Infinity);
  }
}

class TapAppender implements Appender {
  private refs = new Uint32Array(256);
  private ts = new Float64Array(256);
  private vs = new Float64Array(256);
  /** Set by the first histogram of a commit; holes are float samples. */
  private hs: (Histogram | FloatHistogram | undefined)[] | undefined;
  private n = 0;

  constructor(
    private readonly inner: Appender,
    private readonly tap: WriteTap,
  ) {}

  // remote_write 1.0 has no field for a start time: it reaches the store, not the queue.
  append(ref: SeriesRef, labels: Labels, t: number, v: number, st?: number): SeriesRef {
    const got = this.inner.append(ref, labels, t, v, st);
    if (this.tap.tapping) this.note(got, labels, t, v);
    return got;
  }

  // The queue encodes the histogram when it takes it, before any later append could reuse the object.
  appendHistogram(ref: SeriesRef, labels: Labels, t: number, h: Histogram | FloatHistogram, st?: number): SeriesRef {
    const got = this.inner.appendHistogram(ref, labels, t, h, st);
    if (!this.tap.tapping) return got;
    (this.hs ??= [])[this.n] = h;
    this.note(got, labels, t, 0);
    return got;
  }

  private note(ref: SeriesRef, labels: Labels, t: number, v: number): void {
    if (this.n === this.refs.length) this.grow();
    this.tap.remember(ref, labels);
    this.refs[this.n] = ref;
    this.ts[this.n] = t;
    this.vs[this.n] = v;
    this.n++;
  }

  updateMetadata(metric: string, meta: Metadata): void {
    this.inner.updateMetadata(metric, meta);
  }

  commit(): AppendStats {
    const stats = this.inner.commit();
    const n = this.n;
    const hs = this.hs;
    this.n = 0;
    this.hs = undefined;
    this.tap.forward(this.refs, this.ts, this.vs, n, hs);
    return stats;
  }

  rollback(): void {
    this.n = 0;
    this.hs = undefined;
    this.inner.rollback();
  }

  private grow(): void {
    const size = this.refs.length * 2;
    this.refs = grownArray(this.refs, size);
    this.ts = grownArray(this.ts, size);
    this.vs = grownArray(this.vs, size);
  }
}
