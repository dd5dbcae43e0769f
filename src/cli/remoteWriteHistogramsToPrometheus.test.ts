// Native histograms written by Vigil's remote_write into Debian's Prometheus
// 2.42 (remote-write receiver, native histograms enabled) come back from its
// query API with the count, sum and buckets Vigil itself would answer, for
// integer histograms of several schemas, negative buckets, a zero bucket and
// a counter reset, with a float series in the same requests.

import 'fake-indexeddb/auto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROMETHEUS, PrometheusProcess } from './prometheusProcess';
import { Histogram } from '../model/histogram/histogram';
import { toHistogramJSON } from '../model/histogram/histogramJSON';
import type { HistogramJSON } from '../model/histogram/types';
import { Labels } from '../model/labels';
import { DEFAULT_QUEUE_CONFIG, type RemoteWriteConfig } from '../config/remoteWriteConfig';
import { Head } from '../tsdb/head';
import { RemoteWriteStorage } from '../remote/remoteWriteStorage';

const present = existsSync(PROMETHEUS);
// This helper's port range is 19700–19799.
const PORT = 19711;
const STEPS = 20;
const STEP_MS = 15_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Series `k`'s histogram at step `i`: buckets grow with i, and series 2 resets at step 10. */
function histogramAt(k: number, i: number): Histogram {
  const n = k === 2 && i >= 10 ? i - 10 : i;
  const pos = [1 + n, n, 2 * n, 3];
  const neg = k === 1 ? [n, 1] : [];
  const deltas = (b: number[]) => b.map((c, j) => c - (j === 0 ? 0 : b[j - 1]));
  const count = pos.reduce((a, b) => a + b, 0) + neg.reduce((a, b) => a + b, 0) + n;
  return new Histogram({
    schema: [0, 3, -2][k],
    zeroThreshold: 0.001,
    zeroCount: n,
    count,
    sum: 0.25 * count * (k + 1),
    positiveSpans: [{ offset: -1, length: 2 }, { offset: 2, length: 2 }],
    positiveBuckets: deltas(pos),
    negativeSpans: neg.length > 0 ? [{ offset: 1, length: 2 }] : [],
    negativeBuckets: deltas(neg),
  });
}

type Answer = { metric: Record<string, string>; histogram?: [number, HistogramJSON]; histograms?: [number, HistogramJSON][]; values?: [number, string][] }[];

async function query(base: string, params: Record<string, string>): Promise<Answer> {
  const res = await fetch(`${base}/api/v1/query?${new URLSearchParams(params)}`);
  const body = (await res.json()) as { status: string; error?: string; data: { result: Answer } };
  if (body.status !== 'success') throw new Error(`query ${params.query}: ${body.error}`);
  return body.data.result;
}

describe('remote write of native histograms to a real Prometheus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-prom-nh-'));
  let prom: PrometheusProcess | undefined;
  afterAll(async () => {
    await prom?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it.skipIf(!present)(
    present ? 'answers the same counts, sums and buckets Vigil wrote' : `skipped: ${PROMETHEUS} is absent (install Debian's prometheus)`,
    async () => {
      writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1m\n');
      prom = new PrometheusProcess({
        config: join(dir, 'prometheus.yml'),
        dataDir: join(dir, 'data'),
        port: PORT,
        flags: ['--web.enable-remote-write-receiver', '--enable-feature=native-histograms'],
      });
      await prom.start();
      const cfg: RemoteWriteConfig = {
        url: `${prom.base}/api/v1/write`,
        name: 'nh',
        remoteTimeout: 30_000,
        headers: {},
        writeRelabelConfigs: [],
        queueConfig: { ...DEFAULT_QUEUE_CONFIG, maxSamplesPerSend: 7, batchSendDeadline: 100 },
        sendNativeHistograms: true,
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
      await remoteWrite.applyConfig([cfg], {});
      const tap = remoteWrite.storage;
      const hist = [0, 1, 2].map((k) => Labels.from({ __name__: 'vigil_nh_seconds', series: String(k) }));
      const plain = Labels.from({ __name__: 'vigil_nh_plain' });
      const t0 = Math.floor(Date.now() / 1000) * 1000 - STEPS * STEP_MS;
      for (let i = 0; i < STEPS; i++) {
        const app = tap.appender();
        for (const [k, l] of hist.entries()) app.appendHistogram(0, l, t0 + i * STEP_MS, histogramAt(k, i));
        app.append(0, plain, t0 + i * STEP_MS, i);
        app.commit();
      }
      const status = () => remoteWrite.statuses()[0];
      for (let i = 0; i < 100 && status().pending > 0; i++) await sleep(100);
      const st = status();
      await remoteWrite.stop();

      const end = t0 + (STEPS - 1) * STEP_MS;
      const window = `${(STEPS * STEP_MS) / 1000}s`;
      const raw = await query(prom.base, { query: `vigil_nh_seconds[${window}]`, time: String(end / 1000) });
      const instant = await query(prom.base, { query: 'vigil_nh_seconds', time: String(end / 1000) });
      const floats = await query(prom.base, { query: `vigil_nh_plain[${window}]`, time: String(end / 1000) });
      const found = raw.reduce((n, s) => n + (s.histograms?.length ?? 0), 0);
      console.log(`remote write of native histograms to Prometheus 2.42: ${JSON.stringify({ written: 3 * STEPS, found, floats: floats[0]?.values?.length, sent: st.sent, dropped: st.dropped, failed: st.failed })}`);
      await prom.stop('SIGKILL');

      expect(st).toMatchObject({ pending: 0, failed: 0, dropped: {}, sent: 4 * STEPS });
      expect(raw).toHaveLength(3);
      for (const s of raw) {
        const k = Number(s.metric.series);
        const want = Array.from({ length: STEPS }, (_, i) => [(t0 + i * STEP_MS) / 1000, toHistogramJSON(histogramAt(k, i).toFloat())]);
        expect(s.histograms).toEqual(want);
      }
      for (const s of instant) expect(s.histogram).toEqual([end / 1000, toHistogramJSON(histogramAt(Number(s.metric.series), STEPS - 1).toFloat())]);
      expect(floats[0].values).toEqual(Array.from({ length: STEPS }, (_, i) => [(t0 + i * STEP_MS) / 1000, String(i)]));
    },
    60_000,
  );
});
