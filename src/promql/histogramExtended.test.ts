import { describe, expect, it } from 'vitest';
import { FloatHistogram } from '../model/histogram/floatHistogram';
import { CUSTOM_BUCKETS_SCHEMA, CounterResetHint } from '../model/histogram/types';
import { histogramExtendedRate, interpolateHistograms, smoothedHistogramAt } from './histogramExtended';
import type { Window } from './rangeFunctions';

/** One bucket holding the whole count, sum equal to count; custom buckets when asked. */
function h(count: number, hint: CounterResetHint = CounterResetHint.Unknown, custom = false): FloatHistogram {
  return new FloatHistogram({
    counterResetHint: hint,
    schema: custom ? CUSTOM_BUCKETS_SCHEMA : 0,
    customValues: custom ? [5, 10] : undefined,
    count,
    sum: count,
    positiveSpans: [{ offset: 0, length: 1 }],
    positiveBuckets: [count],
  });
}

function collect() {
  const notes: string[] = [];
  return { notes, note: (warn: boolean, msg: string) => notes.push(`${warn ? 'warn' : 'info'}: ${msg}`) };
}

/** A window over samples at `ts` (seconds) for an evaluation at `at` seconds over `range` seconds. */
function window(ts: number[], at: number, range: number, mode: 'anchored' | 'smoothed', lookback = 300): Window {
  const t = Float64Array.from(ts, (x) => x * 1000);
  const start = (at - range) * 1000;
  const end = at * 1000;
  const after = mode === 'smoothed' ? lookback * 1000 : 0;
  let lo = 0;
  while (lo < t.length && t[lo] <= start - lookback * 1000) lo++;
  let hi = lo;
  while (hi < t.length && t[hi] <= end + after) hi++;
  return { ts: t, vs: new Float64Array(t.length), lo, hi, start, end, range: range * 1000, evalT: end, mode };
}

describe('interpolateHistograms', () => {
  it.each([
    { name: 'at the first sample, a copy of it', t: 0, counter: true, want: 4 },
    { name: 'at the second sample, a copy of it', t: 10, counter: true, want: 8 },
    { name: 'between, linearly', t: 2.5, counter: true, want: 5 },
  ])('$name', ({ t, counter, want }) => {
    const { note, notes } = collect();
    const r = interpolateHistograms(h(4), 0, h(8), 10_000, t * 1000, counter, 'm', note);
    expect(r?.count).toBe(want);
    expect(r?.positiveBuckets).toEqual([want]);
    expect(notes).toEqual([]);
  });

  it('a counter that reset restarted from zero: the later sample scaled', () => {
    const r = interpolateHistograms(h(10), 0, h(2, CounterResetHint.CounterReset), 15_000, 5_000, true, 'm', () => {});
    expect(r?.count).toBeCloseTo(2 / 3, 12);
  });

  it('a gauge going down is interpolated straight', () => {
    const r = interpolateHistograms(h(10), 0, h(2), 10_000, 5_000, false, 'm', () => {});
    expect(r?.count).toBe(6);
  });

  it('exponential and custom buckets do not interpolate: no value, a warning', () => {
    const { note, notes } = collect();
    expect(interpolateHistograms(h(1), 0, h(2, CounterResetHint.Unknown, true), 10_000, 5_000, false, 'm', note)).toBeUndefined();
    expect(notes).toEqual(['warn: vector contains a mix of histograms with exponential and custom buckets schemas for metric name "m"']);
  });

  it('leaves its inputs untouched', () => {
    const a = h(4);
    const b = h(8);
    interpolateHistograms(a, 0, b, 10_000, 5_000, true, 'm', () => {});
    expect([a.count, b.count]).toEqual([4, 8]);
  });
});

