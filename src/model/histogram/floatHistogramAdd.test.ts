// Prometheus v3.14's TestFloatHistogramAdd, TestKahanAddWithCompHistogram and
// TestFloatHistogramSub (model/histogram/float_histogram_test.go), transcribed
// case by case, with Go's helpers testHistogramAdd, testHistogramKahanAdd and
// testFloatHistogramSub.
import { describe, expect, it } from 'vitest';
import { FloatHistogram } from './floatHistogram';
import { expectGoEqual } from './histogramTestUtil';
import { CounterResetHint, CUSTOM_BUCKETS_SCHEMA } from './types';

interface AddCase {
  name: string;
  in1: FloatHistogram;
  in2: FloatHistogram;
  expected?: FloatHistogram;
  expErrMsg?: string;
  expCounterResetCollision?: boolean;
  expNHCBBoundsReconciled?: boolean;
}

interface KahanAddCase {
  name: string;
  in1: FloatHistogram;
  comp?: FloatHistogram;
  in2: FloatHistogram;
  expectedSum?: FloatHistogram;
  expErrMsg?: string;
  expCounterResetCollision?: boolean;
  expNHCBBoundsReconciled?: boolean;
}

function testHistogramAdd(a: FloatHistogram, b: FloatHistogram, c: AddCase, sub: boolean, expected = c.expected): void {
  expect(a.validate(), 'a').toBeUndefined();
  expect(b.validate(), 'b').toBeUndefined();
  const aCopy = a.copy();
  const bCopy = b.copy();
  const r = sub ? aCopy.sub(bCopy) : aCopy.add(bCopy);
  expect(r.err?.message).toBe(c.expErrMsg || undefined);
  expect(r.counterResetCollision).toBe(c.expCounterResetCollision ?? false);
  expect(r.nhcbBoundsReconciled).toBe(c.expNHCBBoundsReconciled ?? false);
  if (expected !== undefined) {
    aCopy.compact(0);
    // Has it happened in place, compacted as the expectation is?
    expectGoEqual(aCopy, expected.copy().compact(0));
    // The argument was not mutated.
    expectGoEqual(bCopy, b);
  }
}

function testHistogramKahanAdd(a: FloatHistogram, comp: FloatHistogram | undefined, b: FloatHistogram, c: Omit<KahanAddCase, 'name' | 'in1' | 'in2' | 'comp'>): void {
  const aCopy = a.copy();
  const bCopy = b.copy();
  const r = aCopy.kahanAdd(bCopy, comp?.copy());
  expect(r.err?.message).toBe(c.expErrMsg || undefined);
  if (r.c !== undefined) {
    // aCopy and its compensation histogram share a layout after the addition.
    expect(r.c.schema).toBe(aCopy.schema);
    expect(r.c.zeroThreshold).toBe(aCopy.zeroThreshold);
    expect(r.c.positiveSpans).toEqual(aCopy.positiveSpans);
    expect(r.c.negativeSpans).toEqual(aCopy.negativeSpans);
    expect(r.c.customValues?.length ?? 0).toBe(aCopy.customValues?.length ?? 0);
    expect(r.c.positiveBuckets.length).toBe(aCopy.positiveBuckets.length);
    expect(r.c.negativeBuckets.length).toBe(aCopy.negativeBuckets.length);
    expect(aCopy.add(r.c).err?.message).toBe(c.expErrMsg || undefined);
  }
  expect(r.counterResetCollision).toBe(c.expCounterResetCollision ?? false);
  expect(r.nhcbBoundsReconciled).toBe(c.expNHCBBoundsReconciled ?? false);
  if (c.expectedSum !== undefined) {
    aCopy.compact(0);
    expectGoEqual(aCopy, c.expectedSum.copy().compact(0));
    expectGoEqual(bCopy, b);
  }
}

