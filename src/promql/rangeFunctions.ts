// Functions over a range vector's window of samples (promql/functions.go):
// each gets one series' samples for one step as views into typed arrays, so a
// range query slides the window over a series instead of re-selecting.

import { kahanComp } from '../model/kahanSum';
import { quantile } from './quantile';
import { varianceFrom } from './varianceLanes';

/** One step's window over one series: samples ts[lo..hi) lie in (start, end]. */
export interface Window {
  ts: Float64Array;
  vs: Float64Array;
  lo: number;
  hi: number;
  start: number;
  end: number;
  /** The selector's range in ms (for subqueries, the subquery's range). */
  range: number;
  /** The evaluation time of the step. */
  evalT: number;
  /** Anchored or smoothed selectors: the samples reach one lookback past the window's edges. */
  mode?: 'anchored' | 'smoothed';
  /** Start times aligned with ts (0 = unknown), when a plain selector's series carries them. */
  st?: Float64Array;
  /** Every step's lo and hi over this series, for writers that evaluate several steps at once. */
  los?: Int32Array;
  his?: Int32Array;
}

/** Returns the output value, or undefined for no output at this step. */
export type RangeFn = (w: Window, params: readonly number[]) => number | undefined;

/**
 * Prometheus's isStartTimestampReset: whether a counter restarted between two
 * samples, judged by the second one's start time.
 */
export function isStartTimeReset(prevST: number, prevT: number, curST: number, curT: number): boolean {
  // Unknown (0), invalid (after its sample) or OTel's unknown start (at its sample).
  if (curST === 0 || curST >= curT) return false;
  if (curST < prevT) return false;
  if (curST > prevT) return true;
  // Starting at the previous sample is a delta, unless that sample's own start is unknown or invalid:
  // then this is a cumulative series whose start OTel did not know, and no reset.
  if (prevST > prevT) return false;
  return prevST !== 0 && prevST !== prevT;
}

/**
 * Prometheus's checkStartTimeOverlap: a start time before the previous sample
 * that is not the previous sample's own start (a cumulative series keeps its
 * start, a delta starts where the last one ended).
 */
export function startTimeOverlaps(prevST: number, prevT: number, curST: number): boolean {
  return curST !== 0 && curST < prevT && curST !== prevST;
}

/** Whether a counter reset between samples i-1 and i: its value went down, or its start time says it restarted. */
export function isCounterReset(ts: Float64Array, vs: Float64Array, st: Float64Array | undefined, i: number): boolean {
  return vs[i] < vs[i - 1] || (st !== undefined && isStartTimeReset(st[i - 1], ts[i - 1], st[i], ts[i]));
}

/**
 * Prometheus's extrapolatedRate: rate, increase and delta with extrapolation to
 * the window's edges. `nextReset`, when given, lists each series position's
 * next counter reset (see slidingFunctions), so the correction loop visits
 * resets only, adding them in the same order.
 */
export function extrapolatedRate(w: Window, isCounter: boolean, isRate: boolean, nextReset?: Int32Array): number | undefined {
  if (w.mode) return extendedRate(w, isCounter, isRate);
  return rateInto(w, isCounter, isRate, nextReset) ? rateAnswer[0] : undefined;
}

/**
 * Where rateInto leaves its answer. A float returned from a call that is not
 * inlined becomes a heap object: 8.8 MB per query for a rate over 1,100
 * series at 481 steps, which the sliding rate now avoids.
 */
export const rateAnswer = new Float64Array(1);

/** extrapolatedRate without the extended modes: false when the window gives no value, else the value in rateAnswer[0]. */
/** A series without counter resets, as a nextReset (rateInto adds nothing for it). */
export const NO_RESETS = new Int32Array(0);

