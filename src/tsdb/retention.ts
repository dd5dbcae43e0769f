// Retention: which blocks go once they pass the time limit or the size limit,
// and dropping them together with the series left without samples anywhere.
// Also the quota fallback, which drops as size retention would.

import type { Head } from './head';
import type { PersistedState } from './persistedState';
import { deleteBlock, deleteSeries, putRetentionMark, writeTx, type BlockRecord } from './tsdbStore';

export type DropReason = 'time' | 'size' | 'quota';

export interface Dropped {
  blocksDropped: number;
  seriesRemoved: number;
}

export interface RetentionResult extends Dropped {
  /** Why blocks went, oldest reason first; empty when nothing was dropped. */
  reasons: DropReason[];
}

export interface RetentionLimits {
  /** Blocks wholly older than the newest sample minus this go. */
  retentionMs: number;
  /** Blocks go oldest first while their bytes exceed this. */
  maxBytes: number;
}

/** The blocks (in time order) past the time limit, then the oldest of the rest while they exceed the size limit. */
export function blocksPastRetention(blocks: readonly BlockRecord[], maxTime: number, limits: RetentionLimits): { ids: Set<number>; reasons: DropReason[] } {
  const reasons: DropReason[] = [];
  const ids = new Set<number>();
  const cutoff = maxTime - limits.retentionMs;
  for (const b of blocks) if (b.maxt < cutoff) ids.add(b.id);
  if (ids.size > 0) reasons.push('time');
  let bytes = 0;
  for (const b of blocks) if (!ids.has(b.id)) bytes += b.bytes;
  if (bytes > limits.maxBytes) {
    reasons.push('size');
    for (const b of blocks) {
      if (bytes <= limits.maxBytes) break;
      if (ids.has(b.id)) continue;
      ids.add(b.id);
      bytes -= b.bytes;
    }
  }
  return { ids, reasons };
}

/** Drops the blocks past retention by time, then by size. */
export async function applyRetention(head: Head, persisted: PersistedState, limits: RetentionLimits): Promise<RetentionResult> {
  const { ids, reasons } = blocksPastRetention(persisted.blocks(), head.maxTime, limits);
  if (ids.size === 0) return { blocksDropped: 0, seriesRemoved: 0, reasons };
  return { ...(await dropBlocks(head, persisted, ids)), reasons };
}

/** Drops every block of the oldest window (there must be one): what size retention would drop first. */
export function dropOldestWindow(head: Head, persisted: PersistedState): Promise<Dropped> {
  const stored = persisted.blocks();
  const oldest = stored[0].window;
  return dropBlocks(head, persisted, new Set(stored.filter((b) => b.window === oldest).map((b) => b.id)));
}

/** Deletes blocks and the series left with no samples anywhere, in one transaction. */
async function dropBlocks(head: Head, persisted: PersistedState, ids: ReadonlySet<number>): Promise<Dropped> {
  const doomed = persisted.blocks().filter((b) => ids.has(b.id));
  const kept = persisted.blocks().filter((b) => !ids.has(b.id));
  const referenced = new Set<number>();
  for (const b of kept) for (const r of b.index.refs) referenced.add(r);
  let droppedThrough = persisted.droppedThrough;
  for (const b of doomed) droppedThrough = Math.max(droppedThrough, b.maxt);
  const gone = new Set<number>();
  for (const s of head.allSeries()) {
    // Series not yet persisted may belong to an appender that has not committed.
    if (s.ref >= persisted.persistedRefs || referenced.has(s.ref) || s.sealedCount > 0 || s.hasOpen || (s.histograms?.length ?? 0) > 0) continue;
    gone.add(s.ref);
  }
  await writeTx(persisted.db, (tx, ops) => {
    for (const b of doomed) deleteBlock(tx, ops, b);
    deleteSeries(tx, ops, gone);
    putRetentionMark(tx, ops, { droppedThrough });
  });
  persisted.droppedThrough = droppedThrough;
  persisted.removed(ids);
  head.removeSeries(gone);
  return { blocksDropped: doomed.length, seriesRemoved: gone.size };
}
