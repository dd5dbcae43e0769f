// Range functions over series that hold native histograms beside floats, for
// the functions that either read floats only (deriv, min_over_time, …: the
// histograms are left out, funcDeriv's and compareOverTime's
// HistogramIgnoredInMixedRangeInfo) or compare neighbouring samples of any
// kind (funcResets, funcChanges).

import type { FloatHistogram } from '../model/histogram/floatHistogram';
import { firstForChanges, isChange, isCounterReset, isStartTimeReset, type Window } from './rangeFunctions';
import type { RangeSamples } from './value';

/** Range functions that compute over a window's float samples only, ignoring its histograms. */
export const FLOAT_SAMPLES_ONLY: ReadonlySet<string> = new Set([
  'deriv',
  'predict_linear',
  'double_exponential_smoothing',
  'min_over_time',
  'max_over_time',
  'ts_of_min_over_time',
  'ts_of_max_over_time',
  'stddev_over_time',
  'stdvar_over_time',
  'quantile_over_time',
  'mad_over_time',
]);

export const ignoredHistogramsInfo = (metric: string) => `ignored histograms in a range containing both floats and histograms for metric name ${JSON.stringify(metric)}`;

/**
 * A series' float samples in fresh arrays, so the float code's windows see
 * no histogram's placeholder 0; `histogramsIn` says whether a window
 * (start, end] held histograms. Windows must come in time order.
 */
export class FloatPart {
  readonly ts: Float64Array;
  readonly vs: Float64Array;
  readonly st?: Float64Array;
  private readonly hts: Float64Array;
  private lo = 0;
  private hi = 0;

  constructor(s: RangeSamples) {
    const hs = s.hs!;
    let nh = 0;
    for (let k = 0; k < s.ts.length; k++) if (hs[k] !== undefined) nh++;
    const nf = s.ts.length - nh;
    this.ts = new Float64Array(nf);
    this.vs = new Float64Array(nf);
    if (s.st !== undefined) this.st = new Float64Array(nf);
    this.hts = new Float64Array(nh);
    let f = 0;
    let h = 0;
    for (let k = 0; k < s.ts.length; k++) {
      if (hs[k] !== undefined) {
        this.hts[h++] = s.ts[k];
        continue;
      }
      this.ts[f] = s.ts[k];
      this.vs[f] = s.vs[k];
      if (this.st !== undefined) this.st[f] = s.st![k];
      f++;
    }
  }

  histogramsIn(start: number, end: number): boolean {
    const hts = this.hts;
    while (this.hi < hts.length && hts[this.hi] <= end) this.hi++;
    while (this.lo < this.hi && hts[this.lo] <= start) this.lo++;
    return this.hi > this.lo;
  }
}

/**
 * resets (`isResets`) or changes over a window mixing floats and histograms:
 * a switch between the kinds counts as one; two histograms reset by
 * DetectReset or a start time, and change when not equal.
 */
export function mixedResetsOrChanges(w: Window, hs: readonly (FloatHistogram | undefined)[], isResets: boolean): number | undefined {
  const first = firstForChanges(w);
  if (first === undefined) return undefined;
  const { ts, st } = w;
  let n = 0;
  for (let k = first + 1; k < w.hi; k++) {
    const prev = hs[k - 1];
    const cur = hs[k];
    if (prev === undefined && cur === undefined) {
      if (isResets ? isCounterReset(ts, w.vs, st, k) : isChange(w.vs, k)) n++;
    } else if (prev === undefined || cur === undefined) {
      n++;
    } else if (isResets) {
      if ((st !== undefined && isStartTimeReset(st[k - 1], ts[k - 1], st[k], ts[k])) || cur.detectReset(prev)) n++;
    } else if (!cur.equals(prev)) {
      n++;
    }
  }
  return n;
}