const addCases: AddCase[] = [
  {
    name: 'same bucket layout',
    in1: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 30,
      sum: 2.345,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3, 1, 5, 6],
    }),
    in2: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 8,
      count: 21,
      sum: 1.234,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [0, 0, 2, 3, 6],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [1, 1, 4, 4],
    }),
    expected: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 19,
      count: 51,
      sum: 3.579,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [1, 0, 5, 7, 13],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [4, 2, 9, 10],
    }),
  },
  {
    name: 'same bucket layout, defined differently',
    in1: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 30,
      sum: 2.345,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 1, length: 1 }, { offset: 0, length: 2 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3, 1, 5, 6],
    }),
    in2: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 8,
      count: 21,
      sum: 1.234,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 1, length: 2 }, { offset: 0, length: 1 }],
      positiveBuckets: [0, 0, 2, 3, 6],
      negativeSpans: [{ offset: 3, length: 7 }],
      negativeBuckets: [1, 1, 0, 0, 0, 4, 4],
    }),
    expected: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 19,
      count: 51,
      sum: 3.579,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 1, length: 1 }, { offset: 0, length: 2 }],
      positiveBuckets: [1, 0, 5, 7, 13],
      negativeSpans: [{ offset: 3, length: 5 }, { offset: 0, length: 2 }],
      negativeBuckets: [4, 2, 0, 0, 0, 9, 10],
    }),
  },
  {
    name: 'non-overlapping spans',
    in1: new FloatHistogram({
      zeroThreshold: 0.001,
      zeroCount: 11,
      count: 30,
      sum: 2.345,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3, 1, 5, 6],
    }),
    in2: new FloatHistogram({
      zeroThreshold: 0.001,
      zeroCount: 8,
      count: 21,
      sum: 1.234,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 3, length: 3 }],
      positiveBuckets: [5, 4, 2, 3, 6],
      negativeSpans: [{ offset: -9, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [1, 1, 4, 4],
    }),
    expected: new FloatHistogram({
      zeroThreshold: 0.001,
      zeroCount: 19,
      count: 51,
      sum: 3.579,
      positiveSpans: [{ offset: -2, length: 4 }, { offset: 0, length: 6 }],
      positiveBuckets: [1, 0, 5, 4, 3, 4, 7, 2, 3, 6],
      negativeSpans: [
        { offset: -9, length: 2 },
        { offset: 3, length: 2 },
        { offset: 5, length: 2 },
        { offset: 3, length: 2 },
      ],
      negativeBuckets: [1, 1, 4, 4, 3, 1, 5, 6],
    }),
  },
  {
    name: 'non-overlapping spans inverted order',
    in1: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 8,
      count: 21,
      sum: 1.234,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 3, length: 3 }],
      positiveBuckets: [5, 4, 2, 3, 6],
      negativeSpans: [{ offset: -6, length: 2 }, { offset: 1, length: 2 }],
      negativeBuckets: [1, 1, 4, 4],
    }),
    in2: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 30,
      sum: 2.345,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3, 1, 5, 6],
    }),
    expected: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 19,
      count: 51,
      sum: 3.579,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 0, length: 5 }, { offset: 0, length: 3 }],
      positiveBuckets: [1, 0, 5, 4, 3, 4, 7, 2, 3, 6],
      negativeSpans: [
        { offset: -6, length: 2 },
        { offset: 1, length: 2 },
        { offset: 4, length: 2 },
        { offset: 3, length: 2 },
      ],
      negativeBuckets: [1, 1, 4, 4, 3, 1, 5, 6],
    }),
  },
  {
    name: 'overlapping spans',
    in1: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 30,
      sum: 2.345,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3, 1, 5, 6],
    }),
    in2: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 8,
      count: 21,
      sum: 1.234,
      positiveSpans: [{ offset: -1, length: 4 }, { offset: 0, length: 3 }],
      positiveBuckets: [5, 4, 2, 3, 6, 2, 5],
      negativeSpans: [{ offset: 4, length: 2 }, { offset: 1, length: 2 }],
      negativeBuckets: [1, 1, 4, 4],
    }),
    expected: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 19,
      count: 51,
      sum: 3.579,
      positiveSpans: [{ offset: -2, length: 4 }, { offset: 0, length: 4 }],
      positiveBuckets: [1, 5, 4, 2, 6, 10, 9, 5],
      negativeSpans: [{ offset: 3, length: 3 }, { offset: 1, length: 3 }],
      negativeBuckets: [3, 2, 1, 4, 9, 6],
    }),
  },
  {
    name: 'overlapping spans inverted order',
    in1: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 8,
      count: 21,
      sum: 1.234,
      positiveSpans: [{ offset: -1, length: 4 }, { offset: 0, length: 3 }],
      positiveBuckets: [5, 4, 2, 3, 6, 2, 5],
      negativeSpans: [{ offset: 4, length: 2 }, { offset: 1, length: 2 }],
      negativeBuckets: [1, 1, 4, 4],
    }),
    in2: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 30,
      sum: 2.345,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3, 1, 5, 6],
    }),
    expected: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 19,
      count: 51,
      sum: 3.579,
      positiveSpans: [{ offset: -2, length: 5 }, { offset: 0, length: 3 }],
      positiveBuckets: [1, 5, 4, 2, 6, 10, 9, 5],
      negativeSpans: [{ offset: 3, length: 3 }, { offset: 1, length: 3 }],
      negativeBuckets: [3, 2, 1, 4, 9, 6],
    }),
  },
  {
    name: 'schema change',
    in1: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 8,
      count: 21,
      sum: 1.234,
      schema: 0,
      positiveSpans: [{ offset: -1, length: 4 }, { offset: 0, length: 3 }],
      positiveBuckets: [5, 4, 2, 3, 6, 2, 5],
      negativeSpans: [{ offset: 4, length: 2 }, { offset: 1, length: 2 }],
      negativeBuckets: [1, 1, 4, 4],
    }),
    in2: new FloatHistogram({
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
      zeroCount: 19,
      count: 51,
      sum: 3.579,
      positiveSpans: [{ offset: -2, length: 5 }, { offset: 0, length: 3 }],
      positiveBuckets: [1, 5, 4, 2, 6, 10, 9, 5],
      negativeSpans: [{ offset: 3, length: 3 }, { offset: 1, length: 3 }],
      negativeBuckets: [3, 2, 1, 4, 9, 6],
    }),
  },
  {
    name: 'larger zero bucket in first histogram',
    in1: new FloatHistogram({
      zeroThreshold: 1,
      zeroCount: 17,
      count: 21,
      sum: 1.234,
      positiveSpans: [{ offset: 1, length: 2 }, { offset: 0, length: 3 }],
      positiveBuckets: [2, 3, 6, 2, 5],
      negativeSpans: [{ offset: 4, length: 2 }, { offset: 1, length: 2 }],
      negativeBuckets: [1, 1, 4, 4],
    }),
    in2: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 30,
      sum: 2.345,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3, 1, 5, 6],
    }),
    expected: new FloatHistogram({
      zeroThreshold: 1,
      zeroCount: 29,
      count: 51,
      sum: 3.579,
      positiveSpans: [{ offset: 1, length: 2 }, { offset: 0, length: 3 }],
      positiveBuckets: [2, 6, 10, 9, 5],
      negativeSpans: [{ offset: 3, length: 3 }, { offset: 1, length: 3 }],
      negativeBuckets: [3, 2, 1, 4, 9, 6],
    }),
  },
  {
    name: 'larger zero bucket in second histogram',
    in1: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 30,
      sum: 2.345,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3, 1, 5, 6],
    }),
    in2: new FloatHistogram({
      zeroThreshold: 1,
      zeroCount: 17,
      count: 21,
      sum: 1.234,
      positiveSpans: [{ offset: 1, length: 2 }, { offset: 0, length: 3 }],
      positiveBuckets: [2, 3, 6, 2, 5],
      negativeSpans: [{ offset: 4, length: 2 }, { offset: 1, length: 2 }],
      negativeBuckets: [1, 1, 4, 4],
    }),
    expected: new FloatHistogram({
      zeroThreshold: 1,
      zeroCount: 29,
      count: 51,
      sum: 3.579,
      positiveSpans: [{ offset: 1, length: 5 }],
      positiveBuckets: [2, 6, 10, 9, 5],
      negativeSpans: [{ offset: 3, length: 3 }, { offset: 1, length: 3 }],
      negativeBuckets: [3, 2, 1, 4, 9, 6],
    }),
  },
  {
    name: 'larger zero threshold in first histogram ends up inside a populated bucket of second histogram',
    in1: new FloatHistogram({
      zeroThreshold: 0.2,
      zeroCount: 17,
      count: 21,
      sum: 1.234,
      positiveSpans: [{ offset: 1, length: 2 }, { offset: 0, length: 3 }],
      positiveBuckets: [2, 3, 6, 2, 5],
      negativeSpans: [{ offset: 4, length: 2 }, { offset: 1, length: 2 }],
      negativeBuckets: [1, 1, 4, 4],
    }),
    in2: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 30,
      sum: 2.345,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3, 1, 5, 6],
    }),
    expected: new FloatHistogram({
      zeroThreshold: 0.25,
      zeroCount: 29,
      count: 51,
      sum: 3.579,
      positiveSpans: [{ offset: -1, length: 1 }, { offset: 1, length: 5 }],
      positiveBuckets: [0, 2, 6, 10, 9, 5],
      negativeSpans: [{ offset: 3, length: 3 }, { offset: 1, length: 3 }],
      negativeBuckets: [3, 2, 1, 4, 9, 6],
    }),
  },
  {
    name: 'larger zero threshold in second histogram ends up inside a populated bucket of first histogram',
    in1: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 30,
      sum: 2.345,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3, 1, 5, 6],
    }),
    in2: new FloatHistogram({
      zeroThreshold: 0.2,
      zeroCount: 17,
      count: 21,
      sum: 1.234,
      positiveSpans: [{ offset: 1, length: 2 }, { offset: 0, length: 3 }],
      positiveBuckets: [2, 3, 6, 2, 5],
      negativeSpans: [{ offset: 4, length: 2 }, { offset: 1, length: 2 }],
      negativeBuckets: [1, 1, 4, 4],
    }),
    expected: new FloatHistogram({
      zeroThreshold: 0.25,
      zeroCount: 29,
      count: 51,
      sum: 3.579,
      positiveSpans: [{ offset: 1, length: 5 }],
      positiveBuckets: [2, 6, 10, 9, 5],
      negativeSpans: [{ offset: 3, length: 3 }, { offset: 1, length: 3 }],
      negativeBuckets: [3, 2, 1, 4, 9, 6],
    }),
  },
  {
    name: 'schema change combined with larger zero bucket in second histogram',
    in1: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 8,
      count: 21,
      sum: 1.234,
      schema: 0,
      positiveSpans: [{ offset: -2, length: 5 }, { offset: 0, length: 3 }],
      positiveBuckets: [2, 5, 4, 2, 3, 6, 2, 5],
      negativeSpans: [{ offset: 4, length: 2 }, { offset: 1, length: 2 }],
      negativeBuckets: [1, 1, 4, 4],
    }),
    in2: new FloatHistogram({
      zeroThreshold: 0.25,
      zeroCount: 12,
      count: 30,
      sum: 2.345,
      schema: 1,
      positiveSpans: [{ offset: -3, length: 2 }, { offset: 5, length: 5 }],
      positiveBuckets: [1, 0, 3, 2, 2, 3, 4],
      negativeSpans: [{ offset: 6, length: 3 }, { offset: 6, length: 4 }],
      negativeBuckets: [3, 0.5, 0.5, 2, 3, 2, 4],
    }),
    expected: new FloatHistogram({
      zeroThreshold: 0.25,
      zeroCount: 22,
      count: 51,
      sum: 3.579,
      positiveSpans: [{ offset: -1, length: 7 }],
      positiveBuckets: [6, 4, 2, 6, 10, 9, 5],
      negativeSpans: [{ offset: 3, length: 3 }, { offset: 1, length: 3 }],
      negativeBuckets: [3, 2, 1, 4, 9, 6],
    }),
  },
  {
    name: 'schema change combined with larger zero bucket in first histogram',
    in1: new FloatHistogram({
      zeroThreshold: 0.25,
      zeroCount: 8,
      count: 21,
      sum: 1.234,
      schema: 0,
      positiveSpans: [{ offset: -1, length: 4 }, { offset: 0, length: 3 }],
      positiveBuckets: [5, 4, 2, 3, 6, 2, 5],
      negativeSpans: [{ offset: 4, length: 2 }, { offset: 1, length: 2 }],
      negativeBuckets: [1, 1, 4, 4],
    }),
    in2: new FloatHistogram({
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
      zeroThreshold: 0.25,
      zeroCount: 20,
      count: 51,
      sum: 3.579,
      positiveSpans: [{ offset: -1, length: 4 }, { offset: 0, length: 3 }],
      positiveBuckets: [5, 4, 2, 6, 10, 9, 5],
      negativeSpans: [{ offset: 3, length: 3 }, { offset: 1, length: 3 }],
      negativeBuckets: [3, 2, 1, 4, 9, 6],
    }),
  },
  {
    name: 'same custom bucket layout',
    in1: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 15,
      sum: 2.345,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      customValues: [1, 2, 3, 4, 5],
    }),
    in2: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 11,
      sum: 1.234,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [0, 0, 2, 3, 6],
      customValues: [1, 2, 3, 4, 5],
    }),
    expected: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 26,
      sum: 3.579,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [1, 0, 5, 7, 13],
      customValues: [1, 2, 3, 4, 5],
    }),
  },
  {
    name: 'same custom bucket layout, defined differently',
    in1: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 15,
      sum: 2.345,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 1 }, { offset: 0, length: 2 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      customValues: [1, 2, 3, 4, 5],
    }),
    in2: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 11,
      sum: 1.234,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 2 }, { offset: 0, length: 1 }],
      positiveBuckets: [0, 0, 2, 3, 6],
      customValues: [1, 2, 3, 4, 5],
    }),
    expected: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 26,
      sum: 3.579,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 1 }, { offset: 0, length: 2 }],
      positiveBuckets: [1, 0, 5, 7, 13],
      customValues: [1, 2, 3, 4, 5],
    }),
  },
  {
    name: 'non-overlapping spans with custom buckets',
    in1: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 15,
      sum: 2.345,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      customValues: [1, 2, 3, 4, 5, 6, 7, 8, 9],
    }),
    in2: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 20,
      sum: 1.234,
      positiveSpans: [{ offset: 2, length: 2 }, { offset: 3, length: 3 }],
      positiveBuckets: [5, 4, 2, 3, 6],
      customValues: [1, 2, 3, 4, 5, 6, 7, 8, 9],
    }),
    expected: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 35,
      sum: 3.579,
      positiveSpans: [{ offset: 0, length: 4 }, { offset: 0, length: 6 }],
      positiveBuckets: [1, 0, 5, 4, 3, 4, 7, 2, 3, 6],
      customValues: [1, 2, 3, 4, 5, 6, 7, 8, 9],
    }),
  },
  {
    name: 'non-overlapping spans inverted order with custom buckets',
    in1: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 20,
      sum: 1.234,
      positiveSpans: [{ offset: 2, length: 2 }, { offset: 3, length: 3 }],
      positiveBuckets: [5, 4, 2, 3, 6],
      customValues: [1, 2, 3, 4, 5, 6, 7, 8, 9],
    }),
    in2: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 15,
      sum: 2.345,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      customValues: [1, 2, 3, 4, 5, 6, 7, 8, 9],
    }),
    expected: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 35,
      sum: 3.579,
      positiveSpans: [{ offset: 0, length: 4 }, { offset: 0, length: 6 }],
      positiveBuckets: [1, 0, 5, 4, 3, 4, 7, 2, 3, 6],
      customValues: [1, 2, 3, 4, 5, 6, 7, 8, 9],
    }),
  },
  {
    name: 'overlapping spans with custom buckets',
    in1: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 15,
      sum: 2.345,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      customValues: [1, 2, 3, 4, 5, 6, 7],
    }),
    in2: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 27,
      sum: 1.234,
      positiveSpans: [{ offset: 1, length: 4 }, { offset: 0, length: 3 }],
      positiveBuckets: [5, 4, 2, 3, 6, 2, 5],
      customValues: [1, 2, 3, 4, 5, 6, 7],
    }),
    expected: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 42,
      sum: 3.579,
      positiveSpans: [{ offset: 0, length: 4 }, { offset: 0, length: 4 }],
      positiveBuckets: [1, 5, 4, 2, 6, 10, 9, 5],
      customValues: [1, 2, 3, 4, 5, 6, 7],
    }),
  },
  {
    name: 'overlapping spans inverted order with custom buckets',
    in1: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 27,
      sum: 1.234,
      positiveSpans: [{ offset: 1, length: 4 }, { offset: 0, length: 3 }],
      positiveBuckets: [5, 4, 2, 3, 6, 2, 5],
      customValues: [1, 2, 3, 4, 5, 6, 7],
    }),
    in2: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 15,
      sum: 2.345,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      customValues: [1, 2, 3, 4, 5, 6, 7],
    }),
    expected: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 42,
      sum: 3.579,
      positiveSpans: [{ offset: 0, length: 4 }, { offset: 0, length: 4 }],
      positiveBuckets: [1, 5, 4, 2, 6, 10, 9, 5],
      customValues: [1, 2, 3, 4, 5, 6, 7],
    }),
  },
  {
    name: 'custom buckets with partial intersection',
    in1: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 10,
      sum: 100,
      positiveSpans: [{ offset: 0, length: 3 }],
      positiveBuckets: [2, 3, 5],
      customValues: [1, 2.5],
    }),
    in2: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 8,
      sum: 80,
      positiveSpans: [{ offset: 0, length: 4 }],
      positiveBuckets: [1, 2, 3, 2],
      customValues: [1, 2, 3],
    }),
    expected: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 18,
      sum: 180,
      positiveSpans: [{ offset: 0, length: 2 }],
      positiveBuckets: [3, 15],
      customValues: [1],
    }),
    expNHCBBoundsReconciled: true,
  },
  {
    name: 'different custom bucket layout - intersection and rollup',
    in1: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 6,
      sum: 2.345,
      positiveSpans: [{ offset: 0, length: 1 }, { offset: 1, length: 1 }],
      positiveBuckets: [1, 5],
      customValues: [2, 4],
    }),
    in2: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 220,
      sum: 1.234,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 1 }, { offset: 0, length: 2 }],
      positiveBuckets: [10, 20, 40, 50, 100],
      customValues: [1, 2, 3, 4, 5],
    }),
    expected: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 226,
      sum: 3.579,
      positiveSpans: [{ offset: 0, length: 3 }],
      positiveBuckets: [1 + 10 + 20, 40, 5 + 50 + 100],
      customValues: [2, 4],
    }),
    expNHCBBoundsReconciled: true,
  },
  {
    name: 'custom buckets with no common boundaries except +Inf',
    in1: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 3,
      sum: 50,
      positiveSpans: [{ offset: 0, length: 2 }],
      positiveBuckets: [1, 2],
      customValues: [1.5],
    }),
    in2: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 30,
      sum: 40,
      positiveSpans: [{ offset: 0, length: 2 }],
      positiveBuckets: [10, 20],
      customValues: [2.5],
    }),
    expected: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 33,
      sum: 90,
      positiveSpans: [{ offset: 0, length: 1 }],
      positiveBuckets: [1 + 2 + 10 + 20],
      customValues: undefined,
    }),
    expNHCBBoundsReconciled: true,
  },
  {
    name: 'mix exponential and custom buckets histograms',
    in1: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 8,
      count: 59,
      sum: 1.234,
      schema: 0,
      positiveSpans: [{ offset: -2, length: 5 }, { offset: 0, length: 3 }],
      positiveBuckets: [2, 5, 4, 2, 3, 6, 7, 5],
      negativeSpans: [{ offset: 3, length: 3 }, { offset: 1, length: 3 }],
      negativeBuckets: [4, 10, 1, 4, 14, 7],
    }),
    in2: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 11,
      sum: 12,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [0, 0, 2, 3, 6],
      customValues: [1, 2, 3, 4, 5],
    }),
    expErrMsg: 'cannot apply this operation on histograms with a mix of exponential and custom bucket schemas',
  },
  {
    name: 'warn on counter reset hint collision',
    in1: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      counterResetHint: CounterResetHint.CounterReset,
    }),
    in2: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      counterResetHint: CounterResetHint.NotCounterReset,
    }),
    expErrMsg: '',
    expCounterResetCollision: true,
  },
];

