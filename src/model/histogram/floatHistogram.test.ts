import { describe, expect, it } from 'vitest';
import { getBound } from './bounds';
import { FloatHistogram } from './floatHistogram';
import { toHistogramJSON } from './histogramJSON';
import { parseHistogramNotation } from './notation';
import { CounterResetHint, CUSTOM_BUCKETS_SCHEMA } from './types';

function fh(text: string): FloatHistogram {
  const r = parseHistogramNotation(text, 0);
  if (!r.ok) throw new Error(`${r.error} at ${r.pos}`);
  return r.histogram;
}

describe('getBound', () => {
  it.each([
    [0, 0, 1],
    [1, 0, 2],
    [-1, 0, 0.5],
    [1, 1, 1.414213562373095],
    [1024, 0, Number.MAX_VALUE],
    [1025, 0, Infinity],
    [256, -2, Number.MAX_VALUE],
    [3, 8, 1.0081558981184175],
  ])('index %d schema %d', (idx, schema, want) => {
    expect(getBound(idx, schema, undefined)).toBe(want);
  });
  it('custom bounds end in +Inf', () => {
    expect(getBound(2, CUSTOM_BUCKETS_SCHEMA, [1, 2])).toBe(Infinity);
    expect(getBound(-1, CUSTOM_BUCKETS_SCHEMA, [1, 2])).toBe(-Infinity);
  });
});

describe('notation', () => {
  it.each([
    '{{schema:1 count:10 sum:20 z_bucket:2 z_bucket_w:0.001 counter_reset_hint:gauge offset:-1 buckets:[1 2 3] n_buckets:[1 1]}}',
    '{{schema:-53 count:3 sum:5 custom_values:[1 5] buckets:[1 2]}}',
    '{{count:NaN sum:+Inf}}',
  ])('reads what testExpression writes: %s', (text) => {
    expect(fh(text).testExpression()).toBe(text);
  });
  it('reports the offset of a bad key', () => {
    expect(parseHistogramNotation('x {{count:1 bogus:2}}', 2)).toMatchObject({ ok: false, pos: 12 });
  });
  it('reads a hint and ends after }}', () => {
    const r = parseHistogramNotation('{{counter_reset_hint:not_reset}}x2', 0);
    expect(r).toMatchObject({ ok: true, end: 32, counterResetHintSet: true });
  });
});

describe('FloatHistogram arithmetic', () => {
  it('adds across schemas and zero thresholds', () => {
    const a = fh('{{schema:1 count:5 sum:10 z_bucket:1 z_bucket_w:0.01 buckets:[1 1 2]}}');
    const b = fh('{{schema:0 count:3 sum:4 z_bucket:1 z_bucket_w:0.01 offset:1 buckets:[1 1]}}');
    const r = a.add(b);
    expect(r).toEqual({ counterResetCollision: false, nhcbBoundsReconciled: false });
    expect(a.compact(0).testExpression()).toBe('{{count:8 sum:14 z_bucket:2 z_bucket_w:0.01 buckets:[1 4 1]}}');
  });
  it('refuses to mix exponential and custom buckets', () => {
    const r = fh('{{count:1}}').add(fh('{{schema:-53 custom_values:[1] count:1}}'));
    expect(r.err?.kind).toBe('IncompatibleSchema');
  });
  it('flags a counter reset collision', () => {
    const a = fh('{{count:1 counter_reset_hint:reset}}');
    expect(a.sub(fh('{{count:1 counter_reset_hint:not_reset}}')).counterResetCollision).toBe(true);
    expect(a.counterResetHint).toBe(CounterResetHint.Unknown);
  });
  it('reconciles NHCB bounds to their intersection', () => {
    const a = fh('{{schema:-53 count:3 sum:3 custom_values:[1 2 3] buckets:[1 1 1]}}');
    const r = a.add(fh('{{schema:-53 count:2 sum:2 custom_values:[2 4] buckets:[1 1]}}'));
    expect(r.nhcbBoundsReconciled).toBe(true);
    expect(a.testExpression()).toBe('{{schema:-53 count:5 sum:5 custom_values:[2] buckets:[3 2]}}');
  });
  it('divides by zero as Go does', () => {
    const a = fh('{{count:2 sum:3 buckets:[1 1]}}').div(0);
    expect([a.count, a.sum, a.positiveBuckets.length]).toEqual([Infinity, Infinity, 0]);
    expect(fh('{{count:2 buckets:[2]}}').mul(-1).counterResetHint).toBe(CounterResetHint.Gauge);
  });
  it('detects resets by bucket', () => {
    const prev = fh('{{count:3 buckets:[1 2]}}');
    expect(fh('{{count:4 buckets:[2 2]}}').detectReset(prev)).toBe(false);
    expect(fh('{{count:4 buckets:[3 1]}}').detectReset(prev)).toBe(true);
    expect(fh('{{count:4 offset:1 buckets:[4]}}').detectReset(prev)).toBe(true);
  });
  it('kahanAdd compensates', () => {
    const a = fh('{{count:1e16 sum:1e16 buckets:[1e16]}}');
    let c: FloatHistogram | undefined;
    for (let i = 0; i < 4; i++) c = a.kahanAdd(fh('{{count:1 sum:1 buckets:[1]}}'), c).c;
    expect(a.count + (c?.count ?? 0)).toBe(1e16 + 4);
    expect(a.positiveBuckets[0] + (c?.positiveBuckets[0] ?? 0)).toBe(1e16 + 4);
  });
  it('trims above a value with </', () => {
    const a = fh('{{schema:-53 count:4 sum:6 custom_values:[1 2 4] buckets:[1 1 2]}}').trimBuckets(3, true);
    expect(a.testExpression()).toBe('{{schema:-53 count:3 sum:4.5 custom_values:[1 2 4] buckets:[1 1 1]}}');
  });
});

describe('iterators and JSON', () => {
  const h = fh('{{count:6 sum:1 z_bucket:1 z_bucket_w:0.5 buckets:[1 2] n_buckets:[2]}}');
  it('walks all buckets both ways', () => {
    const up: string[] = [];
    for (let it = h.allBucketIterator(); it.next(); ) up.push(`${it.at().lower}:${it.at().upper}`);
    expect(up).toEqual(['-1:-0.5', '-0.5:0.5', '0.5:1', '1:2']);
    const down: string[] = [];
    for (let it = h.allReverseBucketIterator(); it.next(); ) down.push(`${it.at().lower}:${it.at().upper}`);
    expect(down).toEqual(['1:2', '0.5:1', '-0.5:0.5', '-1:-0.5']);
  });
  it('writes the HTTP API shape', () => {
    expect(toHistogramJSON(h)).toEqual({
      count: '6',
      sum: '1',
      buckets: [
        [1, '-1', '-0.5', '2'],
        [3, '-0.5', '0.5', '1'],
        [0, '0.5', '1', '1'],
        [0, '1', '2', '2'],
      ],
    });
  });
  it('prints as Go String()', () => {
    expect(h.toString()).toBe('{count:6, sum:1, [-1,-0.5):2, [-0.5,0.5]:1, (0.5,1]:1, (1,2]:2}');
  });
});
