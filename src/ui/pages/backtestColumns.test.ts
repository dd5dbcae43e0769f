import { describe, expect, it } from 'vitest';
import type { BacktestSeries } from '../../engine/api';
import { backtestColumns, backtestTotals } from './backtestColumns';

const SERIES: BacktestSeries[] = [
  {
    labels: { alertname: 'A', instance: 'x' },
    intervals: [
      { state: 'pending', start: 10, end: 30, open: false },
      { state: 'firing', start: 30, end: 50, open: false },
    ],
  },
  { labels: { alertname: 'A', instance: 'y' }, intervals: [{ state: 'firing', start: 40, end: 60, open: true }] },
];

describe('backtestColumns', () => {
  it('puts 1 at pending steps, 2 at firing steps and 0 elsewhere, on the range steps', () => {
    const got = backtestColumns(SERIES, 0, 60, 10);
    expect([...got.times]).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(got.series.map((s) => s.labels.instance)).toEqual(['x', 'y']);
    expect([...got.series[0].vs]).toEqual([0, 1, 1, 2, 2, 0, 0]);
    // Open at the range's end: still firing at the last step.
    expect([...got.series[1].vs]).toEqual([0, 0, 0, 0, 2, 2, 2]);
  });

  it('gives a time axis and no series when nothing would have fired', () => {
    const got = backtestColumns([], 0, 20, 10);
    expect(got.series).toEqual([]);
    expect([...got.times]).toEqual([0, 10, 20]);
  });
});

describe('backtestTotals', () => {
  it('adds up time pending and firing and counts firing episodes', () => {
    expect(backtestTotals(SERIES)).toEqual({ pendingMs: 20, firingMs: 40, firings: 2 });
  });
});
