// The in-memory head: series by ref, an inverted index of label pairs, and
// samples appended in time order. Implements the Storage face.

import { compareLabels, intern, Labels } from '../model/labels';
import type { Matcher } from '../model/matcher';
import type { AppendStats, Appender, Metadata, Querier, SeriesData, SeriesRef, Storage } from './storage';

interface MemSeries {
  ref: SeriesRef;
  labels: Labels;
  ts: Float64Array;
  vs: Float64Array;
  n: number;
}

const sameBits = new Float64Array(2);
const sameBitsU = new Uint32Array(sameBits.buffer);

function sameValue(a: number, b: number): boolean {
  sameBits[0] = a;
  sameBits[1] = b;
  return sameBitsU[0] === sameBitsU[2] && sameBitsU[1] === sameBitsU[3];
}

export class Head implements Storage {
  private readonly series: (MemSeries | undefined)[] = [undefined];
  private readonly byKey = new Map<string, SeriesRef>();
  private readonly postings = new Map<string, Map<string, SeriesRef[]>>();
  private readonly meta = new Map<string, Metadata>();

  get numSeries(): number {
    return this.byKey.size;
  }

  appender(): Appender {
    return new HeadAppender(this);
  }

  querier(): Querier {
    return new HeadQuerier(this);
  }

  /** Finds or creates the series for a label set. */
  getOrCreate(labels: Labels): { ref: SeriesRef; created: boolean } {
    const key = labels.key();
    const hit = this.byKey.get(key);
    if (hit !== undefined) return { ref: hit, created: false };
    const ref = this.series.length;
    const flat = labels.flat().map(intern);
    const interned = Labels.fromSortedPairs(flat);
    this.series.push({ ref, labels: interned, ts: new Float64Array(16), vs: new Float64Array(16), n: 0 });
    this.byKey.set(key, ref);
    for (let i = 0; i < flat.length; i += 2) {
      let values = this.postings.get(flat[i]);
      if (!values) this.postings.set(flat[i], (values = new Map()));
      const refs = values.get(flat[i + 1]);
      if (refs) refs.push(ref);
      else values.set(flat[i + 1], [ref]);
    }
    return { ref, created: true };
  }

  has(ref: SeriesRef): boolean {
    return this.series[ref] !== undefined;
  }

  lastTimestamp(ref: SeriesRef): number {
    const s = this.series[ref]!;
    return s.n === 0 ? -Infinity : s.ts[s.n - 1];
  }

  lastValue(ref: SeriesRef): number {
    const s = this.series[ref]!;
    return s.vs[s.n - 1];
  }

  /** Appends one sample already checked to be in order. */
  put(ref: SeriesRef, t: number, v: number): void {
    const s = this.series[ref]!;
    if (s.n === s.ts.length) {
      const ts = new Float64Array(s.n * 2);
      ts.set(s.ts);
      s.ts = ts;
      const vs = new Float64Array(s.n * 2);
      vs.set(s.vs);
      s.vs = vs;
    }
    s.ts[s.n] = t;
    s.vs[s.n] = v;
    s.n++;
  }

  setMetadata(metric: string, m: Metadata): void {
    this.meta.set(metric, m);
  }

  /** Refs of series matching every matcher, ascending. */
  matching(matchers: readonly Matcher[]): SeriesRef[] {
    let candidates: SeriesRef[] | undefined;
    for (const m of matchers) {
      if (m.matchesEmpty()) continue;
      const values = this.postings.get(m.name);
      const refs: SeriesRef[] = [];
      if (values) for (const [v, r] of values) if (m.matches(v)) refs.push(...r);
      refs.sort((a, b) => a - b);
      candidates = candidates ? intersect(candidates, refs) : refs;
    }
    if (!candidates) {
      candidates = [];
      for (let r = 1; r < this.series.length; r++) if (this.series[r]) candidates.push(r);
    }
    return candidates.filter((r) => matchers.every((m) => m.matches(this.series[r]!.labels.get(m.name))));
  }

