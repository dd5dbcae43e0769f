// Debian's Prometheus (with the remote-write receiver) behind Debian's nginx
// adding the CORS headers a browser's write needs — as README tells users to
// run it. Both on 127.0.0.1, in a temp dir, stopped by the test.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROMETHEUS = '/usr/bin/prometheus';
export const NGINX = '/usr/sbin/nginx';

export function missingServers(): string {
  return [PROMETHEUS, NGINX].filter((p) => !existsSync(p)).join(', ');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function waitReady(url: string, ms = 30_000): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} not ready after ${ms} ms`);
}

function nginxConf(listen: number, upstream: number, dir: string): string {
  return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${listen};
    location = /api/v1/write {
      if ($request_method = OPTIONS) {
        add_header Access-Control-Allow-Origin $http_origin always;
        add_header Access-Control-Allow-Methods "POST, OPTIONS" always;
        add_header Access-Control-Allow-Headers "Content-Encoding, Content-Type, X-Prometheus-Remote-Write-Version" always;
        add_header Access-Control-Max-Age 86400 always;
        return 204;
      }
      add_header Access-Control-Allow-Origin $http_origin always;
      add_header Vary Origin always;
      proxy_pass http://127.0.0.1:${upstream};
    }
    location / {
      proxy_pass http://127.0.0.1:${upstream};
    }
  }
}
`;
}

export class RemoteServers {
  private prometheus: ChildProcess | undefined;
  private nginx: ChildProcess | undefined;
  readonly dir = mkdtempSync(join(tmpdir(), 'vigil-remote-'));
  promPort = 0;
  nginxPort = 0;
  private promLog = '';

  /** Where Vigil writes and queries: nginx in front of Prometheus. */
  get url(): string {
    return `http://127.0.0.1:${this.nginxPort}`;
  }

  async start(): Promise<void> {
    this.promPort = await freePort();
    this.nginxPort = await freePort();
    writeFileSync(join(this.dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1m\n');
    mkdirSync(join(this.dir, 'data'));
    await this.startPrometheus();
    writeFileSync(join(this.dir, 'nginx.conf'), nginxConf(this.nginxPort, this.promPort, this.dir));
    this.nginx = spawn(NGINX, ['-c', join(this.dir, 'nginx.conf'), '-p', this.dir], { stdio: 'ignore' });
    await waitReady(`${this.url}/-/ready`);
  }

  async startPrometheus(): Promise<void> {
    this.prometheus = spawn(
      PROMETHEUS,
      [
        `--config.file=${join(this.dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(this.dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${this.promPort}`,
        '--web.enable-remote-write-receiver',
        '--web.cors.origin=.*',
        '--storage.tsdb.retention.time=1d',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.prometheus.stderr?.on('data', (c: Buffer) => (this.promLog += c.toString()));
    await waitReady(`http://127.0.0.1:${this.promPort}/-/ready`);
  }

  async stopPrometheus(): Promise<void> {
    const p = this.prometheus;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((r) => {
      p.once('exit', () => r());
      p.kill('SIGTERM');
    });
  }

  /** Prometheus's log lines that report rejected writes. */
  rejectedWrites(): string[] {
    return this.promLog.split('\n').filter((l) => /out of order|duplicate sample|out of bounds|too old/i.test(l));
  }

  /** An instant query straight to Prometheus (not through the page). */
  async query(expr: string, timeSec: number): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
    const res = await fetch(`http://127.0.0.1:${this.promPort}/api/v1/query?${new URLSearchParams({ query: expr, time: String(timeSec) })}`);
    const body = (await res.json()) as { error?: string; data?: { result: { metric: Record<string, string>; value: [number, string] }[] } };
    if (!body.data) throw new Error(`Prometheus refused ${expr}: ${body.error}`);
    return body.data.result;
  }

  async stop(): Promise<void> {
    await this.stopPrometheus();
    this.nginx?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }

  log(): string {
    return existsSync(join(this.dir, 'nginx-error.log')) ? readFileSync(join(this.dir, 'nginx-error.log'), 'utf8') + this.promLog : this.promLog;
  }
}
