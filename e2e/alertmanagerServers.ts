// Debian's Alertmanager behind Debian's nginx adding the CORS headers a
// page's post to /api/v2/alerts needs — as README tells users to run it. Both
// on 127.0.0.1, in a temp dir; Alertmanager can be stopped and started again
// (its alerts live in memory, so a restart forgets them until the next resend).

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitReady } from '../src/cli/prometheusProcess';
import { NGINX, nginxConf } from './nginxConf';

export const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';

export function missingAlertmanager(): string {
  return [ALERTMANAGER, NGINX].filter((p) => !existsSync(p)).join(', ');
}

/**
 * The server block README shows: preflight answered by nginx (Alertmanager's
 * own allows Content-Type only, not the Authorization a configured auth sends),
 * every answer (errors too) readable by the page, Alertmanager's own `*`
 * hidden so the page does not see two Access-Control-Allow-Origin values.
 */
export function alertmanagerCorsServer(listen: number, upstream: number): string {
  return `  server {
    listen 127.0.0.1:${listen};
    location /api/v2/ {
      if ($request_method = OPTIONS) {
        add_header Access-Control-Allow-Origin $http_origin always;
        add_header Access-Control-Allow-Methods "GET, POST, OPTIONS" always;
        add_header Access-Control-Allow-Headers "Authorization, Content-Type" always;
        add_header Access-Control-Max-Age 86400 always;
        return 204;
      }
      proxy_hide_header Access-Control-Allow-Origin;
      add_header Access-Control-Allow-Origin $http_origin always;
      add_header Vary Origin always;
      proxy_pass http://127.0.0.1:${upstream};
    }
    location / {
      proxy_pass http://127.0.0.1:${upstream};
    }
  }`;
}

export interface AmAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  status: { state: string };
}

export class AlertmanagerServers {
  readonly dir = mkdtempSync(join(tmpdir(), 'vigil-am-'));
  private am: ChildProcess | undefined;
  private nginx: ChildProcess | undefined;
  private amPort = 0;
  private nginxPort = 0;
  log = '';

  /** Where Vigil posts: nginx in front of Alertmanager. */
  get address(): string {
    return `127.0.0.1:${this.nginxPort}`;
  }

  async start(): Promise<void> {
    this.amPort = await freePort();
    this.nginxPort = await freePort();
    writeFileSync(join(this.dir, 'alertmanager.yml'), 'route:\n  receiver: none\nreceivers:\n  - name: none\n');
    await this.startAlertmanager();
    writeFileSync(join(this.dir, 'nginx.conf'), nginxConf(this.dir, alertmanagerCorsServer(this.nginxPort, this.amPort)));
    this.nginx = spawn(NGINX, ['-c', join(this.dir, 'nginx.conf'), '-p', this.dir], { stdio: 'ignore' });
    await waitReady(`http://${this.address}/-/ready`);
  }

  async startAlertmanager(): Promise<void> {
    const p = spawn(
      ALERTMANAGER,
      [`--config.file=${join(this.dir, 'alertmanager.yml')}`, `--storage.path=${join(this.dir, 'data')}`, `--web.listen-address=127.0.0.1:${this.amPort}`, '--cluster.listen-address='],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    p.stderr?.on('data', (b: Buffer) => (this.log += b.toString()));
    this.am = p;
    await waitReady(`http://127.0.0.1:${this.amPort}/-/ready`, 20_000, () => (p.exitCode !== null ? `alertmanager exited with ${p.exitCode}:\n${this.log.slice(-4000)}` : undefined));
  }

  async stopAlertmanager(): Promise<void> {
    const p = this.am;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    await exited;
  }

  /** Alertmanager's own answer, straight from it (not through the page); resolved alerts included. */
  async alerts(): Promise<AmAlert[]> {
    try {
      const res = await fetch(`http://127.0.0.1:${this.amPort}/api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true`);
      return res.ok ? ((await res.json()) as AmAlert[]) : [];
    } catch {
      return [];
    }
  }

  async stop(): Promise<void> {
    await this.stopAlertmanager();
    this.nginx?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}
