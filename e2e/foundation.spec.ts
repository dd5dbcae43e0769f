import { expect, test, type Page } from '@playwright/test';

async function lastSampleText(page: Page): Promise<string> {
  const summary = page.getByRole('status', { name: 'Result summary' }).first();
  await expect(summary).toContainText('last sample at', { timeout: 30_000 });
  return (await summary.textContent()) ?? '';
}

test('the Query page graphs a moving demo series with nothing configured', async ({ page }, testInfo) => {
  await page.goto('/#/query?g0.expr=sum(rate(http_requests_total[30s]))&g0.range=5m');
  const panel = page.getByRole('region', { name: 'Query panel 1' });
  await expect(panel.locator('canvas').first()).toBeVisible({ timeout: 30_000 });
  // Two scrape rounds give rate() its two points.
  await expect.poll(async () => lastSampleText(page), { timeout: 30_000 }).toMatch(/[1-9]\d* series/);
  const before = await lastSampleText(page);
  const shot1 = await panel.screenshot();
  await testInfo.attach('graph-before', { body: shot1, contentType: 'image/png' });
  await page.waitForTimeout(15_000);
  const after = await lastSampleText(page);
  const shot2 = await panel.screenshot();
  await testInfo.attach('graph-after', { body: shot2, contentType: 'image/png' });
  expect(after).not.toBe(before);
  expect(shot2.equals(shot1)).toBe(false);
});

test('two tabs share one engine: one scrape loop per target', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await a.goto('/#/targets');
  await b.goto('/#/targets');
  for (const p of [a, b]) await expect(p.getByRole('region', { name: 'Pool demo' }).getByText(/^(UP|DOWN)$/)).toHaveCount(3, { timeout: 30_000 });
  await b.goto('/#/status');
  const metrics = b.getByLabel('Engine self-metrics');
  await expect(metrics).toContainText(/^vigil_scrape_loops 4$/m);
  await expect(b.getByText('One engine for all tabs')).toBeVisible();
});

test('without SharedWorker, a Web Lock elects one scraping tab and the other takes over when it closes', async ({ context }) => {
  const a = await context.newPage();
  await a.goto('/?engine=dedicated#/status');
  await expect(a.getByText('This tab’s engine scrapes and writes')).toBeVisible({ timeout: 30_000 });
  const b = await context.newPage();
  await b.goto('/?engine=dedicated#/status');
  await expect(b.getByText('Another tab’s engine scrapes; this one only reads.')).toBeVisible({ timeout: 30_000 });
  await expect(a.getByLabel('Engine self-metrics')).toContainText(/^vigil_scrape_loops 4$/m);
  await expect(b.getByLabel('Engine self-metrics')).toContainText(/^vigil_scrape_loops 0$/m);
  // A reading tab answers queries with the scraping tab's live data: a header row and one per target.
  const c = await context.newPage();
  await c.goto('/?engine=dedicated#/query?g0.expr=up&g0.tab=table');
  await expect(c.getByRole('region', { name: 'Query panel 1' }).getByRole('row')).toHaveCount(5, { timeout: 30_000 });
  await c.close();
  await a.close();
  await expect(b.getByText('This tab’s engine scrapes and writes')).toBeVisible({ timeout: 30_000 });
  await expect(b.getByLabel('Engine self-metrics')).toContainText(/^vigil_scrape_loops 4$/m);
});

test('the configuration survives a reload', async ({ page }) => {
  await page.goto('/#/targets');
  const editor = page.getByRole('textbox', { name: 'Configuration YAML' });
  await expect(editor).toContainText('scrape_interval: 5s');
  const text = (await editor.innerText()).replace('scrape_interval: 5s', 'scrape_interval: 7s');
  await editor.fill(text);
  await page.getByRole('button', { name: 'Save and apply' }).click();
  await expect(page.getByText('Saved and applied.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Configuration YAML' })).toContainText(/scrape_interval: 7s/);
});

test('a broken configuration is refused with its line and cause, and the running one stays', async ({ page }) => {
  await page.goto('/#/targets');
  const editor = page.getByRole('textbox', { name: 'Configuration YAML' });
  await expect(editor).toContainText('job_name: demo');
  await editor.fill((await editor.innerText()).replace('scrape_interval: 5s', 'scrape_intervall: 5s'));
  await page.getByRole('button', { name: 'Save and apply' }).click();
  await expect(page.getByRole('alert', { name: 'Configuration problems' })).toContainText(/line \d+, column \d+: .*scrape_intervall/);
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Configuration YAML' })).toContainText(/scrape_interval: 5s/);
});
