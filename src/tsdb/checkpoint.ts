// One checkpoint's write: the head's sealed chunks become a block per window,
// its state goes out as a snapshot or a log record, and new series join the
// series packs, all in one transaction. Only once that commits does the head
// let go of the chunks it wrote.

import type { CheckpointPolicy, HeadWriteKind } from './checkpointPolicy';
import type { Head } from './head';
import type { MemSeries, SealedChunk } from './memSeries';
import type { NewBlock, PersistedState } from './persistedState';
import { dropOldestWindow, type Dropped } from './retention';
import { storedHistograms, type JournalBatch } from './sampleJournal';
import type { ChunkBytes } from './chunkEncoding';
import type { HistogramChunk } from './histogramSamples';
import { HEAD_KEY, putBlock, putSeries, writeTx, type HeadRecord, type OpenHistogramChunks, type WalRecord } from './tsdbStore';
import { errorMessage } from '../model/result';

/** What one checkpoint wrote. */
export interface CheckpointWrite {
  blocksWritten: number;
  chunksWritten: number;
  samplesWritten: number;
  seriesWritten: number;
  bytesWritten: number;
  /** How the head was saved: every open chunk, only the samples since the last checkpoint, or nothing new. */
  headWrite: HeadWriteKind;
}

// The labels are the head's own array: the store copies what it writes.
type SeriesRow = { ref: number; labels: readonly string[] };
type BlockEntry = { ref: number; mint: number; maxt: number; chunks: ChunkBytes[] };

interface SealedChunks {
  /** Every live series, ascending by ref. */
  all: MemSeries[];
  /** Series not yet stored. */
  newSeries: SeriesRow[];
  /** Sealed chunks by window start, per series ascending by ref. */
  byWindow: Map<number, BlockEntry[]>;
  /** How many sealed float and histogram chunks of each series this checkpoint writes: appends during the write may seal more. */
  taken: [MemSeries, number, number][];
}

interface HeadWrite {
  kind: HeadWriteKind;
  snapshot: HeadRecord | undefined;
  log: WalRecord | undefined;
  /** The samples taken from the journal, put back when the write fails. */
  batch: JournalBatch;
  metadataVersion: number;
}

/** Writes the head's sealed chunks, new series and state; says what it wrote and what the quota fallback dropped. */
export async function writeCheckpoint(head: Head, persisted: PersistedState, policy: CheckpointPolicy): Promise<{ written: CheckpointWrite; dropped?: Dropped }> {
  const refsBelow = head.nextSeriesRef;
  const sealed = sealedChunks(head, persisted.persistedRefs);
  const blocks = buildBlocks(persisted, sealed.byWindow);
  // After the blocks, so a snapshot records the block ids they took.
  const headWrite = planHeadWrite(head, sealed.all, policy, persisted.nextBlockId);
  const dropped = await store(head, persisted, sealed.newSeries, blocks, headWrite);

  policy.written(headWrite.kind, headWrite.batch.refs.length, headWrite.metadataVersion);
  release(sealed.taken);
  persisted.persistedRefs = Math.max(persisted.persistedRefs, refsBelow);
  persisted.added(blocks.map((b) => b.rec));
  const written: CheckpointWrite = {
    blocksWritten: blocks.length,
    chunksWritten: blocks.reduce((n, b) => n + b.rec.numChunks, 0),
    samplesWritten: blocks.reduce((n, b) => n + b.rec.numSamples, 0),
    seriesWritten: sealed.newSeries.length,
    bytesWritten: blocks.reduce((n, b) => n + b.rec.bytes, 0),
    headWrite: headWrite.kind,
  };
  return { written, dropped };
}

function sealedChunks(head: Head, persistedRefs: number): SealedChunks {
  const range = head.chunkOptions.chunkRange;
  const out: SealedChunks = { all: [], newSeries: [], byWindow: new Map(), taken: [] };
  for (const s of head.allSeries()) {
    // A series whose window has passed would cut its chunk on the next sample anyway; sealing now keeps checkpoints small.
    if (s.hasOpen && s.nextAt <= head.maxTime) s.seal();
    s.histograms?.sealIfWindowEnded(head.maxTime);
    out.all.push(s);
    if (s.ref >= persistedRefs) out.newSeries.push({ ref: s.ref, labels: s.labels.flat() });
    const hist = s.histograms?.sealed ?? [];
    if (s.sealedCount === 0 && hist.length === 0) continue;
    out.taken.push([s, s.sealedCount, hist.length]);
    // Within a block a series' float chunks come first, then its histogram chunks, each kind in time order.
    const chunks: (SealedChunk | HistogramChunk)[] = s.sealedCount > 0 ? s.sealedChunks() : [];
    chunks.push(...hist);
    for (const c of chunks) {
      const w = Math.floor(c.mint / range) * range;
      let entries = out.byWindow.get(w);
      if (!entries) out.byWindow.set(w, (entries = []));
      const last = entries[entries.length - 1];
      if (last?.ref === s.ref) {
        last.chunks.push(c);
        last.mint = Math.min(last.mint, c.mint);
        last.maxt = Math.max(last.maxt, c.maxt);
      } else entries.push({ ref: s.ref, mint: c.mint, maxt: c.maxt, chunks: [c] });
    }
  }
  return out;
}

