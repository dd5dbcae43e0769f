// Prometheus v3.14's model/histogram/histogram_test.go tables
// (TestHistogramString, TestCumulativeBucketIterator,
// TestRegularBucketIterator, TestHistogramToFloat,
// TestCustomBucketsHistogramToFloat, TestHistogramEquals, TestHistogramCopy,
// TestHistogramCopyTo, TestHistogramCompact, TestHistogramValidation,
// TestHistogramReduceResolution), transcribed case by case.
import { describe, expect, it } from 'vitest';
import type { Bucket } from './bounds';
import { FloatHistogram } from './floatHistogram';
import { Histogram } from './histogram';
import { drain, expectGoEqual } from './histogramTestUtil';
import { HistogramError } from './schema';
import { CUSTOM_BUCKETS_SCHEMA } from './types';
import { STALE_NAN } from '../staleNaN';

interface StringCase {
  histogram: Histogram;
  expectedString: string;
}

const stringCases: StringCase[] = [
  {
    histogram: new Histogram({
      schema: 0,
    }),
    expectedString: '{count:0, sum:0}',
  },
  {
    histogram: new Histogram({
      schema: 0,
      count: 9,
      sum: -3.1415,
      zeroCount: 12,
      zeroThreshold: 0.001,
      negativeSpans: [{ offset: 0, length: 5 }, { offset: 1, length: 1 }],
      negativeBuckets: [1, 2, -2, 1, -1, 0],
    }),
    expectedString: '{count:9, sum:-3.1415, [-64,-32):1, [-16,-8):1, [-8,-4):2, [-4,-2):1, [-2,-1):3, [-1,-0.5):1, [-0.001,0.001]:12}',
  },
  {
    histogram: new Histogram({
      schema: 0,
      count: 19,
      sum: 2.7,
      positiveSpans: [{ offset: 0, length: 4 }, { offset: 0, length: 0 }, { offset: 0, length: 3 }],
      positiveBuckets: [1, 2, -2, 1, -1, 0, 0],
      negativeSpans: [{ offset: 0, length: 5 }, { offset: 1, length: 0 }, { offset: 0, length: 1 }],
      negativeBuckets: [1, 2, -2, 1, -1, 0],
    }),
    expectedString: '{count:19, sum:2.7, [-64,-32):1, [-16,-8):1, [-8,-4):2, [-4,-2):1, [-2,-1):3, [-1,-0.5):1, (0.5,1]:1, (1,2]:3, (2,4]:1, (4,8]:2, (8,16]:1, (16,32]:1, (32,64]:1}',
  },
  {
    histogram: new Histogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 19,
      sum: 2.7,
      positiveSpans: [{ offset: 0, length: 4 }, { offset: 0, length: 0 }, { offset: 0, length: 3 }],
      positiveBuckets: [1, 2, -2, 1, -1, 0, 0],
      customValues: [1, 2, 5, 10, 15, 20, 25, 50],
    }),
    expectedString: '{count:19, sum:2.7, [-Inf,1]:1, (1,2]:3, (2,5]:1, (5,10]:2, (10,15]:1, (15,20]:1, (20,25]:1}',
  },
];

describe('Histogram.toString (TestHistogramString)', () => {
  it.each(stringCases.map((c, i) => [i, c] as const))('%d', (_, c) => {
    expect(c.histogram.toString()).toBe(c.expectedString);
  });
});

interface CumulativeCase {
  histogram: Histogram;
  expectedBuckets: Bucket[];
}

const cumulativeCases: CumulativeCase[] = [
  {
    histogram: new Histogram({
      schema: 0,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }],
      positiveBuckets: [1, 1, -1, 0],
    }),
    expectedBuckets: [
      { lower: -Infinity, upper: 1, count: 1, lowerInclusive: true, upperInclusive: true, index: 0 },
      { lower: -Infinity, upper: 2, count: 3, lowerInclusive: true, upperInclusive: true, index: 1 },
      { lower: -Infinity, upper: 4, count: 3, lowerInclusive: true, upperInclusive: true, index: 2 },
      { lower: -Infinity, upper: 8, count: 4, lowerInclusive: true, upperInclusive: true, index: 3 },
      { lower: -Infinity, upper: 16, count: 5, lowerInclusive: true, upperInclusive: true, index: 4 },
    ],
  },
  {
    histogram: new Histogram({
      schema: 0,
      positiveSpans: [{ offset: 0, length: 5 }, { offset: 1, length: 1 }],
      positiveBuckets: [1, 2, -2, 1, -1, 0],
    }),
    expectedBuckets: [
      { lower: -Infinity, upper: 1, count: 1, lowerInclusive: true, upperInclusive: true, index: 0 },
      { lower: -Infinity, upper: 2, count: 4, lowerInclusive: true, upperInclusive: true, index: 1 },
      { lower: -Infinity, upper: 4, count: 5, lowerInclusive: true, upperInclusive: true, index: 2 },
      { lower: -Infinity, upper: 8, count: 7, lowerInclusive: true, upperInclusive: true, index: 3 },
      { lower: -Infinity, upper: 16, count: 8, lowerInclusive: true, upperInclusive: true, index: 4 },
      { lower: -Infinity, upper: 32, count: 8, lowerInclusive: true, upperInclusive: true, index: 5 },
      { lower: -Infinity, upper: 64, count: 9, lowerInclusive: true, upperInclusive: true, index: 6 },
    ],
  },
  {
    histogram: new Histogram({
      schema: 0,
      positiveSpans: [{ offset: 0, length: 7 }],
      positiveBuckets: [1, 2, -2, 1, -1, 0, 0],
    }),
    expectedBuckets: [
      { lower: -Infinity, upper: 1, count: 1, lowerInclusive: true, upperInclusive: true, index: 0 },
      { lower: -Infinity, upper: 2, count: 4, lowerInclusive: true, upperInclusive: true, index: 1 },
      { lower: -Infinity, upper: 4, count: 5, lowerInclusive: true, upperInclusive: true, index: 2 },
      { lower: -Infinity, upper: 8, count: 7, lowerInclusive: true, upperInclusive: true, index: 3 },
      { lower: -Infinity, upper: 16, count: 8, lowerInclusive: true, upperInclusive: true, index: 4 },
      { lower: -Infinity, upper: 32, count: 9, lowerInclusive: true, upperInclusive: true, index: 5 },
      { lower: -Infinity, upper: 64, count: 10, lowerInclusive: true, upperInclusive: true, index: 6 },
    ],
  },
  {
    histogram: new Histogram({
      schema: 3,
      positiveSpans: [
        { offset: -5, length: 2 },
        // -5 -4
        { offset: 2, length: 3 },
        // -1 0 1
        { offset: 2, length: 2 },
        // 4 5
      ],
      positiveBuckets: [1, 2, -2, 1, -1, 0, 3],
    }),
    expectedBuckets: [
      { lower: -Infinity, upper: 0.6484197773255048, count: 1, lowerInclusive: true, upperInclusive: true, index: -5 },
      { lower: -Infinity, upper: 0.7071067811865475, count: 4, lowerInclusive: true, upperInclusive: true, index: -4 },
      { lower: -Infinity, upper: 0.7711054127039704, count: 4, lowerInclusive: true, upperInclusive: true, index: -3 },
      { lower: -Infinity, upper: 0.8408964152537144, count: 4, lowerInclusive: true, upperInclusive: true, index: -2 },
      { lower: -Infinity, upper: 0.9170040432046711, count: 5, lowerInclusive: true, upperInclusive: true, index: -1 },
      { lower: -Infinity, upper: 1, count: 7, lowerInclusive: true, upperInclusive: true, index: 0 },
      { lower: -Infinity, upper: 1.0905077326652577, count: 8, lowerInclusive: true, upperInclusive: true, index: 1 },
      { lower: -Infinity, upper: 1.189207115002721, count: 8, lowerInclusive: true, upperInclusive: true, index: 2 },
      { lower: -Infinity, upper: 1.2968395546510096, count: 8, lowerInclusive: true, upperInclusive: true, index: 3 },
      { lower: -Infinity, upper: 1.414213562373095, count: 9, lowerInclusive: true, upperInclusive: true, index: 4 },
      { lower: -Infinity, upper: 1.5422108254079407, count: 13, lowerInclusive: true, upperInclusive: true, index: 5 },
    ],
  },
  {
    histogram: new Histogram({
      schema: -2,
      positiveSpans: [
        { offset: -2, length: 4 },
        // -2 -1 0 1
        { offset: 2, length: 2 },
        // 4 5
      ],
      positiveBuckets: [1, 2, -2, 1, -1, 0],
    }),
    expectedBuckets: [
      { lower: -Infinity, upper: 0.00390625, count: 1, lowerInclusive: true, upperInclusive: true, index: -2 },
      { lower: -Infinity, upper: 0.0625, count: 4, lowerInclusive: true, upperInclusive: true, index: -1 },
      { lower: -Infinity, upper: 1, count: 5, lowerInclusive: true, upperInclusive: true, index: 0 },
      { lower: -Infinity, upper: 16, count: 7, lowerInclusive: true, upperInclusive: true, index: 1 },
      { lower: -Infinity, upper: 256, count: 7, lowerInclusive: true, upperInclusive: true, index: 2 },
      { lower: -Infinity, upper: 4096, count: 7, lowerInclusive: true, upperInclusive: true, index: 3 },
      { lower: -Infinity, upper: 65536, count: 8, lowerInclusive: true, upperInclusive: true, index: 4 },
      { lower: -Infinity, upper: 1048576, count: 9, lowerInclusive: true, upperInclusive: true, index: 5 },
    ],
  },
  {
    histogram: new Histogram({
      schema: -1,
      positiveSpans: [{ offset: -2, length: 5 }],
      positiveBuckets: [1, 2, -2, 1, -1],
    }),
    expectedBuckets: [
      { lower: -Infinity, upper: 0.0625, count: 1, lowerInclusive: true, upperInclusive: true, index: -2 },
      { lower: -Infinity, upper: 0.25, count: 4, lowerInclusive: true, upperInclusive: true, index: -1 },
      { lower: -Infinity, upper: 1, count: 5, lowerInclusive: true, upperInclusive: true, index: 0 },
      { lower: -Infinity, upper: 4, count: 7, lowerInclusive: true, upperInclusive: true, index: 1 },
      { lower: -Infinity, upper: 16, count: 8, lowerInclusive: true, upperInclusive: true, index: 2 },
    ],
  },
  {
    histogram: new Histogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }],
      positiveBuckets: [1, 1, -1, 0],
      customValues: [5, 10, 20, 50],
    }),
    expectedBuckets: [
      { lower: -Infinity, upper: 5, count: 1, lowerInclusive: true, upperInclusive: true, index: 0 },
      { lower: -Infinity, upper: 10, count: 3, lowerInclusive: true, upperInclusive: true, index: 1 },
      { lower: -Infinity, upper: 20, count: 3, lowerInclusive: true, upperInclusive: true, index: 2 },
      { lower: -Infinity, upper: 50, count: 4, lowerInclusive: true, upperInclusive: true, index: 3 },
      { lower: -Infinity, upper: Infinity, count: 5, lowerInclusive: true, upperInclusive: true, index: 4 },
    ],
  },
  {
    histogram: new Histogram({
      schema: 0,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }],
      // One spurious bucket, which we expect to be ignored.
      positiveBuckets: [1, 1, -1, 0, 2],
    }),
    expectedBuckets: [
      { lower: -Infinity, upper: 1, count: 1, lowerInclusive: true, upperInclusive: true, index: 0 },
      { lower: -Infinity, upper: 2, count: 3, lowerInclusive: true, upperInclusive: true, index: 1 },
      { lower: -Infinity, upper: 4, count: 3, lowerInclusive: true, upperInclusive: true, index: 2 },
      { lower: -Infinity, upper: 8, count: 4, lowerInclusive: true, upperInclusive: true, index: 3 },
      { lower: -Infinity, upper: 16, count: 5, lowerInclusive: true, upperInclusive: true, index: 4 },
    ],
  },
  {
    histogram: new Histogram({
      schema: 0,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 3 }],
      // One bucket is missing. We expect the iteration to end with the last bucket.
      positiveBuckets: [1, 1, -1, 0],
    }),
    expectedBuckets: [
      { lower: -Infinity, upper: 1, count: 1, lowerInclusive: true, upperInclusive: true, index: 0 },
      { lower: -Infinity, upper: 2, count: 3, lowerInclusive: true, upperInclusive: true, index: 1 },
      { lower: -Infinity, upper: 4, count: 3, lowerInclusive: true, upperInclusive: true, index: 2 },
      { lower: -Infinity, upper: 8, count: 4, lowerInclusive: true, upperInclusive: true, index: 3 },
      { lower: -Infinity, upper: 16, count: 5, lowerInclusive: true, upperInclusive: true, index: 4 },
    ],
  },
];

