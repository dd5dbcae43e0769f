// Range functions that carry state from one step to the next of one series,
// for the hot ones whose plain form rescans every window: a range query's
// windows over a series only move forward, so the work per series is linear.
// Each gives the same floats as its plain form in rangeFunctions.ts.

import { kahanComp } from '../model/kahanSum';
import { sortedQuantile } from './quantile';
import {
  extrapolatedRate,
  firstForChanges,
  fit,
  fitSums,
  isChange,
  isCounterReset,
  NO_RESETS,
  rateAnswer,
  rangeFunctions,
  rateInto,
  isMax,
  isMin,
  startTimeOverlaps,
  type RangeFn,
  type Window,
} from './rangeFunctions';
import type { StepSeries } from './value';
import { LANES, varianceLanes } from './varianceLanes';

/**
 * Evaluates one step into out.vals[i] / out.has[i]. Writing the float rather
 * than returning it keeps it unboxed: a returned double is a heap object per
 * step, 13 of the 16.5 MB a rate over 1,100 series allocated per query.
 */
export type StepWriter = (w: Window, params: readonly number[], out: StepSeries, i: number) => void;

/** Makes a fresh writer for one series; it may assume lo and hi never decrease. */
export type SeriesRangeFn = () => StepWriter;

/** A plain range function as a writer, for the functions with no sliding form. */
export function stepWriter(fn: RangeFn): SeriesRangeFn {
  const write: StepWriter = (w, params, out, i) => {
    const v = fn(w, params);
    if (v === undefined) return;
    out.vals[i] = v;
    out.has[i] = 1;
  };
  return () => write;
}

/**
 * nextReset[i]: the first j ≥ i where the counter reset between j-1 and j
 * (went down, or restarted by its start time), else vs.length; one past the
 * end too, so `nextReset[hi]` is always defined. NO_RESETS when there is none.
 */
function nextResets(w: Window): Int32Array {
  const { ts, vs, st } = w;
  const n = vs.length;
  // Most counters never reset in a query's range: one scan, and no array of n ints to allocate and fill.
  let first = 1;
  while (first < n && !isCounterReset(ts, vs, st, first)) first++;
  if (first >= n) return NO_RESETS;
  const next = new Int32Array(n + 1);
  next[n] = n;
  for (let j = n - 1; j >= 0; j--) next[j] = j > 0 && isCounterReset(ts, vs, st, j) ? j : next[j + 1];
  return next;
}

/**
 * nextOverlap[i]: the first j ≥ i whose start time overlaps sample j-1
 * (startTimeOverlaps), else ts.length; undefined when no sample overlaps,
 * the usual case, so a series pays one scan for the warning.
 */
export function nextStartTimeOverlaps(ts: Float64Array, st: Float64Array): Int32Array | undefined {
  const n = ts.length;
  let j = 1;
  while (j < n && !startTimeOverlaps(st[j - 1], ts[j - 1], st[j])) j++;
  if (j >= n) return undefined;
  const next = new Int32Array(n + 1);
  next[n] = n;
  for (let k = n - 1; k >= 0; k--) next[k] = k > 0 && startTimeOverlaps(st[k - 1], ts[k - 1], st[k]) ? k : next[k + 1];
  return next;
}

