// Native histograms under the experimental `anchored` and `smoothed`
// modifiers, as Prometheus's extendedHistogramRate, interpolateHistograms and
// smoothSeries's histogram case: no extrapolation, the value at a window's
// edge picked from the anchor sample or interpolated between the samples
// around it, a counter that reset modelled as restarting from zero.

import type { FloatHistogram } from '../model/histogram/floatHistogram';
import { CounterResetHint } from '../model/histogram/types';
import type { RateNote } from './histogramRate';
import { anchorIndex, lastIndex, type Window } from './rangeFunctions';

const mixedExpCustom = (name: string) => `vector contains a mix of histograms with exponential and custom buckets schemas for metric name ${JSON.stringify(name)}`;

/** Adds or subtracts `other` into `base` in place, noting reconciled NHCB bounds or mixed schemas; false when they cannot combine. */
function combine(base: FloatHistogram, other: FloatHistogram, subtract: boolean, name: string, note: RateNote): boolean {
  const o = subtract ? base.sub(other) : base.add(other);
  if (o.err) {
    note(true, mixedExpCustom(name));
    return false;
  }
  if (o.nhcbBoundsReconciled) note(false, `mismatched custom buckets were reconciled during ${subtract ? 'subtraction' : 'addition'}`);
  return true;
}

/**
 * The histogram at time t between (t1, h1) and (t2, h2), a new one. When a
 * counter reset between them, the counter restarted from zero: h2 scaled by
 * how far t lies towards it. Undefined, with a warning, when the two mix
 * exponential and custom buckets.
 */
export function interpolateHistograms(h1: FloatHistogram, t1: number, h2: FloatHistogram, t2: number, t: number, isCounter: boolean, name: string, note: RateNote): FloatHistogram | undefined {
  if (t === t1) return h1.copy();
  if (t === t2) return h2.copy();
  const fraction = (t - t1) / (t2 - t1);
  if (isCounter && h2.detectReset(h1)) return h2.copy().mul(fraction);
  const result = h2.copy();
  if (!combine(result, h1, true, name, note)) return undefined;
  result.mul(fraction);
  if (!combine(result, h1, false, name, note)) return undefined;
  return result;
}

/**
 * Prometheus's extendedHistogramRate: rate, increase or delta of a window
 * of histograms only (`hs` aligned with w.ts) under an anchored or smoothed
 * selector. Undefined when the window gives no sample.
 */
export function histogramExtendedRate(w: Window, hs: readonly (FloatHistogram | undefined)[], isCounter: boolean, isRate: boolean, name: string, note: RateNote): FloatHistogram | undefined {
  const { ts, lo, hi } = w;
  if (hi <= lo) return undefined;
  const smoothed = w.mode === 'smoothed';
  const first = anchorIndex(w, hi - 1);
  const last = lastIndex(w);
  if (ts[last] <= w.start) return undefined;
  if (smoothed && ts[first] > w.end) return undefined;
  if (!validRange(hs, first, last, isCounter, name, note)) return undefined;
  const left = smoothed && ts[first] < w.start ? interpolateHistograms(hs[first]!, ts[first], hs[first + 1]!, ts[first + 1], w.start, isCounter, name, note) : hs[first]!.copy();
  if (left === undefined) return undefined;
  const right = smoothed && last > lo && ts[last] > w.end ? interpolateHistograms(hs[last - 1]!, ts[last - 1], hs[last]!, ts[last], w.end, isCounter, name, note) : hs[last]!.copy();
  if (right === undefined) return undefined;
  if (!isCounter && (left.counterResetHint !== CounterResetHint.Gauge || right.counterResetHint !== CounterResetHint.Gauge)) {
    note(true, `this native histogram metric is not a gauge: ${JSON.stringify(name)}`);
  }
  // A copy: the correction below still asks `right` whether it follows a reset.
  const result = right.copy();
  if (!combine(result, left, true, name, note)) return undefined;
  if (isCounter) {
    const correction = resetCorrection(w, hs, first, last, left, right, name, note);
    if (correction === false) return undefined;
    if (correction !== undefined && !combine(result, correction, false, name, note)) return undefined;
  }
  if (isRate) result.div(w.range / 1000);
  result.counterResetHint = CounterResetHint.Gauge;
  return result.compact(0);
}