describe('Histogram.cumulativeBucketIterator (TestCumulativeBucketIterator)', () => {
  it.each(cumulativeCases.map((c, i) => [i, c] as const))('%d', (_, c) => {
    expect(drain(c.histogram.cumulativeBucketIterator())).toEqual(c.expectedBuckets);
  });
});

interface RegularCase {
  histogram: Histogram;
  expectedPositiveBuckets: Bucket[];
  expectedNegativeBuckets: Bucket[];
}

const regularCases: RegularCase[] = [
  {
    histogram: new Histogram({
      schema: 0,
    }),
    expectedPositiveBuckets: [],
    expectedNegativeBuckets: [],
  },
  {
    histogram: new Histogram({
      schema: 0,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }],
      positiveBuckets: [1, 1, -1, 0],
    }),
    expectedPositiveBuckets: [
      { lower: 0.5, upper: 1, count: 1, lowerInclusive: false, upperInclusive: true, index: 0 },
      { lower: 1, upper: 2, count: 2, lowerInclusive: false, upperInclusive: true, index: 1 },
      { lower: 4, upper: 8, count: 1, lowerInclusive: false, upperInclusive: true, index: 3 },
      { lower: 8, upper: 16, count: 1, lowerInclusive: false, upperInclusive: true, index: 4 },
    ],
    expectedNegativeBuckets: [],
  },
  {
    histogram: new Histogram({
      schema: 0,
      negativeSpans: [{ offset: 0, length: 5 }, { offset: 1, length: 1 }],
      negativeBuckets: [1, 2, -2, 1, -1, 0],
    }),
    expectedPositiveBuckets: [],
    expectedNegativeBuckets: [
      { lower: -1, upper: -0.5, count: 1, lowerInclusive: true, upperInclusive: false, index: 0 },
      { lower: -2, upper: -1, count: 3, lowerInclusive: true, upperInclusive: false, index: 1 },
      { lower: -4, upper: -2, count: 1, lowerInclusive: true, upperInclusive: false, index: 2 },
      { lower: -8, upper: -4, count: 2, lowerInclusive: true, upperInclusive: false, index: 3 },
      { lower: -16, upper: -8, count: 1, lowerInclusive: true, upperInclusive: false, index: 4 },
      { lower: -64, upper: -32, count: 1, lowerInclusive: true, upperInclusive: false, index: 6 },
    ],
  },
  {
    histogram: new Histogram({
      schema: 0,
      positiveSpans: [{ offset: 0, length: 4 }, { offset: 0, length: 0 }, { offset: 0, length: 3 }],
      positiveBuckets: [1, 2, -2, 1, -1, 0, 0],
      negativeSpans: [{ offset: 0, length: 5 }, { offset: 1, length: 0 }, { offset: 0, length: 1 }],
      negativeBuckets: [1, 2, -2, 1, -1, 0],
    }),
    expectedPositiveBuckets: [
      { lower: 0.5, upper: 1, count: 1, lowerInclusive: false, upperInclusive: true, index: 0 },
      { lower: 1, upper: 2, count: 3, lowerInclusive: false, upperInclusive: true, index: 1 },
      { lower: 2, upper: 4, count: 1, lowerInclusive: false, upperInclusive: true, index: 2 },
      { lower: 4, upper: 8, count: 2, lowerInclusive: false, upperInclusive: true, index: 3 },
      { lower: 8, upper: 16, count: 1, lowerInclusive: false, upperInclusive: true, index: 4 },
      { lower: 16, upper: 32, count: 1, lowerInclusive: false, upperInclusive: true, index: 5 },
      { lower: 32, upper: 64, count: 1, lowerInclusive: false, upperInclusive: true, index: 6 },
    ],
    expectedNegativeBuckets: [
      { lower: -1, upper: -0.5, count: 1, lowerInclusive: true, upperInclusive: false, index: 0 },
      { lower: -2, upper: -1, count: 3, lowerInclusive: true, upperInclusive: false, index: 1 },
      { lower: -4, upper: -2, count: 1, lowerInclusive: true, upperInclusive: false, index: 2 },
      { lower: -8, upper: -4, count: 2, lowerInclusive: true, upperInclusive: false, index: 3 },
      { lower: -16, upper: -8, count: 1, lowerInclusive: true, upperInclusive: false, index: 4 },
      { lower: -64, upper: -32, count: 1, lowerInclusive: true, upperInclusive: false, index: 6 },
    ],
  },
  {
    histogram: new Histogram({
      schema: 3,
      positiveSpans: [
        { offset: -5, length: 2 },
        // -5 -4
        { offset: 2, length: 3 },
        // -1 0 1
        { offset: 2, length: 2 },
        // 4 5
      ],
      positiveBuckets: [1, 2, -2, 1, -1, 0, 3],
    }),
    expectedPositiveBuckets: [
      { lower: 0.5946035575013605, upper: 0.6484197773255048, count: 1, lowerInclusive: false, upperInclusive: true, index: -5 },
      { lower: 0.6484197773255048, upper: 0.7071067811865475, count: 3, lowerInclusive: false, upperInclusive: true, index: -4 },
      { lower: 0.8408964152537144, upper: 0.9170040432046711, count: 1, lowerInclusive: false, upperInclusive: true, index: -1 },
      { lower: 0.9170040432046711, upper: 1, count: 2, lowerInclusive: false, upperInclusive: true, index: 0 },
      { lower: 1, upper: 1.0905077326652577, count: 1, lowerInclusive: false, upperInclusive: true, index: 1 },
      { lower: 1.2968395546510096, upper: 1.414213562373095, count: 1, lowerInclusive: false, upperInclusive: true, index: 4 },
      { lower: 1.414213562373095, upper: 1.5422108254079407, count: 4, lowerInclusive: false, upperInclusive: true, index: 5 },
    ],
    expectedNegativeBuckets: [],
  },
  {
    histogram: new Histogram({
      schema: -2,
      positiveSpans: [
        { offset: -2, length: 4 },
        // -2 -1 0 1
        { offset: 2, length: 2 },
        // 4 5
      ],
      positiveBuckets: [1, 2, -2, 1, -1, 0],
    }),
    expectedPositiveBuckets: [
      { lower: 0.000244140625, upper: 0.00390625, count: 1, lowerInclusive: false, upperInclusive: true, index: -2 },
      { lower: 0.00390625, upper: 0.0625, count: 3, lowerInclusive: false, upperInclusive: true, index: -1 },
      { lower: 0.0625, upper: 1, count: 1, lowerInclusive: false, upperInclusive: true, index: 0 },
      { lower: 1, upper: 16, count: 2, lowerInclusive: false, upperInclusive: true, index: 1 },
      { lower: 4096, upper: 65536, count: 1, lowerInclusive: false, upperInclusive: true, index: 4 },
      { lower: 65536, upper: 1048576, count: 1, lowerInclusive: false, upperInclusive: true, index: 5 },
    ],
    expectedNegativeBuckets: [],
  },
  {
    histogram: new Histogram({
      schema: -1,
      positiveSpans: [{ offset: -2, length: 5 }],
      positiveBuckets: [1, 2, -2, 1, -1],
    }),
    expectedPositiveBuckets: [
      { lower: 0.015625, upper: 0.0625, count: 1, lowerInclusive: false, upperInclusive: true, index: -2 },
      { lower: 0.0625, upper: 0.25, count: 3, lowerInclusive: false, upperInclusive: true, index: -1 },
      { lower: 0.25, upper: 1, count: 1, lowerInclusive: false, upperInclusive: true, index: 0 },
      { lower: 1, upper: 4, count: 2, lowerInclusive: false, upperInclusive: true, index: 1 },
      { lower: 4, upper: 16, count: 1, lowerInclusive: false, upperInclusive: true, index: 2 },
    ],
    expectedNegativeBuckets: [],
  },
  {
    histogram: new Histogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }],
      positiveBuckets: [1, 1, -1, 0],
      customValues: [5, 10, 20, 50],
    }),
    expectedPositiveBuckets: [
      { lower: -Infinity, upper: 5, count: 1, lowerInclusive: true, upperInclusive: true, index: 0 },
      { lower: 5, upper: 10, count: 2, lowerInclusive: false, upperInclusive: true, index: 1 },
      { lower: 20, upper: 50, count: 1, lowerInclusive: false, upperInclusive: true, index: 3 },
      { lower: 50, upper: Infinity, count: 1, lowerInclusive: false, upperInclusive: true, index: 4 },
    ],
    expectedNegativeBuckets: [],
  },
  {
    histogram: new Histogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }],
      positiveBuckets: [1, 1, -1, 0],
      customValues: [0, 10, 20, 50],
    }),
    expectedPositiveBuckets: [
      { lower: -Infinity, upper: 0, count: 1, lowerInclusive: true, upperInclusive: true, index: 0 },
      { lower: 0, upper: 10, count: 2, lowerInclusive: false, upperInclusive: true, index: 1 },
      { lower: 20, upper: 50, count: 1, lowerInclusive: false, upperInclusive: true, index: 3 },
      { lower: 50, upper: Infinity, count: 1, lowerInclusive: false, upperInclusive: true, index: 4 },
    ],
    expectedNegativeBuckets: [],
  },
  {
    histogram: new Histogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: 0, length: 5 }],
      positiveBuckets: [1, 1, 0, -1, 0],
      customValues: [-5, 0, 20, 50],
    }),
    expectedPositiveBuckets: [
      { lower: -Infinity, upper: -5, count: 1, lowerInclusive: true, upperInclusive: true, index: 0 },
      { lower: -5, upper: 0, count: 2, lowerInclusive: false, upperInclusive: true, index: 1 },
      { lower: 0, upper: 20, count: 2, lowerInclusive: false, upperInclusive: true, index: 2 },
      { lower: 20, upper: 50, count: 1, lowerInclusive: false, upperInclusive: true, index: 3 },
      { lower: 50, upper: Infinity, count: 1, lowerInclusive: false, upperInclusive: true, index: 4 },
    ],
    expectedNegativeBuckets: [],
  },
  {
    histogram: new Histogram({
      schema: 0,
      negativeSpans: [{ offset: 0, length: 5 }, { offset: 1, length: 1 }],
      // One spurious bucket, which we expect to be ignored.
      negativeBuckets: [1, 2, -2, 1, -1, 0, 3],
    }),
    expectedPositiveBuckets: [],
    expectedNegativeBuckets: [
      { lower: -1, upper: -0.5, count: 1, lowerInclusive: true, upperInclusive: false, index: 0 },
      { lower: -2, upper: -1, count: 3, lowerInclusive: true, upperInclusive: false, index: 1 },
      { lower: -4, upper: -2, count: 1, lowerInclusive: true, upperInclusive: false, index: 2 },
      { lower: -8, upper: -4, count: 2, lowerInclusive: true, upperInclusive: false, index: 3 },
      { lower: -16, upper: -8, count: 1, lowerInclusive: true, upperInclusive: false, index: 4 },
      { lower: -64, upper: -32, count: 1, lowerInclusive: true, upperInclusive: false, index: 6 },
    ],
  },
  {
    histogram: new Histogram({
      schema: 0,
      negativeSpans: [{ offset: 0, length: 5 }, { offset: 1, length: 1 }],
      // One bucket is missing. We expect the iteration to end with the last bucket.
      negativeBuckets: [1, 2, -2, 1, -1],
    }),
    expectedPositiveBuckets: [],
    expectedNegativeBuckets: [
      { lower: -1, upper: -0.5, count: 1, lowerInclusive: true, upperInclusive: false, index: 0 },
      { lower: -2, upper: -1, count: 3, lowerInclusive: true, upperInclusive: false, index: 1 },
      { lower: -4, upper: -2, count: 1, lowerInclusive: true, upperInclusive: false, index: 2 },
      { lower: -8, upper: -4, count: 2, lowerInclusive: true, upperInclusive: false, index: 3 },
      { lower: -16, upper: -8, count: 1, lowerInclusive: true, upperInclusive: false, index: 4 },
    ],
  },
];

