// The figures the Status page shows of a TSDB: sizes of the head and the
// blocks, the time span, and the metrics and labels with most series.

import { METRIC_NAME } from '../model/labels';
import type { Head } from './head';
import type { BlockRecord } from './tsdbStore';

export interface TsdbStats {
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

export function tsdbStats(head: Head, blocks: readonly BlockRecord[], cache: { bytes: number; maxBytes: number }, loadWarnings: readonly string[]): TsdbStats {
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
  const p = head.postings;
  const top = <T extends { count: number }>(xs: T[]) => xs.sort((a, b) => b.count - a.count).slice(0, TOP);
  const pairs: { name: string; value: string; count: number }[] = [];
  for (const name of p.labelNames()) for (const [value, count] of p.valueCounts(name)) pairs.push({ name, value, count });
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
    cacheBytes: cache.bytes,
    cacheMaxBytes: cache.maxBytes,
    topMetricsBySeries: top([...p.valueCounts(METRIC_NAME)].map(([name, count]) => ({ name, count }))),
    topLabelsByValues: top([...p.nameCardinalities()].map(([name, count]) => ({ name, count }))),
    topLabelPairsBySeries: top(pairs),
    seriesCreated: head.seriesCreated,
    seriesRemoved: head.seriesRemoved,
    loadWarnings: [...loadWarnings],
  };
}
