// Every query shape against Debian's Prometheus 2.42, so the bench cannot be
// won by its own choice of queries: each PromQL function Prometheus 2.42 has,
// each aggregation and binary-operator family, subqueries, offset and @, over
// 10, 1,000 and 10,000 series scraped every 5 s, at windows of 1m, 5m and 1h
// where a shape has a window. Each query runs over 15 min at a 15 s step, in
// runs alternating with Prometheus's (its own execTotalTime), Vigil's after a
// warm-up long enough for V8 to optimise (Prometheus's Go is compiled ahead of
// time). Figures:
// `query_ratio_geomean`, `query_ratio_worst` and `query_ratio_worst_name`, the
// share of queries slower than Prometheus, and every ratio by name.
// QUERY_MATRIX=substring runs only the queries whose name holds it (several, comma-separated).

import { alternatingMedians, warmUp } from './benchTiming';
import { datasetInfo, loadDataset, MATRIX_GROUPS, type MatrixGroup } from './datasets';
import { prometheusMissing, startPrometheus } from './prometheusCompare';
import { prometheusExecMs } from './query.bench';
import { Head } from '../tsdb/head';
import { QueryEngine } from '../promql/engine';

const RUNS = 3;
/** Queries cheaper than this (warm) get more runs: their medians are the noisiest, and the runs cost little. */
const CHEAP_MS = 25;
const CHEAP_RUNS = 7;
const STEP_MS = 15_000;
const RANGE_MS = 15 * 60_000;
const WINDOWS = ['1m', '5m', '1h'];

/**
 * Shapes with `$W` take each window; `$g`, `$c` and `$b` are the gauge,
 * counter and bucket selectors of one series-count group.
 */
export const MATRIX_SHAPES: Record<string, string> = {
  rate: 'rate($c[$W])',
  increase: 'increase($c[$W])',
  delta: 'delta($g[$W])',
  irate: 'irate($c[$W])',
  idelta: 'idelta($g[$W])',
  deriv: 'deriv($g[$W])',
  predict_linear: 'predict_linear($g[$W], 600)',
  changes: 'changes($g[$W])',
  resets: 'resets($c[$W])',
  avg_over_time: 'avg_over_time($g[$W])',
  min_over_time: 'min_over_time($g[$W])',
  max_over_time: 'max_over_time($g[$W])',
  sum_over_time: 'sum_over_time($g[$W])',
  count_over_time: 'count_over_time($g[$W])',
  quantile_over_time: 'quantile_over_time(0.9, $g[$W])',
  stddev_over_time: 'stddev_over_time($g[$W])',
  stdvar_over_time: 'stdvar_over_time($g[$W])',
  last_over_time: 'last_over_time($g[$W])',
  present_over_time: 'present_over_time($g[$W])',
  absent_over_time: 'absent_over_time($g[$W])',
  subquery: 'max_over_time(rate($c[1m])[$W:30s])',
  offset: 'rate($c[$W] offset 5m)',
  at_end: 'rate($c[$W] @ end())',
  histogram_quantile: 'histogram_quantile(0.9, rate($b[$W]))',
  histogram_quantile_sum: 'histogram_quantile(0.9, sum by (le) (rate($b[$W])))',
  selector: '$g',
  abs: 'abs($g)',
  ceil: 'ceil($g)',
  floor: 'floor($g)',
  round: 'round($g, 0.1)',
  exp: 'exp($g)',
  ln: 'ln($g)',
  log2: 'log2($g)',
  log10: 'log10($g)',
  sqrt: 'sqrt($g)',
  sgn: 'sgn($g)',
  sin: 'sin($g)',
  atan: 'atan($g)',
  deg: 'deg($g)',
  clamp: 'clamp($g, 0.2, 0.8)',
  clamp_min: 'clamp_min($g, 0.5)',
  clamp_max: 'clamp_max($g, 0.5)',
  timestamp: 'timestamp($g)',
  hour: 'hour($g)',
  day_of_week: 'day_of_week($g)',
  days_in_month: 'days_in_month($g)',
  label_replace: 'label_replace($g, "x", "$1", "i", "(.*)")',
  label_join: 'label_join($g, "x", "-", "i", "mod10")',
  sort: 'sort($g)',
  sort_desc: 'sort_desc($g)',
  scalar: 'scalar(sum($g))',
  vector_time: 'vector(time())',
  absent: 'absent(nonexistent_metric)',
  sum: 'sum($g)',
  sum_by: 'sum by (mod10) ($g)',
  avg_without: 'avg without (i) ($g)',
  min: 'min by (mod10) ($g)',
  max: 'max($g)',
  count: 'count by (mod10) ($g)',
  group: 'group by (mod10) ($g)',
  stddev: 'stddev($g)',
  stdvar: 'stdvar by (mod10) ($g)',
  topk: 'topk(5, $g)',
  bottomk: 'bottomk(5, $g)',
  quantile: 'quantile(0.9, $g)',
  count_values: 'count_values("v", $g)',
  scalar_arith: '$g * 2 + 1',
  vector_arith: '$g - $g',
  comparison: '$g > 0.5',
  comparison_bool: '$g > bool 0.5',
  and: '$g and on (i, group) $c',
  or: '$g or $c',
  unless: '$g unless on (i, group) $c',
  group_left: '$g * on (mod10) group_left sum by (mod10) ($g)',
};

