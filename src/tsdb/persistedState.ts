// What the database holds, as the open TSDB keeps track of it so that reads
// and writes need not ask: the block records in time order, the next block
// id, which series refs are stored, and a bounded cache of block pages.

import { buildBlock } from './blockFormat';
import type { ChunkBytes } from './chunkEncoding';
import { PageCache } from './pageCache';
import { readPages, type BlockRecord, type TsdbDb } from './tsdbStore';

/** A block laid out in memory and not yet written. */
export interface NewBlock {
  rec: BlockRecord;
  pages: Uint8Array[];
}

export class PersistedState {
  private list: BlockRecord[] = [];
  private nextId = 1;
  private readonly cache: PageCache;
  /** Every series with a ref below this is stored (in a pack, or an old-format row). */
  persistedRefs = 1;
  /** Retention has dropped every sample at or before this. */
  droppedThrough = -Infinity;

  constructor(
    readonly db: TsdbDb,
    cacheBytes: number,
  ) {
    this.cache = new PageCache(cacheBytes);
  }

  /** Blocks in time order (by window, then creation). */
  blocks(): readonly BlockRecord[] {
    return this.list;
  }

  get nextBlockId(): number {
    return this.nextId;
  }

  /** The page cache's bytes now and its bound. */
  get cacheSize(): { bytes: number; maxBytes: number } {
    return { bytes: this.cache.bytes, maxBytes: this.cache.maxBytes };
  }

  /** Takes the blocks found on open; new ids continue after theirs. */
  restore(blocks: BlockRecord[]): void {
    this.list = blocks;
    this.sort();
    for (const b of blocks) this.reserveIds(b.id + 1);
  }

  /** New blocks get ids from `below` on (a snapshot remembers ids its blocks' records may no longer show). */
  reserveIds(below: number): void {
    this.nextId = Math.max(this.nextId, below);
  }

  /** Lays out series' chunks as a block under a fresh id; it joins the list once written. */
  build(window: number, entries: { ref: number; mint: number; maxt: number; chunks: readonly ChunkBytes[] }[], mint: number, maxt: number): NewBlock {
    const built = buildBlock(entries);
    const rec: BlockRecord = {
      id: this.nextId++,
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

  /** Blocks now written. */
  added(recs: readonly BlockRecord[]): void {
    this.list.push(...recs);
    this.sort();
  }

  /** Blocks now deleted: forgotten, and their cached pages with them. */
  removed(ids: ReadonlySet<number>): void {
    this.list = this.list.filter((b) => !ids.has(b.id));
    for (const id of ids) this.cache.dropBlock(id);
  }

  /** Pages by [block, page], through the cache; undefined when a page no longer exists. */
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

  private sort(): void {
    this.list.sort((a, b) => a.window - b.window || a.id - b.id);
  }
}
