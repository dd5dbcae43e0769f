// A real Prometheus (Debian's, at /usr/bin) serving a standard data set on
// 127.0.0.1, so the differential check and the benchmark can hold Vigil's
// answers and times against Prometheus's own on the same samples.

import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeOpenMetrics, type DatasetName } from './datasets';

const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

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
  const absent = [PROMETHEUS, PROMTOOL].filter((p) => !existsSync(p));
  return absent.length === 0 ? undefined : `${absent.join(' and ')} not installed`;
}

/** The API's time parameter: Unix seconds with milliseconds, as Prometheus parses them exactly. */
export function apiTime(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Writes `dataset` as OpenMetrics, turns it into TSDB blocks with `promtool tsdb
 * create-blocks-from openmetrics`, and starts Prometheus over them on a free
 * port; resolves once `/-/ready` answers. Everything lives in one temp dir that
 * `stop()` removes along with the process.
 */
export async function startPrometheus(dataset: DatasetName): Promise<PrometheusServer> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-prometheus-'));
  const dataFile = join(dir, `${dataset}.om.txt`);
  let child: ReturnType<typeof spawn> | undefined;
  let exited: Promise<void> = Promise.resolve();
  const stop = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
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
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let log = '';
    child = spawn(
      PROMETHEUS,
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${tsdb}`,
        `--web.listen-address=127.0.0.1:${port}`,
        // The data sets start on 2026-01-01; the default 15 d would delete them on start.
        '--storage.tsdb.retention.time=100y',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const proc = child;
    proc.stderr?.on('data', (b: Buffer) => (log = (log + b.toString()).slice(-4000)));
    exited = new Promise((r) => proc.once('exit', () => r()));
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`prometheus exited with ${proc.exitCode}:\n${log}`);
      const ready = await fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`prometheus not ready after ${READY_TIMEOUT_MS} ms:\n${log}`);
      await sleep(100);
    }
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
