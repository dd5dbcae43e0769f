// The query shapes issue 17 found slower than Prometheus 2.42, on the `shapes`
// data set (784 series, 3 h at 5 s, so an hour's window holds 720 samples),
// each over the whole span at a 15 s step: `range_shape_ms_<name>`. Where
// Debian's Prometheus is installed, its own time for the same query on the
// same data, `prometheus_range_shape_ms_<name>`, and Vigil's time over it,
// `range_shape_ratio_<name>`, from runs alternating with Vigil's.
// RANGE_SHAPES=name,name runs only those shapes, for measuring one change.

import { alternatingMedians, type TimedOp } from './benchTiming';
import { datasetInfo, loadDataset } from './datasets';
import { prometheusMissing, startPrometheus } from './prometheusCompare';
import { prometheusExecMs } from './query.bench';
import { Head } from '../tsdb/head';
import { QueryEngine } from '../promql/engine';

// 560 histogram buckets stand in for gauges: the most series with a value at every scrape.
const GAUGE = 'http_request_duration_seconds_bucket';
const COUNTER = 'http_requests_total';

export const SHAPES: Record<string, string> = {
  predict_linear: `predict_linear(${GAUGE}[1h], 600)`,
  sum_over_time: `sum_over_time(${GAUGE}[1h])`,
  // Fractional values, which sum_over_time cannot sum exactly by prefixes.
  sum_over_time_float: `sum_over_time((${GAUGE} / 3)[1h:5s])`,
  deriv: `deriv(${GAUGE}[30m])`,
  avg_over_time: `avg_over_time(${GAUGE}[1h])`,
  resets: `resets(${COUNTER}[1h])`,
  stddev_over_time: `stddev_over_time(${GAUGE}[1h])`,
  quantile_over_time: `quantile_over_time(0.9, ${GAUGE}[1h])`,
  selector_12: '{__name__=~"http_requests_in_flight|process_resident_memory_bytes", instance=~"demo-[1-6]"}',
  subquery: `avg_over_time(rate(${COUNTER}[1m])[2m:10s])`,
  changes: `changes(${GAUGE}[1h])`,
  count_values: `count_values("value", ${GAUGE})`,
  absent: 'absent(nonexistent)',
  count_over_time: `count_over_time(${GAUGE}[10m])`,
  topk: `topk(3, ${GAUGE})`,
};

export async function bench(): Promise<Record<string, number>> {
  const { start, end } = datasetInfo('shapes');
  const stepMs = 15_000;
  const head = new Head();
  loadDataset('shapes', head);
  const engine = new QueryEngine();
  const querier = head.querier();
  const missing = prometheusMissing();
  if (missing !== undefined) process.stderr.write(`  no Prometheus figures: ${missing}\n`);
  const prom = missing === undefined ? await startPrometheus('shapes') : undefined;
  const only = process.env.RANGE_SHAPES;
  try {
    const figures: Record<string, number> = {};
    for (const [name, q] of Object.entries(SHAPES)) {
      if (only !== undefined && !only.split(',').includes(name)) continue;
      const ops: TimedOp[] = [
        async () => {
          await engine.rangeQuery(querier, q, start, end, stepMs);
        },
      ];
      if (prom) ops.push(() => prometheusExecMs(prom, name, q, start, end, stepMs));
      const [vigil, theirs] = await alternatingMedians(ops);
      figures[`range_shape_ms_${name}`] = vigil;
      if (theirs !== undefined) {
        figures[`prometheus_range_shape_ms_${name}`] = theirs;
        figures[`range_shape_ratio_${name}`] = Math.round((vigil / theirs) * 100) / 100;
      }
    }
    return figures;
  } finally {
    await prom?.stop();
  }
}
