// PromQL functions that read native histograms into floats
// (simpleHistogramFunc in promql/functions.go): float samples are left out,
// each histogram sample becomes one number, and the name goes.

import type { FloatHistogram } from '../model/histogram/floatHistogram';
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

export const histogramFunctions: Record<string, FunctionCall> = {
  histogram_avg: simpleHistogramFunc((h) => h.sum / h.count),
  histogram_count: simpleHistogramFunc((h) => h.count),
  histogram_sum: simpleHistogramFunc((h) => h.sum),
};
