// The standard data sets every benchmark and differential check uses, built
// deterministically from the demo service and a node-exporter shape:
//   demo:  the demo service, 3 instances, 6 h at 5 s;
//   scale: 10,000 series (50 web-service instances, 100 node-exporter hosts), 2 h at 15 s;
//   shapes: the demo service, 8 instances (784 series), 3 h at 5 s: long windows of 720 samples.
//   matrix: gauges, counters and histogram buckets in groups of 10, 1,000 and
//           10,000 series (33,030 in all), 80 min at 5 s, for the query matrix.

import { Labels } from '../model/labels';
import type { Head } from '../tsdb/head';
import { demoFamilies, hashUnit, type SimFamily, type SimSeries } from '../scrape/demoService';
import { formatSampleValue, renderTextPage, seriesText } from '../scrape/simPage';

export type DatasetName = 'demo' | 'scale' | 'shapes' | 'matrix';
export const DATASET_NAMES: readonly DatasetName[] = ['demo', 'scale', 'shapes', 'matrix'];

export interface DatasetInfo {
  start: number;
  end: number;
  stepMs: number;
  seriesCount: number;
}

/** 2026-01-01T00:00:00Z: a fixed origin so every run sees the same data. */
const ORIGIN = Date.UTC(2026, 0, 1);

const CPU_MODES = ['idle', 'iowait', 'irq', 'nice', 'softirq', 'steal', 'system', 'user'];
const CPU_SHARE = [0.7, 0.02, 0.001, 0.005, 0.01, 0.004, 0.08, 0.18];

/** A node-exporter-shaped host: 51 series. */
function nodeFamilies(host: number): SimFamily[] {
  const instance = `node-${host}:9100`;
  const lbl = (name: string, rest: Record<string, string> = {}) => Labels.from({ ...rest, __name__: name, instance, job: 'node' });
  const series = (name: string, fn: (s: number) => number, rest: Record<string, string> = {}): SimSeries => ({
    labels: lbl(name, rest),
    valueAt: (t) => fn((t - ORIGIN) / 1000 + 86_400 * (1 + (host % 30))),
  });
  const busy = (s: number) => 0.5 + 0.4 * Math.sin(s / 1800 + host);
  const cpus: SimSeries[] = [];
  for (let cpu = 0; cpu < 4; cpu++) {
    CPU_MODES.forEach((mode, mi) => {
      const share = CPU_SHARE[mi] * (mode === 'idle' ? 1 : 1 + hashUnit(host, cpu, mi));
      cpus.push(series('node_cpu_seconds_total', (s) => Math.round(s * share * 100) / 100, { cpu: String(cpu), mode }));
    });
  }
  const memTotal = 8 * 2 ** 30 * (1 + (host % 4));
  const mem = (name: string, share: number) =>
    series(name, (s) => Math.round(memTotal * share * (0.8 + 0.2 * busy(s)) / 4096) * 4096);
  const net: SimSeries[] = [];
  for (const device of ['eth0', 'lo']) {
    for (const dir of ['receive', 'transmit']) {
      const rate = (device === 'lo' ? 2e4 : 1e6) * (dir === 'receive' ? 1.5 : 1) * (1 + hashUnit(host, device.length));
      net.push(series(`node_network_${dir}_bytes_total`, (s) => Math.floor(rate * s + 1800 * rate * Math.cos(s / 1800)), { device }));
    }
  }
  const fs: SimSeries[] = [];
  ['/', '/var', '/home'].forEach((mountpoint, i) => {
    const size = 2 ** 30 * 50 * (i + 1);
    fs.push(series('node_filesystem_size_bytes', () => size, { device: `sda${i + 1}`, fstype: 'ext4', mountpoint }));
    fs.push(series('node_filesystem_avail_bytes', (s) => Math.floor(size * (0.6 - 0.3 * ((s / 86_400) % 1)) / 4096) * 4096, { device: `sda${i + 1}`, fstype: 'ext4', mountpoint }));
  });
  const loadAvg = (window: number) => (s: number) => Math.round(4 * busy(s - window) * 100) / 100;
  return [
    { name: 'node_cpu_seconds_total', type: 'counter', help: 'Seconds the CPUs spent in each mode.', unit: '', series: cpus },
    { name: 'node_memory_MemTotal_bytes', type: 'gauge', help: 'Memory information field MemTotal_bytes.', unit: '', series: [series('node_memory_MemTotal_bytes', () => memTotal)] },
    { name: 'node_memory_MemAvailable_bytes', type: 'gauge', help: 'Memory information field MemAvailable_bytes.', unit: '', series: [mem('node_memory_MemAvailable_bytes', 0.5)] },
    { name: 'node_memory_MemFree_bytes', type: 'gauge', help: 'Memory information field MemFree_bytes.', unit: '', series: [mem('node_memory_MemFree_bytes', 0.2)] },
    { name: 'node_memory_Cached_bytes', type: 'gauge', help: 'Memory information field Cached_bytes.', unit: '', series: [mem('node_memory_Cached_bytes', 0.25)] },
    { name: 'node_memory_Buffers_bytes', type: 'gauge', help: 'Memory information field Buffers_bytes.', unit: '', series: [mem('node_memory_Buffers_bytes', 0.05)] },
    { name: 'node_network_receive_bytes_total', type: 'counter', help: 'Network device statistic receive_bytes.', unit: '', series: net.filter((s) => s.labels.metricName.includes('receive')) },
    { name: 'node_network_transmit_bytes_total', type: 'counter', help: 'Network device statistic transmit_bytes.', unit: '', series: net.filter((s) => s.labels.metricName.includes('transmit')) },
    { name: 'node_filesystem_size_bytes', type: 'gauge', help: 'Filesystem size in bytes.', unit: '', series: fs.filter((s) => s.labels.metricName.endsWith('size_bytes')) },
    { name: 'node_filesystem_avail_bytes', type: 'gauge', help: 'Filesystem space available to non-root users in bytes.', unit: '', series: fs.filter((s) => s.labels.metricName.endsWith('avail_bytes')) },
    { name: 'node_load1', type: 'gauge', help: '1m load average.', unit: '', series: [series('node_load1', loadAvg(60))] },
    { name: 'node_load5', type: 'gauge', help: '5m load average.', unit: '', series: [series('node_load5', loadAvg(300))] },
    { name: 'node_load15', type: 'gauge', help: '15m load average.', unit: '', series: [series('node_load15', loadAvg(900))] },
    { name: 'node_boot_time_seconds', type: 'gauge', help: 'Node boot time, in unixtime.', unit: '', series: [series('node_boot_time_seconds', () => ORIGIN / 1000 - 86_400 * (1 + (host % 30)))] },
  ];
}