describe('Histogram bucket iterators (TestRegularBucketIterator)', () => {
  it.each(regularCases.map((c, i) => [i, c] as const))('%d', (_, c) => {
    expect(drain(c.histogram.positiveBucketIterator())).toEqual(c.expectedPositiveBuckets);
    expect(drain(c.histogram.negativeBucketIterator())).toEqual(c.expectedNegativeBuckets);
  });
});

interface ToFloatCase {
  name: string;
  fh?: FloatHistogram;
}

describe('Histogram.toFloat (TestHistogramToFloat)', () => {
  const h = new Histogram({
    schema: 3,
    count: 61,
    sum: 2.7,
    zeroThreshold: 0.1,
    zeroCount: 42,
    positiveSpans: [{ offset: 0, length: 4 }, { offset: 0, length: 0 }, { offset: 0, length: 3 }],
    positiveBuckets: [1, 2, -2, 1, -1, 0, 0],
    negativeSpans: [{ offset: 0, length: 5 }, { offset: 1, length: 0 }, { offset: 0, length: 1 }],
    negativeBuckets: [1, 2, -2, 1, -1, 0],
  });
  const cases: ToFloatCase[] = [
    {
      name: 'without prior float histogram',
    },
    {
      name: 'prior float histogram with more buckets',
      fh: new FloatHistogram({
        schema: 2,
        count: 3,
        sum: 5,
        zeroThreshold: 4,
        zeroCount: 1,
        positiveSpans: [{ offset: 1, length: 2 }, { offset: 1, length: 2 }, { offset: 1, length: 2 }],
        positiveBuckets: [1, 2, 3, 4, 5, 6, 7, 8, 9],
        negativeSpans: [{ offset: 20, length: 6 }, { offset: 12, length: 7 }, { offset: 33, length: 10 }],
        negativeBuckets: [1, 2, 3, 4, 5, 6, 7, 8, 9],
      }),
    },
    {
      name: 'prior float histogram with fewer buckets',
      fh: new FloatHistogram({
        schema: 2,
        count: 3,
        sum: 5,
        zeroThreshold: 4,
        zeroCount: 1,
        positiveSpans: [{ offset: 1, length: 2 }, { offset: 1, length: 2 }, { offset: 1, length: 2 }],
        positiveBuckets: [1, 2],
        negativeSpans: [{ offset: 20, length: 6 }, { offset: 12, length: 7 }, { offset: 33, length: 10 }],
        negativeBuckets: [1, 2],
      }),
    },
  ];
  it.each(cases)('$name', (c) => {
    expect(h.toFloat(c.fh).toString()).toBe(h.toString());
  });
});

