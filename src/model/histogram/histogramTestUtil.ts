// What Go's require.Equal sees of a histogram, for the test tables ported
// from Prometheus's model/histogram tests: every field, with -0 equal to 0
// (Go compares floats with ==) and an empty customValues equal to none (JS
// has no nil slice, so nil and empty cannot differ here).
import { expect } from 'vitest';
import type { Bucket } from './bounds';
import type { BucketIterator } from './bucketIterators';
import type { FloatHistogram } from './floatHistogram';
import type { Histogram } from './histogram';

const num = (v: number): number => (v === 0 ? 0 : v);

/** The fields of h as a plain object, normalised as Go's reflect.DeepEqual compares them. */
export function goFields(h: FloatHistogram | Histogram | undefined): unknown {
  if (h === undefined) return undefined;
  return {
    kind: h.constructor.name,
    counterResetHint: h.counterResetHint,
    schema: h.schema,
    zeroThreshold: num(h.zeroThreshold),
    zeroCount: num(h.zeroCount),
    count: num(h.count),
    sum: num(h.sum),
    positiveSpans: h.positiveSpans.map((s) => ({ offset: s.offset, length: s.length })),
    negativeSpans: h.negativeSpans.map((s) => ({ offset: s.offset, length: s.length })),
    positiveBuckets: h.positiveBuckets.map(num),
    negativeBuckets: h.negativeBuckets.map(num),
    customValues: h.customValues === undefined || h.customValues.length === 0 ? undefined : h.customValues.map(num),
  };
}

/** require.Equal(t, want, got) for histograms. */
export function expectGoEqual(got: FloatHistogram | Histogram | undefined, want: FloatHistogram | Histogram | undefined): void {
  expect(goFields(got)).toEqual(goFields(want));
}

/** Every bucket an iterator yields, in order. */
export function drain(it: BucketIterator): Bucket[] {
  const out: Bucket[] = [];
  while (it.next()) out.push({ ...it.at() });
  return out;
}
