// Range functions that carry state from one step to the next of one series,
// for the hot ones whose plain form rescans every window: a range query's
// windows over a series only move forward, so the work per series is linear.
// Each gives the same floats as its plain form in rangeFunctions.ts.

import { extrapolatedRate, isMax, isMin, type RangeFn, type Window } from './rangeFunctions';

/** Makes a fresh function for one series; it may assume lo and hi never decrease. */
export type SeriesRangeFn = () => RangeFn;

/**
 * nextReset[i]: the first j ≥ i where the counter went down (vs[j] < vs[j-1]),
 * else vs.length; one past the end too, so `nextReset[hi]` is always defined.
 */
function nextResets(vs: Float64Array): Int32Array {
  const n = vs.length;
  const next = new Int32Array(n + 1);
  next[n] = n;
  for (let j = n - 1; j >= 0; j--) next[j] = j > 0 && vs[j] < vs[j - 1] ? j : next[j + 1];
  return next;
}

function counterRate(isRate: boolean): SeriesRangeFn {
  return () => {
    let next: Int32Array | undefined;
    return (w) => {
      next ??= nextResets(w.vs);
      return extrapolatedRate(w, true, isRate, next);
    };
  };
}

/**
 * max_over_time and min_over_time by a monotonic deque of sample indices: the
 * front is the window's extreme. A sample leaves the back only when the new one
 * strictly beats it, so among equals the earliest stays in front, as
 * compareOverTime keeps the first of equal values (0 before -0 and the reverse).
 * A NaN is beaten by anything, so it wins only a window of NaNs, and then the
 * window's last, as compareOverTime ends on the last NaN.
 */
function slidingExtreme(better: (cur: number, best: number) => boolean): SeriesRangeFn {
  return () => {
    let deque = new Int32Array(0);
    let head = 0;
    let tail = 0;
    let pushed = 0;
    return (w: Window) => {
      const { vs, lo, hi } = w;
      if (deque.length < vs.length) deque = new Int32Array(vs.length);
      for (; pushed < hi; pushed++) {
        const v = vs[pushed];
        while (tail > head && better(v, vs[deque[tail - 1]])) tail--;
        deque[tail++] = pushed;
      }
      while (head < tail && deque[head] < lo) head++;
      return head < tail ? vs[deque[head]] : undefined;
    };
  };
}

export const slidingFunctions: Record<string, SeriesRangeFn> = {
  rate: counterRate(true),
  increase: counterRate(false),
  max_over_time: slidingExtreme(isMax),
  min_over_time: slidingExtreme(isMin),
};
