// Reads the head through the Querier face: postings pick the series, their
// chunks decode straight into one Float64Array pair per series.

import { compareLabels, compareStrings } from '../model/labels';
import type { Matcher } from '../model/matcher';
import type { Head } from './head';
import { decodeChunkInto } from './chunkEncoding';
import type { MemSeries, SealedChunk } from './memSeries';
import type { Metadata, Querier, SeriesData } from './storage';
import { decodeXorInto } from './xorChunk';

export class HeadQuerier implements Querier {
  constructor(private readonly head: Head) {}

  async select(matchers: readonly Matcher[], mint: number, maxt: number): Promise<SeriesData[]> {
    const out: SeriesData[] = [];
    for (const ref of this.head.matching(matchers)) {
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
export function seriesSamples(s: MemSeries, mint: number, maxt: number): SeriesData | undefined {
  const parts: SealedChunk[] = [];
  let total = 0;
  for (const c of s.sealed) {
    if (c.maxt < mint || c.mint > maxt) continue;
    parts.push(c);
    total += c.numSamples;
  }
  const open = s.open !== undefined && s.open.numSamples > 0 && s.openMint <= maxt && s.maxTime >= mint ? s.open : undefined;
  if (open) total += open.numSamples;
  if (total === 0) return undefined;
  const ts = new Float64Array(total);
  const vs = new Float64Array(total);
  let o = 0;
  for (const c of parts) o += decodeChunkInto(c.encoding, c.bytes, ts, vs, o);
  if (open) decodeXorInto(open.view(), ts, vs, o);
  return trimToRange(s, ts, vs, mint, maxt);
}

function trimToRange(s: MemSeries, ts: Float64Array, vs: Float64Array, mint: number, maxt: number): SeriesData | undefined {
  const lo = lowerBound(ts, mint);
  const hi = lowerBound(ts, maxt + 1);
  if (lo >= hi) return undefined;
  if (lo === 0 && hi === ts.length) return { labels: s.labels, ts, vs };
  return { labels: s.labels, ts: ts.subarray(lo, hi), vs: vs.subarray(lo, hi) };
}

/** First index whose timestamp is ≥ x (timestamps are integers, so maxt+1 bounds an inclusive end). */
export function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
