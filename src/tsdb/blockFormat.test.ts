import { describe, expect, it } from 'vitest';
import { buildBlock, findSeries, PAGE_BYTES, pageOf, seriesChunks, seriesMint } from './blockFormat';
import { decodeChunkInto, ENC_HISTOGRAM, ENC_SCALED, ENC_XOR } from './chunkEncoding';
import { HistogramChunkAppender } from './histogramChunk';
import { Histogram } from '../model/histogram/histogram';

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

  it('reads a page written before histograms came, byte for byte as that format wrote it', () => {
    // Two series: four samples re-encoded as scaled decimals (marker 2), three left XOR (marker 1).
    const page = Uint8Array.from(Buffer.from('020a000402d00f009875c640011f0003d00f00000000000000009875c3e400921fb54442d1a002000000000000', 'hex'));
    const index = { refs: Uint32Array.of(1, 2), offsets: Float64Array.of(0, 12, 45), pageFirst: Uint32Array.of(0) };
    const ts = new Float64Array(8);
    const vs = new Float64Array(8);
    const [a] = seriesChunks(index, 0, page);
    const [b] = seriesChunks(index, 1, page);
    expect([a.encoding, b.encoding]).toEqual([ENC_SCALED, ENC_XOR]);
    expect(decodeChunkInto(a.encoding, a.bytes, ts, vs, 0)).toBe(4);
    expect(decodeChunkInto(b.encoding, b.bytes, ts, vs, 4)).toBe(3);
    expect([...ts]).toEqual([1000, 16000, 31000, 46000, 1000, 16000, 31000, 0]);
    expect([...vs]).toEqual([0, 0.25, 0.5, 0.75, 0, Math.PI, 2 * Math.PI, 0]);
  });

  it('keeps histogram chunks under their own markers beside float chunks, bytes unchanged', () => {
    const hist = new HistogramChunkAppender();
    hist.append(1000, new Histogram({ count: 2, sum: 1, positiveSpans: [{ offset: 0, length: 1 }], positiveBuckets: [2] }));
    const built = buildBlock([{ ref: 7, mint: 0, maxt: 1000, chunks: [{ encoding: ENC_XOR, bytes: chunk(1, 40) }, { encoding: ENC_HISTOGRAM, bytes: hist.bytes() }] }]);
    const got = seriesChunks(built.index, 0, built.pages[0]);
    expect(got.map((c) => c.encoding)).toEqual([ENC_XOR, ENC_HISTOGRAM]);
    expect(got[1].bytes).toEqual(hist.bytes());
    expect(built.numSamples).toBe(121);
    expect(() => decodeChunkInto(got[1].encoding, got[1].bytes, new Float64Array(1), new Float64Array(1), 0)).toThrow(/not a float chunk/);
  });
});
