// The metrics explorer and label browser: find a metric, pick label values,
// and open the selector they build in a Query panel.

import { expect, test } from '@playwright/test';

test('a selector built in the label browser opens in a Query panel', async ({ page }) => {
  await page.goto('/#/metrics');
  await page.getByRole('searchbox', { name: 'Search metrics by name or HELP' }).fill('http_requests_total');
  const metric = page.getByRole('button', { name: /^http_requests_total\b/ });
  await expect(metric).toBeVisible({ timeout: 30_000 });
  await metric.click();
  const browser = page.getByRole('region', { name: 'Labels of http_requests_total' });
  await expect(browser).toContainText('Total HTTP requests');
  await browser.getByRole('button', { name: /^handler/ }).click();
  await browser.getByRole('checkbox', { name: /^\/login\b/ }).check();
  await browser.getByRole('button', { name: /^method/ }).click();
  await browser.getByRole('checkbox', { name: /^GET\b/ }).check();
  await expect(browser.getByLabel('Selector')).toHaveText('http_requests_total{handler="/login",method="GET"}');
  await browser.getByRole('button', { name: 'Open in Query' }).click();
  await expect(page).toHaveURL(/#\/query\?/);
  const panels = page.getByRole('region', { name: /^Query panel/ });
  const last = panels.last();
  await expect(last.getByRole('textbox', { name: /^Expression of panel/ })).toHaveText('http_requests_total{handler="/login",method="GET"}');
  await expect(last.getByRole('status', { name: 'Result summary' })).toContainText(/[1-9]\d* series/, { timeout: 20_000 });
});
