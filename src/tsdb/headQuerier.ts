// Reads the head through the Querier face: postings pick the series, the
// chunks overlapping the range decode into one Float64Array pair per series.
// Labels-only reads (selectLabels, countSeries) judge a series by its chunks'
// time spans and decode nothing.

import { compareLabels, compareStrings, type Labels } from '../model/labels';
import type { Matcher } from '../model/matcher';
import { chunkNumSamples, decodeRange, type ChunkBytes } from './chunkEncoding';
import type { MemSeries } from './memSeries';
import { withHistograms } from './histogramSamples';
import type { Postings, RefList } from './postings';
import type { Metadata } from '../model/metricType';
import type { LazySeries, SampleBuffers, SeriesData } from '../model/seriesData';
import { errorMessage } from '../model/result';
import type { Querier, SelectHints, SeriesRef } from './storage';

/** What a querier reads of the head (the head implements it). */
export interface QueryableHead {
  readonly postings: Postings;
  get(ref: SeriesRef): MemSeries | undefined;
  /** Refs of series matching every matcher, ascending. */
  matching(matchers: readonly Matcher[]): RefList;
  metadataMap(): ReadonlyMap<string, Metadata>;
}

/** Whether series `ref` has samples in the span a labels-only read asks about. */
export type Presence = (ref: SeriesRef) => boolean;

export class HeadQuerier implements Querier {
  constructor(private readonly head: QueryableHead) {}

  async select(matchers: readonly Matcher[], mint: number, maxt: number, hints?: SelectHints): Promise<SeriesData[]> {
    return readAll(await this.selectLazy(matchers, mint, maxt), hints);
  }

  async selectLazy(matchers: readonly Matcher[], mint: number, maxt: number, hints?: SelectHints): Promise<LazySeries[]> {
    const out: LazySeries[] = [];
    const refs = this.head.matching(matchers);
    for (let k = 0; k < refs.length; k++) {
      // Each series is captured whole, so handing the thread back between series (a scrape may commit) splits none.
      if ((k & 1023) === 1023) await hints?.tick?.();
      const s = this.head.get(refs[k])!;
      const parts: ChunkBytes[] = [];
      // The open chunk is copied: appends after this select must not show up in its reads.
      s.chunksIn(mint, maxt, parts, true);
      out.push(lazySeries(s, parts, s.histograms?.chunksIn(mint, maxt), mint, maxt));
    }
    return out.sort((a, b) => compareLabels(a.labels, b.labels));
  }

  selectLabels(matchers: readonly Matcher[], mint: number, maxt: number, hints?: SelectHints): Promise<Labels[]> {
    return labelsWhere(this.head, matchers, (r) => inMemorySpan(this.head.get(r), mint, maxt), hints);
  }

  countSeries(name: string, matchers: readonly Matcher[], mint: number, maxt: number, hints?: SelectHints): Promise<Map<string, number>> {
    return countsWhere(this.head, name, matchers, (r) => inMemorySpan(this.head.get(r), mint, maxt), hints);
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

/** A series whose float and histogram chunks, captured at select time, decode in [mint, maxt] when read. */
export function lazySeries(s: MemSeries, floats: readonly ChunkBytes[], histograms: readonly ChunkBytes[] | undefined, mint: number, maxt: number): LazySeries {
  return {
    labels: s.labels,
    mayHaveStartTimes: s.hasStartTimesIn(mint, maxt),
    mayHaveHistograms: histograms !== undefined && histograms.length > 0,
    sampleBound: samplesIn(floats) + (histograms === undefined ? 0 : samplesIn(histograms)),
    read(into?: SampleBuffers): SeriesData | undefined {
      let got;
      try {
        got = withHistograms(decodeRange(floats, mint, maxt, into), histograms, mint, maxt);
      } catch (e) {
        throw new Error(`tsdb select: series ${s.labels.toString()}: ${errorMessage(e)}`, { cause: e });
      }
      // Start times live in memory only, so samples already in blocks read as having none.
      return got && { labels: s.labels, ts: got.ts, vs: got.vs, st: s.startTimesAt(got.ts), ...(got.hs && { hs: got.hs }) };
    },
  };
}

function samplesIn(chunks: readonly ChunkBytes[]): number {
  let n = 0;
  for (const c of chunks) n += chunkNumSamples(c.bytes);
  return n;
}

/** Every lazy series read into arrays of its own, the empty ones left out (a select's answer). */
export async function readAll(series: readonly LazySeries[], hints: SelectHints | undefined): Promise<SeriesData[]> {
  const out: SeriesData[] = [];
  for (let k = 0; k < series.length; k++) {
    if ((k & 1023) === 1023) await hints?.tick?.();
    const got = series[k].read();
    if (got) out.push(got);
  }
  return out;
}

/** Whether a series has an in-memory chunk spanning part of [mint, maxt] (the chunks a select would decode). */
export function inMemorySpan(s: MemSeries | undefined, mint: number, maxt: number): boolean {
  return s !== undefined && s.hasChunkIn(mint, maxt);
}

/** Labels of the matching series `present` accepts, sorted; the labels are the head's own. */
export async function labelsWhere(head: QueryableHead, matchers: readonly Matcher[], present: Presence, hints: SelectHints | undefined): Promise<Labels[]> {
  const refs = head.matching(matchers);
  const out: Labels[] = [];
  for (let k = 0; k < refs.length; k++) {
    if ((k & 1023) === 1023) await hints?.tick?.();
    // A series dropped by retention while the thread was handed back is gone from the answer.
    const s = head.get(refs[k]);
    if (s !== undefined && present(refs[k])) out.push(s.labels);
  }
  return out.sort(compareLabels);
}

/** Per value of label `name`, how many matching series `present` accepts: one walk over that label's postings. */
export async function countsWhere(head: QueryableHead, name: string, matchers: readonly Matcher[], present: Presence, hints: SelectHints | undefined): Promise<Map<string, number>> {
  let wanted: Uint8Array | undefined;
  if (matchers.length > 0) {
    const refs = head.matching(matchers);
    wanted = new Uint8Array(refs.length > 0 ? refs[refs.length - 1] + 1 : 0);
    for (let k = 0; k < refs.length; k++) wanted[refs[k]] = 1;
  }
  const out = new Map<string, number>();
  let walked = 0;
  for (const [value, list] of head.postings.valueLists(name)) {
    let n = 0;
    // The list may grow while the thread is handed back; its length is read each round.
    for (let i = 0; i < list.length; i++) {
      if ((++walked & 1023) === 0) await hints?.tick?.();
      const r = list[i];
      if ((wanted === undefined || wanted[r] === 1) && present(r)) n++;
    }
    if (n > 0) out.set(value, n);
  }
  return out;
}
