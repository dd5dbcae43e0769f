// A real Prometheus (Debian's, at /usr/bin) serving a standard data set on
// 127.0.0.1, so the differential check and the benchmark can hold Vigil's
// answers and times against Prometheus's own on the same samples.

import { execFile } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeOpenMetrics, type DatasetName } from './datasets';
import { freePort, PrometheusProcess, prometheusAbsent, PROMTOOL } from './prometheusProcess';


// Vigil's subqueries without a step use 60 s; Prometheus takes that step from
// the global evaluation interval, so both are pinned to 1 m. No scrape targets:
// the server only answers queries over the blocks promtool wrote.
const CONFIG = 'global:\n  evaluation_interval: 1m\n';

/** The HTTP API's answer: `data` on success, `errorType` and `error` otherwise. */
export interface ApiAnswer {
  status: 'success' | 'error';
  data?: { resultType: string; result: unknown; stats?: { timings?: Record<string, number> } };
  errorType?: string;
  error?: string;
}

export interface PrometheusServer {
  /** The OpenMetrics file the blocks were made from, for loading the same samples into Vigil. */
  dataFile: string;
  instant(query: string, timeMs: number): Promise<ApiAnswer>;
  range(query: string, startMs: number, endMs: number, stepMs: number, params?: Record<string, string>): Promise<ApiAnswer>;
  stop(): Promise<void>;
}

/** Why a comparison with Prometheus cannot run here, or undefined when it can. */
export function prometheusMissing(): string | undefined {
  const absent = prometheusAbsent();
  return absent === '' ? undefined : `${absent} not installed`;
}

/** The API's time parameter: Unix seconds with milliseconds, as Prometheus parses them exactly. */
export function apiTime(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/**
 * Writes `dataset` as OpenMetrics, turns it into TSDB blocks with `promtool tsdb
 * create-blocks-from openmetrics`, and starts Prometheus over them on a free
 * port; resolves once `/-/ready` answers. Everything lives in one temp dir that
 * `stop()` removes along with the process.
 */
export async function startPrometheus(dataset: DatasetName): Promise<PrometheusServer> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-prometheus-'));
  const dataFile = join(dir, `${dataset}.om.txt`);
  let server: PrometheusProcess | undefined;
  const stop = async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const fd = openSync(dataFile, 'w');
    try {
      writeOpenMetrics(dataset, (chunk) => writeSync(fd, chunk));
    } finally {
      closeSync(fd);
    }
    const tsdb = join(dir, 'tsdb');
    await promisify(execFile)(PROMTOOL, ['tsdb', 'create-blocks-from', 'openmetrics', dataFile, tsdb], { maxBuffer: 16 << 20 });
    const config = join(dir, 'prometheus.yml');
    await writeFile(config, CONFIG);
    server = new PrometheusProcess({
      config,
      dataDir: tsdb,
      port: await freePort(),
      // The data sets start on 2026-01-01; the default 15 d would delete them on start.
      flags: ['--storage.tsdb.retention.time=100y'],
    });
    await server.start();
    const url = server.base;
    const call = async (path: string, params: Record<string, string>): Promise<ApiAnswer> => {
      const res = await fetch(`${url}${path}`, { method: 'POST', body: new URLSearchParams(params) });
      return (await res.json()) as ApiAnswer;
    };
    return {
      dataFile,
      instant: (query, timeMs) => call('/api/v1/query', { query, time: apiTime(timeMs) }),
      range: (query, startMs, endMs, stepMs, params = {}) =>
        call('/api/v1/query_range', { ...params, query, start: apiTime(startMs), end: apiTime(endMs), step: String(stepMs / 1000) }),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
