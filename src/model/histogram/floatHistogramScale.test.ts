// Prometheus v3.14's TestFloatHistogramMul, TestFloatHistogramDiv,
// TestFloatHistogramCopy, TestFloatHistogramCopyTo and
// TestFloatHistogramCopyToSchema (model/histogram/float_histogram_test.go),
// transcribed case by case.
import { describe, expect, it } from 'vitest';
import { FloatHistogram } from './floatHistogram';
import { expectGoEqual } from './histogramTestUtil';
import { CounterResetHint, CUSTOM_BUCKETS_SCHEMA } from './types';

interface ScaleCase {
  name: string;
  in: FloatHistogram;
  scale: number;
  expected: FloatHistogram;
}

const mulCases: ScaleCase[] = [
  {
    name: 'zero value',
    in: new FloatHistogram(),
    scale: 3.1415,
    expected: new FloatHistogram(),
  },
  {
    name: 'zero multiplier',
    in: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 5.5,
      count: 3493.3,
      sum: 2349209.324,
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 3.3, 4.2, 0.1],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3.1, 3, 1.234e5, 1000],
    }),
    scale: 0,
    expected: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 0,
      count: 0,
      sum: 0,
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [0, 0, 0, 0],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [0, 0, 0, 0],
    }),
  },
  {
    name: 'no-op',
    in: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 5.5,
      count: 3493.3,
      sum: 2349209.324,
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 3.3, 4.2, 0.1],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3.1, 3, 1.234e5, 1000],
    }),
    scale: 1,
    expected: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 5.5,
      count: 3493.3,
      sum: 2349209.324,
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 3.3, 4.2, 0.1],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3.1, 3, 1.234e5, 1000],
    }),
  },
  {
    name: 'double',
    in: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 5.5,
      count: 3493.3,
      sum: 2349209.324,
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 3.3, 4.2, 0.1],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3.1, 3, 1.234e5, 1000],
    }),
    scale: 2,
    expected: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 3493.3 * 2,
      sum: 2349209.324 * 2,
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [2, 6.6, 8.4, 0.2],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [6.2, 6, 1.234e5 * 2, 2000],
    }),
  },
  {
    name: 'triple',
    in: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 30,
      sum: 23,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3, 1, 5, 6],
    }),
    scale: 3,
    expected: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 33,
      count: 90,
      sum: 69,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [3, 0, 9, 12, 21],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [9, 3, 15, 18],
    }),
  },
  {
    name: 'negation',
    in: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 30,
      sum: 23,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3, 1, 5, 6],
    }),
    scale: -1,
    expected: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: -11,
      count: -30,
      sum: -23,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [-1, 0, -3, -4, -7],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [-3, -1, -5, -6],
      counterResetHint: CounterResetHint.Gauge,
    }),
  },
  {
    name: 'negative multiplier',
    in: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 30,
      sum: 23,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3, 1, 5, 6],
    }),
    scale: -2,
    expected: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: -22,
      count: -60,
      sum: -46,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [-2, 0, -6, -8, -14],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [-6, -2, -10, -12],
      counterResetHint: CounterResetHint.Gauge,
    }),
  },
  {
    name: 'no-op with custom buckets',
    in: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 3493.3,
      sum: 2349209.324,
      positiveSpans: [{ offset: 0, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 3.3, 4.2, 0.1],
      customValues: [1, 2, 3],
    }),
    scale: 1,
    expected: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 3493.3,
      sum: 2349209.324,
      positiveSpans: [{ offset: 0, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 3.3, 4.2, 0.1],
      customValues: [1, 2, 3],
    }),
  },
  {
    name: 'triple with custom buckets',
    in: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 30,
      sum: 23,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      customValues: [1, 2, 3, 4],
    }),
    scale: 3,
    expected: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 90,
      sum: 69,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [3, 0, 9, 12, 21],
      customValues: [1, 2, 3, 4],
    }),
  },
];

