// Prometheus v3.14's bucket iterator tests (TestReverseFloatBucketIterator,
// TestAllFloatBucketIterator, TestAllReverseFloatBucketIterator,
// TestFloatBucketIteratorTargetSchema, TestFloatCustomBucketsIterators) from
// model/histogram/float_histogram_test.go, transcribed case by case.
import { describe, expect, it } from 'vitest';
import type { Bucket } from './bounds';
import { FloatHistogram } from './floatHistogram';
import { drain } from './histogramTestUtil';
import { CUSTOM_BUCKETS_SCHEMA } from './types';

describe('reverse iterators (TestReverseFloatBucketIterator)', () => {
  const h = new FloatHistogram({
    count: 405,
    zeroCount: 102,
    zeroThreshold: 0.001,
    sum: 1008.4,
    schema: 1,
    positiveSpans: [
      { offset: 0, length: 4 },
      { offset: 1, length: 0 },
      { offset: 3, length: 3 },
      { offset: 3, length: 0 },
      { offset: 2, length: 0 },
      { offset: 5, length: 3 },
    ],
    positiveBuckets: [100, 344, 123, 55, 3, 63, 2, 54, 235, 33],
    negativeSpans: [
      { offset: 0, length: 3 },
      { offset: 1, length: 0 },
      { offset: 3, length: 0 },
      { offset: 3, length: 4 },
      { offset: 2, length: 0 },
      { offset: 5, length: 3 },
    ],
    negativeBuckets: [10, 34, 1230, 54, 67, 63, 2, 554, 235, 33],
  });

  it('walks the positive side backwards', () => {
    const exp = drain(h.positiveBucketIterator()).reverse();
    expect(exp).not.toHaveLength(0);
    expect(drain(h.positiveReverseBucketIterator())).toEqual(exp);
  });
  it('walks the negative side backwards', () => {
    const exp = drain(h.negativeBucketIterator()).reverse();
    expect(exp).not.toHaveLength(0);
    expect(drain(h.negativeReverseBucketIterator())).toEqual(exp);
  });
});

interface AllCase {
  h: FloatHistogram;
  includeNeg: boolean;
  includeZero: boolean;
  includePos: boolean;
}

/** The zero bucket as the Go tests spell it. */
function zeroBucket(h: FloatHistogram): Bucket {
  return { lower: -h.zeroThreshold, upper: h.zeroThreshold, lowerInclusive: true, upperInclusive: true, count: h.zeroCount, index: 0 };
}

/** Positive buckets with lower bounds inside the zero bucket raised to its edge, when it is included. */
function clipPositive(buckets: Bucket[], h: FloatHistogram, c: AllCase): Bucket[] {
  return c.includeZero ? buckets.map((b) => (b.lower < h.zeroThreshold ? { ...b, lower: h.zeroThreshold } : b)) : buckets;
}

/** Negative buckets with upper bounds inside the zero bucket lowered to its edge, when it is included. */
function clipNegative(buckets: Bucket[], h: FloatHistogram, c: AllCase): Bucket[] {
  return c.includeZero ? buckets.map((b) => (b.upper > -h.zeroThreshold ? { ...b, upper: -h.zeroThreshold } : b)) : buckets;
}

