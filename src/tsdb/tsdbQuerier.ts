// Reads a persisted TSDB: the head's postings pick the series; their chunks
// come from the blocks overlapping the range (pages through the cache) and
// from the head's memory, decoded in time order into one array pair each
// when the series is read (a query reads one at a time into reused arrays).
// Labels-only reads take block index spans and memory chunk spans instead,
// loading no page.

import { compareLabels, type Labels } from '../model/labels';
import type { Matcher } from '../model/matcher';
import { pageOf, seriesChunks } from './blockFormat';
import { chunkMinTime, isHistogramEncoding, type ChunkBytes } from './chunkEncoding';
import { countsWhere, HeadQuerier, inMemorySpan, labelsWhere, lazySeries, readAll, type QueryableHead } from './headQuerier';
import type { MemSeries } from './memSeries';
import type { Metadata } from '../model/metricType';
import type { LazySeries, SeriesData } from '../model/seriesData';
import type { Querier, SelectHints } from './storage';
import type { BlockRecord } from './tsdbStore';

export interface PersistedView {
  readonly head: QueryableHead;
  /** Blocks in time order (by window, then creation). */
  blocks(): readonly BlockRecord[];
  /** Pages by [block, page], through the cache; undefined when a page no longer exists. */
  loadPages(keys: readonly [number, number][]): Promise<(Uint8Array | undefined)[]>;
}

export class TsdbQuerier implements Querier {
  private readonly headQuerier: HeadQuerier;

  constructor(private readonly view: PersistedView) {
    this.headQuerier = new HeadQuerier(view.head);
  }

  async select(matchers: readonly Matcher[], mint: number, maxt: number, hints?: SelectHints): Promise<SeriesData[]> {
    return readAll(await this.selectLazy(matchers, mint, maxt), hints);
  }

  async selectLazy(matchers: readonly Matcher[], mint: number, maxt: number): Promise<LazySeries[]> {
    // Compaction may replace blocks while pages load; the second try sees the new ones.
    const first = await this.trySelect(matchers, mint, maxt);
    if (first) return first;
    const second = await this.trySelect(matchers, mint, maxt);
    if (second) return second;
    throw new Error(`tsdb select ${matchers.map(String).join(',')}: block pages vanished while reading them twice`);
  }

  private async trySelect(matchers: readonly Matcher[], mint: number, maxt: number): Promise<LazySeries[] | undefined> {
    const head = this.view.head;
    const refs = head.matching(matchers);
    // Per matching series, its chunks in blocks; made only for series a block holds (800,000 empty lists were 50 MB a select).
    const perRef: (ChunkBytes[] | undefined)[] = new Array(refs.length);
    const histPerRef: (ChunkBytes[] | undefined)[] = new Array(refs.length);
    // Everything below is captured synchronously, so a checkpoint moving chunks from memory to a block cannot hide or double them.
    const wanted: { block: BlockRecord; refIdx: number[]; pos: number[] }[] = [];
    for (const block of this.view.blocks()) {
      if (block.maxt < mint || block.mint > maxt) continue;
      const br = block.index.refs;
      const refIdx: number[] = [];
      const pos: number[] = [];
      let j = 0;
      for (let i = 0; i < refs.length && j < br.length; i++) {
        while (j < br.length && br[j] < refs[i]) j++;
        if (j < br.length && br[j] === refs[i]) {
          refIdx.push(i);
          pos.push(j);
        }
      }
      if (refIdx.length > 0) wanted.push({ block, refIdx, pos });
    }
    const memory: ChunkBytes[][] = [];
    const memoryHist: (ChunkBytes[] | undefined)[] = [];
    const series: MemSeries[] = [];
    for (let i = 0; i < refs.length; i++) {
      const s = head.get(refs[i])!;
      series.push(s);
      const mine: ChunkBytes[] = [];
      s.chunksIn(mint, maxt, mine, true);
      memory.push(mine);
      memoryHist.push(s.histograms?.chunksIn(mint, maxt));
    }

    const keys: [number, number][] = [];
    const keyIndex = new Map<string, number>();
    for (const w of wanted) {
      for (const p of w.pos) {
        const page = pageOf(w.block.index, p);
        const k = `${w.block.id}/${page}`;
        if (!keyIndex.has(k)) {
          keyIndex.set(k, keys.length);
          keys.push([w.block.id, page]);
        }
      }
    }
    const pages = await this.view.loadPages(keys);
    if (pages.some((p) => p === undefined)) return undefined;

    for (const w of wanted) {
      for (let k = 0; k < w.pos.length; k++) {
        const page = pages[keyIndex.get(`${w.block.id}/${pageOf(w.block.index, w.pos[k])}`)!]!;
        const chunks = seriesChunks(w.block.index, w.pos[k], page);
        const into = (perRef[w.refIdx[k]] ??= []);
        // A chunk ends before the next one starts, so the next chunk's first timestamp bounds this one's last.
        let nextMint = Infinity;
        const keep: ChunkBytes[] = [];
        for (let c = chunks.length - 1; c >= 0; c--) {
          const enc = chunks[c].encoding;
          // Histogram chunks keep their first time deep in the sample; their samples are cut to the range as they decode.
          if (isHistogramEncoding(enc)) continue;
          const cMint = chunkMinTime(enc, chunks[c].bytes);
          if (cMint <= maxt && nextMint > mint) keep.push(chunks[c]);
          nextMint = cMint;
        }
        for (let c = keep.length - 1; c >= 0; c--) into.push(keep[c]);
        for (const c of chunks) if (isHistogramEncoding(c.encoding)) (histPerRef[w.refIdx[k]] ??= []).push(c);
      }
    }

    // The chunks are captured above, so a read after handing the thread back sees none moved by a checkpoint.
    const out: LazySeries[] = [];
    for (let i = 0; i < refs.length; i++) {
      const inBlocks = perRef[i];
      const histInBlocks = histPerRef[i];
      const hist = memoryHist[i];
      out.push(lazySeries(series[i], inBlocks ? inBlocks.concat(memory[i]) : memory[i], histInBlocks ? histInBlocks.concat(hist ?? []) : hist, mint, maxt));
    }
    return out.sort((a, b) => compareLabels(a.labels, b.labels));
  }