/** Each shape expanded over groups and (where it has one) windows, named `shape_group[_window]`. */
export function matrixQueries(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const group of Object.keys(MATRIX_GROUPS) as MatrixGroup[]) {
    const sel = (name: string) => `${name}{group="${group}"}`;
    for (const [shape, template] of Object.entries(MATRIX_SHAPES)) {
      const base = template.replaceAll('$g', sel('matrix_gauge')).replaceAll('$c', sel('matrix_requests_total')).replaceAll('$b', sel('matrix_latency_seconds_bucket'));
      if (!base.includes('$W')) out[`${shape}_${group}`] = base;
      else for (const w of WINDOWS) out[`${shape}_${group}_${w}`] = base.replaceAll('$W', w);
    }
  }
  return out;
}

export async function bench(): Promise<Record<string, number | string>> {
  const missing = prometheusMissing();
  if (missing !== undefined) {
    process.stderr.write(`  skipped: the query matrix is a comparison and ${missing}\n`);
    return {};
  }
  const { end: dataEnd } = datasetInfo('matrix');
  const end = dataEnd - 60_000;
  const start = end - RANGE_MS;
  const head = new Head();
  loadDataset('matrix', head);
  const engine = new QueryEngine();
  const querier = head.querier();
  const prom = await startPrometheus('matrix');
  const only = process.env.QUERY_MATRIX;
  try {
    const ratios: Record<string, number> = {};
    for (const [name, q] of Object.entries(matrixQueries())) {
      if (only !== undefined && !only.split(',').some((part) => name.includes(part))) continue;
      const ours = async () => {
        await engine.rangeQuery(querier, q, start, end, STEP_MS);
      };
      const warm = await warmUp(ours);
      const [vigil, theirs] = await alternatingMedians([ours, () => prometheusExecMs(prom, name, q, start, end, STEP_MS)], warm < CHEAP_MS ? CHEAP_RUNS : RUNS);
      // Prometheus reports to the microsecond; a floor of 0.01 ms keeps a trivial query from dividing by zero.
      ratios[name] = Math.round((vigil / Math.max(theirs, 0.01)) * 100) / 100;
      process.stderr.write(`  ${name}: ${vigil} ms / ${theirs} ms = ${ratios[name]}\n`);
    }
    return { ...summarise(ratios), ...Object.fromEntries(Object.entries(ratios).map(([k, v]) => [`query_ratio_${k}`, v])) };
  } finally {
    await prom.stop();
  }
}

/** The geometric mean of the ratios, the worst and its name, and the share above 1. */
export function summarise(ratios: Record<string, number>): Record<string, number | string> {
  const entries = Object.entries(ratios);
  if (entries.length === 0) return {};
  let logSum = 0;
  let worst = entries[0];
  let slower = 0;
  for (const e of entries) {
    logSum += Math.log(e[1]);
    if (e[1] > worst[1]) worst = e;
    if (e[1] > 1) slower++;
  }
  return {
    query_ratio_geomean: Math.round(Math.exp(logSum / entries.length) * 100) / 100,
    query_ratio_worst: worst[1],
    query_ratio_worst_name: worst[0],
    query_ratio_slower_share: Math.round((slower / entries.length) * 100) / 100,
    query_ratio_count: entries.length,
  };
}
