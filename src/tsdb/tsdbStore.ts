// The IndexedDB schema of a persisted TSDB: series labels in packs (and, as
// the version before packs wrote them, one row per series), block indexes,
// block pages and the head checkpoint. Every change is one
// transaction, so an interrupted write leaves the previous state whole.

import { wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { BlockIndex } from './blockFormat';
import type { Metadata } from '../model/metricType';
import type { StoredHistograms } from './sampleJournal';
import { errorMessage } from '../model/result';
import { PACK_KEY_PATH, PACK_SERIES, packSeries, packsHolding, withoutRefs, type PackKey, type SeriesPack } from './seriesPacks';

export interface BlockRecord {
  id: number;
  /** Start of the chunk-range window every chunk of the block lies in. */
  window: number;
  mint: number;
  maxt: number;
  numChunks: number;
  numSamples: number;
  bytes: number;
  numPages: number;
  index: BlockIndex;
}

/** The head's state at a checkpoint: per series (parallel arrays) its newest sample and open chunk. */
export interface HeadRecord {
  maxTime: number;
  nextBlockId: number;
  metadata: [string, Metadata][];
  refs: Uint32Array;
  maxTimes: Float64Array;
  lastValues: Float64Array;
  nextAts: Float64Array;
  openMints: Float64Array;
  openLens: Uint32Array;
  openBytes: Uint8Array;
  /** Open histogram chunks (stored marker, then Prometheus's bytes); absent when no series has one. */
  histograms?: OpenHistogramChunks;
}

/**
 * How far retention has dropped: every sample at or before `droppedThrough`
 * is gone. Written with the drop, because the head snapshot it outdates is
 * rewritten only at the next snapshot: a chunk the snapshot holds open may
 * since have been sealed into a block that retention dropped.
 */
export interface RetentionMark {
  droppedThrough: number;
}

/** Open histogram chunks of a snapshot, parallel arrays: series ref, stored marker, byte length; bytes back to back. */
export interface OpenHistogramChunks {
  refs: Uint32Array;
  encodings: Uint8Array;
  lens: Uint32Array;
  bytes: Uint8Array;
}

/** Samples stored since the last head snapshot, one record per checkpoint, replayed in seq order on open. */
export interface WalRecord {
  seq: number;
  refs: Uint32Array;
  ts: Float64Array;
  vs: Float64Array;
  /** The histogram samples among them (their vs slot unused); absent when there are none. */
  histograms?: StoredHistograms;
  /** All metadata, present when it changed since the previous checkpoint. */
  metadata?: [string, Metadata][];
}

export interface TsdbSchema extends DBSchema {
  wal: { key: number; value: WalRecord };
  /** One row per series, as version 2 wrote them: still read, and deleted from by retention, never written. */
  series: { key: number; value: { ref: number; labels: string[] } };
  seriesPacks: { key: PackKey; value: SeriesPack };
  blocks: { key: number; value: BlockRecord };
  pages: { key: [number, number]; value: Uint8Array };
  /** The head snapshot under HEAD_KEY, the retention mark under RETENTION_KEY. */
  head: { key: string; value: HeadRecord | RetentionMark };
}

export type TsdbDb = IDBPDatabase<TsdbSchema>;

export const HEAD_KEY = 'checkpoint';
export const RETENTION_KEY = 'retention';
const VERSION = 3;

/**
 * Opens (creating on first use) the database through the given factory.
 * `onBlocked` hears that an older connection (a worker of another build,
 * still closing) keeps the open waiting.
 */
export async function openStore(name: string, factory: IDBFactory, onBlocked?: () => void): Promise<TsdbDb> {
  const req = factory.open(name, VERSION);
  req.onblocked = () => onBlocked?.();
  req.onupgradeneeded = () => {
    const db = req.result;
    if (!db.objectStoreNames.contains('series')) db.createObjectStore('series', { keyPath: 'ref' });
    if (!db.objectStoreNames.contains('seriesPacks')) db.createObjectStore('seriesPacks', { keyPath: PACK_KEY_PATH });
    if (!db.objectStoreNames.contains('blocks')) db.createObjectStore('blocks', { keyPath: 'id' });
    if (!db.objectStoreNames.contains('pages')) db.createObjectStore('pages');
    if (!db.objectStoreNames.contains('head')) db.createObjectStore('head');
    if (!db.objectStoreNames.contains('wal')) db.createObjectStore('wal', { keyPath: 'seq' });
  };
  try {
    const db = (await wrap(req)) as unknown as TsdbDb;
    // A wipe (deleteDatabase) or a newer build's upgrade waits for every open connection to close: this one
    // gives way at once rather than leave the other engine, or the user's wipe, hanging on it.
    db.addEventListener('versionchange', () => db.close());
    return db;
  } catch (e) {
    throw new Error(`tsdb: cannot open IndexedDB database ${JSON.stringify(name)}: ${errorMessage(e)}`, { cause: e });
  }
}

export interface StoredState {
  /** Every series, packs ascending by ref; rows of the old series store come packed too. */
  series: SeriesPack[];
  blocks: BlockRecord[];
  head: HeadRecord | undefined;
  wal: WalRecord[];
  /** Every sample at or before this was dropped by retention (-Infinity when none was). */
  droppedThrough: number;
}

/** Old series rows per request: one getAll of a million rows keeps the page silent for minutes in Chromium. */
const SERIES_BATCH = 50_000;
/** Packs per request: about as many series as SERIES_BATCH rows, so progress comes as often. */
const PACK_BATCH = 5;

/**
 * Reads the stored state in one transaction; the series, the large part,
 * in batches, telling `onRead` how many series of how many have come.
 * `batch` is old series rows per request.
 */
export async function loadState(db: TsdbDb, onRead?: (done: number, total: number) => void, batch = SERIES_BATCH): Promise<StoredState> {
  const tx = db.transaction(['series', 'seriesPacks', 'blocks', 'head', 'wal'], 'readonly');
  const heads = tx.objectStore('head');
  const rest = Promise.all([tx.objectStore('blocks').getAll(), heads.get(HEAD_KEY), tx.objectStore('wal').getAll(), heads.get(RETENTION_KEY)]);
  const rowStore = tx.objectStore('series');
  const packStore = tx.objectStore('seriesPacks');
  const [rowCount, packKeys] = await Promise.all([rowStore.count(), packStore.getAllKeys()]);
  let total = rowCount;
  for (const k of packKeys) total += k[1];
  let done = 0;
  onRead?.(0, total);
  // Old rows hold refs below any pack's: a store of the old version gains packs only for series added since.
  const series: SeriesPack[] = [];
  let lastRef: number | undefined;
  for (;;) {
    const rows = await rowStore.getAll(lastRef === undefined ? undefined : IDBKeyRange.lowerBound(lastRef, true), batch);
    if (rows.length > 0) lastRef = rows[rows.length - 1].ref;
    series.push(...packSeries(rows));
    done += rows.length;
    onRead?.(done, Math.max(total, done));
    if (rows.length < batch) break;
  }
  let lastKey: PackKey | undefined;
  for (;;) {
    const packs = await packStore.getAll(lastKey === undefined ? undefined : IDBKeyRange.lowerBound(lastKey, true), PACK_BATCH);
    for (const p of packs) {
      series.push(p);
      done += p.size;
      lastKey = [p.id, p.size];
    }
    if (packs.length > 0) onRead?.(done, Math.max(total, done));
    if (packs.length < PACK_BATCH) break;
  }
  const [blocks, head, wal, mark] = await rest;
  await tx.done;
  return { series, blocks, head: head as HeadRecord | undefined, wal, droppedThrough: (mark as RetentionMark | undefined)?.droppedThrough ?? -Infinity };
}

/** Reads pages by [block, page]; a missing page comes back undefined. */
export async function readPages(db: TsdbDb, keys: readonly [number, number][]): Promise<(Uint8Array | undefined)[]> {
  const tx = db.transaction('pages', 'readonly');
  const store = tx.objectStore('pages');
  const out = await Promise.all(keys.map((k) => store.get(k)));
  await tx.done;
  return out;
}

const WRITE_STORES = ['series', 'seriesPacks', 'blocks', 'pages', 'head', 'wal'] as const;
export type WriteTx = IDBPTransaction<TsdbSchema, typeof WRITE_STORES, 'readwrite'>;

/**
 * Runs one all-or-nothing write: the requests `fn` adds to `ops` commit
 * together or, if any fails or `fn` throws, the transaction is aborted and
 * none do. An async `fn` may await its own requests (and only those: the
 * transaction stays open while a request of it is answered) to hand the
 * thread back between batches of requests.
 */
export async function writeTx(db: TsdbDb, fn: (tx: WriteTx, ops: Promise<unknown>[]) => void | Promise<void>): Promise<void> {
  const tx = db.transaction(WRITE_STORES, 'readwrite');
  const ops: Promise<unknown>[] = [tx.done];
  try {
    await fn(tx, ops);
    await Promise.all(ops);
  } catch (e) {
    // Every request fails once the transaction aborts; those failures are this one.
    for (const op of ops) op.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      // Already aborted by the failed request: nothing was written.
    }
    throw e;
  }
}

