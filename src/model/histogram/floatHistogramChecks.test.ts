// Prometheus v3.14's TestFloatHistogramEquals, TestFloatHistogramSize,
// TestFloatHistogramString, TestFloatHistogramValidateNegativeHistogram,
// TestFloatHistogramReduceResolution and TestFloatHistogramTrimBucketsInPlace
// (model/histogram/float_histogram_test.go), transcribed case by case.
import { describe, expect, it } from 'vitest';
import { FloatHistogram } from './floatHistogram';
import { expectGoEqual, goFields } from './histogramTestUtil';
import { HistogramError } from './schema';
import { CUSTOM_BUCKETS_SCHEMA } from './types';

describe('FloatHistogram.equals (TestFloatHistogramEquals)', () => {
  const h1 = new FloatHistogram({
    schema: 3,
    count: 2.2,
    sum: 9.7,
    zeroThreshold: 0.1,
    zeroCount: 1.1,
    positiveBuckets: [3],
    negativeBuckets: [4],
  });
  const equals = (a: FloatHistogram, b: FloatHistogram): void => {
    expect(a.equals(b)).toBe(true);
    expect(b.equals(a)).toBe(true);
  };
  const notEquals = (a: FloatHistogram, b: FloatHistogram): void => {
    expect(a.equals(b)).toBe(false);
    expect(b.equals(a)).toBe(false);
  };

  it('equals its copy', () => equals(h1, h1.copy()));
  it.each([
    ['count', (h: FloatHistogram) => (h.count = NaN)],
    ['zero count', (h: FloatHistogram) => (h.zeroCount = NaN)],
    ['positive bucket', (h: FloatHistogram) => (h.positiveBuckets[0] = NaN)],
    ['negative bucket', (h: FloatHistogram) => (h.negativeBuckets[0] = NaN)],
  ])('a NaN %s differs, but equals itself', (_, set) => {
    const h = h1.copy();
    set(h);
    notEquals(h1, h);
    equals(h, h);
  });
  it('ignores custom bounds on an exponential schema', () => {
    const h = h1.copy();
    h.customValues = [1, 2, 3];
    equals(h1, h);
  });

  const cbh1 = new FloatHistogram({
    schema: CUSTOM_BUCKETS_SCHEMA,
    count: 2.2,
    sum: 9.7,
    positiveSpans: [{ offset: 0, length: 1 }],
    positiveBuckets: [3],
    customValues: [1, 2, 3],
  });
  it('custom buckets: equals its copy', () => {
    expect(cbh1.validate()).toBeUndefined();
    equals(cbh1, cbh1.copy());
  });
  it('custom buckets: different bounds differ', () => {
    const h = cbh1.copy();
    h.customValues = [1, 2, 3, 4];
    notEquals(cbh1, h);
  });
  it('custom buckets: negative spans and buckets differ', () => {
    const h = cbh1.copy();
    h.negativeSpans = [{ offset: 0, length: 1 }];
    h.negativeBuckets = [1];
    notEquals(cbh1, h);
  });
  it('custom buckets: a zero bucket differs', () => {
    const h = cbh1.copy();
    h.zeroThreshold = 0.1;
    h.zeroCount = 10;
    notEquals(cbh1, h);
  });
});

interface SizeCase {
  name: string;
  fh: FloatHistogram;
  expected: number;
}

