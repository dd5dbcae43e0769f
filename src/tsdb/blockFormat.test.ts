import { describe, expect, it } from 'vitest';
import { buildBlock, findSeries, PAGE_BYTES, pageOf, seriesChunks, seriesMint } from './blockFormat';
import { ENC_SCALED, ENC_XOR } from './chunkEncoding';

function chunk(seed: number, len: number): Uint8Array {
  const b = new Uint8Array(len);
  for (let i = 0; i < len; i++) b[i] = (seed * 31 + i) & 0xff;
  // The first two bytes are the sample count.
  b[0] = 0;
  b[1] = 120;
  return b;
}

describe('block format', () => {
  it('finds every series chunk again across page boundaries', () => {
    const entries = Array.from({ length: 900 }, (_, i) => ({
      ref: 3 * i + 1,
      mint: i - 10,
      maxt: i,
      chunks: [
        { encoding: ENC_XOR, bytes: chunk(i, 200 + (i % 7) * 50) },
        { encoding: ENC_SCALED, bytes: chunk(i + 1, 150) },
      ],
    }));
    const built = buildBlock(entries);
    expect(built.pages.length).toBeGreaterThan(1);
    expect(built.pages.every((p) => p.length < PAGE_BYTES + 1000)).toBe(true);
    expect(built.numChunks).toBe(1800);
    expect(built.numSamples).toBe(1800 * 120);
    for (const [i, e] of entries.entries()) {
      const at = findSeries(built.index, e.ref);
      expect(at).toBe(i);
      const got = seriesChunks(built.index, at, built.pages[pageOf(built.index, at)]);
      expect(got.map((c) => [c.encoding, [...c.bytes]])).toEqual(e.chunks.map((c) => [c.encoding, [...c.bytes]]));
    }
    expect(findSeries(built.index, 2)).toBe(-1);
    expect(built.index.maxts?.[899]).toBe(899);
    expect(seriesMint(built.index, 899, -Infinity)).toBe(889);
    expect(seriesMint({ ...built.index, mints: undefined }, 899, -Infinity)).toBe(-Infinity);
  });
});
