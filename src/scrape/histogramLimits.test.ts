import { describe, expect, it } from 'vitest';
import { FloatHistogram } from '../model/histogram/floatHistogram';
import { Histogram } from '../model/histogram/histogram';
import { CUSTOM_BUCKETS_SCHEMA } from '../model/histogram/types';
import { fitHistogram, pickSchema } from './histogramLimits';

describe('pickSchema', () => {
  it.each<[number, number]>([
    [0, 8], [1, 8], [1.00271, 8], [1.0028, 7], [1.1, 2], [1.4, 1], [2, 0], [4, -1], [16, -2], [256, -3], [65536, -4], [1e10, -4],
  ])('factor %d gives schema %d', (factor, schema) => {
    expect(pickSchema(factor)).toBe(schema);
  });
});

/** Eight adjacent positive buckets of 1 each at indexes 0…7 (integer deltas 1,0,0…); one step down maps index i to ((i-1)>>1)+1, so 8 → 5 → 3 → 2 buckets. */
const eight = (schema: number) =>
  new Histogram({ schema, count: 8, sum: 8, positiveSpans: [{ offset: 0, length: 8 }], positiveBuckets: [1, 0, 0, 0, 0, 0, 0, 0] });

describe('fitHistogram', () => {
  it.each<[string, () => Histogram | FloatHistogram, number, number, boolean, number, number]>([
    ['under the limit stays', () => eight(3), 8, 8, true, 3, 8],
    ['over the limit halves its buckets until under', () => eight(3), 4, 8, true, 1, 3],
    ['one step can be enough', () => eight(3), 5, 8, true, 2, 5],
    ['a float histogram too', () => eight(3).toFloat(), 2, 8, true, 0, 2],
    ['schema -4 over the limit fails', () => eight(-4), 4, 8, false, -4, 8],
    ['custom buckets cannot merge', () => new Histogram({ schema: CUSTOM_BUCKETS_SCHEMA, customValues: [1, 2, 3], positiveSpans: [{ offset: 0, length: 4 }], positiveBuckets: [1, 0, 0, 0] }), 2, 8, false, CUSTOM_BUCKETS_SCHEMA, 4],
    ['custom buckets under the limit pass', () => new Histogram({ schema: CUSTOM_BUCKETS_SCHEMA, customValues: [1], positiveSpans: [{ offset: 0, length: 2 }], positiveBuckets: [1, 0] }), 2, 8, true, CUSTOM_BUCKETS_SCHEMA, 2],
    ['the factor lowers the schema first', () => eight(3), 0, 1, true, 1, 3],
    ['no limit, no factor: untouched', () => eight(8), 0, 8, true, 8, 8],
  ])('%s', (_, make, limit, maxSchema, ok, schema, buckets) => {
    const h = make();
    expect(fitHistogram(h, limit, maxSchema)).toBe(ok);
    expect(h.schema).toBe(schema);
    expect(h.positiveBuckets.length).toBe(buckets);
  });

  it('keeps the count when merging', () => {
    const h = eight(3).toFloat();
    fitHistogram(h, 2, 8);
    expect(h.positiveBuckets.reduce((a, b) => a + b, 0)).toBe(8);
  });
});
