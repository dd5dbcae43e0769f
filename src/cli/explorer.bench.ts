// The metrics explorer at a million series: how long Explore.metrics() takes
// to list every name with its recent series count (the issue asks < 2 s), and
// the old way (a select over every series' recent samples) beside it.

import { Explore } from '../engine/explore';
import { METRIC_NAME } from '../model/labels';
import { Matcher } from '../model/matcher';
import { Head } from '../tsdb/head';
import { loadMillion, METRIC_NAMES, MILLION } from './millionSeries';

const NOW = Date.UTC(2026, 0, 1, 12);

export async function bench(): Promise<Record<string, number>> {
  const head = new Head();
  const t0 = performance.now();
  loadMillion(head, NOW);
  const loadMs = performance.now() - t0;
  if (head.numSeries !== MILLION) throw new Error(`explorer bench: ${head.numSeries} series loaded, want ${MILLION}`);

  const explore = new Explore(head, () => NOW);
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t1 = performance.now();
    const list = await explore.metrics();
    times.push(performance.now() - t1);
    const total = list.reduce((n, m) => n + m.series, 0);
    if (list.length !== METRIC_NAMES || total !== MILLION) throw new Error(`explorer bench: listed ${list.length} names, ${total} series`);
  }
  const t2 = performance.now();
  const labels = await explore.labels('app_metric_7_seconds');
  const labelsMs = performance.now() - t2;
  if (!labels.ok || labels.value.length === 0) throw new Error(`explorer bench: no labels for one metric${labels.ok ? '' : `: ${labels.error.what}`}`);

  const figures: Record<string, number> = {
    explorer_list_ms_1m_series: round(Math.min(...times)),
    explorer_labels_ms_1m_series: round(labelsMs),
    explorer_load_ms_1m_series: round(loadMs),
  };
  // The old way decodes every series' samples; it is timed once, and only when asked (it takes tens of seconds).
  if (process.env.VIGIL_BENCH_OLD_EXPLORER === '1') {
    const t3 = performance.now();
    const got = await head.querier().select([new Matcher('=~', METRIC_NAME, '.+')], NOW - 5 * 60_000, NOW);
    const counts = new Map<string, number>();
    for (const s of got) counts.set(s.labels.metricName, (counts.get(s.labels.metricName) ?? 0) + 1);
    figures.explorer_list_ms_1m_series_select = round(performance.now() - t3);
  }
  return figures;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
