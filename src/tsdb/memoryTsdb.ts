// A TSDB that keeps its head in memory and never touches IndexedDB: the
// engine's read-only start when the stored TSDB cannot be restored. Scrapes
// and queries work on what this session gathers; the store is left exactly
// as it was, so a later reload can try it again (or the user can wipe it).

import { Head } from './head';
import type { CheckpointResult, Tsdb, TsdbOptions } from './tsdb';
import { storageTotals, tsdbStats } from './tsdbStats';

const NOTHING_WRITTEN: CheckpointResult = {
  blocksWritten: 0,
  chunksWritten: 0,
  samplesWritten: 0,
  seriesWritten: 0,
  bytesWritten: 0,
  headWrite: 'none',
  blocksCompacted: 0,
  retention: { blocksDropped: 0, seriesRemoved: 0, reasons: [] },
};

/** `why` is shown with the storage figures, so Status says the store is not in use and why. */
export function memoryTsdb(opts: Pick<TsdbOptions, 'chunkRange' | 'tooOldWindow'>, why: string): Tsdb {
  const head = new Head({ chunkRange: opts.chunkRange, tooOldWindow: opts.tooOldWindow });
  return {
    appender: () => head.appender(),
    querier: () => head.querier(),
    checkpoint: async () => NOTHING_WRITTEN,
    applyRetention: async () => NOTHING_WRITTEN.retention,
    stats: () => tsdbStats(head, [], { bytes: 0, maxBytes: 0 }, [why]),
    totals: () => storageTotals(head, []),
    close: async () => {},
  };
}
