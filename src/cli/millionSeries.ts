// The million-series data set the explorer and restore benches share: 2,000
// metric names with 500 series each, spread over jobs, instances and one
// more label as exporters spread them, each series a few 15 s scrapes.

import { Labels } from '../model/labels';
import type { Storage } from '../tsdb/storage';

export const MILLION = 1_000_000;
export const METRIC_NAMES = 2_000;
const JOBS = ['node', 'api', 'web', 'db', 'cache', 'queue', 'auth', 'search'];
const MODES = ['user', 'system', 'idle', 'iowait', 'irq'];

/** Series i of n: its metric name, job, instance and a mode label, as a scrape would store them. */
export function millionSeriesLabels(i: number, n = MILLION): Labels {
  const name = i % METRIC_NAMES;
  const k = Math.floor(i / METRIC_NAMES);
  const perName = Math.ceil(n / METRIC_NAMES);
  const instance = k % Math.ceil(perName / MODES.length);
  return Labels.from({
    __name__: `app_metric_${name}_${name % 3 === 0 ? 'total' : 'seconds'}`,
    job: JOBS[name % JOBS.length],
    instance: `10.0.${instance >> 8}.${instance & 255}:9100`,
    mode: MODES[Math.floor(k / Math.ceil(perName / MODES.length)) % MODES.length],
    shard: String(k % 4),
  });
}

/** Appends `scrapes` samples 15 s apart ending at `end` to each of n series, one commit per scrape. */
export function loadMillion(db: Storage, end: number, scrapes = 3, n = MILLION): void {
  const labels: Labels[] = [];
  for (let i = 0; i < n; i++) labels.push(millionSeriesLabels(i, n));
  const refs = new Uint32Array(n);
  for (let s = 0; s < scrapes; s++) {
    const app = db.appender();
    const t = end - (scrapes - 1 - s) * 15_000;
    for (let i = 0; i < n; i++) refs[i] = app.append(refs[i], labels[i], t, i + s);
    app.commit();
  }
}
