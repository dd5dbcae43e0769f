// The persistent TSDB's face and owner: the head in memory, sealed chunks in
// IndexedDB blocks (one chunk-range window each), the head checkpointed on
// demand. The engine owns timers and calls checkpoint(); nothing here runs on
// its own. The work itself lives in checkpoint, retention, compaction,
// headRestore and tsdbStats; this class only orders it.

import { fail, ok, type Result } from '../model/result';
import { writeCheckpoint, type CheckpointWrite } from './checkpoint';
import { CheckpointPolicy } from './checkpointPolicy';
import { compact } from './compaction';
import { Head } from './head';
import { RestoreReporter, restoreHead, type RestoreProgress } from './headRestore';
import { PersistedState } from './persistedState';
import { applyRetention, type RetentionLimits, type RetentionResult } from './retention';
import type { Appender, Querier, Storage } from './storage';
import { TsdbQuerier, type PersistedView } from './tsdbQuerier';
import { storageTotals, tsdbStats, type StorageTotals, type TsdbStats } from './tsdbStats';
import { loadState, openStore, type BlockRecord, type TsdbDb } from './tsdbStore';

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
  /**
   * Told how far reopening has come, at most about every 100 ms and once at
   * the end of each phase ('read', 'series', 'blocks', 'snapshot', 'log'),
   * so a worker can say "restoring 1,000,000 series: 40 %"; 'blocked' while
   * an older connection keeps the database from opening.
   */
  onProgress?(p: RestoreProgress): void;
}

export interface CheckpointResult extends CheckpointWrite {
  blocksCompacted: number;
  retention: RetentionResult;
}

export const DEFAULT_RETENTION_MS = 15 * 24 * 3_600_000;

export interface Tsdb extends Storage {
  /** Writes sealed chunks as blocks and the head's state, then applies retention and compacts. */
  checkpoint(): Promise<CheckpointResult>;
  /** Drops blocks past the time or size limit now. */
  applyRetention(): Promise<RetentionResult>;
  stats(): TsdbStats;
  /** The sizes stats() gives, without its cardinality tops (a walk of every label pair). */
  totals(): StorageTotals;
  close(): Promise<void>;
}

export async function openTsdb(opts: TsdbOptions): Promise<Tsdb> {
  const factory = opts.indexedDB ?? globalThis.indexedDB;
  if (!factory) throw new Error(`tsdb ${JSON.stringify(opts.name)}: no IndexedDB in this environment`);
  const db = await openStore(opts.name, factory, () => opts.onProgress?.({ phase: 'blocked', done: 0, total: 0 }));
  const t = new PersistentTsdb(db, opts);
  try {
    await t.load(new RestoreReporter(opts.onProgress));
  } catch (e) {
    // A connection left open would keep the wipe that the failure offers waiting for ever.
    db.close();
    throw e;
  }
  return t;
}

/** Deletes a TSDB's database; IndexedDB finishes once every open connection to it has closed. */
export function deleteTsdb(name: string, factory: IDBFactory = globalThis.indexedDB): Promise<Result<void>> {
  return new Promise((resolve) => {
    const req = factory.deleteDatabase(name);
    req.onsuccess = () => resolve(ok(undefined));
    req.onerror = () => resolve(fail({ where: 'wipe', what: `could not delete the ${name} database: ${req.error?.message ?? 'unknown error'}` }));
  });
}

class PersistentTsdb implements Tsdb, PersistedView {
  readonly head: Head;
  private readonly persisted: PersistedState;
  private readonly limits: RetentionLimits;
  private readonly policy = new CheckpointPolicy();
  /** Damage found while opening. */
  private readonly warnings: string[] = [];
  /** Checkpoints and retention run one at a time, in call order. */
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly db: TsdbDb,
    opts: TsdbOptions,
  ) {
    this.head = new Head({ chunkRange: opts.chunkRange, tooOldWindow: opts.tooOldWindow });
    this.persisted = new PersistedState(db, opts.cacheBytes ?? 64 * 1024 * 1024);
    this.limits = { retentionMs: opts.retentionMs ?? DEFAULT_RETENTION_MS, maxBytes: opts.maxBytes ?? Infinity };
  }

  async load(report: RestoreReporter): Promise<void> {
    // The series rows come in batches, each one a report: the read of a million takes a while.
    const state = await loadState(this.db, (done, total) => report.now('read', done, total));
    this.warnings.push(...(await restoreHead(state, this.head, this.persisted, this.policy, report)));
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
      const { written, dropped } = await writeCheckpoint(this.head, this.persisted, this.policy);
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

  stats(): TsdbStats {
    return tsdbStats(this.head, this.persisted.blocks(), this.persisted.cacheSize, this.warnings);
  }

  totals(): StorageTotals {
    return storageTotals(this.head, this.persisted.blocks());
  }
}
