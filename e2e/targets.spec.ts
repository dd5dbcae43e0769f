// The Targets page's form: adding a target and seeing it scraped, the error a
// target refusing cross-origin reads gets, and untrusted text shown inert.

import { expect, test, type Page } from '@playwright/test';
import { serveMetrics } from './targetServers';

async function addTarget(page: Page, job: string, url: string): Promise<void> {
  await page.goto('/#/targets');
  await page.getByRole('button', { name: 'Add target' }).click();
  const form = page.getByRole('form', { name: 'Add target' });
  await form.getByLabel('Job').fill(job);
  await form.getByLabel('URL').fill(url);
  await form.getByRole('button', { name: 'Add target' }).click();
  await expect(form).toBeHidden();
}

test('a target added through the form is scraped and goes up, and can be removed again', async ({ page, baseURL }) => {
  const url = `${baseURL}/demo/2/metrics`;
  await addTarget(page, 'demo-two', url);
  const pool = page.getByRole('region', { name: 'Pool demo-two' });
  await expect(pool.getByText('UP', { exact: true })).toBeVisible({ timeout: 20_000 });
  const yaml = page.getByRole('textbox', { name: 'Configuration YAML' });
  await expect(yaml).toContainText(/job_name: demo-two/);
  await pool.getByRole('button', { name: `Remove ${url}` }).click();
  await pool.getByRole('button', { name: `Confirm removing ${url}` }).click();
  await expect(pool).toBeHidden();
  await expect(yaml).not.toContainText(/demo-two/);
});

test('a target that refuses cross-origin reads shows why it is down', async ({ page }) => {
  const server = await serveMetrics('refused_metric 1\n', false);
  try {
    await addTarget(page, 'no-cors', server.url);
    const pool = page.getByRole('region', { name: 'Pool no-cors' });
    await expect(pool.getByText('DOWN', { exact: true })).toBeVisible({ timeout: 20_000 });
    await expect(pool).toContainText('Access-Control-Allow-Origin');
    await expect(pool).toContainText('the browser could not fetch the target');
  } finally {
    await server.close();
  }
});

const XSS = '<img src=x onerror=alert(1)>';

test('markup in a label value and a HELP string is shown as text, never run', async ({ page }) => {
  const server = await serveMetrics(`# HELP xss_metric ${XSS} help\n# TYPE xss_metric gauge\nxss_metric{evil="${XSS}"} 1\n`, true);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  try {
    await addTarget(page, 'xss', server.url);
    const pool = page.getByRole('region', { name: 'Pool xss' });
    await expect(pool.getByText('UP', { exact: true })).toBeVisible({ timeout: 20_000 });

    await page.goto('/#/metrics?metric=xss_metric');
    const browser = page.getByRole('region', { name: 'Labels of xss_metric' });
    await expect(browser.getByText(`${XSS} help`)).toBeVisible({ timeout: 20_000 });
    await browser.getByRole('button', { name: /^evil/ }).click();
    await expect(browser.getByRole('list', { name: 'Values of evil' })).toContainText(XSS);

    await page.goto(`/#/query?g0.expr=xss_metric&g0.tab=table`);
    await expect(page.getByRole('cell', { name: XSS, exact: true })).toBeVisible({ timeout: 20_000 });
    await page.getByRole('tab', { name: 'Graph' }).click();
    await expect(page.getByRole('list', { name: 'Series' })).toContainText(XSS);

    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    expect(dialogs).toEqual([]);
  } finally {
    await server.close();
  }
});
