// Reads the head through the Querier face: postings pick the series, the
// chunks overlapping the range decode into one Float64Array pair per series.

import { compareLabels, compareStrings } from '../model/labels';
import type { Matcher } from '../model/matcher';
import { decodeRange, ENC_XOR, type ChunkBytes } from './chunkEncoding';
import type { MemSeries } from './memSeries';
import type { Postings, RefList } from './postings';
import type { Metadata } from '../model/metricType';
import type { SeriesData } from '../model/seriesData';
import type { Querier, SelectHints, SeriesRef } from './storage';

/** What a querier reads of the head (the head implements it). */
export interface QueryableHead {
  readonly postings: Postings;
  get(ref: SeriesRef): MemSeries | undefined;
  /** Refs of series matching every matcher, ascending. */
  matching(matchers: readonly Matcher[]): RefList;
  metadataMap(): ReadonlyMap<string, Metadata>;
}

export class HeadQuerier implements Querier {
  constructor(private readonly head: QueryableHead) {}

  async select(matchers: readonly Matcher[], mint: number, maxt: number, hints?: SelectHints): Promise<SeriesData[]> {
    const out: SeriesData[] = [];
    const refs = this.head.matching(matchers);
    for (let k = 0; k < refs.length; k++) {
      if ((k & 1023) === 1023) await hints?.tick?.();
      const ref = refs[k];
      const data = seriesSamples(this.head.get(ref)!, mint, maxt);
      if (data) out.push(data);
    }
    return out.sort((a, b) => compareLabels(a.labels, b.labels));
  }

  async labelNames(matchers: readonly Matcher[] = []): Promise<string[]> {
    if (matchers.length === 0) return this.head.postings.labelNames().sort(compareStrings);
    const names = new Set<string>();
    for (const r of this.head.matching(matchers)) this.head.get(r)!.labels.forEach((n) => names.add(n));
    return [...names].sort(compareStrings);
  }

  async labelValues(name: string, matchers: readonly Matcher[] = []): Promise<string[]> {
    if (matchers.length === 0) return this.head.postings.labelValues(name).sort(compareStrings);
    const values = new Set<string>();
    for (const r of this.head.matching(matchers)) {
      const v = this.head.get(r)!.labels.get(name);
      if (v !== '') values.add(v);
    }
    return [...values].sort(compareStrings);
  }

  async metadata(metric?: string): Promise<Map<string, Metadata[]>> {
    const out = new Map<string, Metadata[]>();
    for (const [m, meta] of this.head.metadataMap()) if (metric === undefined || metric === m) out.set(m, [meta]);
    return out;
  }
}

/** A series' in-memory samples in [mint, maxt], or undefined when it has none there. */
function seriesSamples(s: MemSeries, mint: number, maxt: number): SeriesData | undefined {
  const parts: ChunkBytes[] = [];
  for (const c of s.sealed) if (c.maxt >= mint && c.mint <= maxt) parts.push(c);
  if (s.open !== undefined && s.open.numSamples > 0 && s.openMint <= maxt && s.maxTime >= mint) parts.push({ encoding: ENC_XOR, bytes: s.open.view() });
  const got = decodeRange(parts, mint, maxt);
  return got && { labels: s.labels, ts: got.ts, vs: got.vs, st: s.startTimesAt(got.ts) };
}