describe('Histogram.toFloat with custom buckets (TestCustomBucketsHistogramToFloat)', () => {
  const h = new Histogram({
    schema: CUSTOM_BUCKETS_SCHEMA,
    count: 10,
    sum: 2.7,
    positiveSpans: [{ offset: 0, length: 4 }, { offset: 0, length: 0 }, { offset: 0, length: 3 }],
    positiveBuckets: [1, 2, -2, 1, -1, 0, 0],
    customValues: [5, 10, 20, 50, 100, 500],
  });
  const cases: ToFloatCase[] = [
    {
      name: 'without prior float histogram',
    },
    {
      name: 'prior float histogram with more buckets',
      fh: new FloatHistogram({
        schema: 2,
        count: 3,
        sum: 5,
        zeroThreshold: 4,
        zeroCount: 1,
        positiveSpans: [{ offset: 1, length: 2 }, { offset: 1, length: 2 }, { offset: 1, length: 2 }],
        positiveBuckets: [1, 2, 3, 4, 5, 6, 7, 8, 9],
        negativeSpans: [{ offset: 20, length: 6 }, { offset: 12, length: 7 }, { offset: 33, length: 10 }],
        negativeBuckets: [1, 2, 3, 4, 5, 6, 7, 8, 9],
      }),
    },
    {
      name: 'prior float histogram with fewer buckets',
      fh: new FloatHistogram({
        schema: 2,
        count: 3,
        sum: 5,
        zeroThreshold: 4,
        zeroCount: 1,
        positiveSpans: [{ offset: 1, length: 2 }, { offset: 1, length: 2 }, { offset: 1, length: 2 }],
        positiveBuckets: [1, 2],
        negativeSpans: [{ offset: 20, length: 6 }, { offset: 12, length: 7 }, { offset: 33, length: 10 }],
        negativeBuckets: [1, 2],
      }),
    },
  ];
  it.each(cases)('$name', (c) => {
    expect(h.validate()).toBeUndefined();
    const hStr = h.toString();
    const fh = h.toFloat(c.fh);
    expect(fh.validate()).toBeUndefined();
    expect(h.toString()).toBe(hStr);
    expect(fh.toString()).toBe(hStr);
  });
});

describe('Histogram.equals and FloatHistogram.equals (TestHistogramEquals)', () => {
  const h1 = new Histogram({
    schema: 3,
    count: 62,
    sum: 2.7,
    zeroThreshold: 0.1,
    zeroCount: 42,
    positiveSpans: [{ offset: 0, length: 4 }, { offset: 10, length: 3 }],
    positiveBuckets: [1, 2, -2, 1, -1, 0, 0],
    negativeSpans: [{ offset: 0, length: 4 }, { offset: 10, length: 3 }],
    negativeBuckets: [1, 2, -2, 1, -1, 0, 0],
  });
  const floatEquals = (a: Histogram, b: Histogram): boolean => {
    const af = a.toFloat();
    const bf = b.toFloat();
    expect(af.equals(bf)).toBe(bf.equals(af));
    return af.equals(bf);
  };
  const equals = (a: Histogram, b: Histogram): void => {
    expect(a.equals(b)).toBe(true);
    expect(b.equals(a)).toBe(true);
    expect(floatEquals(a, b)).toBe(true);
  };
  const notEquals = (a: Histogram, b: Histogram): void => {
    expect(a.equals(b)).toBe(false);
    expect(b.equals(a)).toBe(false);
    expect(floatEquals(a, b)).toBe(false);
  };
  const notEqualsUntilFloatConv = (a: Histogram, b: Histogram): void => {
    expect(a.equals(b)).toBe(false);
    expect(b.equals(a)).toBe(false);
    expect(floatEquals(a, b)).toBe(true);
  };

  it('ignores zero-length spans in the layout', () => {
    expect(h1.validate()).toBeUndefined();
    const h2 = h1.copy();
    equals(h1, h2);
    // Changed spans but same layout.
    h2.positiveSpans.push({ offset: 5, length: 0 });
    h2.negativeSpans.push({ offset: 2, length: 0 });
    equals(h1, h2);
    // Adding empty spans in between.
    h2.positiveSpans[1].offset = 6;
    h2.positiveSpans = [h2.positiveSpans[0], { offset: 1, length: 0 }, { offset: 3, length: 0 }, h2.positiveSpans[1], h2.positiveSpans[2]];
    h2.negativeSpans[1].offset = 5;
    h2.negativeSpans = [h2.negativeSpans[0], { offset: 2, length: 0 }, { offset: 3, length: 0 }, h2.negativeSpans[1], h2.negativeSpans[2]];
    equals(h1, h2);
    // All mismatches.
    notEquals(h1, new Histogram());
    h2.schema = 1;
    notEquals(h1, h2);
  });

  it.each([
    ['count', (h: Histogram) => h.count++],
    ['sum', (h: Histogram) => h.sum++],
    ['zero threshold', (h: Histogram) => h.zeroThreshold++],
    ['zero count', (h: Histogram) => h.zeroCount++],
    ['last positive bucket', (h: Histogram) => h.positiveBuckets[h.positiveBuckets.length - 1]++],
    ['last negative bucket', (h: Histogram) => h.negativeBuckets[h.negativeBuckets.length - 1]++],
    ['positive layout', (h: Histogram) => h.positiveSpans[1].offset++],
    ['negative layout', (h: Histogram) => h.negativeSpans[1].offset++],
    [
      'an empty positive bucket added',
      (h: Histogram) => {
        h.positiveSpans[0].offset--;
        h.positiveSpans[0].length++;
        h.positiveBuckets.unshift(0);
      },
    ],
    [
      'an empty negative bucket added',
      (h: Histogram) => {
        h.negativeSpans[0].offset--;
        h.negativeSpans[0].length++;
        h.negativeBuckets.unshift(0);
      },
    ],
    [
      'a new positive bucket',
      (h: Histogram) => {
        h.positiveSpans.push({ offset: 1, length: 1 });
        h.positiveBuckets.push(1);
      },
    ],
    [
      'a new negative bucket',
      (h: Histogram) => {
        h.negativeSpans.push({ offset: 1, length: 1 });
        h.negativeBuckets.push(1);
      },
    ],
  ])('a change of %s differs', (_, change) => {
    const h2 = h1.copy();
    change(h2);
    notEquals(h1, h2);
  });

  it('compares the sum by bits: stale NaN, NaN', () => {
    const hStale = h1.copy();
    hStale.sum = STALE_NAN;
    notEquals(h1, hStale);
    equals(hStale, hStale);
    const hNaN = h1.copy();
    hNaN.sum = NaN;
    notEquals(h1, hNaN);
    equals(hNaN, hNaN);
    notEquals(hStale, hNaN);
  });

  it('ignores custom bounds on an exponential schema', () => {
    const hCustom = h1.copy();
    hCustom.customValues = [1, 2, 3];
    equals(h1, hCustom);
  });

  const cbh1 = new Histogram({
    schema: CUSTOM_BUCKETS_SCHEMA,
    count: 10,
    sum: 2.7,
    positiveSpans: [{ offset: 0, length: 4 }, { offset: 10, length: 3 }],
    positiveBuckets: [1, 2, -2, 1, -1, 0, 0],
    customValues: [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 20, 25, 50, 75, 100, 200, 250, 500, 1000],
  });
  it('custom buckets', () => {
    expect(cbh1.validate()).toBeUndefined();
    equals(cbh1, cbh1.copy());
    // Different custom bounds.
    let cbh2 = cbh1.copy();
    cbh2.customValues = [0.1, 0.2, 0.5];
    notEquals(cbh1, cbh2);
    // Negative spans and buckets, which toFloat drops.
    cbh2 = cbh1.copy();
    cbh2.negativeSpans = [{ offset: 0, length: 1 }];
    cbh2.negativeBuckets = [1];
    notEqualsUntilFloatConv(cbh1, cbh2);
    // A zero bucket, which toFloat drops.
    cbh2 = cbh1.copy();
    cbh2.zeroThreshold = 0.1;
    cbh2.zeroCount = 10;
    notEqualsUntilFloatConv(cbh1, cbh2);
  });
});

