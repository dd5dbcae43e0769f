// What the dashboard bench loads: 1,000 series (100 instances of a small web
// service, 10 series each) at Prometheus's default 1 m scrape interval, and a
// 20-panel board over them whose queries repeat as real boards' do (a stat
// and a graph of the same rate), so a refresh's batch has duplicates.

import { newDashboard, newPanel, newTarget } from '../dashboards/defaults';
import type { Dashboard, Panel, PanelType } from '../dashboards/model';
import { hashUnit } from '../scrape/demoService';

export const BENCH_INSTANCES = 100;
export const BENCH_SERIES = BENCH_INSTANCES * 10;
export const BENCH_STEP_MS = 60_000;
export const BENCH_BOARD_UID = 'bench-20-panels';

const BUCKETS: [string, number][] = [
  ['0.1', 0.6],
  ['0.5', 0.9],
  ['1', 0.98],
  ['+Inf', 1],
];

/** Requests served by instance i up to t: a per-instance rate with a slow wave, never decreasing. */
function requests(i: number, t: number): number {
  const rate = 5 + 20 * hashUnit(i);
  const s = t / 1000;
  return Math.floor(rate * s + 0.3 * rate * 3600 * Math.sin(s / 3600));
}

/** Prometheus text (timestamps in ms) of every series at each step in [startMs, endMs). */
export function benchExposition(startMs: number, endMs: number): string {
  const lines = [
    '# TYPE bench_requests_total counter',
    '# TYPE bench_request_duration_seconds histogram',
    '# TYPE bench_in_flight gauge',
    '# TYPE bench_memory_bytes gauge',
  ];
  const first = Math.ceil(startMs / BENCH_STEP_MS) * BENCH_STEP_MS;
  for (let i = 1; i <= BENCH_INSTANCES; i++) {
    const inst = `job="bench",instance="bench-${String(i).padStart(3, '0')}"`;
    for (let t = first; t < endMs; t += BENCH_STEP_MS) {
      const all = requests(i, t);
      const errors = Math.floor(all * 0.02);
      lines.push(`bench_requests_total{${inst},code="200"} ${all - errors} ${t}`, `bench_requests_total{${inst},code="500"} ${errors} ${t}`);
      for (const [le, share] of BUCKETS) lines.push(`bench_request_duration_seconds_bucket{${inst},le="${le}"} ${Math.floor(all * share)} ${t}`);
      lines.push(
        `bench_request_duration_seconds_sum{${inst}} ${all * 0.2} ${t}`,
        `bench_request_duration_seconds_count{${inst}} ${all} ${t}`,
        `bench_in_flight{${inst}} ${Math.round(2 + 8 * hashUnit(i, t / BENCH_STEP_MS))} ${t}`,
        `bench_memory_bytes{${inst}} ${Math.round(1e8 + 5e7 * hashUnit(i) + 1e7 * Math.sin(t / 3_600_000 + i))} ${t}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

const RATE = 'sum(rate(bench_requests_total[5m]))';
const BY_CODE = 'sum by (code) (rate(bench_requests_total[5m]))';
const PANELS: [PanelType, string, string, boolean][] = [
  ['timeseries', 'Requests', RATE, false],
  ['timeseries', 'Requests by code', BY_CODE, false],
  ['timeseries', 'Busiest instances', 'topk(5, sum by (instance) (rate(bench_requests_total[5m])))', false],
  ['timeseries', 'Latency p99', 'histogram_quantile(0.99, sum by (le) (rate(bench_request_duration_seconds_bucket[5m])))', false],
  ['timeseries', 'Latency p50', 'histogram_quantile(0.5, sum by (le) (rate(bench_request_duration_seconds_bucket[5m])))', false],
  ['heatmap', 'Latency buckets', 'sum by (le) (increase(bench_request_duration_seconds_bucket[5m]))', false],
  ['stat', 'Request rate', RATE, false],
  ['stat', 'Error ratio', 'sum(rate(bench_requests_total{code="500"}[5m])) / sum(rate(bench_requests_total[5m]))', false],
  ['stat', 'Instances', 'count(bench_in_flight)', false],
  ['gauge', 'In flight, mean', 'avg(bench_in_flight)', false],
  ['gauge', 'Memory, largest', 'max(bench_memory_bytes)', false],
  ['bargauge', 'Memory, top 10', 'topk(10, bench_memory_bytes)', true],
  ['table', 'Busiest instances now', 'topk(10, sum by (instance) (rate(bench_requests_total[5m])))', true],
  ['timeseries', 'In flight', 'sum(bench_in_flight)', false],
  ['timeseries', 'Memory, mean', 'avg(bench_memory_bytes)', false],
  ['timeseries', 'Mean latency by instance', 'sum by (instance) (rate(bench_request_duration_seconds_sum[5m])) / sum by (instance) (rate(bench_request_duration_seconds_count[5m]))', false],
  ['timeseries', 'Memory by instance', 'bench_memory_bytes', false],
  ['timeseries', 'Errors by instance', 'rate(bench_requests_total{code="500"}[5m])', false],
  ['stat', 'Requests in the last hour', 'sum(increase(bench_requests_total[1h]))', false],
  ['timeseries', 'Requests by code (again)', BY_CODE, false],
];

/** The 20-panel board: four columns of panels, five rows, all on one screen of the bench's window. */
export function benchBoard(): Dashboard {
  const panels: Panel[] = PANELS.map(([type, title, expr, instant], k) => {
    const p = newPanel(type, k + 1, title);
    p.gridPos = { x: (k % 4) * 6, y: Math.floor(k / 4) * 6, w: 6, h: 6 };
    p.targets = [{ ...newTarget('A', expr), instant }];
    return p;
  });
  return { ...newDashboard(BENCH_BOARD_UID, 'Bench: 20 panels'), time: { from: 'now-24h', to: 'now' }, refresh: '5s', panels, version: 1 };
}