describe('histogramExtendedRate', () => {
  const R = CounterResetHint.CounterReset;
  const G = CounterResetHint.Gauge;
  // Cases from Prometheus's extended_vectors.test, with their float references.
  it.each([
    { name: 'anchored increase: last minus the anchor', ts: [0, 15, 30, 45, 60], hs: [h(1), h(2), h(3), h(4), h(5)], at: 50, range: 60, mode: 'anchored', counter: true, rate: false, want: 3 },
    { name: 'smoothed increase: right edge interpolated', ts: [0, 15, 30, 45, 60], hs: [h(1), h(2), h(3), h(4), h(5)], at: 50, range: 60, mode: 'smoothed', counter: true, rate: false, want: 10 / 3 },
    { name: 'anchored rate divides by the range', ts: [0, 15, 30, 45, 60], hs: [h(1), h(2), h(3), h(4), h(5)], at: 50, range: 60, mode: 'anchored', counter: true, rate: true, want: 0.05 },
    { name: 'a reset at the last sample is counted once', ts: [0, 30, 60], hs: [h(5), h(10), h(3, R)], at: 70, range: 70, mode: 'anchored', counter: true, rate: false, want: 8 },
    { name: 'two samples, the second a reset at the edge', ts: [0, 30], hs: [h(5), h(3, R)], at: 30, range: 30, mode: 'anchored', counter: true, rate: false, want: 3 },
    { name: 'left interpolation across a reset, another following', ts: [0, 10, 20, 30], hs: [h(10), h(5, R), h(2, R), h(4)], at: 15, range: 14, mode: 'smoothed', counter: true, rate: false, want: 5.5 },
    { name: 'both edges interpolated within one reset', ts: [0, 20], hs: [h(10), h(5, R)], at: 15, range: 10, mode: 'smoothed', counter: true, rate: false, want: 2.5 },
    { name: 'right interpolation across a reset', ts: [0, 10, 20], hs: [h(5), h(10), h(3, R)], at: 15, range: 10, mode: 'smoothed', counter: true, rate: true, want: 0.4 },
    { name: 'anchored delta of gauges', ts: [0, 30, 60], hs: [h(5, G), h(1, G), h(3, G)], at: 60, range: 60, mode: 'anchored', counter: false, rate: false, want: -2 },
  ] as const)('$name', ({ ts, hs, at, range, mode, counter, rate, want }) => {
    const { note, notes } = collect();
    const r = histogramExtendedRate(window([...ts], at, range, mode), [...hs], counter, rate, 'm', note);
    expect(r?.count).toBeCloseTo(want, 12);
    expect(r?.counterResetHint).toBe(CounterResetHint.Gauge);
    expect(notes).toEqual([]);
  });

  it('gives nothing when no sample lies after the window start', () => {
    expect(histogramExtendedRate(window([0], 120, 60, 'anchored'), [h(1)], true, false, 'm', () => {})).toBeUndefined();
  });

  it.each([
    { name: 'a gauge hint under increase', hs: [h(1), h(2, G), h(3)], counter: true, want: 'warn: this native histogram metric is not a counter: "m"' },
    { name: 'a counter under delta', hs: [h(1), h(2), h(3)], counter: false, want: 'warn: this native histogram metric is not a gauge: "m"' },
  ])('warns of $name, and still answers', ({ hs, counter, want }) => {
    const { note, notes } = collect();
    const r = histogramExtendedRate(window([0, 30, 60], 90, 90, 'anchored'), hs, counter, false, 'm', note);
    expect(r?.count).toBe(2);
    expect(notes).toEqual([want]);
  });

  it('a window mixing exponential and custom buckets gives nothing and a warning', () => {
    const { note, notes } = collect();
    expect(histogramExtendedRate(window([0, 30, 60], 60, 60, 'anchored'), [h(1), h(1, CounterResetHint.Unknown, true), h(4)], true, true, 'm', note)).toBeUndefined();
    expect(notes).toEqual(['warn: vector contains a mix of histograms with exponential and custom buckets schemas for metric name "m"']);
  });
});

describe('smoothedHistogramAt', () => {
  const ts = Float64Array.from([0, 15_000]);
  it.each([
    { name: 'an exact match keeps its hint', hs: [h(1), h(2, CounterResetHint.NotCounterReset)], prev: 0, next: 1, t: 15_000, count: 2, hint: CounterResetHint.NotCounterReset },
    { name: 'a carried-forward sample loses its hint', hs: [h(1), h(2, CounterResetHint.CounterReset)], prev: 1, next: -1, t: 20_000, count: 2, hint: CounterResetHint.Unknown },
    { name: 'between two, interpolated', hs: [h(1), h(2)], prev: 0, next: 1, t: 7_000, count: 1 + 7 / 15, hint: CounterResetHint.Unknown },
    { name: 'between two gauges, no reset modelled', hs: [h(4, CounterResetHint.Gauge), h(1, CounterResetHint.Gauge)], prev: 0, next: 1, t: 5_000, count: 3, hint: CounterResetHint.Gauge },
  ])('$name', ({ hs, prev, next, t, count, hint }) => {
    const r = smoothedHistogramAt(ts, hs, prev, next, t, 'm', () => {});
    expect(r?.count).toBeCloseTo(count, 12);
    expect(r?.counterResetHint).toBe(hint);
  });

  it('nothing before the step gives nothing', () => {
    expect(smoothedHistogramAt(ts, [h(1), h(2)], -1, 0, -5_000, 'm', () => {})).toBeUndefined();
  });

  it('exponential next to custom buckets gives nothing and a warning', () => {
    const { note, notes } = collect();
    expect(smoothedHistogramAt(ts, [h(1), h(2, CounterResetHint.Unknown, true)], 0, 1, 7_000, 'm', note)).toBeUndefined();
    expect(notes).toEqual(['warn: vector contains a mix of histograms with exponential and custom buckets schemas for metric name "m"']);
  });
});
