// The in-memory head: series by ref with interned labels, the postings index,
// and each series' chunks. Implements the Storage face; the persistent TSDB
// wraps it and moves sealed chunks out to IndexedDB.

import { intern, Labels } from '../model/labels';
import type { Matcher } from '../model/matcher';
import { HeadAppender, type AppendableHead } from './headAppender';
import { HeadQuerier, type QueryableHead } from './headQuerier';
import { MemSeries, sameValueBits, type ChunkOptions } from './memSeries';
import { Postings, type RefList } from './postings';
import { SeriesColumns } from './seriesColumns';
import { LabelSetIndex } from './labelSetIndex';
import type { SampleJournal } from './sampleJournal';
import { isStaleNaN } from '../model/staleNaN';
import { staleMarkerLike, type AnyHistogram } from './histogramSamples';
import { FloatHistogram } from '../model/histogram/floatHistogram';
import { Histogram } from '../model/histogram/histogram';
import type { Metadata } from '../model/metricType';
import type { AppendStats, Appender, Querier, SeriesRef, Storage } from './storage';

export interface HeadOptions {
  /** Width of the aligned time windows chunks stay within; Prometheus's default is 2 h. */
  chunkRange?: number;
  /** Target samples per chunk; Prometheus's default is 120. */
  samplesPerChunk?: number;
  /**
   * When set, samples older than the head's newest time minus this many ms are
   * rejected as too old, as Prometheus rejects samples below its head's
   * minValidTime (chunkRange/2 there). Unset accepts any time a series has not
   * passed, which loading historical files needs.
   */
  tooOldWindow?: number;
}

export const DEFAULT_CHUNK_RANGE = 2 * 3_600_000;

export class Head implements Storage, AppendableHead, QueryableHead {
  readonly chunkOptions: ChunkOptions;
  private readonly tooOldWindow: number;
  private readonly series: (MemSeries | undefined)[] = [undefined];
  /** Every series' scalars, by ref. */
  private readonly columns = new SeriesColumns();
  private readonly byLabels = new LabelSetIndex((r) => this.series[r]!.labels);
  readonly postings = new Postings();
  private readonly meta = new Map<string, Metadata>();
  /** Newest sample time over all series. */
  maxTime = -Infinity;
  private nextRef = 1;
  /** When set, every stored sample is recorded for the next checkpoint. */
  journal: SampleJournal | undefined;
  /** Bumped whenever metadata changes, so checkpoints write it only then. */
  metadataVersion = 0;
  /** Series created and removed since the head was made (churn). */
  seriesCreated = 0;
  seriesRemoved = 0;

  constructor(opts: HeadOptions = {}) {
    this.chunkOptions = {
      chunkRange: opts.chunkRange ?? DEFAULT_CHUNK_RANGE,
      samplesPerChunk: opts.samplesPerChunk ?? 120,
    };
    this.tooOldWindow = opts.tooOldWindow ?? Infinity;
  }

  get numSeries(): number {
    return this.byLabels.size;
  }

  appender(): Appender {
    return new HeadAppender(this);
  }

  querier(): Querier {
    return new HeadQuerier(this);
  }

  /** Finds or creates the series for a label set; `ref` restores a known ref (reopening storage). */
  getOrCreate(labels: Labels, ref?: SeriesRef): { series: MemSeries; created: boolean } {
    const hit = this.byLabels.get(labels);
    if (hit !== undefined) return { series: this.series[hit]!, created: false };
    if (ref === undefined) ref = this.nextRef;
    this.nextRef = Math.max(this.nextRef, ref + 1);
    const s = new MemSeries(ref, internedLabels(labels), this.columns);
    this.series[ref] = s;
    this.byLabels.add(s.labels, ref);
    this.postings.add(ref, s.labels);
    this.seriesCreated++;
    return { series: s, created: true };
  }

  /**
   * Adds a stored series under its ref (reopening storage): the pairs, sorted
   * as stored and already interned, become the series' labels, so a million
   * restored series cost one Labels each and no copies.
   */
  restoreSeries(ref: SeriesRef, sortedPairs: string[]): void {
    const labels = Labels.fromSortedPairs(sortedPairs);
    // Indexed before its series exists: the index reads other series' labels only.
    if (this.byLabels.getOrAdd(labels, ref) !== ref) return;
    this.nextRef = Math.max(this.nextRef, ref + 1);
    const s = new MemSeries(ref, labels, this.columns);
    this.series[ref] = s;
    this.postings.addInBulk(ref, labels);
    this.seriesCreated++;
  }

  /** Ends a restore: the postings lists it built become compact. */
  restored(): void {
    this.postings.settle();
  }

