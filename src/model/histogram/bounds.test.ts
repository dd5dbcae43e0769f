// Prometheus v3.14's model/histogram/generic_test.go tables
// (TestGetBoundExponential, TestBucketFractionBelow,
// TestReduceResolutionHistogram, TestReduceResolutionFloatHistogram,
// TestCustomBucketBoundsMatch), transcribed case by case.
import { describe, expect, it } from 'vitest';
import { type Bucket, fractionBelow, getBoundExponential } from './bounds';
import { reduceResolution } from './reduceResolution';
import { customBucketBoundsMatch } from './schema';
import type { Span } from './types';

interface BoundCase {
  idx: number;
  schema: number;
  want: number;
}

const boundCases: BoundCase[] = [
  {
    idx: -1,
    schema: -1,
    want: 0.25,
  },
  {
    idx: 0,
    schema: -1,
    want: 1,
  },
  {
    idx: 1,
    schema: -1,
    want: 4,
  },
  {
    idx: 512,
    schema: -1,
    want: Number.MAX_VALUE,
  },
  {
    idx: 513,
    schema: -1,
    want: Infinity,
  },
  {
    idx: -1,
    schema: 0,
    want: 0.5,
  },
  {
    idx: 0,
    schema: 0,
    want: 1,
  },
  {
    idx: 1,
    schema: 0,
    want: 2,
  },
  {
    idx: 1024,
    schema: 0,
    want: Number.MAX_VALUE,
  },
  {
    idx: 1025,
    schema: 0,
    want: Infinity,
  },
  {
    idx: -1,
    schema: 2,
    want: 0.8408964152537144,
  },
  {
    idx: 0,
    schema: 2,
    want: 1,
  },
  {
    idx: 1,
    schema: 2,
    want: 1.189207115002721,
  },
  {
    idx: 4096,
    schema: 2,
    want: Number.MAX_VALUE,
  },
  {
    idx: 4097,
    schema: 2,
    want: Infinity,
  },
];

describe('getBoundExponential (TestGetBoundExponential)', () => {
  it.each(boundCases)('index $idx schema $schema', (c) => {
    expect(getBoundExponential(c.idx, c.schema)).toBe(c.want);
  });
});

interface FractionCase {
  name: string;
  bucket: Partial<Bucket>;
  v: number;
  linear: boolean;
  want: number;
}

const fractionCases: FractionCase[] = [
  {
    name: 'linear, midpoint',
    bucket: { lower: 0, upper: 10, count: 100 },
    v: 5,
    linear: true,
    want: 0.5,
  },
  {
    name: 'linear, quarter',
    bucket: { lower: 2, upper: 6, count: 100 },
    v: 3,
    linear: true,
    want: 0.25,
  },
  {
    name: 'linear, negative bucket',
    bucket: { lower: -10, upper: -5, count: 100 },
    v: -6,
    linear: true,
    want: 0.8,
  },
  {
    name: 'exponential, positive bucket at geometric midpoint',
    bucket: { lower: 2, upper: 8, count: 100 },
    v: 4,
    linear: false,
    want: 0.5,
  },
  {
    name: 'exponential, positive bucket lower quarter of log scale',
    bucket: { lower: 1, upper: 16, count: 100 },
    v: 2,
    linear: false,
    want: 0.25,
  },
  {
    name: 'exponential, negative bucket at geometric midpoint',
    bucket: { lower: -8, upper: -2, count: 100 },
    v: -4,
    linear: false,
    want: 0.5,
  },
  {
    name: 'exponential, negative bucket',
    bucket: { lower: -4, upper: -2, count: 100 },
    v: -3,
    linear: false,
    want: 0.4150374992788438, // Go writes 0.41503749927884383, the same float64
  },
];

describe('fractionBelow (TestBucketFractionBelow)', () => {
  it.each(fractionCases)('$name', (c) => {
    const bucket: Bucket = { lower: 0, upper: 0, lowerInclusive: false, upperInclusive: false, count: 0, index: 0, ...c.bucket };
    // require.InDelta(want, got, 1e-12)
    expect(Math.abs(fractionBelow(bucket, c.v, c.linear) - c.want)).toBeLessThanOrEqual(1e-12);
  });
});

interface ReduceCase {
  spans: Span[];
  buckets: number[];
  schema: number;
  targetSchema: number;
  expectedSpans: Span[];
  expectedBuckets: number[];
}

