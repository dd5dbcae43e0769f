// "Vigil": the engine watching itself through its own scrape (job `vigil`,
// src/engine/defaultConfig.ts): scrapes and samples by job (the scraped job
// is `exported_job`, as the self-scrape's own `job` label wins), storage,
// queries, alerting rules' alerts, and remote write. Metric names are those of
// src/engine/{scrapeMetrics,engineQueries,engine}.ts and src/remote/remoteMetrics.ts.

import { newDashboard } from '../defaults';
import type { Dashboard } from '../model';
import { at, panelOf, rowAt } from './boardParts';

const SELF = 'job="vigil"';
const RATE = '$__rate_interval';

export function vigilBoard(): Dashboard {
  const b = newDashboard('vigil', 'Vigil');
  b.description = "Vigil's own figures: scrapes, samples, storage, queries, rules and remote write.";
  b.tags = ['vigil'];
  b.refresh = '10s';

  const targetsUp = panelOf('stat', 1, {
    title: 'Targets up',
    at: at(0, 0, 6, 4),
    queries: [['sum(up)']],
    description: 'Targets whose last scrape succeeded.',
  });
  const targetsDown = panelOf('stat', 2, {
    title: 'Targets down',
    at: at(6, 0, 6, 4),
    queries: [['count(up == 0) or vector(0)']],
    field: { thresholds: { mode: 'absolute', steps: [{ value: null, color: 'green' }, { value: 1, color: 'red' }] } },
  });
  const series = panelOf('stat', 3, { title: 'Series stored', at: at(12, 0, 6, 4), queries: [[`vigil_tsdb_series{${SELF}}`]] });
  const stored = panelOf('stat', 4, { title: 'Storage used', at: at(18, 0, 6, 4), unit: 'bytes', queries: [[`vigil_tsdb_storage_bytes{${SELF}}`]] });
  for (const p of [series, stored]) p.fieldConfig.defaults.thresholds = { mode: 'absolute', steps: [{ value: null, color: 'blue' }] };

  const scrapes = rowAt(5, 'Scrapes', 4);
  const scrapesByJob = panelOf('timeseries', 6, {
    title: 'Scrapes by job and outcome',
    at: at(0, 5, 12, 8),
    unit: 'ops',
    queries: [[`sum by (exported_job, outcome) (rate(vigil_scrapes_total{${SELF}}[${RATE}]))`, '{{exported_job}} {{outcome}}']],
  });
  const samples = panelOf('timeseries', 7, {
    title: 'Samples appended',
    at: at(12, 5, 12, 8),
    unit: 'short',
    description: 'Samples scraped per second, by job.',
    queries: [[`sum by (exported_job) (rate(vigil_scrape_samples_total{${SELF}}[${RATE}]))`, '{{exported_job}}']],
  });
  samples.options.stacking = 'normal';
  samples.options.fillOpacity = 30;
  const duration = panelOf('timeseries', 8, {
    title: 'Scrape duration (p90)',
    at: at(0, 13, 8, 7),
    unit: 's',
    queries: [[`histogram_quantile(0.9, sum by (exported_job, le) (rate(vigil_scrape_duration_seconds_bucket{${SELF}}[${RATE}])))`, '{{exported_job}}']],
  });
  const lateness = panelOf('timeseries', 9, {
    title: 'Late scrapes and missed slots',
    at: at(8, 13, 8, 7),
    unit: 'ops',
    description: 'Scrapes the busy engine started late, and slots it skipped: a stall, not a target down.',
    queries: [
      [`sum by (exported_job) (rate(vigil_scrapes_late_total{${SELF}}[${RATE}]))`, 'late {{exported_job}}'],
      [`sum by (exported_job) (rate(vigil_scrape_slots_missed_total{${SELF}}[${RATE}]))`, 'missed {{exported_job}}'],
    ],
  });
  const perTarget = panelOf('table', 10, {
    title: 'Targets',
    at: at(16, 13, 8, 7),
    instant: true,
    queries: [['up'], ['scrape_samples_scraped'], ['scrape_duration_seconds']],
  });

  const storage = rowAt(11, 'Storage', 20);
  const seriesOverTime = panelOf('timeseries', 12, {
    title: 'Series',
    at: at(0, 21, 8, 7),
    queries: [
      [`vigil_tsdb_series{${SELF}}`, 'stored'],
      [`vigil_tsdb_head_series{${SELF}}`, 'in the head'],
    ],
  });
  const samplesStored = panelOf('timeseries', 13, { title: 'Samples stored', at: at(8, 21, 8, 7), queries: [[`vigil_tsdb_samples{${SELF}}`, 'samples']] });
  const bytes = panelOf('timeseries', 14, {
    title: 'Storage and checkpoints',
    at: at(16, 21, 8, 7),
    unit: 'bytes',
    queries: [
      [`vigil_tsdb_storage_bytes{${SELF}}`, 'chunk bytes'],
      [`sum by (outcome) (increase(vigil_tsdb_checkpoints_total{${SELF}}[5m]))`, 'checkpoints {{outcome}} (5m)'],
    ],
  });
  bytes.fieldConfig.overrides = [{ matcher: { id: 'byRegexp', options: '/^checkpoints/' }, properties: [{ id: 'unit', value: 'short' }, { id: 'custom.drawStyle', value: 'bars' }] }];

  const queries = rowAt(15, 'Queries and rules', 28);
  const queryRate = panelOf('timeseries', 16, {
    title: 'Queries by kind and outcome',
    at: at(0, 29, 8, 7),
    unit: 'ops',
    queries: [[`sum by (kind, outcome) (rate(vigil_engine_queries_total{${SELF}}[${RATE}]))`, '{{kind}} {{outcome}}']],
  });
  const queryLatency = panelOf('timeseries', 17, {
    title: 'Query duration',
    at: at(8, 29, 8, 7),
    unit: 's',
    queries: [
      [`histogram_quantile(0.5, sum by (le) (rate(vigil_engine_query_duration_seconds_bucket{${SELF}}[${RATE}])))`, 'p50'],
      [`histogram_quantile(0.99, sum by (le) (rate(vigil_engine_query_duration_seconds_bucket{${SELF}}[${RATE}])))`, 'p99'],
    ],
  });
  const alerts = panelOf('timeseries', 18, {
    title: 'Alerts by state',
    at: at(16, 29, 8, 7),
    description: 'Alerting rules pending and firing (the ALERTS series rules write).',
    queries: [['count by (alertstate) (ALERTS)', '{{alertstate}}']],
  });
  alerts.options.drawStyle = 'bars';
  alerts.options.stacking = 'normal';
  alerts.options.fillOpacity = 80;

  const remote = rowAt(19, 'Remote write', 36);
  remote.collapsed = true;
  const sent = panelOf('timeseries', 20, {
    title: 'Samples sent',
    at: at(0, 37, 12, 7),
    unit: 'short',
    queries: [
      [`sum by (remote_name) (rate(vigil_remote_storage_samples_total{${SELF}}[${RATE}]))`, 'sent {{remote_name}}'],
      [`sum by (remote_name) (rate(vigil_remote_storage_samples_retried_total{${SELF}}[${RATE}]))`, 'retried {{remote_name}}'],
      [`sum by (remote_name) (rate(vigil_remote_storage_samples_failed_total{${SELF}}[${RATE}]))`, 'failed {{remote_name}}'],
      [`sum by (remote_name) (rate(vigil_remote_storage_samples_dropped_total{${SELF}}[${RATE}]))`, 'dropped {{remote_name}}'],
    ],
  });
  const lag = panelOf('timeseries', 21, {
    title: 'Lag and queue',
    at: at(12, 37, 12, 7),
    unit: 's',
    queries: [
      [`vigil_remote_storage_lag_seconds{${SELF}}`, 'lag {{remote_name}}'],
      [`vigil_remote_storage_samples_pending{${SELF}}`, 'pending {{remote_name}}'],
    ],
  });
  lag.fieldConfig.overrides = [{ matcher: { id: 'byRegexp', options: '/^pending/' }, properties: [{ id: 'unit', value: 'short' }] }];
  remote.panels = [sent, lag];

  b.panels = [targetsUp, targetsDown, series, stored, scrapes, scrapesByJob, samples, duration, lateness, perTarget, storage, seriesOverTime, samplesStored, bytes, queries, queryRate, queryLatency, alerts, remote];
  return b;
}
