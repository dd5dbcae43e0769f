// The persistent TSDB: the head in memory, sealed chunks in IndexedDB blocks
// (one chunk-range window each), the head checkpointed on demand. The engine
// owns timers and calls checkpoint(); nothing here runs on its own.

import { Labels } from '../model/labels';
import { seriesMaxt } from './blockFormat';
import { Head } from './head';
import type { MemSeries, SealedChunk } from './memSeries';
import { PersistedState, type NewBlock } from './persistedState';
import type { Appender, Querier, Storage } from './storage';
import { applyRetention, dropOldestWindow, type Dropped, type RetentionLimits, type RetentionResult } from './retention';
import { compact } from './compaction';
import { TsdbQuerier, type PersistedView } from './tsdbQuerier';
import { tsdbStats, type TsdbStats } from './tsdbStats';
import { SampleJournal } from './sampleJournal';
import { HEAD_KEY, loadState, openStore, putBlock, writeTx, type BlockRecord, type HeadRecord, type TsdbDb, type WalRecord } from './tsdbStore';
import { XorAppender } from './xorChunk';

export interface TsdbOptions {
  /** IndexedDB database name. */
  name: string;
  /** Defaults to the global indexedDB (tests pass fake-indexeddb's). */
  indexedDB?: IDBFactory;
  /** Blocks wholly older than the newest sample minus this are dropped; Prometheus's default is 15 d. */
  retentionMs?: number;
  /** Blocks are dropped oldest first while their bytes exceed this. */
  maxBytes?: number;
  /** Memory for block pages read by queries. */
  cacheBytes?: number;
  chunkRange?: number;
  tooOldWindow?: number;
}

export interface CheckpointResult {
  blocksWritten: number;
  chunksWritten: number;
  samplesWritten: number;
  seriesWritten: number;
  bytesWritten: number;
  /** How the head was saved: every open chunk, only the samples since the last checkpoint, or nothing new. */
  headWrite: 'snapshot' | 'log' | 'none';
  blocksCompacted: number;
  retention: RetentionResult;
}

export const DEFAULT_RETENTION_MS = 15 * 24 * 3_600_000;
/** Bytes a logged sample takes (ref, timestamp, value). */
const LOGGED_SAMPLE_BYTES = 20;
/** Bytes a snapshot spends per series besides its open chunk. */
const SNAPSHOT_SERIES_BYTES = 36;
/**
 * A snapshot is due once the log since the last one outweighs the open chunks
 * this many times: writes stay ~10× below snapshotting every time, and the
 * replay on open stays a few times one snapshot.
 */
const LOG_TO_SNAPSHOT_RATIO = 4;
/** A snapshot at least this often (2 h of 15 s checkpoints) bounds the replay on open. */
const MAX_LOG_RECORDS = 480;

export interface Tsdb extends Storage {
  /** Writes sealed chunks as blocks and the head's state, then applies retention and compacts. */
  checkpoint(): Promise<CheckpointResult>;
  /** Drops blocks past the time or size limit now. */
  applyRetention(): Promise<RetentionResult>;
  stats(): TsdbStats;
  close(): Promise<void>;
}

export async function openTsdb(opts: TsdbOptions): Promise<Tsdb> {
  const factory = opts.indexedDB ?? globalThis.indexedDB;
  if (!factory) throw new Error(`tsdb ${JSON.stringify(opts.name)}: no IndexedDB in this environment`);
  const db = await openStore(opts.name, factory);
  const t = new PersistentTsdb(db, opts);
  await t.load();
  return t;
}

/** Deletes a TSDB's database; IndexedDB finishes once every open connection to it has closed. */
export function deleteTsdb(name: string, factory: IDBFactory = globalThis.indexedDB): Promise<{ ok: true } | { ok: false; error: string }> {
  return new Promise((resolve) => {
    const req = factory.deleteDatabase(name);
    req.onsuccess = () => resolve({ ok: true });
    req.onerror = () => resolve({ ok: false, error: `could not delete the ${name} database: ${req.error?.message ?? 'unknown error'}` });
  });
}

