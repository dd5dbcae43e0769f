// Debian's node_exporter behind Debian's nginx adding CORS, as README tells
// users to run an exporter Vigil scrapes; both on 127.0.0.1, stopped by the test.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitReady } from '../src/cli/prometheusProcess';
import { corsMetricsServer, NGINX, nginxConf } from './nginxConf';

export const NODE_EXPORTER = '/usr/bin/prometheus-node-exporter';

export function missingNodeExporter(): string {
  return [NODE_EXPORTER, NGINX].filter((p) => !existsSync(p)).join(', ');
}

export class NodeExporter {
  private readonly dir = mkdtempSync(join(tmpdir(), 'vigil-node-'));
  private readonly procs: ChildProcess[] = [];
  private port = 0;

  /** The address a scrape config names: nginx's, in front of node_exporter. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const upstream = await freePort();
    this.port = await freePort();
    this.procs.push(spawn(NODE_EXPORTER, [`--web.listen-address=127.0.0.1:${upstream}`], { stdio: 'ignore' }));
    writeFileSync(join(this.dir, 'nginx.conf'), nginxConf(this.dir, corsMetricsServer(this.port, upstream)));
    this.procs.push(spawn(NGINX, ['-c', join(this.dir, 'nginx.conf'), '-p', this.dir], { stdio: 'ignore' }));
    await waitReady(`http://${this.address}/metrics`);
  }

  async stop(): Promise<void> {
    for (const p of this.procs) p.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}