describe('FloatHistogram.add and kahanAdd (TestFloatHistogramAdd)', () => {
  it.each(addCases)('$name', (c) => {
    testHistogramAdd(c.in1, c.in2, c, false);
    testHistogramAdd(c.in2, c.in1, c, false);
    const k = { ...c, expectedSum: c.expected };
    testHistogramKahanAdd(c.in1, undefined, c.in2, k);
    testHistogramKahanAdd(c.in2, undefined, c.in1, k);
  });
});

const kahanAddCases: KahanAddCase[] = [
  {
    name: 'larger zero bucket in first histogram',
    in1: new FloatHistogram({
      zeroThreshold: 1,
      zeroCount: 17,
      count: 21,
      sum: 1.234,
      positiveSpans: [{ offset: 1, length: 2 }, { offset: 0, length: 3 }],
      positiveBuckets: [2, 3, 6, 2, 5],
      negativeSpans: [{ offset: 4, length: 2 }, { offset: 1, length: 2 }],
      negativeBuckets: [1, 1, 4, 4],
    }),
    comp: new FloatHistogram({
      zeroThreshold: 1,
      positiveSpans: [{ offset: 1, length: 2 }, { offset: 0, length: 3 }],
      positiveBuckets: [0.02, 0.03, 0.06, 0.02, 0.05],
      negativeSpans: [{ offset: 4, length: 2 }, { offset: 1, length: 2 }],
      negativeBuckets: [0.01, 0.01, 0.04, 0.04],
    }),
    in2: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 30,
      sum: 2.345,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3, 1, 5, 6],
    }),
    expectedSum: new FloatHistogram({
      zeroThreshold: 1,
      zeroCount: 29,
      count: 51,
      sum: 3.579,
      positiveSpans: [{ offset: 1, length: 2 }, { offset: 0, length: 3 }],
      positiveBuckets: [2.02, 6.03, 10.06, 9.02, 5.05],
      negativeSpans: [{ offset: 3, length: 3 }, { offset: 1, length: 3 }],
      negativeBuckets: [3, 2.01, 1.01, 4.04, 9.04, 6],
    }),
    expErrMsg: '',
    expCounterResetCollision: false,
    expNHCBBoundsReconciled: false,
  },
  {
    name: 'smaller zero bucket in first histogram',
    in1: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 40,
      sum: 2.345,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 2, length: 3 }],
      positiveBuckets: [1, 2, 3, 4, 7],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3, 1, 5, 6],
    }),
    comp: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 0,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 2, length: 3 }],
      positiveBuckets: [0.02, 0.03, 0.06, 0.07, 0.05],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [0.01, 0.01, 0.04, 0.04],
    }),
    in2: new FloatHistogram({
      zeroThreshold: 1,
      zeroCount: 17,
      count: 11,
      sum: 1.234,
      positiveSpans: [{ offset: 1, length: 2 }, { offset: 0, length: 3 }],
      positiveBuckets: [2, 3, 6, 2, 5],
      negativeSpans: [{ offset: 4, length: 2 }, { offset: 1, length: 2 }],
      negativeBuckets: [1, 1, 4, 4],
    }),
    expectedSum: new FloatHistogram({
      zeroThreshold: 1,
      zeroCount: 31.05,
      count: 51,
      sum: 3.579,
      positiveSpans: [{ offset: 1, length: 5 }],
      positiveBuckets: [2, 6.06, 10.07, 9.05, 5],
      negativeSpans: [{ offset: 3, length: 3 }, { offset: 1, length: 3 }],
      negativeBuckets: [3.01, 2.01, 1, 4, 9.04, 6.04],
    }),
    expErrMsg: '',
    expCounterResetCollision: false,
    expNHCBBoundsReconciled: false,
  },
  {
    name: 'first histogram contains zero buckets and Compact is called',
    in1: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 30,
      sum: 2.345,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 1, length: 1 }, { offset: 1, length: 3 }],
      positiveBuckets: [1, 3, 3, 0, 7, -6],
    }),
    comp: new FloatHistogram({
      zeroThreshold: 0.01,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 1, length: 1 }, { offset: 1, length: 3 }],
      positiveBuckets: [7, 2, 0.03, 0, 0.05, 0.06],
    }),
    in2: new FloatHistogram({
      zeroThreshold: 1,
      zeroCount: 17,
      count: 21,
      sum: 1.234,
      positiveSpans: [{ offset: 1, length: 2 }, { offset: 1, length: 2 }],
      positiveBuckets: [2, 3, 2, 5],
    }),
    expectedSum: new FloatHistogram({
      zeroThreshold: 1,
      zeroCount: 41,
      count: 51,
      sum: 3.579,
      positiveSpans: [{ offset: 1, length: 2 }, { offset: 1, length: 2 }],
      positiveBuckets: [5.03, 3, 9.05, -0.94],
    }),
    expErrMsg: '',
    expCounterResetCollision: false,
    expNHCBBoundsReconciled: false,
  },
  {
    name: 'reduce resolution',
    in1: new FloatHistogram({
      schema: 2,
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 30,
      sum: 2.345,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 1, length: 1 }, { offset: 1, length: 3 }],
      positiveBuckets: [1, 3, 1e100, 0, 7, -6],
    }),
    comp: new FloatHistogram({
      schema: 2,
      zeroThreshold: 0.01,
      zeroCount: 1,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 1, length: 1 }, { offset: 1, length: 3 }],
      positiveBuckets: [7, 2, 0.03, 0, 0.05, 0.06],
    }),
    in2: new FloatHistogram({
      schema: 1,
      zeroThreshold: 1,
      zeroCount: 17,
      count: 21,
      sum: 1.234,
      positiveSpans: [{ offset: 1, length: 2 }, { offset: 1, length: 2 }],
      positiveBuckets: [-1e100, 3, 2, 5],
    }),
    expectedSum: new FloatHistogram({
      schema: 1,
      zeroThreshold: 1,
      zeroCount: 42,
      count: 51,
      sum: 3.579,
      positiveSpans: [{ offset: 1, length: 5 }],
      positiveBuckets: [0.03, 10.05, -5.94, 2, 5],
    }),
    expErrMsg: '',
    expCounterResetCollision: false,
    expNHCBBoundsReconciled: false,
  },
  {
    name: 'reduce resolution of \'other\' histogram',
    in1: new FloatHistogram({
      schema: 0,
      zeroThreshold: 1,
      zeroCount: 17,
      count: 21,
      sum: 1.234,
      positiveSpans: [{ offset: 1, length: 2 }, { offset: 1, length: 2 }],
      positiveBuckets: [2, 3, 2, 5],
    }),
    comp: new FloatHistogram({
      schema: 0,
      zeroThreshold: 1,
      zeroCount: 1,
      positiveSpans: [{ offset: 1, length: 2 }, { offset: 1, length: 2 }],
      positiveBuckets: [17, 2, 0.03, 0],
    }),
    in2: new FloatHistogram({
      schema: 2,
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 30,
      sum: 2.345,
      positiveSpans: [{ offset: -2, length: 3 }, { offset: 1, length: 1 }, { offset: 1, length: 3 }],
      positiveBuckets: [1e100, 4.1, -1e100, 2.1, 0, 7, -6],
    }),
    expectedSum: new FloatHistogram({
      schema: 0,
      zeroThreshold: 1,
      zeroCount: 33.1,
      count: 51,
      sum: 3.579,
      positiveSpans: [{ offset: 1, length: 2 }, { offset: 1, length: 2 }],
      positiveBuckets: [21.1, 6, 2.03, 5],
    }),
    expErrMsg: '',
    expCounterResetCollision: false,
    expNHCBBoundsReconciled: false,
  },
  {
    name: 'warn on counter reset hint collision',
    in1: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      counterResetHint: CounterResetHint.CounterReset,
    }),
    in2: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      counterResetHint: CounterResetHint.NotCounterReset,
    }),
    expErrMsg: '',
    expCounterResetCollision: true,
    expNHCBBoundsReconciled: false,
  },
];

