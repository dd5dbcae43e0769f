// remote_write against the real thing: Debian's Prometheus with its
// remote-write receiver, killed and restarted mid-stream. Every sample Vigil
// commits must arrive once and in order, as Prometheus's own query API and
// log tell, with a reload of Vigil's queue (from IndexedDB) during the outage.

import 'fake-indexeddb/auto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, PROMETHEUS, PrometheusProcess } from './prometheusProcess';
import { Labels } from '../model/labels';
import { DEFAULT_QUEUE_CONFIG, type RemoteWriteConfig } from '../config/remoteWriteConfig';
import { QueryEngine } from '../promql/engine';
import { Head } from '../tsdb/head';
import { RemotePrometheus } from '../remote/remotePrometheus';
import { RemoteWriteStorage } from '../remote/remoteWriteStorage';

const present = existsSync(PROMETHEUS);
const SERIES = 10;
const TICK_MS = 100;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A Prometheus query API answer's series, or the error it gave. */
async function api(base: string, path: string, params: Record<string, string>): Promise<{ metric: Record<string, string>; values: [number, string][] }[]> {
  const res = await fetch(`${base}${path}?${new URLSearchParams(params)}`);
  const body = (await res.json()) as { status: string; error?: string; data: { result: { metric: Record<string, string>; values: [number, string][] }[] } };
  if (body.status !== 'success') throw new Error(`${path}: ${body.error}`);
  return body.data.result;
}

describe('remote write to a real Prometheus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-prom-'));
  let prom: PrometheusProcess | undefined;
  afterAll(async () => {
    await prom?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it.skipIf(!present)(
    present ? 'delivers every sample once and in order across a Prometheus outage' : `skipped: ${PROMETHEUS} is absent (install Debian's prometheus)`,
    async () => {
      writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1m\n');
      prom = new PrometheusProcess({ config: join(dir, 'prometheus.yml'), dataDir: join(dir, 'data'), port: await freePort(), flags: ['--web.enable-remote-write-receiver'] });
      await prom.start();
      const cfg: RemoteWriteConfig = {
        url: `${prom.base}/api/v1/write`,
        name: 'it',
        // Prometheus's default. A request that times out on a loaded machine may still land after the
        // retry of the batch behind it, which Prometheus then refuses as out of order (HTTP 400, dropped):
        // the outage here is a killed process, which refuses connections at once, so no timeout is needed.
        remoteTimeout: 30_000,
        headers: {},
        writeRelabelConfigs: [],
        queueConfig: { ...DEFAULT_QUEUE_CONFIG, maxSamplesPerSend: 200, batchSendDeadline: 200, minBackoff: 50, maxBackoff: 1000 },
        sendNativeHistograms: false,
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
      await prom.stop('SIGKILL');
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
      const range = await api(prom.base, '/api/v1/query_range', {
        query: 'vigil_it_samples',
        start: String(t0 / 1000),
        end: String(end / 1000),
        step: String(TICK_MS / 1000),
      });
      const raw = await api(prom.base, '/api/v1/query', { query: `vigil_it_samples[${Math.ceil((end - t0) / 1000) + 60}s]`, time: String(end / 1000) });
      const found = raw.reduce((n, s) => n + s.values.length, 0);
      // The same query from the remote data source and from the local store.
      const expr = 'sum by (series) (rate(vigil_it_samples[1s]))';
      const remote = await new RemotePrometheus(prom.base, { fetch }).rangeQuery(expr, t0 + 2000, end, 500);
      const local = await new QueryEngine().rangeQuery(head.querier(), expr, t0 + 2000, end, 500);
      const figures = { written, acknowledged: st.sent, retried: st.retried, lost: written - found, dropped: st.dropped, failed: st.failed, resentAfterReload: reloaded };
      console.log(`remote write across a Prometheus outage: ${JSON.stringify(figures)}`);
      await prom.stop('SIGKILL');

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
      if (!remote.ok || local.value.type !== 'matrix') throw new Error(`remote query failed: ${JSON.stringify(remote)}`);
      const localBySeries = new Map(local.value.series.map((s) => [s.labels.get('series'), s.vs]));
      expect(remote.value.series).toHaveLength(SERIES);
      for (const s of remote.value.series) {
        const got = Array.from(s.vs).filter((v) => !Number.isNaN(v));
        expect(got.length).toBeGreaterThan(0);
        expect(got.map((v) => v.toFixed(9))).toEqual(Array.from(localBySeries.get(s.labels.series)!, (v) => v.toFixed(9)));
      }
      expect(prom.rejectedWrites()).toEqual([]);
    },
    60_000,
  );
});
