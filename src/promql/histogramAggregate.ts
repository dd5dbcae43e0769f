// sum and avg over vectors holding native histograms, as the SUM and AVG
// cases of Prometheus's aggregation: Kahan-compensated histogram sums, the
// direct mean until a bucket overflows and the incremental mean after, a
// group mixing floats and histograms gives nothing and a warning. Vectors of
// floats only never come here (aggregate.ts keeps its typed-array path).

import type { FloatHistogram } from '../model/histogram/floatHistogram';
import { CounterResetHint } from '../model/histogram/types';
import type { Labels } from '../model/labels';
import { kahanInc } from '../model/kahanSum';
import type { Annotations } from './annotations';
import type { PosRange } from './parser/ast';
import { newStepSeries, type StepSeries } from './value';

/** One group at one step (groupedAggregation's fields for SUM and AVG). */
interface Acc {
  count: number;
  hasFloat: boolean;
  hasHistogram: boolean;
  f: number;
  fc: number;
  fMean: number;
  fIncremental: boolean;
  h: FloatHistogram | undefined;
  hc: FloatHistogram | undefined;
  hMean: FloatHistogram | undefined;
  hIncremental: boolean;
  incompatible: boolean;
  resetSeen: boolean;
  notResetSeen: boolean;
}

function newAcc(f: number, h: FloatHistogram | undefined): Acc {
  const a: Acc = {
    count: 1,
    hasFloat: h === undefined,
    hasHistogram: h !== undefined,
    f,
    fc: 0,
    fMean: f,
    fIncremental: false,
    h: h?.copy(),
    hc: undefined,
    hMean: undefined,
    hIncremental: false,
    incompatible: false,
    resetSeen: false,
    notResetSeen: false,
  };
  if (h !== undefined) noteHint(a, h);
  return a;
}

function noteHint(a: Acc, h: FloatHistogram): void {
  if (h.counterResetHint === CounterResetHint.CounterReset) a.resetSeen = true;
  else if (h.counterResetHint === CounterResetHint.NotCounterReset) a.notResetSeen = true;
}

export interface GroupedInput {
  /** The group of each input series. */
  index: Int32Array;
  labels: Labels[];
}

export function sumOrAvgWithHistograms(op: 'sum' | 'avg', input: StepSeries[], groups: GroupedInput, n: number, annos: Annotations, at: PosRange): StepSeries[] {
  const G = groups.labels.length;
  const accs: (Acc | undefined)[] = new Array(G * n);
  const dropName = new Uint8Array(G);
  const metricOf = (k: number) => input[k].labels.metricName;
  /** An incompatible layout (exponential with custom buckets) spoils the group at this step. */
  const failed = (a: Acc, k: number, err: unknown, reconciled: boolean): boolean => {
    if (err) {
      annos.warn(`vector contains a mix of histograms with exponential and custom buckets schemas for metric name ${JSON.stringify(metricOf(k))}`, at);
      a.incompatible = true;
      return true;
    }
    if (reconciled) annos.info('mismatched custom buckets were reconciled during aggregation', at);
    return false;
  };

  for (let k = 0; k < input.length; k++) {
    const s = input[k];
    const g = groups.index[k];
    if (s.dropName) dropName[g] = 1;
    for (let i = 0; i < n; i++) {
      if (!s.has[i]) continue;
      const f = s.vals[i];
      const h = s.hs?.[i];
      const slot = g * n + i;
      const a = accs[slot];
      if (a === undefined) {
        accs[slot] = newAcc(f, h);
        continue;
      }
      if (a.incompatible) continue;
      if (op === 'avg') a.count++;
      if (h === undefined) {
        a.hasFloat = true;
        if (op === 'sum') [a.f, a.fc] = kahanInc(f, a.f, a.fc);
        else addFloatToMean(a, f);
        continue;
      }
      a.hasHistogram = true;
      // After floats the group is invalid anyway: no point in adding.
      if (a.h === undefined) continue;
      noteHint(a, h);
      if (op === 'sum') {
        const r = a.h.kahanAdd(h, a.hc);
        a.hc = r.c;
        failed(a, k, r.err, r.nhcbBoundsReconciled);
        continue;
      }
      if (!a.hIncremental) {
        const v = a.h.copy();
        const r = v.kahanAdd(h, a.hc?.copy());
        if (failed(a, k, r.err, r.nhcbBoundsReconciled)) continue;
        if (!v.hasOverflow()) {
          a.h = v;
          a.hc = r.c;
          continue;
        }
        // The sum would overflow: switch to the incremental mean.
        a.hIncremental = true;
        a.hMean = a.h.copy().div(a.count - 1);
        a.hc?.div(a.count - 1);
      }
      const q = (a.count - 1) / a.count;
      a.hc?.mul(q);
      const r = a.hMean!.mul(q).kahanAdd(h.copy().div(a.count), a.hc);
      a.hc = r.c;
      failed(a, k, r.err, r.nhcbBoundsReconciled);
    }
  }

  const out: StepSeries[] = [];
  for (let g = 0; g < G; g++) {
    let s: StepSeries | undefined;
    for (let i = 0; i < n; i++) {
      const a = accs[g * n + i];
      if (a === undefined) continue;
      if (a.hasFloat && a.hasHistogram) {
        annos.warn('encountered a mix of histograms and floats for aggregation', at);
        continue;
      }
      if (a.incompatible) continue;
      let f = 0;
      let h: FloatHistogram | undefined;
      if (a.hasHistogram) h = op === 'sum' ? finishSum(a) : finishAvg(a);
      else f = op === 'sum' ? a.f + a.fc : a.fIncremental ? a.fMean + a.fc : a.f / a.count + a.fc / a.count;
      if (a.resetSeen && a.notResetSeen) annos.warn('conflicting counter resets during histogram aggregation', at);
      s ??= newStepSeries(groups.labels[g], n, dropName[g] === 1);
      s.vals[i] = f;
      s.has[i] = 1;
      if (h !== undefined) (s.hs ??= new Array(n))[i] = h;
    }
    if (s !== undefined) out.push(s);
  }
  return out;
}

/** The float half of AVG: the direct mean while the running sum stays finite, then incremental. */
function addFloatToMean(a: Acc, f: number): void {
  if (!a.fIncremental) {
    const [nv, nc] = kahanInc(f, a.f, a.fc);
    if (nv !== Infinity && nv !== -Infinity) {
      a.f = nv;
      a.fc = nc;
      return;
    }
    a.fIncremental = true;
    a.fMean = a.f / (a.count - 1);
    a.fc /= a.count - 1;
  }
  const q = (a.count - 1) / a.count;
  [a.fMean, a.fc] = kahanInc(f / a.count, q * a.fMean, q * a.fc);
}

function finishSum(a: Acc): FloatHistogram {
  const h = a.h!;
  if (a.hc !== undefined) h.add(a.hc);
  return h.compact(0);
}

function finishAvg(a: Acc): FloatHistogram {
  let h: FloatHistogram;
  if (a.hIncremental) {
    h = a.hMean!;
    if (a.hc !== undefined) h.add(a.hc);
  } else {
    h = a.h!.div(a.count);
    if (a.hc !== undefined) h.add(a.hc.div(a.count));
  }
  return h.compact(0);
}