  seriesData(ref: SeriesRef, mint: number, maxt: number): SeriesData {
    const s = this.series[ref]!;
    const lo = lowerBound(s.ts, s.n, mint);
    let hi = lowerBound(s.ts, s.n, maxt);
    if (hi < s.n && s.ts[hi] === maxt) hi++;
    return { labels: s.labels, ts: s.ts.slice(lo, hi), vs: s.vs.slice(lo, hi) };
  }

  labelsOf(ref: SeriesRef): Labels {
    return this.series[ref]!.labels;
  }

  metadataMap(): Map<string, Metadata> {
    return this.meta;
  }
}

function lowerBound(a: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function intersect(a: SeriesRef[], b: SeriesRef[]): SeriesRef[] {
  const out: SeriesRef[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else {
      out.push(a[i]);
      i++;
      j++;
    }
  }
  return out;
}

class HeadAppender implements Appender {
  private refs: SeriesRef[] = [];
  private ts: number[] = [];
  private vs: number[] = [];
  private readonly pendingMeta = new Map<string, Metadata>();
  private seriesAdded = 0;

  constructor(private readonly head: Head) {}

  append(ref: SeriesRef, labels: Labels, t: number, v: number): SeriesRef {
    if (ref === 0 || !this.head.has(ref)) {
      const got = this.head.getOrCreate(labels);
      ref = got.ref;
      if (got.created) this.seriesAdded++;
    }
    this.refs.push(ref);
    this.ts.push(t);
    this.vs.push(v);
    return ref;
  }

  updateMetadata(metric: string, meta: Metadata): void {
    this.pendingMeta.set(metric, meta);
  }

  commit(): AppendStats {
    const stats: AppendStats = { appended: 0, seriesAdded: this.seriesAdded, outOfOrder: 0, duplicate: 0, tooOld: 0 };
    for (let i = 0; i < this.refs.length; i++) {
      const ref = this.refs[i];
      const last = this.head.lastTimestamp(ref);
      const t = this.ts[i];
      if (t < last) stats.outOfOrder++;
      else if (t === last) {
        if (!sameValue(this.head.lastValue(ref), this.vs[i])) stats.duplicate++;
      } else {
        this.head.put(ref, t, this.vs[i]);
        stats.appended++;
      }
    }
    for (const [m, meta] of this.pendingMeta) this.head.setMetadata(m, meta);
    this.rollback();
    return stats;
  }

  rollback(): void {
    this.refs = [];
    this.ts = [];
    this.vs = [];
    this.pendingMeta.clear();
    this.seriesAdded = 0;
  }
}

class HeadQuerier implements Querier {
  constructor(private readonly head: Head) {}

  async select(matchers: readonly Matcher[], mint: number, maxt: number): Promise<SeriesData[]> {
    const out = this.head.matching(matchers).map((r) => this.head.seriesData(r, mint, maxt));
    return out.sort((a, b) => compareLabels(a.labels, b.labels));
  }

  async labelNames(matchers: readonly Matcher[] = []): Promise<string[]> {
    const names = new Set<string>();
    for (const r of this.head.matching(matchers)) this.head.labelsOf(r).forEach((n) => names.add(n));
    return [...names].sort();
  }

  async labelValues(name: string, matchers: readonly Matcher[] = []): Promise<string[]> {
    const values = new Set<string>();
    for (const r of this.head.matching(matchers)) {
      const v = this.head.labelsOf(r).get(name);
      if (v !== '') values.add(v);
    }
    return [...values].sort();
  }

  async metadata(metric?: string): Promise<Map<string, Metadata[]>> {
    const out = new Map<string, Metadata[]>();
    for (const [m, meta] of this.head.metadataMap()) if (metric === undefined || metric === m) out.set(m, [meta]);
    return out;
  }
}
