// The dashboard in Chromium, as a person meets it: 24 h of 1,000 series
// stored, a 20-panel board, the page reloaded.
//   dashboard_first_paint_ms: from navigation to every panel region
//     (`[role=region][data-panel-state]`) being `ok` or `empty`;
//   dashboard_live_longest_task_ms: the longest main-thread task (the
//     Long Tasks API, which reports tasks of 50 ms and more; 0 when none)
//     while the board refreshes every 5 s for a minute.
// Builds the app, serves it with `vite preview` on 127.0.0.1 and drives
// Debian's Chromium. Skips, saying why, while the board page (`#/d/<uid>`) is
// not there. VIGIL_BENCH_LIVE_S shortens the live minute for a trial run.

import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/chromium';
import { DEMO_DASHBOARD_UID } from '../dashboards/shipped/index';
import type { Dashboard } from '../dashboards/model';
import type { StoredBoard } from '../engine/boardStore';
import { BENCH_BOARD_UID, BENCH_SERIES, benchBoard, benchExposition } from './dashboardBenchData';
import { servePreview } from './previewServer';

/** The day is imported in pieces of this many hours, so no one file is large. */
const PIECE_HOURS = 3;
const PANELS = 20;
/** Time the engine gets to checkpoint what was imported before the reload (its checkpoint runs every 10 s). */
const CHECKPOINT_WAIT_MS = 12_000;
const ROUTE_WAIT_MS = 30_000;
const PAINT_TIMEOUT_MS = 180_000;
const LIVE_MS = Number(process.env.VIGIL_BENCH_LIVE_S ?? 60) * 1000;

/** Runs in the page before its scripts: collects long tasks and counts panel state changes (the refreshes). */
const OBSERVE = `
window.__vigilLongTasks = [];
window.__vigilStateChanges = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__vigilLongTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
new MutationObserver((records) => { window.__vigilStateChanges += records.length; }).observe(document, { subtree: true, attributeFilter: ['data-panel-state'] });
`;

interface Observed {
  __vigilLongTasks: number[];
  __vigilStateChanges: number;
}

function boardUrl(uid: string): string {
  return `/#/d/${uid}?from=now-24h&to=now&refresh=5s`;
}

/** Whether the board page draws panel regions: the shipped demo board shows one within the wait when it does. */
async function boardRouteExists(page: Page): Promise<boolean> {
  await page.goto(boardUrl(DEMO_DASHBOARD_UID));
  return page
    .locator('[role="region"][data-panel-state]')
    .first()
    .waitFor({ timeout: ROUTE_WAIT_MS })
    .then(
      () => true,
      () => false,
    );
}

/** Imports the last 24 h of the bench data through Settings' "Import data…", as a person would, refusing any loss. */
async function importDay(page: Page, endMs: number): Promise<void> {
  await page.goto('/#/settings');
  for (let h = 24; h > 0; h -= PIECE_HOURS) {
    const name = `bench-${h}h.prom`;
    const text = benchExposition(endMs - h * 3_600_000, endMs - (h - PIECE_HOURS) * 3_600_000);
    await page.getByLabel('Import data…').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
    // The page's message names the file whether it was imported or refused.
    const message = page.getByText(name);
    await message.waitFor({ timeout: 120_000 });
    const said = (await message.textContent()) ?? '';
    if (!said.startsWith('Imported') || said.includes('refused')) throw new Error(`dashboard bench: importing ${name}: ${said}`);
  }
}

/** Stores the board in the engine's board database (the engine opened it at start, so its stores exist). */
async function storeBoard(page: Page, board: Dashboard): Promise<void> {
  const stored: StoredBoard = { board, starred: false, updatedMs: Date.now() };
  const problem = await page.evaluate(
    (s) =>
      new Promise<string>((resolve) => {
        const req = indexedDB.open('vigil-dashboards');
        req.onerror = () => resolve(String(req.error));
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('boards')) {
            db.close();
            resolve('the engine has not created its board database');
            return;
          }
          const tx = db.transaction('boards', 'readwrite');
          tx.objectStore('boards').put(s, s.board.uid);
          tx.oncomplete = () => {
            db.close();
            resolve('');
          };
          tx.onerror = () => resolve(String(tx.error));
        };
      }),
    stored,
  );
  if (problem !== '') throw new Error(`dashboard bench: storing the board: ${problem}`);
}

/** Milliseconds from navigation until every panel is drawn (`ok`) or answered empty; a panel in error fails the bench. */
async function firstPaint(page: Page): Promise<number> {
  await page.goto(boardUrl(BENCH_BOARD_UID));
  const handle = await page.waitForFunction(
    (want) => {
      const regions = [...document.querySelectorAll('[role="region"][data-panel-state]')];
      const failed = regions.filter((r) => r.getAttribute('data-panel-state') === 'error');
      if (failed.length > 0) return { error: failed.map((r) => `${r.getAttribute('aria-label')}: ${r.textContent}`).join('; ') };
      const done = regions.filter((r) => ['ok', 'empty'].includes(r.getAttribute('data-panel-state') ?? ''));
      return regions.length >= want && done.length === regions.length ? { ms: performance.now() } : false;
    },
    PANELS,
    { polling: 'raf', timeout: PAINT_TIMEOUT_MS },
  );
  const r = (await handle.jsonValue()) as { ms: number } | { error: string };
  if ('error' in r) throw new Error(`dashboard bench: panels in error: ${r.error}`);
  return r.ms;
}

/** The longest task while the board refreshes on its own for LIVE_MS, and how many panel state changes (refreshes) happened. */
async function liveLongestTask(page: Page): Promise<{ longest: number; changes: number }> {
  await page.evaluate(() => {
    const w = window as unknown as Observed;
    w.__vigilLongTasks = [];
    w.__vigilStateChanges = 0;
  });
  await page.waitForTimeout(LIVE_MS);
  return page.evaluate(() => {
    const w = window as unknown as Observed;
    return { longest: Math.max(0, ...w.__vigilLongTasks), changes: w.__vigilStateChanges };
  });
}

export async function bench(): Promise<Record<string, number>> {
  const server = await servePreview();
  const { url } = server;
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    // Tall enough that all five rows of panels are on screen, so none waits to be scrolled to.
    const context = await browser.newContext({ baseURL: url, viewport: { width: 1920, height: 1600 } });
    await context.addInitScript(OBSERVE);
    const page = await context.newPage();
    if (!(await boardRouteExists(page))) {
      process.stderr.write(`  skipped: ${boardUrl(DEMO_DASHBOARD_UID)} shows no panel region ([role=region][data-panel-state]) within ${ROUTE_WAIT_MS / 1000} s: the board page has not landed\n`);
      return {};
    }
    const end = Date.now();
    await importDay(page, end);
    await storeBoard(page, benchBoard());
    process.stderr.write(`  stored 24 h of ${BENCH_SERIES} series and the ${PANELS}-panel board\n`);
    await page.waitForTimeout(CHECKPOINT_WAIT_MS);
    // The reload: with no page open the engine's worker ends, so the board's first paint includes the store's restore.
    await page.goto('about:blank');
    const paint = await firstPaint(page);
    const live = await liveLongestTask(page);
    process.stderr.write(`  ${live.changes} panel state changes while live for ${LIVE_MS / 1000} s\n`);
    if (live.changes === 0) throw new Error('dashboard bench: no panel refreshed while the board was live (refresh=5s)');
    return {
      dashboard_first_paint_ms: Math.round(paint),
      dashboard_live_longest_task_ms: Math.round(live.longest),
    };
  } finally {
    await browser?.close();
    server.stop();
  }
}
