// Debian's Prometheus run as a child process on 127.0.0.1: the one way the
// differential check, the benchmark and the remote-write tests start, stop
// and restart a real server on a data dir of their own.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export const PROMETHEUS = '/usr/bin/prometheus';
export const PROMTOOL = '/usr/bin/promtool';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
/** Log lines that mean Prometheus refused written samples. */
const REJECTED_WRITE = /out of order|duplicate sample|out of bounds|too old/i;

export function freePort(): Promise<number> {
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

/** Resolves once `url` answers 2xx; rejects after `ms`, or at once when `exited()` says the server died. */
export async function waitReady(url: string, ms = READY_TIMEOUT_MS, exited: () => string | undefined = () => undefined): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const died = exited();
    if (died !== undefined) throw new Error(died);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    if (Date.now() > deadline) throw new Error(`${url} not ready after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Which of Prometheus's binaries are missing here ('' when both are installed). */
export function prometheusAbsent(): string {
  return [PROMETHEUS, PROMTOOL].filter((p) => !existsSync(p)).join(' and ');
}

export interface PrometheusOptions {
  config: string;
  dataDir: string;
  port: number;
  flags?: string[];
}

/** One server on a fixed port and data dir; its log is kept across restarts. */
export class PrometheusProcess {
  private proc: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  log = '';

  constructor(private readonly opts: PrometheusOptions) {}

  get base(): string {
    return `http://127.0.0.1:${this.opts.port}`;
  }

  async start(): Promise<void> {
    const p = spawn(
      PROMETHEUS,
      [`--config.file=${this.opts.config}`, `--storage.tsdb.path=${this.opts.dataDir}`, `--web.listen-address=127.0.0.1:${this.opts.port}`, ...(this.opts.flags ?? [])],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    p.stderr?.on('data', (b: Buffer) => (this.log += b.toString()));
    this.proc = p;
    this.exited = new Promise((r) => p.once('exit', () => r()));
    await waitReady(`${this.base}/-/ready`, READY_TIMEOUT_MS, () => (p.exitCode !== null ? `prometheus exited with ${p.exitCode}:\n${this.log.slice(-4000)}` : undefined));
  }

  /** SIGTERM, SIGKILL if it lingers; or SIGKILL at once, as a crash or a pulled plug. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    p.kill(signal);
    const timer = setTimeout(() => p.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }

  /** Log lines reporting refused writes (out of order, duplicates, too old). */
  rejectedWrites(): string[] {
    return this.log.split('\n').filter((l) => REJECTED_WRITE.test(l));
  }
}
