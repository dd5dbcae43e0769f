// Compaction: once a checkpoint can add nothing more to a window, its blocks
// merge into one, as Prometheus compacts head blocks, so a query over old
// time reads one block's index per window instead of one per checkpoint.

import { seriesChunks, seriesMaxt, seriesMint } from './blockFormat';
import type { ChunkBytes } from './chunkEncoding';
import type { Head } from './head';
import type { PersistedState } from './persistedState';
import { deleteBlock, putBlock, readPages, writeTx, type BlockRecord } from './tsdbStore';

/** The blocks (in time order) of each settled window holding more than one, windows ascending. */
export function windowsToCompact(blocks: readonly BlockRecord[], maxTime: number, chunkRange: number): BlockRecord[][] {
  const settled = maxTime - chunkRange / 2;
  const groups = new Map<number, BlockRecord[]>();
  for (const b of blocks) {
    if (b.window + chunkRange > settled) continue;
    const g = groups.get(b.window);
    if (g) g.push(b);
    else groups.set(b.window, [b]);
  }
  return [...groups.values()].filter((g) => g.length >= 2);
}

/** Merges the blocks of each settled window into one; returns how many blocks were merged away. */
export async function compact(head: Head, persisted: PersistedState): Promise<number> {
  let compacted = 0;
  for (const group of windowsToCompact(persisted.blocks(), head.maxTime, head.chunkOptions.chunkRange)) {
    await mergeWindow(persisted, group);
    compacted += group.length;
  }
  return compacted;
}

async function mergeWindow(persisted: PersistedState, group: readonly BlockRecord[]): Promise<void> {
  const keys: [number, number][] = [];
  for (const b of group) for (let p = 0; p < b.numPages; p++) keys.push([b.id, p]);
  const pages = await readPages(persisted.db, keys);
  const byRef = new Map<number, ChunkBytes[]>();
  const mintOf = new Map<number, number>();
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
      mintOf.set(ref, Math.min(mintOf.get(ref) ?? Infinity, seriesMint(b.index, i, b.mint)));
      maxtOf.set(ref, Math.max(maxtOf.get(ref) ?? -Infinity, seriesMaxt(b.index, i)));
    }
  }
  const entries = [...byRef].sort((a, b) => a[0] - b[0]).map(([ref, chunks]) => ({ ref, mint: mintOf.get(ref)!, maxt: maxtOf.get(ref)!, chunks }));
  const merged = persisted.build(
    group[0].window,
    entries,
    Math.min(...group.map((b) => b.mint)),
    Math.max(...group.map((b) => b.maxt)),
  );
  await writeTx(persisted.db, (tx, ops) => {
    putBlock(tx, ops, merged.rec, merged.pages);
    for (const b of group) deleteBlock(tx, ops, b);
  });
  persisted.removed(new Set(group.map((b) => b.id)));
  persisted.added([merged.rec]);
}
