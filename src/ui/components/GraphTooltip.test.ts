import { describe, expect, it } from 'vitest';
import type { RangeColumns } from '../../model/queryResult';
import { buildPlotData } from './graphData';
import { formatTime, MAX_TOOLTIP_ROWS, tooltipRows } from './GraphTooltip';

function result(values: number[]): RangeColumns {
  const times = new Float64Array([0]);
  return {
    resultType: 'matrix',
    times,
    series: values.map((v, i) => ({ labels: { i: String(i) }, ts: times, vs: new Float64Array([v]) })),
    warnings: [],
    infos: [],
  };
}

describe('tooltipRows', () => {
  it('lists shown series with a sample, highest first', () => {
    const data = result([1, NaN, 3, 2]);
    const { rows, more } = tooltipRows(data, buildPlotData(data), [true, true, true, false], 0, 0);
    expect(rows).toEqual([{ series: 2, value: 3 }, { series: 0, value: 1 }]);
    expect(more).toBe(0);
  });

  it('keeps the series drawn nearest the cursor when there are too many', () => {
    const data = result(Array.from({ length: 100 }, (_, i) => i));
    const { rows, more } = tooltipRows(data, buildPlotData(data), [], 0, 50);
    expect(rows).toHaveLength(MAX_TOOLTIP_ROWS);
    expect(more).toBe(100 - MAX_TOOLTIP_ROWS);
    expect(rows.every(({ value }) => Math.abs(value - 50) <= MAX_TOOLTIP_ROWS / 2)).toBe(true);
    expect(rows[0].value).toBeGreaterThan(rows[rows.length - 1].value);
  });

  it('lists only the series nearest the cursor for a single-series tooltip', () => {
    const data = result([10, 20, 30]);
    expect(tooltipRows(data, buildPlotData(data), [], 0, 19, 1)).toEqual({ rows: [{ series: 1, value: 20 }], more: 2 });
  });

  it('measures nearness on the stacked totals when stacking', () => {
    const data = result(Array.from({ length: 30 }, () => 1));
    const { rows } = tooltipRows(data, buildPlotData(data, { stacked: true }), [], 0, 30);
    expect(rows.map((r) => r.series)).toContain(29);
    expect(rows.map((r) => r.series)).not.toContain(0);
  });
});

describe('formatTime', () => {
  it.each([
    [Date.UTC(2026, 10, 25, 14, 5, 9), '2026-11-25 14:05:09 UTC'],
    [Date.UTC(2026, 0, 2, 3, 4, 5, 678), '2026-01-02 03:04:05.678 UTC'],
  ])('%d in UTC reads %s', (ms, want) => {
    expect(formatTime(ms, 'UTC')).toBe(want);
  });

  it('reads local time in the same shape', () => {
    const ms = Date.UTC(2026, 10, 25, 14, 5, 9);
    const d = new Date(ms);
    expect(formatTime(ms, 'local')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(formatTime(ms, 'local').slice(11, 13)).toBe(String(d.getHours()).padStart(2, '0'));
  });
});
