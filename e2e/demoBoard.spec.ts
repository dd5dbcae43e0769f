// A first open as a new user has it: the Demo service board, drawing the demo
// from its first scrapes, and the starter rule raising the alert banner when a
// demo instance restarts (a restart brought in as an exposition with
// timestamps, so the test need not wait for demo-3's quarter hour).

import { expect, test } from '@playwright/test';

test('a first open lands on the Demo service board, its panels draw, and a demo restart raises the banner', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await expect(page).toHaveURL(/#\/d\/demo-service/);
  await expect(page.getByRole('heading', { name: 'Demo service' })).toBeVisible({ timeout: 15_000 });

  const panels = page.locator('[role="region"][data-panel-state]');
  await expect.poll(() => panels.count(), { timeout: 15_000 }).toBeGreaterThan(4);
  const notDrawn = () => panels.evaluateAll((els) => els.filter((e) => e.getAttribute('data-panel-state') !== 'ok').map((e) => `${e.getAttribute('aria-label')}: ${e.getAttribute('data-panel-state')}`));
  await expect.poll(notDrawn, { timeout: 60_000 }).toEqual([]);

  // demo-9 restarted 30 s ago: its process start time moved between two samples.
  const now = Date.now();
  const started = Math.floor(now / 1000);
  const exposition = [
    '# TYPE process_start_time_seconds gauge',
    `process_start_time_seconds{job="demo",instance="demo-9"} ${started - 3600} ${now - 60_000}`,
    `process_start_time_seconds{job="demo",instance="demo-9"} ${started - 30} ${now - 30_000}`,
    '',
  ].join('\n');
  await page.goto('/#/settings');
  await page.getByLabel('Import data…').setInputFiles({ name: 'restart.prom', mimeType: 'text/plain', buffer: Buffer.from(exposition) });
  await expect(page.getByText(/Imported 2 samples/)).toBeVisible();

  await page.goto('/#/d/demo-service');
  const banner = page.getByRole('region', { name: 'Firing alerts' });
  await expect(banner).toContainText('DemoInstanceRestarted', { timeout: 30_000 });
  await expect(banner).toContainText('demo-9');
});
