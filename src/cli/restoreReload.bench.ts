// Issue 14's "an engine that always comes back", in Chromium: a million
// series (a few samples each) stored in the app's IndexedDB, the page
// reloaded ten times in a row, and after each reload the time from
// navigation until the Status page shows the million series (the engine has
// restored them and answers).
//   engine_restore_ms_1m_series: the median of the ten;
//   engine_restore_max_ms_1m_series: the slowest;
//   engine_restore_second_tab_ms_1m_series: a reload while a second tab of
//     the same engine (SharedWorker) stays open;
//   engine_restore_after_close_ms_1m_series: a fresh tab opened after the
//     previous one closed mid-restore.
// The store is written in the page's origin by the engine's own code
// (openTsdb, the head appender, checkpoint), bundled with esbuild and run in
// a same-origin document that runs none of the app (about 30 s on a
// shared 2-core machine). VIGIL_BENCH_PROFILE=DIR keeps Chromium's profile,
// and so the store, in DIR for the next run (with the same VIGIL_BENCH_PORT,
// the same origin), which then only reloads.

import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/chromium';
import { DEFAULT_TSDB_DB } from '../engine/engine';
import { MILLION } from './millionSeries';
import { servePreview } from './previewServer';

const RELOADS = 10;
/** A reload not answered by then fails the bench; VIGIL_BENCH_ANSWER_MS to see how long it does take. */
const ANSWER_TIMEOUT_MS = Number(process.env.VIGIL_BENCH_ANSWER_MS ?? 120_000);
/** How long the closed tab restores before it closes: well inside a million-series restore. */
const CLOSE_AFTER_MS = 1_500;

/** The store writer as one script: the engine's code, bundled, setting `__vigilWriteStore`. */
async function writerScript(): Promise<string> {
  const out = await build({
    stdin: {
      contents: `
        import { openTsdb } from '../tsdb/tsdb';
        import { loadMillion } from './millionSeries';
        globalThis.__vigilWriteStore = async (name, n, end) => {
          const db = await openTsdb({ name });
          loadMillion(db, end - 45_000, 3, n);
          await db.checkpoint();
          // A second checkpoint after more scrapes leaves a log record to replay, as a running engine does.
          loadMillion(db, end, 3, n);
          await db.checkpoint();
          const series = db.stats().headSeries;
          await db.close();
          return series;
        };`,
      resolveDir: dirname(fileURLToPath(import.meta.url)),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    target: 'es2022',
  });
  return out.outputFiles[0].text;
}

/** The page header's and Status' words while the engine is not answering, for a failure message. */
async function pageWords(page: Page): Promise<string> {
  return page
    .evaluate(() => {
      const banner = document.querySelector('[aria-label="Engine start"]')?.textContent ?? '(no start banner)';
      const engineCard = document.querySelector('.page .card p:nth-of-type(2)')?.textContent ?? '';
      return `banner: ${banner}; status: ${engineCard}`;
    })
    .catch((e: unknown) => `page unreadable: ${String(e)}`);
}

/** Ms from this document's navigation until Status shows at least `want` head series. */
async function answered(page: Page, want: number, label: string): Promise<number> {
  try {
    const handle = await page.waitForFunction(
      (n) => {
        const row = [...document.querySelectorAll('[aria-label="Storage"] tr')].find((r) => r.querySelector('th')?.textContent === 'Head series');
        const count = Number((row?.querySelector('td')?.textContent ?? '').replace(/,/g, ''));
        return count >= n ? performance.now() : false;
      },
      want,
      { polling: 50, timeout: ANSWER_TIMEOUT_MS },
    );
    return Math.round((await handle.jsonValue()) as number);
  } catch (e) {
    throw new Error(`restore reload bench: ${label}: no answer within ${ANSWER_TIMEOUT_MS} ms; ${await pageWords(page)} (${String(e).split('\n')[0]})`, { cause: e });
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function openStatus(context: BrowserContext, errors: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/#/status');
  return page;
}

export async function bench(): Promise<Record<string, number | string>> {
  const n = Number(process.env.VIGIL_BENCH_SERIES ?? MILLION);
  const script = await writerScript();
  const server = await servePreview();
  const profile = process.env.VIGIL_BENCH_PROFILE;
  let context: BrowserContext | undefined;
  const errors: string[] = [];
  try {
    const options = { baseURL: server.url, viewport: { width: 1600, height: 1000 } };
    context = profile
      ? await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, ...options })
      : await (await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })).newContext(options);
    const marker = profile === undefined ? undefined : join(profile, `vigil-bench-store-${n}-${new URL(server.url).port}`);
    if (marker === undefined || !existsSync(marker)) {
      const writer = await context.newPage();
      await writer.goto('/favicon.svg');
      const t0 = performance.now();
      const stored = (await writer.evaluate(`(async () => { ${script}; return globalThis.__vigilWriteStore(${JSON.stringify(DEFAULT_TSDB_DB)}, ${n}, ${Date.now()}); })()`)) as number;
      process.stderr.write(`  wrote ${stored} series in ${Math.round(performance.now() - t0)} ms\n`);
      await writer.close();
      if (marker) writeFileSync(marker, '');
    }

    const page = await openStatus(context, errors);
    const first = await answered(page, n, 'first open');
    process.stderr.write(`  first open: ${first} ms\n`);
    const times: number[] = [];
    for (let i = 0; i < RELOADS; i++) {
      await page.reload();
      times.push(await answered(page, n, `reload ${i + 1}`));
      process.stderr.write(`  reload ${i + 1}: ${times[i]} ms\n`);
    }

    const second = await openStatus(context, errors);
    await answered(second, n, 'second tab');
    await page.reload();
    const withSecond = await answered(page, n, 'reload beside a second tab');
    process.stderr.write(`  reload beside a second tab: ${withSecond} ms\n`);
    await second.close();
    await page.close();

    const dying = await openStatus(context, errors);
    await dying.waitForTimeout(CLOSE_AFTER_MS);
    process.stderr.write(`  closing a tab mid-restore: ${await pageWords(dying)}\n`);
    await dying.close();
    const fresh = await openStatus(context, errors);
    const afterClose = await answered(fresh, n, 'tab opened after one closed mid-restore');
    process.stderr.write(`  tab after one closed mid-restore: ${afterClose} ms\n`);
    if (errors.length > 0) throw new Error(`restore reload bench: page errors: ${errors.join(' | ')}`);
    const suffix = n === MILLION ? '1m_series' : `${n}_series`;
    return {
      [`engine_restore_ms_${suffix}`]: median(times),
      [`engine_restore_max_ms_${suffix}`]: Math.max(...times),
      [`engine_restore_reloads_${suffix}`]: times.join(' '),
      [`engine_restore_second_tab_ms_${suffix}`]: withSecond,
      [`engine_restore_after_close_ms_${suffix}`]: afterClose,
    };
  } finally {
    await context?.browser()?.close();
    await context?.close();
    server.stop();
  }
}