const divCases: ScaleCase[] = [
  {
    name: 'zero value',
    in: new FloatHistogram(),
    scale: 3.1415,
    expected: new FloatHistogram(),
  },
  {
    name: 'zero divisor',
    in: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 5.5,
      count: 3493.3,
      sum: 2349209.324,
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 3.3, 4.2, 0.1],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3.1, 3, 1.234e5, 1000],
    }),
    scale: 0,
    expected: new FloatHistogram({
      zeroThreshold: 0.01,
      count: Infinity,
      sum: Infinity,
      zeroCount: Infinity,
    }),
  },
  {
    name: 'no-op',
    in: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 5.5,
      count: 3493.3,
      sum: 2349209.324,
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 3.3, 4.2, 0.1],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3.1, 3, 1.234e5, 1000],
    }),
    scale: 1,
    expected: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 5.5,
      count: 3493.3,
      sum: 2349209.324,
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 3.3, 4.2, 0.1],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3.1, 3, 1.234e5, 1000],
    }),
  },
  {
    name: 'half',
    in: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 30,
      sum: 23,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3, 1, 5, 6],
    }),
    scale: 2,
    expected: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 5.5,
      count: 15,
      sum: 11.5,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [0.5, 0, 1.5, 2, 3.5],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [1.5, 0.5, 2.5, 3],
    }),
  },
  {
    name: 'negation',
    in: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 5.5,
      count: 3493.3,
      sum: 2349209.324,
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 3.3, 4.2, 0.1],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3.1, 3, 1.234e5, 1000],
    }),
    scale: -1,
    expected: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: -5.5,
      count: -3493.3,
      sum: -2349209.324,
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [-1, -3.3, -4.2, -0.1],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [-3.1, -3, -1.234e5, -1000],
      counterResetHint: CounterResetHint.Gauge,
    }),
  },
  {
    name: 'negative half',
    in: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 30,
      sum: 23,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3, 1, 5, 6],
    }),
    scale: -2,
    expected: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: -5.5,
      count: -15,
      sum: -11.5,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [-0.5, 0, -1.5, -2, -3.5],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [-1.5, -0.5, -2.5, -3],
      counterResetHint: CounterResetHint.Gauge,
    }),
  },
  {
    name: 'no-op with custom buckets',
    in: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 3493.3,
      sum: 2349209.324,
      positiveSpans: [{ offset: 0, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 3.3, 4.2, 0.1],
      customValues: [1, 2, 3],
    }),
    scale: 1,
    expected: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 3493.3,
      sum: 2349209.324,
      positiveSpans: [{ offset: 0, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 3.3, 4.2, 0.1],
      customValues: [1, 2, 3],
    }),
  },
  {
    name: 'half with custom buckets',
    in: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 30,
      sum: 23,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      customValues: [1, 2, 3, 4],
    }),
    scale: 2,
    expected: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 15,
      sum: 11.5,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [0.5, 0, 1.5, 2, 3.5],
      customValues: [1, 2, 3, 4],
    }),
  },
]
;

describe('FloatHistogram.mul (TestFloatHistogramMul)', () => {
  it.each(mulCases)('$name', (c) => {
    expectGoEqual(c.in.mul(c.scale), c.expected);
    // Has it also happened in-place?
    expectGoEqual(c.in, c.expected);
  });
});

describe('FloatHistogram.div (TestFloatHistogramDiv)', () => {
  it.each(divCases)('$name', (c) => {
    expectGoEqual(c.in.div(c.scale), c.expected);
    expectGoEqual(c.in, c.expected);
  });
});

interface CopyCase {
  name: string;
  orig: FloatHistogram;
  expected: FloatHistogram;
}

const copyCases: CopyCase[] = [
  {
    name: 'without buckets',
    orig: new FloatHistogram(),
    expected: new FloatHistogram(),
  },
  {
    name: 'with buckets',
    orig: new FloatHistogram({
      positiveSpans: [{ offset: -2, length: 1 }],
      positiveBuckets: [1, 3, -3, 42],
      negativeSpans: [{ offset: 3, length: 2 }],
      negativeBuckets: [5, 3, 1.234e5, 1000],
    }),
    expected: new FloatHistogram({
      positiveSpans: [{ offset: -2, length: 1 }],
      positiveBuckets: [1, 3, -3, 42],
      negativeSpans: [{ offset: 3, length: 2 }],
      negativeBuckets: [5, 3, 1.234e5, 1000],
    }),
  },
  {
    name: 'with empty buckets and non empty capacity',
    orig: new FloatHistogram({
      positiveSpans: [],
      positiveBuckets: [],
      negativeSpans: [],
      negativeBuckets: [],
    }),
    expected: new FloatHistogram(),
  },
  {
    name: 'with custom buckets',
    orig: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: 0, length: 1 }],
      positiveBuckets: [1, 3, -3, 42],
      customValues: [1, 2, 3],
    }),
    expected: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: 0, length: 1 }],
      positiveBuckets: [1, 3, -3, 42],
      customValues: [1, 2, 3],
    }),
  },
];

const copyToCases: CopyCase[] = [
  {
    name: 'without buckets',
    orig: new FloatHistogram(),
    expected: new FloatHistogram(),
  },
  {
    name: 'with buckets',
    orig: new FloatHistogram({
      positiveSpans: [{ offset: -2, length: 1 }],
      positiveBuckets: [1, 3, -3, 42],
      negativeSpans: [{ offset: 3, length: 2 }],
      negativeBuckets: [5, 3, 1.234e5, 1000],
    }),
    expected: new FloatHistogram({
      positiveSpans: [{ offset: -2, length: 1 }],
      positiveBuckets: [1, 3, -3, 42],
      negativeSpans: [{ offset: 3, length: 2 }],
      negativeBuckets: [5, 3, 1.234e5, 1000],
    }),
  },
  {
    name: 'with empty buckets and non empty capacity',
    orig: new FloatHistogram({
      positiveSpans: [],
      positiveBuckets: [],
      negativeSpans: [],
      negativeBuckets: [],
    }),
    expected: new FloatHistogram(),
  },
  {
    name: 'with custom buckets',
    orig: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: 0, length: 1 }],
      positiveBuckets: [1, 3, -3, 42],
      customValues: [1, 2, 3],
    }),
    expected: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: 0, length: 1 }],
      positiveBuckets: [1, 3, -3, 42],
      customValues: [1, 2, 3],
    }),
  },
];