  selectLabels(matchers: readonly Matcher[], mint: number, maxt: number, hints?: SelectHints): Promise<Labels[]> {
    const inBlocks = new BlockPresence(this.view, mint, maxt);
    const head = this.view.head;
    return labelsWhere(head, matchers, (r) => inBlocks.has(r) || inMemorySpan(head.get(r), mint, maxt), inBlocks.hints(hints));
  }

  countSeries(name: string, matchers: readonly Matcher[], mint: number, maxt: number, hints?: SelectHints): Promise<Map<string, number>> {
    const inBlocks = new BlockPresence(this.view, mint, maxt);
    const head = this.view.head;
    return countsWhere(head, name, matchers, (r) => inBlocks.has(r) || inMemorySpan(head.get(r), mint, maxt), inBlocks.hints(hints));
  }

  labelNames(matchers?: readonly Matcher[]): Promise<string[]> {
    return this.headQuerier.labelNames(matchers);
  }

  labelValues(name: string, matchers?: readonly Matcher[]): Promise<string[]> {
    return this.headQuerier.labelValues(name, matchers);
  }

  metadata(metric?: string): Promise<Map<string, Metadata[]>> {
    return this.headQuerier.metadata(metric);
  }
}

/**
 * The refs with a block entry spanning part of [mint, maxt], as one bit per
 * ref, from each series' oldest and newest time in the block's index (older
 * blocks without them: the block's own). A checkpoint may move chunks from memory
 * into a new block while a walk has handed the thread back; refreshing after
 * each hand-back adds such blocks, so no series slips between the two.
 */
class BlockPresence {
  private bits = new Uint8Array(0);
  private readonly seen = new Set<number>();

  constructor(
    private readonly view: PersistedView,
    private readonly mint: number,
    private readonly maxt: number,
  ) {
    this.refresh();
  }

  has(ref: number): boolean {
    return this.bits[ref] === 1;
  }

  /** The caller's hints with a tick that refreshes after handing the thread back. */
  hints(hints: SelectHints | undefined): SelectHints {
    return {
      tick: async () => {
        await hints?.tick?.();
        this.refresh();
      },
    };
  }

  private refresh(): void {
    for (const b of this.view.blocks()) {
      if (this.seen.has(b.id)) continue;
      this.seen.add(b.id);
      if (b.maxt < this.mint || b.mint > this.maxt) continue;
      const { refs, maxts, mints } = b.index;
      if (refs.length === 0) continue;
      const top = refs[refs.length - 1];
      if (top >= this.bits.length) {
        const grown = new Uint8Array(Math.max(top + 1, this.bits.length * 2));
        grown.set(this.bits);
        this.bits = grown;
      }
      for (let i = 0; i < refs.length; i++) {
        if ((maxts === undefined ? b.maxt : maxts[i]) >= this.mint && (mints === undefined ? b.mint : mints[i]) <= this.maxt) this.bits[refs[i]] = 1;
      }
    }
  }
}