const allCases: AllCase[] = [
  // To determine the expected buckets.
  {
    h: new FloatHistogram({
      count: 405,
      zeroCount: 102,
      zeroThreshold: 0.001,
      sum: 1008.4,
      schema: 1,
      positiveSpans: [
        { offset: 0, length: 4 },
        { offset: 1, length: 0 },
        { offset: 3, length: 3 },
        { offset: 3, length: 0 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      positiveBuckets: [100, 344, 123, 55, 3, 63, 2, 54, 235, 33],
      negativeSpans: [
        { offset: 0, length: 3 },
        { offset: 1, length: 0 },
        { offset: 3, length: 0 },
        { offset: 3, length: 4 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      negativeBuckets: [10, 34, 1230, 54, 67, 63, 2, 554, 235, 33],
    }),
    includeNeg: true,
    includeZero: true,
    includePos: true,
  },
  {
    h: new FloatHistogram({
      count: 405,
      zeroCount: 102,
      zeroThreshold: 0.001,
      sum: 1008.4,
      schema: 1,
      negativeSpans: [
        { offset: 0, length: 3 },
        { offset: 1, length: 0 },
        { offset: 3, length: 0 },
        { offset: 3, length: 4 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      negativeBuckets: [10, 34, 1230, 54, 67, 63, 2, 554, 235, 33],
    }),
    includeNeg: true,
    includeZero: true,
    includePos: false,
  },
  {
    h: new FloatHistogram({
      count: 405,
      zeroCount: 102,
      zeroThreshold: 0.001,
      sum: 1008.4,
      schema: 1,
      positiveSpans: [
        { offset: 0, length: 4 },
        { offset: 1, length: 0 },
        { offset: 3, length: 3 },
        { offset: 3, length: 0 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      positiveBuckets: [100, 344, 123, 55, 3, 63, 2, 54, 235, 33],
    }),
    includeNeg: false,
    includeZero: true,
    includePos: true,
  },
  {
    h: new FloatHistogram({
      count: 405,
      zeroCount: 102,
      zeroThreshold: 0.001,
      sum: 1008.4,
      schema: 1,
    }),
    includeNeg: false,
    includeZero: true,
    includePos: false,
  },
  {
    h: new FloatHistogram({
      count: 405,
      zeroCount: 0,
      zeroThreshold: 0.001,
      sum: 1008.4,
      schema: 1,
      positiveSpans: [
        { offset: 0, length: 4 },
        { offset: 1, length: 0 },
        { offset: 3, length: 3 },
        { offset: 3, length: 0 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      positiveBuckets: [100, 344, 123, 55, 3, 63, 2, 54, 235, 33],
      negativeSpans: [
        { offset: 0, length: 3 },
        { offset: 1, length: 0 },
        { offset: 3, length: 0 },
        { offset: 3, length: 4 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      negativeBuckets: [10, 34, 1230, 54, 67, 63, 2, 554, 235, 33],
    }),
    includeNeg: true,
    includeZero: false,
    includePos: true,
  },
  {
    h: new FloatHistogram({
      count: 447,
      zeroCount: 42,
      zeroThreshold: 0.5,
      // Coinciding with bucket boundary.
      sum: 1008.4,
      schema: 0,
      positiveSpans: [
        { offset: 0, length: 4 },
        { offset: 1, length: 0 },
        { offset: 3, length: 3 },
        { offset: 3, length: 0 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      positiveBuckets: [100, 344, 123, 55, 3, 63, 2, 54, 235, 33],
      negativeSpans: [
        { offset: 0, length: 3 },
        { offset: 1, length: 0 },
        { offset: 3, length: 0 },
        { offset: 3, length: 4 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      negativeBuckets: [10, 34, 1230, 54, 67, 63, 2, 554, 235, 33],
    }),
    includeNeg: true,
    includeZero: true,
    includePos: true,
  },
  {
    h: new FloatHistogram({
      count: 447,
      zeroCount: 42,
      zeroThreshold: 0.6,
      // Within the bucket closest to zero.
      sum: 1008.4,
      schema: 0,
      positiveSpans: [
        { offset: 0, length: 4 },
        { offset: 1, length: 0 },
        { offset: 3, length: 3 },
        { offset: 3, length: 0 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      positiveBuckets: [100, 344, 123, 55, 3, 63, 2, 54, 235, 33],
      negativeSpans: [
        { offset: 0, length: 3 },
        { offset: 1, length: 0 },
        { offset: 3, length: 0 },
        { offset: 3, length: 4 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      negativeBuckets: [10, 34, 1230, 54, 67, 63, 2, 554, 235, 33],
    }),
    includeNeg: true,
    includeZero: true,
    includePos: true,
  },
];

describe('FloatHistogram.allBucketIterator (TestAllFloatBucketIterator)', () => {
  it.each(allCases.map((c, i) => [i, c] as const))('%d', (_, c) => {
    const exp: Bucket[] = [];
    if (c.includeNeg) exp.push(...clipNegative(drain(c.h.negativeReverseBucketIterator()), c.h, c));
    if (c.includeZero) exp.push(zeroBucket(c.h));
    if (c.includePos) exp.push(...clipPositive(drain(c.h.positiveBucketIterator()), c.h, c));
    expect(drain(c.h.allBucketIterator())).toEqual(exp);
  });
});

const allReverseCases: AllCase[] = [
  // To determine the expected buckets.
  {
    h: new FloatHistogram({
      count: 405,
      zeroCount: 102,
      zeroThreshold: 0.001,
      sum: 1008.4,
      schema: 1,
      positiveSpans: [
        { offset: 0, length: 4 },
        { offset: 1, length: 0 },
        { offset: 3, length: 3 },
        { offset: 3, length: 0 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      positiveBuckets: [100, 344, 123, 55, 3, 63, 2, 54, 235, 33],
      negativeSpans: [
        { offset: 0, length: 3 },
        { offset: 1, length: 0 },
        { offset: 3, length: 0 },
        { offset: 3, length: 4 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      negativeBuckets: [10, 34, 1230, 54, 67, 63, 2, 554, 235, 33],
    }),
    includeNeg: true,
    includeZero: true,
    includePos: true,
  },
  {
    h: new FloatHistogram({
      count: 405,
      zeroCount: 102,
      zeroThreshold: 0.001,
      sum: 1008.4,
      schema: 1,
      negativeSpans: [
        { offset: 0, length: 3 },
        { offset: 1, length: 0 },
        { offset: 3, length: 0 },
        { offset: 3, length: 4 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      negativeBuckets: [10, 34, 1230, 54, 67, 63, 2, 554, 235, 33],
    }),
    includeNeg: true,
    includeZero: true,
    includePos: false,
  },
  {
    h: new FloatHistogram({
      count: 405,
      zeroCount: 102,
      zeroThreshold: 0.001,
      sum: 1008.4,
      schema: 1,
      positiveSpans: [
        { offset: 0, length: 4 },
        { offset: 1, length: 0 },
        { offset: 3, length: 3 },
        { offset: 3, length: 0 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      positiveBuckets: [100, 344, 123, 55, 3, 63, 2, 54, 235, 33],
    }),
    includeNeg: false,
    includeZero: true,
    includePos: true,
  },
  {
    h: new FloatHistogram({
      count: 405,
      zeroCount: 102,
      zeroThreshold: 0.001,
      sum: 1008.4,
      schema: 1,
    }),
    includeNeg: false,
    includeZero: true,
    includePos: false,
  },
  {
    h: new FloatHistogram({
      count: 405,
      zeroCount: 0,
      zeroThreshold: 0.001,
      sum: 1008.4,
      schema: 1,
      positiveSpans: [
        { offset: 0, length: 4 },
        { offset: 1, length: 0 },
        { offset: 3, length: 3 },
        { offset: 3, length: 0 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      positiveBuckets: [100, 344, 123, 55, 3, 63, 2, 54, 235, 33],
      negativeSpans: [
        { offset: 0, length: 3 },
        { offset: 1, length: 0 },
        { offset: 3, length: 0 },
        { offset: 3, length: 4 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      negativeBuckets: [10, 34, 1230, 54, 67, 63, 2, 554, 235, 33],
    }),
    includeNeg: true,
    includeZero: false,
    includePos: true,
  },
  {
    h: new FloatHistogram({
      count: 447,
      zeroCount: 42,
      zeroThreshold: 0.5,
      // Coinciding with bucket boundary.
      sum: 1008.4,
      schema: 0,
      positiveSpans: [
        { offset: 0, length: 4 },
        { offset: 1, length: 0 },
        { offset: 3, length: 3 },
        { offset: 3, length: 0 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      positiveBuckets: [100, 344, 123, 55, 3, 63, 2, 54, 235, 33],
      negativeSpans: [
        { offset: 0, length: 3 },
        { offset: 1, length: 0 },
        { offset: 3, length: 0 },
        { offset: 3, length: 4 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      negativeBuckets: [10, 34, 1230, 54, 67, 63, 2, 554, 235, 33],
    }),
    includeNeg: true,
    includeZero: true,
    includePos: true,
  },
  {
    h: new FloatHistogram({
      count: 447,
      zeroCount: 42,
      zeroThreshold: 0.6,
      // Within the bucket closest to zero.
      sum: 1008.4,
      schema: 0,
      positiveSpans: [
        { offset: 0, length: 4 },
        { offset: 1, length: 0 },
        { offset: 3, length: 3 },
        { offset: 3, length: 0 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      positiveBuckets: [100, 344, 123, 55, 3, 63, 2, 54, 235, 33],
      negativeSpans: [
        { offset: 0, length: 3 },
        { offset: 1, length: 0 },
        { offset: 3, length: 0 },
        { offset: 3, length: 4 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      negativeBuckets: [10, 34, 1230, 54, 67, 63, 2, 554, 235, 33],
    }),
    includeNeg: true,
    includeZero: true,
    includePos: true,
  },
  {
    h: new FloatHistogram({
      count: 405,
      zeroCount: 102,
      zeroThreshold: 0.001,
      sum: 1008.4,
      schema: 1,
      positiveSpans: [
        { offset: 0, length: 4 },
        { offset: 1, length: 0 },
        { offset: 3, length: 3 },
        { offset: 3, length: 0 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      // Spans expect one more bucket than listed
      // here. We mostly want to make sure here that
      // no panic happens. Data is invalid anyway, so
      // there is no real "correct" data anymore.
      positiveBuckets: [100, 344, 123, 55, 3, 63, 2, 54, 235],
      negativeSpans: [
        { offset: 0, length: 3 },
        { offset: 1, length: 0 },
        { offset: 3, length: 0 },
        { offset: 3, length: 4 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      // Spans expect one more bucket than listed
      // here. We mostly want to make sure here that
      // no panic happens. Data is invalid anyway, so
      // there is no real "correct" data anymore.
      negativeBuckets: [10, 34, 1230, 54, 67, 63, 2, 554, 235],
    }),
    includeNeg: true,
    includeZero: true,
    includePos: true,
  },
  {
    h: new FloatHistogram({
      count: 447,
      zeroCount: 42,
      zeroThreshold: 0.6,
      // Within the bucket closest to zero.
      sum: 1008.4,
      schema: 0,
      positiveSpans: [
        { offset: 0, length: 4 },
        { offset: 1, length: 0 },
        { offset: 3, length: 3 },
        { offset: 3, length: 0 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      // One more bucket listed here than expected by
      // the spans. We mostly want to make sure here
      // that no panic happens. Data is invalid
      // anyway, so there is no real "correct" data
      // anymore.
      positiveBuckets: [100, 344, 123, 55, 3, 63, 2, 54, 235, 33, 42],
      negativeSpans: [
        { offset: 0, length: 3 },
        { offset: 1, length: 0 },
        { offset: 3, length: 0 },
        { offset: 3, length: 4 },
        { offset: 2, length: 0 },
        { offset: 5, length: 3 },
      ],
      // One more bucket listed here than expected by
      // the spans. We mostly want to make sure here
      // that no panic happens. Data is invalid
      // anyway, so there is no real "correct" data
      // anymore.
      negativeBuckets: [10, 34, 1230, 54, 67, 63, 2, 554, 235, 33, 42],
    }),
    includeNeg: true,
    includeZero: true,
    includePos: true,
  },
];

describe('FloatHistogram.allReverseBucketIterator (TestAllReverseFloatBucketIterator)', () => {
  it.each(allReverseCases.map((c, i) => [i, c] as const))('%d', (_, c) => {
    const exp: Bucket[] = [];
    if (c.includePos) exp.push(...clipPositive(drain(c.h.positiveReverseBucketIterator()), c.h, c));
    if (c.includeZero) exp.push(zeroBucket(c.h));
    if (c.includeNeg) exp.push(...clipNegative(drain(c.h.negativeBucketIterator()), c.h, c));
    expect(drain(c.h.allReverseBucketIterator())).toEqual(exp);
  });
});

interface TargetSchemaCase {
  name: string;
  h: FloatHistogram;
  expPositiveBuckets: Bucket[];
  expNegativeBuckets: Bucket[];
}

const targetSchemaCases: TargetSchemaCase[] = [
  {
    name: 'regular',
    h: new FloatHistogram({
      count: 405,
      sum: 1008.4,
      schema: 1,
      positiveSpans: [{ offset: 0, length: 4 }, { offset: 1, length: 3 }, { offset: 2, length: 3 }],
      positiveBuckets: [100, 344, 123, 55, 3, 63, 2, 54, 235, 33],
      negativeSpans: [{ offset: 0, length: 3 }, { offset: 7, length: 4 }, { offset: 1, length: 3 }],
      negativeBuckets: [10, 34, 1230, 54, 67, 63, 2, 554, 235, 33],
    }),
    expPositiveBuckets: [
      { lower: 0.25, upper: 1, lowerInclusive: false, upperInclusive: true, count: 100, index: 0 },
      { lower: 1, upper: 4, lowerInclusive: false, upperInclusive: true, count: 522, index: 1 },
      { lower: 4, upper: 16, lowerInclusive: false, upperInclusive: true, count: 68, index: 2 },
      { lower: 16, upper: 64, lowerInclusive: false, upperInclusive: true, count: 322, index: 3 },
    ],
    expNegativeBuckets: [
      { lower: -1, upper: -0.25, lowerInclusive: true, upperInclusive: false, count: 10, index: 0 },
      { lower: -4, upper: -1, lowerInclusive: true, upperInclusive: false, count: 1264, index: 1 },
      { lower: -64, upper: -16, lowerInclusive: true, upperInclusive: false, count: 184, index: 3 },
      { lower: -256, upper: -64, lowerInclusive: true, upperInclusive: false, count: 791, index: 4 },
      { lower: -1024, upper: -256, lowerInclusive: true, upperInclusive: false, count: 33, index: 5 },
    ],
  },
  {
    name: 'missing buckets',
    // One fewer bucket than expected based on spans. This
    // can only happen with invalid histograms. We still
    // want to handle it gracefully, essentially by
    // considering the missing bucket as empty.
    h: new FloatHistogram({
      count: 405,
      sum: 1008.4,
      schema: 1,
      positiveSpans: [{ offset: 0, length: 4 }, { offset: 1, length: 3 }, { offset: 2, length: 3 }],
      positiveBuckets: [100, 344, 123, 55, 3, 63, 2, 54, 235],
      negativeSpans: [{ offset: 0, length: 3 }, { offset: 7, length: 4 }, { offset: 1, length: 3 }],
      negativeBuckets: [10, 34, 1230, 54, 67, 63, 2, 554, 235],
    }),
    expPositiveBuckets: [
      { lower: 0.25, upper: 1, lowerInclusive: false, upperInclusive: true, count: 100, index: 0 },
      { lower: 1, upper: 4, lowerInclusive: false, upperInclusive: true, count: 522, index: 1 },
      { lower: 4, upper: 16, lowerInclusive: false, upperInclusive: true, count: 68, index: 2 },
      { lower: 16, upper: 64, lowerInclusive: false, upperInclusive: true, count: 289, index: 3 },
    ],
    expNegativeBuckets: [
      { lower: -1, upper: -0.25, lowerInclusive: true, upperInclusive: false, count: 10, index: 0 },
      { lower: -4, upper: -1, lowerInclusive: true, upperInclusive: false, count: 1264, index: 1 },
      { lower: -64, upper: -16, lowerInclusive: true, upperInclusive: false, count: 184, index: 3 },
      { lower: -256, upper: -64, lowerInclusive: true, upperInclusive: false, count: 791, index: 4 },
    ],
  },
  {
    name: 'spurious bucket',
    // One more bucket than expected based on spans. This
    // can only happen with invalid histograms. We still
    // want to handle it gracefully, essentially by ignoring
    // the spurious bucket.
    h: new FloatHistogram({
      count: 405,
      sum: 1008.4,
      schema: 1,
      positiveSpans: [{ offset: 0, length: 4 }, { offset: 1, length: 3 }, { offset: 2, length: 3 }],
      positiveBuckets: [100, 344, 123, 55, 3, 63, 2, 54, 235, 33, 42],
      negativeSpans: [{ offset: 0, length: 3 }, { offset: 7, length: 4 }, { offset: 1, length: 3 }],
      negativeBuckets: [10, 34, 1230, 54, 67, 63, 2, 554, 235, 33, 42],
    }),
    expPositiveBuckets: [
      { lower: 0.25, upper: 1, lowerInclusive: false, upperInclusive: true, count: 100, index: 0 },
      { lower: 1, upper: 4, lowerInclusive: false, upperInclusive: true, count: 522, index: 1 },
      { lower: 4, upper: 16, lowerInclusive: false, upperInclusive: true, count: 68, index: 2 },
      { lower: 16, upper: 64, lowerInclusive: false, upperInclusive: true, count: 322, index: 3 },
    ],
    expNegativeBuckets: [
      { lower: -1, upper: -0.25, lowerInclusive: true, upperInclusive: false, count: 10, index: 0 },
      { lower: -4, upper: -1, lowerInclusive: true, upperInclusive: false, count: 1264, index: 1 },
      { lower: -64, upper: -16, lowerInclusive: true, upperInclusive: false, count: 184, index: 3 },
      { lower: -256, upper: -64, lowerInclusive: true, upperInclusive: false, count: 791, index: 4 },
      { lower: -1024, upper: -256, lowerInclusive: true, upperInclusive: false, count: 33, index: 5 },
    ],
  },
  {
    name: 'no schema change',
    h: new FloatHistogram({
      count: 405,
      sum: 1008.4,
      schema: -1,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }],
      positiveBuckets: [100, 522, 68, 322],
      negativeSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }],
      negativeBuckets: [100, 522, 68, 322],
    }),
    expPositiveBuckets: [
      { lower: 0.25, upper: 1, lowerInclusive: false, upperInclusive: true, count: 100, index: 0 },
      { lower: 1, upper: 4, lowerInclusive: false, upperInclusive: true, count: 522, index: 1 },
      { lower: 16, upper: 64, lowerInclusive: false, upperInclusive: true, count: 68, index: 3 },
      { lower: 64, upper: 256, lowerInclusive: false, upperInclusive: true, count: 322, index: 4 },
    ],
    expNegativeBuckets: [
      { lower: -1, upper: -0.25, lowerInclusive: true, upperInclusive: false, count: 100, index: 0 },
      { lower: -4, upper: -1, lowerInclusive: true, upperInclusive: false, count: 522, index: 1 },
      { lower: -64, upper: -16, lowerInclusive: true, upperInclusive: false, count: 68, index: 3 },
      { lower: -256, upper: -64, lowerInclusive: true, upperInclusive: false, count: 322, index: 4 },
    ],
  },
  {
    name: 'no schema change, missing bucket',
    h: new FloatHistogram({
      count: 405,
      sum: 1008.4,
      schema: -1,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }],
      positiveBuckets: [100, 522, 68],
      negativeSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }],
      negativeBuckets: [100, 522, 68],
    }),
    expPositiveBuckets: [
      { lower: 0.25, upper: 1, lowerInclusive: false, upperInclusive: true, count: 100, index: 0 },
      { lower: 1, upper: 4, lowerInclusive: false, upperInclusive: true, count: 522, index: 1 },
      { lower: 16, upper: 64, lowerInclusive: false, upperInclusive: true, count: 68, index: 3 },
    ],
    expNegativeBuckets: [
      { lower: -1, upper: -0.25, lowerInclusive: true, upperInclusive: false, count: 100, index: 0 },
      { lower: -4, upper: -1, lowerInclusive: true, upperInclusive: false, count: 522, index: 1 },
      { lower: -64, upper: -16, lowerInclusive: true, upperInclusive: false, count: 68, index: 3 },
    ],
  },
  {
    name: 'no schema change, spurious bucket',
    h: new FloatHistogram({
      count: 405,
      sum: 1008.4,
      schema: -1,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }],
      positiveBuckets: [100, 522, 68, 322, 42],
      negativeSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }],
      negativeBuckets: [100, 522, 68, 322, 42],
    }),
    expPositiveBuckets: [
      { lower: 0.25, upper: 1, lowerInclusive: false, upperInclusive: true, count: 100, index: 0 },
      { lower: 1, upper: 4, lowerInclusive: false, upperInclusive: true, count: 522, index: 1 },
      { lower: 16, upper: 64, lowerInclusive: false, upperInclusive: true, count: 68, index: 3 },
      { lower: 64, upper: 256, lowerInclusive: false, upperInclusive: true, count: 322, index: 4 },
    ],
    expNegativeBuckets: [
      { lower: -1, upper: -0.25, lowerInclusive: true, upperInclusive: false, count: 100, index: 0 },
      { lower: -4, upper: -1, lowerInclusive: true, upperInclusive: false, count: 522, index: 1 },
      { lower: -64, upper: -16, lowerInclusive: true, upperInclusive: false, count: 68, index: 3 },
      { lower: -256, upper: -64, lowerInclusive: true, upperInclusive: false, count: 322, index: 4 },
    ],
  },
];

describe('FloatHistogram.floatBucketIterator to a coarser schema (TestFloatBucketIteratorTargetSchema)', () => {
  it.each(targetSchemaCases)('$name', (c) => {
    expect(drain(c.h.floatBucketIterator(true, 0, -1))).toEqual(c.expPositiveBuckets);
    expect(drain(c.h.floatBucketIterator(false, 0, -1))).toEqual(c.expNegativeBuckets);
  });
});

interface CustomCase {
  h: FloatHistogram;
  expPositiveBuckets: Bucket[];
}

const customCases: CustomCase[] = [
  {
    h: new FloatHistogram({
      count: 622,
      sum: 10008.4,
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 1 }, { offset: 1, length: 1 }],
      positiveBuckets: [100, 344, 123, 55],
      customValues: [10, 25, 50, 100, 500],
    }),
    expPositiveBuckets: [
      { lower: -Infinity, upper: 10, lowerInclusive: true, upperInclusive: true, count: 100, index: 0 },
      { lower: 10, upper: 25, lowerInclusive: false, upperInclusive: true, count: 344, index: 1 },
      { lower: 50, upper: 100, lowerInclusive: false, upperInclusive: true, count: 123, index: 3 },
      { lower: 500, upper: Infinity, lowerInclusive: false, upperInclusive: true, count: 55, index: 5 },
    ],
  },
  {
    h: new FloatHistogram({
      count: 622,
      sum: 10008.4,
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 1 }, { offset: 1, length: 1 }],
      positiveBuckets: [100, 344, 123, 55],
      customValues: [-10, -5, 0, 10, 25],
    }),
    expPositiveBuckets: [
      { lower: -Infinity, upper: -10, lowerInclusive: true, upperInclusive: true, count: 100, index: 0 },
      { lower: -10, upper: -5, lowerInclusive: false, upperInclusive: true, count: 344, index: 1 },
      { lower: 0, upper: 10, lowerInclusive: false, upperInclusive: true, count: 123, index: 3 },
      { lower: 25, upper: Infinity, lowerInclusive: false, upperInclusive: true, count: 55, index: 5 },
    ],
  },
];

describe('iterators over custom buckets (TestFloatCustomBucketsIterators)', () => {
  it.each(customCases.map((c, i) => [i, c] as const))('%d', (_, c) => {
    const reversed = c.expPositiveBuckets.slice().reverse();
    expect(drain(c.h.allBucketIterator())).toEqual(c.expPositiveBuckets);
    expect(drain(c.h.allReverseBucketIterator())).toEqual(reversed);
    expect(drain(c.h.positiveBucketIterator())).toEqual(c.expPositiveBuckets);
    expect(drain(c.h.positiveReverseBucketIterator())).toEqual(reversed);
    expect(c.h.negativeBucketIterator().next()).toBe(false);
    expect(c.h.negativeReverseBucketIterator().next()).toBe(false);
    expect(drain(c.h.floatBucketIterator(true, 0, CUSTOM_BUCKETS_SCHEMA))).toEqual(c.expPositiveBuckets);
    expect(c.h.floatBucketIterator(false, 0, CUSTOM_BUCKETS_SCHEMA).next()).toBe(false);
  });
});
