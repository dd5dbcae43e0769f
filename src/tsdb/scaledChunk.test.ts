import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactChunk, decodeChunkInto, ENC_SCALED, ENC_XOR } from './chunkEncoding';
import { decodeScaledInto, encodeScaled } from './scaledChunk';
import { XorAppender } from './xorChunk';

function bits(a: Float64Array): string[] {
  return [...new Uint32Array(a.buffer)].map((w) => w.toString(16));
}

const timestamps = (n: number) =>
  fc.array(fc.oneof(fc.constant(15_000), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 2 ** 36 })), { minLength: n, maxLength: n });

describe('scaled chunk', () => {
  it('round-trips any values exactly or declines them', () => {
    const value = fc.oneof(
      fc.double(),
      fc.integer({ min: -1e6, max: 1e6 }).map((i) => i / 100),
      fc.integer().map((i) => i * 4096),
      fc.constantFrom(0, -0, NaN, Infinity, 0.1, 1e300, 2 ** 52),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 240 }), fc.integer({ min: -(2 ** 44), max: 2 ** 44 }), (vals, t0) =>
        fc.assert(
          fc.property(timestamps(vals.length), (gaps) => {
            const ts = new Float64Array(vals.length);
            let t = t0;
            gaps.forEach((g, i) => (ts[i] = t += g));
            const vs = Float64Array.from(vals);
            const bytes = encodeScaled(ts, vs, vals.length);
            if (bytes === undefined) return;
            const outT = new Float64Array(vals.length);
            const outV = new Float64Array(vals.length);
            expect(decodeScaledInto(bytes, outT, outV, 0)).toBe(vals.length);
            expect([...outT]).toEqual([...ts]);
            expect(bits(outV)).toEqual(bits(vs));
          }),
          { numRuns: 3 },
        ),
      ),
      { numRuns: 200 },
    );
  });

  it.each([
    ['counters of whole numbers', (i: number) => i * 37, ENC_SCALED],
    ['seconds with centiseconds', (i: number) => Math.round(806922 + i * 28) / 100, ENC_SCALED],
    ['a stale marker', (i: number) => (i === 50 ? NaN : i), ENC_XOR],
    ['random floats', (i: number) => Math.sin(i) * 1e3, ENC_XOR],
  ])('keeps %s in the smaller encoding', (_name, f, encoding) => {
    const a = new XorAppender();
    for (let i = 0; i < 120; i++) a.append(1_700_000_000_000 + i * 15_000, f(i));
    const xor = a.bytes();
    const got = compactChunk(xor);
    expect(got.encoding).toBe(encoding);
    const ts = new Float64Array(120);
    const vs = new Float64Array(120);
    decodeChunkInto(got.encoding, got.bytes, ts, vs, 0);
    const ts2 = new Float64Array(120);
    const vs2 = new Float64Array(120);
    decodeChunkInto(ENC_XOR, xor, ts2, vs2, 0);
    expect(bits(vs)).toEqual(bits(vs2));
    expect([...ts]).toEqual([...ts2]);
  });

  it('stores regular centisecond counters in about a byte per sample', () => {
    const a = new XorAppender();
    for (let i = 0; i < 120; i++) a.append(1_700_000_000_000 + i * 15_000, Math.round((8069.22 + i * 0.28 + (i % 3) * 0.01) * 100) / 100);
    expect(compactChunk(a.bytes()).bytes.length / 120).toBeLessThan(1.3);
  });
});
