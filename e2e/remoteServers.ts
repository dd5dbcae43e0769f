// Debian's Prometheus (with the remote-write receiver) behind Debian's nginx
// adding the CORS headers a browser's write needs — as README tells users to
// run it. Both on 127.0.0.1, in a temp dir, stopped by the test.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, PROMETHEUS, PrometheusProcess, waitReady } from '../src/cli/prometheusProcess';
import { NGINX, nginxConf } from './nginxConf';


export function missingServers(): string {
  return [PROMETHEUS, NGINX].filter((p) => !existsSync(p)).join(', ');
}

/** Under `url + UNAVAILABLE_PATH` every API call answers 503 with this error. */
export const UNAVAILABLE_PATH = '/unavailable';
/** With markup in it, as untrusted text from a remote may have: the page must show it as text. */
export const UNAVAILABLE_ERROR = 'ingesters are restarting, <b>try again</b> shortly';
const UNAVAILABLE_BODY = JSON.stringify({ status: 'error', errorType: 'unavailable', error: UNAVAILABLE_ERROR });

function proxyConf(listen: number, upstream: number, dir: string): string {
  return nginxConf(
    dir,
    `  server {
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
    # A backend having a bad moment, as Mimir or Thanos answer one: a JSON
    # error with a 5xx status, readable cross-origin.
    location ${UNAVAILABLE_PATH}/ {
      default_type application/json;
      add_header Access-Control-Allow-Origin $http_origin always;
      return 503 '${UNAVAILABLE_BODY}';
    }
    location / {
      proxy_pass http://127.0.0.1:${upstream};
    }
  }`,
  );
}

export interface RemoteServerOptions {
  /**
   * Prometheus scrapes itself every second, so the remote holds series
   * (prometheus_build_info, …) that this browser's store never has.
   */
  scrapeSelf?: boolean;
}

export class RemoteServers {
  private nginx: ChildProcess | undefined;
  readonly dir = mkdtempSync(join(tmpdir(), 'vigil-remote-'));
  prometheus: PrometheusProcess | undefined;
  private nginxPort = 0;

  constructor(private readonly opts: RemoteServerOptions = {}) {}

  /** Where Vigil writes and queries: nginx in front of Prometheus. */
  get url(): string {
    return `http://127.0.0.1:${this.nginxPort}`;
  }

  async start(): Promise<void> {
    const promPort = await freePort();
    this.nginxPort = await freePort();
    const self = `scrape_configs:\n  - job_name: prometheus\n    scrape_interval: 1s\n    static_configs: [{ targets: ['127.0.0.1:${promPort}'] }]\n`;
    writeFileSync(join(this.dir, 'prometheus.yml'), `global:\n  scrape_interval: 1m\n${this.opts.scrapeSelf ? self : ''}`);
    this.prometheus = new PrometheusProcess({
      config: join(this.dir, 'prometheus.yml'),
      dataDir: join(this.dir, 'data'),
      port: promPort,
      flags: ['--web.enable-remote-write-receiver', '--web.cors.origin=.*', '--storage.tsdb.retention.time=1d'],
    });
    await this.prometheus.start();
    writeFileSync(join(this.dir, 'nginx.conf'), proxyConf(this.nginxPort, promPort, this.dir));
    this.nginx = spawn(NGINX, ['-c', join(this.dir, 'nginx.conf'), '-p', this.dir], { stdio: 'ignore' });
    await waitReady(`${this.url}/-/ready`);
  }

  /** An instant query straight to Prometheus (not through the page). */
  async query(expr: string, timeSec: number): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
    const res = await fetch(`${this.prometheus!.base}/api/v1/query?${new URLSearchParams({ query: expr, time: String(timeSec) })}`);
    const body = (await res.json()) as { error?: string; data?: { result: { metric: Record<string, string>; value: [number, string] }[] } };
    if (!body.data) throw new Error(`Prometheus refused ${expr}: ${body.error}`);
    return body.data.result;
  }

  async stop(): Promise<void> {
    await this.prometheus?.stop();
    this.nginx?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}
