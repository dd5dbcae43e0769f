// Real Prometheus's own time for the range queries of src/promql/query.bench.ts
// on the scale set (2 h at 15 s), measured in the same run as Vigil's, as
// `prometheus_query_<name>_ms`: the bar each `query_<name>_ms` is held to.

import { QUERIES } from '../promql/query.bench';
import { medianMs } from './benchTiming';
import { datasetInfo } from './datasets';
import { prometheusMissing, startPrometheus } from './prometheusCompare';

export async function bench(): Promise<Record<string, number>> {
  const missing = prometheusMissing();
  if (missing !== undefined) {
    process.stderr.write(`  no Prometheus figures: ${missing}\n`);
    return {};
  }
  const { start, end, stepMs } = datasetInfo('scale');
  const prom = await startPrometheus('scale');
  try {
    // Prometheus's execTotalTime covers selecting, evaluating and sorting but
    // not the HTTP round trip or JSON encoding, as Vigil's figure does not.
    const execMs = async (name: string, query: string) => {
      const a = await prom.range(query, start, end, stepMs, { stats: 'all' });
      const seconds = a.data?.stats?.timings?.execTotalTime;
      if (seconds === undefined) throw new Error(`${name}: ${a.errorType ?? 'no stats'}: ${a.error ?? ''}`);
      return seconds * 1000;
    };
    const figures: Record<string, number> = {};
    for (const [name, query] of Object.entries(QUERIES)) {
      figures[`prometheus_query_${name}_ms`] = await medianMs(() => execMs(name, query));
    }
    return figures;
  } finally {
    await prom.stop();
  }
}
