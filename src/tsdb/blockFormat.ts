// The layout of a persisted block: every chunk of one time window for many
// series, as an index (sorted refs, byte offsets) and the chunk bytes cut into
// pages of ~256 KB at series boundaries, so a query loads only the pages of
// the series it needs and IndexedDB sees few, large records.
//
// A series' bytes are its chunks in time order, each as
// [encoding byte][uvarint length][chunk bytes].

import { chunkNumSamples, type ChunkBytes, type ChunkEncoding } from './chunkEncoding';

export const PAGE_BYTES = 256 * 1024;

export interface BlockIndex {
  /** Series refs, ascending. */
  refs: Uint32Array;
  /** Byte offset of each series' chunks within the block; one more entry than refs. */
  offsets: Float64Array;
  /** Index into refs of the first series of each page. */
  pageFirst: Uint32Array;
  /** Each series' newest sample time in the block (reopening skips logged samples up to it); absent in schema-1 blocks. */
  maxts?: Float64Array;
  /** Each series' oldest sample time in the block (labels-only reads judge spans by it); absent in blocks written before it was kept. */
  mints?: Float64Array;
}

export interface BuiltBlock {
  index: BlockIndex;
  pages: Uint8Array[];
  numChunks: number;
  numSamples: number;
  bytes: number;
}

/**
 * Series i's newest time in the block. Schema-1 blocks did not keep it; they
 * were always written with a full snapshot, so nothing needs skipping for them.
 */
export function seriesMaxt(index: BlockIndex, i: number): number {
  return index.maxts?.[i] ?? -Infinity;
}

/** Series i's oldest time in the block, or `fallback` (the block's start) when the block did not keep it. */
export function seriesMint(index: BlockIndex, i: number, fallback: number): number {
  return index.mints?.[i] ?? fallback;
}

/** Lays out series' chunks (entries ascending by ref, chunks in time order, mint and maxt their oldest and newest sample). */
export function buildBlock(entries: readonly { ref: number; mint: number; maxt: number; chunks: readonly ChunkBytes[] }[]): BuiltBlock {
  const refs = new Uint32Array(entries.length);
  const mints = new Float64Array(entries.length);
  const maxts = new Float64Array(entries.length);
  const offsets = new Float64Array(entries.length + 1);
  const pageFirst: number[] = [];
  const pages: Uint8Array[] = [];
  let page: Uint8Array[] = [];
  let pageLen = 0;
  let off = 0;
  let numChunks = 0;
  let numSamples = 0;
  const flush = () => {
    const buf = new Uint8Array(pageLen);
    let o = 0;
    for (const p of page) {
      buf.set(p, o);
      o += p.length;
    }
    pages.push(buf);
    page = [];
    pageLen = 0;
  };
  entries.forEach((e, i) => {
    if (pageLen >= PAGE_BYTES) flush();
    if (pageLen === 0) pageFirst.push(i);
    refs[i] = e.ref;
    mints[i] = e.mint;
    maxts[i] = e.maxt;
    offsets[i] = off;
    for (const c of e.chunks) {
      const head = chunkHeader(c);
      page.push(head, c.bytes);
      pageLen += head.length + c.bytes.length;
      off += head.length + c.bytes.length;
      numChunks++;
      numSamples += chunkNumSamples(c.bytes);
    }
  });
  offsets[entries.length] = off;
  if (pageLen > 0 || pages.length === 0) flush();
  return { index: { refs, offsets, pageFirst: Uint32Array.from(pageFirst), maxts, mints }, pages, numChunks, numSamples, bytes: off };
}

function chunkHeader(c: ChunkBytes): Uint8Array {
  const out: number[] = [c.encoding];
  let x = c.bytes.length;
  while (x >= 128) {
    out.push((x & 127) | 128);
    x >>>= 7;
  }
  out.push(x);
  return Uint8Array.from(out);
}

/** Position of a ref in the block's index, or -1. */
export function findSeries(index: BlockIndex, ref: number): number {
  const refs = index.refs;
  let lo = 0;
  let hi = refs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (refs[mid] < ref) lo = mid + 1;
    else hi = mid;
  }
  return lo < refs.length && refs[lo] === ref ? lo : -1;
}

/** The page holding series i. */
export function pageOf(index: BlockIndex, i: number): number {
  const pf = index.pageFirst;
  let lo = 0;
  let hi = pf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (pf[mid] <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Series i's chunks, as views into its page. */
export function seriesChunks(index: BlockIndex, i: number, page: Uint8Array): ChunkBytes[] {
  const pageStart = index.offsets[index.pageFirst[pageOf(index, i)]];
  let p = index.offsets[i] - pageStart;
  const end = index.offsets[i + 1] - pageStart;
  const out: ChunkBytes[] = [];
  while (p < end) {
    const encoding = page[p++] as ChunkEncoding;
    let len = 0;
    let shift = 0;
    let b: number;
    do {
      b = page[p++];
      len |= (b & 127) << shift;
      shift += 7;
    } while (b >= 128);
    out.push({ encoding, bytes: page.subarray(p, p + len) });
    p += len;
  }
  if (p !== end) throw new Error(`block page: series ${index.refs[i]} runs past its bytes`);
  return out;
}