function isQuotaError(e: unknown): boolean {
  return (e as { name?: string } | null)?.name === 'QuotaExceededError';
}

class PersistentTsdb implements Tsdb, PersistedView {
  readonly head: Head;
  private readonly persisted: PersistedState;
  private readonly limits: RetentionLimits;
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly warnings: string[] = [];
  /** Log records written since the last head snapshot, their bytes, and the next one's number. */
  private walRecords = 0;
  private walBytes = 0;
  private nextWalSeq = 1;
  private hasSnapshot = false;
  private writtenMetadataVersion = -1;

  constructor(
    private readonly db: TsdbDb,
    opts: TsdbOptions,
  ) {
    this.head = new Head({ chunkRange: opts.chunkRange, tooOldWindow: opts.tooOldWindow });
    this.persisted = new PersistedState(db, opts.cacheBytes ?? 64 * 1024 * 1024);
    this.limits = { retentionMs: opts.retentionMs ?? DEFAULT_RETENTION_MS, maxBytes: opts.maxBytes ?? Infinity };
  }

  /**
   * Rebuilds the head: series from the series table, open chunks from the
   * last snapshot, then the logged samples replayed through the normal append
   * path. Chunks persisted after the snapshot already hold some of those
   * samples, so each series skips what its blocks cover.
   */
  async load(): Promise<void> {
    const state = await loadState(this.db);
    const head = this.head;
    for (const rec of state.series.sort((a, b) => a.ref - b.ref)) head.getOrCreate(Labels.fromSortedPairs(rec.labels), rec.ref);
    this.persisted.persistedRefs = head.nextSeriesRef;
    this.persisted.restore(state.blocks);
    const persistedUntil = new Float64Array(head.nextSeriesRef).fill(-Infinity);
    for (const b of this.persisted.blocks()) {
      const refs = b.index.refs;
      for (let i = 0; i < refs.length; i++) persistedUntil[refs[i]] = Math.max(persistedUntil[refs[i]], seriesMaxt(b.index, i));
    }
    const h = state.head;
    if (h) {
      this.hasSnapshot = true;
      this.restoreSnapshot(h, persistedUntil);
    }
    const wal = state.wal.sort((a, b) => a.seq - b.seq);
    const stats = { appended: 0, seriesAdded: 0, outOfOrder: 0, duplicate: 0, tooOld: 0 };
    for (const w of wal) {
      this.nextWalSeq = Math.max(this.nextWalSeq, w.seq + 1);
      this.walRecords++;
      this.walBytes += w.refs.length * LOGGED_SAMPLE_BYTES;
      for (const [m, meta] of w.metadata ?? []) head.setMetadata(m, meta);
      for (let i = 0; i < w.refs.length; i++) {
        const ref = w.refs[i];
        const s = head.get(ref);
        if (s === undefined) continue;
        const t = w.ts[i];
        if (t <= persistedUntil[ref]) {
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
    this.writtenMetadataVersion = head.metadataVersion;
    head.journal = new SampleJournal();
  }

  private restoreSnapshot(h: HeadRecord, persistedUntil: Float64Array): void {
    this.persisted.reserveIds(h.nextBlockId);
    this.head.maxTime = h.maxTime;
    for (const [m, meta] of h.metadata) this.head.setMetadata(m, meta);
    let off = 0;
    for (let i = 0; i < h.refs.length; i++) {
      const len = h.openLens[i];
      const s = this.head.get(h.refs[i]);
      if (s) {
        s.maxTime = h.maxTimes[i];
        s.lastValue = h.lastValues[i];
        s.nextAt = h.nextAts[i];
        s.openMint = h.openMints[i];
        // An open chunk sealed and persisted after the snapshot is in a block already.
        if (len > 0 && h.openMints[i] > persistedUntil[s.ref]) {
          try {
            s.open = XorAppender.resume(h.openBytes.subarray(off, off + len));
          } catch (e) {
            // One damaged open chunk costs that chunk's samples, not the whole database.
            this.warnings.push(`checkpoint of ${s.labels.toString()}: open chunk dropped: ${(e as Error).message}`);
          }
        }
      }
      off += len;
    }
  }

  appender(): Appender {
    return this.head.appender();
  }

  querier(): Querier {
    return new TsdbQuerier(this);
  }

  blocks(): readonly BlockRecord[] {
    return this.persisted.blocks();
  }

  loadPages(keys: readonly [number, number][]): Promise<(Uint8Array | undefined)[]> {
    return this.persisted.loadPages(keys);
  }

  checkpoint(): Promise<CheckpointResult> {
    return this.serial(async () => {
      const { dropped, ...written } = await this.writeCheckpoint();
      const retention = await applyRetention(this.head, this.persisted, this.limits);
      if (dropped) {
        retention.blocksDropped += dropped.blocksDropped;
        retention.seriesRemoved += dropped.seriesRemoved;
        retention.reasons.unshift('quota');
      }
      const blocksCompacted = await compact(this.head, this.persisted);
      return { ...written, blocksCompacted, retention };
    });
  }

  applyRetention(): Promise<RetentionResult> {
    return this.serial(() => applyRetention(this.head, this.persisted, this.limits));
  }

  async close(): Promise<void> {
    await this.chain;
    this.closed = true;
    this.db.close();
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('tsdb: used after close'));
    const p = this.chain.then(fn);
    this.chain = p.catch(() => undefined);
    return p;
  }

  private async writeCheckpoint(): Promise<Omit<CheckpointResult, 'blocksCompacted' | 'retention'> & { dropped?: Dropped }> {
    const head = this.head;
    const range = head.chunkOptions.chunkRange;
    const refsBelow = head.nextSeriesRef;
    const newSeries: { ref: number; labels: string[] }[] = [];
    const byWindow = new Map<number, { ref: number; maxt: number; chunks: SealedChunk[] }[]>();
    const taken: [MemSeries, number][] = [];
    const all: MemSeries[] = [];
    for (const s of head.allSeries()) {
      // A series whose window has passed would cut its chunk on the next sample anyway; sealing now keeps checkpoints small.
      if (s.open !== undefined && s.nextAt <= head.maxTime) s.seal();
      all.push(s);
      if (s.ref >= this.persisted.persistedRefs) newSeries.push({ ref: s.ref, labels: [...s.labels.flat()] });
      if (s.sealed.length === 0) continue;
      taken.push([s, s.sealed.length]);
      for (const c of s.sealed) {
        const w = Math.floor(c.mint / range) * range;
        let entries = byWindow.get(w);
        if (!entries) byWindow.set(w, (entries = []));
        const last = entries[entries.length - 1];
        if (last?.ref === s.ref) {
          last.chunks.push(c);
          last.maxt = c.maxt;
        } else entries.push({ ref: s.ref, maxt: c.maxt, chunks: [c] });
      }
    }

    const blocks: NewBlock[] = [];
    for (const [window, entries] of [...byWindow].sort((a, b) => a[0] - b[0])) {
      let mint = Infinity;
      let maxt = -Infinity;
      for (const e of entries) {
        mint = Math.min(mint, e.chunks[0].mint);
        maxt = Math.max(maxt, e.chunks[e.chunks.length - 1].maxt);
      }
      blocks.push(this.persisted.build(window, entries, mint, maxt));
    }
    // Log only the samples since the last checkpoint until the log outgrows LOG_TO_SNAPSHOT_RATIO snapshots.
    const journal = head.journal!;
    const logBytes = journal.length * LOGGED_SAMPLE_BYTES;
    let openBytes = all.length * SNAPSHOT_SERIES_BYTES;
    for (const s of all) openBytes += s.open?.byteLength ?? 0;
    const snapshot = !this.hasSnapshot || this.walBytes + logBytes > LOG_TO_SNAPSHOT_RATIO * openBytes || this.walRecords >= MAX_LOG_RECORDS;
    const batch = journal.take();
    const metadata = head.metadataVersion !== this.writtenMetadataVersion ? [...head.metadataMap()] : undefined;
    const metadataVersion = head.metadataVersion;
    const rec = snapshot ? this.headRecord(all) : undefined;
    const log: WalRecord | undefined = snapshot || batch.refs.length + (metadata?.length ?? 0) === 0 ? undefined : { seq: this.nextWalSeq, ...batch, metadata };

    const write = () =>
      writeTx(this.db, (tx, ops) => {
        for (const s of newSeries) ops.push(tx.objectStore('series').put(s));
        for (const b of blocks) putBlock(tx, ops, b.rec, b.pages);
        if (rec) {
          ops.push(tx.objectStore('head').put(rec, HEAD_KEY));
          ops.push(tx.objectStore('wal').clear());
        }
        if (log) ops.push(tx.objectStore('wal').put(log));
      });
    let dropped: Dropped | undefined;
    try {
      try {
        await write();
      } catch (e) {
        if (!isQuotaError(e) || this.persisted.blocks().length === 0) throw new Error(`tsdb checkpoint: write failed: ${(e as Error)?.message ?? e}`, { cause: e });
        // Out of quota: drop the oldest window, as size retention would, and try once more.
        dropped = await dropOldestWindow(this.head, this.persisted);
        try {
          await write();
        } catch (e2) {
          throw new Error(`tsdb checkpoint: write failed after dropping the oldest blocks: ${(e2 as Error)?.message ?? e2}`, { cause: e2 });
        }
      }
    } catch (e) {
      // Nothing of this checkpoint was stored: its samples go out with the next one.
      journal.restore(batch);
      throw e;
    }

    if (snapshot) {
      this.hasSnapshot = true;
      this.walBytes = 0;
      this.walRecords = 0;
    } else if (log) {
      this.nextWalSeq++;
      this.walBytes += logBytes;
      this.walRecords++;
    }
    this.writtenMetadataVersion = metadataVersion;

    for (const [s, k] of taken) {
      s.sealed.splice(0, k);
      s.dropStartTimesBefore(s.sealed.length > 0 ? s.sealed[0].mint : s.open !== undefined && s.open.numSamples > 0 ? s.openMint : Infinity);
    }
    this.persisted.persistedRefs = Math.max(this.persisted.persistedRefs, refsBelow);
    this.persisted.added(blocks.map((b) => b.rec));
    return {
      blocksWritten: blocks.length,
      chunksWritten: blocks.reduce((n, b) => n + b.rec.numChunks, 0),
      samplesWritten: blocks.reduce((n, b) => n + b.rec.numSamples, 0),
      seriesWritten: newSeries.length,
      bytesWritten: blocks.reduce((n, b) => n + b.rec.bytes, 0),
      headWrite: snapshot ? 'snapshot' : log ? 'log' : 'none',
      dropped,
    };
  }

  private headRecord(all: MemSeries[]): HeadRecord {
    const n = all.length;
    const rec: HeadRecord = {
      maxTime: this.head.maxTime,
      nextBlockId: this.persisted.nextBlockId,
      metadata: [...this.head.metadataMap()],
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
      const bytes = s.open !== undefined && s.open.numSamples > 0 ? s.open.view() : undefined;
      if (bytes) {
        rec.openLens[i] = bytes.length;
        open.push(bytes);
        total += bytes.length;
      }
    });
    rec.openBytes = new Uint8Array(total);
    let o = 0;
    for (const b of open) {
      rec.openBytes.set(b, o);
      o += b.length;
    }
    return rec;
  }

  stats(): TsdbStats {
    return tsdbStats(this.head, this.persisted.blocks(), this.persisted.cacheBytes, this.warnings);
  }
}
