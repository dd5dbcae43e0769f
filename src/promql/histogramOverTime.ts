// sum_over_time and avg_over_time over a window of native histograms, as
// the histogram branches of Prometheus's funcSumOverTime and funcAvgOverTime:
// Kahan-compensated sums, avg's direct mean until a bucket overflows and the
// incremental mean after.

import type { FloatHistogram } from '../model/histogram/floatHistogram';
import { CounterResetHint } from '../model/histogram/types';
import type { RateNote } from './histogramRate';

const mixedExpCustom = (name: string) => `vector contains a mix of histograms with exponential and custom buckets schemas for metric name ${JSON.stringify(name)}`;

/** The counter-reset collision and NHCB reconciliation notes, raised once per window as Prometheus's deferred checks. */
class WindowNotes {
  reset = false;
  notReset = false;
  reconciled = false;

  track(h: FloatHistogram): void {
    if (h.counterResetHint === CounterResetHint.CounterReset) this.reset = true;
    else if (h.counterResetHint === CounterResetHint.NotCounterReset) this.notReset = true;
  }

  raise(note: RateNote): void {
    if (this.reset && this.notReset) note(true, 'conflicting counter resets during histogram aggregation');
    if (this.reconciled) note(false, 'mismatched custom buckets were reconciled during aggregation');
  }
}

/** Undefined (and a warning) when exponential and custom buckets meet. */
export function histogramSumOverTime(hs: readonly (FloatHistogram | undefined)[], lo: number, hi: number, name: string, note: RateNote): FloatHistogram | undefined {
  const notes = new WindowNotes();
  const sum = hs[lo]!.copy();
  notes.track(sum);
  let comp: FloatHistogram | undefined;
  let failed = false;
  for (let k = lo + 1; k < hi && !failed; k++) {
    const h = hs[k]!;
    notes.track(h);
    const r = sum.kahanAdd(h, comp);
    comp = r.c;
    if (r.err) failed = true;
    else if (r.nhcbBoundsReconciled) notes.reconciled = true;
  }
  if (!failed && comp !== undefined) {
    const r = sum.add(comp);
    if (r.err) failed = true;
    else if (r.nhcbBoundsReconciled) notes.reconciled = true;
  }
  notes.raise(note);
  if (!failed) return sum;
  note(true, mixedExpCustom(name));
  return undefined;
}

export function histogramAvgOverTime(hs: readonly (FloatHistogram | undefined)[], lo: number, hi: number, name: string, note: RateNote): FloatHistogram | undefined {
  const notes = new WindowNotes();
  let sum = hs[lo]!.copy();
  notes.track(sum);
  let mean: FloatHistogram | undefined;
  let c: FloatHistogram | undefined;
  let count = 1;
  let incremental = false;
  let failed = false;
  for (let k = lo + 1; k < hi; k++) {
    const h = hs[k]!;
    notes.track(h);
    count = k - lo + 1;
    if (!incremental) {
      const v = sum.copy();
      const r = v.kahanAdd(h, c?.copy());
      if (r.err) {
        failed = true;
        break;
      }
      if (r.nhcbBoundsReconciled) notes.reconciled = true;
      if (!v.hasOverflow()) {
        sum = v;
        c = r.c;
        continue;
      }
      // The sum would overflow: the incremental mean from here on.
      incremental = true;
      mean = sum.copy().div(count - 1);
      c?.div(count - 1);
    }
    const q = (count - 1) / count;
    c?.mul(q);
    const r = mean!.mul(q).kahanAdd(h.copy().div(count), c);
    if (r.err) {
      failed = true;
      break;
    }
    c = r.c;
    if (r.nhcbBoundsReconciled) notes.reconciled = true;
  }
  notes.raise(note);
  if (failed) {
    note(true, mixedExpCustom(name));
    return undefined;
  }
  let out: FloatHistogram;
  if (incremental) {
    out = mean!;
    if (c !== undefined && out.add(c).err) failed = true;
  } else {
    out = sum.div(count);
    if (c !== undefined && out.add(c.div(count)).err) failed = true;
  }
  if (!failed) return out;
  note(true, mixedExpCustom(name));
  return undefined;
}
