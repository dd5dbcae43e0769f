// The persistent TSDB: the head in memory, sealed chunks in IndexedDB blocks
// (one chunk-range window each), the head checkpointed on demand. The engine
// owns timers and calls checkpoint(); nothing here runs on its own.

import { Labels, METRIC_NAME } from '../model/labels';
import { buildBlock, seriesChunks, type ChunkBytes } from './blockFormat';
import { Head } from './head';
import type { MemSeries, SealedChunk } from './memSeries';
import { PageCache } from './pageCache';
import type { Appender, Querier, Storage } from './storage';
import { TsdbQuerier, type PersistedView } from './tsdbQuerier';
import { SampleJournal } from './sampleJournal';
import { HEAD_KEY, loadState, openStore, readPages, writeTx, type BlockRecord, type HeadRecord, type TsdbDb, type WalRecord } from './tsdbStore';
import { XorAppender } from './xorChunk';
import { errorMessage } from '../model/result';

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

export type DropReason = 'time' | 'size' | 'quota';

export interface RetentionResult {
  blocksDropped: number;
  seriesRemoved: number;
  /** Why blocks went, oldest reason first; empty when nothing was dropped. */
  reasons: DropReason[];
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
  cacheBytes: number;
  topMetricsBySeries: { name: string; count: number }[];
  topLabelsByValues: { name: string; count: number }[];
  topLabelPairsBySeries: { name: string; value: string; count: number }[];
  seriesCreated: number;
  seriesRemoved: number;
  /** Damage found while opening (data that could not be restored), for the UI to show. */
  loadWarnings: string[];
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
const TOP = 10;

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

/**
 * Series i's newest time in a block. Schema-1 blocks did not keep it; they
 * were always written with a full snapshot, so nothing needs skipping for them.
 */
function seriesMaxt(b: BlockRecord, i: number): number {
  return b.index.maxts?.[i] ?? -Infinity;
}

function isQuotaError(e: unknown): boolean {
  return (e as { name?: string } | null)?.name === 'QuotaExceededError';
}

class PersistentTsdb implements Tsdb, PersistedView {
  readonly head: Head;
  private blockList: BlockRecord[] = [];
  private readonly cache: PageCache;
  private readonly retentionMs: number;
  private readonly maxBytes: number;
  /** Every series with a ref below this is in the series store. */
  private persistedRefs = 1;
  private nextBlockId = 1;
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
    this.cache = new PageCache(opts.cacheBytes ?? 64 * 1024 * 1024);
    this.retentionMs = opts.retentionMs ?? DEFAULT_RETENTION_MS;
    this.maxBytes = opts.maxBytes ?? Infinity;
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
    this.persistedRefs = head.nextSeriesRef;
    this.blockList = state.blocks;
    this.sortBlocks();
    const persistedUntil = new Float64Array(head.nextSeriesRef).fill(-Infinity);
    for (const b of this.blockList) {
      this.nextBlockId = Math.max(this.nextBlockId, b.id + 1);
      const refs = b.index.refs;
      for (let i = 0; i < refs.length; i++) persistedUntil[refs[i]] = Math.max(persistedUntil[refs[i]], seriesMaxt(b, i));
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
    this.nextBlockId = Math.max(this.nextBlockId, h.nextBlockId);
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
            this.warnings.push(`checkpoint of ${s.labels.toString()}: open chunk dropped: ${errorMessage(e)}`);
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
    return this.blockList;
  }

  async loadPages(keys: readonly [number, number][]): Promise<(Uint8Array | undefined)[]> {
    const out: (Uint8Array | undefined)[] = keys.map(([b, p]) => this.cache.get(`${b}/${p}`));
    const missing: number[] = [];
    out.forEach((p, i) => p === undefined && missing.push(i));
    if (missing.length === 0) return out;
    const got = await readPages(
      this.db,
      missing.map((i) => keys[i]),
    );
    missing.forEach((i, k) => {
      const page = got[k];
      out[i] = page;
      if (page !== undefined) this.cache.set(`${keys[i][0]}/${keys[i][1]}`, page);
    });
    return out;
  }

  checkpoint(): Promise<CheckpointResult> {
    return this.serial(async () => {
      const { dropped, ...written } = await this.writeCheckpoint();
      const retention = await this.retain();
      if (dropped) {
        retention.blocksDropped += dropped.blocksDropped;
        retention.seriesRemoved += dropped.seriesRemoved;
        retention.reasons.unshift('quota');
      }
      const blocksCompacted = await this.compact();
      return { ...written, blocksCompacted, retention };
    });
  }