/** The matrix set's series-count groups: the `group` label selects 10, 1,000 or 10,000 series of each family. */
export const MATRIX_GROUPS = { '10': 10, '1k': 1_000, '10k': 10_000 } as const;
export type MatrixGroup = keyof typeof MATRIX_GROUPS;
const MATRIX_LE = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '+Inf'];

/**
 * Plain shapes with no demo semantics, so a query's cost depends only on its
 * series count and window: a gauge wandering in [0, 1) (10 distinct
 * `mod10` groups for aggregations), a counter that resets about hourly, and a
 * classic histogram with 10 buckets per series of the group's size.
 */
function matrixFamilies(): SimFamily[] {
  const gauges: SimSeries[] = [];
  const counters: SimSeries[] = [];
  const buckets: SimSeries[] = [];
  for (const [group, n] of Object.entries(MATRIX_GROUPS)) {
    const g = group.length;
    for (let i = 0; i < n; i++) {
      const common = { group, i: String(i), mod10: String(i % 10) };
      const phase = hashUnit(g, i) * 6.283;
      const speed = 1 + 4 * hashUnit(i, g);
      gauges.push({ labels: Labels.from({ ...common, __name__: 'matrix_gauge' }), valueAt: (t) => Math.round(500 + 499 * Math.sin((t - ORIGIN) / 600_000 + phase)) / 1000 });
      const resetEvery = 3_000_000 + Math.floor(hashUnit(i, g, 7) * 1_200_000);
      counters.push({ labels: Labels.from({ ...common, __name__: 'matrix_requests_total' }), valueAt: (t) => Math.floor((((t - ORIGIN) % resetEvery) / 1000) * speed) });
    }
    for (let i = 0; i < n / MATRIX_LE.length; i++) {
      const rate = 10 + 40 * hashUnit(i, g, 3);
      MATRIX_LE.forEach((le, k) => {
        const share = le === '+Inf' ? 1 : (k + 1) / MATRIX_LE.length - 0.05 * hashUnit(i, k);
        buckets.push({ labels: Labels.from({ group, i: String(i), le, __name__: 'matrix_latency_seconds_bucket' }), valueAt: (t) => Math.floor(((t - ORIGIN) / 1000) * rate * share) });
      });
    }
  }
  return [
    { name: 'matrix_gauge', type: 'gauge', help: 'A gauge in [0, 1).', unit: '', series: gauges },
    { name: 'matrix_requests_total', type: 'counter', help: 'A counter that resets about hourly.', unit: '', series: counters },
    { name: 'matrix_latency_seconds', type: 'histogram', help: 'A classic histogram, buckets only.', unit: '', series: buckets },
  ];
}

function webFamilies(instance: number, job: string, host: string): SimFamily[] {
  return demoFamilies(instance, { instance: host, job });
}