const sizeCases: SizeCase[] = [
  {
    name: 'without spans and buckets',
    fh: new FloatHistogram({
      // 8 bytes.
      counterResetHint: 0,
      // 1 byte.
      schema: 1,
      // 4 bytes.
      zeroThreshold: 0.01,
      // 8 bytes.
      zeroCount: 5.5,
      // 8 bytes.
      count: 3493.3,
      // 8 bytes.
      sum: 2349209.324,
      // 8 bytes.
      positiveSpans: undefined,
      // 24 bytes.
      positiveBuckets: undefined,
      // 24 bytes.
      negativeSpans: undefined,
      // 24 bytes.
      negativeBuckets: undefined,
      // 24 bytes.
      customValues: undefined,
      // 24 bytes.
    }),
    expected: 8 + 4 + 4 + 8 + 8 + 8 + 8 + 24 + 24 + 24 + 24 + 24,
  },
  {
    name: 'complete struct',
    fh: new FloatHistogram({
      // 8 bytes.
      counterResetHint: 0,
      // 1 byte.
      schema: 1,
      // 4 bytes.
      zeroThreshold: 0.01,
      // 8 bytes.
      zeroCount: 5.5,
      // 8 bytes.
      count: 3493.3,
      // 8 bytes.
      sum: 2349209.324,
      // 8 bytes.
      positiveSpans: [
        // 24 bytes.
        { offset: -2, length: 1 },
        // 2 * 4 bytes.
        { offset: 2, length: 3 },
        //  2 * 4 bytes.
      ],
      positiveBuckets: [1, 3.3, 4.2, 0.1],
      // 24 bytes + 4 * 8 bytes.
      negativeSpans: [
        // 24 bytes.
        { offset: 3, length: 2 },
        // 2 * 4 bytes.
        { offset: 3, length: 2 },
        //  2 * 4 bytes.
      ],
      negativeBuckets: [3.1, 3, 1.234e5, 1000],
      // 24 bytes + 4 * 8 bytes.
      customValues: undefined,
      // 24 bytes.
    }),
    expected: 8 + 4 + 4 + 8 + 8 + 8 + 8 + (24 + 2 * 4 + 2 * 4) + (24 + 2 * 4 + 2 * 4) + (24 + 4 * 8) + (24 + 4 * 8) + 24,
  },
  {
    name: 'complete struct with custom buckets',
    fh: new FloatHistogram({
      // 8 bytes.
      counterResetHint: 0,
      // 1 byte.
      schema: CUSTOM_BUCKETS_SCHEMA,
      // 4 bytes.
      zeroThreshold: 0,
      // 8 bytes.
      zeroCount: 0,
      // 8 bytes.
      count: 3493.3,
      // 8 bytes.
      sum: 2349209.324,
      // 8 bytes.
      positiveSpans: [
        // 24 bytes.
        { offset: 0, length: 1 },
        // 2 * 4 bytes.
        { offset: 2, length: 3 },
        //  2 * 4 bytes.
      ],
      positiveBuckets: [1, 3.3, 4.2, 0.1],
      // 24 bytes + 4 * 8 bytes.
      negativeSpans: undefined,
      // 24 bytes.
      negativeBuckets: undefined,
      // 24 bytes.
      customValues: [1, 2, 3],
      // 24 bytes + 3 * 8 bytes.
    }),
    expected: 8 + 4 + 4 + 8 + 8 + 8 + 8 + (24 + 2 * 4 + 2 * 4) + (24 + 4 * 8) + 24 + 24 + (24 + 3 * 8),
  },
];

describe('FloatHistogram.size (TestFloatHistogramSize)', () => {
  it.each(sizeCases)('$name', (c) => {
    expect(c.fh.size()).toBe(c.expected);
  });
});

interface StringCase {
  name: string;
  fh: FloatHistogram;
  expected: string;
}

const stringCases: StringCase[] = [
  {
    name: 'exponential histogram',
    fh: new FloatHistogram({
      schema: 1,
      zeroThreshold: 0.01,
      zeroCount: 5.5,
      count: 3493.3,
      sum: 2349209.324,
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 3.3, 4.2, 0.1],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3.1, 3, 1.234e5, 1000],
    }),
    expected: '{count:3493.3, sum:2.349209324e+06, [-22.62741699796952,-16):1000, [-16,-11.31370849898476):123400, [-4,-2.82842712474619):3, [-2.82842712474619,-2):3.1, [-0.01,0.01]:5.5, (0.35355339059327373,0.5]:1, (1,1.414213562373095]:3.3, (1.414213562373095,2]:4.2, (2,2.82842712474619]:0.1}',
  },
  {
    name: 'custom buckets histogram',
    fh: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 3493.3,
      sum: 2349209.324,
      positiveSpans: [{ offset: 0, length: 1 }, { offset: 2, length: 4 }],
      positiveBuckets: [1, 3.3, 4.2, 0.1, 5],
      customValues: [1, 2, 5, 10, 15, 20],
    }),
    expected: '{count:3493.3, sum:2.349209324e+06, [-Inf,1]:1, (5,10]:3.3, (10,15]:4.2, (15,20]:0.1, (20,+Inf]:5}',
  },
];

describe('FloatHistogram.toString (TestFloatHistogramString)', () => {
  it.each(stringCases)('$name', (c) => {
    expect(c.fh.validate()).toBeUndefined();
    expect(c.fh.toString()).toBe(c.expected);
  });
});

interface NegativeCase {
  name: string;
  fh: FloatHistogram;
}