interface CopyCase {
  name: string;
  orig: Histogram;
  expected: Histogram;
}

const copyCases: CopyCase[] = [
  {
    name: 'without buckets',
    orig: new Histogram(),
    expected: new Histogram(),
  },
  {
    name: 'with buckets',
    orig: new Histogram({
      positiveSpans: [{ offset: -2, length: 1 }],
      positiveBuckets: [1, 3, -3, 42],
      negativeSpans: [{ offset: 3, length: 2 }],
      negativeBuckets: [5, 3, 1.234e5, 1000],
    }),
    expected: new Histogram({
      positiveSpans: [{ offset: -2, length: 1 }],
      positiveBuckets: [1, 3, -3, 42],
      negativeSpans: [{ offset: 3, length: 2 }],
      negativeBuckets: [5, 3, 1.234e5, 1000],
    }),
  },
  {
    name: 'with empty buckets and non empty capacity',
    orig: new Histogram({
      positiveSpans: [],
      positiveBuckets: [],
      negativeSpans: [],
      negativeBuckets: [],
    }),
    expected: new Histogram(),
  },
  {
    name: 'with custom buckets',
    orig: new Histogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: -2, length: 1 }],
      positiveBuckets: [1, 3, -3, 42],
      customValues: [5, 10, 15],
    }),
    expected: new Histogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: -2, length: 1 }],
      positiveBuckets: [1, 3, -3, 42],
      customValues: [5, 10, 15],
    }),
  },
];

const copyToCases: CopyCase[] = [
  {
    name: 'without buckets',
    orig: new Histogram(),
    expected: new Histogram(),
  },
  {
    name: 'with buckets',
    orig: new Histogram({
      positiveSpans: [{ offset: -2, length: 1 }],
      positiveBuckets: [1, 3, -3, 42],
      negativeSpans: [{ offset: 3, length: 2 }],
      negativeBuckets: [5, 3, 1.234e5, 1000],
    }),
    expected: new Histogram({
      positiveSpans: [{ offset: -2, length: 1 }],
      positiveBuckets: [1, 3, -3, 42],
      negativeSpans: [{ offset: 3, length: 2 }],
      negativeBuckets: [5, 3, 1.234e5, 1000],
    }),
  },
  {
    name: 'with empty buckets and non empty capacity',
    orig: new Histogram({
      positiveSpans: [],
      positiveBuckets: [],
      negativeSpans: [],
      negativeBuckets: [],
    }),
    expected: new Histogram(),
  },
  {
    name: 'with custom buckets',
    orig: new Histogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: -2, length: 1 }],
      positiveBuckets: [1, 3, -3, 42],
      customValues: [5, 10, 15],
    }),
    expected: new Histogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: -2, length: 1 }],
      positiveBuckets: [1, 3, -3, 42],
      customValues: [5, 10, 15],
    }),
  },
];

/** assertDeepCopyHSpans: the copy's spans are its own, not the original's. */
function expectOwnSpans(orig: Histogram, copy: Histogram, expected: Histogram): void {
  if (orig.positiveSpans.length > 0) {
    orig.positiveSpans[orig.positiveSpans.length - 1].offset++;
    expect(copy.positiveSpans).toEqual(expected.positiveSpans);
  }
}

describe('Histogram.copy (TestHistogramCopy)', () => {
  it.each(copyCases)('$name', (c) => {
    const hCopy = c.orig.copy();
    c.orig.sum++;
    expectGoEqual(hCopy, c.expected);
    expectOwnSpans(c.orig, hCopy, c.expected);
  });
});

describe('Histogram.copyTo (TestHistogramCopyTo)', () => {
  it.each(copyToCases)('$name', (c) => {
    const hCopy = new Histogram();
    c.orig.copyTo(hCopy);
    c.orig.sum++;
    expectGoEqual(hCopy, c.expected);
    expectOwnSpans(c.orig, hCopy, c.expected);
  });
});

interface CompactCase {
  name: string;
  in: Histogram;
  maxEmptyBuckets: number;
  expected: Histogram;
}

