import fc from 'fast-check';
import { compress, uncompress } from 'snappyjs';
import { describe, expect, it } from 'vitest';
import { Histogram } from '../model/histogram/histogram';
import { STALE_NAN } from '../model/staleNaN';
import { encodeHistogram } from './histogramProto';
import { decodeWriteRequest, encodeLabels, encodeWriteRequest } from './writeRequest';

function batchOf(series: { labels: string[]; ts: number[]; vs: number[] }[]) {
  const starts = new Uint32Array(series.length + 1);
  series.forEach((s, k) => (starts[k + 1] = starts[k] + s.ts.length));
  return {
    labels: series.map((s) => encodeLabels(s.labels)),
    starts,
    ts: Float64Array.from(series.flatMap((s) => s.ts)),
    vs: Float64Array.from(series.flatMap((s) => s.vs)),
  };
}

describe('WriteRequest', () => {
  it('matches the bytes protoc gives for one series and sample', () => {
    // WriteRequest{timeseries: [{labels: [{name: "a", value: "b"}], samples: [{value: 1, timestamp: 300}]}]}
    const bytes = encodeWriteRequest(batchOf([{ labels: ['a', 'b'], ts: [300], vs: [1] }]));
    expect(Buffer.from(bytes).toString('hex')).toBe('0a16' + '0a060a0161120162' + '120c' + '09000000000000f03f' + '10ac02');
  });

  it.each<[string, number[], number[]]>([
    ['zero and negative timestamps', [-1, 0, 1], [0, -0, 1.5]],
    ['large timestamps', [1_700_000_000_000, 2 ** 53 - 1], [Infinity, -Infinity]],
    ['NaN', [1, 2], [NaN, STALE_NAN]],
  ])('round-trips %s', (_, ts, vs) => {
    const [got] = decodeWriteRequest(encodeWriteRequest(batchOf([{ labels: ['__name__', 'up', 'job', 'ü'], ts, vs }])));
    expect(got.labels).toEqual([['__name__', 'up'], ['job', 'ü']]);
    expect(got.ts).toEqual(ts);
    got.vs.forEach((v, i) => expect(Object.is(v, vs[i]) || (Number.isNaN(v) && Number.isNaN(vs[i]))).toBe(true));
  });

  it("writes the stale marker as Prometheus's exact bits, even when quieted", () => {
    // Built as typed arrays: V8 canonicalises NaN payloads stored in plain arrays.
    const vs = new Float64Array(new BigUint64Array([0x7ff0000000000002n, 0x7ff8000000000002n]).buffer);
    const [got] = decodeWriteRequest(encodeWriteRequest({ labels: [encodeLabels(['a', 'b'])], starts: Uint32Array.of(0, 2), ts: Float64Array.of(1, 2), vs }));
    for (const bits of got.valueBits) expect(new BigUint64Array(bits.buffer)[0]).toBe(0x7ff0000000000002n);
  });

  it('round-trips any series through snappy', () => {
    const series = fc.record({
      labels: fc.array(fc.tuple(fc.string({ minLength: 1 }), fc.string({ minLength: 1 })), { maxLength: 4 }).map((ps) => ps.flat()),
      samples: fc.array(fc.tuple(fc.integer({ min: -(2 ** 40), max: 2 ** 50 }), fc.double()), { minLength: 1, maxLength: 20 }),
    });
    fc.assert(
      fc.property(fc.array(series, { maxLength: 5 }), (list) => {
        const input = list.map((s) => ({ labels: s.labels, ts: s.samples.map((x) => x[0]), vs: s.samples.map((x) => x[1]) }));
        const got = decodeWriteRequest(uncompress(compress(encodeWriteRequest(batchOf(input)))));
        expect(got.map((g) => ({ labels: g.labels.flat(), ts: g.ts, vs: g.vs }))).toEqual(input);
      }),
    );
  });

  it('splits a series where its samples switch between floats and histograms, keeping time order', () => {
    const h1 = new Histogram({ count: 3, sum: 4, positiveSpans: [{ offset: 0, length: 1 }], positiveBuckets: [3] });
    const h2 = new Histogram({ count: 5, sum: 9, positiveSpans: [{ offset: 0, length: 1 }], positiveBuckets: [5] });
    const batch = {
      labels: [encodeLabels(['__name__', 'x'])],
      starts: Uint32Array.of(0, 4),
      ts: Float64Array.of(10, 20, 30, 40),
      vs: Float64Array.of(1, 0, 0, STALE_NAN),
      hs: [undefined, encodeHistogram(h1), encodeHistogram(h2), undefined],
    };
    const got = decodeWriteRequest(encodeWriteRequest(batch));
    expect(got.map((g) => ({ ts: g.ts, hts: g.histograms.map((x) => x.t) }))).toEqual([
      { ts: [10], hts: [] },
      { ts: [], hts: [20, 30] },
      { ts: [40], hts: [] },
    ]);
    expect(got[1].histograms[0].h.equals(h1 as never)).toBe(true);
    expect(got[1].histograms[1].h.equals(h2 as never)).toBe(true);
    expect(got.every((g) => g.labels.flat().join() === '__name__,x')).toBe(true);
  });
});
