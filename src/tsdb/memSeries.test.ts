import { describe, expect, it } from 'vitest';
import { Labels } from '../model/labels';
import { STALE_NAN } from '../model/staleNaN';
import { decodeRange, ENC_SCALED, ENC_XOR, type ChunkBytes } from './chunkEncoding';
import { MemSeries, sameValueBits } from './memSeries';

const OPTS = { chunkRange: 7_200_000, samplesPerChunk: 120 };

// Values that seal as scaled decimals and as XOR, and the stale marker among them.
const cases: [string, (i: number) => number, number][] = [
  ['integer counter', (i) => i * 3, ENC_SCALED],
  ['irregular floats', (i) => Math.sin(i) * 1e6 + i / 7, ENC_XOR],
  ['stale markers among floats', (i) => (i % 50 === 7 ? STALE_NAN : Math.cos(i) / 3), ENC_XOR],
];

function filled(value: (i: number) => number, n: number): MemSeries {
  const s = new MemSeries(1, Labels.from({ __name__: 'x' }));
  for (let i = 0; i < n; i++) s.append(i * 15_000, value(i), OPTS);
  return s;
}

function decoded(chunks: readonly ChunkBytes[]): { ts: number[]; vs: number[] } {
  const got = decodeRange(chunks, -Infinity, Infinity);
  return { ts: [...(got?.ts ?? [])], vs: [...(got?.vs ?? [])] };
}

describe('MemSeries', () => {
  it.each(cases)('reads back the newest value of %s bit-exact, also across a chunk cut and a seal', (_, value) => {
    for (const n of [1, 7, 120, 121, 300]) {
      const s = filled(value, n);
      expect(sameValueBits(s.lastValue, value(n - 1))).toBe(true);
      s.seal();
      expect(sameValueBits(s.lastValue, value(n - 1))).toBe(true);
    }
  });

  it('takes a restored newest value only while no chunk is open', () => {
    const s = new MemSeries(1, Labels.from({ __name__: 'x' }));
    s.lastValue = STALE_NAN;
    expect(sameValueBits(s.lastValue, STALE_NAN)).toBe(true);
    expect(() => (filled((i) => i, 3).lastValue = 1)).toThrow(/chunk is open/);
  });

  it.each(cases)('keeps %s bit-exact through sealing in place', (_, value, encoding) => {
    const s = filled(value, 500);
    // Irregular floats fill a chunk's 1 KB before 120 samples.
    expect(s.sealedCount).toBeGreaterThanOrEqual(4);
    expect(new Set(s.sealedChunks().map((c) => c.encoding))).toEqual(new Set([encoding]));
    expect(s.numSamples).toBe(500);
    const all: ChunkBytes[] = [];
    s.chunksIn(-Infinity, Infinity, all, false);
    const { ts, vs } = decoded(all);
    expect(ts).toEqual(Array.from({ length: 500 }, (_, i) => i * 15_000));
    vs.forEach((v, i) => expect(sameValueBits(v, value(i)) && Object.is(v, v)).toBe(true));
  });

  it.each(cases)('drops sealed %s without changing chunks a reader holds', (_, value) => {
    const s = filled(value, 500);
    const held = s.sealedChunks();
    const before = decoded(held);
    const dropped = held.length - 1;
    const kept = held.slice(0, dropped).reduce((n, c) => n - c.numSamples, 500);
    s.dropSealed(dropped);
    expect(decoded(held)).toEqual(before);
    expect(s.sealedCount).toBe(1);
    expect(s.minTime).toBe(held[dropped].mint);
    const rest: ChunkBytes[] = [];
    s.chunksIn(-Infinity, Infinity, rest, true);
    expect(decoded(rest).ts).toEqual(Array.from({ length: kept }, (_, i) => (500 - kept + i) * 15_000));
    // Appending goes on where it left off.
    s.append(500 * 15_000, 1, OPTS);
    expect(s.numSamples).toBe(kept + 1);
  });

  it('finds only the chunks overlapping a range', () => {
    const s = filled((i) => i, 500);
    const got: ChunkBytes[] = [];
    s.chunksIn(130 * 15_000, 250 * 15_000, got, false);
    expect(decoded(got).ts[0]).toBe(120 * 15_000);
    expect(got).toHaveLength(2);
    expect(s.hasChunkIn(490 * 15_000, 600 * 15_000)).toBe(true);
    expect(s.hasChunkIn(600 * 15_000, 700 * 15_000)).toBe(false);
  });

  // A chunk spanning 2^32 ms or more (possible when chunkRange passes 49 days) keeps its maxt too.
  it.each([
    ['15 s apart', 15_000],
    ['2^32 ms apart', 2 ** 32],
    ['a year apart', 365 * 86_400_000],
  ])('knows each sealed chunk\'s maxt with samples %s', (_, step) => {
    const opts = { chunkRange: 2 ** 50, samplesPerChunk: 120 };
    const s = new MemSeries(1, Labels.from({ __name__: 'x' }));
    for (let i = 0; i < 300; i++) s.append(i * step, i, opts);
    s.seal();
    const chunks = s.sealedChunks();
    expect(chunks.map((c) => [c.mint, c.maxt])).toEqual(chunks.map((c) => [decoded([c]).ts[0], decoded([c]).ts.at(-1)]));
    expect(chunks.at(-1)!.maxt).toBe(299 * step);
    const got: ChunkBytes[] = [];
    s.chunksIn(chunks[0].maxt, chunks[0].maxt, got, false);
    expect(got).toHaveLength(1);
  });

  it('resumes a persisted open chunk after its sealed ones', () => {
    const a = filled((i) => i / 3, 130);
    const b = new MemSeries(1, Labels.from({ __name__: 'x' }));
    b.resumeOpen(a.openView().slice());
    expect(b.openMint).toBe(a.openMint);
    expect(b.lastValue).toBe(a.lastValue);
    b.maxTime = a.maxTime;
    b.nextAt = a.nextAt;
    for (let i = 130; i < 200; i++) {
      a.append(i * 15_000, i / 3, OPTS);
      b.append(i * 15_000, i / 3, OPTS);
    }
    expect([...b.openView()]).toEqual([...a.openView()]);
  });
});
