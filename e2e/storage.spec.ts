import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { tableValue } from './panelTable';

test('samples scraped before a reload are still there after it', async ({ page }) => {
  const url = '/#/query?g0.expr=count_over_time(up{instance="demo-1"}[10m])&g0.tab=table';
  await page.goto(url);
  await expect.poll(() => tableValue(page), { timeout: 40_000 }).toBeGreaterThanOrEqual(4);
  const before = await tableValue(page);
  await page.reload();
  // Read at once, before the new engine has scraped much: the count can only hold or grow.
  await expect.poll(() => tableValue(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(before);
});

/** SIGKILLs the browser whose profile is `dir` (its command line names the directory). */
function killBrowser(dir: string): void {
  execFileSync('pkill', ['-KILL', '-f', `user-data-dir=${dir}`]);
}

test('a browser killed mid-write reopens whole, losing at most one checkpoint interval', async ({ baseURL }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'vigil-kill-'));
  const url = `${baseURL}/#/query?g0.expr=count_over_time(up{instance="demo-1"}[10m])&g0.tab=table`;
  const open = async () => {
    const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    return { context, page };
  };
  try {
    let { context, page } = await open();
    await expect.poll(() => tableValue(page), { timeout: 40_000 }).toBeGreaterThanOrEqual(4);
    for (const delayMs of [0, 2_300, 4_700]) {
      await page.waitForTimeout(delayMs);
      const before = await tableValue(page);
      // SIGKILL: no pagehide, no last flush, IndexedDB cut off wherever it was.
      killBrowser(dir);
      await new Promise((r) => setTimeout(r, 500));
      ({ context, page } = await open());
      // Checkpoints every 10 s at a 5 s scrape interval: at most 3 samples of demo-1's `up` may be gone.
      await expect.poll(() => tableValue(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(before - 3);
      await expect(page.getByRole('alert')).toHaveCount(0);
    }
    await context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
});

test('a tiny storage budget makes retention drop old blocks, say why, and scraping go on', async ({ page }) => {
  // 15 s blocks, a checkpoint every 2 s, 12 KB for all blocks: a few windows fill it.
  await page.goto('/?vigil.maxBytes=12000&vigil.chunkRangeMs=15000&vigil.checkpointEveryMs=2000#/status');
  const banner = page.getByRole('alert').filter({ hasText: 'Dropped the' });
  await expect(banner.first()).toContainText('exceeded the size limit', { timeout: 75_000 });
  await expect(banner.first()).toContainText('Scraping goes on.');
  const scrapes = async () => {
    const text = (await page.getByLabel('Engine self-metrics').textContent()) ?? '';
    return Number(/^vigil_tsdb_samples (\d+)$/m.exec(text)?.[1] ?? NaN);
  };
  await page.getByRole('link', { name: 'Targets' }).click();
  await expect(page.getByRole('region', { name: 'Pool demo' }).getByText('UP', { exact: true }).first()).toBeVisible();
  await page.getByRole('link', { name: 'Status' }).click();
  const before = await scrapes();
  await expect.poll(scrapes, { timeout: 20_000 }).not.toBe(before);
});

test('wiping the data, once confirmed, starts the samples afresh and keeps the configuration', async ({ page }) => {
  const url = '/#/query?g0.expr=count_over_time(up{instance="demo-1"}[10m])&g0.tab=table';
  await page.goto(url);
  await expect.poll(() => tableValue(page), { timeout: 40_000 }).toBeGreaterThanOrEqual(4);
  const before = await tableValue(page);
  await page.goto('/#/settings');
  await page.getByRole('button', { name: 'Wipe data…' }).click();
  await page.getByRole('button', { name: 'Keep it' }).click();
  await page.getByRole('button', { name: 'Wipe data…' }).click();
  const reloaded = page.waitForEvent('load');
  await page.getByRole('button', { name: 'Yes, wipe the data' }).click();
  await reloaded;
  await page.goto(url);
  await expect.poll(() => tableValue(page), { timeout: 20_000 }).toBeGreaterThan(0);
  expect(await tableValue(page)).toBeLessThan(before);
  await page.goto('/#/targets');
  await expect(page.getByRole('region', { name: 'Pool demo' })).toBeVisible();
});

/** Leaves the store at a newer version (as after running a newer Vigil), which this one cannot open. */
async function leaveNewerStore(page: Page): Promise<void> {
  await page.goto('/vigil-nothing-here');
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('vigil-tsdb', 99);
        req.onupgradeneeded = () => req.result.createObjectStore('series');
        req.onsuccess = () => {
          req.result.close();
          resolve();
        };
        req.onerror = () => reject(req.error);
      }),
  );
}

test('a store the engine cannot open says why at once, and wiping it starts the engine afresh', async ({ page }) => {
  await leaveNewerStore(page);
  await page.goto('/#/status');
  const banner = page.getByRole('alert', { name: 'Engine start' });
  await expect(banner).toContainText('The engine could not start: tsdb: cannot open IndexedDB database "vigil-tsdb"');
  await expect(page.getByRole('main')).toContainText('Could not start: tsdb: cannot open IndexedDB database');
  await banner.getByRole('button', { name: 'Wipe the stored samples and start again' }).click();
  await expect(page.getByRole('main')).toContainText('One engine for all tabs of this origin', { timeout: 20_000 });
  await expect(page.getByRole('alert', { name: 'Engine start' })).toHaveCount(0);
});

test('a store the engine cannot open may be left as it is: the engine starts read-only and says so', async ({ page }) => {
  await leaveNewerStore(page);
  await page.goto('/#/status');
  const banner = page.getByRole('alert', { name: 'Engine start' });
  await banner.getByRole('button', { name: 'Start read-only (keep the stored samples as they are)' }).click();
  await expect(page.getByRole('main')).toContainText('One engine for all tabs of this origin', { timeout: 20_000 });
  await expect(page.getByRole('alert', { name: 'Engine start' })).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Restore warning' })).toContainText('read-only: the stored samples could not be restored');
  // Scraping goes on in memory: the demo targets come up.
  await page.goto('/#/targets');
  await expect(page.getByText('UP', { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  const version = await page.evaluate(async () => (await indexedDB.databases()).find((d) => d.name === 'vigil-tsdb')?.version);
  expect(version).toBe(99);
});