const compactCases: CompactCase[] = [
  {
    name: 'empty histogram',
    in: new Histogram(),
    maxEmptyBuckets: 0,
    expected: new Histogram(),
  },
  {
    name: 'nothing should happen',
    in: new Histogram({
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 3, -3, 42],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [5, 3, 1.234e5, 1000],
    }),
    maxEmptyBuckets: 0,
    expected: new Histogram({
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 3, -3, 42],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [5, 3, 1.234e5, 1000],
    }),
  },
  {
    name: 'eliminate zero offsets',
    in: new Histogram({
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 0, length: 3 }, { offset: 0, length: 1 }],
      positiveBuckets: [1, 3, -3, 42, 3],
      negativeSpans: [
        { offset: 0, length: 2 },
        { offset: 0, length: 2 },
        { offset: 2, length: 1 },
        { offset: 0, length: 1 },
      ],
      negativeBuckets: [5, 3, 1.234e5, 1000, 3, 4],
    }),
    maxEmptyBuckets: 0,
    expected: new Histogram({
      positiveSpans: [{ offset: -2, length: 5 }],
      positiveBuckets: [1, 3, -3, 42, 3],
      negativeSpans: [{ offset: 0, length: 4 }, { offset: 2, length: 2 }],
      negativeBuckets: [5, 3, 1.234e5, 1000, 3, 4],
    }),
  },
  {
    name: 'eliminate zero length',
    in: new Histogram({
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 2, length: 0 }, { offset: 3, length: 3 }],
      positiveBuckets: [1, 3, -3, 42, 3],
      negativeSpans: [
        { offset: 0, length: 2 },
        { offset: 0, length: 0 },
        { offset: 2, length: 0 },
        { offset: 1, length: 4 },
      ],
      negativeBuckets: [5, 3, 1.234e5, 1000, 3, 4],
    }),
    maxEmptyBuckets: 0,
    expected: new Histogram({
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 5, length: 3 }],
      positiveBuckets: [1, 3, -3, 42, 3],
      negativeSpans: [{ offset: 0, length: 2 }, { offset: 3, length: 4 }],
      negativeBuckets: [5, 3, 1.234e5, 1000, 3, 4],
    }),
  },
  {
    name: 'eliminate multiple zero length spans',
    in: new Histogram({
      positiveSpans: [
        { offset: -2, length: 2 },
        { offset: 2, length: 0 },
        { offset: 2, length: 0 },
        { offset: 2, length: 0 },
        { offset: 3, length: 3 },
      ],
      positiveBuckets: [1, 3, -3, 42, 3],
    }),
    maxEmptyBuckets: 0,
    expected: new Histogram({
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 9, length: 3 }],
      positiveBuckets: [1, 3, -3, 42, 3],
    }),
  },
  {
    name: 'cut empty buckets at start or end',
    in: new Histogram({
      positiveSpans: [{ offset: -4, length: 4 }, { offset: 5, length: 3 }],
      positiveBuckets: [0, 0, 1, 3, -3, 42, 3],
      negativeSpans: [{ offset: 0, length: 2 }, { offset: 3, length: 5 }],
      negativeBuckets: [5, 3, -4, -2, 3, 4, -9],
    }),
    maxEmptyBuckets: 0,
    expected: new Histogram({
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 5, length: 3 }],
      positiveBuckets: [1, 3, -3, 42, 3],
      negativeSpans: [{ offset: 0, length: 2 }, { offset: 3, length: 4 }],
      negativeBuckets: [5, 3, -4, -2, 3, 4],
    }),
  },
  {
    name: 'cut empty buckets at start and end',
    in: new Histogram({
      positiveSpans: [{ offset: -4, length: 4 }, { offset: 5, length: 6 }],
      positiveBuckets: [0, 0, 1, 3, -3, 42, 3, -46, 0, 0],
      negativeSpans: [{ offset: -2, length: 4 }, { offset: 3, length: 5 }],
      negativeBuckets: [0, 0, 5, 3, -4, -2, 3, 4, -9],
    }),
    maxEmptyBuckets: 0,
    expected: new Histogram({
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 5, length: 3 }],
      positiveBuckets: [1, 3, -3, 42, 3],
      negativeSpans: [{ offset: 0, length: 2 }, { offset: 3, length: 4 }],
      negativeBuckets: [5, 3, -4, -2, 3, 4],
    }),
  },
  {
    name: 'cut empty buckets at start or end of spans, even in the middle',
    in: new Histogram({
      positiveSpans: [{ offset: -4, length: 6 }, { offset: 3, length: 6 }],
      positiveBuckets: [0, 0, 1, 3, -4, 0, 1, 42, 3, -46, 0, 0],
      negativeSpans: [{ offset: 0, length: 2 }, { offset: 2, length: 6 }],
      negativeBuckets: [5, 3, -8, 4, -2, 3, 4, -9],
    }),
    maxEmptyBuckets: 0,
    expected: new Histogram({
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 5, length: 3 }],
      positiveBuckets: [1, 3, -3, 42, 3],
      negativeSpans: [{ offset: 0, length: 2 }, { offset: 3, length: 4 }],
      negativeBuckets: [5, 3, -4, -2, 3, 4],
    }),
  },
  {
    name: 'cut empty buckets at start or end but merge spans due to maxEmptyBuckets',
    in: new Histogram({
      positiveSpans: [{ offset: -4, length: 4 }, { offset: 5, length: 3 }],
      positiveBuckets: [0, 0, 1, 3, -3, 42, 3],
      negativeSpans: [{ offset: 0, length: 2 }, { offset: 3, length: 5 }],
      negativeBuckets: [5, 3, -4, -2, 3, 4, -9],
    }),
    maxEmptyBuckets: 10,
    expected: new Histogram({
      positiveSpans: [{ offset: -2, length: 10 }],
      positiveBuckets: [1, 3, -4, 0, 0, 0, 0, 1, 42, 3],
      negativeSpans: [{ offset: 0, length: 9 }],
      negativeBuckets: [5, 3, -8, 0, 0, 4, -2, 3, 4],
    }),
  },
  {
    name: 'cut empty buckets from the middle of a span',
    in: new Histogram({
      positiveSpans: [{ offset: -4, length: 6 }, { offset: 3, length: 3 }],
      positiveBuckets: [0, 0, 1, -1, 0, 3, -2, 42, 3],
      negativeSpans: [{ offset: 0, length: 2 }, { offset: 3, length: 5 }],
      negativeBuckets: [5, 3, -4, -2, -2, 3, 4],
    }),
    maxEmptyBuckets: 0,
    expected: new Histogram({
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 2, length: 1 }, { offset: 3, length: 3 }],
      positiveBuckets: [1, 2, -2, 42, 3],
      negativeSpans: [{ offset: 0, length: 2 }, { offset: 3, length: 2 }, { offset: 1, length: 2 }],
      negativeBuckets: [5, 3, -4, -2, 1, 4],
    }),
  },
  {
    name: 'cut out a span containing only empty buckets',
    in: new Histogram({
      positiveSpans: [{ offset: -4, length: 3 }, { offset: 2, length: 2 }, { offset: 3, length: 4 }],
      positiveBuckets: [0, 0, 1, -1, 0, 3, -2, 42, 3],
    }),
    maxEmptyBuckets: 0,
    expected: new Histogram({
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 7, length: 4 }],
      positiveBuckets: [1, 2, -2, 42, 3],
    }),
  },
  {
    name: 'cut empty buckets from the middle of a span, avoiding some due to maxEmptyBuckets',
    in: new Histogram({
      positiveSpans: [{ offset: -4, length: 6 }, { offset: 3, length: 3 }],
      positiveBuckets: [0, 0, 1, -1, 0, 3, -2, 42, 3],
      negativeSpans: [{ offset: 0, length: 2 }, { offset: 3, length: 5 }],
      negativeBuckets: [5, 3, -4, -2, -2, 3, 4],
    }),
    maxEmptyBuckets: 1,
    expected: new Histogram({
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 2, length: 1 }, { offset: 3, length: 3 }],
      positiveBuckets: [1, 2, -2, 42, 3],
      negativeSpans: [{ offset: 0, length: 2 }, { offset: 3, length: 5 }],
      negativeBuckets: [5, 3, -4, -2, -2, 3, 4],
    }),
  },
  {
    name: 'avoiding all cutting of empty buckets from the middle of a chunk due to maxEmptyBuckets',
    in: new Histogram({
      positiveSpans: [{ offset: -4, length: 6 }, { offset: 3, length: 3 }],
      positiveBuckets: [0, 0, 1, -1, 0, 3, -2, 42, 3],
      negativeSpans: [{ offset: 0, length: 2 }, { offset: 3, length: 5 }],
      negativeBuckets: [5, 3, -4, -2, -2, 3, 4],
    }),
    maxEmptyBuckets: 2,
    expected: new Histogram({
      positiveSpans: [{ offset: -2, length: 4 }, { offset: 3, length: 3 }],
      positiveBuckets: [1, -1, 0, 3, -2, 42, 3],
      negativeSpans: [{ offset: 0, length: 2 }, { offset: 3, length: 5 }],
      negativeBuckets: [5, 3, -4, -2, -2, 3, 4],
    }),
  },
  {
    name: 'everything merged into one span due to maxEmptyBuckets',
    in: new Histogram({
      positiveSpans: [{ offset: -4, length: 6 }, { offset: 3, length: 3 }],
      positiveBuckets: [0, 0, 1, -1, 0, 3, -2, 42, 3],
      negativeSpans: [{ offset: 0, length: 2 }, { offset: 3, length: 5 }],
      negativeBuckets: [5, 3, -4, -2, -2, 3, 4],
    }),
    maxEmptyBuckets: 3,
    expected: new Histogram({
      positiveSpans: [{ offset: -2, length: 10 }],
      positiveBuckets: [1, -1, 0, 3, -3, 0, 0, 1, 42, 3],
      negativeSpans: [{ offset: 0, length: 10 }],
      negativeBuckets: [5, 3, -8, 0, 0, 4, -2, -2, 3, 4],
    }),
  },
  {
    name: 'only empty buckets and maxEmptyBuckets greater zero',
    in: new Histogram({
      positiveSpans: [{ offset: -4, length: 6 }, { offset: 3, length: 3 }],
      positiveBuckets: [0, 0, 0, 0, 0, 0, 0, 0, 0],
      negativeSpans: [{ offset: 0, length: 7 }],
      negativeBuckets: [0, 0, 0, 0, 0, 0, 0],
    }),
    maxEmptyBuckets: 3,
    expected: new Histogram({
      positiveSpans: [],
      positiveBuckets: [],
      negativeSpans: [],
      negativeBuckets: [],
    }),
  },
  {
    name: 'multiple spans of only empty buckets',
    in: new Histogram({
      positiveSpans: [{ offset: -10, length: 2 }, { offset: 2, length: 1 }, { offset: 3, length: 3 }],
      positiveBuckets: [0, 0, 0, 0, 2, 3],
      negativeSpans: [{ offset: -10, length: 2 }, { offset: 2, length: 1 }, { offset: 3, length: 3 }],
      negativeBuckets: [2, 3, -5, 0, 0, 0],
    }),
    maxEmptyBuckets: 0,
    expected: new Histogram({
      positiveSpans: [{ offset: -1, length: 2 }],
      positiveBuckets: [2, 3],
      negativeSpans: [{ offset: -10, length: 2 }],
      negativeBuckets: [2, 3],
    }),
  },
  {
    name: 'nothing should happen with custom buckets',
    in: new Histogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 3, -3, 42],
      customValues: [5, 10, 15],
    }),
    maxEmptyBuckets: 0,
    expected: new Histogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 3, -3, 42],
      customValues: [5, 10, 15],
    }),
  },
  {
    name: 'eliminate zero offsets with custom buckets',
    in: new Histogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 0, length: 3 }, { offset: 0, length: 1 }],
      positiveBuckets: [1, 3, -3, 42, 3],
      customValues: [5, 10, 15, 20],
    }),
    maxEmptyBuckets: 0,
    expected: new Histogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: -2, length: 5 }],
      positiveBuckets: [1, 3, -3, 42, 3],
      customValues: [5, 10, 15, 20],
    }),
  },
  {
    name: 'eliminate zero length with custom buckets',
    in: new Histogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 2, length: 0 }, { offset: 3, length: 3 }],
      positiveBuckets: [1, 3, -3, 42, 3],
      customValues: [5, 10, 15, 20],
    }),
    maxEmptyBuckets: 0,
    expected: new Histogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 5, length: 3 }],
      positiveBuckets: [1, 3, -3, 42, 3],
      customValues: [5, 10, 15, 20],
    }),
  },
  {
    name: 'all zero-length spans with non-empty buckets',
    in: new Histogram({
      positiveSpans: [{ offset: 0, length: 0 }, { offset: 2, length: 0 }],
      positiveBuckets: [1, 3],
      negativeSpans: [{ offset: 1, length: 0 }],
      negativeBuckets: [2],
    }),
    maxEmptyBuckets: 0,
    expected: new Histogram({
      positiveSpans: [],
      positiveBuckets: [],
      negativeSpans: [],
      negativeBuckets: [],
    }),
  },
  {
    // The loop guard prevents a panic; extra buckets beyond span
    // coverage are preserved in the output. Callers must validate
    // span/bucket consistency before invoking Compact.
    name: 'more buckets than spans account for',
    in: new Histogram({
      positiveSpans: [{ offset: 0, length: 1 }, { offset: 2, length: 1 }],
      positiveBuckets: [1, 2, 3, 4],
      negativeSpans: [{ offset: 0, length: 1 }],
      negativeBuckets: [5, 6],
    }),
    maxEmptyBuckets: 0,
    expected: new Histogram({
      positiveSpans: [{ offset: 0, length: 1 }, { offset: 2, length: 1 }],
      positiveBuckets: [1, 2, 3, 4],
      negativeSpans: [{ offset: 0, length: 1 }],
      negativeBuckets: [5, 6],
    }),
  },
  {
    name: 'eliminate multiple zero length spans with custom buckets',
    in: new Histogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [
        { offset: -2, length: 2 },
        { offset: 2, length: 0 },
        { offset: 2, length: 0 },
        { offset: 2, length: 0 },
        { offset: 3, length: 3 },
      ],
      positiveBuckets: [1, 3, -3, 42, 3],
      customValues: [5, 10, 15, 20],
    }),
    maxEmptyBuckets: 0,
    expected: new Histogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 9, length: 3 }],
      positiveBuckets: [1, 3, -3, 42, 3],
      customValues: [5, 10, 15, 20],
    }),
  },
  {
    name: 'cut empty buckets at start or end of spans, even in the middle, with custom buckets',
    in: new Histogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: -4, length: 6 }, { offset: 3, length: 6 }],
      positiveBuckets: [0, 0, 1, 3, -4, 0, 1, 42, 3, -46, 0, 0],
      customValues: [5, 10, 15, 20],
    }),
    maxEmptyBuckets: 0,
    expected: new Histogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 5, length: 3 }],
      positiveBuckets: [1, 3, -3, 42, 3],
      customValues: [5, 10, 15, 20],
    }),
  },
];