export function rateInto(w: Window, isCounter: boolean, isRate: boolean, nextReset?: Int32Array): boolean {
  const { ts, vs, lo, hi, st } = w;
  if (hi <= lo) return false;
  const numSamplesMinusOne = hi - lo - 1;
  let result = vs[hi - 1] - vs[lo];
  if (isCounter && nextReset) {
    if (nextReset !== NO_RESETS) for (let i = nextReset[lo + 1]; i < hi; i = nextReset[i + 1]) result += vs[i - 1];
  } else if (isCounter) {
    for (let i = lo + 1; i < hi; i++) if (isCounterReset(ts, vs, st, i)) result += vs[i - 1];
  }
  const firstT = ts[lo];
  const lastT = ts[hi - 1];
  let durationToStart = (firstT - w.start) / 1000;
  let durationToEnd = (w.end - lastT) / 1000;
  let sampledInterval = (lastT - firstT) / 1000;
  const averageDurationBetweenSamples = numSamplesMinusOne > 0 ? sampledInterval / numSamplesMinusOne : 0;
  const extrapolationThreshold = averageDurationBetweenSamples * 1.1;
  const firstST = isCounter && st !== undefined ? st[lo] : 0;
  if (firstST !== 0 && firstST > w.start && firstST < firstT) {
    // The counter started inside the window: a zero sample at its start time
    // replaces extrapolating to the left, even for a lone sample (whose right
    // side then is not extrapolated either, having no average interval).
    durationToStart = 0;
    sampledInterval = (lastT - firstST) / 1000;
    result += vs[lo];
  } else if (numSamplesMinusOne === 0) {
    return false;
  } else {
    if (durationToStart >= extrapolationThreshold) durationToStart = averageDurationBetweenSamples / 2;
    if (isCounter) {
      // Counters cannot go negative: extrapolate no further back than the zero point.
      let durationToZero = durationToStart;
      if (result > 0 && vs[lo] >= 0) durationToZero = sampledInterval * (vs[lo] / result);
      if (durationToZero < durationToStart) durationToStart = durationToZero;
    }
  }
  if (durationToEnd >= extrapolationThreshold) durationToEnd = averageDurationBetweenSamples / 2;
  let factor = sampledInterval !== 0 ? (sampledInterval + durationToStart + durationToEnd) / sampledInterval : 1;
  if (isRate) factor /= w.range / 1000;
  rateAnswer[0] = result * factor;
  return true;
}

/** Index of the last sample at or before the window's start (the anchor), else the first (sort.Search - 1). */
export function anchorIndex(w: Window, upTo: number): number {
  let i = w.lo;
  while (i < upTo && w.ts[i] <= w.start) i++;
  return Math.max(w.lo, i - 1);
}

/** The window's right-hand sample: its last, or when smoothed the first at or after its end (the one interpolated towards). */
export function lastIndex(w: Window): number {
  if (w.mode !== 'smoothed') return w.hi - 1;
  let k = w.lo;
  while (k < w.hi - 1 && w.ts[k] < w.end) k++;
  return k;
}

function interpolate(t1: number, v1: number, t2: number, v2: number, t: number, isCounter: boolean): number {
  // A counter that went down restarted from zero (interpolate).
  const y1 = isCounter && v2 < v1 ? 0 : v1;
  return y1 + ((v2 - y1) * (t - t1)) / (t2 - t1);
}

/** The value at the window's start, interpolated when smoothed (pickOrInterpolateLeft). */
export function leftEdge(w: Window, first: number, smoothed: boolean, isCounter: boolean): number {
  const { ts, vs } = w;
  if (smoothed && ts[first] < w.start) return interpolate(ts[first], vs[first], ts[first + 1], vs[first + 1], w.start, isCounter);
  return vs[first];
}

/** The value at the window's end, interpolated when smoothed (pickOrInterpolateRight). */
export function rightEdge(w: Window, last: number, smoothed: boolean, isCounter: boolean): number {
  const { ts, vs } = w;
  if (smoothed && last > w.lo && ts[last] > w.end) return interpolate(ts[last - 1], vs[last - 1], ts[last], vs[last], w.end, isCounter);
  return vs[last];
}

/** Prometheus's extendedRate: anchored or smoothed rate, increase and delta, no extrapolation. */
function extendedRate(w: Window, isCounter: boolean, isRate: boolean): number | undefined {
  const { ts, vs } = w;
  if (w.hi <= w.lo) return undefined;
  const smoothed = w.mode === 'smoothed';
  let first = anchorIndex(w, w.hi - 1);
  let last = lastIndex(w);
  if (ts[last] <= w.start) return undefined;
  if (smoothed && ts[first] > w.end) return undefined;
  const left = leftEdge(w, first, smoothed, isCounter);
  const right = rightEdge(w, last, smoothed, isCounter);
  let result = right - left;
  if (isCounter) {
    if (ts[first] <= w.start) first++;
    if (ts[last] >= w.end) last--;
    let prev = left;
    for (let k = first; k <= last; k++) {
      if (vs[k] < prev) result += prev;
      prev = vs[k];
    }
    if (right < prev) result += prev;
  }
  if (isRate) result /= w.range / 1000;
  return result;
}

/**
 * An anchored or smoothed window as an instant query returns it: the values
 * at both edges (interpolated when smoothed) around the samples inside
 * (extendFloats). Undefined when nothing lies after the window's start.
 */
export function extendedSamples(w: Window): { ts: number[]; vs: number[] } | undefined {
  if (w.hi <= w.lo) return undefined;
  const smoothed = w.mode === 'smoothed';
  let first = anchorIndex(w, w.hi - 1);
  let last = lastIndex(w);
  if (w.ts[last] <= w.start) return undefined;
  const left = leftEdge(w, first, smoothed, false);
  const right = rightEdge(w, last, smoothed, false);
  if (w.ts[first] <= w.start) first++;
  if (w.ts[last] >= w.end) last--;
  const ts = [w.start];
  const vs = [left];
  for (let k = first; k <= last; k++) {
    ts.push(w.ts[k]);
    vs.push(w.vs[k]);
  }
  ts.push(w.end);
  vs.push(right);
  return { ts, vs };
}