/** Adds a block's record and pages to a write. */
export function putBlock(tx: WriteTx, ops: Promise<unknown>[], rec: BlockRecord, pages: readonly Uint8Array[]): void {
  ops.push(tx.objectStore('blocks').put(rec));
  pages.forEach((p, i) => ops.push(tx.objectStore('pages').put(p, [rec.id, i])));
}

/** Adds the deletion of a block's record and pages to a write. */
export function deleteBlock(tx: WriteTx, ops: Promise<unknown>[], rec: BlockRecord): void {
  ops.push(tx.objectStore('blocks').delete(rec.id));
  for (let p = 0; p < rec.numPages; p++) ops.push(tx.objectStore('pages').delete([rec.id, p]));
}

/** Adds the retention mark to a write. */
export function putRetentionMark(tx: WriteTx, ops: Promise<unknown>[], mark: RetentionMark): void {
  ops.push(tx.objectStore('head').put(mark, RETENTION_KEY));
}

/** Adds new series (ascending by ref, all above any stored ref) to a write, as packs. */
export async function putSeries(tx: WriteTx, ops: Promise<unknown>[], rows: readonly { ref: number; labels: readonly string[] }[]): Promise<void> {
  // One pack made and put at a time, each answered before the next (the transaction stays open), so
  // 800,000 new series are some 80 short turns of the thread with other work between, not one long one.
  for (let from = 0; from < rows.length; from += PACK_SERIES) {
    const [pack] = packSeries(rows.slice(from, from + PACK_SERIES));
    const op = tx.objectStore('seriesPacks').put(pack);
    ops.push(op);
    if (from + PACK_SERIES < rows.length) await op;
  }
}

/** Adds the deletion of series to a write: old rows deleted, the packs holding them rewritten without them. */
export function deleteSeries(tx: WriteTx, ops: Promise<unknown>[], refs: ReadonlySet<number>): void {
  if (refs.size === 0) return;
  const rows = tx.objectStore('series');
  // A store that never had old rows takes one count, not a delete per series.
  ops.push(rows.count().then((n) => (n === 0 ? undefined : Promise.all([...refs].map((r) => rows.delete(r))))));
  const packs = tx.objectStore('seriesPacks');
  ops.push(
    packs.getAllKeys().then((keys) =>
      Promise.all(
        packsHolding(keys, refs).map(async (key) => {
          const p = await packs.get(key);
          if (p === undefined) return;
          const kept = withoutRefs(p, refs);
          await packs.delete(key);
          if (kept) await packs.put(kept);
        }),
      ),
    ),
  );
}