/** assertDeepCopyFHSpans: the copy's spans are its own, not the original's. */
function expectOwnSpans(orig: FloatHistogram, copy: FloatHistogram, expected: FloatHistogram): void {
  if (orig.positiveSpans.length > 0) {
    orig.positiveSpans[0].offset++;
    expect(copy.positiveSpans).toEqual(expected.positiveSpans);
  }
  if (orig.negativeSpans.length > 0) {
    orig.negativeSpans[0].offset++;
    expect(copy.negativeSpans).toEqual(expected.negativeSpans);
  }
}

describe('FloatHistogram.copy (TestFloatHistogramCopy)', () => {
  it.each(copyCases)('$name', (c) => {
    const hCopy = c.orig.copy();
    c.orig.sum++;
    expectGoEqual(hCopy, c.expected);
    expectOwnSpans(c.orig, hCopy, c.expected);
  });
});

describe('FloatHistogram.copyTo (TestFloatHistogramCopyTo)', () => {
  it.each(copyToCases)('$name', (c) => {
    const hCopy = new FloatHistogram();
    c.orig.copyTo(hCopy);
    c.orig.sum++;
    expectGoEqual(hCopy, c.expected);
    expectOwnSpans(c.orig, hCopy, c.expected);
  });
});

interface CopyToSchemaCase {
  name: string;
  targetSchema: number;
  in: FloatHistogram;
  expected: FloatHistogram;
}

const copyToSchemaCases: CopyToSchemaCase[] = [
  {
    name: 'no schema change',
    targetSchema: 1,
    in: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 30,
      sum: 2.345,
      schema: 1,
      positiveSpans: [{ offset: -4, length: 3 }, { offset: 5, length: 5 }],
      positiveBuckets: [1, 0, 0, 3, 2, 2, 3, 4],
      negativeSpans: [{ offset: 6, length: 3 }, { offset: 6, length: 4 }],
      negativeBuckets: [3, 0.5, 0.5, 2, 3, 2, 4],
    }),
    expected: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 30,
      sum: 2.345,
      schema: 1,
      positiveSpans: [{ offset: -4, length: 3 }, { offset: 5, length: 5 }],
      positiveBuckets: [1, 0, 0, 3, 2, 2, 3, 4],
      negativeSpans: [{ offset: 6, length: 3 }, { offset: 6, length: 4 }],
      negativeBuckets: [3, 0.5, 0.5, 2, 3, 2, 4],
    }),
  },
  {
    name: 'schema change',
    targetSchema: 0,
    in: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 30,
      sum: 2.345,
      schema: 1,
      positiveSpans: [{ offset: -4, length: 3 }, { offset: 5, length: 5 }],
      positiveBuckets: [1, 0, 0, 3, 2, 2, 3, 4],
      negativeSpans: [{ offset: 6, length: 3 }, { offset: 6, length: 4 }],
      negativeBuckets: [3, 0.5, 0.5, 2, 3, 2, 4],
    }),
    expected: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 30,
      sum: 2.345,
      schema: 0,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3, 1, 5, 6],
    }),
  },
  {
    name: 'no schema change for custom buckets',
    targetSchema: CUSTOM_BUCKETS_SCHEMA,
    in: new FloatHistogram({
      count: 30,
      sum: 2.345,
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: 0, length: 3 }, { offset: 5, length: 5 }],
      positiveBuckets: [1, 0, 0, 3, 2, 2, 3, 4],
      customValues: [1, 2, 3, 4, 5, 6, 7],
    }),
    expected: new FloatHistogram({
      count: 30,
      sum: 2.345,
      schema: CUSTOM_BUCKETS_SCHEMA,
      positiveSpans: [{ offset: 0, length: 3 }, { offset: 5, length: 5 }],
      positiveBuckets: [1, 0, 0, 3, 2, 2, 3, 4],
      customValues: [1, 2, 3, 4, 5, 6, 7],
    }),
  },
];

describe('FloatHistogram.copyToSchema (TestFloatHistogramCopyToSchema)', () => {
  it.each(copyToSchemaCases)('$name', (c) => {
    const inCopy = c.in.copy();
    expectGoEqual(c.in.copyToSchema(c.targetSchema), c.expected);
    // The receiver is not mutated.
    expectGoEqual(c.in, inCopy);
  });
});