const negativeCases: NegativeCase[] = [
  {
    name: 'positive bucket with negative population',
    fh: new FloatHistogram({
      schema: 1,
      zeroThreshold: 0.01,
      zeroCount: 5.5,
      count: 3493.3,
      sum: 2349209.324,
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 3.3, -4.2, 0.1],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3.1, 3, 1.234e5, 1000],
    }),
  },
  {
    name: 'negative bucket with negative population',
    fh: new FloatHistogram({
      schema: 1,
      zeroThreshold: 0.01,
      zeroCount: 5.5,
      count: 3493.3,
      sum: 2349209.324,
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 3.3, 4.2, 0.1],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3.1, -3, 1.234e5, 1000],
    }),
  },
  {
    name: 'negative count',
    fh: new FloatHistogram({
      schema: 1,
      zeroThreshold: 0.01,
      zeroCount: 5.5,
      count: -3493.3,
      sum: 2349209.324,
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 3.3, 4.2, 0.1],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3.1, 3, 1.234e5, 1000],
    }),
  },
  {
    name: 'zero bucket with negative population',
    fh: new FloatHistogram({
      schema: 1,
      zeroThreshold: 0.01,
      zeroCount: -5.5,
      count: 3493.3,
      sum: 2349209.324,
      positiveSpans: [{ offset: -2, length: 1 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 3.3, 4.2, 0.1],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3.1, 3, 1.234e5, 1000],
    }),
  },
];

describe('FloatHistogram.validate refuses negative populations (TestFloatHistogramValidateNegativeHistogram)', () => {
  it.each(negativeCases)('$name', (c) => {
    expect(c.fh.validate()).toBeInstanceOf(HistogramError);
  });
});

interface ReduceCase {
  name: string;
  origin: FloatHistogram;
  targetSchema: number;
  target?: FloatHistogram;
  errorMsg?: string;
}

const reduceCases: ReduceCase[] = [
  {
    name: 'valid float histogram',
    origin: new FloatHistogram({
      schema: 0,
      positiveSpans: [{ offset: -2, length: 4 }, { offset: 0, length: 0 }, { offset: 3, length: 2 }],
      positiveBuckets: [1, 3, 1, 2, 1, 1],
      negativeSpans: [{ offset: 0, length: 4 }, { offset: 0, length: 0 }, { offset: 3, length: 2 }],
      negativeBuckets: [1, 3, 1, 2, 1, 1],
    }),
    targetSchema: -1,
    target: new FloatHistogram({
      schema: -1,
      positiveSpans: [{ offset: -1, length: 3 }, { offset: 1, length: 1 }],
      positiveBuckets: [1, 4, 2, 2],
      negativeSpans: [{ offset: 0, length: 3 }, { offset: 1, length: 1 }],
      negativeBuckets: [1, 4, 2, 2],
    }),
  },
  {
    name: 'not enough buckets',
    origin: new FloatHistogram({
      schema: 0,
      positiveSpans: [{ offset: -2, length: 4 }, { offset: 0, length: 0 }, { offset: 3, length: 2 }],
      positiveBuckets: [1, 3, 1, 2, 1],
    }),
    targetSchema: -1,
    errorMsg: 'have 5 buckets but spans need more: histogram spans specify different number of buckets than provided',
  },
  {
    name: 'too many buckets',
    origin: new FloatHistogram({
      schema: 0,
      positiveSpans: [{ offset: -2, length: 4 }, { offset: 0, length: 0 }, { offset: 3, length: 2 }],
      positiveBuckets: [1, 3, 1, 2, 1, 1, 5],
    }),
    targetSchema: -1,
    errorMsg: 'spans need 6 buckets, have 7 buckets: histogram spans specify different number of buckets than provided',
  },
  {
    name: 'negative offset',
    origin: new FloatHistogram({
      schema: 0,
      positiveSpans: [{ offset: -2, length: 4 }, { offset: -1, length: 0 }, { offset: 3, length: 2 }],
      positiveBuckets: [1, 3, 1, 2, 1, 1],
    }),
    targetSchema: -1,
    errorMsg: 'span number 2 with offset -1: histogram has a span whose offset is negative',
  },
];

describe('FloatHistogram.reduceResolution (TestFloatHistogramReduceResolution)', () => {
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

describe('FloatHistogram.trimBuckets in place (TestFloatHistogramTrimBucketsInPlace)', () => {
  // Schema 0 with buckets straddling a trim point of 4; upper bounds 1, 2, 4, 8.
  const newHist = (): FloatHistogram =>
    new FloatHistogram({ schema: 0, count: 30, sum: 100, positiveSpans: [{ offset: 0, length: 4 }], positiveBuckets: [5, 5, 10, 10] });

  it('mutates the receiver and returns it', () => {
    const h = newHist();
    expect(h.trimBuckets(4, true)).toBe(h);
    expect(goFields(h)).not.toEqual(goFields(newHist()));
  });
  it('copy preserves the original', () => {
    const h = newHist();
    const trimmed = h.copy().trimBuckets(4, true);
    expectGoEqual(h, newHist());
    expect(goFields(trimmed)).not.toEqual(goFields(h));
  });
});