/** validateHistogramRange: false, with a warning, when samples first..last mix exponential and custom buckets; warns of gauge hints under a counter function. */
function validRange(hs: readonly (FloatHistogram | undefined)[], first: number, last: number, isCounter: boolean, name: string, note: RateNote): boolean {
  const custom = hs[first]!.usesCustomBuckets();
  for (let k = first; k <= last; k++) {
    const h = hs[k]!;
    if (h.usesCustomBuckets() !== custom) {
      note(true, mixedExpCustom(name));
      return false;
    }
    if (isCounter && h.counterResetHint === CounterResetHint.Gauge) note(true, `this native histogram metric is not a counter: ${JSON.stringify(name)}`);
  }
  return true;
}

/**
 * correctForCounterResetsHistogram: the sum of the values before each reset
 * between the edges (undefined when none, false when they cannot combine).
 * The edge samples are left to `left` and `right`: comparing `right` with
 * the last sample it was copied from would find that sample's own reset hint
 * again.
 */
function resetCorrection(
  w: Window,
  hs: readonly (FloatHistogram | undefined)[],
  firstSample: number,
  lastSample: number,
  left: FloatHistogram,
  right: FloatHistogram,
  name: string,
  note: RateNote,
): FloatHistogram | undefined | false {
  let first = firstSample + 1;
  let prev = left;
  if (w.mode === 'smoothed' && w.ts[firstSample] < w.start && hs[firstSample + 1]!.detectReset(hs[firstSample]!)) {
    // The left interpolation spanned this reset already: compare from the sample after it.
    prev = hs[firstSample + 1]!;
    first++;
  }
  const last = lastSample - 1;
  // Nothing between the edges, or both interpolated within the one reset.
  if (first > last + 1) return undefined;
  let correction: FloatHistogram | undefined;
  const addCorrection = (h: FloatHistogram): boolean => {
    if (correction === undefined) {
      correction = h.copy();
      return true;
    }
    return combine(correction, h, false, name, note);
  };
  for (let k = first; k <= last; k++) {
    const h = hs[k]!;
    if (h.detectReset(prev) && !addCorrection(prev)) return false;
    prev = h;
  }
  if (right.detectReset(prev) && !addCorrection(prev)) return false;
  return correction;
}

/**
 * smoothSeries's histogram case: the histogram at time t from samples
 * prev (the last before t, or -1) and next (the first at or after t, or -1),
 * both within the lookback either side. An exact match keeps its hint; a
 * carried-forward one loses it, the hint being about the sample before;
 * between two, a counter unless both are gauges. Undefined, with a warning,
 * when the two mix exponential and custom buckets.
 */
export function smoothedHistogramAt(ts: Float64Array, hs: readonly (FloatHistogram | undefined)[], prev: number, next: number, t: number, name: string, note: RateNote): FloatHistogram | undefined {
  if (next >= 0 && ts[next] === t) return hs[next]!.copy();
  if (prev >= 0 && next >= 0) {
    const a = hs[prev]!;
    const b = hs[next]!;
    if (a.usesCustomBuckets() !== b.usesCustomBuckets()) {
      note(true, mixedExpCustom(name));
      return undefined;
    }
    const isCounter = a.counterResetHint !== CounterResetHint.Gauge || b.counterResetHint !== CounterResetHint.Gauge;
    return interpolateHistograms(a, ts[prev], b, ts[next], t, isCounter, name, note);
  }
  if (prev < 0) return undefined;
  const h = hs[prev]!.copy();
  h.counterResetHint = CounterResetHint.Unknown;
  return h;
}
