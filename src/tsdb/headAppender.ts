// Buffers one scrape's or rule evaluation's samples and applies them on
// commit, so a reader never sees half of one (Prometheus's headAppender).

import { grownArray } from '../model/grownArray';
import type { Labels } from '../model/labels';
import type { Metadata } from '../model/metricType';
import type { MemSeries } from './memSeries';
import type { AnyHistogram } from './histogramSamples';
import type { AppendStats, Appender, SeriesRef } from './storage';

/** What an appender needs of the head it commits into (the head implements it). */
export interface AppendableHead {
  get(ref: SeriesRef): MemSeries | undefined;
  getOrCreate(labels: Labels): { series: MemSeries; created: boolean };
  appendSample(s: MemSeries, t: number, v: number, stats: AppendStats, minValidTime: number, st?: number): void;
  appendHistogram(s: MemSeries, t: number, h: AnyHistogram, stats: AppendStats, minValidTime: number, st?: number): void;
  minValidTime(): number;
  setMetadata(metric: string, m: Metadata): void;
}

interface Buffers {
  refs: Uint32Array;
  ts: Float64Array;
  vs: Float64Array;
  /** Made on the first sample with a start time, so scrapes without any never pay for it. */
  sts: Float64Array | undefined;
  /** Histogram samples by buffer index (their vs slot unused); made on the first, so float-only scrapes never pay for it. */
  hs: (AnyHistogram | undefined)[] | undefined;
}

// Scrapes make an appender each; reusing grown buffers spares the allocator a
// few hundred KB per scrape of a large target.
const pool: Buffers[] = [];
const POOL_MAX = 4;
const POOL_MAX_SAMPLES = 1 << 16;

function newBuffers(size: number): Buffers {
  return { refs: new Uint32Array(size), ts: new Float64Array(size), vs: new Float64Array(size), sts: undefined, hs: undefined };
}

export class HeadAppender implements Appender {
  private buf: Buffers | undefined;
  private n = 0;
  private readonly pendingMeta = new Map<string, Metadata>();
  private seriesAdded = 0;

  constructor(private readonly head: AppendableHead) {}

  append(ref: SeriesRef, labels: Labels, t: number, v: number, st = 0): SeriesRef {
    return this.add(ref, labels, t, v, undefined, st);
  }

  appendHistogram(ref: SeriesRef, labels: Labels, t: number, h: AnyHistogram, st = 0): SeriesRef {
    return this.add(ref, labels, t, 0, h, st);
  }

  private add(ref: SeriesRef, labels: Labels, t: number, v: number, h: AnyHistogram | undefined, st: number): SeriesRef {
    if (ref === 0 || this.head.get(ref) === undefined) {
      // Series are created at append time and survive a rollback, as in Prometheus.
      const got = this.head.getOrCreate(labels);
      ref = got.series.ref;
      if (got.created) this.seriesAdded++;
    }
    if (!Number.isInteger(t)) throw new RangeError(`append ${labels.toString()}: timestamp ${t} is not integer milliseconds`);
    if (!Number.isInteger(st)) throw new RangeError(`append ${labels.toString()}: start time ${st} is not integer milliseconds`);
    const i = this.n;
    let b = this.buf;
    if (b === undefined) b = this.buf = pool.pop() ?? newBuffers(256);
    if (i === b.refs.length) b = this.grow(b);
    b.refs[i] = ref;
    b.ts[i] = t;
    b.vs[i] = v;
    if (st !== 0) (b.sts ??= new Float64Array(b.refs.length))[i] = st;
    if (h !== undefined) (b.hs ??= [])[i] = h;
    else if (b.hs !== undefined) b.hs[i] = undefined;
    this.n = i + 1;
    return ref;
  }

  updateMetadata(metric: string, meta: Metadata): void {
    this.pendingMeta.set(metric, meta);
  }

  commit(): AppendStats {
    const head = this.head;
    const stats: AppendStats = { appended: 0, seriesAdded: this.seriesAdded, outOfOrder: 0, duplicate: 0, tooOld: 0 };
    const minValidTime = head.minValidTime();
    const b = this.buf;
    if (b !== undefined) {
      const { refs, ts, vs, sts, hs } = b;
      for (let i = 0; i < this.n; i++) {
        const s = head.get(refs[i]);
        const h = hs?.[i];
        // A series dropped by retention between append and commit loses its samples.
        if (s === undefined) stats.tooOld++;
        else if (h !== undefined) head.appendHistogram(s, ts[i], h, stats, minValidTime, sts === undefined ? 0 : sts[i]);
        else head.appendSample(s, ts[i], vs[i], stats, minValidTime, sts === undefined ? 0 : sts[i]);
      }
    }
    for (const [m, meta] of this.pendingMeta) head.setMetadata(m, meta);
    this.rollback();
    return stats;
  }

  rollback(): void {
    this.n = 0;
    this.pendingMeta.clear();
    this.seriesAdded = 0;
    const b = this.buf;
    if (b !== undefined && pool.length < POOL_MAX && b.refs.length <= POOL_MAX_SAMPLES) {
      // A pooled buffer starts without start times: the next appender's samples may have none.
      b.sts = undefined;
      b.hs = undefined;
      pool.push(b);
    }
    this.buf = undefined;
  }

  private grow(old: Buffers): Buffers {
    const b = newBuffers(old.refs.length * 2);
    b.refs.set(old.refs);
    b.ts.set(old.ts);
    b.vs.set(old.vs);
    if (old.sts !== undefined) b.sts = grownArray(old.sts, b.refs.length);
    b.hs = old.hs;
    this.buf = b;
    return b;
  }
}
