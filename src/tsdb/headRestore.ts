// Reopening a TSDB: rebuilds the head from what earlier checkpoints stored,
// series from the series packs, open chunks from the last snapshot, then the
// logged samples replayed through the normal append path. A store of a
// million series takes seconds, so every phase hands the thread back about
// every 1,024 series and says how far it has come.

import { seriesMaxt } from './blockFormat';
import type { CheckpointPolicy } from './checkpointPolicy';
import type { Head } from './head';
import type { PersistedState } from './persistedState';
import { SampleJournal, storedHistogram } from './sampleJournal';
import { packLabels } from './seriesPacks';
import type { ChunkEncoding } from './chunkEncoding';
import { timeSlices } from './timeSlices';
import type { BlockRecord, HeadRecord, OpenHistogramChunks, StoredState, WalRecord } from './tsdbStore';
import { errorMessage } from '../model/result';
import { intern } from '../model/labels';

/** How far reopening has come: `done` of `total` units (series, block entries, logged samples) of one phase. */
export interface RestoreProgress {
  phase: string;
  done: number;
  total: number;
}

/** At most one report per this many ms, beside each phase's last. */
const REPORT_MS = 100;

/** Throttled progress reports, with a hand-back of the thread on each step. */
export class RestoreReporter {
  private lastReport = -Infinity;
  private readonly tick = timeSlices();

  constructor(private readonly onProgress: ((p: RestoreProgress) => void) | undefined) {}

  /** Called about every 1,024 units: may yield and may report. */
  async step(phase: string, done: number, total: number): Promise<void> {
    await this.tick();
    if (this.onProgress === undefined) return;
    const now = performance.now();
    if (now - this.lastReport < REPORT_MS) return;
    this.lastReport = now;
    this.onProgress({ phase, done, total });
  }

  /** Reports now, throttle or not (a phase's start or end). */
  now(phase: string, done: number, total: number): void {
    this.lastReport = performance.now();
    this.onProgress?.({ phase, done, total });
  }

  /** A phase's end, always reported. */
  done(phase: string, total: number): void {
    this.now(phase, total, total);
  }
}

/**
 * Restores the head, the block list and the checkpoint policy's log from the
 * stored state; returns what could not be restored. Chunks persisted after
 * the snapshot already hold some logged samples, so each series skips what
 * its blocks cover.
 */
export async function restoreHead(state: StoredState, head: Head, persisted: PersistedState, policy: CheckpointPolicy, report: RestoreReporter): Promise<string[]> {
  const warnings: string[] = [];
  await restoreSeries(state.series, head, report);
  persisted.persistedRefs = head.nextSeriesRef;
  persisted.restore(state.blocks);
  persisted.droppedThrough = state.droppedThrough;
  const until = await persistedUntil(persisted.blocks(), head.nextSeriesRef, state.droppedThrough, report);
  if (state.head) {
    policy.snapshotFound();
    await restoreSnapshot(state.head, head, persisted, until, warnings, report);
  }
  await replayLog(state.wal.sort((a, b) => a.seq - b.seq), head, policy, until, report);
  policy.metadataFound(head.metadataVersion);
  head.journal = new SampleJournal();
  return warnings;
}

async function restoreSeries(packs: StoredState['series'], head: Head, report: RestoreReporter): Promise<void> {
  let total = 0;
  let refsBelow = 0;
  for (const p of packs) {
    total += p.size;
    if (p.size > 0) refsBelow = Math.max(refsBelow, p.refs[p.size - 1] + 1);
  }
  head.reserveSeries(total, refsBelow);
  let done = 0;
  for (const p of packs) {
    let i = 0;
    for (const labels of packLabels(p, intern)) {
      if ((++done & 1023) === 0) await report.step('series', done, total);
      head.restoreSeries(p.refs[i++], labels);
    }
  }
  head.restored();
  report.done('series', total);
}

/**
 * Each series' newest time in any block, by ref, and never before what
 * retention dropped: what the snapshot and the log hold up to then is either
 * in a block or gone.
 */
