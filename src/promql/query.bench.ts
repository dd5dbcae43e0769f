// Range-query figures on the scale data set (10,000 series, 2 h at 15 s):
// milliseconds per query over the whole span at a 15 s step (median of
// BENCH_RUNS), for the shapes dashboards use most.

import { medianMs } from '../cli/benchTiming';
import { datasetInfo, datasetSeries, datasetValue } from '../cli/datasets';
import { Head } from '../tsdb/head';
import { QueryEngine } from './engine';

export const QUERIES: Record<string, string> = {
  rate: 'rate(http_requests_total[5m])',
  sum_by_rate: 'sum by (handler) (rate(http_requests_total[5m]))',
  histogram_quantile: 'histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))',
  topk: 'topk(5, rate(http_requests_total[5m]))',
  subquery: 'max_over_time(rate(http_requests_total[1m])[30m:1m])',
  group_left: 'rate(http_requests_total[5m]) * on (instance) group_left (job) process_resident_memory_bytes',
  regex: 'node_cpu_seconds_total{mode=~"user|system|iowait"}',
  count_by: 'count by (instance) (node_cpu_seconds_total)',
};

export async function bench(): Promise<Record<string, number>> {
  const { start, end, stepMs } = datasetInfo('scale');
  const labels = datasetSeries('scale');
  const head = new Head();
  const refs = new Array<number>(labels.length).fill(0);
  for (let t = start; t <= end; t += stepMs) {
    const app = head.appender();
    labels.forEach((l, i) => {
      const v = datasetValue('scale', i, t);
      if (v !== undefined) refs[i] = app.append(refs[i], l, t, v);
    });
    app.commit();
  }
  const engine = new QueryEngine();
  const querier = head.querier();
  const figures: Record<string, number> = {};
  for (const [name, q] of Object.entries(QUERIES)) {
    figures[`query_${name}_ms`] = await medianMs(async () => {
      await engine.rangeQuery(querier, q, start, end, stepMs);
    });
  }
  return figures;
}
