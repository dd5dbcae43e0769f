// Native histogram samples as PromQL's values carry them: which operations
// take them so far, and the float form every operation computes with.

import { FloatHistogram } from '../model/histogram/floatHistogram';
import type { Histogram } from '../model/histogram/histogram';
import { dateFunctions, elementFunctions } from './elementFunctions';
import type { StepSeries, Value } from './value';

/**
 * Operations (function names, aggregation ops, `operator +`, `unary -`) that
 * handle a histogram argument as Prometheus does; any other refuses one with
 * a NotYetError naming itself.
 */
export const HISTOGRAM_CONSUMERS: ReadonlySet<string> = new Set<string>([
  'histogram_avg',
  'histogram_count',
  'histogram_fraction',
  'histogram_quantile',
  'histogram_quantiles',
  'histogram_stddev',
  'histogram_stdvar',
  'histogram_sum',
  'label_join',
  'label_replace',
  'sort_by_label',
  'sort_by_label_desc',
  'timestamp',
  'absent',
  'scalar',
  'sort',
  'sort_desc',
  ...Object.keys(elementFunctions),
  ...Object.keys(dateFunctions),
  'rate',
  'increase',
  'delta',
  'irate',
  'idelta',
  'sum_over_time',
  'avg_over_time',
  'count_over_time',
  'present_over_time',
  'absent_over_time',
  'ts_of_first_over_time',
  'ts_of_last_over_time',
  'last_over_time',
  'first_over_time',
  ...['sum', 'avg', 'count', 'group', 'min', 'max', 'stddev', 'stdvar', 'quantile', 'topk', 'bottomk', 'limitk', 'limit_ratio', 'count_values'],
  'unary -',
  ...['+', '-', '*', '/', '%', '^', 'atan2', '==', '!=', '>', '<', '>=', '<=', '</', '>/', 'and', 'or', 'unless'].map((op) => `operator ${op}`),
]);

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

/** Whether any sample of the value is a native histogram. */
export function carriesHistograms(v: Value): boolean {
  if (v.type === 'vector') return v.series.some((s) => s.hs !== undefined && s.hs.some((h) => h !== undefined));
  if (v.type === 'matrix') return v.series.some((s) => s.hs !== undefined && s.hs.some((h) => h !== undefined));
  return false;
}

/** A stored histogram as PromQL computes with it, float counts. It may be storage's own object: operations copy before they change one. */
export function histogramSample(h: Histogram | FloatHistogram): FloatHistogram {
  return h instanceof FloatHistogram ? h : h.toFloat();
}
