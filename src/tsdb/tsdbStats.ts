// The figures the Status page shows of a TSDB: sizes of the head and the
// blocks, the time span, and the metrics and labels with most series.

import { METRIC_NAME } from '../model/labels';
import type { Head } from './head';
import type { BlockRecord } from './tsdbStore';

/** The sizes alone: what the self-metrics report on every self-scrape, without the cardinality tops. */
export interface StorageTotals {
  series: number;
  chunks: number;
  samples: number;
  /** Bytes of chunk data in IndexedDB (blocks). */
  storedBytes: number;
  blocks: number;
  bytesPerSample: number;
  headSeries: number;
  headChunks: number;
  headSamples: number;
  minTime: number;
  maxTime: number;
}

export interface TsdbStats extends StorageTotals {
  /** Block pages held by the read cache, and the most it may hold. */
  cacheBytes: number;
  cacheMaxBytes: number;
  topMetricsBySeries: { name: string; count: number }[];
  topLabelsByValues: { name: string; count: number }[];
  topLabelPairsBySeries: { name: string; value: string; count: number }[];
  seriesCreated: number;
  seriesRemoved: number;
  /** Damage found while opening (data that could not be restored), for the UI to show. */
  loadWarnings: string[];
}

const TOP = 10;

/** Sizes and time span of the head and the blocks: one pass over the series, no label walks. */
export function storageTotals(head: Head, blocks: readonly BlockRecord[]): StorageTotals {
  let headChunks = 0;
  let headSamples = 0;
  let minTime = Infinity;
  for (const s of head.allSeries()) {
    headChunks += s.sealedCount + (s.hasOpen ? 1 : 0);
    headSamples += s.numSamples;
    minTime = Math.min(minTime, s.minTime);
  }
  let chunks = 0;
  let samples = 0;
  let storedBytes = 0;
  for (const b of blocks) {
    chunks += b.numChunks;
    samples += b.numSamples;
    storedBytes += b.bytes;
    minTime = Math.min(minTime, b.mint);
  }
  return {
    series: head.numSeries,
    chunks: chunks + headChunks,
    samples: samples + headSamples,
    storedBytes,
    blocks: blocks.length,
    bytesPerSample: samples > 0 ? storedBytes / samples : 0,
    headSeries: head.numSeries,
    headChunks,
    headSamples,
    minTime: minTime === Infinity ? NaN : minTime,
    maxTime: head.maxTime === -Infinity ? NaN : head.maxTime,
  };
}

export function tsdbStats(head: Head, blocks: readonly BlockRecord[], cache: { bytes: number; maxBytes: number }, loadWarnings: readonly string[]): TsdbStats {
  const p = head.postings;
  const metrics = new TopCounts<{ name: string; count: number }>();
  p.forEachValueCount(METRIC_NAME, (name, count) => metrics.offer(count, () => ({ name, count })));
  const labels = new TopCounts<{ name: string; count: number }>();
  const pairs = new TopCounts<{ name: string; value: string; count: number }>();
  for (const [name, count] of p.nameCardinalities()) {
    labels.offer(count, () => ({ name, count }));
    p.forEachValueCount(name, (value, n) => pairs.offer(n, () => ({ name, value, count: n })));
  }
  return {
    ...storageTotals(head, blocks),
    cacheBytes: cache.bytes,
    cacheMaxBytes: cache.maxBytes,
    topMetricsBySeries: metrics.items,
    topLabelsByValues: labels.items,
    topLabelPairsBySeries: pairs.items,
    seriesCreated: head.seriesCreated,
    seriesRemoved: head.seriesRemoved,
    loadWarnings: [...loadWarnings],
  };
}

/**
 * The TOP largest counts offered, largest first, ties in the order offered
 * (as a stable sort would leave them). An item is made only when it enters:
 * the Status page and the self-metrics ask every few seconds, and making and
 * sorting one object per label pair of 800,000 series held the engine's
 * thread for most of a second each time.
 */
export class TopCounts<T extends { count: number }> {
  readonly items: T[] = [];

  offer(count: number, make: () => T): void {
    const items = this.items;
    if (items.length === TOP && count <= items[TOP - 1].count) return;
    let i = items.length;
    while (i > 0 && items[i - 1].count < count) i--;
    items.splice(i, 0, make());
    if (items.length > TOP) items.pop();
  }
}
