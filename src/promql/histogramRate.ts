// rate, increase and delta over a window of native histograms, as the
// histogram half of Prometheus's extrapolatedRate and its histogramRate:
// the last histogram minus the first at the coarsest schema seen, counter
// resets added back, extrapolated to the window's edges as floats are.

import { FloatHistogram } from '../model/histogram/floatHistogram';
import { CounterResetHint } from '../model/histogram/types';
import { isStartTimeReset, type Window } from './rangeFunctions';

/** Raises a warning (warn) or an info with Prometheus's message. */
export type RateNote = (warn: boolean, msg: string) => void;

const mixedExpCustom = (name: string) => `vector contains a mix of histograms with exponential and custom buckets schemas for metric name ${JSON.stringify(name)}`;

/**
 * The window's answer; `hs` aligned with w.ts, every sample in [lo, hi) a
 * histogram (mixed windows are the caller's: see mixedWindowWarning).
 * Undefined when the window gives no sample.
 */
export function histogramExtrapolatedRate(w: Window, hs: readonly (FloatHistogram | undefined)[], isCounter: boolean, isRate: boolean, name: string, note: RateNote): FloatHistogram | undefined {
  const { ts, lo, hi, st } = w;
  if (hi <= lo) return undefined;
  const numSamplesMinusOne = hi - lo - 1;
  const firstT = ts[lo];
  const lastT = ts[hi - 1];
  let result: FloatHistogram | undefined;
  if (numSamplesMinusOne > 0) {
    result = histogramRate(w, hs, isCounter, name, note);
    if (result === undefined) return undefined;
  }
  let durationToStart = (firstT - w.start) / 1000;
  let durationToEnd = (w.end - lastT) / 1000;
  let sampledInterval = (lastT - firstT) / 1000;
  const averageDurationBetweenSamples = numSamplesMinusOne > 0 ? sampledInterval / numSamplesMinusOne : 0;
  const extrapolationThreshold = averageDurationBetweenSamples * 1.1;
  const first = hs[lo]!;
  const firstST = isCounter && st !== undefined ? st[lo] : 0;
  if (firstST !== 0 && firstST > w.start && firstST < firstT) {
    // The counter started inside the window: count from zero at its start time.
    durationToStart = 0;
    sampledInterval = (lastT - firstST) / 1000;
    if (result === undefined) result = first.copy();
    else {
      const o = result.add(first);
      if (o.err) {
        note(true, mixedExpCustom(name));
        return undefined;
      }
      if (o.nhcbBoundsReconciled) note(false, 'mismatched custom buckets were reconciled during addition');
    }
  } else if (numSamplesMinusOne === 0) {
    return undefined;
  } else {
    if (durationToStart >= extrapolationThreshold) durationToStart = averageDurationBetweenSamples / 2;
    if (isCounter && result!.count > 0 && first.count >= 0) {
      // Counters cannot go negative: extrapolate no further back than the zero point.
      const durationToZero = sampledInterval * (first.count / result!.count);
      if (durationToZero < durationToStart) durationToStart = durationToZero;
    }
  }
  if (durationToEnd >= extrapolationThreshold) durationToEnd = averageDurationBetweenSamples / 2;
  let factor = sampledInterval !== 0 ? (sampledInterval + durationToStart + durationToEnd) / sampledInterval : 1;
  if (isRate) factor /= w.range / 1000;
  return result!.mul(factor);
}

