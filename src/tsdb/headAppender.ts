// Buffers one scrape's or rule evaluation's samples and applies them on
// commit, so a reader never sees half of one (Prometheus's headAppender).

import type { Labels } from '../model/labels';
import type { Head } from './head';
import type { AppendStats, Appender, Metadata, SeriesRef } from './storage';

export class HeadAppender implements Appender {
  private refs = new Uint32Array(256);
  private ts = new Float64Array(256);
  private vs = new Float64Array(256);
  private n = 0;
  private readonly pendingMeta = new Map<string, Metadata>();
  private seriesAdded = 0;

  constructor(private readonly head: Head) {}

  append(ref: SeriesRef, labels: Labels, t: number, v: number): SeriesRef {
    if (ref === 0 || this.head.get(ref) === undefined) {
      // Series are created at append time and survive a rollback, as in Prometheus.
      const got = this.head.getOrCreate(labels);
      ref = got.series.ref;
      if (got.created) this.seriesAdded++;
    }
    if (!Number.isInteger(t)) throw new RangeError(`append ${labels.toString()}: timestamp ${t} is not integer milliseconds`);
    const i = this.n;
    if (i === this.refs.length) this.grow();
    this.refs[i] = ref;
    this.ts[i] = t;
    this.vs[i] = v;
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
    const { refs, ts, vs } = this;
    for (let i = 0; i < this.n; i++) {
      const s = head.get(refs[i]);
      // A series dropped by retention between append and commit loses its samples.
      if (s === undefined) stats.tooOld++;
      else head.appendSample(s, ts[i], vs[i], stats, minValidTime);
    }
    for (const [m, meta] of this.pendingMeta) head.setMetadata(m, meta);
    this.rollback();
    return stats;
  }

  rollback(): void {
    this.n = 0;
    this.pendingMeta.clear();
    this.seriesAdded = 0;
    if (this.refs.length > 65536) {
      this.refs = new Uint32Array(256);
      this.ts = new Float64Array(256);
      this.vs = new Float64Array(256);
    }
  }

  private grow(): void {
    const size = this.refs.length * 2;
    const refs = new Uint32Array(size);
    refs.set(this.refs);
    this.refs = refs;
    const ts = new Float64Array(size);
    ts.set(this.ts);
    this.ts = ts;
    const vs = new Float64Array(size);
    vs.set(this.vs);
    this.vs = vs;
  }
}