describe('Histogram.compact (TestHistogramCompact)', () => {
  it.each(compactCases)('$name', (c) => {
    expectGoEqual(c.in.compact(c.maxEmptyBuckets), c.expected);
    expectGoEqual(c.in, c.expected);
  });
});

interface ValidationCase {
  name: string;
  h: Histogram;
  errMsg?: string;
  skipFloat?: boolean;
}

const validationCases: ValidationCase[] = [
  {
    name: 'valid histogram',
    h: new Histogram({
      count: 12,
      zeroCount: 2,
      zeroThreshold: 0.001,
      sum: 19.4,
      schema: 1,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }],
      positiveBuckets: [1, 1, -1, 0],
      negativeSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }],
      negativeBuckets: [1, 1, -1, 0],
    }),
  },
  {
    name: 'valid histogram with NaN observations that has its Count (4) higher than the actual total of buckets (2 + 1)',
    // This case is possible if NaN values (which do not fall into any bucket) are observed.
    h: new Histogram({
      zeroCount: 2,
      count: 4,
      sum: NaN,
      positiveSpans: [{ offset: 0, length: 1 }],
      positiveBuckets: [1],
    }),
  },
  {
    name: 'rejects histogram without NaN observations that has its Count (4) higher than the actual total of buckets (2 + 1)',
    h: new Histogram({
      zeroCount: 2,
      count: 4,
      sum: 333,
      positiveSpans: [{ offset: 0, length: 1 }],
      positiveBuckets: [1],
    }),
    errMsg: '3 observations found in buckets, but the Count field is 4: histogram\'s observation count should equal the number of observations found in the buckets (in absence of NaN)',
    skipFloat: true,
  },
  {
    name: 'rejects histogram that has too few negative buckets',
    h: new Histogram({
      negativeSpans: [{ offset: 0, length: 1 }],
      negativeBuckets: [],
    }),
    errMsg: 'negative side: spans need 1 buckets, have 0 buckets: histogram spans specify different number of buckets than provided',
  },
  {
    name: 'rejects histogram that has too few positive buckets',
    h: new Histogram({
      positiveSpans: [{ offset: 0, length: 1 }],
      positiveBuckets: [],
    }),
    errMsg: 'positive side: spans need 1 buckets, have 0 buckets: histogram spans specify different number of buckets than provided',
  },
  {
    name: 'rejects histogram that has too many negative buckets',
    h: new Histogram({
      negativeSpans: [{ offset: 0, length: 1 }],
      negativeBuckets: [1, 2],
    }),
    errMsg: 'negative side: spans need 1 buckets, have 2 buckets: histogram spans specify different number of buckets than provided',
  },
  {
    name: 'rejects histogram that has too many positive buckets',
    h: new Histogram({
      positiveSpans: [{ offset: 0, length: 1 }],
      positiveBuckets: [1, 2],
    }),
    errMsg: 'positive side: spans need 1 buckets, have 2 buckets: histogram spans specify different number of buckets than provided',
  },
  {
    name: 'rejects a histogram that has a negative span with a negative offset',
    h: new Histogram({
      negativeSpans: [{ offset: -1, length: 1 }, { offset: -1, length: 1 }],
      negativeBuckets: [1, 2],
    }),
    errMsg: 'negative side: span number 2 with offset -1: histogram has a span whose offset is negative',
  },
  {
    name: 'rejects a histogram which has a positive span with a negative offset',
    h: new Histogram({
      positiveSpans: [{ offset: -1, length: 1 }, { offset: -1, length: 1 }],
      positiveBuckets: [1, 2],
    }),
    errMsg: 'positive side: span number 2 with offset -1: histogram has a span whose offset is negative',
  },
  {
    name: 'rejects a histogram that has a negative bucket with a negative count',
    h: new Histogram({
      negativeSpans: [{ offset: -1, length: 1 }],
      negativeBuckets: [-1],
    }),
    errMsg: 'negative side: bucket number 1 has observation count of -1: histogram has a bucket whose observation count is negative',
  },
  {
    name: 'rejects a histogram that has a positive bucket with a negative count',
    h: new Histogram({
      positiveSpans: [{ offset: -1, length: 1 }],
      positiveBuckets: [-1],
    }),
    errMsg: 'positive side: bucket number 1 has observation count of -1: histogram has a bucket whose observation count is negative',
  },
  {
    name: 'rejects a histogram that has a lower count than count in buckets',
    h: new Histogram({
      count: 0,
      negativeSpans: [{ offset: -1, length: 1 }],
      positiveSpans: [{ offset: -1, length: 1 }],
      negativeBuckets: [1],
      positiveBuckets: [1],
    }),
    errMsg: '2 observations found in buckets, but the Count field is 0: histogram\'s observation count should equal the number of observations found in the buckets (in absence of NaN)',
    skipFloat: true,
  },
  {
    name: 'rejects a histogram that doesn\'t count the zero bucket in its count',
    h: new Histogram({
      count: 2,
      zeroCount: 1,
      negativeSpans: [{ offset: -1, length: 1 }],
      positiveSpans: [{ offset: -1, length: 1 }],
      negativeBuckets: [1],
      positiveBuckets: [1],
    }),
    errMsg: '3 observations found in buckets, but the Count field is 2: histogram\'s observation count should equal the number of observations found in the buckets (in absence of NaN)',
    skipFloat: true,
  },
  {
    name: 'rejects an exponential histogram with custom buckets schema',
    h: new Histogram({
      count: 12,
      zeroCount: 2,
      zeroThreshold: 0.001,
      sum: 19.4,
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }],
      positiveBuckets: [1, 1, -1, 0],
      negativeSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }],
      negativeBuckets: [1, 1, -1, 0],
    }),
    errMsg: 'custom buckets: only 0 custom bounds defined which is insufficient to cover total span length of 5: histogram custom bounds are too few',
  },
  {
    name: 'rejects a custom buckets histogram with exponential schema',
    h: new Histogram({
      count: 5,
      sum: 19.4,
      schema: 0,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }],
      positiveBuckets: [1, 1, -1, 0],
      customValues: [1, 2, 3, 4],
    }),
    errMsg: 'histogram with exponential schema must not have custom bounds',
    skipFloat: true,
    // Converting to float will remove the wrong fields so only the float version will pass validation
  },
  {
    name: 'rejects a custom buckets histogram with zero/negative buckets',
    h: new Histogram({
      count: 12,
      zeroCount: 2,
      zeroThreshold: 0.001,
      sum: 19.4,
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }],
      positiveBuckets: [1, 1, -1, 0],
      negativeSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }],
      negativeBuckets: [1, 1, -1, 0],
      customValues: [1, 2, 3, 4],
    }),
    errMsg: 'custom buckets: must have zero count of 0',
    skipFloat: true,
    // Converting to float will remove the wrong fields so only the float version will pass validation
  },
  {
    name: 'rejects a custom buckets histogram with negative offset in first span',
    h: new Histogram({
      count: 5,
      sum: 19.4,
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: -1, length: 2 }, { offset: 1, length: 2 }],
      positiveBuckets: [1, 1, -1, 0],
      customValues: [1, 2, 3, 4],
    }),
    errMsg: 'custom buckets: span number 1 with offset -1: histogram has a span whose offset is negative',
  },
  {
    name: 'rejects a custom buckets histogram with negative offset in subsequent spans',
    h: new Histogram({
      count: 5,
      sum: 19.4,
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: -1, length: 2 }],
      positiveBuckets: [1, 1, -1, 0],
      customValues: [1, 2, 3, 4],
    }),
    errMsg: 'custom buckets: span number 2 with offset -1: histogram has a span whose offset is negative',
  },
  {
    name: 'rejects a custom buckets histogram with non-matching bucket counts',
    h: new Histogram({
      count: 5,
      sum: 19.4,
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }],
      positiveBuckets: [1, 1, -1],
      customValues: [1, 2, 3, 4],
    }),
    errMsg: 'custom buckets: spans need 4 buckets, have 3 buckets: histogram spans specify different number of buckets than provided',
  },
  {
    name: 'rejects a custom buckets histogram with too few bounds',
    h: new Histogram({
      count: 5,
      sum: 19.4,
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }],
      positiveBuckets: [1, 1, -1, 0],
      customValues: [1, 2, 3],
    }),
    errMsg: 'custom buckets: only 3 custom bounds defined which is insufficient to cover total span length of 5: histogram custom bounds are too few',
  },
  {
    name: 'valid custom buckets histogram',
    h: new Histogram({
      count: 5,
      sum: 19.4,
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }],
      positiveBuckets: [1, 1, -1, 0],
      customValues: [1, 2, 3, 4],
    }),
  },
  {
    name: 'valid custom buckets histogram with extra bounds',
    h: new Histogram({
      count: 5,
      sum: 19.4,
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }],
      positiveBuckets: [1, 1, -1, 0],
      customValues: [1, 2, 3, 4, 5, 6, 7, 8],
    }),
  },
  {
    name: 'reject custom buckets histogram with non-increasing bound',
    h: new Histogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      customValues: [0, 0],
    }),
    errMsg: 'custom buckets: previous bound is 0.000000 and current is 0.000000: histogram custom bounds must be in strictly increasing order',
  },
  {
    name: 'reject custom buckets histogram with explicit +Inf bound',
    h: new Histogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      customValues: [1, Infinity],
    }),
    errMsg: 'custom buckets: last +Inf bound must not be explicitly defined: histogram custom bounds must be finite',
  },
  {
    name: 'valid custom buckets histogram with explicit -Inf bound',
    h: new Histogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      customValues: [-Infinity, 1],
    }),
  },
  {
    name: 'reject custom buckets histogram with NaN bound',
    h: new Histogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      customValues: [1, NaN, 3],
    }),
    errMsg: 'custom buckets: histogram custom bounds must not be NaN',
  },
  {
    name: 'schema too high',
    h: new Histogram({
      schema: 10,
    }),
    errMsg: 'histogram has an invalid schema, which must be between -4 and 8 for exponential buckets, or -53 for custom buckets, got schema 10',
  },
  {
    name: 'schema too low',
    h: new Histogram({
      schema: -10,
    }),
    errMsg: 'histogram has an invalid schema, which must be between -4 and 8 for exponential buckets, or -53 for custom buckets, got schema -10',
  },
];

