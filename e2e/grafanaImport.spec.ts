// A Grafana node_exporter board brought as people bring theirs: Debian's
// node_exporter scraped through nginx with CORS, the board's JSON (written in
// Grafana's model, with a ${DS_PROMETHEUS} input and instance/job variables)
// pasted into the import form. Every panel must draw, none may fail.

import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { missingNodeExporter, NodeExporter } from './nodeExporter';

const missing = missingNodeExporter();
const BOARD = readFileSync(new URL('./fixtures/node-exporter-grafana.json', import.meta.url), 'utf8');

async function addScrapeJob(page: Page, job: string, address: string): Promise<void> {
  await page.goto('/#/targets');
  const editor = page.getByRole('textbox', { name: 'Configuration YAML' });
  await expect(editor).toContainText('job_name: demo');
  const text = `\n  - job_name: ${job}\n    scrape_interval: 2s\n    static_configs:\n      - targets: ['${address}']\n`;
  await editor.fill((await editor.innerText()) + text);
  await page.getByRole('button', { name: 'Save and apply' }).click();
  await expect(page.getByText('Saved and applied.')).toBeVisible();
  await expect(page.getByRole('region', { name: `Pool ${job}` }).getByText('UP', { exact: true })).toBeVisible({ timeout: 20_000 });
}

test(`a Grafana node_exporter board imports, and every panel draws node_exporter's series${missing ? ` (skipped: ${missing} not installed)` : ''}`, async ({ page }) => {
  test.skip(missing !== '', `needs ${missing}`);
  test.setTimeout(120_000);
  const exporter = new NodeExporter();
  await exporter.start();
  try {
    await addScrapeJob(page, 'node', exporter.address);
    // rate() over $__rate_interval needs a few scrapes of node_exporter first.
    await page.waitForTimeout(10_000);

    await page.goto('/#/dashboards');
    await page.getByRole('button', { name: 'Import dashboard' }).click();
    await page.getByRole('textbox', { name: 'Dashboard JSON' }).fill(BOARD);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page).toHaveURL(/#\/d\//, { timeout: 15_000 });

    const panels = page.locator('[role="region"][data-panel-state]');
    const expected = (JSON.parse(BOARD) as { panels: { type: string }[] }).panels.filter((p) => p.type !== 'row').length;
    await expect(panels).toHaveCount(expected, { timeout: 15_000 });
    await expect
      .poll(async () => panels.evaluateAll((els) => els.map((e) => `${e.getAttribute('aria-label')}: ${e.getAttribute('data-panel-state')}`).filter((s) => !s.endsWith(': ok'))), {
        timeout: 45_000,
      })
      .toEqual([]);
    await expect(page.getByRole('combobox', { name: /instance/i }).or(page.getByRole('listbox', { name: /instance/i })).or(page.getByRole('button', { name: /instance/i })).first()).toBeVisible();
  } finally {
    await exporter.stop();
  }
});