/** Merges per-instance families so each family's series stay contiguous. */
function mergeFamilies(perInstance: SimFamily[][]): SimFamily[] {
  const byName = new Map<string, SimFamily>();
  for (const fams of perInstance) {
    for (const f of fams) {
      const hit = byName.get(f.name);
      if (hit) hit.series.push(...f.series);
      else byName.set(f.name, { ...f, series: [...f.series] });
    }
  }
  return [...byName.values()];
}

const built = new Map<DatasetName, { info: DatasetInfo; families: SimFamily[]; series: SimSeries[] }>();

function build(name: DatasetName) {
  const hit = built.get(name);
  if (hit) return hit;
  const perInstance: SimFamily[][] = [];
  let info: Omit<DatasetInfo, 'seriesCount'>;
  if (name === 'demo') {
    for (let i = 1; i <= 3; i++) perInstance.push(webFamilies(i, 'demo', `demo-${i}`));
    info = { start: ORIGIN, end: ORIGIN + 6 * 3_600_000, stepMs: 5_000 };
  } else if (name === 'shapes') {
    for (let i = 1; i <= 8; i++) perInstance.push(webFamilies(i, 'demo', `demo-${i}`));
    info = { start: ORIGIN, end: ORIGIN + 3 * 3_600_000, stepMs: 5_000 };
  } else if (name === 'matrix') {
    perInstance.push(matrixFamilies());
    info = { start: ORIGIN, end: ORIGIN + 80 * 60_000, stepMs: 5_000 };
  } else {
    for (let i = 1; i <= 50; i++) perInstance.push(webFamilies(i, 'api', `api-${i}:8080`));
    for (let h = 1; h <= 100; h++) perInstance.push(nodeFamilies(h));
    info = { start: ORIGIN, end: ORIGIN + 2 * 3_600_000, stepMs: 15_000 };
  }
  const families = mergeFamilies(perInstance);
  const series = families.flatMap((f) => f.series);
  const entry = { info: { ...info, seriesCount: series.length }, families, series };
  built.set(name, entry);
  return entry;
}

export function datasetInfo(name: DatasetName): DatasetInfo {
  return build(name).info;
}

export function datasetFamilies(name: DatasetName): readonly SimFamily[] {
  return build(name).families;
}

/** Every series' labels, `__name__` included, in a fixed order (the seriesIndex of datasetValue). */
export function datasetSeries(name: DatasetName): Labels[] {
  return build(name).series.map((s) => s.labels);
}

/** The value of series `seriesIndex` at t (ms); undefined while it is absent (a restarting instance). */
export function datasetValue(name: DatasetName, seriesIndex: number, t: number): number | undefined {
  return build(name).series[seriesIndex].valueAt(t);
}

/** Appends the whole set to `head`, one commit per scrape time, as a scrape would. */
export function loadDataset(name: DatasetName, head: Head): void {
  const { info, series } = build(name);
  const refs = new Array<number>(series.length).fill(0);
  for (let t = info.start; t <= info.end; t += info.stepMs) {
    const app = head.appender();
    series.forEach((s, i) => {
      const v = s.valueAt(t);
      if (v !== undefined) refs[i] = app.append(refs[i], s.labels, t, v);
    });
    app.commit();
  }
}

/** One Prometheus text 0.0.4 scrape page of the whole set at t (ms), without timestamps. */
export function expositionPage(name: DatasetName, t: number): string {
  return renderTextPage(build(name).families, t);
}

/** OpenMetrics family name: counters lose `_total`, as the sample names keep it. */
function openMetricsFamily(f: SimFamily): string {
  return f.type === 'counter' && f.name.endsWith('_total') ? f.name.slice(0, -'_total'.length) : f.name;
}

/**
 * The whole set as OpenMetrics text with timestamps (seconds), families
 * contiguous and `# EOF` last, as `promtool tsdb create-blocks-from openmetrics`
 * reads it. Written in pieces so hundreds of MB never sit in one string.
 */
export function writeOpenMetrics(name: DatasetName, write: (chunk: string) => void): void {
  const { info, families } = build(name);
  for (const f of families) {
    const family = openMetricsFamily(f);
    write(`# HELP ${family} ${f.help}\n# TYPE ${family} ${f.type}\n`);
    if (f.unit !== '') write(`# UNIT ${family} ${f.unit}\n`);
    for (const s of f.series) {
      const prefix = seriesText(s.labels);
      const lines: string[] = [];
      for (let t = info.start; t <= info.end; t += info.stepMs) {
        const v = s.valueAt(t);
        if (v !== undefined) lines.push(`${prefix} ${formatSampleValue(v)} ${t / 1000}\n`);
      }
      write(lines.join(''));
    }
  }
  write('# EOF\n');
}