const reduceDeltaCases: ReduceCase[] = [
  {
    spans: [{ offset: 0, length: 4 }, { offset: 0, length: 0 }, { offset: 3, length: 2 }],
    buckets: [1, 2, -2, 1, -1, 0],
    schema: 0,
    targetSchema: -1,
    expectedSpans: [{ offset: 0, length: 3 }, { offset: 1, length: 1 }],
    expectedBuckets: [1, 3, -2, 0],
    // schema 0, base 2 { (0.5, 1]:1  (1,2]:3, (2,4]:1, (4,8]:2, (8,16]:0, (16,32]:0, (32,64]:0, (64,128]:1, (128,256]:1}",
    // schema 1, base 4 { (0.25, 1):1 (1,4]:4,          (4,16]:2,          (16,64]:0,            (64,256]:2}
  },
];

const reduceFloatCases: ReduceCase[] = [
  {
    spans: [{ offset: 0, length: 4 }, { offset: 0, length: 0 }, { offset: 3, length: 2 }],
    buckets: [1, 3, 1, 2, 1, 1],
    schema: 0,
    targetSchema: -1,
    expectedSpans: [{ offset: 0, length: 3 }, { offset: 1, length: 1 }],
    expectedBuckets: [1, 4, 2, 2],
    // schema 0, base 2 { (0.5, 1]:1  (1,2]:3, (2,4]:1, (4,8]:2, (8,16]:0, (16,32]:0, (32,64]:0, (64,128]:1, (128,256]:1}",
    // schema 1, base 4 { (0.25, 1):1 (1,4]:4,          (4,16]:2,          (16,64]:0,            (64,256]:2}
  },
];

// Go's reduceResolution can also work in place (reusing the input slices);
// this port always returns new arrays, so only the not-in-place half applies.
describe('reduceResolution (TestReduceResolutionHistogram, TestReduceResolutionFloatHistogram; no in-place variant here)', () => {
  it.each([
    ...reduceDeltaCases.map((c) => ['deltas', c, true] as const),
    ...reduceFloatCases.map((c) => ['floats', c, false] as const),
  ])('%s', (_, c, deltas) => {
    const spansCopy = structuredClone(c.spans);
    const bucketsCopy = c.buckets.slice();
    const r = reduceResolution(c.spans, c.buckets, c.schema, c.targetSchema, deltas);
    expect(r.spans).toEqual(c.expectedSpans);
    expect(r.buckets).toEqual(c.expectedBuckets);
    // The inputs are not mutated.
    expect(c.spans).toEqual(spansCopy);
    expect(c.buckets).toEqual(bucketsCopy);
  });
});

interface BoundsMatchCase {
  name: string;
  c1: number[] | undefined;
  c2: number[] | undefined;
  want: boolean;
}

const boundsMatchCases: BoundsMatchCase[] = [
  {
    name: 'both nil',
    c1: undefined,
    c2: undefined,
    want: true,
  },
  {
    name: 'both empty',
    c1: [],
    c2: [],
    want: true,
  },
  {
    name: 'one empty one non-empty',
    c1: [],
    c2: [1.0],
    want: false,
  },
  {
    name: 'different lengths',
    c1: [1.0, 2.0],
    c2: [1.0, 2.0, 3.0],
    want: false,
  },
  {
    name: 'same single value',
    c1: [1.5],
    c2: [1.5],
    want: true,
  },
  {
    name: 'different single value',
    c1: [1.5],
    c2: [2.5],
    want: false,
  },
  {
    name: 'same multiple values',
    c1: [1.0, 2.0, 3.0, 4.0, 5.0],
    c2: [1.0, 2.0, 3.0, 4.0, 5.0],
    want: true,
  },
  {
    name: 'different values',
    c1: [1.0, 2.1, 3.0],
    c2: [1.0, 2.0, 3.0],
    want: false,
  },
];

describe('customBucketBoundsMatch (TestCustomBucketBoundsMatch)', () => {
  it.each(boundsMatchCases)('$name', (c) => {
    expect(customBucketBoundsMatch(c.c1, c.c2)).toBe(c.want);
    // Symmetric.
    expect(customBucketBoundsMatch(c.c2, c.c1)).toBe(c.want);
  });
});
