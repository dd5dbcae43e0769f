import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FloatHistogram } from '../model/histogram/floatHistogram';
import { CounterResetHint, type HistogramInit } from '../model/histogram/types';
import { isStaleNaN, STALE_NAN } from '../model/staleNaN';
import { decodeFloatHistogramChunk, FloatHistogramChunkAppender } from './floatHistogramChunk';
import { CounterResetHeader } from './histogramChunk';

function decodeAll(bytes: Uint8Array): [number, FloatHistogram][] {
  const out: [number, FloatHistogram][] = [];
  decodeFloatHistogramChunk(bytes, (t, h) => out.push([t, h]));
  return out;
}

const base: HistogramInit = { schema: 0, positiveSpans: [{ offset: 1, length: 2 }], positiveBuckets: [0.5, 2], count: 2.5, sum: 7 };

describe('float histogram chunk', () => {
  it('writes the bits float_histogram.go writes (hand-computed)', () => {
    const app = new FloatHistogramChunkAppender();
    app.append(0, new FloatHistogram({ count: 1, sum: 2 }));
    app.append(10, new FloatHistogram({ count: 1, sum: 2 }));
    const want =
      '0000000000000010' + // 2 samples
      '00000000' + // header: unknown reset
      '00000000' + // zero threshold 0
      '0' + '0' + '0' + // schema 0, no positive spans, no negative spans
      '0' + // t 0
      '0011111111110000'.padEnd(64, '0') + // count 1.0, raw
      ''.padEnd(64, '0') + // zero count 0.0, raw
      '0100000000000000'.padEnd(64, '0') + // sum 2.0, raw
      '110' + '001010' + // time dod 10
      '0' + '0' + '0'; // count, zero count and sum unchanged: one 0 bit each
    const got = [...app.bytes()].map((b) => b.toString(2).padStart(8, '0')).join('');
    expect(got).toBe(want.padEnd(got.length, '0'));
    expect(got.length).toBe(Math.ceil(want.length / 8) * 8);
  });

  it('round-trips any float values, each field XOR-ed against its own previous value', () => {
    const sample = fc.record({ dt: fc.integer({ min: 1, max: 1e6 }), count: fc.double(), zeroCount: fc.double(), sum: fc.double(), b: fc.array(fc.double(), { minLength: 2, maxLength: 2 }) });
    fc.assert(
      fc.property(fc.array(sample, { minLength: 1, maxLength: 30 }), (samples) => {
        const app = new FloatHistogramChunkAppender();
        let t = 0;
        const want: unknown[] = [];
        for (const s of samples) {
          t += s.dt;
          const sum = isStaleNaN(s.sum) ? 0 : s.sum;
          app.append(t, new FloatHistogram({ ...base, count: s.count, zeroCount: s.zeroCount, sum, positiveBuckets: s.b }));
          want.push([t, s.count, s.zeroCount, sum, s.b]);
        }
        expect(decodeAll(app.bytes()).map(([tt, h]) => [tt, h.count, h.zeroCount, h.sum, h.positiveBuckets])).toEqual(want);
      }),
    );
  });

  it('keeps a stale marker and the hints Prometheus reports', () => {
    const app = new FloatHistogramChunkAppender();
    app.append(1000, new FloatHistogram(base));
    app.append(2000, new FloatHistogram({ ...base, count: 3 }));
    app.append(3000, new FloatHistogram({ sum: STALE_NAN }));
    const got = decodeAll(app.bytes());
    expect(got.map(([, h]) => h.counterResetHint)).toEqual([CounterResetHint.Unknown, CounterResetHint.NotCounterReset, CounterResetHint.Unknown]);
    expect(isStaleNaN(got[2][1].sum)).toBe(true);
    expect(got[1][1]).toEqual(new FloatHistogram({ ...base, count: 3, counterResetHint: CounterResetHint.NotCounterReset }));
  });

  it.each<[string, HistogramInit, CounterResetHeader | undefined]>([
    ['more observations', { ...base, positiveBuckets: [1, 2], count: 3 }, undefined],
    ['a bucket with fewer', { ...base, positiveBuckets: [0.25, 2], count: 3 }, CounterResetHeader.CounterReset],
    ['a lower count', { ...base, count: 1 }, CounterResetHeader.CounterReset],
    ['another schema', { ...base, schema: 1 }, CounterResetHeader.Unknown],
    ['a new bucket', { ...base, positiveSpans: [{ offset: 0, length: 3 }], positiveBuckets: [1, 0.5, 2], count: 3.5 }, CounterResetHeader.NotCounterReset],
  ])('after a histogram, %s', (_, next, want) => {
    const app = new FloatHistogramChunkAppender();
    app.append(1000, new FloatHistogram(base));
    expect(app.appendable(new FloatHistogram(next))).toBe(want);
  });
});
