// remote_write against the real thing: Debian's Prometheus with its
// remote-write receiver, killed and restarted mid-stream. Every sample Vigil
// commits must arrive once and in order, as Prometheus's own query API and
// log tell, with a reload of Vigil's queue (from IndexedDB) during the outage.

import 'fake-indexeddb/auto';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Labels } from '../model/labels';
import { DEFAULT_QUEUE_CONFIG, type RemoteWriteConfig } from '../scrape/config';
import { QueryEngine } from '../promql/engine';
import { Head } from '../tsdb/head';
import { RemotePrometheus } from './remotePrometheus';
import { RemoteWriteStorage } from './remoteWriteStorage';

const PROMETHEUS = '/usr/bin/prometheus';
const present = existsSync(PROMETHEUS);
const SERIES = 10;
const TICK_MS = 100;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One Prometheus process on a fixed port and data dir; its log is kept across restarts. */
class Prometheus {
  private proc: ChildProcess | undefined;
  log = '';

  constructor(
    readonly port: number,
    readonly dir: string,
  ) {
    writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1m\n');
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const p = spawn(PROMETHEUS, [
      `--config.file=${join(this.dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(this.dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${this.port}`,
      '--web.enable-remote-write-receiver',
    ]);
    p.stdout.on('data', (d) => (this.log += d));
    p.stderr.on('data', (d) => (this.log += d));
    this.proc = p;
    for (let i = 0; i < 200; i++) {
      if (p.exitCode !== null) throw new Error(`prometheus exited with ${p.exitCode}:\n${this.log}`);
      const ok = await fetch(`${this.base}/-/ready`).then((r) => r.ok, () => false);
      if (ok) return;
      await sleep(100);
    }
    throw new Error(`prometheus did not become ready:\n${this.log}`);
  }

  /** SIGKILL, as a crash or a pulled plug: no graceful shutdown. */
  async kill(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await exited;
  }

  async api(path: string, params: Record<string, string>): Promise<{ metric: Record<string, string>; values: [number, string][] }[]> {
    const res = await fetch(`${this.base}${path}?${new URLSearchParams(params)}`);
    const body = (await res.json()) as { status: string; error?: string; data: { result: { metric: Record<string, string>; values: [number, string][] }[] } };
    if (body.status !== 'success') throw new Error(`${path}: ${body.error}`);
    return body.data.result;
  }
}