describe('Histogram.validate and FloatHistogram.validate (TestHistogramValidation)', () => {
  it.each(validationCases)('$name', (c) => {
    const check = (err: HistogramError | undefined): void => {
      if (c.errMsg) {
        expect(err).toBeInstanceOf(HistogramError);
        expect(err?.message).toBe(c.errMsg);
      } else {
        expect(err).toBeUndefined();
      }
    };
    check(c.h.validate());
    if (!c.skipFloat) check(c.h.toFloat().validate());
  });
});

interface ReduceCase {
  name: string;
  origin: Histogram;
  targetSchema: number;
  target?: Histogram;
  errorMsg?: string;
}

const reduceCases: ReduceCase[] = [
  {
    name: 'valid histogram',
    origin: new Histogram({
      schema: 0,
      positiveSpans: [{ offset: -2, length: 4 }, { offset: 0, length: 0 }, { offset: 3, length: 2 }],
      positiveBuckets: [1, 2, -2, 1, -1, 0],
      negativeSpans: [{ offset: 0, length: 4 }, { offset: 0, length: 0 }, { offset: 3, length: 2 }],
      negativeBuckets: [1, 2, -2, 1, -1, 0],
    }),
    targetSchema: -1,
    target: new Histogram({
      schema: -1,
      positiveSpans: [{ offset: -1, length: 3 }, { offset: 1, length: 1 }],
      positiveBuckets: [1, 3, -2, 0],
      negativeSpans: [{ offset: 0, length: 3 }, { offset: 1, length: 1 }],
      negativeBuckets: [1, 3, -2, 0],
    }),
  },
  {
    name: 'not enough buckets',
    origin: new Histogram({
      schema: 0,
      positiveSpans: [{ offset: -2, length: 4 }, { offset: 0, length: 0 }, { offset: 3, length: 2 }],
      positiveBuckets: [1, 2, -2, 1, -1],
    }),
    targetSchema: -1,
    errorMsg: 'have 5 buckets but spans need more: histogram spans specify different number of buckets than provided',
  },
  {
    name: 'too many buckets',
    origin: new Histogram({
      schema: 0,
      positiveSpans: [{ offset: -2, length: 4 }, { offset: 0, length: 0 }, { offset: 3, length: 2 }],
      positiveBuckets: [1, 2, -2, 1, -1, 0, 3],
    }),
    targetSchema: -1,
    errorMsg: 'spans need 6 buckets, have 7 buckets: histogram spans specify different number of buckets than provided',
  },
  {
    name: 'negative offset',
    origin: new Histogram({
      schema: 0,
      positiveSpans: [{ offset: -2, length: 4 }, { offset: -1, length: 0 }, { offset: 3, length: 2 }],
      positiveBuckets: [1, 2, -2, 1, -1, 0],
    }),
    targetSchema: -1,
    errorMsg: 'span number 2 with offset -1: histogram has a span whose offset is negative',
  },
];

describe('Histogram.reduceResolution (TestHistogramReduceResolution)', () => {
  it.each(reduceCases)('$name', (c) => {
    if (c.errorMsg) {
      // Go returns a histogram.Error; here it is thrown.
      expect(() => c.origin.reduceResolution(c.targetSchema)).toThrow(HistogramError);
      expect(() => c.origin.reduceResolution(c.targetSchema)).toThrow(c.errorMsg);
      return;
    }
    c.origin.reduceResolution(c.targetSchema);
    expectGoEqual(c.origin, c.target);
  });
});
