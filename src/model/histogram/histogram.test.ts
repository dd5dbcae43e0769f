import { describe, expect, it } from 'vitest';
import { Histogram } from './histogram';
import { CUSTOM_BUCKETS_SCHEMA } from './types';

// Cases from Prometheus's model/histogram/histogram_test.go.
describe('Histogram.toString', () => {
  it.each([
    [new Histogram({ schema: 0 }), '{count:0, sum:0}'],
    [
      new Histogram({
        count: 9,
        sum: -3.1415,
        zeroCount: 12,
        zeroThreshold: 0.001,
        negativeSpans: [
          { offset: 0, length: 5 },
          { offset: 1, length: 1 },
        ],
        negativeBuckets: [1, 2, -2, 1, -1, 0],
      }),
      '{count:9, sum:-3.1415, [-64,-32):1, [-16,-8):1, [-8,-4):2, [-4,-2):1, [-2,-1):3, [-1,-0.5):1, [-0.001,0.001]:12}',
    ],
    [
      new Histogram({
        count: 19,
        sum: 2.7,
        positiveSpans: [
          { offset: 0, length: 4 },
          { offset: 0, length: 0 },
          { offset: 0, length: 3 },
        ],
        positiveBuckets: [1, 2, -2, 1, -1, 0, 0],
        negativeSpans: [
          { offset: 0, length: 5 },
          { offset: 1, length: 0 },
          { offset: 0, length: 1 },
        ],
        negativeBuckets: [1, 2, -2, 1, -1, 0],
      }),
      '{count:19, sum:2.7, [-64,-32):1, [-16,-8):1, [-8,-4):2, [-4,-2):1, [-2,-1):3, [-1,-0.5):1, (0.5,1]:1, (1,2]:3, (2,4]:1, (4,8]:2, (8,16]:1, (16,32]:1, (32,64]:1}',
    ],
    [
      new Histogram({
        schema: CUSTOM_BUCKETS_SCHEMA,
        count: 19,
        sum: 2.7,
        positiveSpans: [
          { offset: 0, length: 4 },
          { offset: 0, length: 0 },
          { offset: 0, length: 3 },
        ],
        positiveBuckets: [1, 2, -2, 1, -1, 0, 0],
        customValues: [1, 2, 5, 10, 15, 20, 25, 50],
      }),
      '{count:19, sum:2.7, [-Inf,1]:1, (1,2]:3, (2,5]:1, (5,10]:2, (10,15]:1, (15,20]:1, (20,25]:1}',
    ],
  ])('%#', (h, want) => {
    expect(h.toString()).toBe(want);
  });
});

describe('Histogram.cumulativeBucketIterator', () => {
  it('fills gaps and starts with the zero bucket (TestCumulativeBucketIterator)', () => {
    const h = new Histogram({
      schema: 0,
      zeroThreshold: 0.001,
      zeroCount: 3,
      positiveSpans: [
        { offset: 0, length: 2 },
        { offset: 1, length: 2 },
      ],
      positiveBuckets: [1, 1, -1, 0],
    });
    const got: [number, number, number][] = [];
    for (let it = h.cumulativeBucketIterator(); it.next(); ) {
      const b = it.at();
      got.push([b.upper, b.count, b.index]);
    }
    expect(got).toEqual([
      [0.001, 3, -1],
      [1, 4, 0],
      [2, 6, 1],
      [4, 6, 2],
      [8, 7, 3],
      [16, 8, 4],
    ]);
  });
});

describe('Histogram.toFloat / copy / equals', () => {
  const h = new Histogram({
    schema: 0,
    count: 21,
    sum: 1234.5,
    zeroThreshold: 0.001,
    zeroCount: 5,
    positiveSpans: [
      { offset: 0, length: 2 },
      { offset: 1, length: 2 },
    ],
    positiveBuckets: [1, 1, -1, 0],
    negativeSpans: [
      { offset: 0, length: 2 },
      { offset: 1, length: 2 },
    ],
    negativeBuckets: [1, 2, -2, 1],
  });

  it('decodes deltas into absolute counts', () => {
    const fh = h.toFloat();
    expect(fh.positiveBuckets).toEqual([1, 2, 1, 1]);
    expect(fh.negativeBuckets).toEqual([1, 3, 1, 2]);
    expect(fh.count).toBe(21);
    expect(fh.zeroCount).toBe(5);
  });

  it('copies deeply and compares by layout, ignoring zero-length spans', () => {
    const c = h.copy();
    expect(c.equals(h)).toBe(true);
    c.positiveSpans[0].length = 3;
    expect(h.positiveSpans[0].length).toBe(2);
    const h2 = h.copy();
    h2.positiveSpans = [{ offset: 0, length: 2 }, { offset: 1, length: 0 }, { offset: 0, length: 2 }];
    expect(h2.equals(h)).toBe(true);
    const h3 = h.copy();
    h3.sum = NaN;
    expect(h3.equals(h)).toBe(false);
  });

  it('validates count against the buckets', () => {
    expect(h.validate()?.message).toBe(
      "17 observations found in buckets, but the Count field is 21: histogram's observation count should equal the number of observations found in the buckets (in absence of NaN)",
    );
    expect(h.validate()?.kind).toBe('CountMismatch');
    const ok = h.copy();
    ok.count = 17;
    expect(ok.validate()).toBeUndefined();
    const bad = ok.copy();
    bad.positiveBuckets = [1, -2, 0, 0];
    expect(bad.validate()?.message).toBe('positive side: bucket number 2 has observation count of -1: histogram has a bucket whose observation count is negative');
  });
});

describe('Histogram.compact', () => {
  it('cuts empty buckets keeping the deltas right', () => {
    const h = new Histogram({
      positiveSpans: [{ offset: -4, length: 6 }],
      positiveBuckets: [0, 0, 1, 3, -4, 2],
    });
    h.compact(0);
    expect(h.positiveSpans).toEqual([
      { offset: -2, length: 2 },
      { offset: 1, length: 1 },
    ]);
    expect(h.positiveBuckets).toEqual([1, 3, -2]);
  });
});

describe('Histogram.reduceResolution', () => {
  it('merges delta buckets (TestReduceResolutionHistogram)', () => {
    const h = new Histogram({
      schema: 0,
      positiveSpans: [
        { offset: 0, length: 4 },
        { offset: 0, length: 0 },
        { offset: 3, length: 2 },
      ],
      positiveBuckets: [1, 2, -2, 1, -1, 0],
    });
    h.reduceResolution(-1);
    expect(h.schema).toBe(-1);
    expect(h.positiveSpans).toEqual([
      { offset: 0, length: 3 },
      { offset: 1, length: 1 },
    ]);
    expect(h.positiveBuckets).toEqual([1, 3, -2, 0]);
  });
});
