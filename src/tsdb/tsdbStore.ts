// The IndexedDB schema of a persisted TSDB: series labels by ref, block
// indexes, block pages and the head checkpoint. Every change is one
// transaction, so an interrupted write leaves the previous state whole.

import { wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { BlockIndex } from './blockFormat';
import type { Metadata } from '../model/metricType';
import type { StoredHistograms } from './sampleJournal';
import { errorMessage } from '../model/result';

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
  series: { key: number; value: { ref: number; labels: string[] } };
  blocks: { key: number; value: BlockRecord };
  pages: { key: [number, number]; value: Uint8Array };
  head: { key: string; value: HeadRecord };
}

export type TsdbDb = IDBPDatabase<TsdbSchema>;

export const HEAD_KEY = 'checkpoint';
const VERSION = 2;

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
  series: { ref: number; labels: string[] }[];
  blocks: BlockRecord[];
  head: HeadRecord | undefined;
  wal: WalRecord[];
}

/** Series rows per request: one getAll of a million rows keeps the page silent for minutes in Chromium. */
const SERIES_BATCH = 50_000;

/**
 * Reads the stored state in one transaction; the series store, the large
 * one, in batches of `batch` rows, telling `onRead` how many of how
 * many have come.
 */
export async function loadState(db: TsdbDb, onRead?: (done: number, total: number) => void, batch = SERIES_BATCH): Promise<StoredState> {
  const tx = db.transaction(['series', 'blocks', 'head', 'wal'], 'readonly');
  const rest = Promise.all([tx.objectStore('blocks').getAll(), tx.objectStore('head').get(HEAD_KEY), tx.objectStore('wal').getAll()]);
  const store = tx.objectStore('series');
  const total = await store.count();
  const series: StoredState['series'] = [];
  onRead?.(0, total);
  for (;;) {
    const last = series.length === 0 ? undefined : series[series.length - 1].ref;
    const rows = await store.getAll(last === undefined ? undefined : IDBKeyRange.lowerBound(last, true), batch);
    for (const r of rows) series.push(r);
    onRead?.(series.length, Math.max(total, series.length));
    if (rows.length < batch) break;
  }
  const [blocks, head, wal] = await rest;
  await tx.done;
  return { series, blocks, head, wal };
}

/** Reads pages by [block, page]; a missing page comes back undefined. */
export async function readPages(db: TsdbDb, keys: readonly [number, number][]): Promise<(Uint8Array | undefined)[]> {
  const tx = db.transaction('pages', 'readonly');
  const store = tx.objectStore('pages');
  const out = await Promise.all(keys.map((k) => store.get(k)));
  await tx.done;
  return out;
}

const WRITE_STORES = ['series', 'blocks', 'pages', 'head', 'wal'] as const;
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
