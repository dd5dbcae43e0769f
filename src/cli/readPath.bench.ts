// The IndexedDB read path in Chromium, as a person meets it: 24 h of 1,000
// series at a 5 s scrape interval (1.7 × 10^7 samples) stored in the app's
// database, the page reloaded, then a 24 h graph.
//   first_graph_after_reload_ms: from navigation to the Query page's graph of
//     `sum by (instance) (rate(x[5m]))` over 24 h answered (the engine's
//     restore included);
//   first_graph_warm_ms: the same query run again on the open page;
//   read_path_page_cache_bytes: the page cache's size afterwards, as Status
//     shows it.
// The store is written by the engine's own code (head appender, checkpoint)
// into fake-indexeddb in Node, and its records copied unchanged into
// Chromium's IndexedDB before the app first opens it: the same bytes the app
// would have written, without 17 million lines of text to import.

import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/chromium';
import { DEFAULT_TSDB_DB } from '../engine/engine';
import { Labels } from '../model/labels';
import { openTsdb } from '../tsdb/tsdb';
import { openStore } from '../tsdb/tsdbStore';
import { hashUnit } from '../scrape/demoService';
import { servePreview } from './previewServer';

const INSTANCES = 100;
const PER_INSTANCE = 10;
const STEP_MS = 5_000;
const DAY_MS = 24 * 3_600_000;
const QUERY = 'sum by (instance) (rate(x[5m]))';
const QUERY_AGAIN = 'sum by(instance) (rate(x[5m]))';
/** Records per page.evaluate call, so no one message carries more than a few MB. */
const BATCH = 64;
const ANSWER_TIMEOUT_MS = 120_000;

/** Runs in the page before its scripts: the end time (ms since navigation) of every query run of panel 1. */
const OBSERVE = `
window.__vigilRunsDone = [];
let running = false;
new MutationObserver(() => {
  const s = document.querySelector('.run-state');
  const now = s !== null && s.textContent.startsWith('running');
  if (running && !now) window.__vigilRunsDone.push(performance.now());
  running = now;
}).observe(document, { subtree: true, childList: true, characterData: true });
`;

interface StoreDump {
  name: string;
  keyPath: string | null;
  records: { key: IDBValidKey; value: unknown }[];
}

/** One page.evaluate's share of a store's records. */
interface CopyBatch {
  name: string;
  store: string;
  /** Whether the store keeps its key in the value (keyPath) rather than apart. */
  inline: boolean;
  records: { key: IDBValidKey; value: unknown }[];
}

/** Appends the day through the head appender, one commit per scrape, and checkpoints it into a fresh fake-indexeddb store. */
async function writeDay(end: number): Promise<{ dumps: StoreDump[]; samples: number }> {
  const factory = new IDBFactory();
  const name = 'read-path-bench';
  const db = await openTsdb({ name, indexedDB: factory });
  const labels: Labels[] = [];
  const rates: number[] = [];
  for (let i = 0; i < INSTANCES * PER_INSTANCE; i++) {
    labels.push(Labels.from({ __name__: 'x', instance: `host-${String(Math.floor(i / PER_INSTANCE)).padStart(3, '0')}:9100`, job: 'bench', n: String(i % PER_INSTANCE) }));
    rates.push(1 + Math.floor(50 * hashUnit(i)));
  }
  const refs = new Uint32Array(labels.length);
  const values = new Float64Array(labels.length);
  const first = end - DAY_MS;
  let samples = 0;
  for (let t = first; t <= end; t += STEP_MS) {
    const app = db.appender();
    for (let i = 0; i < labels.length; i++) {
      values[i] += rates[i] * (1 + Math.floor(3 * hashUnit(i, t / STEP_MS)));
      refs[i] = app.append(refs[i], labels[i], t, values[i]);
    }
    app.commit();
    samples += labels.length;
  }
  await db.checkpoint();
  await db.close();
  const raw = await openStore(name, factory);
  const dumps: StoreDump[] = [];
  for (const store of [...raw.objectStoreNames]) {
    const tx = raw.transaction(store, 'readonly');
    const s = tx.objectStore(store);
    const [keys, values] = await Promise.all([s.getAllKeys(), s.getAll()]);
    await tx.done;
    const keyPath = s.keyPath as string | null;
    dumps.push({ name: store, keyPath, records: keys.map((key, i) => ({ key, value: values[i] })) });
  }
  raw.close();
  return { dumps, samples };
}