/** histogramRate: last − first (resets added back for counters), a gauge histogram; undefined when the layouts cannot combine. */
function histogramRate(w: Window, hs: readonly (FloatHistogram | undefined)[], isCounter: boolean, name: string, note: RateNote): FloatHistogram | undefined {
  const { ts, lo, hi, st } = w;
  let prev = hs[lo]!;
  const last = hs[hi - 1]!;
  let usingCustomBuckets = prev.usesCustomBuckets();
  const notCounter = `this native histogram metric is not a counter: ${JSON.stringify(name)}`;
  if (isCounter && (prev.counterResetHint === CounterResetHint.Gauge || last.counterResetHint === CounterResetHint.Gauge)) note(true, notCounter);
  const stReset = (k: number) => st !== undefined && isStartTimeReset(st[k - 1], ts[k - 1], st[k], ts[k]);
  // A reset between the first two samples makes the first one irrelevant, its layout too.
  if (isCounter) {
    const second = hs[lo + 1]!;
    if (stReset(lo + 1) || second.detectReset(prev)) {
      prev = new FloatHistogram({ schema: second.schema, customValues: second.customValues });
      usingCustomBuckets = second.usesCustomBuckets();
    }
  }
  if (last.usesCustomBuckets() !== usingCustomBuckets) {
    note(true, mixedExpCustom(name));
    return undefined;
  }
  let minSchema = Math.min(last.schema, prev.schema);
  for (let k = lo + 1; k < hi - 1; k++) {
    if (!isCounter) continue;
    const curr = hs[k]!;
    if (curr.counterResetHint === CounterResetHint.Gauge) note(true, notCounter);
    if (curr.schema < minSchema) minSchema = curr.schema;
    if (curr.usesCustomBuckets() !== usingCustomBuckets) {
      note(true, mixedExpCustom(name));
      return undefined;
    }
  }
  const h = last.copyToSchema(minSchema);
  const o = h.sub(prev);
  if (o.err) {
    note(true, mixedExpCustom(name));
    return undefined;
  }
  if (o.nhcbBoundsReconciled) note(false, 'mismatched custom buckets were reconciled during subtraction');
  if (isCounter) {
    // prev is still the first sample, or the empty one standing in for it after an early reset.
    for (let k = lo + 1; k < hi; k++) {
      const curr = hs[k]!;
      if (stReset(k) || curr.detectReset(prev)) {
        const a = h.add(prev);
        if (a.err) {
          note(true, mixedExpCustom(name));
          return undefined;
        }
        if (a.nhcbBoundsReconciled) note(false, 'mismatched custom buckets were reconciled during addition');
      }
      prev = curr;
    }
  } else if (hs[lo]!.counterResetHint !== CounterResetHint.Gauge || last.counterResetHint !== CounterResetHint.Gauge) {
    note(true, `this native histogram metric is not a gauge: ${JSON.stringify(name)}`);
  }
  h.counterResetHint = CounterResetHint.Gauge;
  return h.compact(0);
}

/**
 * irate and idelta of the window's last two samples, both histograms
 * (instantValue): their difference, the reset's own value after a counter
 * reset for irate, per second for irate.
 */
export function histogramInstantValue(w: Window, hs: readonly (FloatHistogram | undefined)[], isRate: boolean, name: string, note: RateNote): FloatHistogram | undefined {
  const { ts, st, hi } = w;
  const prev = hs[hi - 2]!;
  const last = hs[hi - 1]!;
  const sampledInterval = ts[hi - 1] - ts[hi - 2];
  if (sampledInterval === 0) return undefined;
  const result = last.copy();
  if (isRate && (last.counterResetHint === CounterResetHint.Gauge || prev.counterResetHint === CounterResetHint.Gauge)) note(true, `this native histogram metric is not a counter: ${JSON.stringify(name)}`);
  if (!isRate && (last.counterResetHint !== CounterResetHint.Gauge || prev.counterResetHint !== CounterResetHint.Gauge)) note(true, `this native histogram metric is not a gauge: ${JSON.stringify(name)}`);
  const stReset = st !== undefined && isStartTimeReset(st[hi - 2], ts[hi - 2], st[hi - 1], ts[hi - 1]);
  if (!isRate || (!stReset && !last.detectReset(prev))) {
    const o = result.sub(prev);
    if (o.err) {
      note(true, mixedExpCustom(name));
      return undefined;
    }
    if (o.nhcbBoundsReconciled) note(false, 'mismatched custom buckets were reconciled during subtraction');
  }
  result.counterResetHint = CounterResetHint.Gauge;
  result.compact(0);
  return isRate ? result.div(sampledInterval / 1000) : result;
}
