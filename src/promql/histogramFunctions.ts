// PromQL functions that read native histograms into floats
// (simpleHistogramFunc in promql/functions.go): float samples are left out,
// each histogram sample becomes one number, and the name goes.

import type { FloatHistogram } from '../model/histogram/floatHistogram';
import { kahanComp } from '../model/kahanSum';
import type { FunctionCall } from './evalContext';
import { newStepSeries, type StepSeries } from './value';

function simpleHistogramFunc(f: (h: FloatHistogram) => number): FunctionCall {
  return async (env, e, g) => {
    const out: StepSeries[] = [];
    for (const s of await env.vectorArg(e.args[0], g)) {
      const hs = s.hs;
      if (hs === undefined) continue;
      const r = newStepSeries(s.labels, g.n, true);
      let any = false;
      for (let i = 0; i < g.n; i++) {
        const h = hs[i];
        if (h === undefined) continue;
        r.vals[i] = f(h);
        r.has[i] = 1;
        any = true;
      }
      if (any) out.push(r);
    }
    return { type: 'vector', series: out };
  };
}

/**
 * The variance of the observations (histogramVariance): each bucket's count
 * at its mean — arithmetic for custom buckets, 0 in the zero bucket,
 * geometric for exponential buckets — around the histogram's mean.
 */
function histogramVariance(h: FloatHistogram): number {
  const mean = h.sum / h.count;
  let variance = 0;
  let c = 0;
  for (const it = h.allBucketIterator(); it.next(); ) {
    const b = it.at();
    if (b.count === 0) continue;
    let val: number;
    if (h.usesCustomBuckets()) val = (b.upper + b.lower) / 2;
    else if (b.lower <= 0 && b.upper >= 0) val = 0;
    else val = b.upper < 0 ? -Math.sqrt(b.upper * b.lower) : Math.sqrt(b.upper * b.lower);
    const delta = val - mean;
    const inc = b.count * delta * delta;
    const t = variance + inc;
    c = kahanComp(variance, inc, t, c);
    variance = t;
  }
  return (variance + c) / h.count;
}

export const histogramFunctions: Record<string, FunctionCall> = {
  histogram_avg: simpleHistogramFunc((h) => h.sum / h.count),
  histogram_count: simpleHistogramFunc((h) => h.count),
  histogram_sum: simpleHistogramFunc((h) => h.sum),
  histogram_stddev: simpleHistogramFunc((h) => Math.sqrt(histogramVariance(h))),
  histogram_stdvar: simpleHistogramFunc(histogramVariance),
};
