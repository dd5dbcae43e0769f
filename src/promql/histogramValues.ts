// Native histogram samples as PromQL's values carry them: the float form
// every operation computes with, and the float-only view of a vector.

import { FloatHistogram } from '../model/histogram/floatHistogram';
import type { Histogram } from '../model/histogram/histogram';
import type { StepSeries } from './value';

/**
 * The series with their histogram samples left out, for operations that take
 * floats only (Prometheus's `if el.H == nil`); `dropped` says whether any was.
 * Series without histograms are passed as they are.
 */
export function floatSamplesOnly(input: StepSeries[]): { series: StepSeries[]; dropped: boolean } {
  const series: StepSeries[] = [];
  let dropped = false;
  for (const s of input) {
    const hs = s.hs;
    if (hs === undefined) {
      series.push(s);
      continue;
    }
    const has = s.has.slice();
    let any = false;
    for (let i = 0; i < has.length; i++) {
      if (hs[i] !== undefined) {
        has[i] = 0;
        dropped = true;
      }
      if (has[i]) any = true;
    }
    if (any) series.push({ labels: s.labels, vals: s.vals, has, dropName: s.dropName });
  }
  return { series, dropped };
}

/** A stored histogram as PromQL computes with it, float counts. It may be storage's own object: operations copy before they change one. */
export function histogramSample(h: Histogram | FloatHistogram): FloatHistogram {
  return h instanceof FloatHistogram ? h : h.toFloat();
}
