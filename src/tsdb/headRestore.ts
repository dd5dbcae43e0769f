// Reopening a TSDB: rebuilds the head from what earlier checkpoints stored,
// series from the series store, open chunks from the last snapshot, then the
// logged samples replayed through the normal append path.

import { Labels } from '../model/labels';
import { seriesMaxt } from './blockFormat';
import type { CheckpointPolicy } from './checkpointPolicy';
import type { Head } from './head';
import type { PersistedState } from './persistedState';
import { SampleJournal } from './sampleJournal';
import type { BlockRecord, HeadRecord, StoredState, WalRecord } from './tsdbStore';
import { XorAppender } from './xorChunk';
import { errorMessage } from '../model/result';

/**
 * Restores the head, the block list and the checkpoint policy's log from the
 * stored state; returns what could not be restored. Chunks persisted after
 * the snapshot already hold some logged samples, so each series skips what
 * its blocks cover.
 */
export function restoreHead(state: StoredState, head: Head, persisted: PersistedState, policy: CheckpointPolicy): string[] {
  const warnings: string[] = [];
  for (const rec of state.series.sort((a, b) => a.ref - b.ref)) head.getOrCreate(Labels.fromSortedPairs(rec.labels), rec.ref);
  persisted.persistedRefs = head.nextSeriesRef;
  persisted.restore(state.blocks);
  const until = persistedUntil(persisted.blocks(), head.nextSeriesRef);
  if (state.head) {
    policy.snapshotFound();
    restoreSnapshot(state.head, head, persisted, until, warnings);
  }
  replayLog(state.wal.sort((a, b) => a.seq - b.seq), head, policy, until);
  policy.metadataFound(head.metadataVersion);
  head.journal = new SampleJournal();
  return warnings;
}

/** Each series' newest time in any block, by ref. */
function persistedUntil(blocks: readonly BlockRecord[], refsBelow: number): Float64Array {
  const until = new Float64Array(refsBelow).fill(-Infinity);
  for (const b of blocks) {
    const refs = b.index.refs;
    for (let i = 0; i < refs.length; i++) until[refs[i]] = Math.max(until[refs[i]], seriesMaxt(b.index, i));
  }
  return until;
}

function restoreSnapshot(h: HeadRecord, head: Head, persisted: PersistedState, until: Float64Array, warnings: string[]): void {
  persisted.reserveIds(h.nextBlockId);
  head.maxTime = h.maxTime;
  for (const [m, meta] of h.metadata) head.setMetadata(m, meta);
  let off = 0;
  for (let i = 0; i < h.refs.length; i++) {
    const len = h.openLens[i];
    const s = head.get(h.refs[i]);
    if (s) {
      s.maxTime = h.maxTimes[i];
      s.lastValue = h.lastValues[i];
      s.nextAt = h.nextAts[i];
      s.openMint = h.openMints[i];
      // An open chunk sealed and persisted after the snapshot is in a block already.
      if (len > 0 && h.openMints[i] > until[s.ref]) {
        try {
          s.open = XorAppender.resume(h.openBytes.subarray(off, off + len));
        } catch (e) {
          // One damaged open chunk costs that chunk's samples, not the whole database.
          warnings.push(`checkpoint of ${s.labels.toString()}: open chunk dropped: ${errorMessage(e)}`);
        }
      }
    }
    off += len;
  }
}

/** Replays log records in order; a sample a block already holds only moves the series' newest time. */
function replayLog(wal: readonly WalRecord[], head: Head, policy: CheckpointPolicy, until: Float64Array): void {
  const stats = { appended: 0, seriesAdded: 0, outOfOrder: 0, duplicate: 0, tooOld: 0 };
  for (const w of wal) {
    policy.logFound(w.seq, w.refs.length);
    for (const [m, meta] of w.metadata ?? []) head.setMetadata(m, meta);
    for (let i = 0; i < w.refs.length; i++) {
      const ref = w.refs[i];
      const s = head.get(ref);
      if (s === undefined) continue;
      const t = w.ts[i];
      if (t <= until[ref]) {
        if (t >= s.maxTime) {
          s.maxTime = t;
          s.lastValue = w.vs[i];
        }
        if (t > head.maxTime) head.maxTime = t;
        continue;
      }
      head.appendSample(s, t, w.vs[i], stats, -Infinity);
    }
  }
}
