import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStaleNaN, STALE_NAN } from '../model/staleNaN';
import { decodeXorInto, XorAppender, XorIterator, xorNumSamples } from './xorChunk';

function fromBits(hi: number, lo: number): number {
  const w = new Uint32Array([lo, hi]);
  return new Float64Array(w.buffer)[0];
}

function bitsOf(vs: Float64Array, i: number): [number, number] {
  const w = new Uint32Array(vs.buffer, vs.byteOffset, vs.length * 2);
  return [w[2 * i + 1], w[2 * i]];
}

/** Any float64 by its bits, with the values that break codecs drawn often. */
const anyDouble = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff })).map(([hi, lo]) => [hi, lo] as [number, number]),
  fc.constantFrom<[number, number]>(
    [0x7ff00000, 2], // Prometheus stale marker
    [0x7ff80000, 0], // canonical NaN
    [0xfff80000, 1], // negative NaN with payload
    [0x7ff00000, 0], // +Inf
    [0xfff00000, 0], // -Inf
    [0x80000000, 0], // -0
    [0, 0],
    [0x3ff00000, 0],
  ),
);

const samples = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constant(15_000), fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 2 ** 40 })),
      anyDouble,
    ),
    { minLength: 0, maxLength: 300 },
  )
  .chain((rest) => fc.integer({ min: -(2 ** 45), max: 2 ** 45 }).map((t0) => ({ t0, rest })));

function encode(t0: number, rest: [number, [number, number]][]) {
  const a = new XorAppender();
  const ts: number[] = [];
  const bits: [number, number][] = [];
  let t = t0;
  for (const [gap, b] of rest) {
    t += gap;
    a.append(t, fromBits(b[0], b[1]));
    ts.push(t);
    bits.push(b);
  }
  return { a, ts, bits };
}

function expectedBits(b: [number, number]): [number, number] {
  return isStaleNaN(fromBits(b[0], b[1])) ? [0x7ff00000, 2] : b;
}

describe('xor chunk', () => {
  it('round-trips any float64 bit-exact with irregular timestamp gaps', () => {
    fc.assert(
      fc.property(samples, ({ t0, rest }) => {
        const { a, ts, bits } = encode(t0, rest);
        const bytes = a.bytes();
        expect(xorNumSamples(bytes)).toBe(ts.length);
        const outT = new Float64Array(ts.length + 1);
        const outV = new Float64Array(ts.length + 1);
        expect(decodeXorInto(bytes, outT, outV, 1 - (ts.length > 0 ? 1 : 0))).toBe(ts.length);
        for (let i = 0; i < ts.length; i++) {
          expect(outT[i]).toBe(ts[i]);
          expect(bitsOf(outV, i)).toEqual(expectedBits(bits[i]));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('resumes appending where a stored chunk stopped', () => {
    fc.assert(
      fc.property(samples, fc.nat(), ({ t0, rest }, cut) => {
        const k = rest.length === 0 ? 0 : cut % (rest.length + 1);
        const whole = encode(t0, rest).a.bytes();
        const first = encode(t0, rest.slice(0, k)).a;
        const resumed = XorAppender.resume(first.bytes());
        let t = t0 + rest.slice(0, k).reduce((s, [g]) => s + g, 0);
        for (const [gap, b] of rest.slice(k)) {
          t += gap;
          resumed.append(t, fromBits(b[0], b[1]));
        }
        expect(resumed.bytes()).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the stale marker recognisable and writes Prometheus bits for it', () => {
    const a = new XorAppender();
    a.append(1000, 1);
    a.append(2000, STALE_NAN);
    a.append(3000, 2);
    const it = new XorIterator(a.bytes());
    const got: number[] = [];
    while (it.next()) got.push(it.v);
    expect(got[0]).toBe(1);
    expect(isStaleNaN(got[1])).toBe(true);
    expect(got[2]).toBe(2);
    const vs = new Float64Array(3);
    decodeXorInto(a.bytes(), new Float64Array(3), vs, 0);
    expect(bitsOf(vs, 1)).toEqual([0x7ff00000, 2]);
  });

  it('matches the bytes Prometheus writes for a regular counter', () => {
    const a = new XorAppender();
    a.append(1000, 1);
    a.append(16000, 2);
    a.append(31000, 3);
    // count 3 | varint(1000)=d0 0f | 1.0 | uvarint(15000)=98 75 | 11 00001 001011 (2 xor 1) | 0 (dod) | 0 11 01100 000001 1 (3 xor 2)
    expect(Buffer.from(a.bytes()).toString('hex')).toBe('0003d00f3ff00000000000009875c25fff6c06');
  });

  it.each([
    ['seeks to the first sample at or after t', 2500, true, 3000],
    ['seeks onto an exact timestamp', 2000, true, 2000],
    ['seeks before the start to the first sample', 0, true, 1000],
    ['reports no sample past the end', 9000, false, undefined],
  ])('%s', (_name, target, found, at) => {
    const a = new XorAppender();
    for (const t of [1000, 2000, 3000, 4000]) a.append(t, t / 1000);
    const it = new XorIterator(a.bytes());
    expect(it.seek(target)).toBe(found);
    if (found) expect(it.t).toBe(at);
  });

  it('reports a truncated chunk instead of inventing samples', () => {
    const a = new XorAppender();
    for (let i = 0; i < 50; i++) a.append(i * 15_000, Math.sin(i));
    const bytes = a.bytes().slice(0, 40);
    expect(() => decodeXorInto(bytes, new Float64Array(50), new Float64Array(50), 0)).toThrow(/truncated/);
  });
});
