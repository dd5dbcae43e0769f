import { describe, expect, it } from 'vitest';
import type { HistogramJSON } from '../model/histogram/types';
import { axisFraction, axisLayout, axisTicks, boundText, spacedTicks, bucketSpan, bucketText, cellShade, countText, goFloat, histogramSummary, parseBuckets } from './histogramLayout';

// Schema 0 (factor 2) buckets with a zero bucket of threshold 0.001, as Prometheus writes them.
const exponential: HistogramJSON = {
  count: '10',
  sum: '12.5',
  buckets: [
    [3, '-0.001', '0.001', '1'],
    [0, '0.5', '1', '2'],
    [0, '1', '2', '3'],
    [0, '2', '4', '4'],
  ],
};
// A custom-bucket (NHCB) histogram: -Inf below the first bound, +Inf above the last.
const custom: HistogramJSON = {
  count: '6',
  sum: '1.5',
  buckets: [
    [3, '-Inf', '0.1', '1'],
    [0, '0.1', '0.5', '2'],
    [0, '0.5', '+Inf', '3'],
  ],
};

describe('goFloat', () => {
  it.each([
    ['+Inf', Infinity],
    ['-Inf', -Infinity],
    ['1e-05', 1e-5],
    ['0.25', 0.25],
  ])('%s', (s, v) => expect(goFloat(s)).toBe(v));
  it('NaN', () => expect(goFloat('NaN')).toBeNaN());
});

describe('axisLayout', () => {
  it('puts exponential buckets on a log axis, each bucket of one schema the same height, the zero bucket in a band below', () => {
    const buckets = parseBuckets(exponential);
    const a = axisLayout(buckets);
    expect(a).toMatchObject({ scale: 'log', lo: 0.5, hi: 4, top: 0 });
    expect(a.bottom).toBeGreaterThan(0);
    const spans = buckets.map((b) => bucketSpan(a, b));
    expect(spans[0]).toEqual([0, a.bottom]);
    const heights = spans.slice(1).map(([f, t]) => t - f);
    for (const h of heights) expect(h).toBeCloseTo(heights[0], 12);
    expect(spans[3][1]).toBeCloseTo(1, 12);
  });

  it('puts custom buckets reaching ±Inf in bands at both ends', () => {
    const a = axisLayout(parseBuckets(custom));
    expect(a.scale).toBe('log');
    expect(a.bottom).toBeGreaterThan(0);
    expect(a.top).toBeGreaterThan(0);
    const spans = parseBuckets(custom).map((b) => bucketSpan(a, b));
    expect(spans[0]).toEqual([0, a.bottom]);
    expect(spans[2]).toEqual([1 - a.top, 1]);
  });

  it('goes linear when a bound is 0 or below (negative buckets)', () => {
    const a = axisLayout([
      { lower: -4, upper: -2 },
      { lower: -0.1, upper: 0.1 },
      { lower: 2, upper: 4 },
    ]);
    expect(a).toMatchObject({ scale: 'linear', lo: -4, hi: 4, bottom: 0, top: 0 });
    expect(axisFraction(a, 0)).toBeCloseTo(0.5, 12);
  });

  it('centres a single bucket', () => {
    const a = axisLayout([{ lower: 1, upper: 1 }]);
    expect(axisFraction(a, 1)).toBe(0.5);
  });
});

describe('axisTicks', () => {
  it('gives decades on a wide log axis', () => {
    const ticks = axisTicks(axisLayout([{ lower: 0.001, upper: 0.002 }, { lower: 4, upper: 8 }]));
    expect(ticks.map((t) => t.value)).toEqual([0.001, 0.01, 0.1, 1]);
  });
  it('adds 2 and 5 where decades alone leave the axis bare', () => {
    const ticks = axisTicks(axisLayout([{ lower: 0.5, upper: 1 }, { lower: 2, upper: 4 }]));
    expect(ticks.map((t) => t.value)).toEqual([0.5, 1, 2]);
  });
  it('gives round steps on a linear axis, in order and within it', () => {
    const ticks = axisTicks(axisLayout([{ lower: -4, upper: -2 }, { lower: 2, upper: 4 }]));
    expect(ticks.map((t) => t.value)).toEqual([-4, -2, 0, 2, 4]);
    expect(ticks.map((t) => t.at)).toEqual([...ticks.map((t) => t.at)].sort((x, y) => x - y));
  });
});

describe('bucketText', () => {
  it.each([
    [0, '(1, 2]'],
    [1, '[1, 2)'],
    [2, '(1, 2)'],
    [3, '[1, 2]'],
  ])('rule %i', (rule, text) => expect(bucketText({ rule, lower: 1, upper: 2 })).toBe(text));
  it('spells infinities as Prometheus does', () => expect(bucketText({ rule: 0, lower: 0.5, upper: Infinity })).toBe('(0.5, +Inf]'));
});

describe('countText', () => {
  it.each([
    [0.033333333, '0.03333'],
    [12345.6, '12350'],
    [2, '2'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
  ])('%f', (v, text) => expect(countText(v)).toBe(text));
});

describe('cellShade', () => {
  it.each([
    [0, 10, 0],
    [-1, 10, 0],
    [NaN, 10, 0],
    [10, 10, 1],
    [2.5, 10, 0.15 + 0.85 * 0.5],
    [5, 0, 0],
  ])('%f of %f', (v, max, shade) => expect(cellShade(v, max)).toBeCloseTo(shade, 12));
});

describe('histogramSummary', () => {
  it('says count, sum and the buckets', () => {
    expect(histogramSummary(custom)).toBe('count 6 · sum 1.5 · [-Inf, 0.1]: 1 (0.1, 0.5]: 2 (0.5, +Inf]: 3');
  });
  it('cuts a long bucket list', () => {
    expect(histogramSummary(exponential, 2)).toBe('count 10 · sum 12.5 · [-0.001, 0.001]: 1 (0.5, 1]: 2 … 2 more');
  });
  it('rounds an exponential bound and a rate to four digits for a cell, and keeps them exact for copying', () => {
    const h: HistogramJSON = { count: '0.016666666666666666', sum: '0.0123', buckets: [[0, '0.0013810679320049757', '0.0015060652591874979', '0.016666666666666666']] };
    expect(histogramSummary(h)).toBe('count 0.01667 · sum 0.0123 · (0.001381, 0.001506]: 0.01667');
    expect(histogramSummary(h, Infinity, boundText)).toBe(
      'count 0.016666666666666666 · sum 0.0123 · (0.0013810679320049757, 0.0015060652591874979]: 0.016666666666666666',
    );
  });
  it('says when there are no buckets', () => {
    expect(histogramSummary({ count: '0', sum: '0' })).toBe('count 0 · sum 0 · no buckets');
  });
});

describe('spacedTicks', () => {
  const ticks = [0, 0.05, 0.1, 0.5, 0.52, 1].map((at) => ({ at }));
  it('drops a label that would touch one kept before it', () => {
    expect(spacedTicks(ticks, 200, () => 30).map((t) => t.at)).toEqual([0, 0.5, 1]);
  });
  it('keeps clear of a reserved label, such as the zero band', () => {
    expect(spacedTicks(ticks, 200, () => 14, [{ at: 4, size: 14 }]).map((t) => t.at)).toEqual([0.1, 0.5, 1]);
  });
  it('keeps them all when they fit', () => {
    expect(spacedTicks(ticks, 2000, () => 30)).toHaveLength(6);
  });
});
