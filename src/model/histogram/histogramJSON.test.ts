import { describe, expect, it } from 'vitest';
import { fromHistogramJSON, toHistogramJSON } from './histogramJSON';
import { parseHistogramNotation } from './notation';
import { CUSTOM_BUCKETS_SCHEMA } from './types';

function histogram(notation: string) {
  const r = parseHistogramNotation(notation, 0);
  if (!r.ok) throw new Error(r.error);
  return r.histogram;
}

describe('fromHistogramJSON', () => {
  it.each([
    ['schema 0 with a gap', '{{schema:0 count:6 sum:9 buckets:[1 0 2 3]}}', 0],
    ['schema 3 offset', '{{schema:3 count:3 sum:1.5 offset:-7 buckets:[1 2]}}', 3],
    ['schema 8, the finest', '{{schema:8 count:2 sum:2 offset:300 buckets:[1 1]}}', 8],
    ['schema -2 with negative buckets', '{{schema:-2 count:7 sum:-20 buckets:[1] n_offset:1 n_buckets:[2 4]}}', -2],
    ['schema -4, the coarsest', '{{schema:-4 count:1 sum:100 offset:1 buckets:[1]}}', -4],
    ['a zero bucket', '{{schema:1 count:8 sum:3 z_bucket:5 z_bucket_w:0.001 buckets:[3]}}', 1],
    ['float counts (a rate)', '{{schema:2 count:0.75 sum:0.1 buckets:[0.25 0.5]}}', 2],
    ['custom buckets with a gap and +Inf', '{{schema:-53 count:9 sum:40 custom_values:[0.1 0.5 1 10] buckets:[2 0 3 0 4]}}', CUSTOM_BUCKETS_SCHEMA],
    ['custom buckets from -Inf', '{{schema:-53 count:3 sum:0.1 custom_values:[0.25 0.3] buckets:[3]}}', CUSTOM_BUCKETS_SCHEMA],
  ])('reads back %s: same schema, same buckets', (_, notation, schema) => {
    const json = toHistogramJSON(histogram(notation));
    const back = fromHistogramJSON(json);
    expect(back.schema).toBe(schema);
    expect(toHistogramJSON(back)).toEqual(json);
  });

  it('keeps count and sum when no bucket is written', () => {
    const back = fromHistogramJSON({ count: '0', sum: '0' });
    expect([back.count, back.sum, back.positiveBuckets.length]).toEqual([0, 0, 0]);
  });

  it('reads bounds that are no exponential schema as custom buckets', () => {
    const back = fromHistogramJSON({ count: '3', sum: '1', buckets: [[0, '0.1', '0.3', '1'], [0, '0.3', '0.7', '2']] });
    expect(back.schema).toBe(CUSTOM_BUCKETS_SCHEMA);
    expect(back.customValues).toEqual([0.1, 0.3, 0.7]);
    expect(back.positiveSpans).toEqual([{ offset: 1, length: 2 }]);
  });

  it('refuses a zero bucket beside buckets no exponential schema has, naming it', () => {
    expect(() => fromHistogramJSON({ count: '3', sum: '1', buckets: [[3, '-0.001', '0.001', '1'], [0, '0.1', '0.3', '2']] })).toThrow(/zero bucket \[-0.001, 0.001\]/);
  });
});
