import { describe, expect, it } from 'vitest';
import { classicToNhcb } from './convertNhcb';
import { FloatHistogram } from './floatHistogram';
import { Histogram } from './histogram';
import { CUSTOM_BUCKETS_SCHEMA } from './types';

const INF = Infinity;

describe('classicToNhcb', () => {
  it.each<[string, number[], number[], number | undefined, string]>([
    ['integer counts, +Inf given', [1, 2, INF], [2, 5, 6], 6, 'i custom=[1,2] buckets=[2,1,-2] count=6'],
    ['+Inf missing: added with the count', [1, 2], [2, 5], 6, 'i custom=[1,2] buckets=[2,1,-2] count=6'],
    ['no _count: the highest bucket stands for it', [1, INF], [2, 5], undefined, 'i custom=[1] buckets=[2,1] count=5'],
    ['no _count and no +Inf', [1, 2], [2, 5], undefined, 'i custom=[1,2] buckets=[2,1,-3] count=5'],
    ['out of order, as a map hands them over', [INF, 2, 1], [6, 5, 2], 6, 'i custom=[1,2] buckets=[2,1,-2] count=6'],
    ['a repeated bound keeps the first', [1, 1, INF], [2, 3, 4], 4, 'i custom=[1] buckets=[2,0] count=4'],
    ['no buckets at all', [], [], 3, 'i custom=[] buckets=[3] count=3'],
    ['fractional counts give a float histogram', [1, INF], [0.5, 2], 2, 'f custom=[1] buckets=[0.5,1.5] count=2'],
    ['fractional count only', [1, INF], [1, 2.5], 2.5, 'f custom=[1] buckets=[1,1.5] count=2.5'],
  ])('%s', (_, bounds, counts, count, want) => {
    const h = classicToNhcb(bounds, counts, count, 7.5);
    expect(h.schema).toBe(CUSTOM_BUCKETS_SCHEMA);
    expect(h.sum).toBe(7.5);
    expect(h.positiveSpans).toEqual([{ offset: 0, length: h.positiveBuckets.length }]);
    const kind = h instanceof FloatHistogram ? 'f' : 'i';
    expect(h instanceof Histogram || h instanceof FloatHistogram).toBe(true);
    expect(`${kind} custom=[${(h.customValues ?? []).join(',')}] buckets=[${h.positiveBuckets.join(',')}] count=${h.count}`).toBe(want);
  });

  it.each<[string, number[], number[], number | undefined, RegExp]>([
    ['NaN bound', [NaN], [1], 1, /boundary must not be NaN/],
    ['negative bucket count', [1], [-1], 1, /non-negative: le=1, count=-1/],
    ['negative count', [1], [1], -1, /count must be non-negative/],
    ['not cumulative', [1, 2], [3, 2], 3, /not cumulative: 2 < 3/],
    ['count against +Inf', [1, INF], [1, 2], 3, /count mismatch: count=3 != le=\+Inf count=2/],
  ])('refuses %s', (_, bounds, counts, count, err) => {
    expect(() => classicToNhcb(bounds, counts, count, 0)).toThrow(err);
  });
});
