import { describe, expect, it } from 'vitest';
import type { HistogramJSON } from '../model/histogram/types';
import type { RangeColumns } from '../model/queryResult';
import { cellHover, histogramMatrix, rowAt, splitHistograms } from './histogramHeatmap';

const h = (buckets: [number, string, string, string][]): HistogramJSON => ({ count: '0', sum: '0', buckets });
const times = Float64Array.of(0, 15_000, 30_000);

describe('histogramMatrix', () => {
  it('makes one row per distinct bucket, sorted, NaN where a step lacks it, adding series', () => {
    const a = [h([[0, '1', '2', '3']]), null, h([[0, '1', '2', '1'], [0, '2', '4', '5']])];
    const b = [h([[0, '1', '2', '2']]), null, null];
    const m = histogramMatrix(times, [a, b]);
    expect(m.rows.map((r) => [r.lower, r.upper])).toEqual([
      [1, 2],
      [2, 4],
    ]);
    expect([...m.values[0]]).toEqual([5, NaN, 1]);
    expect([...m.values[1]]).toEqual([NaN, NaN, 5]);
    expect(m.max).toBe(5);
    expect(m.axis.scale).toBe('log');
    expect(m.rows[0].to).toBeCloseTo(m.rows[1].from, 12);
  });

  it('colours rates as given (fractions), with max 0 when nothing is above 0', () => {
    const m = histogramMatrix(Float64Array.of(0), [[h([[0, '1', '2', '0']])]]);
    expect(m.max).toBe(0);
  });
});

describe('rowAt', () => {
  // Schema 0 at the first step, schema 1 (half as wide) at the second: the rows overlap.
  const m = histogramMatrix(Float64Array.of(0, 1), [
    [h([[0, '1', '2', '4']]), h([[0, '1', '1.4142135623730951', '1'], [0, '1.4142135623730951', '2', '3']])],
  ]);
  it.each([
    [0.1, 0, 1],
    [0.1, 1, 0],
    [0.9, 1, 2],
  ])('at %f, step %i: row %i', (at, step, row) => expect(rowAt(m, at, step)).toBe(row));
  it('is -1 outside every row', () => expect(rowAt(m, 1.5, 0)).toBe(-1));
});

describe('splitHistograms', () => {
  const data: RangeColumns = {
    resultType: 'matrix',
    times,
    warnings: [],
    infos: [],
    series: [
      { labels: { __name__: 'up' }, vs: Float64Array.of(1, 1, 1) },
      { labels: { __name__: 'lat' }, vs: Float64Array.of(0, 0, NaN), hs: [h([]), h([]), null] },
      { labels: { __name__: 'changed' }, vs: Float64Array.of(7, 0, NaN), hs: [null, h([]), null] },
    ],
  };
  it('draws floats as lines and histograms as heatmaps; a series of both kinds is in both', () => {
    const s = splitHistograms(data);
    expect(s.floats?.series.map((x) => x.labels.__name__)).toEqual(['up', 'changed']);
    expect([...s.floats!.series[1].vs]).toEqual([7, NaN, NaN]);
    expect(s.histograms.map((x) => x.labels.__name__)).toEqual(['lat', 'changed']);
  });
  it('has no float graph when every series is histograms', () => {
    const s = splitHistograms({ ...data, series: [data.series[1]] });
    expect(s.floats).toBeNull();
  });
  it('keeps an empty float result as it is', () => {
    expect(splitHistograms({ ...data, series: [] }).floats?.series).toEqual([]);
  });
});

describe('cellHover', () => {
  const m = histogramMatrix(times, [[h([[0, '0.5', '1', '2.5']]), null, null]]);
  it('says time, bucket bounds and value', () => expect(cellHover(m, 0, 0)).toEqual({ t: 0, bucket: '(0.5, 1]', value: 2.5 }));
  it('formats bounds with the unit given', () => expect(cellHover(m, 0, 0, (v) => `${v * 1000}ms`)?.bucket).toBe('(500ms, 1000ms]'));
  it('is null off the cells', () => expect(cellHover(m, 3, 0)).toBeNull());
});
