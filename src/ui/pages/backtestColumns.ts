// A backtest's pending and firing intervals as the columns the Graph draws:
// one series per alert series, 0 while inactive, 1 while pending, 2 while
// firing, at every evaluation step of the backtest's range.

import type { RangeColumns } from '../../model/queryResult';
import type { BacktestSeries } from '../../engine/api';

export const STATE_VALUE = { inactive: 0, pending: 1, firing: 2 } as const;

export function backtestColumns(series: readonly BacktestSeries[], startMs: number, endMs: number, stepMs: number): RangeColumns {
  const steps = Math.floor((endMs - startMs) / stepMs) + 1;
  const times = new Float64Array(steps);
  for (let i = 0; i < steps; i++) times[i] = startMs + i * stepMs;
  return {
    resultType: 'matrix',
    times,
    series: series.map((s) => {
      const vs = new Float64Array(steps);
      for (const iv of s.intervals) {
        // An interval holds from its first evaluation up to, not including, the first one out of it; an open one to the range's end.
        for (let i = 0; i < steps; i++) {
          const t = times[i];
          if (t >= iv.start && (t < iv.end || (iv.open && t <= iv.end))) vs[i] = STATE_VALUE[iv.state];
        }
      }
      return { labels: s.labels, vs };
    }),
    warnings: [],
    infos: [],
  };
}

/** How long each series spent pending and firing over the range (ms), for the summary beside the graph. */
export function backtestTotals(series: readonly BacktestSeries[]): { pendingMs: number; firingMs: number; firings: number } {
  let pendingMs = 0;
  let firingMs = 0;
  let firings = 0;
  for (const s of series) {
    for (const iv of s.intervals) {
      if (iv.state === 'pending') pendingMs += iv.end - iv.start;
      else {
        firingMs += iv.end - iv.start;
        firings++;
      }
    }
  }
  return { pendingMs, firingMs, firings };
}