/** The first sample resets and changes look at: the anchor when anchored (pickFirstSampleIndices). */
export function firstForChanges(w: Window): number | undefined {
  if (w.mode !== 'anchored') return w.hi > w.lo ? w.lo : undefined;
  let k = w.lo;
  while (k < w.hi && w.ts[k] <= w.start) k++;
  if (k >= w.hi) return undefined;
  return Math.max(w.lo, k - 1);
}

/** Prometheus's instantValue: irate and idelta from the last two samples. */
function instantValue(w: Window, isRate: boolean): number | undefined {
  const { ts, vs, hi } = w;
  if (hi - w.lo < 2) return undefined;
  const prev = vs[hi - 2];
  const last = vs[hi - 1];
  const interval = ts[hi - 1] - ts[hi - 2];
  if (interval === 0) return undefined;
  let result = last;
  if (!isRate || !isCounterReset(ts, vs, w.st, hi - 1)) result = last - prev;
  if (isRate) result /= interval / 1000;
  return result;
}

/** Where linearRegression leaves the slope and intercept: a returned pair is an allocation per step. */
export const fit = new Float64Array(2);

/**
 * Least-squares fit of the window's samples, x in seconds from interceptTime
 * (linearRegression), into fit. Every window is summed afresh, as Prometheus
 * does: compensated sums cannot drop a sample and give the same floats.
 */
function linearRegression(w: Window, interceptTime: number): void {
  const { ts, vs, lo, hi } = w;
  let sumX = 0,
    cX = 0,
    sumY = 0,
    cY = 0,
    sumXY = 0,
    cXY = 0,
    sumX2 = 0,
    cX2 = 0;
  const initY = vs[lo];
  let constY = true;
  for (let i = lo; i < hi; i++) {
    const y = vs[i];
    if (y !== initY) constY = false;
    const x = (ts[i] - interceptTime) / 1000;
    let t = sumX + x;
    cX = kahanComp(sumX, x, t, cX);
    sumX = t;
    t = sumY + y;
    cY = kahanComp(sumY, y, t, cY);
    sumY = t;
    const xy = x * y;
    t = sumXY + xy;
    cXY = kahanComp(sumXY, xy, t, cXY);
    sumXY = t;
    const x2 = x * x;
    t = sumX2 + x2;
    cX2 = kahanComp(sumX2, x2, t, cX2);
    sumX2 = t;
  }
  if (constY) {
    if (initY === Infinity || initY === -Infinity) {
      fit[0] = NaN;
      fit[1] = NaN;
    } else {
      fit[0] = 0;
      fit[1] = initY;
    }
    return;
  }
  fitSums(hi - lo, sumX + cX, sumY + cY, sumXY + cXY, sumX2 + cX2);
}

/** The least-squares line from a window's n samples' sums of x, y, xy and x² (with compensation added), into fit. */
export function fitSums(n: number, sumX: number, sumY: number, sumXY: number, sumX2: number): void {
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  fit[0] = slope;
  fit[1] = sumY / n - (slope * sumX) / n;
}

function avg(w: Window): number {
  const { vs, lo, hi } = w;
  let sum = vs[lo];
  let c = 0;
  let i = lo + 1;
  // Direct mean while the running sum stays finite, then incremental (funcAvgOverTime).
  for (; i < hi; i++) {
    const f = vs[i];
    const t = sum + f;
    if (t === Infinity || t === -Infinity) break;
    c = kahanComp(sum, f, t, c);
    sum = t;
  }
  if (i === hi) return sum / (hi - lo) + c / (hi - lo);
  let mean = sum / (i - lo);
  c /= i - lo;
  for (; i < hi; i++) {
    const count = i - lo + 1;
    const q = (count - 1) / count;
    const prev = q * mean;
    const inc = vs[i] / count;
    const t = prev + inc;
    c = kahanComp(prev, inc, t, q * c);
    mean = t;
  }
  return mean + c;
}

function sum(w: Window): number {
  const { vs, lo, hi } = w;
  let s = 0;
  let c = 0;
  for (let i = lo; i < hi; i++) {
    const f = vs[i];
    const t = s + f;
    c = kahanComp(s, f, t, c);
    s = t;
  }
  return s === Infinity || s === -Infinity ? s : s + c;
}

function variance(w: Window): number {
  return varianceFrom(w.vs, w.lo, w.hi, w.lo);
}