/** Copies the stores into the page origin's database, creating it as the app would (same name, version and stores). */
async function copyInto(page: Page, dumps: StoreDump[]): Promise<void> {
  await page.evaluate(
    ({ name, stores }) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open(name, 2);
        req.onupgradeneeded = () => {
          for (const s of stores) req.result.createObjectStore(s.name, s.keyPath === null ? undefined : { keyPath: s.keyPath });
        };
        req.onsuccess = () => {
          req.result.close();
          resolve();
        };
        req.onerror = () => reject(req.error);
      }),
    { name: DEFAULT_TSDB_DB, stores: dumps.map((d) => ({ name: d.name, keyPath: d.keyPath })) },
  );
  for (const d of dumps) {
    for (let i = 0; i < d.records.length; i += BATCH) {
      await page.evaluate(
        (arg: unknown) =>
          new Promise<void>((resolve, reject) => {
            const { name, store, inline, records } = arg as CopyBatch;
            const req = indexedDB.open(name);
            req.onerror = () => reject(req.error);
            req.onsuccess = () => {
              const db = req.result;
              const tx = db.transaction(store, 'readwrite');
              for (const r of records) {
                if (inline) tx.objectStore(store).put(r.value);
                else tx.objectStore(store).put(r.value, r.key);
              }
              tx.oncomplete = () => {
                db.close();
                resolve();
              };
              tx.onerror = () => reject(tx.error);
            };
          }),
        { name: DEFAULT_TSDB_DB, store: d.name, inline: d.keyPath !== null, records: d.records.slice(i, i + BATCH) } satisfies CopyBatch as unknown,
      );
    }
  }
}

/** Waits until panel 1 has finished `runs` queries and shows a graph; returns the last run's end (ms since navigation). */
async function runEnded(page: Page, runs: number): Promise<number> {
  const handle = await page.waitForFunction(
    (want) => {
      const done = (window as unknown as { __vigilRunsDone: number[] }).__vigilRunsDone;
      const error = document.querySelector('.panel-result [role=alert]');
      if (error) return { error: error.textContent ?? '' };
      const summary = document.querySelector('[aria-label="Result summary"]')?.textContent ?? '';
      return done.length >= want && /^[1-9]\d* series/.test(summary) ? { ms: done[want - 1], summary } : false;
    },
    runs,
    { polling: 'raf', timeout: ANSWER_TIMEOUT_MS },
  );
  const r = (await handle.jsonValue()) as { ms: number; summary: string } | { error: string };
  if ('error' in r) throw new Error(`read path bench: ${QUERY}: ${r.error}`);
  process.stderr.write(`  ${r.summary}\n`);
  return r.ms;
}

/** The page cache row of Status' Storage card, in bytes as the engine counts them. */
async function statusCacheText(page: Page): Promise<string> {
  await page.goto('/#/status');
  const row = page.getByRole('region', { name: 'Storage' }).getByText('Block page cache').locator('xpath=following-sibling::*[1]');
  return (await row.textContent({ timeout: 30_000 })) ?? '';
}

export async function bench(): Promise<Record<string, number | string>> {
  const end = Math.floor(Date.now() / STEP_MS) * STEP_MS;
  const t0 = performance.now();
  const { dumps, samples } = await writeDay(end);
  const pages = dumps.find((d) => d.name === 'pages')?.records.length ?? 0;
  process.stderr.write(`  wrote ${samples} samples, ${pages} block pages, in ${Math.round(performance.now() - t0)} ms\n`);
  const server = await servePreview();
  const { url } = server;
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ baseURL: url, viewport: { width: 1600, height: 1000 } });
    await context.addInitScript(OBSERVE);
    const page = await context.newPage();
    // A same-origin document that runs none of the app, so the database is whole before the engine first opens it.
    await page.goto('/favicon.svg');
    await copyInto(page, dumps);
    await page.goto('about:blank');
    const queryUrl = `/#/query?g0.expr=${encodeURIComponent(QUERY)}&g0.range=1d`;
    await page.goto(queryUrl);
    const cold = await runEnded(page, 1);
    process.stderr.write(`  first_graph_after_reload_ms = ${Math.round(cold)}\n`);
    // The same query spelled differently, so the panel asks the engine again rather than keeping its answer.
    const t1 = await page.evaluate((hash) => {
      const t = performance.now();
      location.hash = hash;
      return t;
    }, `#/query?g0.expr=${encodeURIComponent(QUERY_AGAIN)}&g0.range=1d`);
    const warm = (await runEnded(page, 2)) - t1;
    const cache = await statusCacheText(page);
    return {
      first_graph_after_reload_ms: Math.round(cold),
      first_graph_warm_ms: Math.round(warm),
      read_path_page_cache: cache,
    };
  } finally {
    await browser?.close();
    server.stop();
  }
}
