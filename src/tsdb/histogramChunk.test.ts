import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Histogram } from '../model/histogram/histogram';
import { CounterResetHint, type HistogramInit } from '../model/histogram/types';
import { isStaleNaN, STALE_NAN } from '../model/staleNaN';
import { BitReader, BitWriter } from './bitStream';
import { CounterResetHeader, decodeHistogramChunk, HistogramChunkAppender, putZeroThreshold, readLayout, readZeroThreshold, writeLayout } from './histogramChunk';

function bitString(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(2).padStart(8, '0')).join('');
}

function decodeAll(bytes: Uint8Array): [number, Histogram][] {
  const out: [number, Histogram][] = [];
  decodeHistogramChunk(bytes, (t, h) => out.push([t, h]));
  return out;
}

const base: HistogramInit = { schema: 1, zeroThreshold: 2 ** -128, positiveSpans: [{ offset: 0, length: 2 }], positiveBuckets: [1, 1], count: 3, sum: 1.5 };

describe('histogram chunk', () => {
  it('writes the bits histogram.go writes, field by field (hand-computed)', () => {
    const app = new HistogramChunkAppender();
    app.append(1000, new Histogram(base));
    app.append(1015, new Histogram({ ...base, positiveBuckets: [2, 1], count: 5, sum: 3 }));
    const want =
      '0000000000000010' + // 2 samples
      '00000000' + // counter-reset header: unknown
      '01110100' + // zero threshold 2^-128: frexp exponent -127 + 243 = 116
      '10001' + // schema 1 (varbit int)
      '10001' + // 1 positive span
      '10010' + // its length 2
      '0' + // its offset 0
      '0' + // no negative spans
      '11110' + '001111101000' + // t 1000 (12-bit varbit int)
      '10011' + // count 3
      '0' + // zero count 0
      '0011111111111000'.padEnd(64, '0') + // sum 1.5, raw
      '10001' + '10001' + // buckets 1, 1 (deltas within the histogram)
      '110' + '001111' + // time dod 15
      '10010' + // count dod 2
      '0' + // zero count dod 0
      '11' + '00001' + '001011' + '11111111111' + // sum 3: xor 0x7ff0…, new window, 1 leading zero, 11 significant bits
      '10001' + // bucket 0: delta 1, dod 1
      '0'; // bucket 1: dod 0
    const got = bitString(app.bytes());
    expect(got.length).toBe(Math.ceil(want.length / 8) * 8);
    expect(got).toBe(want.padEnd(got.length, '0'));
  });

  it('reads back what it wrote, with the hints Prometheus reports', () => {
    const app = new HistogramChunkAppender(CounterResetHeader.CounterReset);
    const hs = [
      new Histogram({ ...base, negativeSpans: [{ offset: -2, length: 1 }, { offset: 3, length: 2 }], negativeBuckets: [4, -1, 2], count: 12, zeroCount: 2 }),
      new Histogram({ ...base, negativeSpans: [{ offset: -2, length: 1 }, { offset: 3, length: 2 }], negativeBuckets: [5, -1, 3], count: 15, zeroCount: 2, sum: -7.25 }),
      new Histogram({ ...base, negativeSpans: [{ offset: -2, length: 1 }, { offset: 3, length: 2 }], negativeBuckets: [9, -8, 30], count: 50, zeroCount: 5, sum: 1e300 }),
    ];
    hs.forEach((h, i) => app.append(1_700_000_000_000 + i * 15_000, h));
    const got = decodeAll(app.bytes());
    expect(got.map(([t]) => t)).toEqual([1_700_000_000_000, 1_700_000_015_000, 1_700_000_030_000]);
    expect(got.map(([, h]) => h.counterResetHint)).toEqual([CounterResetHint.Unknown, CounterResetHint.NotCounterReset, CounterResetHint.NotCounterReset]);
    for (let i = 0; i < hs.length; i++) expect({ ...got[i][1], counterResetHint: 0 }).toEqual({ ...hs[i], counterResetHint: 0 });
    expect(app.bytes()[2]).toBe(CounterResetHeader.CounterReset);
  });

  it('round-trips any counts and timestamps', () => {
    const sample = fc.record({ dt: fc.integer({ min: 1, max: 1e9 }), count: fc.integer({ min: 0, max: 2 ** 50 }), zeroCount: fc.nat(), sum: fc.double(), b: fc.array(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), { minLength: 3, maxLength: 3 }) });
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.array(sample, { minLength: 1, maxLength: 30 }), (t0, samples) => {
        const app = new HistogramChunkAppender();
        let t = t0;
        const want: [number, Histogram][] = [];
        for (const s of samples) {
          t += s.dt;
          const h = new Histogram({ schema: 3, positiveSpans: [{ offset: 5, length: 3 }], positiveBuckets: s.b, count: s.count, zeroCount: s.zeroCount, sum: s.sum });
          app.append(t, h);
          want.push([t, h]);
        }
        const got = decodeAll(app.bytes());
        expect(got.map(([tt, h]) => [tt, h.count, h.zeroCount, h.sum, h.positiveBuckets])).toEqual(want.map(([tt, h]) => [tt, h.count, h.zeroCount, h.sum, h.positiveBuckets]));
      }),
    );
  });

  it('keeps a stale marker as a histogram with the stale NaN sum only', () => {
    const app = new HistogramChunkAppender();
    app.append(1000, new Histogram(base));
    app.append(2000, new Histogram({ sum: STALE_NAN }));
    const [, [t, h]] = decodeAll(app.bytes());
    expect(t).toBe(2000);
    expect(isStaleNaN(h.sum)).toBe(true);
    expect(h.positiveBuckets).toEqual([]);
  });

  const prev: HistogramInit = { ...base, zeroCount: 1, count: 4 };
  it.each<[string, HistogramInit, CounterResetHeader | undefined]>([
    ['more observations in the same buckets', { ...prev, positiveBuckets: [2, 0], count: 5 }, undefined],
    ['a lower count', { ...prev, count: 3 }, CounterResetHeader.CounterReset],
    ['a bucket with fewer observations', { ...prev, positiveBuckets: [0, 2] }, CounterResetHeader.CounterReset],
    ['a lower zero count', { ...prev, zeroCount: 0 }, CounterResetHeader.CounterReset],
    ['an explicit counter reset hint', { ...prev, counterResetHint: CounterResetHint.CounterReset }, CounterResetHeader.CounterReset],
    ['another schema', { ...prev, schema: 2 }, CounterResetHeader.Unknown],
    ['another zero threshold', { ...prev, zeroThreshold: 0.5 }, CounterResetHeader.Unknown],
    ['a new bucket, none fewer', { ...prev, positiveSpans: [{ offset: 0, length: 3 }], positiveBuckets: [1, 1, 0], count: 5 }, CounterResetHeader.NotCounterReset],
    ['a bucket gone that had observations', { ...prev, positiveSpans: [{ offset: 0, length: 1 }], positiveBuckets: [1] }, CounterResetHeader.CounterReset],
    ['a stale marker', { sum: STALE_NAN }, undefined],
  ])('after a histogram, %s', (_, next, want) => {
    const app = new HistogramChunkAppender();
    app.append(1000, new Histogram(prev));
    expect(app.appendable(new Histogram(next))).toBe(want);
  });

  it('starts a new chunk after a stale marker, with an unknown reset', () => {
    const app = new HistogramChunkAppender();
    app.append(1000, new Histogram(base));
    app.append(2000, new Histogram({ sum: STALE_NAN }));
    expect(app.appendable(new Histogram(base))).toBe(CounterResetHeader.Unknown);
  });

  it('writes the gauge header and reports gauge hints', () => {
    const app = new HistogramChunkAppender();
    app.append(1000, new Histogram({ ...base, counterResetHint: CounterResetHint.Gauge }));
    expect(app.appendable(new Histogram({ ...base, count: 1, counterResetHint: CounterResetHint.Gauge }))).toBeUndefined();
    app.append(2000, new Histogram({ ...base, count: 1, counterResetHint: CounterResetHint.Gauge }));
    expect(app.bytes()[2]).toBe(CounterResetHeader.Gauge);
    expect(decodeAll(app.bytes()).map(([, h]) => h.counterResetHint)).toEqual([CounterResetHint.Gauge, CounterResetHint.Gauge]);
  });

  it.each<[number, number[]]>([
    [0, [0]],
    [2 ** -128, [116]],
    [2 ** 10, [254]],
    [0.001, [255, 0x3f, 0x50, 0x62, 0x4d, 0xd2, 0xf1, 0xa9, 0xfc]],
  ])('writes zero threshold %d as putZeroThreshold does', (z, want) => {
    const w = new BitWriter();
    putZeroThreshold(w, z);
    expect([...w.bytes()]).toEqual(want);
    expect(readZeroThreshold(new BitReader(w.bytes()))).toBe(z);
  });

  it('keeps custom bucket bounds of the custom-buckets schema in the layout', () => {
    const w = new BitWriter();
    const layout = { schema: -53, zeroThreshold: 0, positiveSpans: [{ offset: 0, length: 4 }], negativeSpans: [], customValues: [0.005, 0.1, 2.5, 1e6, -1] };
    writeLayout(w, layout);
    expect(readLayout(new BitReader(w.bytes()))).toEqual(layout);
  });
});