/** One block per window, windows ascending. */
function buildBlocks(persisted: PersistedState, byWindow: Map<number, BlockEntry[]>): NewBlock[] {
  const blocks: NewBlock[] = [];
  for (const [window, entries] of [...byWindow].sort((a, b) => a[0] - b[0])) {
    let mint = Infinity;
    let maxt = -Infinity;
    for (const e of entries) {
      mint = Math.min(mint, e.mint);
      maxt = Math.max(maxt, e.maxt);
    }
    blocks.push(persisted.build(window, entries, mint, maxt));
  }
  return blocks;
}

/** Takes the journal's samples and, as the policy says, lays out a snapshot or a log record of them (or nothing, when nothing changed). */
function planHeadWrite(head: Head, all: readonly MemSeries[], policy: CheckpointPolicy, nextBlockId: number): HeadWrite {
  const journal = head.journal!;
  let openChunkBytes = 0;
  for (const s of all) openChunkBytes += s.openByteLength;
  const isSnapshot = policy.snapshotDue(journal.length, all.length, openChunkBytes);
  const batch = journal.take();
  const metadata = policy.metadataChanged(head.metadataVersion) ? [...head.metadataMap()] : undefined;
  const metadataVersion = head.metadataVersion;
  const snapshot = isSnapshot ? headRecord(head, all, nextBlockId) : undefined;
  const log: WalRecord | undefined =
    isSnapshot || batch.refs.length + (metadata?.length ?? 0) === 0
      ? undefined
      : { seq: policy.nextLogSeq, refs: batch.refs, ts: batch.ts, vs: batch.vs, metadata, ...(batch.histograms && { histograms: storedHistograms(batch.histograms) }) };
  return { kind: isSnapshot ? 'snapshot' : log ? 'log' : 'none', snapshot, log, batch, metadataVersion };
}

function headRecord(head: Head, all: readonly MemSeries[], nextBlockId: number): HeadRecord {
  const n = all.length;
  const rec: HeadRecord = {
    maxTime: head.maxTime,
    nextBlockId,
    metadata: [...head.metadataMap()],
    refs: new Uint32Array(n),
    maxTimes: new Float64Array(n),
    lastValues: new Float64Array(n),
    nextAts: new Float64Array(n),
    openMints: new Float64Array(n),
    openLens: new Uint32Array(n),
    openBytes: new Uint8Array(0),
  };
  const open: Uint8Array[] = [];
  let total = 0;
  all.forEach((s, i) => {
    rec.refs[i] = s.ref;
    rec.maxTimes[i] = s.maxTime;
    rec.lastValues[i] = s.lastValue;
    rec.nextAts[i] = s.nextAt;
    rec.openMints[i] = s.openMint;
    const bytes = s.hasOpen ? s.openView() : undefined;
    if (bytes) {
      rec.openLens[i] = bytes.length;
      open.push(bytes);
      total += bytes.length;
    }
  });
  rec.openBytes = concat(open, total);
  const hist = openHistogramChunks(all);
  if (hist) rec.histograms = hist;
  return rec;
}

function openHistogramChunks(all: readonly MemSeries[]): OpenHistogramChunks | undefined {
  const refs: number[] = [];
  const encodings: number[] = [];
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (const s of all) {
    const c = s.histograms?.openChunk();
    if (c === undefined) continue;
    refs.push(s.ref);
    encodings.push(c.encoding);
    chunks.push(c.bytes);
    total += c.bytes.length;
  }
  if (refs.length === 0) return undefined;
  return { refs: Uint32Array.from(refs), encodings: Uint8Array.from(encodings), lens: Uint32Array.from(chunks, (c) => c.length), bytes: concat(chunks, total) };
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let o = 0;
  for (const b of parts) {
    out.set(b, o);
    o += b.length;
  }
  return out;
}

function isQuotaError(e: unknown): boolean {
  return (e as { name?: string } | null)?.name === 'QuotaExceededError';
}

/**
 * Writes it all in one transaction. When the browser's quota refuses it, drops
 * the oldest window and tries once more; when the write still fails, the
 * journal gets its samples back so they go out with the next checkpoint.
 */
async function store(head: Head, persisted: PersistedState, newSeries: readonly SeriesRow[], blocks: readonly NewBlock[], hw: HeadWrite): Promise<Dropped | undefined> {
  const write = () =>
    writeTx(persisted.db, async (tx, ops) => {
      await putSeries(tx, ops, newSeries);
      for (const b of blocks) putBlock(tx, ops, b.rec, b.pages);
      if (hw.snapshot) {
        ops.push(tx.objectStore('head').put(hw.snapshot, HEAD_KEY));
        ops.push(tx.objectStore('wal').clear());
      }
      if (hw.log) ops.push(tx.objectStore('wal').put(hw.log));
    });
  let dropped: Dropped | undefined;
  try {
    try {
      await write();
    } catch (e) {
      if (!isQuotaError(e) || persisted.blocks().length === 0) throw new Error(`tsdb checkpoint: write failed: ${errorMessage(e)}`, { cause: e });
      dropped = await dropOldestWindow(head, persisted);
      try {
        await write();
      } catch (e2) {
        throw new Error(`tsdb checkpoint: write failed after dropping the oldest blocks: ${errorMessage(e2)}`, { cause: e2 });
      }
    }
  } catch (e) {
    head.journal!.restore(hw.batch);
    throw e;
  }
  return dropped;
}

/** Lets go of the sealed chunks now in blocks, and of the start times only they needed. */
function release(taken: readonly [MemSeries, number, number][]): void {
  for (const [s, k, hk] of taken) {
    s.dropSealed(k);
    s.histograms?.dropSealed(hk);
    s.dropStartTimesBefore(s.minTime);
  }
}