function counterRate(isRate: boolean): SeriesRangeFn {
  return () => {
    let next: Int32Array | undefined;
    return (w, _params, out, i) => {
      next ??= nextResets(w);
      if (w.mode) {
        const v = extrapolatedRate(w, true, isRate, next);
        if (v === undefined) return;
        out.vals[i] = v;
      } else {
        if (!rateInto(w, true, isRate, next)) return;
        out.vals[i] = rateAnswer[0];
      }
      out.has[i] = 1;
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
    return (w, _params, out, i) => {
      const { vs, lo, hi } = w;
      if (deque.length < vs.length) deque = new Int32Array(vs.length);
      for (; pushed < hi; pushed++) {
        const v = vs[pushed];
        while (tail > head && better(v, vs[deque[tail - 1]])) tail--;
        deque[tail++] = pushed;
      }
      while (head < tail && deque[head] < lo) head++;
      if (head === tail) return;
      out.vals[i] = vs[deque[head]];
      out.has[i] = 1;
    };
  };
}

/**
 * changes and resets by a prefix count of the series' change or reset points,
 * so a window's count is one subtraction. Anchored windows, which start one
 * sample early, count afresh.
 */
function prefixCount(isPoint: (w: Window, i: number) => boolean): SeriesRangeFn {
  return () => {
    let upTo: Int32Array | undefined;
    return (w, _params, out, i) => {
      const { lo, hi } = w;
      if (w.mode) {
        const first = firstForChanges(w);
        if (first === undefined) return;
        let n = 0;
        for (let k = first + 1; k < hi; k++) if (isPoint(w, k)) n++;
        out.vals[i] = n;
        out.has[i] = 1;
        return;
      }
      if (hi <= lo) return;
      if (upTo === undefined) {
        // upTo[k]: the points at 1..k, so the window's, at lo+1..hi-1, are upTo[hi-1] - upTo[lo].
        upTo = new Int32Array(w.vs.length);
        for (let k = 1; k < upTo.length; k++) upTo[k] = upTo[k - 1] + (isPoint(w, k) ? 1 : 0);
      }
      out.vals[i] = upTo[hi - 1] - upTo[lo];
      out.has[i] = 1;
    };
  };
}

/** NaN first, then by value with -0 and 0 equal: sortNaNFirst's order. */
function before(a: number, b: number): boolean {
  return a < b || (Number.isNaN(a) && !Number.isNaN(b));
}

/**
 * quantile_over_time over the window kept sorted as samples enter and leave,
 * instead of sorting every window. A sample enters after its equals and the
 * oldest of equals leaves first, so the array is what sortNaNFirst's stable
 * sort gives for the window (-0 and 0 in the order they came).
 */
function slidingQuantile(): SeriesRangeFn {
  return () => {
    let sorted = new Float64Array(0);
    let n = 0;
    let added = 0;
    let removed = 0;
    return (w, params, out, i) => {
      const { vs, lo, hi } = w;
      if (sorted.length < vs.length) sorted = new Float64Array(vs.length);
      for (; removed < lo && removed < added; removed++) {
        const v = vs[removed];
        let a = 0;
        let b = n;
        while (a < b) {
          const m = (a + b) >> 1;
          if (before(sorted[m], v)) a = m + 1;
          else b = m;
        }
        sorted.copyWithin(a, a + 1, n);
        n--;
      }
      if (removed < lo) removed = lo;
      if (added < lo) added = lo;
      for (; added < hi; added++) {
        const v = vs[added];
        let a = 0;
        let b = n;
        while (a < b) {
          const m = (a + b) >> 1;
          if (before(v, sorted[m])) b = m;
          else a = m + 1;
        }
        sorted.copyWithin(a + 1, a, n);
        sorted[a] = v;
        n++;
      }
      if (n === 0) return;
      out.vals[i] = sortedQuantile(params[0], sorted, n);
      out.has[i] = 1;
    };
  };
}

/**
 * Prefix sums of a series whose values are all integers with absolute values
 * summing to under 2^53: every sum of its samples, in any order, is then an
 * exact integer, so compensated summation adds nothing (its compensation stays
 * 0) and the window's sum is the difference of two prefix sums, bit for bit.
 * Undefined for any other series. Counters and byte gauges mostly qualify.
 */
function exactPrefixSums(vs: Float64Array): Float64Array | undefined {
  let abs = 0;
  for (let k = 0; k < vs.length; k++) {
    const v = vs[k];
    if (!Number.isInteger(v)) return undefined;
    abs += Math.abs(v);
  }
  // abs is exact while under 2^53 and never falls back once there (2^53 + 1 rounds to 2^53), so under it means every sum is exact.
  if (abs >= 2 ** 53) return undefined;
  const prefix = new Float64Array(vs.length + 1);
  for (let k = 0; k < vs.length; k++) prefix[k + 1] = prefix[k] + vs[k];
  return prefix;
}

/**
 * sum_over_time and avg_over_time from prefix sums where they are exact, else
 * the plain compensated rescan. The plain forms never give -0 (their sums
 * start at +0, or end adding a +0 compensation), nor does a difference of equal prefixes.
 */
function exactSum(isAvg: boolean): SeriesRangeFn {
  const plain = rangeFunctions[isAvg ? 'avg_over_time' : 'sum_over_time'];
  return () => {
    let prefix: Float64Array | undefined;
    let checked = false;
    return (w, params, out, i) => {
      const { lo, hi } = w;
      if (hi <= lo) return;
      if (!checked) {
        prefix = exactPrefixSums(w.vs);
        checked = true;
      }
      if (prefix === undefined) {
        out.vals[i] = plain(w, params) as number;
      } else {
        const sum = prefix[hi] - prefix[lo];
        out.vals[i] = isAvg ? sum / (hi - lo) : sum;
      }
      out.has[i] = 1;
    };
  };
}

interface RegressionPrefixes {
  /** Prefix sums of X (seconds since the first sample), y, X·y and X², when the values are integers whose sums are all exact. */
  x?: Float64Array;
  y?: Float64Array;
  xy?: Float64Array;
  x2?: Float64Array;
  /** changed[k]: samples 1..k whose value differs from the one before (with the prefix sums). */
  changed?: Int32Array;
  /** Samples, max |X| and Σ|y|, which bound every sum. */
  n: number;
  maxX: number;
  absY: number;
}

/**
 * What exactRegression needs of a series, or undefined unless samples are
 * whole seconds apart; prefix sums only when values are integers.
 */
function regressionPrefixes(ts: Float64Array, vs: Float64Array): RegressionPrefixes | undefined {
  const n = vs.length;
  let absY = 0;
  for (let k = 0; k < n; k++) {
    if ((ts[k] - ts[0]) % 1000 !== 0) return undefined;
    absY += Number.isInteger(vs[k]) ? Math.abs(vs[k]) : Infinity;
  }
  const maxX = (ts[n - 1] - ts[0]) / 1000;
  if (!(4 * n * maxX * maxX < 2 ** 52)) return undefined;
  if (!(absY < 2 ** 52 && 2 * maxX * absY < 2 ** 52)) return { n, maxX, absY: Infinity };
  const p = { x: new Float64Array(n + 1), y: new Float64Array(n + 1), xy: new Float64Array(n + 1), x2: new Float64Array(n + 1), changed: new Int32Array(n), n, maxX, absY };
  for (let k = 0; k < n; k++) {
    const x = (ts[k] - ts[0]) / 1000;
    const y = vs[k];
    p.x[k + 1] = p.x[k] + x;
    p.y[k + 1] = p.y[k] + y;
    p.xy[k + 1] = p.xy[k] + x * y;
    p.x2[k + 1] = p.x2[k] + x * x;
    if (k > 0) p.changed[k] = p.changed[k - 1] + (y !== vs[k - 1] ? 1 : 0);
  }
  return p;
}

/**
 * deriv and predict_linear where linearRegression's sums of x and x² are
 * exact. Whole seconds between samples and from the intercept time make x
 * whole numbers, and under the bound 4·n·B² < 2^52 with B the largest |x|
 * every partial sum of x and x² is an exact integer, so their compensations
 * stay 0 and plain sums give them bit for bit. Integer values with
 * 2·B·Σ|y| < 2^52 make the sums over y exact too: then a window's sums come
 * from prefix sums, shifted, Σ(X-a) = ΣX - n·a, Σ(X-a)y = ΣXy - a·Σy,
 * Σ(X-a)² = ΣX² - 2a·ΣX + n·a². Other values keep the compensated sums of y
 * and x·y, as linearRegression, and drop the two over x. Otherwise each
 * window is rescanned.
 */
function exactRegression(isPredict: boolean): SeriesRangeFn {
  const plain = rangeFunctions[isPredict ? 'predict_linear' : 'deriv'];
  return () => {
    let p: RegressionPrefixes | undefined;
    let checked = false;
    return (w, params, out, i) => {
      const { ts, vs, lo, hi } = w;
      if (hi - lo < 2) return;
      if (!checked) {
        p = regressionPrefixes(ts, vs);
        checked = true;
      }
      const intercept = isPredict ? w.evalT : ts[lo];
      const a = (intercept - ts[0]) / 1000;
      const b = p === undefined ? 0 : Math.max(p.maxX, Math.abs(a));
      if (p === undefined || !Number.isInteger(a) || !(4 * p.n * b * b < 2 ** 52)) {
        out.vals[i] = plain(w, params) as number;
        out.has[i] = 1;
        return;
      }
      const n = hi - lo;
      const { x, y, xy, x2, changed } = p;
      if (x !== undefined && y !== undefined && xy !== undefined && x2 !== undefined && changed !== undefined && 2 * b * p.absY < 2 ** 52) {
        if (changed[hi - 1] === changed[lo]) {
          // All values equal (linearRegression's constY): a flat line through them.
          fit[0] = 0;
          fit[1] = vs[lo];
        } else {
          const sx = x[hi] - x[lo];
          const sy = y[hi] - y[lo];
          fitSums(n, sx - n * a, sy, xy[hi] - xy[lo] - a * sy, x2[hi] - x2[lo] - 2 * a * sx + n * a * a);
        }
      } else {
        compensatedFit(w, intercept);
      }
      out.vals[i] = isPredict ? fit[0] * params[0] + fit[1] : fit[0];
      out.has[i] = 1;
    };
  };
}

/** linearRegression into fit for a window whose sums of x and x² are exact: those two summed plainly. */
function compensatedFit(w: Window, intercept: number): void {
  const { ts, vs, lo, hi } = w;
  const initY = vs[lo];
  let constY = true;
  let sumX = 0,
    sumX2 = 0,
    sumY = 0,
    cY = 0,
    sumXY = 0,
    cXY = 0;
  for (let k = lo; k < hi; k++) {
    const y = vs[k];
    if (y !== initY) constY = false;
    const x = (ts[k] - intercept) / 1000;
    sumX += x;
    sumX2 += x * x;
    let t = sumY + y;
    cY = kahanComp(sumY, y, t, cY);
    sumY = t;
    const xy = x * y;
    t = sumXY + xy;
    cXY = kahanComp(sumXY, xy, t, cXY);
    sumXY = t;
  }
  if (constY) {
    const inf = initY === Infinity || initY === -Infinity;
    fit[0] = inf ? NaN : 0;
    fit[1] = inf ? NaN : initY;
    return;
  }
  fitSums(hi - lo, sumX, sumY + cY, sumXY + cXY, sumX2);
}

/**
 * stddev_over_time and stdvar_over_time, LANES steps' windows at a time when
 * the caller gives every step's bounds (varianceLanes), else one by one.
 */
function laneVariance(isStddev: boolean): SeriesRangeFn {
  const plain = rangeFunctions[isStddev ? 'stddev_over_time' : 'stdvar_over_time'];
  return () => {
    const got = new Float64Array(LANES);
    let from = -LANES;
    return (w, params, out, i) => {
      if (w.hi <= w.lo) return;
      if (w.los === undefined || w.his === undefined) {
        out.vals[i] = plain(w, params) as number;
      } else {
        if (i < from || i >= from + LANES) {
          varianceLanes(w.vs, w.los, w.his, i, got);
          from = i;
        }
        out.vals[i] = isStddev ? Math.sqrt(got[i - from]) : got[i - from];
      }
      out.has[i] = 1;
    };
  };
}

export const slidingFunctions: Record<string, SeriesRangeFn> = {
  stddev_over_time: laneVariance(true),
  stdvar_over_time: laneVariance(false),
  deriv: exactRegression(false),
  predict_linear: exactRegression(true),
  sum_over_time: exactSum(false),
  avg_over_time: exactSum(true),
  rate: counterRate(true),
  increase: counterRate(false),
  changes: prefixCount((w, k) => isChange(w.vs, k)),
  resets: prefixCount((w, k) => isCounterReset(w.ts, w.vs, w.st, k)),
  quantile_over_time: slidingQuantile(),
  max_over_time: slidingExtreme(isMax),
  min_over_time: slidingExtreme(isMin),
};