describe('remote write to a real Prometheus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-prom-'));
  let prom: Prometheus | undefined;
  afterAll(async () => {
    await prom?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!present)(
    present ? 'delivers every sample once and in order across a Prometheus outage' : `skipped: ${PROMETHEUS} is absent (install Debian's prometheus)`,
    async () => {
      prom = new Prometheus(await freePort(), dir);
      await prom.start();
      const cfg: RemoteWriteConfig = {
        url: `${prom.base}/api/v1/write`,
        name: 'it',
        remoteTimeout: 2000,
        headers: {},
        writeRelabelConfigs: [],
        queueConfig: { ...DEFAULT_QUEUE_CONFIG, maxSamplesPerSend: 200, batchSendDeadline: 200, minBackoff: 50, maxBackoff: 1000 },
        unsupported: {},
      };
      const head = new Head();
      const remoteWrite = new RemoteWriteStorage(head, {
        fetch,
        now: Date.now,
        setTimeout: (fn, ms) => setTimeout(fn, ms),
        clearTimeout: (h) => clearTimeout(h),
        indexedDB,
        userAgent: 'Vigil-integration-test',
      });
      const startQueue = async () => remoteWrite.applyConfig([cfg], { vigil: 'it' });
      const status = () => remoteWrite.statuses()[0];
      await startQueue();
      const tap = remoteWrite.storage;
      const labels = Array.from({ length: SERIES }, (_, i) => Labels.from({ __name__: 'vigil_it_samples', series: String(i) }));
      const t0 = Math.ceil(Date.now() / 1000) * 1000 - 60_000;
      let k = 0;
      let written = 0;
      // Samples at t0 + k·TICK, one per series per tick, value k: a gap or repeat shows in the values.
      const writeFor = async (ms: number) => {
        const until = Date.now() + ms;
        while (Date.now() < until) {
          const app = tap.appender();
          for (const l of labels) app.append(0, l, t0 + k * TICK_MS, k);
          written += app.commit().appended;
          k++;
          await sleep(TICK_MS);
        }
      };

      await writeFor(3000);
      await prom.kill();
      const sentBeforeOutage = status().sent;
      await writeFor(2500);
      // A reload: the queue is closed with samples unacknowledged and opened again from IndexedDB.
      const before = status();
      await remoteWrite.stop();
      await startQueue();
      const reloaded = status().pending;
      await writeFor(2500);
      const during = status();
      await prom.start();
      await writeFor(3000);
      for (let i = 0; i < 150 && status().pending > 0; i++) await sleep(100);
      const after = status();
      await remoteWrite.stop();
      const st = { ...after, sent: before.sent + after.sent, retried: before.retried + after.retried, failed: before.failed + after.failed };

      const end = t0 + (k - 1) * TICK_MS;
      const range = await prom.api('/api/v1/query_range', {
        query: 'vigil_it_samples',
        start: String(t0 / 1000),
        end: String(end / 1000),
        step: String(TICK_MS / 1000),
      });
      const raw = await prom.api('/api/v1/query', { query: `vigil_it_samples[${Math.ceil((end - t0) / 1000) + 60}s]`, time: String(end / 1000) });
      const found = raw.reduce((n, s) => n + s.values.length, 0);
      // The same query from the remote data source and from the local store.
      const expr = 'sum by (series) (rate(vigil_it_samples[1s]))';
      const remote = await new RemotePrometheus(prom.base, { fetch }).rangeQuery(expr, t0 + 2000, end, 500);
      const local = await new QueryEngine().rangeQuery(head.querier(), expr, t0 + 2000, end, 500);
      const figures = { written, acknowledged: st.sent, retried: st.retried, lost: written - found, dropped: st.dropped, failed: st.failed, resentAfterReload: reloaded };
      console.log(`remote write across a Prometheus outage: ${JSON.stringify(figures)}`);
      await prom.kill();

      expect(sentBeforeOutage).toBeGreaterThan(0);
      expect(reloaded).toBe(before.pending);
      expect(reloaded).toBeGreaterThan(0);
      expect(before.dropped).toEqual({});
      expect(during.pending).toBeGreaterThan(reloaded);
      expect(st).toMatchObject({ pending: 0, failed: 0, dropped: {}, sent: written });
      expect(st.retried).toBeGreaterThan(0);
      expect(range).toHaveLength(SERIES);
      const want = Array.from({ length: k }, (_, i) => [(t0 + i * TICK_MS) / 1000, String(i)]);
      for (const s of range) {
        expect(s.metric).toMatchObject({ vigil: 'it' });
        expect(s.values).toEqual(want);
      }
      for (const s of raw) expect(s.values).toEqual(want);
      expect(found).toBe(written);
      if (remote.status !== 'success' || local.value.type !== 'matrix') throw new Error(`remote query failed: ${JSON.stringify(remote)}`);
      const localBySeries = new Map(local.value.series.map((s) => [s.labels.get('series'), s.vs]));
      expect(remote.series).toHaveLength(SERIES);
      for (const s of remote.series) {
        const got = Array.from(s.vs).filter((v) => !Number.isNaN(v));
        expect(got.length).toBeGreaterThan(0);
        expect(got.map((v) => v.toFixed(9))).toEqual(localBySeries.get(s.labels.series)!.map((v) => v.toFixed(9)));
      }
      expect(prom.log).not.toMatch(/out of order|duplicate sample|out of bounds/i);
    },
    60_000,
  );
});