/** max_over_time and friends: NaN only wins when nothing else is there (compareOverTime). */
function extreme(w: Window, better: (cur: number, best: number) => boolean, timestamp: boolean): number {
  let best = w.vs[w.lo];
  let at = w.ts[w.lo];
  for (let i = w.lo; i < w.hi; i++) {
    if (better(w.vs[i], best)) {
      best = w.vs[i];
      at = w.ts[i];
    }
  }
  return timestamp ? at / 1000 : best;
}

export const isMax = (cur: number, best: number) => cur > best || Number.isNaN(best);
export const isMin = (cur: number, best: number) => cur < best || Number.isNaN(best);
// ts_of_max_over_time and ts_of_min_over_time report the last of equal extremes (funcTsOfMaxOverTime's >=).
const isMaxOrTie = (cur: number, best: number) => cur >= best || Number.isNaN(best);
const isMinOrTie = (cur: number, best: number) => cur <= best || Number.isNaN(best);

function values(w: Window): number[] {
  return Array.from(w.vs.subarray(w.lo, w.hi));
}

/** Whether the value changed between samples i-1 and i; NaN to NaN is no change (funcChanges). */
export function isChange(vs: Float64Array, i: number): boolean {
  const a = vs[i - 1];
  const b = vs[i];
  return a !== b && !(Number.isNaN(a) && Number.isNaN(b));
}

function nonEmpty(fn: (w: Window, params: readonly number[]) => number): RangeFn {
  return (w, params) => (w.hi > w.lo ? fn(w, params) : undefined);
}

export const rangeFunctions: Record<string, RangeFn> = {
  rate: (w) => extrapolatedRate(w, true, true),
  increase: (w) => extrapolatedRate(w, true, false),
  delta: (w) => extrapolatedRate(w, false, false),
  irate: (w) => instantValue(w, true),
  idelta: (w) => instantValue(w, false),
  deriv: (w) => {
    if (w.hi - w.lo < 2) return undefined;
    linearRegression(w, w.ts[w.lo]);
    return fit[0];
  },
  predict_linear: (w, params) => {
    if (w.hi - w.lo < 2) return undefined;
    linearRegression(w, w.evalT);
    return fit[0] * params[0] + fit[1];
  },
  double_exponential_smoothing: (w, [sf, tf]) => {
    if (w.hi - w.lo < 2) return undefined;
    const { vs, lo, hi } = w;
    let s0 = 0;
    let s1 = vs[lo];
    let b = vs[lo + 1] - vs[lo];
    for (let i = lo + 1; i < hi; i++) {
      const x = sf * vs[i];
      if (i - 1 > lo) b = tf * (s1 - s0) + (1 - tf) * b;
      const y = (1 - sf) * (s1 + b);
      s0 = s1;
      s1 = x + y;
    }
    return s1;
  },
  resets: (w) => {
    const first = firstForChanges(w);
    if (first === undefined) return undefined;
    let n = 0;
    for (let i = first + 1; i < w.hi; i++) if (isCounterReset(w.ts, w.vs, w.st, i)) n++;
    return n;
  },
  changes: (w) => {
    const first = firstForChanges(w);
    if (first === undefined) return undefined;
    let n = 0;
    for (let i = first + 1; i < w.hi; i++) if (isChange(w.vs, i)) n++;
    return n;
  },
  avg_over_time: nonEmpty(avg),
  sum_over_time: nonEmpty(sum),
  count_over_time: nonEmpty((w) => w.hi - w.lo),
  min_over_time: nonEmpty((w) => extreme(w, isMin, false)),
  max_over_time: nonEmpty((w) => extreme(w, isMax, false)),
  ts_of_min_over_time: nonEmpty((w) => extreme(w, isMinOrTie, true)),
  ts_of_max_over_time: nonEmpty((w) => extreme(w, isMaxOrTie, true)),
  last_over_time: nonEmpty((w) => w.vs[w.hi - 1]),
  first_over_time: nonEmpty((w) => w.vs[w.lo]),
  ts_of_last_over_time: nonEmpty((w) => w.ts[w.hi - 1] / 1000),
  ts_of_first_over_time: nonEmpty((w) => w.ts[w.lo] / 1000),
  present_over_time: nonEmpty(() => 1),
  stddev_over_time: nonEmpty((w) => Math.sqrt(variance(w))),
  stdvar_over_time: nonEmpty(variance),
  quantile_over_time: nonEmpty((w, [q]) => quantile(q, values(w))),
  mad_over_time: nonEmpty((w) => {
    const vals = values(w);
    // A NaN sample makes the median undefined (funcMadOverTime).
    if (vals.some(Number.isNaN)) return NaN;
    const median = quantile(0.5, vals);
    return quantile(
      0.5,
      vals.map((v) => Math.abs(v - median)),
    );
  }),
};
