// "Node exporter": a host's CPU, memory, disk, network and load, for people
// who scrape node_exporter. Only metrics node_exporter 1.5 exposes on Linux
// by default; the host is picked by `instance` (label_values(node_uname_info,
// instance)) within a `job`.

import { newDashboard } from '../defaults';
import type { Dashboard } from '../model';
import { at, labelValuesVariable, panelOf, rowAt } from './boardParts';

const HOST = 'job="$job", instance="$instance"';
const RATE = '$__rate_interval';
/** Pseudo and in-memory file systems are not disks a person watches fill up. */
const REAL_FS = `${HOST}, fstype!~"tmpfs|ramfs|squashfs|devtmpfs|nsfs|overlay|fuse.*"`;
const REAL_DISK = `${HOST}, device!~"loop.*|ram.*|zram.*"`;
const CORES = `count(count by (cpu) (node_cpu_seconds_total{${HOST}}))`;

export function nodeExporterBoard(): Dashboard {
  const b = newDashboard('node-exporter', 'Node exporter');
  b.description = "A host's CPU, memory, disk, network and load, from node_exporter.";
  b.tags = ['node_exporter', 'linux'];
  b.refresh = '30s';
  b.variables = [
    labelValuesVariable('job', 'Job', 'label_values(node_uname_info, job)', { multi: false, includeAll: false }),
    labelValuesVariable('instance', 'Instance', 'label_values(node_uname_info, instance)', { multi: false, includeAll: false }),
  ];

  const percent = { min: 0, max: 1, thresholds: { mode: 'absolute' as const, steps: [{ value: null, color: 'green' }, { value: 0.8, color: 'orange' }, { value: 0.9, color: 'red' }] } };
  const uptime = panelOf('stat', 1, { title: 'Uptime', at: at(0, 0, 4, 4), unit: 's', queries: [[`time() - node_boot_time_seconds{${HOST}}`]] });
  if (uptime.type === 'stat') uptime.options.graphMode = 'none';
  uptime.fieldConfig.defaults.thresholds = { mode: 'absolute', steps: [{ value: null, color: 'blue' }] };
  const cores = panelOf('stat', 2, { title: 'CPU cores', at: at(4, 0, 4, 4), queries: [[CORES]] });
  cores.fieldConfig.defaults.thresholds = { mode: 'absolute', steps: [{ value: null, color: 'blue' }] };
  const cpuBusy = panelOf('gauge', 3, {
    title: 'CPU busy',
    at: at(8, 0, 4, 4),
    unit: 'percentunit',
    queries: [[`1 - avg(rate(node_cpu_seconds_total{${HOST}, mode="idle"}[${RATE}]))`]],
    field: percent,
  });
  const memUsed = panelOf('gauge', 4, {
    title: 'Memory used',
    at: at(12, 0, 4, 4),
    unit: 'percentunit',
    queries: [[`1 - node_memory_MemAvailable_bytes{${HOST}} / node_memory_MemTotal_bytes{${HOST}}`]],
    field: percent,
  });
  const rootUsed = panelOf('gauge', 5, {
    title: 'Root file system used',
    at: at(16, 0, 4, 4),
    unit: 'percentunit',
    queries: [[`1 - node_filesystem_avail_bytes{${HOST}, mountpoint="/"} / node_filesystem_size_bytes{${HOST}, mountpoint="/"}`]],
    field: percent,
  });
  const load = panelOf('stat', 6, {
    title: 'Load (1m) per core',
    at: at(20, 0, 4, 4),
    queries: [[`node_load1{${HOST}} / scalar(${CORES})`]],
    field: { decimals: 2, thresholds: { mode: 'absolute', steps: [{ value: null, color: 'green' }, { value: 1, color: 'orange' }, { value: 2, color: 'red' }] } },
  });

  const cpuRow = rowAt(7, 'CPU and memory', 4);
  const cpu = panelOf('timeseries', 8, {
    title: 'CPU by mode',
    at: at(0, 5, 12, 8),
    unit: 'percentunit',
    description: 'Share of all cores spent in each mode (idle left out).',
    queries: [[`sum by (mode) (rate(node_cpu_seconds_total{${HOST}, mode!="idle"}[${RATE}])) / scalar(${CORES})`, '{{mode}}']],
  });
  cpu.options.stacking = 'normal';
  cpu.options.fillOpacity = 40;
  const memory = panelOf('timeseries', 9, {
    title: 'Memory',
    at: at(12, 5, 12, 8),
    unit: 'bytes',
    queries: [
      [`node_memory_MemTotal_bytes{${HOST}} - node_memory_MemAvailable_bytes{${HOST}}`, 'used'],
      [`node_memory_Buffers_bytes{${HOST}} + node_memory_Cached_bytes{${HOST}}`, 'buffers and cache'],
      [`node_memory_MemFree_bytes{${HOST}}`, 'free'],
      [`node_memory_MemTotal_bytes{${HOST}}`, 'total'],
    ],
  });
  memory.fieldConfig.overrides = [{ matcher: { id: 'byName', options: 'total' }, properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: 'red' } }, { id: 'custom.fillOpacity', value: 0 }] }];
  memory.options.fillOpacity = 20;
  const loadAvg = panelOf('timeseries', 10, {
    title: 'Load average',
    at: at(0, 13, 12, 7),
    queries: [
      [`node_load1{${HOST}}`, '1m'],
      [`node_load5{${HOST}}`, '5m'],
      [`node_load15{${HOST}}`, '15m'],
      [CORES, 'cores'],
    ],
  });
  const procs = panelOf('timeseries', 11, {
    title: 'Processes and context switches',
    at: at(12, 13, 12, 7),
    queries: [
      [`node_procs_running{${HOST}}`, 'running'],
      [`node_procs_blocked{${HOST}}`, 'blocked'],
      [`rate(node_context_switches_total{${HOST}}[${RATE}])`, 'context switches/s'],
    ],
  });
  procs.fieldConfig.overrides = [{ matcher: { id: 'byName', options: 'context switches/s' }, properties: [{ id: 'unit', value: 'ops' }] }];

  const diskRow = rowAt(12, 'Disk', 20);
  const space = panelOf('bargauge', 13, {
    title: 'File system used',
    at: at(0, 21, 8, 8),
    unit: 'percentunit',
    instant: true,
    queries: [[`1 - node_filesystem_avail_bytes{${REAL_FS}} / node_filesystem_size_bytes{${REAL_FS}}`, '{{mountpoint}}']],
    field: percent,
  });
  const diskIo = panelOf('timeseries', 14, {
    title: 'Disk read and written',
    at: at(8, 21, 8, 8),
    unit: 'Bps',
    queries: [
      [`rate(node_disk_read_bytes_total{${REAL_DISK}}[${RATE}])`, 'read {{device}}'],
      [`rate(node_disk_written_bytes_total{${REAL_DISK}}[${RATE}])`, 'written {{device}}'],
    ],
  });
  const diskBusy = panelOf('timeseries', 15, {
    title: 'Disk busy',
    at: at(16, 21, 8, 8),
    unit: 'percentunit',
    description: 'Share of time the disk had I/O in progress.',
    queries: [[`rate(node_disk_io_time_seconds_total{${REAL_DISK}}[${RATE}])`, '{{device}}']],
  });

  const netRow = rowAt(16, 'Network', 29);
  const traffic = panelOf('timeseries', 17, {
    title: 'Network traffic',
    at: at(0, 30, 12, 8),
    unit: 'Bps',
    queries: [
      [`rate(node_network_receive_bytes_total{${HOST}, device!="lo"}[${RATE}])`, 'in {{device}}'],
      [`rate(node_network_transmit_bytes_total{${HOST}, device!="lo"}[${RATE}])`, 'out {{device}}'],
    ],
  });
  const netErrors = panelOf('timeseries', 18, {
    title: 'Network errors',
    at: at(12, 30, 12, 8),
    unit: 'pps',
    queries: [
      [`rate(node_network_receive_errs_total{${HOST}, device!="lo"}[${RATE}])`, 'in {{device}}'],
      [`rate(node_network_transmit_errs_total{${HOST}, device!="lo"}[${RATE}])`, 'out {{device}}'],
    ],
  });

  b.panels = [uptime, cores, cpuBusy, memUsed, rootUsed, load, cpuRow, cpu, memory, loadAvg, procs, diskRow, space, diskIo, diskBusy, netRow, traffic, netErrors];
  return b;
}
