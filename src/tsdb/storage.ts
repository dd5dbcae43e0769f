// The storage room's face: scrape and rules write through an Appender, PromQL
// reads through a Querier. Neither sees chunks, blocks or IndexedDB.

import type { FloatHistogram } from '../model/histogram/floatHistogram';
import type { Histogram } from '../model/histogram/histogram';
import type { Labels } from '../model/labels';
import type { Matcher } from '../model/matcher';
import type { Metadata } from '../model/metricType';
import type { LazySeries, SeriesData } from '../model/seriesData';

/** A series' number in one storage; 0 means "not resolved yet". */
export type SeriesRef = number;

/** Why samples of one commit were not stored, as Prometheus counts them. */
export interface AppendStats {
  appended: number;
  seriesAdded: number;
  outOfOrder: number;
  duplicate: number;
  tooOld: number;
}

export interface Appender {
  /**
   * Adds one sample. Pass the ref from an earlier call to skip the label
   * lookup; with ref 0 (or a ref the storage no longer knows) the labels
   * resolve or create the series. Returns the series' ref. A rejected sample
   * (out of order, duplicate timestamp with another value, too old) is counted
   * in the commit's stats, never thrown. `st` is the sample's start time in
   * ms (when its counter started counting, as OTLP and Prometheus's
   * AppenderV2 carry it); 0 or left out means unknown.
   */
  append(ref: SeriesRef, labels: Labels, t: number, v: number, st?: number): SeriesRef;
  /**
   * Adds one native histogram sample, with append's refs, checks and stats
   * (Prometheus's AppendHistogram). The storage keeps `h` as given until
   * commit: the caller must not change it afterwards. A float stale NaN passed
   * to append for a series whose last sample is a histogram is stored as a
   * histogram stale marker, and reads back as the float stale NaN.
   */
  appendHistogram(ref: SeriesRef, labels: Labels, t: number, h: Histogram | FloatHistogram, st?: number): SeriesRef;
  /** Metadata from an exposition's TYPE/HELP/UNIT lines, keyed by metric family name. */
  updateMetadata(metric: string, meta: Metadata): void;
  /** Makes every sample of this appender visible at once. */
  commit(): AppendStats;
  /** Drops every sample of this appender. */
  rollback(): void;
}

/** What a reader tells a select beyond the matchers and span (Prometheus's SelectHints). */
export interface SelectHints {
  /** Called about every 1,024 series while a large select decodes or a labels-only one walks: may yield to the event loop, throws to abandon the select (a cancelled query). */
  tick?: () => Promise<void>;
}

export interface Querier {
  /** Series matching all matchers, with their samples in [mint, maxt], sorted by labels. */
  select(matchers: readonly Matcher[], mint: number, maxt: number, hints?: SelectHints): Promise<SeriesData[]>;
  /**
   * The series select() would consider, sorted by labels, each decoded only
   * when read (one that turns out to have no sample in [mint, maxt] reads as
   * undefined): a query reads them one at a time into buffers it reuses.
   */
  selectLazy(matchers: readonly Matcher[], mint: number, maxt: number, hints?: SelectHints): Promise<LazySeries[]>;
  /**
   * The labels of the series select() would return, sorted, without decoding
   * a sample (Prometheus's Select with hints Func "series", its /api/v1/series).
   * As there, a series counts when a chunk of it spans part of [mint, maxt]:
   * in memory each chunk's first and last time, in a block the series' oldest
   * and newest time there (the block's start for blocks written before the
   * index kept each series' oldest time).
   */
  selectLabels(matchers: readonly Matcher[], mint: number, maxt: number, hints?: SelectHints): Promise<Labels[]>;
  /**
   * How many series selectLabels would return for each value of label `name`
   * (series without it are not counted): a walk of that label's postings,
   * with no object per series.
   */
  countSeries(name: string, matchers: readonly Matcher[], mint: number, maxt: number, hints?: SelectHints): Promise<Map<string, number>>;
  /** Label names of series matching the matchers (all series when none), sorted. */
  labelNames(matchers?: readonly Matcher[]): Promise<string[]>;
  /** Values of one label over the matching series, sorted. */
  labelValues(name: string, matchers?: readonly Matcher[]): Promise<string[]>;
  /** Metadata by metric name (all when no name). */
  metadata(metric?: string): Promise<Map<string, Metadata[]>>;
}

export interface Storage {
  appender(): Appender;
  querier(): Querier;
}