async function persistedUntil(blocks: readonly BlockRecord[], refsBelow: number, droppedThrough: number, report: RestoreReporter): Promise<Float64Array> {
  const until = new Float64Array(refsBelow).fill(droppedThrough);
  let total = 0;
  for (const b of blocks) total += b.index.refs.length;
  let done = 0;
  for (const b of blocks) {
    const refs = b.index.refs;
    for (let i = 0; i < refs.length; i++) {
      if ((++done & 65535) === 0) await report.step('blocks', done, total);
      const t = seriesMaxt(b.index, i);
      if (t > until[refs[i]]) until[refs[i]] = t;
    }
  }
  report.done('blocks', total);
  return until;
}

async function restoreSnapshot(h: HeadRecord, head: Head, persisted: PersistedState, until: Float64Array, warnings: string[], report: RestoreReporter): Promise<void> {
  persisted.reserveIds(h.nextBlockId);
  head.maxTime = h.maxTime;
  for (const [m, meta] of h.metadata) head.setMetadata(m, meta);
  let off = 0;
  const n = h.refs.length;
  for (let i = 0; i < n; i++) {
    if ((i & 1023) === 1023) await report.step('snapshot', i, n);
    const len = h.openLens[i];
    const s = head.get(h.refs[i]);
    if (s) {
      s.maxTime = h.maxTimes[i];
      s.lastValue = h.lastValues[i];
      s.nextAt = h.nextAts[i];
      // An open chunk sealed and persisted after the snapshot is in a block already.
      if (len > 0 && h.openMints[i] > until[s.ref]) {
        try {
          s.resumeOpen(h.openBytes.subarray(off, off + len));
        } catch (e) {
          // One damaged open chunk costs that chunk's samples, not the whole database.
          warnings.push(`checkpoint of ${s.labels.toString()}: open chunk dropped: ${errorMessage(e)}`);
        }
      }
    }
    off += len;
  }
  if (h.histograms) restoreOpenHistograms(h.histograms, head, until, warnings);
  report.done('snapshot', n);
}

function restoreOpenHistograms(h: OpenHistogramChunks, head: Head, until: Float64Array, warnings: string[]): void {
  let off = 0;
  for (let i = 0; i < h.refs.length; i++) {
    const len = h.lens[i];
    const s = head.get(h.refs[i]);
    const bytes = h.bytes.subarray(off, off + len);
    off += len;
    if (s === undefined) continue;
    try {
      s.resumeOpenHistograms({ encoding: h.encodings[i] as ChunkEncoding, bytes }, head.chunkOptions, until[s.ref]);
    } catch (e) {
      warnings.push(`checkpoint of ${s.labels.toString()}: open histogram chunk dropped: ${errorMessage(e)}`);
    }
  }
}

/** Replays log records in order; a sample a block already holds only moves the series' newest time. */
async function replayLog(wal: readonly WalRecord[], head: Head, policy: CheckpointPolicy, until: Float64Array, report: RestoreReporter): Promise<void> {
  const stats = { appended: 0, seriesAdded: 0, outOfOrder: 0, duplicate: 0, tooOld: 0 };
  let total = 0;
  for (const w of wal) total += w.refs.length;
  let done = 0;
  for (const w of wal) {
    policy.logFound(w.seq, w.refs.length);
    for (const [m, meta] of w.metadata ?? []) head.setMetadata(m, meta);
    const hist = w.histograms;
    let k = 0;
    for (let i = 0; i < w.refs.length; i++) {
      if ((++done & 1023) === 0) await report.step('log', done, total);
      const h = hist !== undefined && hist.at[k] === i ? storedHistogram(hist, k++) : undefined;
      const ref = w.refs[i];
      const s = head.get(ref);
      if (s === undefined) continue;
      const t = w.ts[i];
      if (t <= until[ref]) {
        if (t >= s.maxTime) {
          s.maxTime = t;
          s.lastValue = w.vs[i];
          s.lastHistogram = h;
        }
        if (t > head.maxTime) head.maxTime = t;
        continue;
      }
      if (h !== undefined) head.appendHistogram(s, t, h, stats, -Infinity);
      else head.appendSample(s, t, w.vs[i], stats, -Infinity);
    }
  }
  report.done('log', total);
}