describe('FloatHistogram.kahanAdd with a compensation histogram (TestKahanAddWithCompHistogram)', () => {
  it.each(kahanAddCases)('$name', (c) => {
    testHistogramKahanAdd(c.in1, c.comp, c.in2, c);
  });
});

const subCases: AddCase[] = [
  {
    name: 'same bucket layout',
    in1: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 11,
      count: 30,
      sum: 23,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [3, 1, 5, 6],
    }),
    in2: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 8,
      count: 21,
      sum: 12,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [0, 0, 2, 3, 6],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [1, 1, 4, 4],
    }),
    expected: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 3,
      count: 9,
      sum: 11,
      positiveSpans: [{ offset: -2, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [1, 0, 1, 1, 1],
      negativeSpans: [{ offset: 3, length: 2 }, { offset: 3, length: 2 }],
      negativeBuckets: [2, 0, 1, 2],
    }),
  },
  {
    name: 'schema change',
    in1: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 8,
      count: 59,
      sum: 1.234,
      schema: 0,
      positiveSpans: [{ offset: -2, length: 5 }, { offset: 0, length: 3 }],
      positiveBuckets: [2, 5, 4, 2, 3, 6, 7, 5],
      negativeSpans: [{ offset: 3, length: 3 }, { offset: 1, length: 3 }],
      negativeBuckets: [4, 10, 1, 4, 14, 7],
    }),
    in2: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 2,
      count: 19,
      sum: 0.345,
      schema: 1,
      positiveSpans: [{ offset: -4, length: 3 }, { offset: 5, length: 5 }],
      positiveBuckets: [1, 0, 0, 1, 2, 2, 3, 4],
      negativeSpans: [{ offset: 6, length: 3 }, { offset: 6, length: 4 }],
      negativeBuckets: [3, 0.5, 0.5, 2, 3, 2, 4],
    }),
    expected: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 6,
      count: 40,
      sum: 0.889,
      positiveSpans: [{ offset: -2, length: 5 }, { offset: 0, length: 3 }],
      positiveBuckets: [1, 5, 4, 2, 2, 2, 0, 5],
      negativeSpans: [{ offset: 3, length: 3 }, { offset: 1, length: 3 }],
      negativeBuckets: [1, 9, 1, 4, 9, 1],
    }),
  },
  {
    name: 'same custom bucket layout',
    in1: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 15,
      sum: 23,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [1, 0, 3, 4, 7],
      customValues: [1, 2, 3, 4, 5],
    }),
    in2: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 11,
      sum: 12,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [0, 0, 2, 3, 6],
      customValues: [1, 2, 3, 4, 5],
    }),
    expected: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 4,
      sum: 11,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [1, 0, 1, 1, 1],
      customValues: [1, 2, 3, 4, 5],
    }),
  },
  {
    name: 'different custom bucket layout - with intersection and rollup',
    in1: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 220,
      sum: 9.9,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 1 }, { offset: 0, length: 2 }],
      positiveBuckets: [10, 20, 40, 50, 100],
      customValues: [1, 2, 3, 4, 5],
      counterResetHint: CounterResetHint.Gauge,
    }),
    in2: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 6,
      sum: 4.4,
      positiveSpans: [{ offset: 0, length: 1 }, { offset: 1, length: 1 }],
      positiveBuckets: [1, 5],
      customValues: [2, 4],
      counterResetHint: CounterResetHint.Gauge,
    }),
    expected: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 214,
      sum: 5.5,
      positiveSpans: [{ offset: 0, length: 3 }],
      positiveBuckets: [10 + 20 - 1, 40, 50 + 100 - 5],
      customValues: [2, 4],
      counterResetHint: CounterResetHint.Gauge,
    }),
    expNHCBBoundsReconciled: true,
  },
  {
    name: 'mix exponential and custom buckets histograms',
    in1: new FloatHistogram({
      zeroThreshold: 0.01,
      zeroCount: 8,
      count: 59,
      sum: 1.234,
      schema: 0,
      positiveSpans: [{ offset: -2, length: 5 }, { offset: 0, length: 3 }],
      positiveBuckets: [2, 5, 4, 2, 3, 6, 7, 5],
      negativeSpans: [{ offset: 3, length: 3 }, { offset: 1, length: 3 }],
      negativeBuckets: [4, 10, 1, 4, 14, 7],
    }),
    in2: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      count: 11,
      sum: 12,
      positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 3 }],
      positiveBuckets: [0, 0, 2, 3, 6],
      customValues: [1, 2, 3, 4, 5, 6],
    }),
    expErrMsg: 'cannot apply this operation on histograms with a mix of exponential and custom bucket schemas',
  },
  {
    name: 'warn on counter reset hint collision',
    in1: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      counterResetHint: CounterResetHint.CounterReset,
    }),
    in2: new FloatHistogram({
      schema: CUSTOM_BUCKETS_SCHEMA,
      counterResetHint: CounterResetHint.NotCounterReset,
    }),
    expErrMsg: '',
    expCounterResetCollision: true,
  },
];

describe('FloatHistogram.sub (TestFloatHistogramSub)', () => {
  it.each(subCases)('$name', (c) => {
    testHistogramAdd(c.in1, c.in2, c, true);
    let expectedNegative: FloatHistogram | undefined;
    if (c.expected !== undefined) {
      // mul(-1) makes it a gauge; the test keeps the original hint.
      expectedNegative = c.expected.copy().mul(-1);
      expectedNegative.counterResetHint = c.expected.counterResetHint;
    }
    testHistogramAdd(c.in2, c.in1, c, true, expectedNegative);
  });
});
