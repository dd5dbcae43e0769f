import { describe, expect, it } from 'vitest';
import type { RangeColumns } from '../../model/queryResult';
import { buildPlotData, plotColumn, stackBands, stackColumns, toSeconds } from './graphData';

const f = (...v: number[]) => new Float64Array(v);

function columns(...series: number[][]): RangeColumns {
  return {
    resultType: 'matrix',
    times: f(1_700_000_000_000, 1_700_000_015_000, 1_700_000_030_000),
    series: series.map((vs, i) => ({ labels: { i: String(i) }, ts: f(), vs: f(...vs) })),
    warnings: [],
    infos: [],
  };
}

describe('graph data', () => {
  it('converts ms to seconds', () => {
    expect(Array.from(toSeconds(f(1_700_000_000_000, 1_700_000_000_500)))).toEqual([1_700_000_000, 1_700_000_000.5]);
  });

  it('passes a dense column through without copying', () => {
    const vs = f(1, 2, 3);
    expect(plotColumn(vs)).toBe(vs);
  });

  it.each([
    { name: 'NaN is a gap', vs: [1, NaN, 3], log: false, want: [1, null, 3] },
    { name: '±Inf is a gap', vs: [Infinity, 2, -Infinity], log: false, want: [null, 2, null] },
    { name: 'zero and negatives are gaps on a log axis', vs: [0, -1, 5], log: true, want: [null, null, 5] },
    { name: 'zero stays on a linear axis', vs: [0, -1, NaN], log: false, want: [0, -1, null] },
  ])('$name', ({ vs, log, want }) => {
    expect(Array.from(plotColumn(f(...vs), log))).toEqual(want);
  });

  it('stacks shown series, gaps adding nothing', () => {
    const stacked = stackColumns([f(1, 1, NaN), f(2, NaN, 2), f(3, 3, 3)]);
    expect(stacked.map((c) => Array.from(c))).toEqual([[1, 1, NaN], [3, NaN, 2], [6, 4, 5]]);
  });

  it('leaves hidden series out of the stack', () => {
    const stacked = stackColumns([f(1, 1), f(10, 10), f(3, 3)], [true, false, true]);
    expect(stacked.map((c) => Array.from(c))).toEqual([[1, 1], [10, 10], [4, 4]]);
  });

  it('builds uPlot columns: seconds first, then one column per series', () => {
    const data = buildPlotData(columns([1, NaN, 3], [4, 5, 6]));
    expect(data).toHaveLength(3);
    expect(Array.from(data[0])).toEqual([1_700_000_000, 1_700_000_015, 1_700_000_030]);
    expect(Array.from(data[1])).toEqual([1, null, 3]);
    expect(Array.from(data[2])).toEqual([4, 5, 6]);
  });

  it('builds stacked columns', () => {
    const data = buildPlotData(columns([1, NaN, 3], [4, 5, 6]), { stacked: true });
    expect(Array.from(data[2])).toEqual([5, 5, 9]);
    expect(Array.from(data[1])).toEqual([1, null, 3]);
  });

  it.each([
    { shown: [true, true, true], want: [[2, 1], [3, 2]] },
    { shown: [true, false, true], want: [[3, 1]] },
    { shown: [false, true, true], want: [[3, 2]] },
    { shown: [true], want: [] },
  ])('bands fill each stacked series to the shown one below: $shown', ({ shown, want }) => {
    expect(stackBands(shown).map((b) => b.series)).toEqual(want);
  });

  it('keeps every column of 1,000 series × 500 points, gaps as gaps, stacked sums finite where every series below has a value', () => {
    const times = new Float64Array(500).map((_, i) => 1_700_000_000_000 + i * 15_000);
    const series = Array.from({ length: 1000 }, (_, s) => ({
      labels: { s: String(s) },
      ts: times,
      vs: new Float64Array(500).map((_, i) => (i % 50 === s % 50 ? NaN : Math.sin(i + s))),
    }));
    const data: RangeColumns = { resultType: 'matrix', times, series, warnings: [], infos: [] };
    const plain = buildPlotData(data);
    expect(plain).toHaveLength(1001);
    expect(plain[0][1] - plain[0][0]).toBe(15);
    expect(plain[8][7]).toBeNull();
    expect(plain[8][8]).toBeCloseTo(Math.sin(8 + 7));
    const stacked = buildPlotData(data, { stacked: true });
    expect(stacked).toHaveLength(1001);
    expect(Array.from(stacked[1000] as ArrayLike<number | null>).every((v) => v === null || Number.isFinite(v))).toBe(true);
  });
});