  applyRetention(): Promise<RetentionResult> {
    return this.serial(() => this.retain());
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

  private sortBlocks(): void {
    this.blockList.sort((a, b) => a.window - b.window || a.id - b.id);
  }

  private async writeCheckpoint(): Promise<Omit<CheckpointResult, 'blocksCompacted' | 'retention'> & { dropped?: Omit<RetentionResult, 'reasons'> }> {
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
      if (s.ref >= this.persistedRefs) newSeries.push({ ref: s.ref, labels: [...s.labels.flat()] });
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

    const blocks: { rec: BlockRecord; pages: Uint8Array[] }[] = [];
    for (const [window, entries] of [...byWindow].sort((a, b) => a[0] - b[0])) {
      let mint = Infinity;
      let maxt = -Infinity;
      for (const e of entries) {
        mint = Math.min(mint, e.chunks[0].mint);
        maxt = Math.max(maxt, e.chunks[e.chunks.length - 1].maxt);
      }
      blocks.push(this.makeBlock(window, entries, mint, maxt));
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
        for (const b of blocks) {
          ops.push(tx.objectStore('blocks').put(b.rec));
          b.pages.forEach((p, i) => ops.push(tx.objectStore('pages').put(p, [b.rec.id, i])));
        }
        if (rec) {
          ops.push(tx.objectStore('head').put(rec, HEAD_KEY));
          ops.push(tx.objectStore('wal').clear());
        }
        if (log) ops.push(tx.objectStore('wal').put(log));
      });
    let dropped: Omit<RetentionResult, 'reasons'> | undefined;
    try {
      try {
        await write();
      } catch (e) {
        if (!isQuotaError(e) || this.blockList.length === 0) throw new Error(`tsdb checkpoint: write failed: ${errorMessage(e)}`, { cause: e });
        // Out of quota: drop the oldest window, as size retention would, and try once more.
        const oldest = this.blockList[0].window;
        dropped = await this.dropBlocks(new Set(this.blockList.filter((b) => b.window === oldest).map((b) => b.id)));
        try {
          await write();
        } catch (e2) {
          throw new Error(`tsdb checkpoint: write failed after dropping the oldest blocks: ${errorMessage(e2)}`, { cause: e2 });
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
    this.persistedRefs = Math.max(this.persistedRefs, refsBelow);
    for (const b of blocks) this.blockList.push(b.rec);
    this.sortBlocks();
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

  private makeBlock(window: number, entries: { ref: number; maxt: number; chunks: readonly ChunkBytes[] }[], mint: number, maxt: number) {
    const built = buildBlock(entries);
    const rec: BlockRecord = {
      id: this.nextBlockId++,
      window,
      mint,
      maxt,
      numChunks: built.numChunks,
      numSamples: built.numSamples,
      bytes: built.bytes,
      numPages: built.pages.length,
      index: built.index,
    };
    return { rec, pages: built.pages };
  }

  private headRecord(all: MemSeries[]): HeadRecord {
    const n = all.length;
    const rec: HeadRecord = {
      maxTime: this.head.maxTime,
      nextBlockId: this.nextBlockId,
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

  /** Drops blocks past retention by time, then by size. */
  private async retain(): Promise<RetentionResult> {
    const reasons: DropReason[] = [];
    const drop = new Set<number>();
    const cutoff = this.head.maxTime - this.retentionMs;
    for (const b of this.blockList) if (b.maxt < cutoff) drop.add(b.id);
    if (drop.size > 0) reasons.push('time');
    let bytes = 0;
    for (const b of this.blockList) if (!drop.has(b.id)) bytes += b.bytes;
    if (bytes > this.maxBytes) {
      reasons.push('size');
      // blockList is in time order, so the oldest go first.
      for (const b of this.blockList) {
        if (bytes <= this.maxBytes) break;
        if (drop.has(b.id)) continue;
        drop.add(b.id);
        bytes -= b.bytes;
      }
    }
    if (drop.size === 0) return { blocksDropped: 0, seriesRemoved: 0, reasons };
    return { ...(await this.dropBlocks(drop)), reasons };
  }

  /** Deletes blocks and the series left with no samples anywhere, in one transaction. */
  private async dropBlocks(ids: ReadonlySet<number>): Promise<Omit<RetentionResult, 'reasons'>> {
    const doomed = this.blockList.filter((b) => ids.has(b.id));
    const kept = this.blockList.filter((b) => !ids.has(b.id));
    const referenced = new Set<number>();
    for (const b of kept) for (const r of b.index.refs) referenced.add(r);
    const gone = new Set<number>();
    for (const s of this.head.allSeries()) {
      // Series not yet persisted may belong to an appender that has not committed.
      if (s.ref >= this.persistedRefs || referenced.has(s.ref) || s.sealed.length > 0) continue;
      if (s.open !== undefined && s.open.numSamples > 0) continue;
      gone.add(s.ref);
    }
    await writeTx(this.db, (tx, ops) => {
      for (const b of doomed) {
        ops.push(tx.objectStore('blocks').delete(b.id));
        for (let p = 0; p < b.numPages; p++) ops.push(tx.objectStore('pages').delete([b.id, p]));
      }
      for (const r of gone) ops.push(tx.objectStore('series').delete(r));
    });
    this.blockList = kept;
    for (const b of doomed) this.cache.dropBlock(b.id);
    this.head.removeSeries(gone);
    return { blocksDropped: doomed.length, seriesRemoved: gone.size };
  }

  /** Merges the blocks of each settled window into one, as Prometheus compacts head blocks. */
  private async compact(): Promise<number> {
    const range = this.head.chunkOptions.chunkRange;
    const settled = this.head.maxTime - range / 2;
    const groups = new Map<number, BlockRecord[]>();
    for (const b of this.blockList) {
      if (b.window + range > settled) continue;
      const g = groups.get(b.window);
      if (g) g.push(b);
      else groups.set(b.window, [b]);
    }
    let compacted = 0;
    for (const [window, group] of groups) {
      if (group.length < 2) continue;
      const keys: [number, number][] = [];
      for (const b of group) for (let p = 0; p < b.numPages; p++) keys.push([b.id, p]);
      const pages = await readPages(this.db, keys);
      const byRef = new Map<number, ChunkBytes[]>();
      const maxtOf = new Map<number, number>();
      let k = 0;
      for (const b of group) {
        const bp = pages.slice(k, k + b.numPages);
        k += b.numPages;
        let page = 0;
        for (let i = 0; i < b.index.refs.length; i++) {
          while (page + 1 < b.index.pageFirst.length && b.index.pageFirst[page + 1] <= i) page++;
          const bytes = bp[page];
          if (bytes === undefined) throw new Error(`tsdb compaction: block ${b.id} lost page ${page}`);
          const chunks = seriesChunks(b.index, i, bytes);
          const ref = b.index.refs[i];
          const have = byRef.get(ref);
          if (have) have.push(...chunks);
          else byRef.set(ref, chunks);
          maxtOf.set(ref, Math.max(maxtOf.get(ref) ?? -Infinity, seriesMaxt(b, i)));
        }
      }
      const entries = [...byRef].sort((a, b) => a[0] - b[0]).map(([ref, chunks]) => ({ ref, maxt: maxtOf.get(ref)!, chunks }));
      const merged = this.makeBlock(
        window,
        entries,
        Math.min(...group.map((b) => b.mint)),
        Math.max(...group.map((b) => b.maxt)),
      );
      await writeTx(this.db, (tx, ops) => {
        ops.push(tx.objectStore('blocks').put(merged.rec));
        merged.pages.forEach((p, i) => ops.push(tx.objectStore('pages').put(p, [merged.rec.id, i])));
        for (const b of group) {
          ops.push(tx.objectStore('blocks').delete(b.id));
          for (let p = 0; p < b.numPages; p++) ops.push(tx.objectStore('pages').delete([b.id, p]));
        }
      });
      const ids = new Set(group.map((b) => b.id));
      this.blockList = this.blockList.filter((b) => !ids.has(b.id));
      this.blockList.push(merged.rec);
      this.sortBlocks();
      for (const b of group) this.cache.dropBlock(b.id);
      compacted += group.length;
    }
    return compacted;
  }

  stats(): TsdbStats {
    const head = this.head;
    let headChunks = 0;
    let headSamples = 0;
    let minTime = Infinity;
    for (const s of head.allSeries()) {
      headChunks += s.sealed.length + (s.open !== undefined && s.open.numSamples > 0 ? 1 : 0);
      headSamples += s.numSamples;
      if (s.sealed.length > 0) minTime = Math.min(minTime, s.sealed[0].mint);
      else if (s.open !== undefined && s.open.numSamples > 0) minTime = Math.min(minTime, s.openMint);
    }
    let chunks = 0;
    let samples = 0;
    let storedBytes = 0;
    for (const b of this.blockList) {
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
      blocks: this.blockList.length,
      bytesPerSample: samples > 0 ? storedBytes / samples : 0,
      headSeries: head.numSeries,
      headChunks,
      headSamples,
      minTime: minTime === Infinity ? NaN : minTime,
      maxTime: head.maxTime === -Infinity ? NaN : head.maxTime,
      cacheBytes: this.cache.bytes,
      topMetricsBySeries: top([...p.valueCounts(METRIC_NAME)].map(([name, count]) => ({ name, count }))),
      topLabelsByValues: top([...p.nameCardinalities()].map(([name, count]) => ({ name, count }))),
      topLabelPairsBySeries: top(pairs),
      seriesCreated: head.seriesCreated,
      seriesRemoved: head.seriesRemoved,
      loadWarnings: [...this.warnings],
    };
  }
}