  /** Makes room for `count` more series with refs below `refsBelow` before restoring them, so the tables grow once. */
  reserveSeries(count: number, refsBelow: number): void {
    this.byLabels.reserve(this.byLabels.size + count);
    this.columns.reserve(refsBelow);
  }

  /** The ref the next new series gets; every ref below it has been handed out. */
  get nextSeriesRef(): SeriesRef {
    return this.nextRef;
  }

  get(ref: SeriesRef): MemSeries | undefined {
    return this.series[ref];
  }

  /** Every live series, ascending by ref. */
  *allSeries(): IterableIterator<MemSeries> {
    for (const s of this.series) if (s !== undefined) yield s;
  }

  /** Drops series (retention); their refs are never reused. */
  removeSeries(refs: ReadonlySet<SeriesRef>): void {
    this.postings.remove(refs, (r) => this.series[r]!.labels);
    for (const r of refs) {
      const s = this.series[r];
      if (!s) continue;
      this.byLabels.delete(s.labels, r);
      this.columns.release(r);
      this.series[r] = undefined;
      this.seriesRemoved++;
    }
  }

  /**
   * Appends one sample with Prometheus's checks (memSeries.appendable):
   * older than the series' newest sample is out of order, the same time with
   * other value bits a duplicate, the same sample again silently dropped.
   * A nonzero `st` is the sample's start time.
   */
  appendSample(s: MemSeries, t: number, v: number, stats: AppendStats, minValidTime: number, st = 0): void {
    if (s.lastHistogram !== undefined && isStaleNaN(v)) {
      this.appendHistogram(s, t, staleMarkerLike(s.lastHistogram), stats, minValidTime, st);
      return;
    }
    if (t < minValidTime) {
      stats.tooOld++;
      return;
    }
    if (t <= s.maxTime) {
      if (t < s.maxTime) stats.outOfOrder++;
      else if (!sameValueBits(s.lastValue, v)) stats.duplicate++;
      return;
    }
    s.append(t, v, this.chunkOptions, st);
    if (t > this.maxTime) this.maxTime = t;
    this.journal?.push(s.ref, t, v);
    stats.appended++;
  }

  /**
   * Appends one histogram sample with Prometheus's checks
   * (memSeries.appendableHistogram): older than the newest sample is out of
   * order; at the newest sample's time, the same histogram again is dropped
   * silently and anything else is a duplicate.
   */
  appendHistogram(s: MemSeries, t: number, h: AnyHistogram, stats: AppendStats, minValidTime: number, st = 0): void {
    if (t < minValidTime) {
      stats.tooOld++;
      return;
    }
    if (t <= s.maxTime) {
      if (t < s.maxTime) stats.outOfOrder++;
      else if (!sameHistogram(s.lastHistogram, h)) stats.duplicate++;
      return;
    }
    s.appendHistogram(t, h, this.chunkOptions, st);
    if (t > this.maxTime) this.maxTime = t;
    this.journal?.pushHistogram(s.ref, t, h);
    stats.appended++;
  }

  /** The oldest time an appender created now accepts (Prometheus's appendableMinValidTime). */
  minValidTime(): number {
    return this.tooOldWindow === Infinity ? -Infinity : this.maxTime - this.tooOldWindow;
  }

  setMetadata(metric: string, m: Metadata): void {
    const old = this.meta.get(metric);
    if (old !== undefined && old.type === m.type && old.help === m.help && old.unit === m.unit) return;
    this.meta.set(intern(metric), m);
    this.metadataVersion++;
  }

  metadataMap(): ReadonlyMap<string, Metadata> {
    return this.meta;
  }

  /** Refs of series matching every matcher, ascending. */
  matching(matchers: readonly Matcher[]): RefList {
    return this.postings.resolve(matchers);
  }
}

/**
 * The labels a new series keeps: the caller's own when every string is
 * already the interned copy (labels are never mutated, so sharing is safe and
 * a scrape cache's labels cost the head nothing more), otherwise a copy made
 * of interned strings.
 */
function internedLabels(labels: Labels): Labels {
  const flat = labels.flat();
  let copy: string[] | undefined;
  for (let i = 0; i < flat.length; i++) {
    const s = intern(flat[i]);
    if (s !== flat[i]) copy ??= flat.slice(0, i);
    copy?.push(s);
  }
  return copy === undefined ? labels : Labels.fromSortedPairs(copy);
}

/** Prometheus's Equals against the series' last histogram of the same kind (an integer and a float histogram never match). */
function sameHistogram(last: AnyHistogram | undefined, h: AnyHistogram): boolean {
  if (last instanceof Histogram) return h instanceof Histogram && last.equals(h);
  if (last instanceof FloatHistogram) return h instanceof FloatHistogram && last.equals(h);
  return false;
}
