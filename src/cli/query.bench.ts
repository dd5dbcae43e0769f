// Range-query figures on the scale data set (10,000 series, 2 h at 15 s):
// milliseconds per query over the whole span at a 15 s step, for the shapes
// dashboards use most, as `query_<name>_ms`. Where Debian's Prometheus is
// installed, its own time for the same query on the same data is the bar,
// `prometheus_query_<name>_ms`, measured in runs alternating with Vigil's.

import { alternatingMedians, type TimedOp } from './benchTiming';
import { datasetInfo, loadDataset } from './datasets';
import { prometheusMissing, startPrometheus, type PrometheusServer } from './prometheusCompare';
import { Head } from '../tsdb/head';
import { QueryEngine } from '../promql/engine';

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
  const head = new Head();
  loadDataset('scale', head);
  const engine = new QueryEngine();
  const querier = head.querier();
  const missing = prometheusMissing();
  if (missing !== undefined) process.stderr.write(`  no Prometheus figures: ${missing}\n`);
  const prom = missing === undefined ? await startPrometheus('scale') : undefined;
  try {
    const figures: Record<string, number> = {};
    for (const [name, q] of Object.entries(QUERIES)) {
      const ops: TimedOp[] = [
        async () => {
          await engine.rangeQuery(querier, q, start, end, stepMs);
        },
      ];
      if (prom) ops.push(() => prometheusExecMs(prom, name, q, start, end, stepMs));
      const [vigil, theirs] = await alternatingMedians(ops);
      figures[`query_${name}_ms`] = vigil;
      if (theirs !== undefined) figures[`prometheus_query_${name}_ms`] = theirs;
    }
    return figures;
  } finally {
    await prom?.stop();
  }
}

/**
 * Prometheus's execTotalTime covers selecting, evaluating and sorting but not
 * the HTTP round trip or JSON encoding, as Vigil's figure does not.
 */
export async function prometheusExecMs(prom: PrometheusServer, name: string, query: string, start: number, end: number, stepMs: number): Promise<number> {
  const a = await prom.range(query, start, end, stepMs, { stats: 'all' });
  const seconds = a.data?.stats?.timings?.execTotalTime;
  if (seconds === undefined) throw new Error(`${name}: ${a.errorType ?? 'no stats'}: ${a.error ?? ''}`);
  return seconds * 1000;
}
